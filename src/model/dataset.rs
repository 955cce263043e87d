//! The dataset: metadata, capacities, indicators, entities and each year's records.

use super::derive::{YearDerived, complete, derive_years, link_years};
use super::period;
use super::rank::Rank;
use super::record_provinces::RecordProvinces;
use super::values::{Shape, Slots, Values, store};

/// A whole ranking dataset, with everything derived from it computed once on construction.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub meta: Meta,
    pub entities: Vec<Entity>,
    /// Years in ascending order, each with its records and derived figures.
    pub years: Vec<Year>,
    /// Per entity: its names, provinces and id, lowercased, for case-insensitive search.
    search_texts: SearchTexts,
}

/// Per entity: its names, provinces and id, lowercased; made at the first search (a dataset
/// opened only to be read or exported never needs them).
#[derive(Clone, Debug, Default)]
struct SearchTexts(std::sync::OnceLock<Vec<String>>);

impl PartialEq for SearchTexts {
    /// Always equal: made from the entities, which datasets compare.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl SearchTexts {
    fn of(&self, entities: &[Entity]) -> &[String] {
        self.0.get_or_init(|| {
            entities
                .iter()
                .map(|e| {
                    // A separator that no name contains keeps a match inside one field.
                    [&e.zh, &e.en, &e.province_zh, &e.province_en, &e.id]
                        .map(|t| t.to_lowercase())
                        .join("\u{1f}")
                })
                .collect()
        })
    }
}

/// Title, sources and the scoring structure.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    /// The title in Chinese, when the dataset has one.
    pub title_zh: Option<String>,
    /// Who published the ranking.
    pub source: String,
    /// Where the figures come from and how far to trust them; shown in the status bar.
    pub provenance: String,
    /// Free text about the dataset.
    pub description: String,
    /// The component scores (at least one), in display order.
    pub capacities: Vec<Capacity>,
    /// Refined indicators, each under one capacity.
    pub indicators: Vec<Indicator>,
    /// Figures published beside the ranking that are not components of its score.
    pub extras: Vec<Extra>,
    /// Whether a higher total is better (most rankings) or a lower one (a peace index).
    pub total_direction: Direction,
    /// What the source calls the entities' group (Country, 国家, 地区); empty: "Province".
    pub group_label: String,
}

/// A figure published beside the ranking that is not a component of its score: a count, a
/// ratio, a population, another ranking's rank. Shown, sorted, filtered and exported with the
/// table; never a radar axis, a what-if weight or a driver.
#[derive(Clone, Debug, PartialEq)]
pub struct Extra {
    pub id: String,
    pub en: String,
    pub zh: String,
}

impl Indicator {
    /// The indicator's label in the given style, falling back to whichever label exists.
    #[must_use]
    pub fn label(&self, style: NameStyle) -> String {
        bilingual(&self.zh, &self.en, style)
    }
}

impl Extra {
    /// The extra column's label in the given style.
    #[must_use]
    pub fn label(&self, style: NameStyle) -> String {
        bilingual(&self.zh, &self.en, style)
    }
}

/// A component score of the ranking, e.g. "technological innovation capacity".
#[derive(Clone, Debug, PartialEq)]
pub struct Capacity {
    pub id: String,
    pub en: String,
    pub zh: String,
    /// Weight in the published total, when known.
    pub weight: Option<f64>,
    /// Whether a higher score is better (most) or a lower one (a pillar published as a rank).
    pub direction: Direction,
}

/// Whether a higher value (of an indicator, a capacity) is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    /// `value` turned so that higher is better: negated when lower is better.
    #[must_use]
    pub fn oriented(self, value: f64) -> f64 {
        match self {
            Self::HigherIsBetter => value,
            Self::LowerIsBetter => -value,
        }
    }
}

/// A refined indicator under one capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    /// Index into [`Meta::capacities`].
    pub capacity: usize,
    pub en: String,
    pub zh: String,
    /// Unit of the values, e.g. "%" or "件"; empty when unitless.
    pub unit: String,
    pub direction: Direction,
}

/// A ranked thing: a sci-tech city, a university, a country.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Entity {
    /// Stable id, unique in the dataset.
    pub id: String,
    pub en: String,
    pub zh: String,
    pub province_en: String,
    pub province_zh: String,
    pub city: Option<String>,
    /// The kind of entity, e.g. "科学城".
    pub kind: Option<String>,
}

/// Which names to show: Chinese, English or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum NameStyle {
    #[default]
    Chinese,
    English,
    Both,
}

impl Entity {
    /// The entity's name in the given style, falling back to whichever name exists.
    #[must_use]
    pub fn name(&self, style: NameStyle) -> String {
        bilingual(&self.zh, &self.en, style)
    }

    /// The entity's province in the given style.
    #[must_use]
    pub fn province(&self, style: NameStyle) -> String {
        bilingual(&self.province_zh, &self.province_en, style)
    }
}

impl Capacity {
    /// The capacity's label in the given style.
    #[must_use]
    pub fn label(&self, style: NameStyle) -> String {
        bilingual(&self.zh, &self.en, style)
    }
}

fn bilingual(zh: &str, en: &str, style: NameStyle) -> String {
    match (style, zh.is_empty(), en.is_empty()) {
        (_, true, _) => en.to_owned(),
        (_, _, true) | (NameStyle::Chinese, _, _) => zh.to_owned(),
        (NameStyle::English, _, _) => en.to_owned(),
        (NameStyle::Both, _, _) => format!("{zh} {en}"),
    }
}

/// One year of the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Year {
    pub year: i32,
    /// One record per listed entity, in the order of the source.
    pub records: Vec<Record>,
    /// The records' scores, indicator values and extra columns' values, as columns.
    pub values: Values,
    /// The provinces some records' rows give, where they differ from their entity's.
    pub provinces: RecordProvinces,
    /// Cohort, ordering, deltas and statistics, computed on construction.
    pub derived: YearDerived,
}

/// One entity's listing in one year: its rank and total; its other figures are in the year's
/// [`Values`], and the province its row gives (where it differs from the entity's) in the year's
/// [`RecordProvinces`] (read them through [`Year::record`]). Every figure may be missing.
#[derive(Clone, Debug)]
pub struct Record {
    /// Index into [`Dataset::entities`], in 4 bytes (read it with [`Record::entity`]).
    entity: u32,
    /// The rank as the source gives it; `None` when the source gives none.
    pub given_rank: Option<Rank>,
    /// The total, NaN when missing (8 bytes of every record rather than an `Option`'s 16): read
    /// it with [`Record::total`].
    total: f64,
}

impl PartialEq for Record {
    /// Equal when every field is, a missing total equal to a missing one.
    fn eq(&self, other: &Self) -> bool {
        self.entity == other.entity
            && self.given_rank == other.given_rank
            && self.total() == other.total()
    }
}

impl Record {
    /// The record's entity: an index into [`Dataset::entities`].
    #[must_use]
    #[inline]
    pub fn entity(&self) -> usize {
        self.entity as usize
    }

    /// Sets the record's entity (a dataset holds fewer than 2³² entities).
    pub fn set_entity(&mut self, entity: usize) {
        self.entity = u32::try_from(entity).unwrap_or(u32::MAX);
    }

    /// The total, if the record has one.
    #[must_use]
    #[inline]
    pub fn total(&self) -> Option<f64> {
        (!self.total.is_nan()).then_some(self.total)
    }

    /// Sets the total (`None`: missing).
    pub fn set_total(&mut self, total: Option<f64>) {
        self.total = total.unwrap_or(f64::NAN);
    }
}

/// A record of a year with its figures: what views, exports and analyses read. Derefs to the
/// [`Record`] for its entity, rank and total.
#[derive(Clone, Copy)]
pub struct RecordRef<'a> {
    record: &'a Record,
    values: &'a Values,
    provinces: &'a RecordProvinces,
    index: usize,
}

impl<'a> RecordRef<'a> {
    /// The province (group) this record's row gives, where it differs from the entity's.
    #[must_use]
    pub fn province(&self) -> Option<&'a str> {
        self.provinces.get(self.index)
    }

    /// The record's index in its year.
    #[must_use]
    pub fn index(&self) -> usize {
        self.index
    }

    /// The record itself.
    #[must_use]
    pub fn record(&self) -> &'a Record {
        self.record
    }

    /// The capacity scores, one slot per capacity.
    #[must_use]
    pub fn scores(&self) -> Slots<'a> {
        self.values.scores(self.index)
    }

    /// The indicator values, one slot per indicator.
    #[must_use]
    pub fn indicators(&self) -> Slots<'a> {
        self.values.indicators(self.index)
    }

    /// The extra columns' values, one slot per extra column.
    #[must_use]
    pub fn extras(&self) -> Slots<'a> {
        self.values.extras(self.index)
    }

    /// The score of capacity `c`; `None` when missing or out of range.
    #[must_use]
    pub fn score(&self, c: usize) -> Option<f64> {
        self.values.score_column(c).get(self.index)
    }

    /// The value of indicator `i`; `None` when missing or out of range.
    #[must_use]
    pub fn indicator(&self, i: usize) -> Option<f64> {
        self.values.indicator_column(i).get(self.index)
    }

    /// The value of extra column `e`; `None` when missing or out of range.
    #[must_use]
    pub fn extra(&self, e: usize) -> Option<f64> {
        self.values.extra_column(e).get(self.index)
    }
}

impl std::ops::Deref for RecordRef<'_> {
    type Target = Record;
    fn deref(&self) -> &Record {
        self.record
    }
}

impl std::fmt::Debug for RecordRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordRef")
            .field("record", self.record)
            .field("scores", &self.scores())
            .field("indicators", &self.indicators())
            .field("extras", &self.extras())
            .finish()
    }
}

/// One entity's figures in one year as a reader or generator builds them, its values side by
/// side (see [`YearInput::push`]). Every figure may be missing.
#[derive(Clone)]
pub struct RecordInput {
    /// Index into [`Dataset::entities`].
    pub entity: usize,
    /// The rank as the source gives it; `None` when the source gives none.
    pub given_rank: Option<Rank>,
    pub total: Option<f64>,
    /// The capacity scores, then the indicator values, then the extra columns' values.
    values: Box<[f64]>,
    /// How many of `values` are capacity scores.
    score_count: u32,
    /// How many of `values` (at the end) are extra columns' values.
    extra_count: u32,
    /// The province this record's row gives, where it differs from the entity's.
    province: Option<std::sync::Arc<str>>,
}

impl RecordInput {
    /// A record with one slot per capacity (`scores`, in [`Meta::capacities`] order) and per
    /// indicator (`indicators`, in [`Meta::indicators`] order).
    #[must_use]
    pub fn new(
        entity: usize,
        given_rank: Option<Rank>,
        total: Option<f64>,
        scores: &[Option<f64>],
        indicators: &[Option<f64>],
    ) -> Self {
        let values = scores.iter().chain(indicators).map(|&v| store(v)).collect();
        Self {
            entity,
            given_rank,
            total,
            values,
            score_count: u32::try_from(scores.len()).unwrap_or(u32::MAX),
            extra_count: 0,
            province: None,
        }
    }

    /// The province (group) this record's row gives, where it differs from the entity's.
    #[must_use]
    pub fn province(&self) -> Option<&str> {
        self.province.as_deref()
    }

    /// Sets the province this record's row gives (`None`: the entity's).
    pub fn set_province(&mut self, province: Option<std::sync::Arc<str>>) {
        self.province = province;
    }

    /// The record with the values of the extra columns (in [`Meta::extras`] order) added.
    #[must_use]
    pub fn with_extras(self, extras: &[Option<f64>]) -> Self {
        let kept = self.values.len() - self.extra_len();
        let values = self.values[..kept]
            .iter()
            .copied()
            .chain(extras.iter().map(|&v| store(v)))
            .collect();
        Self {
            values,
            extra_count: u32::try_from(extras.len()).unwrap_or(u32::MAX),
            ..self
        }
    }

    /// A record with `capacities` scores, `indicators` values and `extras` extra columns'
    /// values, all missing.
    #[must_use]
    pub fn empty(
        entity: usize,
        given_rank: Option<Rank>,
        total: Option<f64>,
        (capacities, indicators, extras): (usize, usize, usize),
    ) -> Self {
        Self {
            entity,
            given_rank,
            total,
            values: vec![store(None); capacities + indicators + extras].into_boxed_slice(),
            score_count: u32::try_from(capacities).unwrap_or(u32::MAX),
            extra_count: u32::try_from(extras).unwrap_or(u32::MAX),
            province: None,
        }
    }

    /// Makes every figure missing again (to read the next row into the same record).
    pub fn clear(&mut self) {
        self.clear_listing();
        self.values.fill(store(None));
    }

    /// Makes the rank, total and province missing again, the other figures left as they are
    /// (for rows whose other figures are read column by column, not into the record).
    pub fn clear_listing(&mut self) {
        self.given_rank = None;
        self.total = None;
        self.province = None;
    }

    /// The record's entity, rank, total and province, without its other figures.
    #[must_use]
    pub fn listing(&self) -> Record {
        Record {
            entity: u32::try_from(self.entity).unwrap_or(u32::MAX),
            given_rank: self.given_rank,
            total: self.total.unwrap_or(f64::NAN),
        }
    }

    fn split(&self) -> usize {
        (self.score_count as usize).min(self.values.len())
    }

    fn extra_len(&self) -> usize {
        (self.extra_count as usize).min(self.values.len() - self.split())
    }

    /// Where the extra columns' values start.
    fn extras_start(&self) -> usize {
        self.values.len() - self.extra_len()
    }

    /// How many capacity, indicator and extra slots the record has.
    #[must_use]
    pub fn shape(&self) -> Shape {
        Shape {
            capacities: self.split(),
            indicators: self.extras_start() - self.split(),
            extras: self.extra_len(),
        }
    }

    /// The capacity scores, one slot per capacity.
    #[must_use]
    pub fn scores(&self) -> Slots<'_> {
        Slots::side_by_side(&self.values[..self.split()])
    }

    /// The indicator values, one slot per indicator.
    #[must_use]
    pub fn indicators(&self) -> Slots<'_> {
        Slots::side_by_side(&self.values[self.split()..self.extras_start()])
    }

    /// The extra columns' values, one slot per extra column.
    #[must_use]
    pub fn extras(&self) -> Slots<'_> {
        Slots::side_by_side(&self.values[self.extras_start()..])
    }

    /// The value of extra column `e`; `None` when missing or out of range.
    #[must_use]
    pub fn extra(&self, e: usize) -> Option<f64> {
        self.extras().get(e)
    }

    /// Sets the value of extra column `e` (ignored when out of range).
    pub fn set_extra(&mut self, e: usize, value: Option<f64>) {
        let start = self.extras_start();
        if let Some(slot) = self.values[start..].get_mut(e) {
            *slot = store(value);
        }
    }

    /// The score of capacity `c`; `None` when missing or out of range.
    #[must_use]
    pub fn score(&self, c: usize) -> Option<f64> {
        self.scores().get(c)
    }

    /// The value of indicator `i`; `None` when missing or out of range.
    #[must_use]
    pub fn indicator(&self, i: usize) -> Option<f64> {
        self.indicators().get(i)
    }

    /// Sets value `k` of the record's values: capacity scores, then indicator values, then
    /// extra columns' values (ignored when out of range).
    pub fn set_value(&mut self, k: usize, value: Option<f64>) {
        if let Some(slot) = self.values.get_mut(k) {
            *slot = store(value);
        }
    }

    /// Sets the score of capacity `c` (ignored when out of range).
    pub fn set_score(&mut self, c: usize, value: Option<f64>) {
        let split = self.split();
        if let Some(slot) = self.values[..split].get_mut(c) {
            *slot = store(value);
        }
    }

    /// Sets the value of indicator `i` (ignored when out of range).
    pub fn set_indicator(&mut self, i: usize, value: Option<f64>) {
        let (split, end) = (self.split(), self.extras_start());
        if let Some(slot) = self.values[split..end].get_mut(i) {
            *slot = store(value);
        }
    }
}

impl PartialEq for RecordInput {
    fn eq(&self, other: &Self) -> bool {
        self.listing() == other.listing()
            && self.province == other.province
            && self.scores() == other.scores()
            && self.indicators() == other.indicators()
            && self.extras() == other.extras()
    }
}

impl std::fmt::Debug for RecordInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordInput")
            .field("entity", &self.entity)
            .field("given_rank", &self.given_rank)
            .field("total", &self.total)
            .field("scores", &self.scores())
            .field("indicators", &self.indicators())
            .field("extras", &self.extras())
            .field("province", &self.province)
            .finish_non_exhaustive()
    }
}

/// A year's records before derivation.
#[derive(Clone, Debug, PartialEq)]
pub struct YearInput {
    pub year: i32,
    pub records: Vec<Record>,
    /// The records' figures, as columns.
    pub values: Values,
    /// The provinces some records' rows give, where they differ from their entity's.
    pub provinces: RecordProvinces,
}

impl YearInput {
    /// A year of `records`, its columns as many as its widest record has.
    #[must_use]
    pub fn new(year: i32, records: Vec<RecordInput>) -> Self {
        let shape = records.iter().fold(Shape::default(), |widest, r| {
            let own = r.shape();
            Shape {
                capacities: widest.capacities.max(own.capacities),
                indicators: widest.indicators.max(own.indicators),
                extras: widest.extras.max(own.extras),
            }
        });
        let mut input = Self::empty(year, shape);
        for record in records {
            input.push(&record);
        }
        input
    }

    /// A year with no records yet and the columns of `shape`.
    #[must_use]
    pub fn empty(year: i32, shape: Shape) -> Self {
        Self {
            year,
            records: Vec::new(),
            values: Values::new(shape),
            provinces: RecordProvinces::default(),
        }
    }

    /// An empty year with room for `rows` records and their values.
    #[must_use]
    pub fn with_capacity(year: i32, shape: Shape, rows: usize) -> Self {
        let mut input = Self::empty(year, shape);
        input.records.reserve_exact(rows);
        input.values.reserve_exact(rows);
        input
    }

    /// Adds a record at the end.
    pub fn push(&mut self, record: &RecordInput) {
        self.push_listing(record);
        self.values
            .push(record.scores(), record.indicators(), record.extras());
    }

    /// Adds a record's listing (entity, rank, total, province) at the end, without its figures.
    pub fn push_listing(&mut self, record: &RecordInput) {
        self.records.push(record.listing());
        if let Some(province) = &record.province {
            self.provinces
                .set(self.records.len() - 1, Some(province.clone()));
        }
    }

    /// Adds `other`'s records after these (the same columns; `other` is left empty).
    pub fn append(&mut self, other: &mut Self) {
        self.provinces
            .append(&mut other.provinces, self.records.len());
        self.records.append(&mut other.records);
        self.values.append(&mut other.values);
    }
}

impl Dataset {
    /// The record of year `year`'s record `record` in the year before (by index), if listed there.
    fn previous_of(&self, year: usize, record: usize) -> Option<(&Year, usize)> {
        let previous = self.years.get(year.checked_sub(1)?)?;
        let index = self.years[year].derived.previous.get(record)?;
        Some((previous, index))
    }

    /// Record `record` of year `year`: its total minus its total in the year before, where both
    /// are present.
    #[must_use]
    pub fn total_delta(&self, year: usize, record: usize) -> Option<f64> {
        let now = self.years.get(year)?.records.get(record)?.total()?;
        let (previous, index) = self.previous_of(year, record)?;
        Some(now - previous.records.get(index)?.total()?)
    }

    /// Record `record` of year `year`: its score on capacity `c` minus its score in the year
    /// before, where both are present.
    #[must_use]
    pub fn score_delta(&self, year: usize, record: usize, c: usize) -> Option<f64> {
        let now = self.years.get(year)?.values.score_column(c).get(record)?;
        let (previous, index) = self.previous_of(year, record)?;
        Some(now - previous.values.score_column(c).get(index)?)
    }

    /// The name of entity `index` in the given style; empty when there is no such entity.
    #[must_use]
    pub fn entity_name(&self, index: usize, style: NameStyle) -> String {
        self.entities
            .get(index)
            .map(|e| e.name(style))
            .unwrap_or_default()
    }

    /// Builds a dataset and derives each year's cohort, ranks, deltas and statistics.
    ///
    /// Years (periods) are sorted as time runs ([`period::axis`]). Records must refer to existing entities and carry one value
    /// slot per capacity and indicator (the readers guarantee this; a shorter record reads as
    /// missing values).
    #[must_use]
    pub fn new(meta: Meta, entities: Vec<Entity>, mut inputs: Vec<YearInput>) -> Self {
        inputs.sort_by(|a, b| period::axis(a.year).total_cmp(&period::axis(b.year)));
        let capacity_count = meta.capacities.len();
        let shape = Shape {
            capacities: capacity_count,
            indicators: meta.indicators.len(),
            extras: meta.extras.len(),
        };
        for input in &mut inputs {
            input.values = std::mem::take(&mut input.values).fitted(shape);
        }
        // What each year gives on its own, then what each owes the year before; both on all
        // cores.
        let slices: Vec<(&[Record], &Values)> =
            inputs.iter().map(|i| (&i.records[..], &i.values)).collect();
        let owns = derive_years(
            &slices,
            entities.len(),
            (capacity_count, meta.total_direction),
        );
        let links = link_years(&slices, &owns);
        let years: Vec<Year> = inputs
            .into_iter()
            .zip(owns)
            .zip(links)
            .map(|((input, own), link)| Year {
                year: input.year,
                records: input.records,
                values: input.values,
                provinces: input.provinces,
                derived: complete(own, link),
            })
            .collect();
        Self {
            meta,
            entities,
            years,
            search_texts: SearchTexts::default(),
        }
    }

    /// The lowercased names, provinces and id of `entity`, for search.
    #[must_use]
    pub fn search_text(&self, entity: usize) -> &str {
        self.search_texts
            .of(&self.entities)
            .get(entity)
            .map_or("", String::as_str)
    }

    /// The position of `year` in [`Self::years`].
    #[must_use]
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| y.year == year)
    }

    /// The latest year, if any.
    #[must_use]
    pub fn latest_year(&self) -> Option<i32> {
        self.years.last().map(|y| y.year)
    }

    /// The entity whose id, Chinese name or English name is `name` (case-insensitive for ASCII).
    #[must_use]
    pub fn find_entity(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.entities.iter().position(|e| {
            e.id.eq_ignore_ascii_case(name) || e.zh == name || e.en.eq_ignore_ascii_case(name)
        })
    }

    /// The province (group) of `record` in `year`: as its row gives it, else the entity's in
    /// the given style.
    #[must_use]
    pub fn province_of(&self, year: &Year, record: usize, style: NameStyle) -> String {
        if let Some(own) = year.provinces.get(record) {
            return own.to_owned();
        }
        year.row_entity(record)
            .and_then(|e| self.entities.get(e))
            .map(|e| e.province(style))
            .unwrap_or_default()
    }

    /// The province (group) of `entity` in a comparison of two years (by their keys): as the
    /// later year gives it, else the earlier (a dropout), else the entity's.
    #[must_use]
    pub fn province_between(
        &self,
        entity: usize,
        (from, to): (i32, i32),
        style: NameStyle,
    ) -> String {
        for key in [to, from] {
            if let Some(year) = self.year_index(key).and_then(|i| self.years.get(i))
                && let Some(record) = year.record_of(entity)
            {
                return self.province_of(year, record, style);
            }
        }
        self.entities
            .get(entity)
            .map(|e| e.province(style))
            .unwrap_or_default()
    }

    /// The province key of `record` in `year` (what filters compare): as its row gives it,
    /// else the entity's ([`super::province_key`]).
    #[must_use]
    pub fn province_key_of<'a>(&'a self, year: &'a Year, record: usize) -> &'a str {
        if let Some(own) = year.provinces.get(record) {
            return own;
        }
        year.row_entity(record)
            .and_then(|e| self.entities.get(e))
            .map(super::province_key)
            .unwrap_or_default()
    }

    /// The province key a user's text names: itself when some entity's province has it as its
    /// key, else the key of the province whose English (or Chinese) name it is, compared without
    /// case (`Zhejiang` → 浙江).
    #[must_use]
    pub fn province_key_named(&self, text: &str) -> String {
        let text = text.trim();
        if self.entities.iter().any(|e| super::province_key(e) == text) {
            return text.to_owned();
        }
        self.entities
            .iter()
            .find(|e| e.province_en.eq_ignore_ascii_case(text) || e.province_zh == text)
            .map_or_else(|| text.to_owned(), |e| super::province_key(e).to_owned())
    }

    /// The heading of the province (group) column: the source's, else `default`.
    #[must_use]
    pub fn group_label<'a>(&'a self, default: &'a str) -> &'a str {
        if self.meta.group_label.is_empty() {
            default
        } else {
            &self.meta.group_label
        }
    }

    /// The title in the given style.
    #[must_use]
    pub fn title(&self, style: NameStyle) -> String {
        match (&self.meta.title_zh, style) {
            (Some(zh), NameStyle::Chinese) => zh.clone(),
            _ => self.meta.title.clone(),
        }
    }
}

impl Year {
    /// Record `index` with its figures.
    #[must_use]
    pub fn record(&self, index: usize) -> Option<RecordRef<'_>> {
        self.records.get(index).map(|record| RecordRef {
            record,
            values: &self.values,
            provinces: &self.provinces,
            index,
        })
    }

    /// Each record with its figures, in the order of the source.
    #[must_use]
    pub fn record_refs(&self) -> impl ExactSizeIterator<Item = RecordRef<'_>> + Clone {
        self.records
            .iter()
            .enumerate()
            .map(|(index, record)| RecordRef {
                record,
                values: &self.values,
                provinces: &self.provinces,
                index,
            })
    }

    /// The year's records and figures as a [`YearInput`] (to build another dataset from).
    #[must_use]
    pub fn to_input(&self) -> YearInput {
        YearInput {
            year: self.year,
            records: self.records.clone(),
            values: self.values.clone(),
            provinces: self.provinces.clone(),
        }
    }

    /// How the year (period) is shown: `2023`, `2018-06-07`, or `—` when undated.
    #[must_use]
    pub fn label(&self) -> String {
        period::label(self.year)
    }

    /// The record index of `entity` in this year, if listed.
    #[must_use]
    pub fn record_of(&self, entity: usize) -> Option<usize> {
        self.derived.record_of_entity.get(entity)
    }

    /// The entity a table row stands for. Rows below `records.len()` are records; the rows
    /// after them stand for the dataset's entities that this year does not list, in entity order
    /// (see [`Year::unlisted_rows`]).
    #[must_use]
    pub fn row_entity(&self, row: usize) -> Option<usize> {
        if let Some(record) = self.records.get(row) {
            return Some(record.entity());
        }
        let entity = row - self.records.len();
        (entity < self.derived.record_of_entity.len()).then_some(entity)
    }

    /// Rows for the dataset's entities that this year does not list (they have no figures).
    pub fn unlisted_rows(&self) -> impl Iterator<Item = usize> + '_ {
        let offset = self.records.len();
        self.derived
            .record_of_entity
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_none())
            .map(move |(e, _)| offset + e)
    }

    /// The number of entities ranked this year.
    #[must_use]
    pub fn cohort_size(&self) -> usize {
        self.derived.order.len()
    }
}

#[cfg(test)]
mod record_tests {
    use super::RecordInput as Record;

    #[test]
    fn missing_values_stay_missing_and_zero_stays_zero() {
        let mut r = Record::new(
            3,
            None,
            Some(1.0),
            &[Some(0.0), None],
            &[None, Some(-2.5), None],
        );
        assert_eq!(r.scores(), vec![Some(0.0), None]);
        assert_eq!(r.indicators(), vec![None, Some(-2.5), None]);
        assert_eq!(
            (r.score(1), r.score(2), r.indicator(1)),
            (None, None, Some(-2.5))
        );
        r.set_score(1, Some(7.0));
        r.set_indicator(0, Some(f64::NAN));
        r.set_indicator(9, Some(1.0));
        assert_eq!(r.scores(), vec![Some(0.0), Some(7.0)]);
        assert_eq!(r.indicators(), vec![None, Some(-2.5), None]);
        assert_eq!(r.clone(), r, "a record with missing values equals itself");
        let empty = Record::empty(0, None, None, (2, 1, 0));
        assert_eq!((empty.scores().len(), empty.indicators().len()), (2, 1));
        assert!(
            empty
                .scores()
                .iter()
                .chain(empty.indicators())
                .all(|v| v.is_none())
        );
    }
}
