//! Reads the native format's `years` array record by record, straight from the text (or from a
//! parsed tree), with the same checks and error places as the rest of the reader.
//!
//! Validation problems do not stop the parse: the first one is kept and the rest of the text is
//! still read, so a syntax error anywhere in the file is reported first, as with a whole-tree
//! parse. Arrays and objects where a plain value belongs are skipped and described.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};

use super::error::LoadError;
use super::json_value::{array, integer, join, number, object, string, unknown_field};
use crate::model::{Rank, RecordInput, YearInput};

/// The id lookups a record is checked against.
pub(super) struct Ids<'a> {
    pub entities: &'a HashMap<String, usize>,
    pub capacities: &'a HashMap<String, usize>,
    pub indicators: &'a HashMap<String, usize>,
    pub extras: &'a HashMap<String, usize>,
}

/// A map key, borrowed from the text when it has no escapes.
pub(super) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The visit methods of every value that is neither an array nor an object: each hands the
/// value to the visitor's `found`, which reports it as out of place.
macro_rules! scalars_are_found {
    () => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.found(Value::Bool(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.found(Value::Number(v.into())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.found(Value::Number(v.into())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.found(Number::from_f64(v).map_or(Value::Null, Value::Number)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.found(Value::String(v.to_owned())))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found(Value::Null))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found(Value::Null))
        }
    };
}

/// Reads and discards the rest of a sequence.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads and discards the rest of a map.
fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A plain JSON value; an array or object is skipped and read as an empty one, which is all
/// a type check and its message (`found an array`) need.
struct Shallow(Value);

impl<'de> Deserialize<'de> for Shallow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShallowVisitor;
        impl ShallowVisitor {
            #[allow(
                clippy::unused_self,
                reason = "the shared visit methods call it on self"
            )]
            fn found(self, value: Value) -> Shallow {
                Shallow(value)
            }
        }
        impl<'de> Visitor<'de> for ShallowVisitor {
            type Value = Shallow;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            scalars_are_found!();
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Shallow, D::Error> {
                Shallow::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shallow, A::Error> {
                drain_seq(seq)?;
                Ok(Shallow(Value::Array(Vec::new())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Shallow, A::Error> {
                drain_map(map)?;
                Ok(Shallow(Value::Object(Map::new())))
            }
        }
        deserializer.deserialize_any(ShallowVisitor)
    }
}

/// The state of reading `years`: the lookups, the years read and the first problem found.
pub(super) struct YearsReader<'a> {
    ids: &'a Ids<'a>,
    pub years: Vec<YearInput>,
    /// The first validation problem; once set, the rest is only read for syntax.
    pub error: Option<LoadError>,
    /// Each year seen, with the index of its first listing.
    seen_years: HashMap<i32, usize>,
    /// Per entity, the record that listed it in the year being read.
    seen_entities: Vec<Option<usize>>,
}

impl<'a> YearsReader<'a> {
    pub fn new(ids: &'a Ids<'a>) -> Self {
        Self {
            ids,
            years: Vec::new(),
            error: None,
            seen_years: HashMap::new(),
            seen_entities: vec![None; ids.entities.len()],
        }
    }

    fn fail(&mut self, error: LoadError) {
        self.error.get_or_insert(error);
    }

    /// The seed that reads the `years` value itself.
    pub fn seed(&mut self) -> YearsSeed<'_, 'a> {
        YearsSeed(self)
    }
}

pub(super) struct YearsSeed<'r, 'a>(&'r mut YearsReader<'a>);

impl YearsSeed<'_, '_> {
    #[allow(
        clippy::needless_pass_by_value,
        reason = "the shared visit methods pass values"
    )]
    fn found(self, value: Value) {
        if let Err(e) = array(&value, "years") {
            self.0.fail(e);
        }
    }
}

impl<'de> DeserializeSeed<'de> for YearsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for YearsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of years")
    }
    scalars_are_found!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        drain_map(map)?;
        self.found(Value::Object(Map::new()));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut index = 0;
        while seq
            .next_element_seed(YearSeed {
                reader: &mut *reader,
                index,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

/// One element of `years`.
struct YearSeed<'r, 'a> {
    reader: &'r mut YearsReader<'a>,
    index: usize,
}

impl YearSeed<'_, '_> {
    fn path(&self) -> String {
        format!("years[{}]", self.index)
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "the shared visit methods pass values"
    )]
    fn found(self, value: Value) {
        if let Err(e) = object(&value, &self.path()) {
            self.reader.fail(e);
        }
    }
}

impl<'de> DeserializeSeed<'de> for YearSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.reader.error.is_some() {
            IgnoredAny::deserialize(deserializer)?;
            return Ok(());
        }
        deserializer.deserialize_any(self)
    }
}

/// What a year's `records` value turned out to be.
enum Records {
    NotArray(Value),
    Read(Vec<RecordInput>),
    Failed(LoadError),
}

impl<'de> Visitor<'de> for YearSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a year")
    }
    scalars_are_found!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        drain_seq(seq)?;
        self.found(Value::Array(Vec::new()));
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut unknown: Option<String> = None;
        let mut year: Option<Value> = None;
        let mut records: Option<Records> = None;
        while let Some(Key(key)) = map.next_key()? {
            let again =
                (&*key == "year" && year.is_some()) || (&*key == "records" && records.is_some());
            if again {
                let path = format!("years[{}]", self.index);
                self.reader.fail(twice_error(&path, &key));
            }
            match &*key {
                "year" => year = Some(map.next_value::<Shallow>()?.0),
                "records" => {
                    records = Some(map.next_value_seed(RecordsSeed {
                        reader: &mut *self.reader,
                        year_index: self.index,
                    })?);
                }
                _ => {
                    if unknown.is_none() {
                        unknown = Some(key.into_owned());
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let checked = check_year(self.reader, self.index, unknown, year, records);
        match checked {
            Ok(input) => self.reader.years.push(input),
            Err(e) => self.reader.fail(e),
        }
        Ok(())
    }
}

/// A year's checks, in the order the tree reader made them.
fn check_year(
    reader: &mut YearsReader<'_>,
    index: usize,
    unknown: Option<String>,
    year: Option<Value>,
    records: Option<Records>,
) -> Result<YearInput, LoadError> {
    let path = &format!("years[{index}]");
    if let Some(key) = unknown {
        return Err(unknown_field(path, &key, &["year", "records"]));
    }
    let year_path = join(path, "year");
    let year = integer(
        &year.ok_or_else(|| LoadError::at(&year_path, "missing"))?,
        &year_path,
    )?;
    if let Some(first) = reader.seen_years.get(&year) {
        return Err(LoadError::at(
            year_path,
            format!("year {year} is listed twice (first at years[{first}])"),
        ));
    }
    reader.seen_years.insert(year, index);
    let records_path = join(path, "records");
    match records {
        None => Err(LoadError::at(records_path, "missing")),
        Some(Records::NotArray(value)) => Err(array(&value, &records_path)
            .err()
            .unwrap_or_else(|| LoadError::at(&records_path, "expected an array"))),
        Some(Records::Failed(e)) => Err(e),
        Some(Records::Read(records)) => Ok(YearInput::new(year, records)),
    }
}

/// A year's `records` value.
struct RecordsSeed<'r, 'a> {
    reader: &'r mut YearsReader<'a>,
    year_index: usize,
}

impl RecordsSeed<'_, '_> {
    #[allow(
        clippy::unused_self,
        reason = "the shared visit methods call it on self"
    )]
    fn found(self, value: Value) -> Records {
        Records::NotArray(value)
    }
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = Records;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Records, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = Records;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }
    scalars_are_found!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Records, A::Error> {
        drain_map(map)?;
        Ok(Records::NotArray(Value::Object(Map::new())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
        let reader = self.reader;
        reader.seen_entities.fill(None);
        let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let mut failed: Option<LoadError> = None;
        let mut index = 0;
        loop {
            if failed.is_some() {
                drain_seq(seq)?;
                break;
            }
            let seed = RecordSeed {
                ids: reader.ids,
                seen: &mut reader.seen_entities,
                year_index: self.year_index,
                index,
            };
            match seq.next_element_seed(seed)? {
                None => break,
                Some(Ok(record)) => records.push(record),
                Some(Err(e)) => failed = Some(e),
            }
            index += 1;
        }
        Ok(failed.map_or(Records::Read(records), Records::Failed))
    }
}

/// One element of `records`.
struct RecordSeed<'r, 'a> {
    ids: &'a Ids<'a>,
    seen: &'r mut [Option<usize>],
    year_index: usize,
    index: usize,
}

impl RecordSeed<'_, '_> {
    fn path(&self) -> String {
        record_path(self.year_index, self.index)
    }

    #[allow(
        clippy::needless_pass_by_value,
        reason = "the shared visit methods pass values"
    )]
    fn found(self, value: Value) -> Result<RecordInput, LoadError> {
        let path = self.path();
        object(&value, &path)?;
        Err(LoadError::at(path, "expected an object"))
    }
}

fn record_path(year: usize, record: usize) -> String {
    format!("years[{year}].records[{record}]")
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_> {
    type Value = Result<RecordInput, LoadError>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A record's fields as read, before their checks.
#[derive(Default)]
struct RawRecord {
    unknown: Option<String>,
    entity: Option<Value>,
    rank: Option<Value>,
    total: Option<Value>,
    scores: Option<Values>,
    indicators: Option<Values>,
    extras: Option<Values>,
    province: Option<Value>,
    /// A key given twice (JSON allows it; a reader that kept the last would lose the first).
    twice: Option<String>,
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_> {
    type Value = Result<RecordInput, LoadError>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    scalars_are_found!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq)?;
        Ok(self.found(Value::Array(Vec::new())))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut raw = RawRecord::default();
        let mut seen: Vec<String> = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if raw.twice.is_none() {
                if seen.iter().any(|k| *k == *key) {
                    raw.twice = Some(key.to_string());
                } else {
                    seen.push(key.to_string());
                }
            }
            match &*key {
                "entity" => raw.entity = Some(map.next_value::<Shallow>()?.0),
                "rank" => raw.rank = Some(map.next_value::<Shallow>()?.0),
                "total" => raw.total = Some(map.next_value::<Shallow>()?.0),
                "scores" => {
                    raw.scores = Some(map.next_value_seed(ValuesSeed {
                        known: self.ids.capacities,
                        what: "capacity",
                    })?);
                }
                "indicators" => {
                    raw.indicators = Some(map.next_value_seed(ValuesSeed {
                        known: self.ids.indicators,
                        what: "indicator",
                    })?);
                }
                "province" => raw.province = Some(map.next_value::<Shallow>()?.0),
                "extras" => {
                    raw.extras = Some(map.next_value_seed(ValuesSeed {
                        known: self.ids.extras,
                        what: "extra column",
                    })?);
                }
                _ => {
                    if raw.unknown.is_none() {
                        raw.unknown = Some(key.into_owned());
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(self.check(raw))
    }
}

impl RecordSeed<'_, '_> {
    /// A record's checks, in the order the tree reader made them.
    fn check(self, raw: RawRecord) -> Result<RecordInput, LoadError> {
        let path = self.path();
        if let Some(key) = raw.unknown {
            return Err(unknown_field(
                &path,
                &key,
                &[
                    "entity",
                    "rank",
                    "total",
                    "scores",
                    "indicators",
                    "extras",
                    "province",
                ],
            ));
        }
        if let Some(key) = raw.twice {
            return Err(twice_error(&path, &key));
        }
        let entity_path = join(&path, "entity");
        let entity_id = string(
            &raw.entity
                .ok_or_else(|| LoadError::at(&entity_path, "missing"))?,
            &entity_path,
        )?;
        if entity_id.trim().is_empty() {
            return Err(LoadError::at(entity_path, "must not be empty"));
        }
        let entity = *self.ids.entities.get(&entity_id).ok_or_else(|| {
            LoadError::at(&entity_path, format!("unknown entity \"{entity_id}\""))
        })?;
        if let Some(slot) = self.seen.get_mut(entity) {
            if let Some(first) = *slot {
                let first = join(&record_path(self.year_index, first), "entity");
                return Err(LoadError::at(
                    entity_path,
                    format!("duplicate record for entity \"{entity_id}\" (first at {first})"),
                ));
            }
            *slot = Some(self.index);
        }
        let given_rank = match raw.rank {
            None | Some(Value::Null) => None,
            Some(value) => Some(read_rank(&value, &join(&path, "rank"))?),
        };
        let total = match raw.total {
            None => None,
            Some(value) => number(&value, &join(&path, "total"))?,
        };
        let scores = values_of(raw.scores, self.ids.capacities.len(), &path, "scores")?;
        let indicators = values_of(
            raw.indicators,
            self.ids.indicators.len(),
            &path,
            "indicators",
        )?;
        let extras = values_of(raw.extras, self.ids.extras.len(), &path, "extras")?;
        let mut record =
            RecordInput::new(entity, given_rank, total, &scores, &indicators).with_extras(&extras);
        match raw.province {
            None | Some(Value::Null) => {}
            Some(value) => {
                let province = string(&value, &join(&path, "province"))?;
                record.set_province(Some(province.into()));
            }
        }
        Ok(record)
    }
}

/// A rank: a place (a whole number from 1) or a band such as `"51-70"`.
pub(super) fn read_rank(value: &Value, path: &str) -> Result<Rank, LoadError> {
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
                super::json_value::describe(value)
            ),
        )
    })
}

/// What a record's `scores` or `indicators` value turned out to be.
enum Values {
    NotObject(Value),
    Read(Vec<Option<f64>>),
    /// The first bad entry: its key and the problem.
    Failed(String, String),
}

fn values_of(
    values: Option<Values>,
    count: usize,
    path: &str,
    key: &str,
) -> Result<Vec<Option<f64>>, LoadError> {
    let map_path = join(path, key);
    match values {
        None => Ok(vec![None; count]),
        Some(Values::Read(values)) => Ok(values),
        Some(Values::NotObject(value)) => Err(object(&value, &map_path)
            .err()
            .unwrap_or_else(|| LoadError::at(&map_path, "expected an object"))),
        Some(Values::Failed(id, message)) => Err(LoadError::at(join(&map_path, &id), message)),
    }
}

/// An object of `id: number|null`, read into one slot per known id.
struct ValuesSeed<'a> {
    known: &'a HashMap<String, usize>,
    what: &'static str,
}

impl ValuesSeed<'_> {
    #[allow(
        clippy::unused_self,
        reason = "the shared visit methods call it on self"
    )]
    fn found(self, value: Value) -> Values {
        Values::NotObject(value)
    }
}

impl<'de> DeserializeSeed<'de> for ValuesSeed<'_> {
    type Value = Values;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Values, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValuesSeed<'_> {
    type Value = Values;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of values")
    }
    scalars_are_found!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Values, A::Error> {
        drain_seq(seq)?;
        Ok(Values::NotObject(Value::Array(Vec::new())))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Values, A::Error> {
        let mut values = vec![None; self.known.len()];
        while let Some(Key(id)) = map.next_key()? {
            let Some(&slot) = self.known.get(&*id) else {
                let message = format!("unknown {} \"{id}\"", self.what);
                map.next_value::<IgnoredAny>()?;
                drain_map(map)?;
                return Ok(Values::Failed(id.into_owned(), message));
            };
            let value = map.next_value::<Shallow>()?.0;
            match number(&value, "") {
                Ok(v) => {
                    if let Some(target) = values.get_mut(slot) {
                        *target = v;
                    }
                }
                Err(e) => {
                    drain_map(map)?;
                    return Ok(Values::Failed(id.into_owned(), e.message));
                }
            }
        }
        Ok(Values::Read(values))
    }
}

/// The error for `key` given twice in the object at `path`.
pub(super) fn twice_error(path: &str, key: &str) -> LoadError {
    LoadError::at(
        join(path, key),
        "given twice in one object; JSON readers keep only one of them, so the file is refused",
    )
}
