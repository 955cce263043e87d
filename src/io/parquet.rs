//! Parquet files, as pandas, polars and `DuckDB` write them, read as one sheet of text rows (plain
//! number and text columns column by column; others through the record API): the
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

/// The rows a Parquet file declares, checked before anything is read: the file's count and its
/// row groups' counts (which readers reserve room by, and which a damaged or crafted file may
/// set apart from the file's) must agree and, times the `columns`, stay within
/// [`parquet_cell_limit`] for a file of `file_bytes`.
///
/// # Errors
/// A message saying which count is refused.
pub fn declared_rows(
    file_rows: i64,
    group_rows: &[i64],
    columns: usize,
    file_bytes: u64,
) -> Result<usize, String> {
    let limit = parquet_cell_limit(file_bytes);
    let mut total: u64 = 0;
    for &rows in group_rows {
        let rows = u64::try_from(rows).map_err(|_| format!("a row group declares {rows} rows"))?;
        total = total.saturating_add(rows);
    }
    if u64::try_from(file_rows).ok() != Some(total) {
        return Err(format!(
            "the file declares {file_rows} rows but its row groups {total}: the file is damaged"
        ));
    }
    let rows = usize::try_from(total).unwrap_or(usize::MAX);
    if rows.saturating_mul(columns) > limit {
        return Err(format!(
            "{rows} rows × {columns} columns is more than a file of this size may hold ({limit} \
             cells)"
        ));
    }
    Ok(rows)
}

/// The row counts of a reader's row groups.
fn group_rows(reader: &SerializedFileReader<std::fs::File>) -> Vec<i64> {
    reader
        .metadata()
        .row_groups()
        .iter()
        .map(parquet::file::metadata::RowGroupMetaData::num_rows)
        .collect()
}

/// [`declared_rows`] of an open file.
///
/// # Errors
/// As [`declared_rows`].
pub fn checked_rows(
    reader: &SerializedFileReader<std::fs::File>,
    columns: usize,
    file_bytes: u64,
) -> Result<usize, String> {
    declared_rows(
        reader.metadata().file_metadata().num_rows(),
        &group_rows(reader),
        columns,
        file_bytes,
    )
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

/// The column mapping rankscope wrote into the metadata of the Parquet file at `path`
/// ([`super::long_columnar::MAPPING_KEY`]), if it has one that reads.
#[must_use]
pub fn embedded_mapping(path: &Path) -> Option<super::mapping::Mapping> {
    let handle = std::fs::File::open(path).ok()?;
    let reader = std::panic::catch_unwind(|| SerializedFileReader::new(handle).ok()).ok()??;
    let pairs = reader.metadata().file_metadata().key_value_metadata()?;
    let text = pairs
        .iter()
        .find(|kv| kv.key == super::long_columnar::MAPPING_KEY)?
        .value
        .as_deref()?;
    serde_json::from_str(text).ok()
}

/// A reader of the Parquet file at `path` (named `file` in messages).
///
/// # Errors
/// When the file cannot be opened or its footer is not Parquet this version reads.
pub fn open_reader(
    path: &Path,
    file: &str,
) -> Result<SerializedFileReader<std::fs::File>, LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    let handle = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    SerializedFileReader::new(handle)
        .map_err(|e| fail(format!("not a Parquet file this version reads: {e}")))
}

/// Runs `read`, a reading of the Parquet file named `file`: the decoders index pages by lengths
/// the file gives, and a damaged page they cannot make sense of is reported, not allowed to end
/// the program.
///
/// # Errors
/// What `read` returns, or the file is damaged.
pub fn guarded<T>(file: &str, read: impl FnOnce() -> Result<T, LoadError>) -> Result<T, LoadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(LoadError::at("", "the file is damaged (a page does not decode)").in_file(file))
    })
}

/// Reads the Parquet file at `path` (named `file` in messages) as one sheet.
///
/// # Errors
/// When the file is not Parquet this version reads, holds nested columns, or more cells than
/// its size allows; the message names the file.
pub fn read_parquet(path: &Path, file: &str) -> Result<Vec<SheetRows>, LoadError> {
    guarded(file, || read_pages(path, file))
}

/// [`read_parquet`] without the guard against decoders that panic.
fn read_pages(path: &Path, file: &str) -> Result<Vec<SheetRows>, LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let reader = open_reader(path, file)?;
    let meta = reader.metadata().file_metadata();
    let fields = meta.schema().get_fields();
    if let Some(nested) = fields.iter().find(|f| f.is_group()) {
        return Err(fail(format!(
            "column \"{}\" is nested (a list or a struct): only flat columns are read",
            nested.name()
        )));
    }
    let rows = checked_rows(&reader, fields.len(), bytes).map_err(fail)?;
    let mut out = Vec::with_capacity(rows + 1);
    out.push(Row {
        line: 1,
        fields: fields.iter().map(|f| f.name().to_owned()).collect(),
    });
    // Plain numbers and text go column by column, straight into the cells (fast); anything with
    // another logical type (dates, decimals, timestamps) through the record API's formatting.
    if super::parquet_typed::plain_schema(meta) {
        let mut line = 2;
        for g in 0..reader.num_row_groups() {
            let group = reader
                .get_row_group(g)
                .map_err(|e| fail(format!("row group {g}: {e}")))?;
            let group = super::parquet_typed::read_group(group.as_ref(), line)
                .map_err(|e| fail(format!("cannot read the rows: {e}")))?;
            line += group.rows;
            out.extend(super::typed_rows::text_rows(&group, group.rows));
        }
        return Ok(vec![SheetRows {
            name: file.to_owned(),
            rows: out,
        }]);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_that_disagree_or_outgrow_the_file_are_refused() {
        // 10 MB: at most 40 million cells.
        let mb10 = 10 << 20;
        assert_eq!(declared_rows(300, &[100, 200], 10, mb10), Ok(300));
        // A group claiming a trillion rows behind a file count of 300: reserving room for it
        // would end the program.
        let lie = declared_rows(300, &[100, 1 << 40], 10, mb10).expect_err("refused");
        assert!(lie.contains("damaged"), "{lie}");
        assert!(declared_rows(300, &[-5, 305], 10, mb10).is_err());
        let big = declared_rows(5_000_000, &[5_000_000], 10, mb10).expect_err("refused");
        assert!(big.contains("more than a file of this size"), "{big}");
    }
}
