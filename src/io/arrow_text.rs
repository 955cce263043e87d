//! Arrow values as the text a spreadsheet cell would hold: numbers, text, dictionaries (pandas
//! categoricals), dates and timestamps as `YYYY-MM-DD[ HH:MM:SS]`, decimals with their scale.
//! What the Arrow reader ([`super::arrow_ipc`]) gives for columns it does not read as numbers.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type,
    Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef};
use arrow_schema::{DataType, TimeUnit};

/// Every value of `column` as the text a spreadsheet cell would hold (a null or NaN empty), or
/// `None` for a type with no such text here.
pub fn texts(column: &ArrayRef) -> Option<Vec<String>> {
    let n = column.len();
    let each = |f: &dyn Fn(usize) -> String| -> Vec<String> {
        (0..n)
            .map(|i| {
                if column.is_null(i) {
                    String::new()
                } else {
                    f(i)
                }
            })
            .collect()
    };
    macro_rules! numbers {
        ($t:ty) => {{
            let a = column.as_primitive::<$t>();
            each(&|i| a.value(i).to_string())
        }};
    }
    let float = |v: f64| {
        if v.is_nan() {
            String::new()
        } else {
            v.to_string()
        }
    };
    Some(match column.data_type() {
        DataType::Null => vec![String::new(); n],
        DataType::Boolean => {
            let a = column.as_boolean();
            each(&|i| a.value(i).to_string())
        }
        DataType::Int8 => numbers!(Int8Type),
        DataType::Int16 => numbers!(Int16Type),
        DataType::Int32 => numbers!(Int32Type),
        DataType::Int64 => numbers!(Int64Type),
        DataType::UInt8 => numbers!(UInt8Type),
        DataType::UInt16 => numbers!(UInt16Type),
        DataType::UInt32 => numbers!(UInt32Type),
        DataType::UInt64 => numbers!(UInt64Type),
        DataType::Float32 => {
            let a = column.as_primitive::<Float32Type>();
            each(&|i| {
                let v = a.value(i);
                if v.is_nan() {
                    String::new()
                } else {
                    v.to_string()
                }
            })
        }
        DataType::Float64 => {
            let a = column.as_primitive::<Float64Type>();
            each(&|i| float(a.value(i)))
        }
        DataType::Decimal128(_, scale) => {
            let a = column.as_primitive::<Decimal128Type>();
            let scale = *scale;
            each(&|i| decimal(a.value(i), scale))
        }
        DataType::Utf8 => {
            let a = column.as_string::<i32>();
            each(&|i| a.value(i).to_owned())
        }
        DataType::LargeUtf8 => {
            let a = column.as_string::<i64>();
            each(&|i| a.value(i).to_owned())
        }
        DataType::Utf8View => {
            let a = column.as_string_view();
            each(&|i| a.value(i).to_owned())
        }
        DataType::Binary => {
            let a = column.as_binary::<i32>();
            each(&|i| String::from_utf8_lossy(a.value(i)).into_owned())
        }
        DataType::LargeBinary => {
            let a = column.as_binary::<i64>();
            each(&|i| String::from_utf8_lossy(a.value(i)).into_owned())
        }
        DataType::Date32 => {
            let a = column.as_primitive::<Date32Type>();
            each(&|i| civil_date(i64::from(a.value(i))))
        }
        DataType::Date64 => {
            let a = column.as_primitive::<Date64Type>();
            each(&|i| civil_date(a.value(i).div_euclid(86_400_000)))
        }
        DataType::Timestamp(unit, _) => {
            let per_second: i64 = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            let value = |i: usize| match unit {
                TimeUnit::Second => column.as_primitive::<TimestampSecondType>().value(i),
                TimeUnit::Millisecond => column.as_primitive::<TimestampMillisecondType>().value(i),
                TimeUnit::Microsecond => column.as_primitive::<TimestampMicrosecondType>().value(i),
                TimeUnit::Nanosecond => column.as_primitive::<TimestampNanosecondType>().value(i),
            };
            each(&|i| timestamp(value(i).div_euclid(per_second)))
        }
        DataType::Dictionary(_, _) => {
            let a = column.as_any_dictionary();
            let values = texts(a.values())?;
            let keys = a.normalized_keys();
            each(&|i| {
                keys.get(i)
                    .and_then(|&k| values.get(k))
                    .cloned()
                    .unwrap_or_default()
            })
        }
        _ => return None,
    })
}

/// A decimal's digits with `scale` of them after the point ("12.50" for 1250 at scale 2).
fn decimal(value: i128, scale: i8) -> String {
    let Ok(scale) = u32::try_from(scale) else {
        return value.to_string();
    };
    if scale == 0 {
        return value.to_string();
    }
    let digits = value.unsigned_abs().to_string();
    let width = usize::try_from(scale).unwrap_or(0) + 1;
    let padded = format!("{digits:0>width$}");
    let (whole, fraction) = padded.split_at(padded.len() - (width - 1));
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{whole}.{fraction}")
}

/// Seconds since 1970 as "YYYY-MM-DD", with " HH:MM:SS" unless it is midnight.
fn timestamp(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let date = civil_date(days);
    if rest == 0 {
        date
    } else {
        format!(
            "{date} {:02}:{:02}:{:02}",
            rest / 3600,
            rest / 60 % 60,
            rest % 60
        )
    }
}

/// Days since 1970-01-01 as "YYYY-MM-DD" (the proleptic Gregorian calendar; Hinnant's
/// `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_627), "2023-09-27");
        assert_eq!(civil_date(-1), "1969-12-31");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(timestamp(19_627 * 86_400), "2023-09-27");
        assert_eq!(timestamp(19_627 * 86_400 + 3_723), "2023-09-27 01:02:03");
    }

    #[test]
    fn decimals_keep_their_scale() {
        assert_eq!(decimal(1250, 2), "12.50");
        assert_eq!(decimal(-5, 3), "-0.005");
        assert_eq!(decimal(42, 0), "42");
    }
}
