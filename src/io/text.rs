//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the Chinese encodings Excel
//! writes on Chinese Windows (GB18030/GBK), detected when the file says nothing, and Latin-1
//! (Windows-1252) when a guess of GBK reads like a misread Latin-1 file.

use encoding_rs::{Encoding, GB18030, UTF_8, WINDOWS_1252};

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`: a byte-order mark decides; else valid UTF-8 is UTF-8; else the encoding is
/// guessed (for Chinese spreadsheets, GB18030). Undecodable bytes become U+FFFD, which the cell
/// parsers then reject with a message naming the cell.
#[must_use]
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = GuessPrefix::default().take(bytes);
    detector.feed(prefix, true);
    let guessed = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GBK is a subset of GB18030: decode as the superset.
    let encoding = if guessed == encoding_rs::GBK || guessed == encoding_rs::GB18030 {
        GB18030
    } else {
        guessed
    };
    // The guess checked on the text it was made from.
    if encoding == GB18030
        && looks_like_latin_mojibake(&GB18030.decode_without_bom_handling(prefix).0)
    {
        // Latin-1 text with a few accented letters can pass for GBK: "Türkiye" → "T黵kiye".
        let (text, _, _) = WINDOWS_1252.decode(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: WINDOWS_1252.name(),
        };
    }
    let (text, _, _) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// Why the start of a decoded file is not text, if it is not: many characters that do not decode
/// (U+FFFD) or control characters (NUL and the like) in its first 4,000 characters, as a binary
/// file, a UTF-16 file without its byte-order mark, or a GB18030 file behind a UTF-8 mark give.
/// The message names the encoding used, for an error about the file.
#[must_use]
pub fn not_text(decoded: &Decoded) -> Option<String> {
    let head: Vec<char> = decoded.text.chars().take(4_000).collect();
    if head.is_empty() {
        return None;
    }
    let bad = head.iter().filter(|&&c| c == '\u{fffd}').count();
    let control = head
        .iter()
        .filter(|&&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    let nul = head.iter().filter(|&&c| c == '\0').count();
    // One in ten characters gone wrong is not a typo: the bytes are not text in this encoding.
    if (bad + control) * 10 < head.len() {
        return None;
    }
    let hint = if nul * 4 >= head.len() {
        "it looks like UTF-16 without a byte-order mark; give --encoding utf-16le (or utf-16be), \
         or save it as UTF-8"
    } else {
        "it may be binary, or in another encoding than its byte-order mark says; give --encoding \
         NAME (e.g. gb18030), or save it as UTF-8 text"
    };
    Some(format!(
        "read as {}, {} of its first {} characters are not text: {hint}",
        decoded.encoding,
        bad + control,
        head.len()
    ))
}

/// Whether text decoded as GB18030 reads like a Latin-1 file misread: undecodable bytes, or
/// Chinese characters that mostly sit alone between Latin letters ("T黵kiye", "C魌e"), which real
/// Chinese text almost never has.
fn looks_like_latin_mojibake(text: &str) -> bool {
    let mut tally = MojibakeTally::default();
    tally.add(text);
    tally.looks_like_mojibake()
}

/// The bytes the encoding is guessed and the guess checked from: the text up to the line break
/// after its first megabyte of bytes outside ASCII, or all of it (the detector reads some 12 MB
/// a second, and a megabyte of Chinese text leaves no doubt; a byte damaged further on does not
/// turn a whole Chinese file into Latin-1). Taken a chunk at a time, in order.
#[derive(Default)]
struct GuessPrefix {
    non_ascii: usize,
    ended: bool,
}

impl GuessPrefix {
    /// Bytes outside ASCII after which the guess ends at the next line break.
    const NON_ASCII: usize = 1 << 20;

    /// The part of the next `chunk` of the text to guess from.
    fn take<'c>(&mut self, chunk: &'c [u8]) -> &'c [u8] {
        if self.ended {
            return &[];
        }
        for (at, &byte) in chunk.iter().enumerate() {
            if self.non_ascii >= Self::NON_ASCII {
                if byte == b'\n' {
                    self.ended = true;
                    return &chunk[..=at];
                }
            } else if !byte.is_ascii() {
                self.non_ascii += 1;
            }
        }
        chunk
    }
}

/// What [`looks_like_latin_mojibake`] counts, added up over pieces of a text each ending with a
/// line break (no counted run of three characters spans one).
#[derive(Default)]
struct MojibakeTally {
    undecodable: bool,
    cjk: usize,
    sandwiched: usize,
}

impl MojibakeTally {
    fn add(&mut self, text: &str) {
        let is_cjk = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
        self.undecodable |= text.contains('\u{fffd}');
        // Each character with the two before it.
        let (mut before, mut last) = (' ', ' ');
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk += 1;
            }
            if before.is_ascii_alphabetic() && is_cjk(last) && (c.is_ascii_alphabetic() || c == ' ')
            {
                self.sandwiched += 1;
            }
            (before, last) = (last, c);
        }
    }

    fn looks_like_mojibake(&self) -> bool {
        self.undecodable || (self.sandwiched > 0 && self.sandwiched * 2 > self.cjk)
    }
}

/// The encoding [`decode`] would guess for the bytes of `source`, read `chunk` bytes at a time
/// so that a large file is never held whole: `None` when `decode` guesses nothing (a byte-order
/// mark decides, or the bytes are UTF-8). `source` is read up to three times: for UTF-8, for the
/// detector (up to where [`GuessPrefix`] ends), and, when the guess is GB18030, for the check
/// that it is not Latin-1 misread.
///
/// # Errors
/// Reading `source`.
pub fn guess_streamed<R: std::io::Read + std::io::Seek>(
    source: &mut R,
    chunk: usize,
) -> std::io::Result<Option<&'static Encoding>> {
    let mut chunks = Chunks {
        source,
        buffer: vec![0; chunk.max(4)],
    };
    let mut head = [0; 3];
    chunks.source.rewind()?;
    let read = chunks.fill_from(&mut head)?;
    if Encoding::for_bom(&head[..read]).is_some() || chunks.all_utf8()? {
        return Ok(None);
    }
    let guessed = chunks.detected()?;
    if guessed != encoding_rs::GBK && guessed != GB18030 {
        return Ok(Some(guessed));
    }
    // As `decode`: GB18030, unless its text reads like Latin-1 misread.
    Ok(Some(if chunks.gb18030_tally()?.looks_like_mojibake() {
        WINDOWS_1252
    } else {
        GB18030
    }))
}

/// A text's bytes read from its start a chunk at a time, for [`guess_streamed`].
struct Chunks<'s, R> {
    source: &'s mut R,
    buffer: Vec<u8>,
}

impl<R: std::io::Read + std::io::Seek> Chunks<'_, R> {
    /// Fills `into` from the source as far as it goes; the bytes read.
    fn fill_from(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < into.len() {
            match self.source.read(&mut into[filled..])? {
                0 => break,
                n => filled += n,
            }
        }
        Ok(filled)
    }

    /// Reads the text again from its start, calling `each` with each chunk (the last empty)
    /// until it gives false.
    fn each(&mut self, each: &mut dyn FnMut(&[u8]) -> bool) -> std::io::Result<()> {
        self.source.rewind()?;
        let mut buffer = std::mem::take(&mut self.buffer);
        let result = loop {
            let read = match self.fill_from(&mut buffer) {
                Ok(read) => read,
                Err(e) => break Err(e),
            };
            if !each(&buffer[..read]) || read == 0 {
                break Ok(());
            }
        };
        self.buffer = buffer;
        result
    }

    /// Whether the text is UTF-8 (a character cut by a chunk's end carried to the next).
    fn all_utf8(&mut self) -> std::io::Result<bool> {
        let (mut carried, mut valid) = (Vec::new(), true);
        self.each(&mut |chunk| {
            carried.extend_from_slice(chunk);
            match std::str::from_utf8(&carried) {
                Ok(_) => carried.clear(),
                Err(e) if e.error_len().is_none() && !chunk.is_empty() => {
                    carried.drain(..e.valid_up_to());
                }
                Err(_) => valid = false,
            }
            valid
        })?;
        Ok(valid)
    }

    /// What the detector guesses from the text's [`GuessPrefix`], as [`decode`] asks it.
    fn detected(&mut self) -> std::io::Result<&'static Encoding> {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        let mut prefix = GuessPrefix::default();
        self.each(&mut |chunk| {
            detector.feed(prefix.take(chunk), chunk.is_empty() || prefix.ended);
            !prefix.ended
        })?;
        Ok(detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow))
    }

    /// The [`MojibakeTally`] of the text's [`GuessPrefix`] read as GB18030, decoded a piece at
    /// a time, each ending after a line feed (never inside a GB18030 character).
    fn gb18030_tally(&mut self) -> std::io::Result<MojibakeTally> {
        let (mut tally, mut rest) = (MojibakeTally::default(), Vec::new());
        let mut prefix = GuessPrefix::default();
        self.each(&mut |chunk| {
            let taken = prefix.take(chunk);
            rest.extend_from_slice(taken);
            let cut = if taken.len() < chunk.len() || chunk.is_empty() {
                rest.len()
            } else {
                memchr::memrchr(b'\n', &rest).map_or(0, |at| at + 1)
            };
            tally.add(&GB18030.decode_without_bom_handling(&rest[..cut]).0);
            rest.drain(..cut);
            !prefix.ended
        })?;
        Ok(tally)
    }
}

/// The bytes read in `forced` when given (any byte-order mark dropped), else as
/// [`decode_owned`] guesses: for `--encoding` and a file the guess gets wrong.
#[must_use]
pub fn decode_forced(bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Decoded {
    let Some(encoding) = forced else {
        return decode_owned(bytes);
    };
    // A byte-order mark is never text, even one of another encoding (a GB18030 file behind a
    // UTF-8 mark).
    let body = match Encoding::for_bom(&bytes) {
        Some((_, length)) => &bytes[length..],
        None => &bytes[..],
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

/// An encoding by one of its names (`gb18030`, `gbk`, `utf-16le`, `latin1`, `shift_jis`…), as
/// `--encoding` takes it.
///
/// # Errors
/// A message with examples when no encoding has that name.
pub fn encoding_named(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "no encoding is named \"{label}\"; for example utf-8, gb18030, gbk, big5, utf-16le, \
             windows-1252, shift_jis"
        )
    })
}

/// As [`decode`], taking the bytes: UTF-8 text (with or without BOM) becomes the string without
/// a copy, so a large file is held once.
#[must_use]
pub fn decode_owned(bytes: Vec<u8>) -> Decoded {
    // Checked once: valid UTF-8 becomes the string as it is (a UTF-16 byte-order mark is never
    // valid UTF-8, so such a file goes to `decode`).
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Decoded {
                text,
                encoding: UTF_8.name(),
            }
        }
        Err(e) => decode(e.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    #[test]
    fn a_latin1_file_is_not_read_as_gbk() {
        let (latin1, _, _) = WINDOWS_1252
            .encode("Rank,Country,Score\n1,Finland,7.8\n2,Türkiye,5.1\n3,Côte d'Ivoire,4.9\n");
        // The premise: the detector, told the files are Chinese, guesses GBK.
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(&latin1, true);
        assert_eq!(
            detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow),
            encoding_rs::GBK
        );
        let decoded = decode(&latin1);
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("Türkiye"), "{}", decoded.text);
        assert!(decoded.text.contains("Côte d'Ivoire"), "{}", decoded.text);
        // Chinese text stays Chinese, also beside Latin letters.
        let (gbk, _, _) =
            GB18030.encode("排名,名称,总分\n1,上海浦东张江科学城,91.1\n2,A股公司,90\n");
        assert_eq!(decode(&gbk).encoding, "gb18030");
    }

    #[test]
    fn the_guess_made_a_chunk_at_a_time_is_the_guess_of_the_whole() {
        let chinese = "排名,科技城,省份,总分\n1,上海浦东张江科学城,上海,91.1\n2,A股公司,北京,90\n";
        let many = chinese.repeat(40);
        let encoded =
            |encoding: &'static Encoding, text: &str| encoding.encode(text).0.into_owned();
        let gb = encoded(GB18030, &many);
        let big5 = encoded(
            encoding_rs::BIG5,
            &"排名,學校,總分\n1,臺灣大學,91.1\n".repeat(40),
        );
        let sjis = encoded(
            encoding_rs::SHIFT_JIS,
            &"順位,大学,スコア\n1,東京大学,91.1\n".repeat(40),
        );
        let latin = encoded(
            WINDOWS_1252,
            &"1,Türkiye,5.1\n2,Côte d'Ivoire,4.9\n".repeat(40),
        );
        let mut broken_gb = gb.clone();
        broken_gb.insert(300, 0xff);
        let mut broken_utf8 = many.clone().into_bytes();
        broken_utf8.insert(700, 0xe9);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), &gb].concat();
        let mut rng = crate::model::rng::SplitMix64::new(11);
        let noise: Vec<u8> = (0..3_000)
            .map(|_| rng.next_u64().to_le_bytes()[0])
            .collect();
        for bytes in [
            many.as_bytes(),
            &gb,
            &big5,
            &sjis,
            &latin,
            &broken_gb,
            &broken_utf8,
            &with_bom,
            &noise,
            b"",
        ] {
            // What `decode` guesses; nothing when a byte-order mark decides or it is UTF-8.
            let guessed = (Encoding::for_bom(bytes).is_none()
                && std::str::from_utf8(bytes).is_err())
            .then(|| decode(bytes).encoding);
            for chunk in [1, 7, 97, 1_000, 100_000] {
                let streamed = guess_streamed(&mut std::io::Cursor::new(bytes), chunk)
                    .expect("read")
                    .map(Encoding::name);
                assert_eq!(
                    streamed,
                    guessed,
                    "chunk {chunk}, {:?}",
                    &bytes[..bytes.len().min(20)]
                );
            }
        }
    }

    #[test]
    fn a_long_text_is_guessed_from_its_first_megabyte_outside_ascii() {
        let line = "1,上海浦东张江科学城,上海,91.1\n";
        let long = line.repeat(100_000);
        let (gb, _, _) = GB18030.encode(&long);
        let prefix = GuessPrefix::default().take(&gb);
        assert!(
            prefix.len() < gb.len() / 2,
            "{} of {}",
            prefix.len(),
            gb.len()
        );
        assert!(prefix.ends_with(b"\n"));
        assert!(prefix.iter().filter(|b| !b.is_ascii()).count() >= GuessPrefix::NON_ASCII);
        assert_eq!(decode(&gb).encoding, "gb18030");
        for chunk in [4_096, 1_000_000] {
            let streamed = guess_streamed(&mut std::io::Cursor::new(&gb), chunk)
                .expect("read")
                .map(Encoding::name);
            assert_eq!(streamed, Some("gb18030"), "chunk {chunk}");
        }
        // Text under the megabyte is guessed from all of it.
        assert_eq!(GuessPrefix::default().take(&gb[..50_000]).len(), 50_000);
        // A byte that does not decode, far past the first megabyte: still GB18030 (one
        // undecodable character, not a whole file read as another encoding); near the start it
        // weighs in the guess. Either way the streamed guess is the whole one.
        for at in [gb.len() - 100, 100] {
            let mut damaged = gb.to_vec();
            damaged.insert(at, 0xff);
            let whole = decode(&damaged).encoding;
            if at > gb.len() / 2 {
                assert_eq!(whole, "gb18030");
            }
            let streamed = guess_streamed(&mut std::io::Cursor::new(&damaged), 65_536)
                .expect("read")
                .map(Encoding::name);
            assert_eq!(streamed, Some(whole), "byte at {at}");
        }
    }

    #[test]
    fn boms_utf8_and_chinese_encodings_are_recognised() {
        let text = "排名,科技城,省份\n1,上海浦东张江科学城,上海\n";
        assert_eq!(
            decode(text.as_bytes()),
            Decoded {
                text: text.into(),
                encoding: "UTF-8"
            }
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&with_bom).text, text);
        assert_eq!(decode_owned(with_bom.clone()), decode(&with_bom));
        assert_eq!(decode_owned(text.into()), decode(text.as_bytes()));
        let (gb, _, _) = GB18030.encode(text);
        let decoded = decode(&gb);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "gb18030");
        assert_eq!(decode_owned(gb.to_vec()), decoded);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&utf16),
            Decoded {
                text: text.into(),
                encoding: UTF_16LE.name()
            }
        );
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&utf16be).encoding, UTF_16BE.name());
    }
}
