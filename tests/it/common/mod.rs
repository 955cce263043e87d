//! Shared test setup: a CJK font for egui (egui alone has none), and the app built as on start.

#![allow(dead_code, reason = "each test crate uses part of this module")]

use clap::Parser;
use rankscope::app::launch::startup_from;
use rankscope::app::{RankscopeApp, Startup};
use rankscope::cli::Cli;

/// Adds rankscope's bundled CJK font, as the app does on start, so Chinese renders as glyphs
/// in views drawn without the app (egui alone has no CJK font).
pub fn install_cjk_font(ctx: &egui::Context) {
    rankscope::app::fonts::install_bundled_cjk_font(ctx);
}

/// The startup the command line `rankscope ARGS...` gives.
pub fn startup(args: &[&str]) -> Startup {
    let cli = Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied()))
        .expect("valid arguments");
    let mut startup = startup_from(&cli.open).expect("the startup loads");
    // Tests read English labels whatever the machine's locale.
    startup.system_language = rankscope::strings::Language::English;
    startup
}

/// The whole app in a test harness, as `rankscope ARGS...` would open it.
pub fn app_harness(args: &[&str]) -> egui_kittest::Harness<'static, RankscopeApp> {
    app_harness_builder(args, egui_kittest::Harness::builder())
}

/// The whole app in a harness whose frames are 1/60 s apart, as a double click needs.
pub fn app_harness_60fps(args: &[&str]) -> egui_kittest::Harness<'static, RankscopeApp> {
    app_harness_builder(
        args,
        egui_kittest::Harness::builder().with_step_dt(1.0 / 60.0),
    )
}

fn app_harness_builder(
    args: &[&str],
    builder: egui_kittest::HarnessBuilder<RankscopeApp>,
) -> egui_kittest::Harness<'static, RankscopeApp> {
    let startup = startup(args);
    builder
        .with_size([1400.0, 900.0])
        .with_theme(egui::Theme::Light)
        .with_context_setup(install_cjk_font)
        .build_eframe(move |cc| RankscopeApp::new(cc, startup))
}

/// eframe's storage in memory: what the app remembers between two harnesses.
#[derive(Clone, Default)]
pub struct MemoryStorage(pub std::collections::BTreeMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// The app as `rankscope ARGS...` opens it on a machine whose locale speaks `system` and whose
/// remembered state is `storage`.
pub fn app_harness_remembering(
    args: &[&str],
    storage: &MemoryStorage,
    system: rankscope::strings::Language,
) -> egui_kittest::Harness<'static, RankscopeApp> {
    let mut startup = startup(args);
    startup.system_language = system;
    let storage = storage.clone();
    egui_kittest::Harness::builder()
        .with_size([1400.0, 900.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| RankscopeApp::with_storage(&cc.egui_ctx, Some(&storage), startup))
}

/// What the app would write to its storage on closing now.
pub fn saved(harness: &mut egui_kittest::Harness<'static, RankscopeApp>) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

/// A CSV of three ranked rows and `columns` numeric columns headed `x0y`, `x1y`…, written to a
/// temporary file named `rankscope-{tag}-PID-2023.csv`: a sheet far wider than any real one.
pub fn wide_csv(columns: usize, tag: &str) -> std::path::PathBuf {
    use std::fmt::Write as _;
    let mut text = String::from("rank,name");
    for i in 0..columns {
        write!(text, ",x{i}y").expect("write");
    }
    for row in 1..=3 {
        write!(text, "\n{row},E{row}").expect("write");
        for i in 0..columns {
            write!(text, ",{}", row + i % 7).expect("write");
        }
    }
    let path =
        std::env::temp_dir().join(format!("rankscope-{tag}-{}-2023.csv", std::process::id()));
    std::fs::write(&path, text).expect("written");
    path
}

/// Runs a scripted command (`table`, `radar`, `trends`, `whatif`, `audit`, `gen`, `export`) as the
/// command line would: its summary, or the message for a bad argument or a failure.
pub fn run_command(args: &[&str]) -> Result<String, String> {
    use clap::Parser;
    use rankscope::cli::{Cli, Command};
    let cli = Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    cli.command.map_or_else(
        || Err("no scripted command".to_owned()),
        |command: Command| rankscope::cli::run_scripted(&command),
    )
}

/// How long [`step_until`] waits for background work: far longer than it takes, so that a
/// loaded machine slows a test down instead of failing it.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_mins(1);

/// Steps the app until `done` holds (background loads, builds and runs report on their own
/// time), then runs it to rest. Panics naming `what` if [`PATIENCE`] passes first.
pub fn step_until(
    harness: &mut egui_kittest::Harness<'static, RankscopeApp>,
    what: &str,
    done: impl Fn(&egui_kittest::Harness<'static, RankscopeApp>) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(harness) {
        assert!(
            started.elapsed() < PATIENCE,
            "{what}: not done after {PATIENCE:?}"
        );
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
}
