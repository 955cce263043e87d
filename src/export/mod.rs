//! Writers at the edge: atomic file writes, PNG of captured images, tables as CSV/TSV, charts as
//! SVG and as PNG rendered from that SVG.

pub mod atomic;
pub mod audit_figures;
pub mod audit_out;
pub mod audit_svg;
pub mod capacities_svg;
pub mod cells;
pub mod changes_csv;
pub mod figure;
pub mod png;
pub mod rank_svg;
pub mod raster;
pub mod svg;
pub mod table_columnar;
pub mod table_svg;
pub mod table_text;
pub mod text_fit;
pub mod type_scale;
pub mod whatif_csv;

pub use atomic::write_atomic;
pub use png::{encode_png, save_png};
pub use table_text::TableText;
