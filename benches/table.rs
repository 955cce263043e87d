//! Table benchmarks: sorting 100,000 rows by a capacity, and the CPU time of one frame of the
//! Table view (headless egui, no GPU) with 100 and with 100,000 rows.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::app::state::{AppState, Settings, Source};
use rankscope::model::{
    Capacity, ColumnId, Dataset, Entity, Meta, NameStyle, RecordInput, SortKey, TableQuery,
    YearInput,
};
use rankscope::views::ViewContext;

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
        .map(|id| Capacity {
            id: id.into(),
            en: id.into(),
            zh: id.into(),
            weight: Some(0.25),
            direction: rankscope::model::Direction::HigherIsBetter,
        })
        .to_vec();
    let entities = (0..n)
        .map(|i| Entity {
            id: format!("e{i}"),
            en: format!("Entity {i}"),
            zh: format!("Entity {i}"),
            province_en: format!("P{}", i % 31),
            province_zh: format!("P{}", i % 31),
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

fn sort_100k(c: &mut Criterion) {
    let data = synthetic(100_000);
    let query = TableQuery {
        sort: vec![SortKey {
            column: ColumnId::Capacity(1),
            descending: true,
        }],
        ..TableQuery::default()
    };
    c.bench_function("sort 100k rows by a capacity", |b| {
        b.iter(|| black_box(query.rows(&data, &data.years[0], NameStyle::English)));
    });
    let search = TableQuery {
        search: "entity 99".into(),
        ..TableQuery::default()
    };
    c.bench_function("search 100k rows", |b| {
        b.iter(|| black_box(search.rows(&data, &data.years[0], NameStyle::English)));
    });
}

fn table_frame(c: &mut Criterion) {
    for n in [100, 100_000] {
        let state = AppState::new(
            Arc::new(synthetic(n)),
            Source::Sample,
            Settings {
                names: NameStyle::English,
                ..Settings::default()
            },
        );
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            ..egui::RawInput::default()
        };
        let frame = || {
            ctx.run_ui(input(), |ui| {
                let cx = ViewContext {
                    data: &state.dataset,
                    year_index: 0,
                    selection: &state.selection,
                    colours: &state.colour_slots,
                    names: NameStyle::English,
                    strings: &rankscope::strings::EN,
                };
                egui::CentralPanel::default().show(ui, |ui| {
                    black_box(rankscope::views::table::table_ui(
                        ui,
                        &cx,
                        &state.settings.table,
                        &state.table,
                    ))
                });
            })
        };
        // Warm up: the first frames lay out fonts and size the columns.
        for _ in 0..3 {
            frame();
        }
        c.bench_function(&format!("table view frame, {n} rows"), |b| {
            b.iter(|| black_box(frame()));
        });
    }
}

criterion_group!(benches, sort_100k, table_frame);
criterion_main!(benches);
