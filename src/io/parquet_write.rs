//! Writes a [`Layout`] and its batches as Parquet: a flat column's type, the writer with
//! snappy (as pandas writes by default) and the layout's metadata, one row group per batch, and
//! a column of optional numbers or texts written with its definition levels (a missing value is
//! a null).

use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use super::columnar_out::{Kind, Layout, Values};

/// The bytes of a Parquet file of `layout` holding `batches`, one row group each.
///
/// # Errors
/// When a batch does not match the layout, or the writer fails.
pub fn write_parquet(
    layout: &Layout,
    batches: impl Iterator<Item = Vec<Values>>,
) -> Result<Vec<u8>, ParquetError> {
    let fields = layout
        .columns
        .iter()
        .map(|(name, kind)| flat_column(name, *kind))
        .collect::<Result<Vec<_>, _>>()?;
    let mut bytes = Vec::new();
    let mut writer = writer(layout.name, fields, layout.metadata.clone(), &mut bytes)?;
    for batch in batches {
        let mut group = writer.next_row_group()?;
        let mut values = batch.into_iter();
        while let Some(mut out) = group.next_column()? {
            match values.next() {
                Some(Values::Numbers(v)) => write_numbers(&mut out, &v)?,
                Some(Values::Texts(v)) => write_texts(&mut out, &v)?,
                Some(Values::Integers(v)) => {
                    out.typed::<Int32Type>().write_batch(&v, None, None)?;
                }
                None => {
                    return Err(ParquetError::General(
                        "a batch has fewer columns than the layout".into(),
                    ));
                }
            }
            out.close()?;
        }
        group.close()?;
    }
    writer.close()?;
    Ok(bytes)
}

/// A flat column named `name` holding `kind`.
///
/// # Errors
/// When the name is not a valid column name.
pub fn flat_column(name: &str, kind: Kind) -> Result<Arc<Type>, ParquetError> {
    let builder = match kind {
        Kind::Number => Type::primitive_type_builder(name, Physical::DOUBLE)
            .with_repetition(Repetition::OPTIONAL),
        Kind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
            .with_logical_type(Some(LogicalType::String))
            .with_repetition(Repetition::OPTIONAL),
        Kind::Integer => Type::primitive_type_builder(name, Physical::INT32)
            .with_repetition(Repetition::REQUIRED),
    };
    builder.build().map(Arc::new)
}

/// A writer of a table named `name` with `columns` into `out`, snappy-compressed as pandas
/// writes by default, with `key_values` in the file's metadata.
///
/// # Errors
/// When the schema is refused.
fn writer<'a>(
    name: &str,
    columns: Vec<Arc<Type>>,
    key_values: Vec<(&'static str, String)>,
    out: &'a mut Vec<u8>,
) -> Result<SerializedFileWriter<&'a mut Vec<u8>>, ParquetError> {
    let schema = Arc::new(
        Type::group_type_builder(name)
            .with_fields(columns)
            .build()?,
    );
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_key_value_metadata(Some(
                key_values
                    .into_iter()
                    .map(|(key, value)| KeyValue::new(key.to_owned(), value))
                    .collect(),
            ))
            .build(),
    );
    SerializedFileWriter::new(out, schema, properties)
}

/// Writes `values` to a nullable double column.
///
/// # Errors
/// When the column is not of doubles or the write fails.
pub fn write_numbers(
    column: &mut SerializedColumnWriter<'_>,
    values: &[Option<f64>],
) -> Result<(), ParquetError> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    column
        .typed::<DoubleType>()
        .write_batch(&present, Some(&levels), None)
        .map(|_| ())
}

/// Writes `texts` to a nullable UTF-8 column, an empty text as a null.
///
/// # Errors
/// When the column is not of byte arrays or the write fails.
pub fn write_texts(
    column: &mut SerializedColumnWriter<'_>,
    texts: &[String],
) -> Result<(), ParquetError> {
    let present: Vec<ByteArray> = texts
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| ByteArray::from(t.as_str()))
        .collect();
    let levels: Vec<i16> = texts.iter().map(|t| i16::from(!t.is_empty())).collect();
    column
        .typed::<ByteArrayType>()
        .write_batch(&present, Some(&levels), None)
        .map(|_| ())
}
