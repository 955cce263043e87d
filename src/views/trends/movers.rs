//! Movers between two years: biggest risers and fallers by rank and by score, entrants and
//! dropouts, each a short list; a click selects the entity everywhere.

use egui::{RichText, Ui};

use crate::context::command::Command;
use crate::context::settings::SelectMode;
use crate::model::changes::{Change, Movers};
use crate::views::ViewContext;

/// A list's title, its entries (indices into the changes) and the detail shown per entry.
type MoverList<'a> = (&'a str, &'a [usize], &'a dyn Fn(&Change) -> String);

/// Draws the six lists.
pub fn movers_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    (changes, m): &(Vec<Change>, Movers),
) -> Vec<Command> {
    let mut commands = Vec::new();
    let s = cx.strings;
    let lists: [MoverList<'_>; 6] = [
        (s.movers_risers, &m.risers, &|c| c.movement.to_string()),
        (s.movers_fallers, &m.fallers, &|c| c.movement.to_string()),
        (s.movers_gainers, &m.score_gainers, &|c| {
            c.total_delta
                .map(|d| format!("{d:+.2}"))
                .unwrap_or_default()
        }),
        (s.movers_losers, &m.score_losers, &|c| {
            c.total_delta
                .map(|d| format!("{d:+.2}"))
                .unwrap_or_default()
        }),
        (s.movers_entrants, &m.entrants, &|c| {
            c.to_rank.map(|r| r.to_string()).unwrap_or_default()
        }),
        (s.movers_dropouts, &m.dropouts, &|c| {
            c.from_rank
                .map(|r| format!("{} {r}", s.was))
                .unwrap_or_default()
        }),
    ];
    egui::ScrollArea::vertical()
        .id_salt("movers")
        .show(ui, |ui| {
            ui.columns(3, |columns| {
                for (index, (title, list, detail)) in lists.iter().enumerate() {
                    let ui = &mut columns[index % 3];
                    ui.strong(format!("{title} ({})", list.len()));
                    if list.is_empty() {
                        ui.weak("—");
                    }
                    for &i in *list {
                        let change = &changes[i];
                        let name = cx.data.entity_name(change.entity, cx.names);
                        let driver = change
                            .driver
                            .and_then(|c| cx.data.meta.capacities.get(c))
                            .map(|c| format!(" · {}", c.label(cx.names)))
                            .unwrap_or_default();
                        let selected = cx.selection.contains(&change.entity);
                        // Places gained and lost in the table's colours; the rest as text.
                        let colour = match change.movement {
                            crate::model::changes::Movement::Moved(c) if index < 2 => Some(c),
                            _ => None,
                        };
                        let mut job = egui::text::LayoutJob::default();
                        let style = ui.style();
                        RichText::new(format!("{name}  ")).append_to(
                            &mut job,
                            style,
                            egui::FontSelection::Default,
                            egui::Align::Center,
                        );
                        crate::widgets::rank_change::coloured(ui, detail(change), colour)
                            .append_to(
                                &mut job,
                                style,
                                egui::FontSelection::Default,
                                egui::Align::Center,
                            );
                        RichText::new(driver).append_to(
                            &mut job,
                            style,
                            egui::FontSelection::Default,
                            egui::Align::Center,
                        );
                        if ui
                            .selectable_label(selected, job)
                            .on_hover_text(s.movers_hint)
                            .clicked()
                        {
                            commands.push(Command::Select {
                                entity: change.entity,
                                mode: SelectMode::Toggle,
                            });
                        }
                    }
                    ui.add_space(12.0);
                }
            });
        });
    commands
}
