//! The What-if view's state: its remembered settings, and what they compute (the composite
//! model, the ranking, the fit, the robustness run and one entity's sensitivity), rebuilt only
//! when the data, year or settings change, never per frame.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::job::{Job, JobHandle};
use super::view_cache::DatasetKey;
use crate::charts::rank_chart::RankChartSpec;
use crate::charts::whatif_chart::whatif_slope_spec;
use crate::model::radar::Normalization;
use crate::model::whatif::{
    CapacitySensitivity, Fit, FitError, MissingScores, Robustness, RobustnessError,
    RobustnessParams, Weights, WeightsError, WhatIf, WhatIfRanking, fit_year, robustness,
    sensitivity,
};
use crate::model::{Dataset, ExternalColumns, NameStyle};
use crate::strings::Language;

/// The What-if view's settings, remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIfSettings {
    /// One weight per capacity; `None` (or a count that does not match the dataset): the
    /// dataset's own weights.
    pub weights: Option<Vec<f64>>,
    /// How capacity scores are scaled before weighting. Raw scores with the dataset's weights
    /// reproduce a published weighted-sum total.
    pub normalization: Normalization,
    /// Monte Carlo: each weight varies within ±spread (0.2 = ±20 %).
    pub spread: f64,
    pub samples: u32,
    pub seed: u64,
    /// The slopegraph shows the entities in the top N officially or under the what-if weights.
    pub top_n: u32,
    /// Named weight sets the user saved.
    pub saved: Vec<SavedWeights>,
    /// Whether the table shows the what-if rank, its change and the rank range.
    pub in_table: bool,
    /// What an entity missing a component's score gets: left out, or the cohort's mean or
    /// median on that component.
    pub missing: MissingScores,
}

impl Default for WhatIfSettings {
    fn default() -> Self {
        Self {
            weights: None,
            normalization: Normalization::Raw,
            spread: 0.2,
            samples: 1000,
            seed: 7,
            top_n: 20,
            saved: Vec::new(),
            in_table: false,
            missing: MissingScores::LeaveOut,
        }
    }
}

/// A named set of weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedWeights {
    pub name: String,
    pub weights: Vec<f64>,
}

impl WhatIfSettings {
    /// The weights in force for `data`: the chosen ones when they fit its capacities, else the
    /// dataset's own. An error when every chosen weight is zero.
    pub fn weights_for(
        &self,
        data: &Dataset,
    ) -> Result<Weights, crate::model::whatif::WeightsError> {
        match &self.weights {
            Some(values) if values.len() == data.meta.capacities.len() => {
                Weights::new(values.clone())
            }
            _ => Ok(Weights::from_dataset(&data.meta.capacities)),
        }
    }

    /// The Monte Carlo parameters (the robust set is the top 10).
    #[must_use]
    pub fn robustness_params(&self) -> RobustnessParams {
        RobustnessParams {
            samples: self.samples.max(1),
            spread: self.spread.clamp(0.0, 1.0),
            seed: self.seed,
            top_k: 10,
        }
    }
}

/// A robustness run on a worker thread.
pub struct RobustnessJob {
    pub total: u32,
    job: Job<Result<Robustness, RobustnessError>>,
    /// The weights and normalisation the run samples around.
    pub basis: (Vec<f64>, Normalization),
}

impl RobustnessJob {
    /// Starts sampling around `weights` on two threads; `wake` repaints when done.
    pub fn start(
        model: Arc<WhatIf>,
        weights: Weights,
        params: RobustnessParams,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let basis = (weights.values().to_vec(), model.normalization);
        let total = params.samples;
        let job = Job::spawn(
            move |handle: &JobHandle| {
                let threads = std::thread::available_parallelism().map_or(1, usize::from);
                robustness(
                    &model,
                    &weights,
                    &params,
                    threads,
                    &handle.progress,
                    handle.cancel.flag(),
                )
            },
            wake,
        );
        Self { total, job, basis }
    }

    /// Samples done so far, of `total`.
    #[must_use]
    pub fn progress(&self) -> u64 {
        self.job.progress()
    }

    /// Asks the workers to stop.
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// The result once finished.
    #[must_use]
    pub fn poll(&self) -> Option<Result<Robustness, RobustnessError>> {
        self.job
            .poll()
            .map(|done| done.unwrap_or(Err(RobustnessError::Stopped)))
    }
}

/// What the What-if settings compute for the shown year.
#[derive(Default)]
pub struct WhatIfCache {
    /// What `model` was built for: the dataset, the year and the normalisation.
    model_key: Option<(DatasetKey, i32, Normalization, MissingScores)>,
    pub model: Option<Arc<WhatIf>>,
    /// The weights `ranking` was computed with.
    ranking_key: Option<Vec<f64>>,
    pub ranking: Option<WhatIfRanking>,
    /// Why there is no ranking (all weights zero), for the view.
    pub weights_error: Option<WeightsError>,
    fit_key: Option<(DatasetKey, i32)>,
    pub fit: Option<Result<Fit, FitError>>,
    /// The fit's rows with the largest rank deviations (at most [`DEVIATIONS`]).
    pub fit_deviations: Vec<usize>,
    /// Why the last run gave nothing (cancelled, bad spread).
    pub robustness_error: Option<RobustnessError>,
    /// The last finished run, with the weights and normalisation it sampled around.
    pub robustness: Option<(Robustness, (Vec<f64>, Normalization))>,
    pub job: Option<RobustnessJob>,
    sensitivity_key: Option<(usize, Vec<f64>)>,
    /// The focused entity and its sensitivity to each weight (`None`: no what-if score).
    pub sensitivity: Option<(usize, Option<Vec<CapacitySensitivity>>)>,
    /// A sensitivity put off while the weights move (computed by [`WhatIfCache::settle`]).
    deferred: Option<(usize, Weights)>,
    /// The table's what-if columns, by record; shared with the table, rebuilt only when the
    /// ranking or the robustness run changes.
    pub external: Arc<ExternalColumns>,
    /// What `external` was built from: models and rankings computed, runs finished, a ranking.
    external_key: Option<(u64, u64, u64, bool)>,
    /// Robustness runs finished.
    runs: u64,
    /// Rows that gain most and lose most places (at most [`MOVERS`] each).
    pub winners: Vec<usize>,
    pub losers: Vec<usize>,
    /// The slopegraph official → what-if, and what it was drawn for.
    pub slope: Option<RankChartSpec>,
    slope_key: Option<(u64, u32, NameStyle, Language, bool)>,
    /// How many times each part was computed (for tests that check nothing runs per frame).
    pub counts: RecomputeCounts,
}

/// How many times each derived part was computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecomputeCounts {
    pub models: u64,
    pub rankings: u64,
    pub fits: u64,
    pub sensitivities: u64,
    pub slopes: u64,
}

/// How many winners and losers the view lists.
pub const MOVERS: usize = 10;

/// How many of the fit's largest rank deviations the view lists.
pub const DEVIATIONS: usize = 5;

impl WhatIfCache {
    /// Brings everything up to date with `data` at `year_index`, the settings and the focused
    /// entity; recomputes only the parts whose inputs changed.
    pub fn refresh(
        &mut self,
        data: &Arc<Dataset>,
        year_index: usize,
        (settings, names, language): (&WhatIfSettings, NameStyle, Language),
        focus: Option<usize>,
    ) {
        let dataset_id = DatasetKey::of(data);
        let Some(year) = data.years.get(year_index).map(|y| y.year) else {
            *self = Self {
                counts: self.counts,
                ..Self::default()
            };
            return;
        };
        let model_key = (
            dataset_id.clone(),
            year,
            settings.normalization,
            settings.missing,
        );
        if self.model_key.as_ref() != Some(&model_key) {
            self.model =
                WhatIf::with_missing(data, year_index, settings.normalization, settings.missing)
                    .map(Arc::new);
            self.model_key = Some(model_key);
            self.ranking_key = None;
            self.sensitivity_key = None;
            self.counts.models += 1;
        }
        let fit_key = (dataset_id, year);
        if self.fit_key.as_ref() != Some(&fit_key) {
            self.fit = Some(fit_year(data, year_index));
            self.fit_deviations = match &self.fit {
                Some(Ok(fit)) => fit.largest_deviations(DEVIATIONS),
                _ => Vec::new(),
            };
            self.fit_key = Some(fit_key);
            self.counts.fits += 1;
        }
        let weights = settings.weights_for(data);
        let values = weights.as_ref().map(|w| w.values().to_vec()).ok();
        let reweighted = self.ranking_key.is_some() && self.ranking_key != values;
        if self.ranking_key != values || self.ranking.is_none() && values.is_some() {
            self.ranking = match (&self.model, &weights) {
                (Some(model), Ok(w)) => {
                    self.counts.rankings += 1;
                    Some(model.rank(w))
                }
                _ => None,
            };
            self.winners = self
                .ranking
                .as_ref()
                .map(|r| r.winners(MOVERS))
                .unwrap_or_default();
            self.losers = self
                .ranking
                .as_ref()
                .map(|r| r.losers(MOVERS))
                .unwrap_or_default();
            self.weights_error = weights.as_ref().err().cloned();
            self.ranking_key.clone_from(&values);
            self.sensitivity_key = None;
        }
        self.refresh_sensitivity(focus, weights.ok(), reweighted);
        self.refresh_external();
        self.refresh_slope(data, settings.top_n, names, language);
    }

    fn refresh_slope(&mut self, data: &Dataset, top_n: u32, names: NameStyle, language: Language) {
        let robust = self.current_robustness().is_some();
        let key = (self.counts.rankings, top_n, names, language, robust);
        if self.slope_key == Some(key) {
            return;
        }
        self.slope = match (&self.model, &self.ranking) {
            (Some(model), Some(ranking)) => Some(whatif_slope_spec(
                language.strings(),
                data,
                model,
                ranking,
                self.current_robustness(),
                top_n,
                names,
            )),
            _ => None,
        };
        self.slope_key = Some(key);
        self.counts.slopes += 1;
    }

    /// Takes a finished robustness run; `true` when one arrived (the table needs refreshing).
    pub fn poll_job(&mut self) -> bool {
        let Some(result) = self.job.as_ref().and_then(RobustnessJob::poll) else {
            return false;
        };
        let Some(job) = self.job.take() else {
            return false;
        };
        match result {
            Ok(robust) => {
                self.robustness = Some((robust, job.basis));
                self.robustness_error = None;
                self.runs += 1;
                // Redraw the slopegraph with its range column.
                self.slope_key = None;
            }
            Err(error) => self.robustness_error = Some(error),
        }
        true
    }

    /// Brings the focused entity's sensitivity up to date; while the weights move (`defer`) it
    /// waits for [`WhatIfCache::settle`], so that a slider drag stays fluid at any size.
    fn refresh_sensitivity(&mut self, focus: Option<usize>, weights: Option<Weights>, defer: bool) {
        let (Some(entity), Some(weights)) = (focus, weights) else {
            self.sensitivity = None;
            self.sensitivity_key = None;
            self.deferred = None;
            return;
        };
        let key = (entity, weights.values().to_vec());
        if self.sensitivity_key.as_ref() == Some(&key) {
            self.deferred = None;
            return;
        }
        if defer {
            self.sensitivity = None;
            self.deferred = Some((entity, weights));
            return;
        }
        self.compute_sensitivity(entity, &weights);
    }

    fn compute_sensitivity(&mut self, entity: usize, weights: &Weights) {
        let Some(model) = &self.model else {
            return;
        };
        let key = (entity, weights.values().to_vec());
        self.deferred = None;
        self.sensitivity = Some((
            entity,
            model
                .row_of(entity)
                .and_then(|row| sensitivity(model, weights, row)),
        ));
        self.sensitivity_key = Some(key);
        self.counts.sensitivities += 1;
    }

    /// Computes what was put off while the weights moved; `true` when something was computed.
    /// The app calls it after a frame in which nothing changed.
    pub fn settle(&mut self) -> bool {
        match self.deferred.take() {
            Some((entity, weights)) => {
                self.compute_sensitivity(entity, &weights);
                true
            }
            None => false,
        }
    }

    /// Whether the sensitivity waits for the weights to settle.
    #[must_use]
    pub fn sensitivity_pending(&self) -> bool {
        self.deferred.is_some()
    }

    /// The run's result when it sampled around the weights and normalisation now in force.
    #[must_use]
    pub fn current_robustness(&self) -> Option<&Robustness> {
        let (robust, (weights, normalization)) = self.robustness.as_ref()?;
        let model = self.model.as_ref()?;
        (Some(weights) == self.ranking_key.as_ref() && *normalization == model.normalization)
            .then_some(robust)
    }

    /// Whether a finished run no longer matches the weights in force.
    #[must_use]
    pub fn robustness_is_stale(&self) -> bool {
        self.robustness.is_some() && self.current_robustness().is_none()
    }

    fn refresh_external(&mut self) {
        let key = (
            self.counts.models,
            self.counts.rankings,
            self.runs,
            self.ranking.is_some(),
        );
        if self.external_key == Some(key) {
            return;
        }
        self.external_key = Some(key);
        let (Some(model), Some(ranking)) = (&self.model, &self.ranking) else {
            self.external = Arc::default();
            return;
        };
        let records = model.records.iter().copied().max().map_or(0, |m| m + 1);
        let mut external = ExternalColumns {
            whatif_rank: vec![None; records],
            whatif_change: vec![None; records],
            rank_range: vec![None; records],
        };
        let robust = self.current_robustness();
        for (row, &record) in model.records.iter().enumerate() {
            external.whatif_rank[record] = ranking.rank.get(row).copied().flatten();
            external.whatif_change[record] = ranking.delta.get(row).copied().flatten();
            if let Some(r) = robust {
                external.rank_range[record] = r
                    .min_rank
                    .get(row)
                    .copied()
                    .flatten()
                    .zip(r.max_rank.get(row).copied().flatten());
            }
        }
        self.external = Arc::new(external);
    }
}
