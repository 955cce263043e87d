//! One colour per entity: in the window by the order selected (`--select` included), in every
//! figure exported from it, and across all the figures of a report.

use crate::common::{app_harness, run_command};
use rankscope::app::command::Command;
use rankscope::app::figure_of_view::figure_of_view;
use rankscope::charts::palette::series_colour;

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[test]
fn the_window_colours_follow_the_select_order_and_exports_keep_them() {
    let mut harness = app_harness(&[
        "--view",
        "radar",
        "--select",
        "苏州科技城,贵州科学城,德阳高新区",
    ]);
    harness.run();
    let state = harness.state().state();
    let id = |name: &str| state.dataset.find_entity(name).expect("in the sample");
    let (suzhou, guizhou, deyang) = (id("苏州科技城"), id("贵州科学城"), id("德阳高新区"));
    assert_eq!(
        state.colour_slots.get(&suzhou),
        Some(&0),
        "named first, first colour"
    );
    assert_eq!(state.colour_slots.get(&guizhou), Some(&1));
    assert_eq!(state.colour_slots.get(&deyang), Some(&2));
    // Deselecting the second leaves a gap: the third keeps its colour, on screen and in a figure.
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::Select {
            entity: guizhou,
            mode: rankscope::app::state::SelectMode::Toggle,
        },
    );
    harness.run();
    let request = figure_of_view(harness.state().state());
    assert_eq!(request.entities, [suzhou, deyang]);
    assert_eq!(request.slots, [0, 2]);
    let svg = rankscope::export::figure::figure_svg(&harness.state().state().dataset, &request);
    assert!(
        svg.contains(&hex(series_colour(2))),
        "德阳 keeps its colour"
    );
    assert!(!svg.contains(&hex(series_colour(1))));
}

#[test]
fn every_figure_of_a_report_gives_an_entity_the_same_colour() {
    let folder = std::env::temp_dir().join(format!("rankscope-colours-{:05}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let config = folder.join("report.json");
    std::fs::write(
        &config,
        r#"{ "figures": [
             { "view": "bump", "select": ["贵州科学城", "苏州科技城"], "path": "bump.svg" },
             { "view": "slope", "select": ["苏州科技城"], "path": "slope.svg" },
             { "view": "radar", "select": ["苏州科技城", "贵州科学城"], "path": "radar.svg" } ] }"#,
    )
    .expect("written");
    run_command(&["export", "--config", config.to_str().expect("path")]).expect("report");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).expect("written");
    let (first, second) = (hex(series_colour(0)), hex(series_colour(1)));
    // 贵州 appears first in the report: the first colour everywhere; 苏州 the second.
    let slope = read("slope.svg");
    assert!(
        slope.contains(&second) && !slope.contains(&first),
        "苏州 in its own colour"
    );
    let radar = read("radar.svg");
    assert!(radar.contains(&first) && radar.contains(&second));
    let bump = read("bump.svg");
    assert!(bump.contains(&first) && bump.contains(&second));
    let _ = std::fs::remove_dir_all(&folder);
}

/// The `fill` of every `<text>` element of `svg`.
fn text_fills(svg: &str) -> Vec<[u8; 3]> {
    svg.lines()
        .filter(|l| l.trim_start().starts_with("<text"))
        .filter_map(|l| {
            let at = l.find(" fill=\"#")? + 8;
            let hex = l.get(at..at + 6)?;
            let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            Some([channel(0)?, channel(2)?, channel(4)?])
        })
        .collect()
}

#[test]
fn labels_in_series_colours_read_at_aa_on_the_white_figure() {
    use rankscope::charts::palette::{SERIES, contrast};
    use rankscope::export::figure::{FigureKind, FigureRequest, figure_svg};
    let data = rankscope::io::load_sample().expect("sample");
    // Every colour of the palette: the first 16 entities of 2023.
    let year = data.years.last().expect("a year");
    let entities: Vec<usize> = year
        .records
        .iter()
        .take(SERIES.len())
        .map(rankscope::model::Record::entity)
        .collect();
    for kind in [FigureKind::Bump, FigureKind::Slope] {
        // Room for every label.
        let request = FigureRequest {
            entities: entities.clone(),
            width: 1200.0,
            height: 800.0,
            ..FigureRequest::new(kind)
        };
        let svg = figure_svg(&data, &request);
        let fills = text_fills(&svg);
        assert!(fills.len() > SERIES.len(), "{kind:?}: labels drawn");
        for fill in fills {
            let ratio = contrast(fill, [255, 255, 255]);
            assert!(
                ratio >= 4.5,
                "{kind:?}: text in {fill:?} reads at {ratio:.2}:1"
            );
        }
    }
}
