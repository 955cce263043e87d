//! The table as Parquet, for pandas, polars and `DuckDB`: one column per table column, numbers as
//! nullable doubles (a missing value is null), everything else (names, provinces, ranks with
//! their bands and ties, changes) as nullable UTF-8 text, the heads as the column names.
//! Snappy-compressed, as pandas writes by default.

use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::table_text::TableText;

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
            let builder = if column.is_numeric() {
                Type::primitive_type_builder(name, Physical::DOUBLE)
            } else {
                Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String))
            };
            builder
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let schema = Arc::new(
        Type::group_type_builder("table")
            .with_fields(fields)
            .build()?,
    );
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut bytes = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut bytes, schema, properties)?;
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
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
            column_writer
                .typed::<DoubleType>()
                .write_batch(&present, Some(&levels), None)?;
        } else {
            let texts: Vec<String> = table.rows.iter().map(|&r| table.cell(r, index)).collect();
            let present: Vec<ByteArray> = texts
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| ByteArray::from(t.as_str()))
                .collect();
            let levels: Vec<i16> = texts.iter().map(|t| i16::from(!t.is_empty())).collect();
            column_writer
                .typed::<ByteArrayType>()
                .write_batch(&present, Some(&levels), None)?;
        }
        column_writer.close()?;
        index += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(bytes)
}
