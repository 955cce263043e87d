//! The whole app, driven as a user would: the table shows the ranking, clicks select, keys move
//! between years, a broken file leaves the open dataset in place. Plus one snapshot of the window.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use crate::common;

use std::path::Path;

use common::app_harness;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use rankscope::app::command::Command;
use rankscope::app::state::{Source, View};

/// The Chinese name of the entity ranked first in `year` of the sample.
fn leader(harness: &egui_kittest::Harness<'_, rankscope::app::RankscopeApp>, year: i32) -> String {
    let data = &harness.state().state().dataset;
    let y = &data.years[data.year_index(year).expect("year")];
    data.entities[y.records[y.derived.order.first().expect("a ranked record")].entity()]
        .zh
        .clone()
}

#[test]
fn the_table_shows_the_2023_leader_and_the_provenance_note() {
    let mut harness = app_harness(&[]);
    harness.run();
    assert_eq!(
        harness.state().state().year,
        2023,
        "the latest year opens first"
    );
    let name = leader(&harness, 2023);
    harness.get_by_label(&name);
    let note = harness.state().state().dataset.meta.provenance.clone();
    harness.get_by_label_contains("Synthetic figures");
    assert!(note.starts_with("Synthetic figures"));
}

#[test]
fn clicking_a_row_selects_it_and_ctrl_right_keeps_it_in_the_next_year() {
    let mut harness = app_harness(&["--year", "2022"]);
    harness.run();
    let name = leader(&harness, 2022);
    harness.get_by_label(&name).click();
    harness.run();
    let entity = harness
        .state()
        .state()
        .dataset
        .find_entity(&name)
        .expect("entity");
    assert!(
        harness.state().state().selection.contains(&entity),
        "{name} is selected"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().state().year, 2023);
    assert!(
        harness.state().state().selection.contains(&entity),
        "the selection survives the year change"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().state().year, 2022);
}

#[test]
fn the_view_switcher_and_its_shortcuts_change_the_view() {
    let mut harness = app_harness(&[]);
    harness.run();
    harness.get_by_label("Radar").click();
    harness.run();
    assert_eq!(harness.state().state().settings.view, View::Radar);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(harness.state().state().settings.view, View::Table);
}

#[test]
fn a_broken_file_shows_its_error_and_the_sample_stays_open() {
    let mut harness = app_harness(&[]);
    harness.run();
    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score-not-a-number.json");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::Open(broken));
    common::step_until(&mut harness, "the load's error", |h| {
        h.state().state().error.is_some()
    });
    let error = harness
        .state()
        .state()
        .error
        .clone()
        .expect("the load failed");
    assert!(
        error.contains("score-not-a-number.json: years[1].records[2].scores.innovation"),
        "{error}"
    );
    harness.get_by_label_contains("expected a number, found \"n/a\"");
    assert_eq!(
        harness.state().state().source,
        Source::Sample,
        "the sample is still open"
    );
    assert_eq!(harness.state().state().dataset.years.len(), 3);
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().state().error.is_none());
}

#[test]
fn a_five_pillar_dataset_opens_just_as_well() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/five-pillars.json");
    let mut harness = app_harness(&[path.to_str().expect("UTF-8 path")]);
    harness.run();
    for pillar in ["教学", "研究", "引用", "产业收入", "国际化"] {
        harness.get_by_label(pillar);
    }
    // 2024 is the latest year: North and South tie for first; West is new.
    assert_eq!(
        harness.get_all_by_label("1").count(),
        2,
        "two entities share first place"
    );
    harness.get_by_label("北方大学");
    harness.get_by_label("new");
    harness.get_by_label_contains("Example university ranking");
}

#[test]
fn main_window_snapshot() {
    let mut harness = app_harness(&["--select", "苏州科技城"]);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.year, 2023);
    assert_eq!(state.table.rows.len(), 100, "the 2023 list, every city");
    assert_eq!(state.selection.len(), 1);
    harness.get_by_label("Table");
    harness.snapshot("main_window");
}

#[test]
fn a_screenshot_shows_no_hover_wherever_the_pointer_rests() {
    use rankscope::app::screenshot::{ScreenshotJob, ScreenshotOptions};
    let shoot = |with_job: bool| {
        let mut startup = common::startup(&["--view", "whatif"]);
        if with_job {
            let options = ScreenshotOptions {
                scale: 1.0,
                view_only: false,
                close_when_done: false,
            };
            startup.screenshot = Some(ScreenshotJob::new(
                std::env::temp_dir().join(format!("rankscope-hover-{:05}.png", std::process::id())),
                options,
                std::sync::Arc::default(),
                std::time::Instant::now(),
            ));
        }
        let mut harness = egui_kittest::Harness::builder()
            .with_size([1400.0, 900.0])
            .build_eframe(move |cc| rankscope::app::RankscopeApp::new(cc, startup));
        harness.run_steps(2);
        // The pointer rests over the slopegraph.
        harness
            .input_mut()
            .events
            .push(egui::Event::PointerMoved(egui::pos2(700.0, 300.0)));
        harness.step();
        harness.ctx.input(|i| i.pointer.hover_pos())
    };
    assert!(
        shoot(false).is_some(),
        "without a screenshot the pointer hovers"
    );
    assert_eq!(shoot(true), None, "a screenshot sees no pointer");
}

#[test]
fn without_a_file_chooser_a_typed_path_saves_and_opens() {
    use rankscope::context::dialogs::{FigureFormat, PathPrompt, PromptPurpose, SavePurpose};
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    let ctx = harness.ctx.clone();
    let path = std::env::temp_dir().join(format!("rankscope-typed-{:05}.svg", std::process::id()));
    harness.state_mut().apply(
        &ctx,
        Command::SetPathPrompt(Some(PathPrompt {
            purpose: PromptPurpose::Save(SavePurpose::Figure(FigureFormat::Svg)),
            text: String::new(),
        })),
    );
    harness.run();
    harness.get_by_label(rankscope::strings::EN.path_prompt_save);
    // The prompt's field is the last text field drawn (it is on top).
    harness
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .expect("the path field")
        .type_text(&path.display().to_string());
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(
        harness.state().state().path_prompt.is_none(),
        "closed by Enter"
    );
    let svg = std::fs::read_to_string(&path).expect("the figure was saved where typed");
    assert!(svg.starts_with("<svg"));
    let _ = std::fs::remove_file(&path);

    // Open: a typed path loads like a chosen one.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/five-pillars.json");
    harness.state_mut().apply(
        &ctx,
        Command::SetPathPrompt(Some(PathPrompt {
            purpose: PromptPurpose::Open,
            text: fixture.display().to_string(),
        })),
    );
    harness.run();
    harness
        .get_by_label(rankscope::strings::EN.import_open)
        .click();
    common::step_until(&mut harness, "the typed file opens", |h| {
        h.state().state().source == Source::File(fixture.clone())
            || h.state().state().error.is_some()
    });
    assert_eq!(harness.state().state().error, None);
    assert_eq!(harness.state().state().dataset.meta.capacities.len(), 5);
}

#[test]
fn at_twice_the_ui_scale_the_top_bar_wraps_and_the_language_switch_stays_on_screen() {
    let mut harness = app_harness(&[]);
    harness.ctx.set_zoom_factor(2.0);
    harness.run();
    let switch = harness.get_by_label("简体中文");
    let bounds = switch.rect();
    // The window is 1400×900 physical points at zoom 1: 700×450 logical at zoom 2.
    assert!(bounds.max.x <= 700.0 + 0.5, "inside the window: {bounds:?}");
    assert!(bounds.min.y > 10.0, "on the bar's second line: {bounds:?}");
    // A caption wraps with its box: each on the same line as the other.
    // (The box is labelled by its caption: both are found by it.)
    for caption in ["Names", "Theme"] {
        let rects: Vec<egui::Rect> = harness
            .get_all(
                egui_kittest::kittest::By::new()
                    .label(caption)
                    .include_labels(),
            )
            .map(|n| n.rect())
            .collect();
        assert_eq!(rects.len(), 2, "{caption}: the caption and its box");
        assert!(
            (rects[0].center().y - rects[1].center().y).abs() < 8.0,
            "{caption}: {rects:?} on one line"
        );
        assert!(
            rects.iter().all(|r| r.max.x <= 700.0 + 0.5),
            "{caption}: {rects:?} inside the window"
        );
    }
}

#[test]
fn a_view_only_capture_keeps_the_content_without_the_views_own_controls() {
    // Each view: controls that must be left out, and a text of the content that must be in.
    for (view, controls, content) in [
        ("table", &["Find"][..], "上海浦东张江科学城"),
        ("radar", &["Scale"][..], "基础建设能力"),
        ("trends", &["Bump chart"][..], "2023"),
        (
            "whatif",
            &["Lines: top", "Equal weights"][..],
            "Sensitivity",
        ),
    ] {
        let mut harness = app_harness(&["--view", view, "--select", "苏州科技城"]);
        harness.run();
        let region = harness.state().capture_region();
        let controls_top = harness.get_by_label("Table").rect().bottom();
        assert!(
            region.top() > controls_top,
            "{view}: the menus and view tabs are out"
        );
        for control in controls {
            let control_rect = harness.get_by_label_contains(control).rect();
            assert!(
                !region.intersects(control_rect),
                "{view}: the view's control {control:?} at {control_rect:?} is out of {region:?}"
            );
        }
        assert!(
            harness
                .get_all_by_label_contains(content)
                .any(|n| region.intersects(n.rect())),
            "{view}: the content {content:?} is in {region:?}"
        );
    }
}

#[test]
fn notes_and_source_lines_are_at_least_ten_points_in_both_themes() {
    let mut harness = app_harness(&["--view", "radar", "--select", "苏州科技城"]);
    harness.run();
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let size = harness.ctx.style_of(theme).text_styles[&egui::TextStyle::Small].size;
        assert!(size >= 10.0, "{theme:?}: small text at {size} points");
    }
    // The radar's source line is drawn in it: a line of text at least 10 points high.
    let source = harness
        .get_all_by_label_contains("Source:")
        .next()
        .expect("the source line")
        .rect();
    assert!(source.height() >= 10.0, "{source:?}");
}

#[test]
fn at_twice_the_ui_scale_in_chinese_every_caption_and_box_of_the_bar_is_on_screen() {
    let mut harness = app_harness(&["--view", "trends"]);
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::SetLanguage(rankscope::strings::Language::Chinese),
    );
    harness.ctx.set_zoom_factor(2.0);
    harness.run();
    for caption in ["名称", "主题"] {
        let rects: Vec<egui::Rect> = harness
            .get_all(
                egui_kittest::kittest::By::new()
                    .label(caption)
                    .include_labels(),
            )
            .map(|n| n.rect())
            .collect();
        assert_eq!(rects.len(), 2, "{caption}: the caption and its box");
        assert!(
            rects.iter().all(|r| r.max.x <= 700.0 + 0.5),
            "{caption}: {rects:?} inside the 700-point window"
        );
    }
}
