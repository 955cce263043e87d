//! The Table view: the filter bar over the ranking grid.

mod filter_bar;
mod grid;

pub use filter_bar::search_id;

use egui::Ui;

use super::ViewContext;
use crate::context::command::Command;
use crate::context::settings::TableSettings;
use crate::context::table::TableCache;

/// Draws the Table view and returns the commands given in it.
pub fn table_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    settings: &TableSettings,
    cache: &TableCache,
) -> Vec<Command> {
    let mut commands =
        filter_bar::filter_bar_ui(ui, cx, settings, cache.rows.len(), cache.total_rows);
    ui.add_space(4.0);
    crate::views::content_region::mark_content_below(ui);
    commands.extend(grid::grid_ui(ui, cx, &settings.query, cache));
    commands
}
