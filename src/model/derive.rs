//! What is derived once per year on load: ranks, cohort order, changes, entrants, dropouts, statistics.

use super::dataset::{Record, Year};
use super::rank::{Rank, RankChange, competition_ranks, resolve_open_bands};
use super::stats::Stats;
use super::values::Values;

/// Figures derived from one year's records (and the previous year's), indexed by record.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct YearDerived {
    /// The effective rank of each record: as given, or computed from totals (see [`derive_year`]).
    pub ranks: Vec<Rank>,
    /// Whether the ranks were computed from the totals because the source gave none.
    pub ranks_computed: bool,
    /// The cohort (ranked records) in rank order; band members by total (best first), ties in
    /// source order.
    pub order: Vec<usize>,
    /// Records listed this year without a rank, in source order.
    pub unranked: Vec<usize>,
    /// For each entity, its record index this year.
    pub record_of_entity: Vec<Option<usize>>,
    /// For each record, the entity's record index in the previous year, if listed there.
    pub previous: Vec<Option<usize>>,
    /// For each record, its rank in the previous year, if ranked there.
    pub previous_rank: Vec<Option<Rank>>,
    /// For each record, how its rank moved.
    pub change: Vec<RankChange>,
    /// For each record, total minus last year's total, where both are present.
    pub total_delta: Vec<Option<f64>>,
    /// For each record and capacity (record-major, `capacity_count` a record), score minus last
    /// year's score, NaN where either is missing; read with [`YearDerived::score_delta`].
    score_deltas: Deltas,
    capacity_count: usize,
    /// Entities ranked this year but not the year before (empty in the first year).
    pub entrants: Vec<usize>,
    /// Entities ranked the year before but not this year.
    pub dropouts: Vec<usize>,
    /// Statistics of the total over the cohort.
    pub total_stats: Option<Stats>,
    /// Statistics of each capacity over the cohort.
    pub capacity_stats: Vec<Option<Stats>>,
}

/// Values with NaN for missing, equal when their bits are (so missing equals missing).
#[derive(Clone, Debug, Default)]
struct Deltas(Vec<f64>);

impl PartialEq for Deltas {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl YearDerived {
    /// Record `record`'s score on capacity `c` minus last year's, where both are present.
    #[must_use]
    pub fn score_delta(&self, record: usize, c: usize) -> Option<f64> {
        if c >= self.capacity_count {
            return None;
        }
        let delta = *self.score_deltas.0.get(record * self.capacity_count + c)?;
        (!delta.is_nan()).then_some(delta)
    }
}

/// What one year's records give on their own, whatever the other years: ranks, cohort order,
/// the entity → record index and the statistics. Independent per year, so computed for all
/// years at once on the machine's cores ([`derive_years`]).
#[derive(Debug, PartialEq)]
pub struct OwnDerived {
    ranks: Vec<Rank>,
    ranks_computed: bool,
    order: Vec<usize>,
    unranked: Vec<usize>,
    record_of_entity: Vec<Option<usize>>,
    total_stats: Option<Stats>,
    capacity_stats: Vec<Option<Stats>>,
}

/// [`OwnDerived`] of one year's `records`.
#[must_use]
pub fn derive_own(
    (records, values): (&[Record], &Values),
    entity_count: usize,
    (capacity_count, total_direction): (usize, super::Direction),
) -> OwnDerived {
    let ranks_computed = records.iter().all(|r| r.given_rank.is_none());
    let ranks: Vec<Rank> = if ranks_computed {
        competition_ranks(
            &records
                .iter()
                .map(|r| r.total.map(|t| total_direction.oriented(t)))
                .collect::<Vec<_>>(),
        )
    } else {
        let mut given: Vec<Rank> = records
            .iter()
            .map(|r| r.given_rank.unwrap_or(Rank::Unranked))
            .collect();
        resolve_open_bands(&mut given);
        given
    };

    let mut order: Vec<usize> = (0..records.len())
        .filter(|&i| ranks[i].is_ranked())
        .collect();
    // Inside a band (51–70) the members are ordered by their total, best first (as the band's
    // places would fall), missing totals last; a stable sort keeps source order among exact
    // ties and members without totals.
    order.sort_by(|&a, &b| {
        ranks[a].order(ranks[b]).then_with(|| {
            let band =
                matches!(ranks[a], Rank::Band { .. } | Rank::Open { .. }) && ranks[a] == ranks[b];
            if band {
                super::query::missing_last(records[a].total, records[b].total, true, f64::total_cmp)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    let unranked = (0..records.len())
        .filter(|&i| !ranks[i].is_ranked())
        .collect();

    let mut record_of_entity = vec![None; entity_count];
    for (index, record) in records.iter().enumerate() {
        if let Some(slot) = record_of_entity.get_mut(record.entity) {
            *slot = Some(index);
        }
    }
    let total_stats = Stats::of(order.iter().map(|&i| records[i].total));
    let capacity_stats = (0..capacity_count)
        .map(|c| {
            let column = values.score_column(c);
            Stats::of(order.iter().map(|&i| column.get(i)))
        })
        .collect();
    OwnDerived {
        ranks,
        ranks_computed,
        order,
        unranked,
        record_of_entity,
        total_stats,
        capacity_stats,
    }
}

/// [`derive_own`] for every year's records, the years shared among the machine's cores.
#[must_use]
pub fn derive_years(
    years: &[(&[Record], &Values)],
    entity_count: usize,
    shape: (usize, super::Direction),
) -> Vec<OwnDerived> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(years.len())
        .max(1);
    if threads == 1 {
        return years
            .iter()
            .map(|&r| derive_own(r, entity_count, shape))
            .collect();
    }
    // Year k goes to thread k mod threads; the results are put back in year order.
    let mut parts: Vec<Vec<(usize, OwnDerived)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..years.len())
                        .step_by(threads)
                        .map(|k| (k, derive_own(years[k], entity_count, shape)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut all: Vec<(usize, OwnDerived)> = parts.iter_mut().flat_map(std::mem::take).collect();
    if all.len() < years.len() {
        // A worker failed (it cannot, short of running out of memory): derive here instead.
        return years
            .iter()
            .map(|&r| derive_own(r, entity_count, shape))
            .collect();
    }
    all.sort_by_key(|(k, _)| *k);
    all.into_iter().map(|(_, own)| own).collect()
}

/// Completes a year's [`OwnDerived`] with what it owes the year before: each record's previous
/// record and rank, changes, deltas, entrants and dropouts.
#[must_use]
pub fn link_year(
    own: OwnDerived,
    (records, values): (&[Record], &Values),
    previous: Option<&Year>,
    capacity_count: usize,
) -> YearDerived {
    let OwnDerived {
        ranks,
        ranks_computed,
        order,
        unranked,
        record_of_entity,
        total_stats,
        capacity_stats,
    } = own;
    let entity_count = record_of_entity.len();
    let previous_record: Vec<Option<usize>> = records
        .iter()
        .map(|r| previous.and_then(|p| p.record_of(r.entity)))
        .collect();
    let previous_rank: Vec<Option<Rank>> = previous_record
        .iter()
        .map(|&p| {
            let prev = previous?;
            let rank = *prev.derived.ranks.get(p?)?;
            rank.is_ranked().then_some(rank)
        })
        .collect();
    let change = (0..records.len())
        .map(
            |i| match (previous, ranks[i].is_ranked(), previous_rank[i]) {
                (None, _, _) | (_, false, _) => RankChange::NotComparable,
                (Some(_), true, None) => RankChange::Entrant,
                (Some(_), true, Some(before)) => RankChange::between(before, ranks[i]),
            },
        )
        .collect();

    let previous_records = previous.map_or(&[][..], |p| &p.records[..]);
    let before = |i: usize| previous_record[i].and_then(|p| previous_records.get(p));
    let total_delta = (0..records.len())
        .map(|i| Some(records[i].total? - before(i)?.total?))
        .collect();
    // Column by column: this year's scores in order, last year's looked up by record.
    let mut score_deltas = vec![f64::NAN; records.len() * capacity_count];
    if let Some(prev) = previous {
        for c in 0..capacity_count {
            let (now, then) = (values.score_column(c), prev.values.score_column(c));
            for (i, &p) in previous_record.iter().enumerate() {
                if let (Some(now), Some(then)) = (now.get(i), p.and_then(|p| then.get(p))) {
                    score_deltas[i * capacity_count + c] = now - then;
                }
            }
        }
    }

    let (entrants, dropouts) = match previous {
        None => (Vec::new(), Vec::new()),
        Some(prev) => {
            let ranked_in = |year_ranks: &[Rank], recs: &[Record]| -> Vec<bool> {
                let mut ranked = vec![false; entity_count];
                for (record, rank) in recs.iter().zip(year_ranks) {
                    if let Some(slot) = ranked.get_mut(record.entity) {
                        *slot |= rank.is_ranked();
                    }
                }
                ranked
            };
            let now = ranked_in(&ranks, records);
            let then = ranked_in(&prev.derived.ranks, &prev.records);
            let entrants = order
                .iter()
                .map(|&i| records[i].entity)
                .filter(|&e| !then[e])
                .collect();
            let dropouts = prev
                .derived
                .order
                .iter()
                .map(|&i| prev.records[i].entity)
                .filter(|&e| e < entity_count && !now[e])
                .collect();
            (entrants, dropouts)
        }
    };

    YearDerived {
        ranks,
        ranks_computed,
        order,
        unranked,
        record_of_entity,
        previous: previous_record,
        previous_rank,
        change,
        total_delta,
        score_deltas: Deltas(score_deltas),
        capacity_count,
        entrants,
        dropouts,
        total_stats,
        capacity_stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_derived_on_all_cores_equal_years_derived_one_by_one() {
        // Seven years of 50 entities, totals with ties and gaps, a band in odd years.
        let years: Vec<super::super::YearInput> = (0..7_u32)
            .map(|y| {
                let records = (0..50_u32)
                    .map(|e| {
                        let total = (e % 9 != y % 5).then(|| f64::from((e * 7 + y * 3) % 23));
                        let rank = (y % 2 == 1 && e < 10).then_some(Rank::Band { lo: 1, hi: 10 });
                        let scores = [total, Some(f64::from(e))];
                        super::super::dataset::RecordInput::new(
                            e as usize,
                            rank,
                            total,
                            &scores,
                            &[],
                        )
                    })
                    .collect();
                super::super::YearInput::new(i32::try_from(y).unwrap_or(0), records)
            })
            .collect();
        let slices: Vec<(&[Record], &Values)> =
            years.iter().map(|y| (&y.records[..], &y.values)).collect();
        let shape = (2, super::super::Direction::HigherIsBetter);
        let together = derive_years(&slices, 50, shape);
        let one_by_one: Vec<OwnDerived> =
            slices.iter().map(|&r| derive_own(r, 50, shape)).collect();
        assert_eq!(together, one_by_one);
        assert_eq!(together.len(), 7);
        // Year 0 has no given rank: ranks computed, the best total first.
        assert!(together[0].ranks_computed && !together[1].ranks_computed);
    }
}
