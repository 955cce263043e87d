//! The table as Parquet or Arrow, for pandas, polars and `DuckDB`: one column per table column,
//! numbers as nullable doubles (a missing value is null), everything else (names, provinces,
//! ranks with their bands and ties, changes) as nullable UTF-8 text, the heads as the column
//! names.

use super::table_text::TableText;
use crate::io::columnar_out::{Format, Kind, Layout, Values, unique_names};

/// The table's bytes as a Parquet or Arrow file.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn table_columnar(table: &TableText<'_>, format: Format) -> Result<Vec<u8>, String> {
    let names = unique_names(&table.header());
    let layout = Layout {
        name: "table",
        columns: table
            .columns
            .iter()
            .zip(names)
            .map(|(column, name)| {
                let kind = if column.is_numeric() {
                    Kind::Number
                } else {
                    Kind::Text
                };
                (name, kind)
            })
            .collect(),
        metadata: Vec::new(),
    };
    let batch = table
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            if column.is_numeric() {
                Values::Numbers(
                    table
                        .rows
                        .iter()
                        .map(|&r| column.number(table.year, r).filter(|v| v.is_finite()))
                        .collect(),
                )
            } else {
                Values::Texts(table.rows.iter().map(|&r| table.cell(r, index)).collect())
            }
        })
        .collect();
    format.write(&layout, std::iter::once(batch))
}
