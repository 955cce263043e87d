//! Per-row counts of the ranks taken over the scenarios, in bounded memory: one bin per place
//! (exact percentiles) while rows × places stays under [`MAX_CELLS`], else bins of several
//! places (each percentile then within half a bin of the exact one). Tallies of disjoint
//! scenario ranges merge, in any order, to the same counts.

/// The most counts a tally holds (64 MB of `u32`).
pub const MAX_CELLS: usize = 16 << 20;

/// The counts of one run, or of part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RankTally {
    rows: usize,
    /// Places per bin: 1 is exact.
    width: u32,
    bins: usize,
    /// Row-major: `rows` × `bins`.
    counts: Vec<u32>,
    /// Per row: the scenarios that ranked it, the sum of its ranks, and how often it was in the
    /// top 10 and in the top `top_n`.
    ranked: Vec<u32>,
    sum: Vec<u64>,
    top10: Vec<u32>,
    top_n: Vec<u32>,
    top_n_limit: u32,
    /// The scenarios counted.
    pub scenarios: u64,
}

impl RankTally {
    /// An empty tally for `rows` rows; `top_n` is the second "in the top N" threshold.
    #[must_use]
    pub fn new(rows: usize, top_n: u32) -> Self {
        let places = rows.max(1);
        let bins = if places.saturating_mul(places) <= MAX_CELLS {
            places
        } else {
            (MAX_CELLS / places).max(16)
        };
        let width = u32::try_from(places.div_ceil(bins)).unwrap_or(u32::MAX);
        let bins = places.div_ceil(width as usize);
        Self {
            rows,
            width,
            bins,
            counts: vec![0; rows * bins],
            ranked: vec![0; rows],
            sum: vec![0; rows],
            top10: vec![0; rows],
            top_n: vec![0; rows],
            top_n_limit: top_n,
            scenarios: 0,
        }
    }

    /// Places per bin: 1 when percentiles are exact.
    #[must_use]
    pub fn bin_width(&self) -> u32 {
        self.width
    }

    /// Counts one scenario's ranks (0: not ranked).
    pub fn add(&mut self, ranks: &[u32]) {
        for (row, &rank) in ranks.iter().enumerate().take(self.rows) {
            if rank == 0 {
                continue;
            }
            let bin = ((rank - 1) / self.width) as usize;
            if let Some(count) = self
                .counts
                .get_mut(row * self.bins + bin.min(self.bins - 1))
            {
                *count += 1;
            }
            self.ranked[row] += 1;
            self.sum[row] += u64::from(rank);
            self.top10[row] += u32::from(rank <= 10);
            self.top_n[row] += u32::from(rank <= self.top_n_limit);
        }
        self.scenarios += 1;
    }

    /// Adds the counts of another part of the same run.
    pub fn merge(&mut self, other: &Self) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.ranked.iter_mut().zip(&other.ranked) {
            *a += b;
        }
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.top10.iter_mut().zip(&other.top10) {
            *a += b;
        }
        for (a, b) in self.top_n.iter_mut().zip(&other.top_n) {
            *a += b;
        }
        self.scenarios += other.scenarios;
    }

    /// The `p`-th quantile (0 < p ≤ 1) of `row`'s ranks, nearest-rank method: the smallest
    /// place with at least ⌈p·n⌉ of its n ranks at or above it. With bins wider than one place,
    /// the middle of the bin. `None` when no scenario ranked the row.
    #[must_use]
    pub fn quantile(&self, row: usize, p: f64) -> Option<u32> {
        let n = *self.ranked.get(row)?;
        if n == 0 {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a count of scenarios"
        )]
        let target = ((p * f64::from(n)).ceil() as u32).clamp(1, n);
        let mut seen = 0;
        let counts = &self.counts[row * self.bins..(row + 1) * self.bins];
        let bin = counts.iter().position(|&c| {
            seen += c;
            seen >= target
        })?;
        let first = u32::try_from(bin).unwrap_or(u32::MAX) * self.width + 1;
        let last = (first + self.width - 1).min(u32::try_from(self.rows).unwrap_or(u32::MAX));
        Some(first + (last - first) / 2)
    }

    /// The mean rank of `row`, `None` when no scenario ranked it.
    #[must_use]
    pub fn mean(&self, row: usize) -> Option<f64> {
        #[expect(clippy::cast_precision_loss, reason = "rank sums stay far below 2^52")]
        let mean = self.sum.get(row).map(|&s| s as f64)? / f64::from(self.ranked[row]);
        (self.ranked[row] > 0).then_some(mean)
    }

    /// The share of all scenarios that put `row` in the top 10 and in the top N.
    #[must_use]
    pub fn top_shares(&self, row: usize) -> (f64, f64) {
        #[expect(clippy::cast_precision_loss, reason = "a count of scenarios")]
        let all = self.scenarios.max(1) as f64;
        (
            f64::from(self.top10.get(row).copied().unwrap_or(0)) / all,
            f64::from(self.top_n.get(row).copied().unwrap_or(0)) / all,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_the_nearest_rank_method() {
        // One row over 10 scenarios: ranks 1 ×2, 2 ×5, 4 ×3 (of 4 rows).
        let mut tally = RankTally::new(4, 2);
        for rank in [1, 1, 2, 2, 2, 2, 2, 4, 4, 4] {
            tally.add(&[rank, 0, 0, 0]);
        }
        assert_eq!(tally.bin_width(), 1);
        // 5 %: ⌈0.5⌉ = 1st rank → 1; median: 5th → 2; 70 %: 7th → 2; 95 %: 10th → 4.
        assert_eq!(tally.quantile(0, 0.05), Some(1));
        assert_eq!(tally.quantile(0, 0.5), Some(2));
        assert_eq!(tally.quantile(0, 0.7), Some(2));
        assert_eq!(tally.quantile(0, 0.95), Some(4));
        assert!(
            (tally.mean(0).expect("ranked") - 2.4).abs() < 1e-12,
            "(2 + 10 + 12) / 10"
        );
        let (top10, top2) = tally.top_shares(0);
        assert!((top10 - 1.0).abs() < 1e-12 && (top2 - 0.7).abs() < 1e-12);
        assert_eq!(tally.quantile(1, 0.5), None, "never ranked");
    }

    #[test]
    fn large_cohorts_use_wide_bins_within_half_a_bin() {
        let rows = 10_000;
        let mut tally = RankTally::new(rows, 10);
        assert!(tally.bin_width() > 1);
        assert!(tally.counts.len() <= MAX_CELLS);
        let mut ranks = vec![0_u32; rows];
        for r in [5_000, 5_001, 5_002, 7_000, 9_999] {
            ranks[0] = r;
            tally.add(&ranks);
        }
        let half = f64::from(tally.bin_width()) / 2.0;
        let median = f64::from(tally.quantile(0, 0.5).expect("ranked"));
        assert!((median - 5_001.0).abs() <= half, "{median} ± {half}");
    }

    #[test]
    fn parts_merge_to_the_whole() {
        let draws: Vec<[u32; 3]> = (0..30).map(|i| [i % 3 + 1, (i + 1) % 3 + 1, 0]).collect();
        let mut whole = RankTally::new(3, 2);
        for d in &draws {
            whole.add(d);
        }
        let (mut a, mut b) = (RankTally::new(3, 2), RankTally::new(3, 2));
        for d in &draws[..11] {
            a.add(d);
        }
        for d in &draws[11..] {
            b.add(d);
        }
        b.merge(&a);
        assert_eq!(b, whole);
    }
}
