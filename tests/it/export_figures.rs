//! Figures for reports: every view's figure as SVG (parses, names entities and axis labels,
//! carries the source) and PNG (requested size, not blank), one exported PNG against a snapshot,
//! the batch export of docs/report-example.json, and the window's Export commands.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use egui_kittest::kittest::Queryable;
use rankscope::app::command::Command;
use rankscope::app::dialogs::FigureFormat;
use rankscope::export::figure::{FigureKind, FigureRequest, figure_png, figure_svg};
use rankscope::io::load_sample;

const CITIES: [&str; 3] = ["广东广州科学城", "苏州科技城", "贵州科学城"];
const AXES: [&str; 4] = [
    "基础建设能力",
    "科技创新能力",
    "城市承载能力",
    "要素保障能力",
];

fn request(kind: FigureKind) -> (rankscope::model::Dataset, FigureRequest) {
    let data = load_sample().expect("sample");
    let entities = CITIES
        .iter()
        .map(|n| data.find_entity(n).expect("city"))
        .collect();
    // An Audit figure draws a run's result: 100 scenarios of the latest year.
    let audit = (kind == FigureKind::Audit).then(|| {
        let params = rankscope::model::audit::AuditParams {
            samples: 100,
            ..Default::default()
        };
        std::sync::Arc::new(
            rankscope::model::audit::run_audit(
                &data,
                data.years.len() - 1,
                &params,
                2,
                &std::sync::atomic::AtomicU64::new(0),
                &std::sync::atomic::AtomicBool::new(false),
            )
            .expect("ran"),
        )
    });
    let latest = data.years.len() - 1;
    let coherence = (kind == FigureKind::Heatmap).then(|| {
        std::sync::Arc::new(rankscope::model::audit::coherence(&data, latest).expect("a year"))
    });
    let sensitivity = (kind == FigureKind::Sensitivity).then(|| {
        std::sync::Arc::new(
            rankscope::model::audit::run_sensitivity(
                &data,
                latest,
                &rankscope::model::audit::AuditFactors::default(),
                &rankscope::model::audit::SensitivityParams {
                    n: 50,
                    seed: 1,
                    resamples: 20,
                    entity: None,
                },
                2,
                (
                    &std::sync::atomic::AtomicU64::new(0),
                    &std::sync::atomic::AtomicBool::new(false),
                ),
            )
            .expect("ran"),
        )
    });
    let request = FigureRequest {
        entities,
        audit,
        coherence,
        sensitivity,
        ..FigureRequest::new(kind)
    };
    (data, request)
}

/// The words the figure writes, in order, one space between them: a caption wrapped over
/// several lines reads as one.
fn words(svg: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in svg.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_figure_is_valid_svg_naming_what_it_shows_and_its_source() {
    for kind in [
        FigureKind::Table,
        FigureKind::Radar,
        FigureKind::Bump,
        FigureKind::Slope,
        FigureKind::Capacities,
        FigureKind::WhatIf,
        FigureKind::Audit,
        FigureKind::Heatmap,
        FigureKind::Sensitivity,
    ] {
        let (data, request) = request(kind);
        let svg = figure_svg(&data, &request);
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert!(
            svg.contains("中国科技城百强榜（示例数据）"),
            "{kind:?}: the title"
        );
        assert!(
            svg.contains("Source: Modelled on CCID Consulting"),
            "{kind:?}: the source in the caption"
        );
        assert!(
            words(&svg).contains("Synthetic figures"),
            "{kind:?}: the provenance note (its words, whatever the line breaks)"
        );
        match kind {
            FigureKind::Table => {
                assert!(
                    svg.contains("上海浦东张江科学城") && svg.contains("广东广州科学城"),
                    "the top rows"
                );
                // Heads may take two lines.
                let joined = words(&svg).replace(' ', "");
                assert!(AXES.iter().all(|a| joined.contains(a)), "capacity headers");
            }
            FigureKind::Radar | FigureKind::Capacities => {
                assert!(
                    CITIES.iter().all(|c| svg.contains(c)),
                    "{kind:?}: the cities"
                );
                assert!(
                    AXES.iter().all(|a| svg.contains(a)),
                    "{kind:?}: the axis labels"
                );
            }
            FigureKind::Bump | FigureKind::Slope => {
                assert!(
                    CITIES.iter().all(|c| svg.contains(c)),
                    "{kind:?}: the cities"
                );
                assert!(svg.contains(">2023<"), "{kind:?}: the year axis");
            }
            FigureKind::WhatIf => {
                assert!(
                    svg.contains("上海浦东张江科学城"),
                    "the leader, officially and under the dataset's weights"
                );
                assert!(
                    svg.contains(">Official 2023<") && svg.contains(">What-if<"),
                    "the two columns"
                );
                assert!(svg.contains("What-if weights:"), "the weights in the note");
            }
            FigureKind::Heatmap => {
                assert!(AXES.iter().all(|a| svg.contains(a)), "the capacities' rows");
                assert!(svg.contains("Pearson correlations"), "the subtitle");
            }
            FigureKind::Sensitivity => {
                assert!(
                    svg.contains(">Normalisation<") && svg.contains("(250 rankings)"),
                    "the factors and the cost"
                );
            }
            FigureKind::Audit => {
                assert!(svg.contains("上海浦东张江科学城"), "the first row");
                assert!(
                    svg.contains("rank under 100 scenarios"),
                    "the run in the subtitle"
                );
            }
        }
    }
}

#[test]
fn every_figure_renders_to_a_png_of_the_requested_size_that_is_not_blank() {
    for kind in [
        FigureKind::Table,
        FigureKind::Radar,
        FigureKind::Bump,
        FigureKind::Slope,
        FigureKind::Capacities,
        FigureKind::WhatIf,
    ] {
        let (data, mut request) = request(kind);
        request.width = 900.0;
        request.height = 600.0;
        let png = figure_png(&data, &request, 2.0).expect("rendered");
        let image = image::load_from_memory(&png).expect("a PNG").to_rgba8();
        assert_eq!(
            image.dimensions(),
            (1800, 1200),
            "{kind:?}: 900×600 points at 2×"
        );
        let inked = image
            .pixels()
            .filter(|p| p.0[0] < 200 || p.0[1] < 200 || p.0[2] < 200)
            .count();
        assert!(
            inked > 1800 * 1200 / 100,
            "{kind:?}: only {inked} inked pixels"
        );
    }
}

#[test]
fn a_transparent_figure_has_no_background() {
    let (data, mut request) = request(FigureKind::Radar);
    request.transparent = true;
    let png = figure_png(&data, &request, 1.0).expect("rendered");
    let image = image::load_from_memory(&png).expect("a PNG").to_rgba8();
    assert_eq!(image.get_pixel(2, 2).0[3], 0, "the corner is transparent");
}

#[test]
fn exported_radar_png_snapshot() {
    let (data, mut request) = request(FigureKind::Radar);
    request.width = 900.0;
    request.height = 600.0;
    let png = figure_png(&data, &request, 1.0).expect("rendered");
    let image = image::load_from_memory(&png).expect("a PNG").to_rgba8();
    assert_eq!(
        image.dimensions(),
        (900, 600),
        "the size asked for, at scale 1"
    );
    egui_kittest::image_snapshot(&image, "exported_radar");
}

#[test]
fn the_example_report_writes_every_figure_and_table() {
    let folder = std::env::temp_dir().join(format!("rankscope-report-{:05}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let config = folder.join("report.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/docs/report-example.json"),
        &config,
    )
    .expect("copy");
    let summary = rankscope::cli::run_export(&rankscope::cli::ExportArgs {
        config: config.clone(),
        allow_outside: false,
        lang: None,
    })
    .expect("report");
    assert_eq!(summary.lines().count(), 10, "{summary}");
    let svg = std::fs::read_to_string(folder.join("report/radar-2023.svg")).expect("radar");
    assert!(CITIES.iter().all(|c| svg.contains(c)));
    let table = std::fs::read_to_string(folder.join("report/top20-2023.csv")).expect("csv");
    assert_eq!(table.lines().count(), 21, "a header and the top 20");
    let png = image::open(folder.join("report/bump-2021-2023.png"))
        .expect("png")
        .to_rgba8();
    // 16 cm × 10.7 cm at 300 dpi: 1889.8 × 1259.8 pixels, the canvas rendered in whole points.
    assert_eq!(png.dimensions(), (1892, 1258), "16 cm at 300 dpi");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_report_names_the_item_and_field_that_is_wrong() {
    let folder =
        std::env::temp_dir().join(format!("rankscope-bad-report-{:05}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let config = folder.join("bad.json");
    std::fs::write(&config, r#"{ "figures": [ { "view": "table", "path": "a.csv" }, { "view": "radar", "select": ["Atlantis"], "path": "b.svg" } ] }"#).expect("write");
    let error = rankscope::cli::run_export(&rankscope::cli::ExportArgs {
        config: config.clone(),
        allow_outside: false,
        lang: None,
    })
    .expect_err("unknown city");
    assert!(
        error.ends_with("bad.json: figures[1].select: no entity named \"Atlantis\""),
        "{error}"
    );
    assert!(
        !folder.join("a.csv").exists(),
        "a mistake in the last item leaves no half-written report"
    );
    for (path, says) in [
        (
            "../escape.csv",
            "leaves the configuration's folder; give --allow-outside",
        ),
        (
            "/tmp/rankscope-absolute.csv",
            "leaves the configuration's folder",
        ),
        ("bad.json", "is one of the report's inputs"),
    ] {
        std::fs::write(
            &config,
            format!(r#"{{ "figures": [ {{ "view": "table", "path": "{path}" }} ] }}"#),
        )
        .expect("write");
        let error = rankscope::cli::run_export(&rankscope::cli::ExportArgs {
            config: config.clone(),
            allow_outside: false,
            lang: None,
        })
        .expect_err("refused");
        assert!(error.contains(says), "{path}: {error}");
    }
    assert!(!folder.join("../escape.csv").exists());
    std::fs::write(
        &config,
        r#"{ "figures": [ { "view": "radar", "colour": "red", "path": "b.svg" } ] }"#,
    )
    .expect("write");
    let error = rankscope::cli::run_export(&rankscope::cli::ExportArgs {
        config,
        allow_outside: false,
        lang: None,
    })
    .expect_err("unknown field");
    assert!(
        error.contains("bad.json: line 1, column") && error.contains("unknown field `colour`"),
        "{error}"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn copy_image_puts_the_figure_on_the_clipboard_and_a_bad_folder_gives_a_clear_message() {
    let mut harness = common::app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    harness.get_by_label("Copy image").click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        });
    assert_eq!(
        copied,
        Some([1892, 1258]),
        "the radar figure at its default size, 16 cm at 300 dpi"
    );
    harness.run();
    let ctx = harness.ctx.clone();
    let path = std::path::PathBuf::from("/nonexistent-folder/radar.svg");
    harness
        .state_mut()
        .apply(&ctx, Command::SaveFigure(path, FigureFormat::Svg));
    let error = harness.state().state().error.clone().expect("an error");
    assert!(error.contains("/nonexistent-folder/radar.svg"), "{error}");
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Save figure as SVG…");
    harness.get_by_label("Screenshot of the view");
}

#[test]
fn figure_texts_set_in_the_export_menu_replace_the_defaults() {
    let mut harness = common::app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let texts = rankscope::app::state::FigureTexts {
        title: "Suzhou's profile".into(),
        caption: "Source: our own survey, 2023".into(),
        ..Default::default()
    };
    harness
        .state_mut()
        .apply(&ctx, Command::SetFigureTexts(texts));
    let request = rankscope::app::figure_of_view::figure_of_view(harness.state().state());
    let svg = figure_svg(&harness.state().state().dataset, &request);
    assert!(svg.contains("Suzhou's profile"), "the title");
    assert!(svg.contains("Source: our own survey, 2023"), "the caption");
    assert!(
        !svg.contains("Modelled on CCID"),
        "the default caption is replaced"
    );
    assert!(
        svg.contains("2023 · Min–max (cohort)"),
        "the subtitle keeps its default"
    );
}

#[test]
fn a_size_on_paper_set_in_the_window_sizes_the_saved_png() {
    let mut harness = common::app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let texts = rankscope::app::state::FigureTexts {
        width_cm: 16.0,
        dpi: 300,
        ..Default::default()
    };
    harness
        .state_mut()
        .apply(&ctx, Command::SetFigureTexts(texts));
    let request = rankscope::app::figure_of_view::figure_of_view(harness.state().state());
    assert!(
        (request.width - 453.54).abs() < 0.01,
        "16 cm in points: {}",
        request.width
    );
    assert!((request.height - request.width * 2.0 / 3.0).abs() < 1e-9);
    let path = std::env::temp_dir().join(format!("rankscope-16cm-{:05}.png", std::process::id()));
    harness
        .state_mut()
        .apply(&ctx, Command::SaveFigure(path.clone(), FigureFormat::Png));
    assert_eq!(harness.state().state().error, None);
    let image = image::open(&path).expect("a PNG");
    // 16 cm at 300 dpi is 1889.8 pixels; the canvas is rendered in whole points.
    assert!((1890..=1893).contains(&image.width()), "{}", image.width());
    let _ = std::fs::remove_file(path);
}
