//! Writes a dataset as one long CSV table (one row per entity and year), the layout the
//! spreadsheet importer reads back with its detected column mapping.
//!
//! Columns: `year`, `rank` (optional), `id`, `name`, `province`, `total`, one per capacity (its
//! id), then one per indicator headed `capacity/indicator`, which the importer maps to an
//! indicator under that capacity. Missing values are empty cells. Rows stream to `out`: a large
//! dataset never exists twice in memory.

use std::io::{self, Write};

use super::csv::quoted;
use crate::model::{Dataset, Rank};

/// Writes `data` in the long layout; `ranks` adds the given ranks (exact, bands as `101–150`,
/// open bands as `1001+`).
///
/// # Errors
/// When `out` fails.
pub fn write_long_csv(data: &Dataset, ranks: bool, out: &mut dyn Write) -> io::Result<()> {
    let meta = &data.meta;
    let mut header: Vec<String> = vec!["year".into()];
    if ranks {
        header.push("rank".into());
    }
    header.extend(["id", "name", "province", "total"].map(String::from));
    header.extend(meta.capacities.iter().map(|c| c.id.clone()));
    header.extend(meta.indicators.iter().map(|i| {
        let capacity = meta
            .capacities
            .get(i.capacity)
            .map_or("", |c| c.id.as_str());
        format!("{capacity}/{}", i.id)
    }));
    let header: Vec<String> = header.iter().map(|h| quoted(h)).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut line = String::with_capacity(512);
    for year in &data.years {
        for record in year.record_refs() {
            use std::fmt::Write as _;
            line.clear();
            let _ = write!(line, "{}", year.year);
            if ranks {
                match record.given_rank {
                    Some(rank @ (Rank::Exact(_) | Rank::Band { .. } | Rank::Open { .. })) => {
                        let _ = write!(line, ",{rank}");
                    }
                    Some(Rank::Unranked) | None => line.push(','),
                }
            }
            let entity = data.entities.get(record.entity());
            let pick = |zh: &str, en: &str| if zh.is_empty() { en } else { zh }.to_owned();
            let (id, name, province) = entity.map_or_else(Default::default, |e| {
                (
                    e.id.clone(),
                    pick(&e.zh, &e.en),
                    // A year's own spelling of the province, where it has one.
                    record
                        .province()
                        .map_or_else(|| pick(&e.province_zh, &e.province_en), str::to_owned),
                )
            });
            for text in [id, name, province] {
                line.push(',');
                line.push_str(&quoted(&text));
            }
            let values = std::iter::once(record.total())
                .chain(record.scores())
                .chain(record.indicators());
            for value in values {
                line.push(',');
                if let Some(v) = value {
                    let _ = write!(line, "{v}");
                }
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}
