//! The remembered state in its own file, as a user's machine keeps it: written whole and
//! atomically on quit, read back on the next start; a damaged file copied byte for byte to
//! `.bak` with a notice; a newer version's file left untouched; eframe's old record taken over.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use std::path::{Path, PathBuf};

use common::{MemoryStorage, startup};
use egui_kittest::Harness;
use rankscope::app::RankscopeApp;
use rankscope::app::state::{Settings, View};
use rankscope::app::state_file::StateFile;
use rankscope::strings::EN;

/// An empty folder of its own for one test's state file.
fn folder(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rankscope-state-{tag}-{:05}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    dir
}

/// The app started on the sample with the state at `path` (and eframe's old record `legacy`).
fn app_with(path: &Path, legacy: Option<&MemoryStorage>) -> Harness<'static, RankscopeApp> {
    let file = StateFile::open(path, legacy.map(|s| s as &dyn eframe::Storage));
    let startup = startup(&[]);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| RankscopeApp::with_state_file(&cc.egui_ctx, Some(file), startup));
    harness.run();
    harness
}

/// Quits the app as eframe does: `save` with eframe's own storage.
fn quit(harness: &mut Harness<'static, RankscopeApp>) -> MemoryStorage {
    let mut eframe_storage = MemoryStorage::default();
    eframe::Storage::set_string(&mut eframe_storage, eframe::APP_KEY, "old".into());
    eframe::App::save(harness.state_mut(), &mut eframe_storage);
    eframe_storage
}

#[test]
fn the_state_is_written_to_its_file_and_found_there_on_the_next_start() {
    let dir = folder("roundtrip");
    let path = dir.join("nested").join("state.json");
    let mut first = app_with(&path, None);
    let ctx = first.ctx.clone();
    first
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::SetView(View::Radar));
    let eframe_storage = quit(&mut first);
    assert!(
        eframe::Storage::get_string(&eframe_storage, eframe::APP_KEY).is_none(),
        "eframe's file no longer holds a second copy of the state"
    );
    let text = std::fs::read_to_string(&path).expect("the state file was written");
    let values: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&text).expect("a JSON object of strings");
    assert!(values.contains_key(eframe::APP_KEY), "{text}");
    let names: Vec<String> = std::fs::read_dir(path.parent().expect("folder"))
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.json"], "no temporary file is left behind");

    let second = app_with(&path, None);
    assert_eq!(second.state().state().settings.view, View::Radar);
    assert_eq!(second.state().state().notice, None);
}

#[test]
fn a_damaged_state_file_is_kept_byte_for_byte_as_bak_and_the_app_starts_on_defaults() {
    let dir = folder("damaged");
    let path = dir.join("state.json");
    let garbage: Vec<u8> = vec![b'{', 0xff, 0xfe, 0, b'"', b'a', 0x80, b'x'];
    std::fs::write(&path, &garbage).expect("written");
    let mut harness = app_with(&path, None);
    assert_eq!(harness.state().state().settings.view, View::Table);
    assert_eq!(
        harness.state().state().notice.as_deref(),
        Some(EN.state_corrupt)
    );
    let bak = dir.join("state.json.bak");
    assert_eq!(std::fs::read(&bak).expect("the .bak file"), garbage);
    quit(&mut harness);
    assert_eq!(
        std::fs::read(&bak).expect("still there"),
        garbage,
        "saving does not touch the copy"
    );
    let text = std::fs::read_to_string(&path).expect("a new state file");
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "{text}"
    );
}

#[test]
fn a_record_that_no_longer_parses_goes_to_bak_as_its_text() {
    let dir = folder("record");
    let path = dir.join("state.json");
    std::fs::write(&path, r#"{"app": "(view: Radar, table: [[["}"#).expect("written");
    let mut harness = app_with(&path, None);
    assert_eq!(
        harness.state().state().notice.as_deref(),
        Some(EN.state_corrupt)
    );
    quit(&mut harness);
    assert_eq!(
        std::fs::read_to_string(dir.join("state.json.bak")).expect("the .bak file"),
        "(view: Radar, table: [[["
    );
}

#[test]
fn a_newer_versions_state_file_is_never_written_over() {
    let dir = folder("newer");
    let path = dir.join("state.json");
    let mut settings = Settings::fresh();
    settings.version = Settings::VERSION + 1;
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &settings);
    let record = eframe::Storage::get_string(&storage, eframe::APP_KEY).expect("set");
    let text = serde_json::json!({ "app": record }).to_string();
    std::fs::write(&path, &text).expect("written");
    let mut harness = app_with(&path, None);
    assert_eq!(
        harness.state().state().notice.as_deref(),
        Some(EN.state_outdated)
    );
    quit(&mut harness);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn the_state_eframe_kept_for_older_versions_is_taken_over_once() {
    let dir = folder("legacy");
    let path = dir.join("state.json");
    let mut settings = Settings::fresh();
    settings.view = View::Trends;
    let mut legacy = MemoryStorage::default();
    eframe::set_value(&mut legacy, eframe::APP_KEY, &settings);
    let mut harness = app_with(&path, Some(&legacy));
    assert_eq!(harness.state().state().settings.view, View::Trends);
    quit(&mut harness);
    assert!(path.is_file(), "written to the new file");
}

#[cfg(unix)]
#[test]
fn a_private_state_file_stays_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = folder("private");
    let path = dir.join("state.json");
    std::fs::write(&path, "{}").expect("written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let mut harness = app_with(&path, None);
    quit(&mut harness);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
