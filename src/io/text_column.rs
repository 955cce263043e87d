//! A decoded column of texts (names, ids, provinces of a Parquet row group or an Arrow record
//! batch) held as one string and where each value ends, or as a dictionary of such values and
//! each row's place in it (as Parquet stores repeated texts): checked as UTF-8 once, read back
//! as borrowed slices, and known to be clean (no space at either end, no control character)
//! when every value is, so the rows need not trim them again.

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
    /// Each row's place in the dictionary, when the column is held as one: `text` and `ends`
    /// are then the dictionary's values, and [`NULL`] marks a missing value.
    codes: Option<Vec<u32>>,
}

/// The dictionary place of a missing value.
pub const NULL: u32 = u32::MAX;

impl TextColumn {
    /// The column of `values` (bytes, or `None` for a null), `rows` of them holding `bytes`
    /// bytes in all. Invalid UTF-8 reads with U+FFFD for each bad sequence, as a spreadsheet
    /// shows it. The text is checked as a whole, once (each value's ends on character
    /// boundaries), and looked at value by value only when it is not valid.
    #[must_use]
    pub fn of<'v>(
        values: impl IntoIterator<Item = Option<&'v [u8]>>,
        rows: usize,
        bytes: usize,
    ) -> Self {
        let mut joined = Vec::with_capacity(bytes);
        let mut ends = Vec::with_capacity(rows);
        let mut missing = Vec::new();
        for value in values {
            if let Some(value) = value {
                joined.extend_from_slice(value);
                if !missing.is_empty() {
                    missing.push(false);
                }
            } else {
                if missing.is_empty() {
                    missing.resize(ends.len(), false);
                }
                missing.push(true);
            }
            ends.push(joined.len());
        }
        Self::from_parts(joined, ends, missing)
    }

    /// The column of values joined one after another in `joined`, each ending at its place in
    /// `ends`, those flagged in `missing` null (none when it is empty); as [`Self::of`] reads
    /// them.
    #[must_use]
    pub(crate) fn from_parts(joined: Vec<u8>, mut ends: Vec<usize>, missing: Vec<bool>) -> Self {
        let text = match String::from_utf8(joined) {
            Ok(text) if ends.iter().all(|&end| text.is_char_boundary(end)) => text,
            Ok(text) => Self::lossy(text.as_bytes(), &mut ends),
            Err(e) => Self::lossy(e.as_bytes(), &mut ends),
        };
        let mut start = 0;
        let unclean = has_control(&text)
            || ends.iter().any(|&end| {
                let value = &text[start..end];
                start = end;
                !clean_ends(value)
            });
        Self {
            text,
            ends,
            missing,
            unclean,
            codes: None,
        }
    }

    /// The column whose rows are the values of `dictionary` at the places `codes` gives
    /// ([`NULL`] or past its end: missing). It is clean when every dictionary value is, used or
    /// not: an unused unclean value only has the rows trimmed, to the same texts.
    #[must_use]
    pub(crate) fn coded(dictionary: Self, codes: Vec<u32>) -> Self {
        Self {
            codes: Some(codes),
            ..dictionary
        }
    }

    /// Each value of `joined` (ending at `ends`) made valid on its own; `ends` moved to match.
    fn lossy(joined: &[u8], ends: &mut [usize]) -> String {
        let mut text = String::with_capacity(joined.len());
        let mut start = 0;
        for end in ends.iter_mut() {
            text.push_str(&String::from_utf8_lossy(&joined[start..*end]));
            start = *end;
            *end = text.len();
        }
        text
    }

    /// A column of `rows` missing values.
    #[must_use]
    pub fn all_missing(rows: usize) -> Self {
        Self {
            text: String::new(),
            ends: vec![0; rows],
            missing: vec![true; rows],
            unclean: false,
            codes: None,
        }
    }

    /// How many rows the column has.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.as_ref().map_or(self.ends.len(), Vec::len)
    }

    /// Whether the column has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `row`'s value; `None` when it is missing or past the end.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<&str> {
        let at = match &self.codes {
            Some(codes) => *codes.get(row)? as usize,
            None => row,
        };
        if self.missing.get(at) == Some(&true) {
            return None;
        }
        let end = *self.ends.get(at)?;
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        self.text.get(start..end)
    }

    /// Row `row`'s place in the column's dictionary (rows with the same place hold the same
    /// value); `None` when the column has none, or the row is missing or past the end.
    #[must_use]
    pub fn code(&self, row: usize) -> Option<u32> {
        let code = *self.codes.as_ref()?.get(row)?;
        (code != NULL && (code as usize) < self.ends.len()).then_some(code)
    }

    /// How many values the column's dictionary holds (0 when it has none).
    #[must_use]
    pub fn dictionary_len(&self) -> usize {
        if self.codes.is_some() {
            self.ends.len()
        } else {
            0
        }
    }

    /// Whether every value is clean: no space at either end, no control character (so it is
    /// kept as it is).
    #[must_use]
    pub fn is_clean(&self) -> bool {
        !self.unclean
    }
}

/// Whether `text` starts and ends with no space (as `text.trim() == text`): read by its first
/// and last bytes where they tell (a white space character starts with an ASCII space or
/// 0xC2, 0xE1, 0xE2 or 0xE3), else by its first and last characters.
fn clean_ends(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let may_start_space = |b: u8| b <= b' ' || matches!(b, 0xc2 | 0xe1..=0xe3);
    if !may_start_space(first) && last > b' ' && last < 0x80 {
        return true;
    }
    let mut chars = text.chars();
    chars.next().is_none_or(|c| !c.is_whitespace())
        && chars.next_back().is_none_or(|c| !c.is_whitespace())
}

/// Whether `text` is empty or white space only (as `text.trim().is_empty()`), told by its
/// first byte where it can: a character that is not white space starts with 0x21–0x7F,
/// 0xC3–0xE0 or 0xE4 and above.
#[must_use]
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(0x21..=0x7f | 0xc3..=0xe0 | 0xe4..) => false,
        Some(_) => text.trim().is_empty(),
    }
}

/// Whether `text` holds a control character (U+0000–U+001F, U+007F, U+0080–U+009F), found
/// by its bytes: in UTF-8 the first two ranges are single bytes and the third is 0xC2 followed
/// by 0x80–0x9F (0xC2 never continues a character).
pub(crate) fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // 64 bytes at a time without a branch per byte (which the compiler makes vector compares).
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(0_u8, |found, &b| {
            found | u8::from(b < 0x20) | u8::from(b == 0x7f)
        }) != 0
    }) || memchr::memchr_iter(0xc2, bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_pushed_missing_ones_as_none() {
        let values: [Option<&[u8]>; 4] = [Some("北京".as_bytes()), Some(b""), None, Some(b"Hefei")];
        let column = TextColumn::of(values, 4, 16);
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
        // A bad byte, and a character cut between two values (each valid only joined).
        let values: [Option<&[u8]>; 4] =
            [Some(b"Xi\xffan"), Some(b"\xe5\x90"), Some(b"\x88"), None];
        let column = TextColumn::of(values, 4, 0);
        assert_eq!(column.get(0), Some("Xi\u{fffd}an"));
        assert_eq!(column.get(1), Some("\u{fffd}"));
        assert_eq!(column.get(2), Some("\u{fffd}"));
        assert_eq!(column.get(3), None);
        let values: [Option<&[u8]>; 2] = [Some(b"\xe5\x90"), Some(b"\x88")];
        let column = TextColumn::of(values, 2, 0);
        assert_eq!(
            (column.get(0), column.get(1)),
            (Some("\u{fffd}"), Some("\u{fffd}"))
        );
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
            let column = TextColumn::of([Some(&b"Wuhan"[..]), Some(dirty.as_bytes())], 2, 0);
            assert!(!column.is_clean(), "{dirty:?}");
            assert_eq!(column.get(1), Some(dirty));
        }
        let column = TextColumn::of([Some("合 肥".as_bytes())], 1, 0);
        assert!(column.is_clean(), "a space inside is kept");
    }

    #[test]
    fn clean_ends_are_those_trimming_leaves_as_they_are() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}合肥",
            "合肥\u{a0}",
            "a b",
            "\t",
            "中",
            "\u{b}x",
            "x\u{85}",
            "\u{1680}x",
            "\u{202f}",
            "合肥",
            "\u{1}",
        ] {
            assert_eq!(clean_ends(text), text.trim() == text, "{text:?}");
        }
    }

    #[test]
    fn blank_is_what_trimming_empties() {
        for text in [
            "",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{3000}",
            "\u{2003}x",
            "\u{85}",
            "x",
            "合肥",
            " 合肥",
            "\u{1680}",
            "é",
            "\u{7f}",
            "\u{1}",
        ] {
            assert_eq!(is_blank(text), text.trim().is_empty(), "{text:?}");
        }
        // Every character: blank exactly when it is white space.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(is_blank(&text), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn a_coded_column_reads_each_rows_dictionary_value() {
        let dictionary = TextColumn::from_parts(b"WuhanHefei ".to_vec(), vec![5, 11], Vec::new());
        let column = TextColumn::coded(dictionary, vec![1, NULL, 0, 1, 7]);
        assert_eq!(column.len(), 5);
        let rows: Vec<_> = (0..6).map(|r| column.get(r)).collect();
        assert_eq!(
            rows,
            [
                Some("Hefei "),
                None,
                Some("Wuhan"),
                Some("Hefei "),
                None,
                None
            ]
        );
        let codes: Vec<_> = (0..6).map(|r| column.code(r)).collect();
        assert_eq!(codes, [Some(1), None, Some(0), Some(1), None, None]);
        assert_eq!(column.dictionary_len(), 2);
        assert!(!column.is_clean(), "a dictionary value ends with a space");
        assert_eq!(TextColumn::of([Some(&b"x"[..])], 1, 1).code(0), None);
    }

    #[test]
    fn a_column_of_nulls_reads_as_missing() {
        let column = TextColumn::all_missing(3);
        assert_eq!(column.len(), 3);
        assert!((0..3).all(|row| column.get(row).is_none()));
    }
}
