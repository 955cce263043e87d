//! Charts as data: specs (series, axes, labels, colours) and their geometry, computed without
//! egui so that the screen painter and the SVG writer draw the same thing.

pub mod palette;
pub mod radar;
