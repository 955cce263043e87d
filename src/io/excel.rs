//! Excel and `OpenDocument` workbooks (.xlsx, .xls, .ods) through calamine: every sheet as rows of
//! text, read by the same value parsers as CSV.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::csv::Row;
use super::error::LoadError;

/// One sheet: its name and its rows (1-based row numbers as Excel shows them).
pub struct SheetRows {
    pub name: String,
    pub rows: Vec<Row>,
}

/// Reads every sheet of the workbook, or only `only` when given.
///
/// # Errors
/// When the workbook cannot be opened or the named sheet does not exist; the message names the file.
pub fn read_workbook(path: &Path, only: Option<&str>) -> Result<Vec<SheetRows>, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut workbook = open_workbook_auto(path).map_err(|e| {
        LoadError::at("", format!("not a workbook this version reads: {e}")).in_file(&file)
    })?;
    let names = workbook.sheet_names();
    if let Some(wanted) = only
        && !names.iter().any(|n| n == wanted)
    {
        return Err(LoadError::at(
            "",
            format!("no sheet \"{wanted}\"; the sheets are {}", names.join(", ")),
        )
        .in_file(&file));
    }
    let mut sheets = Vec::new();
    for name in names
        .iter()
        .filter(|n| only.is_none_or(|w| w == n.as_str()))
    {
        let range = workbook.worksheet_range(name).map_err(|e| {
            LoadError::at(format!("sheet \"{name}\""), e.to_string()).in_file(&file)
        })?;
        let (first_row, _) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                line: usize::try_from(first_row).unwrap_or(0) + i + 1,
                fields: cells.iter().map(cell_text).collect(),
            })
            .collect();
        sheets.push(SheetRows {
            name: name.clone(),
            rows,
        });
    }
    Ok(sheets)
}

/// A cell as text: numbers keep every digit (no formatting), errors read as their code.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("{e:?}"),
        Data::Empty => String::new(),
    }
}
