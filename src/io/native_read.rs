//! Reads the native JSON format (`rankscope-dataset/1`) and validates it with precise errors.

use std::collections::HashMap;

use serde_json::Value;

use super::error::LoadError;
use super::json_value::{
    Object, array, describe, integer, join, number, object, only_keys, optional_number,
    optional_string, required, required_string, string,
};
use crate::model::{
    Capacity, Dataset, Direction, Entity, Indicator, Meta, Rank, Record, YearInput,
};

/// The format tag this version reads and writes.
pub const FORMAT: &str = "rankscope-dataset/1";

const TOP_KEYS: &[&str] = &[
    "format",
    "title",
    "title_zh",
    "source",
    "provenance",
    "description",
    "capacities",
    "indicators",
    "entities",
    "years",
];

/// Parses and validates a dataset from JSON text. The error names the place and the problem.
pub fn read_native(text: &str) -> Result<Dataset, LoadError> {
    let root: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    let root = object(&root, "(top level)")?;
    check_format(root)?;
    only_keys(root, TOP_KEYS, "")?;

    let capacities = read_capacities(root)?;
    let capacity_index = index_by_id(capacities.iter().map(|c| c.id.as_str()));
    let indicators = read_indicators(root, &capacity_index)?;
    let indicator_index = index_by_id(indicators.iter().map(|i| i.id.as_str()));
    let meta = Meta {
        title: required_string(root, "title", "")?,
        title_zh: Some(optional_string(root, "title_zh", "")?).filter(|t| !t.is_empty()),
        source: optional_string(root, "source", "")?,
        provenance: optional_string(root, "provenance", "")?,
        description: optional_string(root, "description", "")?,
        capacities,
        indicators,
    };
    let entities = read_entities(root)?;
    let entity_index = index_by_id(entities.iter().map(|e| e.id.as_str()));
    let ids = Ids {
        entities: &entity_index,
        capacities: &capacity_index,
        indicators: &indicator_index,
    };
    let years = read_years(root, &ids)?;
    Ok(Dataset::new(meta, entities, years))
}

fn syntax_error(error: &serde_json::Error) -> LoadError {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the place says it already.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    LoadError::at(
        format!("line {}, column {}", error.line(), error.column()),
        message,
    )
}

fn check_format(root: &Object) -> Result<(), LoadError> {
    let format = required(root, "format", "").map_err(|e| LoadError {
        message: format!("missing; expected \"{FORMAT}\""),
        ..e
    })?;
    let format = string(format, "format")?;
    if format == FORMAT {
        Ok(())
    } else {
        Err(LoadError::at(
            "format",
            format!("unsupported format \"{format}\"; this version reads \"{FORMAT}\""),
        ))
    }
}

fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_owned(), i)).collect()
}

/// Checks that `id` was not seen before, remembering where it was first.
fn unique(
    seen: &mut HashMap<String, String>,
    id: &str,
    path: &str,
    what: &str,
) -> Result<(), LoadError> {
    if let Some(first) = seen.get(id) {
        return Err(LoadError::at(
            path,
            format!("duplicate {what} \"{id}\" (first at {first})"),
        ));
    }
    seen.insert(id.to_owned(), path.to_owned());
    Ok(())
}

fn read_capacities(root: &Object) -> Result<Vec<Capacity>, LoadError> {
    let items = array(required(root, "capacities", "")?, "capacities")?;
    if items.is_empty() {
        return Err(LoadError::at(
            "capacities",
            "at least one capacity is needed",
        ));
    }
    let mut seen = HashMap::new();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("capacities[{i}]");
            let obj = object(item, &path)?;
            only_keys(obj, &["id", "en", "zh", "weight"], &path)?;
            let id = required_string(obj, "id", &path)?;
            unique(&mut seen, &id, &join(&path, "id"), "capacity id")?;
            let weight = optional_number(obj, "weight", &path)?;
            if weight.is_some_and(|w| w < 0.0) {
                return Err(LoadError::at(join(&path, "weight"), "must not be negative"));
            }
            let (en, zh) = (
                optional_string(obj, "en", &path)?,
                optional_string(obj, "zh", &path)?,
            );
            let en = if en.is_empty() && zh.is_empty() {
                id.clone()
            } else {
                en
            };
            Ok(Capacity { id, en, zh, weight })
        })
        .collect()
}

fn read_indicators(
    root: &Object,
    capacities: &HashMap<String, usize>,
) -> Result<Vec<Indicator>, LoadError> {
    let Some(value) = root.get("indicators") else {
        return Ok(Vec::new());
    };
    let mut seen = HashMap::new();
    array(value, "indicators")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("indicators[{i}]");
            let obj = object(item, &path)?;
            only_keys(
                obj,
                &["id", "capacity", "en", "zh", "unit", "direction"],
                &path,
            )?;
            let id = required_string(obj, "id", &path)?;
            unique(&mut seen, &id, &join(&path, "id"), "indicator id")?;
            let capacity_id = required_string(obj, "capacity", &path)?;
            let capacity = *capacities.get(&capacity_id).ok_or_else(|| {
                LoadError::at(
                    join(&path, "capacity"),
                    format!("unknown capacity \"{capacity_id}\""),
                )
            })?;
            let direction = match optional_string(obj, "direction", &path)?.as_str() {
                "" | "higher" => Direction::HigherIsBetter,
                "lower" => Direction::LowerIsBetter,
                other => {
                    return Err(LoadError::at(
                        join(&path, "direction"),
                        format!("expected \"higher\" or \"lower\", found \"{other}\""),
                    ));
                }
            };
            let (en, zh) = (
                optional_string(obj, "en", &path)?,
                optional_string(obj, "zh", &path)?,
            );
            let en = if en.is_empty() && zh.is_empty() {
                id.clone()
            } else {
                en
            };
            let unit = optional_string(obj, "unit", &path)?;
            Ok(Indicator {
                id,
                capacity,
                en,
                zh,
                unit,
                direction,
            })
        })
        .collect()
}

fn read_entities(root: &Object) -> Result<Vec<Entity>, LoadError> {
    let mut seen = HashMap::new();
    array(required(root, "entities", "")?, "entities")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("entities[{i}]");
            let obj = object(item, &path)?;
            only_keys(
                obj,
                &[
                    "id",
                    "en",
                    "zh",
                    "province_en",
                    "province_zh",
                    "city",
                    "type",
                ],
                &path,
            )?;
            let id = required_string(obj, "id", &path)?;
            unique(&mut seen, &id, &join(&path, "id"), "entity id")?;
            let (en, zh) = (
                optional_string(obj, "en", &path)?,
                optional_string(obj, "zh", &path)?,
            );
            let en = if en.is_empty() && zh.is_empty() {
                id.clone()
            } else {
                en
            };
            let some = |text: String| Some(text).filter(|t| !t.is_empty());
            Ok(Entity {
                id,
                en,
                zh,
                province_en: optional_string(obj, "province_en", &path)?,
                province_zh: optional_string(obj, "province_zh", &path)?,
                city: some(optional_string(obj, "city", &path)?),
                kind: some(optional_string(obj, "type", &path)?),
            })
        })
        .collect()
}

/// The id lookups a record is checked against.
struct Ids<'a> {
    entities: &'a HashMap<String, usize>,
    capacities: &'a HashMap<String, usize>,
    indicators: &'a HashMap<String, usize>,
}

fn read_years(root: &Object, ids: &Ids<'_>) -> Result<Vec<YearInput>, LoadError> {
    let mut seen_years: HashMap<i32, String> = HashMap::new();
    array(required(root, "years", "")?, "years")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("years[{i}]");
            let obj = object(item, &path)?;
            only_keys(obj, &["year", "records"], &path)?;
            let year_path = join(&path, "year");
            let year = integer(required(obj, "year", &path)?, &year_path)?;
            if let Some(first) = seen_years.get(&year) {
                return Err(LoadError::at(
                    year_path,
                    format!("year {year} is listed twice (first at {first})"),
                ));
            }
            seen_years.insert(year, path.clone());
            let records_path = join(&path, "records");
            let mut seen_entities = HashMap::new();
            let records = array(required(obj, "records", &path)?, &records_path)?
                .iter()
                .enumerate()
                .map(|(r, item)| {
                    let record_path = format!("{records_path}[{r}]");
                    read_record(item, &record_path, ids, &mut seen_entities)
                })
                .collect::<Result<_, _>>()?;
            Ok(YearInput { year, records })
        })
        .collect()
}

fn read_record(
    item: &Value,
    path: &str,
    ids: &Ids<'_>,
    seen: &mut HashMap<String, String>,
) -> Result<Record, LoadError> {
    let obj = object(item, path)?;
    only_keys(
        obj,
        &["entity", "rank", "total", "scores", "indicators"],
        path,
    )?;
    let entity_id = required_string(obj, "entity", path)?;
    let entity = *ids.entities.get(&entity_id).ok_or_else(|| {
        LoadError::at(
            join(path, "entity"),
            format!("unknown entity \"{entity_id}\""),
        )
    })?;
    unique(seen, &entity_id, &join(path, "entity"), "record for entity")?;
    let given_rank = match obj.get("rank") {
        None | Some(Value::Null) => None,
        Some(value) => Some(read_rank(value, &join(path, "rank"))?),
    };
    Ok(Record {
        entity,
        given_rank,
        total: optional_number(obj, "total", path)?,
        scores: read_values(obj, "scores", path, ids.capacities, "capacity")?,
        indicators: read_values(obj, "indicators", path, ids.indicators, "indicator")?,
    })
}

fn read_rank(value: &Value, path: &str) -> Result<Rank, LoadError> {
    let rank = match value {
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n >= 1)
            .map(Rank::Exact),
        Value::String(s) => Rank::parse(s),
        _ => None,
    };
    rank.ok_or_else(|| {
        LoadError::at(
            path,
            format!(
                "expected a rank (a place such as 12, a band such as \"51-70\", or null), found {}",
                describe(value)
            ),
        )
    })
}

/// Reads an object of `id: number|null` into one slot per known id.
fn read_values(
    record: &Object,
    key: &str,
    path: &str,
    known: &HashMap<String, usize>,
    what: &str,
) -> Result<Vec<Option<f64>>, LoadError> {
    let mut values = vec![None; known.len()];
    let Some(value) = record.get(key) else {
        return Ok(values);
    };
    let map_path = join(path, key);
    for (id, value) in object(value, &map_path)? {
        let value_path = join(&map_path, id);
        let slot = *known
            .get(id)
            .ok_or_else(|| LoadError::at(&value_path, format!("unknown {what} \"{id}\"")))?;
        values[slot] = number(value, &value_path)?;
    }
    Ok(values)
}
