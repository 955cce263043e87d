//! Ranks (exact, band or unranked), competition ranking with ties, and rank changes between years.

use std::cmp::Ordering;
use std::fmt;

/// A position in a ranking: an exact place, an unordered band such as 51–70, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rank {
    /// An exact place, 1 being the best.
    Exact(u32),
    /// An unordered band of places `lo..=hi` ("排名不分先后").
    Band { lo: u32, hi: u32 },
    /// An open band such as "1001+": place `lo` or worse. `hi` is the year's last place, set
    /// when the year is derived ([`resolve_open_bands`]); until then it is `lo`, so an open end
    /// never stands for more places than the year has.
    Open { lo: u32, hi: u32 },
    /// Listed in the year but without a place.
    Unranked,
}

impl Rank {
    /// The best and worst place this rank stands for, or `None` when unranked.
    #[must_use]
    pub fn bounds(self) -> Option<(u32, u32)> {
        match self {
            Self::Exact(n) => Some((n, n)),
            Self::Band { lo, hi } | Self::Open { lo, hi } => Some((lo, hi)),
            Self::Unranked => None,
        }
    }

    /// Whether the rank places the entity in the year's cohort.
    #[must_use]
    pub fn is_ranked(self) -> bool {
        !matches!(self, Self::Unranked)
    }

    /// Ordering for "rank order": by best place, then worst place; unranked last.
    #[must_use]
    pub fn order(self, other: Self) -> Ordering {
        match (self.bounds(), other.bounds()) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    /// Parses "12", "51-70", "51–70" (en dash) or "1001+". Returns `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(lo) = text.strip_suffix('+') {
            let lo: u32 = lo.trim().parse().ok()?;
            return (lo >= 1).then_some(Self::Open { lo, hi: lo });
        }
        if let Some((lo, hi)) = text.split_once(['-', '–', '—']) {
            let lo: u32 = lo.trim().parse().ok()?;
            let hi: u32 = hi.trim().parse().ok()?;
            return (lo >= 1 && lo < hi).then_some(Self::Band { lo, hi });
        }
        let n: u32 = text.parse().ok()?;
        (n >= 1).then_some(Self::Exact(n))
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact(n) => write!(f, "{n}"),
            Self::Open { lo, .. } => write!(f, "{lo}+"),
            Self::Band { lo, hi } => write!(f, "{lo}–{hi}"),
            Self::Unranked => f.write_str("–"),
        }
    }
}

/// The year's last place: the largest of the number of ranked records, every exact place and
/// band end, and, for each open band, its start plus its members less one. It is the end of
/// every open band of the year.
#[must_use]
pub fn last_place(ranks: &[Rank]) -> u32 {
    let ranked = ranks.iter().filter(|r| r.is_ranked()).count();
    let mut last = u32::try_from(ranked).unwrap_or(u32::MAX);
    let mut open_starts: Vec<u32> = Vec::new();
    for rank in ranks {
        match *rank {
            Rank::Exact(n) => last = last.max(n),
            Rank::Band { hi, .. } => last = last.max(hi),
            Rank::Open { lo, .. } => open_starts.push(lo),
            Rank::Unranked => {}
        }
    }
    open_starts.sort_unstable();
    for group in open_starts.chunk_by(|a, b| a == b) {
        let members = u32::try_from(group.len()).unwrap_or(u32::MAX);
        last = last.max(group[0].saturating_add(members - 1));
    }
    last
}

/// Ends every open band of a year's `ranks` at the year's [`last_place`].
pub fn resolve_open_bands(ranks: &mut [Rank]) {
    let last = last_place(ranks);
    for rank in ranks.iter_mut() {
        if let Rank::Open { lo, hi } = rank {
            *hi = last.max(*lo);
        }
    }
}

/// Competition ranking ("1-2-2-4") of scores where higher is better: an entity's place is one
/// more than the number of entities with a strictly higher score, so ties share the best place.
/// Missing scores are unranked. Scores are compared exactly, as they are stored.
#[must_use]
pub fn competition_ranks(scores: &[Option<f64>]) -> Vec<Rank> {
    let sums: Vec<f64> = scores.iter().map(|s| s.unwrap_or(f64::NAN)).collect();
    let mut places = vec![0; sums.len()];
    competition_ranks_into(&sums, &mut Vec::new(), &mut places);
    places
        .into_iter()
        .map(|place| {
            if place == 0 {
                Rank::Unranked
            } else {
                Rank::Exact(place)
            }
        })
        .collect()
}

/// Competition ranks of `sums` (higher is better, NaN unranked → 0) into `ranks`; `scratch`
/// ends up holding the ranked rows (score, row) best first, ties in row order.
pub fn competition_ranks_into(sums: &[f64], scratch: &mut Vec<(f64, u32)>, ranks: &mut [u32]) {
    scratch.clear();
    scratch.extend(
        sums.iter()
            .enumerate()
            .filter(|(_, s)| !s.is_nan())
            .map(|(row, &s)| (s, u32::try_from(row).unwrap_or(u32::MAX))),
    );
    scratch.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranks.fill(0);
    let mut place = 0_u32;
    let mut previous = f64::NAN;
    for (position, &(score, row)) in scratch.iter().enumerate() {
        // Equal scores share the best place; scores are compared exactly, as stored.
        #[expect(
            clippy::float_cmp,
            reason = "ties are exact equality, as in competition_ranks"
        )]
        if score != previous {
            place = u32::try_from(position + 1).unwrap_or(u32::MAX);
            previous = score;
        }
        if let Some(slot) = ranks.get_mut(row as usize) {
            *slot = place;
        }
    }
}

/// How an entity's rank moved since the previous year of the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankChange {
    /// Nothing to compare: the year is the dataset's first, or the entity is unranked this year.
    NotComparable,
    /// Ranked this year but not the year before.
    Entrant,
    /// Ranked in both years. `min_rise..=max_rise` bounds the rise in places (negative: a fall).
    /// Exact ranks give `min_rise == max_rise`; a band widens the interval.
    Moved { min_rise: i64, max_rise: i64 },
}

impl RankChange {
    /// The change from `previous` to `current`, both ranked.
    #[must_use]
    pub fn between(previous: Rank, current: Rank) -> Self {
        match (previous.bounds(), current.bounds()) {
            (Some((p_lo, p_hi)), Some((c_lo, c_hi))) => Self::Moved {
                min_rise: i64::from(p_lo) - i64::from(c_hi),
                max_rise: i64::from(p_hi) - i64::from(c_lo),
            },
            (None, Some(_)) => Self::Entrant,
            // An unranked current rank has no change; callers only ask for ranked entities.
            _ => Self::NotComparable,
        }
    }

    /// The rise that is certain (negative: a certain fall; 0 when none is), `None` when not comparable.
    #[must_use]
    pub fn guaranteed_rise(self) -> Option<i64> {
        match self {
            Self::Moved { min_rise, max_rise } => Some(if min_rise > 0 {
                min_rise
            } else if max_rise < 0 {
                max_rise
            } else {
                0
            }),
            _ => None,
        }
    }
}

impl fmt::Display for RankChange {
    /// "▲3", "▼2", "–", "new", "▲≥17" (a rise of at least 17), "▼≥5", or "≈" when a band
    /// overlaps the other year's place so the direction is unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::NotComparable => Ok(()),
            Self::Entrant => f.write_str("new"),
            Self::Moved { min_rise, max_rise } if min_rise == max_rise => match min_rise {
                0 => f.write_str("–"),
                r if r > 0 => write!(f, "▲{r}"),
                r => write!(f, "▼{}", -r),
            },
            Self::Moved { min_rise, .. } if min_rise > 0 => write!(f, "▲≥{min_rise}"),
            Self::Moved { max_rise, .. } if max_rise < 0 => write!(f, "▼≥{}", -max_rise),
            Self::Moved { .. } => f.write_str("≈"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_place_is_one_more_than_the_scores_strictly_higher() {
        // Ties, negative and positive zero (equal scores), missing scores, in many orders.
        let mut seed = 11_u64;
        for len in 0..120 {
            let scores: Vec<Option<f64>> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    match seed >> 60 {
                        0 => None,
                        1 => Some(-0.0),
                        2 => Some(0.0),
                        3 => Some(-1.5),
                        n => Some(f64::from(u32::try_from(n % 7).expect("small")) * 0.25),
                    }
                })
                .collect();
            let ranks = competition_ranks(&scores);
            for (i, score) in scores.iter().enumerate() {
                let want = score.map_or(Rank::Unranked, |s| {
                    let higher = scores.iter().flatten().filter(|&&o| o > s).count();
                    Rank::Exact(u32::try_from(higher + 1).expect("small"))
                });
                assert_eq!(ranks[i], want, "score {score:?} of {scores:?}");
            }
        }
    }

    #[test]
    fn ties_share_the_best_place_and_the_next_place_is_skipped() {
        let ranks = competition_ranks(&[Some(90.0), Some(85.5), Some(85.5), Some(70.0), None]);
        assert_eq!(
            ranks,
            vec![
                Rank::Exact(1),
                Rank::Exact(2),
                Rank::Exact(2),
                Rank::Exact(4),
                Rank::Unranked
            ]
        );
    }

    #[test]
    fn competition_ranking_ignores_input_order() {
        let ranks = competition_ranks(&[Some(1.0), Some(3.0), Some(2.0), Some(3.0)]);
        assert_eq!(
            ranks,
            vec![
                Rank::Exact(4),
                Rank::Exact(1),
                Rank::Exact(3),
                Rank::Exact(1)
            ]
        );
    }

    #[test]
    fn bands_parse_with_hyphen_or_en_dash_and_sort_by_band() {
        assert_eq!(Rank::parse("51-70"), Some(Rank::Band { lo: 51, hi: 70 }));
        assert_eq!(
            Rank::parse(" 71–100 "),
            Some(Rank::Band { lo: 71, hi: 100 })
        );
        assert_eq!(Rank::parse("12"), Some(Rank::Exact(12)));
        assert_eq!(Rank::parse("0"), None);
        assert_eq!(Rank::parse("70-51"), None);
        assert_eq!(Rank::parse("n/a"), None);
        let mut ranks = [
            Rank::Unranked,
            Rank::Band { lo: 71, hi: 100 },
            Rank::Exact(50),
            Rank::Band { lo: 51, hi: 70 },
        ];
        ranks.sort_by(|a, b| a.order(*b));
        assert_eq!(
            ranks,
            [
                Rank::Exact(50),
                Rank::Band { lo: 51, hi: 70 },
                Rank::Band { lo: 71, hi: 100 },
                Rank::Unranked
            ]
        );
        assert_eq!(Rank::Band { lo: 51, hi: 70 }.to_string(), "51–70");
    }

    #[test]
    fn exact_changes_read_as_arrows() {
        assert_eq!(
            RankChange::between(Rank::Exact(16), Rank::Exact(13)).to_string(),
            "▲3"
        );
        assert_eq!(
            RankChange::between(Rank::Exact(5), Rank::Exact(7)).to_string(),
            "▼2"
        );
        assert_eq!(
            RankChange::between(Rank::Exact(5), Rank::Exact(5)).to_string(),
            "–"
        );
        assert_eq!(
            RankChange::between(Rank::Unranked, Rank::Exact(5)).to_string(),
            "new"
        );
    }

    #[test]
    fn a_band_compares_as_a_band() {
        // 51–70 → 34 is a rise of at least 17 (and at most 36).
        let change = RankChange::between(Rank::Band { lo: 51, hi: 70 }, Rank::Exact(34));
        assert_eq!(
            change,
            RankChange::Moved {
                min_rise: 17,
                max_rise: 36
            }
        );
        assert_eq!(change.to_string(), "▲≥17");
        // 40 → 71–100 is a fall of at least 31.
        let change = RankChange::between(Rank::Exact(40), Rank::Band { lo: 71, hi: 100 });
        assert_eq!(change.to_string(), "▼≥31");
        // 60 → 51–70: the direction is unknown.
        let change = RankChange::between(Rank::Exact(60), Rank::Band { lo: 51, hi: 70 });
        assert_eq!(change.to_string(), "≈");
        assert_eq!(change.guaranteed_rise(), Some(0));
    }

    #[test]
    fn an_open_band_parses_and_ends_at_the_years_last_place() {
        assert_eq!(
            Rank::parse("1001+"),
            Some(Rank::Open { lo: 1001, hi: 1001 })
        );
        assert_eq!(
            Rank::parse(" 351 + "),
            Some(Rank::Open { lo: 351, hi: 351 })
        );
        assert_eq!(Rank::parse("+"), None);
        assert_eq!(Rank::parse("0+"), None);
        // 1000 exact places and 3 records at "1001+": the band is 1001–1003.
        let mut ranks: Vec<Rank> = (1..=1000).map(Rank::Exact).collect();
        ranks.extend([Rank::Open { lo: 1001, hi: 1001 }; 3]);
        ranks.push(Rank::Unranked);
        assert_eq!(last_place(&ranks), 1003);
        resolve_open_bands(&mut ranks);
        assert_eq!(ranks[1000], Rank::Open { lo: 1001, hi: 1003 });
        assert_eq!(ranks[1000].to_string(), "1001+", "shown as published");
        assert_eq!(ranks[1000].bounds(), Some((1001, 1003)));
        // A subset of a larger ranking: 5 rows, an exact 900 and "1001+" twice → last place 1002.
        let mut subset = vec![
            Rank::Exact(1),
            Rank::Exact(900),
            Rank::Open { lo: 1001, hi: 1001 },
            Rank::Open { lo: 1001, hi: 1001 },
            Rank::Band { lo: 501, hi: 600 },
        ];
        resolve_open_bands(&mut subset);
        assert_eq!(subset[2].bounds(), Some((1001, 1002)));
        // Only open bands: "351+" for all 4 runs 351–354.
        let mut open = vec![Rank::Open { lo: 351, hi: 351 }; 4];
        resolve_open_bands(&mut open);
        assert_eq!(open[0].bounds(), Some((351, 354)));
    }

    #[test]
    fn a_change_from_an_open_band_is_bounded_by_the_band() {
        // 1001+ (1001–1200) → 966: a rise of 35 to 234, never billions.
        let change = RankChange::between(Rank::Open { lo: 1001, hi: 1200 }, Rank::Exact(966));
        assert_eq!(
            change,
            RankChange::Moved {
                min_rise: 35,
                max_rise: 234
            }
        );
        assert_eq!(change.to_string(), "▲≥35");
    }
}
