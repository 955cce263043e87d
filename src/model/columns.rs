//! Table columns: what each one shows, its stable text id, and the value it sorts and filters by.

use super::dataset::{Dataset, NameStyle, Year};
use super::rank::{Rank, RankChange};

/// A column of the ranking table.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ColumnId {
    Rank,
    RankChange,
    Name,
    Province,
    Total,
    /// A capacity, by index into the dataset's capacities.
    Capacity(usize),
    /// An indicator, by index into the dataset's indicators.
    Indicator(usize),
    /// An extra column (a figure beside the ranking), by index into the dataset's extras.
    Extra(usize),
    /// The rank under the what-if weights (see [`ExternalColumns`]).
    WhatIfRank,
    /// Official rank − what-if rank: the places gained under the what-if weights.
    WhatIfChange,
    /// Best and worst what-if rank under random weights (Monte Carlo).
    RankRange,
    /// The median rank of an uncertainty analysis (the Audit view's last run).
    AuditMedian,
    /// Its 5th–95th percentile rank interval.
    AuditInterval,
}

/// Values of columns computed outside the year, by record index: the what-if rank, its change
/// from the official rank, and the rank range under random weights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExternalColumns {
    pub whatif_rank: Vec<Option<u32>>,
    pub whatif_change: Vec<Option<RankChange>>,
    pub rank_range: Vec<Option<(u32, u32)>>,
    pub audit_median: Vec<Option<u32>>,
    pub audit_interval: Vec<Option<(u32, u32)>>,
}

impl ExternalColumns {
    /// The sort value of an external column for `record`; `None` for other columns.
    #[must_use]
    pub fn sort_value(&self, column: ColumnId, record: usize) -> Option<SortValue> {
        match column {
            ColumnId::WhatIfRank => self
                .whatif_rank
                .get(record)
                .copied()
                .flatten()
                .map(|r| SortValue::Rank(r, r)),
            #[expect(
                clippy::cast_precision_loss,
                reason = "a rank change is far below 2^52"
            )]
            ColumnId::WhatIfChange => self
                .whatif_change
                .get(record)
                .copied()
                .flatten()
                .and_then(RankChange::guaranteed_rise)
                .map(|r| SortValue::Number(r as f64)),
            ColumnId::RankRange => self
                .rank_range
                .get(record)
                .copied()
                .flatten()
                .map(|(lo, hi)| SortValue::Rank(lo, hi)),
            ColumnId::AuditMedian => self
                .audit_median
                .get(record)
                .copied()
                .flatten()
                .map(|r| SortValue::Rank(r, r)),
            ColumnId::AuditInterval => self
                .audit_interval
                .get(record)
                .copied()
                .flatten()
                .map(|(lo, hi)| SortValue::Rank(lo, hi)),
            _ => None,
        }
    }

    /// The cell text of an external column for `record` ("12", "▲3", "8–12"); empty when
    /// there is no value.
    #[must_use]
    pub fn text(&self, column: ColumnId, record: usize) -> String {
        match column {
            ColumnId::WhatIfRank => self
                .whatif_rank
                .get(record)
                .copied()
                .flatten()
                .map(|r| r.to_string())
                .unwrap_or_default(),
            ColumnId::WhatIfChange => self
                .whatif_change
                .get(record)
                .copied()
                .flatten()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            ColumnId::RankRange | ColumnId::AuditInterval => {
                let ranges = if column == ColumnId::RankRange {
                    &self.rank_range
                } else {
                    &self.audit_interval
                };
                ranges
                    .get(record)
                    .copied()
                    .flatten()
                    .map(|(lo, hi)| {
                        if lo == hi {
                            lo.to_string()
                        } else {
                            format!("{lo}–{hi}")
                        }
                    })
                    .unwrap_or_default()
            }
            ColumnId::AuditMedian => self
                .audit_median
                .get(record)
                .copied()
                .flatten()
                .map(|r| r.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// A cell's value for sorting: numbers, text or a rank; `None` is a missing value.
#[derive(Clone, Debug, PartialEq)]
pub enum SortValue {
    Number(f64),
    Text(String),
    /// Best and worst place.
    Rank(u32, u32),
}

impl ColumnId {
    /// The column's stable id for scripts: `rank`, `rank_change`, `name`, `province`, `total`,
    /// or a capacity, indicator or extra column id of the dataset.
    #[must_use]
    pub fn key(self, data: &Dataset) -> String {
        match self {
            Self::Rank => "rank".into(),
            Self::RankChange => "rank_change".into(),
            Self::Name => "name".into(),
            Self::Province => "province".into(),
            Self::Total => "total".into(),
            Self::WhatIfRank => "whatif_rank".into(),
            Self::WhatIfChange => "whatif_change".into(),
            Self::RankRange => "rank_range".into(),
            Self::AuditMedian => "audit_median".into(),
            Self::AuditInterval => "audit_interval".into(),
            Self::Capacity(c) => data
                .meta
                .capacities
                .get(c)
                .map_or_else(String::new, |c| c.id.clone()),
            Self::Indicator(i) => data
                .meta
                .indicators
                .get(i)
                .map_or_else(String::new, |i| i.id.clone()),
            Self::Extra(e) => data
                .meta
                .extras
                .get(e)
                .map_or_else(String::new, |e| e.id.clone()),
        }
    }

    /// The column with the stable id `key`, if the dataset has it.
    #[must_use]
    pub fn from_key(key: &str, data: &Dataset) -> Option<Self> {
        let fixed = match key {
            "rank" => Some(Self::Rank),
            "rank_change" => Some(Self::RankChange),
            "name" => Some(Self::Name),
            "province" => Some(Self::Province),
            "total" => Some(Self::Total),
            "whatif_rank" => Some(Self::WhatIfRank),
            "whatif_change" => Some(Self::WhatIfChange),
            "rank_range" => Some(Self::RankRange),
            "audit_median" => Some(Self::AuditMedian),
            "audit_interval" => Some(Self::AuditInterval),
            _ => None,
        };
        fixed
            .or_else(|| {
                data.meta
                    .capacities
                    .iter()
                    .position(|c| c.id == key)
                    .map(Self::Capacity)
            })
            .or_else(|| {
                data.meta
                    .indicators
                    .iter()
                    .position(|i| i.id == key)
                    .map(Self::Indicator)
            })
            .or_else(|| {
                data.meta
                    .extras
                    .iter()
                    .position(|e| e.id == key)
                    .map(Self::Extra)
            })
    }

    /// Whether the column's values come from the what-if ranking ([`ExternalColumns`]).
    #[must_use]
    pub fn is_external(self) -> bool {
        matches!(
            self,
            Self::WhatIfRank
                | Self::WhatIfChange
                | Self::RankRange
                | Self::AuditMedian
                | Self::AuditInterval
        )
    }

    /// Whether the column holds numbers (and so has a histogram and a range filter).
    #[must_use]
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Self::Total | Self::Capacity(_) | Self::Indicator(_) | Self::Extra(_)
        )
    }

    /// The numeric value of this column for `record` of `year`, if any.
    #[must_use]
    pub fn number(self, year: &Year, record: usize) -> Option<f64> {
        let r = year.record(record)?;
        match self {
            Self::Total => r.total(),
            Self::Capacity(c) => r.score(c),
            Self::Indicator(i) => r.indicator(i),
            Self::Extra(e) => r.extra(e),
            Self::Rank
            | Self::RankChange
            | Self::Name
            | Self::Province
            | Self::WhatIfRank
            | Self::WhatIfChange
            | Self::RankRange
            | Self::AuditMedian
            | Self::AuditInterval => None,
        }
    }

    /// The value this column sorts `record` by; `None` sorts last in both directions.
    ///
    /// Rank sorts by band (best place, then worst). Rank change sorts by the certain rise
    /// (falls are negative); entrants and entities with nothing to compare have no value, so they
    /// come last whichever the direction.
    #[must_use]
    pub fn sort_value(
        self,
        data: &Dataset,
        year: &Year,
        record: usize,
        names: NameStyle,
    ) -> Option<SortValue> {
        let entity = data.entities.get(year.row_entity(record)?)?;
        match self {
            Self::Rank => {
                let (lo, hi) = year.derived.ranks.get(record)?.bounds()?;
                Some(SortValue::Rank(lo, hi))
            }
            Self::RankChange => match year.derived.change(record)? {
                change @ RankChange::Moved { .. } =>
                {
                    #[expect(
                        clippy::cast_precision_loss,
                        reason = "a rank change is far below 2^52"
                    )]
                    change
                        .guaranteed_rise()
                        .map(|r| SortValue::Number(r as f64))
                }
                _ => None,
            },
            Self::Name => Some(SortValue::Text(entity.name(names))),
            Self::Province => Some(SortValue::Text(data.province_of(year, record, names)))
                .filter(|t| !matches!(t, SortValue::Text(s) if s.is_empty())),
            Self::Total | Self::Capacity(_) | Self::Indicator(_) | Self::Extra(_) => {
                self.number(year, record).map(SortValue::Number)
            }
            // Their values live outside the year: see `ExternalColumns`.
            Self::WhatIfRank
            | Self::WhatIfChange
            | Self::RankRange
            | Self::AuditMedian
            | Self::AuditInterval => None,
        }
    }

    /// The cell as text, as the table shows it and as CSV and the clipboard carry it.
    /// Numbers keep every digit of the source; missing values are empty.
    #[must_use]
    pub fn text(self, data: &Dataset, year: &Year, record: usize, names: NameStyle) -> String {
        let Some(entity) = year.row_entity(record).and_then(|e| data.entities.get(e)) else {
            return String::new();
        };
        match self {
            Self::Rank => match year.derived.ranks.get(record) {
                Some(Rank::Unranked) | None => String::new(),
                Some(rank) => rank.to_string(),
            },
            Self::RankChange => year
                .derived
                .change(record)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            Self::Name => entity.name(names),
            Self::Province => data.province_of(year, record, names),
            Self::Total | Self::Capacity(_) | Self::Indicator(_) | Self::Extra(_) => self
                .number(year, record)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            Self::WhatIfRank
            | Self::WhatIfChange
            | Self::RankRange
            | Self::AuditMedian
            | Self::AuditInterval => String::new(),
        }
    }
}

/// How many decimals show every one of `values` as it is (0 to 3): one column's values are then
/// written with one count of decimals, so that their points line up (`3.80` beside `4.33`, and
/// `12.5` data shown as `12.5`, not `12.50`).
#[must_use]
pub fn decimals_of(values: impl IntoIterator<Item = f64>) -> usize {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .map(|v| {
            (0..3)
                .find(|&d| {
                    let scale = 10_f64.powi(d);
                    ((v * scale).round() / scale - v).abs() <= 1e-9 * v.abs().max(1.0)
                })
                .map_or(3, |d| usize::try_from(d).unwrap_or(3))
        })
        .max()
        .unwrap_or(0)
}

/// Compares two sort values of the same column. Text compares case-insensitively by code
/// point; the table's sort passes collation keys ([`super::collation::collation_key`]) so that
/// Chinese compares by pinyin.
#[must_use]
pub fn compare_values(a: &SortValue, b: &SortValue) -> std::cmp::Ordering {
    match (a, b) {
        (SortValue::Number(x), SortValue::Number(y)) => x.total_cmp(y),
        (SortValue::Text(x), SortValue::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (SortValue::Rank(a_lo, a_hi), SortValue::Rank(b_lo, b_hi)) => {
            (a_lo, a_hi).cmp(&(b_lo, b_hi))
        }
        // Values of one column share a kind; any order is consistent for mixed kinds.
        (SortValue::Number(_), _) => std::cmp::Ordering::Less,
        (_, SortValue::Number(_)) => std::cmp::Ordering::Greater,
        (SortValue::Text(_), _) => std::cmp::Ordering::Less,
        (_, SortValue::Text(_)) => std::cmp::Ordering::Greater,
    }
}

#[cfg(test)]
mod decimals_tests {
    use super::decimals_of;

    #[test]
    fn a_column_takes_the_decimals_its_most_precise_value_needs() {
        assert_eq!(decimals_of([3.8, 4.33]), 2, "3.80 beside 4.33");
        assert_eq!(
            decimals_of([12.5, 7.0, 3.5]),
            1,
            "one-decimal data stays one decimal"
        );
        assert_eq!(decimals_of([120.0, 37.0]), 0);
        assert_eq!(decimals_of([1.0 / 3.0]), 3, "at most three");
        assert_eq!(decimals_of([0.1 + 0.2]), 1, "float noise is not a decimal");
        assert_eq!(decimals_of(std::iter::empty()), 0);
    }
}
