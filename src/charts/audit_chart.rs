//! The uncertainty chart as data: one row per entity in official order, its median rank as a
//! dot, its 5th–95th percentile interval as a bar and its official rank as a tick, on a rank
//! axis with 1 at the left. The window and the SVG writer draw the same geometry.

use std::fmt::Write as _;

use crate::model::audit::AuditResult;
use crate::model::{Dataset, NameStyle, period};
use crate::strings::Strings;

/// One entity's row.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditChartRow {
    pub entity: usize,
    pub label: String,
    /// The official place (best and worst, for a band).
    pub official: Option<(u32, u32)>,
    pub median: u32,
    pub p5: u32,
    pub p95: u32,
}

/// The chart: its texts, rows and the rank axis' end.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditChartSpec {
    pub title: String,
    pub subtitle: String,
    pub caption: String,
    pub rows: Vec<AuditChartRow>,
    /// The axis runs from 1 to this place.
    pub max_rank: u32,
    /// The legend's texts: median, interval, official rank.
    pub legend: [String; 3],
}

/// The chart of the first `top` rows of `result` (official order; 0: every row).
#[must_use]
pub fn audit_chart_spec(
    s: &Strings,
    data: &Dataset,
    result: &AuditResult,
    top: usize,
    names: NameStyle,
) -> AuditChartSpec {
    let take = if top == 0 { result.rows.len() } else { top };
    let rows: Vec<AuditChartRow> = result
        .rows
        .iter()
        .filter_map(|r| {
            Some(AuditChartRow {
                entity: r.entity,
                label: data.entity_name(r.entity, names),
                official: r.official.bounds(),
                median: r.median?,
                p5: r.p5?,
                p95: r.p95?,
            })
        })
        .take(take)
        .collect();
    let max_rank = max_rank_of(&rows);
    let factors = &result.params.factors;
    let keys = |list: Vec<&str>| list.join("/");
    let mut extra = String::new();
    if let Some(k) = factors.winsorize {
        let _ = write!(extra, ", winsorise {k}");
    }
    if factors.leave_one_out {
        extra.push_str(", leave one out");
    }
    #[expect(clippy::cast_possible_truncation, reason = "a percentage")]
    let spread = (factors.spread * 100.0).round() as i64;
    let method = if factors.simplex {
        s.audit_method_simplex
    } else {
        s.audit_method
    };
    let method = method
        .replace("{spread}", &spread.to_string())
        .replace(
            "{normalizations}",
            &keys(factors.normalizations.iter().map(|n| n.key()).collect()),
        )
        .replace(
            "{aggregations}",
            &keys(factors.aggregations.iter().map(|a| a.key()).collect()),
        )
        .replace("{extra}", &extra)
        .replace("{seed}", &result.params.seed.to_string());
    AuditChartSpec {
        title: data.title(names),
        subtitle: s
            .audit_subtitle
            .replace("{year}", &period::label(result.year))
            .replace("{n}", &result.scenarios.to_string()),
        // The method; figures add the source and provenance after it.
        caption: method,
        rows,
        max_rank,
        legend: [
            s.audit_median.to_owned(),
            s.audit_interval.to_owned(),
            s.audit_official.to_owned(),
        ],
    }
}

/// The last place `rows` reach (a 95th percentile or an official place), at least 2.
#[must_use]
pub fn max_rank_of(rows: &[AuditChartRow]) -> u32 {
    rows.iter()
        .map(|r| r.p95.max(r.official.map_or(0, |o| o.1)))
        .max()
        .unwrap_or(1)
        .max(2)
}

/// Where one row is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRowGeometry {
    /// The row's centre line.
    pub y: f64,
    /// The interval's ends and the median.
    pub p5_x: f64,
    pub p95_x: f64,
    pub median_x: f64,
    /// The official place's ends (equal for an exact rank).
    pub official_x: Option<(f64, f64)>,
}

/// The chart laid out in `[left, top]`–`[right, bottom]`.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditGeometry {
    pub rows: Vec<AuditRowGeometry>,
    /// Rank gridlines: x and the place.
    pub ticks: Vec<(f64, u32)>,
    pub row_height: f64,
}

/// Lays `spec` out: rank 1 at `left`, `max_rank` at `right`, rows evenly from `top` down.
#[must_use]
pub fn audit_layout(
    spec: &AuditChartSpec,
    [left, top]: [f64; 2],
    [right, bottom]: [f64; 2],
) -> AuditGeometry {
    let span = f64::from(spec.max_rank - 1).max(1.0);
    let x = |rank: u32| left + (f64::from(rank) - 1.0) / span * (right - left);
    #[expect(
        clippy::cast_precision_loss,
        reason = "row counts are small in a chart"
    )]
    let row_height = (bottom - top) / spec.rows.len().max(1) as f64;
    let rows = spec
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            #[expect(
                clippy::cast_precision_loss,
                reason = "row counts are small in a chart"
            )]
            let y = top + row_height * (i as f64 + 0.5);
            AuditRowGeometry {
                y,
                p5_x: x(r.p5),
                p95_x: x(r.p95),
                median_x: x(r.median),
                official_x: r.official.map(|(lo, hi)| (x(lo), x(hi))),
            }
        })
        .collect();
    // Gridlines at a round step giving at most about eight.
    let step = [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000,
    ]
    .into_iter()
    .find(|&s| spec.max_rank / s <= 8)
    .unwrap_or(20_000);
    let ticks = std::iter::once(1)
        .chain((step..=spec.max_rank).step_by(step as usize))
        .map(|r| (x(r), r))
        .collect();
    AuditGeometry {
        rows,
        ticks,
        row_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rows: &[(u32, u32, u32, u32)]) -> AuditChartSpec {
        AuditChartSpec {
            title: String::new(),
            subtitle: String::new(),
            caption: String::new(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, &(official, median, p5, p95))| AuditChartRow {
                    entity: i,
                    label: format!("E{i}"),
                    official: Some((official, official)),
                    median,
                    p5,
                    p95,
                })
                .collect(),
            max_rank: 11,
            legend: Default::default(),
        }
    }

    #[test]
    fn ranks_map_left_to_right_and_rows_top_to_bottom() {
        // Axis 1..=11 over 0..100: a place is 10 points.
        let geo = audit_layout(
            &spec(&[(1, 2, 1, 4), (2, 3, 2, 11)]),
            [0.0, 0.0],
            [100.0, 40.0],
        );
        let first = &geo.rows[0];
        assert!((first.p5_x - 0.0).abs() < 1e-9 && (first.p95_x - 30.0).abs() < 1e-9);
        assert!((first.median_x - 10.0).abs() < 1e-9);
        assert_eq!(first.official_x, Some((0.0, 0.0)));
        assert!((first.y - 10.0).abs() < 1e-9 && (geo.rows[1].y - 30.0).abs() < 1e-9);
        assert!((geo.rows[1].p95_x - 100.0).abs() < 1e-9);
        // Ticks: 1, then every 2 up to 10.
        let places: Vec<u32> = geo.ticks.iter().map(|t| t.1).collect();
        assert_eq!(places, vec![1, 2, 4, 6, 8, 10]);
    }
}
