//! Writers at the edge: atomic file writes and PNG encoding of captured images.

pub mod atomic;
pub mod png;

pub use atomic::write_atomic;
pub use png::{encode_png, save_png};
