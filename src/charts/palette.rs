//! Series colours: Okabe–Ito, which colour-blind readers can tell apart, then Paul Tol's
//! "muted" set for the 8th to 16th entity; never the reference series' grey. An entity keeps its
//! colour slot while selected, so it has the same colour in every view and every figure.

/// RGB colours for selected entities, in slot order: Okabe–Ito's seven colours and black, then
/// Tol's muted eight.
pub const SERIES: [[u8; 3]; 16] = [
    [0x00, 0x72, 0xB2], // blue
    [0xE6, 0x9F, 0x00], // orange
    [0x00, 0x9E, 0x73], // bluish green
    [0xCC, 0x79, 0xA7], // reddish purple
    [0xD5, 0x5E, 0x00], // vermillion
    [0x56, 0xB4, 0xE9], // sky blue
    [0x8C, 0x6D, 0x31], // brown (Okabe–Ito's yellow is too light on white)
    [0x00, 0x00, 0x00], // black
    [0x33, 0x22, 0x88], // indigo
    [0x88, 0xCC, 0xEE], // cyan
    [0x44, 0xAA, 0x99], // teal
    [0x11, 0x77, 0x33], // green
    [0x99, 0x99, 0x33], // olive
    [0xDD, 0xCC, 0x77], // sand
    [0xCC, 0x66, 0x77], // rose
    [0x88, 0x22, 0x55], // wine
];

/// Reference profiles (median, top-10 mean, baseline): neutral greys.
pub const REFERENCE: [u8; 3] = [0x70, 0x70, 0x70];

/// The colour of slot `slot` (slots past the palette reuse it).
#[must_use]
pub fn series_colour(slot: usize) -> [u8; 3] {
    SERIES[slot % SERIES.len()]
}

/// Colour `index` of `count` on a blue ramp from the oldest year to the newest, the newest the
/// strongest against the background: light to dark on a light background (and in figures),
/// dark to light on a dark one. Every colour is at least 3:1 against its background (WCAG's
/// rule for marks).
#[must_use]
pub fn ramp_on(index: usize, count: usize, dark: bool) -> [u8; 3] {
    #[expect(clippy::cast_precision_loss, reason = "year counts are tiny")]
    let t = if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        1.0
    };
    let (old, new) = if dark {
        ([33.0, 113.0, 181.0_f64], [198.0, 219.0, 239.0_f64]) // #2171B5 → #C6DBEF
    } else {
        ([66.0, 146.0, 198.0_f64], [8.0, 48.0, 107.0_f64]) // #4292C6 → #08306B
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "interpolated within 0..=255"
    )]
    let channel = |i: usize| (old[i] + (new[i] - old[i]) * t).round() as u8;
    [channel(0), channel(1), channel(2)]
}

/// WCAG AA for text: the least contrast a series-coloured label needs.
pub const TEXT_CONTRAST: f64 = 4.5;

/// `colour` as text on `background`: itself when it reads at [`TEXT_CONTRAST`], else the same
/// hue darkened (on a light background) or lightened (on a dark one) just enough. A label keeps
/// its series' hue while the line or swatch beside it keeps the series' own colour.
#[must_use]
pub fn readable_text(colour: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let towards = if contrast(background, [0, 0, 0]) > contrast(background, [255, 255, 255]) {
        0.0 // a light background: towards black
    } else {
        255.0
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a blend within 0..=255"
    )]
    let blend =
        |t: f64| colour.map(|c| (f64::from(c) + (towards - f64::from(c)) * t).round() as u8);
    (0..=50)
        .map(|step| blend(f64::from(step) / 50.0))
        .find(|&c| contrast(c, background) >= TEXT_CONTRAST)
        .unwrap_or_else(|| blend(1.0))
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
#[must_use]
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let luminance = |c: [u8; 3]| {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// [`ramp_on`] a light background: the figures' (white) and the light theme's.
#[must_use]
pub fn ramp(index: usize, count: usize) -> [u8; 3] {
    ramp_on(index, count, false)
}

/// A correlation's colour: blue for positive, vermillion for negative, paler towards 0; grey
/// when missing.
#[must_use]
pub fn correlation_colour(r: Option<f64>) -> [u8; 3] {
    let Some(r) = r.filter(|r| r.is_finite()) else {
        return [0xee, 0xee, 0xee];
    };
    let (full, t) = if r >= 0.0 {
        ([0x00, 0x72, 0xb2], r.min(1.0))
    } else {
        ([0xd5, 0x5e, 0x00], (-r).min(1.0))
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a blend within 0..=255"
    )]
    full.map(|c| (255.0 + (f64::from(c) - 255.0) * t).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_labels_read_at_aa_on_white_and_on_both_themes() {
        // White (figures), egui's light and dark panels.
        for background in [[255, 255, 255], [248, 248, 248], [27, 27, 27]] {
            for colour in SERIES {
                let text = readable_text(colour, background);
                assert!(
                    contrast(text, background) >= TEXT_CONTRAST,
                    "{colour:?} on {background:?}: {text:?}"
                );
            }
        }
        // A colour that already reads stays as it is; Okabe–Ito orange on white (2.0:1) is
        // darkened, keeping its hue: red above green above blue.
        assert_eq!(
            readable_text([0x00, 0x72, 0xB2], [255, 255, 255]),
            [0x00, 0x72, 0xB2]
        );
        let orange = readable_text([0xE6, 0x9F, 0x00], [255, 255, 255]);
        assert!(contrast([0xE6, 0x9F, 0x00], [255, 255, 255]) < 2.5);
        assert!(orange[0] > orange[1] && orange[1] > orange[2], "{orange:?}");
        assert!(orange[0] < 0xE6, "{orange:?}");
    }

    #[test]
    fn every_year_colour_stands_out_from_its_background_the_newest_most() {
        for (dark, background) in [
            (false, [255, 255, 255]),
            (false, [248, 248, 248]),
            (true, [27, 27, 27]),
        ] {
            let colours: Vec<[u8; 3]> = (0..5).map(|i| ramp_on(i, 5, dark)).collect();
            let ratios: Vec<f64> = colours.iter().map(|&c| contrast(c, background)).collect();
            assert!(ratios.iter().all(|&r| r >= 3.0), "dark {dark}: {ratios:?}");
            assert!(
                ratios.windows(2).all(|w| w[1] >= w[0]),
                "newest strongest: {ratios:?}"
            );
        }
    }

    #[test]
    fn sixteen_entities_get_sixteen_colours_none_of_them_the_reference_grey() {
        let colours: Vec<[u8; 3]> = (0..16).map(series_colour).collect();
        for (i, a) in colours.iter().enumerate() {
            assert_ne!(*a, REFERENCE, "slot {i}");
            assert!(colours[i + 1..].iter().all(|b| b != a), "slot {i} repeated");
            // No greys: a series colour has a hue (black excepted, which reads as text-dark).
            let spread =
                a.iter().max().copied().unwrap_or(0) - a.iter().min().copied().unwrap_or(0);
            assert!(spread > 40 || *a == [0, 0, 0], "slot {i} is grey");
        }
        assert_eq!(
            series_colour(16),
            series_colour(0),
            "then the palette repeats"
        );
    }
}
