//! The table's filter bar: search (Ctrl+F), provinces, rank and value ranges, top N, columns,
//! CSV export, the "showing n of m" count, and a chip per active filter.

use std::collections::BTreeMap;

use egui::containers::menu::{MenuButton, MenuConfig};
use egui::{PopupCloseBehavior, Ui};

use crate::context::command::Command;
use crate::context::settings::TableSettings;
use crate::model::{ColumnId, RangeFilter, TableQuery, province_key};
use crate::views::ViewContext;

pub use crate::context::keymap::search_id;

/// Draws the bar; returns the commands (a changed query is one `SetQuery`).
pub fn filter_bar_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    settings: &TableSettings,
    shown: usize,
    total: usize,
) -> Vec<Command> {
    let s = cx.strings;
    let mut commands = Vec::new();
    let mut query = settings.query.clone();
    ui.horizontal_wrapped(|ui| {
        let search = egui::TextEdit::singleline(&mut query.search)
            .id(search_id())
            .hint_text(s.search_hint)
            .desired_width(220.0);
        let label = ui.label(s.search);
        ui.add(search).labelled_by(label.id);
        // Menus of checkboxes stay open while the user ticks several boxes.
        let stay_open =
            || MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside);
        MenuButton::new(s.provinces)
            .config(stay_open())
            .ui(ui, |ui| provinces_menu_ui(ui, cx, &mut query));
        MenuButton::new(s.filters)
            .config(stay_open())
            .ui(ui, |ui| ranges_menu_ui(ui, cx, &mut query));
        MenuButton::new(s.columns)
            .config(stay_open())
            .ui(ui, |ui| commands.extend(columns_menu_ui(ui, cx, settings)));
        ui.checkbox(&mut query.include_unranked, s.include_unranked);
        commands.extend(crate::views::export_bar::export_bar_ui(
            ui,
            s,
            Some(crate::context::dialogs::SavePurpose::Table),
        ));
        ui.separator();
        ui.label(format!("{} {shown} {} {total}", s.showing, s.of));
    });
    chips_ui(ui, cx, &mut query);
    if query != settings.query {
        commands.push(Command::SetQuery(query));
    }
    commands
}

fn provinces_menu_ui(ui: &mut Ui, cx: &ViewContext<'_>, query: &mut TableQuery) {
    let Some(year) = cx.data.years.get(cx.year_index) else {
        return;
    };
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for r in year.derived.order.iter() {
        let entity = &cx.data.entities[year.records[r].entity()];
        // A record's own province (as its year's row gives it) has no English name apart.
        let key = cx.data.province_key_of(year, r);
        let english = if key == province_key(entity) {
            entity.province_en.as_str()
        } else {
            ""
        };
        let entry = counts.entry(key).or_insert((0, english));
        entry.0 += 1;
    }
    let mut provinces: Vec<_> = counts.into_iter().collect();
    provinces.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    if ui.button(cx.strings.all_provinces).clicked() {
        query.provinces.clear();
    }
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for (key, (count, english)) in provinces {
                let mut on = query.provinces.contains(key);
                let label = match cx.names {
                    crate::model::NameStyle::English if !english.is_empty() => {
                        format!("{english} ({count})")
                    }
                    crate::model::NameStyle::Both if !english.is_empty() => {
                        format!("{key} {english} ({count})")
                    }
                    _ => format!("{key} ({count})"),
                };
                if ui.checkbox(&mut on, label).changed() {
                    if on {
                        query.provinces.insert(key.to_owned());
                    } else {
                        query.provinces.remove(key);
                    }
                }
            }
        });
}

fn ranges_menu_ui(ui: &mut Ui, cx: &ViewContext<'_>, query: &mut TableQuery) {
    let s = cx.strings;
    let Some(year) = cx.data.years.get(cx.year_index) else {
        return;
    };
    let cohort = u32::try_from(year.cohort_size()).unwrap_or(u32::MAX).max(1);
    egui::Grid::new("range_filters")
        .num_columns(3)
        .show(ui, |ui| {
            let mut on = query.rank_range.is_some();
            ui.checkbox(&mut on, s.col_rank);
            let (mut lo, mut hi) = query.rank_range.unwrap_or((1, cohort));
            ui.add(egui::DragValue::new(&mut lo).range(1..=cohort));
            ui.add(egui::DragValue::new(&mut hi).range(lo..=cohort.max(lo)));
            query.rank_range = on.then_some((lo, hi.max(lo)));
            ui.end_row();

            let mut on = query.top_n.is_some();
            ui.checkbox(&mut on, s.top_n);
            let mut n = query.top_n.unwrap_or(10);
            ui.add(egui::DragValue::new(&mut n).range(1..=100_000));
            query.top_n = on.then_some(n);
            ui.end_row();

            let numeric = std::iter::once(ColumnId::Total)
                .chain((0..cx.data.meta.capacities.len()).map(ColumnId::Capacity));
            for column in numeric {
                let stats = match column {
                    ColumnId::Total => year.derived.total_stats,
                    ColumnId::Capacity(c) => year.derived.capacity_stats.get(c).copied().flatten(),
                    _ => None,
                };
                let Some(stats) = stats else { continue };
                let existing = query.ranges.iter().position(|f| f.column == column);
                let mut on = existing.is_some();
                let title = s.column_title(column, cx.data, cx.names);
                ui.checkbox(&mut on, title);
                let mut filter = existing.map_or(
                    RangeFilter {
                        column,
                        min: stats.min,
                        max: stats.max,
                    },
                    |p| query.ranges[p],
                );
                let speed = (stats.max - stats.min).abs() / 200.0;
                ui.add(
                    egui::DragValue::new(&mut filter.min)
                        .speed(speed)
                        .max_decimals(2),
                );
                ui.add(
                    egui::DragValue::new(&mut filter.max)
                        .speed(speed)
                        .max_decimals(2),
                );
                filter.max = filter.max.max(filter.min);
                query.ranges.retain(|f| f.column != column);
                if on {
                    query.ranges.push(filter);
                }
                ui.end_row();
            }
        });
}

fn columns_menu_ui(ui: &mut Ui, cx: &ViewContext<'_>, settings: &TableSettings) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut all = vec![
        ColumnId::Rank,
        ColumnId::RankChange,
        ColumnId::Province,
        ColumnId::Total,
    ];
    all.extend((0..cx.data.meta.capacities.len()).map(ColumnId::Capacity));
    for column in all {
        let mut shown = !settings.hidden.contains(&column);
        if ui
            .checkbox(
                &mut shown,
                cx.strings.column_title(column, cx.data, cx.names),
            )
            .changed()
        {
            commands.push(Command::ToggleColumn(column));
        }
    }
    ui.separator();
    for (index, capacity) in cx.data.meta.capacities.iter().enumerate() {
        let mut expanded = settings.expanded.contains(&index);
        let label = format!(
            "{} {}",
            capacity.label(cx.names),
            cx.strings.indicators_suffix
        );
        if ui.checkbox(&mut expanded, label).changed() {
            commands.push(Command::ToggleExpanded(index));
        }
    }
    commands
}

/// One button per active filter; a click clears that filter.
fn chips_ui(ui: &mut Ui, cx: &ViewContext<'_>, query: &mut TableQuery) {
    if !query.is_filtered() {
        return;
    }
    let s = cx.strings;
    ui.horizontal_wrapped(|ui| {
        ui.weak(s.active_filters);
        if !query.search.trim().is_empty()
            && ui.button(format!("“{}” ×", query.search.trim())).clicked()
        {
            query.search.clear();
        }
        let provinces: Vec<String> = query.provinces.iter().cloned().collect();
        for province in provinces {
            if ui.button(format!("{province} ×")).clicked() {
                query.provinces.remove(&province);
            }
        }
        if let Some((lo, hi)) = query.rank_range
            && ui.button(format!("{} {lo}–{hi} ×", s.col_rank)).clicked()
        {
            query.rank_range = None;
        }
        if let Some(n) = query.top_n
            && ui.button(format!("{} {n} ×", s.top_n)).clicked()
        {
            query.top_n = None;
        }
        let ranges = query.ranges.clone();
        for filter in ranges {
            let title = s.column_title(filter.column, cx.data, cx.names);
            if ui
                .button(format!("{title} {:.2}–{:.2} ×", filter.min, filter.max))
                .clicked()
            {
                query.ranges.retain(|f| f.column != filter.column);
            }
        }
        if ui.button(s.clear_filters).clicked() {
            let keep_sort = std::mem::take(&mut query.sort);
            let include_unranked = query.include_unranked;
            *query = TableQuery {
                sort: keep_sort,
                include_unranked,
                ..TableQuery::default()
            };
        }
    });
}
