//! The what-if slopegraph as data: official rank → what-if rank (and, after a Monte Carlo run,
//! the range of ranks under random weights), drawn by the rank chart's painter and SVG writer.

use super::rank_chart::{RankChartSpec, RankLine, caption, movement_colour};
use crate::model::changes::Movement;
use crate::model::period;
use crate::model::whatif::{Robustness, WhatIf, WhatIfRanking};
use crate::model::{Dataset, NameStyle};
use crate::strings::Strings;

/// The slopegraph of the rows ranked within the top `top_n` officially or under the what-if
/// weights. Lines are blue when the row certainly gains places, vermillion when it loses, grey
/// otherwise. With `robust`, a third column shows each row's range of ranks.
#[must_use]
pub fn whatif_slope_spec(
    s: &Strings,
    data: &Dataset,
    model: &WhatIf,
    ranking: &WhatIfRanking,
    robust: Option<&Robustness>,
    top_n: u32,
    names: NameStyle,
) -> RankChartSpec {
    let within = |row: usize| {
        let official = model.official.get(row).and_then(|r| r.bounds());
        let what_if = ranking.rank.get(row).copied().flatten();
        official.is_some_and(|(lo, _)| lo <= top_n) || what_if.is_some_and(|r| r <= top_n)
    };
    let mut lines = ranking
        .order
        .iter()
        .copied()
        .filter(|&row| within(row))
        .map(|row| {
            let entity = model.entities.get(row).copied().unwrap_or_default();
            let mut places = vec![
                model.official.get(row).and_then(|r| r.bounds()),
                ranking.rank.get(row).copied().flatten().map(|r| (r, r)),
            ];
            if let Some(robust) = robust {
                let range = robust.min_rank.get(row).copied().flatten();
                let worst = robust.max_rank.get(row).copied().flatten();
                places.push(range.zip(worst));
            }
            RankLine {
                entity,
                label: data.entity_name(entity, names),
                colour: movement_colour(
                    ranking
                        .delta
                        .get(row)
                        .copied()
                        .flatten()
                        .map(Movement::Moved),
                ),
                places,
                left_mark: None,
                right_mark: None,
            }
        })
        .collect::<Vec<_>>();
    let mut column_labels = vec![
        with_period(s.whatif_official, model.year),
        s.whatif_column.to_owned(),
    ];
    if let Some(robust) = robust {
        column_labels.push(
            s.whatif_range
                .replace("{spread}", &format!("{:.0}", robust.params.spread * 100.0)),
        );
    }
    // The axis ends at the last place any line reaches, an open band ("1001+") counting by its
    // start: drawn to the year's last place it would squeeze the top N into a sliver. Open
    // bands are drawn down to the axis' end.
    let max_place = lines
        .iter()
        .filter_map(|line| {
            let row = model.row_of(line.entity)?;
            let official = match model.official.get(row) {
                Some(crate::model::Rank::Open { lo, .. }) => Some(*lo),
                Some(rank) => rank.bounds().map(|(_, hi)| hi),
                None => None,
            };
            line.places
                .iter()
                .skip(1)
                .flatten()
                .map(|&(_, hi)| hi)
                .chain(official)
                .max()
        })
        .max()
        .unwrap_or(10)
        .max(10);
    for line in &mut lines {
        for (lo, hi) in line.places.iter_mut().flatten() {
            *hi = (*hi).min(max_place);
            *lo = (*lo).min(*hi);
        }
    }
    let note = whatif_note(s, data, model, ranking, robust, names);
    let source = caption(data);
    RankChartSpec {
        title: data.title(names),
        subtitle: with_period(s.whatif_subtitle, model.year).replace("{n}", &top_n.to_string()),
        caption: if source.is_empty() {
            note
        } else {
            format!("{}: {source} {note}", s.source)
        },
        years: vec![model.year; column_labels.len()],
        column_labels,
        max_place,
        lines,
        label_both_ends: true,
    }
}

/// The note under a what-if figure: the weights as shares, the scale, and the robustness run.
#[must_use]
pub fn whatif_note(
    s: &Strings,
    data: &Dataset,
    model: &WhatIf,
    ranking: &WhatIfRanking,
    robust: Option<&Robustness>,
    names: NameStyle,
) -> String {
    let weights = data
        .meta
        .capacities
        .iter()
        .zip(&ranking.weights)
        .map(|(c, w)| format!("{} {:.0} %", c.label(names), w * 100.0))
        .collect::<Vec<_>>()
        .join(", ");
    let mut note = s
        .whatif_note
        .replace("{weights}", &weights)
        .replace("{normalization}", s.normalization(model.normalization));
    if let Some(robust) = robust {
        note.push(' ');
        note.push_str(
            &s.whatif_range_note
                .replace("{samples}", &robust.params.samples.to_string())
                .replace("{seed}", &robust.params.seed.to_string()),
        );
    }
    note
}

/// `template` with its `{year}` filled in; for the undated period (a ranking with no year), the
/// year and what joins it are left out ("Official —" would say nothing).
fn with_period(template: &str, year: i32) -> String {
    if year != period::UNDATED {
        return template.replace("{year}", &period::label(year));
    }
    ["{year}: ", "{year}：", "{year} ", " {year}", "{year}"]
        .iter()
        .fold(template.to_owned(), |text, piece| text.replace(piece, ""))
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn an_undated_ranking_names_no_period() {
        assert_eq!(with_period("Official {year}", 2023), "Official 2023");
        assert_eq!(with_period("Official {year}", period::UNDATED), "Official");
        assert_eq!(with_period("{year} 官方排名", period::UNDATED), "官方排名");
        assert_eq!(
            with_period("{year}: official rank → what-if rank", period::UNDATED),
            "official rank → what-if rank"
        );
        assert_eq!(with_period("{year}：官方排名", period::UNDATED), "官方排名");
    }
}
