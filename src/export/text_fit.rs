//! Text measured as the figures draw it: advances from the bundled font (the CJK font the
//! figures name, whose Latin is the same family's), so that captions wrap, labels shorten and
//! nothing leaves the canvas at any size.

use std::sync::OnceLock;

use crate::assets::BUNDLED_CJK_FONT;

fn face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(BUNDLED_CJK_FONT, 0).ok())
        .as_ref()
}

/// The width of `text` at `size` points (a character the font lacks counts one em).
#[must_use]
pub fn text_width(text: &str, size: f64) -> f64 {
    let Some(face) = face() else {
        return text.chars().map(|_| size).sum();
    };
    let units = f64::from(face.units_per_em());
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(size, |a| f64::from(a) / units * size)
        })
        .sum()
}

/// `text` cut to fit `width` points at `size`, with "…" when cut.
#[must_use]
pub fn fit(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let ellipsis = text_width("…", size);
    let mut used = ellipsis;
    let mut out = String::new();
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    let kept = out.trim_end();
    if kept.is_empty() {
        String::new()
    } else {
        format!("{kept}…")
    }
}

/// `text` in lines of at most `width` points at `size`: broken at spaces, and inside words of
/// Chinese (or any word too long for a line).
#[must_use]
pub fn wrap_to(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&joined, size) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line (a run of Chinese): broken between characters.
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if !line.is_empty() && text_width(&longer, size) > width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_wider_than_latin_and_widths_scale_with_the_size() {
        let latin = text_width("abcd", 10.0);
        let hanzi = text_width("科技创新", 10.0);
        assert!(latin > 15.0 && latin < 30.0, "{latin}");
        assert!((hanzi - 40.0).abs() < 1.0, "{hanzi}");
        assert!((text_width("abcd", 20.0) - 2.0 * latin).abs() < 1e-9);
    }

    #[test]
    fn a_cut_label_ends_in_an_ellipsis_and_fits() {
        let cut = fit("Technological innovation capacity", 12.0, 90.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 12.0) <= 90.0);
        assert_eq!(fit("Total", 12.0, 90.0), "Total");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text =
            "Source: Modelled on CCID Consulting's annual list (赛迪顾问城市经济研究中心) (2023).";
        let lines = wrap_to(text, 11.0, 200.0);
        assert!(lines.len() > 1);
        assert!(
            lines.iter().all(|l| text_width(l, 11.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
