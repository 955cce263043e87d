//! Builds a dataset from spreadsheet rows and a column mapping (long layout: one row per entity
//! and year, with a year column, or one year per file named in the file name). Errors name the
//! file, the row and the column; problems that need not stop the load become warnings.

use std::borrow::Cow;
use std::collections::HashMap;

use super::csv::Row;
use super::error::LoadError;
use super::mapping::{Mapping, Role};
use super::odd_cells::OddCells;
use super::values::{is_missing, parse_number, parse_rank, parse_year};
use crate::model::compact_column::CompactColumn;
use crate::model::rank_check::{Placed, RankFinding, check_places};
use crate::model::values::store;
use crate::model::{
    Capacity, Dataset, Direction, Entity, Extra, Indicator, Meta, RecordInput, Shape, YearInput,
    period,
};

mod typed_listing;

/// Rows of one file (or sheet): the first non-blank row holds the headers.
pub struct Sheet<'a> {
    /// Shown in messages, e.g. `cities-2023.csv` or `ranking.xlsx, sheet "2023"`.
    pub name: String,
    pub rows: &'a [Row],
    /// The year of every row when the sheet has no year column (from the file or sheet name).
    pub year: Option<i32>,
}

/// A dataset built from sheets, with the problems that did not stop it.
#[derive(Debug)]
pub struct Imported {
    pub dataset: Dataset,
    pub warnings: Vec<String>,
}

/// The first four-digit year (1900–2099) in `name`, e.g. 2023 in `cities-2023.csv`.
#[must_use]
pub fn year_in_name(name: &str) -> Option<i32> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let boundary = |j: Option<&u8>| j.is_none_or(|b| !b.is_ascii_digit());
        let isolated =
            boundary(i.checked_sub(1).and_then(|j| bytes.get(j))) && boundary(bytes.get(i + 4));
        let year: i32 = std::str::from_utf8(window).ok()?.parse().ok()?;
        (isolated && window.iter().all(u8::is_ascii_digit) && (1900..=2099).contains(&year))
            .then_some(year)
    })
}

/// How many of a row's cells hold text.
fn filled(row: &Row) -> usize {
    row.fields.iter().filter(|f| !f.trim().is_empty()).count()
}

/// The headers of a sheet: its first row with text in at least 60 % as many cells (and at least
/// two) as the widest of its first 20 rows with text. Title, publisher and date rows above the
/// header of sheets from office software ("2023中国科技城百强榜", one merged cell) are passed
/// over; a sheet of one column has its first row with text.
#[must_use]
pub fn headers(rows: &[Row]) -> Option<(usize, Vec<String>)> {
    let first = rows.iter().position(|r| filled(r) > 0)?;
    let widest = rows[first..]
        .iter()
        .filter(|r| filled(r) > 0)
        .take(20)
        .map(filled)
        .max()
        .unwrap_or(0);
    let wide_enough = (widest * 3).div_ceil(5).max(2);
    let at = rows[first..]
        .iter()
        .position(|r| filled(r) >= wide_enough)
        .map_or(first, |i| first + i);
    if is_second_header(rows, at) {
        // The first row names the columns; the second fills in where the first is empty
        // (cells merged across columns in the spreadsheet).
        let second = &rows[at + 1].fields;
        let merged = (0..rows[at].fields.len().max(second.len()))
            .map(|i| {
                let top = rows[at].fields.get(i).map_or("", |f| f.trim());
                if top.is_empty() {
                    second.get(i).cloned().unwrap_or_default()
                } else {
                    top.to_owned()
                }
            })
            .collect();
        return Some((at + 1, merged));
    }
    Some((at, rows[at].fields.clone()))
}

/// Whether the row after the header row `at` is a second header row (short codes or English
/// names under Chinese ones): in every column whose values below are mostly numbers, and at
/// least two, it holds text that is not a number.
fn is_second_header(rows: &[Row], at: usize) -> bool {
    let (Some(header), Some(next)) = (rows.get(at), rows.get(at + 1)) else {
        return false;
    };
    if filled(header) < 2 {
        return false;
    }
    let below: Vec<&Row> = rows
        .iter()
        .skip(at + 2)
        .filter(|r| filled(r) > 0)
        .take(20)
        .collect();
    let width = header.fields.len();
    let numeric: Vec<usize> = (0..width)
        .filter(|&c| {
            let present: Vec<&str> = below
                .iter()
                .filter_map(|r| r.fields.get(c).map(String::as_str))
                .filter(|v| !is_missing(v))
                .collect();
            let numbers = present
                .iter()
                .filter(|v| matches!(parse_number(v), Ok(Some(_))))
                .count();
            !present.is_empty() && numbers * 5 >= present.len() * 4
        })
        .collect();
    numeric.len() >= 2
        && numeric.iter().all(|&c| {
            next.fields
                .get(c)
                .is_some_and(|v| !v.trim().is_empty() && parse_number(v).is_err())
        })
}

/// What was passed over above the header row `header_row` of `rows` (see [`headers`]), as a
/// warning: "cities.csv: 2 rows above the header (row 3) were skipped: "2023中国科技城百强榜"".
#[must_use]
pub fn skipped_above_header(sheet: &str, rows: &[Row], header_row: usize) -> Option<String> {
    // With two header rows, `header_row` is the second: the first is not skipped.
    let first_header = if header_row > 0 && is_second_header(rows, header_row - 1) {
        header_row - 1
    } else {
        header_row
    };
    let skipped: Vec<&Row> = rows
        .get(..first_header)?
        .iter()
        .filter(|r| filled(r) > 0)
        .collect();
    let first = skipped.first()?;
    let text = first
        .fields
        .iter()
        .find(|f| !f.trim().is_empty())
        .map_or("", |f| f.trim());
    let line = rows.get(first_header).map_or(0, |r| r.line);
    Some(format!(
        "{sheet}: {} row{} above the header (row {line}) {} skipped: \"{text}\"",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" },
        if skipped.len() == 1 { "was" } else { "were" },
    ))
}

/// Whether a row is a note under the data rather than a record: text in one cell only, which is
/// outside the name column or starts like a note ("注：", "数据来源", "Source:", "Note", "*").
fn is_note_row<'a, F: RowFields<'a> + ?Sized>(fields: &F, name_column: usize) -> bool {
    const NOTE_STARTS: [&str; 10] = [
        "注",
        "备注",
        "说明",
        "数据来源",
        "来源",
        "资料来源",
        "source",
        "note",
        "*",
        "※",
    ];
    let mut filled = (0..fields.count()).filter(|&i| !fields.is_blank(i));
    let (Some(column), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let text = fields.text(column).trim().to_lowercase();
    column != name_column || NOTE_STARTS.iter().any(|n| text.starts_with(n))
}

/// Builds the dataset. `title` names it (e.g. from the first file).
///
/// # Errors
/// The first cell that cannot be read, naming the sheet, row and column; or a mapping without a
/// name column; or no year for the rows.
pub fn build(sheets: &[Sheet<'_>], mapping: &Mapping, title: &str) -> Result<Imported, LoadError> {
    let all_headers: Vec<String> = sheets
        .iter()
        .filter_map(|sheet| headers(sheet.rows))
        .flat_map(|(_, fields)| fields)
        .collect();
    if !all_headers.is_empty() {
        mapped_columns_present(mapping, &all_headers)
            .map_err(|e| e.in_file(sheets.first().map_or_else(String::new, |s| s.name.clone())))?;
    }
    let mut builder = Builder::new(mapping)?;
    let mut fields: Vec<Cow<'_, str>> = Vec::new();
    for sheet in sheets {
        let Some((header_row, header_fields)) = headers(sheet.rows) else {
            builder.warnings.push(format!("{}: no rows", sheet.name));
            continue;
        };
        builder
            .warnings
            .extend(skipped_above_header(&sheet.name, sheet.rows, header_row));
        repeated_header(&header_fields).map_or(Ok(()), |message| {
            Err(LoadError::at(format!("row {}", header_row + 1), message)
                .in_file(sheet.name.clone()))
        })?;
        let columns = builder.columns(&sheet.name, sheet.year, header_fields, mapping);
        let mut part = Part::default();
        for row in &sheet.rows[header_row + 1..] {
            fields.clear();
            fields.extend(row.fields.iter().map(|f| Cow::Borrowed(f.as_str())));
            part.read_row(&columns, row.line, &fields[..])?;
        }
        builder.merge(&columns, part);
    }
    builder.finish(
        &sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        title,
    )
}

/// Builds the dataset from the text of one CSV file, without holding its rows: the rows after
/// the headers (`rows`) are read straight into records sorted by year, on two threads when the
/// text can be cut in two after a row ([`merge_text_rows`]). The text is freed before the years
/// are derived. The same rows, warnings and errors as [`build`].
///
/// # Errors
/// As [`build`].
pub fn build_text(
    sheet: &str,
    year: Option<i32>,
    header_fields: Vec<String>,
    rows: TextRows,
    mapping: &Mapping,
    title: &str,
) -> Result<Imported, LoadError> {
    let TextRows {
        text,
        start,
        first_line,
        delimiter,
        cancel,
    } = rows;
    let mut builder = Builder::new(mapping)?;
    if let Some(message) = repeated_header(&header_fields) {
        return Err(LoadError::at("", message).in_file(sheet.to_owned()));
    }
    mapped_columns_present(mapping, &header_fields).map_err(|e| e.in_file(sheet.to_owned()))?;
    let columns = builder.columns(sheet, year, header_fields, mapping);
    let data = text.get(start..).unwrap_or_default();
    merge_text_rows(
        &mut builder,
        &columns,
        (data, first_line, delimiter),
        &cancel,
    )?;
    // The records own their figures and the entities their names: the text is no longer needed.
    drop(text);
    builder.finish(&[sheet], title)
}

/// Reads the rows of `data` (its first line `first_line`) and merges them into `builder`: on two
/// threads when the text is over a megabyte and can be cut after a row outside quotes (checked:
/// the first half must end outside quotes), else on one.
fn merge_text_rows(
    builder: &mut Builder,
    columns: &Columns,
    (data, first_line, delimiter): (&str, usize, char),
    cancel: &super::Cancel,
) -> Result<(), LoadError> {
    // Lines are counted by their line feeds.
    let halves = (data.len() > 1 << 20 && !super::csv::has_bare_carriage_return(data.as_bytes()))
        .then(|| split_near_middle(data.as_bytes()))
        .flatten()
        .and_then(|at| {
            let (first, second) = data.split_at(at);
            let second_line = first_line + memchr::memchr_iter(b'\n', first.as_bytes()).count();
            let (a, b) = std::thread::scope(|scope| {
                let other =
                    scope.spawn(|| read_part_open(columns, second, second_line, delimiter, cancel));
                let a = read_part_open(columns, first, first_line, delimiter, cancel);
                (a, other.join())
            });
            match a {
                // The first half read to its end outside quotes: the second starts a row.
                Ok((a, None)) => Some((a, b)),
                // The cut fell inside a quoted field (a stray quote misled the count), or
                // the first half failed, which may be the cut's doing: read the text whole,
                // which gives the error again if it is the file's.
                _ => None,
            }
        });
    if let Some((a, b)) = halves {
        let b = b.map_err(|_| LoadError::at("", "reading the file failed"))?;
        let b = closed(columns, b?)?;
        builder.merge(columns, a);
        builder.merge(columns, b);
    } else {
        let part = read_part(columns, data, first_line, delimiter, cancel)?;
        builder.merge(columns, part);
    }
    Ok(())
}

/// A run of a CSV file's rows for [`build_blocks`]: its bytes, cut after a line break, and
/// where in their text its rows start (past the header in the first block).
pub struct Block {
    pub bytes: Vec<u8>,
    pub start: usize,
}

/// Where [`build_blocks`] takes the next block from: `Ok(None)` after the last.
/// It is given the buffer of a block read before, to read into (empty when there is none).
pub type NextBlock<'n> = dyn FnMut(Vec<u8>) -> std::io::Result<Option<Block>> + Send + 'n;

/// As [`build_text`], the text given a block at a time (`first`, then `next` until it gives
/// none; each block's bytes read in `encoding`, its rows from `start` in that text), so
/// that a large file is never held whole: as many workers as the machine has cores each take
/// the next block, check it and read it into records, then merge them into the dataset
/// themselves as soon as the blocks before are merged (in file order), so one core merges
/// while the other reads. `Ok(None)` when the file must be read as one text instead, which gives the same rows,
/// warnings and errors: a block that is not UTF-8 or holds a carriage return alone (a line
/// break the line feeds counted would miss), a block before the last that ends inside
/// quotes (its cut fell inside a quoted field: a stray quote misled the count of quotes), a
/// block that cannot be read or fails.
///
/// # Errors
/// As [`build`] before any row is read; a quote the file's last block leaves open; cancelled.
pub fn build_blocks(
    sheet: &str,
    year: Option<i32>,
    header_fields: Vec<String>,
    (first, first_line, delimiter): (Block, usize, char),
    (next, encoding): (&mut NextBlock<'_>, &'static encoding_rs::Encoding),
    mapping: &Mapping,
    (title, cancel): (&str, &super::Cancel),
) -> Result<Option<Imported>, LoadError> {
    let mut builder = Builder::new(mapping)?;
    if let Some(message) = repeated_header(&header_fields) {
        return Err(LoadError::at("", message).in_file(sheet.to_owned()));
    }
    mapped_columns_present(mapping, &header_fields).map_err(|e| e.in_file(sheet.to_owned()))?;
    let columns = builder.columns(sheet, year, header_fields, mapping);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // The first block's line breaks counted in its text (its rows start past the header).
    let Some(first_breaks) = super::csv_blocks::block_text(encoding, &first.bytes)
        .and_then(|t| Some(memchr::memchr_iter(b'\n', t.as_bytes().get(first.start..)?).count()))
    else {
        return Ok(None);
    };
    let feed = std::sync::Mutex::new(BlockFeed {
        next,
        first: Some((first, first_breaks)),
        spare: Vec::new(),
        number: 0,
        line: first_line,
    });
    let order = super::in_order::InOrder::new(Merged {
        builder,
        unclosed: None,
        read_whole: false,
        error: None,
    });
    let columns = &columns;
    let worker = || {
        while !order.is_stopped() {
            let taken = feed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            let (number, block, line, breaks) = match taken {
                Ok(Some(taken)) => taken,
                Ok(None) => return,
                Err(()) => return order.stop(|m| m.read_whole = true),
            };
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // The rows' text, its lines counted by their line feeds as the feed counted them.
                let text = super::csv_blocks::block_text(encoding, &block.bytes)
                    .filter(|t| t.get(block.start..).is_some())
                    .filter(|t| !super::csv::has_bare_carriage_return(t.as_bytes()))
                    .filter(|t| {
                        // UTF-8 text is its bytes, counted already.
                        encoding == encoding_rs::UTF_8
                            || memchr::memchr_iter(b'\n', &t.as_bytes()[block.start..]).count()
                                == breaks
                    })?;
                // A row a line at most (quoted line breaks aside): room for their entities.
                let part = Part {
                    index: super::key_index::KeyIndex::with_capacity(breaks),
                    ..Part::default()
                };
                let rows = text.get(block.start..).unwrap_or_default();
                let read = read_rows_into(part, columns, (rows, line, delimiter), cancel);
                // Merged in file order, when the blocks before are.
                Some(order.in_turn(number, |merged| merged.add(columns, read, number)))
            }));
            if !matches!(read, Ok(Some(true))) {
                // Text the blocks cannot read (or a panic): the file is read whole instead.
                order.stop(|m| m.read_whole |= m.error.is_none());
                return;
            }
            feed.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .spare
                .push(block.bytes);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        worker();
        for helper in helpers {
            if helper.join().is_err() {
                order.stop(|m| m.read_whole = true);
            }
        }
    });
    let last = feed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .number;
    let Merged {
        builder,
        unclosed,
        read_whole,
        error,
    } = order.into_inner();
    if let Some(error) = error {
        return Err(error);
    }
    if read_whole {
        return Ok(None);
    }
    match unclosed {
        None => {}
        // The file's last block leaves a quote open: the file's own error.
        Some((number, line)) if number + 1 == last => {
            return Err(LoadError::at("", super::csv::unclosed_quote_message(line))
                .in_file(columns.sheet.clone()));
        }
        Some(_) => return Ok(None),
    }
    builder.finish(&[sheet], title).map(Some)
}

/// The blocks of [`build_blocks`] handed out in file order, each with its number, first line
/// and line feeds (the first block's counted in its text, the others' in their bytes: an
/// ASCII line feed is one in every encoding the blocks are read in; a block whose text counts
/// otherwise is read whole instead).
struct BlockFeed<'f, 'n> {
    next: &'f mut NextBlock<'n>,
    first: Option<(Block, usize)>,
    /// Buffers of blocks merged, to read the next blocks into.
    spare: Vec<Vec<u8>>,
    /// The number of the next block (the count handed out).
    number: usize,
    /// The line the next block starts on.
    line: usize,
}

impl BlockFeed<'_, '_> {
    /// The next block, its number, first line and line feeds; `Err` when it cannot be read.
    fn take(&mut self) -> Result<Option<(usize, Block, usize, usize)>, ()> {
        let (block, breaks) = match self.first.take() {
            Some(first) => first,
            None => match (self.next)(self.spare.pop().unwrap_or_default()) {
                Ok(Some(block)) => {
                    let breaks = memchr::memchr_iter(b'\n', &block.bytes).count();
                    (block, breaks)
                }
                Ok(None) => return Ok(None),
                Err(_) => return Err(()),
            },
        };
        let taken = (self.number, block, self.line, breaks);
        self.number += 1;
        self.line += breaks;
        Ok(Some(taken))
    }
}

/// What the blocks of [`build_blocks`] have built, merged one by one in file order.
struct Merged {
    builder: Builder,
    /// The block (by number) that left a quote open and the line it opened on: the file's
    /// error if it is the last block, else a sign that a block was cut inside a quoted field.
    unclosed: Option<(usize, usize)>,
    /// The blocks cannot give the file's rows: it is read as one text instead.
    read_whole: bool,
    /// The reading was cancelled.
    error: Option<LoadError>,
}

impl Merged {
    /// Merges block `number`'s rows; whether the blocks after it are to be merged too.
    fn add(
        &mut self,
        columns: &Columns,
        read: Result<(Part<'_>, Option<usize>), LoadError>,
        number: usize,
    ) -> bool {
        match read {
            // A block before this one ended inside quotes: its cut fell inside a quoted field.
            Ok(_) if self.unclosed.is_some() => self.read_whole = true,
            Ok((part, unclosed)) => {
                self.builder.merge(columns, part);
                self.unclosed = unclosed.map(|line| (number, line));
                return true;
            }
            Err(e) if e.message == super::cancel::CANCELLED => self.error = Some(e),
            Err(_) => self.read_whole = true,
        }
        false
    }
}

/// Builds the dataset from the `count` row groups of a columnar file (`sheet`), `decode`
/// giving each: as many groups at a time as the machine has cores are decoded and read into
/// records side by side, merged in file order, then dropped before the next are decoded. The
/// same rows, warnings and errors as [`build`] gives the same rows as text.
///
/// # Errors
/// As [`build`]; the first group that cannot be decoded; or cancelled.
pub(crate) fn build_groups(
    sheet: &str,
    year: Option<i32>,
    header_fields: Vec<String>,
    (count, decode): (usize, &DecodeGroup<'_>),
    mapping: &Mapping,
    title: &str,
    cancel: &super::Cancel,
) -> Result<Imported, LoadError> {
    let mut builder = Builder::new(mapping)?;
    if let Some(message) = repeated_header(&header_fields) {
        return Err(LoadError::at("", message).in_file(sheet.to_owned()));
    }
    mapped_columns_present(mapping, &header_fields).map_err(|e| e.in_file(sheet.to_owned()))?;
    let columns = builder.columns(sheet, year, header_fields, mapping);
    merge_groups(&mut builder, &columns, (count, decode), cancel)?;
    builder.finish(&[sheet], title)
}

/// The decoded row group a number gives (see [`build_groups`]).
pub(crate) type DecodeGroup<'d> =
    dyn Fn(usize) -> Result<super::typed_rows::TypedGroup, LoadError> + Sync + 'd;

/// Decodes the `count` row groups `decode` gives, as many at a time as the machine has cores,
/// reads each into records on a thread of its own and merges them into `builder` in order.
fn merge_groups(
    builder: &mut Builder,
    columns: &Columns,
    (count, decode): (usize, &DecodeGroup<'_>),
    cancel: &super::Cancel,
) -> Result<(), LoadError> {
    merge_group_files(builder, &[(columns, count, decode)], &mut |_, _| {}, cancel)
}

/// [`merge_groups`] of several files' groups (each file's columns, group count and decoder): as
/// many workers as the machine has cores each take the next group whichever file it is in,
/// decode it and read it into records, then merge it themselves once the groups before it
/// are merged, in file order (a worker whose turn has not come decodes its next group
/// meanwhile rather than wait idle); `start` is called with each file's place before its first group
/// is merged (every file's by the end, in order, those without groups too). The error is the
/// first group's in file order that fails.
fn merge_group_files(
    builder: &mut Builder,
    files: &[(&Columns, usize, &DecodeGroup<'_>)],
    start: &mut (dyn FnMut(&mut Builder, usize) + Send),
    cancel: &super::Cancel,
) -> Result<(), LoadError> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let failed = || LoadError::at("", "the file is damaged (a page does not decode)");
    let groups: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(f, &(_, count, _))| (0..count).map(move |g| (f, g)))
        .collect();
    let handed = std::sync::atomic::AtomicUsize::new(0);
    let order = super::in_order::InOrder::new(GroupsMerged {
        builder,
        start,
        started: 0,
        error: None,
    });
    // The next group to read: its number, file and group there.
    let take = || {
        let number = handed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        groups.get(number).map(|&(f, g)| (number, f, g))
    };
    let decode = |(number, f, g): (usize, usize, usize)| (number, f, (files[f].2)(g));
    let worker = || {
        // A group decoded while this worker waited for its turn to merge the one before it.
        let mut ahead = None;
        while !order.is_stopped() {
            let Some((number, f, decoded)) = ahead.take().or_else(|| take().map(decode)) else {
                return;
            };
            let merged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let columns = files[f].0;
                let mut group;
                let part = match decoded {
                    Ok(decoded) => {
                        group = decoded;
                        read_group_rows(columns, &mut group, cancel)
                    }
                    Err(e) => Err(e),
                };
                let mut merge = |merged: &mut GroupsMerged<'_>| merged.add(f, columns, part);
                // Not yet its turn: the next group decoded meanwhile (one at most), then wait.
                loop {
                    match order.try_in_turn(number, merge) {
                        Ok(go_on) => break go_on,
                        Err(back) if ahead.is_none() => match take() {
                            Some(next) => {
                                ahead = Some(decode(next));
                                merge = back;
                            }
                            None => break order.in_turn(number, back),
                        },
                        Err(back) => break order.in_turn(number, back),
                    }
                }
            }));
            if !matches!(merged, Ok(true)) {
                order.stop(|merged| {
                    merged.error.get_or_insert_with(failed);
                });
                return;
            }
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(groups.len()))
            .map(|_| scope.spawn(worker))
            .collect();
        worker();
        for helper in helpers {
            if helper.join().is_err() {
                order.stop(|merged| {
                    merged.error.get_or_insert_with(failed);
                });
            }
        }
    });
    let GroupsMerged {
        builder,
        start,
        mut started,
        error,
    } = order.into_inner();
    if let Some(error) = error {
        return Err(error);
    }
    while started < files.len() {
        start(builder, started);
        started += 1;
    }
    Ok(())
}

/// What the row groups of [`merge_group_files`] have built, merged one by one in file order.
struct GroupsMerged<'b> {
    builder: &'b mut Builder,
    start: &'b mut (dyn FnMut(&mut Builder, usize) + Send),
    /// How many files have been started.
    started: usize,
    /// The first group's error, in file order.
    error: Option<LoadError>,
}

impl GroupsMerged<'_> {
    /// Merges a group of file `f` (its file started first); whether the groups after it are
    /// to be merged too.
    fn add(&mut self, f: usize, columns: &Columns, part: Result<Part<'_>, LoadError>) -> bool {
        match part {
            Ok(part) => {
                while self.started <= f {
                    (self.start)(self.builder, self.started);
                    self.started += 1;
                }
                self.builder.merge(columns, part);
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }
}

/// One file's row groups for [`Assembly::add_group_files`].
pub(crate) struct GroupFile<'d> {
    /// Named in messages.
    pub sheet: &'d str,
    /// From the file's name, for rows without a year column.
    pub year: Option<i32>,
    pub header: Vec<String>,
    /// How many row groups, and the decoded group a number gives.
    pub count: usize,
    pub decode: &'d DecodeGroup<'d>,
}

/// Several files (or sheets) built into one dataset one at a time, each read as its own kind
/// is read alone ([`build_text`], [`build_groups`]) but merged into the same dataset, in order,
/// as [`build`] merges sheets of rows: the same dataset and warnings, without holding every
/// file's rows. The caller checks what [`build`] checks across the sheets.
pub struct Assembly {
    builder: Builder,
    sheets: Vec<String>,
    headers: Vec<String>,
}

impl Assembly {
    /// An empty dataset to be built with `mapping`.
    ///
    /// # Errors
    /// As [`build`], for a mapping without a name column.
    pub fn new(mapping: &Mapping) -> Result<Self, LoadError> {
        Ok(Self {
            builder: Builder::new(mapping)?,
            sheets: Vec::new(),
            headers: Vec::new(),
        })
    }

    /// Adds a warning in its place among the sheets' (e.g. rows skipped above a header).
    pub fn warn(&mut self, warning: String) {
        self.builder.warnings.push(warning);
    }

    /// Adds the rows of a CSV text (`data`, from line `first_line`) as the sheet `sheet`.
    ///
    /// # Errors
    /// As [`build_text`], but for the mapping's columns, which [`Assembly::finish`] checks.
    pub fn add_text(
        &mut self,
        (sheet, year, header_fields): (&str, Option<i32>, Vec<String>),
        (data, first_line, delimiter): (&str, usize, char),
        mapping: &Mapping,
        cancel: &super::Cancel,
    ) -> Result<(), LoadError> {
        let columns = self.sheet(sheet, year, header_fields, mapping)?;
        merge_text_rows(
            &mut self.builder,
            &columns,
            (data, first_line, delimiter),
            cancel,
        )
    }

    /// Adds the row groups of `files` (each a sheet: its name, year and header, and its groups'
    /// count and decoder), in order, decoding groups of several files side by side.
    ///
    /// # Errors
    /// As [`build_groups`], but for the mapping's columns, which [`Assembly::finish`] checks.
    pub(crate) fn add_group_files(
        &mut self,
        files: &[GroupFile<'_>],
        mapping: &Mapping,
        cancel: &super::Cancel,
    ) -> Result<(), LoadError> {
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            if let Some(message) = repeated_header(&file.header) {
                return Err(LoadError::at("", message).in_file(file.sheet.to_owned()));
            }
            read.push(
                self.builder
                    .columns_of(file.sheet, file.year, file.header.clone(), mapping),
            );
        }
        let mut warnings: Vec<Option<String>> = read.iter_mut().map(|(_, w)| w.take()).collect();
        let (sheets, headers) = (&mut self.sheets, &mut self.headers);
        let mut start = |builder: &mut Builder, f: usize| {
            let file: &GroupFile<'_> = &files[f];
            headers.extend(file.header.iter().cloned());
            sheets.push(file.sheet.to_owned());
            builder.warnings.extend(warnings[f].take());
        };
        let columns: Vec<(&Columns, usize, &DecodeGroup<'_>)> = read
            .iter()
            .zip(files)
            .map(|((columns, _), file)| (columns, file.count, file.decode))
            .collect();
        merge_group_files(&mut self.builder, &columns, &mut start, cancel)
    }

    fn sheet(
        &mut self,
        sheet: &str,
        year: Option<i32>,
        header_fields: Vec<String>,
        mapping: &Mapping,
    ) -> Result<Columns, LoadError> {
        if let Some(message) = repeated_header(&header_fields) {
            return Err(LoadError::at("", message).in_file(sheet.to_owned()));
        }
        self.headers.extend(header_fields.iter().cloned());
        self.sheets.push(sheet.to_owned());
        Ok(self.builder.columns(sheet, year, header_fields, mapping))
    }

    /// The dataset, named `title`.
    ///
    /// # Errors
    /// A column the mapping names that no sheet has; as [`build`].
    pub fn finish(self, mapping: &Mapping, title: &str) -> Result<Imported, LoadError> {
        mapped_columns_present(mapping, &self.headers)
            .map_err(|e| e.in_file(self.sheets.first().cloned().unwrap_or_default()))?;
        let sheets: Vec<&str> = self.sheets.iter().map(String::as_str).collect();
        self.builder.finish(&sheets, title)
    }
}

/// The rows of one decoded row group, read into a [`Part`].
fn read_group_rows<'g>(
    columns: &Columns,
    group: &'g mut super::typed_rows::TypedGroup,
    cancel: &super::Cancel,
) -> Result<Part<'g>, LoadError> {
    // At most one entity a row: room for them all at once.
    let mut part = Part {
        index: super::key_index::KeyIndex::with_capacity(group.rows),
        entities: Vec::with_capacity(group.rows),
        rows: group.rows,
        ..Part::default()
    };
    if columns.tagged_years.is_empty() {
        // Rows for their names, years and ranks; the values column by column after them.
        part.deferred = Some(Vec::with_capacity(group.rows));
        let mut taken = take_value_columns(columns, group);
        let group: &'g super::typed_rows::TypedGroup = group;
        // Ordinary rows read straight from the typed columns; the others cell by cell.
        let plan = typed_listing::Plan::of(columns, group);
        for row in 0..group.rows {
            if row % super::typed_rows::NumberBlock::ROWS == 0 && cancel.is_cancelled() {
                return Err(LoadError::at("", super::cancel::CANCELLED));
            }
            let line = group.first_line + row;
            if let Some(plan) = &plan
                && part.read_listed(plan, columns, line, row)
            {
                continue;
            }
            let cells = super::typed_rows::TypedRow {
                taken: &taken,
                ..super::typed_rows::TypedRow::of(group, row)
            };
            part.read_row(columns, line, &cells)?;
        }
        part.read_deferred_values(columns, group, &mut taken);
        return Ok(part);
    }
    let group: &'g super::typed_rows::TypedGroup = group;
    let block_rows = super::typed_rows::NumberBlock::ROWS;
    for start in (0..group.rows).step_by(block_rows) {
        if cancel.is_cancelled() {
            return Err(LoadError::at("", super::cancel::CANCELLED));
        }
        let end = group.rows.min(start + block_rows);
        let block = super::typed_rows::NumberBlock::of(group, start, end);
        for row in start..end {
            let cells = super::typed_rows::TypedRow {
                numbers: block.row(row - start),
                ..super::typed_rows::TypedRow::of(group, row)
            };
            part.read_row(columns, group.first_line + row, &cells)?;
        }
    }
    Ok(part)
}

/// Moves the columns of floats whose values are read column by column (scores, indicators and
/// extra columns with no year of their own) out of `group`, to become years' columns as they
/// are: by column, `None` for the others.
fn take_value_columns(
    columns: &Columns,
    group: &mut super::typed_rows::TypedGroup,
) -> Vec<Option<CompactColumn>> {
    use super::typed_rows::TypedColumn;
    group
        .columns
        .iter_mut()
        .enumerate()
        .map(|(c, column)| {
            let deferred = matches!(
                columns.roles.get(c),
                Some(Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. })
            ) && columns.column_years.get(c) == Some(&None);
            if !deferred || !matches!(column, TypedColumn::Floats(_)) {
                return None;
            }
            match std::mem::replace(column, TypedColumn::Taken) {
                TypedColumn::Floats(values) => Some(values),
                _ => None,
            }
        })
        .collect()
}

/// The data rows of a CSV text: the text, where the rows after the headers start (a byte offset
/// and its line number), its delimiter.
pub struct TextRows {
    pub text: String,
    pub start: usize,
    pub first_line: usize,
    pub delimiter: char,
    /// Checked between rows: once cancelled, the read stops with [`super::cancel::CANCELLED`].
    pub cancel: super::Cancel,
}

/// A mapping that gives a role to a column the file does not have (a mapping written for another
/// file, a header mistyped) is refused, naming the column, rather than read as if the column were
/// empty.
fn mapped_columns_present(mapping: &Mapping, headers: &[String]) -> Result<(), LoadError> {
    let present: std::collections::HashSet<&str> = headers.iter().map(|h| h.trim()).collect();
    let missing = mapping
        .columns
        .iter()
        .find(|c| c.role != Role::Ignore && !present.contains(c.header.trim()));
    match missing {
        None => Ok(()),
        Some(column) => {
            let shown: Vec<&str> = headers.iter().take(12).map(|h| h.trim()).collect();
            let more = if headers.len() > 12 { ", …" } else { "" };
            Err(LoadError::at(
                "",
                format!(
                    "the mapping names the column \"{}\", which the file does not have (its columns: {}{more})",
                    column.header,
                    shown.join(", ")
                ),
            ))
        }
    }
}

/// Two columns with one header cannot be told apart by a mapping (which names columns by their
/// headers): the message naming them, 1-based, or `None`.
fn repeated_header(headers: &[String]) -> Option<String> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let header = header.trim();
        if header.is_empty() {
            continue;
        }
        if let Some(&earlier) = first.get(header) {
            return Some(format!(
                "columns {} and {} are both headed \"{header}\"; rename one so that each column's \
                 role can be told",
                earlier + 1,
                i + 1
            ));
        }
        first.insert(header, i);
    }
    None
}

/// Reads the rows of `part` (a run of whole rows), stopping at the first error or when
/// `cancel` is set.
fn read_part<'a>(
    columns: &Columns,
    text: &'a str,
    first_line: usize,
    delimiter: char,
    cancel: &super::Cancel,
) -> Result<Part<'a>, LoadError> {
    closed(
        columns,
        read_part_open(columns, text, first_line, delimiter, cancel)?,
    )
}

/// Where to cut a text's rows in two near its middle: after the first line break past the
/// middle that an even number of quotes precedes (outside quotes by the quoting rules, unless a
/// stray quote inside an unquoted field misleads the count, which the caller checks). `None`
/// when there is none.
fn split_near_middle(bytes: &[u8]) -> Option<usize> {
    let middle = bytes.len() / 2;
    let mut quoted = memchr::memchr_iter(b'"', &bytes[..middle]).count() % 2 == 1;
    for at in memchr::memchr2_iter(b'"', b'\n', &bytes[middle..]) {
        let at = middle + at;
        if bytes[at] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            return Some(at + 1);
        }
    }
    None
}

/// The part, or the error of a quote its text never closes.
fn closed<'a>(
    columns: &Columns,
    (part, unclosed_quote): (Part<'a>, Option<usize>),
) -> Result<Part<'a>, LoadError> {
    match unclosed_quote {
        Some(line) => Err(LoadError::at("", super::csv::unclosed_quote_message(line))
            .in_file(columns.sheet.clone())),
        None => Ok(part),
    }
}

/// As [`read_part`], with the line of a quote the text leaves open instead of its error.
fn read_part_open<'a>(
    columns: &Columns,
    text: &'a str,
    first_line: usize,
    delimiter: char,
    cancel: &super::Cancel,
) -> Result<(Part<'a>, Option<usize>), LoadError> {
    read_rows_into(
        Part::default(),
        columns,
        (text, first_line, delimiter),
        cancel,
    )
}

/// [`read_part_open`] into `part` (made with room for the rows to come).
fn read_rows_into<'a>(
    mut part: Part<'a>,
    columns: &Columns,
    (text, first_line, delimiter): (&'a str, usize, char),
    cancel: &super::Cancel,
) -> Result<(Part<'a>, Option<usize>), LoadError> {
    let mut failure = None;
    let stop =
        super::csv::for_each_row(text, delimiter, first_line, &|_| {}, &mut |line, fields| {
            if cancel.is_cancelled() {
                failure = Some(LoadError::at("", super::cancel::CANCELLED));
            } else if let Err(e) = part.read_row(columns, line, fields) {
                failure = Some(e);
            }
            failure.is_none()
        });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok((part, stop.unclosed_quote))
}

/// How a sheet's columns are read: each column's role, year and record slot.
struct Columns {
    sheet: String,
    year: Option<i32>,
    header_fields: Vec<String>,
    roles: Vec<Role>,
    /// In a sheet wide by year, a column may hold one year's values ("总分2022").
    column_years: Vec<Option<i32>>,
    tagged_years: Vec<i32>,
    /// The capacity or indicator slot a column fills.
    slots: Vec<usize>,
    /// The place among a record's values (capacity scores, then indicator values, then extra
    /// columns' values) that a column fills.
    value_slots: Vec<usize>,
    name_column: usize,
    capacities: usize,
    indicators: usize,
    extras: usize,
    /// The columns a row is read from (no year of their own, a role other than ignored), and
    /// of those the ones that are not values (read column by column when values are deferred).
    read: Vec<usize>,
    listing: Vec<usize>,
}

impl Columns {
    /// The capacity, indicator and extra columns a year's figures have.
    fn shape(&self) -> Shape {
        Shape {
            capacities: self.capacities,
            indicators: self.indicators,
            extras: self.extras,
        }
    }
}

/// The rows of one run of a sheet, read: their records sorted into years, their entities numbered
/// in order of first appearance in the run until [`Builder::merge`] numbers them in the dataset.
#[derive(Default)]
struct Part<'a> {
    entities: Vec<PartEntity<'a>>,
    /// An entity's key (its id, else its name) → its place in `entities`, with what a row
    /// compares with the entity's first row.
    index: super::key_index::KeyIndex<FirstRow>,
    /// The provinces the run's rows give, numbered: a row's province is compared with its
    /// entity's by number.
    provinces: super::key_index::KeyIndex,
    /// Years in order of first appearance in the run.
    years: Vec<PartYear>,
    /// Rows whose name differs from the name on their entity's first row (same id): line → name.
    other_names: HashMap<usize, Cow<'a, str>>,
    /// Problems found: the row's line, the place of the year among the row's years, the message.
    warnings: Vec<(usize, usize, String)>,
    /// The record each row is read into, kept from row to row.
    scratch: Option<RecordInput>,
    /// While a decoded row group is read: its rows' scores, indicator and extra values are left
    /// for [`Part::read_deferred_values`] to read column by column; each row that reached
    /// [`Part::add`] is noted here with where its record went (`None`: a repeat, not kept).
    deferred: Option<Vec<DeferredRow>>,
    /// Cells met while values are deferred that their role cannot read: line, column, text.
    pending_odd: Vec<(usize, usize, String)>,
    /// Cells the column's role cannot read, read as missing.
    odd: OddCells,
    /// Rows with fewer or more fields than the header.
    ragged: Ragged,
    /// Row warnings not kept past [`MAX_ROW_WARNINGS`]: counted only.
    dropped: usize,
    /// The rows the run has: room for as many records is made in its first year (a decoded
    /// row group is mostly one year's).
    rows: usize,
    /// What cells held as dictionary places ([`RowFields::code`]) read as, by place.
    by_code: ByCode,
}

/// What the dictionary-coded cells of a run have read as, by column and place in the column's
/// dictionary: each text is read once, not once a row.
#[derive(Default)]
struct ByCode {
    /// The given rank (`None` inside: missing) a rank cell's text reads as; `None`: not read yet.
    #[expect(clippy::option_option, reason = "not read yet, or read as no rank")]
    ranks: Vec<Vec<Option<Option<crate::model::Rank>>>>,
    /// The number of a province cell's text among the run's provinces; [`ByCode::UNKNOWN`]:
    /// not read yet.
    provinces: Vec<Vec<u32>>,
}

impl ByCode {
    const UNKNOWN: u32 = u32::MAX;

    /// The entry of (`column`, `code`) in `table`, made (as `empty`) when new.
    fn entry<T: Clone>(table: &mut Vec<Vec<T>>, column: usize, code: usize, empty: T) -> &mut T {
        if table.len() <= column {
            table.resize(column + 1, Vec::new());
        }
        let codes = &mut table[column];
        if codes.len() <= code {
            codes.resize(code + 1, empty);
        }
        &mut codes[code]
    }
}

/// The most row warnings (empty rows, notes, repeats) a load keeps; the rest are counted, so that
/// a file of millions of odd rows costs no more memory than its records.
pub const MAX_ROW_WARNINGS: usize = 100_000;

/// Rows whose field count differs from the header's: how many, and the first few lines.
#[derive(Default)]
struct Ragged {
    short: (usize, Vec<usize>),
    long: (usize, Vec<usize>),
}

impl Ragged {
    const EXAMPLES: usize = 3;

    fn note(tally: &mut (usize, Vec<usize>), line: usize) {
        tally.0 += 1;
        if tally.1.len() < Self::EXAMPLES {
            tally.1.push(line);
        }
    }

    fn append(&mut self, other: Self) {
        for (mine, theirs) in [(&mut self.short, other.short), (&mut self.long, other.long)] {
            mine.0 += theirs.0;
            for line in theirs.1 {
                if mine.1.len() < Self::EXAMPLES {
                    mine.1.push(line);
                }
            }
        }
    }

    /// One warning per kind: "cities.csv: 12 rows (4, 9, 11 and 9 more) have fewer fields than
    /// the 5 headers: their missing fields are empty".
    fn warnings(&self, sheet: &str, headers: usize) -> Vec<String> {
        let line = |(count, lines): &(usize, Vec<usize>), what: &str| {
            let shown: Vec<String> = lines.iter().map(ToString::to_string).collect();
            let more = count.saturating_sub(lines.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let (rows, have) = if *count == 1 {
                ("row", "has")
            } else {
                ("rows", "have")
            };
            format!(
                "{sheet}: {count} {rows} ({}{more}) {have} {what} than the {headers} headers",
                shown.join(", ")
            )
        };
        let mut out = Vec::new();
        if self.short.0 > 0 {
            out.push(line(&self.short, "fewer fields") + ": their missing fields are empty");
        }
        if self.long.0 > 0 {
            out.push(line(&self.long, "more fields") + ": the extra fields are not read");
        }
        out
    }
}

/// A row of a decoded row group that reached [`Part::add`]: its line, and the year and place
/// of its record (`None`: a repeat, not kept).
type DeferredRow = (usize, Option<(usize, usize)>);

/// An entity as the first row of a run names it (its key is its number's in [`Part::index`]).
struct PartEntity<'a> {
    name: Cow<'a, str>,
    /// The province's number in the run's [`Part::provinces`].
    province_number: usize,
}

/// What a row compares with its entity's first row, kept beside the entity's key: the name's
/// hash ([`name_hash`]) and the province's number in the run's [`Part::provinces`] (the name and
/// province themselves lie far back in the file's text).
#[derive(Clone, Copy)]
struct FirstRow {
    name_hash: u64,
    province: usize,
}

/// A name's hash, to tell a row's name from its entity's first. Two names with the same hash
/// are taken as the same: the only cost of that would be a warning about a repeated row naming
/// the entity's first name instead of the row's.
fn name_hash(name: &str) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::fast::FixedState::with_seed(0x5eed).hash_one(name)
}

/// One year's records of a run, in file order, each an entity's first in the year.
struct PartYear {
    input: YearInput,
    /// The line of each record's row.
    lines: Vec<usize>,
    /// Which of the run's entities the year lists already.
    listed: Vec<bool>,
}

/// Cell `column` of a row as a name, id or province is kept: as it is when its column is clean
/// ([`RowFields::is_clean`]), else [`trimmed`].
fn kept<'a, F: RowFields<'a> + ?Sized>(
    fields: &F,
    column: usize,
    cell: Cow<'a, str>,
) -> Cow<'a, str> {
    if fields.is_clean(column) {
        cell
    } else {
        trimmed(&cell)
    }
}

/// A name, id or province as the dataset keeps it: trimmed, line breaks and tabs as spaces, and
/// without other control characters (NUL, BEL and the like), which no name means and which would
/// reach every export.
fn trimmed<'a>(text: &Cow<'a, str>) -> Cow<'a, str> {
    let trimmed = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    };
    if super::text_column::has_control(&trimmed) {
        // A line break inside a cell (Alt+Enter in Excel) reads as a space.
        Cow::Owned(
            trimmed
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect(),
        )
    } else {
        trimmed
    }
}

fn listed_twice(sheet: &str, line: usize, name: &str, year: i32) -> String {
    let year = period::label(year);
    format!("{sheet}, row {line}: \"{name}\" is listed twice in {year}; the first row is kept")
}

impl<'a> Part<'a> {
    /// Keeps a row warning, or counts it once [`MAX_ROW_WARNINGS`] are kept.
    fn warn(&mut self, warning: (usize, usize, String)) {
        if self.warnings.len() < MAX_ROW_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.dropped += 1;
        }
    }

    /// Reads one data row into its records (one, or one per year of a sheet wide by year).
    fn read_row<F: RowFields<'a> + ?Sized>(
        &mut self,
        columns: &Columns,
        line: usize,
        fields: &F,
    ) -> Result<(), LoadError> {
        if (0..fields.count()).all(|i| fields.is_blank(i)) {
            self.warn((
                line,
                0,
                format!("{}, row {line}: empty row skipped", columns.sheet),
            ));
            return Ok(());
        }
        let is_note = columns.roles.len() > 2 && is_note_row(fields, columns.name_column);
        if !is_note {
            let width = columns.header_fields.len();
            if fields.count() < width {
                Ragged::note(&mut self.ragged.short, line);
            } else if fields.count() > width && (width..fields.count()).any(|i| !fields.is_blank(i))
            {
                Ragged::note(&mut self.ragged.long, line);
            }
        }
        if is_note {
            let note: String = (0..fields.count())
                .find(|&i| !fields.is_blank(i))
                .map(|i| fields.text(i).trim().chars().take(40).collect())
                .unwrap_or_default();
            self.warn((
                line,
                0,
                format!(
                    "{}, row {line}: a note, not a record, skipped: \"{note}\"",
                    columns.sheet
                ),
            ));
            return Ok(());
        }
        let cell_error = |column: usize, message: String| {
            let header = columns.header_fields.get(column).map_or("", String::as_str);
            LoadError::at(format!("row {line}, column \"{header}\""), message)
                .in_file(columns.sheet.clone())
        };
        let mut name = None;
        let mut id = None;
        let mut year = columns.year;
        let mut record = self.scratch.take().unwrap_or_else(|| {
            RecordInput::empty(
                0,
                None,
                None,
                (columns.capacities, columns.indicators, columns.extras),
            )
        });
        if self.deferred.is_some() {
            // Only the listing is read into the record (its values go column by column).
            record.clear_listing();
        } else {
            record.clear();
        }
        let mut province = Cow::Borrowed("");
        // Its place in the column's dictionary, when the column is held as one.
        let mut province_code = None;
        let read = if self.deferred.is_some() {
            &columns.listing
        } else {
            &columns.read
        };
        for &column in read {
            let role = &columns.roles[column];
            match role {
                // A year stored as a whole number is read as it is, not through its text.
                Role::Year if fields.year(column).is_some() => year = fields.year(column),
                Role::Name | Role::Id | Role::Year | Role::Province => {
                    let cell = fields.text(column);
                    let text: &str = &cell;
                    match role {
                        Role::Name if !is_missing(text) => {
                            name = Some(kept(fields, column, cell));
                        }
                        Role::Id if !is_missing(text) => id = Some(kept(fields, column, cell)),
                        Role::Year if !is_missing(text) => {
                            if let CellValue::Year(y) =
                                read_cell(role, text).map_err(|e| cell_error(column, e))?
                            {
                                year = Some(y);
                            }
                        }
                        Role::Province => {
                            province = kept(fields, column, cell);
                            province_code = fields.code(column).map(|code| (column, code as usize));
                        }
                        _ => {}
                    }
                }
                Role::Rank
                | Role::Total
                | Role::Capacity { .. }
                | Role::Indicator { .. }
                | Role::Extra { .. } => self.read_value(columns, line, fields, column, &mut record),
                Role::Ignore => {}
            }
        }
        let Some(name) = name else {
            return Err(cell_error(
                columns.name_column,
                "expected a name, found an empty cell".into(),
            ));
        };
        // A sheet wide by year takes its years from its columns.
        let year = match (year, columns.tagged_years.first()) {
            (Some(year), _) => year,
            (None, Some(&first)) => first,
            (None, None) => {
                return Err(LoadError::at(
                    format!("row {line}"),
                    "no year: add a year column, or a year to the file name (e.g. cities-2023.csv)",
                )
                .in_file(columns.sheet.clone()));
            }
        };
        // One record per year: the row's own, or one per year of a sheet wide by year (an entity
        // with no value in a year is not listed in it). Read them all before adding any.
        let mut yearly_records = Vec::new();
        if !columns.tagged_years.is_empty() {
            for &tagged in &columns.tagged_years {
                let mut yearly = record.clone();
                for column in 0..columns.roles.len() {
                    if columns.column_years[column] != Some(tagged) {
                        continue;
                    }
                    self.read_value(columns, line, fields, column, &mut yearly);
                }
                let has_values = yearly.given_rank.is_some()
                    || yearly.total.is_some()
                    || yearly.scores().iter().any(|v| v.is_some());
                yearly_records.push(has_values.then_some(yearly));
            }
        }
        let province_number = self.province_number_of(&province, province_code);
        let (entity, first) = self.entity(line, id.as_deref(), name, province_number);
        // A row whose province differs from its entity's first keeps its own.
        let own_province = (!province.is_empty() && province_number != first.province)
            .then(|| std::sync::Arc::<str>::from(&*province));
        record.set_province(own_province.clone());
        for yearly in yearly_records.iter_mut().flatten() {
            yearly.set_province(own_province.clone());
        }
        if columns.tagged_years.is_empty() {
            record.entity = entity;
            self.add(columns, line, 0, year, &record);
        } else {
            for (place, (&tagged, yearly)) in
                columns.tagged_years.iter().zip(yearly_records).enumerate()
            {
                if let Some(mut yearly) = yearly {
                    yearly.entity = entity;
                    self.add(columns, line, place, tagged, &yearly);
                }
            }
        }
        self.scratch = Some(record);
        Ok(())
    }

    /// Reads cell `column` of the row at `line` into `record` as its role reads a value (a
    /// rank, a total, a score, an indicator or extra column's value); a cell the role cannot
    /// read is noted and left missing.
    fn read_value<F: RowFields<'a> + ?Sized>(
        &mut self,
        columns: &Columns,
        line: usize,
        fields: &F,
        column: usize,
        record: &mut RecordInput,
    ) {
        let role = &columns.roles[column];
        if self.deferred.is_some()
            && matches!(
                role,
                Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. }
            )
        {
            return;
        }
        let read = match role {
            Role::Rank => self.read_rank(fields, column, record, columns.slots[column]),
            Role::Total => fields.number(column).map(|v| record.total = v).is_ok(),
            Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. } => fields
                .number(column)
                .map(|v| record.set_value(columns.value_slots[column], v))
                .is_ok(),
            _ => true,
        };
        if !read {
            self.odd_cell(columns, column, role, line, &fields.text(column));
        }
    }

    /// Reads rank cell `column` into `record` (once for all cells of the same dictionary
    /// place); whether it reads.
    fn read_rank<F: RowFields<'a> + ?Sized>(
        &mut self,
        fields: &F,
        column: usize,
        record: &mut RecordInput,
        slot: usize,
    ) -> bool {
        let code = fields.code(column).map(|code| code as usize);
        let known = code.and_then(|code| self.by_code.ranks.get(column)?.get(code));
        if let Some(&Some(rank)) = known {
            record.given_rank = rank;
            return true;
        }
        let read = fields.apply(column, record, &Role::Rank, slot).is_ok();
        if let (true, Some(code)) = (read, code) {
            *ByCode::entry(&mut self.by_code.ranks, column, code, None) = Some(record.given_rank);
        }
        read
    }

    /// Notes a cell of `column` that its role cannot read; the record keeps it missing.
    fn odd_cell(&mut self, columns: &Columns, column: usize, role: &Role, line: usize, text: &str) {
        if self.deferred.is_some() {
            self.pending_odd.push((line, column, text.to_owned()));
            return;
        }
        let header = columns.header_fields.get(column).map_or("", String::as_str);
        let expected = if *role == Role::Rank {
            "a rank"
        } else {
            "a number"
        };
        self.odd.add(&columns.sheet, header, expected, line, text);
    }

    /// The run's number for the entity of a row, added at its first row, and what its first
    /// row gave.
    fn entity(
        &mut self,
        line: usize,
        id: Option<&str>,
        name: Cow<'a, str>,
        province_number: usize,
    ) -> (usize, FirstRow) {
        let by_id = id.is_some();
        let key = id.unwrap_or(&name);
        let hash = if by_id { name_hash(&name) } else { 0 };
        let (number, first, new) = self.index.get_or_insert(key, || FirstRow {
            name_hash: hash,
            province: province_number,
        });
        if new {
            self.entities.push(PartEntity {
                name,
                province_number,
            });
        } else if by_id && first.name_hash != hash {
            // Found by its name, the name is the same; found by its id, it may differ.
            self.other_names.insert(line, name);
        }
        (number, first)
    }

    /// The name of `entity` on the row at `line`.
    fn name_on(&self, line: usize, entity: usize) -> Cow<'a, str> {
        self.other_names
            .get(&line)
            .unwrap_or(&self.entities[entity].name)
            .clone()
    }

    /// Adds a record of the row at `line` to `year`, unless the year lists its entity already.
    fn add(
        &mut self,
        columns: &Columns,
        line: usize,
        place: usize,
        year: i32,
        record: &RecordInput,
    ) {
        let position = self
            .years
            .iter()
            .position(|y| y.input.year == year)
            .unwrap_or_else(|| {
                let room = std::mem::take(&mut self.rows);
                let mut input = YearInput::empty(year, columns.shape());
                input.records.reserve_exact(room);
                self.years.push(PartYear {
                    input,
                    lines: Vec::with_capacity(room),
                    listed: Vec::with_capacity(room),
                });
                self.years.len() - 1
            });
        let part_year = &mut self.years[position];
        let entity = record.entity;
        if part_year.listed.len() <= entity {
            part_year.listed.resize(entity + 1, false);
        }
        if part_year.listed[entity] {
            if let Some(placed) = &mut self.deferred {
                placed.push((line, None));
            }
            let name = self.name_on(line, entity);
            let warning = listed_twice(&columns.sheet, line, &name, year);
            self.warn((line, place, warning));
            return;
        }
        part_year.listed[entity] = true;
        part_year.lines.push(line);
        if let Some(placed) = &mut self.deferred {
            part_year.input.push_listing(record);
            placed.push((line, Some((position, part_year.input.records.len() - 1))));
        } else {
            part_year.input.push(record);
        }
    }

    /// Reads the scores, indicator and extra values of a decoded row group's rows, column by
    /// column, into the records the rows made (see [`Part::deferred`]); then notes the cells
    /// no role could read in row order, as reading row by row would have.
    fn read_deferred_values(
        &mut self,
        columns: &Columns,
        group: &super::typed_rows::TypedGroup,
        taken: &mut [Option<CompactColumn>],
    ) {
        let placed = self.deferred.take().unwrap_or_default();
        // Every row of the group made the next record of one year: a column of numbers is
        // that year's column as it is.
        let whole = self.years.len() == 1
            && placed.len() == group.rows
            && placed.iter().enumerate().all(|(row, &(line, target))| {
                line == group.first_line + row && target == Some((0, row))
            });
        for (column, role) in columns.roles.iter().enumerate() {
            let value_column = matches!(
                role,
                Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. }
            );
            if !value_column || columns.column_years[column].is_some() {
                continue;
            }
            // Each year's column built in record order: the records are the placed rows'.
            let mut built: Vec<CompactColumn> = self
                .years
                .iter()
                .map(|y| CompactColumn::with_capacity(y.input.records.len()))
                .collect();
            let floats = taken.get_mut(column).and_then(Option::take);
            if whole && matches!(floats, Some(CompactColumn::Decimal { .. })) {
                // Decimal units hold no infinity: nothing to note.
                built[0] = floats.unwrap_or_default();
            } else if let Some(values) = &floats {
                for &(line, target) in &placed {
                    let value = values.get(line - group.first_line).unwrap_or(f64::NAN);
                    if value.is_infinite() {
                        self.pending_odd.push((line, column, value.to_string()));
                    }
                    if let Some((year, _)) = target {
                        built[year].push(if value.is_infinite() { f64::NAN } else { value });
                    }
                }
            } else {
                for &(line, target) in &placed {
                    let row = line - group.first_line;
                    let value =
                        super::typed_rows::number_at(group, column, row).unwrap_or_else(|_| {
                            let text = super::typed_rows::text_at(group, column, row);
                            self.pending_odd.push((line, column, text.into_owned()));
                            None
                        });
                    if let Some((year, _)) = target {
                        built[year].push(store(value));
                    }
                }
            }
            let k = columns.value_slots[column];
            for (part_year, built) in self.years.iter_mut().zip(built) {
                part_year.input.values.replace_column(k, built);
            }
        }
        for part_year in &mut self.years {
            let rows = part_year.input.records.len();
            part_year.input.values.pad_rows(rows);
        }
        let mut pending = std::mem::take(&mut self.pending_odd);
        pending.sort_by_key(|&(line, column, _)| (line, column));
        for (line, column, text) in pending {
            self.odd_cell(columns, column, &columns.roles[column], line, &text);
        }
    }
}

/// Gathers rows into entities and years, in file order.
struct Builder {
    capacities: Vec<String>,
    /// The capacities where a lower score is better.
    lower_is_better: Vec<String>,
    /// The indicators (id, capacity) where a lower value is better.
    lower_indicators: Vec<(String, String)>,
    /// Whether a lower total is better.
    total_direction: Direction,
    /// Whether the mapping gives a column the total.
    has_total: bool,
    /// The province column's header when it names another kind of group (Country, 国家).
    group_label: String,
    /// Labels the mapping gives components, extra columns and indicators by id: (English,
    /// Chinese).
    labels: HashMap<String, (String, String)>,
    indicators: Vec<(String, String)>,
    extras: Vec<String>,
    entities: Vec<Entity>,
    entity_index: super::key_index::KeyIndex,
    /// The provinces of the entities, numbered, and each entity's: a run's rows are compared
    /// with their entity's province by number (the entities' own strings lie all over memory).
    provinces: super::key_index::KeyIndex,
    entity_provinces: Vec<u32>,
    years: Vec<YearInput>,
    /// For each year of `years`, which entities it lists already.
    listed: Vec<Vec<bool>>,
    warnings: Vec<String>,
    odd: OddCells,
    /// Per sheet: its header count and its rows of another length.
    ragged: Vec<(String, usize, Ragged)>,
    /// Row warnings past [`MAX_ROW_WARNINGS`], counted only.
    dropped: usize,
}

impl Builder {
    fn new(mapping: &Mapping) -> Result<Self, LoadError> {
        let capacities: Vec<String> = unique(mapping.columns.iter().filter_map(|c| {
            if let Role::Capacity { id } = &c.role {
                Some(id.clone())
            } else {
                None
            }
        }));
        let indicators: Vec<(String, String)> =
            unique(mapping.columns.iter().filter_map(|c| match &c.role {
                Role::Indicator { id, capacity } => Some((id.clone(), capacity.clone())),
                _ => None,
            }));
        let extras: Vec<String> = unique(mapping.columns.iter().filter_map(|c| match &c.role {
            Role::Extra { id } => Some(id.clone()),
            _ => None,
        }));
        if !mapping.columns.iter().any(|c| c.role == Role::Name) {
            return Err(LoadError::at(
                "",
                "no column holds the entities' names; give one column the role \"name\"",
            ));
        }
        let lower_is_better = mapping
            .columns
            .iter()
            .filter(|c| c.lower_is_better)
            .filter_map(|c| match &c.role {
                Role::Capacity { id } => Some(id.clone()),
                _ => None,
            })
            .collect();
        let lower_indicators = mapping
            .columns
            .iter()
            .filter(|c| c.lower_is_better)
            .filter_map(|c| match &c.role {
                Role::Indicator { id, capacity } => Some((id.clone(), capacity.clone())),
                _ => None,
            })
            .collect();
        let has_total = mapping.columns.iter().any(|c| c.role == Role::Total);
        let total_direction = if mapping
            .columns
            .iter()
            .any(|c| c.role == Role::Total && c.lower_is_better)
        {
            Direction::LowerIsBetter
        } else {
            Direction::HigherIsBetter
        };
        let labels = mapping
            .columns
            .iter()
            .filter(|c| !c.en.is_empty() || !c.zh.is_empty())
            .filter_map(|c| match &c.role {
                Role::Capacity { id } | Role::Indicator { id, .. } | Role::Extra { id } => {
                    Some((id.clone(), (c.en.clone(), c.zh.clone())))
                }
                _ => None,
            })
            .collect();
        // "Country" or "国家" heads the column as the file does; a province column keeps the
        // translated "Province".
        let group_label = mapping
            .columns
            .iter()
            .find(|c| c.role == Role::Province)
            .map(|c| c.header.trim().to_owned())
            .filter(|h| {
                let words = super::header_words::header_words(h).words;
                !words.iter().any(|w| w == "province" || w.contains('省'))
            })
            .unwrap_or_default();
        Ok(Self {
            group_label,
            labels,
            total_direction,
            has_total,
            lower_is_better,
            lower_indicators,
            capacities,
            indicators,
            extras,
            entities: Vec::new(),
            entity_index: super::key_index::KeyIndex::default(),
            provinces: super::key_index::KeyIndex::default(),
            entity_provinces: Vec::new(),
            years: Vec::new(),
            listed: Vec::new(),
            warnings: Vec::new(),
            odd: OddCells::default(),
            ragged: Vec::new(),
            dropped: 0,
        })
    }

    fn columns(
        &mut self,
        sheet: &str,
        year: Option<i32>,
        header_fields: Vec<String>,
        mapping: &Mapping,
    ) -> Columns {
        let (columns, warning) = self.columns_of(sheet, year, header_fields, mapping);
        self.warnings.extend(warning);
        columns
    }

    /// How a sheet's columns are read, and the warning it gives when it has no year (for the
    /// caller to place among the sheets' warnings).
    fn columns_of(
        &self,
        sheet: &str,
        year: Option<i32>,
        header_fields: Vec<String>,
        mapping: &Mapping,
    ) -> (Columns, Option<String>) {
        // Each header looked up once in a map, not in the mapping's list (wide sheets).
        let by_header: HashMap<&str, &super::mapping::ColumnRole> = mapping
            .columns
            .iter()
            .rev()
            .map(|c| (c.header.trim(), c))
            .collect();
        let column_of = |h: &String| by_header.get(h.trim()).copied();
        let roles: Vec<Role> = header_fields
            .iter()
            .map(|h| column_of(h).map_or(Role::Ignore, |c| c.role.clone()))
            .collect();
        let column_years: Vec<Option<i32>> = header_fields
            .iter()
            .map(|h| column_of(h).and_then(|c| c.year))
            .collect();
        let tagged_years: Vec<i32> = unique(column_years.iter().flatten().copied());
        // With no year anywhere, the sheet is one period: the ranking as published.
        let undated = year.is_none() && tagged_years.is_empty() && !roles.contains(&Role::Year);
        let undated_warning = undated.then(|| {
            format!(
                "{sheet}: no year or date in a column or the name: its rows are read as one \
                 period, shown as \"{}\" (a year in the file name, e.g. ranking-2023.csv, names it)",
                period::label(period::UNDATED)
            )
        });
        let year = if undated { Some(period::UNDATED) } else { year };
        let index = |ids: &mut dyn Iterator<Item = &String>| -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (i, id) in ids.enumerate() {
                map.entry(id.clone()).or_insert(i);
            }
            map
        };
        let capacity_slot = index(&mut self.capacities.iter());
        let indicator_slot = index(&mut self.indicators.iter().map(|(i, _)| i));
        let extra_slot = index(&mut self.extras.iter());
        let slots = roles
            .iter()
            .map(|role| match role {
                Role::Capacity { id } => capacity_slot.get(id).copied(),
                Role::Indicator { id, .. } => indicator_slot.get(id).copied(),
                Role::Extra { id } => extra_slot.get(id).copied(),
                _ => None,
            })
            .map(|slot| slot.unwrap_or(0))
            .collect::<Vec<usize>>();
        let value_slots = roles
            .iter()
            .zip(&slots)
            .map(|(role, &slot)| match role {
                Role::Indicator { .. } => self.capacities.len() + slot,
                Role::Extra { .. } => self.capacities.len() + self.indicators.len() + slot,
                _ => slot,
            })
            .collect();
        let read: Vec<usize> = (0..roles.len())
            .filter(|&c| column_years[c].is_none() && roles[c] != Role::Ignore)
            .collect();
        let listing = read
            .iter()
            .copied()
            .filter(|&c| {
                !matches!(
                    roles[c],
                    Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. }
                )
            })
            .collect();
        let columns = Columns {
            read,
            listing,
            sheet: sheet.to_owned(),
            year,
            name_column: roles.iter().position(|r| *r == Role::Name).unwrap_or(0),
            header_fields,
            roles,
            column_years,
            tagged_years,
            slots,
            value_slots,
            capacities: self.capacities.len(),
            indicators: self.indicators.len(),
            extras: self.extras.len(),
        };
        (columns, undated_warning)
    }

    /// Adds a run's entities, records and warnings, in file order after the runs merged before:
    /// an entity listed in a year already (by an earlier run) keeps its first record.
    fn merge(&mut self, columns: &Columns, part: Part<'_>) {
        let Part {
            entities,
            index,
            years,
            other_names,
            mut warnings,
            odd,
            ragged,
            dropped,
            scratch: _,
            provinces,
            deferred: _,
            pending_odd: _,
            rows: _,
            by_code: _,
        } = part;
        self.dropped += dropped;
        self.odd.append(odd);
        match self
            .ragged
            .iter_mut()
            .find(|(sheet, ..)| *sheet == columns.sheet)
        {
            Some((_, _, tally)) => tally.append(ragged),
            None => self
                .ragged
                .push((columns.sheet.clone(), columns.header_fields.len(), ragged)),
        }
        // The run's few provinces by number, each looked up once (not once an entity).
        let province_names: Vec<&str> = (0..provinces.count())
            .map(|p| provinces.key(p).unwrap_or_default())
            .collect();
        let province_of =
            |e: &PartEntity<'_>| province_names.get(e.province_number).copied().unwrap_or("");
        if self.entities.is_empty() {
            // The first run's entities are all new: room for them at once.
            self.entity_index.reserve(entities.len());
            self.entities.reserve_exact(entities.len());
            self.entity_provinces.reserve_exact(entities.len());
        }
        let numbers: Vec<usize> = entities
            .iter()
            .enumerate()
            .map(|(n, e)| self.entity(index.key(n).unwrap_or_default(), &e.name, province_of(e)))
            .collect();
        drop(index);
        // Whether the run gives each of its entities another province than the dataset's.
        let run_provinces: Vec<u32> = province_names
            .iter()
            .map(|province| self.province_number(province))
            .collect();
        let other_province: Vec<bool> = entities
            .iter()
            .zip(&numbers)
            .map(|(e, &number)| {
                !province_of(e).is_empty()
                    && run_provinces[e.province_number] != self.entity_provinces[number]
            })
            .collect();
        for part_year in years {
            let PartYear {
                input: mut incoming,
                lines,
                ..
            } = part_year;
            let position = self
                .years
                .iter()
                .position(|y| y.year == incoming.year)
                .unwrap_or_else(|| {
                    // A new year mostly lists about as many entities as the longest before it:
                    // room for as many records saves growing each column block by block (and
                    // the holes that leaves); what is not used is given back at the end.
                    let rows = self.years.iter().map(|y| y.records.len()).max();
                    self.years.push(YearInput::with_capacity(
                        incoming.year,
                        columns.shape(),
                        rows.unwrap_or(0),
                    ));
                    self.listed.push(Vec::new());
                    self.years.len() - 1
                });
            let listed = &mut self.listed[position];
            listed.resize(listed.len().max(self.entities.len()), false);
            let place = columns
                .tagged_years
                .iter()
                .position(|&t| t == incoming.year)
                .unwrap_or(0);
            let mut keep = vec![true; incoming.records.len()];
            let mut repeated = false;
            for (at, (record, &line)) in incoming.records.iter_mut().zip(&lines).enumerate() {
                let local = record.entity();
                record.set_entity(numbers[local]);
                // A run whose rows give the entity another province than the dataset's first
                // (a later year's file) keeps it on each of its records.
                if incoming.provinces.get(at).is_none() && other_province[local] {
                    let own = std::sync::Arc::from(province_of(&entities[local]));
                    incoming.provinces.set(at, Some(own));
                }
                if listed[record.entity()] {
                    let name = other_names.get(&line).unwrap_or(&entities[local].name);
                    let warning = listed_twice(&columns.sheet, line, name, incoming.year);
                    // Kept whole here: the first warnings by row are chosen below.
                    warnings.push((line, place, warning));
                    keep[at] = false;
                    repeated = true;
                } else {
                    listed[record.entity()] = true;
                }
            }
            if repeated {
                let mut at = 0;
                incoming.records.retain(|_| {
                    at += 1;
                    keep[at - 1]
                });
                incoming.values.retain(&keep);
                incoming.provinces.retain(&keep);
            }
            let target = &mut self.years[position];
            if target.records.is_empty() && target.records.capacity() <= incoming.records.len() {
                target.records = std::mem::take(&mut incoming.records);
                target.provinces = std::mem::take(&mut incoming.provinces);
            }
            target.append(&mut incoming);
        }
        // Runs are in file order, and a run's problems in row order (a row's years in order).
        warnings.sort_by_key(|&(line, place, _)| (line, place));
        let room = MAX_ROW_WARNINGS.saturating_sub(self.warnings.len());
        self.dropped += warnings.len().saturating_sub(room);
        self.warnings.extend(
            warnings
                .into_iter()
                .take(room)
                .map(|(_, _, warning)| warning),
        );
    }

    /// The number of `province` among the entities' provinces, given it if new.
    fn province_number(&mut self, province: &str) -> u32 {
        let number = match self.provinces.get(province) {
            Some((number, ())) => number,
            None => self.provinces.insert(province, ()),
        };
        u32::try_from(number).unwrap_or(u32::MAX)
    }

    /// The dataset's number for an entity, added (named by its first row) if new.
    fn entity(&mut self, key: &str, name: &str, province: &str) -> usize {
        let (entity, (), new) = self.entity_index.get_or_insert(key, || ());
        if !new {
            return entity;
        }
        let cjk = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let (zh, en) = if cjk(name) {
            (name.to_owned(), String::new())
        } else {
            (String::new(), name.to_owned())
        };
        let (province_zh, province_en) = if cjk(province) {
            (province.to_owned(), String::new())
        } else {
            (String::new(), province.to_owned())
        };
        let province_number = self.province_number(province);
        self.entity_provinces.push(province_number);
        self.entities.push(Entity {
            id: key.to_owned(),
            en,
            zh,
            province_en,
            province_zh,
            city: None,
            kind: None,
        });
        entity
    }

    /// A ranking on one figure with no rank column (`year,name,score`): a year with neither
    /// ranks nor totals, in a dataset whose one capacity is that figure, takes its scores as
    /// the totals it is ranked on (a total over one component is that component), in its
    /// direction. Years with given ranks keep them and no total.
    fn rank_on_the_one_score(&mut self) {
        let [capacity] = &self.capacities[..] else {
            return;
        };
        if self.has_total {
            return;
        }
        let mut ranked_on_it = false;
        for year in &mut self.years {
            let unranked = year
                .records
                .iter()
                .all(|r| r.given_rank.is_none() && r.total().is_none());
            if !unranked {
                continue;
            }
            let scores = year.values.score_column(0).iter().collect::<Vec<_>>();
            for (record, score) in year.records.iter_mut().zip(scores) {
                record.set_total(score);
            }
            ranked_on_it = true;
        }
        if ranked_on_it && self.lower_is_better.contains(capacity) {
            self.total_direction = Direction::LowerIsBetter;
        }
    }

    fn finish(mut self, sheets: &[&str], title: &str) -> Result<Imported, LoadError> {
        if self.years.is_empty() {
            return Err(LoadError::at("", "no data rows")
                .in_file(sheets.first().copied().unwrap_or_default()));
        }
        // What only reading needed, freed before the years are derived (the load's peak).
        self.listed = Vec::new();
        self.entity_index = super::key_index::KeyIndex::default();
        self.provinces = super::key_index::KeyIndex::default();
        self.entity_provinces = Vec::new();
        self.entities.shrink_to_fit();
        // A record's own province that is its entity's anyway is the entity's.
        for year in &mut self.years {
            let (records, entities) = (&year.records, &self.entities);
            year.provinces.retain_where(|record, own| {
                let entity = records.get(record).and_then(|r| entities.get(r.entity()));
                !entity.is_some_and(|e| e.province_zh == own || e.province_en == own)
            });
        }
        if let Some(note) = one_period_a_year(&mut self.years) {
            self.warnings.push(note);
        }
        for year in &mut self.years {
            year.records.shrink_to_fit();
            year.values.shrink_to_fit();
        }
        self.warnings
            .extend(std::mem::take(&mut self.odd).warnings());
        if self.dropped > 0 {
            self.warnings.push(format!(
                "… and {} more row warnings like those above, not listed (the first {MAX_ROW_WARNINGS} are)",
                self.dropped
            ));
        }
        for (sheet, headers, ragged) in std::mem::take(&mut self.ragged) {
            self.warnings.extend(ragged.warnings(&sheet, headers));
        }
        self.rank_on_the_one_score();
        self.warnings.extend(rank_order_warnings(
            &self.years,
            &self.entities,
            self.total_direction,
        ));
        let capacities = &self.capacities;
        let meta = Meta {
            title: title.to_owned(),
            title_zh: None,
            source: String::new(),
            provenance: format!("Imported from {}", sheets.join(", ")),
            description: String::new(),
            capacities: capacities
                .iter()
                .map(|id| Capacity {
                    id: id.clone(),
                    en: self.label(id).0,
                    zh: self.label(id).1,
                    weight: None,
                    direction: if self.lower_is_better.contains(id) {
                        Direction::LowerIsBetter
                    } else {
                        Direction::HigherIsBetter
                    },
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|(id, capacity)| Indicator {
                    id: id.clone(),
                    capacity: capacities.iter().position(|c| c == capacity).unwrap_or(0),
                    en: self.label(id).0,
                    zh: self.label(id).1,
                    unit: String::new(),
                    direction: if self
                        .lower_indicators
                        .iter()
                        .any(|(i, c)| i == id && c == capacity)
                    {
                        Direction::LowerIsBetter
                    } else {
                        Direction::HigherIsBetter
                    },
                })
                .collect(),
            extras: self
                .extras
                .iter()
                .map(|id| Extra {
                    id: id.clone(),
                    en: self.label(id).0,
                    zh: self.label(id).1,
                })
                .collect(),
            total_direction: self.total_direction,
            group_label: self.group_label.clone(),
        };
        if meta.capacities.is_empty() {
            return Err(LoadError::at(
                "",
                "no column holds a capacity score; give at least one column the role \"capacity\"",
            ));
        }
        Ok(Imported {
            dataset: Dataset::new(meta, self.entities, self.years),
            warnings: self.warnings,
        })
    }
}

/// Release dates name the periods only where a year has several: when every year has one
/// release, the periods are the years (a dated annual list reads as years). Returns a note when
/// the releases are kept.
fn one_period_a_year(years: &mut [YearInput]) -> Option<String> {
    let dates: Vec<i32> = years
        .iter()
        .map(|y| y.year)
        .filter(|&y| period::is_date(y))
        .collect();
    if dates.is_empty() {
        return None;
    }
    let calendar = |key: i32| period::year_of(key);
    let several = dates.iter().any(|&d| {
        years
            .iter()
            .filter(|y| calendar(y.year) == calendar(d))
            .count()
            > 1
    });
    if several {
        let first = dates.iter().min().copied().unwrap_or_default();
        let last = dates.iter().max().copied().unwrap_or_default();
        return Some(format!(
            "{} releases from {} to {}, some in the same year: each release is a period",
            dates.len(),
            period::label(first),
            period::label(last)
        ));
    }
    for year in years.iter_mut() {
        if let Some(calendar_year) = calendar(year.year) {
            year.year = calendar_year;
        }
    }
    None
}

/// A cell as its column's role reads it.
enum CellValue {
    Rank(Option<crate::model::Rank>),
    Number(Option<f64>),
    Year(i32),
    /// Text kept as it is (names, ids, provinces) or a column left out.
    Text,
}

/// Reads `text` as `role` reads a cell: the one place a role is tied to its parser.
fn read_cell(role: &Role, text: &str) -> Result<CellValue, String> {
    Ok(match role {
        Role::Rank => CellValue::Rank(parse_rank(text)?),
        Role::Total | Role::Capacity { .. } | Role::Indicator { .. } | Role::Extra { .. } => {
            CellValue::Number(parse_number(text)?)
        }
        Role::Year => CellValue::Year(parse_year(text)?),
        Role::Name | Role::Id | Role::Province | Role::Ignore => CellValue::Text,
    })
}

/// Whether `text` reads as a cell of `role` (a missing value always does): what the mapping
/// dialog colours its samples by.
#[must_use]
pub fn readable_as(role: &Role, text: &str) -> bool {
    is_missing(text) || read_cell(role, text).is_ok()
}

/// Reads `text` into `slot` of the part of `record` that `role` names (a year is read where
/// the record's period is decided).
pub(crate) fn apply_value(
    record: &mut RecordInput,
    role: &Role,
    text: &str,
    slot: usize,
) -> Result<(), String> {
    if matches!(role, Role::Year) {
        return Ok(());
    }
    match read_cell(role, text)? {
        CellValue::Rank(rank) => record.given_rank = rank,
        CellValue::Number(value) => set_number(record, role, slot, value),
        _ => {}
    }
    Ok(())
}

/// Puts a number read for `role` into `slot` of the part of `record` the role names.
pub(crate) fn set_number(record: &mut RecordInput, role: &Role, slot: usize, value: Option<f64>) {
    match role {
        Role::Total => record.total = value,
        Role::Capacity { .. } => record.set_score(slot, value),
        Role::Indicator { .. } => record.set_indicator(slot, value),
        Role::Extra { .. } => record.set_extra(slot, value),
        _ => {}
    }
}

/// The cells of one row as a reader hands them over: text (CSV, workbooks), or typed values
/// (columnar files), which a number role takes without reading text.
pub(crate) trait RowFields<'a> {
    /// How many cells the row has.
    fn count(&self) -> usize;
    /// Cell `i` as text; empty past the row's end.
    fn text(&self, i: usize) -> Cow<'a, str>;
    /// Whether cell `i` is empty or blank (or past the row's end).
    fn is_blank(&self, i: usize) -> bool {
        self.text(i).trim().is_empty()
    }
    /// Reads cell `i` into `slot` of `record` as `role` reads it (a rank, a total, a score…).
    ///
    /// # Errors
    /// When the cell does not read as the role's value.
    fn apply(
        &self,
        i: usize,
        record: &mut RecordInput,
        role: &Role,
        slot: usize,
    ) -> Result<(), String> {
        apply_value(record, role, &self.text(i), slot)
    }

    /// Cell `i` as a number role (a total, a score, an indicator, an extra column) reads it:
    /// `Ok(None)` when missing.
    ///
    /// # Errors
    /// When the cell is not a number.
    fn number(&self, i: usize) -> Result<Option<f64>, OddCell> {
        parse_number(&self.text(i)).map_err(|_| OddCell)
    }

    /// Field `i` as a year when it is stored as a whole number that is one (1000–9999), as
    /// its text would read; `None` leaves it to its text.
    fn year(&self, _i: usize) -> Option<i32> {
        None
    }

    /// Whether cell `i` is known to be kept as it is (no space at either end, no control
    /// character), so that it need not be trimmed; `false` leaves it to be.
    fn is_clean(&self, _i: usize) -> bool {
        false
    }

    /// Cell `i`'s place in its column's dictionary, when the column is held as one: cells of
    /// a run with the same place hold the same text (so what it reads as is read once).
    fn code(&self, _i: usize) -> Option<u32> {
        None
    }
}

/// A cell its column's role cannot read (it is read as missing, and counted).
#[derive(Debug)]
pub(crate) struct OddCell;

impl<'a> RowFields<'a> for [Cow<'a, str>] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, i: usize) -> Cow<'a, str> {
        self.get(i).cloned().unwrap_or_default()
    }

    fn is_blank(&self, i: usize) -> bool {
        self.get(i).is_none_or(|f| f.trim().is_empty())
    }

    // Read in place: a quoted cell is owned text, which `text` would copy.
    fn number(&self, i: usize) -> Result<Option<f64>, OddCell> {
        parse_number(self.get(i).map_or("", |f| f)).map_err(|_| OddCell)
    }
}

impl Builder {
    /// The (English, Chinese) labels of a component, extra column or indicator: the mapping's,
    /// or else its id as the label of the language it is written in, so that "both names" never
    /// shows it twice.
    fn label(&self, id: &str) -> (String, String) {
        if let Some((en, zh)) = self.labels.get(id) {
            return (en.clone(), zh.clone());
        }
        let chinese = id.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if chinese {
            (String::new(), id.to_owned())
        } else {
            (id.to_owned(), String::new())
        }
    }
}

/// The items in order of first appearance, each once (in linear time: a sheet may have tens of
/// thousands of columns).
fn unique<T: Eq + std::hash::Hash + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.filter(|item| seen.insert(item.clone())).collect()
}

/// What the given exact places and the totals say of each other, one line per kind of finding
/// and year with a count and the first few examples (see [`check_places`]). Gaps and ties
/// followed too soon are only looked for in years without bands, whose places they leave out.
fn rank_order_warnings(
    years: &[YearInput],
    entities: &[Entity],
    total_direction: Direction,
) -> Vec<String> {
    const EXAMPLES: usize = 3;
    let mut warnings = Vec::new();
    for year in years {
        let name = |record: usize| {
            year.records
                .get(record)
                .and_then(|r| entities.get(r.entity()))
                .map(|e| {
                    if e.zh.is_empty() {
                        e.en.as_str()
                    } else {
                        e.zh.as_str()
                    }
                })
                .unwrap_or_default()
        };
        let place = |record: usize| match year.records.get(record).and_then(|r| r.given_rank) {
            Some(rank) => rank.to_string(),
            None => String::new(),
        };
        let total = |record: usize| {
            year.records
                .get(record)
                .and_then(crate::model::Record::total)
                .unwrap_or(f64::NAN)
        };
        let placed: Vec<Placed> = year
            .records
            .iter()
            .enumerate()
            .filter_map(|(record, r)| match (r.given_rank, r.total()) {
                (Some(crate::model::Rank::Exact(place)), Some(total)) => Some(Placed {
                    record,
                    place,
                    // Where lower is better, the checks read the total turned round.
                    total: total_direction.oriented(total),
                }),
                _ => None,
            })
            .collect();
        let banded = year.records.iter().any(|r| {
            matches!(
                r.given_rank,
                Some(crate::model::Rank::Band { .. } | crate::model::Rank::Open { .. })
            )
        });
        let mut kinds: [Vec<String>; 5] = Default::default();
        for finding in check_places(&placed) {
            let (kind, text) = match finding {
                RankFinding::Gap {
                    place,
                    next,
                    expected,
                    ..
                } if !banded => (
                    0,
                    if place == 0 {
                        format!("the first place is {next}")
                    } else {
                        format!("{place} → {next} (expected {expected})")
                    },
                ),
                RankFinding::TooSoon {
                    place,
                    count,
                    next,
                    expected,
                } if !banded => (
                    1,
                    format!("{count} tied at {place}, then {next} (expected {expected})"),
                ),
                RankFinding::Gap { .. } | RankFinding::TooSoon { .. } => continue,
                RankFinding::SharedPlace { place, a, b } => (
                    2,
                    format!(
                        "\"{}\" and \"{}\" at {place} with totals {} and {}",
                        name(a),
                        name(b),
                        total(a),
                        total(b)
                    ),
                ),
                RankFinding::EqualTotals { a, b } => (
                    3,
                    format!(
                        "\"{}\" ({}) and \"{}\" ({}) both total {}",
                        name(a),
                        place(a),
                        name(b),
                        place(b),
                        total(a)
                    ),
                ),
                RankFinding::Inversion { better, worse } => (
                    4,
                    format!(
                        "\"{}\" ({}, total {}) ahead of \"{}\" ({}, total {})",
                        name(better),
                        place(better),
                        total(better),
                        name(worse),
                        place(worse),
                        total(worse)
                    ),
                ),
            };
            kinds[kind].push(text);
        }
        let heads = [
            "the ranks skip places; the file may hold part of a larger ranking",
            "ties are followed by too near a place (competition ranking skips one place per tied member)",
            "a place is shared by different totals",
            "equal totals are ranked apart",
            if total_direction == Direction::LowerIsBetter {
                "a better rank has a higher total (lower is better)"
            } else {
                "a better rank has a lower total"
            },
        ];
        for (examples, head) in kinds.iter().zip(heads) {
            if examples.is_empty() {
                continue;
            }
            let shown = examples
                .iter()
                .take(EXAMPLES)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ");
            let more = examples.len().saturating_sub(EXAMPLES);
            let more = if more > 0 {
                format!("; … and {more} more")
            } else {
                String::new()
            };
            let when = if year.year == period::UNDATED {
                String::new()
            } else {
                format!("{}: ", period::label(year.year))
            };
            warnings.push(format!(
                "{when}{head} ({} found: {shown}{more})",
                examples.len()
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_found_by_their_bytes_as_by_their_chars() {
        let samples = [
            "北京",
            "a\tb",
            "x\u{7f}",
            "\u{80}y",
            "\u{9f}",
            "\u{a0}",
            "©",
            "¡Hola",
            "é\u{85}",
            "",
            "line\nbreak",
            "\u{1f}",
            "中关村\u{2028}",
        ];
        for text in samples {
            assert_eq!(
                crate::io::text_column::has_control(text),
                text.chars().any(char::is_control),
                "{text:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn a_sample_is_readable_exactly_when_its_role_would_read_it() {
        let capacity = Role::Capacity { id: "c".into() };
        assert!(readable_as(&capacity, "12.5%"));
        assert!(readable_as(&capacity, "2,243"));
        assert!(!readable_as(&capacity, "abc"));
        assert!(readable_as(&Role::Rank, "T12"));
        assert!(readable_as(&Role::Rank, "51-70"));
        assert!(!readable_as(&Role::Rank, "first"));
        assert!(readable_as(&Role::Year, "2023年"));
        assert!(!readable_as(&Role::Year, "twenty"));
        assert!(readable_as(&Role::Name, "anything at all"));
        for role in [capacity, Role::Rank, Role::Year, Role::Total] {
            assert!(
                readable_as(&role, "N/A"),
                "a missing value reads as missing"
            );
        }
    }

    fn rows(cells: &[&[&str]]) -> Vec<Row> {
        cells
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                line: i + 1,
                fields: r.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect()
    }

    #[test]
    fn the_header_is_the_first_row_nearly_as_wide_as_the_table() {
        let titled = rows(&[
            &["2023中国科技城百强榜", "", "", ""],
            &["", "", "", ""],
            &["排名", "科技城", "总分", "创新"],
            &["1", "甲城", "90", "88"],
        ]);
        assert_eq!(headers(&titled).map(|h| h.0), Some(2));
        assert_eq!(
            skipped_above_header("a.csv", &titled, 2).as_deref(),
            Some("a.csv: 1 row above the header (row 3) was skipped: \"2023中国科技城百强榜\"")
        );
        // An index column with an empty header (pandas) is still the header row.
        let indexed = rows(&[&["", "name", "score"], &["0", "North", "80"]]);
        assert_eq!(headers(&indexed).map(|h| h.0), Some(0));
        assert_eq!(skipped_above_header("a.csv", &indexed, 0), None);
        // One column: its first row.
        let single = rows(&[&["name"], &["North"]]);
        assert_eq!(headers(&single).map(|h| h.0), Some(0));
    }

    #[test]
    fn a_second_header_row_is_read_with_the_first() {
        let two = rows(&[
            &["排名", "城市", "总分", "科技创新能力", ""],
            &["Rank", "City", "Total", "Innovation", "Support"],
            &["1", "深圳", "90.1", "88", "87"],
            &["2", "上海", "89.5", "91", "80"],
        ]);
        assert_eq!(
            headers(&two),
            Some((
                1,
                vec![
                    "排名".to_owned(),
                    "城市".into(),
                    "总分".into(),
                    "科技创新能力".into(),
                    "Support".into()
                ]
            ))
        );
        assert_eq!(skipped_above_header("a.csv", &two, 1), None);
        // A first data row with one typo is data, not a header.
        let typo = rows(&[
            &["排名", "城市", "总分", "创新"],
            &["1", "深圳", "9O.1", "88"],
            &["2", "上海", "89.5", "91"],
        ]);
        assert_eq!(headers(&typo).map(|h| h.0), Some(0));
    }

    #[test]
    fn years_are_found_in_file_names() {
        assert_eq!(year_in_name("cities-2023.csv"), Some(2023));
        assert_eq!(year_in_name("科技城百强2022年.csv"), Some(2022));
        assert_eq!(year_in_name("top100.csv"), None);
        assert_eq!(
            year_in_name("run12023.csv"),
            None,
            "not a year inside a longer number"
        );
    }
}
