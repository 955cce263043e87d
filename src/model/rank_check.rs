//! Checks a year's given exact places against its totals and says what it found: places
//! skipped (part of a larger ranking), ties followed too soon, a place shared by different
//! totals, equal totals placed apart, and a better place with a lower total.

/// One record as the check sees it: its index, its given exact place and its total.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub record: usize,
    pub place: u32,
    pub total: f64,
}

/// What the check found; records are the indices given in [`Placed::record`].
#[derive(Clone, Debug, PartialEq)]
pub enum RankFinding {
    /// After `count` record(s) at `place`, the next place is `next`, beyond the `expected`
    /// one of competition ranking: places are missing (the file may be part of a larger
    /// ranking). The first place given is a gap after place 0 when it is not 1.
    Gap {
        place: u32,
        count: usize,
        next: u32,
        expected: u32,
    },
    /// After `count` records tied at `place`, the next place is `next`, before the `expected`
    /// one: the tie took fewer places than it has members (e.g. 106, 106, 106, 108).
    TooSoon {
        place: u32,
        count: usize,
        next: u32,
        expected: u32,
    },
    /// Two records share `place` but their totals differ.
    SharedPlace { place: u32, a: usize, b: usize },
    /// Two records have the same total but different places.
    EqualTotals { a: usize, b: usize },
    /// `better` is placed ahead of `worse` but its total is lower.
    Inversion { better: usize, worse: usize },
}

/// Checks `placed` (any order). Neighbours in place order are compared, so each finding is
/// local: a record out of place gives an inversion with its neighbour, not one per record.
#[must_use]
pub fn check_places(placed: &[Placed]) -> Vec<RankFinding> {
    let mut sorted = placed.to_vec();
    // A stable sort keeps the source order within a place.
    sorted.sort_by_key(|p| p.place);
    let mut findings = Vec::new();
    let mut expected = 1_u32;
    let mut previous_place = 0_u32;
    let mut tie_count = 0_usize;
    for group in sorted.chunk_by(|a, b| a.place == b.place) {
        let place = group[0].place;
        if place > expected {
            findings.push(RankFinding::Gap {
                place: previous_place,
                count: tie_count,
                next: place,
                expected,
            });
        } else if place < expected {
            findings.push(RankFinding::TooSoon {
                place: previous_place,
                count: tie_count,
                next: place,
                expected,
            });
        }
        let count = u32::try_from(group.len()).unwrap_or(u32::MAX);
        expected = place.saturating_add(count);
        previous_place = place;
        tie_count = group.len();
    }
    #[expect(clippy::float_cmp, reason = "a published tie is exact equality")]
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.place == b.place {
            if a.total != b.total {
                findings.push(RankFinding::SharedPlace {
                    place: a.place,
                    a: a.record,
                    b: b.record,
                });
            }
        } else if a.total == b.total {
            findings.push(RankFinding::EqualTotals {
                a: a.record,
                b: b.record,
            });
        } else if a.total < b.total {
            findings.push(RankFinding::Inversion {
                better: a.record,
                worse: b.record,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(rows: &[(u32, f64)]) -> Vec<Placed> {
        rows.iter()
            .enumerate()
            .map(|(record, &(place, total))| Placed {
                record,
                place,
                total,
            })
            .collect()
    }

    #[test]
    fn a_consistent_competition_ranking_has_no_findings() {
        let rows = placed(&[(1, 90.0), (2, 80.0), (2, 80.0), (4, 70.0), (5, 60.0)]);
        assert_eq!(check_places(&rows), Vec::new());
    }

    #[test]
    fn a_subset_of_a_larger_ranking_is_a_gap_not_a_disagreement() {
        // Ranks 1, 5 and 969 of a larger list: places are missing, the order agrees.
        let rows = placed(&[(969, 10.0), (1, 99.0), (5, 80.0)]);
        assert_eq!(
            check_places(&rows),
            vec![
                RankFinding::Gap {
                    place: 1,
                    count: 1,
                    next: 5,
                    expected: 2
                },
                RankFinding::Gap {
                    place: 5,
                    count: 1,
                    next: 969,
                    expected: 6
                },
            ]
        );
        let late_start = placed(&[(3, 50.0)]);
        assert_eq!(
            check_places(&late_start),
            vec![RankFinding::Gap {
                place: 0,
                count: 0,
                next: 3,
                expected: 1
            }]
        );
    }

    #[test]
    fn a_tie_followed_too_soon_is_named() {
        let rows = placed(&[
            (105, 81.0),
            (106, 80.0),
            (106, 80.0),
            (106, 80.0),
            (108, 79.0),
        ]);
        let rows: Vec<Placed> = std::iter::once(Placed {
            record: 99,
            place: 1,
            total: 100.0,
        })
        .chain(rows)
        .collect();
        let findings = check_places(&rows);
        assert!(findings.contains(&RankFinding::TooSoon {
            place: 106,
            count: 3,
            next: 108,
            expected: 109
        }));
    }

    #[test]
    fn duplicates_equal_totals_and_inversions_are_told_apart() {
        let rows = placed(&[(1, 90.0), (2, 80.0), (2, 79.0), (4, 79.0), (5, 85.0)]);
        assert_eq!(
            check_places(&rows),
            vec![
                RankFinding::SharedPlace {
                    place: 2,
                    a: 1,
                    b: 2
                },
                RankFinding::EqualTotals { a: 2, b: 3 },
                RankFinding::Inversion {
                    better: 3,
                    worse: 4
                },
            ]
        );
    }
}
