//! The Trends view: picking two years shows the slopegraph and the movers; the change table
//! names each entity's driving capacity; counts by province; snapshots.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use common::app_harness;
use egui_kittest::kittest::Queryable;

fn open_section(
    harness: &mut egui_kittest::Harness<'static, rankscope::app::RankscopeApp>,
    section: &str,
) {
    harness.get_by_label(section).click();
    harness.run();
}

fn pick_years(
    harness: &mut egui_kittest::Harness<'static, rankscope::app::RankscopeApp>,
    from: &str,
    to: &str,
) {
    for (caption, year) in [("From", from), ("To", to)] {
        harness.get_by_label(caption).click();
        harness.run();
        // The open list shows every year; the last node with that label is in the list.
        let node = harness
            .query_all_by_label(year)
            .last()
            .expect("the year in the list");
        node.click();
        harness.run();
    }
}

#[test]
fn picking_two_years_shows_the_slopegraph_of_the_selection() {
    let mut harness = app_harness(&["--view", "trends", "--select", "苏州科技城,贵州科学城"]);
    harness.run();
    open_section(&mut harness, "Slopegraph");
    pick_years(&mut harness, "2022", "2023");
    harness.get_by_label("2022 → 2023 · selected entities");
    let trends = &harness.state().state().settings.trends;
    assert_eq!((trends.from, trends.to), (Some(2022), Some(2023)));
    harness.snapshot("trends_slopegraph");
}

#[test]
fn the_movers_list_the_2023_entrants_with_what_moved_them() {
    let mut harness = app_harness(&["--view", "trends"]);
    harness.run();
    open_section(&mut harness, "Movers");
    let state = harness.state().state();
    let year = &state.dataset.years[2];
    let entrants = year.derived.entrants.len();
    harness.get_by_label(&format!("Entrants ({})", entrants.min(10)));
    harness.get_by_label_contains("Risers (places)");
    harness.get_by_label_contains("Dropouts");
    // Each entrant is listed with its 2023 rank.
    let first = &state.dataset.entities[year.derived.entrants[0]];
    let rank = year.derived.ranks[year.record_of(year.derived.entrants[0]).expect("listed")];
    harness.get_by_label_contains(&format!("{}  {rank}", first.zh));
    harness.snapshot("trends_movers");
}

#[test]
fn the_change_table_sorts_by_rank_change_and_names_the_driver() {
    let mut harness = app_harness(&["--view", "trends"]);
    harness.run();
    open_section(&mut harness, "Change table");
    harness.get_by_label("Δ").click();
    harness.run();
    harness.get_by_label("Δ ▲");
    let state = harness.state().state();
    let (from, to) = state.settings.trends.pair(&state.dataset).expect("pair");
    let changes = state
        .settings
        .trends
        .changes(&state.dataset, (from, to), state.settings.names);
    let rises: Vec<i64> = changes
        .iter()
        .filter_map(rankscope::model::changes::Change::rise)
        .collect();
    assert!(
        rises.windows(2).all(|w| w[0] <= w[1]),
        "ascending by certain rise"
    );
    assert!(
        changes.last().expect("rows").rise().is_none(),
        "entrants and dropouts last"
    );
    harness.get_by_label("Main driver");
}

#[test]
fn counts_by_province_match_the_published_2022_figures() {
    let mut harness = app_harness(&["--view", "trends"]);
    harness.run();
    open_section(&mut harness, "By province");
    harness.get_by_label("2022").click();
    harness.run();
    // Sorted by 2022: 浙江 17 first, then 广东 13.
    for count in ["17", "13", "10"] {
        assert!(
            harness.query_all_by_label(count).count() >= 1,
            "{count} in the counts"
        );
    }
    harness.get_by_label("浙江");
    harness.snapshot("trends_provinces");
}

#[test]
fn capacity_trends_snapshot() {
    let mut harness = app_harness(&["--view", "trends", "--select", "苏州科技城,贵州科学城"]);
    harness.run();
    open_section(&mut harness, "Capacities");
    for capacity in [
        "基础建设能力",
        "科技创新能力",
        "城市承载能力",
        "要素保障能力",
    ] {
        harness.get_by_label(capacity);
    }
    // One legend above the panels, naming the reference lines once.
    harness.get_by_label(rankscope::strings::EN.radar_median);
    harness.get_by_label(rankscope::strings::EN.capacities_band);
    harness.snapshot("trends_capacities");
}
