//! What a column's header says of its role: the header split into words (case, `_`, spaces,
//! brackets, a year before or after), and the words each role is known by in English and Chinese,
//! with how strongly each one points to it. One table, tested by itself; `mapping` weighs it.

/// The roles a header can point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderRole {
    Name,
    Id,
    Year,
    Rank,
    Total,
    /// A group the entities belong to: a province, region or country.
    Group,
    /// A rank of another year or a rank change ("previous rank", "上年排名", "rank change"):
    /// never the rank, never a score.
    OtherRank,
}

impl HeaderRole {
    /// Every role, in the order [`Scores`] holds them.
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::Id,
        Self::Year,
        Self::Rank,
        Self::Total,
        Self::Group,
        Self::OtherRank,
    ];

    fn index(self) -> usize {
        Self::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// Words and how strongly each points to a role (1 = certain). English words are compared
/// whole with the header's words, lower-cased; Chinese ones are found inside the header.
const WORDS: &[(HeaderRole, &str, f32)] = &[
    (HeaderRole::Name, "name", 0.9),
    (HeaderRole::Name, "names", 0.9),
    (HeaderRole::Name, "institution", 0.9),
    (HeaderRole::Name, "university", 0.9),
    (HeaderRole::Name, "school", 0.8),
    (HeaderRole::Name, "college", 0.8),
    (HeaderRole::Name, "entity", 0.8),
    (HeaderRole::Name, "city", 0.7),
    (HeaderRole::Name, "company", 0.8),
    (HeaderRole::Name, "organisation", 0.8),
    (HeaderRole::Name, "organization", 0.8),
    (HeaderRole::Name, "team", 0.7),
    (HeaderRole::Name, "player", 0.7),
    (HeaderRole::Name, "country", 0.55),
    (HeaderRole::Name, "economy", 0.6),
    (HeaderRole::Name, "名称", 1.0),
    (HeaderRole::Name, "名字", 0.9),
    (HeaderRole::Name, "学校", 0.9),
    (HeaderRole::Name, "高校", 0.9),
    (HeaderRole::Name, "院校", 0.9),
    (HeaderRole::Name, "大学", 0.8),
    (HeaderRole::Name, "机构", 0.8),
    (HeaderRole::Name, "单位", 0.7),
    (HeaderRole::Name, "城市", 0.8),
    (HeaderRole::Name, "科技城", 0.9),
    (HeaderRole::Name, "科学城", 0.9),
    (HeaderRole::Name, "高新区", 0.8),
    (HeaderRole::Name, "企业", 0.8),
    (HeaderRole::Name, "公司", 0.8),
    (HeaderRole::Name, "国家", 0.55),
    (HeaderRole::Id, "id", 0.9),
    (HeaderRole::Id, "code", 0.7),
    (HeaderRole::Id, "代码", 0.9),
    (HeaderRole::Id, "编号", 0.8),
    (HeaderRole::Id, "编码", 0.8),
    (HeaderRole::Year, "year", 0.95),
    (HeaderRole::Year, "years", 0.8),
    (HeaderRole::Year, "edition", 0.6),
    (HeaderRole::Year, "date", 0.9),
    (HeaderRole::Year, "release", 0.7),
    (HeaderRole::Year, "period", 0.8),
    (HeaderRole::Year, "年份", 1.0),
    (HeaderRole::Year, "日期", 1.0),
    (HeaderRole::Year, "年度", 1.0),
    (HeaderRole::Rank, "rank", 0.95),
    (HeaderRole::Rank, "ranking", 0.9),
    (HeaderRole::Rank, "worldrank", 0.95),
    (HeaderRole::Rank, "position", 0.6),
    (HeaderRole::Rank, "place", 0.5),
    (HeaderRole::Rank, "排名", 1.0),
    (HeaderRole::Rank, "名次", 1.0),
    (HeaderRole::Rank, "位次", 0.9),
    (HeaderRole::Rank, "排序", 0.8),
    (HeaderRole::Rank, "排位", 0.9),
    (HeaderRole::Total, "total", 0.9),
    (HeaderRole::Total, "overall", 0.85),
    (HeaderRole::Total, "score", 0.7),
    (HeaderRole::Total, "scores", 0.6),
    (HeaderRole::Total, "totalscore", 0.95),
    (HeaderRole::Total, "points", 0.6),
    (HeaderRole::Total, "index", 0.55),
    (HeaderRole::Total, "总分", 1.0),
    (HeaderRole::Total, "综合得分", 1.0),
    (HeaderRole::Total, "总得分", 1.0),
    (HeaderRole::Total, "综合评分", 1.0),
    (HeaderRole::Total, "得分", 0.8),
    (HeaderRole::Total, "分数", 0.8),
    (HeaderRole::Total, "评分", 0.7),
    (HeaderRole::Total, "综合", 0.7),
    (HeaderRole::Total, "总计", 0.8),
    (HeaderRole::Total, "指数", 0.55),
    (HeaderRole::Group, "province", 0.9),
    (HeaderRole::Group, "state", 0.6),
    (HeaderRole::Group, "region", 0.8),
    (HeaderRole::Group, "country", 0.6),
    (HeaderRole::Group, "location", 0.6),
    (HeaderRole::Group, "continent", 0.6),
    (HeaderRole::Group, "省份", 1.0),
    (HeaderRole::Group, "省", 0.8),
    (HeaderRole::Group, "地区", 0.9),
    (HeaderRole::Group, "区域", 0.8),
    (HeaderRole::Group, "国家", 0.6),
    (HeaderRole::Group, "所在地", 0.8),
    (HeaderRole::Group, "所在", 0.5),
];

/// Words that turn a rank into another ranking's (another year's, a country's own) or a change
/// of rank.
const OTHER_RANK_WORDS: &[&str] = &[
    "previous",
    "prev",
    "prior",
    "last",
    "change",
    "movement",
    "minus",
    "difference",
    "diff",
    "national",
    "domestic",
    "regional",
    "上年",
    "去年",
    "上期",
    "上一年",
    "前一年",
    "变化",
    "升降",
    "变动",
    "国内",
    "省内",
];

/// Words of a figure published beside a ranking that is not a score component: counts, ratios,
/// populations, intervals, earlier figures. English words are compared whole; Chinese ones are
/// found inside a word.
const EXTRA_WORDS: &[&str] = &[
    "population",
    "students",
    "student",
    "staff",
    "ratio",
    "num",
    "count",
    "employees",
    "employee",
    "headcount",
    "zip",
    "postcode",
    "error",
    "whisker",
    "confidence",
    "interval",
    "lower",
    "upper",
    "previous",
    "prev",
    "founded",
    "latitude",
    "longitude",
    "人口",
    "面积",
    "人数",
    "学生",
    "员工",
    "职工",
    "邮编",
    "上年",
    "去年",
];

/// Words that make a header a score whatever else it says (`industry_income_score`).
const SCORE_WORDS: &[&str] = &[
    "score", "scores", "weighted", "pillar", "index", "得分", "评分", "分数", "指数", "能力",
];

/// The words of `header` that name a figure beside the ranking rather than a score component
/// (`num_students`, `常住人口`, `Lower Confidence Interval`, `previous_points`); empty when
/// there are none or a score word is among them.
#[must_use]
pub fn extra_words(header: &str) -> Vec<String> {
    let words = header_words(header).words;
    let matches = |list: &[&str], word: &str| {
        list.iter()
            .any(|w| word == *w || (word.chars().any(is_cjk) && word.contains(w)))
    };
    if words.iter().any(|w| matches(SCORE_WORDS, w)) {
        return Vec::new();
    }
    words
        .into_iter()
        .filter(|w| matches(EXTRA_WORDS, w))
        .collect()
}

/// Words of a component score ("城市承载能力"): a name or group word inside counts half.
const COMPONENT_WORDS: &[&str] = &["能力", "水平", "指标", "capacity", "pillar"];

/// Words that carry no role ("Name of institution").
const STOP_WORDS: &[&str] = &["of", "the", "and", "in", "a", "s"];

/// A header split into its words, with the year it carries, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderWords {
    /// Lower-cased words of letters and digits; runs of Chinese characters are one word each.
    pub words: Vec<String>,
    /// A year (1900–2099) before or after the words: `2024 RANK`, `排名（2023）`, `2023年排名`.
    pub year: Option<i32>,
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn as_year(word: &str) -> Option<i32> {
    let digits = word.strip_suffix('年').unwrap_or(word);
    let year: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1900..=2099).contains(&year)).then_some(year)
}

/// Splits `header` into words: at spaces, `_`, `-`, `/`, `.`, brackets and other punctuation,
/// at a change from lower to upper case (`worldRank`), between letters and Chinese characters
/// and between digits and either. A four-digit year (with or without 年) as the first or last
/// word is taken out as the header's year.
#[must_use]
pub fn header_words(header: &str) -> HeaderWords {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Latin,
        Digit,
        Cjk,
    }
    let kind = |c: char| {
        if is_cjk(c) {
            Some(Kind::Cjk)
        } else if c.is_ascii_digit() {
            Some(Kind::Digit)
        } else if c.is_alphabetic() {
            Some(Kind::Latin)
        } else {
            None
        }
    };
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last: Option<(Kind, char)> = None;
    for c in header.chars() {
        let Some(k) = kind(c) else {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            last = None;
            continue;
        };
        let split = match last {
            None => false,
            // 2023年: the 年 stays with its year.
            Some((Kind::Digit, _)) if c == '年' => false,
            // …and the year ends there: "2023年排名".
            Some((_, '年')) if current.starts_with(|d: char| d.is_ascii_digit()) => true,
            Some((lk, lc)) => lk != k || (lc.is_lowercase() && c.is_uppercase()),
        };
        if split && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
        last = Some((k, c));
    }
    if !current.is_empty() {
        words.push(current);
    }
    // "2023年排名" splits as "2023年", "排名"; a lone 年 after a year is part of it.
    let mut year = None;
    if words.len() > 1 {
        if let Some(y) = words.last().and_then(|w| as_year(w)) {
            year = Some(y);
            words.pop();
        } else if let Some(y) = words.first().and_then(|w| as_year(w)) {
            year = Some(y);
            words.remove(0);
        }
    }
    words.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    HeaderWords { words, year }
}

/// How strongly a header points to each role, in [`HeaderRole::ALL`]'s order, 0 to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores([f32; 7]);

impl Scores {
    /// The score for `role`.
    #[must_use]
    pub fn of(&self, role: HeaderRole) -> f32 {
        self.0[role.index()]
    }

    /// The role scored highest and its score, the first of equal ones.
    #[must_use]
    pub fn best(&self) -> (HeaderRole, f32) {
        HeaderRole::ALL.iter().map(|&r| (r, self.of(r))).fold(
            (HeaderRole::Name, 0.0),
            |best, next| {
                if next.1 > best.1 { next } else { best }
            },
        )
    }
}

/// Scores `words` for every role. For each role: its strongest matching word, plus 0.1 for each
/// further one, times the share of the header's words it covers (square-rooted; a Chinese word
/// counts by its characters): `Total Score` is all total, `AR SCORE` half. A rank word with a word of another year or of change scores as
/// [`HeaderRole::OtherRank`] instead of a rank.
#[must_use]
pub fn score_words(words: &HeaderWords) -> Scores {
    let mut scores = [0.0_f32; 7];
    if words.words.is_empty() {
        return Scores(scores);
    }
    for role in HeaderRole::ALL {
        let mut best = 0.0_f32;
        let mut matches = 0_u8;
        // The share of each word some synonym covers (a Chinese word in part), summed.
        let mut covered = 0.0_f32;
        for word in &words.words {
            let chars: Vec<char> = word.chars().collect();
            let cjk = chars.iter().any(|&c| is_cjk(c));
            let mut word_best = 0.0_f32;
            let mut hit = vec![false; chars.len()];
            for &(_, synonym, weight) in WORDS.iter().filter(|(r, ..)| *r == role) {
                if cjk {
                    let syn: Vec<char> = synonym.chars().collect();
                    for start in 0..(chars.len() + 1).saturating_sub(syn.len()) {
                        if chars[start..start + syn.len()] == syn[..] {
                            word_best = word_best.max(weight);
                            hit[start..start + syn.len()].fill(true);
                        }
                    }
                } else if word == synonym {
                    word_best = word_best.max(weight);
                    hit.fill(true);
                }
            }
            if word_best > 0.0 {
                matches = matches.saturating_add(1);
                best = best.max(word_best);
                #[expect(clippy::cast_precision_loss, reason = "header lengths are small")]
                let share = hit.iter().filter(|h| **h).count() as f32 / chars.len() as f32;
                covered += share;
            }
        }
        if matches == 0 {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "header lengths are small")]
        let coverage = (covered / words.words.len() as f32).sqrt();
        let bonus = 0.1 * f32::from(matches - 1);
        scores[role.index()] = ((best + bonus).min(1.0) * coverage).min(1.0);
    }
    let has = |list: &[&str]| {
        words.words.iter().any(|w| {
            list.iter()
                .any(|o| w == o || (w.chars().any(is_cjk) && w.contains(o)))
        })
    };
    // "country_code" is the code of the entity's country, not the entity's own id.
    if scores[HeaderRole::Group.index()] > 0.0 {
        scores[HeaderRole::Id.index()] *= 0.5;
    }
    // "城市承载能力" is a capacity, not a city's name.
    if has(COMPONENT_WORDS) {
        for role in [HeaderRole::Name, HeaderRole::Group, HeaderRole::Id] {
            scores[role.index()] *= 0.5;
        }
    }
    let rank = HeaderRole::Rank.index();
    // "rank_date" is when the ranking was published, not a rank.
    if has(&["date", "日期"]) {
        scores[rank] = 0.0;
        scores[HeaderRole::Total.index()] = 0.0;
    }
    if has(OTHER_RANK_WORDS) && scores[rank] > 0.0 {
        scores[HeaderRole::OtherRank.index()] = scores[rank].max(0.9);
        scores[rank] = 0.0;
    }
    Scores(scores)
}

/// Scores a header for every role ([`header_words`], then [`score_words`]).
#[must_use]
pub fn score_header(header: &str) -> Scores {
    score_words(&header_words(header))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(header: &str) -> (Vec<&'static str>, Option<i32>) {
        let split = header_words(header);
        (
            split
                .words
                .into_iter()
                .map(|w| &*Box::leak(w.into_boxed_str()))
                .collect(),
            split.year,
        )
    }

    #[test]
    fn figures_beside_the_ranking_are_named_by_their_words_unless_they_are_scores() {
        assert_eq!(extra_words("num_students"), ["num", "students"]);
        assert_eq!(
            extra_words("stats_student_staff_ratio"),
            ["student", "staff", "ratio"]
        );
        assert_eq!(extra_words("常住人口（万人）"), ["常住人口"]);
        assert_eq!(
            extra_words("Lower Confidence Interval"),
            ["lower", "confidence", "interval"]
        );
        assert_eq!(extra_words("previous_points"), ["previous"]);
        assert!(extra_words("scores_industry_income").is_empty());
        assert!(extra_words("international_outlook_score").is_empty());
        assert!(extra_words("Economy (GDP per Capita)").is_empty());
        assert!(extra_words("城市承载能力").is_empty());
        assert!(extra_words("teaching").is_empty());
    }

    #[test]
    fn headers_split_into_words_and_a_year() {
        assert_eq!(words("university_name"), (vec!["university", "name"], None));
        assert_eq!(
            words("Institution Name"),
            (vec!["institution", "name"], None)
        );
        assert_eq!(
            words("Name of institution"),
            (vec!["name", "institution"], None)
        );
        assert_eq!(words("worldRank"), (vec!["world", "rank"], None));
        assert_eq!(words("2024 RANK"), (vec!["rank"], Some(2024)));
        assert_eq!(words("排名（2023）"), (vec!["排名"], Some(2023)));
        assert_eq!(words("2023年排名"), (vec!["排名"], Some(2023)));
        assert_eq!(words("总分2022"), (vec!["总分"], Some(2022)));
        assert_eq!(words("teaching_2023"), (vec!["teaching"], Some(2023)));
        assert_eq!(
            words("2023"),
            (vec!["2023"], None),
            "a year alone is a header"
        );
        assert_eq!(words("QS100"), (vec!["qs", "100"], None));
        assert_eq!(words("学校名称"), (vec!["学校名称"], None));
    }

    fn best(header: &str) -> (HeaderRole, f32) {
        score_header(header).best()
    }

    #[test]
    fn real_name_headers_point_to_the_name() {
        for header in [
            "university_name",
            "Institution Name",
            "Name of institution",
            "学校名称",
            "学校名字",
            "城市名称",
            "单位名称",
            "机构",
            "科技城",
            "University",
            "name",
            "Country name",
        ] {
            let (role, score) = best(header);
            assert_eq!(role, HeaderRole::Name, "{header}");
            assert!(score >= 0.7, "{header}: {score}");
        }
    }

    #[test]
    fn totals_ranks_years_and_groups_are_told_apart() {
        for (header, role) in [
            ("Overall Score", HeaderRole::Total),
            ("Total Score", HeaderRole::Total),
            ("total_score", HeaderRole::Total),
            ("总得分", HeaderRole::Total),
            ("综合得分", HeaderRole::Total),
            ("score", HeaderRole::Total),
            ("2024 RANK", HeaderRole::Rank),
            ("排名（2023）", HeaderRole::Rank),
            ("world_rank", HeaderRole::Rank),
            ("Rank", HeaderRole::Rank),
            ("名次", HeaderRole::Rank),
            ("Year", HeaderRole::Year),
            ("年份", HeaderRole::Year),
            ("Province", HeaderRole::Group),
            ("所在省份", HeaderRole::Group),
            ("Region", HeaderRole::Group),
            ("Country", HeaderRole::Group),
            ("Previous Rank", HeaderRole::OtherRank),
            ("上年排名", HeaderRole::OtherRank),
            ("rank change", HeaderRole::OtherRank),
            ("national_rank", HeaderRole::OtherRank),
            ("GNI per Capita Rank Minus HDI Rank", HeaderRole::OtherRank),
            ("HDI Rank", HeaderRole::Rank),
            ("code", HeaderRole::Id),
        ] {
            assert_eq!(best(header).0, role, "{header}");
        }
    }

    #[test]
    fn a_pillar_that_mentions_a_score_is_a_weak_total() {
        let pillar = score_header("AR SCORE").of(HeaderRole::Total);
        let total = score_header("Overall SCORE").of(HeaderRole::Total);
        assert!(pillar < 0.55, "{pillar}");
        assert!(total > 0.85, "{total}");
        assert!(
            score_header("Teaching").best().1.abs() < f32::EPSILON,
            "no role"
        );
        assert!(score_header("科技创新能力").best().1.abs() < f32::EPSILON);
        assert!(
            score_header("城市承载能力").best().1 < 0.45,
            "a capacity that mentions cities"
        );
    }
}
