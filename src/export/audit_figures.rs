//! The audit's other two figures as SVG: the correlation heatmap of the capacities, indicators
//! and total (numbered rows and columns, names at the left, the value in each cell when it fits
//! and always in its tooltip), and the sensitivity bars (each factor's first-order and
//! total-effect index with its 95 % interval).

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL, line_height};
use crate::charts::palette::correlation_colour;
use crate::model::audit::SobolIndex;

/// The top of the heatmap's cells: below the colour key and the column numbers.
const HEATMAP_TOP: f64 = BODY_TOP + 14.0 + 14.0;

/// The height (points) a heatmap of `labels` needs on a canvas `width` wide: square cells as
/// wide as the names leave room for, and the caption.
#[must_use]
pub fn heatmap_height(labels: &[String], caption: &str, width: f64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
    let count = labels.len().max(1) as f64;
    let widest = labels
        .iter()
        .enumerate()
        .map(|(i, l)| text_width(&format!("{} {l}", i + 1), SMALL))
        .fold(0.0, f64::max);
    let label_width = (widest + 6.0).min((width - 2.0 * MARGIN) * 0.4);
    let cell = (width - 2.0 * MARGIN - label_width) / count;
    HEATMAP_TOP + cell * count + 6.0 + caption_height(caption_lines(caption, width).len()) + FOOT
}

/// The heatmap of `matrix` (square, over `labels`) on a `width`×`height` canvas.
#[must_use]
pub fn heatmap_svg(
    [title, subtitle, caption]: [&str; 3],
    labels: &[String],
    matrix: &[Vec<Option<f64>>],
    (width, height, background): (f64, f64, Option<&str>),
) -> String {
    let mut svg = String::new();
    open_figure(&mut svg, (width, height), background, title, subtitle);
    let caption_lines = caption_lines(caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len()) - 6.0;
    let n = labels.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
    let count = n as f64;
    let top = HEATMAP_TOP;
    // The colour key: −1 to 1 in five swatches.
    let mut kx = MARGIN;
    for r in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let [red, green, blue] = correlation_colour(Some(r));
        let _ = writeln!(
            svg,
            r##"<rect x="{kx:.2}" y="{BODY_TOP:.2}" width="14" height="9" fill="#{red:02x}{green:02x}{blue:02x}" stroke="#bbb" stroke-width="0.5"/>"##
        );
        let label = if r < 0.0 {
            format!("−{}", -r)
        } else {
            format!("{r}")
        };
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#444" dominant-baseline="middle">{label}</text>"##,
            kx + 17.0,
            BODY_TOP + 4.5
        );
        kx += 17.0 + text_width(&label, SMALL) + 10.0;
    }
    // Numbered names at the left: "12 name", as wide as they need, up to 40 % of the width.
    let numbered: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{} {l}", i + 1))
        .collect();
    let cell_guess = ((bottom - top) / count).min((width - 2.0 * MARGIN) * 0.6 / count);
    let font = if cell_guess >= 13.0 {
        BODY
    } else {
        SMALL.min(cell_guess.max(4.0) * 0.8)
    };
    let widest = numbered
        .iter()
        .map(|l| text_width(l, font))
        .fold(0.0, f64::max);
    let label_width = (widest + 6.0).min((width - 2.0 * MARGIN) * 0.4);
    let left = MARGIN + label_width;
    let cell = ((width - MARGIN - left) / count)
        .min((bottom - top) / count)
        .max(1.0);
    for (i, label) in numbered.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
        let y = top + cell * (i as f64 + 0.5);
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{y:.2}" font-size="{font:.1}" fill="#222" text-anchor="end" dominant-baseline="middle"><title>{}</title>{}</text>"##,
            left - 4.0,
            escape(label),
            escape(&fit(label, font, label_width - 4.0))
        );
    }
    // Column numbers above the cells, every k-th when they would touch.
    let number_font = SMALL.min(font);
    let every = {
        let widest = text_width(&n.to_string(), number_font) + 2.0;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small positive count"
        )]
        let k = (widest / cell).ceil().max(1.0) as usize;
        k
    };
    for j in (0..n).step_by(every) {
        #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
        let x = left + cell * (j as f64 + 0.5);
        let _ = writeln!(
            svg,
            r##"<text x="{x:.2}" y="{:.2}" font-size="{number_font:.1}" fill="#666" text-anchor="middle">{}</text>"##,
            top - 3.0,
            j + 1
        );
    }
    let value_fits = text_width("−0.00", SMALL) + 2.0 <= cell && SMALL + 2.0 <= cell;
    for (i, row) in matrix.iter().enumerate().take(n) {
        for (j, &r) in row.iter().enumerate().take(n) {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen components")]
            let (x, y) = (left + cell * j as f64, top + cell * i as f64);
            let [red, green, blue] = correlation_colour(r);
            let value = r.map_or_else(|| "—".to_owned(), |r| format!("{r:.2}"));
            let _ = writeln!(
                svg,
                r##"<rect x="{x:.2}" y="{y:.2}" width="{cell:.2}" height="{cell:.2}" fill="#{red:02x}{green:02x}{blue:02x}" stroke="#fff" stroke-width="0.5"><title>{} × {}: {value}</title></rect>"##,
                escape(&labels[i]),
                escape(&labels[j])
            );
            if value_fits && r.is_some() {
                let ink = if r.is_some_and(|r| r.abs() > 0.6) {
                    "#fff"
                } else {
                    "#222"
                };
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="{ink}" text-anchor="middle" dominant-baseline="middle">{}</text>"#,
                    x + cell / 2.0,
                    y + cell / 2.0,
                    value.replace('-', "−")
                );
            }
        }
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}

/// The sensitivity bars: per factor, the first-order index (solid) and the total effect
/// (outlined) with their 95 % intervals, on a 0–1 axis; `legend` names the two.
#[must_use]
pub fn sensitivity_svg(
    [title, subtitle, caption]: [&str; 3],
    factors: &[String],
    indices: &[SobolIndex],
    legend: [&str; 2],
    (width, height, background): (f64, f64, Option<&str>),
) -> String {
    let mut svg = String::new();
    open_figure(&mut svg, (width, height), background, title, subtitle);
    let legend_y = BODY_TOP + 4.0;
    let mut x = MARGIN;
    for (i, label) in legend.iter().enumerate() {
        let fill = if i == 0 { "#0072b2" } else { "none" };
        let _ = writeln!(
            svg,
            r##"<rect x="{x:.2}" y="{:.2}" width="12" height="8" fill="{fill}" stroke="#0072b2"/>"##,
            legend_y - 4.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{legend_y:.2}" font-size="{SMALL}" fill="#444" dominant-baseline="middle">{}</text>"##,
            x + 16.0,
            escape(label)
        );
        x += 16.0 + text_width(label, SMALL) + 14.0;
    }
    let caption_lines = caption_lines(caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len()) - line_height(SMALL) - 6.0;
    let top = legend_y + line_height(SMALL) + 4.0;
    let widest = factors
        .iter()
        .map(|f| text_width(f, BODY))
        .fold(0.0, f64::max);
    let left = MARGIN + (widest + 8.0).min((width - 2.0 * MARGIN) * 0.35);
    let right = width - MARGIN - 8.0;
    let axis = |v: f64| left + v.clamp(0.0, 1.0) * (right - left);
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let tx = axis(tick);
        let _ = writeln!(
            svg,
            r##"<line x1="{tx:.2}" y1="{top:.2}" x2="{tx:.2}" y2="{bottom:.2}" stroke="#e3e3e3"/>"##
        );
        let _ = writeln!(
            svg,
            r##"<text x="{tx:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="middle">{tick}</text>"##,
            bottom + line_height(SMALL)
        );
    }
    #[expect(clippy::cast_precision_loss, reason = "a few factors")]
    let band = (bottom - top) / factors.len().max(1) as f64;
    let bar = (band * 0.3).clamp(3.0, 12.0);
    for (i, (factor, index)) in factors.iter().zip(indices).enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few factors")]
        let y = top + band * (i as f64 + 0.5);
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{y:.2}" font-size="{BODY}" fill="#222" text-anchor="end" dominant-baseline="middle">{}</text>"##,
            left - 6.0,
            escape(&fit(factor, BODY, left - MARGIN - 6.0))
        );
        for (k, (value, (lo, hi))) in [(index.first, index.first_ci), (index.total, index.total_ci)]
            .into_iter()
            .enumerate()
        {
            #[expect(clippy::cast_precision_loss, reason = "two bars")]
            let by = y - bar - 1.0 + (bar + 2.0) * k as f64;
            let fill = if k == 0 { "#0072b2" } else { "#ffffff" };
            let _ = writeln!(
                svg,
                r##"<rect x="{left:.2}" y="{by:.2}" width="{:.2}" height="{bar:.2}" fill="{fill}" stroke="#0072b2"><title>{value:.3} [{lo:.3}, {hi:.3}]</title></rect>"##,
                (axis(value) - left).max(0.0)
            );
            let _ = writeln!(
                svg,
                r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#222" stroke-width="1"/>"##,
                axis(lo),
                by + bar / 2.0,
                axis(hi),
                by + bar / 2.0
            );
        }
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}
