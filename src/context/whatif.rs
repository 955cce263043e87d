//! The What-if view's state: its remembered settings, and what they compute (the composite
//! model, the ranking, the fit, the robustness run and one entity's sensitivity), rebuilt only
//! when the data, year or settings change, never per frame.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::job::{Job, JobHandle};
use super::view_cache::{DatasetKey, Memo};
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

/// What a ranking under the weights in force gives: the ranking itself (none when the weights
/// are refused), the biggest winners and losers, and why the weights were refused.
#[derive(Default)]
pub struct RankingParts {
    pub ranking: Option<WhatIfRanking>,
    pub winners: Vec<usize>,
    pub losers: Vec<usize>,
    pub error: Option<WeightsError>,
}

/// The fit of the published totals and its rows with the largest rank deviations.
pub struct FitParts {
    pub fit: Result<Fit, FitError>,
    pub deviations: Vec<usize>,
}

type ModelKey = (DatasetKey, i32, Normalization, MissingScores);
/// A ranking is keyed by the model it ranks (its computation count) and the weights in force.
type RankingKey = (u64, Option<Vec<f64>>);
/// A sensitivity is keyed by the ranking, the focused entity and the weights.
type SensitivityKey = (u64, usize, Vec<f64>);
/// The slopegraph: the ranking, the top N, names, language and the robustness runs finished.
type SlopeKey = (u64, u32, NameStyle, Language, u64, bool);

/// What the What-if settings compute for the shown year: each part a [`Memo`] keyed by its
/// inputs, a part computed from another keyed by that one's computation count.
#[derive(Default)]
pub struct WhatIfCache {
    model: Memo<ModelKey, Option<Arc<WhatIf>>>,
    ranking: Memo<RankingKey, RankingParts>,
    fit: Memo<(DatasetKey, i32), FitParts>,
    sensitivity: Memo<SensitivityKey, (usize, Option<Vec<CapacitySensitivity>>)>,
    /// The sensitivity the focus and weights ask for (shown once computed for exactly these).
    sensitivity_wanted: Option<SensitivityKey>,
    /// A sensitivity put off while the weights move (computed by [`WhatIfCache::settle`]).
    deferred: Option<(usize, Weights)>,
    /// The table's what-if columns, by record; shared with the table, rebuilt only when the
    /// model, the ranking or the robustness run changes.
    external: Memo<(u64, u64, u64), Arc<ExternalColumns>>,
    slope: Memo<SlopeKey, Option<RankChartSpec>>,
    /// Why the last run gave nothing (cancelled, bad spread).
    pub robustness_error: Option<RobustnessError>,
    /// The last finished run, with the weights and normalisation it sampled around.
    pub robustness: Option<(Robustness, (Vec<f64>, Normalization))>,
    pub job: Option<RobustnessJob>,
    /// Robustness runs finished.
    runs: u64,
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
            // No such year: nothing to show (the counts carry on).
            self.model.clear();
            self.ranking.clear();
            self.fit.clear();
            self.sensitivity.clear();
            self.sensitivity_wanted = None;
            self.deferred = None;
            self.external.clear();
            self.slope.clear();
            return;
        };
        let model_key = (
            dataset_id.clone(),
            year,
            settings.normalization,
            settings.missing,
        );
        self.model.refresh(model_key, || {
            WhatIf::with_missing(data, year_index, settings.normalization, settings.missing)
                .map(Arc::new)
        });
        self.fit.refresh((dataset_id, year), || {
            let fit = fit_year(data, year_index);
            let deviations = match &fit {
                Ok(fit) => fit.largest_deviations(DEVIATIONS),
                Err(_) => Vec::new(),
            };
            FitParts { fit, deviations }
        });
        let weights = settings.weights_for(data);
        let values = weights.as_ref().map(|w| w.values().to_vec()).ok();
        // The weights moved under the same model: the sensitivity may wait for them to settle.
        let reweighted = self.ranking.key().is_some_and(|(model, previous)| {
            *model == self.model.computed && previous.is_some() && *previous != values
        });
        let model = self.model.value().cloned().flatten();
        self.ranking.refresh((self.model.computed, values), || {
            let ranking = match (&model, &weights) {
                (Some(model), Ok(w)) => Some(model.rank(w)),
                _ => None,
            };
            RankingParts {
                winners: ranking
                    .as_ref()
                    .map(|r| r.winners(MOVERS))
                    .unwrap_or_default(),
                losers: ranking
                    .as_ref()
                    .map(|r| r.losers(MOVERS))
                    .unwrap_or_default(),
                error: weights.as_ref().err().cloned(),
                ranking,
            }
        });
        self.refresh_sensitivity(focus, weights.ok(), reweighted);
        self.refresh_external();
        self.refresh_slope(data, settings.top_n, names, language);
    }

    /// The model of the shown year under the settings' normalisation.
    #[must_use]
    pub fn model(&self) -> Option<&Arc<WhatIf>> {
        self.model.value().and_then(Option::as_ref)
    }

    /// The ranking under the weights in force (none when they are refused).
    #[must_use]
    pub fn ranking(&self) -> Option<&WhatIfRanking> {
        self.ranking.value().and_then(|r| r.ranking.as_ref())
    }

    /// Rows that gain most places (at most [`MOVERS`]).
    #[must_use]
    pub fn winners(&self) -> &[usize] {
        self.ranking.value().map_or(&[], |r| &r.winners)
    }

    /// Rows that lose most places (at most [`MOVERS`]).
    #[must_use]
    pub fn losers(&self) -> &[usize] {
        self.ranking.value().map_or(&[], |r| &r.losers)
    }

    /// Why there is no ranking (the weights were refused).
    #[must_use]
    pub fn weights_error(&self) -> Option<&WeightsError> {
        self.ranking.value().and_then(|r| r.error.as_ref())
    }

    /// The fit of the published totals.
    #[must_use]
    pub fn fit(&self) -> Option<&Result<Fit, FitError>> {
        self.fit.value().map(|f| &f.fit)
    }

    /// The fit's rows with the largest rank deviations (at most [`DEVIATIONS`]).
    #[must_use]
    pub fn fit_deviations(&self) -> &[usize] {
        self.fit.value().map_or(&[], |f| &f.deviations)
    }

    /// The focused entity and its sensitivity to each weight (`None` inside: no what-if
    /// score), once computed for the focus and weights in force.
    #[must_use]
    pub fn sensitivity(&self) -> Option<&(usize, Option<Vec<CapacitySensitivity>>)> {
        let wanted = self.sensitivity_wanted.as_ref()?;
        (self.sensitivity.key() == Some(wanted))
            .then(|| self.sensitivity.value())
            .flatten()
    }

    /// The table's what-if columns, by record.
    #[must_use]
    pub fn external(&self) -> Arc<ExternalColumns> {
        self.external.value().cloned().unwrap_or_default()
    }

    /// The slopegraph official → what-if.
    #[must_use]
    pub fn slope(&self) -> Option<&RankChartSpec> {
        self.slope.value().and_then(Option::as_ref)
    }

    /// How many times each part was computed (for tests that check nothing runs per frame).
    #[must_use]
    pub fn counts(&self) -> RecomputeCounts {
        RecomputeCounts {
            models: self.model.computed,
            rankings: self.ranking.computed,
            fits: self.fit.computed,
            sensitivities: self.sensitivity.computed,
            slopes: self.slope.computed,
        }
    }

    fn refresh_slope(&mut self, data: &Dataset, top_n: u32, names: NameStyle, language: Language) {
        let robust = self.current_robustness();
        let key = (
            self.ranking.computed,
            top_n,
            names,
            language,
            self.runs,
            robust.is_some(),
        );
        let (model, ranking) = (self.model(), self.ranking());
        let spec = || match (model, ranking) {
            (Some(model), Some(ranking)) => Some(whatif_slope_spec(
                language.strings(),
                data,
                model,
                ranking,
                robust,
                top_n,
                names,
            )),
            _ => None,
        };
        if self.slope.key() != Some(&key) {
            let value = spec();
            self.slope.refresh(key, || value);
        }
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
            // The run count is in the slopegraph's and the table columns' keys: both redraw.
            Ok(robust) => {
                self.robustness = Some((robust, job.basis));
                self.robustness_error = None;
                self.runs += 1;
            }
            Err(error) => self.robustness_error = Some(error),
        }
        true
    }

    /// Brings the focused entity's sensitivity up to date; while the weights move (`defer`) it
    /// waits for [`WhatIfCache::settle`], so that a slider drag stays fluid at any size.
    fn refresh_sensitivity(&mut self, focus: Option<usize>, weights: Option<Weights>, defer: bool) {
        let (Some(entity), Some(weights)) = (focus, weights) else {
            self.sensitivity_wanted = None;
            self.deferred = None;
            return;
        };
        let key = (self.ranking.computed, entity, weights.values().to_vec());
        self.sensitivity_wanted = Some(key.clone());
        if self.sensitivity.key() == Some(&key) {
            self.deferred = None;
            return;
        }
        if defer {
            self.deferred = Some((entity, weights));
            return;
        }
        self.compute_sensitivity(entity, &weights);
    }

    fn compute_sensitivity(&mut self, entity: usize, weights: &Weights) {
        let Some(model) = self.model().cloned() else {
            return;
        };
        self.deferred = None;
        let key = (self.ranking.computed, entity, weights.values().to_vec());
        self.sensitivity.refresh(key, || {
            (
                entity,
                model
                    .row_of(entity)
                    .and_then(|row| sensitivity(&model, weights, row)),
            )
        });
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
        let model = self.model()?;
        let in_force = self.ranking.key().and_then(|(_, w)| w.as_ref());
        (Some(weights) == in_force && *normalization == model.normalization).then_some(robust)
    }

    /// Whether a finished run no longer matches the weights in force.
    #[must_use]
    pub fn robustness_is_stale(&self) -> bool {
        self.robustness.is_some() && self.current_robustness().is_none()
    }

    fn refresh_external(&mut self) {
        let key = (self.model.computed, self.ranking.computed, self.runs);
        if self.external.key() == Some(&key) {
            return;
        }
        let external = match (self.model(), self.ranking()) {
            (Some(model), Some(ranking)) => {
                let records = model.records.iter().copied().max().map_or(0, |m| m + 1);
                let mut external = ExternalColumns {
                    whatif_rank: vec![None; records],
                    whatif_change: vec![None; records],
                    rank_range: vec![None; records],
                    ..ExternalColumns::default()
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
                Arc::new(external)
            }
            _ => Arc::default(),
        };
        self.external.refresh(key, || external);
    }
}
