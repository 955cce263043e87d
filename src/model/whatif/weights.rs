//! Capacity weights for a what-if composite: presets, parsing `id=value,...`, normalisation.

use std::fmt;

use crate::model::Capacity;

/// One non-negative, finite weight per capacity, in [`crate::model::Meta::capacities`] order.
///
/// The values are kept as given (e.g. `innovation=0.7` next to the others' 0.2); the composite
/// uses them divided by their sum ([`Weights::normalized`]), so only their ratios matter.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights(Vec<f64>);

/// Why weights were refused. Each message names the offending id or value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeightsError {
    /// An `id=value` names no capacity of the dataset; lists the ids there are.
    UnknownCapacity { id: String, known: Vec<String> },
    /// A value is not a finite number ≥ 0.
    BadValue { id: String, value: String },
    /// An item is not of the form `id=value`.
    BadItem(String),
    /// A capacity is given twice.
    Repeated(String),
    /// The number of weights does not match the number of capacities.
    WrongCount { expected: usize, found: usize },
    /// Every weight is zero: no composite can be formed.
    AllZero,
}

impl fmt::Display for WeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownCapacity { id, known } => write!(
                f,
                "unknown capacity \"{id}\": the dataset has {}",
                known.join(", ")
            ),
            Self::BadValue { id, value } => write!(
                f,
                "weight of \"{id}\": expected a number ≥ 0, found \"{value}\""
            ),
            Self::BadItem(item) => write!(f, "expected id=value, found \"{item}\""),
            Self::Repeated(id) => write!(f, "capacity \"{id}\" is given twice"),
            Self::WrongCount { expected, found } => {
                write!(f, "expected {expected} weights, found {found}")
            }
            Self::AllZero => f.write_str("every weight is zero"),
        }
    }
}

impl std::error::Error for WeightsError {}

impl Weights {
    /// Weights from values, one per capacity; refused when a value is negative or not finite,
    /// or when all are zero.
    pub fn new(values: Vec<f64>) -> Result<Self, WeightsError> {
        if let Some((i, v)) = values
            .iter()
            .enumerate()
            .find(|(_, v)| !v.is_finite() || **v < 0.0)
        {
            return Err(WeightsError::BadValue {
                id: format!("#{}", i + 1),
                value: v.to_string(),
            });
        }
        if values.iter().all(|&v| v == 0.0) {
            return Err(WeightsError::AllZero);
        }
        Ok(Self(values))
    }

    /// Weight 1 for each of `count` capacities (at least one).
    #[must_use]
    pub fn equal(count: usize) -> Self {
        Self(vec![1.0; count.max(1)])
    }

    /// The dataset's own weights when every capacity has one (finite, ≥ 0, not all zero);
    /// otherwise equal weights.
    #[must_use]
    pub fn from_dataset(capacities: &[Capacity]) -> Self {
        capacities
            .iter()
            .map(|c| c.weight)
            .collect::<Option<Vec<f64>>>()
            .and_then(|values| Self::new(values).ok())
            .unwrap_or_else(|| Self::equal(capacities.len()))
    }

    /// Parses `id=value,...` over `base`: the capacities named get the value given, the others
    /// keep their weight in `base` (typically [`Weights::from_dataset`]). Ids match the dataset's
    /// capacity ids, ASCII case-insensitively. An empty spec returns `base`.
    pub fn parse(spec: &str, capacities: &[Capacity], base: &Self) -> Result<Self, WeightsError> {
        let mut values = base.0.clone();
        values.resize(capacities.len().max(1), 1.0);
        let mut seen = vec![false; capacities.len()];
        for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (id, value) = item
                .split_once('=')
                .ok_or_else(|| WeightsError::BadItem(item.to_owned()))?;
            let (id, value) = (id.trim(), value.trim());
            let index = capacities
                .iter()
                .position(|c| c.id.eq_ignore_ascii_case(id))
                .ok_or_else(|| WeightsError::UnknownCapacity {
                    id: id.to_owned(),
                    known: capacities.iter().map(|c| c.id.clone()).collect(),
                })?;
            let number: f64 = value
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| WeightsError::BadValue {
                    id: id.to_owned(),
                    value: value.to_owned(),
                })?;
            if std::mem::replace(&mut seen[index], true) {
                return Err(WeightsError::Repeated(id.to_owned()));
            }
            values[index] = number;
        }
        Self::new(values)
    }

    /// The weights as given.
    #[must_use]
    pub fn values(&self) -> &[f64] {
        &self.0
    }

    /// The number of weights.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no weights (never, for weights built by this type's constructors).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The weights divided by their sum: they add up to 1.
    #[must_use]
    pub fn normalized(&self) -> Vec<f64> {
        let sum: f64 = self.0.iter().sum();
        if sum > 0.0 {
            self.0.iter().map(|w| w / sum).collect()
        } else {
            self.0.clone()
        }
    }

    /// The same weights with capacity `index` set to `value` (clamped to ≥ 0).
    #[must_use]
    pub fn with(&self, index: usize, value: f64) -> Self {
        let mut values = self.0.clone();
        if let Some(slot) = values.get_mut(index) {
            *slot = if value.is_finite() {
                value.max(0.0)
            } else {
                0.0
            };
        }
        Self(values)
    }

    /// The same weights with capacity `index` multiplied by `factor` (e.g. 2 to double it).
    #[must_use]
    pub fn scaled(&self, index: usize, factor: f64) -> Self {
        let value = self.0.get(index).copied().unwrap_or(0.0) * factor;
        self.with(index, value)
    }

    /// `id=value,...` with the dataset's capacity ids, as [`Weights::parse`] reads it.
    #[must_use]
    pub fn spec(&self, capacities: &[Capacity]) -> String {
        capacities
            .iter()
            .zip(&self.0)
            .map(|(c, w)| format!("{}={w}", c.id))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capacities(weights: &[Option<f64>]) -> Vec<Capacity> {
        ["infrastructure", "innovation", "carrying", "support"]
            .iter()
            .zip(weights)
            .map(|(id, &weight)| Capacity {
                id: (*id).into(),
                en: (*id).into(),
                zh: (*id).into(),
                weight,
                direction: crate::model::Direction::HigherIsBetter,
            })
            .collect()
    }

    #[test]
    fn presets_use_the_dataset_weights_only_when_all_are_known() {
        let all = capacities(&[Some(0.25), Some(0.35), Some(0.2), Some(0.2)]);
        assert_eq!(
            Weights::from_dataset(&all).values(),
            &[0.25, 0.35, 0.2, 0.2]
        );
        let partial = capacities(&[Some(0.25), None, Some(0.2), Some(0.2)]);
        assert_eq!(Weights::from_dataset(&partial), Weights::equal(4));
        let zero = capacities(&[Some(0.0); 4]);
        assert_eq!(Weights::from_dataset(&zero), Weights::equal(4));
    }

    #[test]
    fn a_spec_overrides_the_named_capacities_only() {
        let caps = capacities(&[Some(0.25), Some(0.35), Some(0.2), Some(0.2)]);
        let base = Weights::from_dataset(&caps);
        let w = Weights::parse(" Innovation=0.7 , support=0 ", &caps, &base).expect("valid");
        assert_eq!(w.values(), &[0.25, 0.7, 0.2, 0.0]);
        let n = w.normalized();
        assert!((n.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((n[1] - 0.7 / 1.15).abs() < 1e-12);
        assert_eq!(Weights::parse(&w.spec(&caps), &caps, &base), Ok(w));
    }

    #[test]
    fn bad_specs_name_the_problem() {
        let caps = capacities(&[Some(0.25), Some(0.35), Some(0.2), Some(0.2)]);
        let base = Weights::equal(4);
        let error = |spec: &str| match Weights::parse(spec, &caps, &base) {
            Ok(w) => panic!("{spec} accepted as {w:?}"),
            Err(e) => e.to_string(),
        };
        assert_eq!(
            error("talent=0.3"),
            "unknown capacity \"talent\": the dataset has infrastructure, innovation, carrying, support"
        );
        assert_eq!(
            error("innovation=-1"),
            "weight of \"innovation\": expected a number ≥ 0, found \"-1\""
        );
        assert_eq!(
            error("innovation=heavy"),
            "weight of \"innovation\": expected a number ≥ 0, found \"heavy\""
        );
        assert_eq!(
            error("innovation"),
            "expected id=value, found \"innovation\""
        );
        assert_eq!(
            error("innovation=1,innovation=2"),
            "capacity \"innovation\" is given twice"
        );
        assert_eq!(
            error("infrastructure=0,innovation=0,carrying=0,support=0"),
            "every weight is zero"
        );
        assert!(error("innovation=NaN").contains("NaN"));
    }
}
