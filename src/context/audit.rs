//! The Audit view's state: the factors the user chose (remembered between runs), the run on a
//! worker thread with its progress and cancel, and the last result with the dataset and year it
//! is of.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::job::{Job, JobHandle};
use super::view_cache::DatasetKey;
use crate::model::Dataset;
use crate::model::audit::{
    Aggregation, AuditError, AuditFactors, AuditParams, AuditResult, Coherence, Sensitivity,
    SensitivityParams, coherence, run_audit, run_sensitivity, scenario_count,
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
    /// The section shown.
    pub section: AuditSection,
    /// N of the sensitivity design.
    pub sensitivity_n: usize,
}

/// The Audit view's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AuditSection {
    #[default]
    Intervals,
    Sensitivity,
    Coherence,
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
            section: AuditSection::default(),
            sensitivity_n: 500,
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

/// An analysis on worker threads: how much work it counts, what it is of, and the job.
pub struct AnalysisJob<T> {
    /// Steps to run (scenarios, rankings), for the progress bar.
    pub total: u64,
    pub basis: AuditBasis,
    job: Job<Result<T, AuditError>>,
}

/// A rank-interval run.
pub type AuditJob = AnalysisJob<AuditResult>;
/// A sensitivity run.
pub type SensitivityJob = AnalysisJob<Sensitivity>;

impl<T: Send + 'static> AnalysisJob<T> {
    /// Starts `work` on year index `year` of `data` with all cores; `wake` repaints when done.
    fn spawn(
        data: Arc<Dataset>,
        (year, total): (usize, u64),
        work: impl FnOnce(&Dataset, usize, usize, &JobHandle) -> Result<T, AuditError> + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let basis = (DatasetKey::of(&data), year);
        let job = Job::spawn(
            move |handle: &JobHandle| {
                let threads = std::thread::available_parallelism().map_or(1, usize::from);
                work(&data, year, threads, handle)
            },
            wake,
        );
        Self { total, basis, job }
    }
}

impl<T> AnalysisJob<T> {
    /// Steps done so far, of `total`.
    #[must_use]
    pub fn progress(&self) -> u64 {
        self.job.progress()
    }

    /// Asks the workers to stop.
    pub fn cancel(&self) {
        self.job.cancel();
    }
}

impl AuditJob {
    /// Starts the analysis of year index `year` of `data`; `wake` repaints when done.
    pub fn start(
        data: Arc<Dataset>,
        year: usize,
        params: AuditParams,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let total = scenario_count(&data, &params);
        Self::spawn(
            data,
            (year, total),
            move |data, year, threads, handle| {
                run_audit(
                    data,
                    year,
                    &params,
                    threads,
                    &handle.progress,
                    handle.cancel.flag(),
                )
            },
            wake,
        )
    }
}

impl SensitivityJob {
    /// Starts the design of `params` on `factors`; `wake` repaints when done.
    pub fn start(
        data: Arc<Dataset>,
        year: usize,
        (factors, params): (AuditFactors, SensitivityParams),
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let groups = crate::model::audit::factor_groups(&factors, data.meta.capacities.len());
        let total = (params.n * (groups.len() + 2)) as u64;
        Self::spawn(
            data,
            (year, total),
            move |data, year, threads, handle| {
                run_sensitivity(
                    data,
                    year,
                    &factors,
                    &params,
                    threads,
                    (&handle.progress, handle.cancel.flag()),
                )
            },
            wake,
        )
    }
}

/// Takes the run in `slot` when it has finished: its result (a worker that ended without one
/// counts as cancelled) and what it is of.
fn take_finished<T>(
    slot: &mut Option<AnalysisJob<T>>,
) -> Option<(Result<T, AuditError>, AuditBasis)> {
    let done = slot.as_ref().and_then(|j| j.job.poll())?;
    let job = slot.take()?;
    Some((done.unwrap_or(Err(AuditError::Cancelled)), job.basis))
}

/// The view's runs and results: intervals, sensitivity and coherence, each with the dataset and
/// year it is of.
#[derive(Default)]
pub struct AuditState {
    pub job: Option<AuditJob>,
    pub result: Option<(Arc<AuditResult>, AuditBasis)>,
    pub error: Option<AuditError>,
    pub sensitivity_job: Option<SensitivityJob>,
    pub sensitivity: Option<(Arc<Sensitivity>, AuditBasis)>,
    pub sensitivity_error: Option<AuditError>,
    pub coherence: Option<(Arc<Coherence>, AuditBasis)>,
    /// Correlations being computed (on a worker: at 100,000 entities they take seconds).
    pub coherence_job: Option<(Job<Option<Coherence>>, AuditBasis)>,
}

impl AuditState {
    /// Takes a finished sensitivity run.
    pub fn poll_sensitivity(&mut self) {
        match take_finished(&mut self.sensitivity_job) {
            Some((Ok(result), basis)) => {
                self.sensitivity = Some((Arc::new(result), basis));
                self.sensitivity_error = None;
            }
            Some((Err(error), _)) => self.sensitivity_error = Some(error),
            None => {}
        }
    }

    /// The sensitivity indices, when they are of `data`'s year index `year`.
    #[must_use]
    pub fn sensitivity_for(&self, data: &Arc<Dataset>, year: usize) -> Option<&Arc<Sensitivity>> {
        let (result, basis) = self.sensitivity.as_ref()?;
        (*basis == (DatasetKey::of(data), year)).then_some(result)
    }

    /// The coherence of `data`'s year index `year`, when computed.
    #[must_use]
    pub fn coherence_for(&self, data: &Arc<Dataset>, year: usize) -> Option<&Arc<Coherence>> {
        let (result, basis) = self.coherence.as_ref()?;
        (*basis == (DatasetKey::of(data), year)).then_some(result)
    }

    /// Starts computing the coherence of `data`'s year index `year` unless it is known or on
    /// its way.
    pub fn start_coherence(
        &mut self,
        data: &Arc<Dataset>,
        year: usize,
        wake: impl FnOnce() + Send + 'static,
    ) {
        let basis = (DatasetKey::of(data), year);
        let known = self.coherence.as_ref().is_some_and(|(_, b)| *b == basis);
        let coming = self
            .coherence_job
            .as_ref()
            .is_some_and(|(_, b)| *b == basis);
        if known || coming {
            return;
        }
        let data = data.clone();
        self.coherence_job = Some((
            Job::spawn(move |_: &JobHandle| coherence(&data, year), wake),
            basis,
        ));
    }

    /// Takes finished correlations.
    pub fn poll_coherence(&mut self) {
        let Some(done) = self.coherence_job.as_ref().and_then(|(j, _)| j.poll()) else {
            return;
        };
        if let Some((_, basis)) = self.coherence_job.take() {
            self.coherence = done.ok().flatten().map(|c| (Arc::new(c), basis));
        }
    }

    /// Takes a finished run; `true` when one arrived.
    pub fn poll(&mut self) -> bool {
        match take_finished(&mut self.job) {
            Some((Ok(result), basis)) => {
                self.result = Some((Arc::new(result), basis));
                self.error = None;
                true
            }
            Some((Err(error), _)) => {
                self.error = Some(error);
                true
            }
            None => false,
        }
    }

    /// The result, when it is of `data`'s year index `year`.
    #[must_use]
    pub fn result_for(&self, data: &Arc<Dataset>, year: usize) -> Option<&Arc<AuditResult>> {
        let (result, basis) = self.result.as_ref()?;
        (*basis == (DatasetKey::of(data), year)).then_some(result)
    }
}
