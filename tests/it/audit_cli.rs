//! `rankscope audit` on the bundled sample and on a public ranking: the same seed gives the same
//! bytes, the CSV and JSON carry every entity's interval, and bad parameters get clear errors.

use crate::common::run_command;

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-audit-{:05}-{name}", std::process::id()))
}

fn audit(extra: &[&str], name: &str) -> (String, Vec<u8>) {
    let out = scratch(name);
    let out_text = out.to_str().expect("path").to_owned();
    let mut args = vec!["audit"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--out", &out_text]);
    let summary = run_command(&args).expect("written");
    let bytes = std::fs::read(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    (summary, bytes)
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_intervals() {
    let (summary, first) = audit(&["--samples", "400", "--seed", "11"], "a.csv");
    assert!(
        summary.contains("100 entities of 2023, 400 scenarios"),
        "{summary}"
    );
    let (_, again) = audit(&["--samples", "400", "--seed", "11"], "b.csv");
    assert_eq!(first, again, "same seed, same bytes");
    let (_, other) = audit(&["--samples", "400", "--seed", "12"], "c.csv");
    assert_ne!(first, other);
    let text = String::from_utf8(first).expect("UTF-8");
    let mut lines = text.lines();
    let header = lines.next().expect("a header");
    assert!(header.contains("Median rank") && header.contains("95th percentile rank"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 100, "one row per ranked entity");
    for row in &rows {
        let rank = |i: usize| row[i].parse::<u32>().expect("a rank");
        let (median, p5, p95) = (rank(4), rank(5), rank(6));
        assert!(p5 <= median && median <= p95, "{row:?}");
        let share: f64 = row[8].parse().expect("a share");
        assert!((0.0..=1.0).contains(&share));
    }
    // The first place is robust: its 95th percentile stays in the top 3.
    assert!(
        rows[0][6].parse::<u32>().expect("p95") <= 3,
        "{:?}",
        rows[0]
    );
}

#[test]
fn json_holds_the_factors_and_every_entity() {
    let (_, bytes) = audit(
        &[
            "--spread",
            "0",
            "--normalizations",
            "minmax,raw",
            "--aggregations",
            "arithmetic,geometric",
            "--leave-one-out",
            "--names",
            "en",
        ],
        "a.json",
    );
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    // Every combination once: 2 normalisations × 2 aggregations × (none + 4 capacities left out).
    assert_eq!(value["scenarios"], 20);
    assert_eq!(value["enumerated"], true);
    assert_eq!(value["rank_bin_width"], 1);
    assert_eq!(value["factors"]["normalizations"][1], "raw");
    let entities = value["entities"].as_array().expect("entities");
    assert_eq!(entities.len(), 100);
    assert!(
        entities[0]["name"]
            .as_str()
            .is_some_and(|n| n.contains("Shanghai"))
    );
}

#[test]
fn a_public_ranking_is_audited_through_its_detected_mapping() {
    // The World Happiness Report 2015: 158 countries, six explanatory pillars.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real/world-happiness-2015.csv"
    );
    let (summary, bytes) = audit(&[file, "--samples", "200"], "h.csv");
    assert!(summary.contains("158 entities"), "{summary}");
    assert!(summary.contains("200 scenarios"), "{summary}");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(
        text.lines().count(),
        159,
        "a header and every ranked country"
    );
    assert!(text.contains("Switzerland"), "names from the file");
}

#[test]
fn any_weighting_on_the_simplex_and_rank_scores_are_offered() {
    let (_, bytes) = audit(
        &["--simplex", "--normalizations", "rank", "--samples", "300"],
        "s.json",
    );
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(value["factors"]["weights"], "simplex");
    assert_eq!(
        value["factors"]["normalizations"][0], "percentile",
        "rank is the percentile scale"
    );
    // Any weighting at all moves the list far more than ±25 % around the dataset's.
    let (_, narrow) = audit(&["--normalizations", "rank", "--samples", "300"], "n.json");
    let narrow: serde_json::Value = serde_json::from_slice(&narrow).expect("JSON");
    let width = |v: &serde_json::Value| -> u64 {
        v["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| e["p95_rank"].as_u64().expect("p95") - e["p5_rank"].as_u64().expect("p5"))
            .sum()
    };
    assert!(
        width(&value) > width(&narrow),
        "{} vs {}",
        width(&value),
        width(&narrow)
    );
}

#[test]
fn bad_parameters_name_the_option() {
    let out = scratch("bad.csv");
    let out = out.to_str().expect("path");
    let cases: [(&[&str], &str); 5] = [
        (&["--spread", "1.5"], "--spread"),
        (
            &["--normalizations", "minmax,ranks"],
            "expected raw, minmax, percentile, rank or z",
        ),
        (
            &["--aggregations", "quadratic"],
            "expected arithmetic, geometric or harmonic",
        ),
        (&["--samples", "0"], "--samples"),
        (&["--winsorize", "0"], "--winsorize"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["audit"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--out", out]);
        let error = run_command(&args).expect_err("refused");
        assert!(error.contains(expected), "{extra:?}: {error}");
    }
    let error = run_command(&["audit", "--out", "/tmp/rankscope-audit.txt"]).expect_err("refused");
    assert!(
        error.contains("expected a .csv, .json, .svg or .png file"),
        "{error}"
    );
}

#[test]
fn the_chart_is_an_svg_of_the_first_rows_with_their_intervals() {
    let (_, bytes) = audit(
        &["--samples", "200", "--rows", "12", "--names", "en"],
        "a.svg",
    );
    let svg = String::from_utf8(bytes).expect("UTF-8");
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(
        svg.contains("Shanghai Pudong Zhangjiang Science City"),
        "the first row's name"
    );
    // Twelve rows: a median dot each (and the legend's dot).
    assert_eq!(svg.matches("<circle").count(), 13);
    assert!(svg.contains("rank under 200 scenarios"), "the subtitle");
}

#[test]
fn json_holds_the_coherence_of_the_year() {
    let (_, bytes) = audit(&["--samples", "50"], "coherence.json");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let coherence = &value["coherence"];
    let components = coherence["components"].as_array().expect("components");
    // Four capacities, 31 indicators and the total.
    assert_eq!(components.len(), 36);
    assert_eq!(components[35], "total");
    let pearson = coherence["pearson"].as_array().expect("matrix");
    for (i, row) in pearson.iter().enumerate() {
        let row = row.as_array().expect("a row");
        let diagonal = row[i].as_f64().expect("r");
        assert!((diagonal - 1.0).abs() < 1e-9, "r(x, x) = 1");
        for (j, r) in row.iter().enumerate() {
            if let (Some(a), Some(b)) = (r.as_f64(), pearson[j][i].as_f64()) {
                assert!((a - b).abs() < 1e-12, "symmetric at {i}, {j}");
            }
        }
    }
    let capacities = coherence["capacities"].as_array().expect("capacities");
    assert_eq!(capacities.len(), 4);
    let shares: f64 = capacities
        .iter()
        .map(|c| c["effective_weight"].as_f64().expect("a share"))
        .sum();
    assert!((shares - 1.0).abs() < 1e-9, "effective weights sum to 1");
    assert!(
        capacities
            .iter()
            .all(|c| c["cronbach_alpha"].as_f64().is_some())
    );
}

#[test]
fn json_holds_the_sobol_indices_of_each_factor() {
    let (_, bytes) = audit(
        &[
            "--samples",
            "50",
            "--sensitivity",
            "200",
            "--entity",
            "苏州科技城",
        ],
        "sobol.json",
    );
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let s = &value["sensitivity"];
    // Weights, normalisation, aggregation: N · (3 + 2) rankings.
    assert_eq!(s["rankings"], 1000);
    let factors: Vec<&str> = s["mean_rank_shift"]
        .as_array()
        .expect("indices")
        .iter()
        .map(|i| i["factor"].as_str().expect("a factor"))
        .collect();
    assert_eq!(factors, ["weights", "normalization", "aggregation"]);
    for index in s["mean_rank_shift"].as_array().expect("indices") {
        let ci = index["total_effect_ci95"].as_array().expect("an interval");
        let (lo, hi) = (ci[0].as_f64().expect("lo"), ci[1].as_f64().expect("hi"));
        assert!(lo <= hi, "{index}");
    }
    assert_eq!(s["entity"]["id"].as_str().map(str::is_empty), Some(false));
    // Without --sensitivity there is none.
    let (_, plain) = audit(&["--samples", "50"], "plain.json");
    let plain: serde_json::Value = serde_json::from_slice(&plain).expect("JSON");
    assert!(plain["sensitivity"].is_null());
}

#[test]
fn heatmap_and_sensitivity_figures_are_chosen_by_name_or_by_option() {
    let (_, heatmap) = audit(&["--samples", "20", "--names", "en"], "heatmap.svg");
    let heatmap = String::from_utf8(heatmap).expect("UTF-8");
    resvg::usvg::Tree::from_str(&heatmap, &resvg::usvg::Options::default()).expect("valid");
    // 36 × 36 cells, each with its exact value in its tooltip.
    assert_eq!(
        heatmap.matches("<rect").count() - 6,
        36 * 36,
        "the cells, besides the background and the key's 5 swatches"
    );
    assert!(
        heatmap.contains("Infrastructure capacity × Total: 0.96"),
        "a tooltip"
    );
    let (_, bars) = audit(
        &[
            "--samples",
            "20",
            "--sensitivity",
            "100",
            "--figure",
            "sensitivity",
            "--names",
            "en",
        ],
        "bars.svg",
    );
    let bars = String::from_utf8(bars).expect("UTF-8");
    assert!(
        bars.contains(">Normalisation<") && bars.contains("(500 rankings)"),
        "{bars}"
    );
}
