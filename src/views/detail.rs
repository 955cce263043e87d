//! An entity's detail: every capacity, indicator and extra column over every year, with ranks
//! and changes.

use egui::{Grid, RichText, Ui};

use super::ViewContext;
use crate::charts::radar::RadarSpec;
use crate::context::command::Command;
use crate::model::radar::Normalization;
use crate::widgets::radar::radar_ui;

/// Draws the detail window of `entity` with its `profile` over the years (computed ahead);
/// returns `CloseDetail` when closed.
#[must_use]
pub fn detail_ui(
    ctx: &egui::Context,
    cx: &ViewContext<'_>,
    (entity, profile): (usize, Option<&RadarSpec>),
    normalization: Normalization,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(e) = cx.data.entities.get(entity) else {
        return commands;
    };
    let s = cx.strings;
    let mut open = true;
    egui::Window::new(e.name(cx.names))
        .id(egui::Id::unique("entity_detail"))
        .open(&mut open)
        .default_size([720.0, 760.0])
        .vscroll(true)
        .show(ctx, |ui| {
            // Names and province side by side, each whole: a line breaks between them, never
            // inside a Chinese name.
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(RichText::new(&e.zh).strong()).extend());
                ui.label("·");
                ui.label(&e.en);
                ui.label("·");
                ui.add(egui::Label::new(e.province(cx.names)).extend());
            });
            if let Some(kind) = &e.kind {
                // The entity's type, captioned so that it does not read as a stray word.
                ui.weak(format!("{}{kind}", s.detail_kind));
            }
            ui.add_space(6.0);
            ui.strong(s.detail_capacities);
            capacities_grid_ui(ui, cx, entity);
            if cx.data.meta.capacities.len() >= 3 && cx.data.years.len() > 1 {
                ui.add_space(8.0);
                ui.strong(s.detail_profile_over_years);
                let empty = RadarSpec::default();
                let spec = profile.unwrap_or(&empty);
                ui.horizontal(|ui| {
                    for series in &spec.series {
                        ui.colored_label(
                            crate::widgets::palette::series_text(series.colour, ui.visuals()),
                            RichText::new(&series.label).strong(),
                        );
                    }
                });
                ui.weak(&spec.subtitle)
                    .on_hover_text(cx.strings.normalization_definition(normalization));
                radar_ui(s, ui, spec, 380.0, s.detail_profile_over_years);
            }
            if !cx.data.meta.indicators.is_empty() {
                ui.add_space(8.0);
                ui.strong(s.detail_indicators);
                indicators_grid_ui(ui, cx, entity);
            }
            if !cx.data.meta.extras.is_empty() {
                ui.add_space(8.0);
                ui.strong(s.detail_extras)
                    .on_hover_text(s.extra_column_hint);
                extras_grid_ui(ui, cx, entity);
            }
        });
    if !open {
        commands.push(Command::CloseDetail);
    }
    commands
}

fn capacities_grid_ui(ui: &mut Ui, cx: &ViewContext<'_>, entity: usize) {
    let s = cx.strings;
    Grid::new("detail_capacities")
        .striped(true)
        .num_columns(4 + cx.data.meta.capacities.len())
        .show(ui, |ui| {
            ui.strong(s.detail_year);
            ui.strong(s.col_rank);
            ui.strong(s.col_change);
            ui.strong(s.col_total);
            for capacity in &cx.data.meta.capacities {
                ui.strong(capacity.label(cx.names));
            }
            ui.end_row();
            for year in &cx.data.years {
                ui.label(year.label());
                match year.record_of(entity) {
                    Some(r) => {
                        let change = year
                            .derived
                            .change(r)
                            .unwrap_or(crate::model::RankChange::NotComparable);
                        ui.label(year.derived.ranks[r].to_string());
                        ui.label(crate::widgets::rank_change::coloured(
                            ui,
                            s.rank_change(change),
                            Some(change),
                        ));
                        ui.label(number(year.records[r].total()));
                        for value in year.values.scores(r) {
                            ui.label(number(value));
                        }
                    }
                    None => {
                        ui.weak(s.not_listed);
                    }
                }
                ui.end_row();
            }
        });
}

fn indicators_grid_ui(ui: &mut Ui, cx: &ViewContext<'_>, entity: usize) {
    let meta = &cx.data.meta;
    Grid::new("detail_indicators")
        .striped(true)
        .num_columns(2 + cx.data.years.len())
        .show(ui, |ui| {
            ui.strong(cx.strings.detail_indicators);
            ui.strong("");
            for year in &cx.data.years {
                ui.strong(year.label());
            }
            ui.end_row();
            for (index, indicator) in meta.indicators.iter().enumerate() {
                ui.label(indicator.label(cx.names))
                    .on_hover_text(format!("{} · {}", indicator.zh, indicator.en));
                let capacity = meta
                    .capacities
                    .get(indicator.capacity)
                    .map(|c| c.label(cx.names))
                    .unwrap_or_default();
                ui.label(
                    RichText::new(format!("{capacity} · {}", indicator.unit))
                        .weak()
                        .small(),
                );
                for year in &cx.data.years {
                    let value = year
                        .record_of(entity)
                        .and_then(|r| year.values.indicator_column(index).get(r));
                    ui.label(value.map_or_else(|| "—".to_owned(), |v| v.to_string()));
                }
                ui.end_row();
            }
        });
}

/// The extra columns (figures beside the ranking) over every year.
fn extras_grid_ui(ui: &mut Ui, cx: &ViewContext<'_>, entity: usize) {
    Grid::new("detail_extras")
        .striped(true)
        .num_columns(1 + cx.data.years.len())
        .show(ui, |ui| {
            ui.strong(cx.strings.detail_extras);
            for year in &cx.data.years {
                ui.strong(year.label());
            }
            ui.end_row();
            for (index, extra) in cx.data.meta.extras.iter().enumerate() {
                ui.label(extra.label(cx.names))
                    .on_hover_text(format!("{} · {}", extra.zh, extra.en));
                for year in &cx.data.years {
                    let value = year
                        .record_of(entity)
                        .and_then(|r| year.values.extra_column(index).get(r));
                    ui.label(value.map_or_else(|| "—".to_owned(), |v| v.to_string()));
                }
                ui.end_row();
            }
        });
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}
