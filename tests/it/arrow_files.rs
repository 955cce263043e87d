//! Arrow IPC files (Feather v2) as pandas, polars and `DuckDB` write them
//! (`scripts/make-columnar-fixtures`) open with no mapping and give the same table as their CSV
//! twin; streams, nested columns, damaged files and buffers that claim to expand past their
//! file's size are refused with the file named.

use crate::common::run_command;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-arrow-{:05}-{name}", std::process::id()))
}

/// The table of `year` of `file` as CSV text, or the error.
fn table(file: &str, year: &str, tag: &str) -> Result<String, String> {
    let out = scratch(&format!("{tag}-{year}.csv"));
    run_command(&[
        "table",
        file,
        "--year",
        year,
        "--out",
        out.to_str().expect("path"),
    ])?;
    let text = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(out);
    Ok(text)
}

#[test]
fn pandas_polars_and_duckdb_arrow_files_give_the_tables_of_their_csv_twin() {
    for year in ["2023", "2024"] {
        let twin = table(&fixture("universities-400.csv"), year, "csv").expect("the CSV");
        assert_eq!(twin.lines().count(), 401, "400 rows and the header");
        // pandas: lz4; polars: uncompressed, string views; DuckDB through pyarrow: zstd.
        for file in [
            "universities-pandas.feather",
            "universities-polars.arrow",
            "universities-duckdb.arrow",
            // Scores as float32: read as the CSV's decimals.
            "universities-float32.feather",
        ] {
            let arrow = table(&fixture(&format!("arrow/{file}")), year, file).expect(file);
            assert_eq!(arrow, twin, "{file} {year}: the same table as the CSV");
        }
    }
}

#[test]
fn the_window_opens_an_arrow_file_given_on_the_command_line() {
    let file = fixture("arrow/universities-pandas.feather");
    let mut harness = crate::common::app_harness(&[&file]);
    crate::common::step_until(&mut harness, "the load", |h| h.state().state().year == 2024);
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.table.rows.len(), 400, "the 2024 list");
    assert_eq!(state.dataset.meta.capacities.len(), 5, "five pillars");
}

#[test]
fn streams_nested_columns_and_half_files_are_refused_naming_the_file() {
    let error =
        table(&fixture("arrow/universities-stream.arrow"), "2024", "s").expect_err("stream");
    assert!(
        error.contains("universities-stream.arrow") && error.contains("stream, not a file"),
        "{error}"
    );
    let error = table(&fixture("arrow/nested-column.arrow"), "2024", "n").expect_err("nested");
    assert!(
        error.contains("nested-column.arrow") && error.contains("\"Scores\" is nested"),
        "{error}"
    );
    let bytes = std::fs::read(fixture("arrow/universities-polars.arrow")).expect("fixture");
    let half = scratch("half.arrow");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).expect("written");
    let error = table(half.to_str().expect("path"), "2024", "h").expect_err("half");
    assert!(
        error.contains("half.arrow") && error.contains("not an Arrow IPC file"),
        "{error}"
    );
    let _ = std::fs::remove_file(half);
}

/// The body offset of the first compressed buffer of at least 8 bytes in the first record
/// batch of an Arrow file: where its declared uncompressed length is written.
fn first_compressed_prefix(bytes: &[u8]) -> usize {
    let n = bytes.len();
    let footer_len = usize::try_from(i32::from_le_bytes(
        bytes[n - 10..n - 6].try_into().expect("4"),
    ))
    .expect("len");
    let footer = arrow_ipc::root_as_footer(&bytes[n - 10 - footer_len..n - 10]).expect("footer");
    let block = footer.recordBatches().expect("batches").get(0);
    let at = usize::try_from(block.offset()).expect("offset");
    let meta = usize::try_from(block.metaDataLength()).expect("meta");
    let message = arrow_ipc::root_as_message(&bytes[at + 8..at + meta]).expect("message");
    let batch = message.header_as_record_batch().expect("a batch");
    assert!(batch.compression().is_some(), "a compressed fixture");
    let buffer = batch
        .buffers()
        .expect("buffers")
        .iter()
        .find(|b| b.length() >= 8)
        .expect("a buffer");
    at + meta + usize::try_from(buffer.offset()).expect("offset")
}

#[test]
fn a_buffer_that_claims_to_expand_past_the_files_size_is_refused_before_it_is_allocated() {
    let mut bytes = std::fs::read(fixture("arrow/universities-pandas.feather")).expect("fixture");
    let at = first_compressed_prefix(&bytes);
    // An exabyte: allocating it would end the program.
    bytes[at..at + 8].copy_from_slice(&(1_i64 << 60).to_le_bytes());
    let bomb = scratch("bomb.feather");
    std::fs::write(&bomb, &bytes).expect("written");
    let error = table(bomb.to_str().expect("path"), "2024", "b").expect_err("refused");
    assert!(
        error.contains("bomb.feather")
            && error.contains("claim to hold")
            && error.contains("refused"),
        "{error}"
    );
    let _ = std::fs::remove_file(bomb);
}

#[test]
fn any_byte_of_an_arrow_file_damaged_gives_a_table_or_an_error_never_a_crash() {
    let bytes = std::fs::read(fixture("arrow/universities-duckdb.arrow")).expect("fixture");
    let path = scratch("flipped.arrow");
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let (mut opened, mut refused) = (0, 0);
    for _ in 0..150 {
        let mut damaged = bytes.clone();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = usize::try_from(state % damaged.len() as u64).expect("index");
            damaged[at] ^= u8::try_from(state >> 56).expect("byte") | 1;
        }
        std::fs::write(&path, &damaged).expect("written");
        match table(path.to_str().expect("path"), "2024", "f") {
            Ok(_) => opened += 1,
            Err(e) => {
                assert!(e.contains("flipped.arrow"), "{e}");
                refused += 1;
            }
        }
    }
    let _ = std::fs::remove_file(path);
    assert_eq!(opened + refused, 150, "every damaged file answered");
}

#[test]
fn constant_columns_that_compress_ten_thousand_times_open() {
    // One zstd buffer of 160,000 bytes of 50.0 is a few bytes: the bound on what buffers claim
    // is on the whole file, not on one buffer.
    let file = fixture("arrow/constant-columns.feather");
    let loaded = rankscope::io::load_path_with(std::path::Path::new(&file), None).expect("opens");
    let year = &loaded.dataset.years[0];
    assert_eq!(year.records.len(), 20_000);
    assert!(year.records.iter().all(|r| r.total() == Some(50.0)));
}

#[test]
fn yearly_arrow_files_open_together_as_one_dataset() {
    // The fixture's two years, each as its own Arrow file with the year only in its name.
    let twin = fixture("universities-400.csv");
    let loaded = rankscope::io::load_path_with(std::path::Path::new(&twin), None).expect("opens");
    let data = &loaded.dataset;
    let mut files = Vec::new();
    for year in &data.years {
        let mut single = rankscope::model::Dataset::new(
            data.meta.clone(),
            data.entities.clone(),
            vec![year.to_input()],
        );
        single.meta.title = "universities".into();
        let bytes = rankscope::io::long_columnar::long_columnar(
            &single,
            true,
            rankscope::io::columnar_out::Format::Arrow,
        )
        .expect("written");
        let path = scratch(&format!("universities-{}.arrow", year.year));
        std::fs::write(&path, bytes).expect("written");
        files.push(path);
    }
    let paths: Vec<&str> = files.iter().map(|p| p.to_str().expect("path")).collect();
    for year in ["2023", "2024"] {
        let out = scratch(&format!("yearly-{year}.csv"));
        let mut args = vec!["table"];
        args.extend(&paths);
        args.extend(["--year", year, "--out", out.to_str().expect("path")]);
        run_command(&args).expect("written");
        let yearly = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(out);
        // The same rows as the CSV; 2024's changes computed from the 2023 file.
        let expected = table(&twin, year, &format!("twin-{year}")).expect("the CSV");
        assert_eq!(
            yearly.split_once('\n').map(|(_, body)| body),
            expected.split_once('\n').map(|(_, body)| body),
            "{year}"
        );
    }
    for path in files {
        let _ = std::fs::remove_file(path);
    }
}

#[test]
fn the_mapping_dialog_sees_the_first_rows_and_building_reads_them_all() {
    // The window's Open: a draft of the first rows for the dialog, then the whole file built.
    for name in [
        "arrow/universities-polars.arrow",
        "parquet/universities-polars.parquet",
    ] {
        let path = std::path::PathBuf::from(fixture(name));
        let draft = rankscope::io::import::read_draft_with_progress(&path, &|_| {}).expect(name);
        assert!(
            draft.head_only,
            "{name}: the dialog gets the first rows only"
        );
        let shown = draft.sheets[0].rows.len();
        assert!(shown > 400 && shown <= 502, "{name}: {shown} rows");
        let built = draft.build(&draft.mapping).expect(name);
        let whole = rankscope::io::load_path_with(&path, None).expect(name);
        assert!(built.dataset == whole.dataset, "{name}");
        let records: usize = built.dataset.years.iter().map(|y| y.records.len()).sum();
        assert_eq!(records, 800, "{name}: two years of 400");
    }
}
