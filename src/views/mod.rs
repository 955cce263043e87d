//! Views: functions that draw the state they are given and return the commands the user gave.

pub mod audit;
pub mod content_region;
pub mod detail;
pub mod export_bar;
pub mod import_dialog;
pub mod path_prompt;
pub mod radar;
pub mod shortcuts;
pub mod side_panel;
pub mod status_bar;
pub mod table;
pub mod top_bar;
pub mod trends;
pub mod view_menu;
pub mod whatif;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Dataset, NameStyle};
use crate::strings::Strings;

/// What every view may read. Views never change it: they return commands.
pub struct ViewContext<'a> {
    pub data: &'a Dataset,
    /// Index of the shown year in `data.years`.
    pub year_index: usize,
    pub selection: &'a BTreeSet<usize>,
    /// Each selected entity's colour slot (see [`crate::charts::palette::series_colour`]).
    pub colours: &'a BTreeMap<usize, usize>,
    pub names: NameStyle,
    pub strings: &'static Strings,
}
