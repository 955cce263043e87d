//! The change table of two years as CSV (UTF-8 with BOM, for Excel).

use crate::model::changes::Change;
use crate::model::period;
use crate::model::{Dataset, NameStyle, Rank};
use crate::strings::Strings;

fn rank_text(rank: Option<Rank>) -> String {
    rank.map(|r| r.to_string()).unwrap_or_default()
}

use super::cells::number;

fn field(text: &str, keep_formulas: bool) -> String {
    super::cells::csv_field_as(text, keep_formulas)
}

/// The changes from `from_year` to `to_year` as CSV, one row per change in the given order.
#[must_use]
pub fn changes_csv(
    s: &Strings,
    data: &Dataset,
    changes: &[Change],
    years: (i32, i32),
    names: NameStyle,
) -> String {
    changes_csv_as(s, data, changes, years, names, false)
}

/// As [`changes_csv`], with cells that start like a formula written as they are when
/// `keep_formulas`.
#[must_use]
pub fn changes_csv_as(
    s: &Strings,
    data: &Dataset,
    changes: &[Change],
    (from_year, to_year): (i32, i32),
    names: NameStyle,
    keep_formulas: bool,
) -> String {
    let mut header = vec![
        s.col_name.to_owned(),
        s.col_province.to_owned(),
        format!("{} {}", s.col_rank, period::label(from_year)),
        format!("{} {}", s.col_rank, period::label(to_year)),
        s.col_rank_change.to_owned(),
        s.col_total_change.to_owned(),
    ];
    header.extend(
        data.meta
            .capacities
            .iter()
            .map(|c| format!("{} Δ", c.label(names))),
    );
    header.push(s.trends_driver.to_owned());
    let mut out = String::from('\u{feff}');
    out.push_str(
        &header
            .iter()
            .map(|h| field(h, keep_formulas))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for change in changes {
        let entity = data.entities.get(change.entity);
        let mut row = vec![
            entity.map(|e| e.name(names)).unwrap_or_default(),
            data.province_between(change.entity, (from_year, to_year), names),
            rank_text(change.from_rank),
            rank_text(change.to_rank),
            change.movement.to_string(),
            number(change.total_delta),
        ];
        row.extend(change.capacity_deltas.iter().map(|d| number(*d)));
        row.push(
            change
                .driver
                .and_then(|c| data.meta.capacities.get(c))
                .map(|c| c.label(names))
                .unwrap_or_default(),
        );
        out.push_str(
            &row.iter()
                .map(|f| field(f, keep_formulas))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}
