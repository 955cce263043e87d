//! The radar chart's spec (what to draw) and layout (where), for the screen and for SVG.

use serde::{Deserialize, Serialize};

use super::palette;
use crate::model::radar::{
    AxisCohort, Normalization, Point, axis_direction, domain, fan_triangles, ticks, vertex,
};
use crate::model::{Dataset, NameStyle, Year};
use crate::strings::Strings;

/// At most this many entities overlaid on one radar (more read as a tangle).
pub const OVERLAY_MAX: usize = 6;

/// How the radar view is set up (remembered between runs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RadarSettings {
    pub normalization: Normalization,
    pub show_median: bool,
    pub show_top10: bool,
    /// An entity drawn as a dashed baseline.
    pub baseline: Option<usize>,
    /// One radar per entity instead of one overlay.
    pub small_multiples: bool,
}

impl Default for RadarSettings {
    fn default() -> Self {
        Self {
            normalization: Normalization::default(),
            show_median: true,
            show_top10: false,
            baseline: None,
            small_multiples: false,
        }
    }
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesStyle {
    /// An entity: translucent fill and a solid outline.
    Filled,
    /// A reference: an outline dashed in its own pattern, no fill.
    Dashed(Dash),
}

/// A dash pattern: dash and gap lengths in points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dash(pub u8, pub u8);

impl Dash {
    /// The cohort median: even dashes.
    pub const MEDIAN: Self = Self(5, 4);
    /// The top-10 mean: dots.
    pub const TOP10: Self = Self(2, 3);
    /// A baseline entity: long dashes.
    pub const BASELINE: Self = Self(10, 3);

    /// Dash and gap as numbers, for painters and `stroke-dasharray`.
    #[must_use]
    pub fn lengths(self) -> [f64; 2] {
        [f64::from(self.0), f64::from(self.1)]
    }
}

/// One polygon of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarSeries {
    pub label: String,
    pub colour: [u8; 3],
    pub style: SeriesStyle,
    /// Values on the normalisation's scale, one per axis; `None` is missing.
    pub values: Vec<Option<f64>>,
    /// The raw scores behind them.
    pub raw: Vec<Option<f64>>,
    /// The rank on each capacity within the cohort (entities only).
    pub ranks: Vec<Option<usize>>,
}

/// Everything a radar chart shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RadarSpec {
    pub title: String,
    /// The year(s) and the normalisation, named on the chart.
    pub subtitle: String,
    /// The data source and provenance note.
    pub caption: String,
    pub axes: Vec<String>,
    /// Per axis: whether lower scores are better (the axis is turned round).
    pub lower_is_better: Vec<bool>,
    pub domain: (f64, f64),
    pub ticks: Vec<f64>,
    pub series: Vec<RadarSeries>,
}

/// Fill opacity of entity polygons (20–30 % reads well with up to six overlaid).
pub const FILL_OPACITY: f64 = 0.25;

impl SeriesStyle {
    /// The line width of a series of this style (points), on screen and in SVG.
    #[must_use]
    pub fn stroke_width(self) -> f64 {
        match self {
            Self::Filled => 2.0,
            Self::Dashed(_) => 1.5,
        }
    }
}

/// A selected entity and its colour slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pick {
    pub entity: usize,
    pub slot: usize,
}

/// The radar of `picks` in year `year_index`, with the reference profiles the settings ask for.
#[must_use]
pub fn radar_spec(
    s: &Strings,
    data: &Dataset,
    year_index: usize,
    picks: &[Pick],
    settings: &RadarSettings,
    names: NameStyle,
) -> RadarSpec {
    let Some(year) = data.years.get(year_index) else {
        return empty_spec(s, data, names);
    };
    let norm = settings.normalization;
    let cohorts: Vec<AxisCohort> = (0..data.meta.capacities.len())
        .map(|c| AxisCohort::of_capacity(data, year, c))
        .collect();
    let raw_max = cohorts
        .iter()
        .filter_map(|c| c.sorted.last())
        .copied()
        .fold(0.0, f64::max);
    let mut series = Vec::new();
    if settings.show_median {
        let raw: Vec<Option<f64>> = cohorts.iter().map(AxisCohort::median).collect();
        series.push(reference_series(
            (s.radar_median, Dash::MEDIAN),
            &raw,
            &cohorts,
            norm,
        ));
    }
    if settings.show_top10 {
        let raw = top_mean(year, 10, cohorts.len());
        series.push(reference_series(
            (s.radar_top10, Dash::TOP10),
            &raw,
            &cohorts,
            norm,
        ));
    }
    if let Some(baseline) = settings.baseline.filter(|&e| e < data.entities.len()) {
        let mut reference = entity_series(
            data,
            year,
            baseline,
            &cohorts,
            norm,
            names,
            palette::REFERENCE,
        );
        reference.label = format!("{} ({})", reference.label, s.baseline_suffix);
        reference.style = SeriesStyle::Dashed(Dash::BASELINE);
        series.push(reference);
    }
    for pick in picks {
        series.push(entity_series(
            data,
            year,
            pick.entity,
            &cohorts,
            norm,
            names,
            palette::series_colour(pick.slot),
        ));
    }
    let dom = domain(norm, raw_max);
    RadarSpec {
        title: data.title(names),
        subtitle: format!("{} · {}", year.label(), s.normalization(norm)),
        caption: caption(s, data),
        axes: data
            .meta
            .capacities
            .iter()
            .map(|c| axis_label(c, names))
            .collect(),
        lower_is_better: lower_is_better(data),
        domain: dom,
        ticks: ticks(dom),
        series,
    }
}

/// One entity's polygons for every year, on a scale fixed across the years (years as a colour ramp).
#[must_use]
pub fn radar_years_spec(
    s: &Strings,
    data: &Dataset,
    entity: usize,
    (normalization, names): (Normalization, NameStyle),
    dark: bool,
) -> RadarSpec {
    let raw_max = data
        .years
        .iter()
        .flat_map(|y| {
            (0..data.meta.capacities.len())
                .filter_map(move |c| AxisCohort::of_capacity(data, y, c).sorted.last().copied())
        })
        .fold(0.0, f64::max);
    let series = data
        .years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let cohorts: Vec<AxisCohort> = (0..data.meta.capacities.len())
                .map(|c| AxisCohort::of_capacity(data, year, c))
                .collect();
            let mut s = entity_series(
                data,
                year,
                entity,
                &cohorts,
                normalization,
                names,
                palette::ramp_on(i, data.years.len(), dark),
            );
            s.label = year.label();
            s
        })
        .collect();
    let dom = domain(normalization, raw_max);
    let name = data.entity_name(entity, names);
    let (first, last) = (
        data.years.first().map(Year::label).unwrap_or_default(),
        data.years.last().map(Year::label).unwrap_or_default(),
    );
    RadarSpec {
        title: name,
        subtitle: format!(
            "{first}–{last} · {} · {}",
            s.normalization(normalization),
            s.one_scale_all_years
        ),
        caption: caption(s, data),
        axes: data
            .meta
            .capacities
            .iter()
            .map(|c| axis_label(c, names))
            .collect(),
        lower_is_better: lower_is_better(data),
        domain: dom,
        ticks: ticks(dom),
        series,
    }
}

fn empty_spec(s: &Strings, data: &Dataset, names: NameStyle) -> RadarSpec {
    RadarSpec {
        title: data.title(names),
        subtitle: String::new(),
        caption: caption(s, data),
        axes: Vec::new(),
        lower_is_better: Vec::new(),
        domain: (0.0, 1.0),
        ticks: Vec::new(),
        series: Vec::new(),
    }
}

/// An axis's label: the capacity's, with "↓" where lower is better (its axis is turned round,
/// so that outward is better on every axis).
fn axis_label(capacity: &crate::model::Capacity, names: NameStyle) -> String {
    match capacity.direction {
        crate::model::Direction::HigherIsBetter => capacity.label(names),
        crate::model::Direction::LowerIsBetter => format!("{} ↓", capacity.label(names)),
    }
}

fn lower_is_better(data: &Dataset) -> Vec<bool> {
    data.meta
        .capacities
        .iter()
        .map(|c| c.direction == crate::model::Direction::LowerIsBetter)
        .collect()
}

fn caption(s: &Strings, data: &Dataset) -> String {
    let meta = &data.meta;
    match (meta.source.is_empty(), meta.provenance.is_empty()) {
        (false, false) => format!("{}: {}. {}", s.source, meta.source, meta.provenance),
        (false, true) => format!("{}: {}", s.source, meta.source),
        (true, false) => meta.provenance.clone(),
        (true, true) => String::new(),
    }
}

fn entity_series(
    data: &Dataset,
    year: &Year,
    entity: usize,
    cohorts: &[AxisCohort],
    norm: Normalization,
    names: NameStyle,
    colour: [u8; 3],
) -> RadarSeries {
    let record = year.record_of(entity).and_then(|r| year.record(r));
    let raw: Vec<Option<f64>> = (0..cohorts.len())
        .map(|c| record.and_then(|r| r.score(c)))
        .collect();
    let values = raw
        .iter()
        .zip(cohorts)
        .map(|(v, cohort)| v.map(|v| cohort.normalize(v, norm)))
        .collect();
    let ranks = raw
        .iter()
        .zip(cohorts)
        .map(|(v, cohort)| v.map(|v| cohort.rank_of(v)))
        .collect();
    let label = data.entity_name(entity, names);
    RadarSeries {
        label,
        colour,
        style: SeriesStyle::Filled,
        values,
        raw,
        ranks,
    }
}

fn reference_series(
    (label, dash): (&str, Dash),
    raw: &[Option<f64>],
    cohorts: &[AxisCohort],
    norm: Normalization,
) -> RadarSeries {
    RadarSeries {
        label: label.to_owned(),
        colour: palette::REFERENCE,
        style: SeriesStyle::Dashed(dash),
        values: raw
            .iter()
            .zip(cohorts)
            .map(|(v, cohort)| v.map(|v| cohort.normalize(v, norm)))
            .collect(),
        raw: raw.to_vec(),
        ranks: vec![None; raw.len()],
    }
}

/// The mean of each capacity over the `n` best-ranked entities (missing values left out).
fn top_mean(year: &Year, n: usize, capacities: usize) -> Vec<Option<f64>> {
    let top: Vec<usize> = year.derived.order.iter().take(n).collect();
    (0..capacities)
        .map(|c| {
            let values: Vec<f64> = top
                .iter()
                .filter_map(|&r| year.record(r)?.score(c))
                .collect();
            #[expect(clippy::cast_precision_loss, reason = "ten values")]
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            (!values.is_empty()).then_some(mean)
        })
        .collect()
}

/// Where everything of a spec goes in a square of `radius` around `center`.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarLayout {
    pub center: Point,
    pub radius: f64,
    /// One ring per tick, as a closed polygon through the axes.
    pub rings: Vec<Vec<Point>>,
    /// The outer end of each axis.
    pub axis_ends: Vec<Point>,
    /// Where each axis label goes, and its horizontal alignment (−1 left-anchored end, 0 centred, 1 start).
    pub labels: Vec<(Point, i8)>,
    /// Where each tick label goes (along the first axis).
    pub tick_labels: Vec<(Point, String)>,
    /// One per series.
    pub polygons: Vec<SeriesGeometry>,
}

/// Where one series goes.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesGeometry {
    /// One vertex per axis; `None` where the value is missing.
    pub vertices: Vec<Option<Point>>,
    /// The fill as triangles fanned from the centre; `None` for references and open shapes.
    pub fill: Option<Vec<[Point; 3]>>,
}

/// Lays out `spec` around `center` with `radius`.
#[must_use]
pub fn layout(spec: &RadarSpec, center: Point, radius: f64) -> RadarLayout {
    let n = spec.axes.len();
    let rings = spec
        .ticks
        .iter()
        .map(|&t| {
            (0..n)
                .map(|i| vertex(center, radius, i, n, t, spec.domain))
                .collect()
        })
        .collect();
    let axis_ends = (0..n)
        .map(|i| vertex(center, radius, i, n, spec.domain.1, spec.domain))
        .collect();
    let labels = (0..n)
        .map(|i| {
            let [dx, dy] = axis_direction(i, n);
            let align = if dx > 0.2 {
                1
            } else if dx < -0.2 {
                -1
            } else {
                0
            };
            (
                [
                    center[0] + dx * (radius + 14.0),
                    center[1] + dy * (radius + 14.0),
                ],
                align,
            )
        })
        .collect();
    let tick_labels = spec
        .ticks
        .iter()
        .map(|&t| {
            let p = vertex(center, radius, 0, n.max(1), t, spec.domain);
            ([p[0] + 4.0, p[1]], format_tick(t))
        })
        .collect();
    let polygons = spec
        .series
        .iter()
        .map(|s| {
            let vertices: Vec<Option<Point>> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.filter(|v| v.is_finite())
                        .map(|v| vertex(center, radius, i, n, v, spec.domain))
                })
                .collect();
            let fill = (s.style == SeriesStyle::Filled)
                .then(|| fan_triangles(center, &vertices))
                .flatten();
            SeriesGeometry { vertices, fill }
        })
        .collect();
    RadarLayout {
        center,
        radius,
        rings,
        axis_ends,
        labels,
        tick_labels,
        polygons,
    }
}

fn format_tick(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
