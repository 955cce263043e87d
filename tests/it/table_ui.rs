//! The Table view driven as an analyst would: header clicks sort (ascending, descending, reset,
//! secondary key, missing values last), the search box and province filter narrow the rows and
//! the count says so, selections copy as TSV and reach the Radar view, the table saves as CSV.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use common::app_harness;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rankscope::app::RankscopeApp;
use rankscope::app::command::Command;
use rankscope::model::ColumnId;

type App = Harness<'static, RankscopeApp>;

/// The values of `column` down the shown rows.
fn column_values(harness: &App, column: ColumnId) -> Vec<Option<f64>> {
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    state
        .table
        .rows
        .iter()
        .map(|&r| column.number(year, r))
        .collect()
}

/// The Chinese names down the shown rows.
fn names(harness: &App) -> Vec<String> {
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    state
        .table
        .rows
        .iter()
        .map(|&r| state.dataset.entities[year.records[r].entity()].zh.clone())
        .collect()
}

fn ascending(values: &[f64]) -> bool {
    values.windows(2).all(|w| w[0] <= w[1])
}

#[test]
fn clicking_the_innovation_header_sorts_ascending_then_descending_then_back_to_rank_order() {
    let mut harness = app_harness(&[]);
    harness.run();
    let rank_order = names(&harness);
    let innovation = ColumnId::Capacity(1);

    harness.get_by_label("科技创新能力").click();
    harness.run();
    let values: Vec<f64> = column_values(&harness, innovation)
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(values.len(), 100);
    assert!(ascending(&values), "ascending after one click");
    harness.get_by_label("科技创新能力 ▲");

    harness.get_by_label("科技创新能力 ▲").click();
    harness.run();
    let mut values: Vec<f64> = column_values(&harness, innovation)
        .into_iter()
        .flatten()
        .collect();
    values.reverse();
    assert!(ascending(&values), "descending after two clicks");
    harness.get_by_label("科技创新能力 ▼");

    harness.get_by_label("科技创新能力 ▼").click();
    harness.run();
    assert_eq!(
        names(&harness),
        rank_order,
        "the third click returns to rank order"
    );
}

#[test]
fn missing_values_sort_last_in_both_directions() {
    // In 2021 of the sample, one entity has no urban carrying capacity score.
    let mut harness = app_harness(&["--year", "2021"]);
    harness.run();
    let carrying = ColumnId::Capacity(2);
    harness.get_by_label("城市承载能力").click();
    harness.run();
    let values = column_values(&harness, carrying);
    assert_eq!(values.last(), Some(&None), "missing last when ascending");
    assert!(values[..values.len() - 1].iter().all(Option::is_some));
    harness.get_by_label("城市承载能力 ▲").click();
    harness.run();
    assert_eq!(
        column_values(&harness, carrying).last(),
        Some(&None),
        "missing last when descending"
    );
}

#[test]
fn shift_click_adds_a_secondary_key() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label("Province").click();
    harness.run();
    harness
        .get_by_label("Total")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("Province ▲1");
    harness.get_by_label("Total ▲2");
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    let rows: Vec<(String, f64)> = state
        .table
        .rows
        .iter()
        .map(|&r| {
            (
                state.dataset.entities[year.records[r].entity()]
                    .province_zh
                    .clone(),
                year.records[r].total().expect("total"),
            )
        })
        .collect();
    for pair in rows.windows(2) {
        let key = |p: &str| rankscope::model::collation::collation_key(p);
        assert!(
            key(&pair[0].0) <= key(&pair[1].0),
            "provinces ascending by pinyin: {} before {}",
            pair[0].0,
            pair[1].0
        );
        if pair[0].0 == pair[1].0 {
            assert!(
                pair[0].1 <= pair[1].1,
                "totals ascending within {}",
                pair[0].0
            );
        }
    }
}

#[test]
fn typing_in_the_search_box_finds_guizhou_34th_in_2023() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    let before = harness.state().state().table.decimals.computed;
    harness.get_by_label("Find").type_text("贵州科学");
    harness.run();
    assert_eq!(names(&harness), ["贵州科学城"]);
    assert_eq!(
        harness.state().state().table.decimals.computed,
        before,
        "a search keeps the columns' decimals (they depend on the year and columns only)"
    );
    harness.get_by_label("showing 1 of 100");
    harness.get_by_label("34");
    harness.get_by_label("▲15");
    // The chip clears the search with one click.
    harness.get_by_label("“贵州科学” ×").click();
    harness.run();
    harness.get_by_label("showing 100 of 100");
}

#[test]
fn the_province_filter_shows_only_zhejiang_and_guangdong() {
    let mut harness = app_harness(&["--year", "2022"]);
    harness.run();
    harness.get_by_label("Provinces").click();
    harness.run();
    harness.get_by_label("浙江 (17)").click();
    harness.run();
    harness.get_by_label("广东 (13)").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("showing 30 of 100");
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    assert!(state.table.rows.iter().all(|&r| {
        let province = &state.dataset.entities[year.records[r].entity()].province_zh;
        province == "浙江" || province == "广东"
    }));
}

#[test]
fn three_selected_cities_copy_as_tsv_and_appear_in_the_radar_view() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label("上海浦东张江科学城").click();
    harness.run();
    harness
        .get_by_label("北京海淀中关村科学城")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness
        .get_by_label("苏州科技城")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    assert_eq!(harness.state().state().selection.len(), 3);

    // Ctrl+C, as the window system delivers it: a Copy event.
    harness.event(egui::Event::Copy);
    harness.step();
    // What the frame handed to the system clipboard.
    let tsv = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("Ctrl+C copied text");
    harness.run();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three rows");
    assert!(
        lines[0].starts_with("Rank\tΔ\tName\tProvince\tTotal\t基础建设能力"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("1\t–\t上海浦东张江科学城\t上海\t"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with("13\t▲3\t苏州科技城\t江苏\t86.07\t"),
        "{}",
        lines[3]
    );
    let notice = harness.state().state().notice.clone().expect("a notice");
    assert!(notice.contains("3 rows"), "{notice}");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    for name in ["上海浦东张江科学城", "北京海淀中关村科学城", "苏州科技城"]
    {
        // In the legend, and beside each capacity's exact-value bar.
        assert_eq!(
            harness.query_all_by_label(name).count(),
            5,
            "{name} in the Radar view"
        );
    }
}

#[test]
fn shift_click_selects_a_range_and_the_selection_survives_sorting_and_years() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label("广东广州科学城").click();
    harness.run();
    harness
        .get_by_label("浙江杭州未来科技城")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert_eq!(harness.state().state().selection.len(), 4, "ranks 2 to 5");
    harness.get_by_label("Total").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().state().selection.len(), 4);
}

#[test]
fn double_click_opens_the_detail_with_every_year() {
    let mut harness = common::app_harness_60fps(&[]);
    harness.run();
    harness.get_by_label("苏州科技城").click();
    harness.step();
    harness.get_by_label("苏州科技城").click();
    harness.step();
    harness.run();
    let suzhou = harness
        .state()
        .state()
        .dataset
        .find_entity("苏州科技城")
        .expect("entity");
    assert_eq!(harness.state().state().detail, Some(suzhou));
    // The entity's type, captioned.
    let kind = harness.state().state().dataset.entities[suzhou]
        .kind
        .clone()
        .expect("the sample gives types");
    harness.get_by_label(&format!("Type: {kind}"));
    for year in ["2021", "2022", "2023"] {
        assert!(
            harness.query_all_by_label(year).count() >= 2,
            "{year} in the detail"
        );
    }
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().state().detail, None);
}

#[test]
fn the_table_saves_as_shown_in_utf8_csv_with_a_bom() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find").type_text("浙江");
    harness.run();
    let shown = harness.state().state().table.rows.len();
    let path = std::env::temp_dir().join(format!("rankscope-table-{:05}.csv", std::process::id()));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, Command::SaveTable(path.clone()));
    let csv = std::fs::read_to_string(&path).expect("saved");
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert_eq!(
        csv.lines().count(),
        shown + 1,
        "a header and the shown rows"
    );
    assert!(csv.lines().skip(1).all(|l| l.contains("浙江")), "{csv}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn include_unranked_lists_every_entity_of_the_dataset() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label("Include unranked").click();
    harness.run();
    // The sample has 120 entities; 100 are ranked in 2023.
    harness.get_by_label("showing 120 of 120");
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("year")];
    let listed_last: Vec<usize> = state.table.rows[100..]
        .iter()
        .map(|&r| year.row_entity(r).expect("entity"))
        .collect();
    assert_eq!(listed_last.len(), 20);
    assert!(
        listed_last.iter().all(|&e| year.record_of(e).is_none()),
        "the 20 not listed in 2023 come last"
    );
}

#[test]
fn table_snapshot_sorted_and_filtered() {
    let mut harness = app_harness(&["--select", "苏州科技城"]);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find").type_text("江");
    harness.run();
    harness.get_by_label("科技创新能力").click();
    harness.run();
    harness.get_by_label("科技创新能力 ▲").click();
    harness.run();
    let state = harness.state().state();
    let year = &state.dataset.years[state.year_index().expect("a year")];
    assert!(!state.table.rows.is_empty() && state.table.rows.len() < 100);
    let innovation: Vec<f64> = state
        .table
        .rows
        .iter()
        .filter_map(|&r| ColumnId::Capacity(1).number(year, r))
        .collect();
    assert!(
        innovation.windows(2).all(|w| w[0] >= w[1]),
        "descending by innovation"
    );
    harness.snapshot("table_sorted_filtered");
}

#[test]
fn entity_detail_snapshot_with_the_profile_over_the_years() {
    let mut harness = app_harness(&[]);
    harness.run();
    let suzhou = harness
        .state()
        .state()
        .dataset
        .find_entity("苏州科技城")
        .expect("entity");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::OpenDetail(suzhou));
    harness.run();
    harness.get_by_label("Profile over the years");
    harness.snapshot("entity_detail");
}

#[test]
fn columns_follow_a_new_ui_scale_until_the_user_resizes_one() {
    let mut harness = app_harness(&[]);
    harness.run();
    let ctx = harness.ctx.clone();
    // At 1×, 1400 points wide, the name column grows to use the width.
    let province_at_1x = harness.get_by_label("Province").rect();
    harness.state_mut().apply(&ctx, Command::SetZoom(2.0));
    harness.run();
    // At 2× the window is 700 points wide and the table wider than that: the name column goes
    // back to its own width (220 points) instead of keeping the one sized for 1×.
    let width = ctx.content_rect().width();
    assert!((width - 700.0).abs() < 1.0, "{width}");
    let province = harness.get_by_label("Province").rect();
    assert!(
        province.left() < province_at_1x.left() - 30.0,
        "the name column narrowed: Province head at {province:?}, at 1× {province_at_1x:?}"
    );
    assert!(province.right() < width, "the Province head is in view");
}
