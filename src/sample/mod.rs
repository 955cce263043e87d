//! The generator of the bundled sample dataset (`cargo run --example make_sample` rewrites it).

mod generate;
mod indicators;
mod rng;
mod roster;

pub use generate::generate_sample;
