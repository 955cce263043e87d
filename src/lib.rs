//! rankscope: a desktop tool for exploring ranking datasets (entities scored on a few
//! capacities, ranked year after year). See `docs/architecture.md` for the layout.

pub mod app;
pub mod assets;
pub mod charts;
pub mod cli;
pub mod context;
pub mod export;
pub mod io;
pub mod model;
pub mod sample;
pub mod strings;
pub mod views;
pub mod widgets;
