//! Comparing any two years: rank movement (bands as bands), score deltas where both years have a
//! value, the capacity that drove the change, entrants, dropouts and the biggest movers.

use super::dataset::Dataset;
use super::rank::{Rank, RankChange};

/// How an entity's standing moved between two years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Movement {
    /// Ranked in the later year only.
    Entrant,
    /// Ranked in the earlier year only.
    Dropout,
    /// Ranked in both: the rise in places, an interval when a band is involved.
    Moved(RankChange),
}

impl std::fmt::Display for Movement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Entrant => f.write_str("new"),
            Self::Dropout => f.write_str("out"),
            Self::Moved(change) => change.fmt(f),
        }
    }
}

/// One entity's change between two years.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub entity: usize,
    pub from_rank: Option<Rank>,
    pub to_rank: Option<Rank>,
    pub movement: Movement,
    /// Later total minus earlier total, where both are present.
    pub total_delta: Option<f64>,
    /// Per capacity, later minus earlier score, where both are present.
    pub capacity_deltas: Vec<Option<f64>>,
    /// The capacity that contributed most to the change (see [`main_driver`]).
    pub driver: Option<usize>,
}

impl Change {
    /// The certain rise in places (negative: a fall), `None` for entrants and dropouts.
    #[must_use]
    pub fn rise(&self) -> Option<i64> {
        match self.movement {
            Movement::Moved(change) => change.guaranteed_rise(),
            Movement::Entrant | Movement::Dropout => None,
        }
    }
}

/// The changes of every entity ranked in either year, from year index `from` to `to`.
/// Entities ranked in neither are left out. Order: by the later rank, then dropouts by the
/// earlier rank.
#[must_use]
pub fn compare_years(data: &Dataset, from: usize, to: usize) -> Vec<Change> {
    let (Some(before), Some(after)) = (data.years.get(from), data.years.get(to)) else {
        return Vec::new();
    };
    let weights: Vec<f64> = data
        .meta
        .capacities
        .iter()
        .map(|c| c.weight.unwrap_or(1.0))
        .collect();
    let ranked = |year: &super::Year, entity: usize| {
        year.record_of(entity)
            .and_then(|r| year.derived.ranks.get(r).copied())
            .filter(|r| r.is_ranked())
    };
    let mut changes: Vec<Change> = (0..data.entities.len())
        .filter_map(|entity| {
            let (from_rank, to_rank) = (ranked(before, entity), ranked(after, entity));
            let movement = match (from_rank, to_rank) {
                (Some(a), Some(b)) => Movement::Moved(RankChange::between(a, b)),
                (None, Some(_)) => Movement::Entrant,
                (Some(_), None) => Movement::Dropout,
                (None, None) => return None,
            };
            let record_before = before.record_of(entity).and_then(|r| before.record(r));
            let record_after = after.record_of(entity).and_then(|r| after.record(r));
            // Inside a closure: a missing value gives no delta, and keeps the change.
            let total_delta = (|| Some(record_after?.total()? - record_before?.total()?))();
            let capacity_deltas: Vec<Option<f64>> = (0..data.meta.capacities.len())
                .map(|c| {
                    let now = record_after?.score(c)?;
                    let then = record_before?.score(c)?;
                    Some(now - then)
                })
                .collect();
            // A fall in a score where lower is better is a gain.
            let oriented: Vec<Option<f64>> = capacity_deltas
                .iter()
                .zip(&data.meta.capacities)
                .map(|(d, c)| d.map(|d| c.direction.oriented(d)))
                .collect();
            let driver = main_driver(
                &oriented,
                &weights,
                total_delta.map(|d| data.meta.total_direction.oriented(d)),
            );
            Some(Change {
                entity,
                from_rank,
                to_rank,
                movement,
                total_delta,
                capacity_deltas,
                driver,
            })
        })
        .collect();
    let key = |c: &Change| match (c.to_rank, c.from_rank) {
        (Some(r), _) => (0, r.bounds().unwrap_or((u32::MAX, u32::MAX))),
        (None, Some(r)) => (1, r.bounds().unwrap_or((u32::MAX, u32::MAX))),
        (None, None) => (2, (u32::MAX, u32::MAX)),
    };
    changes.sort_by_key(key);
    changes
}

/// The capacity whose weighted score change (weight × Δ; weight 1 when unknown) is largest in
/// the direction of the total's change, or largest in size when the total's change is unknown
/// or zero. Equal contributions go to the capacity listed first. `None` when no capacity has a
/// delta.
#[must_use]
pub fn main_driver(
    deltas: &[Option<f64>],
    weights: &[f64],
    total_delta: Option<f64>,
) -> Option<usize> {
    // `f64::signum` gives 1 for +0.0: a zero change has no direction.
    let direction = match total_delta {
        Some(d) if d > 0.0 => 1.0,
        Some(d) if d < 0.0 => -1.0,
        _ => 0.0,
    };
    let score = |x: f64| {
        if direction == 0.0 {
            x.abs()
        } else {
            x * direction
        }
    };
    let mut best: Option<(usize, f64)> = None;
    for (c, d) in deltas.iter().enumerate() {
        let Some(d) = d else { continue };
        let contribution = score(d * weights.get(c).copied().unwrap_or(1.0));
        // Strictly greater: the first of equal contributions stays.
        if best.is_none_or(|(_, b)| contribution > b) {
            best = Some((c, contribution));
        }
    }
    best.map(|(c, _)| c)
}

/// The biggest movers between two years, each list at most `n` long.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Movers {
    /// Largest certain rises in places first.
    pub risers: Vec<usize>,
    /// Largest certain falls first.
    pub fallers: Vec<usize>,
    /// Largest total score gains first.
    pub score_gainers: Vec<usize>,
    /// Largest total score losses first.
    pub score_losers: Vec<usize>,
    /// Entrants by their later rank.
    pub entrants: Vec<usize>,
    /// Dropouts by their earlier rank.
    pub dropouts: Vec<usize>,
}

/// Movers among `changes` (indices into it), `n` per list. Ties keep the changes' order.
#[must_use]
pub fn movers(changes: &[Change], n: usize) -> Movers {
    movers_directed(changes, n, super::Direction::HigherIsBetter)
}

/// As [`movers`], with the total's direction: where lower is better, a fall in the total is
/// a gain.
#[must_use]
pub fn movers_directed(changes: &[Change], n: usize, total: super::Direction) -> Movers {
    let ranked_by = |key: &dyn Fn(&Change) -> Option<f64>| -> Vec<usize> {
        let mut items: Vec<(usize, f64)> = changes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| key(c).map(|k| (i, k)))
            .filter(|(_, k)| *k > 0.0)
            .collect();
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        items.into_iter().take(n).map(|(i, _)| i).collect()
    };
    #[expect(clippy::cast_precision_loss, reason = "ranks are far below 2^52")]
    let rise = |c: &Change| c.rise().map(|r| r as f64);
    Movers {
        risers: ranked_by(&|c| rise(c)),
        fallers: ranked_by(&|c| rise(c).map(|r| -r)),
        score_gainers: ranked_by(&|c| c.total_delta.map(|d| total.oriented(d))),
        score_losers: ranked_by(&|c| c.total_delta.map(|d| -total.oriented(d))),
        entrants: changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.movement == Movement::Entrant)
            .map(|(i, _)| i)
            .take(n)
            .collect(),
        dropouts: changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.movement == Movement::Dropout)
            .map(|(i, _)| i)
            .take(n)
            .collect(),
    }
}

#[cfg(test)]
mod tests;
