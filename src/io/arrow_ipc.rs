//! Arrow IPC files (Feather v2: `.arrow`, `.feather`, `.ipc`), as pandas, polars and `DuckDB`
//! (through pyarrow) write them: record batches decoded side by side into typed columns and read
//! straight into records ([`load_arrow`], through [`super::typed_rows`]), or as one sheet of text
//! rows for the mapping dialog and for several files read as one ([`read_arrow`]); either way
//! the column names are the header and the role detection, mapping and value parsers are CSV's.
//! Flat columns only; uncompressed, lz4 and zstd buffers. Before anything is decoded, every
//! record batch's declared sizes are checked against the file's ([`check_blocks`]): a small file
//! that claims billions of rows, or buffers that claim to expand past what its size allows, are
//! refused, not allocated.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type,
};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;

use super::csv::Row;
use super::error::LoadError;
use super::excel::SheetRows;
use super::long_columnar::MAPPING_KEY;
use super::mapping::Mapping;
use super::parquet::parquet_cell_limit;

/// The file format's leading and trailing magic.
const MAGIC: &[u8; 6] = b"ARROW1";

/// At most this many bytes, all compressed buffers together, out of one byte of the file (real
/// files expand 3 to 10 times; one buffer of a constant column may expand 10,000 times, so the
/// bound is on the whole), and at least [`MIN_EXPANDED`].
const MAX_EXPANSION: u64 = 64;

/// The expanded size a small file may always claim.
const MIN_EXPANDED: u64 = 256 << 20;

/// Reads the Arrow IPC file held in `bytes` (named `file` in messages) as one sheet, with the
/// column mapping rankscope wrote into its schema's metadata, if it has one that reads.
///
/// # Errors
/// When the bytes are not an Arrow IPC file (a stream, Feather v1, damaged), a column is nested
/// or of a type with no text form here, or the declared sizes exceed what the file may hold;
/// the message names the file.
pub fn read_arrow(
    bytes: &[u8],
    file: &str,
) -> Result<(Vec<SheetRows>, Option<Mapping>), LoadError> {
    text_sheet(bytes, file, usize::MAX)
}

/// The header and the first `limit` rows of the Arrow file in `bytes` as one sheet of text rows,
/// with its embedded mapping.
///
/// # Errors
/// As [`read_arrow`].
fn text_sheet(
    bytes: &[u8],
    file: &str,
    limit: usize,
) -> Result<(Vec<SheetRows>, Option<Mapping>), LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    // The declared sizes checked before anything is decoded.
    let lengths = checked(bytes).map_err(fail)?;
    // The reader validates every buffer against its type; a damaged file it still cannot make
    // sense of is reported, not allowed to end the program.
    let read = || -> Result<(Vec<Row>, Option<Mapping>), String> {
        let (header, mapping, count) = schema_of(bytes)?;
        let total: usize = lengths.iter().sum();
        let mut rows = Vec::with_capacity(total.min(limit) + 1);
        rows.push(Row {
            line: 1,
            fields: header,
        });
        let mut line = 2;
        for g in 0..count {
            if rows.len() > limit {
                break;
            }
            let group = batch_group(bytes, g, line)?;
            line += group.rows;
            let wanted = limit.saturating_add(1).saturating_sub(rows.len());
            rows.extend(super::typed_rows::text_rows(&group, wanted));
        }
        Ok((rows, mapping))
    };
    let (rows, mapping) = std::panic::catch_unwind(read)
        .unwrap_or_else(|_| Err("the file is damaged (its metadata does not hold)".to_owned()))
        .map_err(fail)?;
    Ok((
        vec![SheetRows {
            name: file.to_owned(),
            rows,
        }],
        mapping,
    ))
}

/// The row counts of the record batches of an Arrow IPC file, once its marks and declared sizes
/// are checked ([`check_blocks`]).
///
/// # Errors
/// A stream, a Feather v1 file, anything else that is not an Arrow file, or sizes refused.
pub(crate) fn checked(bytes: &[u8]) -> Result<Vec<usize>, String> {
    if !bytes.starts_with(MAGIC) || !bytes.ends_with(MAGIC) {
        return Err(if bytes.starts_with(&[0xFF, 0xFF, 0xFF, 0xFF]) {
            "an Arrow IPC stream, not a file: save it as an Arrow file (Feather v2, \
             pyarrow.feather.write_feather or polars' write_ipc)"
                .to_owned()
        } else if bytes.starts_with(b"FEA1") {
            "a Feather v1 file: save it again as Feather v2 (pandas' to_feather does)".to_owned()
        } else {
            "not an Arrow IPC file (no ARROW1 mark at its start and end)".to_owned()
        });
    }
    check_blocks(bytes)
}

/// Opens an Arrow IPC file straight into a dataset, as [`super::parquet_typed::load_parquet`]
/// opens Parquet: record batches decoded side by side into typed columns, numbers handed to the
/// row builder as numbers; the mapping given, else the one the file carries, else the one
/// detected from its header and first rows.
///
/// # Errors
/// As [`read_arrow`], and the first cell that cannot be read, naming its row and column; or
/// cancelled.
pub fn load_arrow(
    path: &std::path::Path,
    mapping: Option<&Mapping>,
    cancel: &super::Cancel,
) -> Result<super::import::Loaded, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fail = |message: String| LoadError::at("", message).in_file(&file);
    let bytes = super::import::read_limited(path, &file)?;
    let lengths = checked(&bytes).map_err(fail)?;
    let title = path
        .file_stem()
        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
    std::panic::catch_unwind(|| load_batches(&bytes, &lengths, (&file, &title), mapping, cancel))
        .unwrap_or_else(|_| {
            Err(fail(
                "the file is damaged (its metadata does not hold)".into(),
            ))
        })
}

/// The header and the first `rows` rows of an Arrow IPC file as text, as the mapping dialog
/// shows them.
///
/// # Errors
/// As [`read_arrow`].
pub fn read_head(
    path: &std::path::Path,
    file: &str,
    rows: usize,
) -> Result<(Vec<SheetRows>, Option<Mapping>), LoadError> {
    text_sheet(&super::import::read_limited(path, file)?, file, rows)
}

/// The column names, the embedded mapping and the number of record batches of an Arrow file;
/// a nested column refused.
fn schema_of(bytes: &[u8]) -> Result<(Vec<String>, Option<Mapping>, usize), String> {
    let reader = arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None)
        .map_err(|e| format!("not an Arrow IPC file this version reads: {e}"))?;
    let schema = reader.schema();
    if let Some(nested) = schema.fields().iter().find(|f| f.data_type().is_nested()) {
        return Err(format!(
            "column \"{}\" is nested (a list or a struct): only flat columns are read",
            nested.name()
        ));
    }
    let mapping = schema
        .metadata()
        .get(MAPPING_KEY)
        .and_then(|text| serde_json::from_str(text).ok());
    let header = schema.fields().iter().map(|f| f.name().clone()).collect();
    Ok((header, mapping, reader.num_batches()))
}

/// Record batch `index` of an Arrow file as typed columns, its first row at `first_line`.
fn batch_group(
    bytes: &[u8],
    index: usize,
    first_line: usize,
) -> Result<super::typed_rows::TypedGroup, String> {
    let mut reader = arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None)
        .map_err(|e| format!("not an Arrow IPC file this version reads: {e}"))?;
    reader
        .set_index(index)
        .map_err(|e| format!("record batch {index}: {e}"))?;
    let batch = reader
        .next()
        .ok_or_else(|| format!("record batch {index} is missing"))?
        .map_err(|e| format!("cannot read the rows: {e}"))?;
    let schema = batch.schema();
    let columns = batch
        .columns()
        .iter()
        .zip(schema.fields())
        .map(|(column, field)| {
            typed(column).ok_or_else(|| {
                format!(
                    "column \"{}\" is of type {}, which this version does not read",
                    field.name(),
                    field.data_type()
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(super::typed_rows::TypedGroup {
        columns,
        rows: batch.num_rows(),
        first_line,
    })
}

/// A column as typed values: floats (a null or NaN as NaN), integers, booleans; any other type
/// as its text ([`super::arrow_text::texts`]).
fn typed(column: &ArrayRef) -> Option<super::typed_rows::TypedColumn> {
    use super::typed_rows::TypedColumn;
    macro_rules! integers {
        ($t:ty) => {{
            let a = column.as_primitive::<$t>();
            TypedColumn::Integers(a.iter().map(|v| v.map(i64::from)).collect())
        }};
    }
    Some(match column.data_type() {
        DataType::Float64 => TypedColumn::Floats(
            column
                .as_primitive::<Float64Type>()
                .iter()
                .map(|v| v.unwrap_or(f64::NAN))
                .collect(),
        ),
        DataType::Float32 => TypedColumn::Floats(
            column
                .as_primitive::<Float32Type>()
                .iter()
                .map(|v| v.map_or(f64::NAN, super::typed_rows::widened))
                .collect(),
        ),
        DataType::Int8 => integers!(Int8Type),
        DataType::Int16 => integers!(Int16Type),
        DataType::Int32 => integers!(Int32Type),
        DataType::Int64 => integers!(Int64Type),
        DataType::UInt8 => integers!(UInt8Type),
        DataType::UInt16 => integers!(UInt16Type),
        DataType::UInt32 => integers!(UInt32Type),
        DataType::Boolean => TypedColumn::Booleans(column.as_boolean().iter().collect()),
        // Text as one string and where each value ends, as Parquet's is read.
        DataType::Utf8 => {
            let a = column.as_string::<i32>();
            TypedColumn::Texts(texts(a.iter(), a.len(), a.value_data().len()))
        }
        DataType::LargeUtf8 => {
            let a = column.as_string::<i64>();
            TypedColumn::Texts(texts(a.iter(), a.len(), a.value_data().len()))
        }
        DataType::Utf8View => {
            let a = column.as_string_view();
            let bytes = a.iter().map(|v| v.map_or(0, str::len)).sum();
            TypedColumn::Texts(texts(a.iter(), a.len(), bytes))
        }
        _ => TypedColumn::Strings(super::arrow_text::texts(column)?),
    })
}

/// A text column of `rows` values (`bytes` bytes in all), a null missing.
fn texts<'a>(
    values: impl Iterator<Item = Option<&'a str>>,
    rows: usize,
    bytes: usize,
) -> super::text_column::TextColumn {
    super::text_column::TextColumn::of(values.map(|v| v.map(str::as_bytes)), rows, bytes)
}

/// Builds the dataset from every record batch of an Arrow file.
fn load_batches(
    bytes: &[u8],
    lengths: &[usize],
    (file, title): (&str, &str),
    mapping: Option<&Mapping>,
    cancel: &super::Cancel,
) -> Result<super::import::Loaded, LoadError> {
    let arrow = ArrowFile::of(bytes, lengths, file)?;
    // Detected even when one is given: a file with no rows is refused as empty either way.
    let found = arrow.mapping()?;
    let chosen = mapping.cloned().unwrap_or(found);
    let decode = |g: usize| arrow.decode(g);
    let imported = super::tabular::build_groups(
        file,
        super::tabular::year_in_name(file),
        arrow.header.clone(),
        (arrow.groups(), &decode),
        &chosen,
        title,
        cancel,
    )
    .map_err(|e| if e.file.is_none() { e.in_file(file) } else { e })?;
    Ok(super::import::Loaded {
        dataset: imported.dataset,
        warnings: imported.warnings,
        mapping: Some(chosen),
        encoding: None,
    })
}

/// An Arrow IPC file's bytes, checked, ready to be read a record batch at a time.
pub(crate) struct ArrowFile<'a> {
    bytes: &'a [u8],
    pub file: &'a str,
    pub header: Vec<String>,
    /// The mapping rankscope wrote into the file, if any.
    embedded: Option<Mapping>,
    /// The header and the first rows as text: what the mapping is detected from.
    head: Vec<super::csv::Row>,
    /// Each record batch's first line (the header is line 1).
    first_lines: Vec<usize>,
}

impl<'a> ArrowFile<'a> {
    /// The file named `file` whose `bytes` [`checked`] gave the batches' `lengths`.
    ///
    /// # Errors
    /// A nested column, metadata that does not hold, a first batch that does not decode.
    pub fn of(bytes: &'a [u8], lengths: &[usize], file: &'a str) -> Result<Self, LoadError> {
        let fail = |message: String| LoadError::at("", message).in_file(file);
        let open = || -> Result<Self, String> {
            let (header, embedded, count) = schema_of(bytes)?;
            let first_lines: Vec<usize> = lengths
                .iter()
                .scan(2, |line, &n| {
                    let first = *line;
                    *line += n;
                    Some(first)
                })
                .take(count)
                .collect();
            let first = if first_lines.is_empty() {
                None
            } else {
                Some(batch_group(bytes, 0, 2)?)
            };
            let head = super::typed_rows::head_rows(
                &header,
                first.as_ref(),
                super::typed_rows::DETECTION_ROWS - 1,
            );
            Ok(Self {
                bytes,
                file,
                header,
                embedded,
                head,
                first_lines,
            })
        };
        std::panic::catch_unwind(open)
            .unwrap_or_else(|_| Err("the file is damaged (its metadata does not hold)".to_owned()))
            .map_err(fail)
    }

    /// The mapping the file carries (when every column it names is in the file), else the one
    /// detected from its first rows.
    ///
    /// # Errors
    /// When the file has no rows to detect it from.
    pub fn mapping(&self) -> Result<Mapping, LoadError> {
        let detected = super::import::detect_sheet(&self.head)
            .ok_or_else(|| LoadError::at("", "the file is empty").in_file(self.file))?;
        let embedded = self
            .embedded
            .clone()
            .filter(|m| m.columns.iter().all(|c| self.header.contains(&c.header)));
        Ok(embedded.unwrap_or(detected))
    }

    pub fn groups(&self) -> usize {
        self.first_lines.len()
    }

    /// Record batch `g`, decoded.
    ///
    /// # Errors
    /// When it does not decode.
    pub fn decode(&self, g: usize) -> Result<super::typed_rows::TypedGroup, LoadError> {
        let line = self.first_lines.get(g).copied().unwrap_or(2);
        batch_group(self.bytes, g, line)
            .map_err(|message| LoadError::at("", message).in_file(self.file))
    }
}

/// Walks the file's footer and record batch headers without decoding a value: the rows each
/// record batch declares, and a refusal when rows × columns exceed [`parquet_cell_limit`] for
/// the file's size or the compressed buffers claim to expand to more than [`MAX_EXPANSION`]
/// times the file's size (the decoder would reserve what they claim at once).
fn check_blocks(bytes: &[u8]) -> Result<Vec<usize>, String> {
    let damaged = |what: &str| format!("the file is damaged ({what})");
    let footer_len = bytes
        .len()
        .checked_sub(10)
        .and_then(|at| bytes.get(at..at + 4))
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(i32::from_le_bytes)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| damaged("no footer"))?;
    let footer_start = bytes
        .len()
        .checked_sub(10 + footer_len)
        .ok_or_else(|| damaged("the footer is longer than the file"))?;
    let footer = arrow_ipc::root_as_footer(&bytes[footer_start..bytes.len() - 10])
        .map_err(|e| damaged(&format!("footer: {e}")))?;
    let columns = footer
        .schema()
        .and_then(|s| s.fields())
        .map_or(0, |f| f.len());
    let limit = parquet_cell_limit(bytes.len() as u64);
    let mut rows = 0usize;
    let mut lengths = Vec::new();
    let (mut expanded, most_expanded) = (
        0_u64,
        (bytes.len() as u64)
            .saturating_mul(MAX_EXPANSION)
            .max(MIN_EXPANDED),
    );
    let blocks = footer.recordBatches().into_iter().flatten();
    let dictionaries = footer.dictionaries().into_iter().flatten();
    for (is_batch, block) in blocks
        .map(|b| (true, b))
        .chain(dictionaries.map(|b| (false, b)))
    {
        let at = usize::try_from(block.offset()).map_err(|_| damaged("a negative offset"))?;
        let meta_len =
            usize::try_from(block.metaDataLength()).map_err(|_| damaged("a negative length"))?;
        let body_len =
            usize::try_from(block.bodyLength()).map_err(|_| damaged("a negative length"))?;
        let meta = bytes
            .get(at..at.saturating_add(meta_len))
            .ok_or_else(|| damaged("a batch outside the file"))?;
        // Each message is preceded by a continuation mark (0xFFFFFFFF) and its length.
        let message = meta
            .get(8..)
            .filter(|_| meta.starts_with(&[0xFF; 4]))
            .or_else(|| meta.get(4..))
            .ok_or_else(|| damaged("a short message"))?;
        let message = arrow_ipc::root_as_message(message)
            .map_err(|e| damaged(&format!("a batch header: {e}")))?;
        let body_start = at + meta_len;
        let body = bytes
            .get(body_start..body_start.saturating_add(body_len))
            .ok_or_else(|| damaged("a batch body outside the file"))?;
        let batch = if is_batch {
            message.header_as_record_batch()
        } else {
            message.header_as_dictionary_batch().and_then(|d| d.data())
        }
        .ok_or_else(|| damaged("a block that is not a record batch"))?;
        if is_batch {
            let length = usize::try_from(batch.length()).unwrap_or(usize::MAX);
            rows = rows.saturating_add(length);
            lengths.push(length);
            if rows.saturating_mul(columns) > limit {
                return Err(format!(
                    "{rows} rows × {columns} columns is more than a file of this size may hold \
                     ({limit} cells)"
                ));
            }
        }
        if batch.compression().is_some() {
            for buffer in batch.buffers().into_iter().flatten() {
                let start = usize::try_from(buffer.offset()).unwrap_or(usize::MAX);
                let length = u64::try_from(buffer.length()).unwrap_or(u64::MAX);
                // An empty buffer carries no prefix; one outside the body the reader refuses.
                let Some(prefix) = body
                    .get(start..start.saturating_add(8))
                    .filter(|_| length >= 8)
                else {
                    continue;
                };
                let claimed = i64::from_le_bytes(prefix.try_into().unwrap_or([0; 8]));
                // -1: stored uncompressed.
                if claimed > 0 {
                    expanded = expanded.saturating_add(claimed.unsigned_abs());
                }
                if expanded > most_expanded {
                    return Err(format!(
                        "its compressed buffers claim to hold {expanded} bytes, more than \
                         {MAX_EXPANSION} times the file's size: refused"
                    ));
                }
            }
        }
    }
    Ok(lengths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_an_arrow_file_are_refused_with_the_reason() {
        let error = |bytes: &[u8]| {
            read_arrow(bytes, "x.arrow")
                .map(|_| ())
                .expect_err("refused")
                .to_string()
        };
        assert!(error(b"Name,Score\nA,1\n").contains("not an Arrow IPC file"));
        assert!(error(&[0xFF, 0xFF, 0xFF, 0xFF, 0, 0]).contains("stream"));
        assert!(error(b"FEA1....FEA1").contains("Feather v1"));
        assert!(error(b"ARROW1\0\0ARROW1").contains("damaged"));
    }
}
