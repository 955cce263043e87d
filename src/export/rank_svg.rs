//! The bump chart and the slopegraph as SVG, from the same layout the screen draws.

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, hex, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL, SUBTITLE, line_height};
use crate::charts::palette::readable_text;
use crate::charts::rank_chart::{RankChartSpec, rank_layout};

/// The figures' background, which labels are shaded to read on.
const WHITE: [u8; 3] = [255, 255, 255];

/// The chart as a standalone SVG of `width`×`height` on `background` (transparent when `None`).
#[must_use]
pub fn rank_chart_svg(
    spec: &RankChartSpec,
    width: f64,
    height: f64,
    background: Option<&str>,
) -> String {
    let mut svg = String::new();
    open_figure(
        &mut svg,
        (width, height),
        background,
        &spec.title,
        &spec.subtitle,
    );
    let caption_lines = caption_lines(&spec.caption, width);
    // The plot ends a line above the caption: its last label is centred on its last place.
    let bottom = height - FOOT - caption_height(caption_lines.len()) - line_height(BODY);
    // Room for the names beside the axes: 230 points, less on a narrow canvas, so that the
    // columns keep at least a third of the width between them.
    let labels = 230.0_f64.min(width / 3.0);
    let (left, right, top) = (
        if spec.label_both_ends { labels } else { 60.0 },
        width - labels,
        // Room for the column heads and, below them, a rank written above a first-place point.
        BODY_TOP + line_height(SUBTITLE) + line_height(SMALL) + 4.0,
    );
    let geo = rank_layout(spec, [left, top], [right, bottom], line_height(BODY));
    // Gridlines closer than a label's height to the last one labelled go unlabelled.
    let mut last_labelled = f64::NEG_INFINITY;
    for &(y, place) in &geo.gridlines {
        let _ = writeln!(
            svg,
            r##"<line x1="{left:.2}" y1="{y:.2}" x2="{right:.2}" y2="{y:.2}" stroke="#e3e3e3" stroke-width="1"/>"##
        );
        if y - last_labelled < line_height(SMALL) {
            continue;
        }
        last_labelled = y;
        let _ = writeln!(
            svg,
            r##"<text x="{MARGIN}" y="{y:.2}" font-size="{SMALL}" fill="#666" dominant-baseline="middle">{place}</text>"##
        );
    }
    for (column, x) in geo.column_x.iter().enumerate() {
        let label = escape(&spec.column_label(column));
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.2}" y1="{top:.2}" x2="{x:.2}" y2="{bottom:.2}" stroke="#c8c8c8" stroke-width="1"/>"##
        );
        let _ = writeln!(
            svg,
            r##"<text x="{x:.2}" y="{:.2}" font-size="{SUBTITLE}" font-weight="bold" fill="#222" text-anchor="middle">{label}</text>"##,
            top - line_height(SMALL) - 4.0
        );
    }
    for (line, geometry) in spec.lines.iter().zip(&geo.lines) {
        let colour = hex(line.colour);
        // Labels in the line's hue, shaded to read on white.
        let text_colour = hex(readable_text(line.colour, WHITE));
        let _ = writeln!(svg, "<g><title>{}</title>", escape(&line.label));
        for (a, b) in &geometry.segments {
            let _ = writeln!(
                svg,
                r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{colour}" stroke-width="2"/>"#,
                a[0], a[1], b[0], b[1]
            );
        }
        for (top_point, bottom_point) in geometry.marks.iter().flatten() {
            if (top_point[1] - bottom_point[1]).abs() < 0.5 {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{:.2}" cy="{:.2}" r="3.5" fill="{colour}"/>"#,
                    top_point[0], top_point[1]
                );
            } else {
                let _ = writeln!(
                    svg,
                    r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{colour}" stroke-opacity="0.6" stroke-width="6"/>"#,
                    top_point[0], top_point[1], bottom_point[0], bottom_point[1]
                );
            }
        }
        let place = |p: Option<&(u32, u32)>| match p {
            Some((lo, hi)) if lo == hi => lo.to_string(),
            Some((lo, hi)) => format!("{lo}–{hi}"),
            None => String::new(),
        };
        if let Some(anchor) = geometry.right_label {
            let mark = line
                .right_mark
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            // The name is cut to the room left of the canvas' edge; the place and mark stay.
            let place = place(line.places.iter().rev().flatten().next());
            let room =
                width - 16.0 - (anchor[0] + 8.0) - text_width(&format!("{place} {mark}"), BODY);
            let text = format!("{place} {}{mark}", fit(&line.label, BODY, room));
            let _ = writeln!(
                svg,
                r#"<text x="{:.2}" y="{:.2}" font-size="{BODY}" fill="{text_colour}" dominant-baseline="middle">{}</text>"#,
                anchor[0] + 8.0,
                anchor[1],
                escape(&text)
            );
        }
        if spec.label_both_ends
            && let Some(anchor) = geometry.left_label
        {
            let mark = line
                .left_mark
                .as_deref()
                .map(|m| format!("({m}) "))
                .unwrap_or_default();
            // Cut to the room right of the place numbers at the left edge.
            let place = place(line.places.iter().flatten().next());
            let room = anchor[0] - 8.0 - 52.0 - text_width(&format!("{mark} {place}"), BODY);
            let text = format!("{mark}{} {place}", fit(&line.label, BODY, room));
            let _ = writeln!(
                svg,
                r#"<text x="{:.2}" y="{:.2}" font-size="{BODY}" fill="{text_colour}" text-anchor="end" dominant-baseline="middle">{}</text>"#,
                anchor[0] - 8.0,
                anchor[1],
                escape(&text)
            );
        }
        svg.push_str("</g>\n");
    }
    // Ranks on the inner points, above them, in the line's colour.
    for (index, point, text) in
        crate::charts::rank_chart::inner_place_numbers(spec, &geo, line_height(SMALL))
    {
        let colour = spec
            .lines
            .get(index)
            .map_or_else(String::new, |l| hex(readable_text(l.colour, WHITE)));
        let _ = writeln!(
            svg,
            r#"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="{colour}" text-anchor="middle">{}</text>"#,
            point[0],
            point[1] - 6.0,
            escape(&text)
        );
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}
