//! Year-pair changes against hand-computed cases: bands, entrants, dropouts, missing years,
//! deltas only where both years have a value, the driving capacity, the movers.

use super::*;
use crate::model::{Capacity, Entity, Meta, RecordInput, YearInput};

/// Three years. a: 2 → (not listed) → 1. b: 51–70 band → 34 → 30. c: 10 → 12 → out.
/// d: new in 2023 at 40. Capacities x (weight 0.7) and y (weight 0.3).
fn data() -> Dataset {
    let entity = |id: &str| Entity {
        id: id.into(),
        en: id.into(),
        zh: id.into(),
        ..Entity::default()
    };
    let record = |entity, rank: Rank, total: Option<f64>, scores: [Option<f64>; 2]| {
        RecordInput::new(entity, Some(rank), total, &scores, &[])
    };
    let band = Rank::Band { lo: 51, hi: 70 };
    let years = vec![
        YearInput::new(
            2021,
            vec![
                record(0, Rank::Exact(2), Some(80.0), [Some(80.0), Some(80.0)]),
                record(1, band, Some(60.0), [Some(50.0), Some(70.0)]),
                record(2, Rank::Exact(10), Some(75.0), [Some(70.0), Some(86.0)]),
            ],
        ),
        YearInput::new(
            2022,
            vec![
                record(1, Rank::Exact(34), Some(66.0), [Some(60.0), Some(71.0)]),
                record(2, Rank::Exact(12), None, [Some(72.0), Some(80.0)]),
            ],
        ),
        YearInput::new(
            2023,
            vec![
                record(0, Rank::Exact(1), Some(90.0), [Some(95.0), Some(79.0)]),
                record(1, Rank::Exact(30), Some(67.0), [Some(61.0), Some(70.0)]),
                record(3, Rank::Exact(40), Some(65.0), [None, Some(60.0)]),
            ],
        ),
    ];
    let capacity = |id: &str, w| Capacity {
        id: id.into(),
        en: id.into(),
        zh: id.into(),
        weight: Some(w),
        direction: crate::model::Direction::HigherIsBetter,
    };
    let meta = Meta {
        capacities: vec![capacity("x", 0.7), capacity("y", 0.3)],
        ..Meta::default()
    };
    Dataset::new(meta, ["a", "b", "c", "d"].map(entity).to_vec(), years)
}

fn change(changes: &[Change], entity: usize) -> &Change {
    changes
        .iter()
        .find(|c| c.entity == entity)
        .expect("a change for the entity")
}

#[test]
fn a_band_compares_as_a_band() {
    let data = data();
    let changes = compare_years(&data, 0, 1);
    let b = change(&changes, 1);
    // 51–70 → 34: a rise of at least 17.
    assert_eq!(
        b.movement,
        Movement::Moved(RankChange::Moved {
            min_rise: 17,
            max_rise: 36
        })
    );
    assert_eq!(b.movement.to_string(), "▲≥17");
    assert_eq!(b.rise(), Some(17));
}

#[test]
fn an_entity_absent_in_one_year_is_an_entrant_or_a_dropout_not_a_rank_change() {
    let data = data();
    let changes = compare_years(&data, 1, 2);
    assert_eq!(
        change(&changes, 0).movement,
        Movement::Entrant,
        "a is back after a year away"
    );
    assert_eq!(change(&changes, 2).movement, Movement::Dropout);
    assert_eq!(change(&changes, 3).movement, Movement::Entrant);
    assert_eq!(change(&changes, 0).rise(), None);
    assert_eq!(
        change(&changes, 0).total_delta,
        None,
        "no value in 2022: no delta"
    );
}

#[test]
fn any_two_years_compare_even_across_a_missing_year() {
    let data = data();
    let changes = compare_years(&data, 0, 2);
    let a = change(&changes, 0);
    assert_eq!(
        a.movement.to_string(),
        "▲1",
        "2 → 1 across 2022, where a was not listed"
    );
    assert_eq!(a.total_delta, Some(10.0));
    assert_eq!(a.capacity_deltas, vec![Some(15.0), Some(-1.0)]);
    assert_eq!(a.driver, Some(0), "0.7 × 15 drove the rise");
    // c: dropped out by 2023.
    assert_eq!(change(&changes, 2).movement, Movement::Dropout);
}

#[test]
fn deltas_exist_only_where_both_years_have_a_value() {
    let data = data();
    let changes = compare_years(&data, 0, 1);
    let c = change(&changes, 2);
    assert_eq!(c.total_delta, None, "c has no total in 2022");
    assert_eq!(c.capacity_deltas, vec![Some(2.0), Some(-6.0)]);
    // With no total delta, the driver is the largest weighted change in size: 0.3 × 6 = 1.8 > 0.7 × 2 = 1.4.
    assert_eq!(c.driver, Some(1));
}

#[test]
fn the_driver_follows_the_direction_of_the_total() {
    // The total fell; x rose a lot, y fell a little: y drove the fall.
    assert_eq!(
        main_driver(&[Some(5.0), Some(-1.0)], &[1.0, 1.0], Some(-0.5)),
        Some(1)
    );
    assert_eq!(
        main_driver(&[Some(5.0), Some(-1.0)], &[1.0, 1.0], Some(0.5)),
        Some(0)
    );
    assert_eq!(main_driver(&[None, None], &[1.0, 1.0], Some(1.0)), None);
}

#[test]
fn with_an_unchanged_total_the_driver_is_the_largest_change_in_size() {
    // Total Δ 0: +1 and −3 cancel with +2; −3 is the largest in size, not +2 the largest signed.
    assert_eq!(
        main_driver(
            &[Some(1.0), Some(-3.0), Some(2.0)],
            &[1.0, 1.0, 1.0],
            Some(0.0)
        ),
        Some(1)
    );
    assert_eq!(
        main_driver(
            &[Some(1.0), Some(-3.0), Some(2.0)],
            &[1.0, 1.0, 1.0],
            Some(-0.0)
        ),
        Some(1)
    );
    // Weighted: 0.5 × −3 = −1.5 is smaller in size than 1 × 2.
    assert_eq!(
        main_driver(
            &[Some(1.0), Some(-3.0), Some(2.0)],
            &[1.0, 0.5, 1.0],
            Some(0.0)
        ),
        Some(2)
    );
}

#[test]
fn equal_contributions_go_to_the_first_capacity() {
    assert_eq!(
        main_driver(&[Some(2.0), Some(2.0)], &[1.0, 1.0], Some(4.0)),
        Some(0)
    );
    assert_eq!(
        main_driver(&[Some(-2.0), Some(2.0)], &[1.0, 1.0], Some(0.0)),
        Some(0),
        "equal in size, opposite in sign"
    );
    assert_eq!(
        main_driver(
            &[None, Some(-1.0), Some(-1.0)],
            &[1.0, 1.0, 1.0],
            Some(-2.0)
        ),
        Some(1)
    );
}

#[test]
fn movers_list_risers_fallers_entrants_and_dropouts() {
    let data = data();
    let changes = compare_years(&data, 1, 2);
    let m = movers(&changes, 5);
    let ids = |list: &[usize]| {
        list.iter()
            .map(|&i| data.entities[changes[i].entity].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&m.risers), ["b"], "b rose 34 → 30");
    assert!(m.fallers.is_empty());
    assert_eq!(ids(&m.entrants), ["a", "d"], "by their 2023 rank");
    assert_eq!(ids(&m.dropouts), ["c"]);
    assert_eq!(ids(&m.score_gainers), ["b"]);
}

#[test]
fn where_a_lower_total_is_better_a_fall_is_a_gain_among_the_movers() {
    let change = |entity: usize, delta: f64| Change {
        entity,
        from_rank: Some(Rank::Exact(2)),
        to_rank: Some(Rank::Exact(2)),
        movement: Movement::Moved(RankChange::between(Rank::Exact(2), Rank::Exact(2))),
        total_delta: Some(delta),
        capacity_deltas: Vec::new(),
        driver: None,
    };
    let changes = [change(0, -0.3), change(1, 0.2)];
    let lower = movers_directed(&changes, 5, crate::model::Direction::LowerIsBetter);
    assert_eq!(lower.score_gainers, vec![0]);
    assert_eq!(lower.score_losers, vec![1]);
    let higher = movers(&changes, 5);
    assert_eq!(higher.score_gainers, vec![1]);
}
