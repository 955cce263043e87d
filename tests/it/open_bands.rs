//! Open bands ("1001+") through every view and command: ranks, changes, sorting, the bump
//! chart, the slopegraph, the what-if CSV and figure, and the table CSV never show a place
//! beyond the year's last place, and the files stay small.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};

use clap::Parser;
use rankscope::cli::{Cli, Command, GenArgs, run_gen, run_table, run_trends, run_whatif};
use rankscope::io::load_path;
use rankscope::model::{Dataset, Rank};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rankscope-open-{:05}-{name}", std::process::id()))
}

/// 1,200 entities a year over three years: places 1001 and worse are published as "1001+".
/// Each test writes its own copy (`name`), as tests run in parallel.
fn generated(name: &str) -> (PathBuf, Dataset) {
    let out = temp(&format!("{name}.json"));
    run_gen(&GenArgs {
        entities: 1200,
        years: 3,
        indicators: 8,
        seed: 11,
        first_year: 2021,
        no_ranks: false,
        decimals: None,
        out: out.clone(),
    })
    .expect("writes");
    let data = load_path(&out).expect("loads");
    (out, data)
}

/// Every whole number in `text` (runs of ASCII digits), as u64.
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty() && t.len() < 19)
        .filter_map(|t| t.parse().ok())
        .collect()
}

fn cli(args: &[&str]) -> Command {
    Cli::try_parse_from(["rankscope"].iter().chain(args))
        .expect("parse")
        .command
        .expect("a command")
}

/// The id of an entity ranked "1001+" in the last year and ranked in every year.
fn deep_entity(data: &Dataset) -> String {
    let last = data.years.last().expect("years");
    last.derived
        .order
        .iter()
        .map(|r| &last.records[r])
        .find(|record| {
            matches!(
                last.derived.ranks[last.record_of(record.entity()).expect("listed")],
                Rank::Open { .. }
            ) && data
                .years
                .iter()
                .all(|y| y.record_of(record.entity()).is_some())
        })
        .map(|record| data.entities[record.entity()].id.clone())
        .expect("an entity at 1001+ in every year")
}

#[test]
fn an_open_band_ends_at_the_years_last_place() {
    let (_, data) = generated("open");
    for year in &data.years {
        let last_place = u32::try_from(year.derived.order.len()).expect("small");
        let mut open = 0;
        for rank in year.derived.ranks.iter() {
            if let Rank::Open { lo, hi } = *rank {
                open += 1;
                assert_eq!(lo, 1001);
                assert_eq!(
                    hi, last_place,
                    "{}: 1001+ ends at the cohort's size",
                    year.year
                );
                assert_eq!(rank.to_string(), "1001+");
            }
            if let Some((_, hi)) = rank.bounds() {
                assert!(hi <= last_place);
            }
        }
        assert!(open > 100, "{}: the generator publishes 1001+", year.year);
        for change in year.derived.changes() {
            if let rankscope::model::RankChange::Moved { min_rise, max_rise } = change {
                assert!(
                    min_rise.abs() <= 1200 && max_rise.abs() <= 1200,
                    "{change:?}"
                );
            }
        }
    }
}

/// The file at `path`: smaller than `max_bytes`, and no number in `texts(file)` beyond
/// `last_place` (years aside); `u32::MAX` (4294967295) and its neighbours would be.
fn check_numbers(path: &Path, last_place: u64, max_bytes: u64, texts: fn(&str) -> Vec<String>) {
    let size = std::fs::metadata(path).expect("written").len();
    assert!(size < max_bytes, "{}: {size} bytes", path.display());
    let file = std::fs::read_to_string(path).expect("text");
    for text in texts(&file) {
        for n in numbers(&text) {
            assert!(
                n <= last_place || (2021..=2023).contains(&n),
                "{}: {n} in {text:?}",
                path.display()
            );
        }
    }
}

/// The text of an SVG's `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.to_owned()))
        .collect()
}

/// The cells of a CSV's columns whose header names a rank or a change.
fn rank_cells(csv: &str) -> Vec<String> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let picked: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let h = h.to_lowercase();
            h.contains("rank") || h.contains('δ') || h.contains("change")
        })
        .map(|(i, _)| i)
        .collect();
    assert!(!picked.is_empty(), "rank columns in {header:?}");
    lines
        .flat_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            picked
                .iter()
                .filter_map(|&i| cells.get(i).map(|c| (*c).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_bump_chart_and_slopegraph_of_an_open_band_stay_small() {
    let (file, data) = generated("bump");
    let entity = deep_entity(&data);
    let file = file.to_str().expect("path");
    for (chart, name) in [("bump", "bump.svg"), ("slope", "slope.svg")] {
        let out = temp(name);
        let Command::Trends(args) = cli(&[
            "trends",
            file,
            "--chart",
            chart,
            "--select",
            &entity,
            "--out",
            out.to_str().expect("path"),
        ]) else {
            panic!("trends");
        };
        run_trends(&args).expect("written");
        check_numbers(&out, 1200, 200_000, svg_texts);
        let svg = std::fs::read_to_string(&out).expect("svg");
        // The end label gives the band as the places it stands for: 1001 to the last place.
        assert!(
            svg_texts(&svg).iter().any(|t| t.starts_with("1001–")
                && numbers(t).get(1).is_some_and(|&hi| hi > 1001 && hi <= 1200)),
            "{chart}: the open band is labelled as a bounded range: {:?}",
            svg_texts(&svg)
        );
        assert!(
            svg.matches("<text").count() < 100,
            "{chart}: a handful of labels"
        );
    }
    let out = temp("changes.csv");
    let Command::Trends(args) = cli(&["trends", file, "--out", out.to_str().expect("path")]) else {
        panic!("trends");
    };
    run_trends(&args).expect("written");
    check_numbers(&out, 1200, 5_000_000, rank_cells);
}

#[test]
fn the_what_if_csv_gives_an_open_band_a_bounded_change() {
    let (file, _) = generated("what");
    let out = temp("whatif.csv");
    let Command::Whatif(args) = cli(&[
        "whatif",
        file.to_str().expect("path"),
        "--weights",
        "equal",
        "--out",
        out.to_str().expect("path"),
    ]) else {
        panic!("whatif");
    };
    run_whatif(&args).expect("written");
    let text = std::fs::read_to_string(&out).expect("csv");
    // Rows with a what-if rank (entities missing a capacity have none, and no Δ).
    let open_rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("1001+") && l.split(',').nth(3).is_some_and(|r| !r.is_empty()))
        .collect();
    assert!(open_rows.len() > 100);
    for row in &open_rows {
        // Δ of "1001+" against what-if rank r is 1001 − r .. 1200 − r.
        assert!(
            row.split(',').any(|cell| cell.contains("..")),
            "an interval: {row}"
        );
    }
    check_numbers(&out, 1200, 5_000_000, rank_cells);
    let svg = temp("whatif.svg");
    let Command::Whatif(args) = cli(&[
        "whatif",
        file.to_str().expect("path"),
        "--weights",
        "equal",
        "--out",
        svg.to_str().expect("path"),
    ]) else {
        panic!("whatif");
    };
    run_whatif(&args).expect("written");
    check_numbers(&svg, 1200, 500_000, svg_texts);
}

#[test]
fn the_table_sorts_an_open_band_after_the_closed_ones() {
    let (file, _) = generated("table");
    let out = temp("table.csv");
    let Command::Table(args) = cli(&[
        "table",
        file.to_str().expect("path"),
        "--sort",
        "rank:desc",
        "--columns",
        "rank,name,total",
        "--out",
        out.to_str().expect("path"),
    ]) else {
        panic!("table");
    };
    run_table(&args).expect("written");
    let text = std::fs::read_to_string(&out).expect("csv");
    let ranks: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(
        ranks.first(),
        Some(&"1001+"),
        "descending: the open band first"
    );
    let first_closed = ranks
        .iter()
        .position(|r| *r != "1001+")
        .expect("closed ranks");
    assert!(ranks[first_closed..].iter().all(|r| *r != "1001+"));
    assert_eq!(ranks[first_closed], "501–1000");
    check_numbers(&out, 1200, 5_000_000, rank_cells);
}
