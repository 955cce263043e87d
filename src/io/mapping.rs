//! Column mapping: which column of a spreadsheet is the entity's name, the year, the rank, the
//! total, a capacity or an indicator. Detected from header names in English and Chinese; saved
//! and read as JSON (`--mapping map.json`).

use serde::{Deserialize, Serialize};

use super::values::{is_missing, parse_number};

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

/// Splits a trailing year off a header: "总分2022" → ("总分", 2022), `teaching_2023` →
/// ("teaching", 2023). Headers that are only a year, or carry none, are left whole.
#[must_use]
pub fn split_year(header: &str) -> (String, Option<i32>) {
    let trimmed = header.trim().trim_end_matches('年');
    let digits: String = trimmed
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let base = trimmed[..trimmed.len() - digits.len()]
        .trim_end_matches([' ', '_', '-', '(', '（', '.'])
        .trim();
    match digits.parse::<i32>() {
        Ok(year) if digits.len() == 4 && (1900..=2099).contains(&year) && !base.is_empty() => {
            (base.to_owned(), Some(year))
        }
        _ => (header.trim().to_owned(), None),
    }
}

/// The roles of a file's columns, in the file's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub columns: Vec<ColumnRole>,
}

/// Header words for each fixed role (compared lower-cased, without spaces, `_` or `-`).
const NAME_WORDS: [&str; 10] = [
    "name",
    "名称",
    "城市",
    "科技城",
    "科学城",
    "university",
    "institution",
    "entity",
    "city",
    "高新区",
];
const ID_WORDS: [&str; 4] = ["id", "代码", "code", "编号"];
const YEAR_WORDS: [&str; 3] = ["year", "年份", "年度"];
const RANK_WORDS: [&str; 7] = [
    "rank",
    "排名",
    "名次",
    "worldrank",
    "ranking",
    "位次",
    "排序",
];
const PROVINCE_WORDS: [&str; 7] = [
    "province",
    "省份",
    "地区",
    "country",
    "省",
    "region",
    "所在省份",
];
const TOTAL_WORDS: [&str; 8] = [
    "total",
    "总分",
    "综合得分",
    "totalscore",
    "overall",
    "score",
    "综合",
    "得分",
];

fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .collect()
}

/// Detects the roles of `headers` from their names; a column no name fits becomes a capacity when
/// most of its values in `sample` are numbers, else it is ignored. Each fixed role goes to the
/// first column that fits it.
#[must_use]
pub fn detect(headers: &[String], sample: &[Vec<String>]) -> Mapping {
    let mut taken: Vec<&'static str> = Vec::new();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let (base, year) = split_year(header);
            let key = normalise(&base);
            let fits = |words: &[&str]| words.iter().any(|w| key == *w);
            let fixed = [
                ("name", fits(&NAME_WORDS), Role::Name),
                ("id", fits(&ID_WORDS), Role::Id),
                ("year", fits(&YEAR_WORDS), Role::Year),
                ("rank", fits(&RANK_WORDS), Role::Rank),
                ("province", fits(&PROVINCE_WORDS), Role::Province),
                ("total", fits(&TOTAL_WORDS), Role::Total),
            ]
            .into_iter()
            // Year-tagged columns may repeat a role, once per year.
            .find(|(name, fits, _)| *fits && (year.is_some() || !taken.contains(name)));
            let role = match fixed {
                Some((name, _, role)) => {
                    taken.push(name);
                    role
                }
                None if mostly_numbers(sample.iter().filter_map(|row| row.get(index)))
                    && !key.is_empty() =>
                {
                    Role::Capacity { id: base.clone() }
                }
                None => Role::Ignore,
            };
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
    Mapping {
        columns: indicators_under_capacities(columns),
    }
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

    #[test]
    fn a_sheet_wide_by_year_tags_its_columns_with_years() {
        assert_eq!(split_year("总分2022"), ("总分".into(), Some(2022)));
        assert_eq!(split_year("teaching_2023"), ("teaching".into(), Some(2023)));
        assert_eq!(split_year("排名（2021年"), ("排名".into(), Some(2021)));
        assert_eq!(split_year("2023"), ("2023".into(), None));
        assert_eq!(split_year("QS100"), ("QS100".into(), None));
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
