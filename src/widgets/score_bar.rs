//! A score with a bar behind it, scaled between the cohort's minimum and maximum (as in `LineUp`).

use crate::strings::Strings;
use egui::{Align2, Color32, Rect, Sense, TextStyle, Ui, vec2};

use crate::model::Stats;

/// Draws `value` right-aligned over a bar whose length is its place between the cohort's
/// min (empty) and max (full). The tooltip gives the exact value and the cohort range.
pub fn score_bar_ui(
    s: &Strings,
    ui: &mut Ui,
    (value, decimals): (Option<f64>, usize),
    cohort: Option<&Stats>,
    bar_colour: Color32,
) {
    let size = vec2(ui.available_width(), ui.available_height().max(18.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let Some(value) = value else {
        ui.painter().text(
            rect.right_center() - vec2(4.0, 0.0),
            Align2::RIGHT_CENTER,
            "—",
            TextStyle::Body.resolve(ui.style()),
            ui.visuals().weak_text_color(),
        );
        response.on_hover_text(s.missing_value_hint);
        return;
    };
    if let Some(stats) = cohort {
        let span = stats.max - stats.min;
        #[expect(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
        let fraction = if span > 0.0 {
            ((value - stats.min) / span).clamp(0.0, 1.0) as f32
        } else {
            1.0
        };
        let bar = Rect::from_min_size(
            rect.left_top() + vec2(2.0, 3.0),
            vec2((rect.width() - 4.0) * fraction, rect.height() - 6.0),
        );
        ui.painter().rect_filled(bar, 2.0, bar_colour);
    }
    let text = format!("{value:.decimals$}");
    ui.painter().text(
        rect.right_center() - vec2(4.0, 0.0),
        Align2::RIGHT_CENTER,
        text,
        TextStyle::Body.resolve(ui.style()),
        ui.visuals().text_color(),
    );
    let tip = match cohort {
        Some(s) => format!(
            "{value}\ncohort: min {:.2}, median {:.2}, max {:.2}\nbar: place between the cohort's min and max",
            s.min, s.median, s.max
        ),
        None => value.to_string(),
    };
    response.on_hover_text(tip);
}
