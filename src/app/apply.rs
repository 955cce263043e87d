//! Applying commands: the one place where the app's state changes.

use std::sync::Arc;

use super::command::Command;
use super::dialogs::{FigureFormat, PendingSave, SavePurpose};
use super::figure_of_view::figure_of_view;
use super::loader::PendingLoad;
use super::rankscope_app::RankscopeApp;
use super::screenshot::ScreenshotJob;
use super::state::Source;
use super::state::View;
use super::whatif_state::RobustnessJob;
use crate::context::keymap::search_id;
use crate::export::figure::{figure_png, figure_svg};
use crate::export::{TableText, write_atomic};
use crate::io::load_sample;

impl RankscopeApp {
    /// Applies one command, then keeps the selection's colours in step.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.apply_one(ctx, command);
        self.state.sync_colours();
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let state = &mut self.state;
        let s = state.strings();
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        if matches!(
            command,
            Command::OpenDialog
                | Command::Open(_)
                | Command::OpenFiles(_)
                | Command::OpenSample
                | Command::CancelLoad
        ) {
            // The user's own choice replaces the reopening of the last session's dataset.
            self.restoring = None;
        }
        match command {
            Command::OpenDialog => self.loading = Some(PendingLoad::dialog(s, wake)),
            Command::Open(path) => self.loading = Some(PendingLoad::file(path, wake)),
            Command::OpenFiles(paths) => self.loading = Some(PendingLoad::files(paths, wake)),
            // The background read finishes on its own; its result is dropped with the receiver.
            Command::CancelLoad => self.loading = None,
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
            Command::SetView(view) => {
                state.settings.view = view;
                if view == View::WhatIf {
                    // The what-if results are computed only while they are shown.
                    state.refresh_table();
                }
            }
            Command::SetTheme(theme) => {
                state.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::SetLanguage(language) => {
                state.settings.language = Some(language);
                // Column headers and filter chips are cached text.
                state.refresh_table();
            }
            Command::SetZoom(zoom) => {
                let (lo, hi) = super::ZOOM_RANGE;
                ctx.set_zoom_factor(zoom.clamp(lo, hi));
            }
            Command::ResetView => {
                state.reset_view();
                state.notice = Some(state.strings().reset_view_done.to_owned());
            }
            Command::ToggleHelp => state.help_open = !state.help_open,
            Command::SetNames(names) => {
                state.settings.names = names;
                state.refresh_table();
            }
            Command::Select { entity, mode } => {
                state.select(entity, mode);
                // The What-if sensitivity follows the selection.
                state.refresh_table();
            }
            Command::SelectNone => {
                state.selection.clear();
                state.refresh_table();
            }
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
                    external: Some(state.table.external.as_ref()),
                };
                ctx.copy_text(text.tsv());
                state.notice = Some(format!("{} {} {}", s.copied_rows, rows.len(), s.rows));
            }
            Command::SaveChanges(path) => {
                let Some((from, to)) = state.settings.trends.pair(&state.dataset) else {
                    return;
                };
                let changes =
                    state
                        .settings
                        .trends
                        .changes(&state.dataset, (from, to), state.settings.names);
                let years = (state.dataset.years[from].year, state.dataset.years[to].year);
                let csv = crate::export::changes_csv::changes_csv(
                    state.language().strings(),
                    &state.dataset,
                    &changes,
                    years,
                    state.settings.names,
                );
                report_export(
                    state,
                    &path,
                    write_atomic(&path, |out| out.write_all(csv.as_bytes())),
                );
            }
            Command::SetTrends(trends) => state.settings.trends = trends,
            Command::SetWhatIf(whatif) => {
                state.settings.whatif = whatif;
                state.refresh_table();
            }
            Command::RunRobustness => {
                let data = &state.dataset;
                if let (Some(model), Ok(weights)) = (
                    state.whatif.model().cloned(),
                    state.settings.whatif.weights_for(data),
                ) {
                    if let Some(job) = &state.whatif.job {
                        job.cancel();
                    }
                    let params = state.settings.whatif.robustness_params();
                    let repaint = ctx.clone();
                    state.whatif.job =
                        Some(RobustnessJob::start(model, weights, params, move || {
                            repaint.request_repaint();
                        }));
                }
            }
            Command::CancelRobustness => {
                if let Some(job) = state.whatif.job.take() {
                    job.cancel();
                }
            }
            Command::SetAudit(audit) => state.settings.audit = audit,
            Command::RunAudit => {
                if let Some(year) = state.year_index() {
                    if let Some(job) = state.audit.job.take() {
                        job.cancel();
                    }
                    let repaint = ctx.clone();
                    state.audit.job = Some(crate::context::audit::AuditJob::start(
                        state.dataset.clone(),
                        year,
                        state.settings.audit.params(),
                        move || repaint.request_repaint(),
                    ));
                }
            }
            Command::CancelAudit => {
                if let Some(job) = state.audit.job.take() {
                    job.cancel();
                }
            }
            Command::RunSensitivity => {
                if let Some(year) = state.year_index() {
                    if let Some(job) = state.audit.sensitivity_job.take() {
                        job.cancel();
                    }
                    let settings = &state.settings.audit;
                    let params = crate::model::audit::SensitivityParams {
                        n: settings.sensitivity_n.max(10),
                        seed: settings.seed,
                        resamples: 500,
                        entity: state.focus(),
                    };
                    let repaint = ctx.clone();
                    state.audit.sensitivity_job =
                        Some(crate::context::audit::SensitivityJob::start(
                            state.dataset.clone(),
                            year,
                            (settings.params().factors, params),
                            move || repaint.request_repaint(),
                        ));
                }
            }
            Command::CancelSensitivity => {
                if let Some(job) = state.audit.sensitivity_job.take() {
                    job.cancel();
                }
            }
            Command::SaveAudit(path) => {
                let Some(year) = state.year_index() else {
                    return;
                };
                let audit = &state.audit;
                let Some(result) = audit.result_for(&state.dataset, year) else {
                    state.error = Some(state.strings().audit_not_run.to_owned());
                    return;
                };
                let json = crate::export::audit_out::audit_json(
                    &state.dataset,
                    result,
                    (
                        audit.coherence_for(&state.dataset, year).map(AsRef::as_ref),
                        audit
                            .sensitivity_for(&state.dataset, year)
                            .map(AsRef::as_ref),
                    ),
                    state.settings.names,
                );
                report_export(
                    state,
                    &path,
                    write_atomic(&path, |out| out.write_all(json.as_bytes())),
                );
            }
            Command::ComputeCoherence => {
                if let Some(year) = state.year_index() {
                    let repaint = ctx.clone();
                    state
                        .audit
                        .start_coherence(&state.dataset, year, move || repaint.request_repaint());
                }
            }
            Command::SaveWhatIf(path) => {
                let cache = &state.whatif;
                let (Some(model), Some(ranking)) = (cache.model(), cache.ranking()) else {
                    return;
                };
                let csv = crate::export::whatif_csv::whatif_csv(
                    state.language().strings(),
                    &state.dataset,
                    model,
                    ranking,
                    cache.current_robustness(),
                    state.settings.names,
                );
                report_export(
                    state,
                    &path,
                    write_atomic(&path, |out| out.write_all(csv.as_bytes())),
                );
            }
            Command::ExportDialog(purpose) => {
                let stem = format!(
                    "rankscope-{}-{}",
                    view_name(state.settings.view),
                    crate::model::period::file_label(state.year)
                );
                let name = match purpose {
                    SavePurpose::Figure(FigureFormat::Svg) => format!("{stem}.svg"),
                    SavePurpose::Figure(FigureFormat::Png) => format!("{stem}.png"),
                    SavePurpose::Screenshot(_) => format!("{stem}-screenshot.png"),
                    SavePurpose::Table | SavePurpose::WhatIf => format!("{stem}.csv"),
                    SavePurpose::Audit => format!("{stem}.json"),
                    SavePurpose::Dataset => format!(
                        "{}.json",
                        state.dataset.meta.title.replace(['/', '\\', ':'], "-")
                    ),
                    SavePurpose::Changes => match state.settings.trends.pair(&state.dataset) {
                        Some((from, to)) => {
                            format!(
                                "rankscope-changes-{}-{}.csv",
                                crate::model::period::file_label(state.dataset.years[from].year),
                                crate::model::period::file_label(state.dataset.years[to].year)
                            )
                        }
                        None => "rankscope-changes.csv".to_owned(),
                    },
                };
                self.saving = Some(PendingSave::new(
                    s,
                    purpose,
                    state.settings.export_folder.clone(),
                    name,
                    wake,
                ));
            }
            Command::SaveFigure(path, format) => {
                let request = figure_of_view(state);
                let result = match format {
                    FigureFormat::Svg => Ok(figure_svg(&state.dataset, &request).into_bytes()),
                    FigureFormat::Png => {
                        figure_png(&state.dataset, &request, state.settings.figure.png_scale())
                    }
                };
                report_export(
                    state,
                    &path,
                    result.and_then(|bytes| write_atomic(&path, |out| out.write_all(&bytes))),
                );
            }
            Command::SetFigureTexts(texts) => state.settings.figure = texts,
            Command::SetImportMapping(mapping) => {
                if let Some(dialog) = &mut state.import {
                    dialog.mapping = mapping;
                    dialog.refresh();
                }
            }
            Command::ConfirmImport => {
                let Some(dialog) = state.import.take() else {
                    return;
                };
                let signature = dialog.draft.signature();
                let mappings = &mut state.settings.mappings;
                mappings.retain(|m| m.signature != signature);
                mappings.insert(
                    0,
                    super::state::RememberedMapping {
                        signature,
                        mapping: dialog.mapping.clone(),
                    },
                );
                mappings.truncate(MAPPINGS_REMEMBERED);
                self.loading = Some(PendingLoad::build(
                    dialog.draft,
                    (dialog.mapping, dialog.excluded),
                    dialog.paths,
                    wake,
                ));
            }
            Command::CancelImport => state.import = None,
            Command::SetPathPrompt(prompt) => state.path_prompt = prompt,
            Command::ConfirmPathPrompt => {
                let Some(prompt) = state.path_prompt.take() else {
                    return;
                };
                let text = prompt.text.trim();
                if text.is_empty() {
                    return;
                }
                let command = match prompt.purpose {
                    // Several files (one per year) separated by ";".
                    crate::context::dialogs::PromptPurpose::Open if text.contains(';') => {
                        Command::OpenFiles(
                            text.split(';')
                                .map(str::trim)
                                .filter(|p| !p.is_empty())
                                .map(std::path::PathBuf::from)
                                .collect(),
                        )
                    }
                    crate::context::dialogs::PromptPurpose::Open => {
                        Command::Open(std::path::PathBuf::from(text))
                    }
                    crate::context::dialogs::PromptPurpose::Save(purpose) => {
                        super::rankscope_app::save_command(purpose, std::path::PathBuf::from(text))
                    }
                };
                self.apply_one(ctx, command);
            }
            Command::SetImportEncoding(encoding) => {
                if let Some(dialog) = state.import.take() {
                    self.loading = Some(PendingLoad::files_encoded(
                        dialog.paths,
                        Some(encoding),
                        wake,
                    ));
                }
            }
            Command::SetImportSheets(excluded) => {
                if let Some(dialog) = &mut state.import {
                    dialog.excluded = excluded;
                    dialog.refresh();
                }
            }
            Command::SaveDataset(path) => {
                // Writing a large dataset takes seconds: off the UI thread.
                let data = std::sync::Arc::clone(&state.dataset);
                self.writing = Some(crate::context::job::Job::spawn(
                    move |_| {
                        // A .parquet or .arrow name gets the long layout for pandas, polars and
                        // DuckDB (values, ranks, names, directions and labels; not the weights);
                        // anything else rankscope's JSON.
                        let extension = crate::io::extension_of(&path);
                        let bytes = match crate::io::columnar_out::Format::of_extension(&extension)
                        {
                            Some(format) => {
                                crate::io::long_columnar::long_columnar(&data, true, format)
                            }
                            None => Ok(crate::io::write_native(&data).into_bytes()),
                        };
                        let written = bytes.and_then(|bytes| {
                            write_atomic(&path, |out| out.write_all(&bytes))
                                .map_err(|e| e.to_string())
                        });
                        (path, written)
                    },
                    wake,
                ));
            }
            Command::CopyFigure => {
                let svg = figure_svg(&state.dataset, &figure_of_view(state));
                match crate::export::raster::svg_to_rgba(&svg, state.settings.figure.png_scale()) {
                    Ok((width, height, rgba)) => {
                        let size = [
                            usize::try_from(width).unwrap_or(0),
                            usize::try_from(height).unwrap_or(0),
                        ];
                        ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, &rgba));
                        state.notice = Some(format!("{} ({width}×{height} px)", s.copied_figure));
                    }
                    Err(e) => state.error = Some(format!("{}: {e}", s.save_failed)),
                }
            }
            Command::StartScreenshot(path, options) => {
                let outcome = std::sync::Arc::new(std::sync::Mutex::new(None));
                self.screenshot_outcome = Some(std::sync::Arc::clone(&outcome));
                self.screenshot = Some(ScreenshotJob::new(
                    path,
                    options,
                    outcome,
                    std::time::Instant::now(),
                ));
            }
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
                    external: Some(state.table.external.as_ref()),
                };
                let csv = text.csv();
                report_export(
                    state,
                    &path,
                    write_atomic(&path, |out| out.write_all(csv.as_bytes())),
                );
            }
            Command::FocusSearch => {
                state.settings.view = super::state::View::Table;
                ctx.memory_mut(|m| m.request_focus(search_id()));
            }
            Command::SetRadar(radar) => state.settings.radar = radar,
            Command::DrillAxis(capacity) => state.radar_drill = capacity,
            Command::DismissError => state.error = None,
            Command::DismissNotice => state.notice = None,
            Command::ToggleWarnings => state.warnings_open = !state.warnings_open,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }
}

/// How many confirmed column mappings are remembered.
const MAPPINGS_REMEMBERED: usize = 20;

fn view_name(view: View) -> &'static str {
    match view {
        View::Table => "table",
        View::Radar => "radar",
        View::Trends => "trends",
        View::WhatIf => "whatif",
        View::Audit => "audit",
    }
}

/// Reports an export: a notice naming the file and its folder remembered for the next save
/// dialog, or an error naming what failed.
fn report_export(
    state: &mut super::state::AppState,
    path: &std::path::Path,
    result: std::io::Result<()>,
) {
    let s = state.strings();
    match result {
        Ok(()) => {
            state.notice = Some(format!("{} {}", s.saved_to, path.display()));
            state.settings.export_folder = path.parent().map(std::path::Path::to_path_buf);
        }
        Err(e) => state.error = Some(format!("{}: {e}", s.save_failed)),
    }
}
