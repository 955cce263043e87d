//! Rows of a columnar file (Parquet, Arrow) handed to the row builder as typed cells: a row
//! group's or record batch's columns decoded to their types ([`TypedGroup`]), each row read
//! through [`RowFields`] so a number role takes the double as it is and no row is held as
//! strings; blocks of rows copy their numbers out of the columns first ([`NumberBlock`]). The
//! header and the first rows, as text, are what the mapping is detected from, as for CSV.

use std::borrow::Cow;

use super::csv::Row;
use super::mapping::Role;
use super::tabular::{OddCell, RowFields};
use super::values::parse_number;
use crate::model::compact_column::CompactColumn;
use crate::model::{Rank, RecordInput};

/// One column of a row group, decoded: a missing value is `None` (NaN among the floats).
pub enum TypedColumn {
    /// Floating-point numbers as a year's figures are kept ([`CompactColumn`]: exact, in three
    /// bytes a value when they have few decimals), so that a column read whole into a year is
    /// a copy, and a decoded group takes three eighths of the memory of doubles.
    Floats(CompactColumn),
    Integers(Vec<Option<i64>>),
    Booleans(Vec<Option<bool>>),
    Texts(super::text_column::TextColumn),
    /// Values of any other type as the text a spreadsheet cell would hold (empty when missing).
    Strings(Vec<String>),
    /// A column of floats moved out to become a year's column; while the rows are read,
    /// [`TypedRow::taken`] holds it.
    Taken,
}

/// A row group's columns and the file line of its first row (the header is line 1).
pub struct TypedGroup {
    pub columns: Vec<TypedColumn>,
    pub rows: usize,
    pub first_line: usize,
}

/// Row `row` of a [`TypedGroup`], as the row builder reads rows.
pub struct TypedRow<'g, 'b> {
    pub group: &'g TypedGroup,
    pub row: usize,
    /// The row's numbers (floats, and integers as floats; NaN when missing or another type),
    /// one per column, copied out of the columns a block of rows at a time ([`NumberBlock`]):
    /// reading a row across forty columns straight from them waits on memory at every cell.
    /// Empty: read from the columns.
    pub numbers: &'b [f64],
    /// The group's [`TypedColumn::Taken`] columns, by column (empty when none is taken).
    pub taken: &'b [Option<CompactColumn>],
}

impl<'g> TypedRow<'g, '_> {
    /// Row `row` of `group`, read from its columns.
    #[must_use]
    pub fn of(group: &'g TypedGroup, row: usize) -> Self {
        Self {
            group,
            row,
            numbers: &[],
            taken: &[],
        }
    }

    /// The row's value in taken column `i` (NaN when missing).
    fn taken(&self, i: usize) -> f64 {
        self.taken
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|v| v.get(self.row))
            .unwrap_or(f64::NAN)
    }
}

/// A float as a spreadsheet cell would hold it (empty when missing).
fn float_text(x: f64) -> Cow<'static, str> {
    if x.is_nan() {
        Cow::Borrowed("")
    } else {
        x.to_string().into()
    }
}

/// The numbers of a block of rows of a [`TypedGroup`], row by row: column by column copied
/// from the group (a few streams the processor prefetches), read row by row from the cache.
pub struct NumberBlock {
    pub values: Vec<f64>,
    pub columns: usize,
}

impl NumberBlock {
    /// The rows to copy at a time: 256 rows of 40 columns are 80 kB, within the core's cache.
    pub const ROWS: usize = 256;

    /// The numbers of rows `start..end` of `group`.
    #[must_use]
    pub fn of(group: &TypedGroup, start: usize, end: usize) -> Self {
        let columns = group.columns.len();
        let mut values = vec![f64::NAN; (end - start) * columns];
        for (c, column) in group.columns.iter().enumerate() {
            match column {
                TypedColumn::Floats(v) => {
                    for r in start..end {
                        values[(r - start) * columns + c] = v.get(r).unwrap_or(f64::NAN);
                    }
                }
                #[expect(clippy::cast_precision_loss, reason = "a count or a score as a double")]
                TypedColumn::Integers(v) => {
                    for (r, x) in v[start..end].iter().enumerate() {
                        values[r * columns + c] = x.map_or(f64::NAN, |x| x as f64);
                    }
                }
                _ => {}
            }
        }
        Self { values, columns }
    }

    /// Row `r` of the block (0 is its first).
    #[must_use]
    pub fn row(&self, r: usize) -> &[f64] {
        &self.values[r * self.columns..(r + 1) * self.columns]
    }
}

impl<'g> RowFields<'g> for TypedRow<'g, '_> {
    fn count(&self) -> usize {
        self.group.columns.len()
    }

    fn text(&self, i: usize) -> Cow<'g, str> {
        let r = self.row;
        match self.group.columns.get(i) {
            Some(TypedColumn::Floats(v)) => float_text(v.get(r).unwrap_or(f64::NAN)),
            Some(TypedColumn::Taken) => float_text(self.taken(i)),
            Some(TypedColumn::Integers(v)) => {
                v[r].map_or(Cow::Borrowed(""), |x| x.to_string().into())
            }
            Some(TypedColumn::Booleans(v)) => {
                v[r].map_or(Cow::Borrowed(""), |x| x.to_string().into())
            }
            Some(TypedColumn::Texts(v)) => Cow::Borrowed(v.get(r).unwrap_or("")),
            Some(TypedColumn::Strings(v)) => Cow::Borrowed(v[r].as_str()),
            None => Cow::Borrowed(""),
        }
    }

    fn is_blank(&self, i: usize) -> bool {
        let r = self.row;
        match self.group.columns.get(i) {
            Some(TypedColumn::Floats(v)) => v.get(r).is_none_or(f64::is_nan),
            Some(TypedColumn::Taken) => self.taken(i).is_nan(),
            Some(TypedColumn::Integers(v)) => v[r].is_none(),
            Some(TypedColumn::Booleans(v)) => v[r].is_none(),
            Some(TypedColumn::Texts(v)) => v.get(r).is_none_or(super::text_column::is_blank),
            Some(TypedColumn::Strings(v)) => v[r].trim().is_empty(),
            None => true,
        }
    }

    fn year(&self, i: usize) -> Option<i32> {
        match self.group.columns.get(i) {
            Some(TypedColumn::Integers(v)) => v[self.row]
                .and_then(|y| i32::try_from(y).ok())
                .filter(|y| super::values::YEARS.contains(y)),
            _ => None,
        }
    }

    fn is_clean(&self, i: usize) -> bool {
        matches!(self.group.columns.get(i), Some(TypedColumn::Texts(v)) if v.is_clean())
    }

    fn code(&self, i: usize) -> Option<u32> {
        match self.group.columns.get(i) {
            Some(TypedColumn::Texts(v)) => v.code(self.row),
            _ => None,
        }
    }

    // A rank stored as a whole number from 1 is that place, read without its text.
    fn apply(
        &self,
        i: usize,
        record: &mut RecordInput,
        role: &Role,
        slot: usize,
    ) -> Result<(), String> {
        if let (Role::Rank, Some(TypedColumn::Integers(v))) = (role, self.group.columns.get(i)) {
            match v[self.row] {
                None => {
                    record.given_rank = None;
                    return Ok(());
                }
                Some(place) => {
                    if let Some(place) = u32::try_from(place).ok().filter(|&p| p >= 1) {
                        record.given_rank = Some(Rank::Exact(place));
                        return Ok(());
                    }
                }
            }
        }
        super::tabular::apply_value(record, role, &self.text(i), slot)
    }

    fn number(&self, i: usize) -> Result<Option<f64>, OddCell> {
        match self.group.columns.get(i) {
            Some(TypedColumn::Floats(_) | TypedColumn::Integers(_)) if !self.numbers.is_empty() => {
                finite(Some(self.numbers[i]).filter(|x| !x.is_nan()))
            }
            Some(TypedColumn::Taken) => finite(Some(self.taken(i)).filter(|x| !x.is_nan())),
            _ => number_at(self.group, i, self.row),
        }
    }
}

/// Cell (`column`, `row`) of `group` as a number role reads it: `Ok(None)` when missing.
///
/// # Errors
/// When the cell is not a finite number.
pub(crate) fn number_at(
    group: &TypedGroup,
    column: usize,
    row: usize,
) -> Result<Option<f64>, OddCell> {
    match group.columns.get(column) {
        Some(TypedColumn::Floats(v)) => finite(v.get(row).filter(|x| !x.is_nan())),
        #[expect(clippy::cast_precision_loss, reason = "a count or a score as a double")]
        Some(TypedColumn::Integers(v)) => Ok(v[row].map(|x| x as f64)),
        _ => parse_number(&text_at(group, column, row)).map_err(|_| OddCell),
    }
}

/// Cell (`column`, `row`) of `group` as text.
#[must_use]
pub fn text_at(group: &TypedGroup, column: usize, row: usize) -> Cow<'_, str> {
    TypedRow::of(group, row).text(column)
}

fn finite(number: Option<f64>) -> Result<Option<f64>, OddCell> {
    match number {
        Some(x) if !x.is_finite() => Err(OddCell),
        _ => Ok(number),
    }
}

/// A single-precision value as the double its shortest decimal reads as (0.1, not
/// 0.100000001490116), as its CSV twin gives it.
#[must_use]
pub fn widened(value: f32) -> f64 {
    if value.is_finite() {
        value.to_string().parse().unwrap_or(f64::from(value))
    } else {
        f64::from(value)
    }
}

/// Rows of the first group kept as text for the mapping's detection (the header included).
pub const DETECTION_ROWS: usize = 51;

/// The header and the first `rows` rows of `group` as text rows (lines 1, 2, …).
#[must_use]
pub fn head_rows(header: &[String], group: Option<&TypedGroup>, rows: usize) -> Vec<Row> {
    let mut out = vec![Row {
        line: 1,
        fields: header.to_vec(),
    }];
    if let Some(group) = group {
        out.extend(text_rows(group, rows));
    }
    out
}

/// The first `rows` rows of `group` as text rows, as a spreadsheet's cells would hold them.
pub fn text_rows(group: &TypedGroup, rows: usize) -> impl Iterator<Item = Row> + '_ {
    (0..group.rows.min(rows)).map(move |row| {
        let cells = TypedRow::of(group, row);
        Row {
            line: group.first_line + row,
            fields: (0..cells.count())
                .map(|i| cells.text(i).into_owned())
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_precision_values_read_as_their_shortest_decimals() {
        let bits = |x: f64| x.to_bits();
        assert_eq!(bits(widened(0.1)), bits(0.1));
        assert_eq!(bits(widened(85.3)), bits(85.3));
        assert_eq!(bits(widened(-1.5e-7)), bits(-1.5e-7));
        assert!(widened(f32::NAN).is_nan());
        assert_eq!(bits(widened(f32::INFINITY)), bits(f64::INFINITY));
        assert_ne!(
            bits(f64::from(0.1_f32)),
            bits(0.1),
            "what a plain widening gives"
        );
    }
}
