//! The ranking grid: sticky header with sort arrows and histograms, sticky rank and name
//! columns, bars in capacity cells, row selection. Built on `egui_table` (virtualised rows).

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_table::{CellInfo, HeaderCellInfo, HeaderRow, Table, TableDelegate, TableState};

use crate::context::command::Command;
use crate::context::settings::SelectMode;
use crate::context::table::TableCache;
use crate::model::{ColumnId, Dataset, TableQuery, Year};
use crate::views::ViewContext;
use crate::widgets::histogram::histogram_ui;
use crate::widgets::palette;
use crate::widgets::rank_change::rank_change_ui;
use crate::widgets::score_bar::score_bar_ui;

const ROW_HEIGHT: f32 = 22.0;

/// Draws the grid of `cache.rows` and returns the clicks made in it.
pub fn grid_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    query: &TableQuery,
    cache: &TableCache,
) -> Vec<Command> {
    let Some(year) = cx.data.years.get(cx.year_index) else {
        return Vec::new();
    };
    // A wide window's table uses its width: the name and number columns start wider.
    let widths = initial_widths(&cache.columns, ui.available_width() - 16.0);
    let columns: Vec<egui_table::Column> = cache
        .columns
        .iter()
        .zip(widths)
        .map(|(&c, width)| {
            egui_table::Column::new(width)
                .range(36.0..=600.0)
                .resizable(true)
                .id(egui::Id::unique(("rankscope_column", c)))
        })
        .collect();
    let sticky = cache
        .columns
        .iter()
        .take_while(|c| matches!(c, ColumnId::Rank | ColumnId::RankChange | ColumnId::Name))
        .count();
    remember_initial_widths(ui, &columns);
    let mut grid = Grid {
        cx,
        data: cx.data,
        year,
        query,
        cache,
        commands: Vec::new(),
    };
    Table::new()
        .id_salt("ranking_grid")
        .num_rows(cache.rows.len() as u64)
        .columns(columns)
        .num_sticky_cols(sticky)
        .headers([HeaderRow::new(ROW_HEIGHT + 4.0), HeaderRow::new(24.0)])
        .show(ui, &mut grid);
    grid.commands
}

/// Gives columns their initial widths: those the table has not seen, and those the user has not
/// resized when the room changes (a new window size or UI scale), so that the table fits the
/// window it is in until a column is dragged. Without a stored state the table would size every
/// column to its content on the first frame, and truncating labels have none.
fn remember_initial_widths(ui: &Ui, columns: &[egui_table::Column]) {
    let id = Table::new().id_salt("ranking_grid").get_id(ui);
    // The widths rankscope last gave, by column: a stored width still equal to it is not the
    // user's.
    let given_id = id.with("given_widths");
    let mut given: std::collections::HashMap<egui::Id, f32> = ui
        .ctx()
        .data_mut(|d| d.get_persisted(given_id))
        .unwrap_or_default();
    let mut state = TableState::load(ui.ctx(), id).unwrap_or_default();
    let mut changed = false;
    for (index, column) in columns.iter().enumerate() {
        let key = column.id_for(index);
        let wanted = column.current;
        let follow = match state.col_widths.get(&key) {
            None => true,
            Some(&width) => {
                given.get(&key).is_some_and(|&g| (g - width).abs() < 0.5)
                    && (width - wanted).abs() >= 0.5
            }
        };
        if follow {
            state.col_widths.insert(key, wanted);
            given.insert(key, wanted);
            changed = true;
        }
    }
    if changed {
        state.store(ui.ctx(), id);
        ui.ctx().data_mut(|d| d.insert_persisted(given_id, given));
    }
}

/// The columns' first widths in `available` points: each its own width, the name and number
/// columns grown alike (up to twice) when the table would leave room unused; ranks and
/// changes keep theirs.
fn initial_widths(columns: &[ColumnId], available: f32) -> Vec<f32> {
    let base: Vec<f32> = columns.iter().map(|&c| initial_width(c)).collect();
    let fixed = |c: &ColumnId| {
        matches!(
            c,
            ColumnId::Rank | ColumnId::RankChange | ColumnId::WhatIfChange
        )
    };
    let grown: f32 = columns
        .iter()
        .zip(&base)
        .filter(|(c, _)| !fixed(c))
        .map(|(_, w)| w)
        .sum();
    let spare = available - base.iter().sum::<f32>();
    if spare <= 0.0 || grown <= 0.0 {
        return base;
    }
    let factor = (1.0 + spare / grown).min(2.0);
    columns
        .iter()
        .zip(base)
        .map(|(c, w)| if fixed(c) { w } else { (w * factor).min(600.0) })
        .collect()
}

fn initial_width(column: ColumnId) -> f32 {
    match column {
        ColumnId::Rank | ColumnId::RankChange | ColumnId::WhatIfChange => 56.0,
        ColumnId::Name => 220.0,
        ColumnId::Province
        | ColumnId::WhatIfRank
        | ColumnId::RankRange
        | ColumnId::AuditMedian
        | ColumnId::AuditInterval => 72.0,
        ColumnId::Total => 84.0,
        ColumnId::Capacity(_) => 156.0,
        ColumnId::Indicator(_) | ColumnId::Extra(_) => 120.0,
    }
}

struct Grid<'a> {
    cx: &'a ViewContext<'a>,
    data: &'a Dataset,
    year: &'a Year,
    query: &'a TableQuery,
    cache: &'a TableCache,
    commands: Vec<Command>,
}

impl Grid<'_> {
    fn header_title_ui(&mut self, ui: &mut Ui, column: ColumnId) {
        let s = self.cx.strings;
        let name = s.column_title(column, self.data, self.cx.names);
        // The sort key ("▲", "▼2") is drawn apart from the name, so that a narrow column cuts
        // the name, never the key; screen readers hear both as one label.
        let key = self.query.sort_of(column).map(|(place, descending)| {
            let arrow = if descending { "▼" } else { "▲" };
            if self.query.sort.len() > 1 {
                format!("{arrow}{}", place + 1)
            } else {
                arrow.to_owned()
            }
        });
        let title = key
            .as_ref()
            .map_or_else(|| name.clone(), |k| format!("{name} {k}"));
        ui.horizontal(|ui| {
            if let ColumnId::Capacity(c) = column
                && self.data.meta.indicators.iter().any(|i| i.capacity == c)
            {
                let expanded = self.cache.columns.iter().any(|col| matches!(col, ColumnId::Indicator(i) if self.data.meta.indicators[*i].capacity == c));
                let toggle = ui.small_button(if expanded { "▼" } else { "▶" }).on_hover_text(s.expand_indicators);
                if toggle.clicked() {
                    self.commands.push(Command::ToggleExpanded(c));
                }
            }
            let key_width = key.as_ref().map_or(0.0, |k| {
                let font = egui::TextStyle::Body.resolve(ui.style());
                ui.painter().layout_no_wrap(k.clone(), font, egui::Color32::WHITE).size().x
                    + ui.spacing().item_spacing.x
            });
            let header = ui
                .scope(|ui| {
                    ui.set_max_width((ui.available_width() - key_width).max(8.0));
                    ui.add(egui::Label::new(RichText::new(&name).strong()).sense(Sense::click()).truncate())
                })
                .inner;
            header.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, &title)
            });
            if let Some(k) = &key {
                ui.label(RichText::new(k).strong());
            }
            let tip = header_tip(self.data, column, s);
            if header.on_hover_text(tip).clicked() {
                let add = crate::widgets::click_modifiers(ui).shift;
                self.commands.push(Command::SetQuery({
                    let mut query = self.query.clone();
                    query.click_sort(column, add);
                    query
                }));
            }
        });
    }

    fn histogram_cell_ui(&self, ui: &mut Ui, column: ColumnId) {
        let Some((_, histogram)) = self
            .cache
            .histograms
            .value()
            .and_then(|h| h.iter().find(|(c, _)| *c == column))
        else {
            return;
        };
        let marks: Vec<f64> = self
            .cx
            .selection
            .iter()
            .filter_map(|&e| self.year.record_of(e))
            .filter_map(|r| column.number(self.year, r))
            .collect();
        histogram_ui(self.cx.strings, ui, histogram, &marks);
    }
}

fn header_tip(data: &Dataset, column: ColumnId, s: &crate::strings::Strings) -> String {
    let detail = match column {
        ColumnId::Capacity(c) => data.meta.capacities.get(c).map(|c| {
            let lower = if c.direction == crate::model::Direction::LowerIsBetter {
                format!("{}\n", s.lower_is_better)
            } else {
                String::new()
            };
            match c.weight {
                Some(w) => format!("{} · {}\n{lower}{} {w}\n", c.zh, c.en, s.weight),
                None => format!("{} · {}\n{lower}", c.zh, c.en),
            }
        }),
        ColumnId::Indicator(i) => data.meta.indicators.get(i).map(|i| {
            let better = match i.direction {
                crate::model::Direction::HigherIsBetter => s.higher_is_better,
                crate::model::Direction::LowerIsBetter => s.lower_is_better,
            };
            format!("{} · {}\n{better}\n", i.zh, i.en)
        }),
        ColumnId::Extra(e) => data
            .meta
            .extras
            .get(e)
            .map(|e| format!("{} · {}\n{}\n", e.zh, e.en, s.extra_column_hint)),
        ColumnId::RankChange => Some(format!("{}\n", s.change_rules)),
        _ => None,
    };
    format!("{}{}", detail.unwrap_or_default(), s.sort_hint)
}

impl TableDelegate for Grid<'_> {
    fn header_cell_ui(&mut self, ui: &mut Ui, cell: &HeaderCellInfo) {
        let Some(&column) = self.cache.columns.get(cell.group_index) else {
            return;
        };
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| {
                if cell.row_nr == 0 {
                    self.header_title_ui(ui, column);
                } else {
                    self.histogram_cell_ui(ui, column);
                }
            });
    }

    fn row_ui(&mut self, ui: &mut Ui, row_nr: u64) {
        let Some(entity) = usize::try_from(row_nr)
            .ok()
            .and_then(|r| self.cache.rows.get(r))
            .and_then(|&r| self.year.row_entity(r))
        else {
            return;
        };
        let rect = ui.max_rect();
        let response = ui.interact(rect, ui.scope_id().with(("row", row_nr)), Sense::click());
        let selected = self.cx.selection.contains(&entity);
        if selected {
            ui.painter().rect_filled(
                rect,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.6),
            );
        } else if response.hovered() {
            ui.painter().rect_filled(
                rect,
                0.0,
                ui.visuals()
                    .widgets
                    .hovered
                    .weak_bg_fill
                    .gamma_multiply(0.5),
            );
        } else if row_nr % 2 == 1 {
            ui.painter()
                .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
        }
        if response.double_clicked() {
            self.commands.push(Command::OpenDetail(entity));
        } else if response.clicked() {
            let modifiers = crate::widgets::click_modifiers(ui);
            let mode = if modifiers.shift {
                SelectMode::Range
            } else if modifiers.command {
                SelectMode::Toggle
            } else {
                SelectMode::Only
            };
            self.commands.push(Command::Select { entity, mode });
        }
    }

    fn cell_ui(&mut self, ui: &mut Ui, cell: &CellInfo) {
        let Some(&record_index) = usize::try_from(cell.row_nr)
            .ok()
            .and_then(|r| self.cache.rows.get(r))
        else {
            return;
        };
        let Some(&column) = self.cache.columns.get(cell.col_nr) else {
            return;
        };
        // A selected row's text in the theme's strong colour: change colours read at about 3:1
        // on the selection.
        if self
            .year
            .row_entity(record_index)
            .is_some_and(|e| self.cx.selection.contains(&e))
        {
            let strong = ui.visuals().strong_text_color();
            ui.visuals_mut().override_text_color = Some(strong);
        }
        let year = self.year;
        let s = self.cx.strings;
        // One count of decimals per column, so that the points line up.
        let decimals = self
            .cache
            .decimals
            .value()
            .and_then(|d| d.get(&column).copied())
            .unwrap_or(2);
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| {
                ui.set_min_height(ROW_HEIGHT);
                match column {
                    ColumnId::Rank | ColumnId::Province => {
                        ui.add(
                            egui::Label::new(column.text(
                                self.data,
                                year,
                                record_index,
                                self.cx.names,
                            ))
                            .selectable(false)
                            .truncate(),
                        );
                    }
                    ColumnId::RankChange => {
                        let previous_year = self
                            .cx
                            .year_index
                            .checked_sub(1)
                            .and_then(|i| self.data.years.get(i))
                            .map(|y| y.year);
                        // Rows of entities the year does not list have no change to show.
                        let previous = year.derived.previous_rank(record_index);
                        if let (Some(change), Some(&rank)) = (
                            year.derived.change(record_index),
                            year.derived.ranks.get(record_index),
                        ) {
                            rank_change_ui(
                                ui,
                                change,
                                (previous_year, year.year),
                                (previous, rank),
                                s,
                            );
                        }
                    }
                    ColumnId::Name => {
                        let Some(entity) = year
                            .row_entity(record_index)
                            .and_then(|e| self.data.entities.get(e))
                        else {
                            return;
                        };
                        // A selected entity carries its colour here as in every chart.
                        let entity_index = year.row_entity(record_index).unwrap_or_default();
                        if let Some(&slot) = self.cx.colours.get(&entity_index) {
                            let colour = crate::widgets::palette::series_mark(
                                crate::charts::palette::series_colour(slot),
                                ui.visuals(),
                            );
                            let (dot, _) =
                                ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                            // On the selection's fill the colour alone reads under 4.5:1: a ring
                            // in the panel's colour, against which it reads, sets it off.
                            ui.painter()
                                .circle_filled(dot.center(), 5.0, ui.visuals().panel_fill);
                            ui.painter().circle_filled(dot.center(), 3.5, colour);
                        }
                        let label = egui::Label::new(entity.name(self.cx.names))
                            .selectable(false)
                            .truncate();
                        ui.add(label).on_hover_text(format!(
                            "{}\n{}\n{}",
                            entity.zh, entity.en, s.detail_hint
                        ));
                    }
                    ColumnId::Total => score_bar_ui(
                        s,
                        ui,
                        (column.number(year, record_index), decimals),
                        year.derived.total_stats.as_ref(),
                        palette::BAR,
                    ),
                    ColumnId::Capacity(c) => score_bar_ui(
                        s,
                        ui,
                        (column.number(year, record_index), decimals),
                        year.derived.capacity_stats.get(c).and_then(Option::as_ref),
                        palette::BAR,
                    ),
                    ColumnId::WhatIfRank
                    | ColumnId::RankRange
                    | ColumnId::AuditMedian
                    | ColumnId::AuditInterval => {
                        ui.add(
                            egui::Label::new(self.cache.external.text(column, record_index))
                                .selectable(false),
                        );
                    }
                    ColumnId::WhatIfChange => {
                        let external = &self.cache.external;
                        if let Some(change) =
                            external.whatif_change.get(record_index).copied().flatten()
                        {
                            whatif_change_ui(
                                s,
                                ui,
                                change,
                                year.derived.ranks.get(record_index).copied(),
                                external.whatif_rank.get(record_index).copied().flatten(),
                            );
                        }
                    }
                    ColumnId::Indicator(_) | ColumnId::Extra(_) => {
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            match column.number(year, record_index) {
                                Some(v) => {
                                    ui.label(format!("{v:.decimals$}"))
                                        .on_hover_text(v.to_string());
                                }
                                None => {
                                    ui.weak(s.missing_value).on_hover_text(s.missing_value_hint);
                                }
                            }
                        });
                    }
                }
            });
    }

    fn default_row_height(&self) -> f32 {
        ROW_HEIGHT
    }
}

/// A what-if change ("▲3") coloured by direction; the tooltip gives both ranks.
fn whatif_change_ui(
    s: &crate::strings::Strings,
    ui: &mut Ui,
    change: crate::model::RankChange,
    official: Option<crate::model::Rank>,
    what_if: Option<u32>,
) {
    // An entrant is no what-if change: only rises and falls are coloured.
    let coloured = matches!(change, crate::model::RankChange::Moved { .. });
    let rich = crate::widgets::rank_change::coloured(
        ui,
        s.rank_change(change),
        coloured.then_some(change),
    );
    let official = official.map(|r| r.to_string()).unwrap_or_default();
    let what_if = what_if.map(|r| r.to_string()).unwrap_or_default();
    ui.label(rich).on_hover_text(format!(
        "{} {official} → {} {what_if}",
        s.col_rank, s.col_whatif_rank
    ));
}

#[cfg(test)]
mod width_tests {
    use super::*;

    #[test]
    fn a_wide_window_fills_its_width_and_a_narrow_one_keeps_the_widths() {
        let columns = [
            ColumnId::Rank,
            ColumnId::RankChange,
            ColumnId::Name,
            ColumnId::Province,
            ColumnId::Total,
            ColumnId::Capacity(0),
            ColumnId::Capacity(1),
        ];
        let base: f32 = columns.iter().map(|&c| initial_width(c)).sum();
        let narrow = initial_widths(&columns, base - 100.0);
        assert_eq!(
            narrow,
            columns
                .iter()
                .map(|&c| initial_width(c))
                .collect::<Vec<_>>()
        );
        let wide = initial_widths(&columns, base + 300.0);
        let total: f32 = wide.iter().sum();
        assert!(
            (total - (base + 300.0)).abs() < 1.0,
            "the width is used: {total}"
        );
        assert!(
            (wide[0] - initial_width(ColumnId::Rank)).abs() < f32::EPSILON,
            "ranks keep theirs"
        );
        let huge = initial_widths(&columns, base * 10.0);
        assert!(
            huge.iter()
                .zip(&columns)
                .all(|(w, c)| *w <= 2.0 * initial_width(*c) + 0.01)
        );
    }
}
