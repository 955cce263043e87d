//! The command line, without a window: what loads, and the messages for wrong arguments.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use clap::Parser;
use rankscope::app::state::View;
use rankscope::cli::{Cli, startup_from};

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied()))
}

fn startup_error(args: &[&str]) -> String {
    match startup_from(&parse(args).expect("arguments parse")) {
        Ok(_) => panic!("{args:?} should be refused"),
        Err(message) => message,
    }
}

#[test]
fn without_a_file_the_sample_opens_with_the_chosen_year_view_and_selection() {
    let cli = parse(&[
        "--year",
        "2022",
        "--view",
        "radar",
        "--select",
        "苏州科技城,guizhou",
    ])
    .expect("parse");
    let startup = startup_from(&cli).expect("startup");
    assert_eq!(startup.year, Some(2022));
    assert_eq!(startup.view, Some(View::Radar));
    let names: Vec<&str> = startup
        .selection
        .iter()
        .map(|&e| startup.dataset.entities[e].zh.as_str())
        .collect();
    assert_eq!(names, vec!["苏州科技城", "贵州科学城"]);
}

#[test]
fn an_unknown_year_lists_the_years_there_are() {
    assert_eq!(
        startup_error(&["--year", "1999"]),
        "--year 1999: the dataset has 2021, 2022, 2023"
    );
}

#[test]
fn an_unknown_entity_is_named() {
    assert_eq!(
        startup_error(&["--select", "Atlantis"]),
        "--select: no entity named \"Atlantis\""
    );
}

#[test]
fn a_broken_file_names_file_place_and_problem() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/duplicate-year.json"
    );
    assert_eq!(
        startup_error(&[path]),
        "duplicate-year.json: years[1].year: year 2022 is listed twice (first at years[0])"
    );
}

#[test]
fn the_window_size_is_checked() {
    assert_eq!(
        parse(&["--size", "1200x800"]).expect("valid").size,
        Some([1200.0, 800.0])
    );
    assert!(parse(&["--size", "big"]).is_err());
    assert!(parse(&["--size", "10x10"]).is_err());
}
