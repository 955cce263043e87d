//! Three yearly CSV files (one per year, as CCID-style data arrives) read the same by the
//! window and by every scripted command, with and without `--mapping`.

use std::path::{Path, PathBuf};

use clap::Parser;
use rankscope::app::launch::startup_from;
use rankscope::cli::{Cli, Command, DataArgs};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_str()
        .expect("path")
        .to_owned()
}

fn yearly() -> Vec<String> {
    ["ccid-2021.csv", "ccid-2022.csv", "ccid-2023-gb18030.csv"]
        .map(fixture)
        .to_vec()
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rankscope-yearly-{:05}-{name}", std::process::id()))
}

fn parse(args: &[&str]) -> Cli {
    Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied())).expect("parses")
}

/// The detected mapping of the three files, written where `--mapping` can read it.
fn saved_mapping(tag: &str) -> PathBuf {
    let files: Vec<PathBuf> = yearly().iter().map(PathBuf::from).collect();
    let draft = rankscope::io::import::read_drafts(&files).expect("drafts");
    let path = scratch(&format!("{tag}-map.json"));
    std::fs::write(&path, draft.mapping.to_json()).expect("written");
    path
}

#[test]
fn the_window_and_the_commands_read_three_yearly_files_as_one_dataset() {
    let files = yearly();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let window = startup_from(&parse(&args).open).expect("the window opens them");
    let data = DataArgs {
        files: files.iter().map(PathBuf::from).collect(),
        mapping: None,
        ..DataArgs::default()
    };
    let (dataset, _) = data.load().expect("the commands read them");
    assert_eq!(*window.dataset, dataset);
    let years: Vec<i32> = dataset.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2021, 2022, 2023]);
    let mapping = saved_mapping("window");
    let mapped = DataArgs {
        files: files.iter().map(PathBuf::from).collect(),
        mapping: Some(mapping.clone()),
        ..DataArgs::default()
    };
    assert_eq!(mapped.load().expect("with --mapping").0, dataset);
    let _ = std::fs::remove_file(&mapping);
}

#[test]
fn every_command_takes_the_three_files_and_a_mapping() {
    let files = yearly();
    let mapping = saved_mapping("commands");
    let mapping_arg = mapping.to_str().expect("path").to_owned();
    for with_mapping in [false, true] {
        let mut common: Vec<&str> = files.iter().map(String::as_str).collect();
        if with_mapping {
            common.extend(["--mapping", &mapping_arg]);
        }
        let table = scratch(&format!("table-{with_mapping}.csv"));
        let radar = scratch(&format!("radar-{with_mapping}.svg"));
        let trends = scratch(&format!("trends-{with_mapping}.csv"));
        let whatif = scratch(&format!("whatif-{with_mapping}.csv"));
        let runs: [(&str, Vec<&str>, &PathBuf); 4] = [
            ("table", vec!["--year", "2022"], &table),
            ("radar", vec!["--select", "上海浦东张江科学城"], &radar),
            ("trends", vec!["--from", "2021", "--to", "2023"], &trends),
            ("whatif", vec!["--weights", "equal"], &whatif),
        ];
        for (command, extra, out) in runs {
            let out_arg = out.to_str().expect("path");
            let mut argv = vec![command];
            argv.extend(common.iter().copied());
            argv.extend(extra);
            argv.extend(["--out", out_arg]);
            let cli = parse(&argv);
            let result = match cli.command.expect("a command") {
                Command::Table(a) => rankscope::cli::run_table(&a),
                Command::Radar(a) => rankscope::cli::run_radar(&a),
                Command::Trends(a) => rankscope::cli::run_trends(&a),
                Command::Whatif(a) => rankscope::cli::run_whatif(&a),
                other => panic!("{other:?}"),
            };
            result.unwrap_or_else(|e| panic!("{command} (mapping: {with_mapping}): {e}"));
            assert!(out.exists(), "{command} wrote its file");
        }
        let table_csv = std::fs::read_to_string(&table).expect("written");
        assert!(
            table_csv
                .lines()
                .nth(1)
                .is_some_and(|l| l.contains("上海浦东张江科学城"))
        );
        let changes = std::fs::read_to_string(&trends).expect("written");
        assert!(
            changes.contains("2021") && changes.contains("2023"),
            "{changes}"
        );
        for out in [&table, &radar, &trends, &whatif] {
            let _ = std::fs::remove_file(out);
        }
    }
    let _ = std::fs::remove_file(&mapping);
}

#[test]
fn a_report_configuration_names_several_files_and_a_mapping() {
    let folder = scratch("report");
    std::fs::create_dir_all(&folder).expect("a folder");
    let mapping = saved_mapping("report");
    let config = folder.join("report.json");
    let files: Vec<String> = yearly();
    std::fs::write(
        &config,
        serde_json::json!({
            "dataset": files,
            "mapping": mapping,
            "figures": [{ "view": "table", "year": 2021, "path": "t2021.csv" }]
        })
        .to_string(),
    )
    .expect("written");
    let args = rankscope::cli::ExportArgs {
        config,
        allow_outside: false,
        lang: None,
    };
    rankscope::cli::run_export(&args).expect("the report is written");
    let table = std::fs::read_to_string(folder.join("t2021.csv")).expect("written");
    assert!(
        table.contains("四川省"),
        "the 2021 file's own province: {table}"
    );
    let _ = std::fs::remove_dir_all(&folder);
    let _ = std::fs::remove_file(&mapping);
}

#[test]
fn a_province_renamed_between_years_shows_and_filters_each_years_own_name() {
    let files: Vec<PathBuf> = yearly().iter().map(PathBuf::from).collect();
    let (data, _) = rankscope::cli::load_files(&files, None).expect("opens");
    let mianyang = data.find_entity("四川中国（绵阳）科技城").expect("listed");
    let province_in = |year: i32| {
        let y = &data.years[data.year_index(year).expect("a year")];
        let record = y.record_of(mianyang).expect("listed");
        data.province_of(y, record, rankscope::model::NameStyle::Chinese)
    };
    assert_eq!(province_in(2021), "四川省", "the 2021 file's own spelling");
    assert_eq!(province_in(2022), "四川");
    assert_eq!(province_in(2023), "四川");
    let table = |year: &str, province: &str| {
        let out = scratch(&format!("province-{year}-{province}.csv"));
        let mut words: Vec<String> = vec!["table".into()];
        words.extend(yearly());
        words.extend(
            [
                "--year",
                year,
                "--province",
                province,
                "--out",
                out.to_str().expect("path"),
            ]
            .map(str::to_owned),
        );
        let cli = parse(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let Some(Command::Table(table_args)) = cli.command else {
            panic!("the table command");
        };
        rankscope::cli::run_table(&table_args).expect("written");
        let csv = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(&out);
        csv.lines().skip(1).map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(table("2021", "四川省").len(), 1);
    assert!(table("2021", "四川").is_empty(), "2021 says 四川省");
    assert_eq!(table("2022", "四川").len(), 1);
    // Saved as rankscope JSON and read back, each year keeps its own name.
    let again = rankscope::io::read_native(&rankscope::io::write_native(&data)).expect("reads");
    assert_eq!(again, data);
}

#[test]
fn a_province_is_found_by_its_english_name_and_the_column_is_headed_as_the_file_heads_it() {
    let data = rankscope::io::load_sample().expect("the sample");
    assert_eq!(data.province_key_named("Zhejiang"), "浙江");
    assert_eq!(data.province_key_named("zhejiang"), "浙江");
    assert_eq!(data.province_key_named("浙江"), "浙江");
    let happiness = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/world-happiness-2021-bom.csv");
    let loaded = rankscope::io::load_path_with(&happiness, None).expect("opens");
    assert_eq!(loaded.dataset.meta.group_label, "Region");
    let strings = &rankscope::strings::EN;
    assert_eq!(
        strings.column_title(
            rankscope::model::ColumnId::Province,
            &loaded.dataset,
            rankscope::model::NameStyle::English,
        ),
        "Region"
    );
    let ccid = rankscope::io::load_path_with(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-2022.csv"),
        None,
    )
    .expect("opens");
    assert_eq!(
        ccid.dataset.meta.group_label, "",
        "省份 is a province: the translated heading"
    );
}

#[test]
fn the_change_table_shows_the_later_years_own_province() {
    let files: Vec<PathBuf> = yearly().iter().map(PathBuf::from).collect();
    let (data, _) = rankscope::cli::load_files(&files, None).expect("opens");
    let mianyang = data.find_entity("四川中国（绵阳）科技城").expect("listed");
    let style = rankscope::model::NameStyle::Chinese;
    assert_eq!(data.province_between(mianyang, (2021, 2022), style), "四川");
    assert_eq!(
        data.province_between(mianyang, (2020, 2021), style),
        "四川省"
    );
    let changes = rankscope::model::changes::compare_years(&data, 0, 1);
    let csv = rankscope::export::changes_csv::changes_csv(
        &rankscope::strings::EN,
        &data,
        &changes,
        (2021, 2022),
        style,
    );
    let row = csv
        .lines()
        .find(|l| l.starts_with("四川中国（绵阳）科技城,"))
        .expect("a row");
    assert!(row.starts_with("四川中国（绵阳）科技城,四川,"), "{row}");
}

/// Opens `files` one at a time into the dataset, as rows built as sheets, and from what the
/// mapping dialog reads of them; checks all three give the same, and that the files were read
/// one at a time. Whether the dialog read only their first rows.
fn same_as_rows(files: &[PathBuf], mapping: Option<&rankscope::io::mapping::Mapping>) -> bool {
    let cancel = rankscope::io::Cancel::new();
    let one_at_a_time = rankscope::io::many_files::load_files(files, mapping, None, &cancel)
        .expect("not cancelled")
        .unwrap_or_else(|| panic!("{files:?} read one at a time"));
    let draft = rankscope::io::import::read_drafts_whole(files, None).expect("drafts");
    let rows = draft
        .build(mapping.unwrap_or(&draft.mapping))
        .expect("builds");
    // What the mapping dialog reads of them (at most the header and the first rows) builds the
    // same.
    let head = rankscope::io::import::read_drafts(files).expect("drafts");
    let most = rankscope::io::import::DRAFT_ROWS;
    assert!(
        head.sheets.iter().all(|s| s.rows.len() <= most + 1),
        "{files:?}"
    );
    assert_eq!(head.mapping, draft.mapping, "{files:?}");
    let dialog = head
        .build(mapping.unwrap_or(&head.mapping))
        .expect("builds");
    assert!(
        dialog.dataset == rows.dataset,
        "{files:?}: the dialog's dataset differs"
    );
    assert_eq!(dialog.warnings, rows.warnings, "{files:?}");
    assert_eq!(one_at_a_time.warnings, rows.warnings, "{files:?}");
    assert_eq!(one_at_a_time.mapping, rows.mapping, "{files:?}");
    assert_eq!(one_at_a_time.encoding, rows.encoding, "{files:?}");
    assert!(
        one_at_a_time.dataset == rows.dataset,
        "{files:?}: datasets differ"
    );
    head.head_only
}

#[test]
fn several_files_read_one_at_a_time_give_what_their_rows_give() {
    let csv =
        |names: &[&str]| -> Vec<PathBuf> { names.iter().map(|n| fixture(n).into()).collect() };
    let parquet = |names: &[&str]| -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| fixture(&format!("parquet/{n}")).into())
            .collect()
    };
    // Yearly CSV files: UTF-8 and GB18030, a title above the table, two header rows.
    same_as_rows(
        &yearly().iter().map(PathBuf::from).collect::<Vec<_>>(),
        None,
    );
    same_as_rows(
        &csv(&[
            "ccid-2021.csv",
            "ccid-2022-two-header-rows.csv",
            "ccid-2023-titled-gb18030.csv",
        ]),
        None,
    );
    // Yearly Parquet files (the year in the file name), and Parquet with CSV.
    let universities = parquet(&["universities-2023.parquet", "universities-2024.parquet"]);
    same_as_rows(&universities, None);
    let mut mixed = csv(&["universities-400.csv"]);
    mixed.extend(parquet(&["universities-polars.parquet"]));
    // 800 rows in the Parquet file: the dialog reads its first 500.
    assert!(same_as_rows(&mixed, None));
    // Arrow files (pandas' Feather, polars' and DuckDB's Arrow), alone and with the others.
    let arrow = |names: &[&str]| -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| fixture(&format!("arrow/{n}")).into())
            .collect()
    };
    same_as_rows(
        &arrow(&["universities-polars.arrow", "universities-pandas.feather"]),
        None,
    );
    // Three in a row (two read side by side, then one) before a CSV file.
    let mut arrows_then_csv = arrow(&[
        "universities-polars.arrow",
        "universities-pandas.feather",
        "universities-duckdb.arrow",
    ]);
    arrows_then_csv.extend(csv(&["universities-400.csv"]));
    same_as_rows(&arrows_then_csv, None);
    let mut all_kinds = csv(&["universities-400.csv"]);
    all_kinds.extend(parquet(&["universities-2024.parquet"]));
    all_kinds.extend(arrow(&["universities-duckdb.arrow"]));
    same_as_rows(&all_kinds, None);
    // A given mapping; a file without the mapping's names and scores is skipped.
    let draft = rankscope::io::import::read_drafts(&universities).expect("drafts");
    let mut with_other = universities.clone();
    with_other.push(fixture("ccid-2021.csv").into());
    same_as_rows(&with_other, Some(&draft.mapping));
}

#[test]
fn several_files_that_fail_are_left_to_be_read_as_rows() {
    // A nested Parquet column, and a CSV whose quote never closes: the rows' reading gives
    // the error.
    let dir = scratch("failing");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let open = dir.join("open-2024.csv");
    std::fs::write(&open, "Rank,Name,Overall\n1,\"Open,90\n").expect("written");
    let cancel = rankscope::io::Cancel::new();
    for second in [
        PathBuf::from(fixture("parquet/nested-column.parquet")),
        PathBuf::from(fixture("arrow/nested-column.arrow")),
        PathBuf::from(fixture("arrow/universities-stream.arrow")),
        open.clone(),
    ] {
        let files = vec![PathBuf::from(fixture("universities-400.csv")), second];
        let read = rankscope::io::many_files::load_files(&files, None, None, &cancel);
        assert!(matches!(read, Ok(None)), "{files:?}");
        let whole = rankscope::io::import::read_drafts_whole(&files, None);
        let rows = whole.and_then(|d| d.build(&d.mapping));
        let head = rankscope::io::import::read_drafts(&files).and_then(|d| d.build(&d.mapping));
        assert!(rows.is_err(), "{files:?}");
        assert_eq!(
            rows.err(),
            head.err(),
            "{files:?}: the same error from the dialog's draft"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn public_rankings_opened_together_read_one_at_a_time_as_their_rows_read() {
    // Editions of public rankings nobody here wrote (UTF-8 with and without a BOM, GBK), opened
    // together: the files' own headers differ from edition to edition.
    let real = |names: &[&str]| -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| fixture(&format!("real/{n}")).into())
            .collect()
    };
    for set in [
        real(&[
            "world-happiness-2015.csv",
            "world-happiness-2021-bom.csv",
            "world-happiness-2025.csv",
        ]),
        real(&["the-world-2011-2012.csv", "the-world-2024.csv"]),
        real(&["bcur-2021-top30-gbk.csv", "the-world-2024.csv"]),
    ] {
        same_as_rows(&set, None);
    }
}
