//! The window's own path prompt, shown when no system file chooser answered: a path to type
//! (a save starts with the one proposed), Enter or the button to go on, Escape to cancel.

use egui::{Key, Ui};

use crate::context::command::Command;
use crate::context::dialogs::{PathPrompt, PromptPurpose};
use crate::strings::Strings;

/// Draws the prompt; returns the commands (edits, confirm, cancel).
#[must_use]
pub fn path_prompt_ui(ctx: &egui::Context, prompt: &PathPrompt, s: &Strings) -> Vec<Command> {
    let mut commands = Vec::new();
    let (title, action) = match prompt.purpose {
        PromptPurpose::Open => (s.path_prompt_open, s.import_open),
        PromptPurpose::Save(_) => (s.path_prompt_save, s.path_prompt_save_button),
    };
    let modal = egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui: &mut Ui| {
        ui.heading(title);
        ui.label(s.path_prompt_note);
        let mut text = prompt.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(560.0)
                .hint_text(s.path_prompt_hint),
        );
        field.request_focus();
        if text != prompt.text {
            commands.push(Command::SetPathPrompt(Some(PathPrompt {
                purpose: prompt.purpose,
                text,
            })));
        }
        let entered = ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if ui.button(action).clicked() || entered {
                commands.push(Command::ConfirmPathPrompt);
            }
            if ui.button(s.import_cancel).clicked() {
                commands.push(Command::SetPathPrompt(None));
            }
        });
    });
    if modal.should_close() && commands.is_empty() {
        commands.push(Command::SetPathPrompt(None));
    }
    commands
}
