//! Synthetic datasets of any size (`rankscope gen`): realistic rankings for benchmarks and
//! stress tests, deterministic by seed.
//!
//! Each year lists `entities` entities. An entity has a lasting quality and a profile across the
//! four capacities; its standing drifts from year to year. Indicators follow their capacity's score
//! with noise; capacity scores add up (with their weights) to the total; totals bend below 100
//! at the top (none reaches the cap, so the best of a large cohort do not tie there) and are
//! rounded to two decimals, so ties stay possible but are rare at the top. Ranks are competition ranks of the totals: exact up to 100,
//! then bands (101–150, 151–200, 201–300 … 501–1000, 1001+). About 3 % of the entities drop out
//! each year and as many new ones enter; a few values are missing (1.5 % of indicators, 0.3 % of
//! capacity scores, 0.1 % of totals, whose records are listed unranked).

use super::indicators::{CAPACITIES, INDICATORS, round};
use super::rng::Rng;
use super::roster::ROSTER;
use crate::model::{
    Capacity, Dataset, Direction, Entity, Indicator, Meta, Rank, RecordInput, YearInput,
    competition_ranks,
};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticParams {
    /// Entities listed each year.
    pub entities: usize,
    /// Consecutive years, starting with `first_year`.
    pub years: usize,
    /// Indicators, spread over the four capacities.
    pub indicators: usize,
    pub seed: u64,
    pub first_year: i32,
    /// Whether records carry their ranks (exact and bands); without, ranks are computed from the
    /// totals on load.
    pub given_ranks: bool,
    /// Every figure (total, scores, indicators) rounded to this many places; `None`: totals and
    /// scores to two, each indicator to its own.
    pub decimals: Option<i32>,
}

impl Default for SyntheticParams {
    fn default() -> Self {
        Self {
            entities: 1000,
            years: 10,
            indicators: 31,
            seed: 1,
            first_year: 2015,
            given_ranks: true,
            decimals: None,
        }
    }
}

/// Share of the entities that drop out each year (replaced by as many entrants).
const CHURN: f64 = 0.03;

/// The published rank of a competition place: exact in the top 100, then ever wider bands.
#[must_use]
pub fn banded(place: u32) -> Rank {
    let band = |width: u32, after: u32| {
        let lo = after + (place - after - 1) / width * width + 1;
        Rank::Band {
            lo,
            hi: lo + width - 1,
        }
    };
    match place {
        0..=100 => Rank::Exact(place),
        101..=200 => band(50, 100),
        201..=500 => band(100, 200),
        501..=1000 => band(500, 500),
        _ => Rank::Open { lo: 1001, hi: 1001 },
    }
}

/// Generates a dataset. The same parameters always give the same dataset.
#[must_use]
pub fn generate_synthetic(params: &SyntheticParams) -> Dataset {
    let mut rng = Rng::new(params.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut pool = Pool::default();
    let mut active: Vec<usize> = (0..params.entities).map(|_| pool.add(&mut rng)).collect();
    let mut drift: Vec<f64> = vec![0.0; params.entities];
    let mut years = Vec::with_capacity(params.years);
    for offset in 0..params.years {
        let year = params
            .first_year
            .saturating_add(i32::try_from(offset).unwrap_or(i32::MAX));
        if offset > 0 {
            for (slot, d) in active.iter_mut().zip(&mut drift) {
                if rng.unit() < CHURN {
                    *slot = pool.add(&mut rng);
                    *d = 0.0;
                }
            }
        }
        let totals: Vec<Option<f64>> = active
            .iter()
            .zip(&mut drift)
            .map(|(&entity, d)| {
                *d = 0.8 * *d + 0.25 * rng.normal();
                let z = pool.quality[entity] + *d + 0.1 * rng.normal();
                let total = round(
                    below_cap(62.0 + 9.0 * z).max(0.0),
                    params.decimals.unwrap_or(2),
                );
                (rng.unit() >= 0.001).then_some(total)
            })
            .collect();
        let ranks = competition_ranks(&totals);
        let mut records: Vec<RecordInput> = active
            .iter()
            .zip(&totals)
            .zip(&ranks)
            .map(|((&entity, &total), &rank)| {
                let scores = capacity_scores(
                    total,
                    &pool.profiles[entity],
                    &mut rng,
                    params.decimals.unwrap_or(2),
                );
                let indicators =
                    indicator_values(&scores, (params.indicators, params.decimals), &mut rng);
                let given_rank = match rank {
                    Rank::Exact(place) if params.given_ranks => Some(banded(place)),
                    _ => None,
                };
                RecordInput::new(entity, given_rank, total, &scores, &indicators)
            })
            .collect();
        // Published in rank order (ties and bands by id), unranked last.
        records.sort_by(|a, b| {
            let key = |r: &RecordInput| r.total.map_or(f64::INFINITY, |t| -t);
            key(a).total_cmp(&key(b)).then(a.entity.cmp(&b.entity))
        });
        years.push(YearInput::new(year, records));
    }
    Dataset::new(meta(params), pool.entities, years)
}

/// Every entity generated so far, with its lasting quality and capacity profile.
#[derive(Default)]
struct Pool {
    entities: Vec<Entity>,
    quality: Vec<f64>,
    profiles: Vec<[f64; 4]>,
}

impl Pool {
    /// A new entity, named after the sample's roster (numbered after the first round).
    fn add(&mut self, rng: &mut Rng) -> usize {
        let index = self.entities.len();
        let roster = &ROSTER[index % ROSTER.len()];
        let copy = index / ROSTER.len();
        let (zh, en) = if copy == 0 {
            (roster.zh.to_owned(), roster.en.to_owned())
        } else {
            (
                format!("{}{}", roster.zh, copy + 1),
                format!("{} {}", roster.en, copy + 1),
            )
        };
        self.entities.push(Entity {
            id: format!("e{index:07}"),
            en,
            zh,
            province_en: roster.province_en.to_owned(),
            province_zh: roster.province_zh.to_owned(),
            city: Some(roster.city_zh.to_owned()),
            kind: Some(roster.kind_zh.to_owned()),
        });
        self.quality.push(rng.normal());
        self.profiles
            .push(std::array::from_fn(|_| rng.normal() * 3.5));
        index
    }
}

/// Where totals start to bend below the cap of 100.
const BEND: f64 = 80.0;

/// `x` up to [`BEND`]; above, bent smoothly towards 100 without reaching it (a total of 100
/// needs `x` beyond 170), so that the top of a large cohort stays spread out instead of tying
/// at the cap.
fn below_cap(x: f64) -> f64 {
    if x <= BEND {
        x
    } else {
        BEND + (100.0 - BEND) * ((x - BEND) / (100.0 - BEND)).tanh()
    }
}

/// Capacity scores whose weighted sum is the total (to rounding), shaped by the entity's profile.
/// The profile's spread narrows as the total nears 100, so that scores stay below the cap.
fn capacity_scores(
    total: Option<f64>,
    profile: &[f64; 4],
    rng: &mut Rng,
    decimals: i32,
) -> Vec<Option<f64>> {
    let base = total.unwrap_or(55.0);
    let raw: Vec<f64> = profile
        .iter()
        .map(|p| base + p + rng.normal() * 2.0)
        .collect();
    let weighted: f64 = raw.iter().zip(CAPACITIES).map(|(s, c)| s * c.3).sum();
    let headroom = ((100.0 - base) / 20.0).clamp(0.0, 1.0);
    raw.iter()
        .map(|s| {
            let score = round(
                (base + (s - weighted) * headroom).clamp(0.0, 100.0),
                decimals,
            );
            (rng.unit() >= 0.003).then_some(score)
        })
        .collect()
}

/// The spec of indicator `index`: the sample's 31, repeated when more are asked for.
fn spec(index: usize) -> &'static super::indicators::IndicatorSpec {
    &INDICATORS[index % INDICATORS.len()]
}

/// Indicator values that follow their capacity's score, with noise and a few gaps.
fn indicator_values(
    scores: &[Option<f64>],
    (count, decimals): (usize, Option<i32>),
    rng: &mut Rng,
) -> Vec<Option<f64>> {
    (0..count)
        .map(|index| {
            let spec = spec(index);
            let noise = rng.normal();
            if rng.unit() < 0.015 {
                return None;
            }
            let score = scores.get(spec.capacity).copied().flatten().unwrap_or(55.0);
            let z = (score - 62.0) / 9.0 + noise * 0.6;
            Some(spec.value_at_places(z, decimals.unwrap_or(spec.decimals)))
        })
        .collect()
}

fn meta(params: &SyntheticParams) -> Meta {
    Meta {
        title: format!(
            "Synthetic ranking: {} entities, {} years, {} indicators (seed {})",
            params.entities, params.years, params.indicators, params.seed
        ),
        title_zh: None,
        source: "rankscope gen".into(),
        provenance: "Synthetic figures generated for benchmarks; names reuse the sample's roster."
            .into(),
        description: String::new(),
        capacities: CAPACITIES
            .iter()
            .map(|&(id, en, zh, weight)| Capacity {
                id: id.into(),
                en: en.into(),
                zh: zh.into(),
                weight: Some(weight),
                direction: Direction::HigherIsBetter,
            })
            .collect(),
        indicators: (0..params.indicators)
            .map(|index| {
                let s = spec(index);
                let round = index / INDICATORS.len();
                let suffix = |text: &str, sep: &str| {
                    if round == 0 {
                        text.to_owned()
                    } else {
                        format!("{text}{sep}{}", round + 1)
                    }
                };
                Indicator {
                    id: suffix(s.id, "-"),
                    capacity: s.capacity,
                    en: suffix(s.en, " "),
                    zh: suffix(s.zh, ""),
                    unit: s.unit.into(),
                    direction: s.direction,
                }
            })
            .collect(),
        extras: Vec::new(),
        total_direction: Direction::HigherIsBetter,
        group_label: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SyntheticParams {
        SyntheticParams {
            entities: 300,
            years: 4,
            indicators: 31,
            ..SyntheticParams::default()
        }
    }

    #[test]
    fn decimals_round_every_figure_and_none_keeps_each_its_own() {
        let places = |v: f64| {
            let text = v.to_string();
            text.split_once('.').map_or(0, |(_, f)| f.len())
        };
        let figures = |data: &Dataset| -> Vec<f64> {
            data.years
                .iter()
                .flat_map(crate::model::Year::record_refs)
                .flat_map(|r| {
                    let mut all: Vec<f64> = r.total().into_iter().collect();
                    all.extend(r.scores().iter().flatten());
                    all.extend(r.indicators().iter().flatten());
                    all
                })
                .collect()
        };
        let three = generate_synthetic(&SyntheticParams {
            decimals: Some(3),
            ..small()
        });
        let three = figures(&three);
        assert!(three.iter().all(|&v| places(v) <= 3));
        assert!(
            three.iter().filter(|&&v| places(v) == 3).count() * 2 > three.len(),
            "most figures have three places"
        );
        // Without: totals and scores at two places, indicators at their own (at most two).
        let own = figures(&generate_synthetic(&small()));
        assert!(own.iter().all(|&v| places(v) <= 2));
    }

    #[test]
    fn bands_widen_down_the_list() {
        assert_eq!(banded(100), Rank::Exact(100));
        assert_eq!(banded(101), Rank::Band { lo: 101, hi: 150 });
        assert_eq!(banded(200), Rank::Band { lo: 151, hi: 200 });
        assert_eq!(banded(201), Rank::Band { lo: 201, hi: 300 });
        assert_eq!(banded(777), Rank::Band { lo: 501, hi: 1000 });
        assert_eq!(banded(5000), Rank::Open { lo: 1001, hi: 1001 });
    }

    #[test]
    fn each_year_lists_the_cohort_with_entrants_dropouts_gaps_and_bands() {
        let data = generate_synthetic(&small());
        assert_eq!(data.years.len(), 4);
        assert_eq!(data.meta.indicators.len(), 31);
        assert!(data.entities.len() > 300, "entrants add entities");
        for year in &data.years {
            assert_eq!(year.records.len(), 300);
        }
        let last = &data.years[3];
        assert!(!last.derived.entrants.is_empty());
        assert!(!last.derived.dropouts.is_empty());
        let ranks: Vec<Rank> = last.records.iter().filter_map(|r| r.given_rank).collect();
        assert!(ranks.contains(&Rank::Exact(1)));
        assert!(ranks.contains(&Rank::Band { lo: 201, hi: 300 }));
        let values = data
            .years
            .iter()
            .flat_map(crate::model::Year::record_refs)
            .flat_map(|r| r.indicators());
        assert!(
            values.clone().any(|v| v.is_none()),
            "some values are missing"
        );
        assert!(values.flatten().all(f64::is_finite));
    }

    #[test]
    fn the_top_of_a_large_cohort_stays_below_the_cap_and_spread_out() {
        let data = generate_synthetic(&SyntheticParams {
            entities: 100_000,
            years: 1,
            indicators: 1,
            ..SyntheticParams::default()
        });
        let year = &data.years[0];
        let mut figures = year
            .record_refs()
            .flat_map(|r| r.scores().into_iter().chain([r.total()]).flatten());
        assert!(figures.all(|v| (0.0..100.0).contains(&v)));
        let best: Vec<f64> = year
            .derived
            .order
            .iter()
            .take(10)
            .filter_map(|i| year.records[i].total())
            .collect();
        assert!(best[0] > 90.0, "the best stand out: {best:?}");
        assert_eq!(
            year.derived.ranks[year.derived.order.get(1).expect("a second")],
            Rank::Exact(2),
            "one entity at rank 1: {best:?}"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_dataset() {
        let a = generate_synthetic(&small());
        assert_eq!(a, generate_synthetic(&small()));
        let other = generate_synthetic(&SyntheticParams { seed: 2, ..small() });
        assert_ne!(a.years[0].records, other.years[0].records);
    }
}
