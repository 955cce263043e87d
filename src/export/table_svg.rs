//! The ranking table as an SVG figure: the rows and columns as shown, with bars in the score cells.

use std::fmt::Write as _;

use super::svg::{caption_height, caption_lines, escape, open_figure, write_caption};
use super::text_fit::{fit, text_width};
use super::type_scale::{BODY, BODY_TOP, FOOT, MARGIN, SMALL, line_height};
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
const CELL_PAD: f64 = 8.0;

/// The narrowest a shortened text column gets.
const MIN_TEXT_COLUMN: f64 = 48.0;

/// The share of the width the text columns (names, provinces) get, in proportion to their cells,
/// before long heads get room.
const TEXT_SHARE: f64 = 0.4;

/// How much wider than its cells a column is made, early, for its head.
const CHEAP_HEAD: f64 = 16.0;

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
    // A line more for heads in two lines.
    let height = HEAD
        + line_height(BODY)
        + ROW * (rows + 1) as f64
        + ROWS_NOTE
        + GAP
        + caption_height(caption_lines)
        + FOOT;
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
    // Rows are never squeezed below a readable height: those that do not fit are left out,
    // and a line under the table says which rows are shown ("rows 1–37 of 100").
    let rows_under = |top: f64| {
        let shown = &rows[..rows.len().min(rows_that_fit(bottom - top))];
        #[expect(
            clippy::cast_precision_loss,
            reason = "row counts are small in a figure"
        )]
        let row_height =
            ((bottom - top - ROWS_NOTE) / (shown.len().max(1) + 1) as f64).clamp(MIN_ROW, MAX_ROW);
        (shown, row_height)
    };
    let (shown, row_height) = rows_under(HEAD);
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
    // The columns' needs at a type size: cells, heads in two lines and in one.
    let needs = |font: f64| -> (Vec<f64>, Vec<[f64; 2]>) {
        let cells = columns
            .iter()
            .map(|&c| {
                shown
                    .iter()
                    .map(|&r| text_width(&cell_text(c, r), font))
                    .fold(0.0, f64::max)
                    + CELL_PAD
            })
            .collect();
        // A point of slack, so that a head measured to fit is not cut by rounding.
        let heads = heads
            .iter()
            .map(|h| {
                [
                    two_line_width(h, font * 1.04) + CELL_PAD + 1.0,
                    text_width(h, font * 1.04) + CELL_PAD + 1.0,
                ]
            })
            .collect();
        (cells, heads)
    };
    let room = width - 2.0 * MARGIN;
    let (mut cells, mut head_widths) = needs(font);
    let overflows = |cells: &[f64], heads: &[[f64; 2]]| {
        cells
            .iter()
            .zip(heads)
            .map(|(c, [h, _])| c.max(*h))
            .sum::<f64>()
            > room
    };
    // A table too wide for the canvas is set a point smaller before any name is shortened.
    let font = if font > SMALL && overflows(&cells, &head_widths) {
        (cells, head_widths) = needs(SMALL);
        SMALL
    } else {
        font
    };
    // Names, provinces and other words may be shortened; numbers, ranks and changes not.
    let text: Vec<bool> = columns
        .iter()
        .map(|c| !c.is_numeric() && !matches!(c, ColumnId::Rank | ColumnId::RankChange))
        .collect();
    let widths = fit_columns(&cells, &head_widths, &text, room);
    let mut x_positions = Vec::with_capacity(columns.len());
    let mut x = MARGIN;
    for w in &widths {
        x_positions.push(x);
        x += w;
    }
    // A head too long for its column takes two lines, and the rows move down by one.
    let head_lines: Vec<Vec<String>> = heads
        .iter()
        .zip(&widths)
        .map(|(head, w)| head_in_two_lines(head, font * 1.04, w - CELL_PAD))
        .collect();
    let two_lines = head_lines.iter().any(|l| l.len() > 1);
    let top = if two_lines {
        HEAD + line_height(font)
    } else {
        HEAD
    };
    let (shown, row_height) = if two_lines {
        rows_under(top)
    } else {
        (shown, row_height)
    };
    for ((column, &x), (&w, lines)) in columns
        .iter()
        .zip(&x_positions)
        .zip(widths.iter().zip(&head_lines))
    {
        let anchor = if column.is_numeric() {
            ("end", x + w - CELL_PAD / 2.0)
        } else {
            ("start", x)
        };
        // Top to bottom, the last line on the heads' baseline.
        for (i, line) in lines.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "two lines")]
            let y = top - line_height(font) * (lines.len() - 1 - i) as f64;
            let _ = writeln!(
                svg,
                r##"<text x="{:.2}" y="{y:.2}" font-size="{font:.1}" font-weight="bold" fill="#222" text-anchor="{}">{}</text>"##,
                anchor.1,
                anchor.0,
                escape(line)
            );
        }
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
                // Rises, falls and entrants in the palette's colours shaded to 4.5:1 on white, as on screen.
                let fill = match text.chars().next() {
                    Some('▲') => "#0072b2",
                    Some('▼') => "#b34e00",
                    Some('n') if *column == ColumnId::RankChange => "#007a5a",
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

/// Whether `text` may break between any two characters (it has Chinese, Japanese or Korean).
fn breaks_anywhere(text: &str) -> bool {
    text.chars().any(|c| c >= '\u{2e80}')
}

/// The narrowest `head` at `size` fits in two lines without breaking a word of Latin letters.
fn two_line_width(head: &str, size: f64) -> f64 {
    let whole = text_width(head, size);
    if !breaks_anywhere(head) && !head.contains(char::is_whitespace) {
        return whole;
    }
    let longest_word = head
        .split_whitespace()
        .filter(|w| !breaks_anywhere(w))
        .map(|w| text_width(w, size))
        .fold(0.0, f64::max);
    let mut width = longest_word.max(whole / 2.0);
    while width < whole && super::text_fit::wrap_to(head, size, width).len() > 2 {
        width += size / 2.0;
    }
    width.min(whole)
}

/// `head` in one line of `width` points at `size`, or two when it does not fit (the second cut
/// when even two do not). Latin words are never broken: the first line takes the words that
/// fit (at least one, cut when it alone is too long), the second the rest.
fn head_in_two_lines(head: &str, size: f64, width: f64) -> Vec<String> {
    if text_width(head, size) <= width {
        return vec![head.to_owned()];
    }
    if !breaks_anywhere(head) {
        let words: Vec<&str> = head.split_whitespace().collect();
        let mut first = words.len().min(1);
        while first < words.len() && text_width(&words[..=first].join(" "), size) <= width {
            first += 1;
        }
        let (one, two) = (words[..first].join(" "), words[first..].join(" "));
        return if two.is_empty() {
            vec![fit(&one, size, width)]
        } else {
            vec![fit(&one, size, width), fit(&two, size, width)]
        };
    }
    let lines = super::text_fit::wrap_to(head, size, width);
    match lines.as_slice() {
        [] => vec![String::new()],
        [one] => vec![fit(one, size, width)],
        [first, rest @ ..] => vec![fit(first, size, width), fit(&rest.concat(), size, width)],
    }
}

/// Widths of columns whose cells need `cells` and whose heads need `heads` (in two lines, in
/// one), within `room`. Numbers, ranks and changes are never cut; a `text` column (names,
/// provinces) starts at [`MIN_TEXT_COLUMN`]. What is left goes, in turn, to heads that need
/// little more than their cells, to text columns up to [`TEXT_SHARE`] of the room together, to heads in
/// two lines, to text columns up to their cells, to heads in one line, and then to every
/// column in proportion. When even the first widths do not fit, all are narrowed alike.
fn fit_columns(cells: &[f64], heads: &[[f64; 2]], text: &[bool], room: f64) -> Vec<f64> {
    let mut widths: Vec<f64> = cells
        .iter()
        .zip(text)
        .map(|(&c, &t)| if t { c.min(MIN_TEXT_COLUMN) } else { c })
        .collect();
    let total: f64 = widths.iter().sum();
    if total > room {
        for w in &mut widths {
            *w *= room / total;
        }
        return widths;
    }
    // Text columns' cells, scaled to share `limit` points among them.
    let text_up_to = |limit: f64| -> Vec<f64> {
        let all: f64 = cells
            .iter()
            .zip(text)
            .filter(|(_, t)| **t)
            .map(|(c, _)| c)
            .sum();
        let scale = if all > limit { limit / all } else { 1.0 };
        cells
            .iter()
            .zip(text)
            .map(|(&c, &t)| if t { c * scale } else { 0.0 })
            .collect()
    };
    let targets: [Vec<f64>; 5] = [
        heads
            .iter()
            .zip(&widths)
            .map(|([two, _], w)| if *two <= w + CHEAP_HEAD { *two } else { 0.0 })
            .collect(),
        text_up_to(TEXT_SHARE * room),
        heads.iter().map(|[two, _]| *two).collect(),
        text_up_to(f64::INFINITY),
        heads.iter().map(|[_, one]| *one).collect(),
    ];
    for target in &targets {
        let left = room - widths.iter().sum::<f64>();
        let wanted: Vec<f64> = target
            .iter()
            .zip(&widths)
            .map(|(t, w)| (t - w).max(0.0))
            .collect();
        let all_wanted: f64 = wanted.iter().sum();
        if all_wanted > 0.0 && left > 0.0 {
            let given = all_wanted.min(left);
            for (w, want) in widths.iter_mut().zip(&wanted) {
                *w += given * want / all_wanted;
            }
        }
    }
    let now: f64 = widths.iter().sum();
    if now > 0.0 {
        let stretch = room / now;
        for w in &mut widths {
            *w *= stretch;
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
    fn room_left_over_goes_to_heads_then_names_then_all_columns() {
        // Cells 30 + 100 + 50 in 300: the name column starts at 48 and gets all its cells
        // (its share is 120); the third head gets 20 more for two lines, then the 100 points
        // left are spread over 200 (a factor of 1.5).
        let heads = [[20.0, 20.0], [40.0, 40.0], [70.0, 70.0]];
        let widths = fit_columns(&[30.0, 100.0, 50.0], &heads, &[false, true, false], 300.0);
        assert!(close(&widths, &[45.0, 150.0, 105.0]), "{widths:?}");
        // Heads wanting more than is left share what is left in proportion.
        let heads = [[90.0, 90.0], [70.0, 70.0]];
        let widths = fit_columns(&[50.0, 50.0], &heads, &[false, false], 130.0);
        assert!(close(&widths, &[70.0, 60.0]), "{widths:?}");
    }

    #[test]
    fn names_keep_their_share_before_heads_and_numbers_are_never_cut() {
        // In 200 the name column starts at 48 and gets its share (80) first: 40 + 80 + 60 =
        // 180; the 20 left go to the third head in two lines.
        let heads = [[0.0; 2], [0.0; 2], [80.0, 150.0]];
        let widths = fit_columns(&[40.0, 200.0, 60.0], &heads, &[false, true, false], 200.0);
        assert!(close(&widths, &[40.0, 80.0, 80.0]), "{widths:?}");
        // When numbers and the name's share do not fit, all narrow alike: 148 → 120.
        let no_heads = [[0.0; 2]; 3];
        let widths = fit_columns(
            &[40.0, 200.0, 60.0],
            &no_heads,
            &[false, true, false],
            120.0,
        );
        let f = 120.0 / 148.0;
        assert!(
            close(&widths, &[40.0 * f, 48.0 * f, 60.0 * f]),
            "{widths:?}"
        );
    }

    #[test]
    fn heads_break_into_two_lines_between_words_and_anywhere_in_chinese() {
        let size = 10.0;
        // A single word is cut, not broken.
        let rank = head_in_two_lines("Rank", size, 20.0);
        assert!(
            rank.len() == 1 && rank[0].starts_with('R') && rank[0].ends_with('…'),
            "{rank:?}"
        );
        let width = two_line_width("Infrastructure capacity", size);
        assert!(
            (width - text_width("Infrastructure", size)).abs() < 1e-9,
            "the longer word: {width}"
        );
        assert_eq!(
            head_in_two_lines("Infrastructure capacity", size, width),
            vec!["Infrastructure".to_owned(), "capacity".to_owned()]
        );
        // Narrower, each line is cut at its end, never inside a word then continued.
        let narrow = head_in_two_lines("Technological innovation capacity", size, 40.0);
        assert_eq!(narrow.len(), 2, "{narrow:?}");
        assert!(
            narrow[0].starts_with("Tech") && narrow[0].ends_with('…'),
            "{narrow:?}"
        );
        assert!(
            narrow[1].starts_with("inno") && narrow[1].ends_with('…'),
            "{narrow:?}"
        );
        let width = two_line_width("基础建设能力", size);
        assert_eq!(
            head_in_two_lines("基础建设能力", size, width),
            vec!["基础建".to_owned(), "设能力".to_owned()]
        );
    }
}
