//! One click on the language switch changes every text in every view at once, cached charts
//! included: each view is drawn in English, switched to Chinese, and its texts checked.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use common::app_harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rankscope::app::RankscopeApp;
use rankscope::app::command::Command;
use rankscope::strings::{EN, Language, ZH};

/// Switches the language as the top bar's button does.
fn switch_to(harness: &mut Harness<'static, RankscopeApp>, language: Language) {
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::SetLanguage(language));
    harness.run();
}

#[test]
fn the_whatif_slopegraph_and_its_texts_follow_the_switch() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    let labels = |h: &Harness<'static, RankscopeApp>| {
        h.state()
            .state()
            .whatif
            .slope()
            .expect("a slopegraph")
            .column_labels
            .clone()
    };
    assert_eq!(labels(&harness)[1], EN.whatif_column);
    harness.get_by_label(EN.whatif_no_change);

    switch_to(&mut harness, Language::Chinese);
    assert_eq!(labels(&harness)[1], ZH.whatif_column, "the cached chart");
    assert_eq!(labels(&harness)[0], "2023 官方排名");
    harness.get_by_label(ZH.whatif_no_change);
    assert!(harness.query_by_label(EN.whatif_no_change).is_none());

    switch_to(&mut harness, Language::English);
    assert_eq!(labels(&harness)[1], EN.whatif_column);
}

#[test]
fn whatif_errors_are_worded_in_the_language_shown_not_the_one_they_arose_in() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let mut settings = harness.state().state().settings.whatif.clone();
    settings.weights = Some(vec![0.0; 4]);
    harness
        .state_mut()
        .apply(&ctx, Command::SetWhatIf(settings));
    harness.run();
    harness.get_by_label_contains(EN.weights_all_zero);

    switch_to(&mut harness, Language::Chinese);
    let label = format!("{} ({})", ZH.whatif_no_weights, ZH.weights_all_zero);
    harness.get_by_label(&label);
    assert!(
        harness
            .query_by_label_contains(EN.weights_all_zero)
            .is_none()
    );
}

/// A text shown in English, then, after the switch, its Chinese counterpart and no longer the
/// English one.
fn switches(harness: &mut Harness<'static, RankscopeApp>, en: &str, zh: &str) {
    assert!(shows(harness, en), "shown in English: {en}");
    switch_to(harness, Language::Chinese);
    assert!(shows(harness, zh), "shown in Chinese: {zh}");
    assert!(!shows(harness, en), "no English left: {en}");
}

/// Whether some node's label contains `text`.
fn shows(harness: &Harness<'static, RankscopeApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// A text the view draws from a cached chart, before and after the switch: it changes, and
/// the new text is on screen.
fn cached_text_follows(
    harness: &mut Harness<'static, RankscopeApp>,
    text: impl Fn(&Harness<'static, RankscopeApp>) -> String,
) {
    let before = text(harness);
    harness.get_by_label(&before);
    switch_to(harness, Language::Chinese);
    let after = text(harness);
    assert_ne!(after, before, "the cached chart was redrawn");
    harness.get_by_label(&after);
    assert!(harness.query_by_label(&before).is_none());
}

#[test]
fn the_table_headers_and_filters_follow_the_switch() {
    let mut harness = app_harness(&[]);
    harness.run();
    assert!(shows(&harness, EN.col_province));
    switches(&mut harness, EN.col_rank, ZH.col_rank);
    assert!(shows(&harness, ZH.col_province));
    assert!(!shows(&harness, EN.col_province));
}

#[test]
fn the_radar_and_its_cached_texts_follow_the_switch() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    cached_text_follows(&mut harness, |h| {
        h.state().view_cache().radar.value().expect("radar")[0]
            .subtitle
            .clone()
    });
    harness.get_by_label(ZH.radar_scale);
    assert!(harness.query_by_label(EN.radar_scale).is_none());
}

fn trends_section(
    section: rankscope::charts::trends_settings::TrendsSection,
) -> Harness<'static, RankscopeApp> {
    let mut harness = app_harness(&["--view", "trends", "--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let mut trends = harness.state().state().settings.trends.clone();
    trends.section = section;
    harness.state_mut().apply(&ctx, Command::SetTrends(trends));
    harness.run();
    harness
}

#[test]
fn every_trends_chart_follows_the_switch() {
    use rankscope::charts::trends_settings::TrendsSection;
    let mut bump = trends_section(TrendsSection::Bump);
    cached_text_follows(&mut bump, |h| {
        h.state()
            .view_cache()
            .bump
            .value()
            .expect("bump")
            .subtitle
            .clone()
    });
    let mut slope = trends_section(TrendsSection::Slope);
    cached_text_follows(&mut slope, |h| {
        h.state()
            .view_cache()
            .slope
            .value()
            .expect("slope")
            .subtitle
            .clone()
    });
    let mut changes = trends_section(TrendsSection::Changes);
    switches(&mut changes, EN.trends_driver, ZH.trends_driver);
    let mut movers = trends_section(TrendsSection::Movers);
    switches(&mut movers, EN.movers_risers, ZH.movers_risers);
    let mut capacities = trends_section(TrendsSection::Capacities);
    switches(&mut capacities, EN.change_rules, ZH.change_rules);
    let mut provinces = trends_section(TrendsSection::Provinces);
    switches(&mut provinces, EN.col_province, ZH.col_province);
}

#[test]
fn the_robustness_column_of_the_whatif_slopegraph_follows_the_switch() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::RunRobustness);
    common::step_until(&mut harness, "the robustness run", |h| {
        h.state().state().whatif.job.is_none()
    });
    let third = |h: &Harness<'static, RankscopeApp>| {
        h.state()
            .state()
            .whatif
            .slope()
            .expect("a slopegraph")
            .column_labels[2]
            .clone()
    };
    assert!(
        third(&harness).starts_with("Range, weights ±"),
        "{}",
        third(&harness)
    );
    switch_to(&mut harness, Language::Chinese);
    assert!(
        third(&harness).starts_with("区间（权重 ±"),
        "{}",
        third(&harness)
    );
}

#[test]
fn the_detail_window_follows_the_switch() {
    let mut harness = app_harness(&["--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let entity = harness
        .state()
        .state()
        .dataset
        .find_entity("苏州科技城")
        .expect("in the sample");
    harness.state_mut().apply(&ctx, Command::OpenDetail(entity));
    harness.run();
    switches(
        &mut harness,
        EN.detail_profile_over_years,
        ZH.detail_profile_over_years,
    );
}

#[test]
fn the_help_and_mapping_dialogs_follow_the_switch() {
    let mut harness = app_harness(&[]);
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::ToggleHelp);
    harness.run();
    switches(&mut harness, EN.sc_quit, ZH.sc_quit);

    let mut harness = app_harness(&[]);
    harness.run();
    let typo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typo-2023.csv");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::Open(typo));
    common::step_until(&mut harness, "the mapping dialog", |h| {
        h.state().state().import.is_some()
    });
    harness.get_by_label(EN.import_cancel);
    let summary = "70 entities · 1 years · 4 capacities · 0 indicators";
    harness.get_by_label(summary);
    switch_to(&mut harness, Language::Chinese);
    harness.get_by_label(ZH.import_cancel);
    assert!(
        harness.query_by_label(summary).is_none(),
        "the preview is worded anew"
    );
    assert!(shows(&harness, ZH.entities));
}
