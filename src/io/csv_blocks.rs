//! A large CSV file read a block at a time ([`super::tabular::build_blocks`]), so that its text
//! is never held whole: each block cut after the last line break that an even number of quotes
//! precedes. UTF-8 files, and files in an encoding given whose characters never hold a line
//! feed's or a quote's byte ([`block_encoding`]), each block decoded on its own; any other file,
//! and any file whose blocks cannot be read as the whole text would be, is read whole as before.

use std::io::Read as _;
use std::path::Path;

use super::error::LoadError;
use super::import::Loaded;
use super::mapping::Mapping;
use super::tabular::Block;

/// Files from this size are read in blocks; smaller ones whole.
pub const BLOCKS_FROM: u64 = 64 << 20;

/// The bytes read at a time (a block is longer by the end of a row): the first block, which
/// the mapping is detected from, and each after it (as long: the first two are read side by
/// side).
pub const BLOCK_BYTES: (usize, usize) = (4 << 20, 1 << 20);

/// The file's bytes a block at a time, each cut after a row.
pub struct Blocks<R> {
    source: R,
    /// The start of the next block: the bytes read past the last cut.
    carry: Vec<u8>,
    done: bool,
}

impl<R: std::io::Read> Blocks<R> {
    /// The blocks of `source`.
    pub fn new(source: R) -> Self {
        Self {
            source,
            carry: Vec::new(),
            done: false,
        }
    }

    /// The next block: about `size` bytes, up to the last line break past which the quotes
    /// are even ([`row_cut`]); the rest of the source when it ends; `None` after that.
    ///
    /// # Errors
    /// When the source cannot be read.
    pub fn next_block(&mut self, size: usize) -> std::io::Result<Option<Vec<u8>>> {
        self.next_block_in(size, Vec::new())
    }

    /// [`Self::next_block`] read into `spare` (a block's buffer read before, whose bytes are
    /// dropped): no fresh memory for each block.
    ///
    /// # Errors
    /// When the source cannot be read.
    pub fn next_block_in(
        &mut self,
        size: usize,
        mut spare: Vec<u8>,
    ) -> std::io::Result<Option<Vec<u8>>> {
        let size = size.max(1);
        spare.clear();
        spare.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut bytes = spare;
        loop {
            if self.done {
                return Ok((!bytes.is_empty()).then_some(bytes));
            }
            let before = bytes.len();
            bytes.reserve(size);
            let wanted = u64::try_from(size).unwrap_or(u64::MAX);
            (&mut self.source).take(wanted).read_to_end(&mut bytes)?;
            if bytes.len() - before < size {
                self.done = true;
                continue;
            }
            if let Some(cut) = row_cut(&bytes) {
                self.carry = bytes[cut..].to_vec();
                bytes.truncate(cut);
                return Ok(Some(bytes));
            }
        }
    }
}

/// Where to cut `bytes` after a row: after the last line break that an even number of quotes
/// precedes (outside quotes by the quoting rules, unless a stray quote inside an unquoted field
/// misleads the count, which the reader of the blocks finds). `None` when there is none.
#[must_use]
pub fn row_cut(bytes: &[u8]) -> Option<usize> {
    // The quotes before each line break, counted back from the end (a row is a few hundred
    // bytes: the cut is found near the end, and the count is one fast pass).
    let mut quotes = memchr::memchr_iter(b'"', bytes).count();
    for at in memchr::memrchr2_iter(b'"', b'\n', bytes) {
        if bytes[at] == b'"' {
            quotes -= 1;
        } else if quotes.is_multiple_of(2) {
            return Some(at + 1);
        }
    }
    None
}

/// Whether a file in `encoding` can be read in blocks: UTF-8 (checked), and encodings whose
/// multi-byte characters never hold the bytes of a line feed or a quote (single-byte ones,
/// GB18030, GBK, Big5, `Shift_JIS`, EUC-JP, EUC-KR), so that a block cut after a line break
/// decodes as that stretch of the whole text does.
#[must_use]
pub fn block_encoding(encoding: &'static encoding_rs::Encoding) -> bool {
    use encoding_rs::{BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_8};
    encoding.is_single_byte()
        || [UTF_8, GB18030, GBK, BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&encoding)
}

/// The text of a block's bytes in `encoding` ([`block_encoding`]): UTF-8 as it is (`None` when
/// it is not UTF-8), another encoding decoded, a byte that does not decode as U+FFFD (as the
/// whole text's decoding gives it).
#[must_use]
pub fn block_text<'b>(
    encoding: &'static encoding_rs::Encoding,
    bytes: &'b [u8],
) -> Option<std::borrow::Cow<'b, str>> {
    if encoding == encoding_rs::UTF_8 {
        std::str::from_utf8(bytes)
            .ok()
            .map(std::borrow::Cow::Borrowed)
    } else {
        Some(encoding.decode_without_bom_handling(bytes).0)
    }
}

/// Opens the CSV file at `path` (named `file`, the dataset `title`) in blocks of about
/// `sizes` bytes (the first, the others: [`BLOCK_BYTES`]), as [`super::import`] opens CSV
/// files: UTF-8 unless `forced` gives another encoding ([`block_encoding`]). `Ok(None)` when it
/// must be read whole instead (not UTF-8 when none is given, a head longer than the first
/// block, blocks that do not read as the whole text would): reading it whole gives the same
/// dataset, warnings and errors.
///
/// # Errors
/// As opening the file whole, when the error does not depend on the blocks; cancelled.
pub fn load_in_blocks(
    path: &Path,
    (file, title): (&str, &str),
    (mapping, forced): (Option<&Mapping>, Option<&'static encoding_rs::Encoding>),
    cancel: &super::Cancel,
    (head, block): (usize, usize),
) -> Result<Option<Loaded>, LoadError> {
    let encoding = forced.unwrap_or(encoding_rs::UTF_8);
    if !block_encoding(encoding) {
        return Ok(None);
    }
    let Ok(handle) = std::fs::File::open(path) else {
        return Ok(None);
    };
    let mut blocks = Blocks::new(handle);
    let Ok(Some(mut first)) = blocks.next_block(head) else {
        return Ok(None);
    };
    // A byte-order mark is not text: a UTF-8 one when the encoding is guessed, any when given.
    let bom = match forced {
        None => usize::from(first.starts_with(b"\xef\xbb\xbf")) * 3,
        Some(_) => encoding_rs::Encoding::for_bom(&first).map_or(0, |(_, length)| length),
    };
    first.drain(..bom);
    let Some(text) = block_text(encoding, &first) else {
        return Ok(None);
    };
    let head_text = super::text::Decoded {
        text: text.chars().take(4_000).collect(),
        encoding: encoding.name(),
    };
    if super::text::not_text(&head_text).is_some() {
        return Ok(None);
    }
    // The head as the whole text gives it: its rows stop inside the block, and the delimiter is
    // told from twenty lines.
    let lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .count();
    let Ok(head) = super::import::csv_head(file, &text) else {
        return Ok(None);
    };
    if !head.complete || lines < 20 {
        return Ok(None);
    }
    drop(text);
    let chosen = mapping.unwrap_or(&head.detected);
    let mut next = |spare| {
        Ok(blocks
            .next_block_in(block, spare)?
            .map(|bytes| Block { bytes, start: 0 }))
    };
    let imported = super::tabular::build_blocks(
        file,
        super::tabular::year_in_name(file),
        head.header_fields.clone(),
        (
            Block {
                bytes: first,
                start: head.data_start.offset,
            },
            head.data_start.line,
            head.delimiter,
        ),
        (&mut next, encoding),
        chosen,
        (title, cancel),
    )
    .map_err(|e| if e.file.is_none() { e.in_file(file) } else { e })?;
    Ok(imported.map(|imported| Loaded {
        warnings: super::tabular::skipped_above_header(file, &head.rows, head.header_row)
            .into_iter()
            .chain(imported.warnings)
            .collect(),
        dataset: imported.dataset,
        mapping: Some(chosen.clone()),
        encoding: Some(encoding.name()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_cut_after_the_last_row_outside_quotes() {
        assert_eq!(row_cut(b"a,1\nb,2\nc,"), Some(8));
        assert_eq!(row_cut(b"a,1\n\"b\nstill b\",2\nc"), Some(18));
        // The last line break is inside an open quote: cut before the quoted field's row.
        assert_eq!(row_cut(b"a,1\n\"b\nc"), Some(4));
        assert_eq!(row_cut(b"no line break"), None);
        assert_eq!(row_cut(b"\"open\nquote"), None);
    }

    #[test]
    fn blocks_join_to_the_text_and_end_after_rows() {
        let text = "name,score\n\"Shenzhen, Guangdong\",1\n\"two\nlines\",2\nplain,3\n\"x\",4";
        for size in 1..text.len() + 2 {
            let mut blocks = Blocks::new(text.as_bytes());
            let mut all = Vec::new();
            while let Some(block) = blocks.next_block(size).expect("in memory") {
                all.push(block);
            }
            assert_eq!(all.concat(), text.as_bytes(), "size {size}");
            // Every block but the last ends a row, outside quotes.
            for block in &all[..all.len() - 1] {
                let quotes = memchr::memchr_iter(b'"', block).count();
                assert!(
                    block.ends_with(b"\n") && quotes.is_multiple_of(2),
                    "size {size}: {:?}",
                    String::from_utf8_lossy(block)
                );
            }
            if size < 20 {
                assert!(all.len() > 1, "size {size}: cut in blocks");
            }
        }
    }

    /// A long-format CSV of `years` × `entities` rows with what real files hold: missing and
    /// unreadable cells, a repeated row, blank lines, an entity moving province, quoted names
    /// with commas and line breaks (`quoted`), and a note under the table.
    fn ranking(years: i32, entities: usize, quoted: bool, newline: &str) -> String {
        use std::fmt::Write as _;
        let mut text = String::new();
        write!(
            text,
            "year,id,name,province,rank,total,innovation,carrying{newline}"
        )
        .expect("text");
        for year in 2020..2020 + years {
            for e in 0..entities {
                let name = if quoted && e % 7 == 3 {
                    format!("\"City {e}, \"\"old\"\"\nname\"")
                } else {
                    format!("City {e}")
                };
                let province = if e == 5 && year > 2020 {
                    "Hubei"
                } else {
                    "Hunan"
                };
                let rank = if e % 11 == 4 {
                    format!("{}-{}", e + 1, e + 3)
                } else {
                    (e + 1).to_string()
                };
                let innovation = match e % 13 {
                    2 => String::new(),
                    9 => "n/a".to_owned(),
                    _ => format!("{}.{}", 90 - e % 50, e % 10),
                };
                write!(
                    text,
                    "{year},c{e},{name},{province},{rank},{}.5,{innovation},{}{newline}",
                    1000 - e,
                    e % 17
                )
                .expect("text");
                if e == 20 {
                    write!(
                        text,
                        "{newline}{year},c{e},City {e},Hunan,99,1,2,3{newline}"
                    )
                    .expect("text");
                }
            }
        }
        write!(text, "注：数据来源 test{newline}").expect("text");
        text
    }

    /// How a file opened in blocks.
    #[derive(Debug, PartialEq)]
    enum Read {
        /// In blocks, to the dataset and warnings of the whole text.
        Blocks,
        /// In blocks, to the whole text's error.
        Failed,
        /// Left to be read whole.
        Whole,
    }

    /// Opens `text` as the file `name` whole and in blocks of `sizes`; checks that the blocks
    /// give what the whole text gives, and says how they were read.
    fn same_both_ways(name: &str, text: &[u8], sizes: (usize, usize)) -> Read {
        same_both_ways_in(name, text, sizes, None)
    }

    /// [`same_both_ways`], the file read in `forced` when given.
    fn same_both_ways_in(
        name: &str,
        text: &[u8],
        sizes: (usize, usize),
        forced: Option<&'static encoding_rs::Encoding>,
    ) -> Read {
        let cancel = super::super::Cancel::new();
        let title = name.trim_end_matches(".csv");
        let whole =
            super::super::import::load_csv_bytes(name, title, text.to_vec(), None, forced, &cancel);
        let dir = std::env::temp_dir().join(format!("rankscope-blocks-{:05}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        let blocks = load_in_blocks(&path, (name, title), (None, forced), &cancel, sizes);
        let _ = std::fs::remove_file(&path);
        match (whole, blocks) {
            (Ok(whole), Ok(Some(blocks))) => {
                // UTF-8 given (as the mapping dialog gives what it guessed) reads the same.
                let utf8 = Some(forced.unwrap_or(encoding_rs::UTF_8));
                let given = super::super::import::load_csv_bytes(
                    name,
                    title,
                    text.to_vec(),
                    None,
                    utf8,
                    &cancel,
                )
                .expect("reads with UTF-8 given");
                assert_eq!(given.warnings, whole.warnings, "{name} {sizes:?}");
                assert!(
                    given.dataset == whole.dataset,
                    "{name} {sizes:?}: UTF-8 given"
                );
                assert_eq!(whole.warnings, blocks.warnings, "{name} {sizes:?}");
                assert_eq!(whole.mapping, blocks.mapping, "{name} {sizes:?}");
                assert_eq!(whole.encoding, blocks.encoding, "{name} {sizes:?}");
                assert!(
                    whole.dataset == blocks.dataset,
                    "{name} {sizes:?}: datasets differ"
                );
                Read::Blocks
            }
            (Err(whole), Err(blocks)) => {
                assert_eq!(whole, blocks, "{name} {sizes:?}");
                Read::Failed
            }
            (_, Ok(None)) => Read::Whole,
            (whole, blocks) => panic!(
                "{name} {sizes:?}: whole {:?}, blocks {:?}",
                whole.map(|l| l.warnings),
                blocks.map(|l| l.map(|l| l.warnings))
            ),
        }
    }

    #[test]
    fn blocks_read_as_the_whole_text_reads() {
        for (quoted, newline) in [(false, "\n"), (true, "\n"), (false, "\r\n"), (true, "\r\n")] {
            let text = ranking(3, 120, quoted, newline);
            let bom = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
            for sizes in [
                (3_000, 97),
                (3_000, 700),
                (6_000, 2_500),
                (1 << 20, 1 << 20),
            ] {
                let read = same_both_ways("cities.csv", text.as_bytes(), sizes);
                assert_eq!(read, Read::Blocks, "{sizes:?} {quoted}");
                assert_eq!(same_both_ways("bom.csv", &bom, sizes), Read::Blocks);
            }
        }
        // A head longer than the first block is read whole.
        let text = ranking(1, 30, false, "\n");
        assert_eq!(
            same_both_ways("short.csv", text.as_bytes(), (200, 200)),
            Read::Whole
        );
    }

    #[test]
    fn files_the_blocks_cannot_read_alike_are_read_whole_or_fail_alike() {
        let sizes = (3_000, 300);
        let text = ranking(2, 100, true, "\n");
        // Stray quotes inside unquoted names mislead the count of quotes: a block then ends
        // inside a quoted field, and the file is read whole.
        let stray = text
            .replace("City 40,", "Ci\"ty 40,")
            .replace("City 77,", "Ci\"ty 77,");
        assert_eq!(
            same_both_ways("stray.csv", stray.as_bytes(), sizes),
            Read::Whole
        );
        // A row with no name far into the file: left to the whole text, whose first error is
        // the file's.
        let nameless = text.replace("c90,City 90,", "c90,,");
        assert_eq!(
            same_both_ways("nameless.csv", nameless.as_bytes(), sizes),
            Read::Whole
        );
        // A quote the last row never closes: the same error, from the last block.
        let open = format!("{text}2021,c1,\"City 1,Hunan,1,2,3,4\n");
        assert_eq!(
            same_both_ways("open.csv", open.as_bytes(), sizes),
            Read::Failed
        );
        // Carriage returns alone as line breaks in the middle of the file: read whole, so that
        // rows keep their line numbers.
        let old_mac = text.replace("\n2021,c4", "\r2021,c4");
        assert_eq!(
            same_both_ways("cr.csv", old_mac.as_bytes(), sizes),
            Read::Whole
        );
        // Not UTF-8 (GB18030 bytes): read whole, as GB18030, when the encoding is guessed (the
        // guess looks at the whole text); in blocks when it is given, as the dialog gives it.
        let chinese = text.replace("City", "城市").replace("Hunan", "湖南");
        let (gbk, _, _) = encoding_rs::GB18030.encode(&chinese);
        assert_eq!(same_both_ways("gbk.csv", &gbk, sizes), Read::Whole);
        let gb18030 = Some(encoding_rs::GB18030);
        for sizes in [(3_000, 97), (3_000, 1_000)] {
            assert_eq!(
                same_both_ways_in("gbk.csv", &gbk, sizes, gb18030),
                Read::Blocks
            );
            // With a byte-order mark of another encoding, and bytes that do not decode.
            let marked = [b"\xef\xbb\xbf".as_slice(), &gbk].concat();
            assert_eq!(
                same_both_ways_in("marked.csv", &marked, sizes, gb18030),
                Read::Blocks
            );
            let mut broken = gbk.to_vec();
            broken.insert(5_000, 0x81);
            broken.insert(4_000, 0xff);
            assert_ne!(
                same_both_ways_in("broken.csv", &broken, sizes, gb18030),
                Read::Whole
            );
        }
    }

    #[test]
    fn a_guessed_encoding_reads_in_blocks_as_the_whole_text_guessed() {
        // GB18030 and Latin-1 text that the detector takes for GBK, the encoding not given: the
        // guess made a block at a time is the whole text's, and the blocks read in it give
        // what the whole text read with its guess gives.
        let text = ranking(2, 100, true, "\n");
        let chinese = text.replace("City", "城市").replace("Hunan", "湖南");
        let (gbk, _, _) = encoding_rs::GB18030.encode(&chinese);
        let turkish = text.replace("Hunan", "Türkiye");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&turkish);
        let cancel = super::super::Cancel::new();
        let dir = std::env::temp_dir().join(format!("rankscope-guess-{:05}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        for (name, bytes) in [("gbk.csv", &gbk[..]), ("latin.csv", &latin[..])] {
            let whole = super::super::import::load_csv_bytes(
                name,
                "t",
                bytes.to_vec(),
                None,
                None,
                &cancel,
            )
            .expect("reads whole");
            for chunk in [7, 97, 1_000] {
                let guess =
                    super::super::text::guess_streamed(&mut std::io::Cursor::new(bytes), chunk)
                        .expect("read")
                        .expect("a guess");
                assert_eq!(Some(guess.name()), whole.encoding, "{name} {chunk}");
                let path = dir.join(name);
                std::fs::write(&path, bytes).expect("written");
                let blocks = load_in_blocks(
                    &path,
                    (name, "t"),
                    (None, Some(guess)),
                    &cancel,
                    (3_000, chunk.max(97)),
                )
                .expect("no error")
                .expect("read in blocks");
                assert_eq!(blocks.warnings, whole.warnings, "{name}");
                assert_eq!(blocks.encoding, whole.encoding, "{name}");
                assert_eq!(blocks.mapping, whole.mapping, "{name}");
                assert!(blocks.dataset == whole.dataset, "{name}: datasets differ");
            }
        }
        assert_eq!(
            whole_encoding(&latin),
            "windows-1252",
            "the premise: Latin-1 read as Latin-1"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn whole_encoding(bytes: &[u8]) -> &'static str {
        super::super::text::decode(bytes).encoding
    }

    #[test]
    fn damaged_texts_read_in_blocks_as_whole_or_are_left_to_the_whole_reading() {
        // Texts with bytes changed at random (quotes, carriage returns, line breaks, delimiters,
        // NUL, bytes that are not UTF-8, bytes dropped): never a different dataset, warning or
        // error from the blocks, never a panic.
        let text = ranking(2, 60, true, "\n").into_bytes();
        let mut rng = crate::model::rng::SplitMix64::new(7);
        let mut read_in_blocks = 0;
        for case in 0..150 {
            let mut bytes = text.clone();
            let changes = 1 + rng.next_u64() % 4;
            for _ in 0..changes {
                let len = u64::try_from(bytes.len()).expect("small");
                let at = usize::try_from(rng.next_u64() % len).expect("small");
                let byte = [b'"', b'\r', b'\n', b',', 0, 0xff, b'x']
                    [usize::try_from(rng.next_u64() % 7).expect("small")];
                if rng.next_u64().is_multiple_of(5) {
                    bytes.remove(at);
                } else {
                    bytes.insert(at, byte);
                }
            }
            if same_both_ways("damaged.csv", &bytes, (2_500, 150 + case)) == Read::Blocks {
                read_in_blocks += 1;
            }
        }
        // Most changes leave a text the blocks read (a stray quote or a byte not UTF-8 does not).
        assert!(
            read_in_blocks > 20,
            "{read_in_blocks} of 150 read in blocks"
        );
    }
}
