//! The export buttons every view carries: Copy image, Save PNG…, Save SVG…, and Save CSV… for
//! tabular views.

use egui::Ui;

use crate::context::command::Command;
use crate::context::dialogs::{FigureFormat, SavePurpose};
use crate::strings::Strings;

/// Draws the buttons; `csv` is the CSV export of the view, if it has one.
pub fn export_bar_ui(ui: &mut Ui, s: &Strings, csv: Option<SavePurpose>) -> Vec<Command> {
    let mut commands = Vec::new();
    if ui
        .button(s.copy_image)
        .on_hover_text(s.export_hint)
        .clicked()
    {
        commands.push(Command::CopyFigure);
    }
    if ui.button(s.save_png).on_hover_text(s.export_hint).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::Figure(
            FigureFormat::Png,
        )));
    }
    if ui.button(s.save_svg).on_hover_text(s.export_hint).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::Figure(
            FigureFormat::Svg,
        )));
    }
    if let Some(purpose) = csv
        && ui
            .button(s.save_csv)
            .on_hover_text(s.save_csv_hint)
            .clicked()
    {
        commands.push(Command::ExportDialog(purpose));
    }
    commands
}
