//! What the save dialogs and screenshots are asked for: plain choices the views send in
//! commands and the app carries out.

/// The format of a figure file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFormat {
    Svg,
    Png,
}

/// What a save dialog is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SavePurpose {
    /// The Table view as shown, as CSV.
    Table,
    /// The Trends view's change table, as CSV.
    Changes,
    /// The What-if ranking, as CSV.
    WhatIf,
    /// The current view's figure.
    Figure(FigureFormat),
    /// A screenshot of the window or the view.
    Screenshot(ScreenshotOptions),
    /// The open dataset in rankscope's JSON format.
    Dataset,
    /// The Audit view's results (intervals, sensitivity, coherence) as JSON.
    Audit,
}

impl SavePurpose {
    /// The save dialog's filter: its name and the file extension.
    #[must_use]
    pub fn filter(self) -> (&'static str, &'static str) {
        match self {
            Self::Table | Self::Changes | Self::WhatIf => ("CSV", "csv"),
            Self::Figure(FigureFormat::Svg) => ("SVG", "svg"),
            Self::Figure(FigureFormat::Png) | Self::Screenshot(_) => ("PNG", "png"),
            Self::Dataset => ("rankscope dataset (JSON)", "json"),
            Self::Audit => ("JSON", "json"),
        }
    }
}

/// What a screenshot covers and how sharp it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenshotOptions {
    /// Pixels per point relative to the screen's: 1, 2 or 3.
    pub scale: f32,
    /// Only the view's region (no menus or status bar).
    pub view_only: bool,
    /// Close the window afterwards (`--screenshot`).
    pub close_when_done: bool,
}

/// What a path typed in the window is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PromptPurpose {
    /// Open the file (or the files, separated by `;`).
    Open,
    /// Save what the save dialog was for.
    Save(SavePurpose),
}

/// A path typed in the window, asked for when no system file chooser answered (none installed,
/// or no portal on this desktop), so that Open and Save never silently do nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    pub purpose: PromptPurpose,
    /// The path as typed so far (a save starts with the folder and file name it proposes).
    pub text: String,
}

/// A file chooser that answers "nothing chosen" faster than this was never shown: no person
/// cancels a dialog in a fifth of a second.
pub const NO_CHOOSER: std::time::Duration = std::time::Duration::from_millis(200);
