//! Cohort statistics of one score: count, min, max, mean, median and quartiles.

/// Summary of the values present in a cohort. Missing values are left out, never counted as zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// How many values were present.
    pub count: usize,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    /// First quartile (25th percentile).
    pub q1: f64,
    pub median: f64,
    /// Third quartile (75th percentile).
    pub q3: f64,
}

impl Stats {
    /// Statistics of the present values, or `None` when there are none.
    ///
    /// Quartiles interpolate linearly between order statistics (the method of Excel's
    /// `QUARTILE.INC`, R's type 7 and numpy's default), so analysts can check them in a spreadsheet.
    #[must_use]
    pub fn of(values: impl IntoIterator<Item = Option<f64>>) -> Option<Self> {
        let mut sorted: Vec<f64> = values
            .into_iter()
            .flatten()
            .filter(|v| v.is_finite())
            .collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_unstable_by(f64::total_cmp);
        let count = sorted.len();
        #[expect(
            clippy::cast_precision_loss,
            reason = "a cohort is far below 2^52 entities"
        )]
        let mean = sorted.iter().sum::<f64>() / count as f64;
        Some(Self {
            count,
            min: sorted[0],
            max: sorted[count - 1],
            mean,
            q1: quantile_sorted(&sorted, 0.25),
            median: quantile_sorted(&sorted, 0.5),
            q3: quantile_sorted(&sorted, 0.75),
        })
    }
}

/// The `p`-quantile (0 ≤ p ≤ 1) of ascending, non-empty `sorted` values, by linear interpolation.
#[must_use]
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a cohort is far below 2^52 entities"
    )]
    let position = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "position is within 0..len"
    )]
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let fraction = position - position.floor();
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_match_hand_computed_values() {
        // Sorted: 2, 4, 4, 5, 7, 9. Mean 31/6. Median (4+5)/2.
        // Q1 at position 1.25: 4 + 0.25·0 = 4. Q3 at position 3.75: 5 + 0.75·(7−5) = 6.5.
        let stats = Stats::of([
            Some(7.0),
            Some(4.0),
            None,
            Some(2.0),
            Some(9.0),
            Some(4.0),
            Some(5.0),
        ])
        .expect("values present");
        assert_eq!(stats.count, 6);
        assert!((stats.min - 2.0).abs() < 1e-12);
        assert!((stats.max - 9.0).abs() < 1e-12);
        assert!((stats.mean - 31.0 / 6.0).abs() < 1e-12);
        assert!((stats.median - 4.5).abs() < 1e-12);
        assert!((stats.q1 - 4.0).abs() < 1e-12);
        assert!((stats.q3 - 6.5).abs() < 1e-12);
    }

    #[test]
    fn missing_values_are_not_zero() {
        let stats = Stats::of([None, Some(10.0), None]).expect("one value present");
        assert_eq!(stats.count, 1);
        assert!((stats.min - 10.0).abs() < 1e-12);
        assert!((stats.median - 10.0).abs() < 1e-12);
        assert_eq!(Stats::of([None, None]), None);
    }

    #[test]
    fn odd_count_median_is_the_middle_value() {
        let stats = Stats::of([Some(3.0), Some(1.0), Some(2.0)]).expect("values present");
        assert!((stats.median - 2.0).abs() < 1e-12);
        assert!((stats.q1 - 1.5).abs() < 1e-12);
        assert!((stats.q3 - 2.5).abs() < 1e-12);
    }
}
