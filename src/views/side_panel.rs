//! The layout the What-if and Audit views share: a column of controls on the left, scrolling on
//! its own, and the results filling the rest of the view's width and height.

use egui::Ui;

/// Draws `controls` in a scrolling column `controls_width` points wide (its scroll state kept
/// under `id`), a separator, and `results` in the rest of the view.
pub fn controls_beside_results(
    ui: &mut Ui,
    (id, controls_width): (&str, f32),
    controls: impl FnOnce(&mut Ui),
    results: impl FnOnce(&mut Ui),
) {
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(controls_width, height),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                egui::ScrollArea::vertical().id_salt(id).show(ui, |ui| {
                    ui.set_width(controls_width - 12.0);
                    controls(ui);
                });
            },
        );
        ui.separator();
        let width = ui.available_width();
        ui.allocate_ui_with_layout(
            egui::vec2(width, height),
            egui::Layout::top_down(egui::Align::Min),
            results,
        );
    });
}
