//! The provinces that some records' rows give where they differ from their entity's (a country
//! spelt differently in a later year): few, so kept aside by record rather than in every record.

use std::sync::Arc;

/// Record index → province, for the few records that have one of their own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordProvinces(Vec<(u32, Arc<str>)>);

impl RecordProvinces {
    fn at(record: usize) -> u32 {
        u32::try_from(record).unwrap_or(u32::MAX)
    }

    /// Record `record`'s own province, if it has one.
    #[must_use]
    pub fn get(&self, record: usize) -> Option<&str> {
        let at = self
            .0
            .binary_search_by_key(&Self::at(record), |(r, _)| *r)
            .ok()?;
        Some(&self.0[at].1)
    }

    /// Gives record `record` its own province (`None`: the entity's).
    pub fn set(&mut self, record: usize, province: Option<Arc<str>>) {
        let key = Self::at(record);
        match (self.0.binary_search_by_key(&key, |(r, _)| *r), province) {
            (Ok(at), Some(province)) => self.0[at].1 = province,
            (Ok(at), None) => {
                self.0.remove(at);
            }
            (Err(at), Some(province)) => self.0.insert(at, (key, province)),
            (Err(_), None) => {}
        }
    }

    /// Keeps the provinces of the records `keep` keeps (by index; true past its end), numbered
    /// as the records left.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut kept_before = Vec::with_capacity(keep.len() + 1);
        let mut kept = 0_u32;
        for &k in keep {
            kept_before.push(kept);
            kept += u32::from(k);
        }
        self.0.retain_mut(|(record, _)| {
            let r = *record as usize;
            match keep.get(r) {
                Some(false) => false,
                Some(true) => {
                    *record = kept_before[r];
                    true
                }
                // Past `keep`: every record there is kept.
                None => {
                    *record = *record - Self::at(keep.len()) + kept;
                    true
                }
            }
        });
    }

    /// Keeps the provinces for which `keep(record, province)` holds.
    pub fn retain_where(&mut self, mut keep: impl FnMut(usize, &str) -> bool) {
        self.0
            .retain(|(record, province)| keep(*record as usize, province));
    }

    /// Adds `other`'s provinces (of records numbered from 0) as those of records numbered from
    /// `offset`, leaving `other` empty.
    pub fn append(&mut self, other: &mut Self, offset: usize) {
        let offset = Self::at(offset);
        self.0.extend(
            std::mem::take(&mut other.0)
                .into_iter()
                .map(|(record, province)| (record + offset, province)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RecordProvinces;

    #[test]
    fn provinces_follow_their_records_through_retain_and_append() {
        let mut provinces = RecordProvinces::default();
        provinces.set(5, Some("Hubei".into()));
        provinces.set(1, Some("Hunan".into()));
        provinces.set(3, Some("Anhui".into()));
        provinces.set(3, None);
        provinces.set(8, Some("Jiangxi".into()));
        assert_eq!(provinces.get(1), Some("Hunan"));
        assert_eq!(provinces.get(3), None);
        assert_eq!(provinces.get(5), Some("Hubei"));
        // Records 0 and 2 dropped: 1 → 0, 5 → 3; 8 lies past `keep` and moves by two.
        provinces.retain(&[false, true, false, true, true, true]);
        assert_eq!(provinces.get(0), Some("Hunan"));
        assert_eq!(provinces.get(3), Some("Hubei"));
        assert_eq!(provinces.get(6), Some("Jiangxi"));
        assert_eq!(provinces.get(1), None);
        let mut later = RecordProvinces::default();
        later.set(0, Some("Fujian".into()));
        provinces.append(&mut later, 10);
        assert_eq!(provinces.get(10), Some("Fujian"));
        assert_eq!(later, RecordProvinces::default());
        provinces.retain_where(|record, _| record != 3);
        assert_eq!(provinces.get(3), None);
        assert_eq!(provinces.get(0), Some("Hunan"));
    }
}
