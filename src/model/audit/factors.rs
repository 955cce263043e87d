//! The uncertain choices of a composite index, each a factor of the uncertainty analysis:
//! weights, normalisation, aggregation, outlier treatment and leaving one capacity out; and the
//! scenarios drawn from them (by seed) or listed in full (when every factor is discrete).

use crate::model::radar::Normalization;
use crate::model::rng::SplitMix64;

/// How the normalised capacities are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Aggregation {
    /// Σ wᵢ·xᵢ: full compensation between capacities.
    Arithmetic,
    /// Π xᵢ'^(wᵢ/Σw), each column shifted to start at 1 (xᵢ' = xᵢ − minᵢ + 1) so that zeros and
    /// negative z-scores take part: a weak capacity is compensated less.
    Geometric,
    /// 1 / Σ (wᵢ/Σw) / xᵢ', each column shifted to start at 1 as for the geometric mean: a weak
    /// capacity is compensated least of all.
    Harmonic,
}

impl Aggregation {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::Arithmetic, Self::Geometric, Self::Harmonic];

    /// The id used on the command line.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Arithmetic => "arithmetic",
            Self::Geometric => "geometric",
            Self::Harmonic => "harmonic",
        }
    }
}

/// The factors and their ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditFactors {
    /// Each weight is multiplied by a factor uniform in [1 − spread, 1 + spread); 0 keeps the
    /// dataset's weights.
    pub spread: f64,
    /// Draw the weights uniformly on the simplex instead (every weighting summing to 1 equally
    /// likely, whatever the dataset's); `spread` is then not used.
    pub simplex: bool,
    /// The normalisations drawn from, equally likely; the first is the nominal one.
    pub normalizations: Vec<Normalization>,
    /// The aggregations drawn from, equally likely; the first is the nominal one.
    pub aggregations: Vec<Aggregation>,
    /// Winsorise the k highest and k lowest scores of each capacity in half of the scenarios
    /// (`None`: never).
    pub winsorize: Option<usize>,
    /// Leave one capacity out (its weight 0) in some scenarios: none or each capacity, equally
    /// likely.
    pub leave_one_out: bool,
}

impl Default for AuditFactors {
    fn default() -> Self {
        Self {
            spread: 0.25,
            simplex: false,
            normalizations: vec![
                Normalization::MinMax,
                Normalization::ZScore,
                Normalization::Percentile,
            ],
            aggregations: vec![Aggregation::Arithmetic, Aggregation::Geometric],
            winsorize: None,
            leave_one_out: false,
        }
    }
}

/// One set of choices: the index is built and ranked under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Per capacity (not normalised; only ratios matter).
    pub weights: Vec<f64>,
    /// Index into [`AuditFactors::normalizations`].
    pub normalization: usize,
    pub aggregation: Aggregation,
    pub winsorized: bool,
    /// The capacity left out, if any.
    pub left_out: Option<usize>,
}

impl AuditFactors {
    /// The choices the dataset itself makes: its weights, the first normalisation and
    /// aggregation, no outlier treatment, every capacity.
    #[must_use]
    pub fn nominal(&self, base: &[f64]) -> Scenario {
        Scenario {
            weights: base.to_vec(),
            normalization: 0,
            aggregation: self
                .aggregations
                .first()
                .copied()
                .unwrap_or(Aggregation::Arithmetic),
            winsorized: false,
            left_out: None,
        }
    }

    /// Whether every factor is discrete (the weights fixed), so that the scenarios can be
    /// listed in full rather than drawn.
    #[must_use]
    pub fn is_enumerable(&self) -> bool {
        self.spread == 0.0 && !self.simplex
    }

    /// Every scenario when [`AuditFactors::is_enumerable`], each once (equally likely).
    #[must_use]
    pub fn all_scenarios(&self, base: &[f64]) -> Vec<Scenario> {
        let mut out = Vec::new();
        let winsor: &[bool] = if self.winsorize.is_some() {
            &[false, true]
        } else {
            &[false]
        };
        let left: Vec<Option<usize>> = if self.leave_one_out {
            std::iter::once(None)
                .chain((0..base.len()).map(Some))
                .collect()
        } else {
            vec![None]
        };
        for normalization in 0..self.normalizations.len() {
            for &aggregation in &self.aggregations {
                for &winsorized in winsor {
                    for &left_out in &left {
                        out.push(Scenario {
                            weights: base.to_vec(),
                            normalization,
                            aggregation,
                            winsorized,
                            left_out,
                        });
                    }
                }
            }
        }
        out
    }

    /// Scenario `index` of a run seeded `seed`: each factor drawn from its own stream of a
    /// generator seeded from `seed` and `index`, so that a scenario does not depend on which
    /// thread draws it.
    #[must_use]
    pub fn sample(&self, base: &[f64], seed: u64, index: u64) -> Scenario {
        let mut rng = SplitMix64::new(seed ^ SplitMix64::new(index).next_u64());
        let weights = if self.simplex {
            // Uniform on the simplex: independent unit exponentials, normalised (Dirichlet(1, …, 1)).
            let draws: Vec<f64> = base.iter().map(|_| -(1.0 - rng.unit()).ln()).collect();
            let total: f64 = draws.iter().sum();
            draws
                .iter()
                .map(|d| d / total.max(f64::MIN_POSITIVE))
                .collect()
        } else {
            base.iter()
                .map(|w| w * (1.0 + self.spread * (2.0 * rng.unit() - 1.0)))
                .collect()
        };
        let pick = |rng: &mut SplitMix64, n: usize| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "a choice among a few"
            )]
            let i = (rng.unit() * n as f64) as usize;
            i.min(n.saturating_sub(1))
        };
        let normalization = pick(&mut rng, self.normalizations.len().max(1));
        let aggregation = self
            .aggregations
            .get(pick(&mut rng, self.aggregations.len().max(1)))
            .copied()
            .unwrap_or(Aggregation::Arithmetic);
        let winsorized = self.winsorize.is_some() && rng.unit() < 0.5;
        let left_out = if self.leave_one_out {
            pick(&mut rng, base.len() + 1).checked_sub(1)
        } else {
            None
        };
        Scenario {
            weights,
            normalization,
            aggregation,
            winsorized,
            left_out,
        }
    }
}
