//! The settings remembered between runs (view, language, theme, table, charts, what-if,
//! session), and the small types app and views share about them: the view, the theme, where the
//! data came from, how a click selects.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::whatif::WhatIfSettings;
use crate::charts::radar::RadarSettings;
use crate::charts::trends_settings::TrendsSettings;
use crate::model::{ColumnId, Dataset, NameStyle, TableQuery};
use crate::strings::Language;

/// The UI scales one can zoom to (egui's zoom factor).
pub const ZOOM_RANGE: (f32, f32) = (0.5, 3.0);

/// The main views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
pub enum View {
    #[default]
    Table,
    Radar,
    Trends,
    /// What-if weighting and rank robustness.
    #[value(name = "whatif")]
    WhatIf,
    /// Rank intervals under uncertain weights, normalisation and aggregation.
    Audit,
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
    /// The format of this record; a record from a newer rankscope is not trusted (see
    /// [`Settings::VERSION`]). Records from before versioning read as 0 and are compatible.
    pub version: u32,
    pub view: View,
    /// The UI language; `None` follows the system locale.
    pub language: Option<Language>,
    /// The UI scale (egui's zoom factor); `None` is 1.
    pub zoom: Option<f32>,
    pub theme: ThemeChoice,
    pub names: NameStyle,
    /// Most recent first, at most [`Settings::RECENT_MAX`].
    pub recent: Vec<PathBuf>,
    pub table: TableSettings,
    /// The folder of the last saved export, where the next save dialog starts.
    pub export_folder: Option<PathBuf>,
    pub radar: RadarSettings,
    pub trends: TrendsSettings,
    pub figure: FigureTexts,
    /// Column mappings confirmed in the mapping dialog, by the headers of the file (newest first).
    pub mappings: Vec<RememberedMapping>,
    /// Where the user left off: the dataset, year and selection.
    pub session: Session,
    pub whatif: WhatIfSettings,
    pub audit: super::audit::AuditSettings,
}

/// Where the user left off, restored on the next start.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The files of the open dataset (several for spreadsheets opened together); empty for the
    /// bundled sample.
    pub files: Vec<PathBuf>,
    pub year: Option<i32>,
    /// The selected entities, by id (ids survive a re-read of the file; indices need not).
    pub selection: Vec<String>,
}

/// A mapping confirmed for files whose headers join to `signature`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RememberedMapping {
    pub signature: String,
    pub mapping: crate::io::mapping::Mapping,
}

/// Texts and background of exported figures; empty texts take the dataset's defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FigureTexts {
    pub title: String,
    pub subtitle: String,
    pub caption: String,
    pub transparent: bool,
    /// The figure's width on paper in centimetres (3–200), its height two thirds of it; 0: a
    /// canvas of 1200 × 800 points.
    pub width_cm: f64,
    /// A PNG's pixels per inch (36–1200); 0: two pixels per point.
    pub dpi: u32,
}

/// The default figure: 16 cm wide at 300 dpi, where the figure's text sizes are the report's.
impl Default for FigureTexts {
    fn default() -> Self {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "300 dpi"
        )]
        let dpi = crate::charts::paper::DEFAULT_DPI as u32;
        Self {
            title: String::new(),
            subtitle: String::new(),
            caption: String::new(),
            transparent: false,
            width_cm: crate::charts::paper::DEFAULT_WIDTH_CM,
            dpi,
        }
    }
}

impl FigureTexts {
    /// The canvas in points: the width on paper when set, else 1200 × 800.
    #[must_use]
    pub fn canvas(&self) -> (f64, f64) {
        if self.width_cm > 0.0 {
            let [width, height] =
                crate::charts::paper::canvas_of(self.width_cm, crate::charts::paper::ASPECT);
            (width, height)
        } else {
            (1200.0, 800.0)
        }
    }

    /// A PNG's pixels per point: the resolution when set, else 2.
    #[must_use]
    pub fn png_scale(&self) -> f32 {
        if self.dpi > 0 {
            crate::charts::paper::scale_at(f64::from(self.dpi))
        } else {
            crate::charts::paper::POINT_SIZED_SCALE
        }
    }
}

/// How the table is set up: its query, hidden columns and expanded capacities.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TableSettings {
    pub query: TableQuery,
    /// Columns the user hid (the name column cannot be hidden).
    pub hidden: BTreeSet<ColumnId>,
    /// Capacities shown with their indicator columns.
    pub expanded: BTreeSet<usize>,
}

impl TableSettings {
    /// The visible columns, in order: rank, change, name, province, total, then each capacity
    /// followed by its indicators when expanded, then the extra columns.
    #[must_use]
    pub fn columns(&self, data: &Dataset) -> Vec<ColumnId> {
        let mut all = vec![
            ColumnId::Rank,
            ColumnId::RankChange,
            ColumnId::Name,
            ColumnId::Province,
            ColumnId::Total,
        ];
        for capacity in 0..data.meta.capacities.len() {
            all.push(ColumnId::Capacity(capacity));
            if self.expanded.contains(&capacity) {
                let indicators = data
                    .meta
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.capacity == capacity);
                all.extend(indicators.map(|(index, _)| ColumnId::Indicator(index)));
            }
        }
        all.extend((0..data.meta.extras.len()).map(ColumnId::Extra));
        all.retain(|c| *c == ColumnId::Name || !self.hidden.contains(c));
        all
    }
    /// The rows the table shows of `year`: its query's filters and sort, as record indices.
    #[must_use]
    pub fn rows(&self, data: &Dataset, year: &crate::model::Year, names: NameStyle) -> Vec<usize> {
        self.query.rows(data, year, names)
    }
}

impl Settings {
    /// How many recent files the File menu lists.
    pub const RECENT_MAX: usize = 10;

    /// The current record format.
    pub const VERSION: u32 = 1;

    /// Settings as on a first start: the current format, the language left to the system.
    #[must_use]
    pub fn fresh() -> Self {
        Self {
            version: Self::VERSION,
            ..Self::default()
        }
    }

    /// The UI language: the chosen one, or the system's.
    #[must_use]
    pub fn language_or(&self, system: Language) -> Language {
        self.language.unwrap_or(system)
    }

    /// Back to the default sort, filters, columns and chart settings; the dataset, language,
    /// theme, names, recent files, mappings and figure texts stay.
    pub fn reset_view(&mut self) {
        self.table = TableSettings::default();
        self.radar = RadarSettings::default();
        self.trends = TrendsSettings::default();
        self.whatif = WhatIfSettings {
            saved: std::mem::take(&mut self.whatif.saved),
            ..WhatIfSettings::default()
        };
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        let path = absolute(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::RECENT_MAX);
    }
}

/// `path` made absolute (and free of `..`) when the file exists; else as given.
#[must_use]
pub fn absolute(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// How a click changes the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectMode {
    /// A plain click: this entity alone.
    Only,
    /// Ctrl-click: add or remove this entity.
    Toggle,
    /// Shift-click: add every row from the last clicked one to this one.
    Range,
}
