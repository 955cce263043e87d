//! The View and Help menus: language, UI scale, "Reset view", and the shortcut help; plus the
//! one-click language switch at the right of the top bar.

use egui::Ui;

use super::shortcuts::{HELP, ZOOM_IN, ZOOM_OUT, ZOOM_RESET};
use crate::context::command::Command;
use crate::context::settings::ZOOM_RANGE;
use crate::strings::{Language, Strings};

/// One step of the UI scale, as egui's own keyboard zoom takes.
const ZOOM_STEP: f32 = 0.1;

/// The View menu's items.
#[must_use]
pub fn view_menu_ui(ui: &mut Ui, s: &Strings, language: Language) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.label(s.language);
    for choice in Language::ALL {
        if ui.radio(language == choice, choice.native_name()).clicked() {
            commands.push(Command::SetLanguage(choice));
        }
    }
    ui.separator();
    let zoom = ui.ctx().zoom_factor();
    ui.label(format!("{} {:.0}%", s.ui_scale, zoom * 100.0));
    let item = |ui: &mut Ui, text: &str, shortcut, enabled: bool| {
        let shortcut = ui.ctx().format_shortcut(shortcut);
        ui.add_enabled(enabled, egui::Button::new(text).shortcut_text(shortcut))
            .clicked()
    };
    if item(ui, s.zoom_in, &ZOOM_IN, zoom < ZOOM_RANGE.1) {
        commands.push(Command::SetZoom(step(zoom, ZOOM_STEP)));
    }
    if item(ui, s.zoom_out, &ZOOM_OUT, zoom > ZOOM_RANGE.0) {
        commands.push(Command::SetZoom(step(zoom, -ZOOM_STEP)));
    }
    if item(ui, s.zoom_reset, &ZOOM_RESET, true) {
        commands.push(Command::SetZoom(1.0));
    }
    ui.separator();
    if ui
        .button(s.reset_view)
        .on_hover_text(s.reset_view_hint)
        .clicked()
    {
        commands.push(Command::ResetView);
    }
    commands
}

/// The Help menu's items.
#[must_use]
pub fn help_menu_ui(ui: &mut Ui, s: &Strings) -> Vec<Command> {
    let shortcut = ui.ctx().format_shortcut(&HELP);
    if ui
        .add(egui::Button::new(s.shortcuts_title).shortcut_text(shortcut))
        .clicked()
    {
        vec![Command::ToggleHelp]
    } else {
        Vec::new()
    }
}

/// A button naming the other language, in that language: one click switches to it.
#[must_use]
pub fn language_switch_ui(ui: &mut Ui, language: Language) -> Vec<Command> {
    let other = match language {
        Language::English => Language::Chinese,
        Language::Chinese => Language::English,
    };
    let hover = format!(
        "{} / {}",
        crate::strings::EN.language,
        crate::strings::ZH.language
    );
    if ui
        .button(other.native_name())
        .on_hover_text(hover)
        .clicked()
    {
        vec![Command::SetLanguage(other)]
    } else {
        Vec::new()
    }
}

/// `zoom` moved by `delta`, rounded to a tenth as egui's keyboard zoom does.
fn step(zoom: f32, delta: f32) -> f32 {
    ((zoom + delta) * 10.0).round() / 10.0
}
