//! Commands: what views ask for, applied once at the end of each frame.

use std::path::PathBuf;

use super::state::{ThemeChoice, View};
use crate::model::NameStyle;

/// One user intent. Views return these; only the app applies them.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Ask for a file with the system dialog, then open it.
    OpenDialog,
    /// Open a dataset file (off the UI thread).
    Open(PathBuf),
    /// Open the bundled sample.
    OpenSample,
    SetYear(i32),
    /// Move to the previous (-1) or next (+1) year.
    StepYear(i32),
    SetView(View),
    SetTheme(ThemeChoice),
    SetNames(NameStyle),
    /// A click on an entity: `additive` keeps the rest of the selection (Ctrl/Shift).
    Select {
        entity: usize,
        additive: bool,
    },
    DismissError,
    Quit,
}
