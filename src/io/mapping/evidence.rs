//! Roles read from a column's values where no header names them: the name (text unique within
//! each year), the total (falls as the rank rises) and the rank (whole places that rise as the
//! total falls, or count up from 1 down the file).

use super::super::header_words::{HeaderRole, Scores, header_words};
use super::super::values::{is_missing, parse_number, parse_rank};
use super::Role;

/// With no header naming the entities: the text column (free, or taken for a group) whose
/// sample values are all present and unique within each year, the one whose header points most
/// to a name first, then the leftmost. A `Country` column of a ranking of countries.
pub(super) fn name_by_values(
    headers: &[String],
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
    scores: &[Scores],
) -> Option<usize> {
    let year_column = roles.iter().position(|r| *r == Some(Role::Year));
    let unique = |index: usize| unique_within_years(sample, index, year_column);
    let mut free: Vec<usize> = (0..headers.len())
        .filter(|&i| matches!(roles[i], None | Some(Role::Province)) && !numeric[i] && unique(i))
        .collect();
    free.sort_by(|&a, &b| {
        scores[b]
            .of(HeaderRole::Name)
            .total_cmp(&scores[a].of(HeaderRole::Name))
            .then(a.cmp(&b))
    });
    free.first().copied()
}

/// Whether the sample's values in column `index` are all present and unique within each year
/// (the value of `year_column`, if any), over at least two rows: what names or ids an entity.
pub(super) fn unique_within_years(
    sample: &[Vec<String>],
    index: usize,
    year_column: Option<usize>,
) -> bool {
    let mut seen: Vec<(Option<&str>, &str)> = Vec::new();
    for row in sample {
        let Some(value) = row.get(index).map(|v| v.trim()) else {
            return false;
        };
        let year = year_column.and_then(|y| row.get(y)).map(String::as_str);
        if is_missing(value) || seen.contains(&(year, value)) {
            return false;
        }
        seen.push((year, value));
    }
    seen.len() >= 2
}

/// With a rank column but no header naming the total: the free numeric column whose sample
/// values fall as the rank rises, in at least 95 % of the pairs of rows with different places
/// (`Human Development Index (HDI)` beside `HDI Rank`); of several, the most consistent, then
/// the leftmost, with the share of pairs. Rows whose rank or value is missing or unreadable are
/// left out.
pub(super) fn total_by_rank(
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
) -> Option<(usize, f64)> {
    let rank_column = roles.iter().position(|r| *r == Some(Role::Rank))?;
    let places = places(sample, rank_column);
    let mut best: Option<(f64, usize)> = None;
    for index in (0..roles.len()).filter(|&i| roles[i].is_none() && numeric[i]) {
        let Some(share) = falls_as_rank_rises(sample, &places, index) else {
            continue;
        };
        if share >= 0.95 && best.is_none_or(|(s, _)| share > s) {
            best = Some((share, index));
        }
    }
    best.map(|(share, index)| (index, share))
}

/// The places of `column` per sample row (a band by its first place), `None` where unreadable.
fn places(sample: &[Vec<String>], column: usize) -> Vec<Option<u32>> {
    sample
        .iter()
        .map(|row| {
            let rank = parse_rank(row.get(column)?).ok()??;
            rank.bounds().map(|(lo, _)| lo)
        })
        .collect()
}

/// With a total but no header naming the rank: the free numeric column of whole places (1 or
/// more) that rise as the total falls in at least 95 % of the pairs of rows; with no total
/// either, one that starts at 1 and never falls down the file (a list sorted by rank). The
/// leftmost such column, with the share of agreeing pairs (1 for a column counting down the file).
pub(super) fn rank_by_values(
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
) -> Option<(usize, f64)> {
    let total = roles.iter().position(|r| *r == Some(Role::Total));
    (0..roles.len())
        .filter(|&i| roles[i].is_none() && numeric[i])
        .find_map(|index| {
            let places = places(sample, index);
            let whole = sample
                .iter()
                .zip(&places)
                .filter(|(row, _)| row.get(index).is_some_and(|v| !is_missing(v)))
                .all(|(row, place)| {
                    place.is_some() && row.get(index).is_some_and(|v| !v.contains('.'))
                });
            let present: Vec<u32> = places.iter().flatten().copied().collect();
            if !whole || present.len() < 3 {
                return None;
            }
            match total {
                Some(total) => {
                    let share = falls_as_rank_rises(sample, &places, total)?;
                    (share >= 0.95).then_some((index, share))
                }
                None => (present.first() == Some(&1) && present.windows(2).all(|w| w[0] <= w[1]))
                    .then_some((index, 1.0)),
            }
        })
}

/// The share of pairs of rows with different places in which the row placed better has the
/// higher (or equal) value in `column`; `None` with fewer than 3 such pairs.
fn falls_as_rank_rises(
    sample: &[Vec<String>],
    places: &[Option<u32>],
    column: usize,
) -> Option<f64> {
    let pairs: Vec<(u32, f64)> = sample
        .iter()
        .zip(places)
        .filter_map(|(row, place)| {
            let value = parse_number(row.get(column)?).ok()??;
            Some(((*place)?, value))
        })
        .collect();
    let (mut agree, mut compared) = (0_u32, 0_u32);
    for (i, a) in pairs.iter().enumerate() {
        for b in &pairs[i + 1..] {
            if a.0 == b.0 {
                continue;
            }
            compared += 1;
            let (better, worse) = if a.0 < b.0 { (a, b) } else { (b, a) };
            if better.1 >= worse.1 {
                agree += 1;
            }
        }
    }
    (compared >= 3).then(|| f64::from(agree) / f64::from(compared))
}

/// With no total to fit, how far outside the scale of the other figures one must lie to be taken
/// for an extra column: its typical size over this many times theirs (a population of millions
/// beside scores out of 100).
const FAR_OUTSIDE: f64 = 1000.0;

/// The least share of the total's spread the free numeric columns must explain before a column
/// the fit gives no weight is taken for an extra column.
const EXPLAINED: f64 = 0.98;

/// Free numeric columns that are figures beside the ranking rather than components of its
/// score, each with its reason: with a total, those the non-negative fit of the total on the
/// free numeric columns gives no weight while the others explain it (R² ≥ [`EXPLAINED`] on the
/// sample rows with every value present); with none, those [`far_outside`] the others' scale.
/// (Raw inputs of an index on their own scales, a life expectancy of 80 beside an index of 0.9,
/// are not taken for extras: the total is not a weighted sum of them, so the fit says nothing.)
pub(super) fn extras_by_values(
    headers: &[String],
    sample: &[Vec<String>],
    roles: &[Option<Role>],
    numeric: &[bool],
) -> Vec<(usize, String)> {
    let values = |column: usize| -> Vec<Option<f64>> {
        sample
            .iter()
            .map(|row| parse_number(row.get(column)?).ok().flatten())
            .collect()
    };
    let free: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i].is_none() && numeric[i])
        .collect();
    let Some(total) = roles.iter().position(|r| *r == Some(Role::Total)) else {
        return far_outside(&free, &values);
    };
    let candidates = free;
    let mut extras = Vec::new();
    let columns: Vec<Vec<Option<f64>>> = candidates.iter().map(|&c| values(c)).collect();
    let totals = values(total);
    let complete: Vec<usize> = (0..sample.len())
        .filter(|&r| totals[r].is_some() && columns.iter().all(|c| c[r].is_some()))
        .collect();
    if candidates.len() < 2 || complete.len() < candidates.len() + 3 {
        return extras;
    }
    let y: Vec<f64> = complete.iter().filter_map(|&r| totals[r]).collect();
    let all_xs: Vec<Vec<f64>> = columns
        .iter()
        .map(|c| complete.iter().filter_map(|&r| c[r]).collect())
        .collect();
    // Of two columns that are multiples of each other (FIFA's `last_year_avg` and
    // `last_year_avg_weighted`), the total needs one: the weighted one, else the first.
    let weighted = |c: usize| {
        header_words(&headers[c])
            .words
            .iter()
            .any(|w| w == "weighted" || w.contains("加权"))
    };
    for (i, &a) in candidates.iter().enumerate() {
        for (j, &b) in candidates.iter().enumerate().skip(i + 1) {
            let Some(ratio) = multiple(&all_xs[j], &all_xs[i]) else {
                continue;
            };
            let (keep, drop, factor) = if weighted(a) && !weighted(b) {
                (a, b, ratio)
            } else if weighted(b) && !weighted(a) {
                (b, a, 1.0 / ratio)
            } else {
                (a, b, ratio)
            };
            if extras.iter().any(|(e, _)| *e == drop || *e == keep) {
                continue;
            }
            let how = if (factor - 1.0).abs() <= 1e-3 {
                "the same as".to_owned()
            } else {
                format!("{} × those of", short_number(factor))
            };
            extras.push((
                drop,
                format!(
                    "its values are {how} \"{}\": the total needs only one of them; a figure beside the ranking, not a score",
                    headers[keep]
                ),
            ));
        }
    }
    let (fitted, xs): (Vec<usize>, Vec<Vec<f64>>) = candidates
        .iter()
        .zip(all_xs)
        .filter(|(c, _)| !extras.iter().any(|(e, _)| e == *c))
        .map(|(&c, x)| (c, x))
        .unzip();
    if fitted.len() < 2 {
        return extras;
    }
    let weights = crate::model::whatif::nnls(&xs, &y);
    #[expect(clippy::cast_precision_loss, reason = "a sample of rows")]
    let mean = y.iter().sum::<f64>() / y.len() as f64;
    let spread: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let residual: f64 = (0..y.len())
        .map(|i| {
            let fitted: f64 = xs.iter().zip(&weights).map(|(x, w)| x[i] * w).sum();
            (y[i] - fitted).powi(2)
        })
        .sum();
    let explained = if spread > 0.0 {
        1.0 - residual / spread
    } else {
        0.0
    };
    if explained < EXPLAINED {
        return extras;
    }
    for (&column, (x, &weight)) in fitted.iter().zip(xs.iter().zip(&weights)) {
        #[expect(clippy::cast_precision_loss, reason = "a sample of rows")]
        let share = weight * x.iter().map(|v| v.abs()).sum::<f64>() / x.len() as f64 / mean.abs();
        if share < 0.001 {
            extras.push((
                column,
                format!(
                    "the other columns explain the total without it (non-negative fit, R² {explained:.3}): a figure beside the ranking, not a score"
                ),
            ));
        }
    }
    extras
}

/// Free columns whose typical size is over [`FAR_OUTSIDE`] times the typical size of the free
/// columns (the median of their medians), with the reason.
fn far_outside(free: &[usize], values: &dyn Fn(usize) -> Vec<Option<f64>>) -> Vec<(usize, String)> {
    let sizes: Vec<(usize, f64)> = free
        .iter()
        .filter_map(|&c| {
            Some((
                c,
                median(values(c).iter().flatten().map(|v| v.abs()).collect())?,
            ))
        })
        .collect();
    let Some(reference) = median(sizes.iter().map(|&(_, s)| s).collect()).filter(|r| *r > 0.0)
    else {
        return Vec::new();
    };
    sizes
        .into_iter()
        .filter(|&(_, typical)| typical > FAR_OUTSIDE * reference)
        .map(|(column, typical)| {
            (
                column,
                format!(
                    "its values (typically {}) are far outside the scale of the other figures ({}): a figure beside the ranking, not a score",
                    short_number(typical),
                    short_number(reference)
                ),
            )
        })
        .collect()
}

/// The constant `k` with `b = k · a` on every row where both are non-zero (within 0.1 %), over
/// at least five such rows.
fn multiple(b: &[f64], a: &[f64]) -> Option<f64> {
    let ratios: Vec<f64> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.abs() > 1e-9 && y.abs() > 1e-9)
        .map(|(x, y)| y / x)
        .collect();
    let first = *ratios.first()?;
    (ratios.len() >= 5 && ratios.iter().all(|r| ((r - first) / first).abs() <= 1e-3))
        .then_some(first)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values[values.len() / 2])
}

/// A size as a reason shows it: `1.2 M`, `35,000`, `90.5`.
fn short_number(value: f64) -> String {
    if value >= 1e6 {
        format!("{:.1} M", value / 1e6)
    } else if value >= 1e3 {
        format!("{value:.0}")
    } else {
        format!("{value:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

/// The least strength of the opposite order (Spearman's ρ against the total, or along the rank)
/// that makes a column of places a component where lower is better.
const OPPOSITE: f64 = 0.5;

/// Words of a header that says lower is better.
const LOWER_WORDS: [&str; 4] = ["lower is better", "lower better", "越低越好", "越小越好"];

fn says_lower(header: &str) -> bool {
    let lowered = header.to_lowercase();
    LOWER_WORDS.iter().any(|w| lowered.contains(w))
}

/// Why the total is lower-is-better, if it is: its header says so, or it rises as the rank falls
/// in at least 95 % of the pairs of sample rows with different places (a peace index: 1.1 is
/// first).
pub(super) fn total_lower_is_better(
    headers: &[String],
    sample: &[Vec<String>],
    roles: &[Option<Role>],
) -> Option<String> {
    let total = roles.iter().position(|r| *r == Some(Role::Total))?;
    if says_lower(&headers[total]) {
        return Some("its header says lower is better".to_owned());
    }
    let rank = roles.iter().position(|r| *r == Some(Role::Rank))?;
    let share = falls_as_rank_rises(sample, &places(sample, rank), total)?;
    (share <= 0.05).then(|| {
        format!(
            "it rises as the rank falls ({:.0} % of pairs of rows): lower is better",
            (1.0 - share) * 100.0
        )
    })
}

/// What a component's header and values say of its direction.
pub(super) enum Opposite {
    /// The header says lower is better ("lower is better", "越低越好").
    Said,
    /// Spearman's ρ of the values against the ranking's order (the total turned so that higher
    /// is better, or with no total, the rank), and whether they are whole places (1 or more).
    Against { rho: f64, places: bool },
}

/// What a component's header and values say of its direction (CWUR's `quality_of_education` = 7
/// means 7th); `None` with fewer than five rows to compare.
pub(super) fn opposite(
    header: &str,
    sample: &[Vec<String>],
    column: usize,
    (total, rank): (Option<usize>, Option<usize>),
    total_lower: bool,
) -> Option<Opposite> {
    if says_lower(header) {
        return Some(Opposite::Said);
    }
    let mut places = true;
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for row in sample {
        let Some(value) = row.get(column).and_then(|v| parse_number(v).ok().flatten()) else {
            continue;
        };
        places &= value >= 1.0 && value.fract() == 0.0;
        let against = match (total, rank) {
            (Some(t), _) => row
                .get(t)
                .and_then(|v| parse_number(v).ok().flatten())
                .map(|t| if total_lower { -t } else { t }),
            (None, Some(r)) => row
                .get(r)
                .and_then(|v| parse_rank(v).ok().flatten())
                .and_then(crate::model::Rank::bounds)
                .map(|(lo, _)| -f64::from(lo)),
            (None, None) => None,
        };
        if let Some(against) = against {
            pairs.push((value, against));
        }
    }
    if pairs.len() < 5 {
        return None;
    }
    let (values, against): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
    let rho = crate::model::whatif::spearman(&values, &against)?;
    Some(Opposite::Against { rho, places })
}

/// Which components are lower-is-better, with the reason, from what [`opposite`] found for
/// each: those whose header says so; those of whole places that run against the ranking's order
/// with ρ ≤ −[`OPPOSITE`], and once one has, the other components of whole places that run
/// against it at all (ρ < 0), as pillars published as places go together; and where the total
/// is lower-is-better, every component that runs with it (ρ < 0 against the order).
pub(super) fn lower_is_better(
    found: &[Option<Opposite>],
    total_lower: bool,
) -> Vec<Option<String>> {
    let strong = found
        .iter()
        .any(|f| matches!(f, Some(Opposite::Against { rho, places: true }) if *rho <= -OPPOSITE));
    found
        .iter()
        .map(|f| match f {
            Some(Opposite::Said) => Some("its header says lower is better".to_owned()),
            Some(Opposite::Against { rho, places: true }) if *rho <= -OPPOSITE => Some(format!(
                "its values are whole places that run against the ranking's order (ρ = {rho:.2}): lower is better"
            )),
            Some(Opposite::Against { rho, places: true }) if strong && *rho < 0.0 => Some(format!(
                "its values are whole places that run against the ranking's order (ρ = {rho:.2}), like the other pillars published as places: lower is better"
            )),
            Some(Opposite::Against { rho, .. }) if total_lower && *rho < 0.0 => Some(format!(
                "it runs with the total, where lower is better (ρ = {:.2}): lower is better",
                -rho
            )),
            _ => None,
        })
        .collect()
}
