//! Parquet files, as pandas, polars and `DuckDB` write them, read as one sheet of text rows: the
//! column names as the header, each value as its text (a missing value or NaN empty), so that
//! the same role detection, mapping and value parsers as for CSV apply. Flat columns only (the
//! long and wide layouts of rankings); the snappy, zstd, gzip and lz4 compressions. The cells
//! a file may hold are capped by its size ([`parquet_cell_limit`]), so a small file that expands
//! to billions of values is refused before it is read.

use std::path::Path;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use super::csv::Row;
use super::error::LoadError;
use super::excel::SheetRows;

/// The most cells a Parquet file of `file_bytes` may hold: four per byte (real files take one
/// to three bytes a value compressed), and at least two million.
#[must_use]
pub fn parquet_cell_limit(file_bytes: u64) -> usize {
    usize::try_from(file_bytes.saturating_mul(4))
        .unwrap_or(usize::MAX)
        .max(2_000_000)
}

/// A value as the text a spreadsheet cell would hold.
fn text(field: &Field) -> String {
    match field {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Float(v) if v.is_nan() => String::new(),
        Field::Double(v) if v.is_nan() => String::new(),
        Field::Float(v) => v.to_string(),
        Field::Double(v) => v.to_string(),
        other => other.to_string(),
    }
}

/// Reads the Parquet file at `path` (named `file` in messages) as one sheet.
///
/// # Errors
/// When the file is not Parquet this version reads, holds nested columns, or more cells than
/// its size allows; the message names the file.
pub fn read_parquet(path: &Path, file: &str) -> Result<Vec<SheetRows>, LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let handle = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let reader = SerializedFileReader::new(handle)
        .map_err(|e| fail(format!("not a Parquet file this version reads: {e}")))?;
    let meta = reader.metadata().file_metadata();
    let fields = meta.schema().get_fields();
    if let Some(nested) = fields.iter().find(|f| f.is_group()) {
        return Err(fail(format!(
            "column \"{}\" is nested (a list or a struct): only flat columns are read",
            nested.name()
        )));
    }
    let rows = usize::try_from(meta.num_rows()).unwrap_or(usize::MAX);
    let cells = rows.saturating_mul(fields.len());
    if cells > parquet_cell_limit(bytes) {
        return Err(fail(format!(
            "{rows} rows × {} columns is more than a file of this size may hold ({} cells)",
            fields.len(),
            parquet_cell_limit(bytes)
        )));
    }
    let mut out = Vec::with_capacity(rows + 1);
    out.push(Row {
        line: 1,
        fields: fields.iter().map(|f| f.name().to_owned()).collect(),
    });
    let iter = reader
        .get_row_iter(None)
        .map_err(|e| fail(format!("cannot read the rows: {e}")))?;
    for (index, row) in iter.enumerate() {
        let row = row.map_err(|e| fail(format!("row {}: {e}", index + 2)))?;
        out.push(Row {
            line: index + 2,
            fields: row
                .get_column_iter()
                .map(|(_, field)| text(field))
                .collect(),
        });
    }
    Ok(vec![SheetRows {
        name: file.to_owned(),
        rows: out,
    }])
}
