//! Typed access to a `serde_json::Value` that reports the path and the found value on mismatch.

use serde_json::{Map, Value};

use super::error::LoadError;

pub type Object = Map<String, Value>;

/// A short description of a value for error messages: `"n/a"`, `12`, `an array`, `null`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let ellipsis = if s.chars().count() > 40 { "…" } else { "" };
            format!("\"{shown}{ellipsis}\"")
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `path.key`, or `key` at the root.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn expected(path: &str, what: &str, found: &Value) -> LoadError {
    LoadError::at(path, format!("expected {what}, found {}", describe(found)))
}

pub fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Object, LoadError> {
    value
        .as_object()
        .ok_or_else(|| expected(path, "an object", value))
}

pub fn array<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], LoadError> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| expected(path, "an array", value))
}

/// The field `key` of `object`, which must be present.
pub fn required<'a>(object: &'a Object, key: &str, path: &str) -> Result<&'a Value, LoadError> {
    object
        .get(key)
        .ok_or_else(|| LoadError::at(join(path, key), "missing"))
}

/// Rejects keys other than `allowed`, so a misspelt field is not silently ignored.
pub fn only_keys(object: &Object, allowed: &[&str], path: &str) -> Result<(), LoadError> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(key) => Err(unknown_field(path, key, allowed)),
        None => Ok(()),
    }
}

/// The error for a field `key` that is not one of `allowed`.
pub fn unknown_field(path: &str, key: &str, allowed: &[&str]) -> LoadError {
    LoadError::at(
        join(path, key),
        format!("unknown field; expected one of: {}", allowed.join(", ")),
    )
}

pub fn string(value: &Value, path: &str) -> Result<String, LoadError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| expected(path, "a string", value))
}

/// A required, non-empty string field.
pub fn required_string(object: &Object, key: &str, path: &str) -> Result<String, LoadError> {
    let text = string(required(object, key, path)?, &join(path, key))?;
    if text.trim().is_empty() {
        return Err(LoadError::at(join(path, key), "must not be empty"));
    }
    Ok(text)
}

/// An optional string field: absent or null gives an empty string.
pub fn optional_string(object: &Object, key: &str, path: &str) -> Result<String, LoadError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(value) => string(value, &join(path, key)),
    }
}

/// A number or null (a missing value).
pub fn number(value: &Value, path: &str) -> Result<Option<f64>, LoadError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_f64()
            .map(Some)
            .ok_or_else(|| expected(path, "a number", value)),
        _ => Err(expected(path, "a number", value)),
    }
}

/// An optional number field: absent or null is a missing value.
pub fn optional_number(object: &Object, key: &str, path: &str) -> Result<Option<f64>, LoadError> {
    object
        .get(key)
        .map_or(Ok(None), |value| number(value, &join(path, key)))
}

/// A whole number that fits `i32`.
pub fn integer(value: &Value, path: &str) -> Result<i32, LoadError> {
    value
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| expected(path, "a whole number", value))
}
