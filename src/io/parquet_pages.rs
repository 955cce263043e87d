//! A Parquet column chunk decoded page by page straight into rankscope's columns: the plain
//! and dictionary encodings of numbers (INT32, INT64, FLOAT, DOUBLE) and texts (`BYTE_ARRAY`),
//! in data pages of either version, with the definition levels of a flat nullable column: what
//! pandas, polars and `DuckDB` write by default, read without the general reader's per-value
//! buffers (a reference-counted slice a text, a default-filled vector a batch), a dictionary's
//! numbers converted once, not once a row. Any other encoding or type, and any page that does
//! not add up, gives `None`: the column is then read through the `parquet` crate's reader,
//! which decides what the file holds or what is wrong with it.

use parquet::basic::{Encoding, Type as Physical};
use parquet::column::page::Page;
use parquet::file::reader::RowGroupReader;

use super::text_column::{NULL, TextColumn};
use super::typed_rows::{TypedColumn, widened};
use crate::model::compact_column::CompactColumn;

/// The first `rows` values of column `c` of `group`, decoded; `None` when the column is of a
/// type, encoding or shape read only by the general reader, or does not decode.
#[must_use]
pub fn read_column(group: &dyn RowGroupReader, c: usize, rows: usize) -> Option<TypedColumn> {
    let descr = group.metadata().column(c).column_descr();
    if descr.max_rep_level() != 0 {
        return None;
    }
    let kind = match descr.physical_type() {
        Physical::INT32 => Kind::Int32,
        Physical::INT64 => Kind::Int64,
        Physical::FLOAT => Kind::Float,
        Physical::DOUBLE => Kind::Double,
        Physical::BYTE_ARRAY => Kind::Bytes,
        _ => return None,
    };
    let max_level = u32::try_from(descr.max_def_level()).ok()?;
    let mut pages = group.get_column_page_reader(c).ok()?;
    let mut column = Column::new(kind, rows);
    let mut dictionary: Option<Column> = None;
    while column.len() < rows {
        let Some(page) = pages.get_next_page().ok()? else {
            break;
        };
        let (count, encoding, levels, values) = match &page {
            Page::DictionaryPage {
                buf,
                num_values,
                encoding,
                ..
            } => {
                if !matches!(encoding, Encoding::PLAIN | Encoding::PLAIN_DICTIONARY)
                    || dictionary.is_some()
                {
                    return None;
                }
                let count = usize::try_from(*num_values).ok()?;
                let mut values = Column::new(kind, count);
                values.add_plain(kind, None, buf, count)?;
                dictionary = Some(values);
                continue;
            }
            Page::DataPage {
                buf,
                num_values,
                encoding,
                def_level_encoding,
                ..
            } => {
                if max_level == 0 {
                    (*num_values, *encoding, &buf[..0], &buf[..])
                } else {
                    if *def_level_encoding != Encoding::RLE {
                        return None;
                    }
                    let length = u32::from_le_bytes(buf.get(..4)?.try_into().ok()?);
                    let end = 4_usize.checked_add(usize::try_from(length).ok()?)?;
                    (*num_values, *encoding, buf.get(4..end)?, buf.get(end..)?)
                }
            }
            Page::DataPageV2 {
                buf,
                num_values,
                encoding,
                def_levels_byte_len,
                rep_levels_byte_len,
                ..
            } => {
                let start = usize::try_from(*rep_levels_byte_len).ok()?;
                let end = start.checked_add(usize::try_from(*def_levels_byte_len).ok()?)?;
                (
                    *num_values,
                    *encoding,
                    buf.get(start..end)?,
                    buf.get(end..)?,
                )
            }
        };
        let count = usize::try_from(count).ok()?;
        let present = if max_level == 0 {
            None
        } else {
            present_flags(levels, max_level, count)?
        };
        let room = rows - column.len();
        column.add_page(
            kind,
            (present.as_deref(), count, room),
            (encoding, values),
            dictionary.as_ref(),
        )?;
    }
    column.finish(rows, dictionary)
}

/// The physical type of a column, as far as this reader goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int32,
    Int64,
    Float,
    Double,
    Bytes,
}

/// Which of a page's `count` values are present (their definition level is `max_level`),
/// from the levels' hybrid encoding; `None` inside when all are (read from the runs' headers
/// when the levels are runs of `max_level`, as they are in a page without nulls).
#[expect(clippy::option_option, reason = "not decoded / all present")]
fn present_flags(levels: &[u8], max_level: u32, count: usize) -> Option<Option<Vec<bool>>> {
    let width = u32::BITS - max_level.leading_zeros();
    if runs_of(levels, width, count, max_level) {
        return Some(None);
    }
    if max_level == 1 {
        return flags(levels, count).map(Some);
    }
    let mut decoded = Vec::new();
    hybrid(levels, width, count, &mut decoded)?;
    if decoded.iter().any(|&level| level > max_level) {
        return None;
    }
    Some(Some(
        decoded
            .into_iter()
            .map(|level| level == max_level)
            .collect(),
    ))
}

/// `count` one-bit values of the hybrid encoding in `bytes` as flags (a run at a time, a
/// packed byte at a time).
fn flags(bytes: &[u8], count: usize) -> Option<Vec<bool>> {
    let mut out = Vec::with_capacity(count.min(1 << 20));
    let mut at = 0;
    while out.len() < count {
        let (header, read) = varint(bytes.get(at..)?)?;
        at += read;
        let wanted = count - out.len();
        let run = usize::try_from(header >> 1).ok()?;
        if header & 1 == 0 {
            let value = *bytes.get(at)?;
            if run == 0 || value > 1 {
                return None;
            }
            at += 1;
            out.resize(out.len() + run.min(wanted), value == 1);
        } else {
            // `run` groups of eight flags, a byte each, lowest bit first.
            let packed = bytes.get(at..at.checked_add(run)?)?;
            at += run;
            let values = run.checked_mul(8)?.min(wanted);
            out.extend(
                packed
                    .iter()
                    .flat_map(|&b| (0..8).map(move |k| b >> k & 1 == 1))
                    .take(values),
            );
        }
    }
    Some(out)
}

/// Whether the first `count` values of the hybrid encoding in `bytes` are runs of `value`
/// alone (told by the runs' headers, without decoding them).
fn runs_of(bytes: &[u8], width: u32, count: usize, value: u32) -> bool {
    let size = width.div_ceil(8) as usize;
    let mut at = 0;
    let mut covered = 0;
    while covered < count {
        let Some((header, read)) = bytes.get(at..).and_then(varint) else {
            return false;
        };
        at += read;
        let Some(stored) = bytes.get(at..at + size) else {
            return false;
        };
        let mut word = [0_u8; 4];
        word[..size].copy_from_slice(stored);
        if header & 1 != 0 || header >> 1 == 0 || u32::from_le_bytes(word) != value {
            return false;
        }
        at += size;
        covered += (header >> 1) as usize;
    }
    true
}

/// `count` whole numbers of `width` bits from the run-length / bit-packed hybrid encoding at
/// the start of `bytes`, added to `out`.
fn hybrid(bytes: &[u8], width: u32, count: usize, out: &mut Vec<u32>) -> Option<()> {
    if width > 32 {
        return None;
    }
    let end = out.len().checked_add(count)?;
    // Room for a million at most: a damaged count reserves no more.
    out.reserve(count.min(1 << 20));
    let mut at = 0;
    while out.len() < end {
        let (header, read) = varint(bytes.get(at..)?)?;
        at += read;
        let wanted = end - out.len();
        if header & 1 == 0 {
            // A run of one value, stored in whole bytes.
            let run = usize::try_from(header >> 1).ok()?;
            if run == 0 {
                return None;
            }
            let size = width.div_ceil(8) as usize;
            let mut value = [0_u8; 4];
            value[..size].copy_from_slice(bytes.get(at..at + size)?);
            at += size;
            out.resize(out.len() + run.min(wanted), u32::from_le_bytes(value));
        } else {
            // Groups of eight values packed `width` bits each, lowest bits first.
            let groups = usize::try_from(header >> 1).ok()?;
            let values = groups.checked_mul(8)?.min(wanted);
            let size = (values * width as usize).div_ceil(8);
            unpack(bytes.get(at..at + size)?, width, values, out);
            at += groups.checked_mul(width as usize)?;
        }
    }
    Some(())
}

/// `count` values of `width` bits (at most 32) packed lowest bits first in `packed` (which
/// holds them all): whole groups of eight by [`unpack_groups`] for the width, the rest each
/// read from the eight bytes where it starts (of a copy padded with zeros).
fn unpack(packed: &[u8], width: u32, count: usize, out: &mut Vec<u32>) {
    if width == 0 {
        out.resize(out.len() + count, 0);
        return;
    }
    let groups = count / 8;
    macro_rules! by_width {
        ($($w:literal)*) => {
            match width {
                $($w => unpack_groups::<$w>(packed, groups, out),)*
                _ => {}
            }
        };
    }
    by_width!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32);
    let mask = (1_u64 << width) - 1;
    let width = width as usize;
    let from = groups * width;
    let mut tail = packed.get(from..).unwrap_or_default().to_vec();
    tail.resize(tail.len() + 8, 0);
    out.extend((groups * 8..count).map(|j| {
        let bit = (j - groups * 8) * width;
        let word: [u8; 8] = tail[bit / 8..bit / 8 + 8].try_into().unwrap_or([0; 8]);
        #[expect(clippy::cast_possible_truncation, reason = "masked to at most 32 bits")]
        let value = ((u64::from_le_bytes(word) >> (bit % 8)) & mask) as u32;
        value
    }));
}

/// The first `groups` groups of eight `W`-bit values in `packed` (`W` bytes a group), every
/// shift and offset known when compiled for the width.
fn unpack_groups<const W: usize>(packed: &[u8], groups: usize, out: &mut Vec<u32>) {
    let mask = (1_u64 << W) - 1;
    out.reserve(groups * 8);
    for group in packed.chunks_exact(W).take(groups) {
        let mut bytes = [0_u8; 40];
        bytes[..W].copy_from_slice(group);
        let mut values = [0_u32; 8];
        for (j, value) in values.iter_mut().enumerate() {
            let bit = j * W;
            let mut word = [0_u8; 8];
            word.copy_from_slice(&bytes[bit / 8..bit / 8 + 8]);
            #[expect(clippy::cast_possible_truncation, reason = "masked to at most 32 bits")]
            let unpacked = ((u64::from_le_bytes(word) >> (bit % 8)) & mask) as u32;
            *value = unpacked;
        }
        out.extend_from_slice(&values);
    }
}

/// An unsigned LEB128 number of at most 32 bits and the bytes it took.
fn varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value = 0_u32;
    for (i, &b) in (0_u32..5).zip(bytes) {
        value |= u32::from(b & 0x7f).checked_shl(7 * i)?;
        if b & 0x80 == 0 {
            return Some((value, i as usize + 1));
        }
    }
    None
}

/// A column (or a dictionary) being decoded.
enum Column {
    Numbers(CompactColumn),
    Integers(Vec<Option<i64>>),
    Texts {
        joined: Vec<u8>,
        ends: Vec<usize>,
        missing: Vec<bool>,
    },
    /// Texts while every page has been dictionary-coded: each row's place in the dictionary
    /// ([`NULL`]: a null).
    Coded(Vec<u32>),
}

impl Column {
    /// An empty column with room for `rows` values (a million at most: a count in a damaged
    /// file reserves no more).
    fn new(kind: Kind, rows: usize) -> Self {
        let room = rows.min(1 << 20);
        match kind {
            Kind::Float | Kind::Double => Self::Numbers(CompactColumn::with_capacity(room)),
            Kind::Int32 | Kind::Int64 => Self::Integers(Vec::with_capacity(room)),
            Kind::Bytes => Self::Coded(Vec::with_capacity(room)),
        }
    }

    /// Texts held as dictionary places turned into the texts themselves (`dictionary`'s), for
    /// a page that is not dictionary-coded; whether they could be (they cannot when places
    /// were taken and there is no dictionary).
    fn uncode(&mut self, dictionary: Option<&Self>) -> bool {
        let Self::Coded(codes) = self else {
            return true;
        };
        let codes = std::mem::take(codes);
        *self = Self::Texts {
            joined: Vec::new(),
            ends: Vec::with_capacity(codes.capacity()),
            missing: Vec::new(),
        };
        codes.is_empty() || dictionary.is_some_and(|d| self.add_picked(d, &codes).is_some())
    }

    fn len(&self) -> usize {
        match self {
            Self::Numbers(column) => column.len(),
            Self::Integers(v) => v.len(),
            Self::Texts { ends, .. } => ends.len(),
            Self::Coded(codes) => codes.len(),
        }
    }

    /// Adds the first `room` of a data page's `count` rows (`present` telling which are not
    /// null; all when `None`), their values encoded as `encoding` in `bytes`.
    fn add_page(
        &mut self,
        kind: Kind,
        (present, count, room): (Option<&[bool]>, usize, usize),
        (encoding, bytes): (Encoding, &[u8]),
        dictionary: Option<&Self>,
    ) -> Option<()> {
        let rows = count.min(room);
        let stored = present.map_or(rows, |p| p[..rows].iter().filter(|&&p| p).count());
        match encoding {
            Encoding::PLAIN => {
                if !self.uncode(dictionary) {
                    return None;
                }
                self.add_plain(kind, present.map(|p| &p[..rows]), bytes, rows)
            }
            Encoding::PLAIN_DICTIONARY | Encoding::RLE_DICTIONARY => {
                let dictionary = dictionary?;
                let (&width, bytes) = bytes.split_first()?;
                let mut indices = Vec::new();
                hybrid(bytes, u32::from(width), stored, &mut indices)?;
                let size = dictionary.len();
                if indices.iter().fold(0, |most, &i| most.max(i)) as usize >= size
                    && !indices.is_empty()
                {
                    return None;
                }
                let Some(present) = present else {
                    return self.add_picked(dictionary, &indices);
                };
                // Runs of present rows, their places as they are, and runs of nulls.
                let present = &present[..rows];
                let (mut row, mut next) = (0, 0);
                while row < rows {
                    let run = present[row..].iter().take_while(|&&p| p).count();
                    self.add_picked(dictionary, indices.get(next..next + run)?)?;
                    (row, next) = (row + run, next + run);
                    let nulls = present[row..].iter().take_while(|&&p| !p).count();
                    self.add_nulls(nulls);
                    row += nulls;
                }
                Some(())
            }
            _ => None,
        }
    }

    /// Adds `rows` rows whose present values are stored one after another in the plain
    /// encoding in `bytes` (`present` as for [`Self::add_page`]).
    fn add_plain(
        &mut self,
        kind: Kind,
        present: Option<&[bool]>,
        bytes: &[u8],
        rows: usize,
    ) -> Option<()> {
        let is_present = |row: usize| present.is_none_or(|p| p[row]);
        if !self.uncode(None) {
            return None;
        }
        match self {
            Self::Numbers(column) => {
                let mut values = Vec::with_capacity(rows.min(bytes.len()));
                let mut fixed = Fixed::new(bytes, kind);
                for row in 0..rows {
                    values.push(if is_present(row) {
                        fixed.number()?
                    } else {
                        f64::NAN
                    });
                }
                column.extend_from_slice(&values);
            }
            Self::Integers(column) => {
                let mut fixed = Fixed::new(bytes, kind);
                column.reserve(rows.min(bytes.len()));
                for row in 0..rows {
                    column.push(if is_present(row) {
                        Some(fixed.integer()?)
                    } else {
                        None
                    });
                }
            }
            Self::Texts {
                joined,
                ends,
                missing,
            } => {
                joined.reserve(bytes.len());
                let mut at = 0;
                for row in 0..rows {
                    if is_present(row) {
                        let length = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
                        let end = (at + 4).checked_add(usize::try_from(length).ok()?)?;
                        joined.extend_from_slice(bytes.get(at + 4..end)?);
                        at = end;
                    }
                    push_end(joined.len(), is_present(row), ends, missing);
                }
            }
            Self::Coded(_) => return None,
        }
        Some(())
    }

    /// Adds the values of `dictionary` (a column of the same kind) at the places `picks`
    /// gives, a row at a time ([`NULL`]: a null).
    fn add_picked(&mut self, dictionary: &Self, picks: &[u32]) -> Option<()> {
        match (self, dictionary) {
            (Self::Coded(codes), _) => codes.extend_from_slice(picks),
            (Self::Numbers(column), Self::Numbers(values)) => {
                column.extend_picked(values, picks);
            }
            (Self::Integers(column), Self::Integers(values)) => {
                column.extend(
                    picks
                        .iter()
                        .map(|&i| values.get(i as usize).copied().flatten()),
                );
            }
            (
                Self::Texts {
                    joined,
                    ends,
                    missing,
                },
                Self::Texts {
                    joined: texts,
                    ends: text_ends,
                    ..
                },
            ) => {
                for &i in picks {
                    let i = i as usize;
                    if let Some(&end) = text_ends.get(i) {
                        let start = if i == 0 { 0 } else { text_ends[i - 1] };
                        joined.extend_from_slice(&texts[start..end]);
                    }
                    push_end(joined.len(), i < text_ends.len(), ends, missing);
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// Adds `count` nulls.
    fn add_nulls(&mut self, count: usize) {
        match self {
            Self::Numbers(column) => column.extend_missing(count),
            Self::Integers(values) => values.resize(values.len() + count, None),
            Self::Texts {
                joined,
                ends,
                missing,
            } => {
                for _ in 0..count {
                    push_end(joined.len(), false, ends, missing);
                }
            }
            Self::Coded(codes) => codes.resize(codes.len() + count, NULL),
        }
    }

    /// The column, when it holds `rows` values (`None` when the pages held fewer), its
    /// `dictionary` kept when its texts are held as places in it.
    fn finish(self, rows: usize, dictionary: Option<Self>) -> Option<TypedColumn> {
        if self.len() != rows {
            return None;
        }
        Some(match self {
            Self::Coded(codes) => {
                let (joined, ends) = match dictionary {
                    Some(Self::Texts { joined, ends, .. }) => (joined, ends),
                    None if codes.is_empty() => (Vec::new(), Vec::new()),
                    _ => return None,
                };
                let dictionary = TextColumn::from_parts(joined, ends, Vec::new());
                TypedColumn::Texts(TextColumn::coded(dictionary, codes))
            }
            Self::Numbers(column) => TypedColumn::Floats(column),
            Self::Integers(values) => TypedColumn::Integers(values),
            Self::Texts {
                joined,
                ends,
                missing,
            } => TypedColumn::Texts(TextColumn::from_parts(joined, ends, missing)),
        })
    }
}

/// Ends a text row at `end` (a null when not `present`): `missing` is kept empty until the
/// first null.
fn push_end(end: usize, present: bool, ends: &mut Vec<usize>, missing: &mut Vec<bool>) {
    if !present && missing.is_empty() {
        missing.resize(ends.len(), false);
    }
    if !missing.is_empty() {
        missing.push(!present);
    }
    ends.push(end);
}

/// Plain-encoded numbers of one width read one after another.
struct Fixed<'b> {
    bytes: &'b [u8],
    at: usize,
    kind: Kind,
}

impl<'b> Fixed<'b> {
    fn new(bytes: &'b [u8], kind: Kind) -> Self {
        Self { bytes, at: 0, kind }
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let bytes = self.bytes.get(self.at..self.at + N)?;
        self.at += N;
        bytes.try_into().ok()
    }

    /// The next value as a figure (a single-precision one as its shortest decimal reads).
    fn number(&mut self) -> Option<f64> {
        match self.kind {
            Kind::Double => self.take::<8>().map(f64::from_le_bytes),
            Kind::Float => self.take::<4>().map(|b| widened(f32::from_le_bytes(b))),
            _ => None,
        }
    }

    fn integer(&mut self) -> Option<i64> {
        match self.kind {
            Kind::Int32 => self.take::<4>().map(|b| i64::from(i32::from_le_bytes(b))),
            Kind::Int64 => self.take::<8>().map(i64::from_le_bytes),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use parquet::basic::{LogicalType, Repetition, Type as Physical};
    use parquet::data_type::{
        ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type,
    };
    use parquet::file::properties::{WriterProperties, WriterVersion};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;

    use super::*;

    const ROWS: usize = 3000;

    /// Each row's value, or `None` for a null every seventh row (from `offset`).
    fn nullable<T>(offset: usize, value: impl Fn(usize) -> T) -> Vec<Option<T>> {
        (0..ROWS)
            .map(|r| (!(r + offset).is_multiple_of(7)).then(|| value(r)))
            .collect()
    }

    fn column(name: &str, physical: Physical, optional: bool) -> Arc<Type> {
        let builder = Type::primitive_type_builder(name, physical).with_repetition(if optional {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        });
        let builder = if physical == Physical::BYTE_ARRAY {
            builder.with_logical_type(Some(LogicalType::String))
        } else {
            builder
        };
        Arc::new(builder.build().expect("a valid column"))
    }

    fn levels<T>(values: &[Option<T>]) -> Vec<i16> {
        values.iter().map(|v| i16::from(v.is_some())).collect()
    }

    /// A Parquet file of two row groups of scores (few and many distinct), single-precision
    /// figures, 32- and 64-bit integers and texts (repeated, distinct, empty, spaced, CJK, with
    /// a bad byte), nullable and not, written with `properties`.
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_possible_wrap,
        reason = "row numbers below 3000 as figures"
    )]
    fn file(name: &str, properties: WriterProperties) -> std::path::PathBuf {
        let schema = Arc::new(
            Type::group_type_builder("t")
                .with_fields(vec![
                    column("score", Physical::DOUBLE, true),
                    column("fine", Physical::DOUBLE, true),
                    column("single", Physical::FLOAT, false),
                    column("year", Physical::INT32, true),
                    column("count", Physical::INT64, false),
                    column("province", Physical::BYTE_ARRAY, true),
                    column("name", Physical::BYTE_ARRAY, false),
                ])
                .build()
                .expect("a valid schema"),
        );
        let path = std::env::temp_dir().join(format!(
            "rankscope-pages-{}-{name}.parquet",
            std::process::id()
        ));
        let out = std::fs::File::create(&path).expect("a temporary file");
        let mut writer =
            SerializedFileWriter::new(out, schema, Arc::new(properties)).expect("a writer");
        let provinces = ["北京", "", " 上海", "Anhui ", "Hu\u{ff}bei", "合 肥"];
        for group in 0..2 {
            let score = nullable(group, |r| (r % 50) as f64 / 2.0);
            let fine = nullable(group + 3, |r| r as f64 * 1.000_001 - 7.5);
            let single: Vec<f32> = (0..ROWS).map(|r| (r % 13) as f32 * 0.1).collect();
            let year = nullable(group + 1, |r| 2000 + (r % 3) as i32);
            let count: Vec<i64> = (0..ROWS).map(|r| (r as i64 - 9) * 1_000_003).collect();
            let province = nullable(group + 2, |r| {
                let text = provinces[r % provinces.len()];
                let mut bytes = text.as_bytes().to_vec();
                if text.starts_with("Hu") {
                    bytes[2] = 0xff;
                }
                ByteArray::from(bytes)
            });
            let names: Vec<ByteArray> = (0..ROWS)
                .map(|r| ByteArray::from(format!("城市 {r} of group {group}").as_str()))
                .collect();
            let mut row_group = writer.next_row_group().expect("a row group");
            // Column after column: its values of `$kind` and, for a nullable one, its levels.
            macro_rules! column {
                ($kind:ty, $values:expr, $levels:expr) => {{
                    let mut c = row_group.next_column().expect("a column").expect("more");
                    c.typed::<$kind>()
                        .write_batch($values, $levels, None)
                        .expect("written");
                    c.close().expect("closed");
                }};
            }
            let present = |v: &[Option<f64>]| v.iter().flatten().copied().collect::<Vec<_>>();
            column!(DoubleType, &present(&score), Some(&levels(&score)));
            column!(DoubleType, &present(&fine), Some(&levels(&fine)));
            column!(FloatType, &single, None);
            let years: Vec<i32> = year.iter().flatten().copied().collect();
            column!(Int32Type, &years, Some(&levels(&year)));
            column!(Int64Type, &count, None);
            let texts: Vec<ByteArray> = province.iter().flatten().cloned().collect();
            column!(ByteArrayType, &texts, Some(&levels(&province)));
            column!(ByteArrayType, &names, None);
            row_group.close().expect("closed");
        }
        writer.close().expect("closed");
        path
    }

    /// Each cell of a decoded column as a comparable text (a double by its bits).
    fn cells(column: &TypedColumn, rows: usize) -> Vec<String> {
        (0..rows)
            .map(|r| match column {
                TypedColumn::Floats(v) => match v.get(r) {
                    Some(x) if x.is_nan() => "NaN".to_owned(),
                    x => format!("{:?}", x.map(f64::to_bits)),
                },
                TypedColumn::Integers(v) => format!("{:?}", v[r]),
                TypedColumn::Texts(v) => format!("{:?}", v.get(r)),
                TypedColumn::Booleans(v) => format!("{:?}", v[r]),
                TypedColumn::Strings(v) => v[r].clone(),
                TypedColumn::Taken => String::new(),
            })
            .collect()
    }

    /// Decodes every column of every group of the file at `path` (whole, and its first
    /// rows) both ways, checks they agree, and counts the columns read here.
    fn compare(path: &std::path::Path) -> (usize, usize) {
        let counts = compare_kept(path);
        let _ = std::fs::remove_file(path);
        counts
    }

    /// [`compare`], the file left where it is.
    fn compare_kept(path: &std::path::Path) -> (usize, usize) {
        let reader = SerializedFileReader::new(std::fs::File::open(path).expect("opens"))
            .expect("a Parquet file");
        let (mut read_here, mut columns) = (0, 0);
        for g in 0..reader.num_row_groups() {
            let group = reader.get_row_group(g).expect("a group");
            let group_rows = usize::try_from(group.metadata().num_rows()).expect("rows");
            for c in 0..group.num_columns() {
                for rows in [group_rows, group_rows.min(7)] {
                    let general = crate::io::parquet_typed::read_column(group.as_ref(), c, rows)
                        .expect("decodes");
                    columns += 1;
                    if let Some(here) = read_column(group.as_ref(), c, rows) {
                        read_here += 1;
                        // Clean only when every value is: a dictionary's unused values may make
                        // a column held as one unclean (trimmed row by row), never the reverse.
                        if let (TypedColumn::Texts(h), TypedColumn::Texts(g)) = (&here, &general) {
                            assert!(
                                !h.is_clean() || g.is_clean(),
                                "{} column {c}",
                                path.display()
                            );
                        }
                        let (here, general) = (cells(&here, rows), cells(&general, rows));
                        let differ = (0..rows).find(|&r| here[r] != general[r]);
                        assert!(
                            differ.is_none(),
                            "{} group {g} column {c} row {differ:?}: {:?} here, {:?} by the \
                             general reader",
                            path.display(),
                            differ.map(|r| &here[r]),
                            differ.map(|r| &general[r]),
                        );
                    }
                }
            }
        }
        (read_here, columns)
    }

    #[test]
    fn pages_read_here_give_what_the_general_reader_gives() {
        let small_pages = || {
            WriterProperties::builder()
                .set_data_page_row_count_limit(100)
                .set_write_batch_size(50)
                .set_dictionary_page_size_limit(256)
        };
        // Every column read here: dictionaries, plain pages, both mixed in a column (its
        // dictionary full), version-2 pages.
        for (name, properties) in [
            ("dictionary", WriterProperties::builder().build()),
            (
                "plain",
                WriterProperties::builder()
                    .set_dictionary_enabled(false)
                    .build(),
            ),
            ("mixed", small_pages().build()),
            (
                "v2",
                WriterProperties::builder()
                    .set_data_page_row_count_limit(100)
                    .set_write_batch_size(50)
                    .set_writer_version(WriterVersion::PARQUET_2_0)
                    .build(),
            ),
        ] {
            let (here, all) = compare(&file(name, properties));
            assert_eq!(here, all, "{name}: every column read here");
        }
        // Version 2 without dictionaries, or past a full one: the integers and texts in delta
        // encodings, which the general reader reads.
        for (name, properties) in [
            (
                "delta",
                WriterProperties::builder()
                    .set_writer_version(WriterVersion::PARQUET_2_0)
                    .set_dictionary_enabled(false)
                    .build(),
            ),
            (
                "v2-full",
                small_pages()
                    .set_writer_version(WriterVersion::PARQUET_2_0)
                    .build(),
            ),
        ] {
            let (here, all) = compare(&file(name, properties));
            assert!(0 < here && here < all, "{name}: {here} of {all} read here");
        }
    }

    #[test]
    fn files_written_by_pandas_polars_and_duckdb_are_read_here_as_the_general_reader_reads_them() {
        // The fixtures: the same ranking as pandas, polars and DuckDB write it, and public
        // rankings as pandas saves them (nested and damaged files aside).
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parquet");
        let mut files: Vec<std::path::PathBuf> = [folder.clone(), folder.join("real")]
            .iter()
            .flat_map(|dir| std::fs::read_dir(dir).expect("a folder").flatten())
            .map(|entry| entry.path())
            .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                !name.starts_with("nested") && !name.starts_with("damaged")
            })
            .collect();
        files.sort();
        assert!(files.len() >= 15, "{files:?}");
        for path in files {
            let (here, all) = compare_kept(&path);
            assert_eq!(here, all, "{}: every column read here", path.display());
        }
    }

    #[test]
    fn bit_packed_values_of_every_width_unpack_as_packed() {
        for width in 1..=32_u32 {
            let mask = if width == 32 {
                u32::MAX
            } else {
                (1 << width) - 1
            };
            for count in [1, 7, 8, 9, 37, 64] {
                let values: Vec<u32> = (0..count)
                    .map(|i: u32| i.wrapping_mul(2_654_435_761) & mask)
                    .collect();
                // Packed lowest bits first, a bit at a time.
                let mut packed = vec![0_u8; (count as usize * width as usize).div_ceil(8)];
                for (i, &v) in values.iter().enumerate() {
                    for b in 0..width as usize {
                        if v >> b & 1 == 1 {
                            let bit = i * width as usize + b;
                            packed[bit / 8] |= 1 << (bit % 8);
                        }
                    }
                }
                let mut out = Vec::new();
                unpack(&packed, width, count as usize, &mut out);
                assert_eq!(out, values, "width {width}, {count} values");
            }
        }
    }

    #[test]
    fn runs_and_packed_groups_decode_and_damaged_ones_are_refused() {
        // A run of five 3s, then one group of eight 1-bit flags (0b1010_0110), width 2 for
        // the run's value byte.
        let mut out = Vec::new();
        hybrid(&[10, 3, 3, 0b0110_1001, 0b1010_0110], 2, 13, &mut out).expect("decodes");
        assert_eq!(out[..5], [3; 5]);
        assert_eq!(out[5..9], [1, 2, 2, 1]);
        assert_eq!(
            flags(&[6, 1, 3, 0b1010_0110], 11),
            Some(vec![
                true, true, true, false, true, true, false, false, true, false, true
            ])
        );
        assert!(runs_of(&[200, 1, 1], 1, 100, 1), "a run of 100 ones");
        assert!(!runs_of(&[200, 1, 0], 1, 100, 1));
        // Cut short, a run of nothing, a value past the width: refused, not read past.
        assert_eq!(hybrid(&[10], 2, 5, &mut Vec::new()), None);
        assert_eq!(hybrid(&[0, 1], 2, 5, &mut Vec::new()), None);
        assert_eq!(flags(&[4, 2], 2), None);
        assert_eq!(flags(&[3], 8), None);
        assert_eq!(varint(&[0xff; 6]), None);
        for seed in 0..2000_u32 {
            let bytes: Vec<u8> = (0..seed % 23)
                .map(|i| (seed.wrapping_mul(31).wrapping_add(i * 97) % 251) as u8)
                .collect();
            let _ = hybrid(&bytes, seed % 33, (seed % 50) as usize, &mut Vec::new());
            let _ = flags(&bytes, (seed % 50) as usize);
        }
    }
}
