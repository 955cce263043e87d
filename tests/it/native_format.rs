//! The native JSON format: the documented example opens, a dataset survives a round trip, and each
//! malformed file is rejected with a message naming the file, the place and the problem.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};

use rankscope::io::{load_path, load_sample, read_native, write_native};
use rankscope::model::Rank;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The JSON example of docs/dataset-format.md, so the documentation cannot drift from the reader.
fn documented_example() -> String {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/dataset-format.md"),
    )
    .expect("docs/dataset-format.md");
    let start = doc.find("```json\n").expect("a json block") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("the block's end");
    doc[start..end].to_owned()
}

fn error_of(name: &str) -> String {
    load_path(&fixture(name))
        .expect_err("the fixture is malformed")
        .to_string()
}

#[test]
fn the_documented_five_pillar_example_opens_with_computed_ranks() {
    let data = read_native(&documented_example()).expect("the documented example is valid");
    assert_eq!(data.meta.capacities.len(), 5);
    let y2024 = &data.years[1];
    assert!(y2024.derived.ranks_computed);
    let ranks: Vec<Rank> = y2024.derived.ranks.to_vec();
    assert_eq!(
        ranks,
        vec![Rank::Exact(1), Rank::Exact(1), Rank::Exact(3)],
        "north, south tie; west third"
    );
    let changes: Vec<String> = y2024.derived.changes().map(|c| c.to_string()).collect();
    assert_eq!(changes, vec!["–", "▲1", "new"]);
    let east = data.find_entity("east").expect("east");
    assert_eq!(y2024.derived.dropouts, vec![east]);
    // The missing citations score of East in 2023 is left out of the statistics, not read as zero.
    let citations = data.years[0].derived.capacity_stats[2].expect("citations present");
    assert_eq!(citations.count, 2);
    assert!((citations.min - 79.0).abs() < 1e-12);
}

#[test]
fn the_five_pillar_fixture_is_the_documented_example() {
    let fixture = std::fs::read_to_string(fixture("five-pillars.json")).expect("fixture");
    assert_eq!(fixture, documented_example());
}

#[test]
fn a_dataset_survives_a_round_trip() {
    let original = read_native(&documented_example()).expect("valid");
    let again = read_native(&write_native(&original)).expect("what we write, we read");
    assert_eq!(again, original);
    let sample = load_sample().expect("sample");
    assert_eq!(
        read_native(&write_native(&sample)).expect("sample round trip"),
        sample
    );
}

#[test]
fn a_syntax_error_gives_the_line_and_column() {
    assert_eq!(
        error_of("bad-syntax.json"),
        "bad-syntax.json: line 27, column 3: trailing comma"
    );
}

#[test]
fn a_score_that_is_not_a_number_names_its_place() {
    assert_eq!(
        error_of("score-not-a-number.json"),
        "score-not-a-number.json: years[1].records[2].scores.innovation: expected a number, found \"n/a\""
    );
}

#[test]
fn an_unknown_capacity_is_an_error() {
    assert_eq!(
        error_of("unknown-capacity.json"),
        "unknown-capacity.json: years[0].records[1].scores.inovation: unknown capacity \"inovation\""
    );
}

#[test]
fn a_duplicate_entity_id_points_at_both_places() {
    assert_eq!(
        error_of("duplicate-entity.json"),
        "duplicate-entity.json: entities[2].id: duplicate entity id \"a\" (first at entities[0].id)"
    );
}

#[test]
fn a_year_listed_twice_is_an_error() {
    assert_eq!(
        error_of("duplicate-year.json"),
        "duplicate-year.json: years[1].year: year 2022 is listed twice (first at years[0])"
    );
}

#[test]
fn a_rank_that_is_not_a_rank_is_an_error() {
    assert_eq!(
        error_of("bad-rank.json"),
        "bad-rank.json: years[1].records[0].rank: expected a rank (a place such as 12, a band such as \"51-70\", or null), found \"first\""
    );
}

#[test]
fn a_record_for_an_undeclared_entity_is_an_error() {
    assert_eq!(
        error_of("unknown-entity.json"),
        "unknown-entity.json: years[0].records[1].entity: unknown entity \"z\""
    );
}

#[test]
fn another_format_version_is_refused() {
    assert_eq!(
        error_of("wrong-format.json"),
        "wrong-format.json: format: unsupported format \"rankscope-dataset/9\"; this version reads \"rankscope-dataset/1\""
    );
}

#[test]
fn an_indicator_under_an_undeclared_capacity_is_an_error() {
    assert_eq!(
        error_of("indicator-unknown-capacity.json"),
        "indicator-unknown-capacity.json: indicators[0].capacity: unknown capacity \"talent\""
    );
}

#[test]
fn a_misspelt_field_is_not_silently_ignored() {
    let message = error_of("misspelt-field.json");
    assert!(
        message.starts_with("misspelt-field.json: years[0].records[0].socres: unknown field"),
        "{message}"
    );
}

#[test]
fn a_missing_file_and_an_unsupported_type_say_so() {
    let message = load_path(&fixture("no-such-file.json"))
        .expect_err("missing")
        .to_string();
    assert!(message.starts_with("no-such-file.json: "), "{message}");
    let message = load_path(&fixture("README.md"))
        .expect_err("not a dataset")
        .to_string();
    assert!(
        message.contains("README.md") && message.contains(".md"),
        "{message}"
    );
}

#[test]
fn no_input_makes_the_reader_panic() {
    // Truncations of a valid file must all give errors, never a panic.
    let text = documented_example();
    for cut in (0..text.trim_end().len())
        .step_by(7)
        .filter(|&i| text.is_char_boundary(i))
    {
        assert!(
            read_native(&text[..cut]).is_err(),
            "a file cut at byte {cut} is invalid"
        );
    }
}
