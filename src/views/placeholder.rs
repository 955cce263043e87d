//! What a view that is not built yet shows: a plain statement, not a fake chart.

use crate::strings::Strings;

/// A centred note saying the view is not available yet.
pub fn placeholder_ui(ui: &mut egui::Ui, title: &str, strings: &Strings) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading(title);
        ui.label(strings.view_not_built);
    });
}
