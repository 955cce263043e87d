//! Series colours, one set per background. On white (the figures) and the light theme, sixteen
//! colours that each read at 4.5:1 or more; on the dark theme, their sixteen twins at 4.5:1 on
//! its panels. Each set was searched for (CIEDE2000 distances, Machado's simulation of deutan
//! and protan vision) to keep every pair apart: in both sets no two colours, the reference grey
//! included, are closer than ΔE₀₀ 13, and the first eight stay 9 apart for colour-blind readers
//! (Okabe–Ito on white, which they replace, has pairs at 8 and 5.3 and most colours under 3:1).
//! An entity keeps its colour slot while selected, so it has the same colour in every view and
//! every figure; the dark theme shows the slot's twin.

/// Series colours on a light background (figures, the light theme), in slot order. Each at least
/// 4.5:1 on white and on the light theme's panels.
pub const SERIES: [[u8; 3]; 16] = [
    [0x00, 0x73, 0xB4], // blue
    [0x9B, 0x64, 0x00], // ochre
    [0x32, 0x7D, 0x50], // green
    [0xC3, 0x0A, 0x91], // magenta
    [0x87, 0x37, 0x0A], // rust
    [0x00, 0x69, 0x7D], // teal
    [0x3C, 0x23, 0x00], // dark brown
    [0x00, 0x00, 0x00], // black
    [0x32, 0x23, 0x87], // indigo
    [0x5F, 0x5A, 0xF5], // violet
    [0x73, 0x73, 0x2D], // olive
    [0x00, 0x4B, 0x05], // forest green
    [0x41, 0x7D, 0x00], // grass green
    [0x9B, 0x5F, 0x5A], // rosewood
    [0xDC, 0x00, 0x55], // crimson
    [0x78, 0x23, 0x46], // wine
];

/// The dark theme's twins of [`SERIES`], slot for slot, each at least 4.5:1 on its panels.
pub const SERIES_DARK: [[u8; 3]; 16] = [
    [0x37, 0x87, 0xD7], // blue
    [0xE6, 0xA0, 0x05], // orange
    [0x00, 0x9B, 0x69], // green
    [0xD7, 0x96, 0xC8], // pink
    [0xCD, 0x69, 0x1E], // vermillion
    [0x7D, 0xCD, 0xFF], // sky blue
    [0xC3, 0xB9, 0x7D], // sand
    [0xE6, 0xE6, 0xE6], // near white
    [0x96, 0x6E, 0xE1], // lavender
    [0x82, 0xD2, 0xCD], // aqua
    [0x32, 0x96, 0x9B], // teal
    [0x69, 0x91, 0x19], // olive green
    [0x9B, 0x82, 0x32], // ochre
    [0xAF, 0xDC, 0x05], // lime
    [0xCD, 0x64, 0x78], // rose
    [0xF5, 0x0A, 0xB9], // magenta
];

/// Reference profiles (median, top-10 mean, baseline): a neutral grey, 4.7:1 on the light panels.
pub const REFERENCE: [u8; 3] = [0x70, 0x70, 0x70];
/// The dark theme's reference grey, 6:1 on its panels.
pub const REFERENCE_DARK: [u8; 3] = [0x9A, 0x9A, 0x9A];

/// A rise (Okabe–Ito blue), a fall (vermillion) and an entrant (bluish green), shaded to read at
/// 4.5:1 as text and marks: on a light background, then on a dark one.
pub const RISE: [[u8; 3]; 2] = [[0x00, 0x72, 0xB2], [0x56, 0xB4, 0xE9]];
/// See [`RISE`].
pub const FALL: [[u8; 3]; 2] = [[0xB3, 0x4E, 0x00], [0xFF, 0x8A, 0x3D]];
/// See [`RISE`].
pub const NEW: [[u8; 3]; 2] = [[0x00, 0x7A, 0x5A], [0x2E, 0xC4, 0x9A]];

/// A chart colour as the background needs it: a light-background colour (as charts are built,
/// for figures on white) is itself on a light background; on a dark one, a series colour, the
/// reference grey and the change colours become their dark twins. Other colours pass unchanged.
#[must_use]
pub fn on_background(colour: [u8; 3], dark: bool) -> [u8; 3] {
    if !dark {
        return colour;
    }
    if let Some(slot) = SERIES.iter().position(|&c| c == colour) {
        return SERIES_DARK[slot];
    }
    [REFERENCE, RISE[0], FALL[0], NEW[0]]
        .iter()
        .zip([REFERENCE_DARK, RISE[1], FALL[1], NEW[1]])
        .find_map(|(&light, dark)| (light == colour).then_some(dark))
        .unwrap_or(colour)
}

/// The colour of slot `slot` (slots past the palette reuse it).
#[must_use]
pub fn series_colour(slot: usize) -> [u8; 3] {
    SERIES[slot % SERIES.len()]
}

/// Colour `index` of `count` on a blue ramp from the oldest year to the newest, the newest the
/// strongest against the background: light to dark on a light background (and in figures),
/// dark to light on a dark one. Every colour is at least 4.5:1 against its background.
#[must_use]
pub fn ramp_on(index: usize, count: usize, dark: bool) -> [u8; 3] {
    #[expect(clippy::cast_precision_loss, reason = "year counts are tiny")]
    let t = if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        1.0
    };
    let (old, new) = if dark {
        ([74.0, 152.0, 208.0_f64], [198.0, 219.0, 239.0_f64]) // #4A98D0 → #C6DBEF
    } else {
        ([33.0, 113.0, 181.0_f64], [8.0, 48.0, 107.0_f64]) // #2171B5 → #08306B
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

    /// The backgrounds marks are drawn on: white (figures), the light theme's panels, and the
    /// dark theme's panels and text fields.
    const LIGHT: [[u8; 3]; 2] = [[255, 255, 255], [248, 248, 248]];
    const DARK: [[u8; 3]; 2] = [[27, 27, 27], [10, 10, 10]];

    #[test]
    fn every_mark_colour_reads_at_aa_on_its_background() {
        let light: Vec<[u8; 3]> = SERIES
            .iter()
            .copied()
            .chain([REFERENCE, RISE[0], FALL[0], NEW[0]])
            .collect();
        for colour in light {
            let dark = on_background(colour, true);
            assert_ne!(dark, colour, "{colour:?} has a dark twin");
            assert_eq!(on_background(colour, false), colour);
            for background in LIGHT {
                let ratio = contrast(colour, background);
                assert!(ratio >= 4.5, "{colour:?} on {background:?}: {ratio:.2}");
            }
            for background in DARK {
                let ratio = contrast(dark, background);
                assert!(ratio >= 4.5, "{dark:?} on {background:?}: {ratio:.2}");
            }
        }
        // Colours that are not the palette's pass through.
        assert_eq!(on_background([1, 2, 3], true), [1, 2, 3]);
    }

    #[test]
    fn no_two_series_colours_look_alike_on_either_background() {
        use crate::charts::colour_difference::{Vision, delta_e_2000, lab, lab_seen};
        for (set, reference) in [(SERIES, REFERENCE), (SERIES_DARK, REFERENCE_DARK)] {
            let with_grey: Vec<[u8; 3]> = set.iter().copied().chain([reference]).collect();
            let closest = |see: &dyn Fn([u8; 3]) -> [f64; 3], colours: &[[u8; 3]]| {
                let mut least = (f64::INFINITY, 0, 0);
                for (i, &a) in colours.iter().enumerate() {
                    for (j, &b) in colours.iter().enumerate().skip(i + 1) {
                        let d = delta_e_2000(see(a), see(b));
                        if d < least.0 {
                            least = (d, i, j);
                        }
                    }
                }
                least
            };
            // Side by side, ΔE₀₀ 13 is a plain difference of colour; every pair is that far apart.
            let normal = closest(&lab, &with_grey);
            assert!(normal.0 >= 13.0, "{set:?}: {normal:?}");
            // The first eight (the usual selection) stay apart for deutan and protan readers.
            for vision in [Vision::Deutan, Vision::Protan] {
                let seen = closest(&|c| lab_seen(c, vision), &set[..8]);
                assert!(seen.0 >= 8.5, "{vision:?}: {seen:?}");
            }
        }
    }

    #[test]
    fn every_year_colour_stands_out_from_its_background_the_newest_most() {
        for (dark, background) in [
            (false, [255, 255, 255]),
            (false, [248, 248, 248]),
            (true, [27, 27, 27]),
            (true, [10, 10, 10]),
        ] {
            let colours: Vec<[u8; 3]> = (0..5).map(|i| ramp_on(i, 5, dark)).collect();
            let ratios: Vec<f64> = colours.iter().map(|&c| contrast(c, background)).collect();
            assert!(ratios.iter().all(|&r| r >= 4.5), "dark {dark}: {ratios:?}");
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
