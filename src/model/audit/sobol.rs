//! Variance-based sensitivity indices (Sobol'): for groups of inputs uniform on the unit cube,
//! how much of an output's variance each group explains alone (first order, Saltelli et al. 2010)
//! and with all its interactions (total effect, Jansen 1999), from Saltelli's design of
//! N·(G + 2) evaluations, with bootstrap confidence intervals. Generic over the output; the
//! audit plugs in the rank shift of a scenario.

use crate::model::rng::SplitMix64;

/// The design: base samples, groups of input dimensions, seed, bootstrap resamples.
#[derive(Clone, Debug, PartialEq)]
pub struct SobolDesign {
    /// N: rows of each of the matrices A and B.
    pub n: usize,
    /// Per group: how many input dimensions it has (they are consecutive).
    pub groups: Vec<usize>,
    pub seed: u64,
    /// Bootstrap resamples for the confidence intervals.
    pub resamples: usize,
}

impl SobolDesign {
    /// The number of input dimensions.
    #[must_use]
    pub fn dimensions(&self) -> usize {
        self.groups.iter().sum()
    }

    /// The evaluations the design costs: N·(G + 2).
    #[must_use]
    pub fn cost(&self) -> usize {
        self.n * (self.groups.len() + 2)
    }

    /// Row `j` of A (`which` 0) or B (1): uniforms in [0, 1), drawn from the seed and the row so
    /// that any subset of rows can be computed anywhere.
    #[must_use]
    pub fn row(&self, which: u64, j: usize) -> Vec<f64> {
        let mut rng =
            SplitMix64::new(self.seed ^ SplitMix64::new((j as u64) << 1 | which).next_u64());
        (0..self.dimensions()).map(|_| rng.unit()).collect()
    }

    /// Row `j` of A with group `g`'s dimensions taken from B (`A_B⁽ᵍ⁾`).
    #[must_use]
    pub fn mixed_row(&self, g: usize, j: usize) -> Vec<f64> {
        let (mut a, b) = (self.row(0, j), self.row(1, j));
        let start: usize = self.groups[..g].iter().sum();
        a[start..start + self.groups[g]].copy_from_slice(&b[start..start + self.groups[g]]);
        a
    }
}

/// One group's indices with their 95 % bootstrap intervals.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SobolIndex {
    pub first: f64,
    pub first_ci: (f64, f64),
    pub total: f64,
    pub total_ci: (f64, f64),
}

/// The outputs of the design: f(A), f(B) and, per group, `f(A_B⁽ᵍ⁾)`, each N long.
#[derive(Clone, Debug, PartialEq)]
pub struct SobolOutputs {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub ab: Vec<Vec<f64>>,
}

/// The indices of every group from the rows `rows` (all of them, or a bootstrap resample).
fn indices_of(out: &SobolOutputs, rows: &[usize]) -> Vec<(f64, f64)> {
    #[expect(clippy::cast_precision_loss, reason = "a sample count")]
    let n = rows.len() as f64;
    let all = rows.iter().flat_map(|&j| [out.a[j], out.b[j]]);
    let mean = all.clone().sum::<f64>() / (2.0 * n);
    let variance = all.map(|y| (y - mean).powi(2)).sum::<f64>() / (2.0 * n);
    out.ab
        .iter()
        .map(|ab| {
            if variance <= 0.0 {
                return (0.0, 0.0);
            }
            // Saltelli 2010 with f(B) centred on the mean: the same expectation (f(A_B) − f(A)
            // has mean 0), far less noise when the output sits far from 0 (a rank of 40).
            let first = rows
                .iter()
                .map(|&j| (out.b[j] - mean) * (ab[j] - out.a[j]))
                .sum::<f64>()
                / n
                / variance;
            let total = rows
                .iter()
                .map(|&j| (out.a[j] - ab[j]).powi(2))
                .sum::<f64>()
                / (2.0 * n)
                / variance;
            (first, total)
        })
        .collect()
}

/// First-order and total-effect indices of each group, with 95 % percentile bootstrap intervals
/// over `design.resamples` resamples of the N rows.
#[must_use]
pub fn sobol_indices(design: &SobolDesign, out: &SobolOutputs) -> Vec<SobolIndex> {
    let rows: Vec<usize> = (0..out.a.len()).collect();
    let point = indices_of(out, &rows);
    let mut rng = SplitMix64::new(design.seed ^ 0x5EED_B007);
    let mut draws: Vec<Vec<(f64, f64)>> = Vec::with_capacity(design.resamples);
    for _ in 0..design.resamples {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index below N"
        )]
        let resample: Vec<usize> = rows
            .iter()
            .map(|_| ((rng.unit() * rows.len() as f64) as usize).min(rows.len() - 1))
            .collect();
        draws.push(indices_of(out, &resample));
    }
    let interval = |values: &mut Vec<f64>| -> (f64, f64) {
        if values.is_empty() {
            return (f64::NAN, f64::NAN);
        }
        values.sort_by(f64::total_cmp);
        let at = |p: f64| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "an index into the resamples"
            )]
            let i = ((p * (values.len() - 1) as f64).round() as usize).min(values.len() - 1);
            values[i]
        };
        (at(0.025), at(0.975))
    };
    point
        .iter()
        .enumerate()
        .map(|(g, &(first, total))| {
            let mut firsts: Vec<f64> = draws.iter().map(|d| d[g].0).collect();
            let mut totals: Vec<f64> = draws.iter().map(|d| d[g].1).collect();
            SobolIndex {
                first,
                first_ci: interval(&mut firsts),
                total,
                total_ci: interval(&mut totals),
            }
        })
        .collect()
}

/// Evaluates `f` over the whole design (serially): the outputs for [`sobol_indices`].
pub fn evaluate(design: &SobolDesign, f: impl Fn(&[f64]) -> f64) -> SobolOutputs {
    let a = (0..design.n).map(|j| f(&design.row(0, j))).collect();
    let b = (0..design.n).map(|j| f(&design.row(1, j))).collect();
    let ab = (0..design.groups.len())
        .map(|g| (0..design.n).map(|j| f(&design.mixed_row(g, j))).collect())
        .collect();
    SobolOutputs { a, b, ab }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[test]
    fn an_additive_function_gives_its_variance_shares() {
        // f = x₁ + 2·x₂ on the unit square: V₁ = 1/12, V₂ = 4/12, so S₁ = 0.2, S₂ = 0.8, and
        // with no interaction the total effects equal the first-order ones.
        let design = SobolDesign {
            n: 20_000,
            groups: vec![1, 1],
            seed: 3,
            resamples: 100,
        };
        let out = evaluate(&design, |x| x[0] + 2.0 * x[1]);
        let s = sobol_indices(&design, &out);
        for (index, expected) in s.iter().zip([0.2, 0.8]) {
            assert!((index.first - expected).abs() < 0.03, "{index:?}");
            assert!((index.total - expected).abs() < 0.03, "{index:?}");
            assert!(index.first_ci.0 <= index.first && index.first <= index.first_ci.1);
        }
        assert_eq!(design.cost(), 80_000);
    }

    #[test]
    fn the_ishigami_function_gives_its_analytic_indices() {
        // Ishigami (a = 7, b = 0.1) on [−π, π]³: S = (0.3139, 0.4424, 0),
        // ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008).
        let design = SobolDesign {
            n: 40_000,
            groups: vec![1, 1, 1],
            seed: 11,
            resamples: 50,
        };
        let ishigami = |u: &[f64]| {
            let x: Vec<f64> = u.iter().map(|v| PI * (2.0 * v - 1.0)).collect();
            x[0].sin() + 7.0 * x[1].sin().powi(2) + 0.1 * x[2].powi(4) * x[0].sin()
        };
        let s = sobol_indices(&design, &evaluate(&design, ishigami));
        let first = [0.3139, 0.4424, 0.0];
        let total = [0.5576, 0.4424, 0.2437];
        for g in 0..3 {
            assert!((s[g].first - first[g]).abs() < 0.03, "S{g}: {:?}", s[g]);
            assert!((s[g].total - total[g]).abs() < 0.03, "ST{g}: {:?}", s[g]);
        }
    }

    #[test]
    fn a_group_takes_its_dimensions_from_b() {
        let design = SobolDesign {
            n: 4,
            groups: vec![2, 1],
            seed: 5,
            resamples: 0,
        };
        let (a, b, mixed) = (design.row(0, 2), design.row(1, 2), design.mixed_row(0, 2));
        assert_eq!(mixed, vec![b[0], b[1], a[2]]);
        assert_ne!(a, b);
    }
}
