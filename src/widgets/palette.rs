//! Colours that colour-blind readers can tell apart (Okabe–Ito), for rises and falls.

use egui::Color32;

/// A rise: Okabe–Ito blue.
pub const RISE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// A fall: Okabe–Ito vermillion.
pub const FALL: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// A new entrant: Okabe–Ito bluish green.
pub const NEW: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
