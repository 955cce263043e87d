//! Every keyboard shortcut, and the help overlay (F1) that lists them.

use egui::{KeyboardShortcut, Ui};

use crate::context::command::Command;
use crate::strings::Strings;

pub use crate::context::keymap::{
    COPY, EXPORT, FIND, HELP, NEXT_YEAR, OPEN, PREVIOUS_YEAR, QUIT, VIEW_KEYS, ZOOM_IN, ZOOM_OUT,
    ZOOM_RESET,
};

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
