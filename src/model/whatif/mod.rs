//! What-if weighting and rank robustness: a composite of the capacities under any weights
//! ([`WhatIf`]), the fit of the published total on the capacities ([`fit_year`]), rank ranges
//! under random weights ([`robustness`]) and the weight changes that move one entity
//! ([`sensitivity`]). The rules are in `docs/whatif.md`.

mod composite;
pub mod correlation;
mod exact;
mod fit;
mod robustness;
mod sensitivity;
mod weights;

pub use composite::{MissingScores, WhatIf, WhatIfRanking, competition_ranks_into};
pub use correlation::{average_ranks, kendall_tau_b, pearson, spearman};
pub use exact::decimal_weight;
pub use fit::{Fit, FitError, FitRow, fit_year, nnls};
pub use robustness::{
    Robustness, RobustnessError, RobustnessParams, RobustnessPart, SplitMix64, robustness,
    run_samples, sample_weights,
};
pub use sensitivity::{CapacitySensitivity, Threshold, sensitivity};
pub use weights::{Weights, WeightsError};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tie_tests;
