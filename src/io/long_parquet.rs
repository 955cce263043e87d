//! Writes a dataset as one long Parquet table, the columns of [`super::write_long_csv`] typed:
//! `year` as a 32-bit integer, `rank`, `id`, `name` and `province` as UTF-8, `total`, the
//! capacities and the indicators (`capacity/indicator`) as nullable doubles. One row group per
//! year; snappy. The file's metadata holds the column mapping under [`MAPPING_KEY`] — roles,
//! lower-is-better capacities and indicators, English and Chinese labels — which the importer
//! takes instead of detecting one, so directions and labels survive the round trip.

use parquet::data_type::Int32Type;
use parquet::errors::ParquetError;

use super::mapping::{ColumnRole, Mapping, Role};
use super::parquet_write::{Kind, flat_column, write_numbers, write_texts, writer};
use crate::model::{Dataset, Direction, Rank, Record};

/// The key of the column mapping in the metadata of the Parquet files rankscope writes.
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

/// The bytes of `data` as long Parquet; `ranks` adds the given ranks.
///
/// # Errors
/// Only if the Parquet writer fails (it writes to memory).
pub fn long_parquet(data: &Dataset, ranks: bool) -> Result<Vec<u8>, ParquetError> {
    let meta = &data.meta;
    let mut fields = vec![flat_column("year", Kind::Integer)?];
    if ranks {
        fields.push(flat_column("rank", Kind::Text)?);
    }
    for name in ["id", "name", "province"] {
        fields.push(flat_column(name, Kind::Text)?);
    }
    let mut numbers: Vec<String> = vec!["total".into()];
    numbers.extend(meta.capacities.iter().map(|c| c.id.clone()));
    numbers.extend(meta.indicators.iter().map(|i| {
        let capacity = meta
            .capacities
            .get(i.capacity)
            .map_or("", |c| c.id.as_str());
        format!("{capacity}/{}", i.id)
    }));
    for name in &numbers {
        fields.push(flat_column(name, Kind::Number)?);
    }
    let mut bytes = Vec::new();
    let mapping = serde_json::to_string(&long_mapping(data, ranks))
        .map_err(|e| ParquetError::General(e.to_string()))?;
    let mut writer = writer("ranking", fields, vec![(MAPPING_KEY, mapping)], &mut bytes)?;
    let pick = |zh: &str, en: &str| if zh.is_empty() { en } else { zh }.to_owned();
    for year in &data.years {
        let records = &year.records;
        // The text columns, in order: rank (when given), id, name, province.
        let mut texts: Vec<Vec<String>> = Vec::new();
        if ranks {
            texts.push(
                records
                    .iter()
                    .map(|r| match r.given_rank {
                        Some(rank @ (Rank::Exact(_) | Rank::Band { .. } | Rank::Open { .. })) => {
                            rank.to_string()
                        }
                        Some(Rank::Unranked) | None => String::new(),
                    })
                    .collect(),
            );
        }
        let entity = |r: &Record| data.entities.get(r.entity);
        texts.push(
            records
                .iter()
                .map(|r| entity(r).map(|e| e.id.clone()).unwrap_or_default())
                .collect(),
        );
        texts.push(
            records
                .iter()
                .map(|r| entity(r).map(|e| pick(&e.zh, &e.en)).unwrap_or_default())
                .collect(),
        );
        texts.push(
            records
                .iter()
                .map(|r| {
                    entity(r)
                        .map(|e| pick(&e.province_zh, &e.province_en))
                        .unwrap_or_default()
                })
                .collect(),
        );
        let value = |r: &Record, k: usize| -> Option<f64> {
            match k {
                0 => r.total,
                k if k <= meta.capacities.len() => r.score(k - 1),
                k => r.indicator(k - 1 - meta.capacities.len()),
            }
        };
        let mut group = writer.next_row_group()?;
        let mut index = 0;
        while let Some(mut out) = group.next_column()? {
            if index == 0 {
                let years = vec![year.year; records.len()];
                out.typed::<Int32Type>().write_batch(&years, None, None)?;
            } else if index <= texts.len() {
                write_texts(&mut out, &texts[index - 1])?;
            } else {
                let k = index - 1 - texts.len();
                let values: Vec<Option<f64>> = records.iter().map(|r| value(r, k)).collect();
                write_numbers(&mut out, &values)?;
            }
            out.close()?;
            index += 1;
        }
        group.close()?;
    }
    writer.close()?;
    Ok(bytes)
}
