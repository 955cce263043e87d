//! Load benchmarks: reading, validating and deriving a generated dataset (`rankscope gen`) from
//! JSON, CSV, Parquet and Arrow, at 1,000, 10,000 and 100,000 entities × 10 years × 31
//! indicators. The files are generated once into a temporary folder and removed at the end.
//! `cargo bench --bench load -- 100000` runs the largest only. "Parquet listing" reads what
//! `table` and the window's first frame read of the file: every column but the indicators.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::export::write_atomic;
use rankscope::io::columnar_out::Format;
use rankscope::io::long_columnar::long_columnar;
use rankscope::io::mapping::Reading;
use rankscope::io::{load_path, load_path_reading, write_long_csv, write_native_to};
use rankscope::sample::{SyntheticParams, generate_synthetic};

fn folder() -> PathBuf {
    std::env::temp_dir().join(format!("rankscope-bench-load-{}", std::process::id()))
}

fn load(c: &mut Criterion) {
    let dir = folder();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut group = c.benchmark_group("load + validate + derive");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for entities in [1_000, 10_000, 100_000] {
        let data = generate_synthetic(&SyntheticParams {
            entities,
            years: 10,
            indicators: 31,
            given_ranks: false,
            ..SyntheticParams::default()
        });
        let csv = dir.join(format!("gen-{entities}.csv"));
        let json = dir.join(format!("gen-{entities}.json"));
        let parquet = dir.join(format!("gen-{entities}.parquet"));
        let arrow = dir.join(format!("gen-{entities}.arrow"));
        let columnar = |format| long_columnar(&data, false, format).map_err(std::io::Error::other);
        let written = write_atomic(&csv, |out| write_long_csv(&data, false, out))
            .and_then(|()| write_atomic(&json, |out| write_native_to(&data, out)))
            .and_then(|()| std::fs::write(&parquet, columnar(Format::Parquet)?))
            .and_then(|()| std::fs::write(&arrow, columnar(Format::Arrow)?));
        drop(data);
        if written.is_err() {
            continue;
        }
        for (format, path) in [
            ("CSV", &csv),
            ("JSON", &json),
            ("Parquet", &parquet),
            ("Arrow", &arrow),
        ] {
            group.bench_function(format!("{format}, {entities} entities x 10 years"), |b| {
                b.iter(|| black_box(load_path(path).is_ok()));
            });
        }
        // What `table` and the window's first frame read of a Parquet file: its indicator
        // columns left for later.
        group.bench_function(
            format!("Parquet listing, {entities} entities x 10 years"),
            |b| {
                b.iter(|| {
                    let listing = (None, Reading::Listing);
                    black_box(load_path_reading(&parquet, listing, None).is_ok())
                });
            },
        );
        for path in [csv, json, parquet, arrow] {
            let _ = std::fs::remove_file(path);
        }
    }
    group.finish();
    let _ = std::fs::remove_dir(dir);
}

criterion_group!(benches, load);
criterion_main!(benches);
