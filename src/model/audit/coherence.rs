//! Does the index hang together? Correlations of the capacities, the indicators and the total
//! (Pearson and Spearman, over the entities that have both values), each capacity's correlation
//! with the total and its effective weight beside its nominal one, Cronbach's alpha of each
//! capacity's indicators, and flags for components that pull the wrong way or say the same thing.
//! Lower-is-better components are turned round first, so a positive correlation always means
//! "better together".

use crate::model::whatif::{Weights, pearson, spearman};
use crate::model::{Dataset, Direction};

/// A column of the correlation matrices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Component {
    Capacity(usize),
    Indicator(usize),
    Total,
}

/// One capacity's part in the total.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CapacityCoherence {
    pub capacity: usize,
    /// Pearson's r with the total.
    pub r_with_total: Option<f64>,
    /// Its share of the total's explained variance: r² with the total over the sum of every
    /// capacity's r².
    pub effective_weight: Option<f64>,
    /// The dataset's weight, normalised to sum 1.
    pub nominal_weight: f64,
    /// Cronbach's alpha of its indicators (standardised), `None` with fewer than two.
    pub alpha: Option<f64>,
    pub indicators: usize,
}

/// A pair (or a component and the total) worth a look.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum CoherenceFlag {
    /// Correlated negatively: the index adds things that pull against each other.
    Negative(Component, Component, f64),
    /// |r| above [`REDUNDANT`]: the two say nearly the same thing and count it twice.
    Redundant(Component, Component, f64),
}

/// The correlation above which two components are flagged as redundant.
pub const REDUNDANT: f64 = 0.92;

/// The coherence of one year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Coherence {
    pub year: i32,
    /// The columns, in order: capacities, indicators, the total.
    pub components: Vec<Component>,
    /// Square matrices over `components`; `None` where a side is constant or fewer than three
    /// entities have both values.
    pub pearson: Vec<Vec<Option<f64>>>,
    pub spearman: Vec<Vec<Option<f64>>>,
    pub capacities: Vec<CapacityCoherence>,
    pub flags: Vec<CoherenceFlag>,
}

/// Per component, per ranked record of the year: the value turned round when lower is better
/// (NaN when missing).
fn columns(data: &Dataset, year_index: usize, components: &[Component]) -> Vec<Vec<f64>> {
    let Some(year) = data.years.get(year_index) else {
        return Vec::new();
    };
    let rows = &year.derived.order;
    components
        .iter()
        .map(|component| {
            rows.iter()
                .map(|r| {
                    let Some(record) = year.record(r) else {
                        return f64::NAN;
                    };
                    let (value, direction) = match *component {
                        Component::Capacity(c) => (
                            record.score(c),
                            data.meta.capacities.get(c).map(|c| c.direction),
                        ),
                        Component::Indicator(i) => (
                            record.indicator(i),
                            data.meta.indicators.get(i).map(|i| i.direction),
                        ),
                        Component::Total => (record.total(), Some(data.meta.total_direction)),
                    };
                    let direction = direction.unwrap_or(Direction::HigherIsBetter);
                    value
                        .filter(|v| v.is_finite())
                        .map_or(f64::NAN, |v| direction.oriented(v))
                })
                .collect()
        })
        .collect()
}

/// The pairs of `x` and `y` where both are present.
fn complete(x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<f64>) {
    x.iter()
        .zip(y)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(a, b)| (*a, *b))
        .unzip()
}

/// Cronbach's alpha of `items` standardised (each z-scored over the rows where every item is
/// present): k/(k − 1) · (1 − k / var(Σ z)). `None` with fewer than two items, fewer than three
/// complete rows, or a constant item.
#[must_use]
pub fn standardized_alpha(items: &[Vec<f64>]) -> Option<f64> {
    let k = items.len();
    let n = items.first()?.len();
    if k < 2 {
        return None;
    }
    let rows: Vec<usize> = (0..n)
        .filter(|&r| items.iter().all(|item| !item[r].is_nan()))
        .collect();
    if rows.len() < 3 {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let m = rows.len() as f64;
    let mut sums = vec![0.0; rows.len()];
    for item in items {
        let mean = rows.iter().map(|&r| item[r]).sum::<f64>() / m;
        let sd = (rows.iter().map(|&r| (item[r] - mean).powi(2)).sum::<f64>() / m).sqrt();
        if sd <= 0.0 {
            return None;
        }
        for (sum, &r) in sums.iter_mut().zip(&rows) {
            *sum += (item[r] - mean) / sd;
        }
    }
    let mean = sums.iter().sum::<f64>() / m;
    let var = sums.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / m;
    #[expect(clippy::cast_precision_loss, reason = "a few items")]
    let k = k as f64;
    (var > 0.0).then(|| k / (k - 1.0) * (1.0 - k / var))
}

/// The coherence of year index `year_index`; `None` when there is no such year.
#[must_use]
pub fn coherence(data: &Dataset, year_index: usize) -> Option<Coherence> {
    let year = data.years.get(year_index)?;
    let capacities = data.meta.capacities.len();
    let components: Vec<Component> = (0..capacities)
        .map(Component::Capacity)
        .chain((0..data.meta.indicators.len()).map(Component::Indicator))
        .chain(std::iter::once(Component::Total))
        .collect();
    let values = columns(data, year_index, &components);
    let matrix = |f: fn(&[f64], &[f64]) -> Option<f64>| -> Vec<Vec<Option<f64>>> {
        values
            .iter()
            .map(|x| {
                values
                    .iter()
                    .map(|y| {
                        let (a, b) = complete(x, y);
                        if a.len() < 3 { None } else { f(&a, &b) }
                    })
                    .collect()
            })
            .collect()
    };
    let pearson_matrix = matrix(pearson);
    let spearman_matrix = matrix(spearman);
    let total = components.len() - 1;
    let r_total: Vec<Option<f64>> = (0..capacities).map(|c| pearson_matrix[c][total]).collect();
    let explained: f64 = r_total.iter().flatten().map(|r| r * r).sum();
    let nominal = Weights::from_dataset(&data.meta.capacities).normalized();
    let capacity_rows = (0..capacities)
        .map(|c| {
            let items: Vec<Vec<f64>> = data
                .meta
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.capacity == c)
                .map(|(i, _)| values[capacities + i].clone())
                .collect();
            CapacityCoherence {
                capacity: c,
                r_with_total: r_total[c],
                effective_weight: r_total[c]
                    .filter(|_| explained > 0.0)
                    .map(|r| r * r / explained),
                nominal_weight: nominal.get(c).copied().unwrap_or(0.0),
                alpha: standardized_alpha(&items),
                indicators: items.len(),
            }
        })
        .collect();
    // Flags: capacities against each other and the total; indicators against the others of
    // their capacity.
    let mut flags = Vec::new();
    let mut check = |a: usize, b: usize| {
        if let Some(r) = pearson_matrix[a][b] {
            if r < 0.0 {
                flags.push(CoherenceFlag::Negative(components[a], components[b], r));
            } else if r.abs() > REDUNDANT && components[b] != Component::Total {
                flags.push(CoherenceFlag::Redundant(components[a], components[b], r));
            }
        }
    };
    for a in 0..capacities {
        for b in a + 1..capacities {
            check(a, b);
        }
        check(a, total);
    }
    let indicators = &data.meta.indicators;
    for a in 0..indicators.len() {
        for b in a + 1..indicators.len() {
            if indicators[a].capacity == indicators[b].capacity {
                check(capacities + a, capacities + b);
            }
        }
    }
    Some(Coherence {
        year: year.year,
        components,
        pearson: pearson_matrix,
        spearman: spearman_matrix,
        capacities: capacity_rows,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standardized_alpha_matches_a_hand_computation() {
        // Two items with correlation r: standardised alpha is 2r / (1 + r). Here x and y over
        // four rows: x = 1 2 3 4, y = 2 1 4 3 (r = 0.6): alpha = 1.2 / 1.6 = 0.75.
        let items = vec![vec![1.0, 2.0, 3.0, 4.0], vec![2.0, 1.0, 4.0, 3.0]];
        let alpha = standardized_alpha(&items).expect("alpha");
        assert!((alpha - 0.75).abs() < 1e-12, "{alpha}");
        // Identical items: alpha 1; a missing value drops its row only.
        let same = vec![vec![1.0, 2.0, f64::NAN, 5.0], vec![1.0, 2.0, 9.0, 5.0]];
        assert!((standardized_alpha(&same).expect("alpha") - 1.0).abs() < 1e-12);
        assert_eq!(standardized_alpha(&items[..1]), None, "one item");
    }
}
