//! Audit of a ranking's robustness, as the JRC/OECD handbook on composite indicators runs it:
//! the index rebuilt under uncertain choices (weights, normalisation, aggregation, outlier
//! treatment, a capacity left out) and each entity's rank interval reported. The methods are in
//! `docs/audit.md`.

mod coherence;
mod columns;
mod factors;
mod run;
mod sensitivity;
mod sobol;
mod tally;

pub use coherence::{
    CapacityCoherence, Coherence, CoherenceFlag, Component, REDUNDANT, coherence,
    standardized_alpha,
};
pub use columns::{PreparedColumns, winsorized};
pub use factors::{Aggregation, AuditFactors, Scenario};
pub use run::{AuditError, AuditParams, AuditResult, AuditRow, run_audit, scenario_count};
pub use sensitivity::{
    FactorGroup, Sensitivity, SensitivityParams, factor_groups, run_sensitivity, scenario_at,
};
pub use sobol::{SobolDesign, SobolIndex, SobolOutputs, evaluate, sobol_indices};
pub use tally::{MAX_CELLS, RankTally};

#[cfg(test)]
mod tests;
