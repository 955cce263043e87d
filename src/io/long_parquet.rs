//! Writes a dataset as one long Parquet table, the columns of [`super::write_long_csv`] typed:
//! `year` as a 32-bit integer, `rank`, `id`, `name` and `province` as UTF-8, `total`, the
//! capacities and the indicators (`capacity/indicator`) as nullable doubles. One row group per
//! year; snappy. The importer reads it back through the same mapping as the CSV.

use parquet::data_type::Int32Type;
use parquet::errors::ParquetError;

use super::parquet_write::{Kind, flat_column, write_numbers, write_texts, writer};
use crate::model::{Dataset, Rank, Record};

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
    let mut writer = writer("ranking", fields, &mut bytes)?;
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
