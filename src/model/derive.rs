//! What is derived once per year on load: ranks, cohort order, changes, entrants, dropouts, statistics.

use super::dataset::{Record, Year};
use super::rank::{Rank, RankChange, competition_ranks, resolve_open_bands};
use super::stats::Stats;

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

/// Derives a year's figures.
///
/// Ranks: when any record gives a rank, the given ranks are used as they are (records without
/// one are unranked; an open band such as "1001+" ends at the year's last place, see
/// [`super::rank::last_place`]); when none does, ranks are computed from the totals by competition
/// ranking, the lowest total first where lower is better.
/// Changes, deltas, entrants and dropouts compare with `previous`, the dataset's preceding year.
#[must_use]
pub fn derive_year(
    records: &[Record],
    previous: Option<&Year>,
    entity_count: usize,
    (capacity_count, total_direction): (usize, super::Direction),
) -> YearDerived {
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
    let score_deltas = (0..records.len())
        .flat_map(|i| {
            (0..capacity_count).map(move |c| {
                let delta = || Some(records[i].score(c)? - before(i)?.score(c)?);
                delta().unwrap_or(f64::NAN)
            })
        })
        .collect::<Vec<f64>>();

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

    let total_stats = Stats::of(order.iter().map(|&i| records[i].total));
    let capacity_stats = (0..capacity_count)
        .map(|c| Stats::of(order.iter().map(|&i| records[i].score(c))))
        .collect();

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
