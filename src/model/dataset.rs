//! The dataset: metadata, capacities, indicators, entities and each year's records.

use super::derive::{YearDerived, derive_year};
use super::rank::Rank;

/// A whole ranking dataset, with everything derived from it computed once on construction.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub meta: Meta,
    pub entities: Vec<Entity>,
    /// Years in ascending order, each with its records and derived figures.
    pub years: Vec<Year>,
    /// Per entity: its names, provinces and id, lowercased, for case-insensitive search.
    search_texts: Vec<String>,
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
}

/// A component score of the ranking, e.g. "technological innovation capacity".
#[derive(Clone, Debug, PartialEq)]
pub struct Capacity {
    pub id: String,
    pub en: String,
    pub zh: String,
    /// Weight in the published total, when known.
    pub weight: Option<f64>,
}

/// Whether a higher indicator value is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
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
    /// Cohort, ordering, deltas and statistics, computed on construction.
    pub derived: YearDerived,
}

/// One entity's figures in one year. Every figure may be missing.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Index into [`Dataset::entities`].
    pub entity: usize,
    /// The rank as the source gives it; `None` when the source gives none.
    pub given_rank: Option<Rank>,
    pub total: Option<f64>,
    /// One entry per capacity, in [`Meta::capacities`] order.
    pub scores: Vec<Option<f64>>,
    /// One entry per indicator, in [`Meta::indicators`] order.
    pub indicators: Vec<Option<f64>>,
}

/// A year's records before derivation.
#[derive(Clone, Debug, PartialEq)]
pub struct YearInput {
    pub year: i32,
    pub records: Vec<Record>,
}

impl Dataset {
    /// Builds a dataset and derives each year's cohort, ranks, deltas and statistics.
    ///
    /// Years are sorted ascending. Records must refer to existing entities and carry one value
    /// slot per capacity and indicator (the readers guarantee this; a shorter record reads as
    /// missing values).
    #[must_use]
    pub fn new(meta: Meta, entities: Vec<Entity>, mut inputs: Vec<YearInput>) -> Self {
        inputs.sort_by_key(|input| input.year);
        let capacity_count = meta.capacities.len();
        let mut years: Vec<Year> = Vec::with_capacity(inputs.len());
        for input in inputs {
            let derived = derive_year(&input.records, years.last(), entities.len(), capacity_count);
            years.push(Year {
                year: input.year,
                records: input.records,
                derived,
            });
        }
        let search_texts = entities
            .iter()
            .map(|e| {
                // A separator that no name contains keeps a match inside one field.
                [&e.zh, &e.en, &e.province_zh, &e.province_en, &e.id]
                    .map(|t| t.to_lowercase())
                    .join("\u{1f}")
            })
            .collect();
        Self {
            meta,
            entities,
            years,
            search_texts,
        }
    }

    /// The lowercased names, provinces and id of `entity`, for search.
    #[must_use]
    pub fn search_text(&self, entity: usize) -> &str {
        self.search_texts.get(entity).map_or("", String::as_str)
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
    /// The record index of `entity` in this year, if listed.
    #[must_use]
    pub fn record_of(&self, entity: usize) -> Option<usize> {
        self.derived.record_of_entity.get(entity).copied().flatten()
    }

    /// The entity a table row stands for. Rows below `records.len()` are records; the rows
    /// after them stand for the dataset's entities that this year does not list, in entity order
    /// (see [`Year::unlisted_rows`]).
    #[must_use]
    pub fn row_entity(&self, row: usize) -> Option<usize> {
        if let Some(record) = self.records.get(row) {
            return Some(record.entity);
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
