//! Commands: what views ask for, applied once at the end of each frame.

use std::path::PathBuf;

use super::dialogs::{FigureFormat, SavePurpose, ScreenshotOptions};
use super::settings::{FigureTexts, SelectMode, ThemeChoice, View};
use super::whatif::WhatIfSettings;
use crate::charts::radar::RadarSettings;
use crate::charts::trends_settings::TrendsSettings;
use crate::model::{ColumnId, NameStyle, TableQuery};
use crate::strings::Language;

/// One user intent. Views return these; only the app applies them.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a file with the system dialog, then open it.
    OpenDialog,
    /// Open a dataset file (off the UI thread).
    Open(PathBuf),
    /// Open several files: spreadsheets (e.g. one per year) as one dataset.
    OpenFiles(Vec<PathBuf>),
    /// Stop waiting for a load; the open dataset stays.
    CancelLoad,
    /// Open the bundled sample.
    OpenSample,
    SetYear(i32),
    /// Move to the previous (-1) or next (+1) year.
    StepYear(i32),
    SetView(View),
    SetTheme(ThemeChoice),
    SetLanguage(Language),
    /// Set the UI scale (egui's zoom factor).
    SetZoom(f32),
    /// Back to the default sort, filters, columns, chart settings and selection.
    ResetView,
    /// Open or close the keyboard-shortcut help (F1).
    ToggleHelp,
    SetNames(NameStyle),
    /// A click on an entity.
    Select {
        entity: usize,
        mode: SelectMode,
    },
    /// Clear the selection.
    SelectNone,
    /// Replace the table's query (search, filters, sort).
    SetQuery(TableQuery),
    /// Show or hide a table column.
    ToggleColumn(ColumnId),
    /// Show or hide a capacity's indicator columns.
    ToggleExpanded(usize),
    /// Open the detail window of an entity.
    OpenDetail(usize),
    CloseDetail,
    /// Copy the selected rows (as shown) to the clipboard as TSV with headers.
    CopySelection,
    /// Save the table as shown as CSV at this path.
    SaveTable(PathBuf),
    /// Change the Radar view's settings.
    SetRadar(RadarSettings),
    /// Show (or hide) a capacity's indicators under the radar.
    DrillAxis(Option<usize>),
    /// Change the Trends view's settings.
    SetTrends(TrendsSettings),
    /// Change the What-if weights, scale, robustness parameters, saved sets or table columns.
    SetWhatIf(WhatIfSettings),
    /// Sample random weightings around the current weights (off the UI thread).
    RunRobustness,
    CancelRobustness,
    /// Change the Audit view's factors and run size.
    SetAudit(crate::context::audit::AuditSettings),
    /// Run the uncertainty analysis of the shown year (off the UI thread), or stop it.
    RunAudit,
    CancelAudit,
    /// Run the Sobol' design of the Audit view's factors (off the UI thread), or stop it.
    RunSensitivity,
    CancelSensitivity,
    /// Compute the shown year's correlations (off the UI thread).
    ComputeCoherence,
    /// Save the Audit view's results of the shown year as JSON at this path.
    SaveAudit(PathBuf),
    /// Save the What-if ranking as CSV at this path.
    SaveWhatIf(PathBuf),
    /// Save the change table of the compared years as CSV at this path.
    SaveChanges(PathBuf),
    /// Ask for a path for an export (figure, screenshot, CSV), then write it.
    ExportDialog(SavePurpose),
    /// Change the mapping in the column-mapping dialog.
    SetImportMapping(crate::io::mapping::Mapping),
    /// Leave out these sheets (by name) of the spreadsheet in the mapping dialog.
    SetImportSheets(Vec<String>),
    /// Open the spreadsheet with the dialog's mapping (and remember it for such files).
    ConfirmImport,
    /// Close the mapping dialog; the open dataset stays.
    CancelImport,
    /// Edits, opens or closes (`None`) the window's own path prompt.
    SetPathPrompt(Option<super::dialogs::PathPrompt>),
    /// Opens or saves to the path typed in the prompt.
    ConfirmPathPrompt,
    /// Read the mapping dialog's files again in this encoding (its "Read as" choice).
    SetImportEncoding(&'static encoding_rs::Encoding),
    /// Save the open dataset in rankscope's JSON format, so the next open is instant.
    SaveDataset(PathBuf),
    /// Write the current view's figure.
    SaveFigure(PathBuf, FigureFormat),
    /// Change the texts and background of exported figures.
    SetFigureTexts(FigureTexts),
    /// Copy the current view's figure to the clipboard as an image.
    CopyFigure,
    /// Take a screenshot (after closing menus) and save it.
    StartScreenshot(PathBuf, ScreenshotOptions),
    /// Move keyboard focus to the search box.
    FocusSearch,
    DismissError,
    DismissNotice,
    /// Open or close the window listing every warning of the last load.
    ToggleWarnings,
    Quit,
}
