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

/// Colour `index` of `count` on a light-to-dark blue ramp (for years: older is lighter).
#[must_use]
pub fn ramp(index: usize, count: usize) -> [u8; 3] {
    #[expect(clippy::cast_precision_loss, reason = "year counts are tiny")]
    let t = if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        1.0
    };
    let light = [107.0, 174.0, 214.0_f64]; // #6BAED6
    let dark = [8.0, 48.0, 107.0_f64]; // #08306B
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "interpolated within 0..=255"
    )]
    let channel = |i: usize| (light[i] + (dark[i] - light[i]) * t).round() as u8;
    [channel(0), channel(1), channel(2)]
}

#[cfg(test)]
mod tests {
    use super::*;

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
