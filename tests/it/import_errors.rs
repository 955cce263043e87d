//! Malformed spreadsheets: each is refused with one message naming the file (and the row and
//! column where there is one); an oversized file is refused before it is read; nothing panics.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};

use rankscope::io::{load_path, load_path_with};

fn malformed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(name)
}

fn error_of(name: &str) -> String {
    load_path(&malformed(name))
        .expect_err("the file is malformed")
        .to_string()
}

#[test]
fn each_malformed_spreadsheet_names_its_problem() {
    let cases = [
        ("empty-2023.csv", "empty-2023.csv: the file is empty".to_owned()),
        ("headers-only-2023.csv", "headers-only-2023.csv: no data rows".to_owned()),
        (
            "no-name-column-2023.csv",
            "no-name-column-2023.csv: no column holds the entities' names; give one column the role \"name\"".to_owned(),
        ),
        (
            "no-scores-2023.csv",
            "no-scores-2023.csv: no column holds a capacity score; give at least one column the role \"capacity\"".to_owned(),
        ),
        ("bad-year.csv", "bad-year.csv: row 3, column \"年份\": expected a year or a date, found \"20x3\"".to_owned()),
        ("empty-name-2023.csv", "empty-name-2023.csv: row 3, column \"科技城\": expected a name, found an empty cell".to_owned()),
        (
            "binary-2023.csv",
            "binary-2023.csv: read as windows-1252, 140 of its first 1024 characters are not text: it may be binary, or in another encoding than its byte-order mark says; give --encoding NAME (e.g. gb18030), or save it as UTF-8 text".to_owned(),
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(error_of(file), expected, "{file}");
    }
    // Cells the column cannot read are missing values with a warning, never the end of the load.
    let odd = [
        (
            "bad-rank-2023.csv",
            "bad-rank-2023.csv, column \"排名\": 1 cell is not a rank and is read as missing: row 3 \"first\"",
        ),
        (
            "bad-band-2023.csv",
            "bad-band-2023.csv, column \"排名\": 1 cell is not a rank and is read as missing: row 2 \"70-51\"",
        ),
        (
            "bad-thousands-2023.csv",
            "bad-thousands-2023.csv, column \"总分\": 1 cell is not a number and is read as missing: row 2 \"1,23\"",
        ),
        (
            "percent-typo-2023.csv",
            "percent-typo-2023.csv, column \"总分\": 1 cell is not a number and is read as missing: row 2 \"90%%\"",
        ),
    ];
    for (file, warning) in odd {
        let loaded = load_path_with(&malformed(file), None).expect(file);
        assert!(
            loaded.warnings.iter().any(|w| w == warning),
            "{file}: {:#?}",
            loaded.warnings
        );
    }
    let workbook = error_of("not-a-workbook.xlsx");
    assert!(
        workbook.starts_with("not-a-workbook.xlsx: not a workbook this version reads: "),
        "{workbook}"
    );
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let path =
        std::env::temp_dir().join(format!("rankscope-huge-{:05}-2023.csv", std::process::id()));
    let file = std::fs::File::create(&path).expect("create");
    // A sparse file: large on paper, no disk used.
    file.set_len(rankscope::io::import::MAX_FILE_BYTES + 1)
        .expect("set length");
    let error = load_path(&path).expect_err("too large").to_string();
    assert!(
        error.ends_with("the file is 1025 MB; rankscope opens files up to 1024 MB"),
        "{error}"
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_broken_mapping_file_names_its_line_and_column() {
    let folder = std::env::temp_dir().join(format!("rankscope-mapping-{:05}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let mapping = folder.join("map.json");
    std::fs::write(
        &mapping,
        "{ \"columns\": [ { \"header\": \"科技城\", \"role\": \"city\" } ] }",
    )
    .expect("write");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-2023-gb18030.csv");
    let error =
        rankscope::cli::load_dataset_mapped(Some(&csv), Some(&mapping)).expect_err("unknown role");
    assert!(error.contains("map.json: line 1, column"), "{error}");
    assert!(error.contains("unknown variant `city`"), "{error}");
    let _ = std::fs::remove_dir_all(&folder);
}
