//! Cell values as analysts' spreadsheets write them: numbers with thousands separators or percent
//! signs, the many spellings of a missing value, and ranks with ties and bands.

use crate::model::{Rank, period};

/// Texts that mean "no value". Compared after trimming, case-insensitively.
pub const MISSING: [&str; 9] = ["", "-", "—", "–", "n/a", "na", "nan", "null", "none"];

/// Whether `text` spells a missing value.
#[must_use]
pub fn is_missing(text: &str) -> bool {
    // No spelling is longer than four bytes: a longer text that cannot start or end with a
    // space (a name, an id) is not one, told without trimming it.
    if let (Some(&first), Some(&last)) = (text.as_bytes().first(), text.as_bytes().last())
        && text.len() > 4
        && !may_start_space(first)
        && !may_end_space(last)
    {
        return false;
    }
    let text = text.trim();
    text.len() <= 4 && MISSING.iter().any(|m| m.eq_ignore_ascii_case(text))
}

/// Whether `byte` can begin a character `str::trim` removes (the ASCII spaces, U+0085 and
/// U+00A0 begin with 0xC2, U+1680 with 0xE1, U+2000–U+205F with 0xE2, U+3000 with 0xE3).
fn may_start_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3)
}

/// Whether `byte` can end a character `str::trim` removes (the last bytes of the spaces above:
/// U+0085 ends in 0x85, U+00A0 in 0xA0, U+1680 and U+3000 in 0x80, U+2000–U+200A in 0x80–0x8A,
/// U+2028, U+2029, U+202F and U+205F in 0xA8, 0xA9, 0xAF and 0x9F).
fn may_end_space(byte: u8) -> bool {
    matches!(
        byte,
        b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
    )
}

/// A number as written in a cell: "2,243", "2243.5", "12.5%" (read as 12.5), "−3" (minus
/// sign), full-width "８９．５", or a missing value (`None`). Anything else is an error describing what was found.
///
/// # Errors
/// `expected a number, found "…"`.
#[inline]
pub fn parse_number(text: &str) -> Result<Option<f64>, String> {
    match plain_decimal(text.as_bytes()) {
        Some(value) => Ok(Some(value)),
        None => parse_number_slowly(text),
    }
}

/// [`parse_number`] of a cell that is not a plain decimal: full-width digits, a percent sign,
/// thousands separators, a missing-value marker. Kept out of line so that the plain path inlines.
#[inline(never)]
fn parse_number_slowly(text: &str) -> Result<Option<f64>, String> {
    let original = text;
    let halfwidth = halfwidth(text);
    let text: &str = &halfwidth;
    let trimmed = text.trim();
    if is_missing(trimmed) {
        return Ok(None);
    }
    let unpercented = trimmed
        .strip_suffix('%')
        .or_else(|| trimmed.strip_suffix('％'))
        .unwrap_or(trimmed)
        .trim();
    let normalised = unpercented.replace('−', "-");
    let plain = without_thousands(&normalised).ok_or_else(|| found("a number", original))?;
    match plain.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(found("a number", original)),
    }
}

/// The common case read directly: an optional minus sign, at most 15 digits with at most one
/// decimal point. Both the digits and the power of ten are exact as `f64`, so one division
/// rounds correctly, giving what `str::parse` gives. `None` for anything else.
#[inline]
fn plain_decimal(bytes: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut count = 0;
    let mut decimals = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if decimals.is_none() => decimals = Some(digits.len() - i - 1),
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "at most 15 digits: exact")]
    let value = mantissa as f64 / POWERS[decimals.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

/// Removes thousands separators when they group digits by three ("12,345,678.9"); `None` when
/// commas appear anywhere else.
fn without_thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (integer, fraction) = text
        .split_once('.')
        .map_or((text, None), |(i, f)| (i, Some(f)));
    let digits = integer.strip_prefix('-').unwrap_or(integer);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    let grouped = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !grouped || fraction.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let sign = if integer.starts_with('-') { "-" } else { "" };
    Some(match fraction {
        Some(f) => format!("{sign}{}.{f}", digits.replace(',', "")),
        None => format!("{sign}{}", digits.replace(',', "")),
    })
}

/// Texts that mean "listed but not ranked". Compared after trimming, case-insensitively.
pub const UNRANKED: [&str; 8] = [
    "unranked",
    "not ranked",
    "nr",
    "n.r.",
    "reporter",
    "未上榜",
    "未排名",
    "无排名",
];

/// Full-width digits and signs (`１２`, `＝５`, `２６－３０`) as their ASCII forms, as Chinese input
/// methods type them.
fn halfwidth(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| ('\u{ff01}'..='\u{ff5e}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// A rank as written: "12", "1,002", "１２", a tie as "=12", "T12" or "12=", a band as "51-70",
/// "51–70", "26—30", "201-250", an open band as "1001+", or missing (`None`, also for
/// "Unranked", "NR", "未上榜" and the like).
///
/// # Errors
/// `expected a rank (…), found "…"`.
pub fn parse_rank(text: &str) -> Result<Option<Rank>, String> {
    // A plain place ("12") or open band ("1001+"), as most cells hold: read at once (no
    // spelling of a missing value or of "unranked" is all digits).
    let (digits, open) = text
        .strip_suffix('+')
        .map_or((text, false), |digits| (digits, true));
    if (1..=9).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Some(place) = digits.parse::<u32>().ok().filter(|&p| p >= 1)
    {
        return Ok(Some(if open {
            Rank::Open {
                lo: place,
                hi: place,
            }
        } else {
            Rank::Exact(place)
        }));
    }
    let halfwidth = halfwidth(text);
    let trimmed = halfwidth.trim();
    if is_missing(trimmed) || UNRANKED.iter().any(|u| u.eq_ignore_ascii_case(trimmed)) {
        return Ok(None);
    }
    // "1,002": a place with a thousands separator.
    let unseparated = without_thousands(trimmed).filter(|plain| plain.len() < trimmed.len());
    let trimmed = unseparated.as_deref().unwrap_or(trimmed);
    let untied = trimmed
        .strip_prefix('=')
        .or_else(|| trimmed.strip_prefix('T'))
        .or_else(|| trimmed.strip_prefix('t'))
        .or_else(|| trimmed.strip_suffix('='))
        .unwrap_or(trimmed);
    // A rank written as a whole number with a decimal point ("12.0") is still a place.
    let untied = untied.strip_suffix(".0").unwrap_or(untied);
    Rank::parse(untied)
        .map(Some)
        .ok_or_else(|| found("a rank (12, =12, T12, 51-70 or 1001+)", text))
}

/// The years a year cell may hold.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A period: a year (a whole number from 1000 to 9999, possibly written "2023.0" or "2023年"),
/// or a release date ([`parse_date`]) as its key.
///
/// # Errors
/// `expected a year or a date, found "…"`.
pub fn parse_year(text: &str) -> Result<i32, String> {
    let trimmed = text.trim();
    let year = trimmed.strip_suffix('年').unwrap_or(trimmed);
    let year = year.strip_suffix(".0").unwrap_or(year);
    if let Ok(year) = year.parse::<i32>() {
        return YEARS
            .contains(&year)
            .then_some(year)
            .ok_or_else(|| found("a year or a date", text));
    }
    parse_date(trimmed).ok_or_else(|| found("a year or a date", text))
}

/// A release date as a period key ([`period::date_key`]): year first (`2018-06-07`,
/// `2018/6/7`, `2018.06.07`, `2018年6月7日`) or year last (`17/05/2018`, `17.05.2018`), with
/// any time of day after it ignored. A year-last date is read day first (as everywhere but
/// North America) unless its second number cannot be a month (`05/17/2018`).
fn parse_date(text: &str) -> Option<i32> {
    let date = text.split([' ', 'T']).next()?;
    let date = date.strip_suffix('日').unwrap_or(date);
    let parts: Vec<&str> = date.split(['-', '/', '.', '年', '月']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (a_text, c_text) = (a, c);
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let year = |n: u32| i32::try_from(n).ok();
    if a_text.len() == 4 {
        period::date_key(year(a)?, b, c)
    } else if c_text.len() == 4 && b > 12 {
        period::date_key(year(c)?, a, b)
    } else if c_text.len() == 4 {
        period::date_key(year(c)?, b, a)
    } else {
        None
    }
}

fn found(what: &str, text: &str) -> String {
    let shown: String = text.chars().take(40).collect();
    let ellipsis = if text.chars().count() > 40 { "…" } else { "" };
    format!("expected {what}, found \"{shown}{ellipsis}\"")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_text_is_missing_as_its_trimmed_self_spells_a_marker_whatever_its_ends() {
        // The slow definition the fast path must agree with.
        let spelled = |text: &str| {
            let t = text.trim();
            t.len() <= 4 && super::MISSING.iter().any(|m| m.eq_ignore_ascii_case(t))
        };
        let spaces: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert!(spaces.len() > 20, "every Unicode space");
        for space in &spaces {
            let mut bytes = [0; 4];
            let encoded = space.encode_utf8(&mut bytes).as_bytes();
            assert!(super::may_start_space(encoded[0]), "{space:?}");
            assert!(
                super::may_end_space(encoded[encoded.len() - 1]),
                "{space:?}"
            );
        }
        let mut texts = vec![
            String::new(),
            "NA".to_owned(),
            "n/a".to_owned(),
            "上海浦东张江科学城".to_owned(),
            "e0000001".to_owned(),
            "区".to_owned(),
        ];
        for marker in super::MISSING {
            for space in &spaces {
                texts.push(format!("{space}{space}{marker}{space}"));
                texts.push(format!("{marker}{space}{space}{space}"));
                texts.push(format!("{space}{marker}x"));
            }
        }
        for text in &texts {
            assert_eq!(super::is_missing(text), spelled(text), "{text:?}");
        }
    }

    #[test]
    fn missing_spellings_are_read_in_any_case_with_spaces_around() {
        // What `is_missing` relies on to stop early.
        assert!(MISSING.iter().all(|m| m.len() <= 4));
        for text in [" N/A ", "NULL", "\u{3000}—", "None", "", " "] {
            assert!(is_missing(text), "{text:?}");
        }
        for text in ["nones", "北京", "n/a.", "0", "—-"] {
            assert!(!is_missing(text), "{text:?}");
        }
    }

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(parse_number("2,243"), Ok(Some(2243.0)));
        assert_eq!(parse_number(" 1,234,567.25 "), Ok(Some(1_234_567.25)));
        assert_eq!(parse_number("12.5%"), Ok(Some(12.5)));
        assert_eq!(parse_number("−3"), Ok(Some(-3.0)));
        assert_eq!(parse_number("-1,000"), Ok(Some(-1000.0)));
        for missing in ["", "-", "—", "N/A", "n/a", "nan", "null", "NA"] {
            assert_eq!(parse_number(missing), Ok(None), "{missing:?} is missing");
        }
        assert_eq!(
            parse_number("12.3.4"),
            Err("expected a number, found \"12.3.4\"".into())
        );
        assert!(parse_number("1,23").is_err(), "commas must group by three");
        assert!(parse_number("inf").is_err());
        assert!(parse_number("abc").is_err());
    }

    #[test]
    fn odd_but_meaningful_cells_are_read() {
        let exact = |n| Ok(Some(Rank::Exact(n)));
        assert_eq!(parse_rank("1,002"), exact(1002));
        assert_eq!(parse_rank("１２"), exact(12));
        assert_eq!(parse_rank("＝５"), exact(5));
        assert_eq!(parse_rank("6="), exact(6));
        assert_eq!(
            parse_rank("26—30"),
            Ok(Some(Rank::Band { lo: 26, hi: 30 })),
            "an em dash"
        );
        assert_eq!(
            parse_rank("２６－３０"),
            Ok(Some(Rank::Band { lo: 26, hi: 30 }))
        );
        for unranked in ["Unranked", "NR", "not ranked", "未上榜", "N/A", "—"] {
            assert_eq!(parse_rank(unranked), Ok(None), "{unranked}");
        }
        assert!(parse_rank("1,23").is_err(), "not a thousands separator");
        assert_eq!(parse_number("８９．５"), Ok(Some(89.5)));
        assert_eq!(
            parse_number("8O.5"),
            Err("expected a number, found \"8O.5\"".into())
        );
    }

    #[test]
    fn ranks_with_ties_bands_and_open_bands() {
        assert_eq!(parse_rank("12"), Ok(Some(Rank::Exact(12))));
        for tie in ["=12", "T12", "12="] {
            assert_eq!(parse_rank(tie), Ok(Some(Rank::Exact(12))), "{tie}");
        }
        assert_eq!(parse_rank("51-70"), Ok(Some(Rank::Band { lo: 51, hi: 70 })));
        assert_eq!(parse_rank("51–70"), Ok(Some(Rank::Band { lo: 51, hi: 70 })));
        assert_eq!(
            parse_rank("601-800"),
            Ok(Some(Rank::Band { lo: 601, hi: 800 }))
        );
        assert_eq!(
            parse_rank("1001+"),
            Ok(Some(Rank::Open { lo: 1001, hi: 1001 }))
        );
        assert_eq!(Rank::Open { lo: 1001, hi: 5000 }.to_string(), "1001+");
        assert_eq!(parse_rank("-"), Ok(None));
        assert!(parse_rank("first").is_err());
        assert!(parse_rank("70-51").is_err());
        // Plain digits: a place from 1, leading zeros read as the number, 0 is no place.
        assert_eq!(parse_rank("007"), Ok(Some(Rank::Exact(7))));
        assert_eq!(parse_rank("123456789"), Ok(Some(Rank::Exact(123_456_789))));
        assert_eq!(
            parse_rank("1234567890"),
            Ok(Some(Rank::Exact(1_234_567_890)))
        );
        assert!(parse_rank("0").is_err());
        assert!(parse_rank("000").is_err());
        assert!(
            parse_rank("99999999999").is_err(),
            "past the places a u32 holds"
        );
        assert_eq!(
            parse_rank("0501+"),
            Ok(Some(Rank::Open { lo: 501, hi: 501 }))
        );
        assert!(parse_rank("0+").is_err());
        assert!(parse_rank("+").is_err());
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2023"), Ok(2023));
        assert_eq!(parse_year("2023年"), Ok(2023));
        assert_eq!(parse_year("2023.0"), Ok(2023));
        assert!(parse_year("23").is_err());
        assert!(parse_year("2023年度报告").is_err());
    }

    #[test]
    fn release_dates_read_as_periods_day_first_unless_they_cannot_be() {
        let key = |text: &str| parse_year(text).map(crate::model::period::label);
        assert_eq!(key("2018-06-07"), Ok("2018-06-07".to_owned()));
        assert_eq!(key("2018/6/7"), Ok("2018-06-07".to_owned()));
        assert_eq!(key("2018年6月7日"), Ok("2018-06-07".to_owned()));
        assert_eq!(key("2018-06-07 00:00:00"), Ok("2018-06-07".to_owned()));
        assert_eq!(key("07/06/2018"), Ok("2018-06-07".to_owned()));
        assert_eq!(key("17/05/2018"), Ok("2018-05-17".to_owned()));
        assert_eq!(key("05/17/2018"), Ok("2018-05-17".to_owned()));
        assert_eq!(key("17.05.2018"), Ok("2018-05-17".to_owned()));
        assert!(parse_year("31/02/2018").is_err());
        assert!(parse_year("13/13/2018").is_err());
        assert!(parse_year("1/2/3").is_err());
        assert!(parse_year("26—30").is_err());
    }

    proptest! {
        #[test]
        fn any_number_written_with_thousands_separators_reads_back(value in -1.0e12_f64..1.0e12) {
            let rounded = (value * 100.0).round() / 100.0;
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "below 1e12, made positive")]
            let integer = rounded.trunc().abs() as u64;
            let digits = integer.to_string();
            let grouped: Vec<String> = digits.as_bytes().rchunks(3).rev().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
            let fraction = format!("{:.2}", rounded.abs().fract());
            let sign = if rounded < 0.0 { "-" } else { "" };
            let text = format!("{sign}{}{}", grouped.join(","), &fraction[1..]);
            let parsed = parse_number(&text).expect("valid").expect("present");
            prop_assert!((parsed - rounded).abs() < 1e-6, "{text} → {parsed}, expected {rounded}");
        }

        #[test]
        fn plain_decimals_read_as_the_standard_parser_reads_them(text in "-?[0-9]{0,9}\\.?[0-9]{0,7}") {
            let expected = text.parse::<f64>().ok();
            if let Some(fast) = plain_decimal(text.as_bytes()) {
                prop_assert_eq!(Some(fast.to_bits()), expected.map(f64::to_bits), "{}", text);
            } else {
                // The fast path declines only what does not parse, or more than 15 digits.
                prop_assert!(expected.is_none() || text.bytes().filter(u8::is_ascii_digit).count() > 15);
            }
        }

        #[test]
        fn no_text_makes_the_parsers_panic(text in "\\PC{0,24}") {
            let _ = parse_number(&text);
            let _ = parse_rank(&text);
            let _ = parse_year(&text);
        }

        #[test]
        fn a_written_rank_reads_back(place in 1u32..100_000, width in 0u32..500) {
            let rank = if width == 0 { Rank::Exact(place) } else { Rank::Band { lo: place, hi: place + width } };
            prop_assert_eq!(parse_rank(&rank.to_string()), Ok(Some(rank)));
        }
    }
}
