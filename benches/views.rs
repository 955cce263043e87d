//! View benchmarks on generated data (`rankscope gen`, 10 years × 31 indicators): sort and filter
//! at 100,000 entities, radar and bump-chart geometry, and one frame of each view (Table, Radar,
//! Trends, What-if) on a headless `egui::Context` (CPU only: layout and tessellation input, no
//! GPU) at 100 and at 100,000 entities, plus re-weighting at 100,000 on this realistic data
//! (`benches/whatif.rs` times the what-if model's parts on their own).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use rankscope::app::state::{AppState, Settings, Source, View};
use rankscope::app::view_cache::ViewCache;
use rankscope::charts::radar::{Pick, radar_spec};
use rankscope::charts::rank_chart::bump_spec;
use rankscope::model::radar::Normalization;
use rankscope::model::whatif::{Weights, WhatIf};
use rankscope::model::{ColumnId, Dataset, NameStyle, SortKey, TableQuery};
use rankscope::sample::{SyntheticParams, generate_synthetic};
use rankscope::views::ViewContext;

fn dataset(entities: usize) -> Dataset {
    generate_synthetic(&SyntheticParams {
        entities,
        years: 10,
        indicators: 31,
        ..SyntheticParams::default()
    })
}

/// Three entities of the latest year's top ten, as a user would pick them.
fn picks(data: &Dataset) -> Vec<Pick> {
    let Some(year) = data.years.last() else {
        return Vec::new();
    };
    year.derived
        .order
        .iter()
        .step_by(3)
        .take(3)
        .enumerate()
        .map(|(slot, r)| Pick {
            entity: year.records[r].entity(),
            slot,
        })
        .collect()
}

fn query_and_geometry(c: &mut Criterion) {
    let data = dataset(100_000);
    let Some(year) = data.years.last() else {
        return;
    };
    let sort = TableQuery {
        sort: vec![SortKey {
            column: ColumnId::Capacity(1),
            descending: true,
        }],
        ..TableQuery::default()
    };
    c.bench_function("sort 100k entities by a capacity", |b| {
        b.iter(|| black_box(sort.rows(&data, year, NameStyle::Chinese)));
    });
    let filter = TableQuery {
        search: "科学城".into(),
        provinces: ["浙江".to_owned(), "广东".to_owned()].into(),
        ..sort.clone()
    };
    c.bench_function("filter 100k entities (search + provinces) and sort", |b| {
        b.iter(|| black_box(filter.rows(&data, year, NameStyle::Chinese)));
    });
    if let Some(model) = WhatIf::new(&data, data.years.len() - 1, Normalization::Raw) {
        let mut innovation = 0.35;
        c.bench_function(
            "re-weight 100k entities (a slider step: weighted sum, sort, ranks, Δ)",
            |b| {
                b.iter(|| {
                    innovation = if innovation > 0.9 {
                        0.1
                    } else {
                        innovation + 0.01
                    };
                    let weights = Weights::new(vec![0.25, innovation, 0.2, 0.2])
                        .unwrap_or_else(|_| Weights::equal(4));
                    black_box(model.rank(&weights))
                });
            },
        );
    }
    let picks = picks(&data);
    let settings = rankscope::charts::radar::RadarSettings::default();
    let last = data.years.len() - 1;
    c.bench_function("radar geometry, 3 entities of 100k", |b| {
        b.iter(|| {
            black_box(radar_spec(
                &rankscope::strings::EN,
                &data,
                last,
                &picks,
                &settings,
                NameStyle::Chinese,
            ))
        });
    });
    c.bench_function(
        "bump chart geometry, 3 entities over 10 years of 100k",
        |b| {
            b.iter(|| {
                black_box(bump_spec(
                    &rankscope::strings::EN,
                    &data,
                    &picks,
                    NameStyle::Chinese,
                ))
            });
        },
    );
}

fn view_frames(c: &mut Criterion) {
    for n in [100, 100_000] {
        let mut state = AppState::new(
            Arc::new(dataset(n)),
            Source::Sample,
            Settings {
                names: NameStyle::Chinese,
                ..Settings::default()
            },
        );
        let picks = picks(&state.dataset);
        state.selection = picks.iter().map(|p| p.entity).collect();
        state.sync_colours();
        let picks = state.picks();
        let year_index = state.year_index().unwrap_or(0);
        // What a slider step costs the app: the what-if ranking, its movers, the focused
        // entity's sensitivity, the table's what-if columns and rows, and the slopegraph.
        state.settings.whatif.in_table = true;
        let mut innovation = 0.35;
        c.bench_function(
            &format!("what-if slider step in the app, {n} entities"),
            |b| {
                b.iter(|| {
                    innovation = if innovation > 0.9 {
                        0.1
                    } else {
                        innovation + 0.01
                    };
                    state.settings.whatif.weights = Some(vec![0.25, innovation, 0.2, 0.2]);
                    state.refresh_table();
                    black_box(state.table.rows.len())
                });
            },
        );
        state.settings.whatif = rankscope::app::whatif_state::WhatIfSettings::default();
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            ..egui::RawInput::default()
        };
        for view in [View::Table, View::Radar, View::Trends, View::WhatIf] {
            // As the app does before a frame: what the view draws is computed once, ahead.
            state.settings.view = view;
            state.refresh_table();
            let mut cache = ViewCache::default();
            cache.prepare(&state.view_inputs(false));
            let state = &state;
            let frame = || {
                ctx.run_ui(input(), |ui| {
                    let cx = ViewContext {
                        data: &state.dataset,
                        year_index,
                        selection: &state.selection,
                        colours: &state.colour_slots,
                        names: NameStyle::Chinese,
                        strings: &rankscope::strings::EN,
                    };
                    egui::CentralPanel::default().show(ui, |ui| match view {
                        View::Table => black_box(rankscope::views::table::table_ui(
                            ui,
                            &cx,
                            &state.settings.table,
                            &state.table,
                        ))
                        .len(),
                        View::Radar => black_box(rankscope::views::radar::radar_view_ui(
                            ui,
                            &cx,
                            &rankscope::views::radar::RadarInputs {
                                settings: &state.settings.radar,
                                picks: &picks,
                                drill: None,
                                specs: cache.radar.value().map_or(&[][..], Vec::as_slice),
                            },
                        ))
                        .len(),
                        View::Trends => black_box(rankscope::views::trends::trends_view_ui(
                            ui,
                            &cx,
                            &rankscope::views::trends::TrendsInputs {
                                settings: &state.settings.trends,
                                picks: &picks,
                                cache: &cache,
                            },
                        ))
                        .len(),
                        View::WhatIf => black_box(rankscope::views::whatif::whatif_view_ui(
                            ui,
                            &cx,
                            &rankscope::views::whatif::WhatIfInputs {
                                settings: &state.settings.whatif,
                                cache: &state.whatif,
                                focus: state.focus(),
                            },
                        ))
                        .len(),
                        // The Audit view before a run (its chart is the figure's geometry).
                        View::Audit => black_box(rankscope::views::audit::audit_view_ui(
                            ui,
                            &cx,
                            &rankscope::views::audit::AuditInputs {
                                settings: &state.settings.audit,
                                job: None,
                                result: None,
                                stale: false,
                                error: None,
                                sensitivity: None,
                                sensitivity_job: None,
                                sensitivity_error: None,
                                coherence: None,
                                focus: None,
                            },
                        ))
                        .len(),
                    });
                })
            };
            // Warm up: the first frames lay out fonts and size the columns.
            for _ in 0..3 {
                frame();
            }
            c.bench_function(&format!("{view:?} view frame, {n} entities"), |b| {
                b.iter(|| black_box(frame()));
            });
        }
    }
}

criterion_group!(benches, query_and_geometry, view_frames);
criterion_main!(benches);
