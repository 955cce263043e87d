//! The Audit view's state: the factors the user chose (remembered between runs), the run on a
//! worker thread with its progress and cancel, and the last result with the dataset and year it
//! is of.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::job::{Job, JobHandle};
use super::view_cache::DatasetKey;
use crate::model::Dataset;
use crate::model::audit::{
    Aggregation, AuditError, AuditFactors, AuditParams, AuditResult, run_audit, scenario_count,
};
use crate::model::radar::Normalization;

/// The factors and run size, as the controls set them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditSettings {
    /// Weights vary within ± this fraction.
    pub spread: f64,
    /// Weights drawn uniformly on the simplex instead.
    pub simplex: bool,
    pub samples: u32,
    pub seed: u64,
    pub normalizations: Vec<Normalization>,
    pub aggregations: Vec<Aggregation>,
    pub winsorize: Option<usize>,
    pub leave_one_out: bool,
    /// The second "share in the top N" threshold.
    pub top_n: u32,
}

impl Default for AuditSettings {
    fn default() -> Self {
        let factors = AuditFactors::default();
        let params = AuditParams::default();
        Self {
            spread: factors.spread,
            simplex: factors.simplex,
            samples: params.samples,
            seed: params.seed,
            normalizations: factors.normalizations,
            aggregations: factors.aggregations,
            winsorize: factors.winsorize,
            leave_one_out: factors.leave_one_out,
            top_n: params.top_n,
        }
    }
}

impl AuditSettings {
    /// The run's parameters.
    #[must_use]
    pub fn params(&self) -> AuditParams {
        AuditParams {
            factors: AuditFactors {
                spread: self.spread,
                simplex: self.simplex,
                normalizations: self.normalizations.clone(),
                aggregations: self.aggregations.clone(),
                winsorize: self.winsorize,
                leave_one_out: self.leave_one_out,
            },
            samples: self.samples.max(1),
            seed: self.seed,
            top_n: self.top_n,
        }
    }
}

/// What a result is of: the dataset and the year index.
pub type AuditBasis = (DatasetKey, usize);

/// A run on a worker thread.
pub struct AuditJob {
    /// Scenarios to run.
    pub total: u64,
    pub basis: AuditBasis,
    job: Job<Result<AuditResult, AuditError>>,
}

impl AuditJob {
    /// Starts the analysis of year index `year` of `data` on all cores; `wake` repaints when done.
    pub fn start(
        data: Arc<Dataset>,
        year: usize,
        params: AuditParams,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let total = scenario_count(&data, &params);
        let basis = (DatasetKey::of(&data), year);
        let job = Job::spawn(
            move |handle: &JobHandle| {
                let threads = std::thread::available_parallelism().map_or(1, usize::from);
                run_audit(
                    &data,
                    year,
                    &params,
                    threads,
                    &handle.progress,
                    handle.cancel.flag(),
                )
            },
            wake,
        );
        Self { total, basis, job }
    }

    /// Scenarios done so far, of `total`.
    #[must_use]
    pub fn progress(&self) -> u64 {
        self.job.progress()
    }

    /// Asks the workers to stop.
    pub fn cancel(&self) {
        self.job.cancel();
    }
}

/// The view's run and result.
#[derive(Default)]
pub struct AuditState {
    pub job: Option<AuditJob>,
    pub result: Option<(Arc<AuditResult>, AuditBasis)>,
    pub error: Option<AuditError>,
}

impl AuditState {
    /// Takes a finished run; `true` when one arrived.
    pub fn poll(&mut self) -> bool {
        let Some(done) = self.job.as_ref().and_then(|j| j.job.poll()) else {
            return false;
        };
        let Some(job) = self.job.take() else {
            return false;
        };
        match done {
            Ok(Ok(result)) => {
                self.result = Some((Arc::new(result), job.basis));
                self.error = None;
            }
            Ok(Err(error)) => self.error = Some(error),
            Err(_) => self.error = Some(AuditError::Cancelled),
        }
        true
    }

    /// The result, when it is of `data`'s year index `year`.
    #[must_use]
    pub fn result_for(&self, data: &Arc<Dataset>, year: usize) -> Option<&Arc<AuditResult>> {
        let (result, basis) = self.result.as_ref()?;
        (*basis == (DatasetKey::of(data), year)).then_some(result)
    }
}
