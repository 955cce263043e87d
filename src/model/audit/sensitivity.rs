//! Which choice drives the rank uncertainty: Sobol' indices of each factor group (the weights,
//! the normalisation, the aggregation, the outlier treatment, the structure) on the mean absolute
//! rank shift from the nominal ranking, and on one entity's rank, from Saltelli's design.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::columns::PreparedColumns;
use super::factors::{Aggregation, AuditFactors, Scenario};
use super::run::AuditError;
use super::sobol::{SobolDesign, SobolIndex, SobolOutputs, sobol_indices};
use crate::model::Dataset;
use crate::model::whatif::{Weights, competition_ranks_into};

/// A factor of the analysis, as a group of inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum FactorGroup {
    Weights,
    Normalization,
    Aggregation,
    Outliers,
    Structure,
}

impl FactorGroup {
    /// The id used in the JSON and on the command line.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Weights => "weights",
            Self::Normalization => "normalization",
            Self::Aggregation => "aggregation",
            Self::Outliers => "outliers",
            Self::Structure => "structure",
        }
    }
}

/// The groups that vary under `factors` (a factor with one choice explains nothing), each with
/// its number of input dimensions, for `capacities` capacities.
#[must_use]
pub fn factor_groups(factors: &AuditFactors, capacities: usize) -> Vec<(FactorGroup, usize)> {
    let mut groups = Vec::new();
    if factors.spread > 0.0 || factors.simplex {
        groups.push((FactorGroup::Weights, capacities));
    }
    if factors.normalizations.len() > 1 {
        groups.push((FactorGroup::Normalization, 1));
    }
    if factors.aggregations.len() > 1 {
        groups.push((FactorGroup::Aggregation, 1));
    }
    if factors.winsorize.is_some() {
        groups.push((FactorGroup::Outliers, 1));
    }
    if factors.leave_one_out {
        groups.push((FactorGroup::Structure, 1));
    }
    groups
}

/// The scenario of a point `u` of the unit cube, its dimensions laid out as `groups`: weights
/// as in [`AuditFactors::sample`], each discrete factor the ⌊u·choices⌋-th choice; a factor
/// not in `groups` keeps its nominal choice.
#[must_use]
pub fn scenario_at(
    factors: &AuditFactors,
    base: &[f64],
    groups: &[(FactorGroup, usize)],
    u: &[f64],
) -> Scenario {
    let mut scenario = factors.nominal(base);
    let pick = |v: f64, n: usize| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a choice among a few"
        )]
        let i = (v * n as f64) as usize;
        i.min(n.saturating_sub(1))
    };
    let mut at = 0;
    for &(group, dims) in groups {
        let v = &u[at..at + dims];
        match group {
            FactorGroup::Weights if factors.simplex => {
                let draws: Vec<f64> = v.iter().map(|x| -(1.0 - x).ln()).collect();
                let total: f64 = draws.iter().sum();
                scenario.weights = draws
                    .iter()
                    .map(|d| d / total.max(f64::MIN_POSITIVE))
                    .collect();
            }
            FactorGroup::Weights => {
                scenario.weights = base
                    .iter()
                    .zip(v)
                    .map(|(w, x)| w * (1.0 + factors.spread * (2.0 * x - 1.0)))
                    .collect();
            }
            FactorGroup::Normalization => {
                scenario.normalization = pick(v[0], factors.normalizations.len());
            }
            FactorGroup::Aggregation => {
                scenario.aggregation = factors
                    .aggregations
                    .get(pick(v[0], factors.aggregations.len()))
                    .copied()
                    .unwrap_or(Aggregation::Arithmetic);
            }
            FactorGroup::Outliers => scenario.winsorized = v[0] >= 0.5,
            FactorGroup::Structure => {
                scenario.left_out = pick(v[0], base.len() + 1).checked_sub(1);
            }
        }
        at += dims;
    }
    scenario
}

/// Per row of the design: the outputs (mean shift, entity's rank) at A, B and each `A_B⁽ᵍ⁾`.
type RowOut = Vec<(f64, f64)>;

/// How large a design, and whose rank besides the mean shift.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityParams {
    /// N of Saltelli's design: the run costs N·(G + 2) rankings.
    pub n: usize,
    pub seed: u64,
    /// Bootstrap resamples for the intervals.
    pub resamples: usize,
    /// An entity (dataset index) whose rank is a second output.
    pub entity: Option<usize>,
}

/// The indices of every factor group.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    pub groups: Vec<FactorGroup>,
    /// On the mean absolute rank shift from the nominal ranking.
    pub mean_shift: Vec<SobolIndex>,
    /// On the chosen entity's rank, when it is ranked.
    pub entity: Option<(usize, Vec<SobolIndex>)>,
    pub n: usize,
    /// Rankings computed: N·(G + 2).
    pub runs: usize,
}

/// Runs the design on `threads` threads; `progress` counts rankings.
///
/// # Errors
/// No cohort, nothing that varies, or [`AuditError::Cancelled`].
pub fn run_sensitivity(
    data: &Dataset,
    year_index: usize,
    factors: &AuditFactors,
    params: &SensitivityParams,
    threads: usize,
    (progress, cancel): (&AtomicU64, &AtomicBool),
) -> Result<Sensitivity, AuditError> {
    if factors.aggregations.is_empty() {
        return Err(AuditError::NoAggregation);
    }
    if params.n == 0 {
        return Err(AuditError::NoSamples);
    }
    let prepared = PreparedColumns::new(data, year_index, factors)
        .filter(|p| !p.is_empty())
        .ok_or(AuditError::NoCohort)?;
    let base = Weights::from_dataset(&data.meta.capacities);
    let base = base.values();
    let groups = factor_groups(factors, base.len());
    if groups.is_empty() {
        return Err(AuditError::NoSamples);
    }
    let design = SobolDesign {
        n: params.n,
        groups: groups.iter().map(|g| g.1).collect(),
        seed: params.seed,
        resamples: params.resamples,
    };
    let rows = prepared.len();
    let (mut sums, mut scratch, mut nominal) = (Vec::new(), Vec::new(), vec![0; rows]);
    prepared.composite(&factors.nominal(base), &mut sums);
    competition_ranks_into(&sums, &mut scratch, &mut nominal);
    let entity_row = params.entity.and_then(|e| prepared.model.row_of(e));
    // Both outputs of one point of the cube.
    let outputs = |u: &[f64], buffers: &mut (Vec<f64>, Vec<(f64, u32)>, Vec<u32>)| {
        let (sums, scratch, ranks) = buffers;
        prepared.composite(&scenario_at(factors, base, &groups, u), sums);
        competition_ranks_into(sums, scratch, ranks);
        let (mut shift, mut counted) = (0.0, 0_u32);
        for (&r, &n) in ranks.iter().zip(&nominal) {
            if r > 0 && n > 0 {
                shift += f64::from(r.abs_diff(n));
                counted += 1;
            }
        }
        let mean = if counted > 0 {
            shift / f64::from(counted)
        } else {
            0.0
        };
        let own = entity_row.map_or(0.0, |row| f64::from(ranks[row]));
        progress.fetch_add(1, Ordering::Relaxed);
        (mean, own)
    };
    let threads = threads.max(1).min(params.n);
    let chunk = params.n.div_ceil(threads);
    let parts: Vec<Option<Vec<RowOut>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (design, outputs) = (&design, &outputs);
                let range = (t * chunk).min(params.n)..((t + 1) * chunk).min(params.n);
                scope.spawn(move || {
                    let mut buffers = (Vec::new(), Vec::new(), vec![0_u32; rows]);
                    let mut out = Vec::with_capacity(range.len());
                    for j in range {
                        if cancel.load(Ordering::Relaxed) {
                            return None;
                        }
                        let mut row = vec![
                            outputs(&design.row(0, j), &mut buffers),
                            outputs(&design.row(1, j), &mut buffers),
                        ];
                        for g in 0..design.groups.len() {
                            row.push(outputs(&design.mixed_row(g, j), &mut buffers));
                        }
                        out.push(row);
                    }
                    Some(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut all: Vec<RowOut> = Vec::with_capacity(params.n);
    for part in parts {
        all.extend(part.ok_or(AuditError::Cancelled)?);
    }
    let collect = |pick: fn(&(f64, f64)) -> f64| SobolOutputs {
        a: all.iter().map(|r| pick(&r[0])).collect(),
        b: all.iter().map(|r| pick(&r[1])).collect(),
        ab: (0..design.groups.len())
            .map(|g| all.iter().map(|r| pick(&r[2 + g])).collect())
            .collect(),
    };
    let mean_shift = sobol_indices(&design, &collect(|o| o.0));
    let entity = params
        .entity
        .filter(|_| entity_row.is_some())
        .map(|e| (e, sobol_indices(&design, &collect(|o| o.1))));
    Ok(Sensitivity {
        groups: groups.iter().map(|g| g.0).collect(),
        mean_shift,
        entity,
        n: params.n,
        runs: design.cost(),
    })
}
