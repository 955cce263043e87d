//! A rank change ("▲3", "▼≥31", "new") coloured by direction, with the exact ranks in its tooltip.

use egui::{Response, RichText, Ui};

use super::palette::ChangeColour;
use crate::model::period;
use crate::model::{Rank, RankChange};
use crate::strings::Strings;

/// The colour of a change: blue for a certain rise, vermillion for a certain fall, green for an
/// entrant; none when the band leaves it open.
#[must_use]
pub fn change_colour(change: RankChange) -> Option<ChangeColour> {
    match change {
        RankChange::Entrant => Some(ChangeColour::New),
        RankChange::Moved { min_rise, .. } if min_rise > 0 => Some(ChangeColour::Rise),
        RankChange::Moved { max_rise, .. } if max_rise < 0 => Some(ChangeColour::Fall),
        _ => None,
    }
}

/// `text` in the colour of `change` (as the table's Δ column has it), for change tables, movers
/// and the detail window.
#[must_use]
pub fn coloured(ui: &Ui, text: String, change: Option<RankChange>) -> RichText {
    // Where the text colour is set for the place (a selected row), it wins.
    if ui.visuals().override_text_color.is_some() {
        return RichText::new(text);
    }
    let dark = ui.visuals().dark_mode;
    match change.and_then(change_colour) {
        Some(colour) => RichText::new(text).color(colour.on(dark)),
        None => RichText::new(text),
    }
}

/// A movement between two years as text in its colour: a drop-out in the colour of a fall.
#[must_use]
pub fn movement_text(ui: &Ui, s: &Strings, movement: crate::model::changes::Movement) -> RichText {
    use crate::model::changes::Movement;
    let change = match movement {
        Movement::Entrant => Some(RankChange::Entrant),
        Movement::Dropout => Some(RankChange::Moved {
            min_rise: -1,
            max_rise: -1,
        }),
        Movement::Moved(change) => Some(change),
    };
    coloured(ui, s.movement(movement), change)
}

/// Draws `change`; the tooltip names the previous and current ranks and the rules.
pub fn rank_change_ui(
    ui: &mut Ui,
    change: RankChange,
    years: (Option<i32>, i32),
    ranks: (Option<Rank>, Rank),
    strings: &Strings,
) -> Response {
    let rich = coloured(ui, strings.rank_change(change), Some(change));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_rises_falls_and_entrants_have_colours_and_open_bands_none() {
        let moved = |min_rise, max_rise| RankChange::Moved { min_rise, max_rise };
        assert!(matches!(
            change_colour(moved(3, 3)),
            Some(ChangeColour::Rise)
        ));
        assert!(matches!(
            change_colour(moved(-2, -1)),
            Some(ChangeColour::Fall)
        ));
        assert!(matches!(
            change_colour(RankChange::Entrant),
            Some(ChangeColour::New)
        ));
        assert!(
            change_colour(moved(-3, 4)).is_none(),
            "a band that may have gone either way"
        );
        assert!(change_colour(moved(0, 0)).is_none());
    }
}
