//! Exact composites for decimal input: normalised scores held as integer fractions and
//! decimal weights as integers, so that composites equal in decimal arithmetic stay equal.
//!
//! Floating-point sums split exact ties: 90.1 + 80.2 + 70.3 + 60.4 + 67.0 and the same scores
//! in another order both make 368.0 in decimals, but not always in binary. When every score of
//! a weighted capacity has at most [`MAX_DECIMALS`] decimals and every weight too, the sum is
//! computed in 128-bit integers instead: exact, so ties are ties. Raw, min–max and percentile
//! scales are fractions of such integers; z-scores (a square root) and weights with more
//! decimals (the robustness samples) keep floating-point sums.

/// Decimal places up to which scores and weights are taken as exact decimals.
pub const MAX_DECIMALS: u32 = 9;

/// Scaled integers stay below 2^50, so that `value × 10^d` rounds to the right integer.
const MAX_SCALED: f64 = 1_125_899_906_842_624.0;

/// A numerator standing for a missing score.
const MISSING: i64 = i64::MIN;

/// One capacity's normalised scores as `num / den`, per row.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ExactColumn {
    num: Vec<i64>,
    den: i64,
    /// The largest |numerator|, to bound the sums before computing them.
    max_abs: i64,
}

/// The fewest decimal places `d ≤ MAX_DECIMALS` for which `value` is the double nearest to
/// an integer divided by 10^d, or `None`.
fn decimals(value: f64) -> Option<u32> {
    (0..=MAX_DECIMALS).find(|&d| {
        let power = 10_f64.powi(d.cast_signed());
        let scaled = (value * power).round();
        scaled.abs() < MAX_SCALED && (scaled / power).to_bits() == value.to_bits()
    })
}

/// `value` rounded to `places` decimals (at most [`MAX_DECIMALS`]): the double nearest to the
/// decimal it shows. A slider stepping by 0.01 lands on 35 × 0.01 = 0.35000000000000003, which
/// has no exact decimal form; rounded, it is 0.35 and the composites stay exact.
#[must_use]
pub fn decimal_weight(value: f64, places: u32) -> f64 {
    let power = 10_f64.powi(places.min(MAX_DECIMALS).cast_signed());
    let rounded = (value * power).round() / power;
    if rounded.is_finite() { rounded } else { value }
}

/// `value × 10^d` as an integer (`value` having at most `d` decimals).
#[expect(
    clippy::cast_possible_truncation,
    reason = "the value was checked to be an integer below 2^50 at this scale"
)]
fn scaled(value: f64, d: u32) -> i64 {
    (value * 10_f64.powi(d.cast_signed())).round() as i64
}

impl ExactColumn {
    /// The exact form of `values` (one per row, NaN for missing) on the scale given by
    /// `normalization`, with `sorted` the cohort's present values ascending; `None` when the
    /// scale is not a fraction of integers or a value has too many decimals.
    pub(super) fn new(
        values: &[f64],
        sorted: &[f64],
        normalization: crate::model::radar::Normalization,
    ) -> Option<Self> {
        use crate::model::radar::Normalization;
        let present = || values.iter().copied().filter(|v| !v.is_nan());
        let (num, den): (Vec<i64>, i64) = match normalization {
            Normalization::ZScore => return None,
            Normalization::Percentile => {
                // (below + ½·equal) / n × 100 = 50 · (below + up_to) / n.
                let n = i64::try_from(sorted.len()).ok()?.max(1);
                let num = values
                    .iter()
                    .map(|&v| {
                        if v.is_nan() {
                            return Some(MISSING);
                        }
                        let below = sorted.partition_point(|&s| s < v);
                        let up_to = sorted.partition_point(|&s| s <= v);
                        i64::try_from(below + up_to).ok()?.checked_mul(50)
                    })
                    .collect::<Option<Vec<i64>>>()?;
                (num, n)
            }
            Normalization::Raw | Normalization::MinMax => {
                let d = present()
                    .chain(sorted.iter().copied())
                    .map(decimals)
                    .try_fold(0, |most, d| Some(most.max(d?)))?;
                let at = |v: f64| if v.is_nan() { MISSING } else { scaled(v, d) };
                if normalization == Normalization::Raw {
                    (values.iter().map(|&v| at(v)).collect(), 10_i64.pow(d))
                } else {
                    let (min, max) = (at(*sorted.first()?), at(*sorted.last()?));
                    if max > min {
                        // (x − min) / (max − min) × 100.
                        let num = values
                            .iter()
                            .map(|&v| {
                                if v.is_nan() {
                                    Some(MISSING)
                                } else {
                                    at(v).checked_sub(min)?.checked_mul(100)
                                }
                            })
                            .collect::<Option<Vec<i64>>>()?;
                        (num, max - min)
                    } else {
                        let fifty = values
                            .iter()
                            .map(|v| if v.is_nan() { MISSING } else { 50 })
                            .collect();
                        (fifty, 1)
                    }
                }
            }
        };
        let max_abs = num
            .iter()
            .filter(|&&n| n != MISSING)
            .map(|n| n.abs())
            .max()
            .unwrap_or(0);
        Some(Self { num, den, max_abs })
    }
}

/// `weights` as integers over 10^q, when each has at most [`MAX_DECIMALS`] decimals.
fn decimal_weights(weights: &[f64]) -> Option<(Vec<i64>, u32)> {
    let q = weights
        .iter()
        .map(|&w| decimals(w))
        .try_fold(0, |most, d| Some(most.max(d?)))?;
    Some((weights.iter().map(|&w| scaled(w, q)).collect(), q))
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// Σ wᵢ·columnᵢ per row into `out` (NaN where a capacity with a non-zero weight is missing),
/// computed exactly; `false` (and `out` untouched) when some weighted column or weight has no
/// exact form or the sums could overflow 128 bits.
///
/// Each sum is the exact integer Σ Wᵢ·numᵢ·(L / denᵢ) divided by L·10^q once, so rows whose
/// exact sums are equal get the same `f64`, and the order of the `f64`s is the exact order
/// (two different sums only meet when they agree to about 16 significant digits).
pub(super) fn exact_sums(
    columns: &[Option<ExactColumn>],
    weights: &[f64],
    out: &mut Vec<f64>,
) -> bool {
    let Some((ints, q)) = decimal_weights(weights) else {
        return false;
    };
    let mut used: Vec<(i128, &ExactColumn)> = Vec::new();
    let mut lcm: i128 = 1;
    for (column, &w) in columns.iter().zip(&ints) {
        if w == 0 {
            continue;
        }
        let Some(column) = column else {
            return false;
        };
        let den = i128::from(column.den);
        let Some(next) = (lcm / gcd(lcm, den)).checked_mul(den) else {
            return false;
        };
        lcm = next;
        used.push((i128::from(w), column));
    }
    if used.is_empty() {
        return false;
    }
    let mut multipliers = Vec::with_capacity(used.len());
    let mut bound: i128 = 0;
    for &(w, column) in &used {
        let Some(multiplier) = w.checked_mul(lcm / i128::from(column.den)) else {
            return false;
        };
        let Some(next) = multiplier
            .checked_mul(i128::from(column.max_abs))
            .and_then(|term| bound.checked_add(term.abs()))
        else {
            return false;
        };
        bound = next;
        multipliers.push(multiplier);
    }
    let Some(denominator) = 10_i128.checked_pow(q).and_then(|p| p.checked_mul(lcm)) else {
        return false;
    };
    #[expect(
        clippy::cast_precision_loss,
        reason = "one rounding of the exact sum: equal sums stay equal, the order is kept"
    )]
    let (denominator, rows) = (
        denominator as f64,
        used.first().map_or(0, |(_, c)| c.num.len()),
    );
    out.clear();
    out.extend((0..rows).map(|row| {
        let mut sum: i128 = 0;
        for (&multiplier, &(_, column)) in multipliers.iter().zip(&used) {
            let num = column.num[row];
            if num == MISSING {
                return f64::NAN;
            }
            // Bounded above: no term or partial sum exceeds `bound`.
            sum += multiplier * i128::from(num);
        }
        #[expect(clippy::cast_precision_loss, reason = "see the denominator")]
        let sum = sum as f64;
        sum / denominator
    }));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::radar::Normalization;

    #[test]
    fn decimals_are_those_of_the_shortest_decimal() {
        assert_eq!(decimals(368.0), Some(0));
        assert_eq!(decimals(90.1), Some(1));
        assert_eq!(decimals(0.35), Some(2));
        assert_eq!(decimals(12.345_678_9), Some(7));
        assert_eq!(decimals(1.0 / 3.0), None);
        assert_eq!(decimals(1e300), None);
    }

    #[test]
    fn five_pillars_that_sum_to_368_tie_exactly() {
        let a = [90.1, 80.2, 60.4, 67.0, 70.3];
        let b = [90.1, 80.2, 70.3, 60.4, 67.0];
        let float = |v: &[f64]| v.iter().fold(0.0, |s, x| s + x);
        // The premise: in binary the two orders differ.
        assert_ne!(float(&a).to_bits(), float(&b).to_bits());
        let columns: Vec<Option<ExactColumn>> = (0..5)
            .map(|c| {
                let values = [a[c], b[c]];
                let mut sorted = values.to_vec();
                sorted.sort_by(f64::total_cmp);
                ExactColumn::new(&values, &sorted, Normalization::Raw)
            })
            .collect();
        let mut out = Vec::new();
        assert!(exact_sums(&columns, &[1.0; 5], &mut out));
        assert_eq!(out[0].to_bits(), out[1].to_bits());
        assert!((out[0] - 368.0).abs() < 1e-12);
        // Decimal weights: 0.2 each is 1/5 of the same sum.
        assert!(exact_sums(&columns, &[0.2; 5], &mut out));
        assert_eq!(out[0].to_bits(), out[1].to_bits());
        assert!((out[0] - 73.6).abs() < 1e-12);
    }

    #[test]
    fn scales_are_the_floating_ones_exactly() {
        let values = [60.0, 70.0, 70.0, 80.0, 100.0, f64::NAN];
        let sorted = [60.0, 70.0, 70.0, 80.0, 100.0];
        let mut out = Vec::new();
        let minmax = ExactColumn::new(&values, &sorted, Normalization::MinMax);
        assert!(exact_sums(&[minmax], &[1.0], &mut out));
        assert_eq!(&out[..5], &[0.0, 25.0, 25.0, 50.0, 100.0]);
        assert!(out[5].is_nan(), "missing stays missing");
        let percentile = ExactColumn::new(&values, &sorted, Normalization::Percentile);
        assert!(exact_sums(&[percentile], &[1.0], &mut out));
        assert_eq!(&out[..5], &[10.0, 40.0, 40.0, 70.0, 90.0]);
        assert_eq!(
            ExactColumn::new(&values, &sorted, Normalization::ZScore),
            None
        );
    }

    #[test]
    fn no_exact_form_leaves_the_floating_sums() {
        let third = [1.0 / 3.0, 0.5];
        let sorted = [1.0 / 3.0, 0.5];
        assert_eq!(ExactColumn::new(&third, &sorted, Normalization::Raw), None);
        let exact = ExactColumn::new(&[0.5, 0.25], &[0.25, 0.5], Normalization::Raw);
        let mut out = vec![7.0];
        assert!(
            !exact_sums(std::slice::from_ref(&exact), &[1.0 / 3.0], &mut out),
            "weight 1/3"
        );
        assert_eq!(out, vec![7.0], "untouched");
        assert!(
            !exact_sums(&[exact, None], &[1.0, 1.0], &mut out),
            "an inexact column weighted"
        );
    }

    #[test]
    fn slider_steps_become_the_decimals_they_show() {
        // The premise: a step of 0.01 taken 35 times is not the decimal 0.35.
        let stepped = 35.0 * 0.01;
        assert_eq!(decimals(stepped), None);
        assert_eq!(decimal_weight(stepped, 2).to_bits(), 0.35_f64.to_bits());
        for k in 0..=100_u32 {
            let w = decimal_weight(f64::from(k) * 0.01, 2);
            assert!(decimals(w).is_some_and(|d| d <= 2), "{k} hundredths: {w}");
            let w = decimal_weight(f64::from(k) * 0.7, 2);
            assert!(decimals(w).is_some_and(|d| d <= 2), "{k} × 0.7: {w}");
        }
        assert_eq!(
            decimal_weight(f64::MAX, 2).to_bits(),
            f64::MAX.to_bits(),
            "too large to round"
        );
    }

    #[test]
    fn a_zero_weight_ignores_its_column() {
        let exact = ExactColumn::new(&[0.5, 0.25], &[0.25, 0.5], Normalization::Raw);
        let mut out = Vec::new();
        assert!(exact_sums(&[exact, None], &[2.0, 0.0], &mut out));
        assert_eq!(out, vec![1.0, 0.5]);
    }
}
