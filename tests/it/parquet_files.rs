//! Parquet files as pandas, polars and `DuckDB` write them (`scripts/make-columnar-fixtures`) open
//! with no mapping and give the same table as their CSV twin; broken and nested files are
//! refused with the file named.

use crate::common::run_command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "rankscope-parquet-{:05}-{name}",
        std::process::id()
    ))
}

/// The table of `year` of `file` as CSV text.
/// The mapping of the twin tests' `year,name,total,a,b` tables: two capacities, `a` and `b`.
fn year_name_total_ab_mapping() -> rankscope::io::mapping::Mapping {
    serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "total"},
            {"header": "a", "role": "capacity", "id": "a"},
            {"header": "b", "role": "capacity", "id": "b"}
        ]}"#,
    )
    .expect("a mapping")
}

/// The layout of a table named "ranking" with `columns` (name, kind), no metadata.
fn ranking_layout(
    columns: &[(&str, rankscope::io::columnar_out::Kind)],
) -> rankscope::io::columnar_out::Layout {
    rankscope::io::columnar_out::Layout {
        name: "ranking",
        columns: columns
            .iter()
            .map(|&(name, kind)| (name.to_owned(), kind))
            .collect(),
        metadata: Vec::new(),
    }
}

/// A Parquet file of `groups` laid out as `layout` and its CSV twin (`csv`: the header and the
/// rows), written as `{tag}.parquet` and `{tag}.csv`, loaded with `mapping` and removed.
fn load_twins(
    tag: &str,
    layout: &rankscope::io::columnar_out::Layout,
    groups: Vec<Vec<rankscope::io::columnar_out::Values>>,
    csv: &str,
    mapping: &rankscope::io::mapping::Mapping,
) -> (
    Result<rankscope::io::import::Loaded, rankscope::io::LoadError>,
    Result<rankscope::io::import::Loaded, rankscope::io::LoadError>,
) {
    use rankscope::io::columnar_out::Format;
    let parquet = scratch(&format!("{tag}.parquet"));
    let csv_path = scratch(&format!("{tag}.csv"));
    let bytes = Format::Parquet
        .write(layout, groups.into_iter())
        .expect("written");
    std::fs::write(&parquet, bytes).expect("written");
    std::fs::write(&csv_path, csv).expect("written");
    let from_parquet = rankscope::io::load_path_with(&parquet, Some(mapping));
    let from_csv = rankscope::io::load_path_with(&csv_path, Some(mapping));
    let _ = (
        std::fs::remove_file(&parquet),
        std::fs::remove_file(&csv_path),
    );
    (from_parquet, from_csv)
}

fn table(file: &str, year: &str, tag: &str) -> String {
    let out = scratch(&format!("{tag}-{year}.csv"));
    let summary = run_command(&[
        "table",
        file,
        "--year",
        year,
        "--out",
        out.to_str().expect("path"),
    ])
    .expect("written");
    assert!(summary.contains("400 rows"), "{summary}");
    let text = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(out);
    text
}

#[test]
fn pandas_polars_and_duckdb_files_give_the_tables_of_their_csv_twin() {
    for year in ["2023", "2024"] {
        let twin = table(&fixture("universities-400.csv"), year, "csv");
        // "dated" has a date column too: read through the record API, not column by column.
        // "float32" holds the scores in single precision: read as the CSV's decimals.
        for writer in ["pandas", "polars", "duckdb", "dated", "float32"] {
            let file = fixture(&format!("parquet/universities-{writer}.parquet"));
            let parquet = table(&file, year, writer);
            assert_eq!(parquet, twin, "{writer} {year}: the same table as the CSV");
        }
    }
}

#[test]
fn the_window_opens_a_parquet_file_given_on_the_command_line() {
    let file = fixture("parquet/universities-polars.parquet");
    let mut harness = crate::common::app_harness(&[&file]);
    crate::common::step_until(&mut harness, "the load", |h| h.state().state().year == 2024);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.table.rows.len(), 400, "the 2024 list");
    assert_eq!(state.dataset.meta.capacities.len(), 5, "five pillars");
}

#[test]
fn broken_and_nested_files_are_refused_naming_the_file() {
    let out = scratch("refused.csv");
    let out = out.to_str().expect("path");
    // Half a file: its footer is gone.
    let bytes = std::fs::read(fixture("parquet/universities-pandas.parquet")).expect("fixture");
    let half = scratch("half.parquet");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).expect("written");
    let error =
        run_command(&["table", half.to_str().expect("path"), "--out", out]).expect_err("refused");
    assert!(
        error.contains("half.parquet") && error.contains("not a Parquet file"),
        "{error}"
    );
    let _ = std::fs::remove_file(&half);
    let error = run_command(&[
        "table",
        &fixture("parquet/nested-column.parquet"),
        "--out",
        out,
    ])
    .expect_err("refused");
    assert!(
        error.contains("nested-column.parquet") && error.contains("\"Scores\" is nested"),
        "{error}"
    );
}

#[test]
fn a_table_written_as_parquet_or_arrow_reads_back_with_its_values() {
    let original = scratch("top20.csv");
    run_command(&[
        "table",
        "--year",
        "2023",
        "--top",
        "20",
        "--columns",
        "rank,name,province,total,innovation",
        "--out",
        original.to_str().expect("path"),
    ])
    .expect("written");
    let lines = |p: &std::path::Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .expect("written")
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    };
    for extension in ["parquet", "arrow", "feather"] {
        let written = scratch(&format!("top20.{extension}"));
        let written = written.to_str().expect("path");
        run_command(&["table", "--year", "2023", "--top", "20", "--out", written])
            .expect("written");
        // Read back: one period (the file names no year), the same ranks, names, provinces and
        // values.
        let back = scratch(&format!("back-{extension}.csv"));
        run_command(&[
            "table",
            written,
            "--columns",
            // The capacity is known by its head in the file read back.
            "rank,name,province,total,科技创新能力",
            "--out",
            back.to_str().expect("path"),
        ])
        .expect("read back");
        assert_eq!(lines(&back), lines(&original), "{extension}");
        assert_eq!(lines(&back).len(), 20);
        let _ = std::fs::remove_file(written);
        let _ = std::fs::remove_file(back);
    }
}

#[test]
fn a_generated_dataset_as_parquet_gives_the_tables_of_its_csv() {
    let csv = scratch("gen.csv");
    let parquet = scratch("gen.parquet");
    let arrow = scratch("gen.arrow");
    for out in [&csv, &parquet, &arrow] {
        run_command(&[
            "gen",
            "--entities",
            "300",
            "--years",
            "3",
            "--seed",
            "4",
            "--out",
            out.to_str().expect("path"),
        ])
        .expect("written");
    }
    // Every year, the unranked included: ranks with their bands, names, values, gaps.
    for year in ["2015", "2016", "2017"] {
        let table_of = |file: &std::path::Path, tag: &str| {
            let out = scratch(&format!("{tag}-{year}.csv"));
            run_command(&[
                "table",
                file.to_str().expect("path"),
                "--year",
                year,
                "--include-unranked",
                "--out",
                out.to_str().expect("path"),
            ])
            .expect("written");
            let text = std::fs::read_to_string(&out).expect("written");
            let _ = std::fs::remove_file(out);
            text
        };
        let (from_csv, from_parquet) = (table_of(&csv, "c"), table_of(&parquet, "p"));
        // The same rows; the Parquet file keeps the capacities' labels (its embedded mapping),
        // where the CSV heads them by id.
        let (head, body) = from_parquet.split_once('\n').expect("a header");
        assert_eq!(
            body,
            from_csv.split_once('\n').expect("a header").1,
            "{year}"
        );
        assert!(
            head.contains("科技创新能力") || head.contains("Technological innovation"),
            "{head}"
        );
        assert!(from_csv.lines().count() > 300, "{year}: every entity");
    }
    let _ = std::fs::remove_file(csv);
    let _ = std::fs::remove_file(parquet);
    let _ = std::fs::remove_file(arrow);
}

#[test]
fn yearly_parquet_files_open_together_as_one_dataset() {
    let (y2023, y2024) = (
        fixture("parquet/universities-2023.parquet"),
        fixture("parquet/universities-2024.parquet"),
    );
    for year in ["2023", "2024"] {
        let out = scratch(&format!("yearly-{year}.csv"));
        run_command(&[
            "table",
            &y2023,
            &y2024,
            "--year",
            year,
            "--out",
            out.to_str().expect("path"),
        ])
        .expect("written");
        let yearly = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(out);
        // Rank changes need the year before: 2024's are computed from the 2023 file.
        assert_eq!(
            yearly,
            table(
                &fixture("universities-400.csv"),
                year,
                &format!("twin-{year}")
            ),
            "{year}"
        );
    }
}

#[test]
fn the_window_saves_the_dataset_as_parquet_that_reads_back_to_the_same_tables() {
    let csv = fixture("universities-400.csv");
    let mut harness = crate::common::app_harness(&[&csv]);
    crate::common::step_until(&mut harness, "the load", |h| h.state().state().year == 2024);
    harness.run();
    let path = scratch("saved.parquet");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        rankscope::app::command::Command::SaveDataset(path.clone()),
    );
    // Written off the UI thread: the notice names the file when it is done.
    let shown = path.display().to_string();
    crate::common::step_until(&mut harness, "the save", |h| {
        let state = h.state().state();
        state.notice.as_ref().is_some_and(|n| n.contains(&shown)) || state.error.is_some()
    });
    assert_eq!(harness.state().state().error, None);
    for year in ["2023", "2024"] {
        let saved = table(path.to_str().expect("path"), year, &format!("saved-{year}"));
        let source = table(&csv, year, &format!("source-{year}"));
        // The rows (the group column is headed "province" in the long layout, "Country" in
        // the source).
        let differ = saved
            .lines()
            .zip(source.lines())
            .skip(1)
            .find(|(a, b)| a != b);
        assert_eq!(differ, None, "{year}: the first line that differs");
        assert_eq!(saved.lines().count(), source.lines().count(), "{year}");
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_page_the_decoder_cannot_read_is_refused_not_a_crash() {
    // Found by `scripts/fuzz-readers columnar`: bytes changed inside a page make the decoder
    // index past its buffer.
    let out = scratch("damaged.csv");
    let error = run_command(&[
        "table",
        &fixture("parquet/damaged-page.parquet"),
        "--out",
        out.to_str().expect("path"),
    ])
    .expect_err("refused");
    assert!(
        error.contains("damaged-page.parquet") && error.contains("damaged"),
        "{error}"
    );
}

#[test]
fn a_cell_that_cannot_be_read_is_named_by_its_row_across_row_groups() {
    use rankscope::io::columnar_out::{Format, Kind, Values};
    // Two row groups of three rows; the second group's second row has no name: file row 6
    // (the header is row 1).
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("name", Kind::Text),
        ("total", Kind::Number),
        ("teaching", Kind::Number),
    ]);
    let group = |year: i32, names: [&str; 3]| {
        vec![
            Values::Integers(vec![year; 3]),
            Values::Texts(names.map(String::from).to_vec()),
            Values::Numbers(vec![Some(90.5), Some(80.25), None]),
            Values::Numbers(vec![Some(1.0), Some(f64::INFINITY), Some(3.0)]),
        ]
    };
    let bytes = Format::Parquet
        .write(
            &layout,
            [group(2023, ["A", "B", "C"]), group(2024, ["A", "", "C"])].into_iter(),
        )
        .expect("written");
    let path = scratch("row-six.parquet");
    std::fs::write(&path, bytes).expect("written");
    let error = rankscope::io::load_path_with(&path, None).expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("row-six.parquet")
            && message.contains("row 6")
            && message.contains("name"),
        "{message}"
    );
    // Named again, the file opens; an infinite score is read as missing, with a warning.
    let bytes = Format::Parquet
        .write(
            &layout,
            [group(2023, ["A", "B", "C"]), group(2024, ["A", "B", "C"])].into_iter(),
        )
        .expect("written");
    std::fs::write(&path, bytes).expect("written");
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "total"},
            {"header": "teaching", "role": "capacity", "id": "teaching"}
        ]}"#,
    )
    .expect("a mapping");
    let loaded = rankscope::io::load_path_with(&path, Some(&mapping)).expect("opens");
    let _ = std::fs::remove_file(&path);
    let year = &loaded.dataset.years[1];
    assert_eq!(year.records.len(), 3);
    assert_eq!(year.records[0].total(), Some(90.5));
    assert_eq!(year.records[2].total(), None, "a null total is missing");
    assert_eq!(
        year.record(1).expect("a record").score(0),
        None,
        "infinity is not a score"
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("teaching") && w.contains("inf")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn public_rankings_saved_by_pandas_give_the_tables_of_their_csv() {
    // Ten public rankings (universities, countries, companies, football) as pandas reads and
    // saves them: its inferred types, text where a column mixes numbers and words.
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parquet/real");
    let mut compared = 0;
    for entry in std::fs::read_dir(&folder).expect("fixtures").flatten() {
        let parquet = entry.path();
        let stem = parquet
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a name")
            .to_owned();
        let csv = fixture(&format!("real/{stem}.csv"));
        let of = |file: &str, tag: &str| {
            let out = scratch(&format!("real-{stem}-{tag}.csv"));
            run_command(&[
                "table",
                file,
                "--include-unranked",
                "--out",
                out.to_str().expect("path"),
            ])
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
            let text = std::fs::read_to_string(&out).expect("written");
            let _ = std::fs::remove_file(out);
            text
        };
        assert_eq!(
            of(parquet.to_str().expect("path"), "parquet"),
            of(&csv, "csv"),
            "{stem}"
        );
        compared += 1;
    }
    assert_eq!(compared, 10);
}

#[test]
fn unreadable_cells_and_repeats_are_reported_as_the_csv_twin_reports_them() {
    use rankscope::io::columnar_out::{Kind, Values};
    // Odd cells in the total and in both score columns, met out of column order, and a repeated
    // row with an odd cell of its own: the values of a Parquet group are read column by column,
    // yet the warnings must come as reading row by row gives them.
    let rows = [
        ("A", "90", "1", "x"),
        ("B", "y", "2", "3"),
        ("A", "80", "z", "4"),
        ("C", "70", "w", "v"),
        ("D", "60", "5", "6"),
    ];
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("name", Kind::Text),
        ("total", Kind::Text),
        ("a", Kind::Text),
        ("b", Kind::Text),
    ]);
    let texts =
        |pick: fn(&(&'static str, &'static str, &'static str, &'static str)) -> &'static str| {
            Values::Texts(rows.iter().map(|r| pick(r).to_owned()).collect())
        };
    let group = vec![
        Values::Integers(vec![2023; rows.len()]),
        texts(|r| r.0),
        texts(|r| r.1),
        texts(|r| r.2),
        texts(|r| r.3),
    ];
    let lines: Vec<String> = rows
        .iter()
        .map(|(n, t, a, b)| format!("2023,{n},{t},{a},{b}"))
        .collect();
    let csv = format!("year,name,total,a,b\n{}\n", lines.join("\n"));
    let mapping = year_name_total_ab_mapping();
    let (from_parquet, from_csv) = load_twins("twin-odd", &layout, vec![group], &csv, &mapping);
    let (from_parquet, from_csv) = (from_parquet.expect("opens"), from_csv.expect("opens"));
    let warnings = |loaded: &rankscope::io::import::Loaded, file: &str| -> Vec<String> {
        loaded
            .warnings
            .iter()
            .map(|w| w.replace(file, "twin"))
            .collect()
    };
    assert_eq!(
        warnings(&from_parquet, "twin-odd.parquet"),
        warnings(&from_csv, "twin-odd.csv")
    );
    let columns_named: Vec<&str> = from_csv
        .warnings
        .iter()
        .filter_map(|w| w.split('"').nth(1))
        .collect();
    assert_eq!(
        columns_named,
        ["A", "b", "total", "a"],
        "the repeat, then each column as first met row by row: {:?}",
        from_csv.warnings
    );
    let (p, c) = (&from_parquet.dataset.years[0], &from_csv.dataset.years[0]);
    assert_eq!(p.records.len(), 4, "the repeated row is not kept");
    for (x, y) in p.record_refs().zip(c.record_refs()) {
        assert_eq!((x.total(), x.scores()), (y.total(), y.scores()));
    }
}

/// A row of year, name, total and two scores (NaN: missing).
type Row = (i32, &'static str, f64, f64, f64);

#[test]
fn number_columns_give_the_values_of_the_csv_twin_in_groups_of_one_year_or_several() {
    use rankscope::io::columnar_out::{Kind, Values};
    // Group one: a year whose every row is a record (its columns taken whole); group two: a
    // year with a repeated row; group three: two years. Values in thousandths, in
    // thousandths past three bytes, thirds (no decimal unit holds them) and missing.
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("name", Kind::Text),
        ("total", Kind::Number),
        ("a", Kind::Number),
        ("b", Kind::Number),
    ]);
    let groups: [&[Row]; 3] = [
        &[
            (2021, "A", 90.5, 1.25, 8_388.607),
            (2021, "B", 80.0, f64::NAN, 2.0),
            (2021, "C", 70.125, 3.0, 1.0 / 3.0),
        ],
        &[
            (2022, "A", 91.0, 8_388.608, 4.5),
            (2022, "B", 81.0, 2.5, f64::NAN),
            (2022, "A", 11.0, 99.0, 99.0),
            (2022, "C", 71.0, 0.001, 2.0 / 3.0),
        ],
        &[
            (2023, "A", 92.0, 1.0, 2.0),
            (2024, "A", 93.0, 1.5, 2.5),
            (2023, "B", 82.0, f64::NAN, 0.125),
            (2024, "B", 83.0, 12_345.678, f64::NAN),
        ],
    ];
    let number = |x: f64| (!x.is_nan()).then_some(x);
    let batch = |rows: &[Row]| {
        vec![
            Values::Integers(rows.iter().map(|r| r.0).collect()),
            Values::Texts(rows.iter().map(|r| r.1.to_owned()).collect()),
            Values::Numbers(rows.iter().map(|r| number(r.2)).collect()),
            Values::Numbers(rows.iter().map(|r| number(r.3)).collect()),
            Values::Numbers(rows.iter().map(|r| number(r.4)).collect()),
        ]
    };
    let cell = |x: f64| {
        if x.is_nan() {
            String::new()
        } else {
            x.to_string()
        }
    };
    let lines: Vec<String> = groups
        .iter()
        .flat_map(|rows| rows.iter())
        .map(|r| format!("{},{},{},{},{}", r.0, r.1, cell(r.2), cell(r.3), cell(r.4)))
        .collect();
    let csv = format!("year,name,total,a,b\n{}\n", lines.join("\n"));
    let mapping = year_name_total_ab_mapping();
    let (from_parquet, from_csv) = load_twins(
        "twin-groups",
        &layout,
        groups.iter().map(|rows| batch(rows)).collect(),
        &csv,
        &mapping,
    );
    let (p, c) = (
        from_parquet.expect("opens").dataset,
        from_csv.expect("opens").dataset,
    );
    assert_eq!(p.years.len(), 4);
    assert_eq!(c.years.len(), 4);
    let bits = |v: Option<f64>| v.map(f64::to_bits);
    for (py, cy) in p.years.iter().zip(&c.years) {
        assert_eq!(py.year, cy.year);
        assert_eq!(py.records.len(), cy.records.len(), "{}", py.year);
        for (x, y) in py.record_refs().zip(cy.record_refs()) {
            assert_eq!(bits(x.total()), bits(y.total()), "{}", py.year);
            let (xs, ys) = (x.scores().to_vec(), y.scores().to_vec());
            assert_eq!(
                xs.iter().map(|&v| bits(v)).collect::<Vec<_>>(),
                ys.iter().map(|&v| bits(v)).collect::<Vec<_>>(),
                "{}: {xs:?} against {ys:?}",
                py.year
            );
        }
    }
    // What a user checks by eye: 2022 keeps A's first row, and 8,388.608 and a third as given.
    let y2022 = &p.years[1];
    assert_eq!(y2022.records.len(), 3, "the repeated row is not kept");
    let a = y2022.record(0).expect("A");
    assert_eq!(a.total(), Some(91.0));
    assert_eq!(a.scores().to_vec(), vec![Some(8_388.608), Some(4.5)]);
    let third = p.years[0].record(2).expect("C").scores().get(1);
    assert_eq!(third.map(f64::to_bits), Some((1.0_f64 / 3.0).to_bits()));
}

#[test]
fn a_whole_number_that_is_no_year_is_refused_as_its_csv_twin_is() {
    use rankscope::io::columnar_out::{Kind, Values};
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("name", Kind::Text),
        ("total", Kind::Number),
    ]);
    let group = vec![
        Values::Integers(vec![2023, 99]),
        Values::Texts(vec!["A".into(), "B".into()]),
        Values::Numbers(vec![Some(1.0), Some(2.0)]),
    ];
    let csv = "year,name,total\n2023,A,1\n99,B,2\n";
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "total"}
        ]}"#,
    )
    .expect("a mapping");
    let (from_parquet, from_csv) = load_twins("year-99", &layout, vec![group], csv, &mapping);
    let message = from_parquet.expect_err("refused").to_string();
    assert!(
        message.contains("row 3")
            && message.contains("\"year\"")
            && message.contains("found \"99\""),
        "{message}"
    );
    assert_eq!(
        message.replace("year-99.parquet", "twin"),
        from_csv
            .expect_err("refused")
            .to_string()
            .replace("year-99.csv", "twin")
    );
}

#[test]
fn whole_number_ranks_and_names_with_spaces_read_as_their_csv_twin_reads_them() {
    use rankscope::io::columnar_out::{Kind, Values};
    use rankscope::model::Rank::Exact;
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("rank", Kind::Integer),
        ("name", Kind::Text),
        ("total", Kind::Number),
    ]);
    // A place, a tie, no place (0 and a negative number are no rank: noted, left missing);
    // names with spaces or a tab at an end in one file, clean names in the other.
    let ranks = vec![1, 2, 2, 0, -3];
    let totals = vec![Some(9.0), Some(8.0), Some(8.0), Some(7.0), Some(6.0)];
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "rank", "role": "rank"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "capacity", "id": "score"}
        ]}"#,
    )
    .expect("a mapping");
    for (tag, names) in [
        (
            "spaced",
            [" Hefei", "Wuhan\t", "Xi'an ", "\u{3000}Jinan", "Suzhou"],
        ),
        ("clean", ["Hefei", "Wuhan", "Xi'an", "Jinan", "Suzhou"]),
    ] {
        let group = vec![
            Values::Integers(vec![2023; 5]),
            Values::Integers(ranks.clone()),
            Values::Texts(names.iter().map(|&n| n.to_owned()).collect()),
            Values::Numbers(totals.clone()),
        ];
        let lines: Vec<String> = (0..5)
            .map(|i| {
                format!(
                    "2023,{},\"{}\",{}",
                    ranks[i],
                    names[i],
                    totals[i].expect("set")
                )
            })
            .collect();
        let csv = format!("year,rank,name,total\n{}\n", lines.join("\n"));
        let (from_parquet, from_csv) = load_twins(
            &format!("ranks-{tag}"),
            &layout,
            vec![group],
            &csv,
            &mapping,
        );
        let (p, c) = (from_parquet.expect("opens"), from_csv.expect("opens"));
        let given =
            |d: &rankscope::model::Dataset| -> Vec<(String, Option<rankscope::model::Rank>)> {
                d.years[0]
                    .records
                    .iter()
                    .map(|r| (d.entities[r.entity()].en.clone(), r.given_rank))
                    .collect()
            };
        let ranks_read = given(&p.dataset);
        assert_eq!(ranks_read, given(&c.dataset), "{tag}");
        assert_eq!(
            ranks_read,
            vec![
                ("Hefei".to_owned(), Some(Exact(1))),
                ("Wuhan".to_owned(), Some(Exact(2))),
                ("Xi'an".to_owned(), Some(Exact(2))),
                ("Jinan".to_owned(), None),
                ("Suzhou".to_owned(), None),
            ],
            "{tag}"
        );
        let twin = |w: &[String], file: &str| -> Vec<String> {
            w.iter().map(|w| w.replace(file, "twin")).collect()
        };
        assert_eq!(
            twin(&p.warnings, &format!("ranks-{tag}.parquet")),
            twin(&c.warnings, &format!("ranks-{tag}.csv")),
            "{tag}"
        );
        assert!(
            p.warnings.iter().any(|w| w.contains("rank")),
            "{tag}: the places 0 and -3 are noted: {:?}",
            p.warnings
        );
    }
}

#[test]
fn repeated_rank_and_province_texts_read_once_as_their_csv_twin_reads_each() {
    use rankscope::io::columnar_out::{Kind, Values};
    use rankscope::io::typed_rows::TypedColumn;
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("rank", Kind::Text),
        ("name", Kind::Text),
        ("province", Kind::Text),
        ("total", Kind::Number),
    ]);
    // Places, a tie, bands, open bands, unreadable ranks (each row noted) and missing ones,
    // repeated down the column; provinces repeated, one spelled with a space, in two years
    // (two row groups: the second's dictionary differs from the first's).
    let ranks = [
        "1", "2", "2", "51–70", "51–70", "1001+", "abc", "1001+", "", "abc", "=4", "51–70",
    ];
    let provinces = [
        "安徽", "湖北", " 安徽", "安徽", "湖北", "", "湖北", "安徽", "四川", "安徽", "湖北", "四川",
    ];
    let names: Vec<String> = (0..ranks.len()).map(|i| format!("City {i}")).collect();
    let group = |year: i32, shift: usize| {
        let pick = |texts: &[&str]| -> Vec<String> {
            (0..texts.len())
                .map(|i| texts[(i + shift) % texts.len()].to_owned())
                .collect()
        };
        vec![
            Values::Integers(vec![year; ranks.len()]),
            Values::Texts(pick(&ranks)),
            Values::Texts(names.clone()),
            Values::Texts(pick(&provinces)),
            Values::Numbers((0..12).map(|i| Some(100.0 - f64::from(i))).collect()),
        ]
    };
    let mut lines = Vec::new();
    for (year, shift) in [(2022, 0), (2023, 5)] {
        for (i, total) in (0..ranks.len()).zip((0..12).map(|i| 100.0 - f64::from(i))) {
            lines.push(format!(
                "{year},{},{},\"{}\",{}",
                ranks[(i + shift) % ranks.len()],
                names[i],
                provinces[(i + shift) % provinces.len()],
                total
            ));
        }
    }
    let csv = format!("year,rank,name,province,total\n{}\n", lines.join("\n"));
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "rank", "role": "rank"},
            {"header": "name", "role": "name"},
            {"header": "province", "role": "province"},
            {"header": "total", "role": "capacity", "id": "score"}
        ]}"#,
    )
    .expect("a mapping");
    let groups = vec![group(2022, 0), group(2023, 5)];
    // The rank and province columns are held as dictionaries, as the reading once relies on.
    let parquet = scratch("coded.parquet");
    let bytes = rankscope::io::columnar_out::Format::Parquet
        .write(&layout, groups.clone().into_iter())
        .expect("written");
    std::fs::write(&parquet, bytes).expect("written");
    let reader = parquet::file::serialized_reader::SerializedFileReader::new(
        std::fs::File::open(&parquet).expect("opens"),
    )
    .expect("a Parquet file");
    let group_reader =
        parquet::file::reader::FileReader::get_row_group(&reader, 1).expect("a group");
    for column in [1, 3] {
        let read =
            rankscope::io::parquet_pages::read_column(group_reader.as_ref(), column, ranks.len());
        assert!(
            matches!(read, Some(TypedColumn::Texts(ref t)) if t.dictionary_len() > 0),
            "column {column} held as a dictionary"
        );
    }
    let _ = std::fs::remove_file(&parquet);
    let (from_parquet, from_csv) = load_twins("coded", &layout, groups, &csv, &mapping);
    let (p, c) = (from_parquet.expect("opens"), from_csv.expect("opens"));
    let records = |d: &rankscope::model::Dataset| -> Vec<(i32, String, Option<rankscope::model::Rank>, String)> {
        d.years
            .iter()
            .flat_map(|y| {
                y.record_refs().map(move |r| {
                    let entity = &d.entities[r.entity()];
                    let province = r.province().map_or_else(
                        || format!("{}{}", entity.province_zh, entity.province_en),
                        str::to_owned,
                    );
                    (y.year, entity.en.clone(), r.given_rank, province)
                })
            })
            .collect()
    };
    let read = records(&p.dataset);
    assert_eq!(read, records(&c.dataset));
    assert!(
        read.iter().any(|(_, _, rank, _)| matches!(
            rank,
            Some(rankscope::model::Rank::Band { lo: 51, hi: 70 })
        )),
        "{read:?}"
    );
    let twin = |w: &[String], file: &str| -> Vec<String> {
        w.iter().map(|w| w.replace(file, "twin")).collect()
    };
    let warnings = twin(&p.warnings, "coded.parquet");
    assert_eq!(warnings, twin(&c.warnings, "coded.csv"));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("4 cells are not a rank")),
        "each unreadable rank is noted, not only the first of its text: {warnings:?}"
    );
}

#[test]
fn table_decodes_the_indicators_of_a_parquet_file_only_when_it_shows_or_sorts_by_one() {
    // `table` leaves a Parquet file's indicator columns undecoded unless a sort key or a
    // column names an indicator; either way its table is the one of the file's CSV twin.
    let parquet = scratch("indicators.parquet");
    let csv = scratch("indicators.arrow");
    for out in [&parquet, &csv] {
        run_command(&[
            "gen",
            "--entities",
            "60",
            "--years",
            "3",
            "--out",
            out.to_str().expect("path"),
        ])
        .expect("generated");
    }
    let table_of = |file: &std::path::Path, args: &[&str]| -> Result<String, String> {
        let out = scratch(&format!(
            "indicators-{}.csv",
            file.extension().and_then(|e| e.to_str()).unwrap_or("")
        ));
        let mut all = vec!["table", file.to_str().expect("path")];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", out.to_str().expect("path")]);
        run_command(&all)?;
        let text = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(out);
        Ok(text)
    };
    let asks: [&[&str]; 5] = [
        &[],
        &["--sort", "innovation:desc", "--top", "20"],
        &["--columns", "rank,name,inno-patents,carry-gdp-density"],
        &["--sort", "inno-patents:desc,name", "--top", "15"],
        &["--columns", "name,no-such-column"],
    ];
    for args in asks {
        let from_parquet = table_of(&parquet, args);
        assert_eq!(from_parquet, table_of(&csv, args), "{args:?}");
        if args.first() == Some(&"--columns") && args[1].contains("inno-patents") {
            // The indicator's figures are there, not blanks.
            let text = from_parquet.expect("a table");
            let header = text.lines().next().expect("a header");
            let at = header
                .split(',')
                .position(|h| h.contains("专利") || h.contains("patent"))
                .unwrap_or_else(|| panic!("an indicator column in {header}"));
            let row = text.lines().nth(1).expect("a row");
            let cell = row.split(',').nth(at).expect("the cell");
            assert!(cell.parse::<f64>().is_ok(), "{row}");
        }
    }
    let unknown = table_of(&parquet, asks[4]).expect_err("an unknown column");
    assert!(unknown.contains("no-such-column"), "{unknown}");
    let _ = std::fs::remove_file(parquet);
    let _ = std::fs::remove_file(csv);
}

/// A row of the typed-listing test: year, rank, id, name, province, total, score.
type Listing = (
    i32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

#[test]
fn rows_read_straight_from_typed_columns_give_the_records_and_warnings_of_their_csv_twin() {
    use rankscope::io::columnar_out::{Kind, Values};
    // One row group of two years, read straight from its columns where a row is ordinary and
    // cell by cell where not: an entity whose province changes between the years, a row with
    // no id (keyed by its name), a repeated row, a rank not read before, an unreadable rank,
    // a missing and an infinite total, a missing province.
    let layout = ranking_layout(&[
        ("year", Kind::Integer),
        ("rank", Kind::Text),
        ("id", Kind::Text),
        ("name", Kind::Text),
        ("province", Kind::Text),
        ("total", Kind::Number),
        ("a", Kind::Number),
    ]);
    let rows: [Listing; 10] = [
        (2022, "1", "e1", "Alpha", "北京", 90.0, 1.0),
        (2022, "2", "e2", "Beta", "河北", 80.0, 2.0),
        (2022, "2", "", "Gamma", "", f64::NAN, 3.0),
        (2022, "4", "e4", "Delta", "河北", f64::INFINITY, 4.0),
        (2023, "1", "e2", "Beta", "河北", 91.0, 5.0),
        (2023, "2", "e1", "Alpha", "河北", 81.0, 6.0),
        (2023, "2", "e1", "Alpha again", "北京", 11.0, 7.0),
        (2023, "51-70", "", "Gamma", "天津", 70.0, 8.0),
        (2023, "x", "e4", "Delta", "河北", 60.0, 9.0),
        (2023, "", "e5", "Epsilon", "北京", 50.0, 10.0),
    ];
    let number = |x: f64| (!x.is_nan()).then_some(x);
    let groups = vec![vec![
        Values::Integers(rows.iter().map(|r| r.0).collect()),
        Values::Texts(rows.iter().map(|r| r.1.to_owned()).collect()),
        Values::Texts(rows.iter().map(|r| r.2.to_owned()).collect()),
        Values::Texts(rows.iter().map(|r| r.3.to_owned()).collect()),
        Values::Texts(rows.iter().map(|r| r.4.to_owned()).collect()),
        Values::Numbers(rows.iter().map(|r| number(r.5)).collect()),
        Values::Numbers(rows.iter().map(|r| number(r.6)).collect()),
    ]];
    let cell = |x: f64| {
        if x.is_nan() {
            String::new()
        } else {
            x.to_string()
        }
    };
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let total = if r.5.is_infinite() {
                "inf".to_owned()
            } else {
                cell(r.5)
            };
            format!(
                "{},{},{},{},{},{total},{}",
                r.0,
                r.1,
                r.2,
                r.3,
                r.4,
                cell(r.6)
            )
        })
        .collect();
    let csv = format!("year,rank,id,name,province,total,a\n{}\n", lines.join("\n"));
    let mapping: rankscope::io::mapping::Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "rank", "role": "rank"},
            {"header": "id", "role": "id"},
            {"header": "name", "role": "name"},
            {"header": "province", "role": "province"},
            {"header": "total", "role": "total"},
            {"header": "a", "role": "capacity", "id": "a"}
        ]}"#,
    )
    .expect("a mapping");
    let (from_parquet, from_csv) = load_twins("typed-listing", &layout, groups, &csv, &mapping);
    let (p, c) = (from_parquet.expect("opens"), from_csv.expect("opens"));
    let describe = |d: &rankscope::model::Dataset| -> Vec<String> {
        d.years
            .iter()
            .flat_map(|y| {
                y.record_refs().enumerate().map(move |(at, r)| {
                    let entity = &d.entities[r.entity()];
                    format!(
                        "{} {} {} {:?} {:?} {} {:?}",
                        y.year,
                        entity.id,
                        d.province_key_of(y, at),
                        r.record().given_rank,
                        r.total().map(f64::to_bits),
                        r.province().unwrap_or("-"),
                        r.scores().to_vec(),
                    )
                })
            })
            .collect()
    };
    let (records, twin) = (describe(&p.dataset), describe(&c.dataset));
    assert_eq!(records, twin);
    assert_eq!(records.len(), 9, "the repeated row is not kept");
    // The entity whose province changed keeps it on its 2023 record.
    assert!(
        records.iter().any(|r| r.starts_with("2023 e1 河北")),
        "{records:#?}"
    );
    // The same warnings, each naming its own file.
    let csv_named: Vec<String> = c
        .warnings
        .iter()
        .map(|w| w.replace("typed-listing.csv", "typed-listing.parquet"))
        .collect();
    assert_eq!(p.warnings, csv_named);
    assert!(
        p.warnings.iter().any(|w| w.contains("listed twice")),
        "{:?}",
        p.warnings
    );
}
