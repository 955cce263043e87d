//! `rankscope table --out t.svg|t.png`: the table as a figure that never clips: tall enough
//! for every row by default, and at a fixed size the rows that fit with "rows 1–n of m".

use crate::common::run_command;

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "rankscope-tablefig-{:05}-{name}",
        std::process::id()
    ))
}

/// Every `y="…"` of a text element in the SVG.
fn text_baselines(svg: &str) -> Vec<f64> {
    svg.lines()
        .filter(|l| l.trim_start().starts_with("<text"))
        .filter_map(|l| {
            let at = l.find(" y=\"")? + 4;
            let end = l[at..].find('"')? + at;
            l[at..end].parse().ok()
        })
        .collect()
}

fn canvas_height(svg: &str) -> f64 {
    let at = svg.find("height=\"").expect("a height") + 8;
    let end = svg[at..].find('"').expect("closed") + at;
    svg[at..end].parse().expect("a number")
}

#[test]
fn a_top_100_table_figure_is_tall_enough_for_every_row() {
    let out = scratch("all.svg");
    let summary = run_command(&["table", "--out", out.to_str().expect("path")]).expect("drawn");
    assert!(summary.contains("100 rows"), "{summary}");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains("贵州科学城") || svg.contains("苏州科技城"));
    let height = canvas_height(&svg);
    let baselines = text_baselines(&svg);
    assert!(baselines.len() > 100 * 5, "every row's cells are drawn");
    assert!(
        baselines.iter().all(|&y| y > 0.0 && y < height),
        "nothing below the canvas"
    );
    assert!(!svg.contains("rows 1–"), "no rows left out");
}

#[test]
fn at_a_fixed_size_the_rows_that_fit_are_drawn_and_the_rest_counted() {
    let out = scratch("fixed.svg");
    run_command(&[
        "table",
        "--size",
        "1200x800",
        "--out",
        out.to_str().expect("path"),
    ])
    .expect("drawn");
    let svg = std::fs::read_to_string(&out).expect("written");
    let baselines = text_baselines(&svg);
    assert!(
        baselines.iter().all(|&y| y > 0.0 && y < 800.0),
        "nothing below the canvas"
    );
    let note_at = svg.find("rows 1–").expect("the rows shown are named");
    let note = &svg[note_at..svg[note_at..].find('<').map_or(svg.len(), |e| note_at + e)];
    assert!(note.ends_with("of 100"), "{note}");
    let shown: usize = note["rows 1–".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!((30..100).contains(&shown), "{shown} rows at 800 points");
    // The caption stays below the last row.
    let caption_y = baselines.iter().copied().fold(0.0, f64::max);
    assert!(caption_y < 800.0);
    let png = scratch("fixed.png");
    run_command(&[
        "table",
        "--size",
        "600x400",
        "--scale",
        "1",
        "--out",
        png.to_str().expect("path"),
    ])
    .expect("rendered");
    let image = image::open(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (600, 400));
}

#[test]
fn a_table_written_to_an_unknown_extension_is_refused() {
    let error = run_command(&["table", "--out", "table.txt"]).expect_err("refused");
    assert!(
        error.contains("expected a .csv, .parquet, .arrow, .feather, .svg or .png file"),
        "{error}"
    );
}
