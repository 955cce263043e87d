//! The state of the column-mapping dialog: the draft being opened, the mapping the user is
//! editing, and a preview of what it gives (built from the first rows of each sheet).

use std::path::PathBuf;
use std::sync::Arc;

use crate::io::csv::Row;
use crate::io::excel::SheetRows;
use crate::io::import::Draft;
use crate::io::mapping::Mapping;

/// Rows per sheet the preview builds from: enough to catch most problems, fast at any size.
const PREVIEW_ROWS: usize = 500;

/// The most cells the preview builds (rows times columns), so that the window answers at once
/// even for a sheet of tens of thousands of columns: the rows are fewer then.
const PREVIEW_CELLS: usize = 200_000;

/// How many rows of a sheet `width` columns wide the preview builds: [`PREVIEW_ROWS`], or fewer
/// for a wide sheet (at least 2: the header and a row).
fn preview_rows(width: usize) -> usize {
    (PREVIEW_CELLS / width.max(1)).clamp(2, PREVIEW_ROWS)
}

/// The dialog's state.
pub struct ImportDialog {
    pub draft: Arc<Draft>,
    pub mapping: Mapping,
    /// What the mapping gives on the first rows: a summary, or the first error.
    pub preview: Result<String, String>,
    /// Problems that need not stop the load, from the preview.
    pub warnings: Vec<String>,
    /// Sheets the user left out (by name).
    pub excluded: Vec<String>,
    /// The files read into the draft.
    pub paths: Vec<PathBuf>,
}

impl ImportDialog {
    /// The dialog for `draft`, starting from `mapping` (remembered or detected).
    #[must_use]
    pub fn new(draft: Draft, mapping: Mapping, paths: Vec<PathBuf>) -> Self {
        let mut dialog = Self {
            draft: Arc::new(draft),
            mapping,
            preview: Ok(String::new()),
            warnings: Vec::new(),
            excluded: Vec::new(),
            paths,
        };
        dialog.refresh();
        dialog
    }

    /// Rebuilds the preview after the mapping changed.
    pub fn refresh(&mut self) {
        if let Some(problem) = repeated_role(&self.mapping) {
            self.preview = Err(problem);
            self.warnings.clear();
            return;
        }
        let rows = self
            .draft
            .sheets
            .iter()
            .map(|s| s.rows.len())
            .max()
            .unwrap_or(0);
        let width = self
            .draft
            .sheets
            .iter()
            .flat_map(|s| s.rows.iter().take(20))
            .map(|r| r.fields.len())
            .max()
            .unwrap_or(1);
        let shown = preview_rows(width);
        let partial = self.draft.head_only || rows > shown;
        let head = Draft {
            path: self.draft.path.clone(),
            file: self.draft.file.clone(),
            sheets: self
                .draft
                .sheets
                .iter()
                .map(|s| SheetRows {
                    name: s.name.clone(),
                    rows: s
                        .rows
                        .iter()
                        .take(shown)
                        .map(|r| Row {
                            line: r.line,
                            fields: r.fields.clone(),
                        })
                        .collect(),
                })
                .collect(),
            mapping: self.mapping.clone(),
            encoding: self.draft.encoding,
            // The preview builds these rows, not the file.
            head_only: false,
        };
        match head.build_without(&self.mapping, &self.excluded) {
            Ok(loaded) => {
                let data = &loaded.dataset;
                let s = crate::strings::strings();
                let scope = if partial {
                    format!(
                        " ({})",
                        s.import_first_rows.replace("{n}", &shown.to_string())
                    )
                } else {
                    String::new()
                };
                self.preview = Ok(format!(
                    "{} {} · {} {} · {} {} · {} {}{scope}",
                    data.entities.len(),
                    s.entities,
                    data.years.len(),
                    s.years,
                    data.meta.capacities.len(),
                    s.capacities_suffix,
                    data.meta.indicators.len(),
                    s.indicators_suffix
                ));
                self.warnings = loaded.warnings;
            }
            Err(error) => {
                self.preview = Err(error.to_string());
                self.warnings.clear();
            }
        }
    }
}

/// A role that must be one column's (name, id, year, rank, total, province) given to two
/// columns of the same year, named: "two columns are the entity name: "A" and "B"".
fn repeated_role(mapping: &Mapping) -> Option<String> {
    use crate::io::mapping::Role;
    let unique = |role: &Role| {
        matches!(
            role,
            Role::Name | Role::Id | Role::Year | Role::Rank | Role::Total | Role::Province
        )
    };
    let s = crate::strings::strings();
    for (i, a) in mapping.columns.iter().enumerate() {
        if !unique(&a.role) {
            continue;
        }
        if let Some(b) = mapping.columns[i + 1..]
            .iter()
            .find(|b| b.role == a.role && b.year == a.year)
        {
            let role = match a.role {
                Role::Name => s.role_name,
                Role::Id => s.role_id,
                Role::Year => s.role_year,
                Role::Rank => s.role_rank,
                Role::Total => s.role_total,
                _ => s.role_province,
            };
            return Some(
                s.import_repeated_role
                    .replace("{role}", role)
                    .replace("{a}", &a.header)
                    .replace("{b}", &b.header),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_sheet_is_previewed_on_fewer_rows() {
        assert_eq!(preview_rows(8), PREVIEW_ROWS);
        assert_eq!(preview_rows(30_000), 6);
        assert_eq!(preview_rows(1_000_000), 2);
    }
}
