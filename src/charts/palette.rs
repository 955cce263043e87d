//! Series colours: Okabe–Ito, which colour-blind readers can tell apart. An entity keeps its
//! colour slot while selected, so it has the same colour in every view.

/// RGB colours for selected entities, in slot order.
pub const SERIES: [[u8; 3]; 8] = [
    [0x00, 0x72, 0xB2], // blue
    [0xE6, 0x9F, 0x00], // orange
    [0x00, 0x9E, 0x73], // bluish green
    [0xCC, 0x79, 0xA7], // reddish purple
    [0xD5, 0x5E, 0x00], // vermillion
    [0x56, 0xB4, 0xE9], // sky blue
    [0x8C, 0x6D, 0x31], // brown
    [0x59, 0x59, 0x59], // dark grey
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
