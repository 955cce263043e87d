//! Keyboard shortcuts and dropped files, turned into commands.

use egui::Key;

use super::command::Command;
use super::state::{AppState, View};
use crate::context::keymap::{COPY, global_shortcuts};

/// The commands of this frame's shortcuts. Enter opens the last clicked entity's detail,
/// Escape closes it (unless a text field has the keyboard).
pub fn shortcuts(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    ctx.input_mut(|input| {
        let mut commands = Vec::new();
        for (shortcut, command) in global_shortcuts() {
            if input.consume_shortcut(&shortcut) {
                commands.push(command);
            }
        }
        if !typing && state.settings.view == View::Table {
            // The window system turns Ctrl+C into a Copy event; other back ends send the key.
            let copy_event = input.events.iter().any(|e| matches!(e, egui::Event::Copy));
            if input.consume_shortcut(&COPY) || copy_event {
                commands.push(Command::CopySelection);
            }
            if input.key_pressed(Key::Enter)
                && let Some(entity) = state.anchor.filter(|e| state.selection.contains(e))
            {
                commands.push(Command::OpenDetail(entity));
            }
        }
        if input.key_pressed(Key::Escape) && state.detail.is_some() {
            commands.push(Command::CloseDetail);
        }
        commands
    })
}

/// Files dropped on the window: one opens; several open together (e.g. one spreadsheet per year).
pub fn dropped_files(ctx: &egui::Context) -> Vec<Command> {
    let paths: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    match paths.len() {
        0 => Vec::new(),
        1 => paths.into_iter().map(Command::Open).collect(),
        _ => vec![Command::OpenFiles(paths)],
    }
}
