//! What a view that is not built yet shows: a plain statement and the shared selection, not a
//! fake chart.

use super::ViewContext;

/// A centred note saying the view is not available yet, with the entities selected elsewhere.
pub fn placeholder_ui(ui: &mut egui::Ui, title: &str, cx: &ViewContext<'_>) {
    let s = cx.strings;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 4.0);
        ui.heading(title);
        ui.label(s.view_not_built);
        ui.add_space(12.0);
        if cx.selection.is_empty() {
            ui.weak(s.no_selection);
        } else {
            ui.strong(s.selected_entities);
            for &entity in cx.selection {
                if let Some(e) = cx.data.entities.get(entity) {
                    ui.label(e.name(cx.names));
                }
            }
        }
    });
}
