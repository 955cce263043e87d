//! The top bar: File menu, year selector, view switcher, name style and theme.

use std::path::PathBuf;

use egui::Ui;

use super::ViewContext;
use super::view_menu::{help_menu_ui, language_switch_ui, view_menu_ui};
use crate::context::command::Command;
use crate::context::settings::{FigureTexts, ThemeChoice, View};
use crate::model::NameStyle;
use crate::strings::Language;

pub use super::shortcuts::{
    COPY, EXPORT, FIND, HELP, NEXT_YEAR, OPEN, PREVIOUS_YEAR, QUIT, VIEW_KEYS,
};

/// What the top bar shows besides the view context.
pub struct TopBarState<'a> {
    pub year: i32,
    pub view: View,
    pub theme: ThemeChoice,
    pub recent: &'a [PathBuf],
    pub figure: &'a FigureTexts,
    pub language: Language,
}

/// Draws the top bar and returns the commands chosen in it.
pub fn top_bar_ui(ui: &mut Ui, cx: &ViewContext<'_>, bar: &TopBarState<'_>) -> Vec<Command> {
    let s = cx.strings;
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        // At a large UI scale the bar wraps onto a second line instead of running off-screen.
        ui.horizontal_wrapped(|ui| {
            ui.menu_button(s.file, |ui| {
                let shortcut = ui.ctx().format_shortcut(&OPEN);
                if ui
                    .add(egui::Button::new(s.open).shortcut_text(shortcut))
                    .clicked()
                {
                    commands.push(Command::OpenDialog);
                }
                ui.menu_button(s.open_recent, |ui| {
                    if bar.recent.is_empty() {
                        ui.label(s.no_recent);
                    }
                    for path in bar.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Open(path.clone()));
                        }
                    }
                });
                if ui
                    .button(s.save_dataset)
                    .on_hover_text(s.save_dataset_hint)
                    .clicked()
                {
                    commands.push(Command::ExportDialog(
                        crate::context::dialogs::SavePurpose::Dataset,
                    ));
                }
                if ui.button(s.open_sample).clicked() {
                    commands.push(Command::OpenSample);
                }
                ui.separator();
                let shortcut = ui.ctx().format_shortcut(&QUIT);
                if ui
                    .add(egui::Button::new(s.quit).shortcut_text(shortcut))
                    .clicked()
                {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button(s.export, |ui| {
                commands.extend(export_menu_ui(ui, s, bar.view, bar.figure));
            });
            ui.menu_button(s.view_menu, |ui| {
                commands.extend(view_menu_ui(ui, s, bar.language));
            });
            ui.menu_button(s.help, |ui| commands.extend(help_menu_ui(ui, s)));
            ui.separator();
            year_selector_ui(ui, cx, bar.year, &mut commands);
            ui.separator();
            for (view, label) in [
                (View::Table, s.view_table),
                (View::Radar, s.view_radar),
                (View::Trends, s.view_trends),
                (View::WhatIf, s.view_whatif),
                (View::Audit, s.view_audit),
            ] {
                let shortcut = VIEW_KEYS
                    .iter()
                    .find(|(_, v)| *v == view)
                    .map(|(k, _)| ui.ctx().format_shortcut(k));
                let response = ui.selectable_label(bar.view == view, label);
                if response
                    .on_hover_text(shortcut.unwrap_or_default())
                    .clicked()
                {
                    commands.push(Command::SetView(view));
                }
            }
            ui.separator();
            names_selector_ui(ui, cx.names, s, &mut commands);
            theme_selector_ui(ui, bar.theme, s, &mut commands);
            ui.separator();
            commands.extend(language_switch_ui(ui, bar.language));
        });
    });
    commands
}

fn year_selector_ui(ui: &mut Ui, cx: &ViewContext<'_>, year: i32, commands: &mut Vec<Command>) {
    let s = cx.strings;
    let label = ui.label(s.year);
    let first = cx.year_index == 0;
    let last = cx.year_index + 1 >= cx.data.years.len();
    let back = ui.add_enabled(!first, egui::Button::new("◀"));
    if back
        .on_hover_text(ui.ctx().format_shortcut(&PREVIOUS_YEAR))
        .clicked()
    {
        commands.push(Command::StepYear(-1));
    }
    egui::ComboBox::from_id_salt("year")
        .selected_text(crate::model::period::label(year))
        .width(if crate::model::period::is_date(year) {
            92.0
        } else {
            64.0
        })
        .show_ui(ui, |ui| {
            for y in &cx.data.years {
                if ui.selectable_label(y.year == year, y.label()).clicked() {
                    commands.push(Command::SetYear(y.year));
                }
            }
        })
        .response
        .labelled_by(label.id);
    let next = ui.add_enabled(!last, egui::Button::new("▶"));
    if next
        .on_hover_text(ui.ctx().format_shortcut(&NEXT_YEAR))
        .clicked()
    {
        commands.push(Command::StepYear(1));
    }
}

fn names_selector_ui(
    ui: &mut Ui,
    names: NameStyle,
    s: &crate::strings::Strings,
    commands: &mut Vec<Command>,
) {
    let label = |style| match style {
        NameStyle::Chinese => s.names_chinese,
        NameStyle::English => s.names_english,
        NameStyle::Both => s.names_both,
    };
    // The caption and its box wrap together on a narrow bar.
    together(ui, s.names, |ui| {
        let caption = ui.label(s.names);
        egui::ComboBox::from_id_salt("names")
            .selected_text(label(names))
            .show_ui(ui, |ui| {
                for style in [NameStyle::Chinese, NameStyle::English, NameStyle::Both] {
                    if ui.selectable_label(names == style, label(style)).clicked() {
                        commands.push(Command::SetNames(style));
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    });
}

/// Lays out a caption and its combo box as one piece of a wrapping bar: on a new line when the
/// rest of this one is too narrow for both.
fn together(ui: &mut Ui, caption: &str, add: impl FnOnce(&mut Ui)) {
    let caption_width = ui
        .painter()
        .layout_no_wrap(
            caption.to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::WHITE,
        )
        .size()
        .x;
    let spacing = ui.spacing();
    let needed =
        caption_width + spacing.combo_width + spacing.icon_width + 3.0 * spacing.item_spacing.x;
    if ui.available_size_before_wrap().x < needed {
        ui.end_row();
    }
    ui.horizontal(add);
}

fn theme_selector_ui(
    ui: &mut Ui,
    theme: ThemeChoice,
    s: &crate::strings::Strings,
    commands: &mut Vec<Command>,
) {
    let label = |choice| match choice {
        ThemeChoice::System => s.theme_system,
        ThemeChoice::Light => s.theme_light,
        ThemeChoice::Dark => s.theme_dark,
    };
    // The caption and its box wrap together on a narrow bar.
    together(ui, s.theme, |ui| {
        let caption = ui.label(s.theme);
        egui::ComboBox::from_id_salt("theme")
            .selected_text(label(theme))
            .show_ui(ui, |ui| {
                for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                    if ui
                        .selectable_label(theme == choice, label(choice))
                        .clicked()
                    {
                        commands.push(Command::SetTheme(choice));
                    }
                }
            })
            .response
            .labelled_by(caption.id);
    });
}

/// The Export menu: the current view's figure as SVG or PNG or on the clipboard, its table as
/// CSV, and screenshots of the window or the view at 1×, 2× or 3×.
fn export_menu_ui(
    ui: &mut Ui,
    s: &crate::strings::Strings,
    view: View,
    texts: &FigureTexts,
) -> Vec<Command> {
    use crate::context::dialogs::ScreenshotOptions;
    use crate::context::dialogs::{FigureFormat, SavePurpose};
    let mut commands = Vec::new();
    let shortcut = ui.ctx().format_shortcut(&EXPORT);
    if ui.button(s.export_svg).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::Figure(
            FigureFormat::Svg,
        )));
    }
    if ui
        .add(egui::Button::new(s.export_png).shortcut_text(shortcut))
        .clicked()
    {
        commands.push(Command::ExportDialog(SavePurpose::Figure(
            FigureFormat::Png,
        )));
    }
    if ui.button(s.export_copy).clicked() {
        commands.push(Command::CopyFigure);
    }
    ui.separator();
    if view == View::Table && ui.button(s.export_csv).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::Table));
    }
    if view == View::Trends && ui.button(s.export_changes_csv).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::Changes));
    }
    if view == View::WhatIf && ui.button(s.export_whatif_csv).clicked() {
        commands.push(Command::ExportDialog(SavePurpose::WhatIf));
    }
    ui.menu_button(s.figure_options, |ui| {
        let mut edited = texts.clone();
        egui::Grid::new("figure_texts")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, text) in [
                    (s.figure_title, &mut edited.title),
                    (s.figure_subtitle, &mut edited.subtitle),
                    (s.figure_caption, &mut edited.caption),
                ] {
                    let caption = ui.label(label);
                    ui.add(
                        egui::TextEdit::singleline(text)
                            .hint_text(s.figure_default)
                            .desired_width(320.0),
                    )
                    .labelled_by(caption.id);
                    ui.end_row();
                }
            });
        ui.checkbox(&mut edited.transparent, s.figure_transparent);
        // The size on paper: text sizes are then points in the report.
        ui.horizontal(|ui| {
            let caption = ui.label(s.figure_width_cm);
            ui.add(
                egui::DragValue::new(&mut edited.width_cm)
                    .range(0.0..=200.0)
                    .speed(0.1)
                    .max_decimals(1),
            )
            .labelled_by(caption.id);
        });
        ui.horizontal(|ui| {
            let caption = ui.label(s.figure_dpi);
            ui.add(egui::DragValue::new(&mut edited.dpi).range(0..=1200))
                .labelled_by(caption.id);
        });
        // Below the printable minimums, "not set".
        if edited.width_cm > 0.0 && edited.width_cm < 3.0 {
            edited.width_cm = 0.0;
        }
        if edited.dpi > 0 && edited.dpi < 36 {
            edited.dpi = 0;
        }
        if edited != *texts {
            commands.push(Command::SetFigureTexts(edited));
        }
    });
    for (label, view_only) in [
        (s.export_screenshot, false),
        (s.export_screenshot_view, true),
    ] {
        ui.menu_button(label, |ui| {
            for scale in [1.0, 2.0, 3.0] {
                if ui.button(format!("{scale:.0}×…")).clicked() {
                    let options = ScreenshotOptions {
                        scale,
                        view_only,
                        close_when_done: false,
                    };
                    commands.push(Command::ExportDialog(SavePurpose::Screenshot(options)));
                }
            }
        });
    }
    commands
}
