//! Paints a bump chart or slopegraph: gridlines by place, a column per year, each line with its
//! band ranges and end labels; the line under the pointer is highlighted and the others greyed.

use crate::strings::Strings;
use egui::{Align2, Color32, FontId, Pos2, Sense, Stroke, Ui, Vec2, pos2};

use crate::charts::rank_chart::{RankChartSpec, rank_layout};

const MARGIN_X: f32 = 190.0;
const MARGIN_TOP: f32 = 28.0;
const MARGIN_BOTTOM: f32 = 16.0;

/// Draws `spec` in `size`; returns the entity of a clicked line.
pub fn rank_chart_ui(s: &Strings, ui: &mut Ui, spec: &RankChartSpec, size: Vec2) -> Option<usize> {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let painter = ui.painter_at(rect);
    let (left, right) = columns_span(rect.width(), spec.label_both_ends);
    let (left, right) = (rect.left() + left, rect.left() + right);
    let (top, bottom) = (rect.top() + MARGIN_TOP, rect.bottom() - MARGIN_BOTTOM);
    let geo = rank_layout(
        spec,
        [f64::from(left), f64::from(top)],
        [f64::from(right), f64::from(bottom)],
        13.0,
    );
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let to_pos = |p: [f64; 2]| pos2(p[0] as f32, p[1] as f32);
    let visuals = ui.visuals().clone();
    let weak = visuals.weak_text_color();
    let small = FontId::proportional(10.0);
    for &(y, place) in &geo.gridlines {
        #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
        let y = y as f32;
        painter.line_segment(
            [pos2(left, y), pos2(right, y)],
            Stroke::new(0.5, weak.gamma_multiply(0.4)),
        );
        painter.text(
            pos2(rect.left() + 4.0, y),
            Align2::LEFT_CENTER,
            place.to_string(),
            small.clone(),
            weak,
        );
    }
    for (column, x) in geo.column_x.iter().enumerate() {
        let x = to_pos([*x, 0.0]).x;
        painter.line_segment(
            [pos2(x, top), pos2(x, bottom)],
            Stroke::new(1.0, weak.gamma_multiply(0.5)),
        );
        painter.text(
            pos2(x, rect.top() + 4.0),
            Align2::CENTER_TOP,
            spec.column_label(column),
            FontId::proportional(13.0),
            visuals.strong_text_color(),
        );
    }
    let hovered = response
        .hover_pos()
        .and_then(|p| nearest_line(&geo.lines, p, &to_pos));
    let label_font = FontId::proportional(12.0);
    for (index, (line, geometry)) in spec.lines.iter().zip(&geo.lines).enumerate() {
        let mut colour = crate::widgets::palette::series_mark(line.colour, &visuals);
        // Labels in the line's hue, shaded to read on the panel.
        let mut text_colour = crate::widgets::palette::series_text(line.colour, &visuals);
        if hovered.is_some_and(|h| h != index) {
            colour = weak.gamma_multiply(0.35);
            text_colour = colour;
        }
        let width = if hovered == Some(index) { 3.5 } else { 2.0 };
        for (a, b) in &geometry.segments {
            painter.line_segment([to_pos(*a), to_pos(*b)], Stroke::new(width, colour));
        }
        for (top_point, bottom_point) in geometry.marks.iter().flatten() {
            if (top_point[1] - bottom_point[1]).abs() < 0.5 {
                painter.circle_filled(to_pos(*top_point), 3.5, colour);
            } else {
                // A band: the whole range of places it stands for.
                painter.line_segment(
                    [to_pos(*top_point), to_pos(*bottom_point)],
                    Stroke::new(6.0, colour.gamma_multiply(0.6)),
                );
            }
        }
        let place_text = |place: Option<(u32, u32)>| match place {
            Some((lo, hi)) if lo == hi => lo.to_string(),
            Some((lo, hi)) => format!("{lo}–{hi}"),
            None => String::new(),
        };
        if let Some(anchor) = geometry.right_label {
            let last = line.places.iter().rev().flatten().next().copied();
            let mark = line
                .right_mark
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            let place = place_text(last);
            let room = rect.right()
                - (to_pos(anchor).x + 8.0)
                - text_width(&painter, &format!("{place} {mark}"), &label_font);
            let text = format!(
                "{place} {}{mark}",
                fit_text(&painter, &line.label, &label_font, room)
            );
            painter.text(
                to_pos(anchor) + egui::vec2(8.0, 0.0),
                Align2::LEFT_CENTER,
                text,
                label_font.clone(),
                text_colour,
            );
        }
        if spec.label_both_ends
            && let Some(anchor) = geometry.left_label
        {
            let first = line.places.iter().flatten().next().copied();
            let mark = line
                .left_mark
                .as_deref()
                .map(|m| format!("({m}) "))
                .unwrap_or_default();
            let place = place_text(first);
            // The room right of the place numbers at the left edge.
            let room = to_pos(anchor).x
                - 8.0
                - (rect.left() + 28.0)
                - text_width(&painter, &format!("{mark} {place}"), &label_font);
            let text = format!(
                "{mark}{} {place}",
                fit_text(&painter, &line.label, &label_font, room)
            );
            painter.text(
                to_pos(anchor) - egui::vec2(8.0, 0.0),
                Align2::RIGHT_CENTER,
                text,
                label_font.clone(),
                text_colour,
            );
        }
    }
    // Ranks on the inner points, as the SVG figure has them.
    for (index, point, text) in crate::charts::rank_chart::inner_place_numbers(spec, &geo, 12.0) {
        let line_colour = spec.lines.get(index).map_or([0, 0, 0], |l| l.colour);
        let colour = if hovered.is_some_and(|h| h != index) {
            weak.gamma_multiply(0.35)
        } else {
            crate::widgets::palette::series_text(line_colour, &visuals)
        };
        painter.text(
            to_pos(point) - egui::vec2(0.0, 5.0),
            Align2::CENTER_BOTTOM,
            text,
            small.clone(),
            colour,
        );
    }
    let clicked = hovered
        .filter(|_| response.clicked())
        .and_then(|i| spec.lines.get(i))
        .map(|l| l.entity);
    if let Some(index) = hovered
        && let Some(line) = spec.lines.get(index)
    {
        let places: Vec<String> = (0..spec.years.len())
            .map(|column| spec.column_label(column))
            .zip(&line.places)
            .map(|(year, place)| match place {
                Some((lo, hi)) if lo == hi => format!("{year}: {lo}"),
                Some((lo, hi)) => format!("{year}: {lo}–{hi} ({})", s.band),
                None => format!("{year}: {}", s.not_ranked),
            })
            .collect();
        response.on_hover_text_at_pointer(format!("{}\n{}", line.label, places.join("\n")));
    }
    clicked
}

/// Where the first and last columns stand in a chart `width` points wide (from its left edge):
/// room for the names beside them, at most a third of the width each side, so that the
/// columns keep at least a third between them however narrow the view (names are then
/// shortened to the room).
fn columns_span(width: f32, label_both_ends: bool) -> (f32, f32) {
    let margin = MARGIN_X.min(width / 3.0);
    let left = if label_both_ends {
        margin
    } else {
        40.0_f32.min(margin)
    };
    (left, width - margin)
}

/// The width of `text` in `font`, in points.
fn text_width(painter: &egui::Painter, text: &str, font: &FontId) -> f32 {
    painter
        .layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE)
        .size()
        .x
}

/// `text` as it is when it fits `room` points, else its longest beginning that fits with "…"
/// (nothing when not even that does).
pub(crate) fn fit_text(painter: &egui::Painter, text: &str, font: &FontId, room: f32) -> String {
    if text_width(painter, text, font) <= room {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits, by bisection on the number of characters.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().chain(['…'].iter()).collect();
        if text_width(painter, &candidate, font) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        String::new()
    } else {
        chars[..lo].iter().chain(['…'].iter()).collect()
    }
}

/// The line closest to `pointer` (within 8 points of a segment or mark).
fn nearest_line(
    lines: &[crate::charts::rank_chart::LineGeometry],
    pointer: Pos2,
    to_pos: &impl Fn([f64; 2]) -> Pos2,
) -> Option<usize> {
    let distance_to_segment = |a: Pos2, b: Pos2| {
        let ab = b - a;
        let t = if ab.length_sq() > 0.0 {
            ((pointer - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (a + ab * t).distance(pointer)
    };
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let segments = line
                .segments
                .iter()
                .map(|(a, b)| distance_to_segment(to_pos(*a), to_pos(*b)));
            let marks = line
                .marks
                .iter()
                .flatten()
                .map(|(a, b)| distance_to_segment(to_pos(*a), to_pos(*b)));
            segments.chain(marks).reduce(f32::min).map(|d| (i, d))
        })
        .filter(|(_, d)| *d < 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_stay_in_order_with_a_third_between_them_at_any_width() {
        for width in [120.0, 300.0, 350.0, 570.0, 800.0, 1600.0] {
            for both in [true, false] {
                let (left, right) = columns_span(width, both);
                assert!(left >= 0.0 && right <= width, "{width}: {left}..{right}");
                assert!(
                    right - left >= width / 3.0 - 1e-3,
                    "{width}: {left}..{right}"
                );
            }
        }
        // A wide chart keeps 190 points for the names each side.
        assert_eq!(columns_span(1000.0, true), (190.0, 810.0));
    }

    #[test]
    fn a_name_too_long_for_its_room_is_cut_with_an_ellipsis() {
        let ctx = egui::Context::default();
        let mut shown = (String::new(), String::new(), String::new());
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let font = FontId::proportional(12.0);
            let name = "上海浦东张江科学城";
            let whole = text_width(painter, name, &font);
            shown = (
                fit_text(painter, name, &font, whole + 1.0),
                fit_text(painter, name, &font, whole / 2.0),
                fit_text(painter, name, &font, 1.0),
            );
            assert!(text_width(painter, &shown.1, &font) <= whole / 2.0);
        });
        output.textures_delta.clear();
        assert_eq!(shown.0, "上海浦东张江科学城", "a name that fits is whole");
        assert!(
            shown.1.starts_with("上海") && shown.1.ends_with('…'),
            "{}",
            shown.1
        );
        assert_eq!(shown.2, "", "no room, no text");
    }
}
