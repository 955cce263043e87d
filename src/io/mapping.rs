//! Column mapping: which column of a spreadsheet is the entity's name, the year, the rank, the
//! total, a capacity or an indicator. Detected from header names in English and Chinese; saved
//! and read as JSON (`--mapping map.json`).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::header_words::{self, HeaderRole, Scores, header_words, score_header};
use super::values::{is_missing, parse_number, parse_year};

mod evidence;
use evidence::{
    extras_by_values, lower_is_better, name_by_values, opposite, rank_by_values, total_by_rank,
    total_lower_is_better,
};

/// What a column holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// The entity's name (Chinese or English, as written).
    Name,
    /// A stable id; without one, entities are told apart by name.
    Id,
    Year,
    Rank,
    Total,
    Province,
    /// A component score; `id` names the capacity.
    Capacity {
        id: String,
    },
    /// A refined indicator under a capacity.
    Indicator {
        id: String,
        capacity: String,
    },
    /// A figure beside the ranking that is not a score component (a count, a population,
    /// another ranking's rank): kept and shown, never weighted; `id` names it.
    Extra {
        id: String,
    },
    /// Not read.
    Ignore,
}

/// One column's role, by its header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRole {
    pub header: String,
    #[serde(flatten)]
    pub role: Role,
    /// The year a column holds in a sheet wide by year ("总分2022", `teaching_2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// A capacity where a lower score is better (a pillar published as a rank).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lower_is_better: bool,
    /// The English label of a capacity, indicator or extra column, apart from its id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    /// The Chinese label of a capacity, indicator or extra column, apart from its id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub zh: String,
}

/// Splits a year off a header, after or before its words: "总分2022" → ("总分", 2022),
/// `teaching_2023` → ("teaching", 2023), "排名（2023）" → ("排名", 2023), "2024 RANK" → ("RANK",
/// 2024), "2023年排名" → ("排名", 2023). Headers that are only a year, or carry none, are left
/// whole.
#[must_use]
pub fn split_year(header: &str) -> (String, Option<i32>) {
    let is_year = |digits: &str| {
        digits
            .parse::<i32>()
            .ok()
            .filter(|y| digits.len() == 4 && (1900..=2099).contains(y))
    };
    let separators = [' ', '_', '-', '(', '（', ')', '）', '.', '[', ']'];
    let trimmed = header
        .trim()
        .trim_end_matches([')', '）', ']'])
        .trim_end_matches('年');
    let digits_at_end =
        trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let base = trimmed[..trimmed.len() - digits_at_end]
        .trim_end_matches(separators)
        .trim();
    if let Some(year) = is_year(&trimmed[trimmed.len() - digits_at_end..])
        && !base.is_empty()
    {
        return (base.to_owned(), Some(year));
    }
    let trimmed = header.trim();
    let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
    let base = rest
        .trim_start_matches('年')
        .trim_start_matches(separators)
        .trim();
    match is_year(&trimmed[..trimmed.len() - rest.len()]) {
        Some(year) if !base.is_empty() && !base.starts_with(|c: char| c.is_ascii_digit()) => {
            (base.to_owned(), Some(year))
        }
        _ => (trimmed.to_owned(), None),
    }
}

/// Which of a file's mapped columns a load reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reading {
    /// Every column the mapping gives a role.
    #[default]
    Every,
    /// What a ranking table shows at first: names, ids, years, ranks, provinces, totals,
    /// capacity scores and extra columns; not the refined indicators under the capacities (a
    /// command that writes that table need not decode them).
    Listing,
}

/// The roles of a file's columns, in the file's order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<ColumnRole>,
    /// Why detection gave each column its role, in the order of `columns` ("the header's words
    /// (world rank) point to the rank, 0.67"); empty for a mapping read from a file.
    #[serde(skip)]
    pub reasons: Vec<String>,
}

/// Two mappings are equal when they give the same columns the same roles, whatever the reasons.
impl PartialEq for Mapping {
    fn eq(&self, other: &Self) -> bool {
        self.columns == other.columns
    }
}

impl Eq for Mapping {}

/// The least a header's score must reach for its column to take a fixed role.
const MIN_SCORE: f32 = 0.45;

/// The fixed role a header role stands for.
fn fixed_role(role: HeaderRole) -> Role {
    match role {
        HeaderRole::Name => Role::Name,
        HeaderRole::Id => Role::Id,
        HeaderRole::Year => Role::Year,
        HeaderRole::Rank => Role::Rank,
        HeaderRole::Total => Role::Total,
        HeaderRole::Group => Role::Province,
        HeaderRole::OtherRank => Role::Ignore,
    }
}

/// Detects the roles of `headers` from their words ([`score_header`]) and the values in
/// `sample`: each fixed role goes to the column whose header points to it most strongly (a
/// total and a year only where the values are numbers or years, a name and a group only where
/// they are text); with no name among the headers, the text column whose values are unique is
/// the name (countries ranked as entities). A column no role fits becomes a capacity when most
/// of its values are numbers, else it is ignored. Year-tagged columns (a sheet wide by year) may
/// repeat a role, once per year.
#[must_use]
pub fn detect(headers: &[String], sample: &[Vec<String>]) -> Mapping {
    let values = |index: usize| sample.iter().filter_map(move |row| row.get(index));
    let split: Vec<(String, Option<i32>)> = headers.iter().map(|h| split_year(h)).collect();
    let numeric: Vec<bool> = (0..headers.len())
        .map(|i| mostly_numbers(values(i)))
        .collect();
    let scores: Vec<Scores> = headers.iter().map(|h| score_header(h)).collect();
    // A header that names a year or a total outright keeps its role whatever the values, so
    // that a broken cell is reported where it is rather than the column read as another role.
    let certain = |index: usize, role: HeaderRole| scores[index].of(role) >= 0.9;
    // The likeliest year column, so that an id may repeat across years but not within one.
    let year_column = (0..headers.len())
        .filter(|&i| scores[i].of(HeaderRole::Year) >= MIN_SCORE && mostly_years(values(i)))
        .max_by(|&a, &b| {
            scores[a]
                .of(HeaderRole::Year)
                .total_cmp(&scores[b].of(HeaderRole::Year))
        });
    let fits_values = |index: usize, role: HeaderRole| match role {
        HeaderRole::Total => numeric[index] || certain(index, role),
        HeaderRole::Year => mostly_years(values(index)) || certain(index, role),
        HeaderRole::Name | HeaderRole::Group => !numeric[index],
        HeaderRole::Id => {
            certain(index, role) || evidence::unique_within_years(sample, index, year_column)
        }
        HeaderRole::Rank | HeaderRole::OtherRank => true,
    };
    let mut candidates: Vec<(f32, usize, HeaderRole)> = scores
        .iter()
        .enumerate()
        .flat_map(|(index, s)| HeaderRole::ALL.iter().map(move |&r| (s.of(r), index, r)))
        .filter(|&(score, index, role)| score >= MIN_SCORE && fits_values(index, role))
        .collect();
    // Strongest first; of equal ones, the leftmost column.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut roles: Vec<Option<Role>> = vec![None; headers.len()];
    let mut reasons: Vec<String> = vec![String::new(); headers.len()];
    let mut taken: Vec<(HeaderRole, Option<i32>)> = Vec::new();
    for &(score, index, role) in &candidates {
        let year = split[index].1;
        let repeatable = role == HeaderRole::OtherRank;
        if roles[index].is_some() || (!repeatable && taken.contains(&(role, year))) {
            continue;
        }
        // A year-tagged role may not also be taken untagged, nor the reverse, except per year.
        if year.is_none() && taken.iter().any(|&(r, _)| r == role) && !repeatable {
            continue;
        }
        taken.push((role, year));
        roles[index] = Some(fixed_role(role));
        reasons[index] = format!(
            "its header's words ({}) point to {} ({score:.2})",
            header_words(&headers[index]).words.join(" "),
            role_words(role)
        );
        // The runner-up for the same role, when it came close: a guess worth checking.
        if role != HeaderRole::OtherRank
            && let Some(&(second, other, _)) = candidates.iter().find(|&&(s, i, r)| {
                r == role
                    && i != index
                    && roles[i].is_none()
                    && split[i].1 == year
                    && score - s <= 0.1
            })
        {
            let reason = &mut reasons[index];
            let _ = write!(
                reason,
                "; a close second: \"{}\" ({second:.2}), check it",
                headers[other]
            );
        }
    }
    if !roles.contains(&Some(Role::Name))
        && let Some(index) = name_by_values(headers, sample, &roles, &numeric, &scores)
    {
        roles[index] = Some(Role::Name);
        "no header names the entities, and its values are text, unique within each year"
            .clone_into(&mut reasons[index]);
    }
    if !roles.contains(&Some(Role::Rank))
        && let Some((index, share)) = rank_by_values(sample, &roles, &numeric)
    {
        roles[index] = Some(Role::Rank);
        reasons[index] = if roles.contains(&Some(Role::Total)) {
            format!(
                "no header names the rank, and its whole places rise as the total falls ({:.0} % of pairs of rows)",
                share * 100.0
            )
        } else {
            "no header names the rank, and its whole places count up from 1 down the file"
                .to_owned()
        };
    }
    if !roles.contains(&Some(Role::Total))
        && let Some((index, share)) = total_by_rank(sample, &roles, &numeric)
    {
        roles[index] = Some(Role::Total);
        reasons[index] = format!(
            "no header names the total, and its values fall as the rank rises ({:.0} % of pairs of rows)",
            share * 100.0
        );
    }
    // Figures beside the ranking: another ranking's rank, a second rank column, headers that
    // name counts and ratios, and values that are not of the scores' kind. A column headed
    // `capacity/indicator` says what it is and is left alone.
    let bases: Vec<&str> = split.iter().map(|(base, _)| base.trim()).collect();
    let under_capacity: Vec<bool> = bases
        .iter()
        .map(|base| {
            base.split_once('/')
                .is_some_and(|(capacity, _)| bases.contains(&capacity.trim()))
        })
        .collect();
    for index in 0..headers.len() {
        if !numeric[index] || under_capacity[index] || !all_numbers(values(index)) {
            continue;
        }
        let other_rank = roles[index] == Some(Role::Ignore)
            && scores[index].of(HeaderRole::OtherRank) >= MIN_SCORE;
        if other_rank {
            roles[index] = Some(Role::Extra {
                id: split[index].0.clone(),
            });
            reasons[index] = format!(
                "its header's words ({}) point to another ranking's rank or a change of rank ({:.2}): kept as an extra column, never a score",
                header_words(&headers[index]).words.join(" "),
                scores[index].of(HeaderRole::OtherRank)
            );
            continue;
        }
        if roles[index].is_some() {
            continue;
        }
        let words = header_words::extra_words(&headers[index]);
        let reason = if !words.is_empty() {
            format!(
                "its header's words ({}) name a figure beside the ranking, not a score",
                words.join(" ")
            )
        } else if scores[index].of(HeaderRole::Rank) >= MIN_SCORE {
            "its header names a rank other than the ranking's own (a pillar's or a sub-ranking's): kept as an extra column".to_owned()
        } else {
            continue;
        };
        roles[index] = Some(Role::Extra {
            id: split[index].0.clone(),
        });
        reasons[index] = reason;
    }
    let may_be_scores: Vec<bool> = (0..headers.len())
        .map(|i| numeric[i] && !under_capacity[i])
        .collect();
    for (index, reason) in extras_by_values(headers, sample, &roles, &may_be_scores) {
        roles[index] = Some(Role::Extra {
            id: split[index].0.clone(),
        });
        reasons[index] = reason;
    }
    // A ranking on one figure (revenue, points): with no other numeric column, that figure is
    // its one component score rather than a total over none.
    if let Some(total) = roles.iter().position(|r| *r == Some(Role::Total))
        && !(0..headers.len()).any(|i| roles[i].is_none() && numeric[i])
        && numeric[total]
    {
        roles[total] = None;
        "the only figure the ranking is on: its one component score, not a total over none"
            .clone_into(&mut reasons[total]);
    }
    for (index, reason) in reasons.iter_mut().enumerate() {
        if reason.is_empty() {
            *reason = if numeric[index] {
                "most of its values are numbers: a component score".to_owned()
            } else if values(index).all(|v| is_missing(v)) {
                "no values in the first rows".to_owned()
            } else {
                "text that no role's words name".to_owned()
            };
        }
    }
    let mut columns: Vec<ColumnRole> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let (base, year) = &split[index];
            let role = roles[index].clone().unwrap_or_else(|| {
                if numeric[index] && !normalise(base).is_empty() {
                    Role::Capacity { id: base.clone() }
                } else {
                    Role::Ignore
                }
            });
            // Only a column whose role holds values can be one year's: a name stays a name.
            let year = year.filter(|_| {
                matches!(
                    role,
                    Role::Rank | Role::Total | Role::Capacity { .. } | Role::Indicator { .. }
                )
            });
            ColumnRole {
                header: header.clone(),
                role,
                year,
                lower_is_better: false,
                en: String::new(),
                zh: String::new(),
            }
        })
        .collect();
    let total_lower = total_lower_is_better(headers, sample, &roles);
    if let Some(total) = roles.iter().position(|r| *r == Some(Role::Total))
        && let Some(why) = &total_lower
    {
        columns[total].lower_is_better = true;
        reasons[total].push_str("; ");
        reasons[total].push_str(why);
    }
    let against = (
        roles.iter().position(|r| *r == Some(Role::Total)),
        roles.iter().position(|r| *r == Some(Role::Rank)),
    );
    let found: Vec<_> = columns
        .iter()
        .enumerate()
        .map(|(index, c)| {
            matches!(c.role, Role::Capacity { .. })
                .then(|| opposite(&c.header, sample, index, against, total_lower.is_some()))
                .flatten()
        })
        .collect();
    for ((column, reason), lower) in columns
        .iter_mut()
        .zip(&mut reasons)
        .zip(lower_is_better(&found, total_lower.is_some()))
    {
        if let Some(why) = lower {
            column.lower_is_better = true;
            reason.push_str("; ");
            reason.push_str(&why);
        }
    }
    let columns = indicators_under_capacities(columns);
    for (column, reason) in columns.iter().zip(&mut reasons) {
        if let Role::Indicator { capacity, .. } = &column.role {
            *reason = format!("headed capacity/indicator, under the capacity \"{capacity}\"");
        }
    }
    Mapping { columns, reasons }
}

/// How a reason names a role a header points to.
fn role_words(role: HeaderRole) -> &'static str {
    match role {
        HeaderRole::Name => "the name",
        HeaderRole::Id => "an id",
        HeaderRole::Year => "the year or release date",
        HeaderRole::Rank => "the rank",
        HeaderRole::Total => "the total",
        HeaderRole::Group => "a group (province, region, country)",
        HeaderRole::OtherRank => "another ranking's rank or a change of rank, which is not read",
    }
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .collect()
}

/// A numeric column headed `capacity/indicator` (e.g. `innovation/patents`), where `capacity`
/// heads another numeric column, is an indicator under that capacity (the layout
/// `rankscope gen` writes).
fn indicators_under_capacities(mut columns: Vec<ColumnRole>) -> Vec<ColumnRole> {
    let capacities: std::collections::HashSet<String> = columns
        .iter()
        .filter_map(|c| match &c.role {
            Role::Capacity { id } if c.year.is_none() => Some(id.clone()),
            _ => None,
        })
        .collect();
    for column in &mut columns {
        let Role::Capacity { id } = &column.role else {
            continue;
        };
        if let Some((capacity, indicator)) = id.split_once('/')
            && !indicator.trim().is_empty()
            && capacities.contains(capacity.trim())
        {
            column.role = Role::Indicator {
                id: indicator.trim().to_owned(),
                capacity: capacity.trim().to_owned(),
            };
        }
    }
    columns
}

/// Whether every present value is a plain number (some present): a column of ranks with bands
/// ("5-6") is not.
fn all_numbers<'a>(values: impl Iterator<Item = &'a String>) -> bool {
    let mut present = values.filter(|v| !is_missing(v)).peekable();
    present.peek().is_some() && present.all(|v| matches!(parse_number(v), Ok(Some(_))))
}

/// Whether at least four in five of the present values are numbers (and some are present).
fn mostly_numbers<'a>(values: impl Iterator<Item = &'a String>) -> bool {
    let present: Vec<&String> = values.filter(|v| !is_missing(v)).collect();
    let numbers = present
        .iter()
        .filter(|v| matches!(parse_number(v), Ok(Some(_))))
        .count();
    !present.is_empty() && numbers * 5 >= present.len() * 4
}

/// Whether at least four in five of the present values are years (and some are present).
fn mostly_years<'a>(values: impl Iterator<Item = &'a String>) -> bool {
    let present: Vec<&String> = values.filter(|v| !is_missing(v)).collect();
    let years = present.iter().filter(|v| parse_year(v).is_ok()).count();
    !present.is_empty() && years * 5 >= present.len() * 4
}

impl Mapping {
    /// For each of `header`'s columns, whether a load reads it: the mapping gives it a role
    /// other than [`Role::Ignore`] (the first entry for a header wins, as the importer takes it).
    #[must_use]
    pub fn reads(&self, header: &[String]) -> Vec<bool> {
        let by_header: std::collections::HashMap<&str, &Role> = self
            .columns
            .iter()
            .rev()
            .map(|c| (c.header.trim(), &c.role))
            .collect();
        header
            .iter()
            .map(|h| by_header.get(h.trim()).is_some_and(|r| **r != Role::Ignore))
            .collect()
    }

    /// The mapping as `reading` reads it: for [`Reading::Listing`], indicator columns ignored.
    #[must_use]
    pub fn for_reading(&self, reading: Reading) -> Self {
        let mut mapping = self.clone();
        if reading == Reading::Listing {
            for column in &mut mapping.columns {
                if matches!(column.role, Role::Indicator { .. }) {
                    column.role = Role::Ignore;
                }
            }
        }
        mapping
    }

    /// Whether `read`, loaded with this mapping as `reading` reads it, has indicator columns
    /// still to read: read as a listing, with the mapping naming indicators it has none (a file
    /// read as text rows has them already).
    #[must_use]
    pub fn left_unread(&self, reading: Reading, read: &crate::model::Dataset) -> bool {
        reading == Reading::Listing
            && read.meta.indicators.is_empty()
            && self
                .columns
                .iter()
                .any(|c| matches!(c.role, Role::Indicator { .. }))
    }

    /// The role of the column with `header`, if the mapping names it.
    #[must_use]
    pub fn role_of(&self, header: &str) -> Option<&Role> {
        self.columns
            .iter()
            .find(|c| c.header.trim() == header.trim())
            .map(|c| &c.role)
    }

    /// The year the column with `header` holds, in a sheet wide by year.
    #[must_use]
    pub fn year_of(&self, header: &str) -> Option<i32> {
        self.columns
            .iter()
            .find(|c| c.header.trim() == header.trim())
            .and_then(|c| c.year)
    }

    /// Why detection gave the column with `header` its role, if the mapping was detected.
    #[must_use]
    pub fn reason_of(&self, header: &str) -> Option<&str> {
        self.columns
            .iter()
            .position(|c| c.header.trim() == header.trim())
            .and_then(|i| self.reasons.get(i))
            .map(String::as_str)
    }

    /// One line per column: its header, its role and why (`"world_rank" → rank: its header's
    /// words (world rank) point to the rank (0.67)`), for the command line's printout.
    #[must_use]
    pub fn explained(&self) -> Vec<String> {
        self.columns
            .iter()
            .zip(&self.reasons)
            .map(|(column, reason)| {
                let role = match &column.role {
                    Role::Capacity { id } => format!("capacity \"{id}\""),
                    Role::Indicator { id, capacity } => {
                        format!("indicator \"{id}\" of \"{capacity}\"")
                    }
                    Role::Extra { id } => format!("extra column \"{id}\""),
                    other => serde_json::to_value(other)
                        .ok()
                        .and_then(|v| v.get("role").and_then(|r| r.as_str()).map(str::to_owned))
                        .unwrap_or_default(),
                };
                let year = column.year.map(|y| format!(" ({y})")).unwrap_or_default();
                format!("\"{}\" → {role}{year}: {reason}", column.header)
            })
            .collect()
    }

    /// The mapping as pretty JSON, as `--mapping` reads it.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
