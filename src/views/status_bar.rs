//! The status bar: dataset name, counts, the provenance note, and any load in progress.

use egui::{RichText, Ui};

use super::ViewContext;
use crate::model::Year;

/// A load in progress, as the status bar shows it.
pub struct LoadingStatus<'a> {
    pub label: &'a str,
    pub bytes: u64,
    /// Bytes parsed so far (text may be larger than the file, so this can pass `bytes`).
    pub done: u64,
    pub elapsed_secs: u64,
}

/// Draws the status bar (with `reading_rest`, a note that the indicators are being read);
/// returns `CancelLoad` when the user stops a load.
#[must_use]
pub fn status_bar_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    loading: Option<&LoadingStatus<'_>>,
    reading_rest: bool,
) -> Vec<crate::context::command::Command> {
    let mut commands = Vec::new();
    let s = cx.strings;
    let data = cx.data;
    ui.horizontal(|ui| {
        if reading_rest {
            ui.spinner();
            ui.label(s.reading_indicators);
            ui.separator();
        }
        if let Some(load) = loading {
            ui.spinner();
            #[expect(
                clippy::cast_precision_loss,
                reason = "a file size shown to one decimal"
            )]
            let megabytes = load.bytes as f64 / 1_048_576.0;
            ui.label(format!(
                "{} {} ({megabytes:.1} MB, {} s)",
                s.loading, load.label, load.elapsed_secs
            ));
            if ui.button(s.import_cancel).clicked() {
                commands.push(crate::context::command::Command::CancelLoad);
            }
            ui.separator();
        }
        ui.label(RichText::new(data.title(cx.names)).strong());
        ui.separator();
        let first = data.years.first().map(Year::label).unwrap_or_default();
        let last = data.years.last().map(Year::label).unwrap_or_default();
        let ranked = data
            .years
            .get(cx.year_index)
            .map_or(0, crate::model::Year::cohort_size);
        // One year is named, not counted ("1 years (2015–2015)").
        let years = if data.years.len() == 1 {
            // An undated ranking is one period with no name to show.
            if data.years[0].year == crate::model::period::UNDATED {
                String::new()
            } else {
                format!("{first} · ")
            }
        } else {
            format!("{} {} ({first}–{last}) · ", data.years.len(), s.years)
        };
        ui.label(format!(
            "{} {} · {years}{ranked} {}",
            data.entities.len(),
            s.entities,
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
    commands
}
