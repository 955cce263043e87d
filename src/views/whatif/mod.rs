//! The What-if view: weights on the left (sliders, scale, presets, saved sets, robustness run),
//! and on the right what they do: the slopegraph official → what-if, the biggest winners and
//! losers, the entities that stay in the top 10, the focused entity's sensitivity, and whether
//! the published total is a weighted sum at all.

mod controls;
mod results;

use egui::Ui;

use super::ViewContext;
use crate::context::command::Command;
use crate::context::whatif::{WhatIfCache, WhatIfSettings};

/// Width of the controls column, in points.
const CONTROLS_WIDTH: f32 = 330.0;

/// What the What-if view draws from.
pub struct WhatIfInputs<'a> {
    pub settings: &'a WhatIfSettings,
    pub cache: &'a WhatIfCache,
    /// The entity whose sensitivity is shown.
    pub focus: Option<usize>,
}

/// Draws the What-if view and returns the commands given in it.
pub fn whatif_view_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    inputs: &WhatIfInputs<'_>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut results_commands = Vec::new();
    crate::views::side_panel::controls_beside_results(
        ui,
        ("whatif_controls", CONTROLS_WIDTH),
        |ui| commands.extend(controls::controls_ui(ui, cx, inputs)),
        |ui| {
            let width = ui.available_width();
            egui::ScrollArea::vertical()
                .id_salt("whatif_results")
                .show(ui, |ui| {
                    ui.set_width(width - 16.0);
                    results_commands.extend(results::results_ui(ui, cx, inputs));
                });
        },
    );
    commands.extend(results_commands);
    commands
}
