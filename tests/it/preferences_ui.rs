//! Language, remembered state and keyboard, driven as a user would: a Chinese-locale machine
//! starts in Chinese, one click switches to English, and the next start finds everything where
//! it was left; a damaged state file gives defaults and a notice; Reset view, F1, UI scale, Tab.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use std::path::Path;

use common::{MemoryStorage, app_harness, app_harness_remembering, saved};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rankscope::app::RankscopeApp;
use rankscope::app::command::Command;
use rankscope::app::state::{Settings, Source, TableSettings, View};
use rankscope::model::{ColumnId, SortKey};
use rankscope::strings::{EN, Language, ZH};

fn id_of(harness: &Harness<'_, RankscopeApp>, name: &str) -> usize {
    harness
        .state()
        .state()
        .dataset
        .find_entity(name)
        .expect("an entity of the sample")
}

/// Steps until the background load is over.
fn wait_for_load(harness: &mut Harness<'static, RankscopeApp>, source: &Source) {
    common::step_until(harness, "the reopened dataset", |h| {
        &h.state().state().source == source || h.state().state().error.is_some()
    });
}

#[test]
fn a_chinese_locale_starts_in_chinese_and_one_click_switches_to_english() {
    let mut harness = app_harness_remembering(&[], &MemoryStorage::default(), Language::Chinese);
    harness.run();
    harness.get_by_label(ZH.file);
    harness.get_by_label(ZH.view_radar);
    assert!(harness.query_by_label(EN.file).is_none());

    harness.get_by_label("English").click();
    harness.run();
    harness.get_by_label(EN.file);
    harness.get_by_label(EN.view_radar);
    assert!(harness.query_by_label(ZH.file).is_none());
    assert_eq!(
        harness.state().state().settings.language,
        Some(Language::English)
    );
}

#[test]
fn switching_the_language_changes_a_menu_label_and_a_chart_label() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    harness.get_by_label(EN.export);
    harness.get_by_label("2023 · Min–max (cohort)");

    harness.get_by_label("简体中文").click();
    harness.run();
    harness.get_by_label(ZH.export);
    harness.get_by_label("2023 · 最小–最大（全体）");
    assert!(harness.get_all_by_label(ZH.radar_median).count() > 0);
    assert!(harness.query_by_label(EN.export).is_none());
    assert!(harness.query_by_label(EN.radar_median).is_none());
}

#[test]
fn the_next_start_finds_everything_where_it_was_left() {
    let mut harness = app_harness_remembering(&[], &MemoryStorage::default(), Language::Chinese);
    harness.run();
    harness.get_by_label("English").click();
    let ctx = harness.ctx.clone();
    let suzhou = id_of(&harness, "苏州科技城");
    let guizhou = id_of(&harness, "贵州科学城");
    let app = harness.state_mut();
    for command in [
        Command::SetYear(2022),
        Command::Select {
            entity: suzhou,
            mode: rankscope::app::state::SelectMode::Only,
        },
        Command::Select {
            entity: guizhou,
            mode: rankscope::app::state::SelectMode::Toggle,
        },
        Command::ToggleColumn(ColumnId::Province),
        Command::SetTheme(rankscope::app::state::ThemeChoice::Dark),
        Command::SetView(View::Radar),
    ] {
        app.apply(&ctx, command);
    }
    let mut query = app.state().settings.table.query.clone();
    query.sort = vec![SortKey {
        column: ColumnId::Capacity(1),
        descending: true,
    }];
    query.search = "科".to_owned();
    app.apply(&ctx, Command::SetQuery(query.clone()));
    let mut radar = app.state().settings.radar.clone();
    radar.normalization = rankscope::model::radar::Normalization::Percentile;
    app.apply(&ctx, Command::SetRadar(radar.clone()));
    harness.run();
    let remembered = saved(&mut harness);
    drop(harness);

    let mut again = app_harness_remembering(&[], &remembered, Language::Chinese);
    again.run();
    let state = again.state().state();
    assert_eq!(state.language(), Language::English, "the chosen language");
    assert_eq!(state.year, 2022);
    assert_eq!(state.settings.view, View::Radar);
    assert_eq!(
        state.selection.iter().copied().collect::<Vec<_>>(),
        {
            let mut both = vec![suzhou, guizhou];
            both.sort_unstable();
            both
        },
        "the selection"
    );
    assert_eq!(state.settings.table.query, query, "sort and filters");
    assert!(state.settings.table.hidden.contains(&ColumnId::Province));
    assert_eq!(state.settings.radar.normalization, radar.normalization);
    assert_eq!(
        state.settings.theme,
        rankscope::app::state::ThemeChoice::Dark
    );
    again.get_by_label(EN.file);
    again.get_by_label("2022 · Percentile (cohort)");
}

#[test]
fn the_last_dataset_reopens_with_its_year_and_selection() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/five-pillars.json");
    let mut first = app_harness(&[path.to_str().expect("UTF-8 path")]);
    first.run();
    let north = id_of(&first, "北方大学");
    let ctx = first.ctx.clone();
    first.state_mut().apply(
        &ctx,
        Command::Select {
            entity: north,
            mode: rankscope::app::state::SelectMode::Only,
        },
    );
    first.state_mut().apply(&ctx, Command::StepYear(-1));
    let year = first.state().state().year;
    let remembered = saved(&mut first);

    // Started without a file: the sample shows while the last dataset reopens.
    let mut again = app_harness_remembering(&[], &remembered, Language::English);
    wait_for_load(&mut again, &Source::File(path.clone()));
    let state = again.state().state();
    assert_eq!(state.source, Source::File(path));
    assert_eq!(state.year, year);
    assert_eq!(
        state.selection.iter().copied().collect::<Vec<_>>(),
        vec![north]
    );
    again.get_by_label("北方大学");
}

#[test]
fn a_vanished_last_dataset_leaves_the_sample_open_with_a_message() {
    let mut settings = Settings::fresh();
    settings.session.files = vec![Path::new("/nonexistent/rankscope/gone.json").to_path_buf()];
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &settings);
    let mut harness = app_harness_remembering(&[], &storage, Language::English);
    wait_for_load(&mut harness, &Source::File("never".into()));
    let state = harness.state().state();
    assert_eq!(state.source, Source::Sample);
    let error = state.error.clone().expect("the reopen failed");
    assert!(error.starts_with(EN.reopen_failed), "{error}");
    assert!(error.contains("gone.json"), "{error}");
}

#[test]
fn a_damaged_state_file_gives_defaults_and_a_notice() {
    let mut storage = MemoryStorage::default();
    eframe::Storage::set_string(
        &mut storage,
        eframe::APP_KEY,
        "(view: Radar, table: [[[".into(),
    );
    let mut harness = app_harness_remembering(&[], &storage, Language::English);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.settings.view, View::Table, "defaults");
    assert_eq!(state.notice.as_deref(), Some(EN.state_corrupt));
    harness.get_by_label(EN.state_corrupt);
    let written = saved(&mut harness);
    assert_eq!(
        eframe::Storage::get_string(&written, rankscope::app::BACKUP_KEY).as_deref(),
        Some("(view: Radar, table: [[["),
        "the damaged record is kept beside the new one"
    );
    assert!(eframe::Storage::get_string(&written, eframe::APP_KEY).is_some());
}

#[test]
fn a_state_file_from_a_newer_version_gives_defaults_and_a_notice() {
    let mut settings = Settings::fresh();
    settings.version = Settings::VERSION + 1;
    settings.view = View::Trends;
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &settings);
    let mut harness = app_harness_remembering(&[], &storage, Language::Chinese);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.settings.view, View::Table, "defaults");
    assert_eq!(
        state.notice.as_deref(),
        Some(ZH.state_outdated),
        "in the system's language"
    );
    let written = saved(&mut harness);
    assert!(
        eframe::Storage::get_string(&written, eframe::APP_KEY).is_none(),
        "a newer version's state is never written over"
    );
}

#[test]
fn reset_view_restores_the_default_sort_filters_columns_and_selection() {
    let mut harness = app_harness(&["--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let mut query = harness.state().state().settings.table.query.clone();
    query.search = "浙江".to_owned();
    query.sort = vec![SortKey {
        column: ColumnId::Total,
        descending: false,
    }];
    harness.state_mut().apply(&ctx, Command::SetQuery(query));
    harness
        .state_mut()
        .apply(&ctx, Command::ToggleColumn(ColumnId::Province));
    harness.run();
    assert!(harness.state().state().table.rows.len() < 100);

    harness.get_by_label(EN.view_menu).click();
    harness.run();
    harness.get_by_label(EN.reset_view).click();
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.settings.table, TableSettings::default());
    assert!(state.selection.is_empty());
    assert_eq!(state.table.rows.len(), 100, "every ranked city again");
    harness.get_by_label(EN.reset_view_done);
}

#[test]
fn f1_lists_the_shortcuts_and_escape_closes_the_list() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label(EN.shortcuts_title);
    harness.get_by_label(EN.sc_views);
    // Every view a Ctrl+digit opens is named.
    for view in [
        EN.view_table,
        EN.view_radar,
        EN.view_trends,
        EN.view_whatif,
        EN.view_audit,
    ] {
        assert!(EN.sc_views.contains(view), "{view} in {:?}", EN.sc_views);
    }
    harness.get_by_label("Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4 / Ctrl+5");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().state().help_open);
    assert!(harness.query_by_label(EN.sc_views).is_none());

    harness.get_by_label(EN.help).click();
    harness.run();
    harness.get_by_label_contains(EN.shortcuts_title).click();
    harness.run();
    assert!(harness.state().state().help_open, "also from the Help menu");
}

#[test]
fn menus_show_their_shortcuts() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label(EN.file).click();
    harness.run();
    harness.get_by_label_contains("Ctrl+O");
    harness.key_press(Key::Escape);
    harness.get_by_label(EN.view_menu).click();
    harness.run();
    harness.get_by_label_contains("Ctrl+Plus");
}

#[test]
fn the_ui_scale_follows_ctrl_plus_and_minus_and_is_remembered() {
    let mut harness = app_harness_remembering(&[], &MemoryStorage::default(), Language::English);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    let zoom = harness.ctx.zoom_factor();
    assert!((zoom - 1.2).abs() < 1e-4, "two steps of 10 %: {zoom}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    let remembered = saved(&mut harness);

    let mut again = app_harness_remembering(&[], &remembered, Language::English);
    again.run();
    let zoom = again.ctx.zoom_factor();
    assert!((zoom - 1.1).abs() < 1e-4, "restored: {zoom}");
}

#[test]
fn tab_moves_the_keyboard_focus_from_control_to_control() {
    let mut harness = app_harness(&[]);
    harness.run();
    let focused = |h: &Harness<'_, RankscopeApp>| h.ctx.memory(egui::Memory::focused);
    assert_eq!(focused(&harness), None);
    harness.key_press(Key::Tab);
    harness.run();
    let first = focused(&harness).expect("Tab focuses a control");
    harness.key_press(Key::Tab);
    harness.run();
    let second = focused(&harness).expect("Tab again focuses another");
    assert_ne!(first, second);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(focused(&harness), Some(first), "Shift+Tab goes back");
}

#[test]
fn main_window_snapshot_in_chinese() {
    let mut harness = app_harness(&["--select", "苏州科技城"]);
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    assert_eq!(harness.state().state().language(), Language::Chinese);
    harness.get_by_label("English");
    harness.get_by_label(ZH.view_table);
    harness.snapshot("main_window_zh");
}

#[test]
fn radar_snapshot_in_chinese() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城,贵州科学城"]);
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    let radar = &harness.state().view_cache().radar.value().expect("radar")[0];
    assert_eq!(
        radar
            .series
            .iter()
            .filter(|s| s.label.contains("科"))
            .count(),
        2
    );
    harness.get_by_label(&radar.subtitle.clone());
    harness.snapshot("radar_zh");
}

#[test]
fn a_nan_zoom_in_the_state_file_is_reset_with_a_notice_instead_of_failing_every_start() {
    let mut settings = Settings::fresh();
    settings.zoom = Some(f32::NAN);
    settings.view = View::Radar;
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, eframe::APP_KEY, &settings);
    let mut harness = app_harness_remembering(&[], &storage, Language::English);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.settings.zoom, None, "reset");
    assert_eq!(state.settings.view, View::Radar, "the rest is kept");
    assert_eq!(state.notice.as_deref(), Some(EN.state_repaired));
}

#[test]
fn the_session_remembers_absolute_paths_so_another_folder_reopens_the_same_file() {
    let relative = Path::new("tests/fixtures/ccid-2022.csv");
    let mut harness = app_harness(&[relative.to_str().expect("path")]);
    harness.run();
    let written = saved(&mut harness);
    let settings: Settings = eframe::get_value(&written, eframe::APP_KEY).expect("written");
    let file = settings.session.files.first().expect("the file").clone();
    assert!(file.is_absolute(), "{}", file.display());
    assert_eq!(file, std::fs::canonicalize(relative).expect("exists"));
}
