//! RFC 4180 round trips: any table of fields, written as the RFC (and Excel) write it, with LF or
//! CRLF line ends and quotes where needed or everywhere, reads back as the same fields, each
//! row with the line it starts on. A CRLF inside a quoted field reads as one line break (`\n`),
//! as a cell's line break is in Excel.

use proptest::prelude::*;

use super::{Row, parse};

/// A field as the RFC writes it: quoted (quotes doubled) when `always` or when it holds the
/// delimiter, a quote, CR or LF, or is empty in a one-field row (else it reads as a blank line).
fn written(field: &str, delimiter: char, always: bool, alone: bool) -> String {
    let needs = field.contains([delimiter, '"', '\r', '\n']) || (alone && field.is_empty());
    if always || needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// The text of `table` and the rows a reader must give back.
fn write(table: &[Vec<String>], delimiter: char, crlf: bool, always: bool) -> (String, Vec<Row>) {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut line = 1;
    for fields in table {
        let alone = fields.len() == 1;
        let cells: Vec<String> = fields
            .iter()
            .map(|f| written(f, delimiter, always, alone))
            .collect();
        let row_text = cells.join(&delimiter.to_string());
        rows.push(Row {
            line,
            fields: fields.iter().map(|f| f.replace("\r\n", "\n")).collect(),
        });
        line += 1 + row_text.matches('\n').count();
        text.push_str(&row_text);
        text.push_str(end);
    }
    (text, rows)
}

/// Fields with everything that needs quoting, spaces kept, and text beyond ASCII.
fn field() -> impl Strategy<Value = String> {
    "[a-z0-9 ,;\t\"\r\n.=é城]{0,8}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_table_written_by_the_rfc_reads_back_field_for_field(
        table in prop::collection::vec(prop::collection::vec(field(), 1..6), 1..12),
        delimiter in prop::sample::select(vec![',', ';', '\t']),
        crlf in any::<bool>(),
        always in any::<bool>(),
    ) {
        let (text, rows) = write(&table, delimiter, crlf, always);
        prop_assert_eq!(parse(&text, delimiter), rows, "text {:?}", text);
        // The last row needs no line end.
        let trimmed = text.strip_suffix(if crlf { "\r\n" } else { "\n" }).unwrap_or(&text);
        let (_, rows) = write(&table, delimiter, crlf, always);
        prop_assert_eq!(parse(trimmed, delimiter), rows, "text {:?}", trimmed);
    }
}
