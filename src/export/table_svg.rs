//! The ranking table as an SVG figure: the rows and columns as shown, with bars in the score cells.

use std::fmt::Write as _;

use super::svg::{escape, open_figure, write_caption};
use super::text_fit::fit;
use crate::model::{ColumnId, Dataset, NameStyle, Year};
use crate::strings::Strings;

/// The lowest a table row may be (points): 9-point text still reads.
const MIN_ROW: f64 = 14.0;

/// The room under the rows for the "rows 1–n of m" line.
const ROWS_NOTE: f64 = 18.0;

/// How many rows fit below the header in `room` points (the header counts as a row).
fn rows_that_fit(room: f64) -> usize {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let rows = ((room - ROWS_NOTE) / MIN_ROW).floor().max(1.0) as usize;
    rows.saturating_sub(1).max(1)
}

/// The height (points) a table figure of `rows` rows needs to show them all at a comfortable
/// row height, with `caption_lines` lines of caption.
#[must_use]
pub fn table_height(rows: usize, caption_lines: usize) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a figure"
    )]
    let height = 90.0 + 22.0 * (rows + 1) as f64 + ROWS_NOTE + 14.0 * caption_lines as f64 + 30.0;
    height.max(300.0)
}

/// The table of `rows` × `columns` of `year`, in the language of `s`; `texts` are title, subtitle and caption;
/// `frame` is width, height and background.
#[must_use]
pub fn table_svg(
    data: &Dataset,
    year: &Year,
    rows: &[usize],
    columns: &[ColumnId],
    (s, names): (&Strings, NameStyle),
    [title, subtitle, caption]: [&str; 3],
    (width, height, background): (f64, f64, Option<&str>),
) -> String {
    let mut svg = String::new();
    open_figure(&mut svg, (width, height), background, title, subtitle);
    let caption_lines = super::text_fit::wrap_to(caption, 11.0, width - 48.0);
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let bottom = height - 20.0 - 14.0 * caption_lines.len() as f64;
    let widths: Vec<f64> = columns
        .iter()
        .map(|c| match c {
            ColumnId::Rank | ColumnId::RankChange => 60.0,
            ColumnId::Name => 250.0,
            ColumnId::Province => 80.0,
            _ => 130.0,
        })
        .collect();
    let scale = ((width - 48.0) / widths.iter().sum::<f64>()).min(1.0);
    let mut x_positions = Vec::with_capacity(columns.len());
    let mut x = 24.0;
    for w in &widths {
        x_positions.push(x);
        x += w * scale;
    }
    let top = 90.0;
    // Rows are never squeezed below a readable height: those that do not fit are left out,
    // and a line under the table says which rows are shown ("rows 1–37 of 100").
    let fitting = rows_that_fit(bottom - top);
    let shown = &rows[..rows.len().min(fitting)];
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a figure"
    )]
    let row_height =
        ((bottom - top - ROWS_NOTE) / (shown.len().max(1) + 1) as f64).clamp(MIN_ROW, 26.0);
    let font = (row_height * 0.6).clamp(9.0, 14.0);
    for ((column, &x), &w) in columns.iter().zip(&x_positions).zip(&widths) {
        let anchor = if column.is_numeric() {
            ("end", x + w * scale - 6.0)
        } else {
            ("start", x)
        };
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{top:.2}" font-size="{font:.1}" font-weight="bold" fill="#222" text-anchor="{}">{}</text>"##,
            anchor.1,
            anchor.0,
            escape(&fit(
                &s.column_title(*column, data, names),
                font,
                w * scale - 8.0
            ))
        );
    }
    let _ = writeln!(
        svg,
        r##"<line x1="24" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#888" stroke-width="1"/>"##,
        top + 6.0,
        x,
        top + 6.0
    );
    if shown.len() < rows.len() {
        let note = s
            .table_rows_of
            .replace("{n}", &shown.len().to_string())
            .replace("{m}", &rows.len().to_string());
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="11" fill="#666" text-anchor="end">{}</text>"##,
            x,
            bottom - 2.0,
            escape(&note)
        );
    }
    // One count of decimals per column (over the rows drawn), so that the points line up.
    let column_decimals: std::collections::BTreeMap<ColumnId, usize> = columns
        .iter()
        .filter(|c| c.is_numeric())
        .map(|&c| {
            let values = shown.iter().filter_map(|&r| c.number(year, r));
            (c, crate::model::decimals_of(values))
        })
        .collect();
    for (i, &record) in shown.iter().enumerate() {
        #[expect(
            clippy::cast_precision_loss,
            reason = "row counts are small in a figure"
        )]
        let y = top + row_height * (i + 1) as f64;
        if i % 2 == 1 {
            let _ = writeln!(
                svg,
                r##"<rect x="24" y="{:.2}" width="{:.2}" height="{row_height:.2}" fill="#f2f2f2"/>"##,
                y - row_height * 0.7,
                x - 24.0
            );
        }
        for ((column, &cx), &w) in columns.iter().zip(&x_positions).zip(&widths) {
            let text = column.text(data, year, record, names);
            if column.is_numeric() {
                let stats = match column {
                    ColumnId::Total => year.derived.total_stats,
                    ColumnId::Capacity(c) => year.derived.capacity_stats.get(*c).copied().flatten(),
                    _ => None,
                };
                if let (Some(stats), Some(value)) = (stats, column.number(year, record)) {
                    let span = stats.max - stats.min;
                    let fraction = if span > 0.0 {
                        ((value - stats.min) / span).clamp(0.0, 1.0)
                    } else {
                        1.0
                    };
                    let _ = writeln!(
                        svg,
                        r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#56b4e9" fill-opacity="0.45"/>"##,
                        cx,
                        y - row_height * 0.62,
                        (w * scale - 8.0) * fraction,
                        row_height * 0.75
                    );
                }
                let decimals = column_decimals.get(column).copied().unwrap_or(2);
                let shown = column
                    .number(year, record)
                    .map_or(text, |v| format!("{v:.decimals$}"));
                let _ = writeln!(
                    svg,
                    r##"<text x="{:.2}" y="{y:.2}" font-size="{font:.1}" fill="#222" text-anchor="end">{}</text>"##,
                    cx + w * scale - 6.0,
                    escape(&shown)
                );
            } else {
                // Rises, falls and entrants in the palette's colours, as on screen.
                let fill = match text.chars().next() {
                    Some('▲') => "#0072b2",
                    Some('▼') => "#d55e00",
                    Some('n') if *column == ColumnId::RankChange => "#009e73",
                    _ => "#222",
                };
                let _ = writeln!(
                    svg,
                    r#"<text x="{cx:.2}" y="{y:.2}" font-size="{font:.1}" fill="{fill}">{}</text>"#,
                    escape(&fit(&text, font, w * scale - 8.0))
                );
            }
        }
    }
    write_caption(&mut svg, &caption_lines, bottom + 20.0);
    svg.push_str("</svg>\n");
    svg
}
