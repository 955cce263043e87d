//! Charts as data: specs (series, axes, labels, colours) and their geometry (radar, bump chart,
//! slopegraph), computed without
//! egui so that the screen painter and the SVG writer draw the same thing.

pub mod audit_chart;
pub mod capacities;
pub mod colour_difference;
pub mod labels;
pub mod palette;
pub mod paper;
pub mod radar;
pub mod rank_chart;
pub mod trends_settings;
pub mod whatif_chart;
