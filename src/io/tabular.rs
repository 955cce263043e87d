//! Builds a dataset from spreadsheet rows and a column mapping (long layout: one row per entity
//! and year, with a year column, or one year per file named in the file name). Errors name the
//! file, the row and the column; problems that need not stop the load become warnings.

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
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_index: HashMap<String, usize> = HashMap::new();
    let mut years: Vec<YearInput> = Vec::new();
    let mut warnings = Vec::new();
    for sheet in sheets {
        let Some((header_row, header_fields)) = headers(sheet.rows) else {
            warnings.push(format!("{}: no rows", sheet.name));
            continue;
        };
        let roles: Vec<Role> = header_fields
            .iter()
            .map(|h| mapping.role_of(h).cloned().unwrap_or(Role::Ignore))
            .collect();
        // In a sheet wide by year, a column may hold one year's values ("总分2022").
        let column_years: Vec<Option<i32>> =
            header_fields.iter().map(|h| mapping.year_of(h)).collect();
        let tagged_years: Vec<i32> = unique(column_years.iter().flatten().copied());
        for row in &sheet.rows[header_row + 1..] {
            if row.fields.iter().all(|f| f.trim().is_empty()) {
                warnings.push(format!(
                    "{}, row {}: empty row skipped",
                    sheet.name, row.line
                ));
                continue;
            }
            let cell_error = |column: usize, message: String| {
                let header = header_fields.get(column).map_or("", String::as_str);
                LoadError::at(format!("row {}, column \"{header}\"", row.line), message)
                    .in_file(sheet.name.clone())
            };
            let mut name = None;
            let mut id = None;
            let mut year = sheet.year;
            let mut record = Record {
                entity: 0,
                given_rank: None,
                total: None,
                scores: vec![None; capacities.len()],
                indicators: vec![None; indicators.len()],
            };
            let mut province = String::new();
            for (column, role) in roles.iter().enumerate() {
                if column_years[column].is_some() {
                    continue;
                }
                let text = row.fields.get(column).map_or("", String::as_str);
                match role {
                    Role::Name if !is_missing(text) => name = Some(text.trim().to_owned()),
                    Role::Id if !is_missing(text) => id = Some(text.trim().to_owned()),
                    Role::Year if !is_missing(text) => {
                        year = Some(parse_year(text).map_err(|e| cell_error(column, e))?);
                    }
                    Role::Rank => {
                        record.given_rank = parse_rank(text).map_err(|e| cell_error(column, e))?;
                    }
                    Role::Total => {
                        record.total = parse_number(text).map_err(|e| cell_error(column, e))?;
                    }
                    Role::Province => text.trim().clone_into(&mut province),
                    Role::Capacity { id } => {
                        let slot = capacities.iter().position(|c| c == id).unwrap_or(0);
                        record.scores[slot] =
                            parse_number(text).map_err(|e| cell_error(column, e))?;
                    }
                    Role::Indicator { id, .. } => {
                        let slot = indicators.iter().position(|(i, _)| i == id).unwrap_or(0);
                        record.indicators[slot] =
                            parse_number(text).map_err(|e| cell_error(column, e))?;
                    }
                    Role::Name | Role::Id | Role::Year | Role::Ignore => {}
                }
            }
            let name_column = roles.iter().position(|r| *r == Role::Name).unwrap_or(0);
            let Some(name) = name else {
                return Err(cell_error(
                    name_column,
                    "expected a name, found an empty cell".into(),
                ));
            };
            // A sheet wide by year takes its years from its columns.
            let year = match (year, tagged_years.first()) {
                (Some(year), _) => year,
                (None, Some(&first)) => first,
                (None, None) => {
                    return Err(LoadError::at(format!("row {}", row.line), "no year: add a year column, or a year to the file name (e.g. cities-2023.csv)")
                        .in_file(sheet.name.clone()));
                }
            };
            // One record per year: the row's own, or one per year of a sheet wide by year (an
            // entity with no value in a year is not listed in it).
            let mut per_year: Vec<(i32, Record)> = Vec::new();
            if tagged_years.is_empty() {
                per_year.push((year, record));
            } else {
                for &tagged in &tagged_years {
                    let mut yearly = record.clone();
                    for (column, role) in roles.iter().enumerate() {
                        if column_years[column] != Some(tagged) {
                            continue;
                        }
                        let text = row.fields.get(column).map_or("", String::as_str);
                        apply_value(&mut yearly, role, text, &capacities, &indicators)
                            .map_err(|e| cell_error(column, e))?;
                    }
                    let has_values = yearly.given_rank.is_some()
                        || yearly.total.is_some()
                        || yearly.scores.iter().any(Option::is_some);
                    if has_values {
                        per_year.push((tagged, yearly));
                    }
                }
            }
            let key = id.clone().unwrap_or_else(|| name.clone());
            let entity = *entity_index.entry(key.clone()).or_insert_with(|| {
                let cjk = name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                let (zh, en) = if cjk {
                    (name.clone(), String::new())
                } else {
                    (String::new(), name.clone())
                };
                let (province_zh, province_en) = if province
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                {
                    (province.clone(), String::new())
                } else {
                    (String::new(), province.clone())
                };
                entities.push(Entity {
                    id: key.clone(),
                    en,
                    zh,
                    province_en,
                    province_zh,
                    city: None,
                    kind: None,
                });
                entities.len() - 1
            });
            for (year, mut record) in per_year {
                record.entity = entity;
                let position = years
                    .iter()
                    .position(|y| y.year == year)
                    .unwrap_or_else(|| {
                        years.push(YearInput {
                            year,
                            records: Vec::new(),
                        });
                        years.len() - 1
                    });
                let year_input = &mut years[position];
                if year_input.records.iter().any(|r| r.entity == entity) {
                    warnings.push(format!(
                        "{}, row {}: \"{name}\" is listed twice in {year}; the first row is kept",
                        sheet.name, row.line
                    ));
                    continue;
                }
                year_input.records.push(record);
            }
        }
    }
    if years.is_empty() {
        return Err(LoadError::at("", "no data rows")
            .in_file(sheets.first().map(|s| s.name.clone()).unwrap_or_default()));
    }
    warnings.extend(rank_order_warnings(&years, &entities));
    let meta = Meta {
        title: title.to_owned(),
        title_zh: None,
        source: String::new(),
        provenance: format!(
            "Imported from {}",
            sheets
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
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
        indicators: indicators
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
        dataset: Dataset::new(meta, entities, years),
        warnings,
    })
}

/// Reads `text` into the slot of `record` that `role` names.
fn apply_value(
    record: &mut Record,
    role: &Role,
    text: &str,
    capacities: &[String],
    indicators: &[(String, String)],
) -> Result<(), String> {
    match role {
        Role::Rank => record.given_rank = parse_rank(text)?,
        Role::Total => record.total = parse_number(text)?,
        Role::Capacity { id } => {
            if let Some(slot) = capacities.iter().position(|c| c == id) {
                record.scores[slot] = parse_number(text)?;
            }
        }
        Role::Indicator { id, .. } => {
            if let Some(slot) = indicators.iter().position(|(i, _)| i == id) {
                record.indicators[slot] = parse_number(text)?;
            }
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
