//! `rankscope whatif` on the bundled sample: the biggest gainers when innovation weighs twice as
//! much, computed here by hand from the published scores; reproducible Monte Carlo; clear errors.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use clap::Parser;
use rankscope::cli::{Cli, Command, WhatifArgs, run_whatif};
use rankscope::io::load_sample;
use rankscope::model::Rank;

fn args(extra: &[&str]) -> WhatifArgs {
    let cli = Cli::try_parse_from(["rankscope", "whatif"].iter().chain(extra)).expect("parse");
    match cli.command {
        Some(Command::Whatif(args)) => args,
        _ => panic!("the whatif command"),
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-whatif-{:05}-{name}", std::process::id()))
}

fn run(extra: &[&str], out: &std::path::Path) -> String {
    let out = out.to_str().expect("path");
    let all: Vec<&str> = extra.iter().copied().chain(["--out", out]).collect();
    run_whatif(&args(&all)).expect("written");
    std::fs::read_to_string(out).expect("csv")
}

/// Per entity (English name): official rank, then the rank under weights `w` on the raw scores,
/// by competition ranking, all computed here without the what-if model.
fn by_hand(year: i32, w: [f64; 4]) -> Vec<(String, u32, u32)> {
    let data = load_sample().expect("sample");
    let y = &data.years[data.year_index(year).expect("year")];
    let composite: Vec<f64> = y
        .derived
        .order
        .iter()
        .map(|r| {
            let record = y.record(r).expect("a record");
            (0..4)
                .map(|c| w[c] * record.score(c).expect("complete"))
                .sum::<f64>()
                / w.iter().sum::<f64>()
        })
        .collect();
    y.derived
        .order
        .iter()
        .zip(&composite)
        .map(|(r, &mine)| {
            let better = composite.iter().filter(|&&other| other > mine).count();
            let official = match y.derived.ranks[r] {
                Rank::Exact(n) => n,
                other => panic!("2023 ranks are exact, found {other}"),
            };
            (
                data.entities[y.records[r].entity()].en.clone(),
                official,
                u32::try_from(better + 1).expect("small"),
            )
        })
        .collect()
}

#[test]
fn doubling_innovation_lists_the_gainers_computed_by_hand() {
    let out = scratch("innovation.csv");
    // The sample's weights are 0.25, 0.35, 0.2, 0.2: innovation twice as heavy is 0.7.
    let csv = run(
        &[
            "--year",
            "2023",
            "--weights",
            "innovation=0.7",
            "--names",
            "en",
        ],
        &out,
    );
    let _ = std::fs::remove_file(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}Name,Province,Official rank,What-if rank,Δ,What-if score"
    );
    assert_eq!(lines.len(), 101);
    let rows: Vec<(String, u32, u32, i64)> = lines[1..]
        .iter()
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (
                cells[0].to_owned(),
                cells[2].parse().expect("official"),
                cells[3].parse().expect("what-if"),
                cells[4].parse().expect("delta"),
            )
        })
        .collect();
    let mut expected = by_hand(2023, [0.25, 0.7, 0.2, 0.2]);
    for (name, official, what_if) in &expected {
        let row = rows.iter().find(|r| &r.0 == name).expect("listed");
        assert_eq!((row.1, row.2), (*official, *what_if), "{name}");
        assert_eq!(row.3, i64::from(*official) - i64::from(*what_if), "{name}");
    }
    // The five biggest gainers, by the gain and then the what-if rank.
    expected.sort_by_key(|(_, official, what_if)| {
        (i64::from(*what_if) - i64::from(*official), *what_if)
    });
    let mut gainers: Vec<&(String, u32, u32, i64)> = rows.iter().filter(|r| r.3 > 0).collect();
    gainers.sort_by_key(|r| (-r.3, r.2));
    let top: Vec<&str> = gainers.iter().take(5).map(|r| r.0.as_str()).collect();
    let want: Vec<&str> = expected.iter().take(5).map(|e| e.0.as_str()).collect();
    assert_eq!(top, want);
    assert!(gainers[0].3 >= 5, "doubling innovation moves someone far");
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let (a, b) = (scratch("seed-a.csv"), scratch("seed-b.csv"));
    let flags = [
        "--year",
        "2023",
        "--samples",
        "200",
        "--spread",
        "0.2",
        "--seed",
        "7",
    ];
    let first = run(&flags, &a);
    let second = run(&flags, &b);
    let (bytes_a, bytes_b) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    let _ = (std::fs::remove_file(&a), std::fs::remove_file(&b));
    assert_eq!(bytes_a, bytes_b);
    assert_eq!(first, second);
    let header = first.lines().next().expect("header");
    assert!(
        header.ends_with("Best rank,Worst rank,Mean rank,Always top 10"),
        "{header}"
    );
    let always = first.lines().filter(|l| l.ends_with(",yes")).count();
    assert!((1..=10).contains(&always), "{always}");
}

#[test]
fn the_figure_is_a_slopegraph_with_its_source() {
    let out = scratch("slope.svg");
    let svg = run(
        &[
            "--year",
            "2023",
            "--weights",
            "innovation=0.7",
            "--samples",
            "50",
        ],
        &out,
    );
    let _ = std::fs::remove_file(&out);
    assert!(svg.starts_with("<svg") || svg.contains("<svg"), "an SVG");
    assert!(svg.contains("Official 2023") && svg.contains("What-if"));
    assert!(svg.contains("CCID"), "the source caption");
}

#[test]
fn errors_name_the_problem() {
    let out = scratch("error.csv");
    let out = out.to_str().expect("path");
    let error = |extra: &[&str]| {
        let all: Vec<&str> = extra.iter().copied().chain(["--out", out]).collect();
        run_whatif(&args(&all)).expect_err("refused")
    };
    assert_eq!(
        error(&["--weights", "talent=0.3"]),
        "--weights: unknown capacity \"talent\": the dataset has infrastructure, innovation, carrying, support"
    );
    assert_eq!(
        error(&["--weights", "innovation=-1"]),
        "--weights: weight of \"innovation\": expected a number ≥ 0, found \"-1\""
    );
    assert_eq!(
        error(&["--year", "1999"]),
        "--year 1999: the dataset has 2021, 2022, 2023"
    );
    assert_eq!(
        error(&["--samples", "10", "--spread", "2"]),
        "--samples/--spread: spread 2: expected a value between 0 and 1"
    );
    let txt = run_whatif(&args(&["--out", "ranking.txt"])).expect_err("refused");
    assert_eq!(
        txt, "--out ranking.txt: expected a .csv, .svg or .png file",
        "whatif"
    );
    assert!(!std::path::Path::new(out).exists(), "nothing written");
}
