//! Writes a dataset in the native JSON format, so that reading it back gives the same dataset.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::native_read::FORMAT;
use crate::model::{Dataset, Direction, Rank, RecordRef};

/// The dataset as pretty-printed `rankscope-dataset/1` JSON.
#[must_use]
pub fn write_native(data: &Dataset) -> String {
    let meta = &data.meta;
    let years: Vec<Value> = data
        .years
        .iter()
        .map(|year| {
            let records: Vec<Value> = year.record_refs().map(|r| record_value(data, r)).collect();
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
        "capacities": capacities_value(data),
        "indicators": indicators_value(data),
        "entities": data.entities.iter().map(entity_value).collect::<Vec<_>>(),
        "years": years,
    });
    let root = with_extras(root, data);
    // Serialising a Value cannot fail: every key is a string.
    serde_json::to_string_pretty(&root).unwrap_or_default() + "\n"
}

/// The same dataset as [`write_native`], streamed to `out` one entity or record per line, so a
/// large dataset is never held twice in memory (`rankscope gen`).
///
/// # Errors
/// When `out` fails.
pub fn write_native_to(data: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let meta = &data.meta;
    let head = json!({
        "format": FORMAT,
        "title": meta.title,
        "title_zh": meta.title_zh,
        "source": meta.source,
        "provenance": meta.provenance,
        "description": meta.description,
        "capacities": capacities_value(data),
        "indicators": indicators_value(data),
    });
    let head = with_extras(head, data);
    let head = serde_json::to_string_pretty(&head).map_err(io::Error::other)?;
    // The head without its closing brace, then the two long arrays.
    let head = head.trim_end().trim_end_matches('}').trim_end();
    writeln!(out, "{head},\n  \"entities\": [")?;
    for (index, entity) in data.entities.iter().enumerate() {
        let comma = if index + 1 < data.entities.len() {
            ","
        } else {
            ""
        };
        writeln!(out, "    {}{comma}", entity_value(entity))?;
    }
    writeln!(out, "  ],\n  \"years\": [")?;
    for (y, year) in data.years.iter().enumerate() {
        writeln!(out, "    {{ \"year\": {}, \"records\": [", year.year)?;
        for (index, record) in year.record_refs().enumerate() {
            let comma = if index + 1 < year.records.len() {
                ","
            } else {
                ""
            };
            writeln!(out, "      {}{comma}", record_value(data, record))?;
        }
        let comma = if y + 1 < data.years.len() { "," } else { "" };
        writeln!(out, "    ] }}{comma}")?;
    }
    writeln!(out, "  ]\n}}")
}

/// `root` with the dataset's extra columns after its indicators, when it has any, and its
/// total's direction after the description when lower is better (a dataset without either is
/// written as before they existed).
fn with_extras(root: Value, data: &Dataset) -> Value {
    let Value::Object(mut fields) = root else {
        return root;
    };
    let lower = data.meta.total_direction == Direction::LowerIsBetter;
    let group = &data.meta.group_label;
    if lower || !group.is_empty() {
        let mut ordered = Map::new();
        for (key, value) in fields {
            let after_description = key == "description";
            ordered.insert(key, value);
            if after_description && lower {
                ordered.insert("total_direction".to_owned(), json!("lower"));
            }
            if after_description && !group.is_empty() {
                ordered.insert("group_label".to_owned(), json!(group));
            }
        }
        fields = ordered;
    }
    if data.meta.extras.is_empty() {
        return Value::Object(fields);
    }
    let extras: Vec<Value> = data
        .meta
        .extras
        .iter()
        .map(|e| json!({ "id": e.id, "en": e.en, "zh": e.zh }))
        .collect();
    let mut ordered = Map::new();
    for (key, value) in fields {
        let after_indicators = key == "indicators";
        ordered.insert(key, value);
        if after_indicators {
            ordered.insert("extras".to_owned(), Value::Array(extras.clone()));
        }
    }
    Value::Object(ordered)
}

fn capacities_value(data: &Dataset) -> Vec<Value> {
    data.meta
        .capacities
        .iter()
        .map(|c| match c.direction {
            Direction::HigherIsBetter => {
                json!({ "id": c.id, "en": c.en, "zh": c.zh, "weight": c.weight })
            }
            Direction::LowerIsBetter => {
                json!({ "id": c.id, "en": c.en, "zh": c.zh, "weight": c.weight, "direction": "lower" })
            }
        })
        .collect()
}

fn indicators_value(data: &Dataset) -> Vec<Value> {
    let meta = &data.meta;
    meta.indicators
        .iter()
        .map(|i| {
            let direction = match i.direction {
                Direction::HigherIsBetter => "higher",
                Direction::LowerIsBetter => "lower",
            };
            let capacity = meta.capacities.get(i.capacity).map_or("", |c| c.id.as_str());
            json!({ "id": i.id, "capacity": capacity, "en": i.en, "zh": i.zh, "unit": i.unit, "direction": direction })
        })
        .collect()
}

fn entity_value(e: &crate::model::Entity) -> Value {
    json!({ "id": e.id, "en": e.en, "zh": e.zh, "province_en": e.province_en,
            "province_zh": e.province_zh, "city": e.city, "type": e.kind })
}

fn record_value(data: &Dataset, r: RecordRef<'_>) -> Value {
    let meta = &data.meta;
    let entity = data.entities.get(r.entity()).map_or("", |e| e.id.as_str());
    let rank = match r.given_rank {
        Some(Rank::Exact(n)) => json!(n),
        Some(open @ Rank::Open { .. }) => json!(open.to_string()),
        Some(Rank::Band { lo, hi }) => json!(format!("{lo}-{hi}")),
        Some(Rank::Unranked) | None => Value::Null,
    };
    let scores = values_by_id(meta.capacities.iter().map(|c| &c.id), r.scores());
    let indicators = values_by_id(meta.indicators.iter().map(|i| &i.id), r.indicators());
    let extras = values_by_id(meta.extras.iter().map(|e| &e.id), r.extras());
    let mut value = json!({ "entity": entity, "rank": rank, "total": r.total(), "scores": scores, "indicators": indicators });
    if let Value::Object(fields) = &mut value {
        if !extras.is_empty() {
            fields.insert("extras".to_owned(), Value::Object(extras));
        }
        if let Some(province) = r.province() {
            fields.insert("province".to_owned(), json!(province));
        }
    }
    value
}

fn values_by_id<'a>(
    ids: impl Iterator<Item = &'a String>,
    values: crate::model::Slots<'_>,
) -> Map<String, Value> {
    ids.zip(values)
        .filter_map(|(id, value)| value.map(|v| (id.clone(), json!(v))))
        .collect()
}
