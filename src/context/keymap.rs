//! Every keyboard shortcut and the command it gives: one table that input handling reads and
//! the help overlay and menus list.

use egui::{Id, Key, KeyboardShortcut, Modifiers};

use super::command::Command;
use super::dialogs::{FigureFormat, SavePurpose};
use super::settings::View;

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
pub const VIEW_KEYS: [(KeyboardShortcut, View); 5] = [
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
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Num5),
        View::Audit,
    ),
];
/// F1: the keyboard-shortcut help.
pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
/// Ctrl+plus / Ctrl+minus / Ctrl+0: larger, smaller, actual size (egui applies them).
pub use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_OUT, ZOOM_RESET};

/// The shortcuts that work everywhere, with their commands (Ctrl+C, Enter and Esc depend on
/// what has the focus and are handled beside this table).
#[must_use]
pub fn global_shortcuts() -> Vec<(KeyboardShortcut, Command)> {
    let mut keys = vec![
        (OPEN, Command::OpenDialog),
        (HELP, Command::ToggleHelp),
        (QUIT, Command::Quit),
        (FIND, Command::FocusSearch),
        (
            EXPORT,
            Command::ExportDialog(SavePurpose::Figure(FigureFormat::Png)),
        ),
        (PREVIOUS_YEAR, Command::StepYear(-1)),
        (NEXT_YEAR, Command::StepYear(1)),
    ];
    keys.extend(VIEW_KEYS.iter().map(|(k, v)| (*k, Command::SetView(*v))));
    keys
}

impl Command {
    /// The shortcut that gives this command, if one does.
    #[must_use]
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        global_shortcuts()
            .into_iter()
            .find(|(_, command)| command == self)
            .map(|(key, _)| key)
    }
}

/// The id of the table's search box, so that Ctrl+F can focus it.
#[must_use]
pub fn search_id() -> Id {
    Id::unique("table_search")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_one_commands_and_found_from_it() {
        let table = global_shortcuts();
        for (i, (key, command)) in table.iter().enumerate() {
            assert!(
                table[i + 1..].iter().all(|(other, _)| other != key),
                "{key:?} is given twice"
            );
            assert_eq!(command.shortcut(), Some(*key));
        }
        assert_eq!(
            Command::SetView(View::Radar).shortcut(),
            VIEW_KEYS.get(1).map(|(k, _)| *k)
        );
        assert_eq!(Command::CopySelection.shortcut(), None);
    }
}
