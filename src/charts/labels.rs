//! Long labels made short enough for a chart: cut at a width, counted in half-ems (a Chinese
//! character is two), with "…"; the full label goes in the legend and the tooltip.

/// The widest axis label a radar draws, in half-ems (12 Chinese characters, 24 Latin letters).
pub const AXIS_LABEL_WIDTH: usize = 24;

/// `text` cut to at most `width` half-ems, with "…" when cut.
#[must_use]
pub fn short_label(text: &str, width: usize) -> String {
    let units = |c: char| if c.is_ascii() { 1 } else { 2 };
    if text.chars().map(units).sum::<usize>() <= width {
        return text.to_owned();
    }
    let mut used = 1; // the ellipsis
    let mut out = String::new();
    for c in text.chars() {
        used += units(c);
        if used > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_at_a_width_and_short_ones_kept() {
        assert_eq!(short_label("Teaching", 24), "Teaching");
        assert_eq!(
            short_label("Technological innovation capacity", 24),
            "Technological innovatio…"
        );
        assert_eq!(short_label("科技创新能力", 24), "科技创新能力");
        assert_eq!(
            short_label("国内生产总值与常住人口之比的年度变化率", 24),
            "国内生产总值与常住人口…"
        );
        assert!(
            short_label("Explained by: Log GDP per capita", 24)
                .chars()
                .count()
                <= 24
        );
    }
}

/// A tick value as axes label it: at most four decimals, trailing zeros dropped (`60`, `0.15`).
#[must_use]
pub fn tick(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tick_tests {
    #[test]
    fn ticks_drop_trailing_zeros() {
        assert_eq!(super::tick(60.0), "60");
        assert_eq!(super::tick(0.1 + 0.05), "0.15");
        assert_eq!(super::tick(-0.000_01), "0");
    }
}
