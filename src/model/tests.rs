//! Derivation tests on small hand-built datasets: ranks, changes, entrants, dropouts, deltas, statistics.

use super::*;

fn capacity(id: &str) -> Capacity {
    Capacity {
        id: id.into(),
        en: id.into(),
        zh: id.into(),
        weight: None,
        direction: crate::model::Direction::HigherIsBetter,
    }
}

fn entity(id: &str) -> Entity {
    Entity {
        id: id.into(),
        en: id.into(),
        zh: id.into(),
        ..Entity::default()
    }
}

fn record(
    entity: usize,
    rank: Option<Rank>,
    total: Option<f64>,
    scores: &[Option<f64>],
) -> RecordInput {
    RecordInput::new(entity, rank, total, scores, &[])
}

/// Entities a, b, c, d, e. 2021: a 1, b 2, c 3, d 4 (ranks given). 2022: ranks computed from
/// totals: b 90, a 85, e 85, c 70; d is listed without a total (unranked).
fn two_years() -> Dataset {
    let meta = Meta {
        capacities: vec![capacity("x"), capacity("y")],
        ..Meta::default()
    };
    let entities = ["a", "b", "c", "d", "e"].map(entity).to_vec();
    let y2021 = YearInput::new(
        2021,
        vec![
            record(
                0,
                Some(Rank::Exact(1)),
                Some(88.0),
                &[Some(10.0), Some(20.0)],
            ),
            record(1, Some(Rank::Exact(2)), Some(80.0), &[Some(30.0), None]),
            record(
                2,
                Some(Rank::Exact(3)),
                Some(75.0),
                &[Some(50.0), Some(40.0)],
            ),
            record(
                3,
                Some(Rank::Exact(4)),
                Some(60.0),
                &[Some(70.0), Some(60.0)],
            ),
        ],
    );
    let y2022 = YearInput::new(
        2022,
        vec![
            record(0, None, Some(85.0), &[Some(12.0), Some(25.0)]),
            record(1, None, Some(90.0), &[Some(31.0), Some(22.0)]),
            record(2, None, Some(70.0), &[None, Some(41.0)]),
            record(3, None, None, &[Some(1.0), Some(2.0)]),
            record(4, None, Some(85.0), &[Some(40.0), Some(30.0)]),
        ],
    );
    // Given out of order on purpose: years are sorted on construction.
    Dataset::new(meta, entities, vec![y2022, y2021])
}

#[test]
fn years_are_sorted_and_computed_ranks_tie_with_competition_ranking() {
    let data = two_years();
    assert_eq!(
        data.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2021, 2022]
    );
    let y = &data.years[1];
    assert!(y.derived.ranks_computed);
    assert_eq!(
        *y.derived.ranks,
        [
            Rank::Exact(2),
            Rank::Exact(1),
            Rank::Exact(4),
            Rank::Unranked,
            Rank::Exact(2)
        ]
    );
    // Cohort in rank order, the tie (a, e) in source order; d is unranked.
    assert_eq!(y.derived.order, vec![1, 0, 4, 2]);
    assert_eq!(y.derived.unranked, vec![3]);
    assert_eq!(y.cohort_size(), 4);
}

#[test]
fn changes_compare_with_the_previous_year() {
    let data = two_years();
    let y = &data.years[1];
    let shown: Vec<String> = y.derived.changes().map(|c| c.to_string()).collect();
    // a 1→2, b 2→1, c 3→4, d unranked now, e new.
    assert_eq!(shown, vec!["▼1", "▲1", "▼1", "", "new"]);
    assert_eq!(y.derived.previous_rank(0), Some(Rank::Exact(1)));
    assert_eq!(y.derived.previous_rank(4), None);
    // The first year has nothing to compare with.
    assert!(
        data.years[0]
            .derived
            .changes()
            .all(|c| c == RankChange::NotComparable)
    );
}

#[test]
fn entrants_and_dropouts_follow_the_cohorts() {
    let data = two_years();
    let y = &data.years[1];
    assert_eq!(y.derived.entrants, vec![4], "e entered");
    assert_eq!(
        y.derived.dropouts,
        vec![3],
        "d is listed but unranked in 2022: it dropped out"
    );
    assert!(data.years[0].derived.entrants.is_empty());
}

#[test]
fn deltas_exist_only_where_both_years_have_a_value() {
    let data = two_years();
    assert_eq!(data.total_delta(1, 0), Some(85.0 - 88.0));
    assert_eq!(data.total_delta(1, 3), None, "d has no total in 2022");
    assert_eq!(data.total_delta(1, 4), None, "e was not listed in 2021");
    assert_eq!(data.total_delta(0, 0), None, "no year before the first");
    let deltas = |r: usize| {
        (0..2)
            .map(|c| data.score_delta(1, r, c))
            .collect::<Vec<_>>()
    };
    assert_eq!(deltas(1), vec![Some(1.0), None], "b had no y score in 2021");
    assert_eq!(deltas(2), vec![None, Some(1.0)], "c has no x score in 2022");
    assert_eq!(data.score_delta(1, 2, 2), None, "out of range");
}

#[test]
fn statistics_cover_the_ranked_cohort_only() {
    let data = two_years();
    let y = &data.years[1];
    // Cohort x scores: b 31, a 12, e 40, c missing; d (unranked, x = 1) is left out.
    let x = y.derived.capacity_stats[0].expect("x scores present");
    assert_eq!(x.count, 3);
    assert!((x.min - 12.0).abs() < 1e-12);
    assert!((x.median - 31.0).abs() < 1e-12);
    assert!((x.mean - 83.0 / 3.0).abs() < 1e-12);
    let total = y.derived.total_stats.expect("totals present");
    assert!((total.max - 90.0).abs() < 1e-12);
}

#[test]
fn given_bands_are_kept_ordered_after_exact_places_and_by_total_inside() {
    let meta = Meta {
        capacities: vec![capacity("x")],
        ..Meta::default()
    };
    let entities = ["a", "b", "c"].map(entity).to_vec();
    let band = Rank::Band { lo: 2, hi: 3 };
    let year = YearInput::new(
        2022,
        vec![
            record(0, Some(band), Some(50.0), &[None]),
            record(1, Some(Rank::Exact(1)), Some(60.0), &[None]),
            record(2, Some(band), Some(55.0), &[None]),
        ],
    );
    let data = Dataset::new(meta, entities, vec![year]);
    let derived = &data.years[0].derived;
    assert!(!derived.ranks_computed);
    assert_eq!(
        derived.order,
        vec![1, 2, 0],
        "inside the band by total, best first: 55 before 50"
    );
    assert_eq!(derived.ranks[2], band);
}

#[test]
fn entities_are_found_by_id_or_either_name() {
    let mut data = two_years();
    data.entities[1].zh = "广东广州科学城".into();
    data.entities[1].en = "Guangzhou Science City".into();
    assert_eq!(data.find_entity("广东广州科学城"), Some(1));
    assert_eq!(data.find_entity("guangzhou science city"), Some(1));
    assert_eq!(data.find_entity("C"), Some(2));
    assert_eq!(data.find_entity("nowhere"), None);
}

#[test]
fn band_members_without_a_total_come_last_inside_their_band() {
    let meta = Meta {
        capacities: vec![capacity("x")],
        ..Meta::default()
    };
    let entities = ["a", "b", "c", "d"].map(entity).to_vec();
    let band = Rank::Band { lo: 1, hi: 3 };
    let year = YearInput::new(
        2022,
        vec![
            record(0, Some(band), None, &[None]),
            record(1, Some(band), Some(40.0), &[None]),
            record(2, Some(band), Some(70.0), &[None]),
            record(3, Some(Rank::Exact(4)), Some(30.0), &[None]),
        ],
    );
    let data = Dataset::new(meta, entities, vec![year]);
    assert_eq!(data.years[0].derived.order, vec![2, 1, 0, 3]);
}

#[test]
fn a_record_takes_24_bytes_beside_its_figures_and_keeps_its_entity_and_total() {
    // A million records a dataset may hold: entity, rank and total (a province of the row's own
    // is kept aside by the year).
    assert!(
        size_of::<super::Record>() <= 24,
        "{}",
        size_of::<super::Record>()
    );
    // The total in 8 bytes: missing, −0 and any number read back as given.
    for total in [None, Some(-0.0), Some(0.0), Some(97.368), Some(f64::MAX)] {
        let mut record = super::RecordInput::new(0, None, total, &[], &[]).listing();
        assert_eq!(record.total().map(f64::to_bits), total.map(f64::to_bits));
        record.set_total(None);
        assert_eq!(record.total(), None);
        record.set_total(total);
        assert_eq!(record.total().map(f64::to_bits), total.map(f64::to_bits));
    }
    let mut record = super::RecordInput::new(4_000_000_000, None, None, &[], &[]).listing();
    assert_eq!(record.entity(), 4_000_000_000);
    record.set_entity(7);
    assert_eq!(record.entity(), 7);
}
