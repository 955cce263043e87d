//! A rank change ("▲3", "▼≥31", "new") coloured by direction, with the exact ranks in its tooltip.

use egui::{Response, RichText, Ui};

use super::palette::ChangeColour;
use crate::model::period;
use crate::model::{Rank, RankChange};
use crate::strings::Strings;

/// Draws `change`; the tooltip names the previous and current ranks and the rules.
pub fn rank_change_ui(
    ui: &mut Ui,
    change: RankChange,
    years: (Option<i32>, i32),
    ranks: (Option<Rank>, Rank),
    strings: &Strings,
) -> Response {
    let text = strings.rank_change(change);
    let colour = match change {
        RankChange::Entrant => Some(ChangeColour::New),
        RankChange::Moved { min_rise, .. } if min_rise > 0 => Some(ChangeColour::Rise),
        RankChange::Moved { max_rise, .. } if max_rise < 0 => Some(ChangeColour::Fall),
        _ => None,
    };
    let dark = ui.visuals().dark_mode;
    let rich = colour.map_or_else(
        || RichText::new(&text),
        |c| RichText::new(&text).color(c.on(dark)),
    );
    let response = ui.label(rich);
    let (previous_year, year) = years;
    let (previous_rank, rank) = ranks;
    let detail = match (change, previous_year, previous_rank) {
        (RankChange::NotComparable, _, _) => strings.change_tooltip_first_year.to_owned(),
        (RankChange::Entrant, _, _) => strings.change_tooltip_entrant.to_owned(),
        (_, Some(py), Some(pr)) => {
            format!(
                "{}: {pr} → {}: {rank}",
                period::label(py),
                period::label(year)
            )
        }
        _ => String::new(),
    };
    response.on_hover_text(format!("{detail}\n\n{}", strings.change_rules))
}
