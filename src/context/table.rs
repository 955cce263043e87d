//! What the table shows, as plain data the Table view draws and the app recomputes.

use std::sync::Arc;

use super::view_cache::{DatasetKey, Memo};
use crate::model::{ColumnId, Histogram};

/// The dataset, year and columns the histograms are computed for.
pub type HistogramKey = (DatasetKey, i32, Vec<ColumnId>);

/// What the table shows, computed when the data, year or query changes (never per frame).
#[derive(Clone, Debug, Default)]
pub struct TableCache {
    /// Record indices of the shown year, filtered and sorted.
    pub rows: Vec<usize>,
    /// Visible columns.
    pub columns: Vec<ColumnId>,
    /// The what-if columns' values, by record.
    pub external: Arc<crate::model::ExternalColumns>,
    /// Histogram of each visible numeric column over the year's cohort, kept while the data,
    /// year and columns stay (a change of query keeps them).
    pub histograms: Memo<HistogramKey, Vec<(ColumnId, Histogram)>>,
    /// Each numeric column's decimals over the year (see [`crate::model::decimals_of`]), kept
    /// as the histograms are.
    pub decimals: Memo<HistogramKey, std::collections::BTreeMap<ColumnId, usize>>,
    /// Rows before filtering (the cohort, plus unranked ones when asked), for "showing n of m".
    pub total_rows: usize,
}
