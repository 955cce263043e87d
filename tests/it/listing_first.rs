//! A Parquet file opened from the command line shows its table from the listing (names, ranks,
//! totals, capacity scores), then takes its indicators in after the first frame without
//! changing what the window shows; what the user asks meanwhile is done once they are in.

use std::sync::Arc;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rankscope::app::RankscopeApp;
use rankscope::app::state::{AppState, Settings, View};
use rankscope::model::{ColumnId, SortKey};

use crate::common::{app_harness, run_command, startup};

/// A generated 60-entity, 3-year Parquet file with 4 capacities and 31 indicators.
fn generated(tag: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "rankscope-listing-{}-{tag}.parquet",
        std::process::id()
    ));
    run_command(&[
        "gen",
        "--entities",
        "60",
        "--years",
        "3",
        "--out",
        path.to_str().expect("path"),
    ])
    .expect("generated");
    path
}

/// Steps the window until the indicators are in.
fn wait_for_the_indicators(harness: &mut egui_kittest::Harness<'static, RankscopeApp>) {
    step_until(harness, |state| !state.dataset.meta.indicators.is_empty());
}

/// Steps the window (a spinner turns while files are read, so it never rests) until `done`,
/// for at most 30 s.
fn step_until(
    harness: &mut egui_kittest::Harness<'static, RankscopeApp>,
    done: impl Fn(&AppState) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(harness.state().state()) {
        assert!(started.elapsed().as_secs() < 30, "done in time");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_parquet_file_opens_on_its_listing_and_the_indicators_join_it_without_changing_the_table() {
    let file = generated("table");
    let name = file.to_str().expect("path");
    let listing = startup(&[name]);
    assert!(
        listing.rest.is_some(),
        "the rest is read after the first frame"
    );
    assert!(listing.dataset.meta.indicators.is_empty());
    assert_eq!(listing.dataset.meta.capacities.len(), 4);
    // Where the user stands when the indicators come in: a year, a sort, a selection.
    let mut state = AppState::new(listing.dataset, listing.source, Settings::fresh());
    state.year = 2016;
    state.settings.table.query.sort = vec![SortKey {
        column: ColumnId::Capacity(2),
        descending: true,
    }];
    state.selection.insert(7);
    state.refresh_table();
    let (rows, columns) = (state.table.rows.clone(), state.table.columns.clone());
    let whole = rankscope::io::load_path(&file).expect("loads");
    assert_eq!(whole.meta.indicators.len(), 31);
    state.complete_dataset(Arc::new(whole));
    assert_eq!(state.dataset.meta.indicators.len(), 31);
    assert_eq!(state.year, 2016);
    assert_eq!(state.table.rows, rows, "the same rows in the same order");
    assert_eq!(state.table.columns, columns);
    assert!(state.selection.contains(&7));
    assert_eq!(state.settings.table.query.sort.len(), 1);
    // Now a capacity opens to its indicators.
    state.settings.table.expanded.insert(1);
    state.refresh_table();
    assert!(
        state
            .table
            .columns
            .iter()
            .any(|c| matches!(c, ColumnId::Indicator(_)))
    );
    // Another file's data is not taken as the rest of this one: it replaces the dataset.
    let other = generated("other");
    let mut other_dataset = rankscope::io::load_path(&other).expect("loads");
    other_dataset.entities.truncate(0);
    state.complete_dataset(Arc::new(other_dataset));
    assert!(state.selection.is_empty());
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(other);
}

#[test]
fn what_the_user_asks_while_the_indicators_are_read_is_done_once_they_are_in() {
    let file = generated("window");
    let name = file.to_str().expect("path");
    let mut harness = app_harness(&[name, "--year", "2016"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.step();
    wait_for_the_indicators(&mut harness);
    harness.run();
    let whole = harness.state().state();
    assert_eq!(whole.dataset.meta.indicators.len(), 31);
    assert_eq!(whole.year, 2016, "the year stays");
    assert_eq!(whole.settings.view, View::Radar, "the view asked for");
    assert!(
        harness.query_by_label("Reading the indicators…").is_none(),
        "the status bar no longer says they are read"
    );
    let _ = std::fs::remove_file(file);
}

#[test]
fn a_file_opens_whole_when_its_view_needs_the_indicators_or_it_has_none_to_leave() {
    let file = generated("audit");
    let name = file.to_str().expect("path");
    let whole = startup(&[name, "--view", "audit"]);
    assert!(whole.rest.is_none());
    assert_eq!(whole.dataset.meta.indicators.len(), 31);
    // Several files, and files of other formats, are read whole as before.
    let csv = file.with_extension("csv");
    run_command(&[
        "gen",
        "--entities",
        "5",
        "--out",
        csv.to_str().expect("path"),
    ])
    .expect("generated");
    let from_csv = startup(&[csv.to_str().expect("path")]);
    assert!(from_csv.rest.is_none());
    assert!(!from_csv.dataset.meta.indicators.is_empty());
    // A Parquet file with no indicator columns has nothing left to read after its table.
    let arwu = format!(
        "{}/tests/fixtures/parquet/real/arwu-2015.parquet",
        env!("CARGO_MANIFEST_DIR")
    );
    let no_indicators = startup(&[&arwu]);
    assert!(no_indicators.rest.is_none());
    assert!(no_indicators.dataset.meta.indicators.is_empty());
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(csv);
}

#[test]
fn the_indicator_columns_warnings_join_the_windows_once_they_are_read() {
    use rankscope::io::columnar_out::{Format, Kind, Layout, Values};
    // A cell of an indicator column that cannot be read is warned about once the indicators
    // are in, though the table showed before they were read.
    let layout = Layout {
        name: "ranking",
        columns: [
            ("year", Kind::Integer),
            ("name", Kind::Text),
            ("total", Kind::Number),
            ("innovation", Kind::Number),
            ("patents", Kind::Number),
        ]
        .iter()
        .map(|(name, kind)| ((*name).to_owned(), *kind))
        .collect(),
        metadata: Vec::new(),
    };
    let names = ["Alpha", "Beta", "Gamma"];
    let group = vec![
        Values::Integers(vec![2023; 3]),
        Values::Texts(names.iter().map(|n| (*n).to_owned()).collect()),
        Values::Numbers(vec![Some(90.0), Some(80.0), Some(70.0)]),
        Values::Numbers(vec![Some(9.0), Some(8.0), Some(7.0)]),
        Values::Numbers(vec![Some(1.0), Some(f64::INFINITY), Some(3.0)]),
    ];
    let dir = std::env::temp_dir();
    let file = dir.join(format!(
        "rankscope-listing-{}-odd.parquet",
        std::process::id()
    ));
    let mapping = dir.join(format!("rankscope-listing-{}-odd.json", std::process::id()));
    std::fs::write(
        &file,
        Format::Parquet
            .write(&layout, std::iter::once(group))
            .expect("written"),
    )
    .expect("written");
    std::fs::write(
        &mapping,
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "total"},
            {"header": "innovation", "role": "capacity", "id": "innovation"},
            {"header": "patents", "role": "indicator", "id": "patents", "capacity": "innovation"}
        ]}"#,
    )
    .expect("written");
    let args = [
        file.to_str().expect("path"),
        "--mapping",
        mapping.to_str().expect("path"),
    ];
    let listing = startup(&args);
    assert!(listing.rest.is_some());
    assert!(
        !listing.warnings.iter().any(|w| w.contains("patents")),
        "the listing does not read the indicator: {:?}",
        listing.warnings
    );
    let mut harness = app_harness(&args);
    wait_for_the_indicators(&mut harness);
    let state = harness.state().state();
    assert!(
        state
            .load_warnings
            .iter()
            .any(|w| w.contains("patents") && w.contains("row 3")),
        "{:?}",
        state.load_warnings
    );
    assert!(
        state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("patents"))
    );
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(mapping);
}

#[test]
fn a_parquet_file_opened_in_the_window_builds_its_listing_then_reads_the_rest() {
    use rankscope::app::loader::{Opened, PendingLoad};
    let file = generated("opened");
    // Built after the mapping dialog: the listing, with the rest of the file to read.
    let draft = rankscope::io::import::read_draft_with_progress(&file, &|_| {}).expect("a draft");
    let mapping = draft.mapping.clone();
    let load = PendingLoad::build(
        Arc::new(draft),
        (mapping, Vec::new()),
        vec![file.clone()],
        || {},
    );
    let started = std::time::Instant::now();
    let outcome = loop {
        if let Some(outcome) = load.poll() {
            break outcome;
        }
        assert!(started.elapsed().as_secs() < 30, "the build ends");
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let Some((_, Ok(Opened::Dataset(listing, Some(rest))))) = outcome else {
        panic!("a listing with its rest to read");
    };
    assert!(listing.dataset.meta.indicators.is_empty());
    let whole = rest.read().expect("the rest reads");
    assert_eq!(whole.dataset.meta.indicators.len(), 31);
    assert_eq!(whole.dataset.entities.len(), listing.dataset.entities.len());
    // In the window: File → Open, the dialog's Open, then the indicators join the table.
    let mut harness = app_harness(&[]);
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::Open(file.clone()));
    step_until(&mut harness, |state| {
        state.import.as_ref().is_some_and(|d| d.building.is_none())
    });
    // What the dialog's Open button gives.
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::ConfirmImport);
    step_until(&mut harness, |state| {
        assert_eq!(state.error, None);
        state.source != rankscope::app::state::Source::Sample
            && !state.dataset.meta.indicators.is_empty()
    });
    let state = harness.state().state();
    assert_eq!(state.dataset.meta.indicators.len(), 31);
    assert_eq!(state.files, vec![file.clone()]);
    let _ = std::fs::remove_file(file);
}
