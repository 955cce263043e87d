//! Opening analysts' CSV files: Chinese encodings and headers detected, numbers right, a typo
//! named by file, row and column, warnings for what need not stop the load.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use rankscope::io::{load_path, load_path_with, load_sample};
use rankscope::model::Rank;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_gb18030_csv_from_chinese_excel_opens_with_its_mapping_detected_and_its_numbers_right() {
    let loaded = load_path_with(&fixture("ccid-2023-gb18030.csv"), None).expect("opens");
    assert_eq!(loaded.encoding, Some("gb18030"));
    let data = &loaded.dataset;
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2023],
        "the year from the file name"
    );
    let labels: Vec<&str> = data.meta.capacities.iter().map(|c| c.zh.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "基础建设能力",
            "科技创新能力",
            "城市承载能力",
            "要素保障能力"
        ]
    );
    // The same figures as the bundled sample's 2023 top twelve.
    let sample = load_sample().expect("sample");
    let sample_2023 = &sample.years[sample.year_index(2023).expect("2023")];
    let year = &data.years[0];
    assert_eq!(year.records.len(), 12);
    for record in year.record_refs() {
        let entity = &data.entities[record.entity()];
        let original = sample_2023
            .record(
                sample_2023
                    .record_of(sample.find_entity(&entity.zh).expect("same city"))
                    .expect("listed"),
            )
            .expect("a record");
        assert_eq!(record.total(), original.total(), "{}", entity.zh);
        assert_eq!(record.scores(), original.scores(), "{}", entity.zh);
        assert_eq!(record.given_rank, original.given_rank);
        assert!(!entity.province_zh.is_empty());
    }
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_typo_in_row_57_is_read_as_missing_and_named_exactly() {
    let loaded =
        load_path_with(&fixture("typo-2023.csv"), None).expect("one odd cell never stops the load");
    assert_eq!(
        loaded.warnings,
        vec![
            "typo-2023.csv, column \"科技创新能力\": 1 cell is not a number and is read as missing: row 57 \"12.3.4\""
                .to_owned()
        ]
    );
    let data = &loaded.dataset;
    let year = &data.years[0];
    assert_eq!(year.records.len(), 70, "every row is a record");
    // Row 57 is the 56th record (row 1 holds the headers).
    let record = year.record(55).expect("a record");
    assert_eq!(record.score(1), None, "the typo is missing, never zero");
    assert!(
        record.score(0).is_some() && record.total().is_some(),
        "the rest of the row is read"
    );
}

#[test]
fn a_long_semicolon_file_with_ties_bands_and_missing_values() {
    let loaded = load_path_with(&fixture("universities-long-semicolon.csv"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(data.meta.capacities.len(), 5, "five pillars");
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2023, 2024]
    );
    let y2023 = &data.years[0];
    let east = data.find_entity("East University").expect("East");
    let record = y2023
        .record(y2023.record_of(east).expect("listed"))
        .expect("a record");
    assert_eq!(
        record.given_rank,
        Some(Rank::Exact(2)),
        "\"=2\" is a tie at 2"
    );
    assert_eq!(record.score(2), None, "n/a is missing, not zero");
    let west = data.find_entity("West University").expect("West");
    let west_2023 = y2023
        .record(y2023.record_of(west).expect("listed"))
        .expect("a record");
    assert_eq!(west_2023.given_rank, Some(Rank::Band { lo: 51, hi: 70 }));
    assert_eq!(west_2023.total(), None);
    let y2024 = &data.years[1];
    let far = data.find_entity("Far University").expect("Far");
    let far_2024 = y2024
        .record(y2024.record_of(far).expect("listed"))
        .expect("a record");
    assert_eq!(far_2024.given_rank, Some(Rank::Open { lo: 1001, hi: 1001 }));
    assert_eq!(
        far_2024.score(0),
        Some(1234.0),
        "\"1,234\" has a thousands separator"
    );
    // West is listed twice in 2024: the first row is kept and the second reported; the empty
    // row is reported too.
    assert_eq!(
        y2024.records[y2024.record_of(west).expect("listed")].given_rank,
        Some(Rank::Exact(3))
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("row 10") && w.contains("listed twice in 2024")),
        "{:?}",
        loaded.warnings
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("row 11: empty row skipped")),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(
        y2024
            .derived
            .change(y2024.record_of(west).expect("listed"))
            .expect("a record")
            .to_string(),
        "▲≥48",
        "51–70 → 3"
    );
}

#[test]
fn a_given_mapping_overrides_detection() {
    let json = r#"{ "columns": [
        { "header": "科技城", "role": "name" },
        { "header": "总分", "role": "total" },
        { "header": "科技创新能力", "role": "capacity", "id": "innovation" }
    ] }"#;
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(json).expect("mapping");
    let loaded = load_path_with(&fixture("ccid-2023-gb18030.csv"), Some(&mapping)).expect("opens");
    let ids: Vec<&str> = loaded
        .dataset
        .meta
        .capacities
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, vec!["innovation"], "only the mapped capacity");
    assert!(
        loaded.dataset.years[0].derived.ranks_computed,
        "no rank column: ranks come from the totals"
    );
}

use crate::common;

type AppHarness = egui_kittest::Harness<'static, rankscope::app::RankscopeApp>;

/// Steps the window until `done` (a background load finished), for at most three seconds.
fn step_until(harness: &mut AppHarness, done: impl Fn(&AppHarness) -> bool) {
    common::step_until(harness, "the load", done);
}

/// Opens `path` in the window and waits for the mapping dialog, an error or a notice.
fn open_path_in_window(harness: &mut AppHarness, path: PathBuf) {
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::Open(path));
    step_until(harness, |h| {
        let state = h.state().state();
        state.import.is_some() || state.error.is_some() || state.notice.is_some()
    });
}

/// Opens the fixture `name` in the window and waits for the mapping dialog (or an error).
fn open_in_window(harness: &mut AppHarness, name: &str) {
    open_path_in_window(harness, fixture(name));
}

#[test]
fn a_csv_with_a_typo_shows_its_warning_in_the_mapping_dialog_and_cancel_leaves_the_open_dataset_alone()
 {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "typo-2023.csv");
    let preview = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("the mapping dialog")
        .preview_text(&rankscope::strings::EN);
    assert_eq!(
        preview,
        Ok("70 entities · 1 years · 4 capacities · 0 indicators".to_owned()),
        "one odd cell never stops the load"
    );
    harness.get_by_label_contains("row 57 \"12.3.4\"");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().state().import.is_none());
    assert_eq!(
        harness.state().state().source,
        rankscope::app::state::Source::Sample,
        "the sample stays open"
    );
}

#[test]
fn the_mapping_dialog_opens_a_chinese_csv_and_remembers_a_corrected_role() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "ccid-2023-gb18030.csv");
    harness.get_by_label("12 entities · 1 years · 4 capacities · 0 indicators");
    harness.get_by_label("Read as");
    assert_eq!(
        harness
            .state()
            .state()
            .import
            .as_ref()
            .and_then(|d| d.draft.encoding),
        Some("gb18030"),
        "read as the encoding Chinese Excel writes, shown in the Read as menu"
    );
    harness.snapshot("import_dialog");
    // The analyst decides 要素保障能力 should not be read: Ignore it, as the role menu does.
    let mut mapping = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("dialog")
        .mapping
        .clone();
    for column in &mut mapping.columns {
        if column.header == "要素保障能力" {
            column.role = rankscope::io::mapping::Role::Ignore;
        }
    }
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetImportMapping(mapping),
    );
    harness.run();
    harness.get_by_label("12 entities · 1 years · 3 capacities · 0 indicators");
    harness.get_by_label("Open").click();
    step_until(&mut harness, |h| {
        h.state().state().source != rankscope::app::state::Source::Sample
    });
    let state = harness.state().state();
    assert_eq!(state.dataset.meta.capacities.len(), 3);
    assert_eq!(
        state.settings.mappings.len(),
        1,
        "the mapping is remembered for files with these headers"
    );
    // Opening the same file again proposes the corrected mapping.
    open_in_window(&mut harness, "ccid-2023-gb18030.csv");
    harness.get_by_label("12 entities · 1 years · 3 capacities · 0 indicators");
}

#[test]
fn an_imported_spreadsheet_saved_as_json_opens_the_same() {
    let loaded = load_path_with(&fixture("universities-long-semicolon.csv"), None).expect("opens");
    let mut harness = common::app_harness(&[fixture("universities-long-semicolon.csv")
        .to_str()
        .expect("path")]);
    harness.run();
    let path = std::env::temp_dir().join(format!("rankscope-saved-{:05}.json", std::process::id()));
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SaveDataset(path.clone()),
    );
    // Written off the UI thread: the notice names the file when it is done.
    let shown = path.display().to_string();
    step_until(&mut harness, |h| {
        let state = h.state().state();
        state.notice.as_ref().is_some_and(|n| n.contains(&shown)) || state.error.is_some()
    });
    assert!(
        harness.state().state().error.is_none(),
        "{:?}",
        harness.state().state().error
    );
    let notice = harness.state().state().notice.clone().unwrap_or_default();
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    assert_eq!(harness.state().state().settings.recent.first(), Some(&path));
    let again = load_path(&path).expect("the saved JSON opens");
    assert_eq!(again, loaded.dataset);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn an_excel_workbook_with_a_sheet_per_year_opens_as_one_dataset() {
    let loaded = load_path_with(&fixture("ccid-two-years.xlsx"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2022, 2023],
        "years from the sheet names"
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("sheet \"说明\"") && w.contains("skipped")),
        "{:?}",
        loaded.warnings
    );
    let sample = load_sample().expect("sample");
    let guangzhou = data.find_entity("广东广州科学城").expect("Guangzhou");
    let y2023 = &data.years[1];
    let record = y2023
        .record(y2023.record_of(guangzhou).expect("listed"))
        .expect("a record");
    let original_year = &sample.years[sample.year_index(2023).expect("2023")];
    let original = original_year
        .record(
            original_year
                .record_of(sample.find_entity("广东广州科学城").expect("in sample"))
                .expect("listed"),
        )
        .expect("a record");
    assert_eq!(
        record.scores(),
        original.scores(),
        "every digit of the Excel numbers"
    );
    assert_eq!(record.given_rank, Some(Rank::Exact(2)));
    assert_eq!(
        y2023
            .derived
            .change(y2023.record_of(guangzhou).expect("listed"))
            .expect("a record")
            .to_string(),
        "▲1",
        "3rd in 2022 → 2nd"
    );
}

#[test]
fn one_file_per_year_opens_as_one_dataset_even_in_different_encodings() {
    let files = [fixture("ccid-2022.csv"), fixture("ccid-2023-gb18030.csv")];
    let (data, _) = rankscope::cli::load_spreadsheets(&files, None).expect("opens");
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2022, 2023]
    );
    let y2023 = &data.years[1];
    let guangzhou = data.find_entity("广东广州科学城").expect("Guangzhou");
    assert_eq!(
        y2023
            .derived
            .change(y2023.record_of(guangzhou).expect("listed"))
            .expect("a record")
            .to_string(),
        "▲1",
        "3rd → 2nd"
    );
}

#[test]
fn several_files_opened_in_the_window_go_through_one_mapping_dialog() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    let ctx = harness.ctx.clone();
    let files = vec![fixture("ccid-2022.csv"), fixture("ccid-2023-gb18030.csv")];
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::OpenFiles(files));
    step_until(&mut harness, |h| h.state().state().import.is_some());
    harness.get_by_label("14 entities · 2 years · 4 capacities · 0 indicators");
}

#[test]
fn a_sheet_wide_by_year_opens_as_one_year_per_column_group() {
    let loaded = load_path_with(&fixture("ccid-wide-by-year.csv"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2022, 2023]
    );
    let labels: Vec<&str> = data.meta.capacities.iter().map(|c| c.zh.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "基础建设能力",
            "科技创新能力",
            "城市承载能力",
            "要素保障能力"
        ],
        "one capacity across years"
    );
    let sample = load_sample().expect("sample");
    for (index, year) in data.years.iter().enumerate() {
        let original = &sample.years[sample.year_index(year.year).expect("year")];
        for record in year.record_refs() {
            let entity = &data.entities[record.entity()];
            let theirs = original
                .record(
                    original
                        .record_of(sample.find_entity(&entity.zh).expect("same city"))
                        .expect("listed"),
                )
                .expect("a record");
            assert_eq!(
                (record.total(), record.scores()),
                (theirs.total(), theirs.scores()),
                "{} in year {index}",
                entity.zh
            );
        }
    }
    assert_eq!(data.years[1].records.len(), 10);
}

#[test]
fn a_university_style_ranking_with_hundreds_of_entities_bands_and_missing_totals() {
    let loaded = load_path_with(&fixture("universities-400.csv"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(data.meta.capacities.len(), 5);
    assert_eq!(data.years.len(), 2);
    for year in &data.years {
        assert_eq!(year.cohort_size(), 400);
        let bands = year
            .records
            .iter()
            .filter(|r| matches!(r.given_rank, Some(Rank::Band { .. })))
            .count();
        assert_eq!(bands, 200, "places 201–400 are banded");
        assert!(
            year.records
                .iter()
                .filter(|r| matches!(r.given_rank, Some(Rank::Band { .. })))
                .all(|r| r.total().is_none())
        );
    }
    assert_eq!(
        data.years[1].derived.entrants.len(),
        data.years[1].derived.dropouts.len()
    );
}

#[test]
fn the_mapping_dialog_can_leave_a_sheet_out() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "ccid-two-years.xlsx");
    harness.get_by_label_contains("· 2 years · 4 capacities");
    harness.get_by_label("2022").click();
    harness.run();
    harness.get_by_label("8 entities · 1 years · 4 capacities · 0 indicators");
    assert_eq!(
        harness
            .state()
            .state()
            .import
            .as_ref()
            .expect("dialog")
            .excluded,
        vec!["2022".to_owned()]
    );
}

#[test]
fn cancelling_a_load_keeps_the_open_dataset() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::Open(fixture("universities-400.csv")),
    );
    harness
        .state_mut()
        .apply(&ctx, rankscope::app::command::Command::CancelLoad);
    for _ in 0..30 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let state = harness.state().state();
    assert!(
        state.import.is_none(),
        "the cancelled load's result is dropped"
    );
    assert_eq!(state.source, rankscope::app::state::Source::Sample);
}

/// A file over a megabyte is read from its text on two threads; the window reads the same file
/// as rows in one run. Both must give the same dataset and the same warnings, in the same order,
/// with duplicates inside each half and across the split, an id whose name changes, empty rows
/// and entities that first appear after the split.
#[test]
fn a_large_csv_read_in_two_halves_equals_the_one_read_row_by_row() {
    use std::fmt::Write as _;
    let dir = std::env::temp_dir().join(format!("rankscope-halves-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("halves.csv");
    let mut text = String::from("id,name,province,year,total,innovation,economy\n");
    let rows = 24_000;
    for i in 0..rows {
        let entity = (i * 7) % 9_000;
        let year = 2020 + i % 3;
        let name = if i % 5_001 == 0 {
            format!("Renamed {entity}")
        } else {
            format!("City {entity}")
        };
        let total = f64::from(u32::try_from(i % 997).expect("small")) / 10.0;
        writeln!(
            text,
            "c{entity},{name},Province {},{year},{total},{},{}",
            entity % 30,
            total / 2.0,
            total / 3.0
        )
        .expect("write");
        if i % 3_333 == 0 {
            text.push_str(",,,,,,\n");
        }
        if i % 4_999 == 0 {
            // The same entity and year again, soon and far from its first row.
            writeln!(text, "c{entity},Again {entity},P,{year},1,1,1").expect("write");
        }
    }
    // Repeats of rows from the first half in the second.
    for i in [3, 4_000, 11_000] {
        let entity = (i * 7) % 9_000;
        writeln!(text, "c{entity},Late {entity},P,{},2,2,2", 2020 + i % 3).expect("write");
    }
    assert!(text.len() > 1 << 20, "large enough to be split");
    std::fs::write(&path, &text).expect("write csv");

    let from_text = load_path_with(&path, None).expect("opens from text");
    let draft = rankscope::io::import::read_draft(&path).expect("draft");
    let from_rows = draft.build(&draft.mapping).expect("builds from rows");
    assert_eq!(from_text.dataset, from_rows.dataset);
    assert_eq!(from_text.warnings, from_rows.warnings);

    // The window's mapping dialog keeps only the first rows, and building reads the whole file.
    let dialog = rankscope::io::import::read_draft_with_progress(&path, &|_| {}).expect("draft");
    assert!(dialog.head_only);
    assert_eq!(
        dialog.sheets[0].rows.len(),
        rankscope::io::import::DRAFT_ROWS
    );
    assert_eq!(dialog.mapping, draft.mapping, "the same detected mapping");
    let from_dialog = dialog
        .build(&dialog.mapping)
        .expect("builds the whole file");
    assert_eq!(from_dialog.dataset, from_rows.dataset);
    assert_eq!(from_dialog.warnings, from_rows.warnings);
    let repeated = from_text
        .warnings
        .iter()
        .filter(|w| w.contains("listed twice"))
        .count();
    assert!(repeated >= 8, "{:?}", from_text.warnings);
    assert!(
        from_text.warnings.iter().any(|w| w.contains("\"Late 21\"")),
        "a repeat across the split names its own row: {:?}",
        from_text.warnings
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_subset_of_a_larger_ranking_says_what_it_found_in_one_line_per_kind() {
    let loaded = load_path_with(&fixture("subset-of-larger-ranking.csv"), None).expect("opens");
    let warnings = &loaded.warnings;
    assert_eq!(
        warnings.len(),
        3,
        "one line per kind, not one per row: {warnings:#?}"
    );
    let gaps = warnings
        .iter()
        .find(|w| w.contains("skip places"))
        .expect("the gaps");
    assert!(gaps.starts_with("2024: "), "{gaps}");
    assert!(
        gaps.contains("3 → 5 (expected 4)"),
        "the first example: {gaps}"
    );
    assert!(gaps.contains("more)"), "the rest counted: {gaps}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("3 tied at 106, then 108 (expected 109)")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("a better rank has a lower total")
                && w.contains(
                    "\"Institute 17\" (250, total 80.8) ahead of \"Institute 18\" (300, total 84.5)"
                )),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("its total places it")),
        "no claim that the totals disagree where only places are missing"
    );
}

#[test]
fn title_rows_above_the_header_and_notes_below_the_data_are_skipped_and_said() {
    // The GB18030 file of the first test, as office software exports it: a title, a publisher
    // line and a blank row above the header; two notes under the data.
    let loaded = load_path_with(&fixture("ccid-2023-titled-gb18030.csv"), None).expect("opens");
    let plain = load_path_with(&fixture("ccid-2023-gb18030.csv"), None).expect("opens");
    let (data, reference) = (&loaded.dataset, &plain.dataset);
    assert_eq!(data.years.len(), 1);
    assert_eq!(data.years[0].records.len(), 12, "the notes are not records");
    assert_eq!(data.entities.len(), reference.entities.len());
    for (a, b) in data.years[0]
        .records
        .iter()
        .zip(&reference.years[0].records)
    {
        assert_eq!(
            data.entities[a.entity()].zh,
            reference.entities[b.entity()].zh
        );
        assert_eq!(a.total(), b.total());
        assert_eq!(a.given_rank, b.given_rank);
    }
    let warnings = loaded.warnings.join("\n");
    assert!(
        warnings.contains(
            "ccid-2023-titled-gb18030.csv: 2 rows above the header (row 4) were skipped: \"2023中国科技城百强榜\""
        ),
        "{warnings}"
    );
    assert!(
        warnings
            .contains("row 17: a note, not a record, skipped: \"注：总分为四项能力得分的加权和"),
        "{warnings}"
    );
    assert!(
        warnings.contains("row 18: a note, not a record, skipped: \"数据来源：赛迪顾问\""),
        "{warnings}"
    );
}

#[test]
fn the_mapping_dialog_says_why_a_column_got_its_role_when_its_header_is_hovered() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "real/cwur-2012-2013.csv");
    // The header's label, then the role menu it labels.
    harness
        .get_all_by_label("national_rank")
        .next()
        .expect("the header")
        .hover();
    harness.run();
    harness.get_by_label_contains(
        "Detected: its header's words (national rank) point to another ranking's rank",
    );
}

#[test]
fn a_second_header_row_in_english_under_the_chinese_one_is_not_a_record() {
    let two = load_path_with(&fixture("ccid-2022-two-header-rows.csv"), None).expect("opens");
    let one = load_path_with(&fixture("ccid-2022.csv"), None).expect("opens");
    assert_eq!(
        two.mapping, one.mapping,
        "the Chinese headers are the columns' names"
    );
    let (a, b) = (&two.dataset, &one.dataset);
    assert_eq!(a.years[0].records.len(), b.years[0].records.len());
    assert!(
        a.find_entity("Sci-tech city").is_none(),
        "the English row is no entity"
    );
    for (x, y) in a.years[0].record_refs().zip(b.years[0].record_refs()) {
        assert_eq!(a.entities[x.entity()].zh, b.entities[y.entity()].zh);
        assert_eq!(x.scores(), y.scores());
    }
    assert!(two.warnings.is_empty(), "{:?}", two.warnings);
}

#[test]
fn the_status_bar_names_a_single_year_instead_of_counting_it() {
    let path = fixture("real/bcur-2021-top30-gbk.csv");
    let mut harness = common::app_harness(&[path.to_str().expect("path")]);
    harness.run();
    harness.get_by_label("30 entities · 2021 · 30 ranked");
}

#[test]
fn a_json_array_of_records_opens_like_a_table() {
    let loaded = load_path_with(&fixture("universities-array.json"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2024, 2025]
    );
    let capacities: Vec<&str> = data.meta.capacities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        capacities,
        vec!["teaching_score", "research_score"],
        "nested subjects left out"
    );
    let y2024 = &data.years[0];
    let ranks: Vec<String> = y2024
        .derived
        .ranks
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ranks, vec!["1", "2", "2", "4"]);
    let south = data.find_entity("South School").expect("listed");
    let record = y2024
        .record(y2024.record_of(south).expect("in 2024"))
        .expect("a record");
    assert_eq!(record.score(0), None, "null is missing");
    assert_eq!(record.total(), Some(90.0));
    assert_eq!(
        data.entities[data.find_entity("West College").expect("listed")].province_en,
        "Norland"
    );
}

#[test]
fn a_file_with_no_year_anywhere_is_one_period_and_says_so() {
    let loaded = load_path_with(&fixture("malformed/no-year.csv"), None).expect("opens");
    let years: Vec<String> = loaded
        .dataset
        .years
        .iter()
        .map(rankscope::model::Year::label)
        .collect();
    assert_eq!(years, ["—"]);
    assert_eq!(
        loaded.dataset.years[0].year,
        rankscope::model::period::UNDATED
    );
    assert!(
        loaded.warnings.iter().any(|w| w.starts_with(
            "no-year.csv: no year or date in a column or the name: its rows are read as one period"
        )),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn a_dated_annual_list_reads_as_years_and_several_releases_a_year_as_dates() {
    let dir = std::env::temp_dir().join(format!("rankscope-periods-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let annual = dir.join("annual.csv");
    std::fs::write(
        &annual,
        "rank,name,score,release date\n1,A,9,2022-12-01\n2,B,8,2022-12-01\n\
         1,B,9,31/12/2023\n2,A,8,31/12/2023\n",
    )
    .expect("written");
    let loaded = load_path_with(&annual, None).expect("opens");
    let years: Vec<String> = loaded
        .dataset
        .years
        .iter()
        .map(rankscope::model::Year::label)
        .collect();
    assert_eq!(years, ["2022", "2023"], "one release a year: the years");
    let monthly = dir.join("monthly.csv");
    std::fs::write(
        &monthly,
        "rank,name,score,date\n1,A,9,2023-06-01\n2,B,8,2023-06-01\n\
         1,B,9,2022-12-01\n2,A,8,2022-12-01\n1,A,9,2023-01-15\n2,B,8,2023-01-15\n",
    )
    .expect("written");
    let loaded = load_path_with(&monthly, None).expect("opens");
    let data = &loaded.dataset;
    let years: Vec<String> = data
        .years
        .iter()
        .map(rankscope::model::Year::label)
        .collect();
    assert_eq!(
        years,
        ["2022-12-01", "2023-01-15", "2023-06-01"],
        "in time order"
    );
    // The change is against the release before, not the year before.
    let january = &data.years[1];
    let b = data.find_entity("B").expect("listed");
    let record = january.record_of(b).expect("listed in January");
    assert_eq!(
        january.derived.previous_rank(record).map(|r| r.to_string()),
        Some("1".to_owned())
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("3 releases from 2022-12-01 to 2023-06-01")),
        "{:?}",
        loaded.warnings
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn load_warnings_are_grouped_in_the_notice_and_listed_whole_on_request() {
    // A JSON array of records with the same university listed four times in its one period.
    // The process id goes in the folder's name: in the file's, one like 2079 reads as its year.
    let dir = std::env::temp_dir().join(format!("rankscope-warned-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("warned.json");
    let mut records =
        vec![r#"{"rank": "1", "name": "North", "score": "90", "teaching": "88"}"#.to_owned()];
    for place in 2..=6 {
        records.push(format!(
            r#"{{"rank": "{place}", "name": "{}", "score": "{}", "teaching": "80"}}"#,
            if place % 2 == 0 {
                "East"
            } else {
                format!("City {place}").leak()
            },
            90 - place
        ));
    }
    std::fs::write(&path, format!("[{}]", records.join(","))).expect("written");
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_path_in_window(&mut harness, path.clone());
    let _ = std::fs::remove_dir_all(&dir);
    let notice = harness.state().state().notice.clone().expect("a notice");
    assert!(
        notice.contains("2 rows (5, 7): \"East\" is listed twice in —"),
        "grouped: {notice}"
    );
    let all = &harness.state().state().load_warnings;
    assert_eq!(
        all.iter().filter(|w| w.contains("is listed twice")).count(),
        2,
        "every warning kept: {all:?}"
    );
    harness.get_by_label("Show every warning").click();
    harness.run();
    assert!(harness.state().state().warnings_open);
    harness.get_by_label_contains("row 7: \"East\" is listed twice");
}

#[test]
fn a_file_on_the_command_line_whose_roles_are_not_found_opens_the_dialog_and_escape_cancels() {
    let file = fixture("malformed/no-name-column-2023.csv");
    let mut harness = common::app_harness(&[file.to_str().expect("path")]);
    harness.run();
    let state = harness.state().state();
    let dialog = state
        .import
        .as_ref()
        .expect("the mapping dialog, not an exit");
    assert!(
        dialog
            .preview_text(&rankscope::strings::EN)
            .is_err_and(|e| e.contains("name")),
        "{:?}",
        dialog.preview
    );
    assert_eq!(
        state.source,
        rankscope::app::state::Source::Sample,
        "the sample behind it"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().state().import.is_none(), "Escape cancels");
    assert_eq!(
        harness.state().state().source,
        rankscope::app::state::Source::Sample
    );
}

#[test]
fn the_dialog_refuses_a_role_given_to_two_columns_and_says_which() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "ccid-2023-gb18030.csv");
    let mut mapping = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("the dialog")
        .mapping
        .clone();
    let province = mapping
        .columns
        .iter_mut()
        .find(|c| c.header == "省份")
        .expect("a column");
    province.role = rankscope::io::mapping::Role::Name;
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetImportMapping(mapping),
    );
    harness.run();
    let preview = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("the dialog")
        .preview_text(&rankscope::strings::EN);
    assert_eq!(
        preview,
        Err("two columns have the role \"Entity name\": \"科技城\" and \"省份\"; give one of them another role".to_owned())
    );
    harness.get_by_label("Open").click();
    harness.run();
    assert!(
        harness.state().state().import.is_some(),
        "Open does nothing until the roles are right"
    );
}

#[test]
fn the_dialog_says_when_its_counts_are_of_the_first_rows_only() {
    use std::fmt::Write as _;
    let path =
        std::env::temp_dir().join(format!("rankscope-long-{:05}-2023.csv", std::process::id()));
    let mut text = String::from("排名,科技城,总分,创新\n");
    for i in 1..=800 {
        writeln!(text, "{i},城{i},{},{}", 1000 - i, 900 - i).expect("write");
    }
    std::fs::write(&path, text).expect("written");
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_path_in_window(&mut harness, path.clone());
    let _ = std::fs::remove_file(&path);
    let preview = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("the dialog")
        .preview_text(&rankscope::strings::EN)
        .expect("a summary");
    assert!(
        preview
            .ends_with("(counted on the first 500 rows of each sheet; Open reads the whole file)"),
        "{preview}"
    );
}

#[test]
fn a_mapping_dialog_of_thousands_of_columns_draws_only_the_rows_in_view() {
    let columns = 3_000;
    let path = common::wide_csv(columns, "wide-dialog");
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_path_in_window(&mut harness, path.clone());
    let _ = std::fs::remove_file(&path);
    assert!(
        harness.state().state().import.is_some(),
        "the dialog is open"
    );
    assert!(
        harness.query_all_by_label("x0y").count() >= 1,
        "the first rows are drawn"
    );
    assert_eq!(
        harness.query_all_by_label("x2999y").count(),
        0,
        "a row far below the view is not drawn"
    );
}

#[test]
fn warnings_of_a_file_named_on_the_command_line_are_shown_in_the_window_too() {
    let file = fixture("typo-2023.csv");
    let mut harness = common::app_harness(&[file.to_str().expect("path")]);
    harness.run();
    let state = harness.state().state();
    let notice = state.notice.clone().expect("a notice");
    assert!(notice.contains("row 57"), "{notice}");
    assert!(!state.load_warnings.is_empty());
    harness.get_by_label("Show every warning");
}

#[test]
fn the_dialog_reads_the_file_again_in_the_encoding_picked() {
    let mut harness = common::app_harness(&[]);
    harness.run();
    open_in_window(&mut harness, "real/world-happiness-2015.csv");
    let draft_encoding = |h: &AppHarness| {
        h.state()
            .state()
            .import
            .as_ref()
            .and_then(|d| d.draft.encoding)
    };
    assert_eq!(draft_encoding(&harness), Some("UTF-8"));
    harness.get_by_label("Read as");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SetImportEncoding(encoding_rs::WINDOWS_1252),
    );
    step_until(&mut harness, |h| draft_encoding(h).is_some());
    assert_eq!(draft_encoding(&harness), Some("windows-1252"), "read again");
    let preview = harness
        .state()
        .state()
        .import
        .as_ref()
        .expect("the dialog")
        .preview_text(&rankscope::strings::EN);
    assert!(
        preview.is_ok_and(|p| p.starts_with("158 entities")),
        "the same rows"
    );
}

#[test]
fn a_wide_sheets_preview_builds_in_the_background_and_then_shows() {
    let path = common::wide_csv(30_000, "wide-preview");
    let draft = rankscope::io::import::read_draft(&path).expect("the first rows");
    let _ = std::fs::remove_file(&path);
    let mapping = draft.mapping.clone();
    let mut dialog =
        rankscope::app::import_dialog::ImportDialog::new(draft, mapping, vec![path.clone()]);
    // 30,000 columns × the first rows is over what is built between two frames: the dialog
    // opens at once and the preview follows.
    assert!(
        dialog.building.is_some(),
        "the preview builds off the UI thread"
    );
    let started = std::time::Instant::now();
    while !dialog.poll_preview() {
        assert!(
            started.elapsed() < common::PATIENCE,
            "the preview never came"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let preview = dialog.preview_text(&rankscope::strings::EN);
    assert!(
        preview.as_ref().is_ok_and(|p| p.starts_with("3 entities")),
        "{preview:?}"
    );
}

#[test]
fn a_large_file_with_quoted_line_breaks_and_stray_quotes_reads_as_written() {
    // Over a megabyte, so its rows are read in two halves: quoted names with commas and line
    // breaks throughout, and, in the second file, stray quotes inside unquoted names in the
    // first half (21: an odd number), which mislead a count of quotes about where rows start.
    use std::fmt::Write as _;
    let is_stray = |i: usize| i < 19_500 && (i % 1_000 == 1 || i == 3);
    for stray in [false, true] {
        let mut text = String::from("year,name,total,score\n");
        let rows = 40_000;
        for i in 0..rows {
            if stray && is_stray(i) {
                writeln!(text, "2023,ab\"c {i},{i},{i}").expect("a string");
            } else {
                writeln!(text, "2023,\"City, {i}\nsecond line\",{i},{i}").expect("a string");
            }
        }
        assert!(text.len() > 1 << 20);
        let dir = std::env::temp_dir().join(format!("rankscope-halves-{:05}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let path = dir.join("quoted.csv");
        std::fs::write(&path, &text).expect("written");
        let loaded = load_path_with(&path, None);
        let _ = std::fs::remove_dir_all(&dir);
        let data = loaded.expect("opens").dataset;
        let year = &data.years[0];
        assert_eq!(year.records.len(), rows, "stray quotes: {stray}");
        for record in year.record_refs() {
            let total = record.total().expect("a total");
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "row numbers"
            )]
            let i = total as usize;
            let expected = if stray && is_stray(i) {
                format!("ab\"c {i}")
            } else {
                format!("City, {i} second line")
            };
            assert_eq!(data.entities[record.entity()].en, expected);
            assert_eq!(record.score(0), Some(total));
        }
    }
}

#[test]
fn a_large_file_with_carriage_returns_alone_keeps_its_row_numbers() {
    // Over a megabyte, so its rows could be read in two halves; its first rows end with a
    // carriage return alone (a line break of its own, as old Mac files have), so the second
    // half's first line is not the line feeds before it counted.
    use std::fmt::Write as _;
    let mut text = String::from("year,name,total\n");
    let rows = 60_000;
    for i in 0..rows {
        let end = if i < 100 { "\r" } else { "\n" };
        write!(text, "2023,City {i},{i}{end}").expect("a string");
    }
    // The last row repeats the first entity: line 1 is the header, rows are lines 2 onwards.
    text.push_str("2023,City 0,1\n");
    assert!(text.len() > 1 << 20);
    let dir = std::env::temp_dir().join(format!("rankscope-cr-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("old-mac.csv");
    std::fs::write(&path, &text).expect("written");
    let loaded = load_path_with(&path, None);
    let _ = std::fs::remove_dir_all(&dir);
    let loaded = loaded.expect("opens");
    assert_eq!(loaded.dataset.years[0].records.len(), rows);
    let line = rows + 2;
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains(&format!("row {line}: \"City 0\" is listed twice"))),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn a_csv_with_a_title_above_its_table_opens() {
    // Exports often put the ranking's title on the first line, with no delimiter in it.
    use std::fmt::Write as _;
    let mut text = String::from("2023中国科技城市百强榜\n\nyear,name,province,total\n");
    for (i, city) in ["北京", "上海", "深圳", "广州"].iter().enumerate() {
        writeln!(text, "2023,{city},{city},{}", 90 - i).expect("a string");
    }
    let dir = std::env::temp_dir().join(format!("rankscope-title-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("titled.csv");
    std::fs::write(&path, &text).expect("written");
    let loaded = load_path_with(&path, None);
    let _ = std::fs::remove_dir_all(&dir);
    let loaded = loaded.expect("opens");
    assert_eq!(loaded.dataset.entities.len(), 4);
    let third = loaded.dataset.years[0].record(2).expect("a third record");
    assert_eq!(third.total(), Some(88.0));
    assert!(
        loaded.warnings.iter().any(|w| w
            == "titled.csv: 1 row above the header (row 3) was skipped: \"2023中国科技城市百强榜\""),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn a_ranking_on_one_figure_without_ranks_is_ranked_on_it() {
    // `year,name,score`: the figure is the one capacity and, with no rank column, the total
    // its years are ranked on; in the direction the mapping gives it.
    let text = "year,name,score\n2023,B,7.5\n2023,A,9.25\n2023,C,3\n2024,A,8\n2024,C,8\n2024,B,1\n";
    let dir = std::env::temp_dir().join(format!("rankscope-one-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("one-figure.csv");
    std::fs::write(&path, text).expect("written");
    let first_to_last = |loaded: &rankscope::io::import::Loaded, year: usize| -> Vec<String> {
        let data = &loaded.dataset;
        let year = &data.years[year];
        year.derived
            .order
            .iter()
            .map(|r| {
                let record = year.record(r).expect("a record");
                format!(
                    "{}{:?}",
                    data.entities[record.entity()].en,
                    year.derived.ranks[r]
                )
            })
            .collect()
    };
    let detected = load_path_with(&path, None).expect("opens");
    assert_eq!(detected.dataset.meta.capacities.len(), 1);
    assert_eq!(
        first_to_last(&detected, 0),
        ["AExact(1)", "BExact(2)", "CExact(3)"]
    );
    // Equal scores share a place.
    assert_eq!(
        first_to_last(&detected, 1),
        ["AExact(1)", "CExact(1)", "BExact(3)"]
    );
    let mut mapping = detected.mapping.clone().expect("a mapping");
    for column in &mut mapping.columns {
        if column.header == "score" {
            column.lower_is_better = true;
        }
    }
    let lower = load_path_with(&path, Some(&mapping)).expect("opens");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        first_to_last(&lower, 0),
        ["CExact(1)", "BExact(2)", "AExact(3)"]
    );
}
