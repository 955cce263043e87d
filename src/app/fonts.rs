//! The bundled CJK font ([`crate::assets`]) installed in egui, so that Chinese renders on
//! machines without a CJK system font, and in tests.

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

pub use crate::assets::{BUNDLED_CJK_FAMILY, BUNDLED_CJK_FONT};

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
