//! The table's query: search, filters, top N and a multi-key stable sort, applied to one year.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::columns::{ColumnId, ExternalColumns, compare_values};
use super::dataset::{Dataset, NameStyle, Year};

/// One sort key: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    pub column: ColumnId,
    pub descending: bool,
}

/// A range filter on a numeric column: rows whose value lies in `min..=max` pass; rows
/// without a value do not.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RangeFilter {
    pub column: ColumnId,
    pub min: f64,
    pub max: f64,
}

/// What the table shows of a year: which rows, in which order.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TableQuery {
    /// Sort keys, most significant first; empty means rank order.
    pub sort: Vec<SortKey>,
    /// Substring of a Chinese or English name, province or id; case-insensitive.
    pub search: String,
    /// Provinces (Chinese names as in the dataset, or English when there is none) to keep; empty keeps all.
    pub provinces: BTreeSet<String>,
    /// Keep ranks that overlap `lo..=hi` (a band overlapping the range is kept).
    pub rank_range: Option<(u32, u32)>,
    /// Value ranges on numeric columns.
    pub ranges: Vec<RangeFilter>,
    /// Keep only the N best-ranked rows that pass the other filters.
    pub top_n: Option<usize>,
    /// Also list, after the ranked rows, the entities the year lists without a rank, then the
    /// dataset's entities the year does not list at all (their cells are empty).
    pub include_unranked: bool,
}

impl TableQuery {
    /// Whether any filter is active (sorting is not a filter).
    #[must_use]
    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || !self.provinces.is_empty()
            || self.rank_range.is_some()
            || !self.ranges.is_empty()
            || self.top_n.is_some()
    }

    /// Header click: ascending, then descending, then back to rank order. With `add`
    /// (Shift-click), the column is a further key that cycles the same way in its place.
    pub fn click_sort(&mut self, column: ColumnId, add: bool) {
        let asc = SortKey {
            column,
            descending: false,
        };
        let desc = SortKey {
            column,
            descending: true,
        };
        if add {
            match self.sort.iter().position(|k| k.column == column) {
                None => self.sort.push(asc),
                Some(p) if !self.sort[p].descending => self.sort[p] = desc,
                Some(p) => {
                    self.sort.remove(p);
                }
            }
        } else if self.sort == [asc] {
            self.sort = vec![desc];
        } else if self.sort == [desc] {
            self.sort.clear();
        } else {
            self.sort = vec![asc];
        }
    }

    /// The direction `column` sorts in and its place among the keys (0 = first), if it sorts.
    #[must_use]
    pub fn sort_of(&self, column: ColumnId) -> Option<(usize, bool)> {
        self.sort
            .iter()
            .position(|k| k.column == column)
            .map(|p| (p, self.sort[p].descending))
    }

    /// The rows (record indices of `year`) the table shows, in order.
    ///
    /// Filters apply first (search, provinces, rank range, value ranges), then top N (by rank
    /// among what passed), then the sort. The sort is stable and starts from rank order, so equal
    /// keys keep rank order; missing values come last in both directions.
    #[must_use]
    pub fn rows(&self, data: &Dataset, year: &Year, names: NameStyle) -> Vec<usize> {
        self.rows_with(data, year, names, None)
    }

    /// As [`TableQuery::rows`], sorting the what-if columns by `external`'s values.
    #[must_use]
    pub fn rows_with(
        &self,
        data: &Dataset,
        year: &Year,
        names: NameStyle,
        external: Option<&ExternalColumns>,
    ) -> Vec<usize> {
        let mut rows: Vec<usize> = year.derived.order.to_vec();
        if self.include_unranked {
            rows.extend(&year.derived.unranked);
            rows.extend(year.unlisted_rows());
        }
        let needle = self.search.trim().to_lowercase();
        // One searcher for all rows: building it per row costs more than the search itself.
        let finder = (!needle.is_empty()).then(|| memchr::memmem::Finder::new(needle.as_bytes()));
        rows.retain(|&r| self.passes(data, year, r, finder.as_ref()));
        if let Some(n) = self.top_n {
            // Rows are in rank order here, unranked last.
            rows.truncate(n);
        }
        for key in self.sort.iter().rev() {
            rows = sort_by_key(&rows, key, (data, year, names), external);
        }
        rows
    }

    fn passes(
        &self,
        data: &Dataset,
        year: &Year,
        record: usize,
        needle: Option<&memchr::memmem::Finder<'_>>,
    ) -> bool {
        let Some(entity_index) = year.row_entity(record) else {
            return false;
        };
        if data.entities.get(entity_index).is_none() {
            return false;
        }
        if let Some(finder) = needle
            && finder
                .find(data.search_text(entity_index).as_bytes())
                .is_none()
        {
            return false;
        }
        if !self.provinces.is_empty()
            && !self.provinces.contains(data.province_key_of(year, record))
        {
            return false;
        }
        if let Some((lo, hi)) = self.rank_range {
            match year.derived.ranks.get(record).and_then(|r| r.bounds()) {
                Some((best, worst)) if best <= hi && worst >= lo => {}
                _ => return false,
            }
        }
        self.ranges.iter().all(|f| {
            f.column
                .number(year, record)
                .is_some_and(|v| v >= f.min && v <= f.max)
        })
    }
}

/// The province an entity is filtered by: its Chinese name, or the English one when there is none.
#[must_use]
pub fn province_key(entity: &super::Entity) -> &str {
    if entity.province_zh.is_empty() {
        &entity.province_en
    } else {
        &entity.province_zh
    }
}

/// One stable sort pass by `key`; missing values last in both directions.
fn sort_by_key(
    rows: &[usize],
    key: &SortKey,
    (data, year, names): (&Dataset, &Year, NameStyle),
    external: Option<&ExternalColumns>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if key.column.is_numeric() {
        // Numbers compare as plain floats: the hot path for large tables.
        let values: Vec<Option<f64>> = rows.iter().map(|&r| key.column.number(year, r)).collect();
        order.sort_by(|&a, &b| missing_last(values[a], values[b], key.descending, f64::total_cmp));
    } else {
        let values: Vec<_> = rows
            .iter()
            .map(|&r| match external {
                Some(ext) if key.column.is_external() => ext.sort_value(key.column, r),
                _ => key.column.sort_value(data, year, r, names),
            })
            // Text by its collation key, made once per row: Chinese by pinyin.
            .map(|v| match v {
                Some(super::SortValue::Text(t)) => {
                    Some(super::SortValue::Text(super::collation::collation_key(&t)))
                }
                other => other,
            })
            .collect();
        order.sort_by(|&a, &b| {
            missing_last(
                values[a].as_ref(),
                values[b].as_ref(),
                key.descending,
                |x, y| compare_values(x, y),
            )
        });
    }
    order.into_iter().map(|i| rows[i]).collect()
}

/// Orders two optional values by `compare`, reversed when `descending`; a missing value sorts
/// after every present one in either direction (the rule of every sortable table).
pub fn missing_last<T>(
    a: Option<T>,
    b: Option<T>,
    descending: bool,
    compare: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> std::cmp::Ordering {
    match (a, b) {
        (Some(x), Some(y)) if descending => compare(&x, &y).reverse(),
        (Some(x), Some(y)) => compare(&x, &y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
