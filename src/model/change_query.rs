//! The change table's query: the changes of two years filtered by a search text and sorted by a
//! column, missing values last in either direction (as the main table sorts).

use serde::{Deserialize, Serialize};

use super::changes::{Change, compare_years};
use super::dataset::Dataset;
use super::query::missing_last;
use super::{NameStyle, Rank};

/// A sortable column of the change table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeColumn {
    Name,
    Province,
    FromRank,
    ToRank,
    RankChange,
    TotalDelta,
    CapacityDelta(usize),
}

/// The changes from year index `from` to `to` whose entity matches `search` (any case, any of
/// its names), sorted by `sort` (column, descending) or left in the comparison's order.
#[must_use]
pub fn query_changes(
    data: &Dataset,
    (from, to): (usize, usize),
    search: &str,
    sort: Option<(ChangeColumn, bool)>,
    names: NameStyle,
) -> Vec<Change> {
    let needle = search.trim().to_lowercase();
    let mut changes: Vec<Change> = compare_years(data, from, to)
        .into_iter()
        .filter(|c| needle.is_empty() || data.search_text(c.entity).contains(&needle))
        .collect();
    let Some((column, descending)) = sort else {
        return changes;
    };
    let (Some(from_year), Some(to_year)) = (data.years.get(from), data.years.get(to)) else {
        return changes;
    };
    let keys = (from_year.year, to_year.year);
    if matches!(column, ChangeColumn::Name | ChangeColumn::Province) {
        // Chinese by pinyin, through each row's collation key, made once.
        let text = |c: &Change| -> String {
            super::collation::collation_key(&match column {
                // Each year's own province, as the comparison's later year gives it.
                ChangeColumn::Province => data.province_between(c.entity, keys, names),
                _ => data.entity_name(c.entity, names),
            })
        };
        let mut keyed: Vec<(String, Change)> = changes.into_iter().map(|c| (text(&c), c)).collect();
        keyed.sort_by(|(a, _), (b, _)| missing_last(Some(a), Some(b), descending, Ord::cmp));
        changes = keyed.into_iter().map(|(_, c)| c).collect();
    } else {
        let number = |c: &Change| -> Option<f64> {
            let place =
                |rank: Option<Rank>| rank.and_then(Rank::bounds).map(|(lo, _)| f64::from(lo));
            match column {
                ChangeColumn::FromRank => place(c.from_rank),
                ChangeColumn::ToRank => place(c.to_rank),
                #[expect(clippy::cast_precision_loss, reason = "ranks are far below 2^52")]
                ChangeColumn::RankChange => c.rise().map(|r| r as f64),
                ChangeColumn::TotalDelta => c.total_delta,
                ChangeColumn::CapacityDelta(i) => c.capacity_deltas.get(i).copied().flatten(),
                ChangeColumn::Name | ChangeColumn::Province => None,
            }
        };
        changes.sort_by(|a, b| missing_last(number(a), number(b), descending, f64::total_cmp));
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        crate::sample::generate_sample()
    }

    #[test]
    fn entities_without_a_value_come_last_in_either_direction() {
        let data = sample();
        let last = data.years.len() - 1;
        let pair = (last - 1, last);
        for descending in [false, true] {
            let rows = query_changes(
                &data,
                pair,
                "",
                Some((ChangeColumn::ToRank, descending)),
                NameStyle::Chinese,
            );
            let first_missing = rows.iter().position(|c| c.to_rank.is_none());
            let missing = rows.iter().filter(|c| c.to_rank.is_none()).count();
            assert!(missing > 0, "the sample has drop-outs");
            assert_eq!(first_missing, Some(rows.len() - missing), "missing last");
            let places: Vec<u32> = rows
                .iter()
                .filter_map(|c| c.to_rank.and_then(Rank::bounds).map(|(lo, _)| lo))
                .collect();
            let mut sorted = places.clone();
            sorted.sort_unstable();
            if descending {
                sorted.reverse();
            }
            assert_eq!(places, sorted);
        }
    }

    #[test]
    fn names_sort_by_pinyin_in_the_change_table() {
        let data = sample();
        let last = data.years.len() - 1;
        let rows = query_changes(
            &data,
            (last - 1, last),
            "",
            Some((ChangeColumn::Name, false)),
            NameStyle::Chinese,
        );
        let first = |prefix: &str| {
            rows.iter()
                .position(|c| {
                    data.entity_name(c.entity, NameStyle::Chinese)
                        .starts_with(prefix)
                })
                .expect("in the sample")
        };
        // 安徽 (an) < 北京 (bei) < 广东 (guang) < 上海 (shang) < 浙江 (zhe); by code point 上海
        // (U+4E0A) would come first.
        let places = ["安徽", "北京", "广东", "上海", "浙江"].map(first);
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        assert_eq!(places[0], 0, "an 安徽 name first");
    }

    #[test]
    fn the_search_keeps_matching_entities_in_the_comparisons_order() {
        let data = sample();
        let last = data.years.len() - 1;
        let all = query_changes(&data, (last - 1, last), "", None, NameStyle::Chinese);
        let found = query_changes(&data, (last - 1, last), " 浙江 ", None, NameStyle::Chinese);
        assert!(!found.is_empty() && found.len() < all.len());
        let expected: Vec<usize> = all
            .iter()
            .filter(|c| data.search_text(c.entity).contains("浙江"))
            .map(|c| c.entity)
            .collect();
        assert_eq!(found.iter().map(|c| c.entity).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn missing_last_orders_present_values_by_direction_only() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let cmp = |x: &i32, y: &i32| x.cmp(y);
        assert_eq!(missing_last(Some(1), Some(2), false, cmp), Less);
        assert_eq!(missing_last(Some(1), Some(2), true, cmp), Greater);
        assert_eq!(missing_last(Some(1), None, true, cmp), Less);
        assert_eq!(missing_last(None, Some(1), false, cmp), Greater);
        assert_eq!(missing_last::<i32>(None, None, true, cmp), Equal);
    }
}
