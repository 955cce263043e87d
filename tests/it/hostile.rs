//! Files made to break the readers (`tests/fixtures/hostile/`, described in its README): each
//! opens or is refused with a message, quickly and within a few times its size in memory.

use std::path::{Path, PathBuf};

use rankscope::io::load_path_with;

use crate::common;

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

#[test]
fn a_workbook_with_one_cell_at_its_last_column_and_row_opens_with_its_rows() {
    let loaded = load_path_with(&hostile("far-cell.xlsx"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(data.years.len(), 1);
    assert_eq!(data.years[0].records.len(), 2, "甲城 and 乙城");
    assert!(
        loaded.warnings.iter().any(|w| w.contains("row 1048576")),
        "the stray cell is named: {:?}",
        loaded.warnings
    );
}

#[test]
fn a_workbook_that_unpacks_to_millions_of_cells_is_refused_with_its_limit() {
    let error = load_path_with(&hostile("cell-bomb.xlsx"), None)
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with("cell-bomb.xlsx: sheet \"2023\": more than 200000 cells in a file of"),
        "{error}"
    );
    assert_eq!(rankscope::io::excel::cell_limit(240_236), 200_000);
    assert_eq!(rankscope::io::excel::cell_limit(10_000_000), 5_000_000);
}

#[test]
fn a_cell_reference_past_the_last_cell_is_refused_as_malformed() {
    let error = load_path_with(&hostile("bad-reference.xlsx"), None)
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with("bad-reference.xlsx: sheet \"2023\": a cell at row ")
            && error.ends_with(
                "lies past the last cell a sheet can have (XFD1048576): the workbook is malformed"
            ),
        "{error}"
    );
}

#[test]
fn a_quote_never_closed_is_refused_naming_the_row_where_it_opened() {
    let path = hostile("unterminated-quote-2023.csv");
    let error = load_path_with(&path, None)
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with("unterminated-quote-2023.csv: row 3: a quote (\") opens a field here and is never closed"),
        "{error}"
    );
    // The window's dialog reads the same file and says the same.
    let draft = rankscope::io::import::read_draft(&path)
        .map(|_| ())
        .expect_err("refused");
    assert!(draft.to_string().contains("row 3: a quote"), "{draft}");
}

#[test]
fn a_line_break_inside_quotes_of_a_crlf_file_is_part_of_the_field() {
    let loaded =
        load_path_with(&hostile("crlf-line-break-in-quotes-2023.csv"), None).expect("opens");
    let data = &loaded.dataset;
    assert_eq!(data.years[0].records.len(), 3);
    // The field keeps its line break; as a name it reads as a space.
    assert!(
        data.find_entity("Multi Line City").is_some(),
        "{:?}",
        data.entities
    );
}

#[test]
fn two_columns_with_one_header_are_refused_naming_both() {
    let error = load_path_with(&hostile("duplicate-header-2023.csv"), None)
        .expect_err("refused")
        .to_string();
    assert_eq!(
        error,
        "duplicate-header-2023.csv: columns 1 and 2 are both headed \"name\"; rename one so that each column's role can be told"
    );
}

#[test]
fn rows_shorter_or_longer_than_the_header_are_counted_in_warnings() {
    let loaded = load_path_with(&hostile("ragged-rows-2023.csv"), None).expect("opens");
    assert_eq!(loaded.dataset.years[0].records.len(), 10, "no row lost");
    let warnings = &loaded.warnings;
    assert!(
        warnings.contains(
            &"ragged-rows-2023.csv: 2 rows (4, 8) have fewer fields than the 5 headers: their missing fields are empty".to_owned()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(
            &"ragged-rows-2023.csv: 1 row (6) has more fields than the 5 headers: the extra fields are not read".to_owned()
        ),
        "{warnings:?}"
    );
}

#[test]
fn a_json_key_given_twice_is_refused_with_its_path() {
    for (file, path) in [
        ("duplicate-years-key.json", "years"),
        ("duplicate-record-key.json", "years[0].records[0].total"),
    ] {
        let error = load_path_with(&hostile(file), None)
            .expect_err("refused")
            .to_string();
        assert_eq!(
            error,
            format!(
                "{file}: {path}: given twice in one object; JSON readers keep only one of them, so the file is refused"
            )
        );
    }
}

#[test]
fn a_csv_with_thirty_thousand_columns_opens_with_every_column() {
    // Reading is linear in the number of columns (docs/import.md gives the times measured).
    let columns = 30_000;
    let path = common::wide_csv(columns, "wide");
    let loaded = load_path_with(&path, None);
    let _ = std::fs::remove_file(&path);
    let data = loaded.expect("opens").dataset;
    assert_eq!(data.meta.capacities.len(), columns);
    assert_eq!(data.years[0].records.len(), 3);
    assert_eq!(
        data.years[0].record(2).expect("a record").score(29_999),
        Some(3.0 + 29_999.0 % 7.0)
    );
}

#[test]
fn a_csv_named_json_says_what_it_is() {
    let error = load_path_with(&hostile("csv-named-json.json"), None)
        .expect_err("refused")
        .to_string();
    assert_eq!(
        error,
        "csv-named-json.json: named .json but not JSON: it starts with \"rank,name,score,teaching\"; a table (CSV) opens when named .csv"
    );
}

#[test]
fn a_pipe_a_folder_and_a_symlink_loop_are_refused_at_once() {
    let folder = std::env::temp_dir().join(format!("rankscope-special-{:05}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    let fifo = folder.join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let error = load_path_with(&fifo, None)
            .expect_err("refused")
            .to_string();
        assert!(error.starts_with("pipe.csv: not a regular file"), "{error}");
    }
    let inner = folder.join("ranking.csv");
    std::fs::create_dir_all(&inner).expect("a folder named .csv");
    let error = load_path_with(&inner, None)
        .expect_err("refused")
        .to_string();
    assert!(error.starts_with("ranking.csv: a folder"), "{error}");
    let looped = folder.join("loop.csv");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&looped, &looped).expect("a link to itself");
        let error = load_path_with(&looped, None)
            .expect_err("refused")
            .to_string();
        assert!(error.starts_with("loop.csv: "), "{error}");
    }
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_file_of_many_odd_rows_keeps_the_first_row_warnings_and_counts_the_rest() {
    let limit = rankscope::io::tabular::MAX_ROW_WARNINGS;
    let mut text = String::from("rank,name,score,teaching\n1,North,90,88\n2,South,85,80\n");
    // Rows of commas only: each an empty row skipped.
    text.push_str(&",,,\n".repeat(limit + 50_000));
    let path = std::env::temp_dir().join(format!(
        "rankscope-empty-rows-{:05}-2023.csv",
        std::process::id()
    ));
    std::fs::write(&path, text).expect("written");
    let loaded = load_path_with(&path, None);
    let _ = std::fs::remove_file(&path);
    let warnings = loaded.expect("opens").warnings;
    let empty = warnings
        .iter()
        .filter(|w| w.ends_with("empty row skipped"))
        .count();
    assert_eq!(empty, limit, "the first {limit} are listed");
    assert!(
        warnings.iter().any(|w| w
            == &format!(
                "… and 50000 more row warnings like those above, not listed (the first {limit} are)"
            )),
        "the rest are counted"
    );
}

#[test]
fn a_mapping_that_names_a_column_the_file_lacks_is_refused_naming_it() {
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-2022.csv");
    let mut mapping = load_path_with(&csv, None)
        .expect("opens")
        .mapping
        .expect("detected");
    mapping.columns[3].header = "总分数".into();
    let error = load_path_with(&csv, Some(&mapping))
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with(
            "ccid-2022.csv: the mapping names the column \"总分数\", which the file does not have (its columns: 排名, 科技城, 省份, 总分"
        ),
        "{error}"
    );
}

#[test]
fn bytes_that_are_not_text_in_the_encoding_used_are_refused_naming_it() {
    for (file, says) in [
        ("gb18030-behind-utf8-bom-2023.csv", "read as UTF-8, "),
        (
            "utf16-without-bom-2023.csv",
            "it looks like UTF-16 without a byte-order mark",
        ),
        ("binary-garbage-2023.csv", "characters are not text"),
    ] {
        let error = load_path_with(&hostile(file), None)
            .expect_err("refused")
            .to_string();
        assert!(error.starts_with(&format!("{file}: read as ")), "{error}");
        assert!(error.contains(says), "{error}");
        let draft = rankscope::io::import::read_draft(&hostile(file))
            .map(|_| ())
            .expect_err("the dialog says the same");
        assert!(draft.to_string().contains(says), "{draft}");
    }
}

#[test]
fn a_workbook_of_formulas_without_saved_values_says_so() {
    let error = load_path_with(&hostile("formulas-without-values.xlsx"), None)
        .expect_err("refused")
        .to_string();
    assert!(
        error.starts_with("formulas-without-values.xlsx: sheet \"2023\": 18 of its cells are formulas with no saved value"),
        "{error}"
    );
}

#[test]
fn names_that_are_formulas_are_written_inert_and_control_characters_never_reach_an_export() {
    use rankscope::model::{ColumnId, NameStyle};
    let loaded = load_path_with(&hostile("injection-names-2023.csv"), None).expect("opens");
    let data = &loaded.dataset;
    let year = &data.years[0];
    let rows: Vec<usize> = year.derived.order.to_vec();
    let columns = [
        ColumnId::Rank,
        ColumnId::Name,
        ColumnId::Province,
        ColumnId::Total,
    ];
    let text = rankscope::export::TableText {
        data,
        year,
        rows: &rows,
        columns: &columns,
        names: NameStyle::English,
        strings: &rankscope::strings::EN,
        external: None,
    };
    let csv = text.csv();
    for line in csv.lines().skip(1) {
        let first_field_of_name = line.split(',').nth(1).unwrap_or_default();
        let first = first_field_of_name.trim_start_matches('"').chars().next();
        assert!(
            !matches!(first, Some('=' | '+' | '-' | '@')),
            "a live formula in {line}"
        );
    }
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'=1+1,"), "the province too: {csv}");
    assert!(csv.contains("'+cmd|' /C calc'!A0"), "{csv}");
    assert!(csv.contains("'@SUM(1)"), "{csv}");
    assert!(
        csv.contains("BellCity"),
        "control characters left out: {csv}"
    );
    let tsv = text.tsv();
    assert!(tsv.contains("\t'@SUM(1)\t"), "{tsv}");
    assert!(
        !tsv.chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n'),
        "{tsv}"
    );
    // The table figure is valid XML with the name, without its control characters.
    let request =
        rankscope::export::figure::FigureRequest::new(rankscope::export::figure::FigureKind::Table);
    let svg = rankscope::export::figure::figure_svg(data, &request);
    assert!(
        !svg.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    );
    assert!(svg.contains("BellCity"), "the name is drawn");
    assert!(
        rankscope::export::figure::figure_png(data, &request, 1.0).is_ok(),
        "and rendered"
    );
}

#[test]
fn sizes_scales_and_generator_arguments_past_the_limits_are_refused_with_messages() {
    let run = common::run_command;
    let out = std::env::temp_dir().join(format!("rankscope-limits-{:05}.png", std::process::id()));
    let out = out.to_str().expect("path");
    let huge = run(&[
        "radar",
        "--size",
        "20000x20000",
        "--scale",
        "3",
        "--select",
        "苏州科技城",
        "--out",
        out,
    ])
    .expect_err("refused");
    assert!(huge.contains("million pixels"), "{huge}");
    let scaled = run(&[
        "radar",
        "--scale",
        "1000",
        "--select",
        "苏州科技城",
        "--out",
        out,
    ])
    .expect_err("refused");
    assert!(scaled.contains("million pixels"), "{scaled}");
    let size = run(&["radar", "--size", "100000x100000", "--out", out]).expect_err("refused");
    assert!(size.contains("each from 200 to 20000"), "{size}");
    let years = run(&[
        "gen",
        "--entities",
        "5",
        "--years",
        "1000000000",
        "--out",
        "/tmp/never.json",
    ])
    .expect_err("refused");
    assert!(
        years.contains("runs past the years rankscope reads (1000 to 9999)"),
        "{years}"
    );
    assert!(!std::path::Path::new(out).exists(), "nothing written");
}

#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_and_the_input_kept() {
    let folder = std::env::temp_dir().join(format!("rankscope-self-out-{:05}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    let input = folder.join("cities-2022.csv");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-2022.csv"),
    )
    .expect("fixture");
    std::fs::write(&input, &original).expect("copy");
    let path = input.to_str().expect("path");
    for command in ["table", "whatif"] {
        let error = common::run_command(&[command, path, "--out", path]).expect_err("refused");
        assert!(
            error.ends_with("that is one of the inputs; writing it would destroy it"),
            "{error}"
        );
    }
    assert_eq!(std::fs::read_to_string(&input).expect("kept"), original);
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_file_the_encoding_guess_gets_wrong_opens_with_its_encoding_given() {
    for (file, encoding, first) in [
        ("gb18030-behind-utf8-bom-2023.csv", "gb18030", "甲城"),
        ("utf16-without-bom-2023.csv", "utf-16le", "North"),
    ] {
        let out =
            std::env::temp_dir().join(format!("rankscope-enc-{:05}-{file}", std::process::id()));
        let path = hostile(file);
        common::run_command(&[
            "table",
            path.to_str().expect("path"),
            "--encoding",
            encoding,
            "--out",
            out.to_str().expect("path"),
        ])
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let csv = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(&out);
        assert!(
            csv.lines()
                .next()
                .is_some_and(|h| h.starts_with("\u{feff}Rank,")),
            "{csv}"
        );
        assert!(
            csv.lines().nth(1).is_some_and(|row| row.contains(first)),
            "{csv}"
        );
    }
    let unknown =
        common::run_command(&["table", "x.csv", "--encoding", "klingon", "--out", "y.csv"])
            .expect_err("no such encoding");
    assert!(
        unknown.contains("no encoding is named \"klingon\""),
        "{unknown}"
    );
}

#[test]
fn keep_formulas_writes_formula_cells_as_they_are() {
    let input = hostile("injection-names-2023.csv");
    let write = |keep: bool| {
        let out = std::env::temp_dir().join(format!(
            "rankscope-formulas-{keep}-{:05}.csv",
            std::process::id()
        ));
        let (input, out_path) = (input.to_str().expect("path"), out.to_str().expect("path"));
        let mut words = vec!["table", input, "--out", out_path];
        if keep {
            words.push("--keep-formulas");
        }
        common::run_command(&words).expect("written");
        let csv = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(&out);
        csv
    };
    assert!(write(false).contains(",'@SUM(1),"), "inert by default");
    let kept = write(true);
    assert!(kept.contains(",@SUM(1),"), "{kept}");
    assert!(!kept.contains("'@SUM(1)"), "{kept}");
}

/// A CSV of `rows` ranked rows, three scores each, in the temporary folder.
fn long_csv(rows: usize, tag: &str) -> PathBuf {
    use std::fmt::Write as _;
    let mut text = String::from("rank,name,a,b,c\n");
    for row in 1..=rows {
        writeln!(text, "{row},E{row},{}.5,{},{}", row % 97, row % 13, row % 7).expect("write");
    }
    let path = std::env::temp_dir().join(format!(
        "rankscope-{tag}-{:05}-2023.csv",
        std::process::id()
    ));
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn a_cancelled_build_stops_reading_and_says_so() {
    use rankscope::io::Cancel;
    use rankscope::io::import::read_draft_with_progress;
    let path = long_csv(2_000, "cancel-build");
    let draft = read_draft_with_progress(&path, &|_| {}).expect("the first rows");
    assert!(draft.head_only, "a large file's draft holds its first rows");
    let mapping = draft.mapping.clone();
    let built = draft
        .build_cancellable(&mapping, &[], &Cancel::new())
        .expect("builds");
    assert_eq!(built.dataset.years[0].records.len(), 2_000);
    let cancel = Cancel::new();
    cancel.cancel();
    let error = draft
        .build_cancellable(&mapping, &[], &cancel)
        .expect_err("stopped")
        .to_string();
    assert!(error.ends_with(rankscope::io::cancel::CANCELLED), "{error}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn cancelling_a_load_in_the_window_stops_its_reader() {
    use rankscope::app::loader::{Opened, PendingLoad};
    use rankscope::io::import::read_draft_with_progress;
    use std::sync::Arc;
    // Large enough that reading it takes far longer than the next statement.
    let path = long_csv(400_000, "cancel-load");
    let draft = read_draft_with_progress(&path, &|_| {}).expect("the first rows");
    let mapping = draft.mapping.clone();
    let load = PendingLoad::build(
        Arc::new(draft),
        (mapping, Vec::new()),
        vec![path.clone()],
        || {},
    );
    load.cancel();
    let started = std::time::Instant::now();
    let outcome = loop {
        if let Some(outcome) = load.poll() {
            break outcome;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the reader never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let (_, result) = outcome.expect("an outcome");
    match result {
        Err(error) => assert!(
            error
                .to_string()
                .ends_with(rankscope::io::cancel::CANCELLED),
            "{error}"
        ),
        Ok(Opened::Dataset(..) | Opened::Draft(_)) => panic!("read to the end though cancelled"),
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_workbooks_bytes_read_as_its_file_does() {
    use rankscope::io::excel::{read_workbook, read_workbook_bytes};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-two-years.xlsx");
    let from_file = read_workbook(&path, None).expect("reads");
    let bytes = std::fs::read(&path).expect("bytes");
    let from_bytes = read_workbook_bytes("ccid-two-years.xlsx", &bytes, None).expect("reads");
    assert_eq!(from_file.len(), from_bytes.len());
    for (a, b) in from_file.iter().zip(&from_bytes) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.rows, b.rows);
    }
    let error = read_workbook_bytes("x.xlsx", b"PK\x03\x04 not a zip", None)
        .expect_err("refused")
        .to_string();
    assert!(error.starts_with("x.xlsx: not a workbook"), "{error}");
}

#[test]
fn a_csvs_bytes_read_as_its_file_does() {
    use rankscope::io::Cancel;
    use rankscope::io::import::load_csv_bytes;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ccid-2023-gb18030.csv");
    let from_file = load_path_with(&path, None).expect("opens");
    let bytes = std::fs::read(&path).expect("bytes");
    let from_bytes = load_csv_bytes(
        "ccid-2023-gb18030.csv",
        "ccid-2023-gb18030",
        bytes,
        None,
        None,
        &Cancel::new(),
    )
    .expect("opens");
    assert_eq!(from_file.dataset, from_bytes.dataset);
    assert_eq!(from_file.warnings, from_bytes.warnings);
}
