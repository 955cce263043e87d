//! What-if benchmarks at 100,000 entities: preparing a year (normalising the columns once), one
//! re-ranking as a weight slider moves, one entity's sensitivity, and 20 Monte Carlo samples.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64};

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::model::radar::Normalization;
use rankscope::model::whatif::{RobustnessParams, Weights, WhatIf, robustness, sensitivity};
use rankscope::model::{Capacity, Dataset, Entity, Meta, RecordInput, YearInput};

/// A one-year dataset of `n` entities on four capacities, ranks computed from the totals.
fn synthetic(n: usize) -> Dataset {
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        f64::from(u32::try_from(seed >> 40).unwrap_or(0)) / f64::from(1u32 << 24) * 100.0
    };
    let capacities = ["infrastructure", "innovation", "carrying", "support"]
        .iter()
        .zip([0.25, 0.35, 0.2, 0.2])
        .map(|(id, weight)| Capacity {
            id: (*id).into(),
            en: (*id).into(),
            zh: (*id).into(),
            weight: Some(weight),
            direction: rankscope::model::Direction::HigherIsBetter,
        })
        .collect();
    let entities = (0..n)
        .map(|i| Entity {
            id: format!("e{i}"),
            en: format!("Entity {i}"),
            zh: format!("Entity {i}"),
            ..Entity::default()
        })
        .collect();
    let records = (0..n)
        .map(|entity| {
            let scores: Vec<Option<f64>> = (0..4)
                .map(|_| Some((next() * 100.0).round() / 100.0))
                .collect();
            let total = scores.iter().flatten().sum::<f64>() / 4.0;
            RecordInput::new(entity, None, Some(total), &scores, &[])
        })
        .collect();
    let meta = Meta {
        title: "synthetic".into(),
        capacities,
        ..Meta::default()
    };
    Dataset::new(meta, entities, vec![YearInput::new(2024, records)])
}

fn whatif_100k(c: &mut Criterion) {
    let data = synthetic(100_000);
    c.bench_function("what-if: prepare 100k rows (min-max)", |b| {
        b.iter(|| black_box(WhatIf::new(&data, 0, Normalization::MinMax)));
    });
    let Some(model) = WhatIf::new(&data, 0, Normalization::MinMax) else {
        return;
    };
    let base = Weights::from_dataset(&data.meta.capacities);
    let mut step = 0.0;
    c.bench_function("what-if: re-rank 100k rows after a weight change", |b| {
        b.iter(|| {
            // A slider moving: a different innovation weight each time.
            step = (step + 0.01) % 1.0;
            black_box(model.rank(&base.with(1, 0.1 + step)))
        });
    });
    c.bench_function("what-if: sensitivity of one entity, 100k rows", |b| {
        b.iter(|| black_box(sensitivity(&model, &base, 5_000)));
    });
    let params = RobustnessParams {
        samples: 20,
        spread: 0.2,
        seed: 7,
        top_k: 10,
    };
    let mut group = c.benchmark_group("what-if");
    group.sample_size(10);
    group.bench_function("Monte Carlo, 20 samples of 100k rows, one thread", |b| {
        b.iter(|| {
            let (progress, cancel) = (AtomicU64::new(0), AtomicBool::new(false));
            black_box(robustness(&model, &base, &params, 1, &progress, &cancel))
        });
    });
    group.finish();
}

criterion_group!(benches, whatif_100k);
criterion_main!(benches);
