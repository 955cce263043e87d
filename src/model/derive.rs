//! What is derived once per year on load: ranks, cohort order, changes, entrants, dropouts, statistics.

use super::dataset::Record;
use super::rank::{Rank, RankChange, competition_ranks, resolve_open_bands};
use super::stats::Stats;
use super::values::Values;

/// Figures derived from one year's records (and the previous year's), indexed by record.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct YearDerived {
    /// The effective rank of each record: as given, or computed from totals (see [`derive_year`]).
    /// Shared with the next year, which reads its records' ranks the year before from it.
    pub ranks: std::sync::Arc<[Rank]>,
    /// Whether the ranks were computed from the totals because the source gave none.
    pub ranks_computed: bool,
    /// The cohort (ranked records) in rank order; band members by total (best first), ties in
    /// source order.
    pub order: RecordOrder,
    /// Records listed this year without a rank, in source order.
    pub unranked: Vec<usize>,
    /// For each entity, its record index this year.
    pub record_of_entity: Indices,
    /// For each record, the entity's record index in the previous year, if listed there.
    pub previous: Indices,
    /// The previous year's ranks (its [`YearDerived::ranks`], shared), read through
    /// [`YearDerived::previous_rank`].
    previous_ranks: Option<std::sync::Arc<[Rank]>>,
    /// Whether there is a year before this one (the first year's ranks moved from nowhere).
    pub has_previous_year: bool,
    /// Entities ranked this year but not the year before (empty in the first year).
    pub entrants: Vec<usize>,
    /// Entities ranked the year before but not this year.
    pub dropouts: Vec<usize>,
    /// Statistics of the total over the cohort.
    pub total_stats: Option<Stats>,
    /// Statistics of each capacity over the cohort.
    pub capacity_stats: Vec<Option<Stats>>,
}

/// Record indices in an order (the cohort's rank order), 4 bytes each (a year has fewer than
/// 2³² records).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RecordOrder(Vec<u32>);

impl RecordOrder {
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The record indices in order.
    #[must_use = "an iterator does nothing unless used"]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + Clone + '_ {
        self.0.iter().map(|&r| r as usize)
    }

    /// The record at place `at`.
    #[must_use]
    pub fn get(&self, at: usize) -> Option<usize> {
        self.0.get(at).map(|&r| r as usize)
    }

    /// The first record, if any.
    #[must_use]
    pub fn first(&self) -> Option<usize> {
        self.get(0)
    }

    /// The record indices as a list to rearrange.
    #[must_use]
    pub fn to_vec(&self) -> Vec<usize> {
        self.iter().collect()
    }
}

impl From<Vec<usize>> for RecordOrder {
    fn from(records: Vec<usize>) -> Self {
        Self(
            records
                .into_iter()
                .map(|r| u32::try_from(r).unwrap_or(u32::MAX))
                .collect(),
        )
    }
}

impl PartialEq<Vec<usize>> for RecordOrder {
    fn eq(&self, other: &Vec<usize>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().copied())
    }
}

/// Record indices, one per entity or record, each maybe absent: 4 bytes each (a year has fewer
/// than 2³² − 1 records).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Indices(Vec<u32>);

impl YearDerived {
    /// How record `record`'s rank moved from the year before (`None` when there is no such
    /// record): worked out from its rank and its rank the year before, not stored.
    #[must_use]
    pub fn change(&self, record: usize) -> Option<RankChange> {
        let rank = *self.ranks.get(record)?;
        let before = self.previous_rank(record);
        Some(match (self.has_previous_year, rank.is_ranked(), before) {
            (false, _, _) | (_, false, _) => RankChange::NotComparable,
            (true, true, None) => RankChange::Entrant,
            (true, true, Some(before)) => RankChange::between(before, rank),
        })
    }

    /// Record `record`'s rank in the previous year, if it is listed and ranked there.
    #[must_use]
    pub fn previous_rank(&self, record: usize) -> Option<Rank> {
        let before = *self
            .previous_ranks
            .as_ref()?
            .get(self.previous.get(record)?)?;
        before.is_ranked().then_some(before)
    }

    /// Each record's [`YearDerived::change`], in record order.
    #[must_use]
    pub fn changes(&self) -> impl ExactSizeIterator<Item = RankChange> + '_ {
        (0..self.ranks.len()).map(|r| self.change(r).unwrap_or(RankChange::NotComparable))
    }
}

impl Indices {
    /// What stands for "none".
    const NONE: u32 = u32::MAX;

    /// `count` absent indices.
    fn none(count: usize) -> Self {
        Self(vec![Self::NONE; count])
    }

    /// Sets place `at` to `index` (ignored when out of range).
    fn set(&mut self, at: usize, index: usize) {
        if let (Some(slot), Ok(index)) = (self.0.get_mut(at), u32::try_from(index)) {
            *slot = index;
        }
    }

    /// The index at place `at`; `None` when absent or out of range.
    #[must_use]
    pub fn get(&self, at: usize) -> Option<usize> {
        self.0
            .get(at)
            .filter(|&&i| i != Self::NONE)
            .map(|&i| i as usize)
    }

    /// The number of places.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each place's index in order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<usize>> + '_ {
        (0..self.0.len()).map(|at| self.get(at))
    }
}

/// What one year's records give on their own, whatever the other years: ranks, cohort order,
/// the entity → record index and the statistics. Independent per year, so computed for all
/// years at once on the machine's cores ([`derive_years`]).
#[derive(Debug, PartialEq)]
pub struct OwnDerived {
    ranks: std::sync::Arc<[Rank]>,
    ranks_computed: bool,
    order: RecordOrder,
    unranked: Vec<usize>,
    record_of_entity: Indices,
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
                .map(|r| r.total().map(|t| total_direction.oriented(t)))
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

    // Narrowed at once: the wide list's memory is free again for the statistics below.
    let order = RecordOrder::from(cohort_order(&ranks, records));
    let unranked = (0..records.len())
        .filter(|&i| !ranks[i].is_ranked())
        .collect();

    let mut record_of_entity = Indices::none(entity_count);
    for (index, record) in records.iter().enumerate() {
        record_of_entity.set(record.entity(), index);
    }
    // The cohort's values in record order (the statistics do not depend on the order; read in
    // it, the columns are read straight through).
    let ranked: Vec<usize> = (0..records.len())
        .filter(|&i| ranks[i].is_ranked())
        .collect();
    // The totals held as a column is, so that their statistics are found as a score's are.
    let totals: super::compact_column::CompactColumn = ranked
        .iter()
        .map(|&i| records[i].total().unwrap_or(f64::NAN))
        .collect();
    let total_stats = Stats::of_column(&totals);
    let capacity_stats = (0..capacity_count)
        .map(|c| Stats::of_rows(values.score_column(c).stored(), &ranked))
        .collect();
    OwnDerived {
        ranks: ranks.into(),
        ranks_computed,
        order,
        unranked,
        record_of_entity,
        total_stats,
        capacity_stats,
    }
}

/// The ranked records in rank order: inside a band (51–70) the members by their total, best
/// first (as the band's places would fall), missing totals last; exact ties and members
/// without totals in source order.
fn cohort_order(ranks: &[Rank], records: &[Record]) -> Vec<usize> {
    let exact_only = ranks
        .iter()
        .all(|r| matches!(r, Rank::Exact(_) | Rank::Unranked));
    if exact_only && let Ok(count) = u32::try_from(ranks.len()) {
        // Place and source position in one key, sorted as plain integers.
        let mut keys: Vec<u64> = (0..count)
            .filter_map(|i| match ranks[i as usize] {
                Rank::Exact(place) => Some(u64::from(place) << 32 | u64::from(i)),
                _ => None,
            })
            .collect();
        keys.sort_unstable();
        return keys
            .into_iter()
            .map(|key| {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "the low half is a record index below 2^32"
                )]
                let index = key as u32;
                index as usize
            })
            .collect();
    }
    let mut order: Vec<usize> = (0..records.len())
        .filter(|&i| ranks[i].is_ranked())
        .collect();
    // A stable sort keeps source order among exact ties and members without totals.
    order.sort_by(|&a, &b| {
        ranks[a].order(ranks[b]).then_with(|| {
            let band =
                matches!(ranks[a], Rank::Band { .. } | Rank::Open { .. }) && ranks[a] == ranks[b];
            if band {
                super::query::missing_last(
                    records[a].total(),
                    records[b].total(),
                    true,
                    f64::total_cmp,
                )
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    order
}

/// [`derive_own`] for every year's records, the years shared among the machine's cores.
#[must_use]
pub fn derive_years(
    years: &[(&[Record], &Values)],
    entity_count: usize,
    shape: (usize, super::Direction),
) -> Vec<OwnDerived> {
    on_cores(years.len(), &|k| derive_own(years[k], entity_count, shape))
}

/// `work(k)` for each `k` below `count`, shared among the machine's cores, in order of `k`.
pub fn on_cores<T: Send>(count: usize, work: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(count)
        .max(1);
    if threads == 1 {
        return (0..count).map(work).collect();
    }
    // Item k goes to thread k mod threads; the results are put back in order.
    let parts: Vec<Option<Vec<(usize, T)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..count)
                        .step_by(threads)
                        .map(|k| (k, work(k)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().ok()).collect()
    });
    if parts.iter().any(Option::is_none) {
        // A worker failed (it cannot, short of running out of memory): work here instead.
        return (0..count).map(work).collect();
    }
    let mut all: Vec<(usize, T)> = parts.into_iter().flatten().flatten().collect();
    all.sort_by_key(|(k, _)| *k);
    all.into_iter().map(|(_, item)| item).collect()
}

/// What linking a year reads of the year before: its records, their figures and what they
/// gave on their own.
#[derive(Clone, Copy)]
pub struct Before<'a> {
    pub records: &'a [Record],
    pub values: &'a Values,
    pub own: &'a OwnDerived,
}

/// What a year owes the year before: each record's previous record and rank, changes,
/// entrants and dropouts.
#[derive(Debug, PartialEq)]
pub struct Link {
    previous: Indices,
    previous_ranks: Option<std::sync::Arc<[Rank]>>,
    has_previous_year: bool,
    entrants: Vec<usize>,
    dropouts: Vec<usize>,
}

/// Each year's [`Link`] to the year before it (`years` in time order with their
/// [`OwnDerived`]), the years shared among the machine's cores.
#[must_use]
pub fn link_years(years: &[(&[Record], &Values)], owns: &[OwnDerived]) -> Vec<Link> {
    on_cores(years.len().min(owns.len()), &|k| {
        let before = k.checked_sub(1).map(|p| Before {
            records: years[p].0,
            values: years[p].1,
            own: &owns[p],
        });
        link_year(&owns[k], years[k], before)
    })
}

/// A year's derived figures: what it gave on its own and its link to the year before.
#[must_use]
pub fn complete(own: OwnDerived, link: Link) -> YearDerived {
    YearDerived {
        ranks: own.ranks,
        ranks_computed: own.ranks_computed,
        order: own.order,
        unranked: own.unranked,
        record_of_entity: own.record_of_entity,
        previous: link.previous,
        previous_ranks: link.previous_ranks,
        has_previous_year: link.has_previous_year,
        entrants: link.entrants,
        dropouts: link.dropouts,
        total_stats: own.total_stats,
        capacity_stats: own.capacity_stats,
    }
}

/// A year's [`Link`] to the year before, if any.
#[must_use]
pub fn link_year(
    own: &OwnDerived,
    (records, _): (&[Record], &Values),
    previous: Option<Before<'_>>,
) -> Link {
    let entity_count = own.record_of_entity.len();
    let (ranks, order) = (&own.ranks, &own.order);
    let mut previous_record = Indices::none(records.len());
    if let Some(p) = previous {
        for (at, record) in records.iter().enumerate() {
            if let Some(index) = p.own.record_of_entity.get(record.entity()) {
                previous_record.set(at, index);
            }
        }
    }
    let (entrants, dropouts) = match previous {
        None => (Vec::new(), Vec::new()),
        Some(prev) => {
            let ranked_in = |year_ranks: &[Rank], recs: &[Record]| -> Vec<bool> {
                let mut ranked = vec![false; entity_count];
                for (record, rank) in recs.iter().zip(year_ranks) {
                    if let Some(slot) = ranked.get_mut(record.entity()) {
                        *slot |= rank.is_ranked();
                    }
                }
                ranked
            };
            let now = ranked_in(ranks, records);
            let then = ranked_in(&prev.own.ranks, prev.records);
            let entrants = order
                .iter()
                .map(|i| records[i].entity())
                .filter(|&e| !then[e])
                .collect();
            let dropouts = prev
                .own
                .order
                .iter()
                .map(|i| prev.records[i].entity())
                .filter(|&e| e < entity_count && !now[e])
                .collect();
            (entrants, dropouts)
        }
    };

    Link {
        previous: previous_record,
        previous_ranks: previous.map(|p| p.own.ranks.clone()),
        has_previous_year: previous.is_some(),
        entrants,
        dropouts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_places_are_ordered_as_the_general_rule_orders_them() {
        // Ties, gaps and unranked records in scrambled source order.
        let places = [3, 1, 0, 3, 2, 7, 0, 1, 3, 5];
        let ranks: Vec<Rank> = places
            .iter()
            .map(|&p| {
                if p == 0 {
                    Rank::Unranked
                } else {
                    Rank::Exact(p)
                }
            })
            .collect();
        let records: Vec<Record> = (0..places.len())
            .map(|e| {
                super::super::dataset::RecordInput::new(e, None, Some(1.0), &[], &[]).listing()
            })
            .collect();
        let fast = cohort_order(&ranks, &records);
        let mut general: Vec<usize> = (0..ranks.len()).filter(|&i| ranks[i].is_ranked()).collect();
        general.sort_by(|&a, &b| ranks[a].order(ranks[b]));
        assert_eq!(fast, general);
        assert_eq!(fast, vec![1, 7, 4, 0, 3, 8, 9, 5], "ties in source order");
    }

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
        // Each year linked to the one before, on all cores and one by one.
        let links = link_years(&slices, &together);
        let one_by_one: Vec<Link> = (0..slices.len())
            .map(|k| {
                let before = k.checked_sub(1).map(|p| Before {
                    records: slices[p].0,
                    values: slices[p].1,
                    own: &together[p],
                });
                link_year(&together[k], slices[k], before)
            })
            .collect();
        assert_eq!(links, one_by_one);
        assert!(
            links[0].previous.iter().all(|p| p.is_none()),
            "no year before the first"
        );
        assert!(!links[0].has_previous_year && links[1].has_previous_year);
        assert!(
            links[1].previous.iter().any(|p| p.is_some()) && links[1].previous_ranks.is_some(),
            "the second year is compared with the first"
        );
    }
}
