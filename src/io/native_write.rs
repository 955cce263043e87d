//! Writes a dataset in the native JSON format, so that reading it back gives the same dataset.

use serde_json::{Map, Value, json};

use super::native_read::FORMAT;
use crate::model::{Dataset, Direction, Rank};

/// The dataset as pretty-printed `rankscope-dataset/1` JSON.
#[must_use]
pub fn write_native(data: &Dataset) -> String {
    let meta = &data.meta;
    let capacities: Vec<Value> = meta
        .capacities
        .iter()
        .map(|c| json!({ "id": c.id, "en": c.en, "zh": c.zh, "weight": c.weight }))
        .collect();
    let indicators: Vec<Value> = meta
        .indicators
        .iter()
        .map(|i| {
            let direction = match i.direction {
                Direction::HigherIsBetter => "higher",
                Direction::LowerIsBetter => "lower",
            };
            let capacity = meta.capacities.get(i.capacity).map_or("", |c| c.id.as_str());
            json!({ "id": i.id, "capacity": capacity, "en": i.en, "zh": i.zh, "unit": i.unit, "direction": direction })
        })
        .collect();
    let entities: Vec<Value> = data
        .entities
        .iter()
        .map(|e| {
            json!({ "id": e.id, "en": e.en, "zh": e.zh, "province_en": e.province_en,
                    "province_zh": e.province_zh, "city": e.city, "type": e.kind })
        })
        .collect();
    let years: Vec<Value> = data
        .years
        .iter()
        .map(|year| {
            let records: Vec<Value> = year
                .records
                .iter()
                .map(|r| {
                    let entity = data.entities.get(r.entity).map_or("", |e| e.id.as_str());
                    let rank = match r.given_rank {
                        Some(Rank::Exact(n)) => json!(n),
                        Some(Rank::Band { lo, hi }) => json!(format!("{lo}-{hi}")),
                        Some(Rank::Unranked) | None => Value::Null,
                    };
                    let scores = values_by_id(meta.capacities.iter().map(|c| &c.id), &r.scores);
                    let indicators = values_by_id(meta.indicators.iter().map(|i| &i.id), &r.indicators);
                    json!({ "entity": entity, "rank": rank, "total": r.total, "scores": scores, "indicators": indicators })
                })
                .collect();
            json!({ "year": year.year, "records": records })
        })
        .collect();
    let root = json!({
        "format": FORMAT,
        "title": meta.title,
        "title_zh": meta.title_zh,
        "source": meta.source,
        "provenance": meta.provenance,
        "description": meta.description,
        "capacities": capacities,
        "indicators": indicators,
        "entities": entities,
        "years": years,
    });
    // Serialising a Value cannot fail: every key is a string.
    serde_json::to_string_pretty(&root).unwrap_or_default() + "\n"
}

fn values_by_id<'a>(
    ids: impl Iterator<Item = &'a String>,
    values: &[Option<f64>],
) -> Map<String, Value> {
    ids.zip(values)
        .filter_map(|(id, value)| value.map(|v| (id.clone(), json!(v))))
        .collect()
}
