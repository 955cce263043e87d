//! Radar charts as data: normalisation of capacity scores within a cohort, reference profiles
//! (median, top-10 mean), and the chart's geometry, shared by the painter and the SVG writer.

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, Direction, Year};

/// How scores are put on the radar's common scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Normalization {
    /// Scores as published, on 0 to the cohort's largest score rounded up to ten.
    Raw,
    /// (value − cohort min) / (cohort max − cohort min), as 0–100.
    #[default]
    MinMax,
    /// Percentile rank within the cohort: share of values below, counting ties half, as 0–100.
    Percentile,
    /// (value − cohort mean) / cohort standard deviation (population), on −3…+3.
    ZScore,
}

impl Normalization {
    /// Every choice, in menu order.
    pub const ALL: [Self; 4] = [Self::Raw, Self::MinMax, Self::Percentile, Self::ZScore];

    /// The id used on the command line.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Raw => "raw",
            Self::MinMax => "minmax",
            Self::Percentile => "percentile",
            Self::ZScore => "z",
        }
    }
}

/// One capacity's cohort values, sorted, with their mean and standard deviation.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisCohort {
    /// Present values of the cohort, ascending.
    pub sorted: Vec<f64>,
    pub mean: f64,
    /// Population standard deviation.
    pub sd: f64,
    /// Whether a lower score is the better one: every normalisation then turns it round.
    pub direction: Direction,
}

impl AxisCohort {
    /// The cohort of capacity `capacity` in `year` (ranked records with a value), higher better.
    #[must_use]
    pub fn of(year: &Year, capacity: usize) -> Self {
        Self::directed(year, capacity, Direction::HigherIsBetter)
    }

    /// The cohort of a capacity with its direction ([`Dataset`]'s capacities say which).
    #[must_use]
    pub fn of_capacity(data: &Dataset, year: &Year, capacity: usize) -> Self {
        let direction = data
            .meta
            .capacities
            .get(capacity)
            .map_or(Direction::HigherIsBetter, |c| c.direction);
        Self::directed(year, capacity, direction)
    }

    fn directed(year: &Year, capacity: usize, direction: Direction) -> Self {
        let mut sorted: Vec<f64> = year
            .derived
            .order
            .iter()
            .filter_map(|r| year.record(r).and_then(|rec| rec.score(capacity)))
            .collect();
        sorted.sort_by(f64::total_cmp);
        #[expect(
            clippy::cast_precision_loss,
            reason = "a cohort is far below 2^52 entities"
        )]
        let n = sorted.len().max(1) as f64;
        let mean = sorted.iter().sum::<f64>() / n;
        let sd = (sorted.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        Self {
            sorted,
            mean,
            sd,
            direction,
        }
    }

    /// `value` on the normalisation's scale, higher better. For a capacity where lower is
    /// better each scale is turned round: raw scores are reflected within the cohort's range
    /// (min + max − value), min–max and percentile become 100 minus themselves, a z-score
    /// changes sign.
    #[must_use]
    pub fn normalize(&self, value: f64, normalization: Normalization) -> f64 {
        let (Some(&min), Some(&max)) = (self.sorted.first(), self.sorted.last()) else {
            return f64::NAN;
        };
        let higher = self.normalize_higher(value, normalization);
        match (self.direction, normalization) {
            (Direction::HigherIsBetter, _) => higher,
            (Direction::LowerIsBetter, Normalization::Raw) => min + max - value,
            (Direction::LowerIsBetter, Normalization::MinMax | Normalization::Percentile) => {
                100.0 - higher
            }
            (Direction::LowerIsBetter, Normalization::ZScore) => -higher,
        }
    }

    /// `value` on the normalisation's scale as if higher were better.
    fn normalize_higher(&self, value: f64, normalization: Normalization) -> f64 {
        let (Some(&min), Some(&max)) = (self.sorted.first(), self.sorted.last()) else {
            return f64::NAN;
        };
        match normalization {
            Normalization::Raw => value,
            Normalization::MinMax if max > min => (value - min) / (max - min) * 100.0,
            Normalization::MinMax => 50.0,
            Normalization::Percentile => {
                let below = self.sorted.partition_point(|&v| v < value);
                let up_to = self.sorted.partition_point(|&v| v <= value);
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "a cohort is far below 2^52 entities"
                )]
                let share =
                    (below as f64 + 0.5 * (up_to - below) as f64) / self.sorted.len() as f64;
                share * 100.0
            }
            Normalization::ZScore if self.sd > 0.0 => (value - self.mean) / self.sd,
            Normalization::ZScore => 0.0,
        }
    }

    /// The competition rank of `value` on this capacity (1 + how many score better: higher, or
    /// lower where lower is better).
    #[must_use]
    pub fn rank_of(&self, value: f64) -> usize {
        match self.direction {
            Direction::HigherIsBetter => {
                self.sorted.len() - self.sorted.partition_point(|&v| v <= value) + 1
            }
            Direction::LowerIsBetter => self.sorted.partition_point(|&v| v < value) + 1,
        }
    }

    /// The median (linear interpolation), if any value is present.
    #[must_use]
    pub fn median(&self) -> Option<f64> {
        (!self.sorted.is_empty()).then(|| super::stats::quantile_sorted(&self.sorted, 0.5))
    }
}

/// The axis range `lo..hi` of a normalisation; `raw_max` is the largest raw score in view.
#[must_use]
pub fn domain(normalization: Normalization, raw_max: f64) -> (f64, f64) {
    match normalization {
        Normalization::Raw => (0.0, ((raw_max / 10.0).ceil() * 10.0).max(10.0)),
        Normalization::MinMax | Normalization::Percentile => (0.0, 100.0),
        Normalization::ZScore => (-3.0, 3.0),
    }
}

/// Gridline values for a domain: five rings; a domain around zero (z-scores) has a ring on
/// every whole step, zero (the cohort mean) among them.
#[must_use]
pub fn ticks((lo, hi): (f64, f64)) -> Vec<f64> {
    if lo < 0.0 && hi > 0.0 {
        let step = ((hi - lo) / 6.0).ceil().max(1.0);
        let first = (lo / step).floor() + 1.0;
        let last = (hi / step).floor();
        let mut rings = Vec::new();
        let mut k = first;
        while k <= last {
            rings.push(k * step);
            k += 1.0;
        }
        return rings;
    }
    (1..=5)
        .map(|i| lo + (hi - lo) * f64::from(i) / 5.0)
        .collect()
}

/// A point in chart coordinates (x to the right, y down, like screens and SVG).
pub type Point = [f64; 2];

/// The direction of axis `index` of `count`: the first axis points up, the others follow clockwise.
#[must_use]
pub fn axis_direction(index: usize, count: usize) -> Point {
    #[expect(clippy::cast_precision_loss, reason = "axis counts are tiny")]
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    [angle.cos(), angle.sin()]
}

/// Where `value` lies on axis `index`: clamped to the domain, the domain's low end at the centre.
#[must_use]
pub fn vertex(
    center: Point,
    radius: f64,
    index: usize,
    count: usize,
    value: f64,
    (lo, hi): (f64, f64),
) -> Point {
    let fraction = if hi > lo {
        ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let [dx, dy] = axis_direction(index, count);
    [
        center[0] + dx * radius * fraction,
        center[1] + dy * radius * fraction,
    ]
}

/// A polygon's fill as triangles fanned from the centre. A radar polygon is star-shaped around
/// the centre (one vertex per axis, axes in angular order), so the fan covers it exactly, with no
/// overlap, even where it is concave. `None` when a vertex is missing: the shape is not closed.
#[must_use]
pub fn fan_triangles(center: Point, vertices: &[Option<Point>]) -> Option<Vec<[Point; 3]>> {
    let points: Vec<Point> = vertices.iter().copied().collect::<Option<_>>()?;
    if points.len() < 3 {
        return None;
    }
    Some(
        (0..points.len())
            .map(|i| [center, points[i], points[(i + 1) % points.len()]])
            .collect(),
    )
}

/// The area of a simple polygon (shoelace formula).
#[must_use]
pub fn polygon_area(points: &[Point]) -> f64 {
    let n = points.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum();
    twice.abs() / 2.0
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_z_score_radar_has_a_ring_at_zero_and_whole_steps() {
        assert_eq!(ticks((-3.0, 3.0)), vec![-2.0, -1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks((0.0, 100.0)), vec![20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    use super::*;

    fn cohort(values: &[f64]) -> AxisCohort {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        #[expect(clippy::cast_precision_loss, reason = "tiny")]
        let n = sorted.len() as f64;
        let mean = sorted.iter().sum::<f64>() / n;
        let sd = (sorted.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        AxisCohort {
            sorted,
            mean,
            sd,
            direction: Direction::HigherIsBetter,
        }
    }

    #[test]
    fn each_normalisation_matches_hand_computed_values() {
        // Cohort 60, 70, 70, 80, 100: min 60, max 100, mean 76, population sd √184 ≈ 13.565.
        let c = cohort(&[70.0, 60.0, 100.0, 80.0, 70.0]);
        assert!((c.normalize(80.0, Normalization::MinMax) - 50.0).abs() < 1e-12);
        assert!((c.normalize(60.0, Normalization::MinMax)).abs() < 1e-12);
        // 70: one below, two equal → (1 + 0.5·2) / 5 = 40 %.
        assert!((c.normalize(70.0, Normalization::Percentile) - 40.0).abs() < 1e-12);
        // 100: four below, one equal → 4.5 / 5 = 90 %.
        assert!((c.normalize(100.0, Normalization::Percentile) - 90.0).abs() < 1e-12);
        assert!((c.mean - 76.0).abs() < 1e-12);
        assert!((c.sd - 184f64.sqrt()).abs() < 1e-12);
        assert!((c.normalize(90.0, Normalization::ZScore) - 14.0 / 184f64.sqrt()).abs() < 1e-12);
        assert!((c.normalize(73.5, Normalization::Raw) - 73.5).abs() < 1e-12);
        assert_eq!(c.rank_of(100.0), 1);
        assert_eq!(c.rank_of(70.0), 3, "two score higher: 80 and 100");
        assert_eq!(c.median(), Some(70.0));
    }

    #[test]
    fn a_cohort_of_equal_values_does_not_divide_by_zero() {
        let c = cohort(&[5.0, 5.0]);
        assert!((c.normalize(5.0, Normalization::MinMax) - 50.0).abs() < 1e-12);
        assert!(c.normalize(5.0, Normalization::ZScore).abs() < 1e-12);
    }

    #[test]
    fn domains_and_ticks() {
        assert_eq!(domain(Normalization::Raw, 91.3), (0.0, 100.0));
        assert_eq!(domain(Normalization::Raw, 47.0), (0.0, 50.0));
        assert_eq!(domain(Normalization::ZScore, 0.0), (-3.0, 3.0));
        assert_eq!(ticks((0.0, 100.0)), vec![20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn vertices_sit_on_their_axes_at_the_right_distance() {
        let c = [100.0, 100.0];
        // Four axes: up, right, down, left. 50 of 0..100 is half the radius.
        let up = vertex(c, 80.0, 0, 4, 50.0, (0.0, 100.0));
        assert!(
            (up[0] - 100.0).abs() < 1e-9 && (up[1] - 60.0).abs() < 1e-9,
            "{up:?}"
        );
        let right = vertex(c, 80.0, 1, 4, 100.0, (0.0, 100.0));
        assert!(
            (right[0] - 180.0).abs() < 1e-9 && (right[1] - 100.0).abs() < 1e-9,
            "{right:?}"
        );
        let left = vertex(c, 80.0, 3, 4, 25.0, (0.0, 100.0));
        assert!(
            (left[0] - 80.0).abs() < 1e-9 && (left[1] - 100.0).abs() < 1e-9,
            "{left:?}"
        );
        // Values outside the domain clamp to its ends.
        let beyond = vertex(c, 80.0, 2, 4, 140.0, (0.0, 100.0));
        assert!((beyond[1] - 180.0).abs() < 1e-9);
    }

    #[test]
    fn the_fan_covers_a_concave_polygon_exactly() {
        // A concave profile on five axes: strong, weak, strong, weak, strong.
        let c = [0.0, 0.0];
        let values = [100.0, 20.0, 90.0, 10.0, 80.0];
        let vertices: Vec<Option<Point>> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| Some(vertex(c, 1.0, i, 5, v, (0.0, 100.0))))
            .collect();
        let triangles = fan_triangles(c, &vertices).expect("closed");
        assert_eq!(triangles.len(), 5);
        let fan_area: f64 = triangles.iter().map(|t| polygon_area(t)).sum();
        let points: Vec<Point> = vertices.iter().flatten().copied().collect();
        assert!(
            (fan_area - polygon_area(&points)).abs() < 1e-12,
            "no gap, no overlap"
        );
        // A missing value leaves the shape open: no fill.
        let mut open = vertices;
        open[2] = None;
        assert!(fan_triangles(c, &open).is_none());
    }
}
