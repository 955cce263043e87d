//! Charts and lists the views draw, computed when their inputs change and never per frame: each
//! is a [`Memo`] keyed by everything it depends on (the dataset, year, selection, settings, name
//! style and language), so an idle frame only compares keys.

use std::collections::BTreeMap;
use std::sync::{Arc, Weak};

use super::settings::{Settings, View};
use crate::charts::capacities::{CapacitiesSpec, capacities_spec};
use crate::charts::radar::{Pick, RadarSettings, RadarSpec, radar_spec, radar_years_spec};
use crate::charts::rank_chart::{RankChartSpec, bump_spec, slope_spec};
use crate::charts::trends_settings::{TrendsSection, TrendsSettings};
use crate::model::changes::{Change, Movers, compare_years, movers_directed};
use crate::model::radar::Normalization;
use crate::model::{Dataset, NameStyle};
use crate::strings::{Language, Strings};

/// What the cached charts and lists are computed from: the app's state, read.
pub struct ViewInputs<'a> {
    pub data: &'a Arc<Dataset>,
    pub settings: &'a Settings,
    /// The shown year's index, if the dataset has it.
    pub year_index: Option<usize>,
    /// The selection in colour-slot order.
    pub picks: Vec<Pick>,
    /// The entity whose detail window is open.
    pub detail: Option<usize>,
    pub language: Language,
    /// The theme is dark (the detail radar's year colours follow it).
    pub dark: bool,
}

/// How many entities each movers list holds.
pub const MOVERS_LISTED: usize = 10;

/// A value and the key it was computed for; `computed` counts the computations. Every cache
/// of computed results is made of these.
#[derive(Clone, Debug)]
pub struct Memo<K, V> {
    key: Option<K>,
    value: Option<V>,
    pub computed: u64,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self {
            key: None,
            value: None,
            computed: 0,
        }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// Recomputes the value when `key` differs from the last one.
    pub fn refresh(&mut self, key: K, compute: impl FnOnce() -> V) {
        if self.value.is_none() || self.key.as_ref() != Some(&key) {
            self.value = Some(compute());
            self.key = Some(key);
            self.computed += 1;
        }
    }

    /// The value, once computed.
    #[must_use]
    pub fn value(&self) -> Option<&V> {
        self.value.as_ref()
    }

    /// The key the value was computed for.
    #[must_use]
    pub fn key(&self) -> Option<&K> {
        self.key.as_ref()
    }

    /// Forgets the value (the next refresh computes it); the count carries on.
    pub fn clear(&mut self) {
        self.key = None;
        self.value = None;
    }
}

/// A dataset in cache keys. A loaded dataset never changes, so its allocation identifies it;
/// the weak reference keeps that allocation from being reused by a later dataset (it does not
/// keep the data alive).
#[derive(Clone, Debug)]
pub struct DatasetKey(Weak<Dataset>);

impl DatasetKey {
    #[must_use]
    pub fn of(data: &Arc<Dataset>) -> Self {
        Self(Arc::downgrade(data))
    }
}

impl PartialEq for DatasetKey {
    fn eq(&self, other: &Self) -> bool {
        Weak::ptr_eq(&self.0, &other.0)
    }
}

type RadarKey = (
    DatasetKey,
    usize,
    Vec<Pick>,
    RadarSettings,
    NameStyle,
    Language,
);
type PairKey = (DatasetKey, (usize, usize));

/// Counts of ranked entities by province: (province as shown, count per year index).
pub type ProvinceCounts = Vec<(String, Vec<usize>)>;

/// What the views draw, computed ahead of the frame.
#[derive(Default)]
pub struct ViewCache {
    /// The overlay radar (legend and exact values), then with small multiples one radar per
    /// selected entity.
    pub radar: Memo<RadarKey, Vec<RadarSpec>>,
    pub bump: Memo<(DatasetKey, Vec<Pick>, NameStyle, Language), RankChartSpec>,
    pub slope: Memo<(PairKey, Vec<Pick>, u32, NameStyle, Language), RankChartSpec>,
    /// The change table, filtered and sorted as set.
    pub changes: Memo<(PairKey, TrendsSettings, NameStyle), Vec<Change>>,
    /// Every change of the pair (unfiltered) and its movers.
    pub movers: Memo<PairKey, (Vec<Change>, Movers)>,
    pub provinces: Memo<(DatasetKey, NameStyle), ProvinceCounts>,
    /// The capacity trends of the selection.
    pub capacities: Memo<(DatasetKey, Vec<Pick>, NameStyle, Language), CapacitiesSpec>,
    /// The detail window's profile over the years.
    pub detail: Memo<(DatasetKey, usize, Normalization, NameStyle, Language, bool), RadarSpec>,
}

impl ViewCache {
    /// Brings up to date what the current view (and the detail window) draws.
    pub fn prepare(&mut self, inputs: &ViewInputs<'_>) {
        let state = inputs;
        let language = inputs.language;
        let data = inputs.data;
        let id = DatasetKey::of(data);
        let names = state.settings.names;
        let picks = inputs.picks.clone();
        match state.settings.view {
            View::Radar => {
                let settings = &state.settings.radar;
                let year = inputs.year_index.unwrap_or(0);
                let key = (
                    id.clone(),
                    year,
                    picks.clone(),
                    settings.clone(),
                    names,
                    language,
                );
                self.radar.refresh(key, || {
                    radar_specs(language.strings(), data, year, &picks, settings, names)
                });
            }
            View::Trends => self.prepare_trends(inputs, &picks, language),
            View::Table | View::WhatIf | View::Audit => {}
        }
        if let Some(entity) = state.detail {
            let normalization = state.settings.radar.normalization;
            self.detail.refresh(
                (id, entity, normalization, names, language, inputs.dark),
                || {
                    radar_years_spec(
                        language.strings(),
                        data,
                        entity,
                        (normalization, names),
                        inputs.dark,
                    )
                },
            );
        }
    }

    fn prepare_trends(&mut self, state: &ViewInputs<'_>, picks: &[Pick], language: Language) {
        let data = state.data;
        let id = DatasetKey::of(data);
        let names = state.settings.names;
        let settings = &state.settings.trends;
        let pair = settings.pair(data);
        match (settings.section, pair) {
            (TrendsSection::Bump, _) => {
                self.bump
                    .refresh((id, picks.to_vec(), names, language), || {
                        bump_spec(language.strings(), data, picks, names)
                    });
            }
            (TrendsSection::Slope, Some(pair)) => {
                let key = ((id, pair), picks.to_vec(), settings.top_n, names, language);
                self.slope.refresh(key, || {
                    slope_spec(
                        language.strings(),
                        data,
                        pair.0,
                        pair.1,
                        picks,
                        settings.top_n,
                        names,
                    )
                });
            }
            (TrendsSection::Changes, Some(pair)) => {
                self.changes
                    .refresh(((id, pair), settings.clone(), names), || {
                        settings.changes(data, pair, names)
                    });
            }
            (TrendsSection::Movers, Some(pair)) => {
                self.movers.refresh((id, pair), || {
                    let changes = compare_years(data, pair.0, pair.1);
                    let m = movers_directed(&changes, MOVERS_LISTED, data.meta.total_direction);
                    (changes, m)
                });
            }
            (TrendsSection::Capacities, _) => {
                self.capacities
                    .refresh((id, picks.to_vec(), names, language), || {
                        capacities_spec(language.strings(), data, picks, names)
                    });
            }
            (TrendsSection::Provinces, _) => {
                self.provinces
                    .refresh((id, names), || province_counts(data, names));
            }
            _ => {}
        }
    }

    /// How many computations all memos have made (for tests that check idle frames compute nothing).
    #[must_use]
    pub fn computations(&self) -> u64 {
        self.radar.computed
            + self.bump.computed
            + self.slope.computed
            + self.changes.computed
            + self.movers.computed
            + self.provinces.computed
            + self.capacities.computed
            + self.detail.computed
    }
}

fn radar_specs(
    s: &Strings,
    data: &Dataset,
    year: usize,
    picks: &[Pick],
    settings: &RadarSettings,
    names: NameStyle,
) -> Vec<RadarSpec> {
    let overlay: Vec<Pick> = picks
        .iter()
        .take(crate::charts::radar::OVERLAY_MAX)
        .copied()
        .collect();
    let mut specs = vec![radar_spec(s, data, year, &overlay, settings, names)];
    if settings.small_multiples {
        specs.extend(
            picks
                .iter()
                .map(|pick| radar_spec(s, data, year, &[*pick], settings, names)),
        );
    }
    specs
}

/// Ranked entities per province and year, provinces in key order.
fn province_counts(data: &Dataset, names: NameStyle) -> ProvinceCounts {
    let mut counts: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (y, year) in data.years.iter().enumerate() {
        for r in year.derived.order.iter() {
            if year.records.get(r).is_none() {
                continue;
            }
            // Each year's own province, as its file gives it.
            let entry = counts
                .entry(data.province_key_of(year, r).to_owned())
                .or_insert_with(|| (data.province_of(year, r, names), vec![0; data.years.len()]));
            if let Some(count) = entry.1.get_mut(y) {
                *count += 1;
            }
        }
    }
    counts.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_key_names_one_loaded_dataset() {
        let data = Arc::new(crate::io::load_sample().unwrap_or_else(|e| panic!("{e}")));
        let same = Arc::clone(&data);
        let copy = Arc::new((*data).clone());
        assert_eq!(DatasetKey::of(&data), DatasetKey::of(&same));
        assert_ne!(
            DatasetKey::of(&data),
            DatasetKey::of(&copy),
            "equal content, other load"
        );
        // A key outlives its dataset without keeping it: the data is dropped.
        let key = DatasetKey::of(&copy);
        drop(copy);
        assert_eq!(key.0.strong_count(), 0);
        let mut memo: Memo<DatasetKey, usize> = Memo::default();
        memo.refresh(DatasetKey::of(&data), || 1);
        memo.refresh(DatasetKey::of(&same), || 2);
        assert_eq!(
            (memo.value(), memo.computed),
            (Some(&1), 1),
            "same key: kept"
        );
    }
}
