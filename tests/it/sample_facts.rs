//! The bundled sample holds every published fact of the CCID list, and its ranks follow its totals.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::collections::BTreeMap;

use rankscope::io::{SAMPLE_JSON, load_sample, write_native};
use rankscope::model::{Dataset, Rank, Year};
use rankscope::sample::generate_sample;

fn sample() -> Dataset {
    load_sample().expect("the bundled sample loads")
}

fn year(data: &Dataset, year: i32) -> &Year {
    &data.years[data.year_index(year).expect("year present")]
}

/// The rank of the entity with Chinese name `zh` in `year`.
fn rank_of(data: &Dataset, y: i32, zh: &str) -> Option<Rank> {
    let entity = data
        .entities
        .iter()
        .position(|e| e.zh == zh)
        .unwrap_or_else(|| panic!("{zh} in the roster"));
    let year = year(data, y);
    year.record_of(entity).map(|r| year.derived.ranks[r])
}

#[test]
fn the_sample_has_three_years_of_one_hundred_ranked_entities_on_four_capacities() {
    let data = sample();
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2021, 2022, 2023]
    );
    assert!(data.years.iter().all(|y| y.cohort_size() == 100));
    let ids: Vec<&str> = data.meta.capacities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["infrastructure", "innovation", "carrying", "support"]
    );
    let zh: Vec<&str> = data.meta.capacities.iter().map(|c| c.zh.as_str()).collect();
    assert_eq!(
        zh,
        vec![
            "基础建设能力",
            "科技创新能力",
            "城市承载能力",
            "要素保障能力"
        ]
    );
    assert_eq!(data.meta.indicators.len(), 31);
    for capacity in 0..4 {
        assert!(
            data.meta.indicators.iter().any(|i| i.capacity == capacity),
            "capacity {capacity} has indicators"
        );
    }
}

#[test]
fn the_2022_top_ten_is_as_published() {
    let data = sample();
    let y = year(&data, 2022);
    let top: Vec<&str> = y
        .derived
        .order
        .iter()
        .take(10)
        .map(|r| data.entities[y.records[r].entity()].zh.as_str())
        .collect();
    assert_eq!(
        top,
        vec![
            "上海浦东张江科学城",
            "北京海淀中关村科学城",
            "广东广州科学城",
            "北京昌平未来科学城",
            "浙江宁波新材料科技城",
            "浙江杭州未来科技城",
            "四川中国（绵阳）科技城",
            "安徽合肥滨湖科技城",
            "北京怀柔科学城",
            "上海临港浦江国际科技城",
        ]
    );
    let ranks: Vec<Rank> = y
        .derived
        .order
        .iter()
        .take(10)
        .map(|r| y.derived.ranks[r])
        .collect();
    assert_eq!(ranks, (1..=10).map(Rank::Exact).collect::<Vec<_>>());
}

#[test]
fn the_other_published_2022_places_and_bands_hold() {
    let data = sample();
    assert_eq!(
        rank_of(&data, 2022, "德州生态科技城"),
        Some(Rank::Exact(43))
    );
    assert_eq!(
        rank_of(&data, 2022, "威海双岛湾科技城"),
        Some(Rank::Band { lo: 51, hi: 70 })
    );
    assert_eq!(
        rank_of(&data, 2022, "青岛软件科技城"),
        Some(Rank::Band { lo: 51, hi: 70 })
    );
    assert_eq!(
        rank_of(&data, 2022, "青岛新材料科技城"),
        Some(Rank::Band { lo: 71, hi: 100 })
    );
    // In 2022, 1–50 are exact, then two unordered bands of 20 and 30.
    let y = year(&data, 2022);
    let ranks: Vec<Rank> = y.derived.order.iter().map(|r| y.derived.ranks[r]).collect();
    assert!(
        ranks[..50]
            .iter()
            .all(|r| matches!(r, Rank::Exact(n) if *n <= 50))
    );
    assert!(
        ranks[50..70]
            .iter()
            .all(|r| *r == Rank::Band { lo: 51, hi: 70 })
    );
    assert!(
        ranks[70..]
            .iter()
            .all(|r| *r == Rank::Band { lo: 71, hi: 100 })
    );
}

#[test]
fn the_2022_province_counts_are_as_published() {
    let data = sample();
    let y = year(&data, 2022);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in y.derived.order.iter() {
        *counts
            .entry(data.entities[y.records[r].entity()].province_zh.as_str())
            .or_default() += 1;
    }
    assert_eq!(counts["浙江"], 17);
    assert_eq!(counts["广东"], 13);
    assert_eq!(counts["江苏"], 10);
    assert_eq!(counts["山东"], 7);
    assert_eq!(counts["上海"], 6);
}

#[test]
fn the_published_2023_places_hold() {
    let data = sample();
    assert_eq!(rank_of(&data, 2023, "广东广州科学城"), Some(Rank::Exact(2)));
    assert_eq!(rank_of(&data, 2022, "苏州科技城"), Some(Rank::Exact(16)));
    assert_eq!(rank_of(&data, 2023, "苏州科技城"), Some(Rank::Exact(13)));
    assert_eq!(rank_of(&data, 2023, "贵州科学城"), Some(Rank::Exact(34)));
    let suzhou = data.find_entity("苏州科技城").expect("Suzhou");
    let y = year(&data, 2023);
    let record = y.record_of(suzhou).expect("listed in 2023");
    assert_eq!(
        y.derived.change(record).expect("a record").to_string(),
        "▲3",
        "up 3 from 16th"
    );
}

#[test]
fn exact_ranks_follow_the_totals_by_competition_ranking() {
    let data = sample();
    for y in &data.years {
        let cohort: Vec<f64> = y
            .derived
            .order
            .iter()
            .map(|r| y.records[r].total().expect("every ranked total"))
            .collect();
        for r in y.derived.order.iter() {
            let total = y.records[r].total().expect("total");
            let better = cohort.iter().filter(|&&t| t > total).count();
            match y.derived.ranks[r] {
                Rank::Exact(n) => assert_eq!(
                    n as usize,
                    better + 1,
                    "{} in {}",
                    data.entities[y.records[r].entity()].zh,
                    y.year
                ),
                Rank::Band { lo, hi } | Rank::Open { lo, hi } => {
                    assert!((lo as usize..=hi as usize).contains(&(better + 1)));
                }
                Rank::Unranked => panic!("every record of the sample is ranked"),
            }
        }
    }
}

#[test]
fn each_year_has_a_tie_sharing_the_best_place() {
    let data = sample();
    for y in &data.years {
        let exact: Vec<u32> = y
            .derived
            .order
            .iter()
            .filter_map(|r| match y.derived.ranks[r] {
                Rank::Exact(n) => Some(n),
                _ => None,
            })
            .collect();
        let tie = exact
            .windows(3)
            .find(|w| w[0] == w[1])
            .unwrap_or_else(|| panic!("a tie in {}", y.year));
        assert_eq!(
            tie[2],
            tie[0] + 2,
            "the place after a two-way tie is skipped"
        );
    }
}

#[test]
fn entities_enter_and_leave_between_years() {
    let data = sample();
    for y in &data.years[1..] {
        assert!(!y.derived.entrants.is_empty(), "entrants in {}", y.year);
        assert_eq!(
            y.derived.entrants.len(),
            y.derived.dropouts.len(),
            "the cohort stays at 100"
        );
    }
}

#[test]
fn the_provenance_note_says_the_figures_are_synthetic() {
    let data = sample();
    assert!(
        data.meta.provenance.contains("Synthetic"),
        "{}",
        data.meta.provenance
    );
}

#[test]
fn the_committed_sample_is_what_the_generator_produces() {
    // Run `cargo run --example make_sample` after changing the generator.
    assert!(
        write_native(&generate_sample()) == SAMPLE_JSON,
        "assets/datasets/ccid-top100-sample.json is stale"
    );
}
