//! Files built into the binary that more than one layer uses: the bundled CJK font (a subset of
//! Noto Sans CJK SC, OFL, licence in `assets/fonts/`), drawn by the window and by the PNG writer.

/// The font's bytes: GB 2312's 6,763 hanzi, CJK punctuation, full-width forms, and every
/// character of the UI's strings and the bundled sample (`scripts/make-cjk-font` rebuilds it).
pub const BUNDLED_CJK_FONT: &[u8] = include_bytes!("../assets/fonts/RankscopeSansSC-Subset.otf");

/// The family name inside the bundled font, for SVG font lists.
pub const BUNDLED_CJK_FAMILY: &str = "Rankscope Sans SC Subset";
