//! Audit benchmarks: rank intervals for 348 entities (a world university ranking's size) over
//! 2,000 scenarios drawn from three factors (weights ±25 %, three normalisations, two
//! aggregations), on all cores; and 20 scenarios at 100,000 entities (binned rank counts).

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64};

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::model::audit::{AuditParams, run_audit};
use rankscope::sample::{SyntheticParams, generate_synthetic};

fn audit(c: &mut Criterion) {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    for (entities, samples) in [(348, 2000), (100_000, 20)] {
        let data = generate_synthetic(&SyntheticParams {
            entities,
            years: 1,
            indicators: 8,
            ..SyntheticParams::default()
        });
        let params = AuditParams {
            samples,
            ..AuditParams::default()
        };
        group.bench_function(format!("{entities} entities x {samples} scenarios"), |b| {
            b.iter(|| {
                black_box(run_audit(
                    &data,
                    0,
                    &params,
                    threads,
                    &AtomicU64::new(0),
                    &AtomicBool::new(false),
                ))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
