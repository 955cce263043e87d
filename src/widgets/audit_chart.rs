//! The uncertainty chart on screen, from the same spec and layout as the SVG figure: names at
//! the left, the 5th–95th percentile interval as a bar, the median as a dot, the official rank
//! as a tick; the exact values on hover. Rows are drawn at a fixed height, so a long list scrolls.

use egui::{Align2, Color32, FontId, Sense, Stroke, Ui, pos2, vec2};

use crate::charts::audit_chart::{AuditChartSpec, audit_layout};

/// The height of one row, in points.
pub const ROW_HEIGHT: f32 = 18.0;

/// Draws `spec` across the available width, one row per entity.
pub fn audit_chart_ui(ui: &mut Ui, spec: &AuditChartSpec) {
    let visuals = ui.visuals().clone();
    let font = FontId::proportional(12.0);
    let small = FontId::proportional(10.5);
    let painter_for_text = ui.painter().clone();
    let widest = spec
        .rows
        .iter()
        .map(|r| {
            painter_for_text
                .layout_no_wrap(r.label.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let width = ui.available_width().max(200.0);
    let labels = (widest + 10.0).min(width * 0.4);
    #[expect(clippy::cast_precision_loss, reason = "row counts are small on screen")]
    let height = 20.0 + ROW_HEIGHT * spec.rows.len() as f32;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let (left, right, top) = (
        rect.left() + labels + 8.0,
        rect.right() - 12.0,
        rect.top() + 20.0,
    );
    let geo = audit_layout(
        spec,
        [f64::from(left), f64::from(top)],
        [f64::from(right), f64::from(rect.bottom())],
    );
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let f = |v: f64| v as f32;
    let weak = visuals.weak_text_color();
    for &(x, place) in &geo.ticks {
        painter.line_segment(
            [pos2(f(x), top), pos2(f(x), rect.bottom())],
            Stroke::new(0.5, weak.gamma_multiply(0.4)),
        );
        painter.text(
            pos2(f(x), rect.top() + 2.0),
            Align2::CENTER_TOP,
            place.to_string(),
            small.clone(),
            weak,
        );
    }
    let interval = Color32::from_rgb(0x56, 0xB4, 0xE9).gamma_multiply(0.7);
    let median = if visuals.dark_mode {
        Color32::from_rgb(0x56, 0xB4, 0xE9)
    } else {
        Color32::from_rgb(0x00, 0x72, 0xB2)
    };
    let official = crate::widgets::palette::ChangeColour::Fall.on(visuals.dark_mode);
    let hovered = response.hover_pos().and_then(|p| {
        geo.rows
            .iter()
            .position(|g| (f(g.y) - p.y).abs() <= ROW_HEIGHT / 2.0)
    });
    for (index, (row, g)) in spec.rows.iter().zip(&geo.rows).enumerate() {
        let y = f(g.y);
        if hovered == Some(index) {
            painter.rect_filled(
                egui::Rect::from_min_max(
                    pos2(rect.left(), y - ROW_HEIGHT / 2.0),
                    pos2(rect.right(), y + ROW_HEIGHT / 2.0),
                ),
                0.0,
                visuals.faint_bg_color,
            );
        }
        painter.text(
            pos2(left - 8.0, y),
            Align2::RIGHT_CENTER,
            super::rank_chart::fit_text(&painter, &row.label, &font, labels - 4.0),
            font.clone(),
            visuals.text_color(),
        );
        painter.line_segment(
            [pos2(f(g.p5_x), y), pos2(f(g.p95_x), y)],
            Stroke::new(6.0, interval),
        );
        if let Some((lo, hi)) = g.official_x {
            for x in [f(lo), f(hi)] {
                painter.line_segment(
                    [pos2(x, y - 6.0), pos2(x, y + 6.0)],
                    Stroke::new(2.0, official),
                );
            }
            if hi > lo {
                painter.line_segment([pos2(f(lo), y), pos2(f(hi), y)], Stroke::new(2.0, official));
            }
        }
        painter.circle_filled(pos2(f(g.median_x), y), 3.5, median);
    }
    if let Some(row) = hovered.and_then(|i| spec.rows.get(i)) {
        let official = row
            .official
            .map(|(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}–{hi}")
                }
            })
            .unwrap_or_default();
        response.on_hover_text_at_pointer(format!(
            "{}\n{}: {official}\n{}: {}\n{}: {}–{}",
            row.label, spec.legend[2], spec.legend[0], row.median, spec.legend[1], row.p5, row.p95
        ));
    }
}
