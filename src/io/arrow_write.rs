//! Writes a [`Layout`] and its batches as an Arrow IPC file (Feather v2) for pandas, polars
//! and `DuckDB`: numbers as nullable float64, text as nullable UTF-8, years as int32; one
//! record batch per batch; lz4-compressed, as pandas' `to_feather` writes; the layout's
//! metadata as the schema's.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_ipc::CompressionType;
use arrow_ipc::writer::{FileWriter, IpcWriteOptions};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use super::columnar_out::{Kind, Layout, Values};

/// The bytes of an Arrow IPC file of `layout` holding `batches`.
///
/// # Errors
/// When a batch does not match the layout, or the writer fails.
pub fn write_arrow(
    layout: &Layout,
    batches: impl Iterator<Item = Vec<Values>>,
) -> Result<Vec<u8>, ArrowError> {
    let fields: Vec<Field> = layout
        .columns
        .iter()
        .map(|(name, kind)| match kind {
            Kind::Number => Field::new(name, DataType::Float64, true),
            Kind::Text => Field::new(name, DataType::Utf8, true),
            Kind::Integer => Field::new(name, DataType::Int32, false),
        })
        .collect();
    let metadata: HashMap<String, String> = layout
        .metadata
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    let schema = Arc::new(Schema::new(fields).with_metadata(metadata));
    let options =
        IpcWriteOptions::default().try_with_compression(Some(CompressionType::LZ4_FRAME))?;
    let mut writer = FileWriter::try_new_with_options(Vec::new(), &schema, options)?;
    for batch in batches {
        let arrays: Vec<ArrayRef> = batch
            .into_iter()
            .map(|values| -> ArrayRef {
                match values {
                    Values::Numbers(v) => Arc::new(Float64Array::from(v)),
                    Values::Integers(v) => Arc::new(Int32Array::from(v)),
                    Values::Texts(v) => Arc::new(
                        v.iter()
                            .map(|t| (!t.is_empty()).then_some(t.as_str()))
                            .collect::<StringArray>(),
                    ),
                }
            })
            .collect();
        writer.write(&RecordBatch::try_new(Arc::clone(&schema), arrays)?)?;
    }
    writer.finish()?;
    writer.into_inner()
}
