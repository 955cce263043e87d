//! A year's figures held as columns: each capacity's scores, each indicator's values and each
//! extra column's values, one slot per record, so that ranking, sorting and statistics run
//! over contiguous slices.

use super::compact_column::{CompactColumn, EMPTY};

/// The value meaning "missing" in storage. Input never yields NaN as a value (the parsers read
/// "nan" as missing, JSON has none), so nothing is lost; a NaN stored reads back as missing.
const MISSING: f64 = f64::NAN;

/// `value` as stored: NaN for missing.
#[must_use]
pub fn store(value: Option<f64>) -> f64 {
    value.unwrap_or(MISSING)
}

/// A stored value as read: `None` for missing.
#[must_use]
pub fn load(value: f64) -> Option<f64> {
    (!value.is_nan()).then_some(value)
}

/// How many capacity, indicator and extra columns a year's figures have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Shape {
    pub capacities: usize,
    pub indicators: usize,
    pub extras: usize,
}

impl Shape {
    /// The number of columns.
    #[must_use]
    pub fn columns(self) -> usize {
        self.capacities + self.indicators + self.extras
    }
}

/// A year's figures: the capacity columns, then the indicator columns, then the extra columns,
/// each with one value per record (4 bytes a value when a decimal unit holds the column's values
/// exactly, else 8: see [`CompactColumn`]).
#[derive(Clone, Default)]
pub struct Values {
    shape: Shape,
    columns: Vec<CompactColumn>,
    rows: usize,
}

impl Values {
    /// No records yet, with the columns of `shape`.
    #[must_use]
    pub fn new(shape: Shape) -> Self {
        Self {
            shape,
            columns: vec![CompactColumn::new(); shape.columns()],
            rows: 0,
        }
    }

    /// The columns there are.
    #[must_use]
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The number of records.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Adds one record's figures: its scores, indicator values and extra columns' values, each
    /// group cut or padded (with missing values) to the columns there are.
    pub fn push(&mut self, scores: Slots<'_>, indicators: Slots<'_>, extras: Slots<'_>) {
        let Shape {
            capacities,
            indicators: indicator_count,
            ..
        } = self.shape;
        let (score_columns, rest) = self.columns.split_at_mut(capacities);
        let (indicator_columns, extra_columns) = rest.split_at_mut(indicator_count);
        for (columns, slots) in [
            (score_columns, scores),
            (indicator_columns, indicators),
            (extra_columns, extras),
        ] {
            for (k, column) in columns.iter_mut().enumerate() {
                column.push(slots.raw(k));
            }
        }
        self.rows += 1;
    }

    /// Adds records with every value missing until there are `rows` (and each column has them).
    pub fn pad_rows(&mut self, rows: usize) {
        if rows >= self.rows {
            for column in &mut self.columns {
                column.pad(rows);
            }
            self.rows = rows;
        }
    }

    /// Puts `column` in place of value column `k` (capacity scores, then indicator values, then
    /// extra columns' values; ignored when out of range). The records are then as many as the
    /// longest column: [`Values::pad_rows`] gives the others missing values.
    pub fn replace_column(&mut self, k: usize, column: CompactColumn) {
        if let Some(slot) = self.columns.get_mut(k) {
            *slot = column;
        }
    }

    /// Sets value `k` (capacity scores, then indicator values, then extra columns' values) of
    /// record `row` (ignored when out of range).
    pub fn set(&mut self, row: usize, k: usize, value: Option<f64>) {
        if let Some(column) = self.columns.get_mut(k) {
            column.set(row, store(value));
        }
    }

    /// Adds `other`'s records after these (`other` has the same shape; it is left empty).
    ///
    /// Each column is sized to fit exactly and `other`'s is freed before the next is copied, so
    /// that appending a large year holds little more than the two years' figures.
    pub fn append(&mut self, other: &mut Self) {
        for (mine, theirs) in self.columns.iter_mut().zip(&mut other.columns) {
            mine.append(theirs);
        }
        self.rows += other.rows;
        other.rows = 0;
    }

    /// Keeps the records for which `keep` (by record index) is true, in order.
    pub fn retain(&mut self, keep: &[bool]) {
        for column in &mut self.columns {
            column.retain(keep);
        }
        self.rows = self.columns.first().map_or_else(
            || {
                (0..self.rows)
                    .filter(|&r| keep.get(r).copied().unwrap_or(true))
                    .count()
            },
            CompactColumn::len,
        );
    }

    /// Room for `rows` records in all, in each column (exactly: given back by
    /// [`Self::shrink_to_fit`] if they never come).
    pub fn reserve_exact(&mut self, rows: usize) {
        for column in &mut self.columns {
            column.reserve_exact(rows.saturating_sub(column.len()));
        }
    }

    /// Gives back room reserved for records that never came.
    pub fn shrink_to_fit(&mut self) {
        for column in &mut self.columns {
            column.shrink_to_fit();
        }
    }

    /// The same figures with the columns of `shape`: each group cut or padded with missing
    /// values.
    #[must_use]
    pub fn fitted(mut self, shape: Shape) -> Self {
        if shape == self.shape {
            return self;
        }
        let rows = self.rows;
        let mut groups = [
            self.shape.capacities,
            self.shape.indicators,
            self.shape.extras,
        ]
        .into_iter()
        .map(|n| self.columns.drain(..n).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .into_iter();
        let mut columns = Vec::with_capacity(shape.columns());
        for want in [shape.capacities, shape.indicators, shape.extras] {
            let mut group = groups.next().unwrap_or_default();
            group.resize_with(want, || CompactColumn::missing(rows));
            columns.extend(group);
        }
        Self {
            shape,
            columns,
            rows,
        }
    }

    fn group(&self, first: usize, len: usize) -> &[CompactColumn] {
        self.columns.get(first..first + len).unwrap_or_default()
    }

    /// Record `row`'s capacity scores.
    #[must_use]
    pub fn scores(&self, row: usize) -> Slots<'_> {
        Slots::gathered(self.group(0, self.shape.capacities), row)
    }

    /// Record `row`'s indicator values.
    #[must_use]
    pub fn indicators(&self, row: usize) -> Slots<'_> {
        Slots::gathered(
            self.group(self.shape.capacities, self.shape.indicators),
            row,
        )
    }

    /// Record `row`'s extra columns' values.
    #[must_use]
    pub fn extras(&self, row: usize) -> Slots<'_> {
        Slots::gathered(
            self.group(
                self.shape.capacities + self.shape.indicators,
                self.shape.extras,
            ),
            row,
        )
    }

    /// Every record's score of capacity `c` (empty when there is no such capacity).
    #[must_use]
    pub fn score_column(&self, c: usize) -> Column<'_> {
        self.column(c, c < self.shape.capacities)
    }

    /// Every record's value of indicator `i`.
    #[must_use]
    pub fn indicator_column(&self, i: usize) -> Column<'_> {
        self.column(self.shape.capacities + i, i < self.shape.indicators)
    }

    /// Every record's value of extra column `e`.
    #[must_use]
    pub fn extra_column(&self, e: usize) -> Column<'_> {
        self.column(
            self.shape.capacities + self.shape.indicators + e,
            e < self.shape.extras,
        )
    }

    fn column(&self, k: usize, exists: bool) -> Column<'_> {
        Column(
            exists
                .then(|| self.columns.get(k))
                .flatten()
                .unwrap_or(&EMPTY),
        )
    }
}

impl PartialEq for Values {
    /// Equal figures, a missing value equal to a missing one.
    fn eq(&self, other: &Self) -> bool {
        self.shape == other.shape
            && self.rows == other.rows
            && self.columns.iter().zip(&other.columns).all(|(a, b)| {
                a.len() == b.len()
                    && (0..a.len()).all(|r| {
                        let (x, y) = (a.get(r).unwrap_or(MISSING), b.get(r).unwrap_or(MISSING));
                        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
                    })
            })
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Values")
            .field("shape", &self.shape)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// One column of a year's figures, a value per record.
#[derive(Clone, Copy)]
pub struct Column<'a>(&'a CompactColumn);

impl<'a> Column<'a> {
    /// Record `row`'s value; `None` when missing or out of range.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<f64> {
        self.0.get(row).and_then(load)
    }

    /// The column as it is stored.
    #[must_use]
    pub fn stored(&self) -> &'a CompactColumn {
        self.0
    }

    /// The number of records.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each record's value in order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<f64>> + 'a {
        let column = self.0;
        (0..column.len()).map(move |r| column.get(r).and_then(load))
    }
}

/// A record's scores, indicator values or extra columns' values: one slot each, `None` when
/// missing. Read from a record being built (its own values side by side) or from a year's
/// columns (one value from each).
#[derive(Clone, Copy)]
pub struct Slots<'a>(Layout<'a>);

#[derive(Clone, Copy)]
enum Layout<'a> {
    SideBySide(&'a [f64]),
    Gathered {
        columns: &'a [CompactColumn],
        row: usize,
    },
}

impl<'a> Slots<'a> {
    /// Slots stored side by side.
    #[must_use]
    pub fn side_by_side(values: &'a [f64]) -> Self {
        Self(Layout::SideBySide(values))
    }

    fn gathered(columns: &'a [CompactColumn], row: usize) -> Self {
        Self(Layout::Gathered { columns, row })
    }

    /// Slot `i` as stored: NaN when missing or out of range.
    fn raw(&self, i: usize) -> f64 {
        match self.0 {
            Layout::SideBySide(values) => values.get(i).copied(),
            Layout::Gathered { columns, row } => columns.get(i).and_then(|c| c.get(row)),
        }
        .unwrap_or(MISSING)
    }

    /// The value in slot `i`; `None` when missing or out of range.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<f64> {
        load(self.raw(i))
    }

    /// The number of slots.
    #[must_use]
    pub fn len(&self) -> usize {
        match self.0 {
            Layout::SideBySide(values) => values.len(),
            Layout::Gathered { columns, .. } => columns.len(),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each slot in order.
    #[must_use]
    pub fn iter(&self) -> SlotIter<'a> {
        SlotIter {
            slots: *self,
            next: 0,
        }
    }

    /// The slots as options.
    #[must_use]
    pub fn to_vec(&self) -> Vec<Option<f64>> {
        self.iter().collect()
    }
}

/// The slots of a [`Slots`] in order.
#[derive(Clone)]
pub struct SlotIter<'a> {
    slots: Slots<'a>,
    next: usize,
}

impl Iterator for SlotIter<'_> {
    type Item = Option<f64>;
    fn next(&mut self) -> Option<Self::Item> {
        (self.next < self.slots.len()).then(|| {
            self.next += 1;
            self.slots.get(self.next - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.slots.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for SlotIter<'_> {}

impl<'a> IntoIterator for Slots<'a> {
    type Item = Option<f64>;
    type IntoIter = SlotIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &Slots<'a> {
    type Item = Option<f64>;
    type IntoIter = SlotIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Slots<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl PartialEq<[Option<f64>]> for Slots<'_> {
    fn eq(&self, other: &[Option<f64>]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().copied())
    }
}

impl PartialEq<Vec<Option<f64>>> for Slots<'_> {
    fn eq(&self, other: &Vec<Option<f64>>) -> bool {
        *self == **other
    }
}

impl std::fmt::Debug for Slots<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{Shape, Slots, Values};

    fn shape() -> Shape {
        Shape {
            capacities: 2,
            indicators: 1,
            extras: 1,
        }
    }

    fn values(rows: &[[Option<f64>; 4]]) -> Values {
        let mut values = Values::new(shape());
        for row in rows {
            let raw: Vec<f64> = row.iter().map(|&v| super::store(v)).collect();
            values.push(
                Slots::side_by_side(&raw[..2]),
                Slots::side_by_side(&raw[2..3]),
                Slots::side_by_side(&raw[3..]),
            );
        }
        values
    }

    #[test]
    fn a_record_reads_back_what_was_pushed_missing_values_included() {
        let v = values(&[
            [Some(1.0), None, Some(0.0), Some(-2.5)],
            [None, Some(7.0), None, None],
        ]);
        assert_eq!(v.rows(), 2);
        assert_eq!(v.scores(0), vec![Some(1.0), None]);
        assert_eq!(v.indicators(0), vec![Some(0.0)]);
        assert_eq!(v.extras(0), vec![Some(-2.5)]);
        assert_eq!(v.scores(1), vec![None, Some(7.0)]);
        assert_eq!(
            v.score_column(1).iter().collect::<Vec<_>>(),
            [None, Some(7.0)]
        );
        assert_eq!(v.extra_column(0).get(0), Some(-2.5));
        assert!(v.score_column(2).is_empty(), "no third capacity");
        assert_eq!(v.scores(5).get(0), None, "no such record");
    }

    #[test]
    fn a_short_record_is_padded_and_a_long_one_cut() {
        let mut v = Values::new(shape());
        v.push(
            Slots::side_by_side(&[3.0]),
            Slots::side_by_side(&[1.0, 2.0]),
            Slots::side_by_side(&[]),
        );
        assert_eq!(v.scores(0), vec![Some(3.0), None]);
        assert_eq!(v.indicators(0), vec![Some(1.0)]);
        assert_eq!(v.extras(0), vec![None]);
    }

    #[test]
    fn append_retain_and_fit_keep_each_record_whole() {
        let mut a = values(&[[Some(1.0), Some(2.0), Some(3.0), Some(4.0)]]);
        let mut b = values(&[
            [Some(5.0), None, Some(7.0), Some(8.0)],
            [Some(9.0), Some(10.0), None, Some(12.0)],
        ]);
        a.append(&mut b);
        assert_eq!((a.rows(), b.rows()), (3, 0));
        a.retain(&[true, false, true]);
        assert_eq!(a.rows(), 2);
        assert_eq!(a.scores(1), vec![Some(9.0), Some(10.0)]);
        assert_eq!(a.extras(1), vec![Some(12.0)]);
        let wider = a.fitted(Shape {
            capacities: 3,
            indicators: 0,
            extras: 1,
        });
        assert_eq!(wider.scores(0), vec![Some(1.0), Some(2.0), None]);
        assert!(wider.indicators(0).is_empty());
        assert_eq!(wider.extras(1), vec![Some(12.0)]);
    }
}
