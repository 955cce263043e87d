//! The table as Parquet, for pandas, polars and `DuckDB`: one column per table column, numbers as
//! nullable doubles (a missing value is null), everything else (names, provinces, ranks with
//! their bands and ties, changes) as nullable UTF-8 text, the heads as the column names.
//! Snappy-compressed, as pandas writes by default.

use super::table_text::TableText;
use crate::io::parquet_write::{Kind, flat_column, write_numbers, write_texts, writer};

/// The table's bytes as a Parquet file.
///
/// # Errors
/// Only if the Parquet writer fails (it writes to memory).
pub fn table_parquet(table: &TableText<'_>) -> Result<Vec<u8>, parquet::errors::ParquetError> {
    let heads = table.header();
    // Column names must be unique in a schema: a repeated head gets its position appended.
    let names: Vec<String> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if heads[..i].contains(h) {
                format!("{h} ({})", i + 1)
            } else {
                h.clone()
            }
        })
        .collect();
    let fields = table
        .columns
        .iter()
        .zip(&names)
        .map(|(column, name)| {
            let kind = if column.is_numeric() {
                Kind::Number
            } else {
                Kind::Text
            };
            flat_column(name, kind)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut bytes = Vec::new();
    let mut writer = writer("table", fields, Vec::new(), &mut bytes)?;
    let mut group = writer.next_row_group()?;
    let mut index = 0;
    while let Some(mut column_writer) = group.next_column()? {
        let column = table.columns[index];
        if column.is_numeric() {
            let values: Vec<Option<f64>> = table
                .rows
                .iter()
                .map(|&r| column.number(table.year, r).filter(|v| v.is_finite()))
                .collect();
            write_numbers(&mut column_writer, &values)?;
        } else {
            let texts: Vec<String> = table.rows.iter().map(|&r| table.cell(r, index)).collect();
            write_texts(&mut column_writer, &texts)?;
        }
        column_writer.close()?;
        index += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(bytes)
}
