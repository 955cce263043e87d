//! The integration tests, one binary: each module is the tests of one feature, run against the
//! library as a user meets it (the window through kittest, the commands, the readers and writers).
//! One binary links the whole stack once instead of once per file.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

mod app_ui;
mod architecture;
mod arrow_files;
mod audit_cli;
mod bundled_font;
mod cli;
mod cli_language;
mod common;
mod directions;
mod export_figures;
mod export_radar;
mod export_trends;
mod extra_columns;
mod figure_colours;
mod figure_layout;
mod hostile;
mod import_csv;
mod import_errors;
mod language_switch;
mod listing_first;
mod native_format;
mod open_bands;
mod parquet_files;
mod preferences_ui;
mod radar_ui;
mod real_corpus;
mod sample_facts;
mod state_file;
mod synthetic;
mod table_figure;
mod table_ui;
mod trends_ui;
mod whatif_cli;
mod whatif_ui;
mod yearly_files;
