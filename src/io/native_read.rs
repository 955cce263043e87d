//! Reads the native JSON format (`rankscope-dataset/1`) and validates it with precise errors.

use std::collections::HashMap;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;

use super::error::LoadError;
use super::json_value::{
    Object, array, join, object, only_keys, optional_number, optional_string, required,
    required_string, string,
};
use super::native_stream::{Ids, Key, YearsReader};
use crate::model::{Capacity, Dataset, Direction, Entity, Extra, Indicator, Meta, YearInput};

/// The format tag this version reads and writes.
pub const FORMAT: &str = "rankscope-dataset/1";

const TOP_KEYS: &[&str] = &[
    "format",
    "title",
    "title_zh",
    "source",
    "provenance",
    "description",
    "total_direction",
    "group_label",
    "capacities",
    "indicators",
    "extras",
    "entities",
    "years",
];

/// Parses and validates a dataset from JSON text. The error names the place and the problem.
///
/// The records are read straight from the text, one by one, when `years` comes after the
/// capacities, indicators and entities (as this program writes it); otherwise the file is read
/// as a whole tree first. Both give the same dataset and the same errors.
pub fn read_native(text: &str) -> Result<Dataset, LoadError> {
    if text.trim_start().starts_with('{') {
        let mut state = Streaming::default();
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let read = TopSeed(&mut state)
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end());
        if let Some(key) = &state.twice {
            return Err(super::native_stream::twice_error("", key));
        }
        match read {
            Ok(()) if !state.needs_tree => return finish(&state.root, state.parts),
            Err(e) if !state.needs_tree => return Err(syntax_error(&e)),
            _ => {}
        }
    }
    let root: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    finish(object(&root, "(top level)")?, None)
}

/// The scoring structure and entities, read before the records that refer to them.
struct Parts {
    capacities: Vec<Capacity>,
    indicators: Vec<Indicator>,
    extras: Vec<Extra>,
    entities: Vec<Entity>,
    /// The records read from the text, or the first problem in them.
    years: Result<Vec<YearInput>, LoadError>,
}

/// Capacities, indicators, extra columns and entities.
type Structure = (Vec<Capacity>, Vec<Indicator>, Vec<Extra>, Vec<Entity>);

fn read_parts(root: &Object) -> Result<Structure, LoadError> {
    let capacities = read_capacities(root)?;
    let capacity_index = index_by_id(capacities.iter().map(|c| c.id.as_str()));
    let indicators = read_indicators(root, &capacity_index)?;
    let extras = read_extras(root)?;
    let entities = read_entities(root)?;
    Ok((capacities, indicators, extras, entities))
}

/// Reads the years with the ids of the given structure, from the text or from a tree.
fn read_years_with<'de, D: Deserializer<'de>>(
    (capacities, indicators, extras): (&[Capacity], &[Indicator], &[Extra]),
    entities: &[Entity],
    years: D,
) -> Result<Result<Vec<YearInput>, LoadError>, D::Error> {
    let capacity_index = index_by_id(capacities.iter().map(|c| c.id.as_str()));
    let indicator_index = index_by_id(indicators.iter().map(|i| i.id.as_str()));
    let extra_index = index_by_id(extras.iter().map(|e| e.id.as_str()));
    let entity_index = index_by_id(entities.iter().map(|e| e.id.as_str()));
    let ids = Ids {
        entities: &entity_index,
        capacities: &capacity_index,
        indicators: &indicator_index,
        extras: &extra_index,
    };
    let mut reader = YearsReader::new(&ids);
    reader.seed().deserialize(years)?;
    Ok(match reader.error {
        Some(e) => Err(e),
        None => Ok(reader.years),
    })
}

/// The checks of the whole file, in order: format, fields, capacities, indicators, texts,
/// entities, years.
fn finish(root: &Object, parts: Option<Parts>) -> Result<Dataset, LoadError> {
    check_format(root)?;
    only_keys(root, TOP_KEYS, "")?;
    let ((capacities, indicators, extras, entities), streamed) = if let Some(parts) = parts {
        let Parts {
            capacities,
            indicators,
            extras,
            entities,
            years,
        } = parts;
        ((capacities, indicators, extras, entities), Some(years))
    } else {
        (read_parts_in_order(root)?, None)
    };
    let meta = Meta {
        title: required_string(root, "title", "")?,
        title_zh: Some(optional_string(root, "title_zh", "")?).filter(|t| !t.is_empty()),
        source: optional_string(root, "source", "")?,
        provenance: optional_string(root, "provenance", "")?,
        description: optional_string(root, "description", "")?,
        capacities,
        indicators,
        extras,
        total_direction: read_total_direction(root)?,
        group_label: optional_string(root, "group_label", "")?,
    };
    let years = if let Some(years) = streamed {
        years?
    } else {
        let years = required(root, "years", "")?;
        let structure = (&meta.capacities[..], &meta.indicators[..], &meta.extras[..]);
        read_years_with(structure, &entities, years)
            .map_err(|e| LoadError::at("years", e.to_string()))??
    };
    Ok(Dataset::new(meta, entities, years))
}

/// Capacities, indicators, then (after the title, which the tree reader checks in between)
/// entities.
fn read_parts_in_order(root: &Object) -> Result<Structure, LoadError> {
    let capacities = read_capacities(root)?;
    let capacity_index = index_by_id(capacities.iter().map(|c| c.id.as_str()));
    let indicators = read_indicators(root, &capacity_index)?;
    let extras = read_extras(root)?;
    required_string(root, "title", "")?;
    optional_string(root, "title_zh", "")?;
    optional_string(root, "source", "")?;
    optional_string(root, "provenance", "")?;
    optional_string(root, "description", "")?;
    let entities = read_entities(root)?;
    Ok((capacities, indicators, extras, entities))
}

/// The top-level object read from the text: every field but `years` as a tree, `years`
/// streamed when the fields it refers to came before it.
#[derive(Default)]
struct Streaming {
    root: Object,
    parts: Option<Parts>,
    /// The text must be read again as a whole tree: `years` came before what it refers to,
    /// or those fields were given again after it.
    needs_tree: bool,
    /// A top-level key given twice.
    twice: Option<String>,
}

struct TopSeed<'s>(&'s mut Streaming);

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a dataset object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(Key(key)) = map.next_key()? {
            let again = if key == "years" {
                state.parts.is_some() || state.root.contains_key("years")
            } else {
                state.root.contains_key(&*key)
            };
            if again && state.twice.is_none() {
                state.twice = Some(key.to_string());
            }
            if key == "years" {
                let ready = state.parts.is_none()
                    && state.root.contains_key("capacities")
                    && state.root.contains_key("entities");
                let parts = if ready {
                    read_parts(&state.root).ok()
                } else {
                    None
                };
                let Some((capacities, indicators, extras, entities)) = parts else {
                    state.needs_tree = true;
                    return Err(A::Error::custom("read as a tree"));
                };
                let years = map.next_value_seed(YearsValue {
                    structure: (&capacities, &indicators, &extras),
                    entities: &entities,
                })?;
                state.root.insert("years".to_owned(), Value::Null);
                state.parts = Some(Parts {
                    capacities,
                    indicators,
                    extras,
                    entities,
                    years,
                });
            } else {
                if state.parts.is_some()
                    && matches!(&*key, "capacities" | "indicators" | "extras" | "entities")
                {
                    state.needs_tree = true;
                    return Err(A::Error::custom("read as a tree"));
                }
                let value: Value = map.next_value()?;
                state.root.insert(key.into_owned(), value);
            }
        }
        Ok(())
    }
}

/// The `years` value, read against the structure read before it.
struct YearsValue<'p> {
    structure: (&'p [Capacity], &'p [Indicator], &'p [Extra]),
    entities: &'p [Entity],
}

impl<'de> DeserializeSeed<'de> for YearsValue<'_> {
    type Value = Result<Vec<YearInput>, LoadError>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        read_years_with(self.structure, self.entities, deserializer)
    }
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

/// The `en` and `zh` labels of an object; with neither, its id is the English label.
fn labels(obj: &Object, path: &str, id: &str) -> Result<(String, String), LoadError> {
    let (en, zh) = (
        optional_string(obj, "en", path)?,
        optional_string(obj, "zh", path)?,
    );
    let en = if en.is_empty() && zh.is_empty() {
        id.to_owned()
    } else {
        en
    };
    Ok((en, zh))
}

/// `total_direction`: `"higher"` (the default) or `"lower"` when a lower total is better.
fn read_total_direction(root: &Object) -> Result<Direction, LoadError> {
    match optional_string(root, "total_direction", "")?.as_str() {
        "" | "higher" => Ok(Direction::HigherIsBetter),
        "lower" => Ok(Direction::LowerIsBetter),
        other => Err(LoadError::at(
            "total_direction",
            format!("expected \"higher\" or \"lower\", found \"{other}\""),
        )),
    }
}

/// `direction`: `"higher"` (the default) or `"lower"` when a lower value is better.
fn read_direction(obj: &Object, path: &str) -> Result<Direction, LoadError> {
    match optional_string(obj, "direction", path)?.as_str() {
        "" | "higher" => Ok(Direction::HigherIsBetter),
        "lower" => Ok(Direction::LowerIsBetter),
        other => Err(LoadError::at(
            join(path, "direction"),
            format!("expected \"higher\" or \"lower\", found \"{other}\""),
        )),
    }
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
            only_keys(obj, &["id", "en", "zh", "weight", "direction"], &path)?;
            let id = required_string(obj, "id", &path)?;
            unique(&mut seen, &id, &join(&path, "id"), "capacity id")?;
            let weight = optional_number(obj, "weight", &path)?;
            if weight.is_some_and(|w| w < 0.0) {
                return Err(LoadError::at(join(&path, "weight"), "must not be negative"));
            }
            let (en, zh) = labels(obj, &path, &id)?;
            let direction = read_direction(obj, &path)?;
            Ok(Capacity {
                id,
                en,
                zh,
                weight,
                direction,
            })
        })
        .collect()
}

/// The extra columns: figures beside the ranking that are not score components.
fn read_extras(root: &Object) -> Result<Vec<Extra>, LoadError> {
    let Some(value) = root.get("extras") else {
        return Ok(Vec::new());
    };
    let mut seen = HashMap::new();
    array(value, "extras")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("extras[{i}]");
            let obj = object(item, &path)?;
            only_keys(obj, &["id", "en", "zh"], &path)?;
            let id = required_string(obj, "id", &path)?;
            unique(&mut seen, &id, &join(&path, "id"), "extra column id")?;
            let (en, zh) = labels(obj, &path, &id)?;
            Ok(Extra { id, en, zh })
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
            let direction = read_direction(obj, &path)?;
            let (en, zh) = labels(obj, &path, &id)?;
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
            let (en, zh) = labels(obj, &path, &id)?;
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "a test fails by panicking")]

    use serde_json::{Map, Value, json};

    use super::read_native;
    use crate::io::SAMPLE_JSON;

    /// The sample with `edit` applied, as text with `years` last (read record by record) and
    /// with `years` first (read as a whole tree).
    fn both_orders(edit: impl Fn(&mut Value)) -> (String, String) {
        let mut root: Value = serde_json::from_str(SAMPLE_JSON).expect("the sample parses");
        edit(&mut root);
        let last = serde_json::to_string(&root).expect("serialises");
        let Value::Object(fields) = root else {
            panic!("the sample is an object")
        };
        let mut first = Map::new();
        if let Some(years) = fields.get("years") {
            first.insert("years".to_owned(), years.clone());
        }
        for (key, value) in fields {
            if key != "years" {
                first.insert(key, value);
            }
        }
        let first = serde_json::to_string(&Value::Object(first)).expect("serialises");
        (last, first)
    }

    fn error(text: &str) -> String {
        read_native(text).expect_err("malformed").to_string()
    }

    #[test]
    fn records_read_from_the_text_equal_those_read_from_a_tree() {
        let (last, first) = both_orders(|_| {});
        let streamed = read_native(&last).expect("the sample is valid");
        let from_tree = read_native(&first).expect("the sample is valid");
        assert_eq!(streamed, from_tree);
        assert_eq!(
            streamed,
            crate::io::load_sample().expect("the sample is valid")
        );
    }

    #[test]
    fn both_ways_report_the_same_first_problem() {
        type Edit = fn(&mut Value);
        let edits: [(Edit, &str); 11] = [
            (
                |v| v["years"][1]["records"][2]["scores"]["innovation"] = json!("n/a"),
                "years[1].records[2].scores.innovation: expected a number, found \"n/a\"",
            ),
            (
                |v| v["years"][0]["records"][1]["scores"]["nope"] = json!(1),
                "years[0].records[1].scores.nope: unknown capacity \"nope\"",
            ),
            (
                |v| v["years"][0]["records"][3]["socres"] = json!({}),
                "years[0].records[3].socres: unknown field",
            ),
            (
                |v| {
                    v["years"][2]["records"][4]["entity"] =
                        v["years"][2]["records"][1]["entity"].clone();
                },
                "years[2].records[4].entity: duplicate record for entity",
            ),
            (
                |v| v["years"][1]["records"][0]["rank"] = json!("first"),
                "years[1].records[0].rank: expected a rank",
            ),
            (
                |v| v["years"][1]["records"] = json!({}),
                "years[1].records: expected an array, found an object",
            ),
            (
                |v| v["years"][1]["year"] = v["years"][0]["year"].clone(),
                "years[1].year: year 2021 is listed twice (first at years[0])",
            ),
            (
                |v| v["years"][0]["records"][0]["indicators"] = json!([1, 2]),
                "years[0].records[0].indicators: expected an object, found an array",
            ),
            (
                |v| v["years"][2]["records"][5] = json!(7),
                "years[2].records[5]: expected an object, found 7",
            ),
            (
                // The format comes before any record problem.
                |v| {
                    v["format"] = json!("other/2");
                    v["years"][0]["records"][0]["total"] = json!("x");
                },
                "format: unsupported format",
            ),
            (
                |v| v["years"] = json!("none"),
                "years: expected an array, found \"none\"",
            ),
        ];
        for (edit, expected) in edits {
            let (last, first) = both_orders(edit);
            let (streamed, from_tree) = (error(&last), error(&first));
            assert!(streamed.starts_with(expected), "{streamed} / {expected}");
            assert_eq!(streamed, from_tree);
        }
    }

    #[test]
    fn a_syntax_error_after_a_bad_record_is_reported_first() {
        let (last, _) = both_orders(|v| {
            v["years"][0]["records"][0]["total"] = json!("x");
        });
        let broken = format!("{}]", last.trim_end().trim_end_matches('}'));
        assert!(
            error(&broken).starts_with("line 1, column"),
            "{}",
            error(&broken)
        );
    }
}
