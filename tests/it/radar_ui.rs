//! The Radar view: two selected entities give two legend entries and their exact-value bars;
//! the scale is named and switchable; an axis click drills into the capacity's indicators;
//! snapshots of the overlay and of small multiples.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use common::app_harness;
use egui_kittest::kittest::Queryable;

#[test]
fn two_selected_entities_show_two_legend_entries_and_exact_values() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城,贵州科学城"]);
    harness.run();
    // Legend (1) + one exact-value row per capacity (4).
    assert_eq!(harness.query_all_by_label("苏州科技城").count(), 5);
    assert_eq!(harness.query_all_by_label("贵州科学城").count(), 5);
    assert_eq!(
        harness.query_all_by_label("Cohort median").count(),
        2,
        "the toggle and the legend entry"
    );
    // Exact scores with the rank on the capacity: 贵州科学城's 2023 innovation score.
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    let guizhou = state.dataset.find_entity("贵州科学城").expect("entity");
    let score = year
        .record(year.record_of(guizhou).expect("listed"))
        .expect("a record")
        .score(1)
        .expect("innovation");
    let cohort = rankscope::model::radar::AxisCohort::of(year, 1);
    harness.get_by_label(&format!("{score:.2} (#{})", cohort.rank_of(score)));
}

#[test]
fn the_scale_is_named_and_can_be_switched() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    harness.get_by_label("2023 · Min–max (cohort)");
    harness.get_by_label("Scale").click();
    harness.run();
    harness.get_by_label("Percentile (cohort)").click();
    harness.run();
    harness.get_by_label("2023 · Percentile (cohort)");
    assert_eq!(
        harness.state().state().settings.radar.normalization,
        rankscope::model::radar::Normalization::Percentile
    );
}

#[test]
fn clicking_an_axis_shows_its_indicators_for_the_selection() {
    let mut harness = app_harness(&[
        "--view",
        "radar",
        "--select",
        "苏州科技城,贵州科学城,广东广州科学城,德阳高新区,南京高新区",
    ]);
    harness.run();
    harness
        .get_by_label("科技创新能力: Click to show this capacity's indicators")
        .click();
    harness.run();
    assert_eq!(harness.state().state().radar_drill, Some(1));
    let header = harness.get_by_label("科技创新能力 · Indicators").rect();
    let first = harness.get_by_label("研发经费投入强度 (%)").rect();
    // In view: the indicators come first beside the chart, not below the exact values.
    assert!(
        header.max.y < 300.0 && first.max.y < 900.0,
        "{header:?} {first:?}"
    );
}

#[test]
fn radar_overlay_snapshot() {
    let mut harness = app_harness(&[
        "--view",
        "radar",
        "--select",
        "贵州科学城,苏州科技城,广东广州科学城",
    ]);
    harness.run();
    let radar = &harness.state().view_cache().radar.value().expect("radar")[0];
    for city in ["贵州科学城", "苏州科技城", "广东广州科学城"] {
        assert!(
            radar.series.iter().any(|s| s.label.contains(city)),
            "{city} drawn"
        );
    }
    assert_eq!(radar.axes.len(), 4, "one axis per capacity");
    harness.snapshot("radar_overlay");
}

#[test]
fn radar_small_multiples_snapshot() {
    let mut harness = app_harness(&[
        "--view",
        "radar",
        "--select",
        "贵州科学城,苏州科技城,广东广州科学城,德阳高新区",
    ]);
    harness.run();
    harness.get_by_label("Small multiples").click();
    harness.run();
    let radars = harness.state().view_cache().radar.value().expect("radars");
    assert_eq!(
        radars.len(),
        1 + 4,
        "the overlay, then one radar per selected city"
    );
    harness.snapshot("radar_small_multiples");
}

#[test]
fn exact_values_stay_in_the_window_at_twice_the_ui_scale() {
    let mut harness = app_harness(&[
        "--view",
        "radar",
        "--select",
        "北京怀柔科学城,苏州科技城,贵州科学城",
    ]);
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::SetZoom(2.0));
    harness.run();
    let width = ctx.content_rect().width();
    let values: Vec<egui::Rect> = harness
        .get_all_by_label_contains("(#")
        .map(|n| n.rect())
        .collect();
    assert!(values.len() >= 3, "the exact values are listed");
    for value in values {
        assert!(
            value.right() <= width,
            "a value at {value:?} runs past the {width}-point window"
        );
    }
}
