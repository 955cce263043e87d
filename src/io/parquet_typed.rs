//! Parquet read straight into the row builder ([`super::typed_rows`]): each row group's plain
//! columns (numbers, text) decoded to their types, as many groups at once as there are cores.
//! Files with dates, decimals or timestamps take the text path
//! ([`super::parquet::read_parquet`]).

use std::path::Path;

use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, ByteArrayType, DataType};
use parquet::file::reader::{FileReader, RowGroupReader};

use super::csv::Row;
use super::error::LoadError;
use super::import::Loaded;
use super::mapping::{Mapping, Reading};
use super::text_column::TextColumn;
use super::typed_rows::{DETECTION_ROWS, TypedColumn, TypedGroup, head_rows, widened};
use crate::model::compact_column::CompactColumn;

/// Whether every column of the file is a plain number or text, which [`read_group`] decodes.
#[must_use]
pub fn plain_schema(meta: &parquet::file::metadata::FileMetaData) -> bool {
    use parquet::basic::{ConvertedType, LogicalType, Type as Physical};
    meta.schema_descr().columns().iter().all(|c| {
        let text = matches!(c.logical_type_ref(), Some(LogicalType::String))
            || c.converted_type() == ConvertedType::UTF8;
        let number = matches!(
            c.logical_type_ref(),
            None | Some(LogicalType::Integer { .. })
        ) && matches!(
            c.converted_type(),
            ConvertedType::NONE
                | ConvertedType::INT_8
                | ConvertedType::INT_16
                | ConvertedType::INT_32
                | ConvertedType::INT_64
                | ConvertedType::UINT_8
                | ConvertedType::UINT_16
                | ConvertedType::UINT_32
                | ConvertedType::UINT_64
        ) && matches!(
            c.physical_type(),
            Physical::BOOLEAN
                | Physical::INT32
                | Physical::INT64
                | Physical::FLOAT
                | Physical::DOUBLE
        );
        (text && c.physical_type() == Physical::BYTE_ARRAY) || number
    })
}

/// Decodes every column of one row group of a [`plain_schema`] file.
///
/// # Errors
/// When a page does not decode.
pub fn read_group(
    group: &dyn RowGroupReader,
    first_line: usize,
) -> parquet::errors::Result<TypedGroup> {
    read_group_head(group, first_line, usize::MAX, None)
}

/// [`read_group`] of the group's first `most` rows only (what the mapping is detected from:
/// a page or two of each column, not the whole group), and of the columns `wanted` flags
/// only when given (the others are left empty, not decoded).
///
/// # Errors
/// When a page does not decode.
pub fn read_group_head(
    group: &dyn RowGroupReader,
    first_line: usize,
    most: usize,
    wanted: Option<&[bool]>,
) -> parquet::errors::Result<TypedGroup> {
    let rows = usize::try_from(group.metadata().num_rows())
        .unwrap_or(0)
        .min(most);
    let mut columns = Vec::with_capacity(group.num_columns());
    for c in 0..group.num_columns() {
        if wanted.is_some_and(|wanted| !wanted.get(c).copied().unwrap_or(true)) {
            // Not read: every cell blank to the rows' reader, which gives the column no role.
            columns.push(TypedColumn::Texts(TextColumn::all_missing(0)));
            continue;
        }
        columns.push(match super::parquet_pages::read_column(group, c, rows) {
            Some(column) => column,
            None => read_column(group, c, rows)?,
        });
    }
    Ok(TypedGroup {
        columns,
        rows,
        first_line,
    })
}

/// The first `rows` values of column `c` of `group` through the `parquet` crate's column
/// reader (any encoding it reads).
///
/// # Errors
/// When a page does not decode.
pub(crate) fn read_column(
    group: &dyn RowGroupReader,
    c: usize,
    rows: usize,
) -> parquet::errors::Result<TypedColumn> {
    let max = group.metadata().column(c).column_descr().max_def_level();
    let shape = (rows, max);
    Ok(match group.get_column_reader(c)? {
        ColumnReader::BoolColumnReader(r) => TypedColumn::Booleans(values(r, shape, |v| v)?),
        ColumnReader::Int32ColumnReader(r) => TypedColumn::Integers(values(r, shape, i64::from)?),
        ColumnReader::Int64ColumnReader(r) => TypedColumn::Integers(values(r, shape, |v| v)?),
        ColumnReader::FloatColumnReader(r) => TypedColumn::Floats(floats(r, shape, widened)?),
        ColumnReader::DoubleColumnReader(r) => TypedColumn::Floats(floats(r, shape, |v| v)?),
        ColumnReader::ByteArrayColumnReader(r) => TypedColumn::Texts(texts(r, shape)?),
        ColumnReader::Int96ColumnReader(_) | ColumnReader::FixedLenByteArrayColumnReader(_) => {
            TypedColumn::Texts(TextColumn::all_missing(rows))
        }
    })
}

/// The first `rows` values of one flat column (its maximum definition level `max_level`: 0
/// when it cannot be null) as the file stores them, and the definition level of each row
/// (none when the column cannot be null).
fn present<T: DataType>(
    mut reader: ColumnReaderImpl<T>,
    (rows, max_level): (usize, i16),
) -> parquet::errors::Result<(Vec<T::T>, Vec<i16>)> {
    let mut present = Vec::with_capacity(rows);
    let mut levels = Vec::with_capacity(if max_level == 0 { 0 } else { rows });
    let mut read = 0;
    while read < rows {
        let wanted = (max_level > 0).then_some(&mut levels);
        let (records, _, _) = reader.read_records(rows - read, wanted, None, &mut present)?;
        if records == 0 {
            break;
        }
        read += records;
    }
    Ok((present, levels))
}

/// The values of one flat column ([`present`]), a null `None`.
fn values<T: DataType, V>(
    reader: ColumnReaderImpl<T>,
    shape: (usize, i16),
    value: impl Fn(T::T) -> V,
) -> parquet::errors::Result<Vec<Option<V>>> {
    let max_level = shape.1;
    let (present, levels) = self::present(reader, shape)?;
    let mut next = present.into_iter();
    Ok(if max_level == 0 {
        next.map(|v| Some(value(v))).collect()
    } else {
        levels
            .iter()
            .map(|&level| {
                if level == max_level {
                    next.next().map(&value)
                } else {
                    None
                }
            })
            .collect()
    })
}

/// The values of one flat column of texts ([`present`]), a null missing.
fn texts(
    reader: ColumnReaderImpl<ByteArrayType>,
    shape: (usize, i16),
) -> parquet::errors::Result<TextColumn> {
    let max_level = shape.1;
    let (present, levels) = self::present(reader, shape)?;
    let bytes = present.iter().map(ByteArray::len).sum();
    let rows = present.len().max(levels.len());
    if max_level == 0 {
        return Ok(TextColumn::of(
            present.iter().map(|v| Some(v.data())),
            rows,
            bytes,
        ));
    }
    let mut next = present.iter();
    let values = levels.iter().map(|&level| {
        if level == max_level {
            next.next().map(ByteArray::data)
        } else {
            None
        }
    });
    Ok(TextColumn::of(values, rows, bytes))
}

/// The values of one flat column of numbers ([`present`]) as a year's figures are kept, a
/// null missing.
fn floats<T: DataType>(
    reader: ColumnReaderImpl<T>,
    shape: (usize, i16),
    value: impl Fn(T::T) -> f64,
) -> parquet::errors::Result<CompactColumn> {
    const CHUNK: usize = 256;
    let max_level = shape.1;
    let (present, levels) = self::present(reader, shape)?;
    let present: Vec<f64> = present.into_iter().map(value).collect();
    let mut column = CompactColumn::with_capacity(present.len().max(levels.len()));
    if max_level == 0 {
        column.extend_from_slice(&present);
        return Ok(column);
    }
    // Each chunk of rows: the present values in their places, NaN in the others.
    let mut next = present.iter();
    let mut chunk = [f64::NAN; CHUNK];
    for levels in levels.chunks(CHUNK) {
        for (slot, &level) in chunk.iter_mut().zip(levels) {
            *slot = if level == max_level {
                next.next().copied().unwrap_or(f64::NAN)
            } else {
                f64::NAN
            };
        }
        column.extend_from_slice(&chunk[..levels.len()]);
    }
    Ok(column)
}

/// Opens a Parquet file of plain columns straight into a dataset, with `mapping` or else the
/// mapping the file carries ([`super::parquet::embedded_mapping`]) or the one detected from its
/// header and first rows. `Ok(None)` when a column is of another type (dates, decimals): the
/// caller reads the file as text rows instead. Only the columns `reading` reads are decoded
/// (the loaded mapping is the whole one, as chosen or detected).
///
/// # Errors
/// As [`super::parquet::read_parquet`], and the first cell that cannot be read, naming its row
/// and column; or cancelled.
pub fn load_parquet(
    path: &Path,
    (mapping, reading): (Option<&Mapping>, Reading),
    cancel: &super::Cancel,
) -> Result<Option<Loaded>, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    super::parquet::guarded(&file, || {
        load_plain(path, &file, (mapping, reading), cancel)
    })
}

/// [`load_parquet`] without the guard against decoders that panic.
fn load_plain(
    path: &Path,
    file: &str,
    (mapping, reading): (Option<&Mapping>, Reading),
    cancel: &super::Cancel,
) -> Result<Option<Loaded>, LoadError> {
    let Some(plain) = PlainFile::open(path, file)? else {
        return Ok(None);
    };
    // Detected even when one is given: a file with no rows is refused as empty either way.
    let found = plain.mapping()?;
    let chosen = mapping.cloned().unwrap_or(found);
    let title = path
        .file_stem()
        .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned());
    // Columns the mapping (as `reading` reads it) ignores are not decoded.
    let read = chosen.for_reading(reading);
    let wanted = read.reads(&plain.header);
    let decode = |g: usize| plain.decode_columns(g, &wanted);
    let imported = super::tabular::build_groups(
        file,
        super::tabular::year_in_name(file),
        plain.header.clone(),
        (plain.groups(), &decode),
        &read,
        &title,
        cancel,
    )
    .map_err(|e| if e.file.is_none() { e.in_file(file) } else { e })?;
    Ok(Some(Loaded {
        dataset: imported.dataset,
        warnings: imported.warnings,
        mapping: Some(chosen),
        encoding: None,
    }))
}

/// A Parquet file of plain columns ([`plain_schema`]), its row counts checked, ready to be read
/// a row group at a time.
pub(crate) struct PlainFile<'p> {
    path: &'p Path,
    /// Named in messages.
    pub file: &'p str,
    pub header: Vec<String>,
    /// The header and the first rows as text: what the mapping is detected from.
    head: Vec<Row>,
    /// Each group's first line, from the row counts in the footer (the header is line 1).
    first_lines: Vec<usize>,
}

impl<'p> PlainFile<'p> {
    /// The file at `path` (named `file` in messages); `None` when a column is of another type.
    ///
    /// # Errors
    /// As [`load_parquet`].
    pub fn open(path: &'p Path, file: &'p str) -> Result<Option<Self>, LoadError> {
        let fail = |message: String| LoadError::at("", message).in_file(file);
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        let reader = super::parquet::open_reader(path, file)?;
        let meta = reader.metadata().file_metadata();
        let fields = meta.schema().get_fields();
        if fields.iter().any(|f| f.is_group()) || !plain_schema(meta) {
            return Ok(None);
        }
        super::parquet::checked_rows(&reader, fields.len(), bytes).map_err(fail)?;
        let mut plain = Self {
            path,
            file,
            header: fields.iter().map(|f| f.name().to_owned()).collect(),
            head: Vec::new(),
            first_lines: Vec::with_capacity(reader.num_row_groups()),
        };
        let mut line = 2;
        for g in 0..reader.num_row_groups() {
            plain.first_lines.push(line);
            line += usize::try_from(reader.metadata().row_group(g).num_rows()).unwrap_or(0);
        }
        let first = if plain.groups() > 0 {
            Some(plain.group(0, DETECTION_ROWS, None)?)
        } else {
            None
        };
        plain.head = head_rows(&plain.header, first.as_ref(), DETECTION_ROWS - 1);
        Ok(Some(plain))
    }

    /// The mapping the file carries (when every column it names is in the file), else the one
    /// detected from its first rows.
    ///
    /// # Errors
    /// When the file has no rows to detect it from.
    pub fn mapping(&self) -> Result<Mapping, LoadError> {
        let detected = super::import::detect_sheet(&self.head)
            .ok_or_else(|| LoadError::at("", "the file is empty").in_file(self.file))?;
        let embedded = super::parquet::embedded_mapping(self.path)
            .filter(|m| m.columns.iter().all(|c| self.header.contains(&c.header)));
        Ok(embedded.unwrap_or(detected))
    }

    pub fn groups(&self) -> usize {
        self.first_lines.len()
    }

    /// Row group `g`, decoded.
    ///
    /// # Errors
    /// When it does not decode.
    pub fn decode(&self, g: usize) -> Result<TypedGroup, LoadError> {
        self.group(g, usize::MAX, None)
    }

    /// Row group `g` with the columns `wanted` flags decoded, the others left empty.
    ///
    /// # Errors
    /// When it does not decode.
    pub fn decode_columns(&self, g: usize, wanted: &[bool]) -> Result<TypedGroup, LoadError> {
        self.group(g, usize::MAX, Some(wanted))
    }

    /// The first `most` rows of row group `g`, each group through a reader of its own: readers
    /// of one open file share its offset, so two decoding at once would read each other's pages.
    fn group(
        &self,
        g: usize,
        most: usize,
        wanted: Option<&[bool]>,
    ) -> Result<TypedGroup, LoadError> {
        let fail = |message: String| LoadError::at("", message).in_file(self.file);
        let own = super::parquet::open_reader(self.path, self.file)?;
        let group = own
            .get_row_group(g)
            .map_err(|e| fail(format!("row group {g}: {e}")))?;
        read_group_head(group.as_ref(), self.first_lines[g], most, wanted)
            .map_err(|e| fail(format!("cannot read the rows: {e}")))
    }
}

/// The header and the first `rows` rows of a Parquet file of plain columns as text, as the
/// mapping dialog shows them; `None` for a file with other columns (read whole as text).
///
/// # Errors
/// As [`load_parquet`].
pub fn read_head(
    path: &Path,
    file: &str,
    rows: usize,
) -> Result<Option<Vec<super::excel::SheetRows>>, LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    let read = || -> Result<Option<Vec<Row>>, LoadError> {
        let reader = super::parquet::open_reader(path, file)?;
        let meta = reader.metadata().file_metadata();
        let fields = meta.schema().get_fields();
        if fields.iter().any(|f| f.is_group()) || !plain_schema(meta) {
            return Ok(None);
        }
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        super::parquet::checked_rows(&reader, fields.len(), bytes).map_err(fail)?;
        let header: Vec<String> = fields.iter().map(|f| f.name().to_owned()).collect();
        let first = if reader.num_row_groups() > 0 {
            let group = reader
                .get_row_group(0)
                .map_err(|e| fail(format!("row group 0: {e}")))?;
            Some(
                read_group_head(group.as_ref(), 2, rows, None)
                    .map_err(|e| fail(format!("cannot read the rows: {e}")))?,
            )
        } else {
            None
        };
        let out = head_rows(&header, first.as_ref(), rows);
        Ok(Some(out))
    };
    let rows = super::parquet::guarded(file, read)?;
    Ok(rows.map(|rows| {
        vec![super::excel::SheetRows {
            name: file.to_owned(),
            rows,
        }]
    }))
}
