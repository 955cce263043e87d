//! A top-level JSON array of records (`[{"rank": "1", "name": "…", "overall_score": "95.4"}, …]`,
//! as scrapers and web APIs write rankings) read like a table: each record a row, each key a
//! column, so that the spreadsheet importer detects its roles.

use serde_json::Value;

use super::csv::Row;
use super::error::LoadError;

/// The records of `text` as rows, the first holding the keys (in order of first appearance) whose
/// values are plain (text, numbers, true/false, null); nested arrays and objects are left out.
/// `None` when `text` is not an array of objects (a rankscope JSON dataset, say).
///
/// # Errors
/// The place where `text` is not JSON.
pub fn records_as_rows(text: &str) -> Option<Result<Vec<Row>, LoadError>> {
    if !text.trim_start().starts_with('[') {
        return None;
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return Some(Err(LoadError::at(
                format!("line {}, column {}", e.line(), e.column()),
                format!("not JSON: {e}"),
            )));
        }
    };
    let Value::Array(records) = value else {
        return None;
    };
    if records.is_empty() || !records.iter().all(Value::is_object) {
        return None;
    }
    let mut keys: Vec<&str> = Vec::new();
    for record in &records {
        if let Value::Object(fields) = record {
            for (key, value) in fields {
                if !matches!(value, Value::Array(_) | Value::Object(_))
                    && !keys.contains(&key.as_str())
                {
                    keys.push(key);
                }
            }
        }
    }
    let mut rows = vec![Row {
        line: 1,
        fields: keys.iter().map(|k| (*k).to_owned()).collect(),
    }];
    rows.extend(records.iter().enumerate().map(|(index, record)| {
        Row {
            // Record n (from 1) is row n + 1, the keys being row 1.
            line: index + 2,
            fields: keys
                .iter()
                .map(|key| match record.get(key) {
                    Some(Value::String(text)) => text.clone(),
                    Some(Value::Number(number)) => number.to_string(),
                    Some(Value::Bool(flag)) => flag.to_string(),
                    _ => String::new(),
                })
                .collect(),
        }
    }));
    Some(Ok(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_of_records_is_a_table_of_its_plain_keys() {
        let text = r#"[
            {"rank": "1", "name": "Oxford", "overall_score": 95.4, "subjects": ["Law"], "open": true},
            {"rank": " 2", "name": "Stanford", "overall_score": null, "extra": "x"}
        ]"#;
        let rows = records_as_rows(text).expect("an array").expect("JSON");
        let fields: Vec<&Vec<String>> = rows.iter().map(|r| &r.fields).collect();
        assert_eq!(
            fields[0],
            &["rank", "name", "overall_score", "open", "extra"]
        );
        assert_eq!(fields[1], &["1", "Oxford", "95.4", "true", ""]);
        assert_eq!(fields[2], &[" 2", "Stanford", "", "", "x"]);
        assert_eq!(rows[2].line, 3);
        assert!(
            records_as_rows(r#"{"format": "rankscope"}"#).is_none(),
            "a dataset"
        );
        assert!(records_as_rows("[1, 2]").is_none(), "not records");
        let broken = records_as_rows("[{\"a\": 1,]").expect("an array");
        assert!(
            broken
                .expect_err("broken")
                .to_string()
                .starts_with("line 1, column")
        );
    }
}
