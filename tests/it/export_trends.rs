//! `rankscope trends`: slopegraph and bump chart as SVG/PNG, the change table as CSV.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use clap::Parser;
use rankscope::cli::{Cli, Command, TrendsArgs, run_trends};

fn trends_args(args: &[&str]) -> TrendsArgs {
    let all = [&["rankscope", "trends"], args].concat();
    match Cli::try_parse_from(all).expect("arguments parse").command {
        Some(Command::Trends(trends)) => trends,
        _ => panic!("the trends command"),
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-trends-{:05}-{name}", std::process::id()))
}

#[test]
fn one_slopegraph_shows_suzhou_16_to_13_and_guizhou_reaching_34() {
    let out = scratch("slope.svg");
    let args = trends_args(&[
        "--from",
        "2022",
        "--to",
        "2023",
        "--select",
        "苏州科技城,贵州科学城",
        "--out",
        out.to_str().expect("path"),
    ]);
    run_trends(&args).expect("written");
    let svg = std::fs::read_to_string(&out).expect("svg");
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    for text in [
        "苏州科技城 16",
        "13 苏州科技城",
        "34 贵州科学城",
        "2022 → 2023",
    ] {
        assert!(svg.contains(text), "the slopegraph shows {text}");
    }
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_cohort_slopegraph_marks_entrants_and_dropouts() {
    let out = scratch("top.svg");
    let args = trends_args(&[
        "--from",
        "2022",
        "--to",
        "2023",
        "--top",
        "100",
        "--out",
        out.to_str().expect("path"),
    ]);
    run_trends(&args).expect("written");
    let svg = std::fs::read_to_string(&out).expect("svg");
    assert!(svg.contains("(new)"), "entrants are marked");
    assert!(svg.contains("(out) "), "dropouts are marked");
    // 2022's bands are drawn as ranges (thick translucent lines).
    assert!(svg.contains("stroke-opacity=\"0.6\" stroke-width=\"6\""));
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_bump_chart_renders_to_a_png_of_the_requested_size() {
    let out = scratch("bump.png");
    let args = trends_args(&[
        "--chart",
        "bump",
        "--select",
        "苏州科技城",
        "--size",
        "800x500",
        "--scale",
        "1",
        "--out",
        out.to_str().expect("path"),
    ]);
    run_trends(&args).expect("written");
    let image = image::open(&out).expect("PNG").to_rgba8();
    assert_eq!(image.dimensions(), (800, 500));
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_change_table_lists_the_selection_with_deltas_and_drivers() {
    let out = scratch("changes.csv");
    let args = trends_args(&[
        "--from",
        "2022",
        "--to",
        "2023",
        "--select",
        "苏州科技城,贵州科学城",
        "--out",
        out.to_str().expect("path"),
    ]);
    run_trends(&args).expect("written");
    let csv = std::fs::read_to_string(&out).expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two rows");
    assert!(lines[0].starts_with("\u{feff}Name,Province,Rank 2022,Rank 2023,Rank change,Total Δ,"));
    assert!(lines[0].ends_with(",Main driver"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("苏州科技城,江苏,16,13,▲3,")),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("贵州科学城,贵州,49,34,▲15,")),
        "{csv}"
    );
    let _ = std::fs::remove_file(&out);
}
