//! The uncertainty chart as SVG: entity names at the left, each entity's 5th–95th percentile
//! rank interval as a bar, its median as an open dot and its official rank as a tick, rank 1 at the
//! left; rows that do not fit the canvas are left out and counted under the chart.

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL, line_height};
use crate::charts::audit_chart::{AuditChartSpec, audit_layout};

/// The interval and the median's ring: Okabe–Ito blue; the official rank: vermillion, shaded to
/// 4.5:1 on white. The median is an open dot, so it shows on the bar.
const INTERVAL: &str = "#0072b2";
const OFFICIAL: &str = "#b34e00";

/// The lowest a row may be: a 9-point name still reads.
const MIN_ROW: f64 = 11.0;

/// The height (points) that shows every row of `spec` at a comfortable 16 points on a canvas
/// `width` wide.
#[must_use]
pub fn audit_chart_height(spec: &AuditChartSpec, width: f64) -> f64 {
    let caption = caption_height(caption_lines(&spec.caption, width).len());
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a chart"
    )]
    let rows = spec.rows.len().max(1) as f64;
    BODY_TOP
        + 4.0
        + 3.0 * line_height(SMALL)
        + 2.0
        + 16.0 * rows
        + line_height(SMALL)
        + 4.0
        + caption
        + FOOT
}

/// The chart as a standalone SVG of `width`×`height` on `background` (transparent when `None`);
/// `rows_of` words the note on rows left out ("rows 1–{n} of {m}").
#[must_use]
pub fn audit_chart_svg(
    spec: &AuditChartSpec,
    (width, height, background): (f64, f64, Option<&str>),
    rows_of: &str,
) -> String {
    let mut svg = String::new();
    open_figure(
        &mut svg,
        (width, height),
        background,
        &spec.title,
        &spec.subtitle,
    );
    // The legend: a dot, a bar and a tick, each with its words.
    let legend_y = BODY_TOP + 4.0;
    let mut x = MARGIN;
    for (i, label) in spec.legend.iter().enumerate() {
        let mark = match i {
            0 => format!(
                r##"<circle cx="{:.2}" cy="{legend_y:.2}" r="3.5" fill="#fff" stroke="{INTERVAL}" stroke-width="1.5"/>"##,
                x + 6.0
            ),
            1 => format!(
                r#"<line x1="{x:.2}" y1="{legend_y:.2}" x2="{:.2}" y2="{legend_y:.2}" stroke="{INTERVAL}" stroke-width="5"/>"#,
                x + 14.0
            ),
            _ => format!(
                r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{OFFICIAL}" stroke-width="2"/>"#,
                x + 6.0,
                legend_y - 5.0,
                x + 6.0,
                legend_y + 5.0
            ),
        };
        svg.push_str(&mark);
        svg.push('\n');
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{legend_y:.2}" font-size="{SMALL}" fill="#444" dominant-baseline="middle">{}</text>"##,
            x + 18.0,
            escape(label)
        );
        x += 18.0 + text_width(label, SMALL) + 14.0;
    }
    let caption_lines = caption_lines(&spec.caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len()) - line_height(SMALL) - 4.0;
    // Tick labels above the plot.
    let top = legend_y + line_height(SMALL) + line_height(SMALL) + 2.0;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let fitting = (((bottom - top) / MIN_ROW).floor().max(1.0) as usize).min(spec.rows.len());
    // The axis ends where the rows shown end.
    let rows = spec.rows[..fitting].to_vec();
    let shown = AuditChartSpec {
        max_rank: crate::charts::audit_chart::max_rank_of(&rows),
        rows,
        ..spec.clone()
    };
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a chart"
    )]
    let row_height = (bottom - top) / fitting.max(1) as f64;
    let font = if row_height >= 14.0 { BODY } else { SMALL };
    // Names take what they need, up to 35 % of the width.
    let widest = shown
        .rows
        .iter()
        .map(|r| text_width(&r.label, font))
        .fold(0.0, f64::max);
    let labels = (widest + 8.0).min((width - 2.0 * MARGIN) * 0.35);
    let (left, right) = (MARGIN + labels + 6.0, width - MARGIN - 6.0);
    let geo = audit_layout(&shown, [left, top], [right, bottom]);
    for &(x, place) in &geo.ticks {
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.2}" y1="{top:.2}" x2="{x:.2}" y2="{bottom:.2}" stroke="#e3e3e3" stroke-width="1"/>"##
        );
        let _ = writeln!(
            svg,
            r##"<text x="{x:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="middle">{place}</text>"##,
            top - 4.0
        );
    }
    for (row, g) in shown.rows.iter().zip(&geo.rows) {
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{font}" fill="#222" text-anchor="end" dominant-baseline="middle"><title>{}</title>{}</text>"##,
            left - 6.0,
            g.y,
            escape(&row.label),
            escape(&fit(&row.label, font, labels - 4.0))
        );
        let bar = (geo.row_height * 0.45).clamp(2.0, 8.0);
        let _ = writeln!(
            svg,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{INTERVAL}" stroke-width="{bar:.2}" stroke-linecap="round"><title>{}–{}</title></line>"#,
            g.p5_x, g.y, g.p95_x, g.y, row.p5, row.p95
        );
        if let Some((lo, hi)) = g.official_x {
            let half = (geo.row_height * 0.4).clamp(2.0, 7.0);
            let _ = writeln!(
                svg,
                r#"<path d="M{lo:.2},{:.2}V{:.2}M{lo:.2},{:.2}H{hi:.2}M{hi:.2},{:.2}V{:.2}" stroke="{OFFICIAL}" stroke-width="2" fill="none"/>"#,
                g.y - half,
                g.y + half,
                g.y,
                g.y - half,
                g.y + half
            );
        }
        let _ = writeln!(
            svg,
            r##"<circle cx="{:.2}" cy="{:.2}" r="{:.2}" fill="#fff" stroke="{INTERVAL}" stroke-width="1.5"><title>{}</title></circle>"##,
            g.median_x,
            g.y,
            (geo.row_height * 0.22).clamp(1.5, 3.5),
            row.median
        );
    }
    if fitting < spec.rows.len() {
        let note = rows_of
            .replace("{n}", &fitting.to_string())
            .replace("{m}", &spec.rows.len().to_string());
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="end">{}</text>"##,
            width - MARGIN,
            bottom + line_height(SMALL),
            escape(&note)
        );
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}
