//! "Does the total add up?": the published total fitted as a non-negative weighted sum of the
//! published capacity scores (least squares, no intercept), and how well the reproduced totals
//! reproduce the published ranking.

use crate::model::{Dataset, Rank, RankChange};

use super::correlation::{kendall_tau_b, spearman};

/// One entity of the fit.
#[derive(Clone, Debug, PartialEq)]
pub struct FitRow {
    pub record: usize,
    pub entity: usize,
    pub published_total: f64,
    pub reproduced_total: f64,
    /// The published rank counted among the fitted entities (one left out for a missing score
    /// moves no one else); the published rank itself when none is left out.
    pub published_rank: Rank,
    /// Competition rank of the reproduced total among the fitted entities.
    pub reproduced_rank: u32,
    /// Published rank − reproduced rank (positive: the reproduction places it higher); an
    /// interval for a band.
    pub delta: RankChange,
}

/// The fit of one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub year: i32,
    /// Per capacity: the fitted weight (≥ 0), on the scores' own scale.
    pub weights: Vec<f64>,
    /// 1 − SS(residual) / SS(total around its mean); 1 is a perfect fit.
    pub r_squared: f64,
    /// Root mean square of the residuals, in total points.
    pub rmse: f64,
    /// Spearman's ρ between published and reproduced ranks (bands count as ties).
    pub spearman: Option<f64>,
    /// Kendall's τ-b between published and reproduced ranks.
    pub kendall: Option<f64>,
    /// The entities fitted (ranked, with a total and every capacity score), in official order.
    pub rows: Vec<FitRow>,
    /// Ranked entities left out for a missing total or score.
    pub left_out: usize,
}

/// Why a year cannot be fitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FitError {
    NoYear,
    /// Fewer complete entities than capacities + 1.
    TooFewRows {
        rows: usize,
        needed: usize,
    },
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoYear => f.write_str("no such year"),
            Self::TooFewRows { rows, needed } => write!(
                f,
                "{rows} entities have a total and every capacity score; the fit needs {needed}"
            ),
        }
    }
}

impl std::error::Error for FitError {}

impl Fit {
    /// The fitted weights divided by their sum (all zero when they sum to zero): each
    /// capacity's share. R² and the RMSE belong to [`Fit::weights`], not to these.
    #[must_use]
    pub fn normalized_weights(&self) -> Vec<f64> {
        let sum: f64 = self.weights.iter().sum();
        self.weights
            .iter()
            .map(|w| if sum > 0.0 { w / sum } else { 0.0 })
            .collect()
    }

    /// Up to `n` rows whose reproduced rank differs from the published one (lies outside a
    /// band), furthest first, then by the size of the residual; indices into [`Fit::rows`].
    /// Rows whose rank is reproduced are never listed, however large their residual.
    #[must_use]
    pub fn largest_deviations(&self, n: usize) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..self.rows.len())
            .filter(|&r| {
                self.rows[r]
                    .delta
                    .guaranteed_rise()
                    .is_some_and(|rise| rise != 0)
            })
            .collect();
        let key = |r: &FitRow| {
            (
                r.delta.guaranteed_rise().map_or(0, i64::abs),
                (r.reproduced_total - r.published_total).abs(),
            )
        };
        rows.sort_by(|&a, &b| {
            let (ka, kb) = (key(&self.rows[a]), key(&self.rows[b]));
            kb.0.cmp(&ka.0).then(kb.1.total_cmp(&ka.1))
        });
        rows.truncate(n);
        rows
    }
}

/// Fits year index `year_index`'s totals on its capacity scores.
pub fn fit_year(data: &Dataset, year_index: usize) -> Result<Fit, FitError> {
    let year = data.years.get(year_index).ok_or(FitError::NoYear)?;
    let k = data.meta.capacities.len();
    let complete: Vec<(usize, f64, Vec<f64>)> = year
        .derived
        .order
        .iter()
        .filter_map(|r| {
            let record = year.record(r)?;
            let total = record.total().filter(|t| t.is_finite())?;
            let scores: Vec<f64> = (0..k)
                .map(|c| record.score(c).filter(|v| v.is_finite()))
                .collect::<Option<_>>()?;
            Some((r, total, scores))
        })
        .collect();
    if complete.len() < k + 1 {
        return Err(FitError::TooFewRows {
            rows: complete.len(),
            needed: k + 1,
        });
    }
    // A component that runs against the total (a place beside a score, or a score beside a
    // lower-is-better total) is read turned round, reflected within its range, so that its
    // weight can be non-negative.
    let columns: Vec<Vec<f64>> = (0..k)
        .map(|c| {
            let column: Vec<f64> = complete.iter().map(|(_, _, s)| s[c]).collect();
            let direction = data.meta.capacities[c].direction;
            if direction == data.meta.total_direction {
                return column;
            }
            let (lo, hi) = column
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            column.iter().map(|v| lo + hi - v).collect()
        })
        .collect();
    let totals: Vec<f64> = complete.iter().map(|(_, t, _)| *t).collect();
    let weights = nnls(&columns, &totals);
    let reproduced: Vec<f64> = (0..totals.len())
        .map(|i| {
            columns
                .iter()
                .zip(&weights)
                .map(|(col, w)| col[i] * w)
                .sum()
        })
        .collect();
    let residual: f64 = totals
        .iter()
        .zip(&reproduced)
        .map(|(t, r)| (t - r) * (t - r))
        .sum();
    #[expect(clippy::cast_precision_loss, reason = "cohorts far below 2^52")]
    let n = totals.len() as f64;
    let mean = totals.iter().sum::<f64>() / n;
    let spread: f64 = totals.iter().map(|t| (t - mean) * (t - mean)).sum();
    let r_squared = if spread > 0.0 {
        1.0 - residual / spread
    } else if residual == 0.0 {
        1.0
    } else {
        0.0
    };
    let direction = data.meta.total_direction;
    let ranks = crate::model::competition_ranks(
        &reproduced
            .iter()
            .map(|&r| Some(direction.oriented(r)))
            .collect::<Vec<_>>(),
    );
    // The published ranks re-counted among the fitted entities: one left out for a missing
    // score moves no one else.
    let published_all: Vec<Rank> = complete
        .iter()
        .map(|(record, _, _)| {
            year.derived
                .ranks
                .get(*record)
                .copied()
                .unwrap_or(Rank::Unranked)
        })
        .collect();
    let within =
        super::composite::official_within(&published_all, &vec![Some(1); published_all.len()]);
    let rows: Vec<FitRow> = complete
        .iter()
        .zip(&reproduced)
        .zip(&ranks)
        .zip(&within)
        .map(
            |((((record, total, _), &reproduced_total), &rank), within)| {
                let published_rank = within.unwrap_or(Rank::Unranked);
                let reproduced_rank = match rank {
                    Rank::Exact(r) => r,
                    _ => u32::MAX,
                };
                FitRow {
                    record: *record,
                    entity: year.records[*record].entity(),
                    published_total: *total,
                    reproduced_total,
                    published_rank,
                    reproduced_rank,
                    delta: RankChange::between(published_rank, Rank::Exact(reproduced_rank)),
                }
            },
        )
        .collect();
    // Both as "lower is better" keys: a band's members share its middle place.
    let published: Vec<f64> = rows
        .iter()
        .map(|r| {
            r.published_rank.bounds().map_or(f64::INFINITY, |(lo, hi)| {
                f64::midpoint(f64::from(lo), f64::from(hi))
            })
        })
        .collect();
    let reproduced_keys: Vec<f64> = rows.iter().map(|r| f64::from(r.reproduced_rank)).collect();
    Ok(Fit {
        year: year.year,
        r_squared,
        rmse: (residual / n).sqrt(),
        spearman: spearman(&published, &reproduced_keys),
        kendall: kendall_tau_b(&published, &reproduced_keys),
        left_out: year.derived.order.len() - rows.len(),
        rows,
        weights,
    })
}

/// Non-negative least squares, min ‖Σ wⱼ·columnⱼ − y‖ subject to w ≥ 0, by the active-set
/// method of Lawson and Hanson (1974, ch. 23). Suits a handful of columns.
#[must_use]
pub fn nnls(columns: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let k = columns.len();
    let mut current = vec![0.0; k];
    let mut passive = vec![false; k];
    let scale = columns
        .iter()
        .map(|c| c.iter().map(|value| value * value).sum::<f64>().sqrt())
        .fold(0.0, f64::max)
        * y.iter().map(|value| value * value).sum::<f64>().sqrt();
    #[expect(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
    let tolerance = 10.0 * f64::EPSILON * scale * (y.len().max(k) as f64);
    // The gradient of −½‖r‖²: positive where raising a weight would lower the residual.
    let gradient = |at: &[f64]| -> Vec<f64> {
        let residual: Vec<f64> = (0..y.len())
            .map(|i| {
                y[i] - columns
                    .iter()
                    .zip(at)
                    .map(|(c, weight)| c[i] * weight)
                    .sum::<f64>()
            })
            .collect();
        columns
            .iter()
            .map(|c| c.iter().zip(&residual).map(|(entry, r)| entry * r).sum())
            .collect()
    };
    for _ in 0..3 * k + 3 {
        let gradient_now = gradient(&current);
        let Some(enter) = (0..k)
            .filter(|&j| !passive[j] && gradient_now[j] > tolerance)
            .max_by(|&first, &second| gradient_now[first].total_cmp(&gradient_now[second]))
        else {
            break;
        };
        passive[enter] = true;
        for _ in 0..3 * k + 3 {
            let chosen: Vec<usize> = (0..k).filter(|&j| passive[j]).collect();
            let Some(unconstrained) = least_squares(
                &chosen.iter().map(|&j| &columns[j][..]).collect::<Vec<_>>(),
                y,
            ) else {
                passive[enter] = false;
                break;
            };
            let mut trial = vec![0.0; k];
            for (&j, &value) in chosen.iter().zip(&unconstrained) {
                trial[j] = value;
            }
            if chosen.iter().all(|&j| trial[j] > 0.0) {
                current = trial;
                break;
            }
            // Step towards the trial as far as feasibility allows; drop the weights that reach 0.
            let Some((alpha, hit)) = chosen
                .iter()
                .filter(|&&j| trial[j] <= 0.0)
                .map(|&j| (current[j] / (current[j] - trial[j]), j))
                .min_by(|first, second| first.0.total_cmp(&second.0))
            else {
                break;
            };
            for j in 0..k {
                current[j] += alpha * (trial[j] - current[j]);
                if passive[j] && (j == hit || current[j] <= 0.0) {
                    current[j] = 0.0;
                    passive[j] = false;
                }
            }
        }
    }
    current
}

/// Unconstrained least squares on `columns` by Householder QR; `None` when they are (nearly)
/// linearly dependent.
fn least_squares(columns: &[&[f64]], y: &[f64]) -> Option<Vec<f64>> {
    let width = columns.len();
    let count = y.len();
    if width == 0 || count < width {
        return None;
    }
    let mut matrix: Vec<Vec<f64>> = columns.iter().map(|c| c.to_vec()).collect();
    let mut rhs = y.to_vec();
    let largest = matrix
        .iter()
        .map(|c| c.iter().map(|value| value * value).sum::<f64>().sqrt())
        .fold(0.0, f64::max);
    for k in 0..width {
        let norm = matrix[k][k..]
            .iter()
            .map(|value| value * value)
            .sum::<f64>()
            .sqrt();
        if norm <= largest * 1e-12 {
            return None;
        }
        let alpha = if matrix[k][k] > 0.0 { -norm } else { norm };
        let mut reflector: Vec<f64> = matrix[k][k..].to_vec();
        reflector[0] -= alpha;
        let reflector_norm2: f64 = reflector.iter().map(|value| value * value).sum();
        if reflector_norm2 > 0.0 {
            let reflect = |target: &mut [f64]| {
                let dot: f64 = reflector
                    .iter()
                    .zip(target.iter())
                    .map(|(r, t)| r * t)
                    .sum();
                let factor = 2.0 * dot / reflector_norm2;
                for (entry, r) in target.iter_mut().zip(&reflector) {
                    *entry -= factor * r;
                }
            };
            for column in matrix.iter_mut().skip(k) {
                reflect(&mut column[k..]);
            }
            reflect(&mut rhs[k..]);
        }
    }
    let mut solution = vec![0.0; width];
    for i in (0..width).rev() {
        let known: f64 = (i + 1..width).map(|j| matrix[j][i] * solution[j]).sum();
        solution[i] = (rhs[i] - known) / matrix[i][i];
    }
    Some(solution)
}
