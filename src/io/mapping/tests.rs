//! Detection on real header sets and values: names, ranks, totals, groups, years and reasons.

use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn chinese_headers_of_a_ccid_style_sheet_are_recognised() {
    let headers = strings(&[
        "排名",
        "科技城",
        "省份",
        "总分",
        "基础建设能力",
        "科技创新能力",
        "城市承载能力",
        "要素保障能力",
        "备注",
    ]);
    let sample = vec![strings(&[
        "1",
        "上海浦东张江科学城",
        "上海",
        "91.14",
        "89.11",
        "88.28",
        "95.26",
        "94.55",
        "示范",
    ])];
    let mapping = detect(&headers, &sample);
    let roles: Vec<&Role> = mapping.columns.iter().map(|c| &c.role).collect();
    assert_eq!(roles[0], &Role::Rank);
    assert_eq!(roles[1], &Role::Name);
    assert_eq!(roles[2], &Role::Province);
    assert_eq!(roles[3], &Role::Total);
    assert_eq!(
        roles[5],
        &Role::Capacity {
            id: "科技创新能力".into()
        }
    );
    assert_eq!(
        roles[8],
        &Role::Ignore,
        "text that is not a role is ignored"
    );
}

#[test]
fn english_headers_of_a_university_ranking_are_recognised() {
    let headers = strings(&[
        "world_rank",
        "University",
        "Country",
        "Year",
        "Total Score",
        "Teaching",
        "Research",
    ]);
    let sample = vec![strings(&[
        "=12", "North", "China", "2023", "81.5", "80", "-",
    ])];
    let mapping = detect(&headers, &sample);
    let roles: Vec<&Role> = mapping.columns.iter().map(|c| &c.role).collect();
    assert_eq!(
        roles[..5],
        [
            &Role::Rank,
            &Role::Name,
            &Role::Province,
            &Role::Year,
            &Role::Total
        ]
    );
    assert_eq!(
        roles[5],
        &Role::Capacity {
            id: "Teaching".into()
        }
    );
    assert_eq!(
        roles[6],
        &Role::Ignore,
        "a column with no numbers in the sample"
    );
}

fn roles(headers: &[&str], rows: &[&[&str]]) -> Vec<Role> {
    let sample: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
    detect(&strings(headers), &sample)
        .columns
        .into_iter()
        .map(|c| c.role)
        .collect()
}

fn capacity(id: &str) -> Role {
    Role::Capacity { id: id.into() }
}

#[test]
fn a_university_ranking_in_the_kaggle_shape_is_read_by_its_header_words() {
    let roles = roles(
        &[
            "world_rank",
            "university_name",
            "country",
            "teaching",
            "research",
            "total_score",
            "num_students",
            "year",
        ],
        &[
            &[
                "1",
                "Harvard University",
                "United States of America",
                "99.7",
                "98.7",
                "96.1",
                "20,152",
                "2011",
            ],
            &[
                "=2",
                "California Institute of Technology",
                "United States of America",
                "97.7",
                "98.0",
                "96.0",
                "2,243",
                "2011",
            ],
        ],
    );
    assert_eq!(
        roles,
        vec![
            Role::Rank,
            Role::Name,
            Role::Province,
            capacity("teaching"),
            capacity("research"),
            Role::Total,
            Role::Extra {
                id: "num_students".into()
            },
            Role::Year,
        ]
    );
}

#[test]
fn qs_and_chinese_university_headers_find_name_rank_and_total() {
    let qs = roles(
        &[
            "2024 RANK",
            "2023 RANK",
            "Institution Name",
            "Location",
            "AR SCORE",
            "Overall SCORE",
        ],
        &[&[
            "1",
            "1",
            "Massachusetts Institute of Technology (MIT)",
            "United States",
            "100",
            "100",
        ]],
    );
    assert_eq!(qs[2], Role::Name);
    assert_eq!(qs[3], Role::Province);
    assert_eq!(qs[4], capacity("AR SCORE"));
    assert_eq!(qs[5], Role::Total);
    assert_eq!(qs[0], Role::Rank);
    let chinese = roles(
        &["名次", "学校名称", "省市", "总分", "类型", "办学层次"],
        &[
            &["1", "清华大学", "北京", "969.2", "中国顶尖大学", "37.9"],
            &["2", "北京大学", "北京", "937.7", "中国顶尖大学", "36.1"],
        ],
    );
    assert_eq!(
        chinese[..4],
        [Role::Rank, Role::Name, Role::Province, Role::Total]
    );
    let previous = roles(
        &["排名", "上年排名", "城市名称", "综合得分", "创新"],
        &[
            &["1", "2", "深圳", "88.1", "90"],
            &["2", "1", "上海", "87.9", "91"],
        ],
    );
    assert_eq!(
        previous,
        vec![
            Role::Rank,
            Role::Extra {
                id: "上年排名".into()
            },
            Role::Name,
            Role::Total,
            capacity("创新")
        ],
        "a previous rank is kept as an extra column, neither the rank nor a score"
    );
}

#[test]
fn the_column_that_falls_as_the_rank_rises_is_the_total() {
    let hdi = roles(
        &[
            "HDI Rank",
            "Country",
            "Human Development Index (HDI)",
            "Life Expectancy at Birth",
            "Gross National Income (GNI) per Capita",
        ],
        &[
            &["1", "Norway", "0.944", "81.6", "64,992"],
            &["2", "Australia", "0.935", "82.4", "42,261"],
            &["3", "Switzerland", "0.93", "83", "56,431"],
            &["4", "Denmark", "0.923", "80.2", "44,025"],
            &["", "World", "0.711", "71.5", "14,301"],
        ],
    );
    assert_eq!(hdi[2], Role::Total);
    assert_eq!(
        hdi[3],
        capacity("Life Expectancy at Birth"),
        "not in rank order"
    );
}

#[test]
fn each_detected_role_comes_with_its_reason() {
    let sample: Vec<Vec<String>> = vec![
        strings(&["1", "Norway", "0.944", "81.6", "Europe"]),
        strings(&["2", "Australia", "0.935", "82.4", "Oceania"]),
        strings(&["3", "Switzerland", "0.93", "83", "Europe"]),
    ];
    let mapping = detect(
        &strings(&[
            "HDI Rank",
            "Country",
            "Human Development Index (HDI)",
            "Life",
            "Note",
        ]),
        &sample,
    );
    let lines = mapping.explained();
    assert_eq!(
        lines[0],
        "\"HDI Rank\" → rank: its header's words (hdi rank) point to the rank (0.67)"
    );
    assert_eq!(
        lines[1],
        "\"Country\" → name: no header names the entities, and its values are text, unique within each year"
    );
    assert_eq!(
        lines[2],
        "\"Human Development Index (HDI)\" → total: no header names the total, and its values fall as the rank rises (100 % of pairs of rows)"
    );
    assert_eq!(
        lines[3],
        "\"Life\" → capacity \"Life\": most of its values are numbers: a component score"
    );
    assert_eq!(
        lines[4],
        "\"Note\" → ignore: text that no role's words name"
    );
    assert_eq!(
        mapping.reason_of("Life"),
        Some("most of its values are numbers: a component score")
    );
    let read: Mapping = serde_json::from_str(&mapping.to_json()).expect("parses");
    assert_eq!(read, mapping, "equal whatever the reasons");
    assert!(read.reasons.is_empty(), "reasons are not saved");
}

#[test]
fn whole_places_that_follow_the_total_are_the_rank() {
    let ranked = roles(
        &["No.", "University", "Score", "Staff"],
        &[
            &["1", "North", "95.0", "300"],
            &["2", "East", "93.5", "1200"],
            &["2", "West", "93.5", "800"],
            &["4", "South", "90.1", "450"],
        ],
    );
    assert_eq!(ranked[0], Role::Rank, "follows the total");
    assert_eq!(
        ranked[3],
        Role::Extra { id: "Staff".into() },
        "whole numbers, not in rank order: not the rank; a staff count beside the ranking"
    );
    // No total: a column counting up from 1 down a sorted file.
    let sorted = roles(
        &["#", "Team", "Won", "Drawn"],
        &[
            &["1", "Reds", "20", "5"],
            &["2", "Blues", "18", "9"],
            &["3", "Greens", "18", "4"],
        ],
    );
    assert_eq!(sorted[0], Role::Rank);
    assert_eq!(
        sorted[2],
        Role::Total,
        "with the rank found, the column that falls as it rises is the total"
    );
    let decimals = roles(
        &["Index", "City", "Score"],
        &[&["1.5", "A", "9"], &["2.5", "B", "8"], &["3.5", "C", "7"]],
    );
    assert_eq!(decimals[0], capacity("Index"), "places are whole");
}

#[test]
fn countries_ranked_as_entities_are_the_name() {
    let happiness = roles(
        &[
            "Country",
            "Region",
            "Happiness Rank",
            "Happiness Score",
            "Family",
        ],
        &[
            &["Switzerland", "Western Europe", "1", "7.587", "1.34951"],
            &["Iceland", "Western Europe", "2", "7.561", "1.40223"],
            &["Denmark", "Western Europe", "3", "7.527", "1.36058"],
        ],
    );
    assert_eq!(
        happiness,
        vec![
            Role::Name,
            Role::Province,
            Role::Rank,
            Role::Total,
            capacity("Family")
        ]
    );
    let universities = roles(
        &["Rank", "Institution", "Country", "Score"],
        &[
            &["1", "Harvard", "USA", "100"],
            &["2", "Stanford", "USA", "98.7"],
        ],
    );
    assert_eq!(universities[2], Role::Province, "countries repeat: a group");
}

#[test]
fn a_sheet_wide_by_year_tags_its_columns_with_years() {
    assert_eq!(split_year("总分2022"), ("总分".into(), Some(2022)));
    assert_eq!(split_year("teaching_2023"), ("teaching".into(), Some(2023)));
    assert_eq!(split_year("排名（2021年"), ("排名".into(), Some(2021)));
    assert_eq!(split_year("2023"), ("2023".into(), None));
    assert_eq!(split_year("QS100"), ("QS100".into(), None));
    assert_eq!(split_year("2024 RANK"), ("RANK".into(), Some(2024)));
    assert_eq!(split_year("排名（2023）"), ("排名".into(), Some(2023)));
    assert_eq!(split_year("2023年排名"), ("排名".into(), Some(2023)));
    let headers = strings(&[
        "科技城",
        "排名2022",
        "总分2022",
        "创新2022",
        "排名2023",
        "总分2023",
        "创新2023",
    ]);
    let sample = vec![strings(&["甲城", "1", "90", "88", "2", "89", "87"])];
    let mapping = detect(&headers, &sample);
    let roles: Vec<(&Role, Option<i32>)> =
        mapping.columns.iter().map(|c| (&c.role, c.year)).collect();
    assert_eq!(roles[1], (&Role::Rank, Some(2022)));
    assert_eq!(roles[4], (&Role::Rank, Some(2023)));
    assert_eq!(
        roles[6],
        (
            &Role::Capacity {
                id: "创新".into()
            },
            Some(2023)
        ),
        "one capacity across years"
    );
}

#[test]
fn capacity_slash_indicator_headers_are_indicators_under_that_capacity() {
    let headers = strings(&["name", "innovation", "innovation/patents", "R&D/GDP"]);
    let sample = vec![strings(&["North", "80", "12", "2.5"])];
    let roles: Vec<Role> = detect(&headers, &sample)
        .columns
        .into_iter()
        .map(|c| c.role)
        .collect();
    assert_eq!(
        roles[2],
        Role::Indicator {
            id: "patents".into(),
            capacity: "innovation".into()
        }
    );
    assert_eq!(
        roles[3],
        Role::Capacity {
            id: "R&D/GDP".into()
        },
        "no capacity column is named R&D"
    );
}

#[test]
fn a_mapping_round_trips_as_json() {
    let mapping = Mapping {
        reasons: Vec::new(),
        columns: vec![
            ColumnRole {
                header: "科技城".into(),
                role: Role::Name,
                year: None,
                lower_is_better: false,
                en: String::new(),
                zh: String::new(),
            },
            ColumnRole {
                header: "专利2023".into(),
                role: Role::Indicator {
                    id: "patents".into(),
                    capacity: "innovation".into(),
                },
                year: Some(2023),
                lower_is_better: false,
                en: "Patents granted".into(),
                zh: "专利授权".into(),
            },
        ],
    };
    let json = mapping.to_json();
    assert!(json.contains("\"role\": \"indicator\""), "{json}");
    assert_eq!(
        serde_json::from_str::<Mapping>(&json).expect("parses"),
        mapping
    );
}

#[test]
fn a_ranking_on_one_figure_has_it_as_its_one_score() {
    let fortune = roles(
        &["Year", "Name", "Revenue", "Rank"],
        &[
            &["2021", "Walmart", "559151", "1"],
            &["2021", "Amazon", "386064", "2"],
            &["2021", "Apple", "274515", "3"],
        ],
    );
    assert_eq!(
        fortune,
        vec![Role::Year, Role::Name, capacity("Revenue"), Role::Rank]
    );
}

#[test]
fn a_close_runner_up_is_named_in_the_reason() {
    let mapping = detect(
        &strings(&["Rank", "Happiness Score", "Ladder Score", "Country"]),
        &[
            strings(&["1", "7.5", "70", "Norway"]),
            strings(&["2", "7.4", "65", "Denmark"]),
        ],
    );
    assert_eq!(mapping.role_of("Happiness Score"), Some(&Role::Total));
    assert_eq!(
        mapping.reason_of("Happiness Score"),
        Some(
            "its header's words (happiness score) point to the total (0.49); a close second: \"Ladder Score\" (0.49), check it"
        )
    );
    assert!(
        !mapping
            .reason_of("Rank")
            .unwrap_or_default()
            .contains("close second"),
        "no other rank"
    );
}

#[test]
fn a_release_date_column_is_the_period_and_a_country_code_is_not_the_entities_id() {
    let headers = strings(&[
        "rank",
        "country_full",
        "country_code",
        "points",
        "rank_date",
    ]);
    let sample = vec![
        strings(&["1", "Germany", "GER", "1544", "17/05/2018"]),
        strings(&["2", "Brazil", "BRA", "1384", "17/05/2018"]),
        strings(&["1", "Germany", "GER", "1558", "07/06/2018"]),
        strings(&["2", "Brazil", "BRA", "1431", "07/06/2018"]),
    ];
    let mapping = detect(&headers, &sample);
    let role = |header: &str| mapping.role_of(header).cloned();
    assert_eq!(role("rank"), Some(Role::Rank));
    assert_eq!(
        role("rank_date"),
        Some(Role::Year),
        "{:?}",
        mapping.explained()
    );
    assert_eq!(role("country_full"), Some(Role::Name));
    assert_ne!(
        role("country_code"),
        Some(Role::Id),
        "the code of a country"
    );
    assert_eq!(
        role("points"),
        Some(Role::Capacity {
            id: "points".into()
        })
    );
}

#[test]
fn a_code_column_that_repeats_within_a_year_is_not_an_id() {
    let headers = strings(&["rank", "university", "code", "score"]);
    let sample = vec![
        strings(&["1", "Oxford", "UK", "95"]),
        strings(&["2", "Caltech", "US", "94"]),
        strings(&["3", "Harvard", "US", "93"]),
    ];
    let mapping = detect(&headers, &sample);
    assert_eq!(mapping.role_of("code"), Some(&Role::Ignore));
    assert_eq!(mapping.role_of("university"), Some(&Role::Name));
}

#[test]
fn figures_beside_the_ranking_are_extra_columns_by_their_words_and_by_the_fit() {
    // A CCID-style sheet: the total is a weighted sum of the four capacities; population and
    // GDP sit beside it. Population is named by its header, GDP only by the fit.
    let headers = strings(&[
        "排名",
        "科技城",
        "总分",
        "基础",
        "创新",
        "承载",
        "保障",
        "常住人口（万人）",
        "地区生产总值",
    ]);
    let rows: [(f64, f64, f64, f64, f64, f64); 8] = [
        (89.11, 88.28, 95.26, 94.55, 2487.0, 47218.0),
        (93.17, 91.14, 91.46, 85.38, 1882.0, 30355.0),
        (91.39, 90.11, 87.80, 91.82, 2186.0, 43761.0),
        (82.09, 93.51, 90.21, 93.90, 490.0, 3856.0),
        (87.37, 87.79, 94.65, 91.01, 1252.0, 20059.0),
        (92.11, 88.90, 89.22, 85.88, 969.0, 16452.0),
        (95.30, 86.22, 85.71, 87.53, 2186.0, 43761.0),
        (91.57, 89.64, 87.83, 82.85, 985.0, 12673.0),
    ];
    let mut sample: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, &(a, b, c, d, people, gdp))| {
            let total = 0.3 * a + 0.3 * b + 0.2 * c + 0.2 * d;
            vec![
                String::new(),
                format!("城{i}"),
                format!("{total:.2}"),
                a.to_string(),
                b.to_string(),
                c.to_string(),
                d.to_string(),
                people.to_string(),
                gdp.to_string(),
            ]
        })
        .collect();
    sample.sort_by(|x, y| y[2].cmp(&x[2]));
    for (place, row) in sample.iter_mut().enumerate() {
        row[0] = (place + 1).to_string();
    }
    let mapping = detect(&headers, &sample);
    let role = |h: &str| mapping.role_of(h).cloned().expect("a column");
    for capacity_header in ["基础", "创新", "承载", "保障"] {
        assert_eq!(role(capacity_header), capacity(capacity_header));
    }
    assert_eq!(
        role("常住人口（万人）"),
        Role::Extra {
            id: "常住人口（万人）".into()
        }
    );
    assert_eq!(
        role("地区生产总值"),
        Role::Extra {
            id: "地区生产总值".into()
        }
    );
    assert!(
        mapping
            .reason_of("地区生产总值")
            .is_some_and(|r| r.starts_with("the other columns explain the total without it")),
        "{:?}",
        mapping.explained()
    );
}

#[test]
fn with_no_total_a_figure_far_outside_the_others_scale_is_an_extra_column() {
    let headers = strings(&["rank", "name", "a", "b", "c", "people"]);
    let sample = vec![
        strings(&["1", "North", "85", "80", "85", "2400000"]),
        strings(&["2", "East", "90", "82", "80", "1200000"]),
        strings(&["3", "West", "80", "70", "84", "3100000"]),
    ];
    let mapping = detect(&headers, &sample);
    assert_eq!(
        mapping.role_of("people"),
        Some(&Role::Extra {
            id: "people".into()
        })
    );
    assert_eq!(mapping.role_of("a"), Some(&capacity("a")));
}

#[test]
fn a_total_that_rises_down_the_ranking_is_lower_is_better_and_its_components_follow() {
    // A peace index: 1st has the lowest score, and so do its domains.
    let headers = strings(&[
        "Rank",
        "Country",
        "Overall Score",
        "Safety",
        "Conflict",
        "Militarisation",
    ]);
    let sample = vec![
        strings(&["1", "Iceland", "1.107", "1.2", "1.0", "1.1"]),
        strings(&["2", "Denmark", "1.296", "1.3", "1.2", "1.4"]),
        strings(&["3", "Ireland", "1.303", "1.4", "1.1", "1.4"]),
        strings(&["4", "New Zealand", "1.312", "1.3", "1.3", "1.35"]),
        strings(&["5", "Austria", "1.316", "1.35", "1.3", "1.3"]),
        strings(&["6", "Singapore", "1.332", "1.36", "1.25", "1.4"]),
    ];
    let mapping = detect(&headers, &sample);
    let column = |h: &str| {
        mapping
            .columns
            .iter()
            .find(|c| c.header == h)
            .expect("a column")
    };
    assert_eq!(column("Overall Score").role, Role::Total);
    assert!(
        column("Overall Score").lower_is_better,
        "{:?}",
        mapping.explained()
    );
    assert!(
        mapping
            .reason_of("Overall Score")
            .is_some_and(|r| r.contains("it rises as the rank falls")),
        "{:?}",
        mapping.explained()
    );
    for domain in ["Safety", "Conflict", "Militarisation"] {
        assert!(
            column(domain).lower_is_better,
            "{domain}: {:?}",
            mapping.explained()
        );
    }
}

#[test]
fn a_total_that_falls_down_the_ranking_stays_higher_is_better() {
    let headers = strings(&["Rank", "University", "Score", "Teaching"]);
    let sample = vec![
        strings(&["1", "A", "95.1", "90"]),
        strings(&["2", "B", "93.0", "92"]),
        strings(&["3", "C", "91.2", "85"]),
        strings(&["4", "D", "90.0", "88"]),
        strings(&["5", "E", "88.4", "80"]),
    ];
    let mapping = detect(&headers, &sample);
    assert!(mapping.columns.iter().all(|c| !c.lower_is_better));
}

#[test]
fn a_listing_read_leaves_the_indicators_and_only_them_unread() {
    let mapping: Mapping = serde_json::from_str(
        r#"{"columns": [
            {"header": "year", "role": "year"},
            {"header": "name", "role": "name"},
            {"header": "total", "role": "total"},
            {"header": "note", "role": "ignore"},
            {"header": "innovation", "role": "capacity", "id": "innovation"},
            {"header": "patents", "role": "indicator", "id": "patents", "capacity": "innovation"},
            {"header": "population", "role": "extra", "id": "population"},
            {"header": " rank ", "role": "ignore"},
            {"header": "rank", "role": "rank"}
        ]}"#,
    )
    .expect("a mapping");
    // In the file's order, with a column the mapping does not name; headers compared
    // trimmed, the first entry for a header winning (" rank " ignored).
    let header = strings(&[
        "name",
        "patents",
        "unnamed",
        "rank",
        "note",
        "innovation",
        "population",
        "year",
        "total",
    ]);
    let every = [true, true, false, false, false, true, true, true, true];
    assert_eq!(mapping.reads(&header), every);
    assert_eq!(mapping.for_reading(Reading::Every), mapping);
    let listing = mapping.for_reading(Reading::Listing);
    assert_eq!(
        listing.reads(&header),
        [true, false, false, false, false, true, true, true, true]
    );
    assert_eq!(listing.role_of("patents"), Some(&Role::Ignore));
    assert_eq!(
        listing.role_of("population"),
        Some(&Role::Extra {
            id: "population".into()
        })
    );
}
