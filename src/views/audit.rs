//! The Audit view: the uncertain choices on the left (weights spread, normalisations,
//! aggregations, outliers, a capacity left out, scenarios and seed) with Run, progress and
//! Cancel; on the right each entity's rank interval, in official order, scrolling.

use egui::Ui;

use super::ViewContext;
use crate::context::audit::{AuditJob, AuditSettings};
use crate::context::command::Command;
use crate::model::audit::{Aggregation, AuditResult};
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
}

/// Draws the view and returns the commands given in it.
pub fn audit_view_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &AuditInputs<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let height = ui.available_height();
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(
            egui::vec2(CONTROLS_WIDTH, height),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("audit_controls")
                    .show(ui, |ui| {
                        ui.set_width(CONTROLS_WIDTH - 12.0);
                        commands.extend(controls_ui(ui, cx, inputs));
                    });
            },
        );
        ui.separator();
        let width = ui.available_width();
        ui.allocate_ui_with_layout(
            egui::vec2(width, height),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.horizontal_wrapped(|ui| {
                    commands.extend(crate::views::export_bar::export_bar_ui(
                        ui, cx.strings, None,
                    ));
                });
                crate::views::content_region::mark_content_below(ui);
                results_ui(ui, cx, inputs);
            },
        );
    });
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
