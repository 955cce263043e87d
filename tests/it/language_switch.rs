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
            .slope
            .as_ref()
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
