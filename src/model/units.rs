//! Whole numbers (a column's figures in decimal units) stored in three bytes each while every one
//! fits in 24 bits — figures below 8,388.608 in thousandths, below 83,886.08 in hundredths —
//! and in four once one does not.

/// A missing value, as the numbers' users see it.
pub const MISSING: i32 = i32::MIN;

/// The smallest 24-bit number: what a missing value is stored as in three bytes.
const NARROW_MISSING: i32 = -(1 << 23);

/// Whether `units` can be stored in three bytes.
fn fits_narrow(units: i32) -> bool {
    units == MISSING || (NARROW_MISSING < units && units < 1 << 23)
}

fn pack(units: i32) -> [u8; 3] {
    let [a, b, c, _] = if units == MISSING {
        NARROW_MISSING
    } else {
        units
    }
    .to_le_bytes();
    [a, b, c]
}

fn unpack([a, b, c]: [u8; 3]) -> i32 {
    // The 24 bits moved to the top and back: the sign spreads over the top byte.
    let units = i32::from_le_bytes([0, a, b, c]) >> 8;
    if units == NARROW_MISSING {
        MISSING
    } else {
        units
    }
}

/// Keeps the items of `items` for which `keep` (by place; true past its end) is true, in order.
pub fn retain_in<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut at = 0;
    items.retain(|_| {
        at += 1;
        keep.get(at - 1).copied().unwrap_or(true)
    });
}

/// Whole numbers in three bytes each (`Narrow`) or four (`Wide`).
#[derive(Clone, Debug)]
pub enum Units {
    Narrow(Vec<[u8; 3]>),
    Wide(Vec<i32>),
}

impl Default for Units {
    fn default() -> Self {
        Self::Narrow(Vec::new())
    }
}

impl Units {
    /// None yet, with room for `count`.
    #[must_use]
    pub fn with_capacity(count: usize) -> Self {
        Self::Narrow(Vec::with_capacity(count))
    }

    /// `count` missing numbers.
    #[must_use]
    pub fn missing(count: usize) -> Self {
        Self::Narrow(vec![pack(MISSING); count])
    }

    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Narrow(units) => units.len(),
            Self::Wide(units) => units.len(),
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many numbers there is room for.
    #[must_use]
    pub fn capacity(&self) -> usize {
        match self {
            Self::Narrow(units) => units.capacity(),
            Self::Wide(units) => units.capacity(),
        }
    }

    /// The bytes the numbers take, room included.
    #[must_use]
    pub fn bytes(&self) -> usize {
        match self {
            Self::Narrow(units) => units.capacity() * 3,
            Self::Wide(units) => units.capacity() * 4,
        }
    }

    /// Number `at` ([`MISSING`] when missing); `None` out of range.
    #[must_use]
    #[inline]
    pub fn get(&self, at: usize) -> Option<i32> {
        match self {
            Self::Narrow(units) => units.get(at).copied().map(unpack),
            Self::Wide(units) => units.get(at).copied(),
        }
    }

    /// The numbers in order.
    pub fn iter(&self) -> impl Iterator<Item = i32> + '_ {
        (0..self.len()).filter_map(|at| self.get(at))
    }

    /// The magnitude every number stored as they are now stays below: 2²³ in three bytes,
    /// 2³¹ in four ([`MISSING`] apart).
    #[must_use]
    pub fn limit(&self) -> f64 {
        match self {
            Self::Narrow(_) => f64::from(1 << 23),
            Self::Wide(_) => 2_147_483_648.0,
        }
    }

    /// Adds `numbers`, each [`MISSING`] or of magnitude below [`Self::limit`], at the end.
    pub fn extend_fitting(&mut self, numbers: &[i32]) {
        match self {
            Self::Narrow(narrow) => narrow.extend(numbers.iter().map(|&u| pack(u))),
            Self::Wide(wide) => wide.extend_from_slice(numbers),
        }
    }

    /// Adds `units` at the end, in four bytes each from now on if it needs them.
    #[inline]
    pub fn push(&mut self, units: i32) {
        if let Self::Narrow(narrow) = self {
            if fits_narrow(units) {
                narrow.push(pack(units));
                return;
            }
            self.widen();
        }
        if let Self::Wide(wide) = self {
            wide.push(units);
        }
    }

    /// Adds the numbers of `from` at the places `picks` gives (past its end: [`MISSING`]),
    /// in four bytes each from now on if one needs them.
    pub fn extend_picked(&mut self, from: &Self, picks: &[u32]) {
        if let (Self::Narrow(narrow), Self::Narrow(from)) = (&mut *self, from) {
            let missing = pack(MISSING);
            narrow.extend(
                picks
                    .iter()
                    .map(|&i| from.get(i as usize).copied().unwrap_or(missing)),
            );
            return;
        }
        for &i in picks {
            self.push(from.get(i as usize).unwrap_or(MISSING));
        }
    }

    /// Sets number `at` (which exists) to `units`.
    pub fn set(&mut self, at: usize, units: i32) {
        if let Self::Narrow(narrow) = self {
            if fits_narrow(units) {
                narrow[at] = pack(units);
                return;
            }
            self.widen();
        }
        if let Self::Wide(wide) = self {
            wide[at] = units;
        }
    }

    /// Missing numbers added until there are `count`.
    pub fn pad(&mut self, count: usize) {
        match self {
            Self::Narrow(units) if count > units.len() => units.resize(count, pack(MISSING)),
            Self::Wide(units) if count > units.len() => units.resize(count, MISSING),
            _ => {}
        }
    }

    /// Keeps the numbers for which `keep` (by place; true past its end) is true.
    pub fn retain(&mut self, keep: &[bool]) {
        match self {
            Self::Narrow(units) => retain_in(units, keep),
            Self::Wide(units) => retain_in(units, keep),
        }
    }

    /// Room for `more` numbers beyond those held, exactly.
    pub fn reserve_exact(&mut self, more: usize) {
        match self {
            Self::Narrow(units) => units.reserve_exact(more),
            Self::Wide(units) => units.reserve_exact(more),
        }
    }

    /// Gives back room for numbers that never came.
    pub fn shrink_to_fit(&mut self) {
        match self {
            Self::Narrow(units) => units.shrink_to_fit(),
            Self::Wide(units) => units.shrink_to_fit(),
        }
    }

    /// Each present number times `factor` (the caller has checked that each fits in 32 bits).
    pub fn scale(&mut self, factor: i32) {
        let widest = self
            .iter()
            .filter(|&u| u != MISSING)
            .map(i32::unsigned_abs)
            .max()
            .unwrap_or(0);
        if widest.saturating_mul(factor.unsigned_abs()) >= 1 << 23 {
            self.widen();
        }
        match self {
            Self::Narrow(units) => {
                for u in units.iter_mut().filter(|u| **u != pack(MISSING)) {
                    *u = pack(unpack(*u) * factor);
                }
            }
            Self::Wide(units) => {
                for u in units.iter_mut().filter(|u| **u != MISSING) {
                    *u *= factor;
                }
            }
        }
    }

    /// Adds `other`'s numbers after these, sized to fit exactly.
    pub fn append(&mut self, other: Self) {
        if let (Self::Narrow(_), Self::Wide(_)) = (&*self, &other) {
            self.widen();
        }
        match (self, other) {
            (Self::Narrow(mine), Self::Narrow(theirs)) => {
                mine.reserve_exact(theirs.len());
                mine.extend_from_slice(&theirs);
            }
            (Self::Wide(mine), theirs) => {
                mine.reserve_exact(theirs.len());
                mine.extend(theirs.iter());
            }
            (Self::Narrow(_), Self::Wide(_)) => {}
        }
    }

    /// The numbers in four bytes each.
    fn widen(&mut self) {
        if let Self::Narrow(narrow) = self {
            let mut wide = Vec::with_capacity(narrow.capacity().max(narrow.len() + 1));
            wide.extend(narrow.iter().copied().map(unpack));
            *self = Self::Wide(wide);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MISSING, Units};

    #[test]
    fn numbers_keep_their_values_in_three_bytes_then_in_four() {
        let edges = [
            0,
            1,
            -1,
            (1 << 23) - 1,
            -(1 << 23) + 1,
            MISSING,
            123_456,
            -98_700,
        ];
        let mut units = Units::default();
        for u in edges {
            units.push(u);
        }
        assert!(matches!(units, Units::Narrow(_)));
        assert_eq!(units.iter().collect::<Vec<_>>(), edges);
        // The smallest 24-bit number is the missing marker: a number that needs four bytes.
        for wider in [-(1 << 23), 1 << 23, i32::MAX, i32::MIN + 1] {
            let mut more = units.clone();
            more.push(wider);
            assert!(matches!(more, Units::Wide(_)), "{wider}");
            let mut expected = edges.to_vec();
            expected.push(wider);
            assert_eq!(more.iter().collect::<Vec<_>>(), expected);
            let mut set = units.clone();
            set.set(2, wider);
            assert_eq!(set.get(2), Some(wider));
            assert_eq!(set.get(3), Some((1 << 23) - 1));
        }
        units.pad(10);
        assert_eq!(units.get(9), Some(MISSING));
        units.retain(&[true, false]);
        assert_eq!(units.len(), 9);
        assert_eq!(units.get(1), Some(-1));
        // Scaled past 24 bits: four bytes.
        units.scale(10);
        assert!(matches!(units, Units::Wide(_)));
        assert_eq!(units.get(2), Some(((1 << 23) - 1) * 10));
        assert_eq!(units.get(4), Some(MISSING));
        let mut narrow = Units::missing(2);
        narrow.append(units.clone());
        assert_eq!(narrow.len(), 11);
        assert_eq!(narrow.get(0), Some(MISSING));
        assert_eq!(narrow.get(3), Some(-10));
    }
}
