//! Readers and writers at the edge: bytes in, a validated [`Dataset`](crate::model::Dataset) out.

pub mod arrow_ipc;
pub mod arrow_text;
pub mod arrow_write;
pub mod cancel;
pub mod columnar_out;
pub mod csv;
pub mod csv_blocks;
mod draft_head;
pub mod error;
pub mod excel;
pub mod header_words;
pub mod import;
mod in_order;
mod json_table;
mod json_value;
mod key_index;
pub mod long_columnar;
pub mod long_csv;
pub mod many_files;
pub mod mapping;
pub mod native_read;
mod native_stream;
pub mod native_write;
mod odd_cells;
pub mod parquet;
pub mod parquet_pages;
pub mod parquet_typed;
pub mod parquet_write;
pub mod tabular;
pub mod text;
pub mod text_column;
pub mod typed_rows;
pub mod values;
pub mod warnings;

use std::path::Path;

pub use cancel::Cancel;
pub use error::LoadError;
pub use long_csv::write_long_csv;
pub use native_read::{FORMAT, read_native};
pub use native_write::{write_native, write_native_to};

use crate::model::Dataset;

/// The extensions of text spreadsheets (read as CSV with a detected delimiter).
pub const TEXT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

/// The extensions of workbooks (read through calamine).
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// The extensions of columnar files (Parquet and Arrow IPC, as pandas, polars and `DuckDB`
/// write them).
pub const COLUMNAR_EXTENSIONS: [&str; 4] = ["parquet", "arrow", "feather", "ipc"];

/// Every extension rankscope opens: its JSON, then text spreadsheets, workbooks and columnar
/// files.
pub const OPEN_EXTENSIONS: [&str; 13] = [
    "json", "csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods", "parquet", "arrow",
    "feather", "ipc",
];

/// The bundled sample: "China top 100 science and technology cities", 2021–2023, synthetic figures.
pub const SAMPLE_JSON: &str = include_str!("../../assets/datasets/ccid-top100-sample.json");

/// A path's extension in lower case ("" when it has none): how every reader and writer picks
/// its format.
#[must_use]
pub fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The bundled sample dataset.
///
/// # Errors
/// Only if the embedded file is broken, which the test suite rules out.
pub fn load_sample() -> Result<Dataset, LoadError> {
    read_native(SAMPLE_JSON).map_err(|e| e.in_file("bundled sample"))
}

/// Loads a dataset file: rankscope JSON, or a CSV/TSV spreadsheet with its column mapping
/// detected. Errors name the file.
///
/// # Errors
/// When the file cannot be read, is not a dataset this version reads, or fails validation.
pub fn load_path(path: &Path) -> Result<Dataset, LoadError> {
    load_path_with(path, None).map(|loaded| loaded.dataset)
}

/// Loads a dataset file with an optional column mapping for spreadsheets, keeping the warnings.
///
/// # Errors
/// As [`load_path`].
pub fn load_path_with(
    path: &Path,
    mapping: Option<&mapping::Mapping>,
) -> Result<import::Loaded, LoadError> {
    load_path_encoded(path, mapping, None)
}

/// As [`load_path_with`], reading a text spreadsheet (CSV, TSV) in `forced` when given; JSON
/// is always UTF-8.
///
/// # Errors
/// As [`load_path`].
pub fn load_path_encoded(
    path: &Path,
    mapping: Option<&mapping::Mapping>,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<import::Loaded, LoadError> {
    load_path_reading(path, (mapping, mapping::Reading::Every), forced)
}

/// As [`load_path_encoded`], a Parquet file decoding only the columns `reading` reads.
///
/// # Errors
/// As [`load_path`].
pub fn load_path_reading(
    path: &Path,
    (mapping, reading): (Option<&mapping::Mapping>, mapping::Reading),
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<import::Loaded, LoadError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let extension = extension_of(path);
    match extension.as_str() {
        _ if import::is_spreadsheet(path) => {
            import::load_spreadsheet_reading(path, (mapping, reading), forced)
        }
        "json" => {
            let bytes = import::read_limited(path, &name)?;
            let start = bytes
                .iter()
                .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
            if let Some(first) = start.and_then(|i| bytes.get(i))
                && *first != b'{'
                && *first != b'['
            {
                let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect();
                return Err(LoadError::at(
                    "",
                    format!(
                        "named .json but not JSON: it starts with \"{head}\"; a table (CSV) \
                         opens when named .csv"
                    ),
                )
                .in_file(&name));
            }
            let text = String::from_utf8(bytes).map_err(|e| {
                LoadError::at(
                    format!("byte {}", e.utf8_error().valid_up_to()),
                    "the file is not UTF-8 text",
                )
                .in_file(&name)
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            if let Some(rows) = json_table::records_as_rows(text) {
                let rows = rows.map_err(|e| e.in_file(&name))?;
                return import::load_rows(path, &name, &rows, mapping);
            }
            let dataset = read_native(text).map_err(|e| e.in_file(&name))?;
            Ok(import::Loaded {
                dataset,
                warnings: Vec::new(),
                mapping: None,
                encoding: None,
            })
        }
        _ => {
            let kind = if extension.is_empty() {
                "files without an extension".to_owned()
            } else {
                format!(".{extension} files")
            };
            let message = format!(
                "cannot open {kind}; rankscope reads its JSON format (docs/dataset-format.md) and CSV spreadsheets"
            );
            Err(LoadError::at("", message).in_file(name))
        }
    }
}

#[cfg(test)]
mod extension_tests {
    #[test]
    fn the_open_dialog_lists_exactly_what_the_readers_open() {
        let mut readers = vec!["json"];
        readers.extend(super::TEXT_EXTENSIONS);
        readers.extend(super::WORKBOOK_EXTENSIONS);
        readers.extend(super::COLUMNAR_EXTENSIONS);
        assert_eq!(readers, super::OPEN_EXTENSIONS);
        for extension in super::OPEN_EXTENSIONS.iter().skip(1) {
            let path = std::path::PathBuf::from(format!("ranking.{extension}"));
            assert!(super::import::is_spreadsheet(&path), "{extension}");
        }
    }
}
