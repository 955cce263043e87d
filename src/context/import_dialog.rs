//! The state of the column-mapping dialog: the draft being opened, the mapping the user is
//! editing, and a preview of what it gives (built from the first rows of each sheet).

use std::path::PathBuf;
use std::sync::Arc;

use crate::io::csv::Row;
use crate::io::excel::SheetRows;
use crate::io::import::Draft;
use crate::io::mapping::{Mapping, Role};
use crate::strings::Strings;

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

/// What the mapping gives, counted on the rows the preview builds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreviewSummary {
    pub entities: usize,
    pub years: usize,
    pub capacities: usize,
    pub indicators: usize,
    /// The rows per sheet counted, when the preview saw fewer than the file holds.
    pub first_rows: Option<usize>,
}

/// Why the mapping cannot open the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewProblem {
    /// A role that is one column's (name, id, year, rank, total, province) given to two
    /// columns of one year, headed `a` and `b`.
    RepeatedRole { role: Role, a: String, b: String },
    /// The reader's message (naming the file, row and column).
    Load(String),
}

/// The dialog's state.
pub struct ImportDialog {
    pub draft: Arc<Draft>,
    pub mapping: Mapping,
    /// What the mapping gives on the first rows: a summary, or the first problem.
    pub preview: Result<PreviewSummary, PreviewProblem>,
    /// Problems that need not stop the load, from the preview.
    pub warnings: Vec<String>,
    /// Sheets the user left out (by name).
    pub excluded: Vec<String>,
    /// The files read into the draft.
    pub paths: Vec<PathBuf>,
    /// A preview too large to build between two frames, building in the background (a newer
    /// one replaces it, cancelling it); `preview` and `warnings` are the last finished one's.
    pub building: Option<super::job::Job<PreviewOutcome>>,
}

/// A finished preview: the summary or the problem, and the warnings.
pub type PreviewOutcome = (Result<PreviewSummary, PreviewProblem>, Vec<String>);

/// Previews of at most this many cells are built at once, between two frames; larger ones in
/// the background, so that the window never waits on a wide sheet.
const INLINE_CELLS: usize = 20_000;

impl ImportDialog {
    /// The dialog for `draft`, starting from `mapping` (remembered or detected).
    #[must_use]
    pub fn new(draft: Draft, mapping: Mapping, paths: Vec<PathBuf>) -> Self {
        let mut dialog = Self {
            draft: Arc::new(draft),
            mapping,
            preview: Ok(PreviewSummary::default()),
            warnings: Vec::new(),
            excluded: Vec::new(),
            paths,
            building: None,
        };
        dialog.refresh();
        dialog
    }

    /// Takes a preview built in the background; `true` when one arrived.
    pub fn poll_preview(&mut self) -> bool {
        let Some(done) = self.building.as_ref().and_then(super::job::Job::poll) else {
            return false;
        };
        self.building = None;
        if let Ok((preview, warnings)) = done {
            self.preview = preview;
            self.warnings = warnings;
        }
        true
    }

    /// The preview as the dialog shows it, in the language of `s`.
    ///
    /// # Errors
    /// The problem that keeps the mapping from opening the file, as a sentence.
    pub fn preview_text(&self, s: &Strings) -> Result<String, String> {
        match &self.preview {
            Ok(summary) => Ok(summary_text(s, summary)),
            Err(problem) => Err(problem_text(s, problem)),
        }
    }

    /// Rebuilds the preview after the mapping changed.
    pub fn refresh(&mut self) {
        if let Some(problem) = repeated_role(&self.mapping) {
            self.building = None;
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
            paths: self.draft.paths.clone(),
            forced: self.draft.forced,
        };
        let cells: usize = head
            .sheets
            .iter()
            .flat_map(|s| s.rows.iter())
            .map(|r| r.fields.len())
            .sum();
        let (mapping, excluded) = (self.mapping.clone(), self.excluded.clone());
        let first_rows = partial.then_some(shown);
        let build = move || preview_of(&head, &mapping, &excluded, first_rows);
        if cells <= INLINE_CELLS {
            self.building = None;
            (self.preview, self.warnings) = build();
        } else {
            // The last preview stays on show until this one is done.
            self.building = Some(super::job::Job::spawn(move |_| build(), || {}));
        }
    }
}

/// What `mapping` makes of the preview rows `head`.
fn preview_of(
    head: &Draft,
    mapping: &Mapping,
    excluded: &[String],
    first_rows: Option<usize>,
) -> PreviewOutcome {
    match head.build_without(mapping, excluded) {
        Ok(loaded) => {
            let data = &loaded.dataset;
            let summary = PreviewSummary {
                entities: data.entities.len(),
                years: data.years.len(),
                capacities: data.meta.capacities.len(),
                indicators: data.meta.indicators.len(),
                first_rows,
            };
            (Ok(summary), loaded.warnings)
        }
        Err(error) => (Err(PreviewProblem::Load(error.to_string())), Vec::new()),
    }
}

/// A role that must be one column's (name, id, year, rank, total, province) given to two
/// columns of the same year.
fn repeated_role(mapping: &Mapping) -> Option<PreviewProblem> {
    let unique = |role: &Role| {
        matches!(
            role,
            Role::Name | Role::Id | Role::Year | Role::Rank | Role::Total | Role::Province
        )
    };
    for (i, a) in mapping.columns.iter().enumerate() {
        if !unique(&a.role) {
            continue;
        }
        if let Some(b) = mapping.columns[i + 1..]
            .iter()
            .find(|b| b.role == a.role && b.year == a.year)
        {
            return Some(PreviewProblem::RepeatedRole {
                role: a.role.clone(),
                a: a.header.clone(),
                b: b.header.clone(),
            });
        }
    }
    None
}

/// "158 entities · 1 years · 4 capacities · 0 indicators", and the rows counted when partial.
fn summary_text(s: &Strings, summary: &PreviewSummary) -> String {
    let scope = summary.first_rows.map_or_else(String::new, |n| {
        format!(" ({})", s.import_first_rows.replace("{n}", &n.to_string()))
    });
    format!(
        "{} {} · {} {} · {} {} · {} {}{scope}",
        summary.entities,
        s.entities,
        summary.years,
        s.years,
        summary.capacities,
        s.capacities_suffix,
        summary.indicators,
        s.indicators_suffix
    )
}

/// The problem as a sentence.
fn problem_text(s: &Strings, problem: &PreviewProblem) -> String {
    match problem {
        PreviewProblem::RepeatedRole { role, a, b } => {
            let role = match role {
                Role::Name => s.role_name,
                Role::Id => s.role_id,
                Role::Year => s.role_year,
                Role::Rank => s.role_rank,
                Role::Total => s.role_total,
                _ => s.role_province,
            };
            s.import_repeated_role
                .replace("{role}", role)
                .replace("{a}", a)
                .replace("{b}", b)
        }
        PreviewProblem::Load(message) => message.clone(),
    }
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
