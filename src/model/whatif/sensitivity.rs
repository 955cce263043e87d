//! Sensitivity of one entity's what-if rank to each weight: the smallest change of one weight,
//! the others fixed, that moves the entity up or down at least one place. Exact: each
//! competitor's composite is a line in the weight, so the rank can only change where two lines
//! cross, and the crossings are swept in order of distance.

use super::composite::WhatIf;
use super::weights::Weights;

/// A change of one weight at which the rank changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    /// The signed change of the weight, in the units of the weights as given.
    pub change: f64,
    /// The weight after the change.
    pub weight: f64,
    /// `true`: the rank changes at exactly this change (the entity ties a competitor and a tie
    /// takes the better place). `false`: it changes for any change beyond this one.
    pub inclusive: bool,
    /// The entity's rank once the threshold is passed.
    pub rank: u32,
}

/// How one capacity's weight can move the entity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CapacitySensitivity {
    pub capacity: usize,
    /// The smallest increase of the weight that moves the entity up a place (or more).
    pub increase_up: Option<Threshold>,
    /// The smallest decrease (down to weight 0) that moves it up.
    pub decrease_up: Option<Threshold>,
    /// The smallest increase that moves it down.
    pub increase_down: Option<Threshold>,
    /// The smallest decrease that moves it down.
    pub decrease_down: Option<Threshold>,
}

impl CapacitySensitivity {
    /// The smaller change, either way, that moves the entity up.
    #[must_use]
    pub fn up(&self) -> Option<Threshold> {
        nearest(self.increase_up, self.decrease_up)
    }

    /// The smaller change, either way, that moves the entity down.
    #[must_use]
    pub fn down(&self) -> Option<Threshold> {
        nearest(self.increase_down, self.decrease_down)
    }
}

fn nearest(a: Option<Threshold>, b: Option<Threshold>) -> Option<Threshold> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.change.abs() < a.change.abs() {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

/// For each capacity, the weight changes that move `row` up or down (see [`CapacitySensitivity`]).
/// `None` when the row has no composite under `weights`. Rows without a composite stay out of
/// the ranking; a competitor that lacks a score on a capacity weighted 0 leaves the ranking as
/// soon as that weight is raised, as [`WhatIf::rank`] would have it.
#[must_use]
pub fn sensitivity(
    model: &WhatIf,
    weights: &Weights,
    row: usize,
) -> Option<Vec<CapacitySensitivity>> {
    let mut sums = Vec::new();
    model.weighted_sums(weights.values(), &mut sums);
    let own = *sums.get(row)?;
    if own.is_nan() {
        return None;
    }
    Some(
        (0..model.capacity_count())
            .map(|capacity| {
                let weight = weights.values().get(capacity).copied().unwrap_or(0.0);
                let sweep = |sign: f64, limit: f64| {
                    sweep_direction(model, &sums, row, capacity, sign, limit).map_or(
                        (None, None),
                        |(up, down)| {
                            let threshold =
                                |(distance, inclusive, rank): (f64, bool, u32)| Threshold {
                                    change: sign * distance,
                                    weight: weight + sign * distance,
                                    inclusive,
                                    rank,
                                };
                            (up.map(threshold), down.map(threshold))
                        },
                    )
                };
                let (increase_up, increase_down) = sweep(1.0, f64::INFINITY);
                let (decrease_up, decrease_down) = sweep(-1.0, weight);
                CapacitySensitivity {
                    capacity,
                    increase_up,
                    decrease_up,
                    increase_down,
                    decrease_down,
                }
            })
            .collect(),
    )
}

/// A change in the count of competitors above the entity, at a distance along the sweep.
struct Event {
    distance: f64,
    /// +1: a competitor rises above; −1: one falls to or below.
    step: i64,
    /// Whether the event holds at the distance itself (else only beyond it).
    closed: bool,
}

/// Sweeps weight `capacity` in direction `sign` by up to `limit`; returns the first distance
/// (with inclusiveness and the new rank) that moves `row` up, and the first that moves it down.
/// `None` when the direction leaves the row itself without a composite.
#[expect(
    clippy::type_complexity,
    reason = "a private helper; the caller names the parts"
)]
fn sweep_direction(
    model: &WhatIf,
    sums: &[f64],
    row: usize,
    capacity: usize,
    sign: f64,
    limit: f64,
) -> Option<(Option<(f64, bool, u32)>, Option<(f64, bool, u32)>)> {
    if limit <= 0.0 {
        return Some((None, None));
    }
    let column = model.columns.get(capacity)?;
    let own_sum = sums[row];
    let own_x = column[row];
    if own_x.is_nan() {
        // Raising a zero weight on a capacity the entity lacks takes it out of the ranking.
        return None;
    }
    let mut above: i64 = 0;
    let mut events: Vec<Event> = Vec::new();
    for (other, (&sum, &x)) in sums.iter().zip(column).enumerate() {
        if other == row || sum.is_nan() {
            continue;
        }
        let gap = own_sum - sum; // < 0: the competitor is above
        let is_above = gap < 0.0;
        above += i64::from(is_above);
        if x.is_nan() {
            // Its weight is 0 and it has no score: any raise takes it out of the ranking.
            if is_above {
                events.push(Event {
                    distance: 0.0,
                    step: -1,
                    closed: false,
                });
            }
            continue;
        }
        let slope = sign * (own_x - x); // how fast the gap grows along the sweep
        if is_above && slope > 0.0 {
            events.push(Event {
                distance: -gap / slope,
                step: -1,
                closed: true,
            });
        } else if !is_above && slope < 0.0 {
            events.push(Event {
                distance: gap / -slope,
                step: 1,
                closed: false,
            });
        }
    }
    events.retain(|e| e.distance < limit || (e.closed && e.distance <= limit));
    events.sort_by(|a, b| a.distance.total_cmp(&b.distance));
    let rank = |count: i64| u32::try_from(count + 1).unwrap_or(u32::MAX);
    let (mut up, mut down) = (None, None);
    let mut count = above;
    let mut i = 0;
    while i < events.len() && (up.is_none() || down.is_none()) {
        let distance = events[i].distance;
        let same: Vec<&Event> = events[i..]
            .iter()
            .take_while(|e| e.distance.total_cmp(&distance).is_eq())
            .collect();
        i += same.len();
        count += same
            .iter()
            .filter(|e| e.closed)
            .map(|e| e.step)
            .sum::<i64>();
        if count < above && up.is_none() {
            up = Some((distance, true, rank(count)));
        }
        count += same
            .iter()
            .filter(|e| !e.closed)
            .map(|e| e.step)
            .sum::<i64>();
        if count < above && up.is_none() {
            up = Some((distance, false, rank(count)));
        }
        if count > above && down.is_none() {
            down = Some((distance, false, rank(count)));
        }
    }
    Some((up, down))
}
