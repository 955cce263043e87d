//! Every keyboard shortcut, and the help overlay (F1) that lists them.

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use crate::app::command::Command;
use crate::app::state::View;
use crate::strings::Strings;

/// Ctrl+O: open a file.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+F: find (focus the table's search box).
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+C: copy the selected rows.
pub const COPY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::C);
/// Ctrl+E: export the current view's figure as PNG.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Ctrl+Q: quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Ctrl+← / Ctrl+→: previous / next year.
pub const PREVIOUS_YEAR: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND, Key::ArrowLeft);
pub const NEXT_YEAR: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::ArrowRight);
/// Ctrl+1/2/3/4: Table, Radar, Trends, What-if.
pub const VIEW_KEYS: [(KeyboardShortcut, View); 4] = [
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num1),
        View::Table,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num2),
        View::Radar,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num3),
        View::Trends,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num4),
        View::WhatIf,
    ),
];
/// F1: the keyboard-shortcut help.
pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
/// Ctrl+plus / Ctrl+minus / Ctrl+0: larger, smaller, actual size (egui applies them).
pub use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_OUT, ZOOM_RESET};

/// The help's rows: the keys, as this platform writes them, and what they do.
#[must_use]
pub fn shortcut_rows(ctx: &egui::Context, s: &Strings) -> Vec<(String, &'static str)> {
    let keys = |shortcut: &KeyboardShortcut| ctx.format_shortcut(shortcut);
    let views = VIEW_KEYS
        .iter()
        .map(|(k, _)| keys(k))
        .collect::<Vec<_>>()
        .join(" / ");
    vec![
        (keys(&OPEN), s.sc_open),
        (keys(&FIND), s.sc_find),
        (keys(&COPY), s.sc_copy),
        (keys(&EXPORT), s.sc_export),
        (views, s.sc_views),
        (
            format!("{} / {}", keys(&PREVIOUS_YEAR), keys(&NEXT_YEAR)),
            s.sc_years,
        ),
        ("Enter".to_owned(), s.sc_detail),
        (s.sc_select_keys.to_owned(), s.sc_select),
        ("Esc".to_owned(), s.sc_close),
        (
            format!(
                "{} / {} / {}",
                keys(&ZOOM_IN),
                keys(&ZOOM_OUT),
                keys(&ZOOM_RESET)
            ),
            s.sc_zoom,
        ),
        (keys(&HELP), s.sc_help),
        (keys(&QUIT), s.sc_quit),
    ]
}

/// The help overlay: a window listing the shortcuts; closes with its button, F1 or Esc.
#[must_use]
pub fn help_ui(ctx: &egui::Context, s: &Strings) -> Vec<Command> {
    let mut commands = Vec::new();
    let rows = shortcut_rows(ctx, s);
    let modal = egui::Modal::new(egui::Id::unique("shortcut_help")).show(ctx, |ui: &mut Ui| {
        ui.heading(s.shortcuts_title);
        ui.add_space(6.0);
        egui::Grid::new("shortcut_rows")
            .num_columns(2)
            .striped(true)
            .spacing([24.0, 6.0])
            .show(ui, |ui| {
                for (keys, what) in &rows {
                    ui.monospace(keys);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.weak(s.shortcuts_hint);
        ui.add_space(6.0);
        if ui.button(s.close).clicked() {
            commands.push(Command::ToggleHelp);
        }
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::ToggleHelp);
    }
    commands
}
