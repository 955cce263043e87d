//! The sample's random numbers: the model's SplitMix64, so the sample never changes by accident.

pub use crate::model::rng::SplitMix64 as Rng;
