//! The bundled CJK font ([`crate::assets`]) installed in egui, so that Chinese renders on
//! machines without a CJK system font, and in tests; and the small text size, raised so that
//! Chinese stays legible in notes and source lines.

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

/// The size of small text (notes, source lines), in points: egui's 9 points draws Chinese too
/// small to read at a UI scale of 1.
pub const SMALL_TEXT: f32 = 10.5;

/// Makes small text [`SMALL_TEXT`] points in both themes.
pub fn install_small_text_size(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles.insert(
            egui::TextStyle::Small,
            egui::FontId::proportional(SMALL_TEXT),
        );
    });
}
