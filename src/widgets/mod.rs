//! Small reusable widgets and the colours they share.

pub mod histogram;
pub mod palette;
pub mod rank_change;
pub mod score_bar;
