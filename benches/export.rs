//! Export benchmarks: the radar figure as SVG and as a 2× PNG, and the 2023 top-20 table as a
//! 2× PNG, rendered without a window (the window's 2× screenshot is timed in docs/benchmarks.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::export::figure::{FigureKind, FigureRequest, figure_png, figure_svg};
use rankscope::io::load_sample;

fn figures(c: &mut Criterion) {
    let Ok(data) = load_sample() else { return };
    let entities = ["广东广州科学城", "苏州科技城", "贵州科学城"]
        .iter()
        .filter_map(|n| data.find_entity(n))
        .collect();
    let radar = FigureRequest {
        entities,
        ..FigureRequest::new(FigureKind::Radar)
    };
    c.bench_function("radar figure as SVG", |b| {
        b.iter(|| black_box(figure_svg(&data, &radar)));
    });
    c.bench_function("radar figure as 2x PNG", |b| {
        b.iter(|| black_box(figure_png(&data, &radar, 2.0)));
    });
    let table = FigureRequest::new(FigureKind::Table);
    c.bench_function("top-20 table figure as 2x PNG", |b| {
        b.iter(|| black_box(figure_png(&data, &table, 2.0)));
    });
}

criterion_group!(benches, figures);
criterion_main!(benches);
