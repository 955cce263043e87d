//! Capacity trends as an SVG figure: one small line chart per capacity over the years, the
//! selection against the cohort median (dashed) and interquartile range (shaded).

use std::fmt::Write as _;

use super::svg::{escape, hex, open_figure, wrap, write_caption};
use crate::charts::palette;
use crate::charts::radar::Pick;
use crate::model::period;
use crate::model::{Dataset, NameStyle};

/// The small multiples; `texts` are title, subtitle and caption; `frame` is width, height and background.
#[must_use]
pub fn capacities_svg(
    data: &Dataset,
    picks: &[Pick],
    names: NameStyle,
    [title, subtitle, caption]: [&str; 3],
    (width, height, background): (f64, f64, Option<&str>),
) -> String {
    let mut svg = String::new();
    open_figure(&mut svg, (width, height), background, title, subtitle);
    // Legend.
    let mut lx = 24.0;
    for pick in picks {
        let name = data
            .entities
            .get(pick.entity)
            .map(|e| e.name(names))
            .unwrap_or_default();
        let colour = hex(palette::series_colour(pick.slot));
        let _ = writeln!(
            svg,
            r#"<line x1="{lx:.2}" y1="78" x2="{:.2}" y2="78" stroke="{colour}" stroke-width="3"/>"#,
            lx + 20.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="82" font-size="13" fill="#222">{}</text>"##,
            lx + 26.0,
            escape(&name)
        );
        #[expect(clippy::cast_precision_loss, reason = "short names")]
        let advance = 60.0 + 14.0 * name.chars().count() as f64;
        lx += advance;
    }
    let caption_lines = wrap(caption, 130);
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let bottom = height - 20.0 - 14.0 * caption_lines.len() as f64;
    let count = data.meta.capacities.len().max(1);
    let columns = if count > 1 { 2 } else { 1 };
    let rows = count.div_ceil(columns);
    let (top, cell_gap) = (100.0, 28.0);
    #[expect(clippy::cast_precision_loss, reason = "a few charts")]
    let (cell_w, cell_h) = (
        (width - 48.0 - cell_gap * (columns - 1) as f64) / columns as f64,
        (bottom - top - cell_gap * rows as f64) / rows as f64,
    );
    let years: Vec<f64> = data.years.iter().map(|y| period::axis(y.year)).collect();
    let (first, last) = (
        years.first().copied().unwrap_or(0.0),
        years.last().copied().unwrap_or(1.0),
    );
    for capacity in 0..data.meta.capacities.len() {
        #[expect(clippy::cast_precision_loss, reason = "a few charts")]
        let (ox, oy) = (
            24.0 + (capacity % columns) as f64 * (cell_w + cell_gap),
            top + (capacity / columns) as f64 * (cell_h + cell_gap) + 18.0,
        );
        let label = data.meta.capacities[capacity].label(names);
        let _ = writeln!(
            svg,
            r##"<text x="{ox:.2}" y="{:.2}" font-size="14" font-weight="bold" fill="#222">{}</text>"##,
            oy - 6.0,
            escape(&label)
        );
        let stats: Vec<Option<crate::model::Stats>> = data
            .years
            .iter()
            .map(|y| y.derived.capacity_stats.get(capacity).copied().flatten())
            .collect();
        let mut values: Vec<f64> = stats
            .iter()
            .flatten()
            .flat_map(|s| [s.q1, s.q3, s.median])
            .collect();
        for pick in picks {
            values.extend(data.years.iter().filter_map(|y| {
                y.record_of(pick.entity)
                    .and_then(|r| y.records.get(r)?.score(capacity))
            }));
        }
        let (lo, hi) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let (lo, hi) = if lo.is_finite() {
            ((lo - 2.0).floor(), (hi + 2.0).ceil())
        } else {
            (0.0, 100.0)
        };
        let (plot_x, plot_w, plot_h) = (ox + 36.0, cell_w - 48.0, cell_h - 40.0);
        let px = |year: f64| {
            if last > first {
                plot_x + (year - first) / (last - first) * plot_w
            } else {
                plot_x + plot_w / 2.0
            }
        };
        let py = |v: f64| oy + plot_h - (v - lo) / (hi - lo).max(1e-9) * plot_h;
        let _ = writeln!(
            svg,
            r##"<rect x="{plot_x:.2}" y="{oy:.2}" width="{plot_w:.2}" height="{plot_h:.2}" fill="none" stroke="#ccc"/>"##
        );
        for v in [lo, f64::midpoint(lo, hi), hi] {
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{:.2}" font-size="10" fill="#888" text-anchor="end" dominant-baseline="middle">{v:.0}</text>"##,
                plot_x - 4.0,
                py(v)
            );
        }
        for (&x, year) in years.iter().zip(&data.years) {
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{:.2}" font-size="10" fill="#888" text-anchor="middle">{}</text>"##,
                px(x),
                year.label(),
                oy + plot_h + 14.0
            );
        }
        let band: Vec<String> = years
            .iter()
            .zip(&stats)
            .filter_map(|(&y, s)| s.map(|s| format!("{:.2},{:.2}", px(y), py(s.q3))))
            .chain(
                years
                    .iter()
                    .zip(&stats)
                    .rev()
                    .filter_map(|(&y, s)| s.map(|s| format!("{:.2},{:.2}", px(y), py(s.q1)))),
            )
            .collect();
        let _ = writeln!(
            svg,
            r##"<polygon points="{}" fill="#999" fill-opacity="0.25"><title>Cohort interquartile range</title></polygon>"##,
            band.join(" ")
        );
        let median: Vec<String> = years
            .iter()
            .zip(&stats)
            .filter_map(|(&y, s)| s.map(|s| format!("{:.2},{:.2}", px(y), py(s.median))))
            .collect();
        let _ = writeln!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#777" stroke-width="1.5" stroke-dasharray="5 4"><title>Cohort median</title></polyline>"##,
            median.join(" ")
        );
        for pick in picks {
            let points: Vec<String> = data
                .years
                .iter()
                .filter_map(|y| {
                    let v = y
                        .record_of(pick.entity)
                        .and_then(|r| y.records.get(r)?.score(capacity))?;
                    Some(format!("{:.2},{:.2}", px(period::axis(y.year)), py(v)))
                })
                .collect();
            let colour = hex(palette::series_colour(pick.slot));
            let _ = writeln!(
                svg,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2.5"/>"#,
                points.join(" ")
            );
        }
    }
    write_caption(&mut svg, &caption_lines, bottom + 20.0);
    svg.push_str("</svg>\n");
    svg
}
