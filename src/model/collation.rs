//! Text order as a Chinese reader expects it: Chinese characters by their pinyin (as Chinese
//! Excel and WPS sort), Latin letters case-insensitively, and the two interleaved by sound, so
//! that 北京 sorts beside "Beijing" and 长春 before 重庆.

use pinyin::ToPinyin as _;

/// Marks the end of a syllable in a key: below every letter, so that a shorter syllable sorts
/// first (西安 xi·an before 先 xian).
const SYLLABLE_END: char = '\u{1}';

/// The key `text` sorts by: each Chinese character as its pinyin without tones, the syllable's
/// end, then the character itself (so homophones keep a fixed order); every other character
/// lowercased. Comparing keys as strings gives the order.
#[must_use]
pub fn collation_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() * 3);
    for (c, reading) in text.chars().zip(text.to_pinyin()) {
        match reading {
            Some(reading) => {
                key.push_str(reading.plain());
                key.push(SYLLABLE_END);
                key.push(c);
            }
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::collation_key;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        names.sort_by_cached_key(|n| collation_key(n));
        names
    }

    #[test]
    fn chinese_sorts_by_pinyin_not_by_code_point() {
        // By code point: 上 (U+4E0A) 北 (U+5317) 南 (U+5357) 合 (U+5408) 广 (U+5E7F) 成 (U+6210).
        assert_eq!(
            sorted(&["上海", "北京", "南京", "合肥", "广州", "成都"]),
            ["北京", "成都", "广州", "合肥", "南京", "上海"]
        );
    }

    #[test]
    fn syllables_compare_one_by_one_and_latin_interleaves_by_sound() {
        // xi·an before xian: a syllable that ends sorts before a longer one.
        assert_eq!(sorted(&["先进", "西安"]), ["西安", "先进"]);
        // Latin is compared case-insensitively among the syllables.
        assert_eq!(
            sorted(&["Chengdu", "北京", "beta", "Alpha"]),
            ["Alpha", "北京", "beta", "Chengdu"]
        );
    }

    #[test]
    fn homophones_keep_one_order_and_text_without_chinese_is_lowercased() {
        let a = collation_key("市");
        let b = collation_key("是");
        assert_ne!(a, b, "two characters read shi are still told apart");
        assert_eq!(collation_key("Suzhou 2"), "suzhou 2");
    }
}
