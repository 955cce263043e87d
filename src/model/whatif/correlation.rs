//! Rank correlations: Spearman's ρ (Pearson's r of average ranks, so ties are handled) and
//! Kendall's τ-b (ties corrected), the latter by Knight's O(n log n) algorithm.

use std::cmp::Ordering;

/// Ranks 1..=n of `values` in ascending order; tied values share the mean of their places
/// (e.g. 10, 20, 20, 30 → 1, 2.5, 2.5, 4). NaN sorts last.
#[must_use]
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]].total_cmp(&values[order[start]]).is_eq() {
            end += 1;
        }
        // Places start+1 ..= end, averaged.
        #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
        let mean = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = mean;
        }
        start = end;
    }
    ranks
}

/// Spearman's ρ of paired values: Pearson's correlation of their average ranks. `None` when the
/// lengths differ, there are fewer than two pairs, or either side is constant.
#[must_use]
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Pearson's correlation of paired values; `None` when either side is constant.
#[must_use]
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Kendall's τ-b of paired values: (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), where n₀
/// counts all pairs and n₁, n₂ the pairs tied in x, in y. `None` when the lengths differ,
/// there are fewer than two pairs, or either side is constant.
#[must_use]
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    if n != y.len() || n < 2 {
        return None;
    }
    let pairs = |t: u64| t * t.saturating_sub(1) / 2;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(y[a].total_cmp(&y[b])));
    let (mut ties_first, mut ties_both) = (0_u64, 0_u64);
    let (mut run_first, mut run_both) = (1_u64, 1_u64);
    for w in order.windows(2) {
        let same_first = x[w[0]].total_cmp(&x[w[1]]).is_eq();
        let same_both = same_first && y[w[0]].total_cmp(&y[w[1]]).is_eq();
        if same_first {
            run_first += 1;
        } else {
            ties_first += pairs(run_first);
            run_first = 1;
        }
        if same_both {
            run_both += 1;
        } else {
            ties_both += pairs(run_both);
            run_both = 1;
        }
    }
    ties_first += pairs(run_first);
    ties_both += pairs(run_both);
    // Sorting the x-ordered y values counts the discordant pairs as strict inversions.
    let mut ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let mut buffer = ys.clone();
    let discordant = merge_count(&mut ys, &mut buffer);
    let mut ties_second = 0_u64;
    let mut run_second = 1_u64;
    for w in ys.windows(2) {
        if w[0].total_cmp(&w[1]).is_eq() {
            run_second += 1;
        } else {
            ties_second += pairs(run_second);
            run_second = 1;
        }
    }
    ties_second += pairs(run_second);
    let total = pairs(n as u64);
    #[expect(clippy::cast_precision_loss, reason = "pair counts far below 2^52")]
    let (numerator, dx, dy) = (
        total as f64 - ties_first as f64 - ties_second as f64 + ties_both as f64
            - 2.0 * discordant as f64,
        (total - ties_first) as f64,
        (total - ties_second) as f64,
    );
    (dx > 0.0 && dy > 0.0).then(|| numerator / (dx * dy).sqrt())
}

/// Sorts `values` ascending (stable merge sort) and returns the number of strict inversions.
fn merge_count(values: &mut [f64], buffer: &mut [f64]) -> u64 {
    let n = values.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = {
        let (left, right) = values.split_at_mut(mid);
        let (bl, br) = buffer.split_at_mut(mid);
        merge_count(left, bl) + merge_count(right, br)
    };
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        // Equal values are not inversions: take the left one first.
        if values[j].total_cmp(&values[i]) == Ordering::Less {
            buffer[k] = values[j];
            count += (mid - i) as u64;
            j += 1;
        } else {
            buffer[k] = values[i];
            i += 1;
        }
        k += 1;
    }
    buffer[k..k + mid - i].copy_from_slice(&values[i..mid]);
    k += mid - i;
    buffer[k..k + n - j].copy_from_slice(&values[j..n]);
    values.copy_from_slice(&buffer[..n]);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kendall's τ-b by counting every pair, to check the fast version against.
    fn kendall_naive(x: &[f64], y: &[f64]) -> f64 {
        let (mut concordant, mut discordant, mut only_first, mut only_second) = (0_u32, 0, 0, 0);
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                match (x[i].total_cmp(&x[j]), y[i].total_cmp(&y[j])) {
                    (Ordering::Equal, Ordering::Equal) => {}
                    (Ordering::Equal, _) => only_first += 1,
                    (_, Ordering::Equal) => only_second += 1,
                    (first, second) if first == second => concordant += 1,
                    _ => discordant += 1,
                }
            }
        }
        let pairs = f64::from(concordant + discordant);
        (f64::from(concordant) - f64::from(discordant))
            / ((pairs + f64::from(only_first)) * (pairs + f64::from(only_second))).sqrt()
    }

    #[test]
    fn average_ranks_share_tied_places() {
        assert_eq!(
            average_ranks(&[20.0, 10.0, 30.0, 20.0]),
            vec![2.5, 1.0, 4.0, 2.5]
        );
        assert_eq!(average_ranks(&[5.0, 5.0, 5.0]), vec![2.0, 2.0, 2.0]);
    }

    #[test]
    fn spearman_without_ties_matches_the_textbook_formula() {
        // x ranks 1 2 3 4 5, y ranks 2 1 4 3 5: Σd² = 1+1+1+1+0 = 4,
        // ρ = 1 − 6·4 / (5·24) = 1 − 0.2 = 0.8.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [20.0, 10.0, 40.0, 30.0, 50.0];
        assert!((spearman(&x, &y).expect("ρ") - 0.8).abs() < 1e-12);
        // Reversed: −1.
        let r = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert!((spearman(&x, &r).expect("ρ") + 1.0).abs() < 1e-12);
    }

    #[test]
    fn spearman_with_ties_uses_average_ranks() {
        // x = 1 2 3 4 → ranks 1 2 3 4; y = 1 2 2 3 → ranks 1, 2.5, 2.5, 4.
        // Deviations from the mean 2.5: x −1.5 −0.5 0.5 1.5; y −1.5 0 0 1.5.
        // Σxy = 2.25 + 0 + 0 + 2.25 = 4.5; Σx² = 5; Σy² = 4.5; ρ = 4.5 / √22.5 = 0.948683…
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 2.0, 3.0]).expect("ρ");
        assert!((rho - 4.5 / 22.5f64.sqrt()).abs() < 1e-12, "{rho}");
        assert!(
            spearman(&[1.0, 1.0], &[1.0, 2.0]).is_none(),
            "constant side"
        );
    }

    #[test]
    fn kendall_tau_b_matches_hand_counts() {
        // x = 1 2 3 4, y = 1 3 2 4: pairs (6): only (2,3) discordant → (5 − 1) / 6 = 2/3.
        let tau = kendall_tau_b(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).expect("τ");
        assert!((tau - 2.0 / 3.0).abs() < 1e-12, "{tau}");
        // With ties: x = 1 2 2 3, y = 1 2 3 3. Pairs: (1,2) C, (1,3) C, (1,4) C,
        // (2,3) tied in x, (2,4) C, (3,4) tied in y → C = 4, D = 0, n₀ = 6, n₁ = n₂ = 1:
        // τ-b = 4 / √(5·5) = 0.8.
        let tau = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 3.0]).expect("τ");
        assert!((tau - 0.8).abs() < 1e-12, "{tau}");
        // A pair tied on both sides counts in n₁ and n₂: x = 1 1 2, y = 5 5 6 →
        // C = 2, n₀ = 3, n₁ = n₂ = 1: τ-b = 2 / √(2·2) = 1.
        let tau = kendall_tau_b(&[1.0, 1.0, 2.0], &[5.0, 5.0, 6.0]).expect("τ");
        assert!((tau - 1.0).abs() < 1e-12, "{tau}");
    }

    #[test]
    fn the_fast_kendall_agrees_with_counting_every_pair() {
        let mut seed = 7_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            f64::from(u32::try_from(seed >> 61).unwrap_or(0))
        };
        for n in [2, 3, 10, 57] {
            let x: Vec<f64> = (0..n).map(|_| next()).collect();
            let y: Vec<f64> = (0..n).map(|_| next()).collect();
            let fast = kendall_tau_b(&x, &y);
            let slow = kendall_naive(&x, &y);
            match fast {
                Some(t) => assert!((t - slow).abs() < 1e-12, "n {n}: {t} vs {slow}"),
                None => assert!(slow.is_nan(), "n {n}"),
            }
        }
    }
}
