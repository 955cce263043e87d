//! Rank robustness by Monte Carlo: every weight is multiplied by its own factor drawn uniformly
//! from [1 − spread, 1 + spread), the cohort is re-ranked, and each row's best and worst place
//! is kept. Seeded and deterministic, however the samples are split over threads.

pub use crate::model::rng::SplitMix64;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::composite::{WhatIf, competition_ranks_into};
use super::weights::Weights;

/// What to sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RobustnessParams {
    /// The number of random weightings.
    pub samples: u32,
    /// The relative range of each weight: 0.2 draws factors in [0.8, 1.2). Between 0 and 1.
    pub spread: f64,
    pub seed: u64,
    /// The "always in the top k" threshold, usually 10.
    pub top_k: u32,
}

impl Default for RobustnessParams {
    fn default() -> Self {
        Self {
            samples: 1000,
            spread: 0.2,
            seed: 1,
            top_k: 10,
        }
    }
}

/// Why no result came back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RobustnessError {
    /// The cancel flag was raised.
    Cancelled,
    /// The spread is not within 0..=1.
    BadSpread(f64),
    /// Zero samples were asked for.
    NoSamples,
    /// The run ended without a result (its worker thread stopped).
    Stopped,
}

impl std::fmt::Display for RobustnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cancelled => f.write_str("cancelled"),
            Self::BadSpread(s) => write!(f, "spread {s}: expected a value between 0 and 1"),
            Self::NoSamples => f.write_str("the number of samples must be at least 1"),
            Self::Stopped => f.write_str("the run stopped before it finished"),
        }
    }
}

impl std::error::Error for RobustnessError {}

/// Per row of the [`WhatIf`]: the range of what-if ranks over all samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Robustness {
    pub params: RobustnessParams,
    /// Per row: the best rank taken, `None` for rows without a composite.
    pub min_rank: Vec<Option<u32>>,
    /// Per row: the worst rank taken.
    pub max_rank: Vec<Option<u32>>,
    /// Per row: the mean rank over the samples.
    pub mean_rank: Vec<Option<f64>>,
    /// Per row: how many samples put it in the top k.
    pub top_k_count: Vec<u32>,
    /// Rows in the top k under every sample, by best then worst rank (then row).
    pub always_top: Vec<usize>,
}

/// Partial results over some of the samples; parts merge in any order to the same result.
#[derive(Clone, Debug, PartialEq)]
pub struct RobustnessPart {
    samples: u32,
    min: Vec<u32>,
    max: Vec<u32>,
    sum: Vec<u64>,
    top: Vec<u32>,
}

impl RobustnessPart {
    fn new(rows: usize) -> Self {
        Self {
            samples: 0,
            min: vec![u32::MAX; rows],
            max: vec![0; rows],
            sum: vec![0; rows],
            top: vec![0; rows],
        }
    }

    /// Adds another part's samples.
    pub fn merge(&mut self, other: &Self) {
        self.samples += other.samples;
        for (a, b) in self.min.iter_mut().zip(&other.min) {
            *a = (*a).min(*b);
        }
        for (a, b) in self.max.iter_mut().zip(&other.max) {
            *a = (*a).max(*b);
        }
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.top.iter_mut().zip(&other.top) {
            *a += b;
        }
    }
}

/// The weights of sample `index`: each base weight times a factor drawn from
/// [1 − spread, 1 + spread). Each sample has its own generator, seeded from `seed` and `index`,
/// so a sample does not depend on which thread or chunk draws it. Not normalised: ranks depend
/// on the ratios only, and spread 0 gives the base weights exactly.
#[must_use]
pub fn sample_weights(base: &Weights, spread: f64, seed: u64, index: u32) -> Vec<f64> {
    let mut rng = SplitMix64::new(seed ^ SplitMix64::new(u64::from(index)).next_u64());
    base.values()
        .iter()
        .map(|w| w * (1.0 + spread * (2.0 * rng.unit() - 1.0)))
        .collect()
}

/// Runs samples `range` of `params`; `progress` grows by one per sample. `None` when `cancel`
/// is raised (checked before each sample).
#[must_use]
pub fn run_samples(
    model: &WhatIf,
    base: &Weights,
    params: &RobustnessParams,
    range: Range<u32>,
    progress: &AtomicU64,
    cancel: &AtomicBool,
) -> Option<RobustnessPart> {
    let mut part = RobustnessPart::new(model.len());
    let (mut sums, mut scratch, mut ranks) = (Vec::new(), Vec::new(), vec![0_u32; model.len()]);
    for index in range {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let weights = sample_weights(base, params.spread, params.seed, index);
        model.weighted_sums(&weights, &mut sums);
        competition_ranks_into(&sums, &mut scratch, &mut ranks);
        for (row, &rank) in ranks.iter().enumerate() {
            if rank > 0 {
                part.min[row] = part.min[row].min(rank);
                part.max[row] = part.max[row].max(rank);
                part.sum[row] += u64::from(rank);
                part.top[row] += u32::from(rank <= params.top_k);
            }
        }
        part.samples += 1;
        progress.fetch_add(1, Ordering::Relaxed);
    }
    Some(part)
}

/// Runs all samples of `params` on `threads` threads (at least one), for use off the UI thread:
/// `progress` counts finished samples, `cancel` stops early. The result is identical for the same
/// seed whatever the number of threads.
pub fn robustness(
    model: &WhatIf,
    base: &Weights,
    params: &RobustnessParams,
    threads: usize,
    progress: &AtomicU64,
    cancel: &AtomicBool,
) -> Result<Robustness, RobustnessError> {
    if !(0.0..=1.0).contains(&params.spread) {
        return Err(RobustnessError::BadSpread(params.spread));
    }
    if params.samples == 0 {
        return Err(RobustnessError::NoSamples);
    }
    let threads = u32::try_from(threads.max(1))
        .unwrap_or(1)
        .min(params.samples);
    let chunk = params.samples.div_ceil(threads);
    let ranges: Vec<Range<u32>> = (0..threads)
        .map(|t| (t * chunk).min(params.samples)..((t + 1) * chunk).min(params.samples))
        .collect();
    let parts: Vec<Option<RobustnessPart>> = if ranges.len() == 1 {
        vec![run_samples(
            model,
            base,
            params,
            0..params.samples,
            progress,
            cancel,
        )]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = ranges
                .into_iter()
                .map(|range| {
                    scope.spawn(move || run_samples(model, base, params, range, progress, cancel))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        })
    };
    let mut total = RobustnessPart::new(model.len());
    for part in parts {
        total.merge(&part.ok_or(RobustnessError::Cancelled)?);
    }
    Ok(finish(*params, &total))
}

fn finish(params: RobustnessParams, part: &RobustnessPart) -> Robustness {
    let ranked = |row: usize| part.max[row] > 0;
    let rows = 0..part.min.len();
    let min_rank: Vec<Option<u32>> = rows
        .clone()
        .map(|r| ranked(r).then_some(part.min[r]))
        .collect();
    let max_rank: Vec<Option<u32>> = rows
        .clone()
        .map(|r| ranked(r).then_some(part.max[r]))
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "rank sums stay far below 2^52")]
    let mean_rank = rows
        .clone()
        .map(|r| ranked(r).then(|| part.sum[r] as f64 / f64::from(part.samples.max(1))))
        .collect();
    let mut always_top: Vec<usize> = rows
        .filter(|&r| ranked(r) && part.samples > 0 && part.top[r] == part.samples)
        .collect();
    always_top.sort_by_key(|&r| (part.min[r], part.max[r], r));
    Robustness {
        params,
        min_rank,
        max_rank,
        mean_rank,
        top_k_count: part.top.clone(),
        always_top,
    }
}
