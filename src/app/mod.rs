//! The application: state, commands, background loading and the `eframe::App` that ties them.

mod apply;
pub mod command;
pub mod dialogs;
pub mod figure_of_view;
pub mod fonts;
pub mod import_dialog;
mod input;
pub mod loader;
mod rankscope_app;
pub mod screenshot;
mod settings_check;
pub mod state;
pub mod state_file;
pub mod view_cache;
pub mod whatif_state;

pub use rankscope_app::{
    BACKUP_KEY, RankscopeApp, SettingsProblem, Startup, ZOOM_RANGE, remembered_settings,
};
