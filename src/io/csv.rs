//! CSV as spreadsheets save it: comma, semicolon or tab (detected), quoted fields with doubled
//! quotes and line breaks inside, CRLF or LF. Rows keep their line numbers for error messages.

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
    let score = |delimiter: char| -> (usize, usize) {
        let counts: Vec<usize> = sample
            .iter()
            .map(|line| count_outside_quotes(line, delimiter))
            .collect();
        let first = counts.first().copied().unwrap_or(0);
        let consistent = counts.iter().filter(|&&c| c == first && c > 0).count();
        (consistent, first)
    };
    [',', ';', '\t']
        .into_iter()
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
    const REPORT_EVERY: usize = 1 << 20;
    let mut next_report = REPORT_EVERY;
    let mut done = 0;
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        done += c.len_utf8();
        if done >= next_report {
            progress(done);
            next_report += REPORT_EVERY;
        }
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\n' if quoted => {
                line += 1;
                field.push('\n');
            }
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                rows.push(Row {
                    line: row_line,
                    fields: std::mem::take(&mut fields),
                });
                line += 1;
                row_line = line;
            }
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(Row {
            line: row_line,
            fields,
        });
    }
    rows
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
