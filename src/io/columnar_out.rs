//! A table ready for a columnar file: named, typed columns and the batches of their values (one
//! per year in the long layout), which the Parquet writer ([`super::parquet_write`]) and the
//! Arrow writer ([`super::arrow_write`]) both take, so the two files hold the same values.

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Nullable doubles.
    Number,
    /// Nullable UTF-8 text (an empty text is written as a null).
    Text,
    /// Required 32-bit integers (a year).
    Integer,
}

/// One batch's values of one column, of the column's [`Kind`].
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Numbers(Vec<Option<f64>>),
    Texts(Vec<String>),
    Integers(Vec<i32>),
}

/// The shape of a columnar table: its name, its columns and the key–value pairs of its metadata.
#[derive(Clone, Debug)]
pub struct Layout {
    pub name: &'static str,
    pub columns: Vec<(String, Kind)>,
    pub metadata: Vec<(&'static str, String)>,
}

/// The columnar formats rankscope writes, by a path's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Parquet,
    /// Arrow IPC, the file format (Feather v2).
    Arrow,
}

impl Format {
    /// The format an extension names (`parquet`; `arrow`, `feather`, `ipc`).
    #[must_use]
    pub fn of_extension(extension: &str) -> Option<Self> {
        match extension {
            "parquet" => Some(Self::Parquet),
            "arrow" | "feather" | "ipc" => Some(Self::Arrow),
            _ => None,
        }
    }

    /// The bytes of a file of `layout` holding `batches`.
    ///
    /// # Errors
    /// When a batch does not match the layout or the writer fails.
    pub fn write(
        self,
        layout: &Layout,
        batches: impl Iterator<Item = Vec<Values>>,
    ) -> Result<Vec<u8>, String> {
        match self {
            Self::Parquet => super::parquet_write::write_parquet(layout, batches)
                .map_err(|e| format!("cannot write the Parquet file: {e}")),
            Self::Arrow => super::arrow_write::write_arrow(layout, batches)
                .map_err(|e| format!("cannot write the Arrow file: {e}")),
        }
    }
}

/// Column names made unique, as a schema needs: a repeated name gets its position appended
/// ("Rank (4)").
#[must_use]
pub fn unique_names(heads: &[String]) -> Vec<String> {
    heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if heads[..i].contains(h) {
                format!("{h} ({})", i + 1)
            } else {
                h.clone()
            }
        })
        .collect()
}
