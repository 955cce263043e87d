//! Components where lower is better (pillars published as places) run the right way: detected
//! from their values, kept by the native format and the mapping file, and turned round by every
//! normalisation, the what-if ranking, the radar and the drivers.

use std::path::Path;

use rankscope::io::{load_path_with, read_native, write_native};
use rankscope::model::Direction;
use rankscope::model::radar::{AxisCohort, Normalization};
use rankscope::model::whatif::{Weights, WhatIf, spearman};

fn cwur() -> rankscope::io::import::Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/cwur-2012-2013.csv");
    load_path_with(&path, None).expect("opens")
}

#[test]
fn cwur_pillars_published_as_places_are_lower_is_better() {
    let loaded = cwur();
    let data = &loaded.dataset;
    for capacity in &data.meta.capacities {
        if capacity.id == "broad_impact" {
            continue; // empty in 2012 and 2013
        }
        assert_eq!(
            capacity.direction,
            Direction::LowerIsBetter,
            "{}: 7 means 7th",
            capacity.id
        );
    }
    let mapping = loaded.mapping.expect("detected");
    assert!(
        mapping
            .reason_of("quality_of_education")
            .is_some_and(|r| r.contains("whole places that run against the ranking's order")),
        "{:?}",
        mapping.explained()
    );
    assert!(mapping.to_json().contains("\"lower_is_better\": true"));
}

#[test]
fn equal_weights_on_pillars_published_as_places_agree_with_the_official_order() {
    let loaded = cwur();
    let data = &loaded.dataset;
    let pillars: Vec<usize> = data
        .meta
        .capacities
        .iter()
        .enumerate()
        .filter(|(_, c)| c.id != "broad_impact")
        .map(|(i, _)| i)
        .collect();
    let weights: Vec<f64> = (0..data.meta.capacities.len())
        .map(|c| if pillars.contains(&c) { 1.0 } else { 0.0 })
        .collect();
    let model = WhatIf::new(data, 0, Normalization::MinMax).expect("2012");
    let ranking = model.rank(&Weights::new(weights).expect("weights"));
    let (official, whatif): (Vec<f64>, Vec<f64>) = (0..model.len())
        .filter_map(|row| {
            let (lo, _) = model.official[row].bounds()?;
            Some((f64::from(lo), f64::from(ranking.rank[row]?)))
        })
        .unzip();
    let rho = spearman(&official, &whatif).expect("a correlation");
    assert!(
        rho > 0.5,
        "the what-if order follows the official one: ρ = {rho}"
    );
}

#[test]
fn every_normalisation_turns_a_lower_is_better_component_round() {
    let loaded = cwur();
    let data = &loaded.dataset;
    let year = &data.years[0];
    let cohort = AxisCohort::of_capacity(data, year, 0);
    assert_eq!(cohort.direction, Direction::LowerIsBetter);
    let best = *cohort.sorted.first().expect("values");
    let worst = *cohort.sorted.last().expect("values");
    assert!((cohort.normalize(best, Normalization::MinMax) - 100.0).abs() < 1e-9);
    assert!(cohort.normalize(worst, Normalization::MinMax).abs() < 1e-9);
    assert!(
        (cohort.normalize(best, Normalization::Raw) - worst).abs() < 1e-9,
        "reflected"
    );
    assert!(cohort.normalize(best, Normalization::ZScore) > 0.0);
    assert!(
        cohort.normalize(best, Normalization::Percentile)
            > cohort.normalize(worst, Normalization::Percentile)
    );
    assert_eq!(
        cohort.rank_of(best),
        1,
        "the lowest place is the best on the axis"
    );
}

#[test]
fn the_direction_survives_saving_as_rankscope_json() {
    let loaded = cwur();
    let text = write_native(&loaded.dataset);
    assert!(text.contains("\"direction\": \"lower\""));
    let again = read_native(&text).expect("reads back");
    assert_eq!(again.meta.capacities, loaded.dataset.meta.capacities);
}

#[test]
fn directions_labels_values_and_ranks_survive_saving_as_parquet_and_arrow() {
    // The sample (bands, ties, missing values, 31 indicators) with one capacity and one
    // indicator read lower-is-better, and the pillars of a real file published as places.
    let mut sample = rankscope::io::load_sample().expect("the sample");
    sample.meta.capacities[1].direction = Direction::LowerIsBetter;
    sample.meta.indicators[3].direction = Direction::LowerIsBetter;
    let formats = [
        (rankscope::io::columnar_out::Format::Parquet, "parquet"),
        (rankscope::io::columnar_out::Format::Arrow, "arrow"),
    ];
    for (data, (format, extension)) in [sample, cwur().dataset]
        .into_iter()
        .flat_map(|d| formats.map(|f| (d.clone(), f)))
    {
        let bytes =
            rankscope::io::long_columnar::long_columnar(&data, true, format).expect("written");
        let path = std::env::temp_dir().join(format!(
            "rankscope-dir-{:05}.{extension}",
            std::process::id()
        ));
        std::fs::write(&path, bytes).expect("saved");
        let again = load_path_with(&path, None).expect("reads back").dataset;
        let _ = std::fs::remove_file(&path);
        let meta = |d: &rankscope::model::Dataset| {
            let capacities: Vec<_> = d
                .meta
                .capacities
                .iter()
                .map(|c| (c.id.clone(), c.en.clone(), c.zh.clone(), c.direction))
                .collect();
            let indicators: Vec<_> = d
                .meta
                .indicators
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        i.capacity,
                        i.en.clone(),
                        i.zh.clone(),
                        i.direction,
                    )
                })
                .collect();
            (capacities, indicators, d.meta.total_direction)
        };
        assert_eq!(meta(&again), meta(&data), "directions and labels");
        assert_eq!(again.years.len(), data.years.len());
        for (a, b) in again.years.iter().zip(&data.years) {
            assert_eq!(a.year, b.year);
            assert_eq!(a.records.len(), b.records.len());
            for (x, y) in a.record_refs().zip(b.record_refs()) {
                assert_eq!(again.entities[x.entity()].id, data.entities[y.entity()].id);
                assert_eq!(x.given_rank, y.given_rank, "ranks, bands and ties");
                assert_eq!(x.total(), y.total());
                assert_eq!(x.scores(), y.scores(), "scores, missing ones included");
                assert_eq!(x.indicators(), y.indicators());
            }
        }
    }
}

#[test]
fn a_lower_is_better_total_ranks_the_lowest_first_and_is_checked_that_way() {
    // Ranks computed from the totals (none given), where the lowest total is the best.
    let text = r#"{
  "format": "rankscope-dataset/1",
  "title": "peace",
  "total_direction": "lower",
  "capacities": [{ "id": "safety", "direction": "lower" }],
  "entities": [{ "id": "a", "en": "A" }, { "id": "b", "en": "B" }, { "id": "c", "en": "C" }],
  "years": [{ "year": 2023, "records": [
    { "entity": "a", "total": 2.5, "scores": { "safety": 2.4 } },
    { "entity": "b", "total": 1.1, "scores": { "safety": 1.2 } },
    { "entity": "c", "total": 1.8, "scores": { "safety": 1.9 } }
  ] }]
}"#;
    let data = read_native(text).expect("reads");
    assert_eq!(data.meta.total_direction, Direction::LowerIsBetter);
    let year = &data.years[0];
    let first = year.derived.order.first().expect("a ranked record");
    assert_eq!(
        data.entities[year.records[first].entity()].en,
        "B",
        "1.1 is first"
    );
    let ranks: Vec<String> = year.derived.ranks.iter().map(ToString::to_string).collect();
    assert_eq!(ranks, ["3", "1", "2"]);
    let again = read_native(&write_native(&data)).expect("round trip");
    assert_eq!(again, data);

    // A CSV of a peace index with its published ranks opens with no warning about the order.
    let dir = std::env::temp_dir().join(format!("rankscope-peace-{:05}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let csv = dir.join("peace-2023.csv");
    std::fs::write(
        &csv,
        "Rank,Country,Overall Score,Safety,Conflict\n1,Iceland,1.107,1.2,1.0\n2,Denmark,1.296,1.3,1.2\n\
         3,Ireland,1.303,1.4,1.1\n4,New Zealand,1.312,1.3,1.3\n5,Austria,1.316,1.35,1.3\n6,Singapore,1.332,1.36,1.25\n",
    )
    .expect("written");
    let loaded = load_path_with(&csv, None).expect("opens");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        loaded.dataset.meta.total_direction,
        Direction::LowerIsBetter
    );
    assert!(
        !loaded
            .warnings
            .iter()
            .any(|w| w.contains("a better rank has")),
        "{:?}",
        loaded.warnings
    );
    let model = WhatIf::new(&loaded.dataset, 0, Normalization::MinMax).expect("a year");
    let ranking = model.rank(&Weights::equal(2));
    let iceland = loaded.dataset.find_entity("Iceland").expect("listed");
    let row = (0..model.len())
        .find(|&r| model.entities[r] == iceland)
        .expect("a row");
    assert_eq!(
        ranking.rank[row],
        Some(1),
        "the most peaceful stays first under equal weights"
    );
}

#[test]
fn the_fit_reads_pillars_published_as_places_turned_round() {
    let loaded = cwur();
    let fit = rankscope::model::whatif::fit_year(&loaded.dataset, 0).expect("a fit");
    let rho = fit.spearman.expect("a correlation");
    // CWUR's score is not a weighted sum of places (R² stays low), but read turned round the
    // places reproduce the published order.
    assert!(
        rho > 0.5,
        "the reproduced order follows the published one: ρ = {rho}"
    );
    assert!(fit.weights.iter().any(|w| *w > 0.0));
}
