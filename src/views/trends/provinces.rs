//! Counts of ranked entities by province and year, as grouped bars in a table, sortable.

use egui::{Grid, RichText, Sense, Ui};

use crate::context::view_cache::ProvinceCounts;
use crate::views::ViewContext;

/// Draws the counts; a click on a year sorts by it (most first), on "Province" by name.
pub fn provinces_ui(ui: &mut Ui, cx: &ViewContext<'_>, counts: &ProvinceCounts) {
    let data = cx.data;
    let sort_id = egui::Id::unique("province_counts_sort");
    let sort: Option<usize> = ui
        .data(|d| d.get_temp(sort_id))
        .unwrap_or(Some(data.years.len().saturating_sub(1)));
    // Sorting a few dozen provinces per frame is cheaper than remembering the order.
    let mut rows: Vec<&(String, Vec<usize>)> = counts.iter().collect();
    match sort {
        Some(y) => rows.sort_by(|a, b| b.1.get(y).cmp(&a.1.get(y)).then(a.0.cmp(&b.0))),
        None => rows.sort_by(|a, b| a.0.cmp(&b.0)),
    }
    let widest = rows
        .iter()
        .flat_map(|r| r.1.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let mut new_sort = sort;
    // The whole width, so that the floating scroll bar stands clear of the last counts.
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .id_salt("province_counts")
        .show(ui, |ui| {
            Grid::new("province_counts_grid")
                .striped(true)
                .num_columns(1 + data.years.len())
                .show(ui, |ui| {
                    let arrow = |on: bool| if on { " ▼" } else { "" };
                    if ui
                        .add(
                            egui::Label::new(
                                RichText::new(format!(
                                    "{}{}",
                                    cx.strings.col_province,
                                    arrow(sort.is_none())
                                ))
                                .strong(),
                            )
                            .sense(Sense::click()),
                        )
                        .clicked()
                    {
                        new_sort = None;
                    }
                    for (y, year) in data.years.iter().enumerate() {
                        let title = format!("{}{}", year.label(), arrow(sort == Some(y)));
                        if ui
                            .add(
                                egui::Label::new(RichText::new(title).strong())
                                    .sense(Sense::click()),
                            )
                            .on_hover_text(cx.strings.sort_hint)
                            .clicked()
                        {
                            new_sort = Some(y);
                        }
                    }
                    ui.end_row();
                    for (name, per_year) in &rows {
                        ui.label(name);
                        for (y, &count) in per_year.iter().enumerate() {
                            ui.horizontal(|ui| {
                                #[expect(clippy::cast_precision_loss, reason = "counts are small")]
                                let width = 120.0 * count as f32 / widest as f32;
                                let (rect, _) =
                                    ui.allocate_exact_size(egui::vec2(120.0, 14.0), Sense::hover());
                                let bar = egui::Rect::from_min_size(
                                    rect.min,
                                    egui::vec2(width, rect.height()),
                                );
                                let [red, green, blue] = crate::charts::palette::ramp_on(
                                    y,
                                    data.years.len(),
                                    ui.visuals().dark_mode,
                                );
                                ui.painter().rect_filled(
                                    bar,
                                    2.0,
                                    egui::Color32::from_rgb(red, green, blue),
                                );
                                ui.label(count.to_string());
                            });
                        }
                        ui.end_row();
                    }
                });
        });
    if new_sort != sort {
        ui.data_mut(|d| d.insert_temp(sort_id, new_sort));
    }
}
