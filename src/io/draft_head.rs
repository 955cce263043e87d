//! The first rows of a large text file for the mapping dialog, read from its first block
//! rather than from the whole file decoded: the dialog shows a 1 GB CSV's first 500 rows
//! without holding its bytes and their text at once.

use std::path::Path;

use super::csv::{Row, detect_delimiter, for_each_row};

/// A text file's first rows as the whole file's reading gives them.
pub struct FirstRows {
    pub rows: Vec<Row>,
    /// The encoding's name.
    pub encoding: &'static str,
    /// Whether the file goes on past the rows.
    pub head_only: bool,
}

/// The first `limit` rows of the text file at `path` (`forced`: its encoding when given), read
/// in blocks of `block` bytes cut after a row: the encoding guessed as for the whole file
/// ([`super::text::guess_streamed`]) and only as many blocks decoded as the rows take. `None`
/// when the file is smaller than `from` bytes, or its encoding cannot be read in blocks
/// (UTF-16), or its first lines are not text, or it cannot be read: the whole reading then
/// gives the rows, and the error.
#[must_use]
pub fn read_head(
    path: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
    limit: usize,
    (from, block): (u64, usize),
) -> Option<FirstRows> {
    let mut file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() < from {
        return None;
    }
    let encoding = match forced {
        Some(encoding) => encoding,
        // No guess: a byte-order mark decides (only UTF-8's is read here), or the bytes are
        // UTF-8.
        None => super::text::guess_streamed(&mut file, 1 << 20)
            .ok()?
            .unwrap_or(encoding_rs::UTF_8),
    };
    if !super::csv_blocks::block_encoding(encoding) {
        return None;
    }
    std::io::Seek::rewind(&mut file).ok()?;
    let mut blocks = super::csv_blocks::Blocks::new(file);
    let mut bytes = blocks.next_block(block).ok()??;
    // A byte-order mark is not text: any when the encoding is given, else UTF-8's (another
    // one left `guess_streamed` without a guess, and the bytes are then not UTF-8 below).
    let bom = match (forced, encoding_rs::Encoding::for_bom(&bytes)) {
        (Some(_), Some((_, length))) => length,
        (None, Some((bom, length))) if bom == encoding_rs::UTF_8 => length,
        (None, Some(_)) => return None,
        (_, None) => 0,
    };
    bytes.drain(..bom);
    loop {
        let more = blocks.next_block(block).ok()?;
        let text = super::csv_blocks::block_text(encoding, &bytes)?;
        let decoded = super::text::Decoded {
            text: text.chars().take(4_000).collect(),
            encoding: encoding.name(),
        };
        if super::text::not_text(&decoded).is_some() {
            return None;
        }
        let mut rows = Vec::new();
        let stop = for_each_row(
            &text,
            detect_delimiter(&text),
            1,
            &|_| {},
            &mut |line, f| {
                rows.push(Row {
                    line,
                    fields: f.iter().map(|f| f.clone().into_owned()).collect(),
                });
                rows.len() < limit
            },
        );
        // Twenty lines tell the delimiter and 4,000 characters whether it is text; the rows
        // are all there, or the file ends here.
        let lines = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(20)
            .count();
        let short = rows.len() < limit || lines < 20 || decoded.text.chars().count() < 4_000;
        match more {
            Some(next) if short => bytes.extend_from_slice(&next),
            // The whole file, a quote left open: the whole reading's error.
            None if stop.unclosed_quote.is_some() && stop.offset >= text.len() => return None,
            more => {
                return Some(FirstRows {
                    rows,
                    encoding: encoding.name(),
                    head_only: more.is_some() || stop.offset < text.len(),
                });
            }
        }
    }
}
