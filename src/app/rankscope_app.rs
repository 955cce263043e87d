//! The `eframe::App`: draws the views, gathers their commands and applies them once per frame.

use std::path::PathBuf;
use std::sync::Arc;

use super::command::Command;
use super::dialogs::{Chosen, PendingSave, SavePurpose};
use super::import_dialog::ImportDialog;
use super::loader::{Opened, PendingLoad};
use super::rest_of_file::{Rest, RestStep, shown_without_indicators};
use super::screenshot::{ScreenshotJob, ScreenshotOutcome};
use super::state::{AppState, Session, Settings, Source, View};
use super::view_cache::ViewCache;
use crate::context::dialogs::{PathPrompt, PromptPurpose};
use crate::model::Dataset;
use crate::strings::Language;
use crate::strings::Strings;
use crate::views::radar::{RadarInputs, radar_view_ui};
use crate::views::top_bar::{TopBarState, top_bar_ui};
use crate::views::trends::{TrendsInputs, trends_view_ui};
use crate::views::whatif::{WhatIfInputs, whatif_view_ui};
use crate::views::{
    ViewContext,
    detail::detail_ui,
    status_bar::{LoadingStatus, status_bar_ui},
    table::table_ui,
};

/// What the app starts with (from the command line).
pub struct Startup {
    pub dataset: Arc<Dataset>,
    pub source: Source,
    pub year: Option<i32>,
    pub view: Option<View>,
    /// The entities to select, in the order named: their colours follow it.
    pub selection: Vec<usize>,
    /// Take a screenshot and close (skips remembered settings, so the picture is reproducible).
    pub screenshot: Option<ScreenshotJob>,
    /// The files named on the command line (empty: reopen where the last session left off).
    pub files: Vec<PathBuf>,
    /// The language of the system's locale, the UI's until the user picks one.
    pub system_language: Language,
    /// What-if weights given on the command line.
    pub weights: Option<Vec<f64>>,
    /// Spreadsheets named on the command line whose detected mapping builds no dataset: the
    /// window opens on `dataset` with the mapping dialog for them.
    pub import: Option<(crate::io::import::Draft, Vec<PathBuf>)>,
    /// Warnings of loading the files named on the command line, shown as a load's are.
    pub warnings: Vec<String>,
    /// When `dataset` is the listing of the file named on the command line (its indicator
    /// columns not read yet): the file, read whole after the first frame.
    pub rest: Option<super::rest_of_file::RestOfFile>,
}

pub use crate::context::settings::ZOOM_RANGE;

/// The remembered settings, or defaults with the reason when they cannot be trusted: a record
/// that does not parse, or one written by a newer rankscope.
#[must_use]
pub fn remembered_settings(
    storage: Option<&dyn eframe::Storage>,
) -> (Settings, Option<SettingsProblem>) {
    let Some(storage) = storage else {
        return (Settings::fresh(), None);
    };
    if storage.get_string(eframe::APP_KEY).is_none() {
        return (Settings::fresh(), None);
    }
    match eframe::get_value::<Settings>(storage, eframe::APP_KEY) {
        Some(settings) if settings.version <= Settings::VERSION => match settings.repaired() {
            (settings, false) => (settings, None),
            (settings, true) => (settings, Some(SettingsProblem::Repaired)),
        },
        Some(_) => (Settings::fresh(), Some(SettingsProblem::Newer)),
        None => (Settings::fresh(), Some(SettingsProblem::Unreadable)),
    }
}

/// A load's warnings as a notice, grouped by kind: one line per kind and file, with a count and
/// the first rows; at most five lines, the rest counted.
fn warnings_notice(s: &Strings, warnings: &[String]) -> String {
    let grouped = crate::io::warnings::grouped(warnings);
    let shown: Vec<&str> = grouped.iter().take(5).map(String::as_str).collect();
    let more = grouped.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!("\n… {more} {}", s.and_more)
    } else {
        String::new()
    };
    format!(
        "{}:\n{}{more}",
        warnings_heading(s, warnings.len()),
        shown.join("\n")
    )
}

/// "3 warnings while opening (the data is open)", "1 warning …".
fn warnings_heading(s: &Strings, count: usize) -> String {
    let words = if count == 1 {
        s.load_warning
    } else {
        s.load_warnings
    };
    format!("{count} {words}")
}

/// Where a damaged state record is kept, beside the new one, so that it can still be read or
/// mended by hand.
pub const BACKUP_KEY: &str = "app.bak";

/// What becomes of the state record found on start.
enum OldState {
    /// Written over with this session's state (it was read, perhaps repaired).
    Replace,
    /// Written by a newer rankscope: left as it is.
    KeepNewer,
    /// Damaged: kept under [`BACKUP_KEY`] (its text), then written over.
    Backup(String),
}

/// Why remembered settings were set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsProblem {
    /// The record does not parse (damaged, or of an incompatible shape).
    Unreadable,
    /// The record was written by a newer rankscope.
    Newer,
    /// Some values were out of range (a NaN zoom, say) and were reset.
    Repaired,
}

impl SettingsProblem {
    /// The notice shown on start.
    #[must_use]
    pub fn message(self, s: &'static Strings) -> &'static str {
        match self {
            Self::Unreadable => s.state_corrupt,
            Self::Newer => s.state_outdated,
            Self::Repaired => s.state_repaired,
        }
    }
}

/// The command that saves what `purpose` names to `path`.
pub fn save_command(purpose: SavePurpose, path: PathBuf) -> Command {
    match purpose {
        SavePurpose::Table => Command::SaveTable(path),
        SavePurpose::Changes => Command::SaveChanges(path),
        SavePurpose::WhatIf => Command::SaveWhatIf(path),
        SavePurpose::Figure(format) => Command::SaveFigure(path, format),
        SavePurpose::Screenshot(options) => Command::StartScreenshot(path, options),
        SavePurpose::Dataset => Command::SaveDataset(path),
        SavePurpose::Audit => Command::SaveAudit(path),
    }
}

/// The rankscope window.
pub struct RankscopeApp {
    pub(super) state: AppState,
    pub(super) loading: Option<PendingLoad>,
    pub(super) saving: Option<PendingSave>,
    /// The dataset being written (File → Save as), off the UI thread: the path and the outcome.
    pub(super) writing: Option<crate::context::job::Job<(PathBuf, Result<(), String>)>>,
    pub(super) screenshot: Option<ScreenshotJob>,
    /// Where a screenshot taken from the Export menu reports back (the `--screenshot` job reports to `main`).
    pub(super) screenshot_outcome: Option<ScreenshotOutcome>,
    /// The view's region in the last frame, for cropped screenshots.
    view_rect: egui::Rect,
    /// The title last sent to the window, to send it again only on change.
    window_title: String,
    /// The remembered year and selection, waiting for the remembered dataset to reopen.
    pub(super) restoring: Option<Session>,
    /// What the views draw, computed when its inputs change.
    views: ViewCache,
    /// Whether the last frame gave no command (then work put off during a drag is done).
    quiet: bool,
    /// What becomes of the remembered state file on quit: a newer version's is never
    /// overwritten; a damaged one is kept under [`BACKUP_KEY`] before the new one is written.
    old_state: OldState,
    /// The file the state is remembered in (none in tests and scripted screenshots, which use
    /// the storage they are given or none).
    state_file: Option<super::state_file::StateFile>,
    /// The indicator columns of the file the window opened on, while they are read.
    rest: Option<Rest>,
    /// Commands given while the rest is read, applied once it is in (they may need it).
    deferred: Vec<Command>,
    /// Frames drawn so far.
    frames_drawn: u64,
}

impl RankscopeApp {
    /// The app on `startup`, with the settings remembered in rankscope's state file (none when
    /// taking a screenshot, or where eframe persists nothing).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        // Only where eframe persists (not in a test harness, nor for a scripted screenshot).
        let file = super::state_file::StateFile::default_path()
            .filter(|_| startup.screenshot.is_none() && cc.storage.is_some())
            .map(|path| super::state_file::StateFile::open(&path, cc.storage));
        Self::with_state_file(&cc.egui_ctx, file, startup)
    }

    /// The app on `startup` with the settings remembered in `file`, where it writes them back.
    #[must_use]
    pub fn with_state_file(
        ctx: &egui::Context,
        file: Option<super::state_file::StateFile>,
        startup: Startup,
    ) -> Self {
        let storage = file.as_ref().map(|f| f as &dyn eframe::Storage);
        let mut app = Self::with_storage(ctx, storage, startup);
        app.state_file = file;
        app
    }

    /// The app on `startup` with the settings in `storage`. Without a file on the command line
    /// it goes back to where the last session left off: its dataset (reopened in the
    /// background), year, view and selection. Unreadable settings give defaults and a notice.
    #[must_use]
    pub fn with_storage(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        startup: Startup,
    ) -> Self {
        super::fonts::install_bundled_cjk_font(ctx);
        crate::widgets::palette::install_readable_weak_text(ctx);
        super::fonts::install_small_text_size(ctx);
        let storage = storage.filter(|_| startup.screenshot.is_none());
        let (mut settings, problem) = remembered_settings(storage);
        // Temporary files of exports that were killed halfway are cleaned where they were left.
        if let Some(folder) = &settings.export_folder {
            let _removed = crate::export::atomic::remove_stale_temporaries(folder);
        }
        let old_state = match problem {
            Some(SettingsProblem::Newer) => OldState::KeepNewer,
            Some(SettingsProblem::Unreadable) => OldState::Backup(
                storage
                    .and_then(|s| s.get_string(eframe::APP_KEY))
                    .unwrap_or_default(),
            ),
            Some(SettingsProblem::Repaired) | None => OldState::Replace,
        };
        if let Some(view) = startup.view {
            settings.view = view;
        }
        if let Some(weights) = startup.weights {
            settings.whatif.weights = Some(weights);
        }
        ctx.set_theme(settings.theme.preference());
        if let Some(zoom) = settings.zoom {
            ctx.set_zoom_factor(zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1));
        }
        let session = std::mem::take(&mut settings.session);
        let mut state = AppState::new(startup.dataset, startup.source, settings);
        state.system_language = startup.system_language;
        state.notice = problem.map(|p| p.message(state.strings()).to_owned());
        // Files on the command line win over the remembered session.
        // A mapping dialog for files named on the command line keeps the last session closed.
        let reopen = startup.files.is_empty() && storage.is_some() && startup.import.is_none();
        if !reopen {
            state.files = startup.files;
        }
        let mut loading = None;
        let mut restoring = None;
        if reopen && !session.files.is_empty() {
            let wake_ctx = ctx.clone();
            loading = Some(PendingLoad::files(session.files.clone(), move || {
                wake_ctx.request_repaint();
            }));
            restoring = Some(session);
        } else if reopen {
            state.restore_session(&session);
        }
        if let Some(year) = startup
            .year
            .filter(|y| state.dataset.year_index(*y).is_some())
        {
            state.year = year;
        }
        if !startup.selection.is_empty() || !reopen {
            state.selection = startup.selection.iter().copied().collect();
            // Colours in the order named (`--select A,B`: A takes the first colour).
            state.colour_slots = startup
                .selection
                .iter()
                .enumerate()
                .map(|(slot, &entity)| (entity, slot))
                .collect();
        }
        if !startup.warnings.is_empty() {
            let notice = warnings_notice(state.strings(), &startup.warnings);
            state.notice = Some(match state.notice.take() {
                Some(first) => format!("{first}\n{notice}"),
                None => notice,
            });
            state.load_warnings = startup.warnings;
        }
        if let Some((draft, paths)) = startup.import {
            let mapping = draft.mapping.clone();
            state.import = Some(ImportDialog::new(draft, mapping, paths));
        }
        state.sync_colours();
        state.refresh_table();
        Self {
            state,
            loading,
            saving: None,
            writing: None,
            screenshot: startup.screenshot,
            screenshot_outcome: None,
            view_rect: egui::Rect::NOTHING,
            window_title: String::new(),
            restoring,
            views: ViewCache::default(),
            quiet: false,
            old_state,
            state_file: None,
            rest: startup.rest.map(|rest| Rest::Waiting(rest, 0)),
            deferred: Vec::new(),
            frames_drawn: 0,
        }
    }

    /// The state, for tests.
    #[must_use]
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The region a "view only" screenshot keeps (points): the view's content, without the
    /// menus, the status bar or the view's own controls.
    #[must_use]
    pub fn capture_region(&self) -> egui::Rect {
        self.view_rect
    }

    /// The charts and lists computed for the views, for tests.
    #[must_use]
    pub fn view_cache(&self) -> &ViewCache {
        &self.views
    }

    /// Starts reading the rest of the file after the first frame; takes it in when read (what
    /// the window shows stays as it is; the commands given meanwhile are applied this frame).
    fn poll_rest(&mut self, ctx: &egui::Context) {
        let Some(rest) = self.rest.take() else {
            return;
        };
        let wake = ctx.clone();
        match rest.step(self.frames_drawn, move || wake.request_repaint()) {
            RestStep::Pending(rest) => self.rest = Some(rest),
            RestStep::Done(Ok(whole)) => {
                let super::rest_of_file::Whole { dataset, warnings } = *whole;
                self.state.complete_dataset(Arc::new(dataset));
                if warnings != self.state.load_warnings {
                    // The indicator columns' own (cells their role cannot read) join the list.
                    self.state.notice = Some(warnings_notice(self.state.strings(), &warnings));
                    self.state.load_warnings = warnings;
                }
            }
            RestStep::Done(Err(error)) => {
                let s = self.state.strings();
                self.state.error = Some(format!("{}: {error}", s.indicators_unread));
            }
        }
    }

    /// Takes a finished load: a valid dataset replaces the open one; an error leaves it open.
    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(outcome) = self.loading.as_ref().and_then(PendingLoad::poll) else {
            return;
        };
        let no_chooser = self
            .loading
            .as_ref()
            .is_some_and(|l| l.no_chooser.load(std::sync::atomic::Ordering::Relaxed));
        self.loading = None;
        if outcome.is_none() && no_chooser {
            self.state.path_prompt = Some(PathPrompt {
                purpose: PromptPurpose::Open,
                text: String::new(),
            });
        }
        match outcome {
            Some((paths, Ok(Opened::Dataset(loaded, rest)))) => {
                let path = paths.first().cloned().unwrap_or_default();
                self.state.settings.remember(path.clone());
                self.state
                    .replace_dataset(Arc::new(loaded.dataset), Source::File(path));
                self.state.files = paths;
                self.state.error = None;
                if let Some(session) = self.restoring.take() {
                    self.state.restore_session(&session);
                }
                // Problems that did not stop the load stay readable until dismissed.
                self.state.notice = (!loaded.warnings.is_empty())
                    .then(|| warnings_notice(self.state.strings(), &loaded.warnings));
                self.state.load_warnings = loaded.warnings;
                self.state.warnings_open = false;
                // A Parquet file's indicators, read once its table has shown (a rest still to
                // come of another file is dropped with it).
                self.rest = rest.map(|rest| Rest::Waiting(rest, self.frames_drawn));
            }
            Some((paths, Ok(Opened::Draft(draft)))) => {
                // A mapping confirmed before for files with the same headers is proposed first.
                let signature = draft.signature();
                let remembered = self
                    .state
                    .settings
                    .mappings
                    .iter()
                    .find(|m| m.signature == signature)
                    .map(|m| m.mapping.clone());
                match (remembered, self.restoring.is_some()) {
                    // Reopening the last session's spreadsheet: its confirmed mapping, no dialog.
                    (Some(mapping), true) => {
                        let ctx = ctx.clone();
                        self.loading = Some(PendingLoad::build(
                            Arc::new(draft),
                            (mapping, Vec::new()),
                            paths,
                            move || ctx.request_repaint(),
                        ));
                    }
                    (remembered, _) => {
                        self.restoring = None;
                        let mapping = remembered.unwrap_or_else(|| draft.mapping.clone());
                        self.state.import = Some(ImportDialog::new(draft, mapping, paths));
                    }
                }
            }
            Some((_, Err(error))) => {
                let s = self.state.strings();
                self.state.error = Some(match self.restoring.take() {
                    Some(_) => format!("{}: {error}", s.reopen_failed),
                    None => error.to_string(),
                });
            }
            None => self.restoring = None,
        }
    }

    /// Takes a path chosen in the save dialog.
    /// Takes a finished dataset write: a notice naming the file, or the error.
    fn poll_writing(&mut self) {
        let Some(done) = self
            .writing
            .as_ref()
            .and_then(crate::context::job::Job::poll)
        else {
            return;
        };
        self.writing = None;
        let s = self.state.strings();
        match done {
            Ok((path, Ok(()))) => {
                self.state.notice = Some(format!("{} {}", s.saved_to, path.display()));
                self.state.settings.remember(path);
            }
            Ok((_, Err(e))) => self.state.error = Some(format!("{}: {e}", s.save_failed)),
            Err(crate::context::job::Stopped) => {
                self.state.error = Some(s.save_failed.to_owned());
            }
        }
    }

    fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.saving else { return };
        let Some(chosen) = pending.poll() else { return };
        let purpose = pending.purpose;
        let proposed = pending.proposed.clone();
        self.saving = None;
        match chosen {
            Chosen::Path(path) => self.apply(ctx, save_command(purpose, path)),
            Chosen::Cancelled => {}
            Chosen::NoChooser => {
                self.state.path_prompt = Some(PathPrompt {
                    purpose: PromptPurpose::Save(purpose),
                    text: proposed.display().to_string(),
                });
            }
        }
    }

    /// Reports a finished Export-menu screenshot as a notice (or an error) and clears the job.
    fn take_screenshot_outcome(&mut self) {
        let Some(outcome) = &self.screenshot_outcome else {
            return;
        };
        let Some(result) = outcome.lock().ok().and_then(|mut o| o.take()) else {
            return;
        };
        self.screenshot_outcome = None;
        self.screenshot = None;
        let s = self.state.strings();
        match result {
            Ok(message) => self.state.notice = Some(message),
            Err(message) => self.state.error = Some(format!("{}: {message}", s.save_failed)),
        }
    }

    /// Every warning of the last load, one per line, in a window that scrolls.
    fn warnings_window_ui(s: &Strings, ctx: &egui::Context, warnings: &[String]) -> Vec<Command> {
        let mut open = true;
        egui::Window::new(warnings_heading(s, warnings.len()))
            .id(egui::Id::unique("load_warnings"))
            .open(&mut open)
            .default_size([720.0, 420.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show_rows(
                    ui,
                    ui.text_style_height(&egui::TextStyle::Body),
                    warnings.len(),
                    |ui, rows| {
                        for warning in &warnings[rows] {
                            ui.label(warning);
                        }
                    },
                );
            });
        if open {
            Vec::new()
        } else {
            vec![Command::ToggleWarnings]
        }
    }

    fn banner_ui(
        s: &Strings,
        ui: &mut egui::Ui,
        error: Option<&str>,
        notice: Option<&str>,
        warnings: usize,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(error) = error {
            egui::Frame::new()
                .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("{}:", s.open_failed),
                        );
                        ui.label(error);
                        if ui.button(s.dismiss).clicked() {
                            commands.push(Command::DismissError);
                        }
                    });
                });
        }
        if let Some(notice) = notice {
            ui.horizontal_wrapped(|ui| {
                ui.label(notice);
                if warnings > 0 && ui.small_button(s.show_all_warnings).clicked() {
                    commands.push(Command::ToggleWarnings);
                }
                if ui.small_button("×").on_hover_text(s.dismiss).clicked() {
                    commands.push(Command::DismissNotice);
                }
            });
        }
        commands
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{} — rankscope",
            self.state.dataset.title(self.state.settings.names)
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

impl eframe::App for RankscopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.screenshot.is_some() {
            // A screenshot shows the state, not where the pointer happens to rest: no hover
            // highlights, greyed lines or tooltips get into the picture.
            ctx.input_mut(|input| input.pointer = egui::PointerState::default());
        }
        let zoom = ctx.zoom_factor();
        self.state.settings.zoom = ((zoom - 1.0).abs() > f32::EPSILON).then_some(zoom);
        self.poll_loading(&ctx);
        self.poll_rest(&ctx);
        if self.state.whatif.poll_job() {
            self.state.refresh_table();
        }
        self.state.audit.poll_sensitivity();
        self.state.audit.poll_coherence();
        if self.state.audit.poll() {
            // The table shows the median and interval of a run of its year.
            self.state.refresh_table();
        }
        if self.quiet && self.rest.is_none() && self.state.whatif.settle() {
            ctx.request_repaint();
        }
        if self.loading.is_some() {
            // The status bar's elapsed time moves while a load runs.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
        self.poll_saving(&ctx);
        if let Some(dialog) = &mut self.state.import {
            dialog.poll_preview();
            if dialog.building.is_some() {
                // A large preview builds in the background: look again shortly.
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
            }
        }
        self.poll_writing();
        self.update_title(&ctx);
        let mut commands = super::input::shortcuts(&ctx, &self.state);
        commands.extend(super::input::dropped_files(&ctx));

        self.views
            .prepare(&self.state.view_inputs(ctx.theme() == egui::Theme::Dark));
        let state = &self.state;
        let views = &self.views;
        let cx = ViewContext {
            data: &state.dataset,
            year_index: state.year_index().unwrap_or(0),
            selection: &state.selection,
            colours: &state.colour_slots,
            names: state.settings.names,
            strings: state.strings(),
        };
        let bar = TopBarState {
            year: state.year,
            view: state.settings.view,
            theme: state.settings.theme,
            recent: &state.settings.recent,
            figure: &state.settings.figure,
            language: state.language(),
        };
        egui::Panel::top("top_bar").show(ui, |ui| commands.extend(top_bar_ui(ui, &cx, &bar)));
        let loading = self.loading.as_ref().map(|l| LoadingStatus {
            label: l.label.as_str(),
            bytes: l.bytes,
            done: l.progress(),
            elapsed_secs: l.started.elapsed().as_secs(),
        });
        let reading_rest = self.rest.is_some();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            commands.extend(status_bar_ui(ui, &cx, loading.as_ref(), reading_rest));
        });
        // Until the indicators are in, a view that needs them waits for them.
        let waits = reading_rest && !shown_without_indicators(&state.settings);
        let central = egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(Self::banner_ui(
                state.strings(),
                ui,
                state.error.as_deref(),
                state.notice.as_deref(),
                state.load_warnings.len(),
            ));
            if state.warnings_open {
                commands.extend(Self::warnings_window_ui(
                    state.strings(),
                    ui.ctx(),
                    &state.load_warnings,
                ));
            }
            match state.settings.view {
                _ if waits => {
                    ui.vertical_centered(|ui| {
                        ui.add_space((ui.available_height() / 2.0 - 24.0).max(0.0));
                        ui.spinner();
                        ui.label(state.strings().reading_indicators);
                    });
                }
                View::Table => {
                    commands.extend(table_ui(ui, &cx, &state.settings.table, &state.table));
                }
                View::Radar => {
                    let picks = state.picks();
                    let inputs = RadarInputs {
                        settings: &state.settings.radar,
                        picks: &picks,
                        drill: state.radar_drill,
                        specs: views.radar.value().map_or(&[][..], Vec::as_slice),
                    };
                    commands.extend(radar_view_ui(ui, &cx, &inputs));
                }
                View::Trends => {
                    let picks = state.picks();
                    let inputs = TrendsInputs {
                        settings: &state.settings.trends,
                        picks: &picks,
                        cache: views,
                    };
                    commands.extend(trends_view_ui(ui, &cx, &inputs));
                }
                View::WhatIf => {
                    let inputs = WhatIfInputs {
                        settings: &state.settings.whatif,
                        cache: &state.whatif,
                        focus: state.focus(),
                    };
                    commands.extend(whatif_view_ui(ui, &cx, &inputs));
                }
                View::Audit => {
                    let year = state.year_index();
                    let result = year.and_then(|y| state.audit.result_for(&state.dataset, y));
                    let inputs = crate::views::audit::AuditInputs {
                        settings: &state.settings.audit,
                        job: state.audit.job.as_ref(),
                        result: result.map(AsRef::as_ref),
                        stale: result.is_none() && state.audit.result.is_some(),
                        error: state
                            .audit
                            .error
                            .as_ref()
                            .map(|e| state.strings().audit_error(e)),
                        sensitivity: year
                            .and_then(|y| state.audit.sensitivity_for(&state.dataset, y))
                            .map(AsRef::as_ref),
                        sensitivity_job: state.audit.sensitivity_job.as_ref(),
                        sensitivity_error: state
                            .audit
                            .sensitivity_error
                            .as_ref()
                            .map(|e| state.strings().audit_error(e)),
                        coherence: year
                            .and_then(|y| state.audit.coherence_for(&state.dataset, y))
                            .map(AsRef::as_ref),
                        focus: state.focus(),
                    };
                    commands.extend(crate::views::audit::audit_view_ui(ui, &cx, &inputs));
                }
            }
        });
        if let Some(prompt) = &state.path_prompt {
            commands.extend(crate::views::path_prompt::path_prompt_ui(
                &ctx,
                prompt,
                state.strings(),
            ));
        }
        if let Some(dialog) = &state.import {
            commands.extend(crate::views::import_dialog::import_dialog_ui(
                &ctx,
                dialog,
                state.strings(),
            ));
        }
        if state.help_open {
            commands.extend(crate::views::shortcuts::help_ui(&ctx, state.strings()));
        }
        if let Some(entity) = state.detail {
            commands.extend(detail_ui(
                &ctx,
                &cx,
                (entity, views.detail.value()),
                state.settings.radar.normalization,
            ));
        }

        self.quiet = commands.is_empty();
        if self.rest.is_some() {
            // Applied once the indicators are in: a command may need them (a capacity opened
            // to its indicators, another view, a save of the dataset).
            self.deferred.extend(commands);
        } else {
            let waited = std::mem::take(&mut self.deferred);
            for command in waited.into_iter().chain(commands) {
                self.apply(&ctx, command);
            }
        }
        if self.state.whatif.sensitivity_pending() {
            // Frames until the weights stop moving, then the work put off is done.
            ctx.request_repaint();
        }
        // A view marks its content (below or beside its own controls); else the whole panel.
        self.view_rect = crate::views::content_region::take_content(&ctx)
            .map_or(central.response.rect, |content| {
                content.intersect(central.response.rect)
            });
        if let Some(job) = &mut self.screenshot {
            // The first frame counts once what it shows is complete; the picture is taken
            // once everything is read.
            let shown = self.loading.is_none() && !waits;
            let complete = self.loading.is_none() && self.rest.is_none();
            job.on_frame(
                self.state.strings(),
                &ctx,
                (shown, complete),
                self.view_rect,
            );
        }
        self.take_screenshot_outcome();
        self.frames_drawn += 1;
        if matches!(self.rest, Some(Rest::Waiting(..))) {
            // The next frame starts reading the rest.
            ctx.request_repaint();
        }
    }

    fn save(&mut self, eframe_storage: &mut dyn eframe::Storage) {
        let storage: &mut dyn eframe::Storage = match &mut self.state_file {
            Some(file) => {
                // The state lives in its own file now; eframe's keeps the window's geometry.
                eframe_storage.remove_string(eframe::APP_KEY);
                file
            }
            None => eframe_storage,
        };
        match &self.old_state {
            // A newer rankscope's state is its own: this version never writes over it.
            OldState::KeepNewer => return,
            OldState::Backup(old) if !old.is_empty() => {
                storage.set_string(BACKUP_KEY, old.clone());
            }
            _ => {}
        }
        // A scripted screenshot must not overwrite what the user's own sessions remember.
        if self.screenshot.is_none() {
            let mut settings = self.state.settings.clone();
            settings.version = Settings::VERSION;
            settings.session = match &self.restoring {
                // Still reopening: keep what was remembered, not the sample shown meanwhile.
                Some(session) => session.clone(),
                None => self.state.session(),
            };
            eframe::set_value(storage, eframe::APP_KEY, &settings);
        }
        if let Some(file) = &mut self.state_file {
            eframe::Storage::flush(file);
            if let Some(error) = file.write_error() {
                eprintln!("rankscope: the state was not saved: {error}");
            }
        }
    }
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn one_warning_is_counted_in_the_singular() {
        let one = warnings_notice(
            &crate::strings::EN,
            &["a.csv: row 3: empty row skipped".into()],
        );
        assert!(one.starts_with("1 warning while opening"), "{one}");
        let two = vec![
            "a.csv: row 3: empty row skipped".to_owned(),
            "a.csv: row 9: empty row skipped".to_owned(),
        ];
        let two = warnings_notice(&crate::strings::EN, &two);
        assert!(two.starts_with("2 warnings while opening"), "{two}");
    }
}
