//! Real public ranking files (`tests/fixtures/real/`, sources in its README) open with no mapping:
//! each file's name, rank, year and total columns are detected, and the dataset has the
//! published number of ranked entities per year and the published first place first.

use std::path::{Path, PathBuf};

use rankscope::io::import::read_draft;
use rankscope::io::load_path_with;
use rankscope::io::mapping::Role;
use rankscope::model::period;

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

/// What a corpus file must give: its columns' roles by header, and per year the number of
/// records and the entity at the first place.
struct Expected {
    file: &'static str,
    name: &'static str,
    rank: &'static str,
    /// The total, or `None` for a ranking on one figure (that figure is its one score).
    total: Option<&'static str>,
    /// The year column, or `None` when the year comes from the file name.
    year: Option<&'static str>,
    years: &'static [(i32, usize, &'static str)],
    /// The numeric columns kept beside the ranking, not scored: exactly these are extra columns.
    extras: &'static [&'static str],
}

const CORPUS: &[Expected] = &[
    Expected {
        file: "the-world-2011-2012.csv",
        name: "university_name",
        rank: "world_rank",
        total: Some("total_score"),
        year: Some("year"),
        years: &[
            (2011, 100, "Harvard University"),
            (2012, 100, "California Institute of Technology"),
        ],
        extras: &[
            "num_students",
            "student_staff_ratio",
            "international_students",
        ],
    },
    Expected {
        file: "cwur-2012-2013.csv",
        name: "institution",
        rank: "world_rank",
        total: Some("score"),
        year: Some("year"),
        years: &[
            (2012, 100, "Harvard University"),
            (2013, 100, "Harvard University"),
        ],
        extras: &["national_rank"],
    },
    Expected {
        file: "arwu-2015.csv",
        name: "university_name",
        rank: "world_rank",
        total: Some("total_score"),
        year: Some("year"),
        years: &[(2015, 200, "Harvard University")],
        extras: &["national_rank"],
    },
    Expected {
        file: "world-happiness-2015.csv",
        name: "Country",
        rank: "Happiness Rank",
        total: Some("Happiness Score"),
        year: None,
        years: &[(2015, 158, "Switzerland")],
        extras: &[],
    },
    Expected {
        file: "bcur-2021-top30-gbk.csv",
        name: "学校名称",
        rank: "排名",
        total: Some("总分"),
        year: None,
        years: &[(2021, 30, "清华大学")],
        extras: &[],
    },
    Expected {
        file: "world-happiness-2021-bom.csv",
        name: "Country",
        rank: "Happiness Rank",
        total: Some("Happiness Score"),
        year: None,
        years: &[(2021, 149, "Finland")],
        extras: &[],
    },
    Expected {
        file: "world-happiness-2025.csv",
        name: "Country",
        rank: "Happiness Rank",
        total: Some("Happiness Score"),
        year: None,
        years: &[(2025, 147, "Finland")],
        extras: &[],
    },
    Expected {
        file: "the-world-2024.csv",
        name: "name",
        rank: "rank",
        total: Some("scores_overall"),
        year: None,
        years: &[(2024, 200, "University of Oxford")],
        extras: &[
            "stats_number_students",
            "stats_student_staff_ratio",
            "stats_pc_intl_students",
        ],
    },
    Expected {
        file: "fortune500-2020-2021.csv",
        name: "Name",
        rank: "Rank",
        total: None,
        year: Some("Year"),
        years: &[(2020, 100, "Walmart"), (2021, 100, "Walmart")],
        extras: &[],
    },
    Expected {
        file: "undp-hdi-2014.csv",
        name: "Country",
        rank: "HDI Rank",
        total: Some("Human Development Index (HDI)"),
        year: None,
        // 188 countries are ranked, but this copy names both Congos "Congo": the second is
        // refused as a duplicate, with a warning (checked below).
        years: &[(2014, 187, "Norway")],
        extras: &["GNI per Capita Rank Minus HDI Rank"],
    },
    Expected {
        file: "fifa-men-2018-two-releases.csv",
        name: "country_full",
        rank: "rank",
        total: Some("total_points"),
        year: Some("rank_date"),
        // Two releases in one year: each release is a period, named by its date.
        years: &[(20_180_517, 100, "Germany"), (20_180_607, 100, "Germany")],
        // The unweighted averages are multiples of the weighted ones the total adds up.
        extras: &[
            "previous_points",
            "rank_change",
            "cur_year_avg",
            "last_year_avg",
            "two_year_ago_avg",
            "three_year_ago_avg",
        ],
    },
    Expected {
        file: "the-world-universities-array.json",
        name: "name",
        rank: "rank",
        total: Some("overall_score"),
        year: None,
        // No year anywhere: the file is one period.
        years: &[(period::UNDATED, 120, "University of Oxford")],
        extras: &["number_students", "student_staff_ratio", "intl_students"],
    },
];

fn role_of<'a>(mapping: &'a rankscope::io::mapping::Mapping, header: &str) -> Option<&'a Role> {
    mapping.role_of(header)
}

#[test]
fn every_corpus_file_has_its_roles_detected() {
    for expected in CORPUS {
        let draft = read_draft(&real(expected.file)).expect(expected.file);
        let mapping = &draft.mapping;
        let file = expected.file;
        assert_eq!(
            role_of(mapping, expected.name),
            Some(&Role::Name),
            "{file}: name"
        );
        assert_eq!(
            role_of(mapping, expected.rank),
            Some(&Role::Rank),
            "{file}: rank"
        );
        if let Some(total) = expected.total {
            assert_eq!(role_of(mapping, total), Some(&Role::Total), "{file}: total");
        }
        if let Some(year) = expected.year {
            assert_eq!(role_of(mapping, year), Some(&Role::Year), "{file}: year");
        }
        let mut extras: Vec<&str> = mapping
            .columns
            .iter()
            .filter(|c| matches!(c.role, Role::Extra { .. }))
            .map(|c| c.header.as_str())
            .collect();
        extras.sort_unstable();
        let mut wanted = expected.extras.to_vec();
        wanted.sort_unstable();
        assert_eq!(extras, wanted, "{file}: extra columns, not scores");
        let totals = usize::from(expected.total.is_some());
        for (role, count) in [(Role::Name, 1), (Role::Rank, 1), (Role::Total, totals)] {
            assert_eq!(
                mapping.columns.iter().filter(|c| c.role == role).count(),
                count,
                "{file}: one {role:?} column: {:#?}",
                mapping.columns
            );
        }
    }
}

#[test]
fn every_corpus_file_opens_with_its_published_rows_and_first_place() {
    for expected in CORPUS {
        let file = expected.file;
        let loaded = load_path_with(&real(file), None).unwrap_or_else(|e| panic!("{file}: {e}"));
        let data = &loaded.dataset;
        let years: Vec<i32> = data.years.iter().map(|y| y.year).collect();
        let wanted: Vec<i32> = expected.years.iter().map(|y| y.0).collect();
        assert_eq!(years, wanted, "{file}: years");
        for &(year, rows, first) in expected.years {
            let index = data.year_index(year).expect("the year");
            let y = &data.years[index];
            assert_eq!(y.derived.order.len(), rows, "{file} {year}: ranked rows");
            let top = y.derived.order.first().expect("ranked records");
            let entity = &data.entities[y.records[top].entity()];
            let names = [entity.zh.as_str(), entity.en.as_str()];
            assert!(
                names.contains(&first),
                "{file} {year}: {first} first, found {names:?}"
            );
        }
        assert!(
            !loaded.warnings.iter().any(|w| w.contains("listed twice"))
                || file == "undp-hdi-2014.csv",
            "{file}: every entity is listed once a period: {:?}",
            loaded.warnings
        );
        if file == "undp-hdi-2014.csv" {
            assert!(
                loaded
                    .warnings
                    .iter()
                    .any(|w| w.contains("\"Congo\" is listed twice in 2014")),
                "{:?}",
                loaded.warnings
            );
        }
    }
}

#[test]
fn equal_weights_on_components_that_add_up_to_the_total_leave_every_rank_up_to_rounding() {
    use rankscope::model::radar::Normalization;
    use rankscope::model::whatif::{Weights, WhatIf};
    for file in [
        "world-happiness-2015.csv",
        "world-happiness-2021-bom.csv",
        "world-happiness-2025.csv",
    ] {
        let loaded = load_path_with(&real(file), None).expect(file);
        let data = &loaded.dataset;
        let model = WhatIf::new(data, 0, Normalization::Raw).expect("a year");
        let ranking = model.rank(&Weights::equal(data.meta.capacities.len()));
        assert!(
            ranking.left_out.is_empty(),
            "{file}: every country has every component"
        );
        let year = &data.years[0];
        let total_of = |row: usize| year.records[model.records[row]].total().expect("a total");
        for row in 0..model.len() {
            let Some(rise) = ranking.rise(row) else {
                continue;
            };
            if rise == 0 {
                continue;
            }
            // A move is only a swap with a neighbour whose published total is the same up to
            // the rounding of the published figures (three decimals).
            assert!(rise.abs() <= 1, "{file}: row {row} moved {rise}");
            let near = (0..model.len())
                .any(|other| other != row && (total_of(other) - total_of(row)).abs() <= 0.002);
            assert!(
                near,
                "{file}: row {row} moved {rise} with no near-equal total"
            );
        }
    }
}

#[test]
fn every_corpus_file_opens_through_the_table_command_with_its_first_place_first() {
    for expected in CORPUS {
        let file = expected.file;
        let out = std::env::temp_dir().join(format!(
            "rankscope-corpus-{:05}-{file}.csv",
            std::process::id()
        ));
        let (last_period, _, first) = *expected.years.last().expect("a period");
        let period = rankscope::model::period::label(last_period);
        crate::common::run_command(&[
            "table",
            real(file).to_str().expect("path"),
            "--year",
            &period,
            "--names",
            "en",
            "--out",
            out.to_str().expect("path"),
        ])
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let csv = std::fs::read_to_string(&out).expect("written");
        let _ = std::fs::remove_file(&out);
        let row = csv.lines().nth(1).expect("a first row");
        assert!(row.contains(first), "{file}: {first} first, found {row}");
    }
}
