//! The ranking table as an SVG figure: the rows and columns as shown, with bars in the score cells.

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL};
use crate::model::{ColumnId, Dataset, NameStyle, Year};
use crate::strings::Strings;

/// The lowest a table row may be (points): 9-point text still reads.
const MIN_ROW: f64 = 12.5;

/// A comfortable row for 10-point text, and the highest a row grows to fill a tall canvas.
const ROW: f64 = 16.0;
const MAX_ROW: f64 = 20.0;

/// The room under the rows for the "rows 1–n of m" line.
const ROWS_NOTE: f64 = 16.0;

/// The room between a cell's text and the next column.
const CELL_PAD: f64 = 10.0;

/// The narrowest a shortened text column gets.
const MIN_TEXT_COLUMN: f64 = 48.0;

/// The baseline of the column heads.
const HEAD: f64 = BODY_TOP + 13.0;

/// The gap between the table and the caption.
const GAP: f64 = 6.0;

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
    let height =
        HEAD + ROW * (rows + 1) as f64 + ROWS_NOTE + GAP + caption_height(caption_lines) + FOOT;
    height.max(200.0)
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
    let caption_lines = caption_lines(caption, width);
    let bottom = height - FOOT - caption_height(caption_lines.len()) - GAP;
    let top = HEAD;
    // Rows are never squeezed below a readable height: those that do not fit are left out,
    // and a line under the table says which rows are shown ("rows 1–37 of 100").
    let fitting = rows_that_fit(bottom - top);
    let shown = &rows[..rows.len().min(fitting)];
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a figure"
    )]
    let row_height =
        ((bottom - top - ROWS_NOTE) / (shown.len().max(1) + 1) as f64).clamp(MIN_ROW, MAX_ROW);
    let font = (row_height * 0.625).clamp(SMALL, BODY);
    // One count of decimals per column (over the rows drawn), so that the points line up.
    let column_decimals: std::collections::BTreeMap<ColumnId, usize> = columns
        .iter()
        .filter(|c| c.is_numeric())
        .map(|&c| {
            let values = shown.iter().filter_map(|&r| c.number(year, r));
            (c, crate::model::decimals_of(values))
        })
        .collect();
    let cell_text = |column: ColumnId, record: usize| {
        let text = column.text(data, year, record, names);
        match column_decimals.get(&column) {
            Some(&decimals) => column
                .number(year, record)
                .map_or(text, |v| format!("{v:.decimals$}")),
            None => text,
        }
    };
    // Each column as wide as its widest cell; the width left over goes first to heads that
    // would be cut, then to every column alike; on a narrow canvas names are shortened first.
    let heads: Vec<String> = columns
        .iter()
        .map(|c| s.column_title(*c, data, names))
        .collect();
    let cells: Vec<f64> = columns
        .iter()
        .map(|&c| {
            shown
                .iter()
                .map(|&r| text_width(&cell_text(c, r), font))
                .fold(0.0, f64::max)
                + CELL_PAD
        })
        .collect();
    let head_widths: Vec<f64> = heads
        .iter()
        .map(|h| text_width(h, font * 1.04) + CELL_PAD)
        .collect();
    let shortenable: Vec<bool> = columns.iter().map(|c| !c.is_numeric()).collect();
    let widths = fit_columns(&cells, &head_widths, &shortenable, width - 2.0 * MARGIN);
    let mut x_positions = Vec::with_capacity(columns.len());
    let mut x = MARGIN;
    for w in &widths {
        x_positions.push(x);
        x += w;
    }
    for (index, ((column, &x), &w)) in columns.iter().zip(&x_positions).zip(&widths).enumerate() {
        let anchor = if column.is_numeric() {
            ("end", x + w - CELL_PAD / 2.0)
        } else {
            ("start", x)
        };
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{top:.2}" font-size="{font:.1}" font-weight="bold" fill="#222" text-anchor="{}">{}</text>"##,
            anchor.1,
            anchor.0,
            escape(&fit(&heads[index], font, w - CELL_PAD))
        );
    }
    let _ = writeln!(
        svg,
        r##"<line x1="{MARGIN}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#888" stroke-width="1"/>"##,
        top + 5.0,
        x,
        top + 5.0
    );
    if shown.len() < rows.len() {
        let note = s
            .table_rows_of
            .replace("{n}", &shown.len().to_string())
            .replace("{m}", &rows.len().to_string());
        // Under the last row drawn.
        #[expect(
            clippy::cast_precision_loss,
            reason = "row counts are small in a figure"
        )]
        let under_rows = top + row_height * (shown.len() + 1) as f64 + 2.0;
        let _ = writeln!(
            svg,
            r##"<text x="{:.2}" y="{:.2}" font-size="{SMALL}" fill="#666" text-anchor="end">{}</text>"##,
            x,
            under_rows,
            escape(&note)
        );
    }
    for (i, &record) in shown.iter().enumerate() {
        #[expect(
            clippy::cast_precision_loss,
            reason = "row counts are small in a figure"
        )]
        let y = top + row_height * (i + 1) as f64;
        if i % 2 == 1 {
            let _ = writeln!(
                svg,
                r##"<rect x="{MARGIN}" y="{:.2}" width="{:.2}" height="{row_height:.2}" fill="#f2f2f2"/>"##,
                y - row_height * 0.7,
                x - MARGIN
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
                        (w - CELL_PAD) * fraction,
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
                    cx + w - CELL_PAD / 2.0,
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
                    escape(&fit(&text, font, w - CELL_PAD))
                );
            }
        }
    }
    write_caption(&mut svg, &caption_lines, height, FOOT);
    svg.push_str("</svg>\n");
    svg
}

/// Widths of columns whose cells need `cells` and heads `heads`, within `room`: when the cells
/// fit, the width left over goes first to heads that would be cut, then to all columns in
/// proportion; when they do not, the `shortenable` columns give up width (down to
/// [`MIN_TEXT_COLUMN`]) before all are narrowed alike.
fn fit_columns(cells: &[f64], heads: &[f64], shortenable: &[bool], room: f64) -> Vec<f64> {
    let mut widths = cells.to_vec();
    let total: f64 = widths.iter().sum();
    if total <= room {
        let wanted: Vec<f64> = heads
            .iter()
            .zip(&widths)
            .map(|(h, w)| (h - w).max(0.0))
            .collect();
        let all_wanted: f64 = wanted.iter().sum();
        let given = all_wanted.min(room - total);
        if all_wanted > 0.0 {
            for (w, want) in widths.iter_mut().zip(&wanted) {
                *w += given * want / all_wanted;
            }
        }
        let now: f64 = widths.iter().sum();
        if now > 0.0 {
            let stretch = room / now;
            for w in &mut widths {
                *w *= stretch;
            }
        }
        return widths;
    }
    let spare: f64 = widths
        .iter()
        .zip(shortenable)
        .filter(|&(_, &s)| s)
        .map(|(w, _)| (w - MIN_TEXT_COLUMN).max(0.0))
        .sum();
    let cut = (total - room).min(spare);
    if spare > 0.0 {
        for (w, &s) in widths.iter_mut().zip(shortenable) {
            if s {
                *w -= cut * (*w - MIN_TEXT_COLUMN).max(0.0) / spare;
            }
        }
    }
    let now: f64 = widths.iter().sum();
    if now > room {
        for w in &mut widths {
            *w *= room / now;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn room_left_over_goes_to_cut_heads_then_to_all_columns() {
        // Cells 30 + 100 + 50 = 180 in 300: the third head wants 20 more, then 100 is spread
        // over 200 points (a factor of 1.5).
        let widths = fit_columns(
            &[30.0, 100.0, 50.0],
            &[20.0, 40.0, 70.0],
            &[false, true, false],
            300.0,
        );
        assert!(close(&widths, &[45.0, 150.0, 105.0]), "{widths:?}");
        // Heads wanting more than is left share what is left in proportion.
        let widths = fit_columns(&[50.0, 50.0], &[90.0, 70.0], &[false, false], 130.0);
        assert!(close(&widths, &[70.0, 60.0]), "{widths:?}");
    }

    #[test]
    fn names_give_way_before_numbers_are_narrowed() {
        // 40 + 200 + 60 = 300 in 200: the name column gives its 100 points (it keeps 100).
        let widths = fit_columns(
            &[40.0, 200.0, 60.0],
            &[0.0; 3],
            &[false, true, false],
            200.0,
        );
        assert!(close(&widths, &[40.0, 100.0, 60.0]), "{widths:?}");
        // In 120 the name column stops at 48 and all narrow alike: 148 → 120.
        let widths = fit_columns(
            &[40.0, 200.0, 60.0],
            &[0.0; 3],
            &[false, true, false],
            120.0,
        );
        let f = 120.0 / 148.0;
        assert!(
            close(&widths, &[40.0 * f, 48.0 * f, 60.0 * f]),
            "{widths:?}"
        );
    }
}
