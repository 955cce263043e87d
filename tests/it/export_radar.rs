//! `rankscope radar`: the figure written as SVG (real text, parseable, with the names and axis
//! labels) and as PNG (the requested pixel size, not blank), without a window.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use clap::Parser;
use rankscope::cli::{Cli, Command, RadarArgs, run_radar};

fn radar_args(args: &[&str]) -> RadarArgs {
    let all = [&["rankscope", "radar"], args].concat();
    match Cli::try_parse_from(all).expect("arguments parse").command {
        Some(Command::Radar(radar)) => radar,
        _ => panic!("the radar command"),
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-radar-{:05}-{name}", std::process::id()))
}

#[test]
fn the_svg_parses_and_carries_names_axis_labels_and_the_source() {
    let out = scratch("fig.svg");
    let args = radar_args(&[
        "--select",
        "贵州科学城,苏州科技城,广东广州科学城",
        "--out",
        out.to_str().expect("path"),
    ]);
    let summary = run_radar(&args).expect("written");
    assert!(summary.contains("3 entities"), "{summary}");
    let svg = std::fs::read_to_string(&out).expect("svg");
    let tree =
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    // By default 16 cm wide, in points.
    assert!(
        (tree.size().width() - 453.54).abs() < 0.01,
        "{:?}",
        tree.size()
    );
    for text in [
        "贵州科学城",
        "苏州科技城",
        "广东广州科学城",
        "基础建设能力",
        "科技创新能力",
        "城市承载能力",
        "要素保障能力",
        "Cohort median",
        "2023 · Min–max (cohort)",
        "Synthetic figures",
    ] {
        assert!(svg.contains(text), "the SVG names {text}");
    }
    assert!(
        svg.contains("Noto Sans CJK SC"),
        "a CJK font first in the font family"
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_png_has_the_requested_pixel_size_and_is_not_blank() {
    let out = scratch("fig.png");
    let args = radar_args(&[
        "--select",
        "苏州科技城",
        "--size",
        "600x400",
        "--scale",
        "2",
        "--out",
        out.to_str().expect("path"),
    ]);
    run_radar(&args).expect("written");
    let image = image::open(&out).expect("a PNG").to_rgba8();
    assert_eq!(
        image.dimensions(),
        (1200, 800),
        "600×400 points at 2 pixels per point"
    );
    let inked = image
        .pixels()
        .filter(|p| p.0[0] < 200 || p.0[1] < 200 || p.0[2] < 200)
        .count();
    assert!(
        inked > 1200 * 800 / 50,
        "at least 2 % of the pixels carry ink, found {inked}"
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn a_bad_extension_or_entity_is_refused_and_nothing_is_written() {
    let out = scratch("fig.jpg");
    let error = run_radar(&radar_args(&[
        "--select",
        "苏州科技城",
        "--out",
        out.to_str().expect("path"),
    ]))
    .expect_err("jpg");
    assert!(error.ends_with("expected a .svg or .png file"), "{error}");
    assert!(!out.exists());
    let error = run_radar(&radar_args(&[
        "--select",
        "Atlantis",
        "--out",
        "/tmp/x.svg",
    ]))
    .expect_err("unknown");
    assert_eq!(error, "--select: no entity named \"Atlantis\"");
}
