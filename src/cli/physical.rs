//! A figure's size on paper: `--width-cm 16 --dpi 300` (the default) gives a canvas of 16 cm in
//! points (453.5 pt), so that its 9–14 pt text is 9–14 pt in the report, and a PNG of 300 pixels
//! per inch; `--size` gives a canvas in points instead.

use crate::charts::paper;

/// The physical size options shared by the figure commands.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct PhysicalArgs {
    /// The figure's width on paper, in centimetres (e.g. 16 for a Word column); its height
    /// keeps the aspect of --size unless --height-cm is given. Text sizes are then points on paper.
    #[arg(long, value_name = "CM", value_parser = centimetres)]
    pub width_cm: Option<f64>,
    /// The figure's height on paper, in centimetres.
    #[arg(long, value_name = "CM", value_parser = centimetres)]
    pub height_cm: Option<f64>,
    /// Pixels per inch of a PNG (e.g. 300 for print); replaces --scale.
    #[arg(long, value_name = "DPI", value_parser = dots_per_inch)]
    pub dpi: Option<f64>,
}

fn centimetres(text: &str) -> Result<f64, String> {
    let cm = text
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("expected centimetres from 3 to 200, found \"{text}\""))?;
    check_centimetres(cm)
}

fn dots_per_inch(text: &str) -> Result<f64, String> {
    let dpi = text
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("expected a resolution from 36 to 1200 dpi, found \"{text}\""))?;
    check_dpi(dpi)
}

/// A width or height on paper from 3 to 200 cm.
///
/// # Errors
/// A message saying what is expected.
pub fn check_centimetres(cm: f64) -> Result<f64, String> {
    if (3.0..=200.0).contains(&cm) {
        Ok(cm)
    } else {
        Err(format!("expected centimetres from 3 to 200, found {cm}"))
    }
}

/// A resolution from 36 to 1200 dpi.
///
/// # Errors
/// A message saying what is expected.
pub fn check_dpi(dpi: f64) -> Result<f64, String> {
    if (36.0..=1200.0).contains(&dpi) {
        Ok(dpi)
    } else {
        Err(format!(
            "expected a resolution from 36 to 1200 dpi, found {dpi}"
        ))
    }
}

impl PhysicalArgs {
    /// The canvas in points and the PNG's pixels per point. The canvas: from the size on paper
    /// when given (the other side from `size`'s or `aspect`'s proportions), else `size` in
    /// points, else 16 cm wide at `aspect`. The resolution: `--dpi`, else `scale`, else 300 dpi
    /// on paper and 2 pixels per point for a canvas in points.
    #[must_use]
    pub fn apply(
        &self,
        size: Option<[f64; 2]>,
        aspect: [f64; 2],
        scale: Option<f32>,
    ) -> ([f64; 2], f32) {
        let [width, height] = size.unwrap_or(aspect);
        let (canvas, on_paper) = match (self.width_cm, self.height_cm, size) {
            (Some(w), Some(h), _) => ([w * paper::POINTS_PER_CM, h * paper::POINTS_PER_CM], true),
            (Some(w), None, _) => (paper::canvas_of(w, [width, height]), true),
            (None, Some(h), _) => (
                paper::canvas_of(h * width / height.max(1.0), [width, height]),
                true,
            ),
            (None, None, Some(size)) => (size, false),
            (None, None, None) => (paper::default_canvas(aspect), true),
        };
        let scale = match (self.dpi, scale) {
            (Some(dpi), _) => paper::scale_at(dpi),
            (None, Some(scale)) => scale,
            (None, None) if on_paper => paper::scale_at(paper::DEFAULT_DPI),
            (None, None) => paper::POINT_SIZED_SCALE,
        };
        (canvas, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_centimetres_at_300_dpi_is_a_453_point_canvas_of_1890_pixels() {
        let physical = PhysicalArgs {
            width_cm: Some(16.0),
            height_cm: None,
            dpi: Some(300.0),
        };
        let ([w, h], scale) = physical.apply(Some([1200.0, 900.0]), [3.0, 2.0], Some(2.0));
        assert!((w - 453.54).abs() < 0.01, "{w}");
        assert!((h - w * 3.0 / 4.0).abs() < 1e-9, "the aspect of --size");
        assert!(
            (f64::from(scale) * w - 1889.76).abs() < 0.1,
            "16 cm at 300 dpi"
        );
    }

    #[test]
    fn without_options_a_figure_is_16_cm_at_300_dpi_and_a_size_in_points_is_2x() {
        let none = PhysicalArgs::default();
        let ([w, h], scale) = none.apply(None, [4.0, 3.0], None);
        assert!(
            (w - 453.54).abs() < 0.01 && (h - 340.16).abs() < 0.01,
            "{w} × {h}"
        );
        assert!((f64::from(scale) * w - 1889.76).abs() < 0.1, "300 dpi");
        assert_eq!(
            none.apply(Some([1200.0, 800.0]), [3.0, 2.0], None),
            ([1200.0, 800.0], 2.0)
        );
        assert_eq!(
            none.apply(Some([1200.0, 800.0]), [3.0, 2.0], Some(1.0)),
            ([1200.0, 800.0], 1.0)
        );
        // A height on paper alone keeps the aspect.
        let tall = PhysicalArgs {
            height_cm: Some(12.0),
            ..PhysicalArgs::default()
        };
        let ([w, h], _) = tall.apply(None, [4.0, 3.0], None);
        assert!((w - 16.0 * paper::POINTS_PER_CM).abs() < 1e-9, "{w}");
        assert!((h - 12.0 * paper::POINTS_PER_CM).abs() < 1e-9, "{h}");
    }
}
