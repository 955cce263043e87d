//! Deterministic generator of the bundled sample: synthetic figures around CCID's published facts.

use super::indicators::{CAPACITIES, INDICATORS, round};
use super::rng::Rng;
use super::roster::ROSTER;
use crate::model::{
    Capacity, Dataset, Direction, Entity, Indicator, Meta, Rank, RecordInput, YearInput,
};

/// Entities ranked each year.
const COHORT: usize = 100;
/// The seed of the committed sample.
const SEED: u64 = 2022;

/// A place fixed by a published fact (1-based position in the year's order).
struct Pin {
    id: &'static str,
    position: usize,
}

const fn pin(id: &'static str, position: usize) -> Pin {
    Pin { id, position }
}

/// 2022: the published top ten in order, 苏州科技城 16th, 德州生态科技城 43rd, two entities in the
/// 51–70 band and one in 71–100 (their places inside a band are arbitrary: bands are unordered).
const PINS_2022: [Pin; 15] = [
    pin("pudong-zhangjiang", 1),
    pin("haidian-zhongguancun", 2),
    pin("guangzhou-science-city", 3),
    pin("changping-future", 4),
    pin("ningbo-new-materials", 5),
    pin("hangzhou-future", 6),
    pin("mianyang", 7),
    pin("hefei-binhu", 8),
    pin("huairou", 9),
    pin("lingang-pujiang", 10),
    pin("suzhou", 16),
    pin("dezhou-eco", 43),
    pin("weihai-shuangdaowan", 58),
    pin("qingdao-software", 64),
    pin("qingdao-new-materials", 85),
];

/// 2023: 广州科学城 2nd, 苏州科技城 13th, 贵州科学城 34th.
const PINS_2023: [Pin; 3] = [
    pin("guangzhou-science-city", 2),
    pin("suzhou", 13),
    pin("guizhou", 34),
];

/// 2022's published counts by province among the 100; the other provinces share the rest.
const QUOTAS_2022: [(&str, usize); 5] = [
    ("浙江", 17),
    ("广东", 13),
    ("江苏", 10),
    ("山东", 7),
    ("上海", 6),
];

/// Two neighbouring places given the same total, to show competition ranking (1-2-2-4).
const TIES: [(i32, usize); 3] = [(2021, 27), (2022, 38), (2023, 45)];

/// The place an entity "deserves" in 2022 terms, before yearly noise; pins keep their places.
fn typical_position(id: &str, rng: &mut Rng) -> f64 {
    match PINS_2022.iter().find(|p| p.id == id) {
        Some(p) => f64::from(u32::try_from(p.position).unwrap_or(u32::MAX)),
        None if id == "guizhou" => 40.0,
        None => 11.0 + rng.unit() * 125.0,
    }
}

/// Generates the sample dataset. The same code always gives the same dataset.
#[must_use]
pub fn generate_sample() -> Dataset {
    let mut rng = Rng::new(SEED);
    let typical: Vec<f64> = ROSTER
        .iter()
        .map(|e| typical_position(e.id, &mut rng))
        .collect();
    // A profile per entity: how each capacity sits against its total (strengths and weaknesses).
    let profiles: Vec<[f64; 4]> = ROSTER
        .iter()
        .map(|_| std::array::from_fn(|_| rng.normal() * 3.5))
        .collect();

    let mut years = Vec::new();
    for year in [2021, 2022, 2023] {
        let drift = f64::from(year - 2022);
        // Lower is better: a typical place, a yearly trend and noise, both growing down the list
        // (places at the top move less than places at the bottom).
        let standing: Vec<f64> = typical
            .iter()
            .map(|&t| {
                let scale = 1.0 + 0.08 * t;
                t + scale * (drift * rng.normal() + rng.normal())
            })
            .collect();
        let (pins, quotas): (&[Pin], &[(&str, usize)]) = match year {
            2022 => (&PINS_2022, &QUOTAS_2022),
            2023 => (&PINS_2023, &[]),
            _ => (&[], &[]),
        };
        let order = cohort_order(&standing, pins, quotas);
        let totals = totals_along(&order, year, &mut rng);
        years.push(year_records(year, &order, &totals, &profiles, &mut rng));
    }
    Dataset::new(meta(), entities(), years)
}

/// Picks the year's cohort and orders it: pinned entities at their places, the others by standing.
fn cohort_order(standing: &[f64], pins: &[Pin], quotas: &[(&str, usize)]) -> Vec<usize> {
    let pinned: Vec<(usize, usize)> = pins
        .iter()
        .filter_map(|p| {
            ROSTER
                .iter()
                .position(|e| e.id == p.id)
                .map(|i| (i, p.position))
        })
        .collect();
    let is_pinned = |i: usize| pinned.iter().any(|&(e, _)| e == i);
    let mut candidates: Vec<usize> = (0..ROSTER.len()).filter(|&i| !is_pinned(i)).collect();
    candidates.sort_by(|&a, &b| standing[a].total_cmp(&standing[b]));

    let mut chosen: Vec<usize> = Vec::with_capacity(COHORT);
    let quota_of = |i: usize| {
        quotas
            .iter()
            .find(|(p, _)| *p == ROSTER[i].province_zh)
            .map(|&(_, n)| n)
    };
    let pinned_in = |province: &str| {
        pinned
            .iter()
            .filter(|&&(e, _)| ROSTER[e].province_zh == province)
            .count()
    };
    for &(province, count) in quotas {
        let wanted = count.saturating_sub(pinned_in(province));
        chosen.extend(
            candidates
                .iter()
                .filter(|&&i| ROSTER[i].province_zh == province)
                .take(wanted),
        );
    }
    let free = COHORT - pinned.len() - chosen.len();
    chosen.extend(
        candidates
            .iter()
            .filter(|&&i| quota_of(i).is_none())
            .take(free),
    );
    chosen.sort_by(|&a, &b| standing[a].total_cmp(&standing[b]));

    let mut order: Vec<Option<usize>> = vec![None; COHORT];
    for &(entity, position) in &pinned {
        order[position - 1] = Some(entity);
    }
    let mut rest = chosen.into_iter();
    for slot in &mut order {
        if slot.is_none() {
            *slot = rest.next();
        }
    }
    order.into_iter().flatten().collect()
}

/// Totals falling along the order, rounded to two decimals, with one deliberate tie per year.
fn totals_along(order: &[usize], year: i32, rng: &mut Rng) -> Vec<f64> {
    let mut totals = Vec::with_capacity(order.len());
    let mut total = 91.0 + rng.unit() * 3.0;
    for position in 1..=order.len() {
        if position > 1 {
            let tie = TIES.iter().any(|&(y, p)| y == year && p + 1 == position);
            if !tie {
                total -= 0.12 + rng.unit() * 0.55;
            }
        }
        totals.push(round(total, 2));
    }
    totals
}

/// Records in source order: ranked by place, except that each 2022 band lists its members by
/// Chinese name, as an unordered band is published.
fn year_records(
    year: i32,
    order: &[usize],
    totals: &[f64],
    profiles: &[[f64; 4]],
    rng: &mut Rng,
) -> YearInput {
    let ranks: Vec<Rank> =
        crate::model::competition_ranks(&totals.iter().map(|&t| Some(t)).collect::<Vec<_>>());
    let mut records: Vec<RecordInput> = order
        .iter()
        .zip(totals)
        .zip(ranks)
        .enumerate()
        .map(|(index, ((&entity, &total), rank))| {
            let position = index + 1;
            let given_rank = match (year, position) {
                (2022, 51..=70) => Rank::Band { lo: 51, hi: 70 },
                (2022, 71..) => Rank::Band { lo: 71, hi: 100 },
                _ => rank,
            };
            let scores = capacity_scores(total, &profiles[entity], rng);
            let indicators = indicator_values(&scores, rng);
            RecordInput::new(entity, Some(given_rank), Some(total), &scores, &indicators)
        })
        .collect();
    if year == 2022 {
        records[50..70].sort_by(|a, b| ROSTER[a.entity].zh.cmp(ROSTER[b.entity].zh));
        records[70..].sort_by(|a, b| ROSTER[a.entity].zh.cmp(ROSTER[b.entity].zh));
    }
    // A few capacity scores are missing, as in real spreadsheets.
    if year == 2021 {
        records[77].set_score(2, None);
        records[93].set_score(0, None);
    }
    YearInput::new(year, records)
}

/// Capacity scores whose weighted sum is the total (to rounding), shaped by the entity's profile.
fn capacity_scores(total: f64, profile: &[f64; 4], rng: &mut Rng) -> Vec<Option<f64>> {
    let raw: Vec<f64> = profile
        .iter()
        .map(|p| total + p + rng.normal() * 2.0)
        .collect();
    let weighted: f64 = raw.iter().zip(CAPACITIES).map(|(s, c)| s * c.3).sum();
    // The weights sum to 1, so shifting every score by the residual restores the total.
    raw.iter()
        .map(|s| Some(round((s + total - weighted).clamp(0.0, 100.0), 2)))
        .collect()
}

/// Indicator values that follow their capacity's score, with noise and a few gaps.
fn indicator_values(scores: &[Option<f64>], rng: &mut Rng) -> Vec<Option<f64>> {
    INDICATORS
        .iter()
        .map(|spec| {
            if rng.unit() < 0.015 {
                return None;
            }
            let score = scores[spec.capacity]?;
            Some(spec.value_at((score - 70.0) / 10.0 + rng.normal() * 0.6))
        })
        .collect()
}

fn meta() -> Meta {
    Meta {
        title: "China top 100 science and technology cities (sample)".into(),
        title_zh: Some("中国科技城百强榜（示例数据）".into()),
        source: "Modelled on CCID Consulting's annual list (赛迪顾问城市经济研究中心)".into(),
        provenance: "Synthetic figures: all scores, indicator values and unpublished ranks are generated; \
                     only the published facts (2022 top ten, bands, province counts, a few ranks) follow CCID. \
                     Indicator names are illustrative."
            .into(),
        description: "Three years (2021–2023) of a top-100 list of Chinese sci-tech cities on four capacities \
                      and 31 indicators, generated by rankscope's sample generator (src/sample)."
            .into(),
        capacities: CAPACITIES
            .iter()
            .map(|&(id, en, zh, weight)| Capacity { id: id.into(), en: en.into(), zh: zh.into(), weight: Some(weight), direction: Direction::HigherIsBetter })
            .collect(),
        indicators: INDICATORS
            .iter()
            .map(|s| Indicator {
                id: s.id.into(),
                capacity: s.capacity,
                en: s.en.into(),
                zh: s.zh.into(),
                unit: s.unit.into(),
                direction: s.direction,
            })
            .collect(),
        extras: Vec::new(),
        total_direction: Direction::HigherIsBetter,
        group_label: String::new(),
    }
}

fn entities() -> Vec<Entity> {
    ROSTER
        .iter()
        .map(|e| Entity {
            id: e.id.into(),
            en: e.en.into(),
            zh: e.zh.into(),
            province_en: e.province_en.into(),
            province_zh: e.province_zh.into(),
            city: Some(e.city_zh.into()),
            kind: Some(e.kind_zh.into()),
        })
        .collect()
}
