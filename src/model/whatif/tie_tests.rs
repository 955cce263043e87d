//! Exact ties under what-if weights: entities tied in decimal arithmetic share a rank for any
//! decimal weights, identical entities for any weights and scale; and a ranking with many ties
//! matches one computed here in integers.

use proptest::prelude::*;

use super::tests::{dataset, exact};
use super::*;
use crate::model::Rank;
use crate::model::radar::Normalization;

/// Rows of decimal scores (tenths, 50.0–100.0), each followed by a twin whose weighted sum under
/// the integer `weights` is the same in decimals: `δ·w_last` moved onto the first capacity and
/// `δ·w_first` taken off the last.
fn twins(bases: &[Vec<u32>], weights: &[u32], shifts: &[u32]) -> Vec<Vec<Option<f64>>> {
    let last = weights.len() - 1;
    let mut rows = Vec::new();
    for (base, &shift) in bases.iter().zip(shifts) {
        let delta = i64::from(shift % 5);
        let mut twin: Vec<i64> = base.iter().map(|&v| i64::from(v) + 500).collect();
        twin[0] += delta * i64::from(weights[last]);
        twin[last] -= delta * i64::from(weights[0]);
        let tenths = |v: i64| {
            #[expect(clippy::cast_precision_loss, reason = "small integers")]
            let v = v as f64;
            Some(v / 10.0)
        };
        rows.push(base.iter().map(|&v| tenths(i64::from(v) + 500)).collect());
        rows.push(twin.into_iter().map(tenths).collect());
    }
    rows
}

/// Ranks 1..=n as published: the what-if model takes the year's ranked records.
fn listed(n: usize) -> Vec<Rank> {
    exact(&(1..=u32::try_from(n).expect("small")).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn decimal_ties_stay_tied_under_decimal_weights(
        k in 2_usize..6,
        bases in prop::collection::vec(prop::collection::vec(0_u32..500, 5), 2..30),
        w in prop::collection::vec(1_u32..100, 5),
        shifts in prop::collection::vec(0_u32..100, 30),
        hundredths in any::<bool>(),
    ) {
        let w = &w[..k];
        let bases: Vec<Vec<u32>> = bases.iter().map(|b| b[..k].to_vec()).collect();
        let rows = twins(&bases, w, &shifts);
        let data = dataset(&rows, &listed(rows.len()), &[], &[]);
        let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
        // Weights as given (integers) or as hundredths (0.37): both are decimal.
        let scale = if hundredths { 100.0 } else { 1.0 };
        let weights = Weights::new(w.iter().map(|&x| f64::from(x) / scale).collect()).expect("weights");
        let ranking = model.rank(&weights);
        for pair in 0..bases.len() {
            let (a, b) = (
                model.row_of(2 * pair).expect("ranked"),
                model.row_of(2 * pair + 1).expect("ranked"),
            );
            prop_assert_eq!(ranking.rank[a], ranking.rank[b], "twins {} and {}", 2 * pair, 2 * pair + 1);
            prop_assert_eq!(ranking.composite[a], ranking.composite[b]);
        }
    }

    #[test]
    fn identical_entities_stay_tied_under_any_weights_and_scale(
        rows in prop::collection::vec(prop::collection::vec(0.0_f64..100.0, 4), 1..20),
        weights in prop::collection::vec(0.0_f64..10.0, 4),
        scale in 0_usize..4,
    ) {
        prop_assume!(weights.iter().any(|&w| w > 0.0));
        let doubled: Vec<Vec<Option<f64>>> = rows
            .iter()
            .flat_map(|r| [r.iter().copied().map(Some).collect::<Vec<_>>(), r.iter().copied().map(Some).collect()])
            .collect();
        let data = dataset(&doubled, &listed(doubled.len()), &[], &[]);
        let model = WhatIf::new(&data, 0, Normalization::ALL[scale]).expect("year");
        let ranking = model.rank(&Weights::new(weights).expect("weights"));
        for pair in 0..rows.len() {
            let (a, b) = (model.row_of(2 * pair).expect("ranked"), model.row_of(2 * pair + 1).expect("ranked"));
            prop_assert_eq!(ranking.rank[a], ranking.rank[b]);
        }
    }
}

/// Five pillars in tenths, many rows summing to the same total in different ways.
fn many_ties() -> Vec<Vec<i64>> {
    let mut rows = Vec::new();
    for i in 0..60_i64 {
        let base = [901 - i % 7, 802, 703 + i % 3, 604, 670 - i % 5];
        rows.push(base.to_vec());
        // The same pillars, rotated: the same sum in decimals, often not in binary.
        let mut rotated = base.to_vec();
        rotated.rotate_left(usize::try_from(i % 5).unwrap_or(0) + 1);
        rows.push(rotated);
    }
    rows
}

/// Scores given in tenths as the decimals they stand for (901 → 90.1).
fn in_tenths(rows: &[Vec<i64>]) -> Vec<Vec<Option<f64>>> {
    rows.iter()
        .map(|r| {
            #[expect(clippy::cast_precision_loss, reason = "small integers")]
            r.iter().map(|&v| Some(v as f64 / 10.0)).collect()
        })
        .collect()
}

#[test]
fn a_ranking_with_many_ties_matches_integer_arithmetic() {
    let rows = many_ties();
    let scores = in_tenths(&rows);
    // The premise: binary sums split some of these ties.
    let float_sums: Vec<f64> = scores.iter().map(|r| r.iter().flatten().sum()).collect();
    let integer_sums: Vec<i64> = rows.iter().map(|r| r.iter().sum()).collect();
    let split = (0..rows.len())
        .flat_map(|a| (0..rows.len()).map(move |b| (a, b)))
        .filter(|&(a, b)| {
            integer_sums[a] == integer_sums[b] && float_sums[a].to_bits() != float_sums[b].to_bits()
        })
        .count();
    assert!(
        split > 0,
        "the data has ties that floating-point sums split"
    );

    let data = dataset(&scores, &listed(120), &[], &[]);
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    for weights in [vec![1.0; 5], vec![0.2; 5]] {
        let ranking = model.rank(&Weights::new(weights).expect("weights"));
        for (entity, sum) in integer_sums.iter().enumerate() {
            let better = integer_sums.iter().filter(|&&other| other > *sum).count();
            let row = model.row_of(entity).expect("ranked");
            assert_eq!(
                ranking.rank[row],
                Some(u32::try_from(better + 1).expect("small")),
                "entity {entity} (sum {sum} tenths)"
            );
        }
    }
}

#[test]
fn monte_carlo_without_spread_keeps_exact_ties() {
    let rows = many_ties();
    let scores = in_tenths(&rows);
    let data = dataset(&scores, &listed(120), &[], &[]);
    let model = WhatIf::new(&data, 0, Normalization::Raw).expect("year");
    let weights = Weights::equal(5);
    let ranking = model.rank(&weights);
    let params = RobustnessParams {
        samples: 20,
        spread: 0.0,
        seed: 3,
        top_k: 10,
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let progress = std::sync::atomic::AtomicU64::new(0);
    let result = robustness(&model, &weights, &params, 1, &progress, &cancel).expect("runs");
    for row in 0..model.len() {
        assert_eq!(result.min_rank[row], ranking.rank[row]);
        assert_eq!(result.max_rank[row], ranking.rank[row]);
    }
}
