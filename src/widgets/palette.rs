//! Colours that colour-blind readers can tell apart (Okabe–Ito): rises, falls, entrants, bars.
//! Text colours come in a light-theme and a dark-theme shade, each with a contrast of at least
//! 4.5:1 (WCAG AA) against its theme's background.

use egui::Color32;

/// The colour of a change written as text ("▲3", "▼2", "new"), readable in the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeColour {
    Rise,
    Fall,
    New,
}

impl ChangeColour {
    /// The shade for a dark (`true`) or light background.
    #[must_use]
    pub fn on(self, dark: bool) -> Color32 {
        use crate::charts::palette as p;
        let shades = match self {
            Self::Rise => p::RISE,
            Self::Fall => p::FALL,
            Self::New => p::NEW,
        };
        let [r, g, b] = shades[usize::from(dark)];
        Color32::from_rgb(r, g, b)
    }
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
#[must_use]
pub fn contrast(a: Color32, b: Color32) -> f64 {
    crate::charts::palette::contrast([a.r(), a.g(), a.b()], [b.r(), b.g(), b.b()])
}

/// Weak text (keys, source lines, hints), opaque and at least 4.5:1 on the theme's panels and
/// windows: egui's own (the text colour at 60 % opacity) reads at about 3:1 on the dark theme.
#[must_use]
pub fn weak_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(0xA0)
    } else {
        Color32::from_gray(0x63)
    }
}

/// Makes [`weak_text`] the weak text of both themes.
pub fn install_readable_weak_text(ctx: &egui::Context) {
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            style.visuals.weak_text_color = Some(weak_text(theme == egui::Theme::Dark));
        });
    }
}

/// A chart colour (as charts are built, for white) for a mark — line, polygon, swatch — in the
/// theme: itself in the light theme, its dark twin in the dark one (see
/// [`crate::charts::palette::on_background`]).
#[must_use]
pub fn series_mark(colour: [u8; 3], visuals: &egui::Visuals) -> Color32 {
    let [r, g, b] = crate::charts::palette::on_background(colour, visuals.dark_mode);
    Color32::from_rgb(r, g, b)
}

/// A series' colour for text on the theme's panels: its mark's hue, darkened or lightened if
/// needed to read at 4.5:1 (see [`crate::charts::palette::readable_text`]).
#[must_use]
pub fn series_text(colour: [u8; 3], visuals: &egui::Visuals) -> Color32 {
    let panel = visuals.panel_fill;
    let mark = crate::charts::palette::on_background(colour, visuals.dark_mode);
    let [r, g, b] = crate::charts::palette::readable_text(mark, [panel.r(), panel.g(), panel.b()]);
    Color32::from_rgb(r, g, b)
}

/// In-cell bars: Okabe–Ito sky blue (86, 180, 233) at 45 % opacity, premultiplied, so text stays readable on top.
pub const BAR: Color32 = Color32::from_rgba_premultiplied(39, 81, 105, 115);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic 4.48:1, just under AA.
        let grey = Color32::from_gray(0x77);
        assert!((contrast(grey, Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn change_colours_are_readable_on_both_themes_backgrounds() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            for background in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ] {
                for colour in [ChangeColour::Rise, ChangeColour::Fall, ChangeColour::New] {
                    let ratio = contrast(colour.on(visuals.dark_mode), background);
                    assert!(
                        ratio >= 4.5,
                        "{colour:?} on {background:?} (dark: {}): {ratio:.2}",
                        visuals.dark_mode
                    );
                }
            }
        }
    }

    #[test]
    fn the_themes_own_text_is_readable() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let text = visuals.widgets.noninteractive.fg_stroke.color;
            let ratio = contrast(text, visuals.panel_fill);
            assert!(ratio >= 4.5, "dark: {}: {ratio:.2}", visuals.dark_mode);
        }
    }
}

#[cfg(test)]
mod readability_tests {
    use super::*;

    #[test]
    fn weak_text_and_selected_rows_read_at_aa_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let dark = visuals.dark_mode;
            for background in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ] {
                let ratio = contrast(weak_text(dark), background);
                assert!(
                    ratio >= 4.5,
                    "weak text (dark: {dark}) on {background:?}: {ratio:.2}"
                );
            }
            // A selected row's text is the selection's own colour, not a change colour
            // (blue on the blue selection reads at about 3:1).
            let on_selection = contrast(visuals.selection.stroke.color, visuals.selection.bg_fill);
            assert!(on_selection >= 4.5, "dark: {dark}: {on_selection:.2}");
        }
    }
}
