//! The figures' type: sizes in points, line heights and the header's place. A canvas is measured
//! in points too, so on a canvas given on paper (16 cm by default) these are the sizes in the
//! report: 10-point body text, as a report's own.

/// The title, shrinking to [`TITLE_MIN`] before it is cut.
pub const TITLE: f64 = 14.0;
/// The smallest the title shrinks to.
pub const TITLE_MIN: f64 = 11.0;
/// The subtitle, column heads of the rank charts and the capacity panels' titles.
pub const SUBTITLE: f64 = 11.0;
/// Labels, legend entries and table cells: body text.
pub const BODY: f64 = 10.0;
/// Ticks, places, scores in a legend, notes and captions.
pub const SMALL: f64 = 9.0;

/// The left and right margin of every figure.
pub const MARGIN: f64 = 24.0;
/// The title's baseline.
pub const TITLE_BASELINE: f64 = 30.0;
/// The subtitle's baseline.
pub const SUBTITLE_BASELINE: f64 = 47.0;
/// Where the figure's body may start: below the subtitle.
pub const BODY_TOP: f64 = 60.0;
/// The room under the caption's last baseline.
pub const FOOT: f64 = 14.0;

/// The distance between the baselines of two lines of text of `size` points.
#[must_use]
pub fn line_height(size: f64) -> f64 {
    (size * 1.3).round()
}

// The header stacks without touching: the title's descenders end above the subtitle's cap
// height, the subtitle's above the body, and the title's ascenders stay on the canvas.
const _: () = assert!(TITLE_BASELINE + 0.25 * TITLE < SUBTITLE_BASELINE - 0.8 * SUBTITLE);
const _: () = assert!(SUBTITLE_BASELINE + 0.25 * SUBTITLE < BODY_TOP);
const _: () = assert!(TITLE_BASELINE - 0.9 * TITLE > 0.0);
