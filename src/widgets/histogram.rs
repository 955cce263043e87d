//! A small histogram for a column header, with the selected entities' values marked on it.

use crate::strings::Strings;
use egui::{Rect, Sense, Stroke, Ui, pos2, vec2};

use super::palette;
use crate::model::Histogram;

/// Draws `histogram` in the available space; `marks` are values to mark (the selection).
pub fn histogram_ui(s: &Strings, ui: &mut Ui, histogram: &Histogram, marks: &[f64]) {
    let size = vec2(ui.available_width(), ui.available_height().max(16.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let rect = rect.shrink2(vec2(3.0, 2.0));
    let tallest = histogram.counts.iter().copied().max().unwrap_or(0).max(1);
    #[expect(clippy::cast_precision_loss, reason = "bin counts are small")]
    let bin_width = rect.width() / histogram.counts.len() as f32;
    // Opaque marks at 4.5:1 on the panel: bins in the weak text grey, the selection in the fall
    // colour.
    let dark = ui.visuals().dark_mode;
    let fill = palette::weak_text(dark);
    let mark = palette::ChangeColour::Fall.on(dark);
    for (index, &count) in histogram.counts.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "bin counts are small")]
        let height = rect.height() * count as f32 / tallest as f32;
        #[expect(clippy::cast_precision_loss, reason = "bin counts are small")]
        let left = rect.left() + bin_width * index as f32;
        let bar = Rect::from_min_max(
            pos2(left + 0.5, rect.bottom() - height),
            pos2(left + bin_width - 0.5, rect.bottom()),
        );
        ui.painter().rect_filled(bar, 0.0, fill);
    }
    let span = histogram.max - histogram.min;
    for &value in marks {
        #[expect(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
        let fraction = if span > 0.0 {
            ((value - histogram.min) / span).clamp(0.0, 1.0) as f32
        } else {
            0.5
        };
        let x = rect.left() + rect.width() * fraction;
        // A halo in the panel's colour parts the mark from the grey bins it crosses.
        let line = [pos2(x, rect.top()), pos2(x, rect.bottom())];
        ui.painter()
            .line_segment(line, Stroke::new(4.0, ui.visuals().panel_fill));
        ui.painter().line_segment(line, Stroke::new(2.0, mark));
    }
    response.on_hover_ui(|ui| {
        ui.label(format!(
            "{}: {:.2} – {:.2}",
            s.histogram_cohort, histogram.min, histogram.max
        ));
        for (index, count) in histogram.counts.iter().enumerate() {
            let (lo, hi) = histogram.bin_range(index);
            ui.label(format!("{lo:.2} – {hi:.2}: {count}"));
        }
        if !marks.is_empty() {
            ui.label(s.histogram_marks);
        }
    });
}
