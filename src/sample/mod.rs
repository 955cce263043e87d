//! The generator of the bundled sample dataset (`cargo run --example make_sample` rewrites it),
//! and of synthetic datasets of any size (`rankscope gen`).

mod generate;
mod indicators;
mod rng;
mod roster;
mod synthetic;

pub use generate::generate_sample;
pub use synthetic::{SyntheticParams, banded, generate_synthetic};
