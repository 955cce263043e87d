//! Charts as SVG with real text: the same layout the screen draws, plus title, legend and caption.

use std::fmt::Write as _;

use super::type_scale::{
    BODY, BODY_TOP, FOOT, MARGIN, SMALL, SUBTITLE, SUBTITLE_BASELINE, TITLE, TITLE_BASELINE,
    TITLE_MIN, line_height,
};
use crate::charts::radar::{Dash, FILL_OPACITY, RadarSpec, SeriesStyle, layout};

/// Fonts that Word, Inkscape and browsers resolve, Chinese first.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Heiti SC', 'WenQuanYi Micro Hei', 'Rankscope Sans SC Subset', sans-serif";

/// Escapes text for XML; characters XML forbids (control characters but tab and line breaks,
/// U+FFFE, U+FFFF) are left out, so that a name never makes the figure invalid.
#[must_use]
pub fn escape(text: &str) -> String {
    let allowed = |c: &char| {
        matches!(c, '\t' | '\n' | '\r')
            || (!c.is_control() && !matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    text.chars()
        .filter(allowed)
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Opens a figure: the `svg` element with the font list, the background (transparent when
/// `None`), the title and the subtitle.
pub(crate) fn open_figure(
    svg: &mut String,
    (width, height): (f64, f64),
    background: Option<&str>,
    title: &str,
    subtitle: &str,
) {
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}">"#,
        escape(FONT_FAMILY)
    );
    if let Some(fill) = background {
        let _ = writeln!(
            svg,
            r#"<rect width="100%" height="100%" fill="{}"/>"#,
            escape(fill)
        );
    }
    // The title shrinks to fit the canvas, then is cut; so is the subtitle.
    let room = width - 2.0 * MARGIN;
    let title_size =
        (TITLE * room / super::text_fit::text_width(title, TITLE).max(1.0)).clamp(TITLE_MIN, TITLE);
    let _ = writeln!(
        svg,
        r##"<text x="{MARGIN}" y="{TITLE_BASELINE}" font-size="{title_size:.1}" font-weight="bold" fill="#222">{}</text>"##,
        escape(&super::text_fit::fit(title, title_size * 1.04, room))
    );
    let _ = writeln!(
        svg,
        r##"<text x="{MARGIN}" y="{SUBTITLE_BASELINE}" font-size="{SUBTITLE}" fill="#555">{}</text>"##,
        escape(&super::text_fit::fit(subtitle, SUBTITLE, room))
    );
}

/// The caption cut into lines that fit between the margins of a canvas `width` wide.
#[must_use]
pub fn caption_lines(caption: &str, width: f64) -> Vec<String> {
    super::text_fit::wrap_to(caption, SMALL, width - 2.0 * MARGIN)
}

/// The height `lines` lines of caption take.
#[must_use]
pub fn caption_height(lines: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let lines = lines as f64;
    line_height(SMALL) * lines
}

/// Writes the caption's lines at the foot of a canvas `height` high, the last `bottom_margin`
/// above its edge.
pub(crate) fn write_caption(svg: &mut String, lines: &[String], height: f64, bottom_margin: f64) {
    let first_baseline = height - bottom_margin - caption_height(lines.len().saturating_sub(1));
    for (i, line) in lines.iter().enumerate() {
        let y = first_baseline + caption_height(i);
        let _ = writeln!(
            svg,
            r##"<text x="{MARGIN}" y="{y:.2}" font-size="{SMALL}" fill="#666">{}</text>"##,
            escape(line)
        );
    }
}

/// The radar as a standalone SVG of `width`×`height` (print theme: dark text on `background`,
/// or transparent when `None`).
#[must_use]
pub fn radar_svg(spec: &RadarSpec, width: f64, height: f64, background: Option<&str>) -> String {
    let mut svg = String::new();
    open_figure(
        &mut svg,
        (width, height),
        background,
        &spec.title,
        &spec.subtitle,
    );

    let chart_width = width * 0.62;
    let top = BODY_TOP + 8.0;
    let caption_lines = caption_lines(&spec.caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len());
    // Axis labels in body text, cut to a fifth of the chart; the radius leaves room for the
    // widest beside the chart and a line above and below it.
    let label_size = BODY;
    let axis_labels: Vec<String> = spec
        .axes
        .iter()
        .map(|a| super::text_fit::fit(a, label_size, chart_width * 0.22))
        .collect();
    let widest = axis_labels
        .iter()
        .map(|l| super::text_fit::text_width(l, label_size))
        .fold(0.0, f64::max);
    // The chart keeps the figure's 24-point margin on the left, as the title does.
    let center = [
        f64::midpoint(MARGIN, chart_width),
        f64::midpoint(top, bottom),
    ];
    let radius = ((chart_width - MARGIN) / 2.0 - widest - 16.0)
        .min((bottom - top) / 2.0 - 2.0 * label_size - 18.0)
        .max(20.0);
    let geo = layout(spec, center, radius);

    for ring in &geo.rings {
        let _ = writeln!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#c8c8c8" stroke-width="1"/>"##,
            points(ring)
        );
    }
    for end in &geo.axis_ends {
        let _ = writeln!(
            svg,
            r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#c8c8c8" stroke-width="1"/>"##,
            center[0], center[1], end[0], end[1]
        );
    }
    // On a small radar, ticks closer than a label's height to the last one labelled go bare.
    let mut last_labelled: Option<[f64; 2]> = None;
    for (pos, text) in &geo.tick_labels {
        if last_labelled.is_some_and(|p| (p[1] - pos[1]).hypot(p[0] - pos[0]) < line_height(SMALL))
        {
            continue;
        }
        last_labelled = Some(*pos);
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" dominant-baseline="middle">{}</text>"##,
            pos[0],
            pos[1],
            escape(text)
        );
    }
    for (((pos, align), text), shown) in geo.labels.iter().zip(&spec.axes).zip(&axis_labels) {
        let anchor = match align {
            1 => "start",
            -1 => "end",
            _ => "middle",
        };
        let baseline = if *align == 0 && pos[1] < center[1] {
            "auto"
        } else if *align == 0 {
            "hanging"
        } else {
            "middle"
        };
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{label_size:.1}" fill="#222" text-anchor="{anchor}" dominant-baseline="{baseline}"><title>{}</title>{}</text>"##,
            pos[0],
            pos[1],
            escape(text),
            escape(shown)
        );
    }
    for (series, geometry) in spec.series.iter().zip(&geo.polygons) {
        let colour = hex(series.colour);
        let complete: Option<Vec<[f64; 2]>> = geometry.vertices.iter().copied().collect();
        let width = series.style.stroke_width();
        let style = match series.style {
            SeriesStyle::Filled => format!(
                r#"fill="{colour}" fill-opacity="{FILL_OPACITY}" stroke="{colour}" stroke-width="{width}""#
            ),
            SeriesStyle::Dashed(Dash(dash, gap)) => format!(
                r#"fill="none" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash} {gap}""#
            ),
        };
        if let Some(closed) = complete {
            // The polygon is star-shaped around the centre, so SVG's own fill covers it exactly.
            let _ = writeln!(
                svg,
                r#"<polygon points="{}" {style}><title>{}</title></polygon>"#,
                points(&closed),
                escape(&series.label)
            );
        } else {
            // A missing value leaves the shape open: outline the runs of present vertices, no fill.
            let count = geometry.vertices.len();
            for i in 0..count {
                if let (Some([x1, y1]), Some([x2, y2])) =
                    (geometry.vertices[i], geometry.vertices[(i + 1) % count])
                {
                    let _ = writeln!(
                        svg,
                        r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{colour}" stroke-width="{width}"/>"#
                    );
                }
            }
        }
        if series.style == SeriesStyle::Filled {
            for p in geometry.vertices.iter().flatten() {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{:.2}" cy="{:.2}" r="3" fill="{colour}"/>"#,
                    p[0], p[1]
                );
            }
        }
    }
    legend(
        &mut svg,
        spec,
        [chart_width + 8.0, top + 10.0],
        [
            width - MARGIN - chart_width - 8.0 - 30.0,
            bottom - top - 10.0,
        ],
    );
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}

/// The legend with each entity's exact scores (a radar alone is poor for precise reading), at
/// `[x, top]` in a box `[width, height]`: names and scores cut to the width; when the scores do
/// not all fit the height, the names alone (the table has the scores).
fn legend(svg: &mut String, spec: &RadarSpec, [x, top]: [f64; 2], [width, height]: [f64; 2]) {
    #[expect(clippy::cast_precision_loss, reason = "a few series and axes")]
    let full = spec.series.len() as f64
        * (line_height(BODY) + 10.0 + line_height(SMALL) * spec.axes.len() as f64);
    let with_scores = full <= height;
    let mut y = top;
    for series in &spec.series {
        if y + BODY > top + height {
            break;
        }
        let colour = hex(series.colour);
        // The swatch is drawn as the series is: its own dash pattern for a reference.
        let dash = match series.style {
            SeriesStyle::Dashed(Dash(dash, gap)) => format!(r#" stroke-dasharray="{dash} {gap}""#),
            SeriesStyle::Filled => String::new(),
        };
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.2}" y1="{y:.2}" x2="{:.2}" y2="{y:.2}" stroke="{colour}" stroke-width="3"{dash}/>"#,
            x + 22.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{y:.2}" font-size="{BODY}" fill="#222" dominant-baseline="middle">{}</text>"##,
            x + 30.0,
            escape(&super::text_fit::fit(&series.label, BODY, width))
        );
        y += line_height(BODY) + 4.0;
        if !with_scores {
            continue;
        }
        for (axis, name) in spec.axes.iter().enumerate() {
            let Some(raw) = series.raw.get(axis).copied().flatten() else {
                continue;
            };
            let rank = series
                .ranks
                .get(axis)
                .copied()
                .flatten()
                .map(|r| format!(" (#{r})"))
                .unwrap_or_default();
            let value = format!(": {raw:.2}{rank}");
            let room = width - super::text_fit::text_width(&value, SMALL);
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{y:.2}" font-size="{SMALL}" fill="#555" dominant-baseline="middle">{}{value}</text>"##,
                x + 30.0,
                escape(&super::text_fit::fit(name, SMALL, room))
            );
            y += line_height(SMALL);
        }
        y += 6.0;
    }
}

fn points(points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|p| format!("{:.2},{:.2}", p[0], p[1]))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
