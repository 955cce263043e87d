//! Excel and `OpenDocument` workbooks (.xlsx, .xlsb, .xls, .ods) through calamine: every sheet as
//! rows of text, read by the same value parsers as CSV.
//!
//! `.xlsx` and `.xlsb` sheets are read cell by cell, keeping only the rows that hold cells, so a
//! sheet's declared size (a stray cell at XFD1048576) costs nothing; the cells read are capped
//! by the file's size ([`cell_limit`]), so a small file that unzips to gigabytes is refused with
//! a message instead of filling the memory.

use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets, open_workbook_auto, open_workbook_auto_from_rs};

use super::csv::Row;
use super::error::LoadError;

/// One sheet: its name and its rows (1-based row numbers as Excel shows them).
pub struct SheetRows {
    pub name: String,
    pub rows: Vec<Row>,
}

/// The most cells a workbook of `file_bytes` may hold: one per two bytes of the file, and at
/// least 200,000. A cell costs at least a few bytes compressed, so real workbooks stay well
/// inside it, while a file that unzips to a billion cells stops at a few times its size in
/// memory.
#[must_use]
pub fn cell_limit(file_bytes: u64) -> usize {
    usize::try_from(file_bytes / 2)
        .unwrap_or(usize::MAX)
        .max(200_000)
}

/// Reads every sheet of the workbook, or only `only` when given.
///
/// # Errors
/// When the workbook cannot be opened, the named sheet does not exist, or a sheet holds more
/// cells than [`cell_limit`] allows; the message names the file and the sheet.
pub fn read_workbook(path: &Path, only: Option<&str>) -> Result<Vec<SheetRows>, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let workbook = open_workbook_auto(path).map_err(|e| {
        LoadError::at("", format!("not a workbook this version reads: {e}")).in_file(&file)
    })?;
    read_sheets(workbook, &file, bytes, only)
}

/// As [`read_workbook`], from a workbook's bytes (any of the formats, told by their content),
/// named `file` in messages.
///
/// # Errors
/// As [`read_workbook`].
pub fn read_workbook_bytes(
    file: &str,
    data: &[u8],
    only: Option<&str>,
) -> Result<Vec<SheetRows>, LoadError> {
    let workbook = open_workbook_auto_from_rs(std::io::Cursor::new(data)).map_err(|e| {
        LoadError::at("", format!("not a workbook this version reads: {e}")).in_file(file)
    })?;
    read_sheets(workbook, file, data.len() as u64, only)
}

/// The sheets of an open workbook of `bytes` bytes: every one, or only `only`.
fn read_sheets<RS: std::io::Read + std::io::Seek>(
    mut workbook: Sheets<RS>,
    file: &str,
    bytes: u64,
    only: Option<&str>,
) -> Result<Vec<SheetRows>, LoadError> {
    let names = workbook.sheet_names();
    if let Some(wanted) = only
        && !names.iter().any(|n| n == wanted)
    {
        return Err(LoadError::at(
            "",
            format!("no sheet \"{wanted}\"; the sheets are {}", names.join(", ")),
        )
        .in_file(file));
    }
    let mut budget = Budget {
        left: cell_limit(bytes),
        limit: cell_limit(bytes),
        bytes,
    };
    let mut sheets = Vec::new();
    for name in names
        .iter()
        .filter(|n| only.is_none_or(|w| w == n.as_str()))
    {
        let place = format!("sheet \"{name}\"");
        // A malformed sheet must never take the program down with it.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_sheet(&mut workbook, name, &mut budget)
        }))
        .unwrap_or_else(|_| {
            Err("the workbook is malformed: its reader failed on this sheet".into())
        });
        let rows = read.map_err(|message| LoadError::at(place, message).in_file(file))?;
        sheets.push(SheetRows {
            name: name.clone(),
            rows,
        });
    }
    Ok(sheets)
}

/// The cells a workbook may still hold.
struct Budget {
    left: usize,
    limit: usize,
    bytes: u64,
}

impl Budget {
    /// Takes `cells` (a row's width) from the budget, or says why the workbook is refused.
    fn take(&mut self, cells: usize) -> Result<(), String> {
        self.left = self.left.checked_sub(cells).ok_or_else(|| {
            format!(
                "more than {} cells in a file of {} bytes: it unpacks to far more than it \
                 holds, so it is refused (the limit is one cell per two bytes of the file)",
                self.limit, self.bytes
            )
        })?;
        Ok(())
    }
}

/// One sheet's rows: cell by cell for `.xlsx` and `.xlsb`, as a range for `.xls` and `.ods`.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Sheets<RS>,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<Row>, String> {
    let mut rows = SparseRows::default();
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            // Formulas whose value the writing program never computed read as nothing.
            let (mut unsaved, mut valued) = (0_usize, 0_usize);
            while let Some(cell) = cells
                .next_cell_with_formula_metadata()
                .map_err(|e| e.to_string())?
            {
                if matches!(cell.value, DataRef::Empty) {
                    unsaved += usize::from(cell.formula.is_some());
                } else {
                    valued += 1;
                }
                rows.put(cell.pos, &cell.value, budget)?;
            }
            if unsaved > valued {
                return Err(format!(
                    "{unsaved} of its cells are formulas with no saved value (the program that \
                     wrote it did not compute them), against {valued} with values; open it in \
                     Excel or LibreOffice and save it again"
                ));
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut cells = xlsb
                .worksheet_cells_reader(name)
                .map_err(|e| e.to_string())?;
            while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
                rows.put(cell.get_position(), cell.get_value(), budget)?;
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(name).map_err(|e| e.to_string())?;
            let (first_row, _) = range.start().unwrap_or((0, 0));
            let mut out = Vec::new();
            for (i, cells) in range.rows().enumerate() {
                budget.take(cells.len())?;
                out.push(Row {
                    line: usize::try_from(first_row).unwrap_or(0) + i + 1,
                    fields: cells.iter().map(cell_text).collect(),
                });
            }
            return Ok(out);
        }
    }
    Ok(rows.finish())
}

/// Rows built from cells in any order, keeping only rows that hold a value.
#[derive(Default)]
struct SparseRows {
    rows: Vec<Row>,
    /// Whether the cells came in row order (the usual case): else the rows are sorted at the end.
    unordered: bool,
}

impl SparseRows {
    fn put(
        &mut self,
        (row, column): (u32, u32),
        value: &DataRef<'_>,
        budget: &mut Budget,
    ) -> Result<(), String> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        // Past XFD1048576 no spreadsheet program writes a cell: the reference is broken.
        if column >= 16_384 || row >= 1_048_576 {
            return Err(format!(
                "a cell at row {}, column {} lies past the last cell a sheet can have \
                 (XFD1048576): the workbook is malformed",
                u64::from(row) + 1,
                u64::from(column) + 1
            ));
        }
        let line = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        let last = self.rows.last().map(|r| r.line);
        let found = match last {
            Some(l) if l == line => Some(self.rows.len() - 1),
            // Out of order (rare): look the row up.
            Some(l) if l > line => self.rows.iter().rposition(|r| r.line == line),
            _ => None,
        };
        let at = found.unwrap_or_else(|| {
            self.unordered |= last.is_some_and(|l| l > line);
            self.rows.push(Row {
                line,
                fields: Vec::new(),
            });
            self.rows.len() - 1
        });
        let fields = &mut self.rows[at].fields;
        if fields.len() <= column {
            // Every field of the row is paid for, empty or not.
            budget.take(column + 1 - fields.len())?;
            fields.resize(column + 1, String::new());
        }
        fields[column] = cell_text(&Data::from(value.clone()));
        Ok(())
    }

    /// The rows in order, from the first column that holds a value (as a range starts).
    fn finish(mut self) -> Vec<Row> {
        if self.unordered {
            self.rows.sort_by_key(|r| r.line);
        }
        let first = self
            .rows
            .iter()
            .filter_map(|r| r.fields.iter().position(|f| !f.is_empty()))
            .min()
            .unwrap_or(0);
        if first > 0 {
            for row in &mut self.rows {
                row.fields.drain(..first.min(row.fields.len()));
            }
        }
        // A row's empty trailing cells are not stored: fill rows up to the width of the table's
        // head, as a range would, so that a short row says something only in a CSV file.
        let width = self
            .rows
            .iter()
            .take(20)
            .map(|r| r.fields.len())
            .max()
            .unwrap_or(0);
        for row in &mut self.rows {
            if row.fields.len() < width {
                row.fields.resize(width, String::new());
            }
        }
        self.rows
    }
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
