//! Cells as a spreadsheet will read them: text that starts like a formula (`=`, `+`, `-`, `@`,
//! a tab or a carriage return) gets a leading `'`, so that Excel and `LibreOffice` show it instead
//! of running it (OWASP "CSV injection"); plain numbers such as `-2` stay numbers. Control
//! characters never reach an export.

use std::borrow::Cow;

/// `text` made inert for a spreadsheet: control characters (but line breaks) removed, and a
/// `'` before text that would start a formula.
#[must_use]
pub fn inert(text: &str) -> Cow<'_, str> {
    let cleaned: Cow<'_, str> = if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Cow::Owned(
            text.chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    let starts_formula = cleaned
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = cleaned.trim().parse::<f64>().is_ok_and(f64::is_finite);
    if starts_formula && !number {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// A CSV field: inert, and quoted when it holds a comma, a quote or a line break.
#[must_use]
pub fn csv_field(text: &str) -> String {
    csv_field_as(text, false)
}

/// A CSV field, inert unless `keep_formulas` (`--keep-formulas`: cells that start like a formula
/// are written as they are; control characters are still left out).
#[must_use]
pub fn csv_field_as(text: &str, keep_formulas: bool) -> String {
    let text = if keep_formulas {
        Cow::Owned(
            text.chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
                .collect(),
        )
    } else {
        inert(text)
    };
    quoted(&text)
}

pub use crate::io::csv::quoted;

/// A computed number (a delta, a what-if score) in a CSV cell: at most four decimals, trailing
/// zeros dropped (`0.7`, `-2`, `0.1235`), empty when missing. The one number rule of the report
/// CSVs; the dataset writer keeps every value exactly instead.
#[must_use]
pub fn number(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| {
            let text = format!("{v:.4}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            // -0.00001 rounds to "-0".
            if text == "-0" {
                "0".to_owned()
            } else {
                text.to_owned()
            }
        })
        .unwrap_or_default()
}

/// A TSV field (the clipboard): inert, with tabs and line breaks as spaces.
#[must_use]
pub fn tsv_field(text: &str) -> String {
    inert(text).replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_four_decimals_and_no_trailing_zeros() {
        assert_eq!(number(Some(0.7)), "0.7");
        assert_eq!(number(Some(0.1 + 0.2)), "0.3");
        assert_eq!(number(Some(-2.0)), "-2");
        assert_eq!(number(Some(0.123_456)), "0.1235");
        assert_eq!(number(Some(-0.000_01)), "0");
        assert_eq!(number(Some(1234.5)), "1234.5");
        assert_eq!(number(None), "");
        assert_eq!(number(Some(f64::NAN)), "");
    }

    #[test]
    fn a_field_is_quoted_only_when_it_must_be() {
        assert_eq!(quoted("plain"), "plain");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_made_inert_and_numbers_kept() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\",\"a\")"),
            "'=HYPERLINK(\"http://x\",\"a\")"
        );
        assert_eq!(inert("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(inert("@SUM(1)"), "'@SUM(1)");
        assert_eq!(inert("-2"), "-2", "a number stays a number");
        assert_eq!(inert("+3.5"), "+3.5");
        assert_eq!(inert("-"), "'-");
        assert_eq!(inert("北京"), "北京");
        assert_eq!(inert("a\u{0}b\u{7}c"), "abc", "control characters removed");
    }

    #[test]
    fn csv_and_tsv_fields_are_quoted_or_flattened() {
        assert_eq!(csv_field("2,243"), "\"2,243\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
        assert_eq!(tsv_field("=cmd"), "'=cmd");
    }
}
