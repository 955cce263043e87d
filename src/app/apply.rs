//! Applying commands: the one place where the app's state changes.

use std::sync::Arc;

use super::command::Command;
use super::dialogs::{PendingSave, SavePurpose};
use super::loader::PendingLoad;
use super::rankscope_app::RankscopeApp;
use super::state::Source;
use crate::export::{TableText, write_atomic};
use crate::io::load_sample;
use crate::strings::strings;
use crate::views::table::search_id;

impl RankscopeApp {
    /// Applies one command, then keeps the selection's colours in step.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.apply_one(ctx, command);
        self.state.sync_colours();
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let state = &mut self.state;
        let s = strings();
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        match command {
            Command::OpenDialog => self.loading = Some(PendingLoad::dialog(wake)),
            Command::Open(path) => self.loading = Some(PendingLoad::file(path, wake)),
            Command::OpenSample => match load_sample() {
                Ok(data) => state.replace_dataset(Arc::new(data), Source::Sample),
                Err(e) => state.error = Some(e.to_string()),
            },
            Command::SetYear(year) => {
                if state.dataset.year_index(year).is_some() {
                    state.year = year;
                    state.refresh_table();
                }
            }
            Command::StepYear(step) => {
                state.step_year(step);
                state.refresh_table();
            }
            Command::SetView(view) => state.settings.view = view,
            Command::SetTheme(theme) => {
                state.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::SetNames(names) => {
                state.settings.names = names;
                state.refresh_table();
            }
            Command::Select { entity, mode } => state.select(entity, mode),
            Command::SelectNone => state.selection.clear(),
            Command::SetQuery(query) => {
                state.settings.table.query = query;
                state.refresh_table();
            }
            Command::ToggleColumn(column) => {
                let hidden = &mut state.settings.table.hidden;
                if !hidden.remove(&column) {
                    hidden.insert(column);
                }
                state.refresh_table();
            }
            Command::ToggleExpanded(capacity) => {
                let expanded = &mut state.settings.table.expanded;
                if !expanded.remove(&capacity) {
                    expanded.insert(capacity);
                }
                state.refresh_table();
            }
            Command::OpenDetail(entity) => state.detail = Some(entity),
            Command::CloseDetail => state.detail = None,
            Command::CopySelection => {
                let Some(year) = state.year_index().and_then(|i| state.dataset.years.get(i)) else {
                    return;
                };
                let rows: Vec<usize> = state
                    .table
                    .rows
                    .iter()
                    .copied()
                    .filter(|&r| {
                        year.row_entity(r)
                            .is_some_and(|entity| state.selection.contains(&entity))
                    })
                    .collect();
                if rows.is_empty() {
                    state.notice = Some(s.nothing_selected.to_owned());
                    return;
                }
                let text = TableText {
                    data: &state.dataset,
                    year,
                    rows: &rows,
                    columns: &state.table.columns,
                    names: state.settings.names,
                    strings: s,
                };
                ctx.copy_text(text.tsv());
                state.notice = Some(format!("{} {} {}", s.copied_rows, rows.len(), s.rows));
            }
            Command::SaveTableDialog => {
                let name = format!("rankscope-{}.csv", state.year);
                self.saving = Some(PendingSave::csv(
                    SavePurpose::Table,
                    state.settings.export_folder.clone(),
                    name,
                    wake,
                ));
            }
            Command::SaveChangesDialog => {
                let name = match state.settings.trends.pair(&state.dataset) {
                    Some((from, to)) => format!(
                        "rankscope-changes-{}-{}.csv",
                        state.dataset.years[from].year, state.dataset.years[to].year
                    ),
                    None => "rankscope-changes.csv".to_owned(),
                };
                self.saving = Some(PendingSave::csv(
                    SavePurpose::Changes,
                    state.settings.export_folder.clone(),
                    name,
                    wake,
                ));
            }
            Command::SaveChanges(path) => {
                let Some((from, to)) = state.settings.trends.pair(&state.dataset) else {
                    return;
                };
                let changes = crate::views::trends::sorted_changes(
                    &state.dataset,
                    (from, to),
                    &state.settings.trends,
                    state.settings.names,
                );
                let years = (state.dataset.years[from].year, state.dataset.years[to].year);
                let csv = crate::export::changes_csv::changes_csv(
                    &state.dataset,
                    &changes,
                    years,
                    state.settings.names,
                );
                match write_atomic(&path, |out| out.write_all(csv.as_bytes())) {
                    Ok(()) => {
                        state.notice = Some(format!("{} {}", s.saved_to, path.display()));
                        state.settings.export_folder =
                            path.parent().map(std::path::Path::to_path_buf);
                    }
                    Err(e) => state.error = Some(format!("{}: {e}", s.save_failed)),
                }
            }
            Command::SetTrends(trends) => state.settings.trends = trends,
            Command::SaveTable(path) => {
                let Some(year) = state.year_index().and_then(|i| state.dataset.years.get(i)) else {
                    return;
                };
                let text = TableText {
                    data: &state.dataset,
                    year,
                    rows: &state.table.rows,
                    columns: &state.table.columns,
                    names: state.settings.names,
                    strings: s,
                };
                let csv = text.csv();
                match write_atomic(&path, |out| out.write_all(csv.as_bytes())) {
                    Ok(()) => {
                        state.notice = Some(format!("{} {}", s.saved_to, path.display()));
                        state.settings.export_folder =
                            path.parent().map(std::path::Path::to_path_buf);
                    }
                    Err(e) => state.error = Some(format!("{}: {e}", s.save_failed)),
                }
            }
            Command::FocusSearch => {
                state.settings.view = super::state::View::Table;
                ctx.memory_mut(|m| m.request_focus(search_id()));
            }
            Command::SetRadar(radar) => state.settings.radar = radar,
            Command::DrillAxis(capacity) => state.radar_drill = capacity,
            Command::DismissError => state.error = None,
            Command::DismissNotice => state.notice = None,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }
}
