//! Entities numbered by their key (id or name), the keys side by side in one string: every row
//! looks its entity up, and keys scattered over a file's text would each cost a cache miss. What
//! each row compares with its entity's first row travels with the key (one memory access).

use std::hash::BuildHasher as _;

/// Keys up to this long are kept in the table itself, compared without a second memory access.
const INLINE: usize = 16;

/// Keys numbered in order of insertion, each with a small payload `T`, found by hashing.
pub struct KeyIndex<T = ()> {
    /// Each key's number and payload (and the key itself when short), placed by its hash.
    table: hashbrown::HashTable<Slot<T>>,
    /// The keys, one after another.
    keys: String,
    /// Where each key ends in `keys`.
    ends: Vec<usize>,
    hasher: foldhash::fast::RandomState,
}

impl<T> Default for KeyIndex<T> {
    fn default() -> Self {
        Self {
            table: hashbrown::HashTable::new(),
            keys: String::new(),
            ends: Vec::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

impl<T> KeyIndex<T> {
    /// An empty index with room for `keys` keys (no growing while they are added).
    #[must_use]
    pub fn with_capacity(keys: usize) -> Self {
        Self {
            table: hashbrown::HashTable::with_capacity(keys),
            ends: Vec::with_capacity(keys),
            ..Self::default()
        }
    }
}

/// A key's place in the table: its number, length and payload, and its bytes when they fit.
struct Slot<T> {
    number: u32,
    len: u32,
    inline: [u8; INLINE],
    payload: T,
}

impl<T> Slot<T> {
    /// The slot of key number `number` (a key is a cell of a file under 4 GB, numbered among
    /// its file's keys).
    fn new(number: usize, key: &str, payload: T) -> Self {
        let mut inline = [0; INLINE];
        if key.len() <= INLINE {
            inline[..key.len()].copy_from_slice(key.as_bytes());
        }
        Self {
            number: u32::try_from(number).unwrap_or(u32::MAX),
            len: u32::try_from(key.len()).unwrap_or(u32::MAX),
            inline,
            payload,
        }
    }

    fn is(&self, key: &str, keys: &str, ends: &[usize]) -> bool {
        self.len as usize == key.len()
            && if key.len() <= INLINE {
                self.inline[..key.len()] == *key.as_bytes()
            } else {
                key_of(keys, ends, self.number as usize) == key
            }
    }
}

fn key_of<'k>(keys: &'k str, ends: &[usize], number: usize) -> &'k str {
    let start = number.checked_sub(1).map_or(0, |p| ends[p]);
    &keys[start..ends[number]]
}

impl<T> KeyIndex<T> {
    /// How many keys there are.
    #[must_use]
    pub fn count(&self) -> usize {
        self.ends.len()
    }

    /// The key numbered `number`, if there is one.
    #[must_use]
    pub fn key(&self, number: usize) -> Option<&str> {
        (number < self.ends.len()).then(|| key_of(&self.keys, &self.ends, number))
    }
}

impl<T: Copy> KeyIndex<T> {
    /// The number and payload of `key`, if it has them.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<(usize, T)> {
        let hash = self.hasher.hash_one(key);
        self.table
            .find(hash, |slot| slot.is(key, &self.keys, &self.ends))
            .map(|slot| (slot.number as usize, slot.payload))
    }

    /// The number and payload of `key`, and false; or, when new, the number it is given with
    /// `payload()`, and true. One look-up either way, where [`Self::get`] then
    /// [`Self::insert`] take two.
    pub fn get_or_insert(&mut self, key: &str, payload: impl FnOnce() -> T) -> (usize, T, bool) {
        let hash = self.hasher.hash_one(key);
        let (keys, ends, hasher) = (&self.keys, &self.ends, &self.hasher);
        let entry = self.table.entry(
            hash,
            |slot| slot.is(key, keys, ends),
            |slot| hasher.hash_one(key_of(keys, ends, slot.number as usize)),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(found) => {
                let slot = found.get();
                (slot.number as usize, slot.payload, false)
            }
            hashbrown::hash_table::Entry::Vacant(room) => {
                let number = self.ends.len();
                let payload = payload();
                room.insert(Slot::new(number, key, payload));
                self.keys.push_str(key);
                self.ends.push(self.keys.len());
                (number, payload, true)
            }
        }
    }

    /// Room for `more` keys beyond those held (no growing while they are added).
    pub fn reserve(&mut self, more: usize) {
        let (keys, ends, hasher) = (&self.keys, &self.ends, &self.hasher);
        self.table.reserve(more, |slot| {
            hasher.hash_one(key_of(keys, ends, slot.number as usize))
        });
        self.ends.reserve(more);
    }

    /// Gives `key` the next number, with `payload`, and returns the number (the caller has
    /// checked that it has none).
    pub fn insert(&mut self, key: &str, payload: T) -> usize {
        let hash = self.hasher.hash_one(key);
        let number = self.ends.len();
        self.keys.push_str(key);
        self.ends.push(self.keys.len());
        let slot = Slot::new(number, key, payload);
        let (keys, ends, hasher) = (&self.keys, &self.ends, &self.hasher);
        self.table.insert_unique(hash, slot, |slot| {
            hasher.hash_one(key_of(keys, ends, slot.number as usize))
        });
        number
    }
}

#[cfg(test)]
mod tests {
    use super::KeyIndex;

    #[test]
    fn each_key_keeps_its_number_through_growth() {
        let mut index = KeyIndex::<u32>::default();
        let keys: Vec<String> = (0..5000).map(|n| format!("e{n:05}")).collect();
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(index.get(key), None);
            let payload = u32::try_from(n * 7).expect("small");
            assert_eq!(index.insert(key, payload), n);
        }
        for (n, key) in keys.iter().enumerate() {
            let payload = u32::try_from(n * 7).expect("small");
            assert_eq!(index.get(key), Some((n, payload)), "{key}");
        }
        assert_eq!(index.get("e5000"), None);
        assert_eq!(
            index.get(""),
            None,
            "an empty key is not a prefix of the first"
        );
        // Keys that are prefixes of each other, and the empty key, are told apart.
        let mut nested = KeyIndex::<()>::default();
        for key in ["", "a", "ab", "abc", "b", "北京", "北"] {
            let number = nested.insert(key, ());
            assert_eq!(nested.get(key), Some((number, ())));
        }
        assert_eq!(nested.get("北京"), Some((5, ())));
        assert_eq!(nested.get("ba"), None);
        // Long keys (kept outside the table) and short ones side by side.
        let long = "上海浦东张江科学城 Shanghai Zhangjiang Science City";
        let number = nested.insert(long, ());
        assert_eq!(nested.get(long), Some((number, ())));
        assert_eq!(nested.get(&long[..long.len() - 1]), None);
    }
}
