//! Column mapping: which column of a spreadsheet is the entity's name, the year, the rank, the
//! total, a capacity or an indicator. Detected from header names in English and Chinese; saved
//! and read as JSON (`--mapping map.json`).

use serde::{Deserialize, Serialize};

use super::header_words::{HeaderRole, Scores, header_words, score_header};
use super::values::{is_missing, parse_number, parse_rank, parse_year};

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
    let fits_values = |index: usize, role: HeaderRole| match role {
        HeaderRole::Total => numeric[index] || certain(index, role),
        HeaderRole::Year => mostly_years(values(index)) || certain(index, role),
        HeaderRole::Name | HeaderRole::Group => !numeric[index],
        HeaderRole::Id | HeaderRole::Rank | HeaderRole::OtherRank => true,
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
    for (score, index, role) in candidates {
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
    }
    if !roles.contains(&Some(Role::Name))
        && let Some(index) = name_by_values(headers, sample, &roles, &numeric, &scores)
    {
        roles[index] = Some(Role::Name);
        "no header names the entities, and its values are text, unique within each year"
            .clone_into(&mut reasons[index]);
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
    let columns = headers
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
            }
        })
        .collect();
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
        HeaderRole::Year => "the year",
        HeaderRole::Rank => "the rank",
        HeaderRole::Total => "the total",
        HeaderRole::Group => "a group (province, region, country)",
        HeaderRole::OtherRank => "another ranking's rank or a change of rank, which is not read",
    }
}

/// With no header naming the entities: the text column (free, or taken for a group) whose
/// sample values are all present and unique within each year, the one whose header points most
/// to a name first, then the leftmost. A `Country` column of a ranking of countries.
fn name_by_values(
    headers: &[String],
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
    scores: &[Scores],
) -> Option<usize> {
    let year_column = roles.iter().position(|r| *r == Some(Role::Year));
    let unique = |index: usize| {
        let mut seen: Vec<(Option<&str>, &str)> = Vec::new();
        for row in sample {
            let Some(value) = row.get(index).map(|v| v.trim()) else {
                return false;
            };
            let year = year_column.and_then(|y| row.get(y)).map(String::as_str);
            if is_missing(value) || seen.contains(&(year, value)) {
                return false;
            }
            seen.push((year, value));
        }
        seen.len() >= 2
    };
    let mut free: Vec<usize> = (0..headers.len())
        .filter(|&i| matches!(roles[i], None | Some(Role::Province)) && !numeric[i] && unique(i))
        .collect();
    free.sort_by(|&a, &b| {
        scores[b]
            .of(HeaderRole::Name)
            .total_cmp(&scores[a].of(HeaderRole::Name))
            .then(a.cmp(&b))
    });
    free.first().copied()
}

/// With a rank column but no header naming the total: the free numeric column whose sample
/// values fall as the rank rises, in at least 95 % of the pairs of rows with different places
/// (`Human Development Index (HDI)` beside `HDI Rank`); of several, the most consistent, then
/// the leftmost, with the share of pairs. Rows whose rank or value is missing or unreadable are
/// left out.
fn total_by_rank(
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
) -> Option<(usize, f64)> {
    let rank_column = roles.iter().position(|r| *r == Some(Role::Rank))?;
    let places: Vec<Option<u32>> = sample
        .iter()
        .map(|row| {
            let rank = parse_rank(row.get(rank_column)?).ok()??;
            rank.bounds().map(|(lo, _)| lo)
        })
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for index in (0..roles.len()).filter(|&i| roles[i].is_none() && numeric[i]) {
        let pairs: Vec<(u32, f64)> = sample
            .iter()
            .zip(&places)
            .filter_map(|(row, place)| {
                let value = parse_number(row.get(index)?).ok()??;
                Some(((*place)?, value))
            })
            .collect();
        let (mut agree, mut compared) = (0_u32, 0_u32);
        for (i, a) in pairs.iter().enumerate() {
            for b in &pairs[i + 1..] {
                if a.0 == b.0 {
                    continue;
                }
                compared += 1;
                let (better, worse) = if a.0 < b.0 { (a, b) } else { (b, a) };
                if better.1 >= worse.1 {
                    agree += 1;
                }
            }
        }
        if compared < 3 {
            continue;
        }
        let share = f64::from(agree) / f64::from(compared);
        if share >= 0.95 && best.is_none_or(|(s, _)| share > s) {
            best = Some((share, index));
        }
    }
    best.map(|(share, index)| (index, share))
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
    let capacities: Vec<String> = columns
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
            && capacities.iter().any(|c| c == capacity.trim())
        {
            column.role = Role::Indicator {
                id: indicator.trim().to_owned(),
                capacity: capacity.trim().to_owned(),
            };
        }
    }
    columns
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
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn chinese_headers_of_a_ccid_style_sheet_are_recognised() {
        let headers = strings(&[
            "排名",
            "科技城",
            "省份",
            "总分",
            "基础建设能力",
            "科技创新能力",
            "城市承载能力",
            "要素保障能力",
            "备注",
        ]);
        let sample = vec![strings(&[
            "1",
            "上海浦东张江科学城",
            "上海",
            "91.14",
            "89.11",
            "88.28",
            "95.26",
            "94.55",
            "示范",
        ])];
        let mapping = detect(&headers, &sample);
        let roles: Vec<&Role> = mapping.columns.iter().map(|c| &c.role).collect();
        assert_eq!(roles[0], &Role::Rank);
        assert_eq!(roles[1], &Role::Name);
        assert_eq!(roles[2], &Role::Province);
        assert_eq!(roles[3], &Role::Total);
        assert_eq!(
            roles[5],
            &Role::Capacity {
                id: "科技创新能力".into()
            }
        );
        assert_eq!(
            roles[8],
            &Role::Ignore,
            "text that is not a role is ignored"
        );
    }

    #[test]
    fn english_headers_of_a_university_ranking_are_recognised() {
        let headers = strings(&[
            "world_rank",
            "University",
            "Country",
            "Year",
            "Total Score",
            "Teaching",
            "Research",
        ]);
        let sample = vec![strings(&[
            "=12", "North", "China", "2023", "81.5", "80", "-",
        ])];
        let mapping = detect(&headers, &sample);
        let roles: Vec<&Role> = mapping.columns.iter().map(|c| &c.role).collect();
        assert_eq!(
            roles[..5],
            [
                &Role::Rank,
                &Role::Name,
                &Role::Province,
                &Role::Year,
                &Role::Total
            ]
        );
        assert_eq!(
            roles[5],
            &Role::Capacity {
                id: "Teaching".into()
            }
        );
        assert_eq!(
            roles[6],
            &Role::Ignore,
            "a column with no numbers in the sample"
        );
    }

    fn roles(headers: &[&str], rows: &[&[&str]]) -> Vec<Role> {
        let sample: Vec<Vec<String>> = rows.iter().map(|r| strings(r)).collect();
        detect(&strings(headers), &sample)
            .columns
            .into_iter()
            .map(|c| c.role)
            .collect()
    }

    fn capacity(id: &str) -> Role {
        Role::Capacity { id: id.into() }
    }

    #[test]
    fn a_university_ranking_in_the_kaggle_shape_is_read_by_its_header_words() {
        let roles = roles(
            &[
                "world_rank",
                "university_name",
                "country",
                "teaching",
                "research",
                "total_score",
                "num_students",
                "year",
            ],
            &[
                &[
                    "1",
                    "Harvard University",
                    "United States of America",
                    "99.7",
                    "98.7",
                    "96.1",
                    "20,152",
                    "2011",
                ],
                &[
                    "=2",
                    "California Institute of Technology",
                    "United States of America",
                    "97.7",
                    "98.0",
                    "96.0",
                    "2,243",
                    "2011",
                ],
            ],
        );
        assert_eq!(
            roles,
            vec![
                Role::Rank,
                Role::Name,
                Role::Province,
                capacity("teaching"),
                capacity("research"),
                Role::Total,
                capacity("num_students"),
                Role::Year,
            ]
        );
    }

    #[test]
    fn qs_and_chinese_university_headers_find_name_rank_and_total() {
        let qs = roles(
            &[
                "2024 RANK",
                "2023 RANK",
                "Institution Name",
                "Location",
                "AR SCORE",
                "Overall SCORE",
            ],
            &[&[
                "1",
                "1",
                "Massachusetts Institute of Technology (MIT)",
                "United States",
                "100",
                "100",
            ]],
        );
        assert_eq!(qs[2], Role::Name);
        assert_eq!(qs[3], Role::Province);
        assert_eq!(qs[4], capacity("AR SCORE"));
        assert_eq!(qs[5], Role::Total);
        assert_eq!(qs[0], Role::Rank);
        let chinese = roles(
            &["名次", "学校名称", "省市", "总分", "办学层次"],
            &[
                &["1", "清华大学", "北京", "969.2", "中国顶尖大学"],
                &["2", "北京大学", "北京", "937.7", "中国顶尖大学"],
            ],
        );
        assert_eq!(
            chinese[..4],
            [Role::Rank, Role::Name, Role::Province, Role::Total]
        );
        let previous = roles(
            &["排名", "上年排名", "城市名称", "综合得分"],
            &[&["1", "2", "深圳", "88.1"], &["2", "1", "上海", "87.9"]],
        );
        assert_eq!(
            previous,
            vec![Role::Rank, Role::Ignore, Role::Name, Role::Total],
            "a previous rank is neither the rank nor a score"
        );
    }

    #[test]
    fn the_column_that_falls_as_the_rank_rises_is_the_total() {
        let hdi = roles(
            &[
                "HDI Rank",
                "Country",
                "Human Development Index (HDI)",
                "Life Expectancy at Birth",
                "Gross National Income (GNI) per Capita",
            ],
            &[
                &["1", "Norway", "0.944", "81.6", "64,992"],
                &["2", "Australia", "0.935", "82.4", "42,261"],
                &["3", "Switzerland", "0.93", "83", "56,431"],
                &["4", "Denmark", "0.923", "80.2", "44,025"],
                &["", "World", "0.711", "71.5", "14,301"],
            ],
        );
        assert_eq!(hdi[2], Role::Total);
        assert_eq!(
            hdi[3],
            capacity("Life Expectancy at Birth"),
            "not in rank order"
        );
    }

    #[test]
    fn each_detected_role_comes_with_its_reason() {
        let sample: Vec<Vec<String>> = vec![
            strings(&["1", "Norway", "0.944", "81.6", "Europe"]),
            strings(&["2", "Australia", "0.935", "82.4", "Oceania"]),
            strings(&["3", "Switzerland", "0.93", "83", "Europe"]),
        ];
        let mapping = detect(
            &strings(&[
                "HDI Rank",
                "Country",
                "Human Development Index (HDI)",
                "Life",
                "Note",
            ]),
            &sample,
        );
        let lines = mapping.explained();
        assert_eq!(
            lines[0],
            "\"HDI Rank\" → rank: its header's words (hdi rank) point to the rank (0.67)"
        );
        assert_eq!(
            lines[1],
            "\"Country\" → name: no header names the entities, and its values are text, unique within each year"
        );
        assert_eq!(
            lines[2],
            "\"Human Development Index (HDI)\" → total: no header names the total, and its values fall as the rank rises (100 % of pairs of rows)"
        );
        assert_eq!(
            lines[3],
            "\"Life\" → capacity \"Life\": most of its values are numbers: a component score"
        );
        assert_eq!(
            lines[4],
            "\"Note\" → ignore: text that no role's words name"
        );
        assert_eq!(
            mapping.reason_of("Life"),
            Some("most of its values are numbers: a component score")
        );
        let read: Mapping = serde_json::from_str(&mapping.to_json()).expect("parses");
        assert_eq!(read, mapping, "equal whatever the reasons");
        assert!(read.reasons.is_empty(), "reasons are not saved");
    }

    #[test]
    fn countries_ranked_as_entities_are_the_name() {
        let happiness = roles(
            &[
                "Country",
                "Region",
                "Happiness Rank",
                "Happiness Score",
                "Family",
            ],
            &[
                &["Switzerland", "Western Europe", "1", "7.587", "1.34951"],
                &["Iceland", "Western Europe", "2", "7.561", "1.40223"],
                &["Denmark", "Western Europe", "3", "7.527", "1.36058"],
            ],
        );
        assert_eq!(
            happiness,
            vec![
                Role::Name,
                Role::Province,
                Role::Rank,
                Role::Total,
                capacity("Family")
            ]
        );
        let universities = roles(
            &["Rank", "Institution", "Country", "Score"],
            &[
                &["1", "Harvard", "USA", "100"],
                &["2", "Stanford", "USA", "98.7"],
            ],
        );
        assert_eq!(universities[2], Role::Province, "countries repeat: a group");
    }

    #[test]
    fn a_sheet_wide_by_year_tags_its_columns_with_years() {
        assert_eq!(split_year("总分2022"), ("总分".into(), Some(2022)));
        assert_eq!(split_year("teaching_2023"), ("teaching".into(), Some(2023)));
        assert_eq!(split_year("排名（2021年"), ("排名".into(), Some(2021)));
        assert_eq!(split_year("2023"), ("2023".into(), None));
        assert_eq!(split_year("QS100"), ("QS100".into(), None));
        assert_eq!(split_year("2024 RANK"), ("RANK".into(), Some(2024)));
        assert_eq!(split_year("排名（2023）"), ("排名".into(), Some(2023)));
        assert_eq!(split_year("2023年排名"), ("排名".into(), Some(2023)));
        let headers = strings(&[
            "科技城",
            "排名2022",
            "总分2022",
            "创新2022",
            "排名2023",
            "总分2023",
            "创新2023",
        ]);
        let sample = vec![strings(&["甲城", "1", "90", "88", "2", "89", "87"])];
        let mapping = detect(&headers, &sample);
        let roles: Vec<(&Role, Option<i32>)> =
            mapping.columns.iter().map(|c| (&c.role, c.year)).collect();
        assert_eq!(roles[1], (&Role::Rank, Some(2022)));
        assert_eq!(roles[4], (&Role::Rank, Some(2023)));
        assert_eq!(
            roles[6],
            (
                &Role::Capacity {
                    id: "创新".into()
                },
                Some(2023)
            ),
            "one capacity across years"
        );
    }

    #[test]
    fn capacity_slash_indicator_headers_are_indicators_under_that_capacity() {
        let headers = strings(&["name", "innovation", "innovation/patents", "R&D/GDP"]);
        let sample = vec![strings(&["North", "80", "12", "2.5"])];
        let roles: Vec<Role> = detect(&headers, &sample)
            .columns
            .into_iter()
            .map(|c| c.role)
            .collect();
        assert_eq!(
            roles[2],
            Role::Indicator {
                id: "patents".into(),
                capacity: "innovation".into()
            }
        );
        assert_eq!(
            roles[3],
            Role::Capacity {
                id: "R&D/GDP".into()
            },
            "no capacity column is named R&D"
        );
    }

    #[test]
    fn a_mapping_round_trips_as_json() {
        let mapping = Mapping {
            reasons: Vec::new(),
            columns: vec![
                ColumnRole {
                    header: "科技城".into(),
                    role: Role::Name,
                    year: None,
                },
                ColumnRole {
                    header: "专利2023".into(),
                    role: Role::Indicator {
                        id: "patents".into(),
                        capacity: "innovation".into(),
                    },
                    year: Some(2023),
                },
            ],
        };
        let json = mapping.to_json();
        assert!(json.contains("\"role\": \"indicator\""), "{json}");
        assert_eq!(
            serde_json::from_str::<Mapping>(&json).expect("parses"),
            mapping
        );
    }
}
