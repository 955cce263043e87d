//! The uncertainty chart on screen, from the same spec and layout as the SVG figure: names at
//! the left, the 5th–95th percentile interval as a bar, the median as an open dot, the official rank
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
    // Solid marks at 4.5:1 on the panel; the median an open dot in the panel's colour, so it
    // shows on its bar.
    let interval = crate::widgets::palette::ChangeColour::Rise.on(visuals.dark_mode);
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
        painter.circle(
            pos2(f(g.median_x), y),
            3.5,
            visuals.panel_fill,
            Stroke::new(1.5, interval),
        );
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

/// The correlation heatmap on screen: numbered names at the left, one square per pair coloured
/// as in the figure, the exact value and both names on hover.
pub fn heatmap_ui(ui: &mut Ui, labels: &[String], matrix: &[Vec<Option<f64>>]) {
    let font = FontId::proportional(11.0);
    let numbered: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {l}", i + 1))
        .collect();
    let widest = numbered
        .iter()
        .map(|l| {
            ui.painter()
                .layout_no_wrap(l.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    // Clear of a floating scroll bar at the right.
    let width = (ui.available_width() - 14.0).max(200.0);
    let labels_width = (widest + 8.0).min(width * 0.4);
    #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
    let n = labels.len().max(1) as f32;
    let cell = ((width - labels_width) / n).clamp(6.0, 28.0);
    let (rect, response) = ui.allocate_exact_size(
        vec2(labels_width + cell * n, 16.0 + cell * n),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    let (left, top) = (rect.left() + labels_width, rect.top() + 16.0);
    for (i, label) in numbered.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
        let y = top + cell * (i as f32 + 0.5);
        painter.text(
            pos2(left - 4.0, y),
            Align2::RIGHT_CENTER,
            super::rank_chart::fit_text(&painter, label, &font, labels_width - 6.0),
            font.clone(),
            visuals.text_color(),
        );
        if cell >= 14.0 || i % 5 == 4 {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
            let x = left + cell * (i as f32 + 0.5);
            painter.text(
                pos2(x, rect.top()),
                Align2::CENTER_TOP,
                (i + 1).to_string(),
                FontId::proportional(10.0),
                visuals.weak_text_color(),
            );
        }
    }
    for (i, row) in matrix.iter().enumerate() {
        for (j, &r) in row.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
            let min = pos2(left + cell * j as f32, top + cell * i as f32);
            let [red, green, blue] = crate::charts::palette::correlation_colour(r);
            painter.rect_filled(
                egui::Rect::from_min_size(min, vec2(cell - 1.0, cell - 1.0)),
                0.0,
                Color32::from_rgb(red, green, blue),
            );
        }
    }
    if let Some(p) = response.hover_pos() {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a cell index"
        )]
        let (i, j) = (
            ((p.y - top) / cell) as usize,
            ((p.x - left) / cell) as usize,
        );
        if p.x >= left && p.y >= top && i < labels.len() && j < labels.len() {
            let value = matrix[i][j].map_or_else(|| "—".to_owned(), |r| format!("{r:.3}"));
            response.on_hover_text_at_pointer(format!("{}\n{}\nr = {value}", labels[i], labels[j]));
        }
    }
}

/// Sensitivity bars on screen: per factor, the first-order index (filled) and the total effect
/// (outlined) on a 0–1 axis with their intervals; the exact values on hover.
pub fn sensitivity_bars_ui(
    ui: &mut Ui,
    factors: &[String],
    indices: &[crate::model::audit::SobolIndex],
) {
    let font = FontId::proportional(12.0);
    let width = ui.available_width().max(240.0);
    let widest = factors
        .iter()
        .map(|f| {
            ui.painter()
                .layout_no_wrap(f.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    #[expect(clippy::cast_precision_loss, reason = "a few factors")]
    let height = 18.0 + 34.0 * factors.len() as f32;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    let left = rect.left() + widest + 12.0;
    let right = rect.right() - 12.0;
    let axis = |v: f64| {
        #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
        let v = v.clamp(0.0, 1.0) as f32;
        left + v * (right - left)
    };
    let bar_colour = crate::widgets::palette::ChangeColour::Rise.on(visuals.dark_mode);
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let x = axis(tick);
        painter.line_segment(
            [pos2(x, rect.top() + 14.0), pos2(x, rect.bottom())],
            Stroke::new(0.5, visuals.weak_text_color().gamma_multiply(0.4)),
        );
        painter.text(
            pos2(x, rect.top()),
            Align2::CENTER_TOP,
            format!("{tick}"),
            FontId::proportional(10.0),
            visuals.weak_text_color(),
        );
    }
    let mut hovered = None;
    for (i, (factor, index)) in factors.iter().zip(indices).enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few factors")]
        let y = rect.top() + 18.0 + 34.0 * i as f32 + 17.0;
        painter.text(
            pos2(left - 8.0, y),
            Align2::RIGHT_CENTER,
            factor,
            font.clone(),
            visuals.text_color(),
        );
        for (k, (value, (lo, hi))) in [(index.first, index.first_ci), (index.total, index.total_ci)]
            .into_iter()
            .enumerate()
        {
            #[expect(clippy::cast_precision_loss, reason = "two bars")]
            let top = y - 11.0 + 12.0 * k as f32;
            let bar = egui::Rect::from_min_max(
                pos2(left, top),
                pos2(axis(value).max(left + 1.0), top + 10.0),
            );
            if k == 0 {
                painter.rect_filled(bar, 0.0, bar_colour);
            } else {
                painter.rect_stroke(
                    bar,
                    0.0,
                    Stroke::new(1.0, bar_colour),
                    egui::StrokeKind::Inside,
                );
            }
            painter.line_segment(
                [pos2(axis(lo), top + 5.0), pos2(axis(hi), top + 5.0)],
                Stroke::new(1.0, visuals.text_color()),
            );
        }
        if response
            .hover_pos()
            .is_some_and(|p| (p.y - y).abs() <= 17.0)
        {
            hovered = Some((factor, index));
        }
    }
    if let Some((factor, index)) = hovered {
        response.on_hover_text_at_pointer(format!(
            "{factor}\nS = {:.3} [{:.3}, {:.3}]\nST = {:.3} [{:.3}, {:.3}]",
            index.first,
            index.first_ci.0,
            index.first_ci.1,
            index.total,
            index.total_ci.0,
            index.total_ci.1
        ));
    }
}
