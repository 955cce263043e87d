//! Application state: the open dataset, what is shown, and the settings remembered between runs
//! (defined in [`crate::context`], re-exported here).

pub use crate::context::settings::{
    FigureTexts, RememberedMapping, SelectMode, Session, Settings, Source, TableSettings,
    ThemeChoice, View,
};
pub use crate::context::table::TableCache;

use super::view_cache::DatasetKey;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::whatif_state::WhatIfCache;
use crate::charts::radar::Pick;
use crate::context::settings::absolute;
use crate::model::{ColumnId, Dataset, Histogram};
use crate::strings::Language;

/// Everything a frame draws from.
pub struct AppState {
    pub dataset: Arc<Dataset>,
    pub source: Source,
    /// The files the dataset was read from (several spreadsheets opened together); empty for
    /// the sample. Remembered, to reopen them on the next start.
    pub files: Vec<PathBuf>,
    /// The language of the system's locale, used until the user chooses one.
    pub system_language: Language,
    /// Whether the keyboard-shortcut help (F1) is open.
    pub help_open: bool,
    /// The shown year; always one of the dataset's years.
    pub year: i32,
    /// Selected entities (indices into the dataset's entities), shared by every view.
    pub selection: BTreeSet<usize>,
    pub settings: Settings,
    /// The last error to show, until dismissed.
    pub error: Option<String>,
    /// A passing notice (e.g. "copied 3 rows"), until dismissed or replaced.
    pub notice: Option<String>,
    /// Every warning of the last load, for the warnings window.
    pub load_warnings: Vec<String>,
    /// Whether the window listing every load warning is open.
    pub warnings_open: bool,
    /// The entity whose detail window is open.
    pub detail: Option<usize>,
    /// The entity a Shift-click selects from (the last plainly clicked one).
    pub anchor: Option<usize>,
    /// The table's rows and columns; rebuilt by [`AppState::refresh_table`].
    pub table: TableCache,
    /// Each selected entity's colour slot, kept while it stays selected (see [`AppState::sync_colours`]).
    pub colour_slots: BTreeMap<usize, usize>,
    /// The capacity whose indicators the Radar view shows, after a click on its axis.
    pub radar_drill: Option<usize>,
    /// The column-mapping dialog of a spreadsheet being opened.
    pub import: Option<super::import_dialog::ImportDialog>,
    /// A path asked for in the window because no system file chooser answered.
    pub path_prompt: Option<crate::context::dialogs::PathPrompt>,
    /// What the What-if settings compute; rebuilt by [`AppState::refresh_table`].
    pub whatif: WhatIfCache,
    /// The Audit view's run and result.
    pub audit: crate::context::audit::AuditState,
}

impl AppState {
    /// State showing `dataset` at its latest year.
    #[must_use]
    pub fn new(dataset: Arc<Dataset>, source: Source, settings: Settings) -> Self {
        let year = dataset.latest_year().unwrap_or_default();
        let mut state = Self {
            files: match &source {
                Source::File(path) => vec![path.clone()],
                Source::Sample => Vec::new(),
            },
            dataset,
            source,
            system_language: Language::English,
            help_open: false,
            year,
            selection: BTreeSet::new(),
            settings,
            error: None,
            notice: None,
            load_warnings: Vec::new(),
            warnings_open: false,
            detail: None,
            anchor: None,
            table: TableCache::default(),
            colour_slots: BTreeMap::new(),
            radar_drill: None,
            import: None,
            path_prompt: None,
            whatif: WhatIfCache::default(),
            audit: crate::context::audit::AuditState::default(),
        };
        state.refresh_table();
        state
    }

    /// The UI language in use.
    #[must_use]
    pub fn language(&self) -> Language {
        self.settings.language_or(self.system_language)
    }

    /// What the cached charts and lists are computed from.
    #[must_use]
    pub fn view_inputs(&self, dark: bool) -> crate::context::view_cache::ViewInputs<'_> {
        crate::context::view_cache::ViewInputs {
            data: &self.dataset,
            settings: &self.settings,
            year_index: self.year_index(),
            picks: self.picks(),
            detail: self.detail,
            language: self.language(),
            dark,
        }
    }

    /// The texts of the UI language, to pass to whatever draws or writes text.
    #[must_use]
    pub fn strings(&self) -> &'static crate::strings::Strings {
        self.language().strings()
    }

    /// Where the user is now, to remember.
    #[must_use]
    pub fn session(&self) -> Session {
        Session {
            // Absolute, so that starting from another folder reopens the same files.
            files: self.files.iter().cloned().map(absolute).collect(),
            year: Some(self.year),
            selection: self
                .selection
                .iter()
                .filter_map(|&e| self.dataset.entities.get(e))
                .map(|e| e.id.clone())
                .collect(),
        }
    }

    /// Shows the remembered year (when the dataset has it) and selects the remembered entities
    /// that the dataset still has.
    pub fn restore_session(&mut self, session: &Session) {
        if let Some(year) = session
            .year
            .filter(|y| self.dataset.year_index(*y).is_some())
        {
            self.year = year;
        }
        self.selection = session
            .selection
            .iter()
            .filter_map(|id| self.dataset.entities.iter().position(|e| &e.id == id))
            .collect();
        self.sync_colours();
        self.refresh_table();
    }

    /// "Reset view": the default sort, filters, columns and chart settings, nothing selected.
    pub fn reset_view(&mut self) {
        self.settings.reset_view();
        self.selection.clear();
        self.colour_slots.clear();
        self.detail = None;
        self.anchor = None;
        self.radar_drill = None;
        self.refresh_table();
    }

    /// Gives each newly selected entity the lowest free colour slot and frees the slots of
    /// entities no longer selected, so an entity keeps its colour while it stays selected.
    pub fn sync_colours(&mut self) {
        self.colour_slots
            .retain(|entity, _| self.selection.contains(entity));
        for &entity in &self.selection {
            if !self.colour_slots.contains_key(&entity) {
                let used: BTreeSet<usize> = self.colour_slots.values().copied().collect();
                // Among len + 1 slots one is always free.
                let slot = (0..=used.len()).find(|s| !used.contains(s)).unwrap_or(0);
                self.colour_slots.insert(entity, slot);
            }
        }
    }

    /// The selected entities with their colour slots, in slot order.
    #[must_use]
    pub fn picks(&self) -> Vec<Pick> {
        let mut picks: Vec<Pick> = self
            .colour_slots
            .iter()
            .map(|(&entity, &slot)| Pick { entity, slot })
            .collect();
        picks.sort_by_key(|p| p.slot);
        picks
    }

    /// The entity the What-if sensitivity is about: the last clicked one if selected, else the
    /// first selected.
    #[must_use]
    pub fn focus(&self) -> Option<usize> {
        self.anchor
            .filter(|e| self.selection.contains(e))
            .or_else(|| self.selection.first().copied())
    }

    /// Rebuilds the table's rows, columns and histograms, and the what-if results, after a
    /// change of data, year, query, selection or settings. Parts whose inputs did not change
    /// are kept.
    pub fn refresh_table(&mut self) {
        let Some(year_index) = self.year_index() else {
            self.table = TableCache::default();
            return;
        };
        // The what-if model, fit and ranking cost tens of milliseconds at 100k entities: computed
        // only while the What-if view or its table columns show them.
        let whatif_live = self.settings.view == View::WhatIf || self.settings.whatif.in_table;
        if whatif_live {
            let focus = self.focus();
            self.whatif.refresh(
                &self.dataset,
                year_index,
                (&self.settings.whatif, self.settings.names, self.language()),
                focus,
            );
        }
        let Some(year) = self.dataset.years.get(year_index) else {
            self.table = TableCache::default();
            return;
        };
        let data = &self.dataset;
        let table = &self.settings.table;
        let mut columns = table.columns(data);
        if self.settings.whatif.in_table && self.whatif.ranking().is_some() {
            let at = columns
                .iter()
                .position(|c| *c == ColumnId::Name)
                .unwrap_or(columns.len());
            let mut extra = vec![ColumnId::WhatIfRank, ColumnId::WhatIfChange];
            if self.whatif.current_robustness().is_some() {
                extra.push(ColumnId::RankRange);
            }
            extra.retain(|c| !table.hidden.contains(c));
            columns.splice(at..at, extra);
        }
        // An audit of this year: its median rank and 5th–95th percentile interval, before the
        // name.
        let audit = self.audit.result_for(&self.dataset, year_index).cloned();
        if audit.is_some() {
            let at = columns
                .iter()
                .position(|c| *c == ColumnId::Name)
                .unwrap_or(columns.len());
            let mut extra = vec![ColumnId::AuditMedian, ColumnId::AuditInterval];
            extra.retain(|c| !table.hidden.contains(c));
            columns.splice(at..at, extra);
        }
        // Results left from before the view was last shown may belong to other data: unused.
        let mut external = if whatif_live {
            self.whatif.external()
        } else {
            Arc::default()
        };
        if let Some(audit) = &audit {
            let mut with_audit = (*external).clone();
            with_audit.audit_median = vec![None; year.records.len()];
            with_audit.audit_interval = vec![None; year.records.len()];
            for row in &audit.rows {
                if let Some(record) = year.record_of(row.entity) {
                    with_audit.audit_median[record] = row.median;
                    with_audit.audit_interval[record] = row.p5.zip(row.p95);
                }
            }
            external = Arc::new(with_audit);
        }
        // Histograms depend on the data, year and columns only: kept while the query changes.
        // Each column's on a core of its own (the window's first frame waits for them).
        let numeric: Vec<ColumnId> = columns.iter().copied().filter(|c| c.is_numeric()).collect();
        let mut histograms = std::mem::take(&mut self.table.histograms);
        histograms.refresh((DatasetKey::of(data), year.year, columns.clone()), || {
            crate::model::derive::on_cores(numeric.len(), &|k| {
                let c = numeric[k];
                let values = year.derived.order.iter().map(|r| c.number(year, r));
                Histogram::of(values, 12).map(|h| (c, h))
            })
            .into_iter()
            .flatten()
            .collect()
        });
        let unranked = if table.query.include_unranked {
            year.derived.unranked.len() + year.unlisted_rows().count()
        } else {
            0
        };
        // Decimals too (a slider step at 100,000 entities spent a sixth of its time on them).
        let mut decimals = std::mem::take(&mut self.table.decimals);
        decimals.refresh((DatasetKey::of(data), year.year, columns.clone()), || {
            crate::model::derive::on_cores(numeric.len(), &|k| {
                let c = numeric[k];
                let values = year.derived.order.iter().filter_map(|r| c.number(year, r));
                (c, crate::model::decimals_of(values))
            })
            .into_iter()
            .collect()
        });
        self.table = TableCache {
            decimals,
            rows: table
                .query
                .rows_with(data, year, self.settings.names, Some(&external)),
            external,
            columns,
            histograms,
            total_rows: year.derived.order.len() + unranked,
        };
    }

    /// Replaces the dataset, keeping the year when the new one has it and clearing the selection.
    pub fn replace_dataset(&mut self, dataset: Arc<Dataset>, source: Source) {
        if dataset.year_index(self.year).is_none() {
            self.year = dataset.latest_year().unwrap_or_default();
        }
        self.selection.clear();
        self.colour_slots.clear();
        self.detail = None;
        self.anchor = None;
        self.radar_drill = None;
        self.settings.radar.baseline = None;
        // Column indices of the old dataset mean nothing in the new one.
        let query = &mut self.settings.table.query;
        query.sort.clear();
        query.ranges.clear();
        self.settings.table.hidden.clear();
        self.settings.table.expanded.clear();
        self.files = match &source {
            Source::File(path) => vec![path.clone()],
            Source::Sample => Vec::new(),
        };
        self.dataset = dataset;
        self.source = source;
        self.refresh_table();
    }

    /// Takes the whole of the dataset whose listing is open ([`crate::io::mapping::Reading`]):
    /// the same entities, years and capacities, now with the indicators, so the year, sort,
    /// filters, selection and columns stay as they are. Anything else replaces the dataset.
    pub fn complete_dataset(&mut self, whole: Arc<Dataset>) {
        if !super::rest_of_file::completes(&self.dataset, &whole) {
            let source = self.source.clone();
            let files = std::mem::take(&mut self.files);
            self.replace_dataset(whole, source);
            self.files = files;
            return;
        }
        self.dataset = whole;
        self.refresh_table();
    }

    /// The index of the shown year in the dataset.
    #[must_use]
    pub fn year_index(&self) -> Option<usize> {
        self.dataset.year_index(self.year)
    }

    /// Moves `step` years back or forward, staying within the dataset.
    pub fn step_year(&mut self, step: i32) {
        let Some(index) = self.year_index() else {
            return;
        };
        let target = i64::try_from(index).unwrap_or(0) + i64::from(step);
        if let Some(year) = usize::try_from(target)
            .ok()
            .and_then(|i| self.dataset.years.get(i))
        {
            self.year = year.year;
        }
    }

    /// Selects `entity` as a click with `mode` does.
    pub fn select(&mut self, entity: usize, mode: SelectMode) {
        match mode {
            SelectMode::Only => {
                self.selection.clear();
                self.selection.insert(entity);
                self.anchor = Some(entity);
            }
            SelectMode::Toggle => {
                if !self.selection.remove(&entity) {
                    self.selection.insert(entity);
                }
                self.anchor = Some(entity);
            }
            SelectMode::Range => {
                let rows = &self.table.rows;
                let Some(year) = self.year_index().and_then(|i| self.dataset.years.get(i)) else {
                    return;
                };
                let position = |e: usize| rows.iter().position(|&r| year.row_entity(r) == Some(e));
                if let (Some(a), Some(b)) = (self.anchor.and_then(position), position(entity)) {
                    for &r in &rows[a.min(b)..=a.max(b)] {
                        if let Some(entity) = year.row_entity(r) {
                            self.selection.insert(entity);
                        }
                    }
                } else {
                    self.selection.insert(entity);
                    self.anchor = Some(entity);
                }
            }
        }
    }
}
