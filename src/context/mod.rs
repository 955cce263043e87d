//! What app and views share, below both: the commands views return, the settings remembered
//! between runs, the dialogs' state, and what the caches computed, as plain data. Views, the
//! command line and the exporters depend on this layer (and on model, charts and strings), never
//! on the app shell; only the shell (`app`) depends on views, to draw them.

pub mod audit;
pub mod command;
pub mod dialogs;
pub mod import_dialog;
pub mod job;
pub mod keymap;
pub mod settings;
pub mod table;
pub mod view_cache;
pub mod whatif;
