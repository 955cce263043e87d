//! The What-if view driven as an analyst would: moving the innovation slider re-ranks the
//! cities (the 2023 sample with innovation weighed twice), the robustness run finishes in the
//! background and names the top-10 places that survive ±20 %, the table shows the what-if
//! columns, and idle frames recompute nothing in any view.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use std::sync::atomic::{AtomicBool, AtomicU64};

use common::app_harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rankscope::app::RankscopeApp;
use rankscope::app::command::Command;
use rankscope::app::state::View;
use rankscope::charts::trends_settings::TrendsSection;
use rankscope::model::ColumnId;
use rankscope::model::whatif::{Weights, robustness};
use rankscope::strings::EN;

fn ranking_of(harness: &Harness<'_, RankscopeApp>, name: &str) -> (String, Option<u32>) {
    let state = harness.state().state();
    let entity = state
        .dataset
        .find_entity(name)
        .expect("a city of the sample");
    let model = state.whatif.model().expect("a model");
    let ranking = state.whatif.ranking().expect("a ranking");
    let row = model.row_of(entity).expect("ranked in 2023");
    (model.official[row].to_string(), ranking.rank[row])
}

/// Steps until the background run is over.
fn wait_for_run(harness: &mut Harness<'static, RankscopeApp>) {
    common::step_until(harness, "the robustness run", |h| {
        h.state().state().whatif.job.is_none()
    });
}

#[test]
fn moving_the_innovation_slider_re_ranks_the_cities() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    // With the dataset's own weights on raw scores the ranking is the official one.
    assert_eq!(
        ranking_of(&harness, "四川中国（绵阳）科技城"),
        ("4".to_owned(), Some(4))
    );
    harness.get_by_label(EN.whatif_no_change);

    // Innovation weighed twice: 0.35 → 0.70.
    harness
        .get_by_role_and_label(Role::Slider, "科技创新能力")
        .set_value_accesskit(0.70);
    harness.run();
    let weights = harness
        .state()
        .state()
        .settings
        .whatif
        .weights
        .clone()
        .expect("chosen weights");
    assert!((weights[1] - 0.70).abs() < 1e-9, "{weights:?}");
    assert_eq!(
        ranking_of(&harness, "四川中国（绵阳）科技城"),
        ("4".to_owned(), Some(1)),
        "the innovation leader goes first"
    );
    assert_eq!(
        ranking_of(&harness, "漳州高新区"),
        ("89".to_owned(), Some(81))
    );
    // The biggest winner is listed with its places, the biggest loser too.
    harness.get_by_label("漳州高新区  89 → 81");
    harness.get_by_label("黑龙江哈尔滨科技创新城  82 → 88");
    // The share of innovation is now 0.70 / 1.35.
    harness.get_by_label("52%");
}

#[test]
fn the_table_shows_the_what_if_rank_and_its_change() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    harness
        .get_by_role_and_label(Role::Slider, "科技创新能力")
        .set_value_accesskit(0.70);
    harness.run();
    harness.get_by_label(EN.whatif_show_in_table).click();
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::SetView(View::Table));
    harness.run();
    let state = harness.state().state();
    assert!(state.table.columns.contains(&ColumnId::WhatIfRank));
    assert!(state.table.columns.contains(&ColumnId::WhatIfChange));
    harness.get_by_label(EN.col_whatif_rank);
    // 四川中国（绵阳）科技城 is 4th officially and 1st under the what-if weights.
    let data = &state.dataset;
    let year = &data.years[data.year_index(2023).expect("2023")];
    let mianyang = data.find_entity("四川中国（绵阳）科技城").expect("city");
    let record = year.record_of(mianyang).expect("listed");
    assert_eq!(state.table.external.text(ColumnId::WhatIfRank, record), "1");
    assert_eq!(
        state.table.external.text(ColumnId::WhatIfChange, record),
        "▲3"
    );

    // Typing in the search box filters the rows; the what-if columns are not rebuilt for it.
    let columns = std::sync::Arc::clone(&state.table.external);
    let mut query = state.settings.table.query.clone();
    query.search = "四川".to_owned();
    harness.state_mut().apply(&ctx, Command::SetQuery(query));
    let state = harness.state().state();
    assert!(state.table.rows.len() < 100);
    assert!(std::sync::Arc::ptr_eq(&columns, &state.table.external));
}

#[test]
fn the_robustness_run_names_the_top_10_places_that_survive_any_20_percent_change() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    harness.get_by_label(EN.whatif_run).click();
    harness.run();
    wait_for_run(&mut harness);
    let state = harness.state().state();
    let (robust, _) = state.whatif.robustness.as_ref().expect("a finished run");
    assert!((robust.params.spread - 0.2).abs() < 1e-12);
    assert_eq!(robust.params.samples, 1000);

    // The same run, made directly with the same seed, agrees.
    let model = state.whatif.model().expect("a model");
    let weights = Weights::from_dataset(&state.dataset.meta.capacities);
    let direct = robustness(
        model,
        &weights,
        &robust.params,
        1,
        &AtomicU64::new(0),
        &AtomicBool::new(false),
    )
    .expect("a run");
    assert_eq!(direct.always_top, robust.always_top);

    let names: Vec<String> = robust
        .always_top
        .iter()
        .map(|&row| state.dataset.entities[model.entities[row]].zh.clone())
        .collect();
    assert_eq!(names.len(), 9, "places 1–9 hold, tenth does not: {names:?}");
    assert!(names.contains(&"上海浦东张江科学城".to_owned()));
    assert!(!names.contains(&"上海张江高新区".to_owned()));
    harness.get_by_label(&EN.whatif_always_top.replace("{k}", "10"));
    harness.get_by_label_contains("上海浦东张江科学城 (1–");
}

#[test]
fn idle_frames_recompute_nothing_in_any_view() {
    let mut harness = app_harness(&["--select", "苏州科技城,贵州科学城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let suzhou = harness
        .state()
        .state()
        .dataset
        .find_entity("苏州科技城")
        .expect("city");
    harness.state_mut().apply(&ctx, Command::OpenDetail(suzhou));
    let mut settings = harness.state().state().settings.trends.clone();
    let mut places = vec![View::Table, View::Radar, View::WhatIf];
    places.extend([View::Trends; 6]);
    let sections = [
        TrendsSection::Bump,
        TrendsSection::Slope,
        TrendsSection::Changes,
        TrendsSection::Movers,
        TrendsSection::Capacities,
        TrendsSection::Provinces,
    ];
    let mut section = sections.iter();
    for view in places {
        harness.state_mut().apply(&ctx, Command::SetView(view));
        if view == View::Trends {
            settings.section = *section.next().expect("a section");
            harness
                .state_mut()
                .apply(&ctx, Command::SetTrends(settings.clone()));
        }
        harness.run();
        let before = (
            harness.state().view_cache().computations(),
            harness.state().state().whatif.counts(),
        );
        for _ in 0..10 {
            harness.step();
        }
        let after = (
            harness.state().view_cache().computations(),
            harness.state().state().whatif.counts(),
        );
        assert_eq!(before, after, "{view:?} recomputed on idle frames");
    }
    // And a change of setting does recompute: switching the radar's scale.
    let computed = harness.state().view_cache().radar.computed;
    harness
        .state_mut()
        .apply(&ctx, Command::SetView(View::Radar));
    let mut radar = harness.state().state().settings.radar.clone();
    radar.normalization = rankscope::model::radar::Normalization::Percentile;
    harness.state_mut().apply(&ctx, Command::SetRadar(radar));
    harness.run();
    assert_eq!(harness.state().view_cache().radar.computed, computed + 1);
}

#[test]
fn weights_on_the_command_line_open_the_what_if_view_re_weighted() {
    let mut harness = app_harness(&["--view", "whatif", "--weights", "innovation=0.7"]);
    harness.run();
    assert_eq!(
        ranking_of(&harness, "四川中国（绵阳）科技城"),
        ("4".to_owned(), Some(1))
    );
    let cli = <rankscope::cli::Cli as clap::Parser>::try_parse_from([
        "rankscope",
        "--weights",
        "talent=0.5",
    ])
    .expect("valid arguments");
    let error = rankscope::app::launch::startup_from(&cli.open)
        .err()
        .expect("an unknown capacity is refused");
    assert!(
        error.contains("--weights") && error.contains("talent"),
        "{error}"
    );
}

#[test]
fn the_sensitivity_waits_for_the_slider_to_stop_then_follows_the_weights() {
    let mut harness = app_harness(&["--view", "whatif", "--select", "苏州科技城"]);
    harness.run();
    let before = harness.state().state().whatif.sensitivity().cloned();
    assert!(before.is_some(), "the selected entity's sensitivity");
    let computed = harness.state().state().whatif.counts().sensitivities;
    let ctx = harness.ctx.clone();
    let mut settings = harness.state().state().settings.whatif.clone();
    // Three slider steps in three frames, as a drag gives them.
    for innovation in [0.40, 0.45, 0.50] {
        settings.weights = Some(vec![0.25, innovation, 0.2, 0.2]);
        harness
            .state_mut()
            .apply(&ctx, Command::SetWhatIf(settings.clone()));
        assert!(harness.state().state().whatif.sensitivity_pending());
    }
    assert_eq!(
        harness.state().state().whatif.counts().sensitivities,
        computed,
        "nothing computed while the weights move"
    );
    harness.run();
    let state = harness.state().state();
    assert!(!state.whatif.sensitivity_pending());
    assert_eq!(
        state.whatif.counts().sensitivities,
        computed + 1,
        "once, after"
    );
    let after = state.whatif.sensitivity().cloned();
    assert!(after.is_some() && after != before, "for the new weights");
}

#[test]
fn save_csv_writes_the_what_if_ranking_in_what_if_order() {
    let mut harness = app_harness(&["--view", "whatif", "--weights", "innovation=0.7"]);
    harness.run();
    let path = std::env::temp_dir().join(format!("rankscope-whatif-{:05}.csv", std::process::id()));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::SaveWhatIf(path.clone()));
    let csv = std::fs::read_to_string(&path).expect("the CSV was written");
    let _ = std::fs::remove_file(&path);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("\u{feff}Name,Province,Official rank,What-if rank,Δ,What-if score")
    );
    let first = lines.next().expect("a first row");
    assert!(
        first.starts_with("四川中国（绵阳）科技城,四川,4,1,3,"),
        "the innovation leader first: {first}"
    );
    assert_eq!(lines.count(), 99, "every ranked city of 2023");
    assert!(
        harness
            .state()
            .state()
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("rankscope-whatif-")),
        "a notice names the file"
    );
}

#[test]
fn the_what_if_results_are_computed_only_once_shown() {
    let mut harness = app_harness(&[]);
    harness.run();
    assert_eq!(
        harness.state().state().whatif.counts().models,
        0,
        "nothing while the Table view shows no what-if columns"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    let counts = harness.state().state().whatif.counts();
    assert_eq!((counts.models, counts.rankings, counts.fits), (1, 1, 1));
    harness.get_by_label(EN.whatif_winners);
}

#[test]
fn the_leaders_sensitivity_says_it_is_already_first() {
    let mut harness = app_harness(&["--view", "whatif", "--select", "上海浦东张江科学城"]);
    harness.run();
    let firsts = harness.query_all_by_label(EN.whatif_already_first).count();
    assert_eq!(firsts, 4, "one per capacity, in the move-up column");
    assert!(
        harness.query_all_by_label(EN.whatif_unreachable).count() < 4,
        "not every row is unreachable"
    );
}

#[test]
fn a_clicked_weight_slider_takes_the_keyboard() {
    let mut harness = app_harness(&["--view", "whatif"]);
    harness.run();
    let slider = harness
        .query_all_by_role(Role::Slider)
        .next()
        .expect("a weight slider");
    slider.click();
    harness.run();
    let slider = harness
        .query_all_by_role(Role::Slider)
        .next()
        .expect("a weight slider");
    assert!(slider.is_focused(), "the arrows now move it");
}

#[test]
fn the_audit_view_runs_off_the_ui_thread_and_draws_each_entitys_interval() {
    let mut harness = crate::common::app_harness(&["--view", "audit"]);
    harness.run();
    harness.get_by_label_contains("Run the analysis");
    harness.get_by_label("Run").click();
    // A run keeps the window repainting (its progress): step, do not wait for it to settle.
    harness.step();
    crate::common::step_until(&mut harness, "the audit run", |h| {
        h.state().state().audit.job.is_none()
    });
    harness.run();
    let state = harness.state().state();
    let year = state.year_index().expect("a year");
    let result = state
        .audit
        .result_for(&state.dataset, year)
        .expect("a result of the shown year");
    assert_eq!(result.scenarios, 1000);
    assert_eq!(result.rows.len(), 100);
    harness.get_by_label_contains("rank under 1000 scenarios");
    harness.get_by_label_contains("of the top 10 stay there");
    // Save data: the intervals as rankscope audit writes them.
    let path =
        std::env::temp_dir().join(format!("rankscope-audit-ui-{:05}.json", std::process::id()));
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SaveAudit(path.clone()),
    );
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("written")).expect("JSON");
    assert_eq!(saved["entities"].as_array().map(Vec::len), Some(100));
    assert_eq!(saved["scenarios"], 1000);
    let _ = std::fs::remove_file(&path);
    // The table shows each entity's median rank and interval, sortable like any rank.
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetView(rankscope::app::state::View::Table),
    );
    harness.run();
    harness.get_by_label_contains("Median rank");
    let state = harness.state().state();
    let first = state.table.rows[0];
    let median = state
        .table
        .external
        .text(rankscope::model::ColumnId::AuditMedian, first);
    assert_eq!(median, "1", "the leader's median rank");
    let interval = state
        .table
        .external
        .text(rankscope::model::ColumnId::AuditInterval, first);
    assert!(interval.starts_with('1'), "{interval}");
    // Another year: the result is of 2023, not 2022.
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetView(rankscope::app::state::View::Audit),
    );
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::SetYear(2022));
    harness.run();
    harness.get_by_label_contains("another year");
}

#[test]
fn an_audit_run_can_be_cancelled_and_the_factors_are_remembered() {
    let mut harness = crate::common::app_harness(&["--view", "audit"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let settings = rankscope::context::audit::AuditSettings {
        samples: 100_000,
        leave_one_out: true,
        ..Default::default()
    };
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetAudit(settings.clone()),
    );
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::RunAudit);
    harness.run_steps(2);
    harness.get_by_label("Cancel").click();
    // The stopped workers wake the window once more: step a few frames rather than wait for
    // them to settle (how many depends on the machine's timing).
    harness.run_steps(6);
    let state = harness.state().state();
    assert!(state.audit.job.is_none(), "stopped");
    assert!(state.audit.result.is_none(), "no partial result");
    assert_eq!(state.settings.audit, settings);
}

#[test]
fn the_audit_view_shows_what_drives_the_uncertainty_and_how_the_index_hangs_together() {
    use rankscope::app::command::Command;
    use rankscope::context::audit::{AuditSection, AuditSettings};
    let mut harness = crate::common::app_harness(&["--view", "audit", "--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let settings = AuditSettings {
        section: AuditSection::Sensitivity,
        sensitivity_n: 100,
        ..AuditSettings::default()
    };
    harness.state_mut().apply(&ctx, Command::SetAudit(settings));
    harness.run();
    // Weights, normalisation and aggregation vary: 100 · (3 + 2) rankings.
    harness.get_by_label_contains("500 rankings");
    harness.get_by_label("Compute the indices").click();
    harness.step();
    crate::common::step_until(&mut harness, "the sensitivity run", |h| {
        h.state().state().audit.sensitivity_job.is_none()
    });
    harness.run();
    let state = harness.state().state();
    let year = state.year_index().expect("a year");
    let sensitivity = state
        .audit
        .sensitivity_for(&state.dataset, year)
        .expect("indices of the shown year");
    assert_eq!(sensitivity.mean_shift.len(), 3);
    assert!(
        sensitivity.entity.is_some(),
        "the focused entity's rank too"
    );
    harness.get_by_label_contains("what drives the mean rank shift");
    // Coherence: asked for when shown, computed off the UI thread.
    let settings = AuditSettings {
        section: AuditSection::Coherence,
        ..harness.state().state().settings.audit.clone()
    };
    harness.state_mut().apply(&ctx, Command::SetAudit(settings));
    // A spinner turns while they are computed: step, do not wait for the frames to settle.
    harness.step();
    crate::common::step_until(&mut harness, "the correlations", |h| {
        let state = h.state().state();
        state
            .year_index()
            .and_then(|y| state.audit.coherence_for(&state.dataset, y))
            .is_some()
    });
    harness.run();
    harness.get_by_label("Cronbach's α");
    harness.get_by_label_contains("No component pulls against another");
}
