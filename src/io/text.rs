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
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GBK is a subset of GB18030: decode as the superset.
    let encoding = if guessed == encoding_rs::GBK || guessed == encoding_rs::GB18030 {
        GB18030
    } else {
        guessed
    };
    let (text, _, _) = encoding.decode(bytes);
    if encoding == GB18030 && looks_like_latin_mojibake(&text) {
        // Latin-1 text with a few accented letters can pass for GBK: "Türkiye" → "T黵kiye".
        let (text, _, _) = WINDOWS_1252.decode(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: WINDOWS_1252.name(),
        };
    }
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
    let is_cjk = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    if text.contains('\u{fffd}') {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    let cjk = chars.iter().filter(|&&c| is_cjk(c)).count();
    let sandwiched = chars
        .windows(3)
        .filter(|w| {
            w[0].is_ascii_alphabetic()
                && is_cjk(w[1])
                && (w[2].is_ascii_alphabetic() || w[2] == ' ')
        })
        .count();
    sandwiched > 0 && sandwiched * 2 > cjk
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
