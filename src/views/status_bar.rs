//! The status bar: dataset name, counts, the provenance note, and any load in progress.

use egui::{RichText, Ui};

use super::ViewContext;

/// Draws the status bar. `loading` names a load in progress.
pub fn status_bar_ui(ui: &mut Ui, cx: &ViewContext<'_>, loading: Option<&str>) {
    let s = cx.strings;
    let data = cx.data;
    ui.horizontal(|ui| {
        if let Some(label) = loading {
            ui.spinner();
            ui.label(format!("{} {label}", s.loading));
            ui.separator();
        }
        ui.label(RichText::new(data.title(cx.names)).strong());
        ui.separator();
        let first = data.years.first().map_or(0, |y| y.year);
        let last = data.years.last().map_or(0, |y| y.year);
        let ranked = data
            .years
            .get(cx.year_index)
            .map_or(0, crate::model::Year::cohort_size);
        ui.label(format!(
            "{} {} · {} {} ({first}–{last}) · {ranked} {}",
            data.entities.len(),
            s.entities,
            data.years.len(),
            s.years,
            s.ranked
        ));
        if !cx.selection.is_empty() {
            ui.separator();
            ui.label(format!("{} {}", cx.selection.len(), s.selected));
        }
        if !data.meta.provenance.is_empty() {
            ui.separator();
            let note = ui.add(
                egui::Label::new(RichText::new(&data.meta.provenance).italics().weak()).truncate(),
            );
            note.on_hover_text(format!("{}\n\n{}", data.meta.provenance, data.meta.source));
        }
    });
}
