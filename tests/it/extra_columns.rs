//! Figures published beside a ranking (population, GDP, student counts, another ranking's rank)
//! open as extra columns: shown, sorted and exported with the table, kept by the native format,
//! and never a capacity (so never a radar axis, a what-if weight or a driver).

use std::path::{Path, PathBuf};

use rankscope::io::{load_path_with, read_native, write_native};
use rankscope::model::ColumnId;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn population_and_gdp_beside_a_ccid_style_ranking_are_extra_columns_not_capacities() {
    let loaded = load_path_with(&fixture("ccid-2023-population-gdp-gb18030.csv"), None)
        .expect("opens with no mapping");
    let data = &loaded.dataset;
    let capacities: Vec<&str> = data.meta.capacities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        capacities,
        [
            "基础建设能力",
            "科技创新能力",
            "城市承载能力",
            "要素保障能力"
        ],
        "the four capacities only"
    );
    let extras: Vec<&str> = data.meta.extras.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(extras, ["常住人口（万人）", "地区生产总值（亿元）"]);
    let year = &data.years[0];
    let shanghai = data.find_entity("上海浦东张江科学城").expect("listed");
    let record = year
        .record(year.record_of(shanghai).expect("listed in 2023"))
        .expect("a record");
    assert_eq!(record.extra(0), Some(2487.0));
    assert_eq!(
        record.extra(1),
        Some(47218.0),
        "\"47,218\" read with its separator"
    );
    assert_eq!(record.score(1), Some(88.28));
    // The table shows them after the capacities, sortable by their ids.
    let columns = rankscope::app::state::TableSettings::default().columns(data);
    assert_eq!(columns.last(), Some(&ColumnId::Extra(1)));
    assert_eq!(
        ColumnId::from_key("地区生产总值（亿元）", data),
        Some(ColumnId::Extra(1))
    );
}

#[test]
fn extra_columns_are_sorted_and_written_by_the_table_command() {
    let out = std::env::temp_dir().join(format!("rankscope-extras-{:05}.csv", std::process::id()));
    let file = fixture("ccid-2023-population-gdp-gb18030.csv");
    crate::common::run_command(&[
        "table",
        file.to_str().expect("path"),
        "--sort",
        "常住人口（万人）:asc",
        "--out",
        out.to_str().expect("path"),
    ])
    .expect("writes the table");
    let csv = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.ends_with("常住人口（万人）,地区生产总值（亿元）"),
        "{header}"
    );
    let first = lines.next().expect("a row");
    assert!(
        first.contains("内蒙古包头稀土高新区"),
        "the smallest population first: {first}"
    );
    assert!(first.ends_with(",274,4011"), "{first}");
}

#[test]
fn extra_columns_survive_saving_as_rankscope_json() {
    let loaded =
        load_path_with(&fixture("ccid-2023-population-gdp-gb18030.csv"), None).expect("opens");
    let text = write_native(&loaded.dataset);
    assert!(text.contains("\"extras\""), "written");
    let again = read_native(&text).expect("reads back");
    assert_eq!(again, loaded.dataset);
    assert_eq!(again.meta.extras, loaded.dataset.meta.extras);
    // A dataset without extras is written as before, with no "extras" key.
    let sample = rankscope::io::load_sample().expect("the bundled sample");
    assert!(!write_native(&sample).contains("\"extras\""));
}

#[test]
fn an_unknown_extra_column_in_a_record_is_refused_with_its_path() {
    let text = r#"{
  "format": "rankscope-dataset/1",
  "title": "t",
  "capacities": [{ "id": "a" }],
  "extras": [{ "id": "population" }],
  "entities": [{ "id": "x", "en": "X" }],
  "years": [{ "year": 2023, "records": [
    { "entity": "x", "rank": 1, "total": 1, "scores": { "a": 1 }, "extras": { "gdp": 5 } }
  ] }]
}"#;
    let error = read_native(text)
        .expect_err("gdp is not an extra column")
        .to_string();
    assert!(error.contains("years[0].records[0].extras"), "{error}");
    assert!(error.contains("gdp"), "{error}");
}

#[test]
fn components_get_labels_apart_from_their_ids_and_both_names_never_repeat_one() {
    let path = fixture("ccid-2023-population-gdp-gb18030.csv");
    let detected = load_path_with(&path, None).expect("opens");
    let data = &detected.dataset;
    let innovation = &data.meta.capacities[1];
    assert_eq!(innovation.id, "科技创新能力");
    assert_eq!(
        innovation.label(rankscope::model::NameStyle::Both),
        "科技创新能力",
        "a Chinese header is the Chinese label only"
    );
    let mut mapping = detected.mapping.expect("detected");
    let column = mapping
        .columns
        .iter_mut()
        .find(|c| c.header == "科技创新能力")
        .expect("a column");
    column.en = "Technological innovation".into();
    column.zh = "科技创新".into();
    let json = mapping.to_json();
    assert!(
        json.contains("\"en\": \"Technological innovation\""),
        "{json}"
    );
    let read: rankscope::io::mapping::Mapping = serde_json::from_str(&json).expect("parses");
    let relabelled = load_path_with(&path, Some(&read)).expect("opens with the mapping");
    let innovation = &relabelled.dataset.meta.capacities[1];
    assert_eq!(
        innovation.id, "科技创新能力",
        "the id is kept for --weights and --sort"
    );
    assert_eq!(
        innovation.label(rankscope::model::NameStyle::English),
        "Technological innovation"
    );
    assert_eq!(
        innovation.label(rankscope::model::NameStyle::Chinese),
        "科技创新"
    );
}
