//! Writers at the edge: atomic file writes, PNG encoding of captured images, tables as CSV/TSV.

pub mod atomic;
pub mod png;
pub mod table_text;

pub use atomic::write_atomic;
pub use png::{encode_png, save_png};
pub use table_text::TableText;
