//! The bundled CJK font: a subset of Noto Sans CJK SC (OFL, licence in `assets/fonts/`), so that
//! Chinese renders on machines without a CJK system font, and in tests.

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// The font's bytes: GB 2312's 6,763 hanzi, CJK punctuation, full-width forms, and every
/// character of the UI's strings and the bundled sample (`scripts/make-cjk-font` rebuilds it).
pub const BUNDLED_CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/RankscopeSansSC-Subset.otf");

/// The family name inside the bundled font, for SVG font lists.
pub const BUNDLED_CJK_FAMILY: &str = "Rankscope Sans SC Subset";

/// Adds the bundled font as the last fallback of both families: egui's own fonts and the
/// system's come first, and whatever they lack in Chinese this one draws.
pub fn install_bundled_cjk_font(ctx: &egui::Context) {
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .to_vec();
    ctx.add_font(FontInsert {
        name: "rankscope-cjk".into(),
        data: FontData::from_static(BUNDLED_CJK_FONT),
        families,
    });
}
