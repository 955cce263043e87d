//! The application shell: state, applying commands, background loading and the `eframe::App`
//! that draws the views; what it shares with them lives in [`crate::context`].

mod apply;
pub use crate::context::command;
pub mod dialogs;
pub mod figure_of_view;
pub mod fonts;
pub use crate::context::import_dialog;
mod input;
pub mod launch;
pub mod loader;
mod rankscope_app;
pub mod rest_of_file;
pub mod screenshot;
mod settings_check;
pub mod state;
pub mod state_file;
pub use crate::context::view_cache;
pub use crate::context::whatif as whatif_state;

pub use rankscope_app::{
    BACKUP_KEY, RankscopeApp, SettingsProblem, Startup, ZOOM_RANGE, remembered_settings,
};
