//! One column of a year's figures, stored in three eighths of the memory when it can be: as
//! whole numbers of a decimal unit (thousandths for figures published with three decimals), in
//! three bytes each while they fit ([`super::units`]), else as doubles.
//!
//! A figure read from "123.456" is the double nearest 123.456. Stored as 123456 thousandths it
//! reads back as `123456.0 / 1000.0`, which IEEE 754 rounds to that same nearest double: the
//! value is kept exactly, bit for bit. A value is stored as units only when it reads back so
//! ([`units`]); a column meeting one that does not (a third, 1e12, −0) widens its unit or turns
//! to doubles, its earlier values kept exactly.

/// The finest unit a column is stored in: millionths.
const MAX_DECIMALS: usize = 6;

/// 10ⁿ for each number of decimals, exact as doubles.
const POWERS: [f64; MAX_DECIMALS + 1] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];

use super::units::{MISSING as MISSING_UNITS, Units};

/// `value` (not NaN) in units of 10^−`decimals`, when those units read back as exactly `value`.
#[inline]
fn units(value: f64, decimals: usize) -> Option<i32> {
    let scaled = value * POWERS[decimals];
    // Rounded half away from zero by truncating (`round` is a library call on baseline x86-64);
    // a wrong guess is only a value not held, never a value changed: the check below decides.
    #[expect(clippy::cast_possible_truncation, reason = "saturates; checked below")]
    let nearest = (scaled + 0.5_f64.copysign(scaled)) as i64;
    let units = i32::try_from(nearest)
        .ok()
        .filter(|&u| u != MISSING_UNITS)?;
    (read(units, decimals).to_bits() == value.to_bits()).then_some(units)
}

/// The values converted at a time by [`CompactColumn::extend_from_slice`].
const CHUNK: usize = 64;

/// [`units`] of each of `values` into `out` (NaN: [`MISSING_UNITS`]), with no branch per value
/// so that the loop runs on the processor's vector lanes: true when every value is held
/// exactly, in units of magnitude below `limit` (2²³ for three bytes). On false `out` is not
/// to be used. The whole number nearest a scaled value is found by adding and taking away
/// 1.5 × 2⁵² (ties to even, where [`units`] rounds them away from zero: a tie is never a value
/// held, so the two agree on every value they hold).
#[inline]
fn chunk_units(values: &[f64], decimals: usize, limit: f64, out: &mut [i32]) -> bool {
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let power = POWERS[decimals];
    let mut held = true;
    for (&value, out) in values.iter().zip(out) {
        let shifted = value * power + ROUND;
        let whole = shifted - ROUND;
        let exact = (whole / power).to_bits() == value.to_bits();
        let missing = value.is_nan();
        held &= missing | (exact & (whole.abs() < limit));
        // The whole number is the low bits of the shifted value's (2⁵¹ plus it, in the
        // mantissa): its low 32 are it in two's complement while it is below 2³¹.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the low 32 bits, on purpose"
        )]
        let units = shifted.to_bits() as u32;
        *out = if missing {
            MISSING_UNITS
        } else {
            i32::from_ne_bytes(units.to_ne_bytes())
        };
    }
    held
}

/// The value of `units` in units of 10^−`decimals` (NaN for missing).
#[must_use]
pub fn read(units: i32, decimals: usize) -> f64 {
    if units == MISSING_UNITS {
        f64::NAN
    } else {
        f64::from(units) / POWERS[decimals]
    }
}

/// A column of values, NaN standing for a missing one (as [`super::values`] stores them).
#[derive(Clone, Debug)]
pub enum CompactColumn {
    /// Each value is its units in 10^−`decimals`; [`MISSING_UNITS`] when missing.
    Decimal { decimals: usize, units: Units },
    /// Values no decimal unit holds exactly, as doubles.
    Doubles(Vec<f64>),
}

impl Default for CompactColumn {
    fn default() -> Self {
        Self::new()
    }
}

impl FromIterator<f64> for CompactColumn {
    /// The values in order (NaN: missing).
    fn from_iter<I: IntoIterator<Item = f64>>(values: I) -> Self {
        let values = values.into_iter();
        let mut column = Self::with_capacity(values.size_hint().0);
        let mut chunk = [f64::NAN; CHUNK];
        let mut filled = 0;
        for value in values {
            chunk[filled] = value;
            filled += 1;
            if filled == CHUNK {
                column.extend_from_slice(&chunk);
                filled = 0;
            }
        }
        column.extend_from_slice(&chunk[..filled]);
        column
    }
}

/// A column with no values, for a column that does not exist.
pub static EMPTY: CompactColumn = CompactColumn::Doubles(Vec::new());

impl CompactColumn {
    /// An empty column, in whole units until a value needs finer ones.
    #[must_use]
    pub const fn new() -> Self {
        Self::Decimal {
            decimals: 0,
            units: Units::Narrow(Vec::new()),
        }
    }

    /// An empty column with room for `rows` values (in whole units until a value needs finer
    /// ones).
    #[must_use]
    pub fn with_capacity(rows: usize) -> Self {
        Self::Decimal {
            decimals: 0,
            units: Units::with_capacity(rows),
        }
    }

    /// `rows` missing values.
    #[must_use]
    pub fn missing(rows: usize) -> Self {
        Self::Decimal {
            decimals: 0,
            units: Units::missing(rows),
        }
    }

    /// The number of values.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Decimal { units, .. } => units.len(),
            Self::Doubles(values) => values.len(),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `row` as stored (NaN when missing); `None` out of range.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<f64> {
        match self {
            Self::Decimal { decimals, units } => units.get(row).map(|u| read(u, *decimals)),
            Self::Doubles(values) => values.get(row).copied(),
        }
    }

    /// The values' whole numbers and the decimals of their unit (each value is its number
    /// times 10^−decimals; [`MISSING_UNITS`] when missing), when the column is held so.
    #[must_use]
    pub fn units(&self) -> Option<(&Units, usize)> {
        match self {
            Self::Decimal { decimals, units } => Some((units, *decimals)),
            Self::Doubles(_) => None,
        }
    }

    /// The bytes the values take.
    #[must_use]
    pub fn bytes(&self) -> usize {
        match self {
            Self::Decimal { units, .. } => units.bytes(),
            Self::Doubles(values) => values.capacity() * size_of::<f64>(),
        }
    }

    /// Adds `value` (NaN: missing) at the end.
    #[inline]
    pub fn push(&mut self, value: f64) {
        if let Self::Decimal { decimals, units } = self {
            if value.is_nan() {
                units.push(MISSING_UNITS);
                return;
            }
            if let Some(u) = self::units(value, *decimals) {
                units.push(u);
                return;
            }
            self.make_room_for(value);
        }
        match self {
            Self::Decimal { decimals, units } => {
                units.push(self::units(value, *decimals).unwrap_or(MISSING_UNITS));
            }
            Self::Doubles(values) => values.push(value),
        }
    }

    /// Adds `values` at the end (NaN: missing), exactly as [`Self::push`] of each in turn
    /// would: a chunk at a time while the chunk's values all fit the column's unit, one at a
    /// time (changing the unit) where one does not.
    pub fn extend_from_slice(&mut self, values: &[f64]) {
        let mut out = [0_i32; CHUNK];
        for chunk in values.chunks(CHUNK) {
            let added = match self {
                Self::Decimal { decimals, units } => {
                    let out = &mut out[..chunk.len()];
                    let held = chunk_units(chunk, *decimals, units.limit(), out);
                    if held {
                        units.extend_fitting(out);
                    }
                    held
                }
                Self::Doubles(doubles) => {
                    doubles.extend_from_slice(chunk);
                    true
                }
            };
            if !added {
                for &value in chunk {
                    self.push(value);
                }
            }
        }
    }

    /// Adds the values of `dictionary` at the places `picks` gives (one past its end: a
    /// missing value), the same values [`Self::extend_from_slice`] of them would add: copied
    /// as units when the two are held in the same unit (or this column is empty), else
    /// converted one by one.
    pub fn extend_picked(&mut self, dictionary: &Self, picks: &[u32]) {
        if let Self::Decimal {
            decimals: from_decimals,
            units: from_units,
        } = dictionary
        {
            if self.is_empty()
                && let Self::Decimal { decimals, .. } = self
            {
                *decimals = *from_decimals;
            }
            if let Self::Decimal { decimals, units } = self
                && decimals == from_decimals
            {
                units.extend_picked(from_units, picks);
                return;
            }
        }
        for picks in picks.chunks(CHUNK) {
            let mut chunk = [f64::NAN; CHUNK];
            for (value, &i) in chunk.iter_mut().zip(picks) {
                *value = dictionary.get(i as usize).unwrap_or(f64::NAN);
            }
            self.extend_from_slice(&chunk[..picks.len()]);
        }
    }

    /// Adds `count` missing values at the end.
    pub fn extend_missing(&mut self, count: usize) {
        match self {
            Self::Decimal { units, .. } => units.pad(units.len() + count),
            Self::Doubles(values) => values.resize(values.len() + count, f64::NAN),
        }
    }

    /// Sets value `row` (ignored when out of range).
    pub fn set(&mut self, row: usize, value: f64) {
        if row >= self.len() {
            return;
        }
        if let Self::Decimal { decimals, units } = self {
            let stored = if value.is_nan() {
                Some(MISSING_UNITS)
            } else {
                self::units(value, *decimals)
            };
            if let Some(u) = stored {
                units.set(row, u);
                return;
            }
            self.make_room_for(value);
        }
        match self {
            Self::Decimal { decimals, units } => {
                units.set(row, self::units(value, *decimals).unwrap_or(MISSING_UNITS));
            }
            Self::Doubles(values) => values[row] = value,
        }
    }

    /// Missing values added until there are `rows`.
    pub fn pad(&mut self, rows: usize) {
        match self {
            Self::Decimal { units, .. } => units.pad(rows),
            Self::Doubles(values) => {
                if rows > values.len() {
                    values.resize(rows, f64::NAN);
                }
            }
        }
    }

    /// Keeps the values for which `keep` (by row; true past its end) is true, in order.
    pub fn retain(&mut self, keep: &[bool]) {
        match self {
            Self::Decimal { units, .. } => units.retain(keep),
            Self::Doubles(values) => super::units::retain_in(values, keep),
        }
    }

    /// Gives back room reserved for values that never came.
    pub fn shrink_to_fit(&mut self) {
        match self {
            Self::Decimal { units, .. } => units.shrink_to_fit(),
            Self::Doubles(values) => values.shrink_to_fit(),
        }
    }

    /// Room for `more` values beyond those held, exactly.
    pub fn reserve_exact(&mut self, more: usize) {
        match self {
            Self::Decimal { units, .. } => units.reserve_exact(more),
            Self::Doubles(values) => values.reserve_exact(more),
        }
    }

    /// How many values there is room for.
    fn capacity(&self) -> usize {
        match self {
            Self::Decimal { units, .. } => units.capacity(),
            Self::Doubles(values) => values.capacity(),
        }
    }

    /// Adds `other`'s values after these, leaving `other` empty: the two in the same unit first
    /// (the finer, or doubles). Sized to fit exactly, `other`'s freed at once; an empty column
    /// takes `other`'s values as they are unless it has more room reserved than they fill.
    pub fn append(&mut self, other: &mut Self) {
        if self.is_empty() && (self.capacity() <= other.len() || matches!(other, Self::Doubles(_)))
        {
            *self = std::mem::take(other);
            self.shrink_to_fit();
            return;
        }
        let finer = match (&*self, &*other) {
            (Self::Decimal { decimals: a, .. }, Self::Decimal { decimals: b, .. }) => {
                Some(*a.max(b))
            }
            _ => None,
        };
        let alike = finer.is_some_and(|d| self.rescale(d) && other.rescale(d));
        if !alike {
            self.make_doubles();
            other.make_doubles();
        }
        match (self, std::mem::take(other)) {
            (Self::Decimal { units: mine, .. }, Self::Decimal { units: theirs, .. }) => {
                mine.append(theirs);
            }
            (Self::Doubles(mine), Self::Doubles(theirs)) => {
                mine.reserve_exact(theirs.len());
                mine.extend_from_slice(&theirs);
            }
            _ => {}
        }
    }

    /// Changes the unit so that `value` is held as well as every value already held: the
    /// coarsest finer unit that holds them all, else doubles.
    fn make_room_for(&mut self, value: f64) {
        let Self::Decimal { decimals, .. } = *self else {
            return;
        };
        let fits = (decimals + 1..=MAX_DECIMALS).find(|&d| units(value, d).is_some());
        if !fits.is_some_and(|d| self.rescale(d)) {
            self.make_doubles();
        }
    }

    /// Holds the values in units of 10^−`decimals` (no coarser than now), if each fits in
    /// them; else leaves them as they are and gives false.
    fn rescale(&mut self, decimals: usize) -> bool {
        let Self::Decimal {
            decimals: now,
            units,
        } = self
        else {
            return false;
        };
        if decimals == *now {
            return true;
        }
        if decimals < *now || decimals > MAX_DECIMALS {
            return false;
        }
        #[expect(clippy::cast_possible_truncation, reason = "10⁶ at most")]
        let factor = POWERS[decimals - *now] as i32;
        let widest = units
            .iter()
            .filter(|&u| u != MISSING_UNITS)
            .map(|u| i64::from(u).abs())
            .max()
            .unwrap_or(0);
        if widest * i64::from(factor) > i64::from(i32::MAX) {
            return false;
        }
        units.scale(factor);
        *now = decimals;
        true
    }

    /// Holds the values as doubles.
    fn make_doubles(&mut self) {
        if let Self::Decimal { decimals, units } = self {
            let decimals = *decimals;
            let values = units.iter().map(|u| read(u, decimals)).collect();
            *self = Self::Doubles(values);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CompactColumn;

    fn bits(column: &CompactColumn) -> Vec<u64> {
        (0..column.len())
            .map(|r| column.get(r).map_or(0, f64::to_bits))
            .collect()
    }

    fn pushed(values: &[f64]) -> CompactColumn {
        let mut column = CompactColumn::new();
        for &v in values {
            column.push(v);
        }
        column
    }

    fn same(column: &CompactColumn, values: &[f64]) {
        assert_eq!(column.len(), values.len());
        for (r, &v) in values.iter().enumerate() {
            let got = column.get(r).unwrap();
            assert!(
                got.to_bits() == v.to_bits() || (got.is_nan() && v.is_nan()),
                "row {r}: stored {v:?}, read {got:?}"
            );
        }
    }

    #[test]
    fn figures_with_three_decimals_take_four_bytes_each_and_read_back_exactly() {
        let values: Vec<f64> = ["123.456", "0.001", "-98.7", "2100000.5", "0", "85.3"]
            .iter()
            .map(|t| t.parse().unwrap())
            .chain([f64::NAN])
            .collect();
        let column = pushed(&values);
        same(&column, &values);
        assert!(matches!(column, CompactColumn::Decimal { decimals: 3, .. }));
        assert_eq!(column.bytes(), column.len().next_power_of_two() * 4);
    }

    #[test]
    fn figures_below_8388_in_thousandths_take_three_bytes_each() {
        let values: Vec<f64> = ["97.368", "0.001", "-98.7", "5612.69", "8388.607", "0"]
            .iter()
            .map(|t| t.parse().unwrap())
            .chain([f64::NAN])
            .collect();
        let mut column = pushed(&values);
        same(&column, &values);
        assert_eq!(column.bytes(), column.len().next_power_of_two() * 3);
        // One figure past 24 bits of thousandths: four bytes each, every value kept.
        column.push(8388.608);
        assert!(column.bytes() >= column.len() * 4);
        same(&column, &[values, vec![8388.608]].concat());
    }

    #[test]
    fn a_value_no_unit_holds_turns_the_column_to_doubles_keeping_the_others() {
        for odd in [1.0 / 3.0, 1e12, -0.0, f64::INFINITY, 0.123_456_7, 3e9] {
            let values = [12.5, f64::NAN, 7.25, odd, 4.0];
            let column = pushed(&values);
            same(&column, &values);
            assert!(matches!(column, CompactColumn::Doubles(_)), "{odd}");
        }
    }

    #[test]
    fn a_finer_value_refines_the_unit_unless_a_large_one_would_overflow() {
        let mut column = pushed(&[1_000.0, 2.5]);
        assert!(matches!(column, CompactColumn::Decimal { decimals: 1, .. }));
        column.push(0.000_25);
        assert!(matches!(column, CompactColumn::Decimal { decimals: 5, .. }));
        same(&column, &[1_000.0, 2.5, 0.000_25]);
        // 2,000,000 in millionths does not fit in 32 bits.
        let big = pushed(&[2_000_000.0, 0.000_001]);
        assert!(matches!(big, CompactColumn::Doubles(_)));
        same(&big, &[2_000_000.0, 0.000_001]);
    }

    #[test]
    fn set_pad_retain_and_append_keep_every_value() {
        let mut column = CompactColumn::missing(3);
        column.set(1, 4.5);
        column.set(9, 1.0);
        column.pad(5);
        column.set(4, 0.1 + 0.2);
        same(&column, &[f64::NAN, 4.5, f64::NAN, f64::NAN, 0.1 + 0.2]);
        column.retain(&[false, true, true]);
        same(&column, &[4.5, f64::NAN, f64::NAN, 0.1 + 0.2]);

        let mut coarse = pushed(&[1.5, 20.0]);
        let mut fine = pushed(&[0.125]);
        coarse.append(&mut fine);
        assert!(fine.is_empty());
        assert!(matches!(coarse, CompactColumn::Decimal { decimals: 3, .. }));
        same(&coarse, &[1.5, 20.0, 0.125]);
        coarse.append(&mut column);
        same(
            &coarse,
            &[1.5, 20.0, 0.125, 4.5, f64::NAN, f64::NAN, 0.1 + 0.2],
        );
        let mut empty = CompactColumn::new();
        empty.append(&mut coarse);
        assert_eq!(empty.len(), 7);
    }

    #[test]
    fn any_double_reads_back_bit_for_bit() {
        let mut rng = crate::model::rng::SplitMix64::new(7);
        let mut below = |n: u64| rng.next_u64() % n;
        // Figures of up to three decimals below a million (a column that stays in thousandths),
        // and the same mixed with doubles of any bits.
        let mut figures = Vec::new();
        let mut mixed = Vec::new();
        for _ in 0..20_000 {
            let figure: f64 = if below(10) == 0 {
                f64::NAN
            } else {
                let whole = i64::try_from(below(2_000_000)).unwrap() - 1_000_000;
                format!("{whole}e-{}", below(4)).parse().unwrap()
            };
            figures.push(figure);
            mixed.push(figure);
            let any = f64::from_bits(below(u64::MAX));
            mixed.push(if any.is_nan() { f64::NAN } else { any });
        }
        for values in [&figures, &mixed] {
            let column = pushed(values);
            same(&column, values);
            // In pieces, each in its own unit, appended.
            let mut joined = CompactColumn::new();
            for piece in values.chunks(997) {
                joined.append(&mut pushed(piece));
            }
            assert_eq!(bits(&joined), bits(&column));
        }
        assert!(matches!(
            pushed(&figures),
            CompactColumn::Decimal { decimals: 3, .. }
        ));
    }

    /// The unit a column is held in, and how many bytes a value takes.
    fn shape(column: &CompactColumn) -> (Option<usize>, usize) {
        match column {
            CompactColumn::Decimal { decimals, units } => {
                (Some(*decimals), units.bytes() / units.capacity().max(1))
            }
            CompactColumn::Doubles(_) => (None, 8),
        }
    }

    #[test]
    fn values_added_a_chunk_at_a_time_are_held_as_pushed_one_at_a_time() {
        let edge = |units: f64, decimals: i32| units / 10_f64.powi(decimals);
        let odd = [
            f64::NAN,
            -0.0,
            0.0,
            1.0 / 3.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e12,
            0.5,
            -2.5,
            edge(8_388_607.0, 3),
            edge(-8_388_607.0, 3),
            edge(8_388_608.0, 3),
            edge(-8_388_608.0, 3),
            edge(2_147_483_647.0, 0),
            edge(-2_147_483_648.0, 0),
            edge(123_456.0, 6),
        ];
        let mut state = 7_u64;
        let mut below = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % n
        };
        let mut runs: Vec<Vec<f64>> = vec![Vec::new(), odd.to_vec()];
        for length in [1, 63, 64, 65, 200, 5_000] {
            for odd_every in [0, 1, 17, 1_000] {
                let run: Vec<f64> = (0..length)
                    .map(|i| {
                        if odd_every > 0 && i % odd_every == odd_every - 1 {
                            odd[usize::try_from(below(odd.len() as u64)).unwrap()]
                        } else if below(12) == 0 {
                            f64::NAN
                        } else {
                            let whole = i64::try_from(below(20_000_000)).unwrap() - 10_000_000;
                            format!("{whole}e-{}", below(3)).parse().unwrap()
                        }
                    })
                    .collect();
                runs.push(run);
            }
        }
        for run in &runs {
            let one_by_one = pushed(run);
            let mut chunked = CompactColumn::new();
            chunked.extend_from_slice(run);
            same(&chunked, run);
            assert_eq!(bits(&chunked), bits(&one_by_one));
            assert_eq!(shape(&chunked).0, shape(&one_by_one).0, "{run:?}");
            let collected: CompactColumn = run.iter().copied().collect();
            assert_eq!(bits(&collected), bits(&one_by_one));
            // After values already held, and in two calls.
            let (head, tail) = run.split_at(run.len() / 3);
            let mut twice = pushed(head);
            twice.extend_from_slice(tail);
            assert_eq!(bits(&twice), bits(&one_by_one));
            assert_eq!(shape(&twice).0, shape(&one_by_one).0);
        }
        // Three-decimal figures below 8,388.608 stay in three bytes; one above widens to four.
        let mut narrow = CompactColumn::new();
        narrow.extend_from_slice(&[1.5, 8_388.607, -8_388.607, f64::NAN, 0.001]);
        assert_eq!(shape(&narrow), (Some(3), 3));
        narrow.extend_from_slice(&[8_388.608]);
        assert_eq!(shape(&narrow).0, Some(3));
        assert!(matches!(
            narrow,
            CompactColumn::Decimal {
                units: crate::model::units::Units::Wide(_),
                ..
            }
        ));
        same(
            &narrow,
            &[1.5, 8_388.607, -8_388.607, f64::NAN, 0.001, 8_388.608],
        );
    }
}
