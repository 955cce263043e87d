//! Small reusable widgets, the colours they share, and input helpers.

pub mod audit_chart;
pub mod histogram;
pub mod palette;
pub mod radar;
pub mod rank_change;
pub mod rank_chart;
pub mod score_bar;

/// The modifier keys held during this frame's click: taken from the click event itself, so a
/// click and a key release in the same frame still read right.
#[must_use]
pub fn click_modifiers(ui: &egui::Ui) -> egui::Modifiers {
    ui.input(|i| {
        i.events
            .iter()
            .rev()
            .find_map(|event| match event {
                egui::Event::PointerButton {
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers,
                    ..
                } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers)
    })
}
