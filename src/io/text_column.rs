//! A decoded column of texts (names, ids, provinces of a Parquet row group) held as one string
//! and where each value ends: checked as UTF-8 once, read back as borrowed slices, and known to
//! be clean (no space at either end, no control character) when every value is, so the rows
//! need not trim them again.

/// The texts of one column, in row order; a missing value (a null) reads as `None`.
#[derive(Debug, Default)]
pub struct TextColumn {
    /// Every value, one after another.
    text: String,
    /// Where each row's value ends in `text` (it starts where the row before ends).
    ends: Vec<usize>,
    /// Which rows are null; empty when none is.
    missing: Vec<bool>,
    /// Whether some value has a space at an end or a control character inside.
    unclean: bool,
}

impl TextColumn {
    /// An empty column with room for `rows` values of `bytes` bytes in all.
    #[must_use]
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
            ..Self::default()
        }
    }

    /// A column of `rows` missing values.
    #[must_use]
    pub fn all_missing(rows: usize) -> Self {
        Self {
            text: String::new(),
            ends: vec![0; rows],
            missing: vec![true; rows],
            unclean: false,
        }
    }

    /// Appends a value given as bytes (invalid UTF-8 with U+FFFD for each bad sequence, as a
    /// spreadsheet shows it), or a missing one.
    pub fn push(&mut self, value: Option<&[u8]>) {
        if let Some(bytes) = value {
            let text = String::from_utf8_lossy(bytes);
            self.unclean |= text.trim().len() != text.len() || has_control(&text);
            self.text.push_str(&text);
            if !self.missing.is_empty() {
                self.missing.push(false);
            }
        } else {
            if self.missing.is_empty() {
                self.missing.resize(self.ends.len(), false);
            }
            self.missing.push(true);
        }
        self.ends.push(self.text.len());
    }

    /// How many rows the column has.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the column has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Row `row`'s value; `None` when it is missing or past the end.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<&str> {
        if self.missing.get(row) == Some(&true) {
            return None;
        }
        let end = *self.ends.get(row)?;
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        self.text.get(start..end)
    }

    /// Whether every value is clean: no space at either end, no control character (so it is
    /// kept as it is).
    #[must_use]
    pub fn is_clean(&self) -> bool {
        !self.unclean
    }
}

/// Whether `text` holds a control character (U+0000–U+001F, U+007F, U+0080–U+009F), found
/// by its bytes: in UTF-8 the first two ranges are single bytes and the third is 0xC2 followed
/// by 0x80–0x9F (0xC2 never continues a character).
pub(crate) fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().any(|&b| b < 0x20 || b == 0x7f)
        || memchr::memchr_iter(0xc2, bytes)
            .any(|at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_pushed_missing_ones_as_none() {
        let mut column = TextColumn::with_capacity(4, 16);
        column.push(Some("北京".as_bytes()));
        column.push(Some(b""));
        column.push(None);
        column.push(Some(b"Hefei"));
        assert_eq!(column.len(), 4);
        assert_eq!(column.get(0), Some("北京"));
        assert_eq!(column.get(1), Some(""));
        assert_eq!(column.get(2), None);
        assert_eq!(column.get(3), Some("Hefei"));
        assert_eq!(column.get(4), None);
        assert!(column.is_clean());
    }

    #[test]
    fn invalid_bytes_read_as_replacement_characters() {
        let mut column = TextColumn::default();
        column.push(Some(b"Xi\xffan"));
        assert_eq!(column.get(0), Some("Xi\u{fffd}an"));
    }

    #[test]
    fn a_space_at_an_end_or_a_control_character_makes_the_column_unclean() {
        for dirty in [
            " Hefei",
            "Hefei\u{3000}",
            "He\nfei",
            "He\u{85}fei",
            "\u{7f}",
        ] {
            let mut column = TextColumn::default();
            column.push(Some(b"Wuhan"));
            column.push(Some(dirty.as_bytes()));
            assert!(!column.is_clean(), "{dirty:?}");
            assert_eq!(column.get(1), Some(dirty));
        }
        let mut column = TextColumn::default();
        column.push(Some("合 肥".as_bytes()));
        assert!(column.is_clean(), "a space inside is kept");
    }

    #[test]
    fn a_column_of_nulls_reads_as_missing() {
        let column = TextColumn::all_missing(3);
        assert_eq!(column.len(), 3);
        assert!((0..3).all(|row| column.get(row).is_none()));
    }
}
