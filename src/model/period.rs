//! Periods of a ranking: a year (2023), a release date when a source publishes several a year
//! (2018-06-07, kept as the number 20180607), or the one period of a file with no date at all.
//!
//! A period is an `i32` key that orders as time does; [`label`] is how it is shown everywhere
//! and [`parse`] reads a label back (for `--year` and the like).

/// The one period of a ranking with no year or date anywhere.
pub const UNDATED: i32 = 0;

/// The least key that is a date (year 1000, January 1st) rather than a year.
const FIRST_DATE: i32 = 10_000_101;

/// The key of a release date, or `None` when the date does not exist.
#[must_use]
pub fn date_key(year: i32, month: u32, day: u32) -> Option<i32> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    let month = i32::try_from(month).ok()?;
    let day = i32::try_from(day).ok()?;
    ((1000..=9999).contains(&year) && (1..=days_in_month).contains(&day))
        .then(|| year * 10_000 + month * 100 + day)
}

/// Whether `key` is a release date rather than a year.
#[must_use]
pub fn is_date(key: i32) -> bool {
    key >= FIRST_DATE
}

/// The calendar year a period falls in (`None` for the undated period).
#[must_use]
pub fn year_of(key: i32) -> Option<i32> {
    if is_date(key) {
        Some(key / 10_000)
    } else {
        (key != UNDATED).then_some(key)
    }
}

/// How a period is shown: `2023`, `2018-06-07`, or `—` for the undated period.
#[must_use]
pub fn label(key: i32) -> String {
    if is_date(key) {
        format!("{}-{:02}-{:02}", key / 10_000, key / 100 % 100, key % 100)
    } else if key == UNDATED {
        "—".to_owned()
    } else {
        key.to_string()
    }
}

/// A period as part of a file name: its label, with `undated` for the undated period.
#[must_use]
pub fn file_label(key: i32) -> String {
    if key == UNDATED {
        "undated".to_owned()
    } else {
        label(key)
    }
}

/// Where a period sits on a time axis, in years: a date falls inside its year by its day.
#[must_use]
pub fn axis(key: i32) -> f64 {
    if is_date(key) {
        let month = key / 100 % 100;
        let day = key % 100;
        f64::from(key / 10_000) + f64::from((month - 1) * 31 + day - 1) / 372.0
    } else {
        f64::from(key)
    }
}

/// Reads a period as [`label`] shows it: a year, a date (`2018-06-07`), or `—`.
#[must_use]
pub fn parse(text: &str) -> Option<i32> {
    let text = text.trim();
    if text == "—" || text == "-" {
        return Some(UNDATED);
    }
    if let Ok(year) = text.parse::<i32>() {
        return (1000..=9999).contains(&year).then_some(year);
    }
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    date_key(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_dates_and_the_undated_period_read_back_from_their_labels() {
        for key in [2023, 1999, 20_180_607, 20_241_231, UNDATED] {
            assert_eq!(parse(&label(key)), Some(key), "{}", label(key));
        }
        assert_eq!(label(20_180_517), "2018-05-17");
        assert_eq!(label(2015), "2015");
        assert_eq!(parse("2018-02-30"), None);
        assert_eq!(parse("2024-02-29"), Some(20_240_229));
        assert_eq!(parse("2023-02-29"), None);
        assert_eq!(parse("12"), None);
    }

    #[test]
    fn dates_order_as_time_and_sit_inside_their_year() {
        let mut keys = [2019, 20_180_607, UNDATED, 2017, 20_180_517];
        keys.sort_by(|a, b| axis(*a).total_cmp(&axis(*b)));
        assert_eq!(keys, [UNDATED, 2017, 20_180_517, 20_180_607, 2019]);
        let may = axis(20_180_517);
        let june = axis(20_180_607);
        assert!(2018.0 < may && may < june && june < 2019.0);
        assert!(axis(20_181_231) < 2019.0);
        assert_eq!(year_of(20_180_607), Some(2018));
        assert_eq!(year_of(2018), Some(2018));
        assert_eq!(year_of(UNDATED), None);
    }
}
