//! What the weights do: the slopegraph official → what-if, winners and losers, the entities
//! that stay in the top 10 under every sampled weighting, the focused entity's sensitivity, and
//! the fit of the published total on the capacities.

use egui::{RichText, Ui};

use super::WhatIfInputs;
use crate::context::command::Command;
use crate::context::dialogs::SavePurpose;
use crate::context::settings::SelectMode;
use crate::model::whatif::{CapacitySensitivity, Threshold, WhatIf, WhatIfRanking};
use crate::views::ViewContext;
use crate::views::export_bar::export_bar_ui;
use crate::widgets::palette::ChangeColour;
use crate::widgets::rank_chart::rank_chart_ui;

/// Height of the slopegraph, in points.
const SLOPE_HEIGHT: f32 = 460.0;

/// Draws the results and returns the commands given in them (selections, exports).
pub fn results_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &WhatIfInputs<'_>) -> Vec<Command> {
    let s = cx.strings;
    let cache = inputs.cache;
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        commands.extend(export_bar_ui(ui, s, Some(SavePurpose::WhatIf)));
        ui.separator();
        let mut top_n = inputs.settings.top_n;
        let caption = ui.label(s.whatif_top_n);
        if ui
            .add(egui::DragValue::new(&mut top_n).range(3..=200))
            .labelled_by(caption.id)
            .changed()
        {
            commands.push(Command::SetWhatIf(crate::context::whatif::WhatIfSettings {
                top_n,
                ..inputs.settings.clone()
            }));
        }
    });
    // The results below the export bar are the view's content (beside the controls column).
    crate::views::content_region::mark_content_below(ui);
    let (Some(model), Some(ranking)) = (cache.model(), cache.ranking()) else {
        ui.weak(s.whatif_no_weights);
        return commands;
    };
    if let Some(spec) = cache.slope() {
        ui.strong(&spec.subtitle);
        let width = ui.available_width().max(320.0);
        if let Some(entity) = rank_chart_ui(s, ui, spec, egui::vec2(width, SLOPE_HEIGHT)) {
            commands.push(Command::Select {
                entity,
                mode: SelectMode::Toggle,
            });
        }
        ui.weak(&spec.caption);
    }
    left_out_ui(ui, cx, model, ranking);
    ui.add_space(8.0);
    ui.columns(2, |columns| {
        let lists = [
            (s.whatif_winners, cache.winners()),
            (s.whatif_losers, cache.losers()),
        ];
        for (ui, (title, rows)) in columns.iter_mut().zip(lists) {
            ui.strong(title);
            if rows.is_empty() {
                ui.weak(s.whatif_no_change);
            }
            for &row in rows {
                commands.extend(mover_ui(ui, cx, model, ranking, row));
            }
        }
    });
    ui.add_space(8.0);
    if let Some(robust) = cache.current_robustness() {
        let k = robust.params.top_k.to_string();
        ui.strong(s.whatif_always_top.replace("{k}", &k));
        if robust.always_top.is_empty() {
            ui.weak(s.whatif_none_always.replace("{k}", &k));
        }
        ui.horizontal_wrapped(|ui| {
            for &row in &robust.always_top {
                let Some(&entity) = model.entities.get(row) else {
                    continue;
                };
                let name = cx.data.entities.get(entity).map(|e| e.name(cx.names));
                let range = robust
                    .min_rank
                    .get(row)
                    .copied()
                    .flatten()
                    .zip(robust.max_rank.get(row).copied().flatten());
                let text = match range {
                    Some((lo, hi)) => format!("{} ({lo}–{hi})", name.unwrap_or_default()),
                    None => name.unwrap_or_default(),
                };
                if ui
                    .selectable_label(cx.selection.contains(&entity), text)
                    .clicked()
                {
                    commands.push(Command::Select {
                        entity,
                        mode: SelectMode::Toggle,
                    });
                }
            }
        });
        ui.add_space(8.0);
    }
    sensitivity_ui(ui, cx, inputs);
    ui.add_space(8.0);
    fit_ui(ui, cx, inputs);
    commands
}

/// The entities the what-if leaves out (a weighted component has no score), named, so that
/// no one vanishes without a word; changes are counted without them.
fn left_out_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    model: &crate::model::whatif::WhatIf,
    ranking: &crate::model::whatif::WhatIfRanking,
) {
    if ranking.left_out.is_empty() {
        return;
    }
    let names: Vec<String> = ranking
        .left_out
        .iter()
        .filter_map(|&row| model.entities.get(row))
        .filter_map(|&e| cx.data.entities.get(e))
        .map(|e| e.name(cx.names))
        .collect();
    let shown = names.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    let more = names.len().saturating_sub(8);
    let more = if more > 0 {
        format!(" … +{more}")
    } else {
        String::new()
    };
    ui.label(
        egui::RichText::new(
            cx.strings
                .whatif_left_out
                .replace("{n}", &names.len().to_string()),
        )
        .color(ui.visuals().warn_fg_color),
    )
    .on_hover_text(format!("{shown}{more}"));
    ui.weak(format!("{shown}{more}"));
}

/// One winner or loser: name, official → what-if, and the change; a click selects it.
fn mover_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    model: &WhatIf,
    ranking: &WhatIfRanking,
    row: usize,
) -> Option<Command> {
    let entity = *model.entities.get(row)?;
    let name = cx.data.entities.get(entity)?.name(cx.names);
    let official = model.official.get(row)?.to_string();
    let what_if = ranking.rank.get(row).copied().flatten()?;
    let change = ranking.delta.get(row).copied().flatten()?;
    let colour = if ranking.rise(row).unwrap_or(0) > 0 {
        ChangeColour::Rise
    } else {
        ChangeColour::Fall
    };
    let mut clicked = false;
    ui.horizontal(|ui| {
        let text =
            RichText::new(cx.strings.rank_change(change)).color(colour.on(ui.visuals().dark_mode));
        ui.label(text);
        clicked = ui
            .selectable_label(
                cx.selection.contains(&entity),
                format!("{name}  {official} → {what_if}"),
            )
            .on_hover_text(cx.strings.movers_hint)
            .clicked();
    });
    clicked.then_some(Command::Select {
        entity,
        mode: SelectMode::Toggle,
    })
}

/// The focused entity's smallest one-weight changes that move it up or down one place.
fn sensitivity_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &WhatIfInputs<'_>) {
    let s = cx.strings;
    ui.strong(s.whatif_sensitivity)
        .on_hover_text(s.whatif_sensitivity_hint);
    let Some((entity, result)) = inputs.cache.sensitivity() else {
        if inputs.cache.sensitivity_pending() {
            ui.spinner();
        } else {
            ui.weak(s.whatif_sensitivity_pick);
        }
        return;
    };
    let name = cx.data.entity_name(*entity, cx.names);
    ui.label(RichText::new(name).strong());
    let Some(rows) = result else {
        ui.weak(s.whatif_no_composite);
        return;
    };
    // First (or last) already: no change moves it further that way.
    let cache = inputs.cache;
    let (rank, ranked) = match (cache.model(), cache.ranking()) {
        (Some(model), Some(ranking)) => (
            model
                .row_of(*entity)
                .and_then(|row| ranking.rank.get(row).copied().flatten()),
            ranking.rank.iter().flatten().count(),
        ),
        _ => (None, 0),
    };
    let ends = (
        rank == Some(1),
        rank.is_some_and(|r| usize::try_from(r).is_ok_and(|r| r >= ranked)),
    );
    egui::Grid::new("whatif_sensitivity")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.strong(s.whatif_up_one);
            ui.strong(s.whatif_down_one);
            ui.end_row();
            for row in rows {
                sensitivity_row_ui(ui, cx, row, ends);
            }
        });
}

fn sensitivity_row_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    row: &CapacitySensitivity,
    (first, last): (bool, bool),
) {
    let s = cx.strings;
    let label = cx
        .data
        .meta
        .capacities
        .get(row.capacity)
        .map(|c| c.label(cx.names))
        .unwrap_or_default();
    ui.label(label);
    for (threshold, at_the_end, end_text) in [
        (row.up(), first, s.whatif_already_first),
        (row.down(), last, s.whatif_already_last),
    ] {
        match threshold {
            Some(t) => {
                ui.label(threshold_text(&t, s))
                    .on_hover_text(format!("→ {}", t.rank));
            }
            None if at_the_end => {
                ui.weak(end_text);
            }
            None => {
                ui.weak(s.whatif_unreachable);
            }
        }
    }
    ui.end_row();
}

/// "+0.034 (to 0.384) → #12": the change of the weight, the weight it reaches and the rank;
/// "beyond −0.065 …" when the rank changes only for a change beyond that value.
fn threshold_text(t: &Threshold, s: &crate::strings::Strings) -> String {
    let beyond = if t.inclusive {
        String::new()
    } else {
        format!("{} ", s.whatif_beyond)
    };
    format!(
        "{beyond}{:+.3} ({} {:.3}) → #{}",
        t.change, s.whatif_to, t.weight, t.rank
    )
}

/// Whether the published total is a weighted sum of the capacities: fitted weights, the
/// quality of the fit and the largest rank deviations.
fn fit_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &WhatIfInputs<'_>) {
    let s = cx.strings;
    ui.strong(s.whatif_fit).on_hover_text(s.whatif_fit_hint);
    let fit = match inputs.cache.fit() {
        Some(Ok(fit)) => fit,
        Some(Err(reason)) => {
            ui.weak(format!(
                "{} ({})",
                s.whatif_fit_unavailable,
                s.fit_error(reason)
            ));
            return;
        }
        None => return,
    };
    let capacities = &cx.data.meta.capacities;
    egui::Grid::new("whatif_fit_weights")
        .num_columns(4)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.strong(s.whatif_fit_weights)
                .on_hover_text(s.whatif_fit_weights_hint);
            ui.strong(s.whatif_fit_shares)
                .on_hover_text(s.whatif_fit_shares_hint);
            ui.strong(s.whatif_preset_dataset);
            ui.end_row();
            let shares = fit.normalized_weights();
            for (index, (weight, share)) in fit.weights.iter().zip(&shares).enumerate() {
                let Some(capacity) = capacities.get(index) else {
                    continue;
                };
                ui.label(capacity.label(cx.names));
                ui.label(format!("{weight:.4}"))
                    .on_hover_text(weight.to_string());
                ui.weak(format!("{share:.3}"));
                ui.label(
                    capacity
                        .weight
                        .map(|w| format!("{w:.3}"))
                        .unwrap_or_default(),
                );
                ui.end_row();
            }
        });
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.4}"));
    ui.label(
        s.whatif_fit_quality
            .replace("{r2}", &format!("{:.6}", fit.r_squared))
            .replace("{rmse}", &format!("{:.4}", fit.rmse))
            .replace("{rho}", &number(fit.spearman))
            .replace("{tau}", &number(fit.kendall))
            .replace("{n}", &fit.rows.len().to_string()),
    );
    let deviations = inputs.cache.fit_deviations();
    if deviations.is_empty() {
        return;
    }
    ui.label(s.whatif_fit_deviations);
    for &index in deviations {
        let Some(row) = fit.rows.get(index) else {
            continue;
        };
        let name = cx.data.entity_name(row.entity, cx.names);
        ui.label(format!(
            "{name}: {} → {} ({:.2} / {:.2})",
            row.published_rank, row.reproduced_rank, row.published_total, row.reproduced_total
        ));
    }
}
