//! The What-if controls: a slider per capacity weight, the scale, presets, saved weight sets,
//! the table columns switch, and the robustness run (spread, samples, seed, progress, cancel).

use egui::Ui;

use super::WhatIfInputs;
use crate::context::command::Command;
use crate::context::whatif::{SavedWeights, WhatIfSettings};
use crate::model::radar::Normalization;
use crate::model::whatif::{Weights, decimal_weight};
use crate::views::ViewContext;

/// Draws the controls; a changed setting comes back as one `SetWhatIf`.
pub fn controls_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &WhatIfInputs<'_>) -> Vec<Command> {
    let s = cx.strings;
    let settings = inputs.settings;
    let mut next = settings.clone();
    let mut commands = Vec::new();
    let capacities = &cx.data.meta.capacities;
    let current = settings.weights_for(cx.data).map_or_else(
        |_| settings.weights.clone().unwrap_or_default(),
        |w| w.values().to_vec(),
    );
    let total: f64 = current.iter().sum();
    // Weights given in percent (25, 35, …) get a slider as long as weights given as fractions.
    let own_max = capacities
        .iter()
        .filter_map(|c| c.weight)
        .chain(current.iter().copied())
        .fold(0.0, f64::max);
    let slider_max = if own_max > 1.0 { 2.0 * own_max } else { 1.0 };

    ui.heading(s.whatif_weights)
        .on_hover_text(s.whatif_weights_hint);
    egui::Grid::new("whatif_weights")
        .num_columns(3)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for (index, capacity) in capacities.iter().enumerate() {
                let mut value = current.get(index).copied().unwrap_or(0.0);
                let label = ui.label(capacity.label(cx.names));
                let own = capacity
                    .weight
                    .map(|w| format!("{}: {w}", s.whatif_preset_dataset))
                    .unwrap_or_default();
                let slider = ui
                    .add(
                        egui::Slider::new(&mut value, 0.0..=slider_max)
                            .step_by(slider_max / 100.0)
                            .fixed_decimals(2),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(own);
                // A click or drag gives the slider the keyboard: the arrows then nudge it.
                if slider.clicked() || slider.drag_started() {
                    slider.request_focus();
                }
                if slider.changed() {
                    let mut weights = current.clone();
                    if let Some(w) = weights.get_mut(index) {
                        // The decimal the slider shows, so that exact ties stay exact.
                        *w = decimal_weight(value, 2);
                    }
                    next.weights = Some(weights);
                }
                let share = if total > 0.0 {
                    value / total * 100.0
                } else {
                    0.0
                };
                ui.weak(format!("{share:.0}%"));
                ui.end_row();
            }
        });
    if let Some(error) = inputs.cache.weights_error() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} ({})", s.whatif_no_weights, s.weights_error(error)),
        );
    }

    ui.horizontal(|ui| {
        let caption = ui.label(s.whatif_normalization);
        egui::ComboBox::from_id_salt("whatif_normalization")
            .selected_text(s.normalization(settings.normalization))
            .show_ui(ui, |ui| {
                for norm in Normalization::ALL {
                    ui.selectable_value(&mut next.normalization, norm, s.normalization(norm))
                        .on_hover_text(s.normalization_definition(norm));
                }
            })
            .response
            .labelled_by(caption.id)
            .on_hover_text(s.normalization_definition(settings.normalization));
    });
    ui.horizontal(|ui| {
        let caption = ui.label(s.whatif_missing);
        egui::ComboBox::from_id_salt("whatif_missing")
            .selected_text(s.missing_scores(settings.missing))
            .show_ui(ui, |ui| {
                for missing in crate::model::whatif::MissingScores::ALL {
                    ui.selectable_value(&mut next.missing, missing, s.missing_scores(missing));
                }
            })
            .response
            .labelled_by(caption.id)
            .on_hover_text(s.whatif_missing_hint);
    });

    ui.horizontal_wrapped(|ui| {
        if ui.button(s.whatif_preset_dataset).clicked() {
            next.weights = None;
        }
        if ui.button(s.whatif_preset_equal).clicked() {
            next.weights = Some(Weights::equal(capacities.len()).values().to_vec());
        }
        let fitted = inputs
            .cache
            .fit()
            .and_then(|f| f.as_ref().ok())
            .map(crate::model::whatif::Fit::normalized_weights);
        if let Some(fitted) = fitted
            && ui
                .button(s.whatif_preset_fitted)
                .on_hover_text(s.whatif_fit_hint)
                .clicked()
        {
            next.weights = Some(fitted);
        }
    });
    saved_sets_ui(ui, cx, settings, &current, &mut next);
    ui.checkbox(&mut next.in_table, s.whatif_show_in_table);
    ui.separator();
    commands.extend(robustness_controls_ui(ui, cx, inputs, &mut next));
    if next != *settings {
        commands.insert(0, Command::SetWhatIf(next));
    }
    commands
}

/// Named weight sets: click one to apply it, × to delete; a name and "Save as" to add one.
fn saved_sets_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    settings: &WhatIfSettings,
    current: &[f64],
    next: &mut WhatIfSettings,
) {
    let s = cx.strings;
    ui.label(s.whatif_saved);
    let name_id = egui::Id::unique("whatif_save_name");
    let mut name: String = ui.data_mut(|d| d.get_temp(name_id).unwrap_or_default());
    ui.horizontal(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut name)
                .hint_text(s.whatif_save_name_hint)
                .desired_width(160.0),
        );
        if edit.changed() {
            ui.data_mut(|d| d.insert_temp(name_id, name.clone()));
        }
        let named = !name.trim().is_empty();
        if ui
            .add_enabled(named, egui::Button::new(s.whatif_save_as))
            .clicked()
        {
            next.saved.retain(|set| set.name != name.trim());
            next.saved.push(SavedWeights {
                name: name.trim().to_owned(),
                weights: current.to_vec(),
            });
            ui.data_mut(|d| d.insert_temp(name_id, String::new()));
        }
    });
    for (index, set) in settings.saved.iter().enumerate() {
        ui.horizontal(|ui| {
            let applies = set.weights.len() == cx.data.meta.capacities.len();
            let detail = set
                .weights
                .iter()
                .map(|w| format!("{w:.2}"))
                .collect::<Vec<_>>()
                .join(" / ");
            if ui
                .add_enabled(applies, egui::Button::new(&set.name))
                .on_hover_text(detail)
                .clicked()
            {
                next.weights = Some(set.weights.clone());
            }
            if ui
                .small_button("×")
                .on_hover_text(s.whatif_delete)
                .clicked()
            {
                next.saved.remove(index);
            }
        });
    }
}

/// Spread, samples and seed, and Run (or the progress of the run with Cancel).
fn robustness_controls_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    inputs: &WhatIfInputs<'_>,
    next: &mut WhatIfSettings,
) -> Vec<Command> {
    let s = cx.strings;
    let mut commands = Vec::new();
    ui.heading(s.whatif_robustness)
        .on_hover_text(s.whatif_robustness_hint);
    egui::Grid::new("whatif_robustness_params")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(s.whatif_spread);
            let mut percent = next.spread * 100.0;
            let slider = ui
                .add(
                    egui::Slider::new(&mut percent, 0.0..=50.0)
                        .step_by(1.0)
                        .suffix(" %"),
                )
                .labelled_by(label.id);
            if slider.clicked() || slider.drag_started() {
                slider.request_focus();
            }
            if slider.changed() {
                next.spread = percent / 100.0;
            }
            ui.end_row();
            let label = ui.label(s.whatif_samples);
            ui.add(
                egui::DragValue::new(&mut next.samples)
                    .range(10..=100_000)
                    .speed(10),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(s.whatif_seed);
            ui.add(egui::DragValue::new(&mut next.seed))
                .labelled_by(label.id);
            ui.end_row();
        });
    if let Some(job) = &inputs.cache.job {
        {
            ui.horizontal(|ui| {
                let done = job.progress();
                #[expect(clippy::cast_precision_loss, reason = "a sample count")]
                let fraction = done as f32 / job.total.max(1) as f32;
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(180.0)
                        .text(format!("{} {done}/{}", s.whatif_running, job.total)),
                );
                if ui.button(s.whatif_cancel).clicked() {
                    commands.push(Command::CancelRobustness);
                }
            });
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    } else {
        {
            let ready = inputs.cache.ranking().is_some();
            if ui
                .add_enabled(ready, egui::Button::new(s.whatif_run))
                .on_hover_text(s.whatif_robustness_hint)
                .clicked()
            {
                commands.push(Command::RunRobustness);
            }
        }
    }
    if let Some(error) = inputs.cache.robustness_error {
        ui.colored_label(ui.visuals().error_fg_color, s.robustness_error(error));
    }
    if inputs.cache.robustness_is_stale() {
        ui.weak(s.whatif_stale);
    }
    commands
}
