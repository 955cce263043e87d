//! The Audit view: the uncertain choices on the left (weights spread, normalisations,
//! aggregations, outliers, a capacity left out, scenarios and seed) with Run, progress and
//! Cancel; on the right each entity's rank interval, in official order, scrolling.

use egui::Ui;

use super::ViewContext;
use crate::context::audit::{AuditJob, AuditSection, AuditSettings, SensitivityJob};
use crate::context::command::Command;
use crate::model::audit::{Aggregation, AuditResult, Coherence, CoherenceFlag, Sensitivity};
use crate::model::radar::Normalization;

/// Width of the controls column, in points.
const CONTROLS_WIDTH: f32 = 300.0;

/// What the Audit view draws from.
pub struct AuditInputs<'a> {
    pub settings: &'a AuditSettings,
    pub job: Option<&'a AuditJob>,
    /// The last result, when it is of the shown year.
    pub result: Option<&'a AuditResult>,
    /// A result exists but is of another year or dataset.
    pub stale: bool,
    pub error: Option<String>,
    pub sensitivity: Option<&'a Sensitivity>,
    pub sensitivity_job: Option<&'a SensitivityJob>,
    pub sensitivity_error: Option<String>,
    /// The shown year's correlations, once computed.
    pub coherence: Option<&'a Coherence>,
    /// The entity whose rank is the sensitivity's second output (the focused one).
    pub focus: Option<usize>,
}

/// Draws the view and returns the commands given in it.
pub fn audit_view_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut results_commands = Vec::new();
    crate::views::side_panel::controls_beside_results(
        ui,
        ("audit_controls", CONTROLS_WIDTH),
        |ui| commands.extend(controls_ui(ui, cx, inputs)),
        |ui| {
            let commands = &mut results_commands;
            ui.horizontal_wrapped(|ui| {
                commands.extend(crate::views::export_bar::export_bar_ui(
                    ui, cx.strings, None,
                ));
                if ui
                    .add_enabled(
                        inputs.result.is_some(),
                        egui::Button::new(cx.strings.audit_save_data),
                    )
                    .on_hover_text(cx.strings.audit_save_data_hint)
                    .clicked()
                {
                    commands.push(Command::ExportDialog(
                        crate::context::dialogs::SavePurpose::Audit,
                    ));
                }
            });
            let mut section = inputs.settings.section;
            ui.horizontal(|ui| {
                for (value, label) in [
                    (AuditSection::Intervals, cx.strings.audit_section_intervals),
                    (
                        AuditSection::Sensitivity,
                        cx.strings.audit_section_sensitivity,
                    ),
                    (AuditSection::Coherence, cx.strings.audit_section_coherence),
                ] {
                    ui.selectable_value(&mut section, value, label);
                }
            });
            if section != inputs.settings.section {
                commands.push(Command::SetAudit(AuditSettings {
                    section,
                    ..inputs.settings.clone()
                }));
            }
            crate::views::content_region::mark_content_below(ui);
            match section {
                AuditSection::Intervals => results_ui(ui, cx, inputs),
                AuditSection::Sensitivity => commands.extend(sensitivity_ui(ui, cx, inputs)),
                AuditSection::Coherence => commands.extend(coherence_ui(ui, cx, inputs)),
            }
        },
    );
    commands.extend(results_commands);
    commands
}

fn controls_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) -> Vec<Command> {
    let s = cx.strings;
    let mut next = inputs.settings.clone();
    let mut commands = Vec::new();
    ui.heading(s.audit_factors);
    egui::Grid::new("audit_factors")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(s.audit_spread);
            let mut percent = next.spread * 100.0;
            if ui
                .add_enabled(
                    !next.simplex,
                    egui::Slider::new(&mut percent, 0.0..=50.0)
                        .step_by(1.0)
                        .suffix(" %"),
                )
                .labelled_by(label.id)
                .changed()
            {
                next.spread = percent / 100.0;
            }
            ui.end_row();
        });
    ui.checkbox(&mut next.simplex, s.audit_simplex);
    ui.label(s.audit_normalizations);
    ui.horizontal_wrapped(|ui| {
        for normalization in [
            Normalization::Raw,
            Normalization::MinMax,
            Normalization::ZScore,
            Normalization::Percentile,
        ] {
            let mut on = next.normalizations.contains(&normalization);
            if ui
                .checkbox(&mut on, s.normalization(normalization))
                .changed()
            {
                toggle(&mut next.normalizations, normalization, on);
            }
        }
    });
    ui.label(s.audit_aggregations);
    ui.horizontal_wrapped(|ui| {
        for (aggregation, label) in [
            (Aggregation::Arithmetic, s.audit_arithmetic),
            (Aggregation::Geometric, s.audit_geometric),
            (Aggregation::Harmonic, s.audit_harmonic),
        ] {
            let mut on = next.aggregations.contains(&aggregation);
            if ui.checkbox(&mut on, label).changed() {
                toggle(&mut next.aggregations, aggregation, on);
            }
        }
    });
    let mut winsorize = next.winsorize.is_some();
    ui.horizontal(|ui| {
        if ui.checkbox(&mut winsorize, s.audit_winsorize).changed() {
            next.winsorize = winsorize.then_some(next.winsorize.unwrap_or(2));
        }
        if let Some(k) = &mut next.winsorize {
            ui.add(egui::DragValue::new(k).range(1..=50));
        }
    });
    ui.checkbox(&mut next.leave_one_out, s.audit_leave_one_out);
    egui::Grid::new("audit_run").num_columns(2).show(ui, |ui| {
        let label = ui.label(s.audit_samples);
        ui.add_enabled(
            next.spread > 0.0 || next.simplex,
            egui::DragValue::new(&mut next.samples)
                .range(10..=100_000)
                .speed(10),
        )
        .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(s.audit_seed);
        ui.add(egui::DragValue::new(&mut next.seed))
            .labelled_by(label.id);
        ui.end_row();
    });
    if let Some(job) = inputs.job {
        ui.horizontal(|ui| {
            let done = job.progress();
            #[expect(clippy::cast_precision_loss, reason = "a scenario count")]
            let fraction = done as f32 / job.total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction).desired_width(160.0).text(
                    s.audit_running
                        .replace("{done}", &done.to_string())
                        .replace("{total}", &job.total.to_string()),
                ),
            );
            if ui.button(s.whatif_cancel).clicked() {
                commands.push(Command::CancelAudit);
            }
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    } else {
        let ready = !next.normalizations.is_empty() && !next.aggregations.is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(s.audit_run))
            .clicked()
        {
            commands.push(Command::RunAudit);
        }
    }
    if let Some(error) = &inputs.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    if next != *inputs.settings {
        commands.insert(0, Command::SetAudit(next));
    }
    commands
}

/// Adds or removes `item`, keeping the list's order (its first is the nominal choice).
fn toggle<T: PartialEq + Copy>(list: &mut Vec<T>, item: T, on: bool) {
    if on && !list.contains(&item) {
        list.push(item);
    } else if !on {
        list.retain(|x| *x != item);
    }
}

fn results_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) {
    let s = cx.strings;
    let Some(result) = inputs.result else {
        let text = if inputs.stale {
            s.audit_stale
        } else {
            s.audit_not_run
        };
        ui.add(egui::Label::new(egui::RichText::new(text).weak()).wrap());
        return;
    };
    let spec = crate::charts::audit_chart::audit_chart_spec(s, cx.data, result, 0, cx.names);
    ui.strong(&spec.subtitle);
    let robust = result
        .rows
        .iter()
        .filter(|r| r.official.bounds().is_some_and(|(lo, _)| lo <= 10))
        .filter(|r| r.p95.is_some_and(|p| p <= 10))
        .count();
    let listed = if result.enumerated {
        s.audit_listed
    } else {
        ""
    };
    ui.add(
        egui::Label::new(
            s.audit_summary
                .replace("{robust}", &robust.to_string())
                .replace("{scenarios}", &result.scenarios.to_string())
                .replace("{listed}", listed),
        )
        .wrap(),
    );
    // The legend in words: ● median, — interval, | official rank.
    let [median, interval, official] = &spec.legend;
    ui.weak(format!("● {median}   — {interval}   | {official}"));
    egui::ScrollArea::vertical()
        .id_salt("audit_chart")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::widgets::audit_chart::audit_chart_ui(ui, &spec);
            ui.add(egui::Label::new(egui::RichText::new(&spec.caption).weak()).wrap());
        });
}

/// The Sobol' indices of each factor: N and the cost, Run (or the progress with Cancel), and
/// the bars for the list's mean rank shift and for the focused entity's rank.
fn sensitivity_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) -> Vec<Command> {
    let s = cx.strings;
    let mut commands = Vec::new();
    let mut next = inputs.settings.clone();
    let groups =
        crate::model::audit::factor_groups(&next.params().factors, cx.data.meta.capacities.len());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s.audit_sensitivity_n);
        ui.add(
            egui::DragValue::new(&mut next.sensitivity_n)
                .range(50..=20_000)
                .speed(10),
        )
        .labelled_by(label.id);
        ui.weak(s.audit_sensitivity_cost.replace(
            "{runs}",
            &(next.sensitivity_n * (groups.len() + 2)).to_string(),
        ));
        if let Some(job) = inputs.sensitivity_job {
            let done = job.progress();
            #[expect(clippy::cast_precision_loss, reason = "a ranking count")]
            let fraction = done as f32 / job.total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(140.0)
                    .show_percentage(),
            );
            if ui.button(s.whatif_cancel).clicked() {
                commands.push(Command::CancelSensitivity);
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        } else if ui
            .add_enabled(
                !groups.is_empty(),
                egui::Button::new(s.audit_run_sensitivity),
            )
            .clicked()
        {
            commands.push(Command::RunSensitivity);
        }
    });
    if let Some(entity) = inputs.focus {
        // The focused entity's rank is the second output.
        ui.weak(
            s.audit_entity_output
                .replace("{name}", &cx.data.entity_name(entity, cx.names)),
        );
    }
    if next != *inputs.settings {
        commands.insert(0, Command::SetAudit(next));
    }
    if let Some(error) = &inputs.sensitivity_error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let Some(sensitivity) = inputs.sensitivity else {
        return commands;
    };
    let factors: Vec<String> = sensitivity
        .groups
        .iter()
        .map(|&g| s.factor_group(g).to_owned())
        .collect();
    ui.strong(
        s.audit_sensitivity_subtitle
            .replace("{year}", &cx.data.years[cx.year_index].label())
            .replace("{n}", &sensitivity.runs.to_string()),
    );
    ui.weak(format!(
        "■ {}   □ {}",
        s.audit_first_order, s.audit_total_effect
    ));
    crate::widgets::audit_chart::sensitivity_bars_ui(ui, &factors, &sensitivity.mean_shift);
    if let Some((entity, indices)) = &sensitivity.entity {
        ui.strong(cx.data.entity_name(*entity, cx.names));
        crate::widgets::audit_chart::sensitivity_bars_ui(ui, &factors, indices);
    }
    commands
}

/// The correlations: the heatmap, each capacity's r with the total, effective and nominal
/// weight and alpha, and the flags. Asks for the correlations when they are not there yet.
fn coherence_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) -> Vec<Command> {
    let s = cx.strings;
    let Some(coherence) = inputs.coherence else {
        ui.spinner();
        return vec![Command::ComputeCoherence];
    };
    egui::ScrollArea::vertical()
        .id_salt("audit_coherence")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("audit_capacities")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    ui.strong(s.col_name);
                    ui.strong(s.audit_r_total);
                    ui.strong(s.audit_effective_weight);
                    ui.strong(s.audit_nominal_weight);
                    ui.strong(s.audit_alpha);
                    ui.end_row();
                    let number =
                        |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"));
                    for c in &coherence.capacities {
                        ui.label(s.component_name(
                            cx.data,
                            crate::model::audit::Component::Capacity(c.capacity),
                            cx.names,
                        ));
                        ui.label(number(c.r_with_total));
                        ui.label(number(c.effective_weight));
                        ui.label(format!("{:.3}", c.nominal_weight));
                        ui.label(number(c.alpha));
                        ui.end_row();
                    }
                });
            if coherence.flags.is_empty() {
                ui.weak(s.audit_no_flags);
            }
            for flag in &coherence.flags {
                let (text, a, b, r) = match *flag {
                    CoherenceFlag::Negative(a, b, r) => (s.audit_flag_negative, a, b, r),
                    CoherenceFlag::Redundant(a, b, r) => (s.audit_flag_redundant, a, b, r),
                };
                ui.colored_label(
                    crate::widgets::palette::ChangeColour::Fall.on(ui.visuals().dark_mode),
                    text.replace("{a}", &s.component_name(cx.data, a, cx.names))
                        .replace("{b}", &s.component_name(cx.data, b, cx.names))
                        .replace("{r}", &format!("{r:.2}")),
                );
            }
            ui.add_space(6.0);
            let labels: Vec<String> = coherence
                .components
                .iter()
                .map(|&c| s.component_name(cx.data, c, cx.names))
                .collect();
            crate::widgets::audit_chart::heatmap_ui(ui, &labels, &coherence.pearson);
        });
    Vec::new()
}
