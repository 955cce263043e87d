//! The column-mapping dialog: each column's detected role, changeable; the first values as they
//! will be read; what the mapping gives and any warnings; Open or Cancel.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};

use crate::context::command::Command;
use crate::context::import_dialog::ImportDialog;
use crate::io::mapping::{Mapping, Role};
use crate::io::tabular::headers;
use crate::io::values::is_missing;
use crate::strings::Strings;

/// The encodings the dialog offers for a text file: Unicode, the Chinese ones Excel writes, and
/// the Western, Japanese and Korean ones.
const ENCODINGS: [&encoding_rs::Encoding; 8] = [
    encoding_rs::UTF_8,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_16BE,
    encoding_rs::WINDOWS_1252,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
];

/// Values shown per column.
const SAMPLE_ROWS: usize = 4;

/// Draws the dialog; returns the commands given in it.
#[must_use]
pub fn import_dialog_ui(ctx: &egui::Context, dialog: &ImportDialog, s: &Strings) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut mapping = dialog.mapping.clone();
    let id = egui::Id::unique("import_dialog");
    // Below the popups' layer, so that the role drop-downs always open above the dialog.
    let area = egui::Modal::default_area(id).order(egui::Order::Middle);
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_max_width(980.0);
        ui.heading(format!("{} — {}", s.import_title, dialog.draft.file));
        if let Some(encoding) = dialog.draft.encoding {
            ui.horizontal(|ui| {
                let caption = ui.label(s.import_encoding);
                // Text files only: another encoding reads the files again.
                egui::ComboBox::from_id_salt("import_encoding")
                    .selected_text(encoding)
                    .show_ui(ui, |ui| {
                        for choice in ENCODINGS {
                            if ui
                                .selectable_label(choice.name() == encoding, choice.name())
                                .clicked()
                                && choice.name() != encoding
                            {
                                commands.push(Command::SetImportEncoding(choice));
                            }
                        }
                    })
                    .response
                    .labelled_by(caption.id)
                    .on_hover_text(s.import_encoding_hint);
            });
        }
        ui.label(s.import_hint);
        if dialog.draft.sheets.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                ui.label(s.import_sheets);
                let mut excluded = dialog.excluded.clone();
                for sheet in &dialog.draft.sheets {
                    let mut included = !excluded.contains(&sheet.name);
                    if ui.checkbox(&mut included, &sheet.name).changed() {
                        excluded.retain(|n| n != &sheet.name);
                        if !included {
                            excluded.push(sheet.name.clone());
                        }
                    }
                }
                if excluded != dialog.excluded {
                    commands.push(Command::SetImportSheets(excluded));
                }
            });
        }
        ui.add_space(6.0);
        // A sheet of many columns draws only the rows in view, so each frame stays quick.
        let columns = dialog.mapping.columns.len();
        if columns > MANY_COLUMNS {
            let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
            ScrollArea::vertical().max_height(420.0).show_rows(
                ui,
                row_height,
                columns,
                |ui, rows| columns_ui(ui, dialog, &mut mapping, s, Some(rows)),
            );
        } else {
            ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| columns_ui(ui, dialog, &mut mapping, s, None));
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            if dialog.building.is_some() {
                // The last preview stays until the one for this mapping is built.
                ui.spinner();
            }
            match dialog.preview_text(s) {
                Ok(summary) => {
                    ui.label(RichText::new(summary).strong());
                }
                Err(error) => {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            }
        });
        if !dialog.warnings.is_empty() {
            ui.label(format!("{} {}:", dialog.warnings.len(), s.import_warnings));
            ScrollArea::vertical()
                .id_salt("import_warnings")
                .max_height(100.0)
                .show(ui, |ui| {
                    for warning in &dialog.warnings {
                        ui.weak(warning);
                    }
                });
        }
        ui.horizontal(|ui| {
            let can_open = dialog.preview.is_ok();
            if ui
                .add_enabled(can_open, egui::Button::new(s.import_open))
                .clicked()
            {
                commands.push(Command::ConfirmImport);
            }
            if ui.button(s.import_cancel).clicked() {
                commands.push(Command::CancelImport);
            }
        });
    });
    // Escape cancels (a drop-down that is open takes Escape first); a click beside the dialog
    // does not, so that edits are never lost by a stray click.
    let escape = || ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    if modal.is_top_modal && !modal.any_popup_open && escape() {
        commands.push(Command::CancelImport);
    }
    if mapping != dialog.mapping {
        commands.insert(0, Command::SetImportMapping(mapping));
    }
    commands
}

/// Past this many columns the dialog draws only the rows in view.
const MANY_COLUMNS: usize = 200;

fn columns_ui(
    ui: &mut Ui,
    dialog: &ImportDialog,
    mapping: &mut Mapping,
    s: &Strings,
    rows: Option<std::ops::Range<usize>>,
) {
    let Some(sheet) = dialog
        .draft
        .sheets
        .iter()
        .find(|sheet| headers(&sheet.rows).is_some())
    else {
        return;
    };
    let Some((header_row, header_fields)) = headers(&sheet.rows) else {
        return;
    };
    let samples: Vec<&Vec<String>> = sheet
        .rows
        .iter()
        .skip(header_row + 1)
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .take(SAMPLE_ROWS)
        .map(|r| &r.fields)
        .collect();
    let capacity_ids: Vec<String> = mapping
        .columns
        .iter()
        .filter_map(|c| {
            if let Role::Capacity { id } = &c.role {
                Some(id.clone())
            } else {
                None
            }
        })
        .collect();
    Grid::new("import_columns")
        .striped(true)
        .num_columns(3 + SAMPLE_ROWS)
        .show(ui, |ui| {
            ui.strong(s.import_column);
            ui.strong(s.import_role);
            ui.strong("");
            ui.strong(s.import_values);
            ui.end_row();
            // Each header found once through a map: a frame costs the rows it draws.
            let position: std::collections::HashMap<String, usize> = mapping
                .columns
                .iter()
                .enumerate()
                .rev()
                .map(|(i, c)| (c.header.trim().to_owned(), i))
                .collect();
            let range = rows.unwrap_or(0..header_fields.len());
            for (index, header) in header_fields
                .iter()
                .enumerate()
                .skip(range.start)
                .take(range.len())
            {
                let Some(&at) = position.get(header.trim()) else {
                    continue;
                };
                let column = &mut mapping.columns[at];
                let label = ui.label(header);
                if let Some(reason) = dialog.draft.mapping.reason_of(header) {
                    label.on_hover_text(format!("{}: {reason}", s.import_detected));
                }
                role_combo_ui(ui, index, header, &mut column.role, &capacity_ids, s);
                match &mut column.role {
                    Role::Indicator { capacity, .. } => {
                        egui::ComboBox::from_id_salt(("import_capacity", index))
                            .selected_text(capacity.as_str())
                            .show_ui(ui, |ui| {
                                for id in &capacity_ids {
                                    ui.selectable_value(capacity, id.clone(), id);
                                }
                            })
                            .response
                            // Named, as the role menu beside it is, for screen readers too.
                            .on_hover_text(format!("{header}: {}", s.role_indicator));
                    }
                    Role::Capacity { .. } => {
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut column.lower_is_better, s.lower_is_better)
                                .on_hover_text(s.lower_is_better_hint);
                            labels_ui(ui, &mut column.zh, &mut column.en, s);
                        });
                    }
                    Role::Extra { .. } => {
                        ui.horizontal(|ui| labels_ui(ui, &mut column.zh, &mut column.en, s));
                    }
                    Role::Total => {
                        ui.checkbox(&mut column.lower_is_better, s.lower_is_better)
                            .on_hover_text(s.lower_total_hint);
                    }
                    _ => {
                        ui.label("");
                    }
                }
                ui.horizontal(|ui| {
                    for row in &samples {
                        let text = row.get(index).map_or("", String::as_str);
                        sample_ui(ui, text, &column.role);
                    }
                });
                ui.end_row();
            }
        });
}

/// A component's or extra column's labels in Chinese and English, apart from its id (empty:
/// the header is the label).
fn labels_ui(ui: &mut Ui, zh: &mut String, en: &mut String, s: &Strings) {
    let size = egui::vec2(96.0, ui.spacing().interact_size.y);
    ui.add_sized(
        size,
        egui::TextEdit::singleline(zh).hint_text(s.import_label_zh),
    )
    .on_hover_text(s.import_label_hint);
    ui.add_sized(
        size,
        egui::TextEdit::singleline(en).hint_text(s.import_label_en),
    )
    .on_hover_text(s.import_label_hint);
}

fn role_combo_ui(
    ui: &mut Ui,
    index: usize,
    header: &str,
    role: &mut Role,
    capacities: &[String],
    s: &Strings,
) {
    let first_capacity = capacities.first().cloned().unwrap_or_default();
    let choices = [
        (Role::Name, s.role_name),
        (Role::Id, s.role_id),
        (Role::Year, s.role_year),
        (Role::Rank, s.role_rank),
        (Role::Total, s.role_total),
        (Role::Province, s.role_province),
        (
            Role::Capacity {
                id: header.trim().to_owned(),
            },
            s.role_capacity,
        ),
        (
            Role::Indicator {
                id: header.trim().to_owned(),
                capacity: first_capacity,
            },
            s.role_indicator,
        ),
        (
            Role::Extra {
                id: header.trim().to_owned(),
            },
            s.role_extra,
        ),
        (Role::Ignore, s.role_ignore),
    ];
    let current = choices
        .iter()
        .find(|(r, _)| std::mem::discriminant(r) == std::mem::discriminant(role))
        .map_or(s.role_ignore, |(_, l)| *l);
    let response = egui::ComboBox::from_id_salt(("import_role", index))
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (choice, label) in &choices {
                let selected = std::mem::discriminant(choice) == std::mem::discriminant(role);
                if ui.selectable_label(selected, *label).clicked() && !selected {
                    *role = choice.clone();
                }
            }
        });
    response.response.on_hover_text(header);
}

/// A value as it will be read: in the error colour when the role cannot read it.
fn sample_ui(ui: &mut Ui, text: &str, role: &Role) {
    let readable = crate::io::tabular::readable_as(role, text);
    let shown: String = if is_missing(text) {
        "—".into()
    } else {
        text.chars().take(16).collect()
    };
    let colour = if readable {
        ui.visuals().text_color()
    } else {
        ui.visuals().error_fg_color
    };
    let weak = matches!(role, Role::Ignore);
    let rich = RichText::new(shown).color(if weak { Color32::GRAY } else { colour });
    ui.label(rich);
}
