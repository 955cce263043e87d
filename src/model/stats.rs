//! Cohort statistics of one score: count, min, max, mean, median and quartiles.

use super::compact_column::{CompactColumn, read};
use super::units::MISSING;

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
        let values: Vec<f64> = values
            .into_iter()
            .flatten()
            .filter(|v| v.is_finite())
            .collect();
        if values.is_empty() {
            return None;
        }
        let count = values.len();
        #[expect(
            clippy::cast_precision_loss,
            reason = "a cohort is far below 2^52 entities"
        )]
        let mean = values.iter().sum::<f64>() / count as f64;
        // Ordered as whole numbers whose order is `f64::total_cmp`'s: compared in one
        // instruction, where the doubles' total order takes several.
        let mut keys: Vec<i64> = values.into_iter().map(order_key).collect();
        let min = keys.iter().min().map_or(f64::NAN, |&k| from_order_key(k));
        let max = keys.iter().max().map_or(f64::NAN, |&k| from_order_key(k));
        let (q1, median, q3) = quartiles(&mut keys, from_order_key);
        Some(Self {
            count,
            min,
            max,
            mean,
            q1,
            median,
            q3,
        })
    }

    /// [`Self::of`] the values of `rows` of `column` (a row past its end is missing): the
    /// same figures, found on the column's whole-number units when it is held in them (the
    /// units order as their values do, and take half the memory of the doubles' keys).
    #[must_use]
    pub fn of_rows(column: &CompactColumn, rows: &[usize]) -> Option<Self> {
        Self::of_stored(column, rows.iter().copied())
    }

    /// [`Self::of`] the values present in `column` (NaN: missing), by [`Self::of_rows`].
    #[must_use]
    pub fn of_column(column: &CompactColumn) -> Option<Self> {
        Self::of_stored(column, 0..column.len())
    }

    /// [`Self::of_rows`] of the rows `rows` gives.
    fn of_stored(
        column: &CompactColumn,
        rows: impl ExactSizeIterator<Item = usize>,
    ) -> Option<Self> {
        let Some((units, decimals)) = column.units() else {
            return Self::of(rows.map(|r| column.get(r).filter(|v| !v.is_nan())));
        };
        let mut keys: Vec<i32> = Vec::with_capacity(rows.len());
        keys.extend(rows.filter_map(|r| units.get(r)).filter(|&u| u != MISSING));
        if keys.is_empty() {
            return None;
        }
        let value = |u: i32| read(u, decimals);
        let count = keys.len();
        #[expect(
            clippy::cast_precision_loss,
            reason = "a cohort is far below 2^52 entities"
        )]
        let mean = keys.iter().map(|&u| value(u)).sum::<f64>() / count as f64;
        let least = keys.iter().copied().min().unwrap_or(0);
        let most = keys.iter().copied().max().unwrap_or(0);
        let (q1, median, q3) = counted_quartiles(&keys, (least, most), value)
            .unwrap_or_else(|| quartiles(&mut keys, value));
        Some(Self {
            count,
            min: value(least),
            max: value(most),
            mean,
            q1,
            median,
            q3,
        })
    }
}

/// The quartiles of `keys` (whole numbers from `least` to `most`, `value` giving each one's
/// value) found by counting each whole number, when there are few enough of them for that to
/// beat selection (a score published with one or two decimals: a thousand or so): the same
/// order statistics, interpolated as [`quantile_sorted`] does. `None` when the range is too
/// wide.
fn counted_quartiles(
    keys: &[i32],
    (least, most): (i32, i32),
    value: impl Fn(i32) -> f64,
) -> Option<(f64, f64, f64)> {
    let span = usize::try_from(i64::from(most) - i64::from(least)).ok()? + 1;
    if span > keys.len().saturating_mul(8).saturating_add(1024) {
        return None;
    }
    let mut counts = vec![0_u32; span];
    for &k in keys {
        // Within the span: `least` is the smallest key.
        let at = usize::try_from(i64::from(k) - i64::from(least)).unwrap_or(0);
        counts[at] += 1;
    }
    // The order statistics wanted, found in one walk up the counts.
    let positions = [0.25, 0.5, 0.75].map(|p| quantile_position(keys.len(), p));
    let mut wanted: Vec<usize> = positions.iter().flat_map(|&(b, a, _)| [b, a]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found = Vec::with_capacity(wanted.len());
    let mut seen = 0_usize;
    let mut want = wanted.iter().peekable();
    for (offset, &count) in counts.iter().enumerate() {
        seen += count as usize;
        while let Some(&&w) = want.peek() {
            if w >= seen {
                break;
            }
            let key = i64::from(least) + i64::try_from(offset).ok()?;
            found.push((w, value(i32::try_from(key).ok()?)));
            want.next();
        }
    }
    let at = |i: usize| found.iter().find(|&&(w, _)| w == i).map(|&(_, v)| v);
    let [q1, median, q3] = positions.map(|(below, above, fraction)| {
        let (low, high) = (at(below).unwrap_or(f64::NAN), at(above).unwrap_or(f64::NAN));
        low + (high - low) * fraction
    });
    Some((q1, median, q3))
}

/// Where the `p`-quantile of `len` ascending values lies: the order statistic below it, the
/// one above, and the fraction of the way between them.
fn quantile_position(len: usize, p: f64) -> (usize, usize, f64) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a cohort is far below 2^52 entities"
    )]
    let position = p.clamp(0.0, 1.0) * (len - 1) as f64;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "position is within 0..len"
    )]
    let below = position.floor() as usize;
    (below, (below + 1).min(len - 1), position - position.floor())
}

/// A whole number ordered as `f64::total_cmp` orders doubles (the bits, negative numbers' turned
/// over); [`from_order_key`] gives the double back.
fn order_key(x: f64) -> i64 {
    #[expect(clippy::cast_possible_wrap, reason = "the bits as they are")]
    let bits = x.to_bits() as i64;
    #[expect(
        clippy::cast_possible_wrap,
        clippy::cast_sign_loss,
        reason = "a mask of bits"
    )]
    let flip = ((bits >> 63) as u64 >> 1) as i64;
    bits ^ flip
}

/// The double of an [`order_key`].
fn from_order_key(key: i64) -> f64 {
    #[expect(
        clippy::cast_possible_wrap,
        clippy::cast_sign_loss,
        reason = "a mask of bits"
    )]
    let flip = ((key >> 63) as u64 >> 1) as i64;
    #[expect(clippy::cast_sign_loss, reason = "the bits as they are")]
    f64::from_bits((key ^ flip) as u64)
}

/// The first quartile, median and third quartile of non-empty values given as keys that order
/// as the values do (their [`order_key`]s, or a column's units), `value` giving each key's
/// value; each as [`quantile_sorted`] gives it of them sorted, found by selection (the
/// keys are reordered): the median first, then each quartile within the half it lies in; a
/// quantile between two order statistics takes the one after as the least of the values after
/// the one selected.
fn quartiles<K: Ord + Copy>(keys: &mut [K], value: impl Fn(K) -> f64) -> (f64, f64, f64) {
    let least = |part: &[K]| part.iter().min().map(|&k| value(k));
    let len = keys.len();
    let (mid_below, mid_above, mid_fraction) = quantile_position(len, 0.5);
    let (left, &mut pivot, right) = keys.select_nth_unstable(mid_below);
    let pivot = value(pivot);
    // The order statistic after the median's: the least of those after it.
    let after_pivot = least(right).unwrap_or(pivot);
    let between = |low: f64, high: f64, fraction: f64| low + (high - low) * fraction;
    // A quantile whose order statistic below is the median's.
    let from_pivot = |above: usize, below: usize, fraction: f64| {
        between(
            pivot,
            if above == below { pivot } else { after_pivot },
            fraction,
        )
    };
    let median = from_pivot(mid_above, mid_below, mid_fraction);
    let (below, above, fraction) = quantile_position(len, 0.25);
    let q1 = if below == mid_below {
        from_pivot(above, below, fraction)
    } else {
        // Below the median's place: among the values before it.
        let (_, &mut low, rest) = left.select_nth_unstable(below);
        let low = value(low);
        let high = if above == below {
            low
        } else {
            least(rest).unwrap_or(pivot)
        };
        between(low, high, fraction)
    };
    let (below, above, fraction) = quantile_position(len, 0.75);
    let q3 = if below == mid_below {
        from_pivot(above, below, fraction)
    } else {
        // Above the median's place: among the values after it.
        let at = below - mid_below - 1;
        let (_, &mut low, rest) = right.select_nth_unstable(at);
        let low = value(low);
        let high = if above == below {
            low
        } else {
            least(rest).unwrap_or(low)
        };
        between(low, high, fraction)
    };
    (q1, median, q3)
}

/// The `p`-quantile (0 ≤ p ≤ 1) of ascending, non-empty `sorted` values, by linear interpolation.
#[must_use]
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let (below, above, fraction) = quantile_position(sorted.len(), p);
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
    fn statistics_of_a_columns_rows_are_those_of_their_values_bit_for_bit() {
        let bits = |s: Option<Stats>| {
            s.map(|s| {
                [s.min, s.max, s.mean, s.q1, s.median, s.q3]
                    .map(f64::to_bits)
                    .to_vec()
                    .into_iter()
                    .chain([s.count as u64])
                    .collect::<Vec<_>>()
            })
        };
        let mut seed = 11_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        // Tenths (three bytes a value), large thousandths (four), thirds (doubles).
        #[expect(clippy::cast_precision_loss, reason = "small test values")]
        let kinds: [&dyn Fn(u64) -> f64; 3] = [
            &|n| ((n % 1000) as f64 - 200.0) / 10.0,
            &|n| (n % 2_000_000_000) as f64 / 1000.0,
            &|n| (n % 100) as f64 / 3.0,
        ];
        for (k, kind) in kinds.iter().enumerate() {
            for len in [1_usize, 2, 5, 40, 301] {
                let values: Vec<f64> = (0..len)
                    .map(|_| {
                        let n = next();
                        if n % 9 == 0 { f64::NAN } else { kind(n) }
                    })
                    .collect();
                let column: CompactColumn = values.iter().copied().collect();
                assert_eq!(
                    column.units().is_some(),
                    k < 2,
                    "kind {k} stored as intended"
                );
                let present = values.iter().map(|&v| Some(v).filter(|v| !v.is_nan()));
                assert_eq!(
                    bits(Stats::of_column(&column)),
                    bits(Stats::of(present)),
                    "kind {k}, {len} values, the whole column"
                );
                // Every row, every other row, and a row past the end.
                for rows in [
                    (0..len).collect::<Vec<_>>(),
                    (0..len).step_by(2).collect(),
                    vec![len / 2, len + 3],
                ] {
                    let of_values = Stats::of(
                        rows.iter()
                            .map(|&r| values.get(r).copied().filter(|v| !v.is_nan())),
                    );
                    assert_eq!(
                        bits(Stats::of_rows(&column, &rows)),
                        bits(of_values),
                        "kind {k}, {len} values, rows {rows:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn quartiles_by_selection_equal_quartiles_of_the_sorted_values() {
        // Ties, negative zero and values far apart, in many orders and sizes.
        let mut seed = 7_u64;
        for len in 1..60 {
            let values: Vec<f64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    match seed >> 61 {
                        0 => -0.0,
                        1 => 0.0,
                        2 => 1e9,
                        #[expect(clippy::cast_precision_loss, reason = "a small test value")]
                        _ => ((seed >> 40) % 50) as f64 / 4.0 - 3.0,
                    }
                })
                .collect();
            let stats = Stats::of(values.iter().map(|&v| Some(v))).expect("values");
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for (p, got) in [(0.25, stats.q1), (0.5, stats.median), (0.75, stats.q3)] {
                let want = quantile_sorted(&sorted, p);
                assert_eq!(got.to_bits(), want.to_bits(), "p {p} of {sorted:?}");
            }
            assert_eq!(stats.min.to_bits(), sorted[0].to_bits());
            assert_eq!(stats.max.to_bits(), sorted[len - 1].to_bits());
        }
    }

    #[test]
    fn order_keys_order_doubles_as_their_total_order_and_give_them_back() {
        let doubles = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            5e-324,
            1.0,
            1e300,
            f64::INFINITY,
        ];
        for a in doubles {
            assert_eq!(from_order_key(order_key(a)).to_bits(), a.to_bits());
            for b in doubles {
                assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn odd_count_median_is_the_middle_value() {
        let stats = Stats::of([Some(3.0), Some(1.0), Some(2.0)]).expect("values present");
        assert!((stats.median - 2.0).abs() < 1e-12);
        assert!((stats.q1 - 1.5).abs() < 1e-12);
        assert!((stats.q3 - 2.5).abs() < 1e-12);
    }
}
