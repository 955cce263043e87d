//! The uncertainty analysis against a hand-computed case (five entities, every scenario listed),
//! and its reproducibility by seed whatever the threads.

use std::sync::atomic::{AtomicBool, AtomicU64};

use super::*;
use crate::model::radar::Normalization;
use crate::model::{Capacity, Dataset, Entity, Meta, Rank, RecordInput, YearInput};

/// A (100, 6), B (20, 44), C (60, 30), D (80, 12), E (40, 50); weights 1 and 1; published
/// ranks 1 to 5 in that order; no totals.
fn five() -> Dataset {
    five_with_totals(&[])
}

/// [`five`] with published totals.
fn five_with_totals(totals: &[f64]) -> Dataset {
    let scores = [
        (100.0, 6.0),
        (20.0, 44.0),
        (60.0, 30.0),
        (80.0, 12.0),
        (40.0, 50.0),
    ];
    let capacities = (0..2)
        .map(|c| Capacity {
            id: format!("c{c}"),
            en: format!("C{c}"),
            zh: format!("C{c}"),
            weight: Some(1.0),
            direction: crate::model::Direction::HigherIsBetter,
        })
        .collect();
    let names = ["A", "B", "C", "D", "E"];
    let entities = names
        .iter()
        .map(|n| Entity {
            id: (*n).to_owned(),
            en: (*n).to_owned(),
            zh: (*n).to_owned(),
            ..Entity::default()
        })
        .collect();
    let records = scores
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let rank = Rank::Exact(u32::try_from(i + 1).expect("small"));
            RecordInput::new(
                i,
                Some(rank),
                totals.get(i).copied(),
                &[Some(a), Some(b)],
                &[],
            )
        })
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

fn run(data: &Dataset, params: &AuditParams, threads: usize) -> Result<AuditResult, AuditError> {
    run_audit(
        data,
        0,
        params,
        threads,
        &AtomicU64::new(0),
        &AtomicBool::new(false),
    )
}

#[test]
fn four_listed_scenarios_give_the_hand_computed_intervals() {
    // Min–max or raw scores, arithmetic or geometric aggregation, fixed weights: four
    // scenarios, each once. Ranks by hand (see docs/audit.md for the arithmetic):
    //   min–max, arithmetic: E 125, C 104.5, A 100, D 88.6, B 86.4  → E1 C2 A3 D4 B5
    //   min–max, geometric:  C, E, D, A, B                            → C1 E2 D3 A4 B5
    //   raw, arithmetic:     A 106, D 92, C 90, E 90, B 64            → A1 D2 C3 E3 B5
    //   raw, geometric:      C, E, D, A, B                            → C1 E2 D3 A4 B5
    let params = AuditParams {
        factors: AuditFactors {
            spread: 0.0,
            simplex: false,
            normalizations: vec![Normalization::MinMax, Normalization::Raw],
            aggregations: vec![Aggregation::Arithmetic, Aggregation::Geometric],
            winsorize: None,
            leave_one_out: false,
        },
        samples: 1,
        seed: 1,
        top_n: 2,
    };
    let result = run(&five(), &params, 2).expect("ran");
    assert!(result.enumerated);
    assert_eq!(result.scenarios, 4);
    assert_eq!(result.bin_width, 1, "exact percentiles");
    // Per entity (A to E): nominal (min–max, arithmetic), 5th, median, 95th (nearest rank over
    // the four ranks), mean, share in the top 2.
    let expected = [
        (3, 1, 3, 4, 3.0, 0.25),  // A: 1 3 4 4
        (5, 5, 5, 5, 5.0, 0.0),   // B: 5 5 5 5
        (2, 1, 1, 3, 1.75, 0.75), // C: 1 1 2 3
        (4, 2, 3, 4, 3.0, 0.25),  // D: 2 3 3 4
        (1, 1, 2, 3, 2.0, 0.75),  // E: 1 2 2 3
    ];
    for (row, &(nominal, p5, median, p95, mean, top2)) in result.rows.iter().zip(&expected) {
        let name = &five().entities[row.entity].id;
        assert_eq!(row.nominal, Some(nominal), "{name} nominal");
        assert_eq!(
            (row.p5, row.median, row.p95),
            (Some(p5), Some(median), Some(p95)),
            "{name} interval"
        );
        assert!(
            (row.mean.expect("ranked") - mean).abs() < 1e-12,
            "{name} mean"
        );
        assert!((row.top_n - top2).abs() < 1e-12, "{name} top 2");
        assert!(
            (row.top10 - 1.0).abs() < 1e-12,
            "{name}: five entities, all in the top 10"
        );
    }
    assert_eq!(result.rows[0].official, Rank::Exact(1));
}

#[test]
fn the_harmonic_mean_compensates_a_weak_capacity_least() {
    // Min–max, harmonic, equal weights, each column shifted to start at 1:
    //   A (101, 1) → 1 / (0.5/101 + 0.5/1) = 1.980; B (1, 87.36) → 1.977;
    //   C (51, 55.55) → 53.17; D (76, 14.64) → 24.54; E (26, 101) → 41.35.
    // So C E D A B: A and B, each weakest on one capacity, sink below D.
    let params = AuditParams {
        factors: AuditFactors {
            spread: 0.0,
            simplex: false,
            normalizations: vec![Normalization::MinMax],
            aggregations: vec![Aggregation::Harmonic],
            winsorize: None,
            leave_one_out: false,
        },
        ..AuditParams::default()
    };
    let result = run(&five(), &params, 1).expect("ran");
    assert_eq!(result.scenarios, 1);
    let nominal: Vec<Option<u32>> = result.rows.iter().map(|r| r.nominal).collect();
    // Rows in official order A..E.
    assert_eq!(nominal, [Some(4), Some(5), Some(1), Some(3), Some(2)]);
}

#[test]
fn leaving_a_capacity_out_and_winsorising_add_scenarios() {
    let params = AuditParams {
        factors: AuditFactors {
            spread: 0.0,
            simplex: false,
            normalizations: vec![Normalization::Raw],
            aggregations: vec![Aggregation::Arithmetic],
            winsorize: Some(1),
            leave_one_out: true,
        },
        ..AuditParams::default()
    };
    let result = run(&five(), &params, 1).expect("ran");
    // Plain or winsorised, times none / c0 / c1 left out.
    assert_eq!(result.scenarios, 6);
    // A leads on c0 alone (100) and is last on c1 alone (6): its interval spans 1 to 5.
    let a = &result.rows[0];
    assert_eq!((a.p5, a.p95), (Some(1), Some(5)));
}

#[test]
fn drawn_scenarios_are_the_same_for_a_seed_whatever_the_threads() {
    let data = crate::sample::generate_sample();
    let year = data.years.len() - 1;
    let params = AuditParams {
        samples: 300,
        seed: 7,
        ..AuditParams::default()
    };
    let go = |threads| {
        run_audit(
            &data,
            year,
            &params,
            threads,
            &AtomicU64::new(0),
            &AtomicBool::new(false),
        )
        .expect("ran")
    };
    let one = go(1);
    assert_eq!(one, go(2));
    assert_eq!(one.scenarios, 300);
    assert!(!one.enumerated);
    for row in &one.rows {
        let (p5, median, p95) = (
            row.p5.expect("p5"),
            row.median.expect("m"),
            row.p95.expect("p95"),
        );
        assert!(p5 <= median && median <= p95, "{row:?}");
    }
    let other_seed = run_audit(
        &data,
        year,
        &AuditParams {
            seed: 8,
            ..params.clone()
        },
        2,
        &AtomicU64::new(0),
        &AtomicBool::new(false),
    )
    .expect("ran");
    assert_ne!(
        one.rows, other_seed.rows,
        "another seed draws other scenarios"
    );
}

#[test]
fn simplex_weights_sum_to_one_and_cover_the_simplex() {
    let factors = AuditFactors {
        simplex: true,
        ..AuditFactors::default()
    };
    assert!(!factors.is_enumerable());
    let base = [0.25, 0.35, 0.2, 0.2];
    let draws: Vec<Vec<f64>> = (0..4000)
        .map(|i| factors.sample(&base, 3, i).weights)
        .collect();
    for w in &draws {
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{w:?}");
        assert!(w.iter().all(|&x| x >= 0.0));
    }
    // Uniform on the simplex: each weight has mean 1/4 whatever the dataset's, and a weight
    // above 1/2 happens with probability (1 − 1/2)³ = 1/8.
    #[expect(clippy::cast_precision_loss, reason = "a few thousand draws")]
    let n = draws.len() as f64;
    for c in 0..4 {
        let mean = draws.iter().map(|w| w[c]).sum::<f64>() / n;
        assert!((mean - 0.25).abs() < 0.02, "capacity {c}: {mean}");
    }
    #[expect(clippy::cast_precision_loss, reason = "a few thousand draws")]
    let above = draws.iter().filter(|w| w[0] > 0.5).count() as f64 / n;
    assert!((above - 0.125).abs() < 0.02, "{above}");
}

#[test]
fn coherence_of_the_five_matches_a_hand_computation() {
    // Totals = c0 + c1: 106, 64, 90, 92, 90. By hand (deviations from the means 60, 28.4, 88.4):
    // r(c0, total) = 1720 / √(4000 · 923.2) = 0.895057; r(c1, total) = −796.8 / √(1483.2 · 923.2)
    // = −0.680929; r(c0, c1) = −2280 / √(4000 · 1483.2) = −0.936063.
    let data = five_with_totals(&[106.0, 64.0, 90.0, 92.0, 90.0]);
    let c = coherence(&data, 0).expect("a year");
    assert_eq!(
        c.components,
        vec![
            Component::Capacity(0),
            Component::Capacity(1),
            Component::Total
        ]
    );
    let near = |x: Option<f64>, y: f64| x.is_some_and(|x| (x - y).abs() < 1e-5);
    assert!(near(c.pearson[0][2], 0.895_057), "{:?}", c.pearson[0][2]);
    assert!(near(c.pearson[1][2], -0.680_929), "{:?}", c.pearson[1][2]);
    assert!(near(c.pearson[0][1], -0.936_063), "{:?}", c.pearson[0][1]);
    assert!(near(c.pearson[1][1], 1.0));
    // Effective weights: r² shares, 0.801127 / 1.264790 and 0.463664 / 1.264790.
    assert!(near(c.capacities[0].effective_weight, 0.633_407));
    assert!(near(c.capacities[1].effective_weight, 0.366_593));
    assert!((c.capacities[0].nominal_weight - 0.5).abs() < 1e-12);
    // Spearman on ranks: c0 ranks 5 1 3 4 2, total ranks 5 1 2.5 4 2.5: ρ = 0.975 (by hand:
    // Pearson of the ranks, deviations 2 −2 0 1 −1 and 2 −2 −0.5 1 −0.5: 9.5 / √(10 · 9.5)).
    assert!(near(c.spearman[0][2], 9.5 / (10.0_f64 * 9.5).sqrt()));
    // c1 pulls against both the other capacity and the total.
    assert!(c.flags.contains(&CoherenceFlag::Negative(
        Component::Capacity(0),
        Component::Capacity(1),
        c.pearson[0][1].expect("r")
    )));
    assert!(c.flags.iter().any(|f| matches!(
        f,
        CoherenceFlag::Negative(Component::Capacity(1), Component::Total, _)
    )));
    assert_eq!(c.capacities[0].alpha, None, "no indicators");
}

#[test]
fn a_lone_factor_explains_all_the_rank_shift() {
    // Only the normalisation varies (min–max or raw, arithmetic, fixed weights): it explains
    // the whole variance, first order and total.
    let factors = AuditFactors {
        spread: 0.0,
        simplex: false,
        normalizations: vec![Normalization::MinMax, Normalization::Raw],
        aggregations: vec![Aggregation::Arithmetic],
        winsorize: None,
        leave_one_out: false,
    };
    let params = SensitivityParams {
        n: 4000,
        seed: 2,
        resamples: 100,
        entity: Some(0),
    };
    let go = |threads| {
        run_sensitivity(
            &five(),
            0,
            &factors,
            &params,
            threads,
            (&AtomicU64::new(0), &AtomicBool::new(false)),
        )
        .expect("ran")
    };
    let s = go(2);
    assert_eq!(s.groups, vec![FactorGroup::Normalization]);
    assert_eq!(s.runs, 4000 * 3);
    let index = &s.mean_shift[0];
    assert!((index.first - 1.0).abs() < 0.1, "{index:?}");
    assert!((index.total - 1.0).abs() < 0.1, "{index:?}");
    // A's rank: 3 under min–max, 1 under raw: all of it the normalisation's.
    let (entity, a) = s.entity.as_ref().expect("A is ranked");
    assert_eq!(*entity, 0);
    assert!((a[0].total - 1.0).abs() < 0.1, "{a:?}");
    assert_eq!(s, go(1), "the same whatever the threads");
}

#[test]
fn every_varying_factor_is_a_group_with_its_share() {
    let data = crate::sample::generate_sample();
    let factors = AuditFactors {
        winsorize: Some(2),
        leave_one_out: true,
        ..AuditFactors::default()
    };
    let params = SensitivityParams {
        n: 300,
        seed: 1,
        resamples: 50,
        entity: None,
    };
    let progress = AtomicU64::new(0);
    let s = run_sensitivity(
        &data,
        data.years.len() - 1,
        &factors,
        &params,
        2,
        (&progress, &AtomicBool::new(false)),
    )
    .expect("ran");
    assert_eq!(
        s.groups,
        vec![
            FactorGroup::Weights,
            FactorGroup::Normalization,
            FactorGroup::Aggregation,
            FactorGroup::Outliers,
            FactorGroup::Structure
        ]
    );
    assert_eq!(progress.load(std::sync::atomic::Ordering::Relaxed), 300 * 7);
    for index in &s.mean_shift {
        assert!(index.total >= -0.05 && index.total <= 1.2, "{index:?}");
        assert!(index.total_ci.0 <= index.total_ci.1, "{index:?}");
    }
}

#[test]
fn bad_parameters_and_a_raised_cancel_flag_are_refused() {
    let data = five();
    let bad_spread = AuditParams {
        factors: AuditFactors {
            spread: 1.5,
            ..AuditFactors::default()
        },
        ..AuditParams::default()
    };
    assert_eq!(run(&data, &bad_spread, 1), Err(AuditError::BadSpread(1.5)));
    let none = AuditParams {
        factors: AuditFactors {
            aggregations: Vec::new(),
            ..AuditFactors::default()
        },
        ..AuditParams::default()
    };
    assert_eq!(run(&data, &none, 1), Err(AuditError::NoAggregation));
    let cancelled = run_audit(
        &data,
        0,
        &AuditParams::default(),
        2,
        &AtomicU64::new(0),
        &AtomicBool::new(true),
    );
    assert_eq!(cancelled, Err(AuditError::Cancelled));
}
