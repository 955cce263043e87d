//! Colours that colour-blind readers can tell apart (Okabe–Ito): rises, falls, entrants, bars.

use egui::Color32;

/// A rise: Okabe–Ito blue.
pub const RISE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// A fall: Okabe–Ito vermillion.
pub const FALL: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// A new entrant: Okabe–Ito bluish green.
pub const NEW: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);

/// In-cell bars: Okabe–Ito sky blue (86, 180, 233) at 45 % opacity, premultiplied, so text stays readable on top.
pub const BAR: Color32 = Color32::from_rgba_premultiplied(39, 81, 105, 115);
