//! Parquet (and Arrow, [`super::arrow_ipc`]) read straight into the row builder: each row
//! group's plain columns (numbers, text) decoded to their types, its rows handed over as typed
//! cells, so no number is written as text and read back, and no row is held as strings. The header and the first rows, as text,
//! are what the mapping is detected from, exactly as for the slower text path
//! ([`super::parquet::read_parquet`]), which files with dates, decimals or timestamps still take.

use std::borrow::Cow;
use std::path::Path;

use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, DataType};
use parquet::file::reader::{FileReader, RowGroupReader, SerializedFileReader};

use super::csv::Row;
use super::error::LoadError;
use super::import::Loaded;
use super::mapping::{Mapping, Role};
use super::tabular::{RowFields, apply_value, set_number};

/// One column of a row group, decoded: a missing value is `None` (NaN among the floats, which
/// keeps a column of a hundred thousand values in half the memory).
pub enum TypedColumn {
    Floats(Vec<f64>),
    Integers(Vec<Option<i64>>),
    Booleans(Vec<Option<bool>>),
    Texts(Vec<Option<ByteArray>>),
    /// Values of any other type as the text a spreadsheet cell would hold (empty when missing).
    Strings(Vec<String>),
}

/// A row group's columns and the file line of its first row (the header is line 1).
pub struct TypedGroup {
    pub columns: Vec<TypedColumn>,
    pub rows: usize,
    pub first_line: usize,
}

/// Row `row` of a [`TypedGroup`], as the row builder reads rows.
pub struct TypedRow<'g, 'b> {
    pub group: &'g TypedGroup,
    pub row: usize,
    /// The row's numbers (floats, and integers as floats; NaN when missing or another type),
    /// one per column, copied out of the columns a block of rows at a time ([`NumberBlock`]):
    /// reading a row across forty columns straight from them waits on memory at every cell.
    /// Empty: read from the columns.
    pub numbers: &'b [f64],
}

/// The numbers of a block of rows of a [`TypedGroup`], row by row: column by column copied
/// from the group (a few streams the processor prefetches), read row by row from the cache.
pub struct NumberBlock {
    pub values: Vec<f64>,
    pub columns: usize,
}

impl NumberBlock {
    /// The rows to copy at a time: 256 rows of 40 columns are 80 kB, within the core's cache.
    pub const ROWS: usize = 256;

    /// The numbers of rows `start..end` of `group`.
    #[must_use]
    pub fn of(group: &TypedGroup, start: usize, end: usize) -> Self {
        let columns = group.columns.len();
        let mut values = vec![f64::NAN; (end - start) * columns];
        for (c, column) in group.columns.iter().enumerate() {
            match column {
                TypedColumn::Floats(v) => {
                    for (r, &x) in v[start..end].iter().enumerate() {
                        values[r * columns + c] = x;
                    }
                }
                #[expect(clippy::cast_precision_loss, reason = "a count or a score as a double")]
                TypedColumn::Integers(v) => {
                    for (r, x) in v[start..end].iter().enumerate() {
                        values[r * columns + c] = x.map_or(f64::NAN, |x| x as f64);
                    }
                }
                _ => {}
            }
        }
        Self { values, columns }
    }

    /// Row `r` of the block (0 is its first).
    #[must_use]
    pub fn row(&self, r: usize) -> &[f64] {
        &self.values[r * self.columns..(r + 1) * self.columns]
    }
}

impl<'g> RowFields<'g> for TypedRow<'g, '_> {
    fn count(&self) -> usize {
        self.group.columns.len()
    }

    fn text(&self, i: usize) -> Cow<'g, str> {
        let r = self.row;
        match self.group.columns.get(i) {
            Some(TypedColumn::Floats(v)) => {
                let x = v[r];
                if x.is_nan() {
                    Cow::Borrowed("")
                } else {
                    x.to_string().into()
                }
            }
            Some(TypedColumn::Integers(v)) => {
                v[r].map_or(Cow::Borrowed(""), |x| x.to_string().into())
            }
            Some(TypedColumn::Booleans(v)) => {
                v[r].map_or(Cow::Borrowed(""), |x| x.to_string().into())
            }
            // Valid UTF-8 (nearly always) borrowed as it is; else with U+FFFD for bad bytes.
            Some(TypedColumn::Texts(v)) => v[r].as_ref().map_or(Cow::Borrowed(""), |b| {
                std::str::from_utf8(b.data())
                    .map_or_else(|_| String::from_utf8_lossy(b.data()), Cow::Borrowed)
            }),
            Some(TypedColumn::Strings(v)) => Cow::Borrowed(v[r].as_str()),
            None => Cow::Borrowed(""),
        }
    }

    fn is_blank(&self, i: usize) -> bool {
        let r = self.row;
        match self.group.columns.get(i) {
            Some(TypedColumn::Floats(v)) => v[r].is_nan(),
            Some(TypedColumn::Integers(v)) => v[r].is_none(),
            Some(TypedColumn::Booleans(v)) => v[r].is_none(),
            Some(TypedColumn::Texts(v)) => v[r]
                .as_ref()
                .is_none_or(|b| b.data().iter().all(u8::is_ascii_whitespace)),
            Some(TypedColumn::Strings(v)) => v[r].trim().is_empty(),
            None => true,
        }
    }

    fn apply(
        &self,
        i: usize,
        record: &mut crate::model::Record,
        role: &Role,
        slot: usize,
    ) -> Result<(), String> {
        let number = match self.group.columns.get(i) {
            Some(TypedColumn::Floats(_) | TypedColumn::Integers(_)) if !self.numbers.is_empty() => {
                Some(self.numbers[i]).filter(|x| !x.is_nan())
            }
            Some(TypedColumn::Floats(v)) => Some(v[self.row]).filter(|x| !x.is_nan()),
            #[expect(clippy::cast_precision_loss, reason = "a count or a score as a double")]
            Some(TypedColumn::Integers(v)) => v[self.row].map(|x| x as f64),
            _ => return apply_value(record, role, &self.text(i), slot),
        };
        match (role, number) {
            // Ranks are read as text (bands, ties, "=3").
            (Role::Rank, _) => apply_value(record, role, &self.text(i), slot),
            (_, Some(x)) if !x.is_finite() => Err(format!("expected a number, found {x}")),
            _ => {
                set_number(record, role, slot, number);
                Ok(())
            }
        }
    }
}

/// A single-precision value as the double its shortest decimal reads as (0.1, not
/// 0.100000001490116), as its CSV twin gives it.
#[must_use]
pub fn widened(value: f32) -> f64 {
    if value.is_finite() {
        value.to_string().parse().unwrap_or(f64::from(value))
    } else {
        f64::from(value)
    }
}

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
    let rows = usize::try_from(group.metadata().num_rows()).unwrap_or(0);
    let mut columns = Vec::with_capacity(group.num_columns());
    for c in 0..group.num_columns() {
        let max = group.metadata().column(c).column_descr().max_def_level();
        let shape = (rows, max);
        columns.push(match group.get_column_reader(c)? {
            ColumnReader::BoolColumnReader(r) => TypedColumn::Booleans(values(r, shape, |&v| v)?),
            ColumnReader::Int32ColumnReader(r) => {
                TypedColumn::Integers(values(r, shape, |&v| i64::from(v))?)
            }
            ColumnReader::Int64ColumnReader(r) => TypedColumn::Integers(values(r, shape, |&v| v)?),
            ColumnReader::FloatColumnReader(r) => TypedColumn::Floats(
                values(r, shape, |&v| widened(v))?
                    .into_iter()
                    .map(|v| v.unwrap_or(f64::NAN))
                    .collect(),
            ),
            ColumnReader::DoubleColumnReader(r) => TypedColumn::Floats(
                values(r, shape, |&v| v)?
                    .into_iter()
                    .map(|v| v.unwrap_or(f64::NAN))
                    .collect(),
            ),
            ColumnReader::ByteArrayColumnReader(r) => {
                TypedColumn::Texts(values(r, shape, Clone::clone)?)
            }
            ColumnReader::Int96ColumnReader(_) | ColumnReader::FixedLenByteArrayColumnReader(_) => {
                TypedColumn::Texts(vec![None; rows])
            }
        });
    }
    Ok(TypedGroup {
        columns,
        rows,
        first_line,
    })
}

/// The `rows` values of one flat column (its maximum definition level `max_level`: 0 when it
/// cannot be null), a null `None`.
fn values<T: DataType, V>(
    mut reader: ColumnReaderImpl<T>,
    (rows, max_level): (usize, i16),
    value: impl Fn(&T::T) -> V,
) -> parquet::errors::Result<Vec<Option<V>>> {
    let (mut present, mut levels) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    let mut read = 0;
    while read < rows {
        let (records, _, _) =
            reader.read_records(rows - read, Some(&mut levels), None, &mut present)?;
        if records == 0 {
            break;
        }
        read += records;
    }
    let mut next = present.iter();
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

/// Rows of the first group kept as text for the mapping's detection (the header included).
pub const DETECTION_ROWS: usize = 51;

/// The header and the first `rows` rows of `group` as text rows (lines 1, 2, …).
#[must_use]
pub fn head_rows(header: &[String], group: Option<&TypedGroup>, rows: usize) -> Vec<Row> {
    let mut out = vec![Row {
        line: 1,
        fields: header.to_vec(),
    }];
    if let Some(group) = group {
        out.extend(text_rows(group, rows));
    }
    out
}

/// The first `rows` rows of `group` as text rows, as a spreadsheet's cells would hold them.
pub fn text_rows(group: &TypedGroup, rows: usize) -> impl Iterator<Item = Row> + '_ {
    (0..group.rows.min(rows)).map(move |row| {
        let cells = TypedRow {
            group,
            row,
            numbers: &[],
        };
        Row {
            line: group.first_line + row,
            fields: (0..cells.count())
                .map(|i| cells.text(i).into_owned())
                .collect(),
        }
    })
}

/// Opens a Parquet file of plain columns straight into a dataset, with `mapping` or else the
/// mapping the file carries ([`super::parquet::embedded_mapping`]) or the one detected from its
/// header and first rows. `Ok(None)` when a column is of another type (dates, decimals): the
/// caller reads the file as text rows instead.
///
/// # Errors
/// As [`super::parquet::read_parquet`], and the first cell that cannot be read, naming its row
/// and column; or cancelled.
pub fn load_parquet(
    path: &Path,
    mapping: Option<&Mapping>,
    cancel: &super::Cancel,
) -> Result<Option<Loaded>, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The decoders index pages by lengths the file gives; a damaged page they cannot make sense
    // of is reported, not allowed to end the program.
    std::panic::catch_unwind(|| load_plain(path, &file, mapping, cancel)).unwrap_or_else(|_| {
        Err(LoadError::at("", "the file is damaged (a page does not decode)").in_file(&file))
    })
}

/// [`load_parquet`] without the guard against decoders that panic.
fn load_plain(
    path: &Path,
    file: &str,
    mapping: Option<&Mapping>,
    cancel: &super::Cancel,
) -> Result<Option<Loaded>, LoadError> {
    let fail = |message: String| LoadError::at("", message).in_file(file);
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let handle = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let reader = SerializedFileReader::new(handle)
        .map_err(|e| fail(format!("not a Parquet file this version reads: {e}")))?;
    let meta = reader.metadata().file_metadata();
    let fields = meta.schema().get_fields();
    if fields.iter().any(|f| f.is_group()) || !plain_schema(meta) {
        return Ok(None);
    }
    super::parquet::checked_rows(&reader, fields.len(), bytes).map_err(fail)?;
    let header: Vec<String> = fields.iter().map(|f| f.name().to_owned()).collect();
    // Each group through a reader of its own: readers of one open file share its offset, so
    // two decoding at once would read each other's pages.
    let group_at = |g: usize, first_line: usize| -> Result<TypedGroup, LoadError> {
        let handle = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
        let own = SerializedFileReader::new(handle)
            .map_err(|e| fail(format!("not a Parquet file this version reads: {e}")))?;
        let group = own
            .get_row_group(g)
            .map_err(|e| fail(format!("row group {g}: {e}")))?;
        read_group(group.as_ref(), first_line)
            .map_err(|e| fail(format!("cannot read the rows: {e}")))
    };
    let first = if reader.num_row_groups() > 0 {
        Some(group_at(0, 2)?)
    } else {
        None
    };
    // The header and the first rows as text: what the mapping is detected from.
    let head = head_rows(&header, first.as_ref(), DETECTION_ROWS - 1);
    let detected =
        super::import::detect_sheet(&head).ok_or_else(|| fail("the file is empty".to_owned()))?;
    let embedded = super::parquet::embedded_mapping(path)
        .filter(|m| m.columns.iter().all(|c| header.contains(&c.header)));
    let chosen = mapping.cloned().or(embedded).unwrap_or(detected);
    let title = path
        .file_stem()
        .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned());
    // Each group's first line, from the row counts in the footer.
    let mut first_lines = Vec::with_capacity(reader.num_row_groups());
    let mut line = 2;
    for g in 0..reader.num_row_groups() {
        first_lines.push(line);
        line += usize::try_from(reader.metadata().row_group(g).num_rows()).unwrap_or(0);
    }
    drop(first);
    let decode = |g: usize| group_at(g, first_lines[g]);
    let imported = super::tabular::build_groups(
        file,
        super::tabular::year_in_name(file),
        header,
        (reader.num_row_groups(), &decode),
        &chosen,
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
        let handle = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
        let reader = SerializedFileReader::new(handle)
            .map_err(|e| fail(format!("not a Parquet file this version reads: {e}")))?;
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
                read_group(group.as_ref(), 2)
                    .map_err(|e| fail(format!("cannot read the rows: {e}")))?,
            )
        } else {
            None
        };
        let out = head_rows(&header, first.as_ref(), rows);
        Ok(Some(out))
    };
    let rows = std::panic::catch_unwind(read).unwrap_or_else(|_| {
        Err(LoadError::at("", "the file is damaged (a page does not decode)").in_file(file))
    })?;
    Ok(rows.map(|rows| {
        vec![super::excel::SheetRows {
            name: file.to_owned(),
            rows,
        }]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_precision_values_read_as_their_shortest_decimals() {
        let bits = |x: f64| x.to_bits();
        assert_eq!(bits(widened(0.1)), bits(0.1));
        assert_eq!(bits(widened(85.3)), bits(85.3));
        assert_eq!(bits(widened(-1.5e-7)), bits(-1.5e-7));
        assert!(widened(f32::NAN).is_nan());
        assert_eq!(bits(widened(f32::INFINITY)), bits(f64::INFINITY));
        assert_ne!(
            bits(f64::from(0.1_f32)),
            bits(0.1),
            "what a plain widening gives"
        );
    }
}
