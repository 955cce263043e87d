//! CSV as spreadsheets save it: comma, semicolon or tab (detected), quoted fields with doubled
//! quotes and line breaks inside, CRLF or LF. Rows keep their line numbers for error messages.

use std::borrow::Cow;

/// A parsed row: its 1-based line number in the file and its fields.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The delimiter that splits the first lines most consistently: comma, semicolon or tab.
#[must_use]
pub fn detect_delimiter(text: &str) -> char {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    // A delimiter's score: how many lines share the count of it that most lines have, and that
    // count. Lines without it do not count against it: a title above the table, a note.
    let score = |delimiter: char| -> (usize, usize) {
        let counts: Vec<usize> = sample
            .iter()
            .map(|line| count_outside_quotes(line, delimiter))
            .filter(|&c| c > 0)
            .collect();
        counts
            .iter()
            .map(|&c| (counts.iter().filter(|&&x| x == c).count(), c))
            .max()
            .unwrap_or((0, 0))
    };
    // On a tie (one column: no delimiter at all), the first: a comma.
    [',', ';', '\t']
        .into_iter()
        .rev()
        .max_by_key(|&d| score(d))
        .unwrap_or(',')
}

fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == delimiter && !quoted
        })
        .count()
}

/// Splits `text` into rows. Blank lines are kept as rows with one empty field (callers skip them
/// and may warn). An unterminated quote runs to the end of the file, as Excel reads it.
#[must_use]
pub fn parse(text: &str, delimiter: char) -> Vec<Row> {
    parse_with_progress(text, delimiter, &|_| {})
}

/// As [`parse`], reporting the bytes of `text` parsed so far about every megabyte.
#[must_use]
pub fn parse_with_progress(text: &str, delimiter: char, progress: &dyn Fn(usize)) -> Vec<Row> {
    parse_checked(text, delimiter, progress).0
}

/// As [`parse_with_progress`], with the line of a quote the text never closes, if any.
#[must_use]
pub fn parse_checked(
    text: &str,
    delimiter: char,
    progress: &dyn Fn(usize),
) -> (Vec<Row>, Option<usize>) {
    let mut rows = Vec::new();
    let stop = for_each_row(text, delimiter, 1, progress, &mut |line, fields| {
        rows.push(Row {
            line,
            fields: fields.iter().map(|f| f.clone().into_owned()).collect(),
        });
        true
    });
    (rows, stop.unclosed_quote)
}

/// Where [`for_each_row`] stopped: the byte after the last row it read, and that row's next line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Stop {
    pub offset: usize,
    pub line: usize,
    /// The line where a quote opened that the text never closes (the rest of the file became
    /// one field): the readers refuse such a file rather than lose its rows.
    pub unclosed_quote: Option<usize>,
}

/// The message for a quote that opens on `line` and is never closed.
#[must_use]
pub fn unclosed_quote_message(line: usize) -> String {
    format!(
        "row {line}: a quote (\") opens a field here and is never closed, so every line after it \
         would be one field; close the quote or remove it"
    )
}

/// Calls `row` with each row's 1-based line number (counting from `first_line`) and its fields,
/// in file order, until it returns `false`; reports progress as [`parse_with_progress`].
///
/// A line without quotes or stray carriage returns is split where it lies, its fields borrowed
/// from `text`; any other row is read by the full quoting rules. Both give the rows [`parse`]
/// documents.
pub fn for_each_row<'a>(
    text: &'a str,
    delimiter: char,
    first_line: usize,
    progress: &dyn Fn(usize),
    row: &mut dyn FnMut(usize, &[Cow<'a, str>]) -> bool,
) -> Stop {
    const REPORT_EVERY: usize = 1 << 20;
    let bytes = text.as_bytes();
    let mut next_report = REPORT_EVERY;
    let mut stop = Stop {
        offset: 0,
        line: first_line,
        unclosed_quote: None,
    };
    let mut fields: Vec<Cow<'a, str>> = Vec::new();
    let simple_delimiter = delimiter.is_ascii() && delimiter != '"' && delimiter != '\r';
    while stop.offset < bytes.len() {
        let start = stop.offset;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut content = &text[start..end];
        if end < bytes.len() {
            content = content.strip_suffix('\r').unwrap_or(content);
        }
        let keep_going =
            if simple_delimiter && memchr::memchr2(b'"', b'\r', content.as_bytes()).is_none() {
                fields.clear();
                // An ASCII delimiter never falls inside a character: split at its bytes.
                let mut from = 0;
                for at in memchr::memchr_iter(delimiter as u8, content.as_bytes()) {
                    fields.push(Cow::Borrowed(&content[from..at]));
                    from = at + 1;
                }
                fields.push(Cow::Borrowed(&content[from..]));
                stop = Stop {
                    offset: (end + 1).min(bytes.len()),
                    line: stop.line + 1,
                    unclosed_quote: None,
                };
                row(stop.line - 1, &fields)
            } else {
                let (next, keep_going) = quoted_rows(text, stop, delimiter, row);
                stop = next;
                keep_going
            };
        if stop.offset >= next_report {
            progress(stop.offset);
            next_report = (stop.offset / REPORT_EVERY + 1) * REPORT_EVERY;
        }
        if !keep_going {
            break;
        }
    }
    stop
}

/// Whether `bytes` hold a carriage return that no line feed follows, which [`for_each_row`]
/// reads as a line break of its own outside quotes: the lines of such a text are not its line
/// feeds counted.
#[must_use]
pub fn has_bare_carriage_return(bytes: &[u8]) -> bool {
    memchr::memchr(b'\r', bytes).is_some()
        && memchr::memchr_iter(b'\r', bytes).count()
            != memchr::memmem::find_iter(bytes, b"\r\n").count()
}

/// Reads rows from `from` by the full quoting rules until a row ends outside quotes (or the text
/// ends). Returns where it stopped and whether `row` asked for more.
fn quoted_rows<'a>(
    text: &'a str,
    from: Stop,
    delimiter: char,
    row: &mut dyn FnMut(usize, &[Cow<'a, str>]) -> bool,
) -> (Stop, bool) {
    let mut fields: Vec<Cow<'a, str>> = Vec::new();
    let mut field = Field::new(text);
    let mut quoted = false;
    let mut line = from.line;
    let mut row_line = from.line;
    let mut opened_on = line;
    // The last row opened a quote: `""` alone at the end is a row of one empty field.
    let mut last_quoted = false;
    let mut chars = text[from.offset..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let at = from.offset + at;
        match c {
            '"' if quoted && chars.peek().map(|&(_, c)| c) == Some('"') => {
                chars.next();
                field.push(at, '"');
            }
            '"' if quoted => quoted = false,
            '"' if field.as_str().trim().is_empty() => {
                field.clear();
                quoted = true;
                opened_on = line;
                last_quoted = true;
            }
            // A line break inside quotes belongs to the field, as CRLF or LF (RFC 4180).
            '\r' if quoted && chars.peek().map(|&(_, c)| c) == Some('\n') => {}
            '\n' if quoted => {
                line += 1;
                field.push(at, '\n');
            }
            '\r' if quoted => field.push(at, '\r'),
            '\r' if !quoted && chars.peek().map(|&(_, c)| c) == Some('\n') => {}
            '\n' | '\r' => {
                fields.push(field.take());
                let keep_going = row(row_line, &fields);
                fields.clear();
                line += 1;
                row_line = line;
                last_quoted = false;
                if !quoted || !keep_going {
                    let offset = at + c.len_utf8();
                    let stop = Stop {
                        offset,
                        line,
                        unclosed_quote: None,
                    };
                    return (stop, keep_going);
                }
            }
            c if c == delimiter && !quoted => fields.push(field.take()),
            c => field.push(at, c),
        }
    }
    let mut keep_going = true;
    if last_quoted || !field.as_str().is_empty() || !fields.is_empty() {
        fields.push(field.take());
        keep_going = row(row_line, &fields);
    }
    (
        Stop {
            offset: text.len(),
            line,
            unclosed_quote: quoted.then_some(opened_on),
        },
        keep_going,
    )
}

/// A field being read by the quoting rules: while its characters lie side by side in the text
/// (most quoted fields: no doubled quote, nothing after the closing quote) it is that stretch
/// of the text, borrowed; it becomes a string of its own only when they do not.
struct Field<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    owned: Option<String>,
}

impl<'a> Field<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            start: 0,
            end: 0,
            owned: None,
        }
    }

    /// Adds `c`, the text's character at `at` (a doubled quote adds its first).
    fn push(&mut self, at: usize, c: char) {
        match &mut self.owned {
            Some(owned) => owned.push(c),
            None if self.start == self.end => (self.start, self.end) = (at, at + c.len_utf8()),
            None if self.end == at => self.end += c.len_utf8(),
            None => {
                let mut owned = self.text[self.start..self.end].to_owned();
                owned.push(c);
                self.owned = Some(owned);
            }
        }
    }

    fn as_str(&self) -> &str {
        self.owned
            .as_deref()
            .unwrap_or(&self.text[self.start..self.end])
    }

    fn clear(&mut self) {
        (self.start, self.end, self.owned) = (0, 0, None);
    }

    /// The field, which then starts again empty.
    fn take(&mut self) -> Cow<'a, str> {
        let field = match self.owned.take() {
            Some(owned) => Cow::Owned(owned),
            None => Cow::Borrowed(&self.text[self.start..self.end]),
        };
        self.clear();
        field
    }
}

/// `text` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a
/// quote or a line break; else as it is. The one quoting rule of every CSV rankscope writes.
#[must_use]
pub fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), ',');
        assert_eq!(detect_delimiter("a;b;c\n1,5;2,5;3\n"), ';');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), '\t');
        assert_eq!(
            detect_delimiter("name,total\n\"Beijing, Haidian\",90\n"),
            ','
        );
        // A title above the table has no delimiter; a one-column file reads as comma-separated.
        let titled =
            "Ranking of cities 2023\n\nyear,name,total\n2023,Beijing,90\n2023,Shanghai,89\n";
        assert_eq!(detect_delimiter(titled), ',');
        assert_eq!(
            detect_delimiter("中国科技城市百强榜\n年份;城市;总分\n2023;北京;90,5\n"),
            ';'
        );
        assert_eq!(detect_delimiter("names\nBeijing\nShanghai\n"), ',');
    }

    #[test]
    fn quotes_doubled_quotes_line_breaks_and_crlf() {
        let rows = parse(
            "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",3\r\n",
            ',',
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].fields, vec!["x, y", "say \"hi\""]);
        assert_eq!(rows[2].fields, vec!["two\nlines", "3"]);
        assert_eq!(rows[2].line, 3);
        assert_eq!(
            parse("a;b\n1;2", ';')[1].fields,
            vec!["1", "2"],
            "no final newline"
        );
    }

    #[test]
    fn odd_quoting_reads_as_before() {
        // Text after a closing quote joins the field; a quote inside an unquoted field is kept;
        // spaces before an opening quote are dropped; a lone CR ends a row.
        let rows = parse("\"ab\"cd,x\"y,  \"q\"\ra,b\r\n\"open\nend", ',');
        let fields: Vec<&Vec<String>> = rows.iter().map(|r| &r.fields).collect();
        assert_eq!(fields[0], &vec!["abcd", "x\"y", "q"]);
        assert_eq!(fields[1], &vec!["a", "b"]);
        assert_eq!(fields[2], &vec!["open\nend"]);
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(parse("a,\n,\n\nb", ',').len(), 4);
        assert_eq!(parse(",", ',')[0].fields, vec!["", ""]);
    }

    #[test]
    fn reading_stops_when_asked_and_says_where() {
        let text = "h1,h2\n\"a\nb\",1\nc,2\n";
        let mut seen = Vec::new();
        let stop = for_each_row(text, ',', 1, &|_| {}, &mut |line, fields| {
            seen.push((line, fields.len()));
            seen.len() < 2
        });
        assert_eq!(seen, vec![(1, 2), (2, 2)]);
        assert_eq!(&text[stop.offset..], "c,2\n");
        assert_eq!(stop.line, 4);
    }

    #[test]
    fn line_numbers_count_blank_lines_and_embedded_breaks() {
        let rows = parse("h\n\n\"a\nb\"\nc\n", ',');
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 5]);
    }
}

#[cfg(test)]
mod progress_tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn progress_is_reported_about_every_megabyte() {
        let text = "name,score\n".to_owned() + &"some entity,12.5\n".repeat(200_000);
        let reports = Cell::new(0);
        let last = Cell::new(0);
        let rows = parse_with_progress(&text, ',', &|done| {
            reports.set(reports.get() + 1);
            assert!(done > last.get(), "progress only grows");
            last.set(done);
        });
        assert_eq!(rows.len(), 200_001);
        assert_eq!(
            reports.get(),
            text.len() >> 20,
            "one report per full megabyte"
        );
    }
}

#[cfg(test)]
mod reference_tests {
    use proptest::prelude::*;

    use super::*;

    /// The character-by-character reader this module used before its fast path, with line
    /// breaks inside quotes kept in the field (RFC 4180): the reference.
    fn reference(text: &str, delimiter: char) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut line = 1;
        let mut row_line = 1;
        let mut last_quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' if quoted => quoted = false,
                '"' if field.trim().is_empty() => {
                    field.clear();
                    quoted = true;
                    last_quoted = true;
                }
                '\r' if quoted && chars.peek() == Some(&'\n') => {}
                '\n' if quoted => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if quoted => field.push('\r'),
                '\r' if !quoted && chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    fields.push(std::mem::take(&mut field));
                    rows.push(Row {
                        line: row_line,
                        fields: std::mem::take(&mut fields),
                    });
                    line += 1;
                    row_line = line;
                    last_quoted = false;
                }
                c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        if last_quoted || !field.is_empty() || !fields.is_empty() {
            fields.push(field);
            rows.push(Row {
                line: row_line,
                fields,
            });
        }
        rows
    }

    proptest! {
        #[test]
        fn rows_are_those_of_the_reference_reader(text in "[a,; \"\r\n\t]{0,40}") {
            for delimiter in [',', ';', '\t'] {
                prop_assert_eq!(parse(&text, delimiter), reference(&text, delimiter));
            }
        }
    }
}

#[cfg(test)]
#[path = "csv_rfc4180_tests.rs"]
mod rfc4180_tests;
