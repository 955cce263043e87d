//! What-if tests against hand-computed cases, a synthetic dataset whose totals are an exact
//! weighted sum, Monte Carlo reproducibility and exact sensitivity thresholds.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::*;
use crate::model::radar::Normalization;
use crate::model::{Capacity, Dataset, Entity, Meta, Rank, RankChange, RecordInput, YearInput};

/// A one-year dataset: one entity per row of `scores`, with the given ranks (or ranks from
/// `totals` when `ranks` is empty).
pub(super) fn dataset(
    scores: &[Vec<Option<f64>>],
    ranks: &[Rank],
    totals: &[f64],
    weights: &[Option<f64>],
) -> Dataset {
    let k = scores.first().map_or(0, Vec::len);
    let capacities = (0..k)
        .map(|c| Capacity {
            id: format!("c{c}"),
            en: format!("C{c}"),
            zh: format!("C{c}"),
            weight: weights.get(c).copied().flatten(),
            direction: crate::model::Direction::HigherIsBetter,
        })
        .collect();
    let entities = (0..scores.len())
        .map(|i| Entity {
            id: format!("e{i}"),
            en: format!("E{i}"),
            zh: format!("E{i}"),
            ..Entity::default()
        })
        .collect();
    let records = scores
        .iter()
        .enumerate()
        .map(|(i, s)| RecordInput::new(i, ranks.get(i).copied(), totals.get(i).copied(), s, &[]))
        .collect();
    Dataset::new(
        Meta {
            capacities,
            ..Meta::default()
        },
        entities,
        vec![YearInput::new(2023, records)],
    )
}

pub(super) fn exact(ranks: &[u32]) -> Vec<Rank> {
    ranks.iter().map(|&r| Rank::Exact(r)).collect()
}

/// A (80, 60), B (70, 90), C (60, 70), D (90, 50), officially ranked 1, 2, 3, 4.
fn four() -> Dataset {
    let s = |a: f64, b: f64| vec![Some(a), Some(b)];
    dataset(
        &[s(80.0, 60.0), s(70.0, 90.0), s(60.0, 70.0), s(90.0, 50.0)],
        &exact(&[1, 2, 3, 4]),
        &[],
        &[],
    )
}

fn rise(n: i64) -> RankChange {
    RankChange::Moved {
        min_rise: n,
        max_rise: n,
    }
}

#[test]
fn equal_raw_weights_rank_by_the_mean_with_competition_ties() {
    // Composites: A (80+60)/2 = 70, B 80, C 65, D 70 → B 1, A 2, D 2, C 4.
    let model = WhatIf::new(&four(), 0, Normalization::Raw).expect("year");
    let ranking = model.rank(&Weights::equal(2));
    assert_eq!(
        ranking.composite,
        vec![Some(70.0), Some(80.0), Some(65.0), Some(70.0)]
    );
    assert_eq!(ranking.rank, vec![Some(2), Some(1), Some(4), Some(2)]);
    // Δ = official − what-if: A 1−2, B 2−1, C 3−4, D 4−2.
    assert_eq!(
        ranking.delta,
        vec![Some(rise(-1)), Some(rise(1)), Some(rise(-1)), Some(rise(2))]
    );
    assert_eq!(ranking.order, vec![1, 0, 3, 2], "ties keep official order");
    assert_eq!(ranking.winners(5), vec![3, 1]);
    assert_eq!(
        ranking.losers(5),
        vec![0, 2],
        "equal losses by what-if rank"
    );
    assert_eq!(ranking.top(2), vec![1, 0, 3]);
}

#[test]
fn weights_count_by_their_ratio() {
    // 3:1 → A (240+60)/4 = 75, B (210+90)/4 = 75, C 62.5, D (270+50)/4 = 80.
    let model = WhatIf::new(&four(), 0, Normalization::Raw).expect("year");
    let ranking = model.rank(&Weights::new(vec![3.0, 1.0]).expect("weights"));
    assert_eq!(ranking.rank, vec![Some(2), Some(2), Some(4), Some(1)]);
    let same = model.rank(&Weights::new(vec![0.75, 0.25]).expect("weights"));
    assert_eq!(same.rank, ranking.rank);
    assert_eq!(ranking.weights, vec![0.75, 0.25]);
}

#[test]
fn min_max_normalisation_is_over_the_years_cohort() {
    // Capacity 1: min 60, max 90 → A 66.67, B 33.33, C 0, D 100.
    // Capacity 2: min 50, max 90 → A 25, B 100, C 50, D 0.
    // Equal weights: A 45.83, B 66.67, C 25, D 50 → B 1, D 2, A 3, C 4.
    let model = WhatIf::new(&four(), 0, Normalization::MinMax).expect("year");
    let ranking = model.rank(&Weights::equal(2));
    let c = ranking
        .composite
        .iter()
        .map(|c| c.expect("scored"))
        .collect::<Vec<_>>();
    for (got, want) in c.iter().zip([
        f64::midpoint(200.0 / 3.0, 25.0),
        f64::midpoint(100.0 / 3.0, 100.0),
        25.0,
        50.0,
    ]) {
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    }
    assert_eq!(ranking.rank, vec![Some(3), Some(1), Some(4), Some(2)]);
    assert_eq!(model.normalized_score(3, 0), Some(100.0));
}

#[test]
fn a_missing_score_counts_only_when_its_weight_is_not_zero() {
    // E lacks capacity 2: no composite under weights that use it, a composite otherwise.
    let s = |a: f64, b: Option<f64>| vec![Some(a), b];
    let data = dataset(
        &[s(80.0, Some(60.0)), s(70.0, None), s(60.0, Some(70.0))],
        &exact(&[1, 2, 3]),
        &[],
        &[],
    );
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let both = model.rank(&Weights::equal(2));
    assert_eq!(both.composite[1], None);
    assert_eq!(both.rank, vec![Some(1), None, Some(2)]);
    assert_eq!(both.delta[1], None);
    assert_eq!(both.order, vec![0, 2, 1], "unscored rows last");
    let first = model.rank(&Weights::new(vec![1.0, 0.0]).expect("weights"));
    assert_eq!(first.rank, vec![Some(1), Some(2), Some(3)]);
}

#[test]
fn a_band_gives_an_interval_of_change() {
    // C and D share the band 3–4. Equal raw weights put D 2nd and C 4th:
    // D rises 3−2 = 1 to 4−2 = 2 places (certainly 1); C moves −1…0 (certainly 0).
    let s = |a: f64, b: f64| vec![Some(a), Some(b)];
    let band = Rank::Band { lo: 3, hi: 4 };
    let data = dataset(
        &[s(80.0, 60.0), s(70.0, 90.0), s(60.0, 70.0), s(90.0, 50.0)],
        &[Rank::Exact(1), Rank::Exact(2), band, band],
        &[],
        &[],
    );
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let ranking = model.rank(&Weights::equal(2));
    assert_eq!(
        ranking.delta[3],
        Some(RankChange::Moved {
            min_rise: 1,
            max_rise: 2
        })
    );
    assert_eq!(
        ranking.delta[3].map(|d| d.to_string()).as_deref(),
        Some("▲≥1")
    );
    assert_eq!(ranking.rise(2), Some(0));
    assert_eq!(ranking.winners(5), vec![1, 3]);
    assert_eq!(ranking.losers(5), vec![0], "C's loss is not certain");
}

/// `n` entities on four capacities with distinct scores and totals that are exactly
/// Σ wᵢ·scoreᵢ with the dataset's weights 0.25, 0.35, 0.2, 0.2; ranks computed from totals.
fn exact_sum(n: usize) -> Dataset {
    let weights = [0.25, 0.35, 0.2, 0.2];
    let mut rng = SplitMix64::new(99);
    let scores: Vec<Vec<Option<f64>>> = (0..n)
        .map(|_| (0..4).map(|_| Some(40.0 + 60.0 * rng.unit())).collect())
        .collect();
    let totals: Vec<f64> = scores
        .iter()
        .map(|s| s.iter().flatten().zip(weights).map(|(v, w)| v * w).sum())
        .collect();
    dataset(&scores, &[], &totals, &weights.map(Some))
}

#[test]
fn the_datasets_own_weights_reproduce_an_exact_weighted_sum() {
    let data = exact_sum(80);
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let weights = Weights::from_dataset(&data.meta.capacities);
    assert_eq!(weights.values(), &[0.25, 0.35, 0.2, 0.2]);
    let ranking = model.rank(&weights);
    for (row, official) in model.official.iter().enumerate() {
        assert_eq!(
            Some(Rank::Exact(ranking.rank[row].expect("scored"))),
            Some(*official)
        );
        assert_eq!(ranking.rise(row), Some(0));
    }
    assert!(ranking.winners(10).is_empty() && ranking.losers(10).is_empty());
}

#[test]
fn the_fit_recovers_the_weights_of_an_exact_weighted_sum() {
    let data = exact_sum(80);
    let fit = fit_year(&data, 0).expect("fit");
    for (got, want) in fit.weights.iter().zip([0.25, 0.35, 0.2, 0.2]) {
        assert!((got - want).abs() < 1e-9, "{:?}", fit.weights);
    }
    assert!((fit.r_squared - 1.0).abs() < 1e-12);
    assert!(fit.rmse < 1e-9);
    assert!((fit.spearman.expect("ρ") - 1.0).abs() < 1e-12);
    assert!((fit.kendall.expect("τ") - 1.0).abs() < 1e-12);
    assert_eq!(fit.rows.len(), 80);
    assert_eq!(fit.left_out, 0);
    assert!(
        fit.rows
            .iter()
            .all(|r| Rank::Exact(r.reproduced_rank) == r.published_rank)
    );
}

#[test]
fn the_fit_keeps_weights_non_negative() {
    // y = (3, −2, 0) on unit columns: least squares wants (3, −2); the constraint gives (3, 0).
    let w = nnls(
        &[vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]],
        &[3.0, -2.0, 0.0],
    );
    assert!(
        (w[0] - 3.0).abs() < 1e-12 && w[1].abs() < f64::EPSILON,
        "{w:?}"
    );
    // y = first + 2·second − third on three columns: the third gets weight 0.
    let first = vec![1.0, 2.0, 0.0, 1.0, 3.0];
    let second = vec![0.0, 1.0, 1.0, 2.0, 1.0];
    let third = vec![1.0, 0.0, 2.0, 1.0, 1.0];
    let y: Vec<f64> = (0..5)
        .map(|i| first[i] + 2.0 * second[i] - third[i])
        .collect();
    let fitted = nnls(&[first, second, third], &y);
    assert!(fitted.iter().all(|&v| v >= 0.0), "{fitted:?}");
    assert!(fitted[2].abs() < f64::EPSILON, "{fitted:?}");
}

#[test]
fn the_fit_needs_complete_rows_and_reports_deviations() {
    // Totals: A 75, B 80, C 66, D 70 against equal weights' 70, 80, 65, 70.
    // Fit is over four rows; B and A swap places in the reproduction.
    let s = |a: f64, b: f64| vec![Some(a), Some(b)];
    let data = dataset(
        &[s(80.0, 60.0), s(70.0, 90.0), s(60.0, 70.0), s(90.0, 50.0)],
        &exact(&[1, 2, 4, 3]),
        &[85.0, 80.0, 66.0, 70.0],
        &[],
    );
    let fit = fit_year(&data, 0).expect("fit");
    assert!(fit.weights.iter().all(|&w| w >= 0.0));
    assert!(fit.r_squared < 1.0);
    let deviations = fit.largest_deviations(2);
    assert_eq!(deviations.len(), 2);
    for &d in &deviations {
        assert!(fit.rows[d].delta.guaranteed_rise().is_some_and(|r| r != 0));
    }
    let tiny = dataset(
        &[s(1.0, 2.0), s(2.0, 1.0)],
        &exact(&[1, 2]),
        &[3.0, 3.0],
        &[],
    );
    assert_eq!(
        fit_year(&tiny, 0),
        Err(FitError::TooFewRows { rows: 2, needed: 3 })
    );
}

fn run(model: &WhatIf, base: &Weights, params: &RobustnessParams, threads: usize) -> Robustness {
    let (progress, cancel) = (AtomicU64::new(0), AtomicBool::new(false));
    let result = robustness(model, base, params, threads, &progress, &cancel).expect("runs");
    assert_eq!(progress.load(Ordering::Relaxed), u64::from(params.samples));
    result
}

#[test]
fn monte_carlo_is_identical_for_the_same_seed_however_it_is_split() {
    let data = exact_sum(60);
    let model = WhatIf::new(&data, 0, Normalization::MinMax).expect("year");
    let base = Weights::from_dataset(&data.meta.capacities);
    let params = RobustnessParams {
        samples: 200,
        spread: 0.3,
        seed: 7,
        top_k: 10,
    };
    let one = run(&model, &base, &params, 1);
    assert_eq!(one, run(&model, &base, &params, 1));
    assert_eq!(one, run(&model, &base, &params, 3));
    let other = run(&model, &base, &RobustnessParams { seed: 8, ..params }, 1);
    assert_ne!(
        one.mean_rank, other.mean_rank,
        "another seed, other samples"
    );
    let ranking = model.rank(&base);
    for row in 0..model.len() {
        let (lo, hi, r) = (one.min_rank[row], one.max_rank[row], ranking.rank[row]);
        assert!(lo <= r && r <= hi, "row {row}: {lo:?} ≤ {r:?} ≤ {hi:?}");
    }
    for &row in &one.always_top {
        assert!(one.max_rank[row].is_some_and(|r| r <= 10));
        assert_eq!(one.top_k_count[row], 200);
    }
}

#[test]
fn zero_spread_gives_the_what_if_rank_every_time() {
    let data = exact_sum(40);
    let model = WhatIf::new(&data, 0, Normalization::Percentile).expect("year");
    let base = Weights::new(vec![1.0, 2.0, 0.5, 0.0]).expect("weights");
    let params = RobustnessParams {
        samples: 20,
        spread: 0.0,
        seed: 3,
        top_k: 10,
    };
    let result = run(&model, &base, &params, 2);
    let ranking = model.rank(&base);
    assert_eq!(result.min_rank, ranking.rank);
    assert_eq!(result.max_rank, ranking.rank);
    assert_eq!(result.always_top, ranking.top(10));
}

#[test]
fn monte_carlo_stops_when_cancelled_and_refuses_bad_parameters() {
    let data = exact_sum(10);
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let base = Weights::equal(4);
    let (progress, cancel) = (AtomicU64::new(0), AtomicBool::new(true));
    let params = RobustnessParams::default();
    assert_eq!(
        robustness(&model, &base, &params, 2, &progress, &cancel),
        Err(RobustnessError::Cancelled)
    );
    assert_eq!(progress.load(Ordering::Relaxed), 0);
    let cancel = AtomicBool::new(false);
    let bad = RobustnessParams {
        spread: 1.5,
        ..params
    };
    assert_eq!(
        robustness(&model, &base, &bad, 1, &progress, &cancel),
        Err(RobustnessError::BadSpread(1.5))
    );
}

#[test]
fn a_clear_leader_stays_first_under_any_small_change() {
    // A leads on both capacities; B and C trade places as the weights move.
    let s = |a: f64, b: f64| vec![Some(a), Some(b)];
    let data = dataset(
        &[s(90.0, 90.0), s(60.0, 50.0), s(50.0, 60.0)],
        &exact(&[1, 2, 3]),
        &[],
        &[],
    );
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let params = RobustnessParams {
        samples: 100,
        spread: 0.2,
        seed: 1,
        top_k: 1,
    };
    let result = run(&model, &Weights::equal(2), &params, 1);
    assert_eq!(result.always_top, vec![0]);
    assert_eq!((result.min_rank[1], result.max_rank[1]), (Some(2), Some(3)));
}

/// A (10, 0), B (0, 8), C (4, 3) with raw weights (1, 1): sums A 10, B 8, C 7.
fn three() -> WhatIf {
    let s = |a: f64, b: f64| vec![Some(a), Some(b)];
    let data = dataset(
        &[s(10.0, 0.0), s(0.0, 8.0), s(4.0, 3.0)],
        &exact(&[1, 2, 3]),
        &[],
        &[],
    );
    WhatIf::new(&data, 0, Normalization::Raw).expect("year")
}

fn threshold(change: f64, inclusive: bool, rank: u32) -> Threshold {
    Threshold {
        change,
        weight: 1.0 + change,
        inclusive,
        rank,
    }
}

#[test]
fn sensitivity_matches_hand_computed_crossings() {
    let model = three();
    let weights = Weights::equal(2);
    let c = sensitivity(&model, &weights, 2).expect("scored");
    // Raising w₁ by t: C 7 + 4t meets B's 8 at t = 0.25 (a tie takes the better place).
    assert_eq!(c[0].increase_up, Some(threshold(0.25, true, 2)));
    assert_eq!(c[0].increase_down, None, "already last");
    // Lowering w₁ by u: A 10 − 10u meets C 7 − 4u at u = 0.5.
    assert_eq!(c[0].decrease_up, Some(threshold(-0.5, true, 2)));
    assert_eq!(c[0].up(), Some(threshold(0.25, true, 2)));
    // w₂: raising, C 7 + 3t meets A's 10 at t = 1; lowering, C 7 − 3u meets B 8 − 8u at u = 0.2.
    assert_eq!(c[1].increase_up, Some(threshold(1.0, true, 2)));
    let d = c[1].decrease_up.expect("a crossing");
    assert!(
        (d.change + 0.2).abs() < 1e-12 && d.inclusive && d.rank == 2,
        "{d:?}"
    );
    // B: raising w₁ lets C (7 + 4t) pass it for any t beyond 0.25; lowering w₁ drops A
    // (10 − 10u) to B's 8 at u = 0.2.
    let b = sensitivity(&model, &weights, 1).expect("scored");
    assert_eq!(b[0].increase_down, Some(threshold(0.25, false, 3)));
    let d = b[0].decrease_up.expect("a crossing");
    assert!(
        (d.change + 0.2).abs() < 1e-12 && d.inclusive && d.rank == 1,
        "{d:?}"
    );
    assert_eq!(b[0].decrease_down, None);
    // A cannot move up.
    let a = sensitivity(&model, &weights, 0).expect("scored");
    assert!(a.iter().all(|s| s.up().is_none()));
}

/// Checks every threshold of every row: just beyond it the rank moves as reported; just short of
/// it (when it is not at zero distance) it has not moved that way. Returns the number checked.
fn check_thresholds(model: &WhatIf, weights: &Weights) -> usize {
    let rank_with = |capacity: usize, change: f64, row: usize| {
        let w = weights.with(capacity, weights.values()[capacity] + change);
        model.rank(&w).rank[row].expect("scored")
    };
    let mut checked = 0;
    let ranking = model.rank(weights);
    for row in 0..model.len() {
        let now = ranking.rank[row].expect("scored");
        for s in sensitivity(model, weights, row).expect("scored") {
            let found = [
                (s.increase_up, 1.0, true),
                (s.decrease_up, -1.0, true),
                (s.increase_down, 1.0, false),
                (s.decrease_down, -1.0, false),
            ];
            for (t, direction, up) in found {
                let Some(t) = t else { continue };
                let epsilon = 1e-9 * direction;
                // An inclusive threshold holds at the change itself (exact in whole numbers; in
                // floating point the tie may come out a hair either way, so just beyond counts too).
                let at = rank_with(s.capacity, t.change, row);
                let beyond = rank_with(s.capacity, t.change + epsilon, row);
                let moved = |r: u32| if up { r < now } else { r > now };
                let reached = if t.inclusive && moved(at) { at } else { beyond };
                assert!(moved(reached), "row {row} {s:?}: {at}/{beyond} vs {now}");
                assert_eq!(reached, t.rank, "row {row} {s:?}");
                if t.change.abs() > 2e-9 {
                    // Short of it the entity has not yet moved that way (it may have moved the other).
                    let short = rank_with(s.capacity, t.change - epsilon, row);
                    assert!(
                        if up { short >= now } else { short <= now },
                        "row {row} {s:?}: {short} vs {now}"
                    );
                }
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn applying_a_found_change_moves_the_rank_and_a_smaller_one_does_not() {
    let data = exact_sum(30);
    let model = WhatIf::new(&data, 0, Normalization::MinMax).expect("year");
    let checked = check_thresholds(&model, &Weights::from_dataset(&data.meta.capacities));
    assert!(checked > 100, "{checked}");
}

#[test]
fn thresholds_hold_among_tied_scores() {
    // Small whole-number scores: many composites tie, before and after a change.
    let mut rng = SplitMix64::new(5);
    let scores: Vec<Vec<Option<f64>>> = (0..25)
        .map(|_| (0..3).map(|_| Some((rng.unit() * 4.0).floor())).collect())
        .collect();
    let data = dataset(&scores, &[], &[1.0; 25], &[]);
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let checked = check_thresholds(&model, &Weights::new(vec![1.0, 2.0, 1.0]).expect("weights"));
    assert!(checked > 30, "{checked}");
}

/// Totals that are the sum of two components, ranked 1–5; the 2nd lacks its second score.
fn five_with_a_gap() -> Dataset {
    let s = |a: f64, b: Option<f64>| vec![Some(a), b];
    dataset(
        &[
            s(50.0, Some(50.0)),
            s(48.0, None),
            s(45.0, Some(45.0)),
            s(40.0, Some(44.0)),
            s(30.0, Some(40.0)),
        ],
        &exact(&[1, 2, 3, 4, 5]),
        &[],
        &[],
    )
}

#[test]
fn an_entity_left_out_for_a_missing_score_moves_no_one_else() {
    // Equal raw weights reproduce the order of the others: 100, 90, 84, 70. Counted within the
    // entities the what-if ranks, no one moves; the 2nd is left out and named.
    let model = WhatIf::new(&five_with_a_gap(), 0, Normalization::Raw).expect("year");
    let ranking = model.rank(&Weights::equal(2));
    assert_eq!(ranking.rank, vec![Some(1), None, Some(2), Some(3), Some(4)]);
    assert_eq!(ranking.left_out, vec![1]);
    assert_eq!(
        ranking.delta,
        vec![
            Some(rise(0)),
            None,
            Some(rise(0)),
            Some(rise(0)),
            Some(rise(0))
        ]
    );
    assert!(ranking.winners(10).is_empty());
    assert!(ranking.losers(10).is_empty());
}

#[test]
fn a_missing_score_can_be_the_cohort_mean_or_median() {
    let data = five_with_a_gap();
    // Second scores present: 50, 45, 44, 40 → mean 44.75, median (linear) 44.5.
    let mean = WhatIf::with_missing(&data, 0, Normalization::Raw, MissingScores::CohortMean)
        .expect("year")
        .rank(&Weights::equal(2));
    assert!(mean.left_out.is_empty());
    let composite = mean.composite[1].expect("imputed");
    assert!(
        (composite - f64::midpoint(48.0, 44.75)).abs() < 1e-9,
        "{composite}"
    );
    assert_eq!(mean.rank[1], Some(2), "92.75 is second to 100");
    let median = WhatIf::with_missing(&data, 0, Normalization::Raw, MissingScores::CohortMedian)
        .expect("year")
        .rank(&Weights::equal(2));
    let composite = median.composite[1].expect("imputed");
    assert!(
        (composite - f64::midpoint(48.0, 44.5)).abs() < 1e-9,
        "{composite}"
    );
}

#[test]
fn the_fit_counts_published_ranks_among_the_entities_it_fits() {
    let s = |a: f64, b: Option<f64>| vec![Some(a), b];
    let data = dataset(
        &[
            s(50.0, Some(50.0)),
            s(48.0, None),
            s(45.0, Some(45.0)),
            s(40.0, Some(44.0)),
            s(30.0, Some(40.0)),
        ],
        &exact(&[1, 2, 3, 4, 5]),
        &[100.0, 92.0, 90.0, 84.0, 70.0],
        &[],
    );
    let fit = fit_year(&data, 0).expect("a fit");
    assert_eq!(fit.left_out, 1);
    assert!(
        fit.rows.iter().all(|r| r.delta == rise(0)),
        "{:?}",
        fit.rows
    );
    assert!(fit.largest_deviations(5).is_empty());
}
