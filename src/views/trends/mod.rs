//! The Trends view: how ranks and capacities moved over the years, and why: bump chart,
//! slopegraph, change table, movers, capacity trends and counts by province.

mod capacities;
mod changes;
mod movers;
mod provinces;

use egui::Ui;

use super::ViewContext;
use crate::charts::radar::Pick;
use crate::charts::trends_settings::{TrendsSection, TrendsSettings};
use crate::context::command::Command;
use crate::context::view_cache::ViewCache;
use crate::model::period;
use crate::widgets::rank_chart::rank_chart_ui;

/// What the Trends view draws from: its settings, the selection, and the charts and lists
/// computed ahead of the frame (only the current section's is present).
pub struct TrendsInputs<'a> {
    pub settings: &'a TrendsSettings,
    pub picks: &'a [Pick],
    pub cache: &'a ViewCache,
}

/// Draws the Trends view and returns the commands given in it.
pub fn trends_view_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    inputs: &TrendsInputs<'_>,
) -> Vec<Command> {
    let (settings, picks, cache) = (inputs.settings, inputs.picks, inputs.cache);
    let mut commands = Vec::new();
    let s = cx.strings;
    let mut next = settings.clone();
    ui.horizontal_wrapped(|ui| {
        for (section, label) in [
            (TrendsSection::Bump, s.trends_bump),
            (TrendsSection::Slope, s.trends_slope),
            (TrendsSection::Changes, s.trends_changes),
            (TrendsSection::Movers, s.trends_movers),
            (TrendsSection::Capacities, s.trends_capacities),
            (TrendsSection::Provinces, s.trends_provinces),
        ] {
            ui.selectable_value(&mut next.section, section, label);
        }
        if matches!(
            next.section,
            TrendsSection::Slope | TrendsSection::Changes | TrendsSection::Movers
        ) {
            ui.separator();
            pair_ui(ui, cx, &mut next);
        }
        if next.section == TrendsSection::Slope && picks.is_empty() {
            let caption = ui.label(s.top_n);
            ui.add(egui::DragValue::new(&mut next.top_n).range(2..=500))
                .labelled_by(caption.id);
        }
        ui.separator();
        let csv = (next.section == TrendsSection::Changes)
            .then_some(crate::context::dialogs::SavePurpose::Changes);
        commands.extend(crate::views::export_bar::export_bar_ui(ui, s, csv));
    });
    ui.label(egui::RichText::new(s.change_rules).small().weak());
    ui.separator();
    crate::views::content_region::mark_content_below(ui);
    let Some(pair) = next.pair(cx.data) else {
        if next != *settings {
            commands.push(Command::SetTrends(next));
        }
        return commands;
    };
    let size = ui.available_size();
    match next.section {
        TrendsSection::Bump => {
            if picks.is_empty() {
                ui.weak(s.radar_pick_hint);
            }
            // Computed ahead of the next frame when the section was just chosen.
            if let Some(spec) = cache.bump.value() {
                ui.strong(&spec.subtitle);
                if let Some(entity) = rank_chart_ui(s, ui, spec, size - egui::vec2(0.0, 24.0)) {
                    commands.push(Command::Select {
                        entity,
                        mode: crate::context::settings::SelectMode::Toggle,
                    });
                }
            }
        }
        TrendsSection::Slope => {
            // Computed ahead of the next frame when the section was just chosen.
            if let Some(spec) = cache.slope.value() {
                ui.strong(&spec.subtitle);
                if let Some(entity) = rank_chart_ui(s, ui, spec, size - egui::vec2(0.0, 24.0)) {
                    commands.push(Command::Select {
                        entity,
                        mode: crate::context::settings::SelectMode::Toggle,
                    });
                }
            }
        }
        TrendsSection::Changes => {
            let changes = cache.changes.value().map_or(&[][..], Vec::as_slice);
            commands.extend(changes::changes_ui(ui, cx, (pair, changes), &mut next));
        }
        TrendsSection::Movers => {
            if let Some(movers) = cache.movers.value() {
                commands.extend(movers::movers_ui(ui, cx, movers));
            }
        }
        TrendsSection::Capacities => {
            if let Some(spec) = cache.capacities.value() {
                capacities::capacities_ui(ui, spec);
            }
        }
        TrendsSection::Provinces => {
            if let Some(counts) = cache.provinces.value() {
                provinces::provinces_ui(ui, cx, counts);
            }
        }
    }
    if next != *settings {
        commands.push(Command::SetTrends(next));
    }
    commands
}

/// The two years compared.
fn pair_ui(ui: &mut Ui, cx: &ViewContext<'_>, settings: &mut TrendsSettings) {
    let Some((from, to)) = settings.pair(cx.data) else {
        return;
    };
    let years: Vec<i32> = cx.data.years.iter().map(|y| y.year).collect();
    for (label, salt, current, slot) in [
        (
            cx.strings.trends_from,
            "trends_from",
            years[from],
            &mut settings.from,
        ),
        (
            cx.strings.trends_to,
            "trends_to",
            years[to],
            &mut settings.to,
        ),
    ] {
        let caption = ui.label(label);
        egui::ComboBox::from_id_salt(salt)
            .selected_text(period::label(current))
            .width(if years.iter().any(|&y| period::is_date(y)) {
                92.0
            } else {
                64.0
            })
            .show_ui(ui, |ui| {
                for &year in &years {
                    if ui
                        .selectable_label(year == current, period::label(year))
                        .clicked()
                    {
                        *slot = Some(year);
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    }
}
