//! The sample's capacities and 31 illustrative indicators (CCID's own indicator names are not public).

use crate::model::Direction;

/// A capacity of the sample: id, English label, Chinese label, weight in the total.
pub const CAPACITIES: [(&str, &str, &str, f64); 4] = [
    (
        "infrastructure",
        "Infrastructure capacity",
        "基础建设能力",
        0.25,
    ),
    (
        "innovation",
        "Technological innovation capacity",
        "科技创新能力",
        0.35,
    ),
    ("carrying", "Urban carrying capacity", "城市承载能力", 0.2),
    ("support", "Supporting capability", "要素保障能力", 0.2),
];

/// An indicator of the sample and how its synthetic values are spread.
pub struct IndicatorSpec {
    pub id: &'static str,
    /// Index into [`CAPACITIES`].
    pub capacity: usize,
    pub zh: &'static str,
    pub en: &'static str,
    pub unit: &'static str,
    pub direction: Direction,
    /// Typical value and spread across the cohort.
    pub mean: f64,
    pub spread: f64,
    /// Decimals the values are rounded to.
    pub decimals: i32,
}

const fn spec(
    id: &'static str,
    capacity: usize,
    zh: &'static str,
    en: &'static str,
    unit: &'static str,
    direction: Direction,
    (mean, spread, decimals): (f64, f64, i32),
) -> IndicatorSpec {
    IndicatorSpec {
        id,
        capacity,
        zh,
        en,
        unit,
        direction,
        mean,
        spread,
        decimals,
    }
}

use Direction::{HigherIsBetter as Up, LowerIsBetter as Down};

/// The 31 indicators: 7 infrastructure, 10 innovation, 8 carrying, 6 support.
#[rustfmt::skip]
pub const INDICATORS: [IndicatorSpec; 31] = [
    spec("infra-gigabit", 0, "千兆宽带覆盖率", "Gigabit broadband coverage", "%", Up, (78.0, 12.0, 1)),
    spec("infra-5g", 0, "每万人5G基站数", "5G base stations per 10,000 residents", "个", Up, (24.0, 8.0, 1)),
    spec("infra-computing", 0, "数据中心算力规模", "Data-centre computing capacity", "PFLOPS", Up, (310.0, 160.0, 0)),
    spec("infra-rail", 0, "轨道交通站点密度", "Rail transit station density", "个/km²", Up, (0.42, 0.18, 2)),
    spec("infra-facilities", 0, "重大科技基础设施数量", "Major science facilities", "个", Up, (4.0, 3.0, 0)),
    spec("infra-incubators", 0, "孵化器与众创空间数量", "Incubators and maker spaces", "个", Up, (46.0, 22.0, 0)),
    spec("infra-investment", 0, "单位面积固定资产投资", "Fixed-asset investment per km²", "亿元/km²", Up, (9.5, 4.0, 2)),
    spec("inno-rd-intensity", 1, "研发经费投入强度", "R&D expenditure intensity", "%", Up, (4.2, 1.6, 2)),
    spec("inno-rd-staff", 1, "每万人研发人员数", "R&D personnel per 10,000 residents", "人", Up, (210.0, 90.0, 0)),
    spec("inno-patents", 1, "每万人发明专利拥有量", "Invention patents per 10,000 residents", "件", Up, (68.0, 35.0, 1)),
    spec("inno-hightech", 1, "高新技术企业数量", "High-tech enterprises", "家", Up, (1450.0, 700.0, 0)),
    spec("inno-unicorns", 1, "独角兽与瞪羚企业数量", "Unicorn and gazelle companies", "家", Up, (38.0, 20.0, 0)),
    spec("inno-papers", 1, "高水平论文发表数", "High-impact papers", "篇", Up, (2600.0, 1500.0, 0)),
    spec("inno-contracts", 1, "技术合同成交额", "Technology contract turnover", "亿元", Up, (180.0, 110.0, 1)),
    spec("inno-platforms", 1, "国家级研发平台数量", "National R&D platforms", "个", Up, (21.0, 12.0, 0)),
    spec("inno-talent", 1, "高层次人才数量", "High-level talents", "人", Up, (820.0, 450.0, 0)),
    spec("inno-new-products", 1, "新产品销售收入占比", "Share of new-product sales", "%", Up, (31.0, 9.0, 1)),
    spec("carry-gdp-density", 2, "地均GDP", "GDP per km²", "亿元/km²", Up, (28.0, 12.0, 1)),
    spec("carry-population", 2, "常住人口", "Resident population", "万人", Up, (62.0, 30.0, 1)),
    spec("carry-housing", 2, "房价收入比", "House price to income ratio", "倍", Down, (11.5, 4.0, 1)),
    spec("carry-green", 2, "建成区绿化覆盖率", "Green coverage of built-up area", "%", Up, (42.0, 4.0, 1)),
    spec("carry-air", 2, "空气质量优良天数比例", "Share of days with good air quality", "%", Up, (85.0, 7.0, 1)),
    spec("carry-commute", 2, "平均通勤时间", "Average commute time", "分钟", Down, (36.0, 6.0, 1)),
    spec("carry-schools", 2, "每万人中小学数量", "Schools per 10,000 residents", "所", Up, (1.6, 0.4, 2)),
    spec("carry-hospital-beds", 2, "每千人医疗床位数", "Hospital beds per 1,000 residents", "张", Up, (6.1, 1.5, 1)),
    spec("sup-venture", 3, "风险投资金额", "Venture capital invested", "亿元", Up, (95.0, 60.0, 1)),
    spec("sup-public-science", 3, "财政科技支出占比", "Share of public spending on science", "%", Up, (7.5, 3.0, 2)),
    spec("sup-tech-loans", 3, "科技信贷余额", "Outstanding technology loans", "亿元", Up, (260.0, 140.0, 1)),
    spec("sup-policies", 3, "科技政策数量", "Science and technology policies", "项", Up, (34.0, 14.0, 0)),
    spec("sup-institutes", 3, "高校与科研院所数量", "Universities and research institutes", "所", Up, (12.0, 7.0, 0)),
    spec("sup-land-price", 3, "工业用地价格", "Industrial land price", "元/m²", Down, (820.0, 300.0, 0)),
];

impl IndicatorSpec {
    /// The indicator's value for a standardised position `z` of its capacity (higher is a
    /// stronger entity), turned round when lower is better, rounded to the indicator's decimals.
    #[must_use]
    pub fn value_at(&self, z: f64) -> f64 {
        self.value_at_places(z, self.decimals)
    }

    /// [`Self::value_at`] rounded to `decimals` places instead of the indicator's own.
    #[must_use]
    pub fn value_at_places(&self, z: f64, decimals: i32) -> f64 {
        let z = if self.direction == Direction::LowerIsBetter {
            -z
        } else {
            z
        };
        round((self.mean + self.spread * z * 0.5).max(0.0), decimals)
    }
}

/// `value` rounded to `decimals` places.
#[must_use]
pub fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}
