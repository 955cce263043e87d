//! Parquet files as pandas, polars and `DuckDB` write them (`scripts/make-parquet-fixtures`) open
//! with no mapping and give the same table as their CSV twin; broken and nested files are
//! refused with the file named.

use crate::common::run_command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-parquet-{}-{name}", std::process::id()))
}

/// The table of `year` of `file` as CSV text.
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
        for writer in ["pandas", "polars", "duckdb"] {
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
