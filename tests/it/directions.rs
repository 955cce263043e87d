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
            .is_some_and(|r| r.contains("whole places that rise as the total falls")),
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
