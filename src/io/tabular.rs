//! Builds a dataset from spreadsheet rows and a column mapping (long layout: one row per entity
//! and year, with a year column, or one year per file named in the file name). Errors name the
//! file, the row and the column; problems that need not stop the load become warnings.

use std::borrow::Cow;
use std::collections::HashMap;

use super::csv::Row;
use super::error::LoadError;
use super::mapping::{Mapping, Role};
use super::values::{is_missing, parse_number, parse_rank, parse_year};
use crate::model::{
    Capacity, Dataset, Direction, Entity, Indicator, Meta, Record, YearInput, competition_ranks,
};

/// Rows of one file (or sheet): the first non-blank row holds the headers.
pub struct Sheet<'a> {
    /// Shown in messages, e.g. `cities-2023.csv` or `ranking.xlsx, sheet "2023"`.
    pub name: String,
    pub rows: &'a [Row],
    /// The year of every row when the sheet has no year column (from the file or sheet name).
    pub year: Option<i32>,
}

/// A dataset built from sheets, with the problems that did not stop it.
#[derive(Debug)]
pub struct Imported {
    pub dataset: Dataset,
    pub warnings: Vec<String>,
}

/// The first four-digit year (1900–2099) in `name`, e.g. 2023 in `cities-2023.csv`.
#[must_use]
pub fn year_in_name(name: &str) -> Option<i32> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let boundary = |j: Option<&u8>| j.is_none_or(|b| !b.is_ascii_digit());
        let isolated =
            boundary(i.checked_sub(1).and_then(|j| bytes.get(j))) && boundary(bytes.get(i + 4));
        let year: i32 = std::str::from_utf8(window).ok()?.parse().ok()?;
        (isolated && window.iter().all(u8::is_ascii_digit) && (1900..=2099).contains(&year))
            .then_some(year)
    })
}

/// The headers of a sheet: its first row with any text.
#[must_use]
pub fn headers(rows: &[Row]) -> Option<(usize, Vec<String>)> {
    rows.iter()
        .position(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .map(|i| (i, rows[i].fields.clone()))
}

/// Builds the dataset. `title` names it (e.g. from the first file).
///
/// # Errors
/// The first cell that cannot be read, naming the sheet, row and column; or a mapping without a
/// name column; or no year for the rows.
pub fn build(sheets: &[Sheet<'_>], mapping: &Mapping, title: &str) -> Result<Imported, LoadError> {
    let mut builder = Builder::new(mapping)?;
    let mut fields: Vec<Cow<'_, str>> = Vec::new();
    for sheet in sheets {
        let Some((header_row, header_fields)) = headers(sheet.rows) else {
            builder.warnings.push(format!("{}: no rows", sheet.name));
            continue;
        };
        let columns = builder.columns(&sheet.name, sheet.year, header_fields, mapping);
        for row in &sheet.rows[header_row + 1..] {
            fields.clear();
            fields.extend(row.fields.iter().map(|f| Cow::Borrowed(f.as_str())));
            let read = read_row(&columns, row.line, &fields)?;
            builder.add(&columns, read);
        }
    }
    builder.finish(
        &sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        title,
    )
}

/// Builds the dataset from the text of one CSV file, without holding its rows: the rows after
/// `header_fields` (`rows`) are read on two threads when
/// no field is quoted, else on one. The same rows, warnings and errors as [`build`].
///
/// # Errors
/// As [`build`].
pub fn build_text(
    sheet: &str,
    year: Option<i32>,
    header_fields: Vec<String>,
    rows: TextRows<'_>,
    mapping: &Mapping,
    title: &str,
) -> Result<Imported, LoadError> {
    let TextRows {
        text: data,
        first_line,
        delimiter,
    } = rows;
    let mut builder = Builder::new(mapping)?;
    let columns = builder.columns(sheet, year, header_fields, mapping);
    // Any newline is a row boundary when no field is quoted; split near the middle.
    let middle = data.len() / 2;
    let split = (data.len() > 1 << 20 && memchr::memchr(b'"', data.as_bytes()).is_none())
        .then(|| memchr::memchr(b'\n', &data.as_bytes()[middle..]).map(|i| middle + i + 1))
        .flatten();
    let parts = match split {
        Some(at) => {
            let (first, second) = data.split_at(at);
            let second_line = first_line + memchr::memchr_iter(b'\n', first.as_bytes()).count();
            let (a, b) = std::thread::scope(|scope| {
                let other = scope.spawn(|| read_part(&columns, second, second_line, delimiter));
                let a = read_part(&columns, first, first_line, delimiter);
                (a, other.join())
            });
            let b = b.map_err(|_| LoadError::at("", "reading the file failed"))?;
            vec![a?, b?]
        }
        None => vec![read_part(&columns, data, first_line, delimiter)?],
    };
    for read in parts.into_iter().flatten() {
        builder.add(&columns, read);
    }
    builder.finish(&[sheet], title)
}

/// The data rows of a CSV text: the text after the headers, its first line number, its delimiter.
#[derive(Clone, Copy)]
pub struct TextRows<'a> {
    pub text: &'a str,
    pub first_line: usize,
    pub delimiter: char,
}

/// Reads the rows of `part` (a run of whole rows), stopping at the first error.
fn read_part<'a>(
    columns: &Columns,
    part: &'a str,
    first_line: usize,
    delimiter: char,
) -> Result<Vec<RowRead<'a>>, LoadError> {
    let mut reads = Vec::new();
    let mut failure = None;
    super::csv::for_each_row(part, delimiter, first_line, &|_| {}, &mut |line, fields| {
        match read_row(columns, line, fields) {
            Ok(read) => reads.push(read),
            Err(e) => failure = Some(e),
        }
        failure.is_none()
    });
    failure.map_or(Ok(reads), Err)
}

/// How a sheet's columns are read: each column's role, year and record slot.
struct Columns {
    sheet: String,
    year: Option<i32>,
    header_fields: Vec<String>,
    roles: Vec<Role>,
    /// In a sheet wide by year, a column may hold one year's values ("总分2022").
    column_years: Vec<Option<i32>>,
    tagged_years: Vec<i32>,
    /// The capacity or indicator slot a column fills.
    slots: Vec<usize>,
    name_column: usize,
    capacities: usize,
    indicators: usize,
}

/// One data row, read.
enum RowRead<'a> {
    Empty {
        line: usize,
    },
    Records {
        line: usize,
        name: Cow<'a, str>,
        id: Option<Cow<'a, str>>,
        province: Cow<'a, str>,
        per_year: Vec<(i32, Record)>,
    },
}

fn trimmed<'a>(text: &Cow<'a, str>) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    }
}

/// Reads one data row into its records (one, or one per year of a sheet wide by year).
fn read_row<'a>(
    columns: &Columns,
    line: usize,
    fields: &[Cow<'a, str>],
) -> Result<RowRead<'a>, LoadError> {
    if fields.iter().all(|f| f.trim().is_empty()) {
        return Ok(RowRead::Empty { line });
    }
    let cell_error = |column: usize, message: String| {
        let header = columns.header_fields.get(column).map_or("", String::as_str);
        LoadError::at(format!("row {line}, column \"{header}\""), message)
            .in_file(columns.sheet.clone())
    };
    let empty = Cow::Borrowed("");
    let mut name = None;
    let mut id = None;
    let mut year = columns.year;
    let mut record = Record::empty(0, None, None, columns.capacities, columns.indicators);
    let mut province = Cow::Borrowed("");
    for (column, role) in columns.roles.iter().enumerate() {
        if columns.column_years[column].is_some() {
            continue;
        }
        let cell = fields.get(column).unwrap_or(&empty);
        let text: &str = cell;
        match role {
            Role::Name if !is_missing(text) => name = Some(trimmed(cell)),
            Role::Id if !is_missing(text) => id = Some(trimmed(cell)),
            Role::Year if !is_missing(text) => {
                year = Some(parse_year(text).map_err(|e| cell_error(column, e))?);
            }
            Role::Rank => {
                record.given_rank = parse_rank(text).map_err(|e| cell_error(column, e))?;
            }
            Role::Total => {
                record.total = parse_number(text).map_err(|e| cell_error(column, e))?;
            }
            Role::Province => province = trimmed(cell),
            Role::Capacity { .. } => {
                let value = parse_number(text).map_err(|e| cell_error(column, e))?;
                record.set_score(columns.slots[column], value);
            }
            Role::Indicator { .. } => {
                let value = parse_number(text).map_err(|e| cell_error(column, e))?;
                record.set_indicator(columns.slots[column], value);
            }
            Role::Name | Role::Id | Role::Year | Role::Ignore => {}
        }
    }
    let Some(name) = name else {
        return Err(cell_error(
            columns.name_column,
            "expected a name, found an empty cell".into(),
        ));
    };
    // A sheet wide by year takes its years from its columns.
    let year = match (year, columns.tagged_years.first()) {
        (Some(year), _) => year,
        (None, Some(&first)) => first,
        (None, None) => {
            return Err(LoadError::at(
                format!("row {line}"),
                "no year: add a year column, or a year to the file name (e.g. cities-2023.csv)",
            )
            .in_file(columns.sheet.clone()));
        }
    };
    // One record per year: the row's own, or one per year of a sheet wide by year (an entity with
    // no value in a year is not listed in it).
    let mut per_year: Vec<(i32, Record)> = Vec::new();
    if columns.tagged_years.is_empty() {
        per_year.push((year, record));
    } else {
        for &tagged in &columns.tagged_years {
            let mut yearly = record.clone();
            for (column, role) in columns.roles.iter().enumerate() {
                if columns.column_years[column] != Some(tagged) {
                    continue;
                }
                let text = fields.get(column).map_or("", |f| f);
                apply_value(&mut yearly, role, text, columns.slots[column])
                    .map_err(|e| cell_error(column, e))?;
            }
            let has_values = yearly.given_rank.is_some()
                || yearly.total.is_some()
                || yearly.scores().iter().any(|v| v.is_some());
            if has_values {
                per_year.push((tagged, yearly));
            }
        }
    }
    Ok(RowRead::Records {
        line,
        name,
        id,
        province,
        per_year,
    })
}

/// Gathers rows into entities and years, in file order.
struct Builder {
    capacities: Vec<String>,
    indicators: Vec<(String, String)>,
    entities: Vec<Entity>,
    entity_index: HashMap<String, usize>,
    years: Vec<YearInput>,
    /// For each year of `years`, which entities it lists already.
    listed: Vec<Vec<bool>>,
    warnings: Vec<String>,
}

impl Builder {
    fn new(mapping: &Mapping) -> Result<Self, LoadError> {
        let capacities: Vec<String> = unique(mapping.columns.iter().filter_map(|c| {
            if let Role::Capacity { id } = &c.role {
                Some(id.clone())
            } else {
                None
            }
        }));
        let indicators: Vec<(String, String)> =
            unique(mapping.columns.iter().filter_map(|c| match &c.role {
                Role::Indicator { id, capacity } => Some((id.clone(), capacity.clone())),
                _ => None,
            }));
        if !mapping.columns.iter().any(|c| c.role == Role::Name) {
            return Err(LoadError::at(
                "",
                "no column holds the entities' names; give one column the role \"name\"",
            ));
        }
        Ok(Self {
            capacities,
            indicators,
            entities: Vec::new(),
            entity_index: HashMap::new(),
            years: Vec::new(),
            listed: Vec::new(),
            warnings: Vec::new(),
        })
    }

    fn columns(
        &self,
        sheet: &str,
        year: Option<i32>,
        header_fields: Vec<String>,
        mapping: &Mapping,
    ) -> Columns {
        let roles: Vec<Role> = header_fields
            .iter()
            .map(|h| mapping.role_of(h).cloned().unwrap_or(Role::Ignore))
            .collect();
        let column_years: Vec<Option<i32>> =
            header_fields.iter().map(|h| mapping.year_of(h)).collect();
        let tagged_years: Vec<i32> = unique(column_years.iter().flatten().copied());
        let slots = roles
            .iter()
            .map(|role| match role {
                Role::Capacity { id } => self.capacities.iter().position(|c| c == id),
                Role::Indicator { id, .. } => self.indicators.iter().position(|(i, _)| i == id),
                _ => None,
            })
            .map(|slot| slot.unwrap_or(0))
            .collect();
        Columns {
            sheet: sheet.to_owned(),
            year,
            name_column: roles.iter().position(|r| *r == Role::Name).unwrap_or(0),
            header_fields,
            roles,
            column_years,
            tagged_years,
            slots,
            capacities: self.capacities.len(),
            indicators: self.indicators.len(),
        }
    }

    fn add(&mut self, columns: &Columns, read: RowRead<'_>) {
        let (line, name, id, province, per_year) = match read {
            RowRead::Empty { line } => {
                self.warnings
                    .push(format!("{}, row {line}: empty row skipped", columns.sheet));
                return;
            }
            RowRead::Records {
                line,
                name,
                id,
                province,
                per_year,
            } => (line, name, id, province, per_year),
        };
        let key: &str = id.as_deref().unwrap_or(&name);
        let entity = if let Some(&entity) = self.entity_index.get(key) {
            entity
        } else {
            let cjk = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let (zh, en) = if cjk(&name) {
                (name.to_string(), String::new())
            } else {
                (String::new(), name.to_string())
            };
            let (province_zh, province_en) = if cjk(&province) {
                (province.to_string(), String::new())
            } else {
                (String::new(), province.to_string())
            };
            self.entities.push(Entity {
                id: key.to_owned(),
                en,
                zh,
                province_en,
                province_zh,
                city: None,
                kind: None,
            });
            self.entity_index
                .insert(key.to_owned(), self.entities.len() - 1);
            self.entities.len() - 1
        };
        for (year, mut record) in per_year {
            record.entity = entity;
            let position = self
                .years
                .iter()
                .position(|y| y.year == year)
                .unwrap_or_else(|| {
                    self.years.push(YearInput {
                        year,
                        records: Vec::new(),
                    });
                    self.listed.push(Vec::new());
                    self.years.len() - 1
                });
            let listed = &mut self.listed[position];
            if listed.len() <= entity {
                listed.resize(entity + 1, false);
            }
            if listed[entity] {
                self.warnings.push(format!(
                    "{}, row {line}: \"{name}\" is listed twice in {year}; the first row is kept",
                    columns.sheet
                ));
                continue;
            }
            listed[entity] = true;
            self.years[position].records.push(record);
        }
    }

    fn finish(mut self, sheets: &[&str], title: &str) -> Result<Imported, LoadError> {
        if self.years.is_empty() {
            return Err(LoadError::at("", "no data rows")
                .in_file(sheets.first().copied().unwrap_or_default()));
        }
        self.warnings
            .extend(rank_order_warnings(&self.years, &self.entities));
        let capacities = &self.capacities;
        let meta = Meta {
            title: title.to_owned(),
            title_zh: None,
            source: String::new(),
            provenance: format!("Imported from {}", sheets.join(", ")),
            description: String::new(),
            capacities: capacities
                .iter()
                .map(|id| Capacity {
                    id: id.clone(),
                    en: id.clone(),
                    zh: id.clone(),
                    weight: None,
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|(id, capacity)| Indicator {
                    id: id.clone(),
                    capacity: capacities.iter().position(|c| c == capacity).unwrap_or(0),
                    en: id.clone(),
                    zh: id.clone(),
                    unit: String::new(),
                    direction: Direction::HigherIsBetter,
                })
                .collect(),
        };
        if meta.capacities.is_empty() {
            return Err(LoadError::at(
                "",
                "no column holds a capacity score; give at least one column the role \"capacity\"",
            ));
        }
        Ok(Imported {
            dataset: Dataset::new(meta, self.entities, self.years),
            warnings: self.warnings,
        })
    }
}

/// Reads `text` into `slot` of the part of `record` that `role` names.
fn apply_value(record: &mut Record, role: &Role, text: &str, slot: usize) -> Result<(), String> {
    match role {
        Role::Rank => record.given_rank = parse_rank(text)?,
        Role::Total => record.total = parse_number(text)?,
        Role::Capacity { .. } => {
            record.set_score(slot, parse_number(text)?);
        }
        Role::Indicator { .. } => {
            record.set_indicator(slot, parse_number(text)?);
        }
        Role::Name | Role::Id | Role::Year | Role::Province | Role::Ignore => {}
    }
    Ok(())
}

fn unique<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Warns where a given exact rank disagrees with the order of the totals.
fn rank_order_warnings(years: &[YearInput], entities: &[Entity]) -> Vec<String> {
    let mut warnings = Vec::new();
    for year in years {
        let totals: Vec<Option<f64>> = year.records.iter().map(|r| r.total).collect();
        for (record, computed) in year.records.iter().zip(competition_ranks(&totals)) {
            if let (Some(crate::model::Rank::Exact(given)), crate::model::Rank::Exact(by_total)) =
                (record.given_rank, computed)
                && given != by_total
                && record.total.is_some()
            {
                let name = entities
                    .get(record.entity)
                    .map(|e| {
                        if e.zh.is_empty() {
                            e.en.as_str()
                        } else {
                            e.zh.as_str()
                        }
                    })
                    .unwrap_or_default();
                warnings.push(format!(
                    "{}: \"{name}\" is ranked {given} but its total places it {by_total}",
                    year.year
                ));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_found_in_file_names() {
        assert_eq!(year_in_name("cities-2023.csv"), Some(2023));
        assert_eq!(year_in_name("科技城百强2022年.csv"), Some(2022));
        assert_eq!(year_in_name("top100.csv"), None);
        assert_eq!(
            year_in_name("run12023.csv"),
            None,
            "not a year inside a longer number"
        );
    }
}
