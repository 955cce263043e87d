//! Application state: the open dataset, what is shown, and the settings remembered between runs.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, NameStyle};

/// The main views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
pub enum View {
    #[default]
    Table,
    Radar,
    Trends,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// egui's preference for this choice.
    #[must_use]
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Where the open dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Sample,
    File(PathBuf),
}

/// Settings remembered between runs. Unknown or missing fields fall back to defaults.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub view: View,
    pub theme: ThemeChoice,
    pub names: NameStyle,
    /// Most recent first, at most [`Settings::RECENT_MAX`].
    pub recent: Vec<PathBuf>,
}

impl Settings {
    /// How many recent files the File menu lists.
    pub const RECENT_MAX: usize = 10;

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::RECENT_MAX);
    }
}

/// Everything a frame draws from.
pub struct AppState {
    pub dataset: Arc<Dataset>,
    pub source: Source,
    /// The shown year; always one of the dataset's years.
    pub year: i32,
    /// Selected entities (indices into the dataset's entities), shared by every view.
    pub selection: BTreeSet<usize>,
    pub settings: Settings,
    /// The last error to show, until dismissed.
    pub error: Option<String>,
}

impl AppState {
    /// State showing `dataset` at its latest year.
    #[must_use]
    pub fn new(dataset: Arc<Dataset>, source: Source, settings: Settings) -> Self {
        let year = dataset.latest_year().unwrap_or_default();
        Self {
            dataset,
            source,
            year,
            selection: BTreeSet::new(),
            settings,
            error: None,
        }
    }

    /// Replaces the dataset, keeping the year when the new one has it and clearing the selection.
    pub fn replace_dataset(&mut self, dataset: Arc<Dataset>, source: Source) {
        if dataset.year_index(self.year).is_none() {
            self.year = dataset.latest_year().unwrap_or_default();
        }
        self.selection.clear();
        self.dataset = dataset;
        self.source = source;
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

    /// Selects `entity`: alone, or added to/removed from the selection when `additive`.
    pub fn select(&mut self, entity: usize, additive: bool) {
        if additive {
            if !self.selection.remove(&entity) {
                self.selection.insert(entity);
            }
        } else if self.selection.len() == 1 && self.selection.contains(&entity) {
            self.selection.clear();
        } else {
            self.selection.clear();
            self.selection.insert(entity);
        }
    }
}
