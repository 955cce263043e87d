//! Figures at any size, checked from their layout (not by eye): every text of every figure kind,
//! at 600×400, 1200×800 and 2400×1600, in Chinese and in English, lies inside the canvas, and
//! no two texts overlap. Text widths come from the bundled font's advances.

use rankscope::assets::BUNDLED_CJK_FONT;
use rankscope::export::figure::{FigureKind, FigureRequest, figure_svg};
use rankscope::model::NameStyle;
use rankscope::strings::Language;

/// A text's box on the canvas and what it says.
#[derive(Debug)]
struct TextBox {
    text: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_owned())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The advance of `text` at `size` points, from the bundled font (the figures' CJK font; its
/// Latin is Noto Sans's, as the rendering fonts').
fn advance(face: &ttf_parser::Face<'_>, text: &str, size: f64) -> f64 {
    let units = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size * 0.6, |a| f64::from(a) / units * size)
        })
        .sum()
}

/// Every `<text>` of `svg` as a box.
fn text_boxes(svg: &str) -> Vec<TextBox> {
    let face = ttf_parser::Face::parse(BUNDLED_CJK_FONT, 0).expect("the font parses");
    let mut boxes = Vec::new();
    for line in svg
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<text"))
    {
        let Some(open_end) = line.find('>') else {
            continue;
        };
        let tag = &line[..open_end];
        let mut content = line[open_end + 1..].trim_end_matches("</text>").to_owned();
        if let (Some(a), Some(b)) = (content.find("<title>"), content.find("</title>")) {
            content.replace_range(a..b + "</title>".len(), "");
        }
        let text = unescape(&content);
        if text.trim().is_empty() {
            continue;
        }
        let number = |name: &str| attribute(tag, name).and_then(|v| v.parse::<f64>().ok());
        let (Some(x), Some(y)) = (number("x"), number("y")) else {
            continue;
        };
        let size = number("font-size").unwrap_or(16.0);
        let width = advance(&face, &text, size);
        let left = match attribute(tag, "text-anchor").as_deref() {
            Some("middle") => x - width / 2.0,
            Some("end") => x - width,
            _ => x,
        };
        let (top, bottom) = match attribute(tag, "dominant-baseline").as_deref() {
            Some("middle" | "central") => (y - size * 0.5, y + size * 0.5),
            Some("hanging") => (y, y + size),
            _ => (y - size * 0.88, y + size * 0.12),
        };
        boxes.push(TextBox {
            text,
            left,
            top,
            right: left + width,
            bottom,
        });
    }
    boxes
}

/// What is wrong with the layout of `svg` on a `width`×`height` canvas: texts outside it and
/// pairs of texts that overlap (by more than half a point).
fn layout_problems(svg: &str, width: f64, height: f64) -> Vec<String> {
    let boxes = text_boxes(svg);
    let mut problems = Vec::new();
    for b in &boxes {
        if b.left < -0.5 || b.top < -0.5 || b.right > width + 0.5 || b.bottom > height + 0.5 {
            problems.push(format!(
                "outside the canvas: {:?} at ({:.0}, {:.0})–({:.0}, {:.0})",
                b.text, b.left, b.top, b.right, b.bottom
            ));
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap_x = a.right.min(b.right) - a.left.max(b.left);
            let overlap_y = a.bottom.min(b.bottom) - a.top.max(b.top);
            if overlap_x > 0.5 && overlap_y > 0.5 {
                problems.push(format!("{:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    problems
}

/// 16 cm × 10.7 cm (a Word column, `--width-cm 16`), then 600×400 to 2400×1600 points.
const SIZES: [(f64, f64); 4] = [
    (453.5, 302.4),
    (600.0, 400.0),
    (1200.0, 800.0),
    (2400.0, 1600.0),
];

/// The problems of `kind` at every size and in both languages, names as the language writes
/// them, for the entities `picked`.
fn problems_of(kind: FigureKind, picked: &[&str], top_n: u32) -> Vec<String> {
    let data = rankscope::io::load_sample().expect("sample");
    let entities: Vec<usize> = picked
        .iter()
        .map(|n| data.find_entity(n).expect("in the sample"))
        .collect();
    let mut all = Vec::new();
    for (language, names) in [
        (Language::Chinese, NameStyle::Chinese),
        (Language::English, NameStyle::English),
    ] {
        for (width, height) in SIZES {
            let request = FigureRequest {
                entities: entities.clone(),
                width,
                height,
                names,
                language,
                top_n,
                ..FigureRequest::new(kind)
            };
            let svg = figure_svg(&data, &request);
            all.extend(
                layout_problems(&svg, width, height)
                    .into_iter()
                    .map(|p| format!("{kind:?} {width}×{height} {language:?}: {p}")),
            );
        }
    }
    all
}

fn assert_clean(problems: &[String]) {
    let shown: Vec<&String> = problems.iter().take(12).collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{shown:#?}",
        problems.len()
    );
}

#[test]
fn the_checker_sees_a_text_past_the_edge_and_two_texts_on_each_other() {
    let svg = r#"<svg>
<text x="590" y="20" font-size="14">far too long for the edge</text>
<text x="10" y="100" font-size="14">one</text>
<text x="12" y="102" font-size="14">two</text>
</svg>"#;
    let problems = layout_problems(svg, 600.0, 400.0);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("outside the canvas"));
    assert!(problems[1].contains("\"one\" overlaps \"two\""));
}

#[test]
fn table_figures_fit_at_every_size() {
    assert_clean(&problems_of(FigureKind::Table, &[], 100));
}

#[test]
fn radar_figures_fit_at_every_size() {
    assert_clean(&problems_of(
        FigureKind::Radar,
        &["苏州科技城", "贵州科学城", "广东广州科学城"],
        20,
    ));
}

#[test]
fn slopegraphs_fit_at_every_size() {
    assert_clean(&problems_of(FigureKind::Slope, &[], 100));
}

#[test]
fn bump_charts_fit_at_every_size() {
    assert_clean(&problems_of(
        FigureKind::Bump,
        &["苏州科技城", "贵州科学城", "广东广州科学城"],
        20,
    ));
}

#[test]
fn capacity_trends_fit_at_every_size() {
    assert_clean(&problems_of(
        FigureKind::Capacities,
        &["苏州科技城", "贵州科学城"],
        20,
    ));
}

#[test]
fn whatif_slopegraphs_fit_at_every_size() {
    assert_clean(&problems_of(FigureKind::WhatIf, &[], 20));
}

#[test]
fn audit_charts_fit_at_every_size() {
    use rankscope::charts::audit_chart::audit_chart_spec;
    use rankscope::export::audit_svg::audit_chart_svg;
    use rankscope::model::audit::{AuditParams, run_audit};
    let data = rankscope::io::load_sample().expect("sample");
    let params = AuditParams {
        samples: 200,
        ..AuditParams::default()
    };
    let result = run_audit(
        &data,
        data.years.len() - 1,
        &params,
        2,
        &std::sync::atomic::AtomicU64::new(0),
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("ran");
    let mut all = Vec::new();
    for (language, names) in [
        (Language::Chinese, NameStyle::Chinese),
        (Language::English, NameStyle::English),
    ] {
        let s = language.strings();
        // Every entity: rows that do not fit are left out and counted.
        let spec = audit_chart_spec(s, &data, &result, 0, names);
        for (width, height) in SIZES {
            let svg = audit_chart_svg(&spec, (width, height, None), s.table_rows_of);
            all.extend(
                layout_problems(&svg, width, height)
                    .into_iter()
                    .map(|p| format!("audit {width}×{height} {language:?}: {p}")),
            );
        }
    }
    assert_clean(&all);
}

#[test]
fn heatmaps_and_sensitivity_bars_fit_at_every_size() {
    use rankscope::export::audit_figures::{heatmap_svg, sensitivity_svg};
    use rankscope::model::audit::{AuditFactors, SensitivityParams, coherence, run_sensitivity};
    let data = rankscope::io::load_sample().expect("sample");
    let year = data.years.len() - 1;
    let coherence = coherence(&data, year).expect("a year");
    let sensitivity = run_sensitivity(
        &data,
        year,
        &AuditFactors::default(),
        &SensitivityParams {
            n: 100,
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
    .expect("ran");
    let mut all = Vec::new();
    for (language, names) in [
        (Language::Chinese, NameStyle::Chinese),
        (Language::English, NameStyle::English),
    ] {
        let s = language.strings();
        let labels: Vec<String> = coherence
            .components
            .iter()
            .map(|&c| s.component_name(&data, c, names))
            .collect();
        let factors: Vec<String> = sensitivity
            .groups
            .iter()
            .map(|&g| s.factor_group(g).to_owned())
            .collect();
        let caption = rankscope::export::figure::default_caption(s, &data, "2023");
        let title = data.title(names);
        for (width, height) in SIZES {
            let texts = [title.as_str(), "2023", caption.as_str()];
            let heatmap = heatmap_svg(texts, &labels, &coherence.pearson, (width, height, None));
            let bars = sensitivity_svg(
                texts,
                &factors,
                &sensitivity.mean_shift,
                [s.audit_first_order, s.audit_total_effect],
                (width, height, None),
            );
            for (kind, svg) in [("heatmap", heatmap), ("sensitivity", bars)] {
                all.extend(
                    layout_problems(&svg, width, height)
                        .into_iter()
                        .map(|p| format!("{kind} {width}×{height} {language:?}: {p}")),
                );
            }
        }
    }
    assert_clean(&all);
}
