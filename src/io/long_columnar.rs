//! A dataset as one long columnar table, the columns of [`super::write_long_csv`] typed:
//! `year` as a 32-bit integer, `rank`, `id`, `name` and `province` as UTF-8, `total`, the
//! capacities and the indicators (`capacity/indicator`) as nullable doubles; one batch (a
//! Parquet row group, an Arrow record batch) per year. The file's metadata holds the column
//! mapping under [`MAPPING_KEY`] — roles, lower-is-better capacities and indicators, English and
//! Chinese labels — which the importer takes instead of detecting one, so directions and labels
//! survive the round trip.

use super::columnar_out::{Format, Kind, Layout, Values};
use super::mapping::{ColumnRole, Mapping, Role};
use crate::model::{Dataset, Direction, Rank, Record, RecordRef, Year};

/// The key of the column mapping in the metadata of the columnar files rankscope writes.
pub const MAPPING_KEY: &str = "rankscope.mapping";

/// The mapping of the long layout's columns for `data` (with a `rank` column when `ranks`).
#[must_use]
pub fn long_mapping(data: &Dataset, ranks: bool) -> Mapping {
    let meta = &data.meta;
    let column = |header: &str, role: Role| ColumnRole {
        header: header.to_owned(),
        role,
        year: None,
        lower_is_better: false,
        en: String::new(),
        zh: String::new(),
    };
    let mut columns = vec![column("year", Role::Year)];
    if ranks {
        columns.push(column("rank", Role::Rank));
    }
    columns.push(column("id", Role::Id));
    columns.push(column("name", Role::Name));
    columns.push(column("province", Role::Province));
    columns.push(ColumnRole {
        lower_is_better: meta.total_direction == Direction::LowerIsBetter,
        ..column("total", Role::Total)
    });
    for c in &meta.capacities {
        columns.push(ColumnRole {
            lower_is_better: c.direction == Direction::LowerIsBetter,
            en: c.en.clone(),
            zh: c.zh.clone(),
            ..column(&c.id, Role::Capacity { id: c.id.clone() })
        });
    }
    for i in &meta.indicators {
        let capacity = meta
            .capacities
            .get(i.capacity)
            .map_or("", |c| c.id.as_str());
        columns.push(ColumnRole {
            lower_is_better: i.direction == Direction::LowerIsBetter,
            en: i.en.clone(),
            zh: i.zh.clone(),
            ..column(
                &format!("{capacity}/{}", i.id),
                Role::Indicator {
                    id: i.id.clone(),
                    capacity: capacity.to_owned(),
                },
            )
        });
    }
    Mapping {
        columns,
        reasons: Vec::new(),
    }
}

/// The bytes of `data` as a long Parquet or Arrow file; `ranks` adds the given ranks.
///
/// # Errors
/// Only if the writer fails (it writes to memory).
pub fn long_columnar(data: &Dataset, ranks: bool, format: Format) -> Result<Vec<u8>, String> {
    let layout = long_layout(data, ranks)?;
    format.write(
        &layout,
        data.years.iter().map(|y| long_batch(data, y, ranks)),
    )
}

/// The columns of the long layout of `data`, its mapping in the metadata.
fn long_layout(data: &Dataset, ranks: bool) -> Result<Layout, String> {
    let meta = &data.meta;
    let mut columns = vec![("year".to_owned(), Kind::Integer)];
    if ranks {
        columns.push(("rank".to_owned(), Kind::Text));
    }
    for name in ["id", "name", "province"] {
        columns.push((name.to_owned(), Kind::Text));
    }
    columns.push(("total".to_owned(), Kind::Number));
    columns.extend(meta.capacities.iter().map(|c| (c.id.clone(), Kind::Number)));
    columns.extend(meta.indicators.iter().map(|i| {
        let capacity = meta
            .capacities
            .get(i.capacity)
            .map_or("", |c| c.id.as_str());
        (format!("{capacity}/{}", i.id), Kind::Number)
    }));
    let mapping = serde_json::to_string(&long_mapping(data, ranks)).map_err(|e| e.to_string())?;
    Ok(Layout {
        name: "ranking",
        columns,
        metadata: vec![(MAPPING_KEY, mapping)],
    })
}

/// The values of one year in the columns of [`long_layout`].
fn long_batch(data: &Dataset, year: &Year, ranks: bool) -> Vec<Values> {
    let meta = &data.meta;
    let records = &year.records;
    let pick = |zh: &str, en: &str| if zh.is_empty() { en } else { zh }.to_owned();
    let entity = |r: &Record| data.entities.get(r.entity());
    let texts = |f: &dyn Fn(&RecordRef<'_>) -> String| {
        Values::Texts(year.record_refs().map(|r| f(&r)).collect())
    };
    let numbers = |f: &dyn Fn(&RecordRef<'_>) -> Option<f64>| {
        Values::Numbers(year.record_refs().map(|r| f(&r)).collect())
    };
    let mut batch = vec![Values::Integers(vec![year.year; records.len()])];
    if ranks {
        batch.push(texts(&|r| match r.given_rank {
            Some(rank @ (Rank::Exact(_) | Rank::Band { .. } | Rank::Open { .. })) => {
                rank.to_string()
            }
            Some(Rank::Unranked) | None => String::new(),
        }));
    }
    batch.push(texts(&|r| {
        entity(r).map(|e| e.id.clone()).unwrap_or_default()
    }));
    batch.push(texts(&|r| {
        entity(r).map(|e| pick(&e.zh, &e.en)).unwrap_or_default()
    }));
    // A year's own spelling of the province, where it has one.
    batch.push(texts(&|r| {
        r.province().map_or_else(
            || {
                entity(r)
                    .map(|e| pick(&e.province_zh, &e.province_en))
                    .unwrap_or_default()
            },
            str::to_owned,
        )
    }));
    batch.push(numbers(&|r| r.total()));
    for c in 0..meta.capacities.len() {
        batch.push(numbers(&|r| r.score(c)));
    }
    for i in 0..meta.indicators.len() {
        batch.push(numbers(&|r| r.indicator(i)));
    }
    batch
}
