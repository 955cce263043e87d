//! The what-if composite of one year: capacity scores normalised once over the year's cohort,
//! then, for any weights, a weighted sum, a competition ranking and the change against the
//! official rank.

use crate::model::radar::{AxisCohort, Normalization};
pub use crate::model::rank::competition_ranks_into;
use crate::model::{Dataset, Rank, RankChange};

use super::exact::{ExactColumn, exact_sums};
use super::weights::Weights;

/// One year's cohort with its capacity scores normalised, ready to be ranked under any weights.
///
/// Rows are the year's ranked records (exact or band) in official rank order; records the year
/// leaves unranked take no part. Built once per (year, normalisation); a weight change costs a
/// weighted sum and a sort ([`WhatIf::rank`]). It is `Send + Sync`: share it as `Arc<WhatIf>`
/// with a worker thread.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// The year, as in [`crate::model::Year::year`].
    pub year: i32,
    pub normalization: Normalization,
    /// Per row: the record index in the year.
    pub records: Vec<usize>,
    /// Per row: the entity index in the dataset.
    pub entities: Vec<usize>,
    /// Per row: the official rank (never [`Rank::Unranked`]).
    pub official: Vec<Rank>,
    /// Per capacity, per row: the normalised score; NaN when the score is missing.
    pub(super) columns: Vec<Vec<f64>>,
    /// Per capacity: the same column as exact fractions, when the scores are decimals and
    /// the scale allows it (see [`super::exact`]).
    exact: Vec<Option<ExactColumn>>,
    /// Per entity of the dataset: its row, if the year ranks it.
    row_of_entity: Vec<Option<usize>>,
}

/// The ranking under one set of weights. Vectors are indexed by row, as in [`WhatIf`].
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIfRanking {
    /// The weights, normalised to sum 1.
    pub weights: Vec<f64>,
    /// Per row: Σ wᵢ·normᵢ(score), `None` when a capacity with a non-zero weight has no score.
    pub composite: Vec<Option<f64>>,
    /// Per row: the competition rank (1-2-2-4) among the rows with a composite.
    pub rank: Vec<Option<u32>>,
    /// Per row: official rank − what-if rank, positive when the row gains places, both counted
    /// within the rows the what-if ranks (an entity left out for a missing score moves no one
    /// else). An interval when the official rank is a band (see [`RankChange::between`]).
    pub delta: Vec<Option<RankChange>>,
    /// Rows with no what-if rank: a component with a non-zero weight has no score.
    pub left_out: Vec<usize>,
    /// Rows with a composite, best first (ties by official order), then rows without one.
    pub order: Vec<usize>,
}

/// What the what-if does with a ranked entity that lacks a component's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MissingScores {
    /// The entity gets no what-if rank while a weighted component is missing; it is named, and
    /// the others' changes are counted without it.
    #[default]
    LeaveOut,
    /// The missing score is the cohort's mean score on that component.
    CohortMean,
    /// The missing score is the cohort's median score on that component.
    CohortMedian,
}

impl MissingScores {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::LeaveOut, Self::CohortMean, Self::CohortMedian];

    /// The id used on the command line.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::LeaveOut => "leave-out",
            Self::CohortMean => "mean",
            Self::CohortMedian => "median",
        }
    }
}

impl WhatIf {
    /// The what-if model of year index `year_index`, or `None` when there is no such year; an
    /// entity missing a component's score is left out ([`MissingScores::LeaveOut`]).
    #[must_use]
    pub fn new(data: &Dataset, year_index: usize, normalization: Normalization) -> Option<Self> {
        Self::with_missing(data, year_index, normalization, MissingScores::LeaveOut)
    }

    /// As [`WhatIf::new`], with missing scores treated as `missing` says. Imputed scores are
    /// put in before normalising (a cohort mean is normalised like any score).
    #[must_use]
    pub fn with_missing(
        data: &Dataset,
        year_index: usize,
        normalization: Normalization,
        missing: MissingScores,
    ) -> Option<Self> {
        let year = data.years.get(year_index)?;
        let rows: Vec<usize> = year
            .derived
            .order
            .iter()
            .filter(|&r| year.records.get(r).is_some())
            .collect();
        let (columns, exact) = (0..data.meta.capacities.len())
            .map(|c| {
                let cohort = AxisCohort::of_capacity(data, year, c);
                let fill = match missing {
                    MissingScores::LeaveOut => None,
                    MissingScores::CohortMean => (!cohort.sorted.is_empty()).then_some(cohort.mean),
                    MissingScores::CohortMedian => cohort.median(),
                };
                let mut imputed = false;
                let column = year.values.score_column(c);
                let raw: Vec<f64> = rows
                    .iter()
                    .map(|&r| {
                        let score = column.get(r).filter(|v| v.is_finite());
                        imputed |= score.is_none() && fill.is_some();
                        score.or(fill).unwrap_or(f64::NAN)
                    })
                    .collect();
                // A column turned round (lower is better) or with imputed scores is summed in
                // floating point.
                let exact = (cohort.direction == crate::model::Direction::HigherIsBetter
                    && !imputed)
                    .then(|| ExactColumn::new(&raw, &cohort.sorted, normalization))
                    .flatten();
                let column = raw
                    .iter()
                    .map(|&v| {
                        if v.is_nan() {
                            v
                        } else {
                            cohort.normalize(v, normalization)
                        }
                    })
                    .collect();
                (column, exact)
            })
            .unzip();
        let mut row_of_entity = vec![None; data.entities.len()];
        for (row, &r) in rows.iter().enumerate() {
            if let Some(slot) = row_of_entity.get_mut(year.records[r].entity()) {
                *slot = Some(row);
            }
        }
        Some(Self {
            year: year.year,
            row_of_entity,
            normalization,
            entities: rows.iter().map(|&r| year.records[r].entity()).collect(),
            official: rows
                .iter()
                .map(|&r| year.derived.ranks.get(r).copied().unwrap_or(Rank::Unranked))
                .collect(),
            records: rows,
            columns,
            exact,
        })
    }

    /// The number of rows (the year's ranked records).
    #[must_use]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the year ranks no one.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The number of capacities.
    #[must_use]
    pub fn capacity_count(&self) -> usize {
        self.columns.len()
    }

    /// The normalised score of `row` on capacity `capacity`, `None` when missing.
    #[must_use]
    pub fn normalized_score(&self, row: usize, capacity: usize) -> Option<f64> {
        self.columns
            .get(capacity)?
            .get(row)
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// The row of `entity`, if the year ranks it.
    #[must_use]
    pub fn row_of(&self, entity: usize) -> Option<usize> {
        self.row_of_entity.get(entity).copied().flatten()
    }

    /// Σ wᵢ·columnᵢ per row with `weights` as given (not normalised); NaN where a capacity with
    /// a non-zero weight is missing. Zero weights are skipped, so their gaps do not matter.
    /// Exact for decimal scores and weights ([`super::exact`]): equal decimal sums are equal.
    pub(super) fn weighted_sums(&self, weights: &[f64], out: &mut Vec<f64>) {
        if exact_sums(&self.exact, weights, out) {
            return;
        }
        out.clear();
        out.resize(self.len(), 0.0);
        for (column, &w) in self.columns.iter().zip(weights) {
            if w != 0.0 {
                for (sum, &x) in out.iter_mut().zip(column) {
                    *sum += w * x;
                }
            }
        }
    }

    /// The ranking under `weights`; composites use the weights normalised to sum 1.
    #[must_use]
    pub fn rank(&self, weights: &Weights) -> WhatIfRanking {
        // Ranks come from the sums with the weights as given (exact for decimal input), divided
        // by their total only for display; the sensitivity and Monte Carlo code rank the very
        // same sums.
        let mut sums = Vec::new();
        self.weighted_sums(weights.values(), &mut sums);
        let mut scratch = Vec::new();
        let mut ranks = vec![0_u32; self.len()];
        competition_ranks_into(&sums, &mut scratch, &mut ranks);
        let total: f64 = weights.values().iter().sum();
        let scale = if total > 0.0 { total } else { 1.0 };
        let rank: Vec<Option<u32>> = ranks.iter().map(|&r| (r > 0).then_some(r)).collect();
        let official = official_within(&self.official, &rank);
        let delta = official
            .iter()
            .zip(&rank)
            .map(|(official, r)| {
                Some(RankChange::between((*official)?, Rank::Exact((*r)?)))
                    .filter(|c| matches!(c, RankChange::Moved { .. }))
            })
            .collect();
        let left_out = (0..self.len()).filter(|&row| rank[row].is_none()).collect();
        let mut order: Vec<usize> = scratch.iter().map(|&(_, row)| row as usize).collect();
        order.extend((0..self.len()).filter(|&row| ranks[row] == 0));
        WhatIfRanking {
            weights: weights.normalized(),
            composite: sums
                .iter()
                .map(|&s| (!s.is_nan()).then_some(s / scale))
                .collect(),
            rank,
            delta,
            left_out,
            order,
        }
    }
}

/// The official ranks counted within the rows that have a what-if rank: a place is one more
/// than the ranked rows placed wholly above it; a band spans the ranked rows it may be level
/// with. Equal to the official ranks when every row is ranked.
pub(super) fn official_within(official: &[Rank], ranked: &[Option<u32>]) -> Vec<Option<Rank>> {
    let bounds: Vec<Option<(u32, u32)>> = official
        .iter()
        .zip(ranked)
        .map(|(rank, r)| r.and(rank.bounds()))
        .collect();
    // The ranked rows' lower and upper bounds, each sorted: how many lie below a place is a
    // binary search (a count over every row for every row took seconds at 100,000 rows).
    let mut los: Vec<u32> = bounds.iter().flatten().map(|&(lo, _)| lo).collect();
    let mut his: Vec<u32> = bounds.iter().flatten().map(|&(_, hi)| hi).collect();
    los.sort_unstable();
    his.sort_unstable();
    bounds
        .iter()
        .zip(official)
        .map(|(b, rank)| {
            let (lo, hi) = (*b)?;
            let above = his.partition_point(|&other_hi| other_hi < lo);
            let level = los.partition_point(|&other_lo| other_lo <= hi);
            let first = u32::try_from(above + 1).unwrap_or(u32::MAX);
            let last = u32::try_from(level).unwrap_or(u32::MAX).max(first);
            Some(match rank {
                Rank::Exact(_) => Rank::Exact(first),
                _ if first == last => Rank::Exact(first),
                _ => Rank::Band {
                    lo: first,
                    hi: last,
                },
            })
        })
        .collect()
}

impl WhatIfRanking {
    /// The certain gain in places of `row` (negative: a loss; 0 when a band overlaps).
    #[must_use]
    pub fn rise(&self, row: usize) -> Option<i64> {
        self.delta.get(row).copied().flatten()?.guaranteed_rise()
    }

    /// Up to `n` rows that gain most places (certain gain > 0), largest first; ties by what-if rank.
    #[must_use]
    pub fn winners(&self, n: usize) -> Vec<usize> {
        self.movers(n, 1)
    }

    /// Up to `n` rows that lose most places (certain loss > 0), largest first; ties by what-if rank.
    #[must_use]
    pub fn losers(&self, n: usize) -> Vec<usize> {
        self.movers(n, -1)
    }

    fn movers(&self, n: usize, sign: i64) -> Vec<usize> {
        let mut rows: Vec<(i64, usize)> = self
            .order
            .iter()
            .filter_map(|&row| Some((self.rise(row)? * sign, row)))
            .filter(|(gain, _)| *gain > 0)
            .collect();
        // A stable sort keeps what-if rank order among equal gains.
        rows.sort_by_key(|&(gain, _)| std::cmp::Reverse(gain));
        rows.into_iter().take(n).map(|(_, row)| row).collect()
    }

    /// Rows in the what-if top `k` (rank ≤ k), best first.
    #[must_use]
    pub fn top(&self, k: u32) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&row| {
                self.rank
                    .get(row)
                    .copied()
                    .flatten()
                    .is_some_and(|r| r <= k)
            })
            .collect()
    }
}

#[cfg(test)]
mod official_within_tests {
    use super::official_within;
    use crate::model::Rank;

    /// The rule as first written: for each row, a count over every ranked row.
    fn by_counting(official: &[Rank], ranked: &[Option<u32>]) -> Vec<Option<Rank>> {
        let bounds: Vec<Option<(u32, u32)>> = official
            .iter()
            .zip(ranked)
            .map(|(rank, r)| r.and(rank.bounds()))
            .collect();
        let present: Vec<(u32, u32)> = bounds.iter().flatten().copied().collect();
        bounds
            .iter()
            .zip(official)
            .map(|(b, rank)| {
                let (lo, hi) = (*b)?;
                let above = present.iter().filter(|&&(_, h)| h < lo).count();
                let level = present.iter().filter(|&&(l, _)| l <= hi).count();
                let first = u32::try_from(above + 1).unwrap_or(u32::MAX);
                let last = u32::try_from(level).unwrap_or(u32::MAX).max(first);
                Some(match rank {
                    Rank::Exact(_) => Rank::Exact(first),
                    _ if first == last => Rank::Exact(first),
                    _ => Rank::Band {
                        lo: first,
                        hi: last,
                    },
                })
            })
            .collect()
    }

    #[test]
    fn places_within_the_ranked_rows_are_those_counted_row_by_row() {
        // Exact places with ties, bands, open bands and rows without a what-if rank.
        let mut seed = 11_u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            u32::try_from((seed >> 33) % n).unwrap_or(0)
        };
        for _ in 0..50 {
            let len = 1 + next(40) as usize;
            let official: Vec<Rank> = (0..len)
                .map(|_| match next(4) {
                    0 => Rank::Band { lo: 5, hi: 9 },
                    1 => Rank::Open { lo: 20, hi: 30 },
                    2 => Rank::Unranked,
                    _ => Rank::Exact(1 + next(12)),
                })
                .collect();
            let ranked: Vec<Option<u32>> = (0..len).map(|_| (next(5) > 0).then_some(1)).collect();
            assert_eq!(
                official_within(&official, &ranked),
                by_counting(&official, &ranked),
                "{official:?} {ranked:?}"
            );
        }
    }
}
