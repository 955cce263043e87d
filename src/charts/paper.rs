//! A figure's size on paper: centimetres in points, and the default figure, 16 cm wide (a Word
//! column on A4) at 300 dpi, on which the type scale's points are the report's points.

/// Points per centimetre (72 points to the inch).
pub const POINTS_PER_CM: f64 = 72.0 / 2.54;

/// The default figure's width on paper.
pub const DEFAULT_WIDTH_CM: f64 = 16.0;

/// The default resolution of a PNG on paper.
pub const DEFAULT_DPI: f64 = 300.0;

/// A PNG's pixels per point when the figure is sized in points rather than on paper.
pub const POINT_SIZED_SCALE: f32 = 2.0;

/// The aspect of most figures (width to height).
pub const ASPECT: [f64; 2] = [3.0, 2.0];

/// The canvas, in points, of a figure `width_cm` wide with the `aspect` given.
#[must_use]
pub fn canvas_of(width_cm: f64, [w, h]: [f64; 2]) -> [f64; 2] {
    let width = width_cm * POINTS_PER_CM;
    [width, width * h / w.max(1e-9)]
}

/// The default canvas, in points, at the `aspect` given: 16 cm wide.
#[must_use]
pub fn default_canvas(aspect: [f64; 2]) -> [f64; 2] {
    canvas_of(DEFAULT_WIDTH_CM, aspect)
}

/// A PNG's pixels per point at `dpi` pixels per inch.
#[must_use]
pub fn scale_at(dpi: f64) -> f32 {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a resolution of at most 1200 dpi"
    )]
    let scale = (dpi / 72.0) as f32;
    scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_figure_is_16_cm_at_300_dpi() {
        let [w, h] = default_canvas(ASPECT);
        assert!((w - 453.54).abs() < 0.01, "{w}");
        assert!((h - 302.36).abs() < 0.01, "{h}");
        // 16 cm at 300 dpi is 1890 pixels.
        assert!((f64::from(scale_at(DEFAULT_DPI)) * w - 1889.76).abs() < 0.1);
    }
}
