//! Capacity trends as an SVG figure: the [`CapacitiesSpec`] the window draws, laid out as small
//! multiples two a row, the selection against the cohort median (dashed) and interquartile range
//! (shaded).

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, hex, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL, SUBTITLE, line_height};
use crate::charts::capacities::CapacitiesSpec;

/// The small multiples of `spec`; `texts` are title, subtitle and caption; `frame` is width,
/// height and background.
#[must_use]
pub fn capacities_svg(
    spec: &CapacitiesSpec,
    [title, subtitle, caption]: [&str; 3],
    (width, height, background): (f64, f64, Option<&str>),
) -> String {
    let mut svg = String::new();
    open_figure(&mut svg, (width, height), background, title, subtitle);
    // Legend above the panels: the selection, in its colours (every panel lists the same
    // entities), in rows that wrap at the canvas' edge; a name too long for a row is shortened.
    let (mut lx, mut ly) = (MARGIN, BODY_TOP + 6.0);
    for series in spec.panels.first().map_or(&[][..], |p| &p.series[..]) {
        let label = fit(&series.label, BODY, width - 2.0 * MARGIN - 26.0);
        let item = 26.0 + text_width(&label, BODY) + 18.0;
        if lx > MARGIN && lx + item > width - MARGIN {
            (lx, ly) = (MARGIN, ly + line_height(BODY) + 3.0);
        }
        let colour = hex(series.colour);
        let _ = writeln!(
            svg,
            r#"<line x1="{lx:.2}" y1="{ly:.2}" x2="{:.2}" y2="{ly:.2}" stroke="{colour}" stroke-width="3"/>"#,
            lx + 20.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{BODY}" fill="#222">{}</text>"##,
            lx + 26.0,
            ly + 3.5,
            escape(&label)
        );
        lx += item;
    }
    let caption_lines = caption_lines(caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len()) - 6.0;
    let count = spec.panels.len().max(1);
    let (top, cell_gap) = (ly + 14.0, 24.0);
    // Two a row; on a canvas too short for two rows of readable panels, all in one row.
    #[expect(clippy::cast_precision_loss, reason = "a few charts")]
    let two_rows_fit =
        (bottom - top - cell_gap * count.div_ceil(2) as f64) / count.div_ceil(2) as f64 >= 90.0;
    let columns = match count {
        1 => 1,
        _ if two_rows_fit => 2,
        _ => count,
    };
    let rows = count.div_ceil(columns);
    #[expect(clippy::cast_precision_loss, reason = "a few charts")]
    let (cell_w, cell_h) = (
        (width - 2.0 * MARGIN - cell_gap * (columns - 1) as f64) / columns as f64,
        (bottom - top - cell_gap * rows as f64) / rows as f64,
    );
    let (first, last) = (
        spec.periods.first().map_or(0.0, |p| p.0),
        spec.periods.last().map_or(1.0, |p| p.0),
    );
    for (index, panel) in spec.panels.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few charts")]
        let (ox, oy) = (
            MARGIN + (index % columns) as f64 * (cell_w + cell_gap),
            top + (index / columns) as f64 * (cell_h + cell_gap) + 14.0,
        );
        let _ = writeln!(
            svg,
            r##"<text x="{ox:.2}" y="{:.2}" font-size="{SUBTITLE}" font-weight="bold" fill="#222">{}</text>"##,
            oy - 6.0,
            escape(&fit(&panel.label, SUBTITLE, cell_w))
        );
        let (lo, hi) = panel.domain;
        // The plot starts below the panel's title by half a tick label, so that the top tick
        // clears it.
        let (plot_x, plot_y, plot_w, plot_h) = (ox + 30.0, oy + 6.0, cell_w - 40.0, cell_h - 40.0);
        let px = |x: f64| {
            if last > first {
                plot_x + (x - first) / (last - first) * plot_w
            } else {
                plot_x + plot_w / 2.0
            }
        };
        let py = |v: f64| plot_y + plot_h - (v - lo) / (hi - lo).max(1e-9) * plot_h;
        let _ = writeln!(
            svg,
            r##"<rect x="{plot_x:.2}" y="{plot_y:.2}" width="{plot_w:.2}" height="{plot_h:.2}" fill="none" stroke="#ccc"/>"##
        );
        // A short panel labels every other tick (or fewer), so that labels never touch.
        #[expect(clippy::cast_precision_loss, reason = "a few ticks")]
        let spacing = plot_h / (panel.ticks.len().max(2) - 1) as f64;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small positive count"
        )]
        let every = ((line_height(SMALL) / spacing.max(1.0)).ceil() as usize).max(1);
        for &v in panel.ticks.iter().step_by(every) {
            let _ = writeln!(
                svg,
                r##"<line x1="{plot_x:.2}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="#e4e4e4" stroke-width="1"/>"##,
                plot_x + plot_w,
                y = py(v)
            );
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="end" dominant-baseline="middle">{}</text>"##,
                plot_x - 4.0,
                py(v),
                crate::charts::labels::tick(v)
            );
        }
        // Period labels that would touch the one before are left out (the first always shows).
        let mut last_right = f64::NEG_INFINITY;
        for (x, label) in &spec.periods {
            let half = text_width(label, SMALL) / 2.0;
            if px(*x) - half < last_right + 4.0 {
                continue;
            }
            last_right = px(*x) + half;
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="middle">{}</text>"##,
                px(*x),
                plot_y + plot_h + line_height(SMALL),
                escape(label)
            );
        }
        let band: Vec<String> = panel
            .band
            .iter()
            .map(|[x, _, q3]| format!("{:.2},{:.2}", px(*x), py(*q3)))
            .chain(
                panel
                    .band
                    .iter()
                    .rev()
                    .map(|[x, q1, _]| format!("{:.2},{:.2}", px(*x), py(*q1))),
            )
            .collect();
        let _ = writeln!(
            svg,
            r##"<polygon points="{}" fill="#999" fill-opacity="0.25"><title>{}</title></polygon>"##,
            band.join(" "),
            escape(&spec.band_label)
        );
        let median: Vec<String> = panel
            .median
            .iter()
            .map(|[x, m]| format!("{:.2},{:.2}", px(*x), py(*m)))
            .collect();
        let _ = writeln!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#707070" stroke-width="1.5" stroke-dasharray="5 4"><title>{}</title></polyline>"##,
            median.join(" "),
            escape(&spec.median_label)
        );
        for series in &panel.series {
            let points: Vec<String> = series
                .points
                .iter()
                .map(|[x, v]| format!("{:.2},{:.2}", px(*x), py(*v)))
                .collect();
            let colour = hex(series.colour);
            let _ = writeln!(
                svg,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#,
                points.join(" ")
            );
        }
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}
