//! The year's capacity scores prepared once per normalisation and outlier treatment, and the
//! composite of a scenario computed from them.

use super::factors::{Aggregation, AuditFactors, Scenario};
use crate::model::Dataset;
use crate::model::whatif::WhatIf;

/// One year's rows (its ranked records, in official order) with their capacity scores under
/// every normalisation of the factors, plain and winsorised.
#[derive(Clone, Debug)]
pub struct PreparedColumns {
    /// The what-if model of the first normalisation: rows, entities, official ranks.
    pub model: WhatIf,
    /// Per normalisation, per treatment (plain, winsorised): the column set.
    sets: Vec<[ColumnSet; 2]>,
}

/// Per capacity, per row: a score (NaN when missing); and each column's smallest score.
#[derive(Clone, Debug)]
struct ColumnSet {
    columns: Vec<Vec<f64>>,
    minimum: Vec<f64>,
}

impl ColumnSet {
    fn new(columns: Vec<Vec<f64>>) -> Self {
        let minimum = columns
            .iter()
            .map(|c| {
                c.iter()
                    .copied()
                    .filter(|v| !v.is_nan())
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        Self { columns, minimum }
    }
}

/// `column` with its `k` highest and `k` lowest scores set to the next score inwards (the
/// (k+1)-th from each end); unchanged when it has 2k scores or fewer.
#[must_use]
pub fn winsorized(column: &[f64], k: usize) -> Vec<f64> {
    let mut present: Vec<f64> = column.iter().copied().filter(|v| !v.is_nan()).collect();
    if k == 0 || present.len() <= 2 * k {
        return column.to_vec();
    }
    present.sort_by(f64::total_cmp);
    let (lo, hi) = (present[k], present[present.len() - 1 - k]);
    column
        .iter()
        .map(|&v| if v.is_nan() { v } else { v.clamp(lo, hi) })
        .collect()
}

impl PreparedColumns {
    /// The rows of year index `year_index` under every normalisation of `factors`; `None`
    /// when the year does not exist or no normalisation is given.
    #[must_use]
    pub fn new(data: &Dataset, year_index: usize, factors: &AuditFactors) -> Option<Self> {
        let models: Vec<WhatIf> = factors
            .normalizations
            .iter()
            .map(|&n| WhatIf::new(data, year_index, n))
            .collect::<Option<_>>()?;
        let model = models.first()?.clone();
        let sets = models
            .iter()
            .map(|m| {
                let plain: Vec<Vec<f64>> = (0..m.capacity_count())
                    .map(|c| {
                        (0..m.len())
                            .map(|row| m.normalized_score(row, c).unwrap_or(f64::NAN))
                            .collect()
                    })
                    .collect();
                let treated = plain
                    .iter()
                    .map(|c| winsorized(c, factors.winsorize.unwrap_or(0)))
                    .collect();
                [ColumnSet::new(plain), ColumnSet::new(treated)]
            })
            .collect();
        Some(Self { model, sets })
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.model.len()
    }

    /// Whether the year ranks no one.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.model.is_empty()
    }

    /// The composite of every row under `scenario` into `out` (higher is better); NaN where a
    /// capacity that counts is missing.
    pub fn composite(&self, scenario: &Scenario, out: &mut Vec<f64>) {
        out.clear();
        out.resize(self.len(), 0.0);
        let Some(set) = self
            .sets
            .get(scenario.normalization)
            .map(|s| &s[usize::from(scenario.winsorized)])
        else {
            out.fill(f64::NAN);
            return;
        };
        let weight = |c: usize| {
            if scenario.left_out == Some(c) {
                0.0
            } else {
                scenario.weights.get(c).copied().unwrap_or(0.0)
            }
        };
        let total: f64 = (0..set.columns.len()).map(weight).sum();
        for (c, column) in set.columns.iter().enumerate() {
            let w = weight(c);
            if w == 0.0 {
                continue;
            }
            match scenario.aggregation {
                Aggregation::Arithmetic => {
                    for (sum, &x) in out.iter_mut().zip(column) {
                        *sum += w * x;
                    }
                }
                Aggregation::Geometric => {
                    // The log of the weighted geometric mean; the shift keeps every term ≥ 1.
                    let shift = 1.0 - set.minimum[c];
                    let share = if total > 0.0 { w / total } else { 0.0 };
                    for (sum, &x) in out.iter_mut().zip(column) {
                        *sum += share * (x + shift).ln();
                    }
                }
                Aggregation::Harmonic => {
                    // Σ (wᵢ/Σw) / xᵢ', turned round below: the weighted harmonic mean is its
                    // reciprocal, so a smaller sum is the better composite.
                    let shift = 1.0 - set.minimum[c];
                    let share = if total > 0.0 { w / total } else { 0.0 };
                    for (sum, &x) in out.iter_mut().zip(column) {
                        *sum += share / (x + shift);
                    }
                }
            }
        }
        if scenario.aggregation == Aggregation::Harmonic {
            for v in out.iter_mut() {
                *v = -*v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::winsorized;

    #[test]
    fn winsorising_pulls_the_k_extremes_to_the_next_scores_inwards() {
        let column = [5.0, 1.0, f64::NAN, 9.0, 3.0, 100.0, 7.0];
        // Sorted present: 1 3 5 7 9 100; k = 1 clamps to [3, 9].
        let got = winsorized(&column, 1);
        let expected = [5.0, 3.0, f64::NAN, 9.0, 3.0, 9.0, 7.0];
        for (g, e) in got.iter().zip(expected) {
            assert!(
                (g.is_nan() && e.is_nan()) || (g - e).abs() < 1e-12,
                "{got:?}: a missing score stays missing"
            );
        }
        // Too few scores for k = 2: unchanged.
        let short = winsorized(&[1.0, 2.0, 3.0], 2);
        assert!(
            short
                .iter()
                .zip([1.0, 2.0, 3.0])
                .all(|(a, b)| (a - b).abs() < 1e-12)
        );
    }
}
