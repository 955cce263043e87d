//! The uncertainty analysis: the index rebuilt and re-ranked under many scenarios, each row's
//! ranks tallied, and per row the official and nominal ranks, the median, the 5th and 95th
//! percentiles, the mean and the shares in the top 10 and the top N. Seeded and deterministic
//! whatever the number of threads; cancellable; progress counted per scenario.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::columns::PreparedColumns;
use super::factors::{AuditFactors, Scenario};
use super::tally::RankTally;
use crate::model::whatif::{Weights, competition_ranks_into};
use crate::model::{Dataset, Rank};

/// What to run.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditParams {
    pub factors: AuditFactors,
    /// Scenarios to draw (ignored when the factors are listed in full).
    pub samples: u32,
    pub seed: u64,
    /// The second "share in the top N" threshold (the first is 10).
    pub top_n: u32,
}

impl Default for AuditParams {
    fn default() -> Self {
        Self {
            factors: AuditFactors::default(),
            samples: 1000,
            seed: 1,
            top_n: 20,
        }
    }
}

/// Why no result came back.
#[derive(Clone, Debug, PartialEq)]
pub enum AuditError {
    /// The year does not exist, ranks no one, or the factors list no normalisation.
    NoCohort,
    /// The spread is not within 0..=1.
    BadSpread(f64),
    /// No aggregation was given.
    NoAggregation,
    /// Zero samples were asked for.
    NoSamples,
    Cancelled,
}

impl std::fmt::Display for AuditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoCohort => f.write_str("the year ranks no one (or no normalisation was given)"),
            Self::BadSpread(s) => write!(f, "spread {s}: expected a value between 0 and 1"),
            Self::NoAggregation => f.write_str("no aggregation was given"),
            Self::NoSamples => f.write_str("the number of samples must be at least 1"),
            Self::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl std::error::Error for AuditError {}

/// One row of the result (a ranked entity of the year).
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRow {
    pub entity: usize,
    /// The published rank.
    pub official: Rank,
    /// The rank under the nominal scenario (the dataset's weights, the first normalisation
    /// and aggregation, no outlier treatment).
    pub nominal: Option<u32>,
    pub median: Option<u32>,
    pub p5: Option<u32>,
    pub p95: Option<u32>,
    pub mean: Option<f64>,
    /// Shares of all scenarios with the row in the top 10 and in the top N.
    pub top10: f64,
    pub top_n: f64,
}

/// The analysis of one year.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditResult {
    pub params: AuditParams,
    pub year: i32,
    /// Scenarios counted: the samples, or every listed scenario.
    pub scenarios: u64,
    /// Whether the scenarios were listed in full (every discrete choice once) rather than drawn.
    pub enumerated: bool,
    /// Places per rank bin: 1 when percentiles are exact, else each within half a bin.
    pub bin_width: u32,
    /// Rows in official order.
    pub rows: Vec<AuditRow>,
}

/// Ranks every row under each scenario of `scenarios` (a range of indices into the listed or
/// drawn scenarios) into a tally.
fn tally_range(
    prepared: &PreparedColumns,
    params: &AuditParams,
    scenario: &(dyn Fn(u64) -> Scenario + Sync),
    range: std::ops::Range<u64>,
    progress: &AtomicU64,
    cancel: &AtomicBool,
) -> Option<RankTally> {
    let mut tally = RankTally::new(prepared.len(), params.top_n);
    let (mut sums, mut scratch, mut ranks) = (Vec::new(), Vec::new(), vec![0; prepared.len()]);
    for index in range {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        prepared.composite(&scenario(index), &mut sums);
        competition_ranks_into(&sums, &mut scratch, &mut ranks);
        tally.add(&ranks);
        progress.fetch_add(1, Ordering::Relaxed);
    }
    Some(tally)
}

/// How many scenarios `params` runs on year index `year_index` of `data` (for progress).
#[must_use]
pub fn scenario_count(data: &Dataset, params: &AuditParams) -> u64 {
    if params.factors.is_enumerable() {
        let base = Weights::from_dataset(&data.meta.capacities);
        params.factors.all_scenarios(base.values()).len() as u64
    } else {
        u64::from(params.samples)
    }
}

/// Runs the analysis of year index `year_index` on `threads` threads (at least one).
///
/// # Errors
/// A bad parameter, no cohort, or [`AuditError::Cancelled`] when `cancel` was raised.
pub fn run_audit(
    data: &Dataset,
    year_index: usize,
    params: &AuditParams,
    threads: usize,
    progress: &AtomicU64,
    cancel: &AtomicBool,
) -> Result<AuditResult, AuditError> {
    let factors = &params.factors;
    if !(0.0..=1.0).contains(&factors.spread) {
        return Err(AuditError::BadSpread(factors.spread));
    }
    if factors.aggregations.is_empty() {
        return Err(AuditError::NoAggregation);
    }
    let prepared = PreparedColumns::new(data, year_index, factors)
        .filter(|p| !p.is_empty())
        .ok_or(AuditError::NoCohort)?;
    let base = Weights::from_dataset(&data.meta.capacities);
    let base = base.values();
    let enumerated = factors.is_enumerable();
    let listed = if enumerated {
        factors.all_scenarios(base)
    } else {
        Vec::new()
    };
    let total = if enumerated {
        listed.len() as u64
    } else {
        if params.samples == 0 {
            return Err(AuditError::NoSamples);
        }
        u64::from(params.samples)
    };
    let scenario = |index: u64| -> Scenario {
        if enumerated {
            listed[usize::try_from(index).unwrap_or(0)].clone()
        } else {
            factors.sample(base, params.seed, index)
        }
    };
    let threads = (threads.max(1) as u64).min(total.max(1));
    let chunk = total.div_ceil(threads);
    let parts: Vec<Option<RankTally>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(total)..((t + 1) * chunk).min(total);
                let (prepared, scenario) = (&prepared, &scenario);
                scope
                    .spawn(move || tally_range(prepared, params, scenario, range, progress, cancel))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut tally = RankTally::new(prepared.len(), params.top_n);
    for part in parts {
        tally.merge(&part.ok_or(AuditError::Cancelled)?);
    }
    // The nominal ranking.
    let (mut sums, mut scratch, mut nominal) = (Vec::new(), Vec::new(), vec![0; prepared.len()]);
    prepared.composite(&factors.nominal(base), &mut sums);
    competition_ranks_into(&sums, &mut scratch, &mut nominal);
    let model = &prepared.model;
    let rows = (0..prepared.len())
        .map(|row| {
            let (top10, top_n) = tally.top_shares(row);
            AuditRow {
                entity: model.entities[row],
                official: model.official[row],
                nominal: (nominal[row] > 0).then_some(nominal[row]),
                median: tally.quantile(row, 0.5),
                p5: tally.quantile(row, 0.05),
                p95: tally.quantile(row, 0.95),
                mean: tally.mean(row),
                top10,
                top_n,
            }
        })
        .collect();
    Ok(AuditResult {
        params: params.clone(),
        year: model.year,
        scenarios: tally.scenarios,
        enumerated,
        bin_width: tally.bin_width(),
        rows,
    })
}
