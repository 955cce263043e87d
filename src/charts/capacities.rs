//! Capacity trends as data: one small chart per capacity over the years, the selection against
//! the cohort median and interquartile range, with its value range and ticks. The screen (egui
//! plots) and the SVG writer draw this one geometry.

use super::palette;
use super::radar::Pick;
use crate::model::{Dataset, NameStyle, Stats, period};
use crate::strings::Strings;

/// One entity's line in a panel.
#[derive(Clone, Debug, PartialEq)]
pub struct CapacitySeries {
    pub label: String,
    pub colour: [u8; 3],
    /// (x on the period axis, score), in time order; years without a score are left out.
    pub points: Vec<[f64; 2]>,
}

/// One capacity's chart.
#[derive(Clone, Debug, PartialEq)]
pub struct CapacityPanel {
    pub label: String,
    /// The value range shown: every score, quartile and median of the panel, rounded out to
    /// the tick step.
    pub domain: (f64, f64),
    /// Values labelled and gridded on the value axis: round numbers (a step of 1, 2 or 5 times
    /// a power of ten), three to six of them, the first and last at the domain's ends.
    pub ticks: Vec<f64>,
    /// The cohort's interquartile range per year: (x, q1, q3).
    pub band: Vec<[f64; 3]>,
    /// The cohort median per year: (x, median).
    pub median: Vec<[f64; 2]>,
    pub series: Vec<CapacitySeries>,
}

/// The small multiples of every capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct CapacitiesSpec {
    /// Each period's place on the time axis and its label (`2023`, `2018-06-07`): the only x
    /// positions labelled or gridded, so that no line falls between years.
    pub periods: Vec<(f64, String)>,
    pub panels: Vec<CapacityPanel>,
    /// The legend's words for the median line and the shaded range.
    pub median_label: String,
    pub band_label: String,
}

/// The capacity trends of `picks` over every period of `data`.
#[must_use]
pub fn capacities_spec(
    s: &Strings,
    data: &Dataset,
    picks: &[Pick],
    names: NameStyle,
) -> CapacitiesSpec {
    let periods = data
        .years
        .iter()
        .map(|y| (period::axis(y.year), y.label()))
        .collect();
    let panels = (0..data.meta.capacities.len())
        .map(|capacity| panel(data, capacity, picks, names))
        .collect();
    CapacitiesSpec {
        periods,
        panels,
        median_label: s.radar_median.to_owned(),
        band_label: s.capacities_band.to_owned(),
    }
}

fn panel(data: &Dataset, capacity: usize, picks: &[Pick], names: NameStyle) -> CapacityPanel {
    let stats: Vec<(f64, Stats)> = data
        .years
        .iter()
        .filter_map(|y| {
            let stats = y.derived.capacity_stats.get(capacity).copied().flatten()?;
            Some((period::axis(y.year), stats))
        })
        .collect();
    let series: Vec<CapacitySeries> = picks
        .iter()
        .map(|pick| CapacitySeries {
            label: data.entity_name(pick.entity, names),
            colour: palette::series_colour(pick.slot),
            points: data
                .years
                .iter()
                .filter_map(|y| {
                    let value = y
                        .record_of(pick.entity)
                        .and_then(|r| y.record(r)?.score(capacity))?;
                    Some([period::axis(y.year), value])
                })
                .collect(),
        })
        .collect();
    let values = stats
        .iter()
        .flat_map(|(_, s)| [s.q1, s.q3, s.median])
        .chain(series.iter().flat_map(|s| s.points.iter().map(|p| p[1])));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (domain, ticks) = if lo.is_finite() {
        nice_axis(lo, hi)
    } else {
        nice_axis(0.0, 100.0)
    };
    CapacityPanel {
        label: data
            .meta
            .capacities
            .get(capacity)
            .map(|c| c.label(names))
            .unwrap_or_default(),
        domain,
        ticks,
        band: stats.iter().map(|(x, s)| [*x, s.q1, s.q3]).collect(),
        median: stats.iter().map(|(x, s)| [*x, s.median]).collect(),
        series,
    }
}

/// The domain and ticks of a value axis over `lo..=hi`: the step of 1, 2 or 5 times a power of
/// ten that gives at most five intervals, the domain rounded out to it.
fn nice_axis(lo: f64, hi: f64) -> ((f64, f64), Vec<f64>) {
    let span = (hi - lo).max(1e-9);
    let magnitude = 10f64.powf(span.log10().floor() - 1.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| (hi / step).ceil() - (lo / step).floor() <= 5.0)
        .unwrap_or(span);
    let (first, last) = ((lo / step).floor(), (hi / step).ceil());
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "at most 5 steps"
    )]
    let count = (last - first).max(1.0) as usize;
    #[expect(clippy::cast_precision_loss, reason = "at most 5 steps")]
    let ticks = (0..=count).map(|i| (first + i as f64) * step).collect();
    ((first * step, last * step), ticks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::EN;

    #[test]
    fn each_capacity_has_its_cohort_band_and_the_selections_scores() {
        let data = crate::sample::generate_sample();
        let suzhou = data.find_entity("苏州科技城").expect("in the sample");
        let picks = [Pick {
            entity: suzhou,
            slot: 0,
        }];
        let spec = capacities_spec(&EN, &data, &picks, NameStyle::Chinese);
        assert_eq!(spec.panels.len(), data.meta.capacities.len());
        assert_eq!(
            spec.periods
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>(),
            ["2021", "2022", "2023"]
        );
        for (capacity, panel) in spec.panels.iter().enumerate() {
            assert_eq!(panel.band.len(), 3, "a quartile range each year");
            let series = &panel.series[0];
            assert_eq!(series.label, "苏州科技城");
            for (point, year) in series.points.iter().zip(&data.years) {
                let record = year.record_of(suzhou).expect("listed every year");
                let score = year
                    .record(record)
                    .and_then(|r| r.score(capacity))
                    .expect("a score");
                assert!((point[1] - score).abs() < 1e-12, "the score itself");
            }
            let (lo, hi) = panel.domain;
            let inside = |v: f64| lo <= v && v <= hi;
            assert!(series.points.iter().all(|p| inside(p[1])));
            assert!(panel.band.iter().all(|b| inside(b[1]) && inside(b[2])));
            assert_eq!(panel.ticks.first(), Some(&lo));
            assert_eq!(panel.ticks.last(), Some(&hi));
            assert!((3..=6).contains(&panel.ticks.len()), "{:?}", panel.ticks);
        }
        assert_eq!(spec.median_label, EN.radar_median);
    }

    #[test]
    fn value_axes_take_round_steps_around_the_values() {
        assert_eq!(
            nice_axis(61.3, 92.4),
            ((60.0, 100.0), vec![60.0, 70.0, 80.0, 90.0, 100.0])
        );
        assert_eq!(
            nice_axis(62.0, 71.0),
            ((62.0, 72.0), vec![62.0, 64.0, 66.0, 68.0, 70.0, 72.0])
        );
        let ((lo, hi), ticks) = nice_axis(0.12, 0.31);
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(near(lo, 0.1) && near(hi, 0.35), "{lo} {hi}");
        assert_eq!(ticks.len(), 6, "steps of 0.05");
        let ((lo, hi), ticks) = nice_axis(5.0, 5.0);
        assert!(lo <= 5.0 && 5.0 <= hi && ticks.len() >= 2);
    }
}
