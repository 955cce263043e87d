//! The uncertainty analysis written out: CSV (UTF-8 with BOM, for Excel) with one row per entity
//! in official order, and JSON with the parameters, the method's facts and the same rows.

use crate::model::audit::{
    AuditResult, AuditRow, Coherence, CoherenceFlag, Component, Sensitivity, SobolIndex,
};
use crate::model::{Dataset, NameStyle};
use crate::strings::Strings;

use super::cells::{csv_field_as, number};

fn count(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The result as CSV: Official rank, Name, Province, Nominal rank, Median, 5th and 95th
/// percentile rank, Mean rank, Share in top 10, Share in top N. Cells that start like a formula
/// get a leading `'` unless `keep_formulas`.
#[must_use]
pub fn audit_csv(
    s: &Strings,
    data: &Dataset,
    result: &AuditResult,
    names: NameStyle,
    keep_formulas: bool,
) -> String {
    let header = [
        s.col_official_rank.to_owned(),
        s.col_name.to_owned(),
        s.col_province.to_owned(),
        s.col_nominal_rank.to_owned(),
        s.col_median_rank.to_owned(),
        s.col_p5_rank.to_owned(),
        s.col_p95_rank.to_owned(),
        s.col_mean_rank.to_owned(),
        s.col_top10_share.to_owned(),
        s.col_top_n_share
            .replace("{n}", &result.params.top_n.to_string()),
    ];
    let mut out = String::from('\u{feff}');
    let mut line = |cells: &[String]| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| csv_field_as(c, keep_formulas))
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&header);
    for row in &result.rows {
        let entity = data.entities.get(row.entity);
        line(&[
            row.official.to_string(),
            entity.map(|e| e.name(names)).unwrap_or_default(),
            entity.map(|e| e.province(names)).unwrap_or_default(),
            count(row.nominal),
            count(row.median),
            count(row.p5),
            count(row.p95),
            number(row.mean),
            format!("{:.4}", row.top10),
            format!("{:.4}", row.top_n),
        ]);
    }
    out
}

fn row_json(data: &Dataset, row: &AuditRow, names: NameStyle) -> serde_json::Value {
    let entity = data.entities.get(row.entity);
    serde_json::json!({
        "id": entity.map(|e| e.id.clone()),
        "name": entity.map(|e| e.name(names)),
        "official_rank": row.official.to_string(),
        "nominal_rank": row.nominal,
        "median_rank": row.median,
        "p5_rank": row.p5,
        "p95_rank": row.p95,
        "mean_rank": row.mean,
        "top10_share": row.top10,
        "top_n_share": row.top_n,
    })
}

/// A component's id: the capacity's or indicator's id, or `total`.
fn component_id(data: &Dataset, component: Component) -> String {
    match component {
        Component::Capacity(c) => data
            .meta
            .capacities
            .get(c)
            .map_or_else(String::new, |c| c.id.clone()),
        Component::Indicator(i) => data
            .meta
            .indicators
            .get(i)
            .map_or_else(String::new, |i| i.id.clone()),
        Component::Total => "total".to_owned(),
    }
}

fn indices_json(s: &Sensitivity, indices: &[SobolIndex]) -> serde_json::Value {
    serde_json::Value::Array(
        s.groups
            .iter()
            .zip(indices)
            .map(|(g, i)| {
                serde_json::json!({
                    "factor": g.key(),
                    "first_order": i.first,
                    "first_order_ci95": [i.first_ci.0, i.first_ci.1],
                    "total_effect": i.total,
                    "total_effect_ci95": [i.total_ci.0, i.total_ci.1],
                })
            })
            .collect(),
    )
}

fn sensitivity_json(data: &Dataset, s: &Sensitivity) -> serde_json::Value {
    serde_json::json!({
        "design": "Saltelli (A, B and A_B per factor); first order Saltelli 2010, total effect Jansen 1999; 95 % bootstrap intervals",
        "n": s.n,
        "rankings": s.runs,
        "mean_rank_shift": indices_json(s, &s.mean_shift),
        "entity": s.entity.as_ref().map(|(e, indices)| serde_json::json!({
            "id": data.entities.get(*e).map(|e| e.id.clone()),
            "rank": indices_json(s, indices),
        })),
    })
}

fn coherence_json(data: &Dataset, coherence: &Coherence) -> serde_json::Value {
    let id = |c: Component| component_id(data, c);
    let flags: Vec<serde_json::Value> = coherence
        .flags
        .iter()
        .map(|flag| {
            let (kind, a, b, r) = match *flag {
                CoherenceFlag::Negative(a, b, r) => ("negative", a, b, r),
                CoherenceFlag::Redundant(a, b, r) => ("redundant", a, b, r),
            };
            serde_json::json!({ "kind": kind, "a": id(a), "b": id(b), "r": r })
        })
        .collect();
    let lower: Vec<String> = coherence
        .components
        .iter()
        .filter(|&&c| {
            let direction = match c {
                Component::Capacity(i) => data.meta.capacities.get(i).map(|c| c.direction),
                Component::Indicator(i) => data.meta.indicators.get(i).map(|i| i.direction),
                Component::Total => Some(data.meta.total_direction),
            };
            direction == Some(crate::model::Direction::LowerIsBetter)
        })
        .map(|&c| id(c))
        .collect();
    serde_json::json!({
        "components": coherence.components.iter().map(|&c| id(c)).collect::<Vec<_>>(),
        "lower_is_better": lower,
        "pearson": coherence.pearson,
        "spearman": coherence.spearman,
        "capacities": coherence.capacities.iter().map(|c| serde_json::json!({
            "id": id(Component::Capacity(c.capacity)),
            "r_with_total": c.r_with_total,
            "effective_weight": c.effective_weight,
            "nominal_weight": c.nominal_weight,
            "cronbach_alpha": c.alpha,
            "indicators": c.indicators,
        })).collect::<Vec<_>>(),
        "flags": flags,
    })
}

/// The result as JSON: the year, the factors, the seed, how many scenarios (drawn or listed),
/// the rank bin width (1: exact percentiles), one object per entity and, when given, the
/// coherence of the year.
#[must_use]
pub fn audit_json(
    data: &Dataset,
    result: &AuditResult,
    (coherence, sensitivity): (Option<&Coherence>, Option<&Sensitivity>),
    names: NameStyle,
) -> String {
    let factors = &result.params.factors;
    let value = serde_json::json!({
        "year": result.year,
        "factors": {
            "weights": if factors.simplex { "simplex" } else { "spread" },
            "weights_spread": factors.spread,
            "normalizations": factors.normalizations.iter().map(|n| n.key()).collect::<Vec<_>>(),
            "aggregations": factors.aggregations.iter().map(|a| a.key()).collect::<Vec<_>>(),
            "winsorize": factors.winsorize,
            "leave_one_out": factors.leave_one_out,
        },
        "seed": result.params.seed,
        "scenarios": result.scenarios,
        "enumerated": result.enumerated,
        "top_n": result.params.top_n,
        "rank_bin_width": result.bin_width,
        "entities": result.rows.iter().map(|r| row_json(data, r, names)).collect::<Vec<_>>(),
        "coherence": coherence.map(|c| coherence_json(data, c)),
        "sensitivity": sensitivity.map(|s| sensitivity_json(data, s)),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
