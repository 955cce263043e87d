//! `rankscope gen`: synthetic datasets written as CSV read back (with the detected mapping) as the
//! same entities, years, ranks and values as written as JSON; the same seed gives the same bytes.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use std::path::PathBuf;

use rankscope::cli::{GenArgs, run_gen};
use rankscope::io::load_path;
use rankscope::model::{Dataset, Rank};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rankscope-gen-{:05}-{name}", std::process::id()))
}

fn gen_file(name: &str, seed: u64, no_ranks: bool) -> PathBuf {
    let out = temp(name);
    run_gen(&GenArgs {
        entities: 400,
        years: 3,
        indicators: 31,
        seed,
        first_year: 2021,
        no_ranks,
        decimals: None,
        out: out.clone(),
    })
    .expect("writes");
    out
}

/// Per year: each record's entity id, effective rank, total, scores and indicators.
type Summary = Vec<(i32, Vec<(String, Rank, Option<f64>, Vec<Option<f64>>)>)>;

fn summary(data: &Dataset) -> Summary {
    data.years
        .iter()
        .map(|year| {
            let records = year
                .record_refs()
                .zip(year.derived.ranks.iter())
                .map(|(r, rank)| {
                    let values = r.scores().iter().chain(r.indicators()).collect();
                    (
                        data.entities[r.entity()].id.clone(),
                        *rank,
                        r.total(),
                        values,
                    )
                })
                .collect();
            (year.year, records)
        })
        .collect()
}

#[test]
fn a_generated_csv_reads_back_as_the_generated_json() {
    for no_ranks in [false, true] {
        let csv = gen_file(&format!("{no_ranks}.csv"), 7, no_ranks);
        let json = gen_file(&format!("{no_ranks}.json"), 7, no_ranks);
        let from_csv = load_path(&csv).expect("the CSV opens with its detected mapping");
        let from_json = load_path(&json).expect("the JSON opens");
        assert_eq!(summary(&from_csv), summary(&from_json));
        assert_eq!(from_csv.meta.capacities.len(), 4);
        assert_eq!(
            from_csv.meta.indicators.len(),
            31,
            "capacity/indicator headers map to indicators"
        );
        let ranks = &from_json.years[2].derived.ranks;
        assert!(ranks.contains(&Rank::Exact(1)));
        if no_ranks {
            assert!(from_json.years.iter().all(|y| y.derived.ranks_computed));
        } else {
            assert!(ranks.contains(&Rank::Band { lo: 201, hi: 300 }));
        }
        for file in [csv, json] {
            std::fs::remove_file(file).expect("removed");
        }
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_bytes() {
    let read = |path: &PathBuf| {
        let bytes = std::fs::read(path).expect("written");
        std::fs::remove_file(path).expect("removed");
        bytes
    };
    let a = read(&gen_file("a.csv", 3, false));
    let b = read(&gen_file("b.csv", 3, false));
    let c = read(&gen_file("c.csv", 4, false));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(
        read(&gen_file("a.json", 3, false)),
        read(&gen_file("b.json", 3, false))
    );
}

#[test]
fn an_unknown_extension_is_refused() {
    let error = run_gen(&GenArgs {
        entities: 10,
        years: 1,
        indicators: 0,
        seed: 1,
        first_year: 2021,
        no_ranks: false,
        decimals: None,
        out: temp("x.xlsx"),
    })
    .expect_err("refused");
    assert!(
        error.contains("expected a .json, .csv, .parquet or .arrow"),
        "{error}"
    );
}
