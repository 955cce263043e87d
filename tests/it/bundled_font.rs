//! The bundled CJK font draws every character rankscope itself shows: both strings tables and
//! the bundled sample, plus the 6,763 hanzi of GB 2312 that other datasets' names use.

use rankscope::assets::BUNDLED_CJK_FONT;

const SOURCES: [(&str, &str); 3] = [
    ("src/strings/en.rs", include_str!("../../src/strings/en.rs")),
    ("src/strings/zh.rs", include_str!("../../src/strings/zh.rs")),
    (
        "assets/datasets/ccid-top100-sample.json",
        include_str!("../../assets/datasets/ccid-top100-sample.json"),
    ),
];

fn face() -> ttf_parser::Face<'static> {
    ttf_parser::Face::parse(BUNDLED_CJK_FONT, 0).unwrap_or_else(|e| panic!("the font parses: {e}"))
}

#[test]
fn every_character_of_the_strings_tables_and_the_sample_has_a_glyph() {
    let face = face();
    for (name, text) in SOURCES {
        let missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control())
            .filter(|&c| face.glyph_index(c).is_none())
            .collect();
        assert!(missing.is_empty(), "{name}: no glyph for {missing:?}");
    }
}

#[test]
fn common_hanzi_beyond_the_sample_have_glyphs() {
    let face = face();
    // First, middle and last hanzi of GB 2312 level 1 and 2, and some common in Chinese place and
    // university names that neither strings table nor the sample uses.
    for c in "啊剥座亍齄鑫琼黔滇陇赣皖鄂湘渝蜀粤桂闽晋冀辽吉黑蒙宁藏疆澳港".chars()
    {
        assert!(face.glyph_index(c).is_some(), "no glyph for {c}");
    }
    assert_eq!(
        face.names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .and_then(|n| n.to_string())
            .as_deref(),
        Some(rankscope::assets::BUNDLED_CJK_FAMILY),
        "renamed, as the OFL asks of a modified font"
    );
}
