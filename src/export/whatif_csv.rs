//! The what-if ranking as CSV (UTF-8 with BOM, for Excel): one row per ranked entity, in
//! what-if order, with the official rank, the change and, after a Monte Carlo run, the range.

use crate::model::whatif::{Robustness, WhatIf, WhatIfRanking};
use crate::model::{Dataset, NameStyle, RankChange};
use crate::strings::Strings;

fn field(text: &str, keep_formulas: bool) -> String {
    super::cells::csv_field_as(text, keep_formulas)
}

/// Δ as a number: "3" (gains three places), "-2", "0"; for a band, the interval "min..max".
#[must_use]
pub fn delta_text(delta: Option<RankChange>) -> String {
    match delta {
        Some(RankChange::Moved { min_rise, max_rise }) if min_rise == max_rise => {
            min_rise.to_string()
        }
        Some(RankChange::Moved { min_rise, max_rise }) => format!("{min_rise}..{max_rise}"),
        _ => String::new(),
    }
}

use super::cells::number;

fn count(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The ranking as CSV. Columns: Name, Province, Official rank, What-if rank, Δ (official −
/// what-if: positive gains places), What-if score, and with `robust`: Best rank, Worst rank,
/// Mean rank, Always top k ("yes" or empty).
#[must_use]
pub fn whatif_csv(
    s: &Strings,
    data: &Dataset,
    model: &WhatIf,
    ranking: &WhatIfRanking,
    robust: Option<&Robustness>,
    names: NameStyle,
) -> String {
    whatif_csv_as(s, data, (model, ranking, robust), names, false)
}

/// As [`whatif_csv`], with cells that start like a formula written as they are when
/// `keep_formulas`.
#[must_use]
pub fn whatif_csv_as(
    s: &Strings,
    data: &Dataset,
    (model, ranking, robust): (&WhatIf, &WhatIfRanking, Option<&Robustness>),
    names: NameStyle,
    keep_formulas: bool,
) -> String {
    let mut header: Vec<String> = [
        s.col_name,
        s.col_province,
        s.col_official_rank,
        s.col_whatif_rank,
        s.col_change,
        s.col_whatif_score,
    ]
    .map(str::to_owned)
    .to_vec();
    if let Some(robust) = robust {
        header.extend([s.col_best_rank, s.col_worst_rank, s.col_mean_rank].map(str::to_owned));
        header.push(
            s.col_always_top
                .replace("{k}", &robust.params.top_k.to_string()),
        );
    }
    let mut out = String::from('\u{feff}');
    let mut line = |cells: &[String]| {
        out.push_str(
            &cells
                .iter()
                .map(|c| field(c, keep_formulas))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    };
    line(&header);
    for &row in &ranking.order {
        let entity = model.entities.get(row).and_then(|&e| data.entities.get(e));
        let mut cells = vec![
            entity.map(|e| e.name(names)).unwrap_or_default(),
            entity.map(|e| e.province(names)).unwrap_or_default(),
            model
                .official
                .get(row)
                .map(ToString::to_string)
                .unwrap_or_default(),
            count(ranking.rank.get(row).copied().flatten()),
            delta_text(ranking.delta.get(row).copied().flatten()),
            number(ranking.composite.get(row).copied().flatten()),
        ];
        if let Some(robust) = robust {
            cells.push(count(robust.min_rank.get(row).copied().flatten()));
            cells.push(count(robust.max_rank.get(row).copied().flatten()));
            cells.push(number(robust.mean_rank.get(row).copied().flatten()));
            cells.push(if robust.always_top.contains(&row) {
                s.yes.to_owned()
            } else {
                String::new()
            });
        }
        line(&cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_reads_as_a_number_or_an_interval() {
        let moved = |min_rise, max_rise| Some(RankChange::Moved { min_rise, max_rise });
        assert_eq!(delta_text(moved(3, 3)), "3");
        assert_eq!(delta_text(moved(-2, -2)), "-2");
        assert_eq!(delta_text(moved(-1, 18)), "-1..18");
        assert_eq!(delta_text(None), "");
    }
}
