//! The pure ranking model: datasets, ranks with ties and bands, year-over-year changes and
//! cohort statistics. It knows nothing of egui or files.

pub mod audit;
pub mod change_query;
pub mod changes;
pub mod collation;
pub mod columns;
pub mod compact_column;
pub mod dataset;
pub mod derive;
pub mod entity_match;
pub mod histogram;
pub mod period;
pub mod query;
pub mod radar;
pub mod rank;
pub mod rank_check;
pub mod record_provinces;
pub mod rng;
pub mod stats;
pub mod units;
pub mod values;
pub mod whatif;

pub use columns::{ColumnId, ExternalColumns, SortValue, decimals_of};
pub use dataset::{
    Capacity, Dataset, Direction, Entity, Extra, Indicator, Meta, NameStyle, Record, RecordInput,
    RecordRef, Year, YearInput,
};
pub use derive::YearDerived;
pub use histogram::Histogram;
pub use query::{RangeFilter, SortKey, TableQuery, province_key};
pub use rank::{Rank, RankChange, competition_ranks};
pub use stats::Stats;
pub use values::{Column, Shape, Slots, Values};

#[cfg(test)]
mod query_tests;
#[cfg(test)]
mod tests;
