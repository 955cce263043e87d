//! Small reusable widgets and the colours they share.

pub mod palette;
pub mod rank_change;
