//! The change table of two years: rank, total and capacity deltas and the driving capacity;
//! sortable by header, searchable, a click selects.

use crate::strings::Strings;
use crate::widgets::palette::ChangeColour;
use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::charts::trends_settings::{ChangeColumn, TrendsSettings};
use crate::context::command::Command;
use crate::context::settings::SelectMode;
use crate::model::changes::Change;
use crate::model::period;
use crate::views::ViewContext;

/// Draws the change table; `settings` takes header clicks and the search text.
pub fn changes_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    (pair, changes): ((usize, usize), &[Change]),
    settings: &mut TrendsSettings,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let s = cx.strings;
    let data = cx.data;
    let years = (data.years[pair.0].year, data.years[pair.1].year);
    ui.horizontal(|ui| {
        let caption = ui.label(s.search);
        ui.add(
            egui::TextEdit::singleline(&mut settings.search)
                .hint_text(s.search_hint)
                .desired_width(200.0),
        )
        .labelled_by(caption.id);
    });
    ui.label(format!("{} {}", changes.len(), s.rows));
    let mut columns = vec![
        (ChangeColumn::Name, s.col_name.to_owned()),
        (ChangeColumn::Province, s.col_province.to_owned()),
        (
            ChangeColumn::FromRank,
            format!("{} {}", s.col_rank, period::label(years.0)),
        ),
        (
            ChangeColumn::ToRank,
            format!("{} {}", s.col_rank, period::label(years.1)),
        ),
        (ChangeColumn::RankChange, s.col_change.to_owned()),
        (ChangeColumn::TotalDelta, format!("{} Δ", s.col_total)),
    ];
    columns.extend(data.meta.capacities.iter().enumerate().map(|(i, c)| {
        (
            ChangeColumn::CapacityDelta(i),
            format!("{} Δ", c.label(cx.names)),
        )
    }));
    let mut table = TableBuilder::new(ui)
        .id_salt("changes")
        .striped(true)
        .resizable(true)
        .sense(Sense::click());
    table = table.column(Column::initial(200.0).clip(true));
    for _ in 1..columns.len() {
        table = table.column(Column::auto().at_least(70.0));
    }
    table = table.column(Column::remainder().at_least(100.0));
    table
        .header(24.0, |mut header| {
            for (column, title) in &columns {
                header.col(|ui| {
                    let arrow = match settings.sort {
                        Some((c, false)) if c == *column => " ▲",
                        Some((c, true)) if c == *column => " ▼",
                        _ => "",
                    };
                    let label = ui.add(
                        egui::Label::new(RichText::new(format!("{title}{arrow}")).strong())
                            .sense(Sense::click()),
                    );
                    let label = if *column == ChangeColumn::RankChange {
                        label.on_hover_text(s.change_rules)
                    } else {
                        label.on_hover_text(s.sort_hint)
                    };
                    if label.clicked() {
                        settings.sort = match settings.sort {
                            Some((c, false)) if c == *column => Some((*column, true)),
                            Some((c, true)) if c == *column => None,
                            _ => Some((*column, false)),
                        };
                    }
                });
            }
            header.col(|ui| {
                ui.strong(s.trends_driver)
                    .on_hover_text(s.trends_driver_hint);
            });
        })
        .body(|body| {
            body.rows(22.0, changes.len(), |mut row| {
                let change = &changes[row.index()];
                let entity = data.entities.get(change.entity);
                row.set_selected(cx.selection.contains(&change.entity));
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(entity.map(|e| e.name(cx.names)).unwrap_or_default())
                            .selectable(false)
                            .truncate(),
                    );
                });
                row.col(|ui| {
                    ui.label(data.province_between(change.entity, years, cx.names));
                });
                for rank in [change.from_rank, change.to_rank] {
                    row.col(|ui| {
                        ui.label(rank.map(|r| r.to_string()).unwrap_or_default());
                    });
                }
                row.col(|ui| {
                    ui.label(crate::widgets::rank_change::movement_text(
                        ui,
                        s,
                        change.movement,
                    ));
                });
                row.col(|ui| delta_ui(s, ui, change.total_delta));
                for delta in &change.capacity_deltas {
                    row.col(|ui| delta_ui(s, ui, *delta));
                }
                row.col(|ui| {
                    let driver = change
                        .driver
                        .and_then(|c| data.meta.capacities.get(c))
                        .map(|c| c.label(cx.names))
                        .unwrap_or_default();
                    ui.label(driver);
                });
                if row.response().clicked() {
                    commands.push(Command::Select {
                        entity: change.entity,
                        mode: SelectMode::Toggle,
                    });
                }
            });
        });
    commands
}

fn delta_ui(s: &Strings, ui: &mut Ui, delta: Option<f64>) {
    ui.with_layout(
        egui::Layout::right_to_left(egui::Align::Center),
        |ui| match delta {
            Some(d) => {
                let dark = ui.visuals().dark_mode;
                let colour = if d > 0.0 {
                    ChangeColour::Rise.on(dark)
                } else if d < 0.0 {
                    ChangeColour::Fall.on(dark)
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(colour, format!("{d:+.2}"))
                    .on_hover_text(d.to_string());
            }
            None => {
                ui.weak("—").on_hover_text(s.no_value_in_a_year);
            }
        },
    );
}
