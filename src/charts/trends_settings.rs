//! How the Trends view is set up (remembered between runs).

use serde::{Deserialize, Serialize};

/// The parts of the Trends view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TrendsSection {
    #[default]
    Bump,
    Slope,
    Changes,
    Movers,
    Capacities,
    Provinces,
}

pub use crate::model::change_query::ChangeColumn;

/// The Trends view's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrendsSettings {
    pub section: TrendsSection,
    /// The pair of years compared (default: the last two).
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// With nothing selected, the slopegraph shows the top N of either year.
    pub top_n: u32,
    /// The change table's sort: column and descending.
    pub sort: Option<(ChangeColumn, bool)>,
    /// The change table's search text.
    pub search: String,
}

impl Default for TrendsSettings {
    fn default() -> Self {
        Self {
            section: TrendsSection::default(),
            from: None,
            to: None,
            top_n: 20,
            sort: None,
            search: String::new(),
        }
    }
}

impl TrendsSettings {
    /// The compared pair as year indices of `data`: the chosen years when the dataset has them,
    /// else its last two years.
    #[must_use]
    pub fn pair(&self, data: &crate::model::Dataset) -> Option<(usize, usize)> {
        let last = data.years.len().checked_sub(1)?;
        let from = self
            .from
            .and_then(|y| data.year_index(y))
            .unwrap_or(last.saturating_sub(1));
        let to = self.to.and_then(|y| data.year_index(y)).unwrap_or(last);
        Some((from, to))
    }
}

impl TrendsSettings {
    /// The change table's rows for the year indices `pair`: this search and sort.
    #[must_use]
    pub fn changes(
        &self,
        data: &crate::model::Dataset,
        pair: (usize, usize),
        names: crate::model::NameStyle,
    ) -> Vec<crate::model::changes::Change> {
        crate::model::change_query::query_changes(data, pair, &self.search, self.sort, names)
    }
}
