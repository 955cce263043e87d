//! A figure's size on paper: `--width-cm 16 --dpi 300` gives a canvas of 16 cm in points
//! (453.5 pt), so that its 10–14 pt text is 10–14 pt in the report, and a PNG of 300 pixels per
//! inch.

/// Points per centimetre (72 points to the inch).
const POINTS_PER_CM: f64 = 72.0 / 2.54;

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
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|cm| (3.0..=200.0).contains(cm))
        .ok_or_else(|| format!("expected centimetres from 3 to 200, found \"{text}\""))
}

fn dots_per_inch(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|dpi| (36.0..=1200.0).contains(dpi))
        .ok_or_else(|| format!("expected a resolution from 36 to 1200 dpi, found \"{text}\""))
}

impl PhysicalArgs {
    /// The canvas in points and the PNG's pixels per point: from the physical size when
    /// given, else `size` and `scale` as they are.
    #[must_use]
    pub fn apply(&self, [width, height]: [f64; 2], scale: f32) -> ([f64; 2], f32) {
        let canvas = match (self.width_cm, self.height_cm) {
            (Some(w), Some(h)) => [w * POINTS_PER_CM, h * POINTS_PER_CM],
            (Some(w), None) => [
                w * POINTS_PER_CM,
                w * POINTS_PER_CM * height / width.max(1.0),
            ],
            (None, Some(h)) => [
                h * POINTS_PER_CM * width / height.max(1.0),
                h * POINTS_PER_CM,
            ],
            (None, None) => [width, height],
        };
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a resolution of at most 1200 dpi"
        )]
        let scale = self.dpi.map_or(scale, |dpi| (dpi / 72.0) as f32);
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
        let ([w, h], scale) = physical.apply([1200.0, 800.0], 2.0);
        assert!((w - 453.54).abs() < 0.01, "{w}");
        assert!((h - w * 2.0 / 3.0).abs() < 1e-9, "the aspect of --size");
        assert!(
            (f64::from(scale) * w - 1889.76).abs() < 0.1,
            "16 cm at 300 dpi"
        );
        assert_eq!(
            PhysicalArgs::default().apply([1200.0, 800.0], 2.0),
            ([1200.0, 800.0], 2.0)
        );
    }
}
