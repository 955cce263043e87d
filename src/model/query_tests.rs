//! The table engine against hand-computed cases: sorting (stable, missing last, bands, rank
//! change, secondary keys), search, province, rank and value filters, top N.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "tiny test indices"
)]

use super::*;

/// 2022: a 1, b 2, c 3, d 4. 2023: b 1, a 2, c and e share the band 3–4, f is listed unranked;
/// d dropped out. Scores `x`: a 10, b missing, c 30, e 20, f 5.
fn data() -> Dataset {
    let entity = |id: &str, en: &str, zh: &str, province_zh: &str, province_en: &str| Entity {
        id: id.into(),
        en: en.into(),
        zh: zh.into(),
        province_zh: province_zh.into(),
        province_en: province_en.into(),
        ..Entity::default()
    };
    let entities = vec![
        entity("a", "Alpha", "甲城", "浙江", "Zhejiang"),
        entity("b", "Beta", "乙城", "广东", "Guangdong"),
        entity("c", "Gamma", "丙城", "浙江", "Zhejiang"),
        entity("d", "Delta", "丁城", "江苏", "Jiangsu"),
        entity("e", "Epsilon", "戊城", "江苏", "Jiangsu"),
        entity("f", "Zeta", "己城", "江苏", "Jiangsu"),
    ];
    let record = |entity, rank, total, x| RecordInput::new(entity, rank, total, &[x], &[]);
    let band = Some(Rank::Band { lo: 3, hi: 4 });
    let years = vec![
        YearInput::new(
            2022,
            (0..4)
                .map(|e| {
                    record(
                        e,
                        Some(Rank::Exact(e as u32 + 1)),
                        Some(90.0 - e as f64),
                        Some(1.0),
                    )
                })
                .collect(),
        ),
        YearInput::new(
            2023,
            vec![
                record(0, Some(Rank::Exact(2)), Some(80.0), Some(10.0)),
                record(1, Some(Rank::Exact(1)), Some(90.0), None),
                record(2, band, Some(70.0), Some(30.0)),
                record(4, band, Some(65.0), Some(20.0)),
                record(5, None, None, Some(5.0)),
            ],
        ),
    ];
    let meta = Meta {
        capacities: vec![Capacity {
            id: "x".into(),
            en: "X".into(),
            zh: "X".into(),
            weight: None,
            direction: crate::model::Direction::HigherIsBetter,
        }],
        ..Meta::default()
    };
    Dataset::new(meta, entities, years)
}

/// The entity ids of the rows `query` gives for 2023.
fn ids(query: &TableQuery) -> Vec<String> {
    let data = data();
    let year = &data.years[1];
    query
        .rows(&data, year, NameStyle::English)
        .iter()
        .map(|&r| {
            data.entities[year.row_entity(r).expect("an entity")]
                .id
                .clone()
        })
        .collect()
}

fn sorted(keys: &[(ColumnId, bool)]) -> TableQuery {
    TableQuery {
        sort: keys
            .iter()
            .map(|&(column, descending)| SortKey { column, descending })
            .collect(),
        ..TableQuery::default()
    }
}

const X: ColumnId = ColumnId::Capacity(0);

#[test]
fn without_a_sort_rows_are_in_rank_order_and_unranked_only_on_request() {
    assert_eq!(ids(&TableQuery::default()), ["b", "a", "c", "e"]);
    let query = TableQuery {
        include_unranked: true,
        ..TableQuery::default()
    };
    // f is listed without a rank; d is not listed in 2023 at all.
    assert_eq!(ids(&query), ["b", "a", "c", "e", "f", "d"]);
}

#[test]
fn missing_values_sort_last_in_both_directions() {
    assert_eq!(ids(&sorted(&[(X, false)])), ["a", "e", "c", "b"]);
    assert_eq!(ids(&sorted(&[(X, true)])), ["c", "e", "a", "b"]);
}

#[test]
fn bands_sort_as_bands_and_equal_keys_keep_rank_order() {
    // c and e share 3–4: descending puts the band first, c before e as in rank order.
    assert_eq!(
        ids(&sorted(&[(ColumnId::Rank, true)])),
        ["c", "e", "a", "b"]
    );
    assert_eq!(
        ids(&sorted(&[(ColumnId::Rank, false)])),
        ["b", "a", "c", "e"]
    );
}

#[test]
fn rank_change_sorts_by_certain_rise_with_entrants_last() {
    // a ▼1 (−1), c 3 → 3–4 (≈, no certain move: 0), b ▲1 (+1), e new (no value).
    assert_eq!(
        ids(&sorted(&[(ColumnId::RankChange, false)])),
        ["a", "c", "b", "e"]
    );
    assert_eq!(
        ids(&sorted(&[(ColumnId::RankChange, true)])),
        ["b", "c", "a", "e"]
    );
}

#[test]
fn a_secondary_key_orders_ties_of_the_first() {
    // Provinces by pinyin: 广东 guang < 江苏 jiang < 浙江 zhe; inside 浙江, x descending: c (30),
    // a (10).
    let query = TableQuery {
        sort: vec![
            SortKey {
                column: ColumnId::Province,
                descending: false,
            },
            SortKey {
                column: X,
                descending: true,
            },
        ],
        ..TableQuery::default()
    };
    let data = data();
    let rows = query.rows(&data, &data.years[1], NameStyle::Chinese);
    let got: Vec<&str> = rows
        .iter()
        .map(|&r| data.entities[data.years[1].records[r].entity()].id.as_str())
        .collect();
    assert_eq!(got, ["b", "e", "c", "a"]);
}

#[test]
fn chinese_names_sort_by_pinyin_as_in_chinese_excel() {
    // 2023: 丙城 bing (c), 甲城 jia (a), 戊城 wu (e), 乙城 yi (b). By code point it would be
    // 丙 U+4E19, 乙 U+4E59, 戊 U+620A, 甲 U+7532: c, b, e, a.
    let query = TableQuery {
        sort: vec![SortKey {
            column: ColumnId::Name,
            descending: false,
        }],
        ..TableQuery::default()
    };
    let data = data();
    let ids = |rows: Vec<usize>| -> Vec<String> {
        rows.iter()
            .map(|&r| data.entities[data.years[1].records[r].entity()].id.clone())
            .collect()
    };
    assert_eq!(
        ids(query.rows(&data, &data.years[1], NameStyle::Chinese)),
        ["c", "a", "e", "b"]
    );
    // English names keep the alphabet: Alpha, Beta, Epsilon, Gamma.
    assert_eq!(
        ids(query.rows(&data, &data.years[1], NameStyle::English)),
        ["a", "b", "e", "c"]
    );
}

#[test]
fn header_clicks_cycle_ascending_descending_off_and_shift_adds_a_key() {
    let mut query = TableQuery::default();
    query.click_sort(X, false);
    assert_eq!(query.sort_of(X), Some((0, false)));
    query.click_sort(X, false);
    assert_eq!(query.sort_of(X), Some((0, true)));
    query.click_sort(X, false);
    assert!(
        query.sort.is_empty(),
        "the third click returns to rank order"
    );

    query.click_sort(ColumnId::Province, false);
    query.click_sort(X, true);
    assert_eq!(query.sort_of(ColumnId::Province), Some((0, false)));
    assert_eq!(query.sort_of(X), Some((1, false)));
    query.click_sort(X, true);
    assert_eq!(query.sort_of(X), Some((1, true)));
    query.click_sort(X, true);
    assert_eq!(query.sort_of(X), None);
    query.click_sort(X, false);
    assert_eq!(
        query.sort,
        vec![SortKey {
            column: X,
            descending: false
        }],
        "a plain click leaves one key"
    );
}

#[test]
fn search_matches_names_provinces_and_ids_case_insensitively() {
    let search = |text: &str| {
        ids(&TableQuery {
            search: text.into(),
            ..TableQuery::default()
        })
    };
    assert_eq!(search("ALPHA"), ["a"]);
    assert_eq!(search("zhe"), ["a", "c"]);
    assert_eq!(search("广东"), ["b"]);
    assert_eq!(search("丙"), ["c"]);
    assert!(search("nowhere").is_empty());
}

#[test]
fn province_rank_and_value_filters_combine() {
    let provinces = TableQuery {
        provinces: ["江苏".to_owned()].into(),
        include_unranked: true,
        ..TableQuery::default()
    };
    assert_eq!(ids(&provinces), ["e", "f", "d"]);
    // A band overlapping the range is kept.
    assert_eq!(
        ids(&TableQuery {
            rank_range: Some((1, 3)),
            ..TableQuery::default()
        }),
        ["b", "a", "c", "e"]
    );
    assert_eq!(
        ids(&TableQuery {
            rank_range: Some((4, 10)),
            ..TableQuery::default()
        }),
        ["c", "e"]
    );
    // A value range drops rows without a value.
    let range = TableQuery {
        ranges: vec![RangeFilter {
            column: X,
            min: 15.0,
            max: 40.0,
        }],
        ..TableQuery::default()
    };
    assert_eq!(ids(&range), ["c", "e"]);
}

#[test]
fn top_n_takes_the_best_ranked_before_sorting() {
    let query = TableQuery {
        top_n: Some(2),
        ..TableQuery::default()
    };
    assert_eq!(ids(&query), ["b", "a"]);
    let query = TableQuery {
        top_n: Some(2),
        sort: vec![SortKey {
            column: X,
            descending: false,
        }],
        ..TableQuery::default()
    };
    assert_eq!(
        ids(&query),
        ["a", "b"],
        "the top two by rank, sorted by x (b has none)"
    );
    assert!(query.is_filtered());
    assert!(!TableQuery::default().is_filtered());
}

#[test]
fn an_entity_the_year_does_not_list_has_a_name_and_empty_cells() {
    let data = data();
    let year = &data.years[1];
    let row = year
        .unlisted_rows()
        .next()
        .expect("d is not listed in 2023");
    assert_eq!(year.row_entity(row), Some(3));
    assert_eq!(
        ColumnId::Name.text(&data, year, row, NameStyle::English),
        "Delta"
    );
    assert_eq!(
        ColumnId::Rank.text(&data, year, row, NameStyle::English),
        ""
    );
    assert_eq!(
        ColumnId::RankChange.text(&data, year, row, NameStyle::English),
        ""
    );
    assert_eq!(X.text(&data, year, row, NameStyle::English), "");
    // Sorted by x, it goes last with the other missing values.
    let query = TableQuery {
        include_unranked: true,
        sort: vec![SortKey {
            column: X,
            descending: true,
        }],
        ..TableQuery::default()
    };
    assert_eq!(ids(&query).last().map(String::as_str), Some("d"));
}

#[test]
fn column_keys_round_trip_and_cells_keep_every_digit() {
    let data = data();
    for column in [
        ColumnId::Rank,
        ColumnId::RankChange,
        ColumnId::Name,
        ColumnId::Province,
        ColumnId::Total,
        X,
    ] {
        assert_eq!(ColumnId::from_key(&column.key(&data), &data), Some(column));
    }
    assert_eq!(ColumnId::from_key("nope", &data), None);
    let year = &data.years[1];
    assert_eq!(
        ColumnId::Rank.text(&data, year, 2, NameStyle::English),
        "3–4"
    );
    assert_eq!(
        ColumnId::RankChange.text(&data, year, 0, NameStyle::English),
        "▼1"
    );
    assert_eq!(
        ColumnId::Total.text(&data, year, 0, NameStyle::English),
        "80"
    );
    assert_eq!(
        X.text(&data, year, 1, NameStyle::English),
        "",
        "a missing value is an empty cell"
    );
}
