//! Histograms of a numeric column over a year's cohort, for the table's headers.

/// Equal-width bins over the present values' range.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub min: f64,
    pub max: f64,
    /// Count of values per bin; the last bin includes `max`.
    pub counts: Vec<usize>,
}

impl Histogram {
    /// Bins the present values into `bins` equal-width bins, or `None` without values.
    #[must_use]
    pub fn of(values: impl IntoIterator<Item = Option<f64>>, bins: usize) -> Option<Self> {
        let values: Vec<f64> = values
            .into_iter()
            .flatten()
            .filter(|v| v.is_finite())
            .collect();
        let min = values.iter().copied().reduce(f64::min)?;
        let max = values.iter().copied().reduce(f64::max)?;
        let mut counts = vec![0; bins.max(1)];
        let histogram_bins = counts.len();
        for v in values {
            let bin = Self::bin_index(min, max, histogram_bins, v);
            counts[bin] += 1;
        }
        Some(Self { min, max, counts })
    }

    /// The bin `value` falls in (values outside the range clamp to the ends).
    #[must_use]
    pub fn bin_of(&self, value: f64) -> usize {
        Self::bin_index(self.min, self.max, self.counts.len(), value)
    }

    /// The value range `lo..hi` of bin `index`.
    #[must_use]
    pub fn bin_range(&self, index: usize) -> (f64, f64) {
        #[expect(clippy::cast_precision_loss, reason = "bin counts are tiny")]
        let width = (self.max - self.min) / self.counts.len() as f64;
        #[expect(clippy::cast_precision_loss, reason = "bin counts are tiny")]
        let lo = self.min + width * index as f64;
        (lo, lo + width)
    }

    fn bin_index(min: f64, max: f64, bins: usize, value: f64) -> usize {
        if max <= min {
            return 0;
        }
        #[expect(clippy::cast_precision_loss, reason = "bin counts are tiny")]
        let position = (value - min) / (max - min) * bins as f64;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "floor of a non-negative position"
        )]
        let bin = position.floor().max(0.0) as usize;
        bin.min(bins - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fall_into_equal_width_bins_and_the_maximum_into_the_last() {
        // Range 0..10 in 5 bins of width 2: [0,2) [2,4) [4,6) [6,8) [8,10].
        let h = Histogram::of(
            [Some(0.0), Some(1.9), Some(2.0), None, Some(7.0), Some(10.0)],
            5,
        )
        .expect("values");
        assert_eq!(h.counts, vec![2, 1, 0, 1, 1]);
        assert_eq!(h.bin_of(10.0), 4);
        assert_eq!(h.bin_range(1), (2.0, 4.0));
    }

    #[test]
    fn one_distinct_value_fills_the_first_bin() {
        let h = Histogram::of([Some(5.0), Some(5.0)], 4).expect("values");
        assert_eq!(h.counts, vec![2, 0, 0, 0]);
        assert_eq!(Histogram::of([None], 4), None);
    }
}
