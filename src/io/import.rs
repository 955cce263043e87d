//! Opening the analyst's spreadsheets saved as CSV (or TSV): size check, encoding and delimiter
//! detection, column mapping (given or detected), then the dataset.

use std::path::Path;

use super::csv::{detect_delimiter, parse};
use super::error::LoadError;
use super::mapping::{Mapping, detect};
use super::tabular::{Sheet, build, headers, year_in_name};
use super::text::decode;
use crate::model::Dataset;

/// Files larger than this are refused: a ranking spreadsheet is far smaller.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A loaded dataset with what the load found along the way.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Problems that did not stop the load (duplicate rows, ranks that disagree with totals…).
    pub warnings: Vec<String>,
    /// The column mapping used, for CSV files.
    pub mapping: Option<Mapping>,
    /// The text encoding the file was read as, for CSV files.
    pub encoding: Option<&'static str>,
}

/// Reads a file whole, refusing one over [`MAX_FILE_BYTES`].
///
/// # Errors
/// When the file cannot be read or is too large; the message names the file.
pub fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let size = std::fs::metadata(path)
        .map_err(|e| LoadError::at("", e.to_string()).in_file(name))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::at(
            "",
            format!(
                "the file is {} MB; rankscope opens files up to {} MB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )
        .in_file(name));
    }
    std::fs::read(path).map_err(|e| LoadError::at("", e.to_string()).in_file(name))
}

/// Opens a CSV file with `mapping`, or with the mapping detected from its headers.
///
/// # Errors
/// The first problem, naming the file, row and column.
pub fn load_csv(path: &Path, mapping: Option<&Mapping>) -> Result<Loaded, LoadError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = read_limited(path, &name)?;
    let decoded = decode(&bytes);
    let rows = parse(&decoded.text, detect_delimiter(&decoded.text));
    let mapping = if let Some(given) = mapping {
        given.clone()
    } else {
        let Some((header_row, header_fields)) = headers(&rows) else {
            return Err(LoadError::at("", "the file is empty").in_file(name));
        };
        let sample: Vec<Vec<String>> = rows
            .iter()
            .skip(header_row + 1)
            .take(50)
            .map(|r| r.fields.clone())
            .collect();
        detect(&header_fields, &sample)
    };
    let sheet = Sheet {
        name: name.clone(),
        rows: &rows,
        year: year_in_name(&name),
    };
    let title = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let imported = build(&[sheet], &mapping, &title)
        .map_err(|e| if e.file.is_none() { e.in_file(name) } else { e })?;
    Ok(Loaded {
        dataset: imported.dataset,
        warnings: imported.warnings,
        mapping: Some(mapping),
        encoding: Some(decoded.encoding),
    })
}

/// Opens a workbook: every sheet with a name column and at least one capacity (by `mapping`, or
/// detected per sheet) becomes part of the dataset; a sheet's year comes from its year column,
/// its name ("2023") or the file name. `only` reads just that sheet.
///
/// # Errors
/// The first problem, naming the file, sheet, row and column.
pub fn load_workbook(
    path: &Path,
    mapping: Option<&Mapping>,
    only: Option<&str>,
) -> Result<Loaded, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let size = std::fs::metadata(path)
        .map_err(|e| LoadError::at("", e.to_string()).in_file(&file))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::at(
            "",
            format!(
                "the file is {} MB; rankscope opens files up to {} MB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )
        .in_file(file));
    }
    let workbook = super::excel::read_workbook(path, only)?;
    let mut warnings = Vec::new();
    let mut chosen: Option<Mapping> = mapping.cloned();
    let mut sheets = Vec::new();
    for sheet in &workbook {
        let Some((header_row, header_fields)) = headers(&sheet.rows) else {
            continue;
        };
        let sample: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .skip(header_row + 1)
            .take(50)
            .map(|r| r.fields.clone())
            .collect();
        let detected = detect(&header_fields, &sample);
        let usable = |m: &Mapping| {
            header_fields
                .iter()
                .any(|h| m.role_of(h) == Some(&super::mapping::Role::Name))
                && header_fields
                    .iter()
                    .any(|h| matches!(m.role_of(h), Some(super::mapping::Role::Capacity { .. })))
        };
        let sheet_mapping = chosen.clone().unwrap_or_else(|| detected.clone());
        if !usable(&sheet_mapping) {
            warnings.push(format!(
                "{file}, sheet \"{}\": no names and scores found; skipped",
                sheet.name
            ));
            continue;
        }
        chosen.get_or_insert(sheet_mapping);
        let year = year_in_name(&sheet.name).or_else(|| year_in_name(&file));
        sheets.push(Sheet {
            name: format!("{file}, sheet \"{}\"", sheet.name),
            rows: &sheet.rows,
            year,
        });
    }
    let Some(mapping) = chosen else {
        return Err(LoadError::at("", "no sheet holds names and scores").in_file(file));
    };
    let title = path
        .file_stem()
        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
    let imported = build(&sheets, &mapping, &title).map_err(|e| {
        if e.file.is_none() {
            e.in_file(file.clone())
        } else {
            e
        }
    })?;
    warnings.extend(imported.warnings);
    Ok(Loaded {
        dataset: imported.dataset,
        warnings,
        mapping: Some(mapping),
        encoding: None,
    })
}
