//! The ranking table: one row per ranked entity of the shown year, in rank order.

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::ViewContext;
use crate::app::command::Command;
use crate::widgets::rank_change::rank_change_ui;

const ROW_HEIGHT: f32 = 22.0;

/// Draws the table of the shown year and returns the selection clicks.
pub fn table_ui(ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(year) = cx.data.years.get(cx.year_index) else {
        return commands;
    };
    let previous_year = cx
        .year_index
        .checked_sub(1)
        .and_then(|i| cx.data.years.get(i))
        .map(|y| y.year);
    let s = cx.strings;
    let capacities = &cx.data.meta.capacities;
    let rows = &year.derived.order;

    ui.label(RichText::new(s.table_hint).weak().small());
    egui::ScrollArea::horizontal()
        .id_salt("ranking_sideways")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("ranking")
                .striped(true)
                .resizable(true)
                .sense(Sense::click())
                .cell_layout(Layout::left_to_right(Align::Center))
                .column(Column::auto().at_least(48.0))
                .column(Column::auto().at_least(48.0))
                .column(Column::initial(240.0).at_least(80.0).clip(true))
                .column(Column::auto().at_least(64.0))
                .column(Column::auto().at_least(64.0));
            for _ in capacities {
                table = table.column(Column::auto().at_least(96.0));
            }
            table
                .header(ROW_HEIGHT + 4.0, |mut header| {
                    for title in [
                        s.col_rank,
                        s.col_change,
                        s.col_name,
                        s.col_province,
                        s.col_total,
                    ] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                    for capacity in capacities {
                        header.col(|ui| {
                            let tip = match capacity.weight {
                                Some(w) => format!("{} · {}\nweight {w}", capacity.zh, capacity.en),
                                None => format!("{} · {}", capacity.zh, capacity.en),
                            };
                            ui.strong(capacity.label(cx.names)).on_hover_text(tip);
                        });
                    }
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                        let record_index = rows[row.index()];
                        let record = &year.records[record_index];
                        let Some(entity) = cx.data.entities.get(record.entity) else {
                            return;
                        };
                        row.set_selected(cx.selection.contains(&record.entity));
                        let rank = year.derived.ranks[record_index];
                        row.col(|ui| {
                            ui.label(rank.to_string());
                        });
                        row.col(|ui| {
                            let change = year.derived.change[record_index];
                            let previous = year.derived.previous_rank[record_index];
                            rank_change_ui(
                                ui,
                                change,
                                (previous_year, year.year),
                                (previous, rank),
                                s,
                            );
                        });
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(entity.name(cx.names))
                                    .truncate()
                                    .selectable(false),
                            )
                            .on_hover_text(format!("{}\n{}", entity.zh, entity.en));
                        });
                        row.col(|ui| {
                            ui.label(entity.province(cx.names));
                        });
                        row.col(|ui| number_ui(ui, record.total, s.missing_value));
                        for value in &record.scores {
                            row.col(|ui| number_ui(ui, *value, s.missing_value));
                        }
                        let response = row.response();
                        if response.clicked() {
                            let additive = ui_modifiers(&response).any();
                            commands.push(Command::Select {
                                entity: record.entity,
                                additive,
                            });
                        }
                    });
                });
        });
    commands
}

fn ui_modifiers(response: &egui::Response) -> egui::Modifiers {
    response.ctx.input(|i| i.modifiers)
}

/// A score right-aligned to two decimals, or a dash for a missing value.
fn number_ui(ui: &mut Ui, value: Option<f64>, missing: &str) {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| match value {
        Some(v) => {
            ui.label(format!("{v:.2}")).on_hover_text(v.to_string());
        }
        None => {
            ui.weak(missing).on_hover_text("missing value");
        }
    });
}
