//! The Radar view: the selected entities' capacity profiles against the cohort, overlaid or as
//! small multiples, with exact values beside the chart and a drill-down into indicators.

use egui::{Grid, RichText, ScrollArea, Ui};

use super::ViewContext;
use crate::charts::palette;
use crate::charts::radar::{Pick, RadarSettings, RadarSpec};
use crate::context::command::Command;
use crate::context::settings::SelectMode;
use crate::model::radar::Normalization;
use crate::widgets::radar::radar_ui;

use crate::charts::radar::OVERLAY_MAX;

/// What the Radar view reads besides the view context.
pub struct RadarInputs<'a> {
    pub settings: &'a RadarSettings,
    pub picks: &'a [Pick],
    pub drill: Option<usize>,
    /// The overlay chart, then with small multiples one chart per pick (computed ahead).
    pub specs: &'a [RadarSpec],
}

/// Draws the Radar view and returns the commands given in it.
pub fn radar_view_ui(ui: &mut Ui, cx: &ViewContext<'_>, inputs: &RadarInputs<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let s = cx.strings;
    let mut settings = inputs.settings.clone();
    controls_ui(ui, cx, &mut settings, inputs.picks, &mut commands);
    if settings != *inputs.settings {
        commands.push(Command::SetRadar(settings.clone()));
    }
    ui.separator();
    crate::views::content_region::mark_content_below(ui);
    let axes = cx.data.meta.capacities.len();
    let empty = RadarSpec::default();
    let spec = inputs.specs.first().unwrap_or(&empty);
    if inputs.picks.is_empty() {
        ui.weak(s.radar_pick_hint);
    }
    if axes < 3 {
        ui.label(format!("{} ({axes})", s.radar_too_few_axes));
        exact_values_ui(ui, spec);
        return commands;
    }
    ui.horizontal_top(|ui| {
        let chart_width = (ui.available_width() * 0.6).max(320.0);
        ui.vertical(|ui| {
            ui.set_width(chart_width);
            ui.label(RichText::new(&spec.subtitle).strong())
                .on_hover_text(s.normalization_definition(settings.normalization));
            if settings.small_multiples {
                small_multiples_ui(ui, cx, inputs, chart_width, &mut commands);
            } else {
                if inputs.picks.len() > OVERLAY_MAX {
                    ui.weak(format!(
                        "{} {OVERLAY_MAX} / {}",
                        s.radar_overlay_limit,
                        inputs.picks.len()
                    ));
                }
                let size = chart_width.min(ui.available_height() - 40.0).max(300.0);
                let output = radar_ui(s, ui, spec, size, s.radar_drill_hint);
                if let Some(axis) = output.clicked_axis {
                    let next = if inputs.drill == Some(axis) {
                        None
                    } else {
                        Some(axis)
                    };
                    commands.push(Command::DrillAxis(next));
                }
            }
            ui.label(RichText::new(&spec.caption).small().weak());
        });
        ui.vertical(|ui| {
            legend_ui(ui, spec);
            ui.add_space(8.0);
            // A clicked axis's indicators come first, in view; wide tables scroll sideways
            // instead of being cut.
            ScrollArea::both().id_salt("radar_side").show(ui, |ui| {
                if let Some(capacity) = inputs.drill {
                    commands.extend(drill_ui(ui, cx, capacity, inputs.picks));
                    ui.add_space(8.0);
                }
                exact_values_ui(ui, spec);
            });
        });
    });
    commands
}

fn controls_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    settings: &mut RadarSettings,
    picks: &[Pick],
    commands: &mut Vec<Command>,
) {
    let s = cx.strings;
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label(s.radar_scale);
        egui::ComboBox::from_id_salt("radar_normalization")
            .selected_text(s.normalization(settings.normalization))
            .show_ui(ui, |ui| {
                for norm in Normalization::ALL {
                    ui.selectable_value(&mut settings.normalization, norm, s.normalization(norm))
                        .on_hover_text(s.normalization_definition(norm));
                }
            })
            .response
            .labelled_by(caption.id)
            .on_hover_text(s.normalization_definition(settings.normalization));
        ui.checkbox(&mut settings.show_median, s.radar_median);
        ui.checkbox(&mut settings.show_top10, s.radar_top10);
        ui.checkbox(&mut settings.small_multiples, s.radar_small_multiples);
        let caption = ui.label(s.radar_baseline);
        let baseline_name = settings
            .baseline
            .and_then(|e| cx.data.entities.get(e))
            .map_or_else(|| s.none.to_owned(), |e| e.name(cx.names));
        egui::ComboBox::from_id_salt("radar_baseline")
            .selected_text(baseline_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut settings.baseline, None, s.none);
                for pick in picks {
                    if let Some(e) = cx.data.entities.get(pick.entity) {
                        ui.selectable_value(
                            &mut settings.baseline,
                            Some(pick.entity),
                            e.name(cx.names),
                        );
                    }
                }
            })
            .response
            .labelled_by(caption.id);
        ui.separator();
        commands.extend(crate::views::export_bar::export_bar_ui(ui, s, None));
        ui.separator();
        commands.extend(picker_ui(ui, cx));
    });
}

/// A searchable picker: type part of a name, click a match to add or remove it.
fn picker_ui(ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Command> {
    let s = cx.strings;
    let mut commands = Vec::new();
    let id = egui::Id::unique("radar_picker_text");
    let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let caption = ui.label(s.radar_add);
    let edit = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(s.search_hint)
                .desired_width(160.0),
        )
        .labelled_by(caption.id);
    if edit.changed() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return commands;
    }
    let matches = (0..cx.data.entities.len())
        .filter(|&e| cx.data.search_text(e).contains(&needle))
        .take(8);
    for entity in matches {
        let e = &cx.data.entities[entity];
        let selected = cx.selection.contains(&entity);
        if ui.selectable_label(selected, e.name(cx.names)).clicked() {
            commands.push(Command::Select {
                entity,
                mode: SelectMode::Toggle,
            });
        }
    }
    commands
}

fn small_multiples_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    inputs: &RadarInputs<'_>,
    width: f32,
    commands: &mut Vec<Command>,
) {
    let charts: Vec<(&Pick, &RadarSpec)> = inputs
        .picks
        .iter()
        .zip(inputs.specs.iter().skip(1))
        .collect();
    // As many a row as lets every chart fit the view at the largest size (a scroll only when
    // even 180-point charts do not fit), on one shared scale.
    let (per_row, size) = multiples_grid(charts.len(), width, ui.available_height(), 28.0);
    ScrollArea::vertical()
        .id_salt("radar_multiples")
        .show(ui, |ui| {
            for row in charts.chunks(per_row) {
                ui.horizontal(|ui| {
                    for &(pick, spec) in row {
                        // Each chart's widgets get ids of their own.
                        ui.push_id(pick.entity, |ui| {
                            ui.vertical(|ui| {
                                let name = cx.data.entity_name(pick.entity, cx.names);
                                let text = crate::widgets::palette::series_text(
                                    palette::series_colour(pick.slot),
                                    ui.visuals(),
                                );
                                ui.label(RichText::new(name).color(text).strong());
                                let output = radar_ui(
                                    cx.strings,
                                    ui,
                                    spec,
                                    size,
                                    cx.strings.radar_drill_hint,
                                );
                                if let Some(axis) = output.clicked_axis {
                                    commands.push(Command::DrillAxis(Some(axis)));
                                }
                            })
                        });
                    }
                });
            }
        });
}

fn legend_ui(ui: &mut Ui, spec: &RadarSpec) {
    use crate::charts::radar::SeriesStyle;
    for series in &spec.series {
        let colour = crate::widgets::palette::series_mark(series.colour, ui.visuals());
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            // The swatch is drawn as the series is: a filled square, or a reference's dashes.
            match series.style {
                SeriesStyle::Filled => {
                    ui.painter().rect_filled(rect.shrink(2.0), 2.0, colour);
                }
                SeriesStyle::Dashed(pattern) => {
                    #[expect(clippy::cast_possible_truncation, reason = "a few points")]
                    let [dash, gap] = pattern.lengths().map(|v| v as f32);
                    let y = rect.center().y;
                    ui.painter().extend(egui::Shape::dashed_line(
                        &[egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                        egui::Stroke::new(2.0, colour),
                        dash,
                        gap,
                    ));
                }
            }
            ui.label(&series.label);
        });
    }
}

/// Grouped bars with the exact scores: one group per capacity, one bar per entity.
fn exact_values_ui(ui: &mut Ui, spec: &RadarSpec) {
    let entities: Vec<_> = spec
        .series
        .iter()
        .filter(|s| s.style == crate::charts::radar::SeriesStyle::Filled)
        .collect();
    if entities.is_empty() {
        return;
    }
    let max = entities
        .iter()
        .flat_map(|s| s.raw.iter().flatten())
        .copied()
        .fold(0.0, f64::max)
        .max(1e-9);
    // The bars take what the names and values leave of the width (up to 140 points), so that
    // no value is cut at the edge of a narrow window or a large UI scale.
    let value_text = |series: &crate::charts::radar::RadarSeries, axis: usize| {
        let raw = series.raw.get(axis).copied().flatten();
        let rank = series
            .ranks
            .get(axis)
            .copied()
            .flatten()
            .map(|r| format!(" (#{r})"))
            .unwrap_or_default();
        raw.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}{rank}"))
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let measure = |text: String| {
        ui.painter()
            .layout_no_wrap(text, font.clone(), egui::Color32::WHITE)
            .size()
            .x
    };
    let widest_name = entities
        .iter()
        .map(|s| measure(s.label.clone()))
        .fold(0.0, f32::max);
    let widest_value = entities
        .iter()
        .flat_map(|s| (0..spec.axes.len()).map(|axis| value_text(s, axis)))
        .map(measure)
        .fold(0.0, f32::max);
    let bar_width = (ui.available_width() - widest_name - widest_value - 24.0).clamp(24.0, 140.0);
    Grid::new("radar_exact_values")
        .num_columns(3)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for (axis, name) in spec.axes.iter().enumerate() {
                ui.strong(name);
                ui.end_row();
                for series in &entities {
                    let colour = crate::widgets::palette::series_mark(series.colour, ui.visuals());
                    let text = crate::widgets::palette::series_text(series.colour, ui.visuals());
                    ui.label(RichText::new(&series.label).color(text));
                    let raw = series.raw.get(axis).copied().flatten();
                    let (rect, response) =
                        ui.allocate_exact_size(egui::vec2(bar_width, 14.0), egui::Sense::hover());
                    // A turned axis (lower is better) draws its bar as the radar does: longer
                    // is better.
                    let turned = spec.lower_is_better.get(axis).copied().unwrap_or(false);
                    let (lo, hi) = spec.domain;
                    let length = if turned {
                        series
                            .values
                            .get(axis)
                            .copied()
                            .flatten()
                            .map(|v| (v - lo) / (hi - lo).max(1e-9))
                    } else {
                        raw.map(|v| v / max)
                    };
                    if let Some(length) = length {
                        #[expect(clippy::cast_possible_truncation, reason = "a fraction in 0..=1")]
                        let fraction = length.clamp(0.0, 1.0) as f32;
                        let bar = egui::Rect::from_min_size(
                            rect.min,
                            egui::vec2(rect.width() * fraction, rect.height()),
                        );
                        ui.painter().rect_filled(bar, 2.0, colour);
                    }
                    let text = value_text(series, axis);
                    response.on_hover_text(&text);
                    ui.label(text);
                    ui.end_row();
                }
            }
        });
}

/// The indicators of `capacity` for the selected entities.
fn drill_ui(ui: &mut Ui, cx: &ViewContext<'_>, capacity: usize, picks: &[Pick]) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(year) = cx.data.years.get(cx.year_index) else {
        return commands;
    };
    let Some(cap) = cx.data.meta.capacities.get(capacity) else {
        return commands;
    };
    ui.horizontal(|ui| {
        ui.strong(format!(
            "{} · {}",
            cap.label(cx.names),
            cx.strings.detail_indicators
        ));
        if ui
            .small_button("×")
            .on_hover_text(cx.strings.close)
            .clicked()
        {
            commands.push(Command::DrillAxis(None));
        }
    });
    let indicators: Vec<(usize, &crate::model::Indicator)> = cx
        .data
        .meta
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.capacity == capacity)
        .collect();
    if indicators.is_empty() {
        ui.weak(cx.strings.no_indicators);
        return commands;
    }
    Grid::new("radar_drill")
        .striped(true)
        .num_columns(1 + picks.len())
        .show(ui, |ui| {
            ui.label("");
            for pick in picks {
                let text = crate::widgets::palette::series_text(
                    palette::series_colour(pick.slot),
                    ui.visuals(),
                );
                let name = cx.data.entity_name(pick.entity, cx.names);
                ui.label(RichText::new(name).color(text).strong());
            }
            ui.end_row();
            for (index, indicator) in indicators {
                let label = indicator.label(cx.names);
                ui.label(format!("{label} ({})", indicator.unit))
                    .on_hover_text(format!("{} · {}", indicator.zh, indicator.en));
                for pick in picks {
                    let value = year
                        .record_of(pick.entity)
                        .and_then(|r| year.record(r))
                        .and_then(|r| r.indicator(index));
                    ui.label(value.map_or_else(|| "—".to_owned(), |v| v.to_string()));
                }
                ui.end_row();
            }
        });
    commands
}

/// Charts a row and their size for `count` square charts (each with a `label` line above) in a
/// `width`×`height` view: the arrangement that gives the largest charts with all of them in view,
/// never smaller than 180 points (then the view scrolls).
fn multiples_grid(count: usize, width: f32, height: f32, label: f32) -> (usize, f32) {
    let count = count.max(1);
    let gap = 8.0;
    let best = (1..=count)
        .map(|per_row| {
            let rows = count.div_ceil(per_row);
            #[expect(clippy::cast_precision_loss, reason = "a few charts")]
            let (per_row_f, rows_f) = (per_row as f32, rows as f32);
            let by_width = (width - gap * (per_row_f - 1.0)) / per_row_f;
            let by_height = (height - (label + gap) * rows_f) / rows_f;
            (per_row, by_width.min(by_height))
        })
        // On a tie, fewer a row (the charts keep their size, the rows their breathing room).
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((1, width));
    if best.1 >= 180.0 {
        return best;
    }
    // Too small to fit them all: 180-point charts, as many a row as the width takes.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let per_row = (((width + gap) / (180.0 + gap)).floor() as usize).clamp(1, count);
    (per_row, 180.0_f32.min(width))
}

#[cfg(test)]
mod tests {
    use super::multiples_grid;

    #[test]
    fn five_charts_fit_the_view_in_the_arrangement_that_draws_them_largest() {
        // 1300×700: three a row (two rows of ~310) beat two a row (three rows of ~200).
        let (per_row, size) = multiples_grid(5, 1300.0, 700.0, 28.0);
        assert_eq!(per_row, 3);
        let rows = 5_usize.div_ceil(per_row);
        #[expect(clippy::cast_precision_loss, reason = "a few charts")]
        let needed = rows as f32 * (size + 28.0 + 8.0);
        assert!(needed <= 700.0 + 0.5, "all five in view: {needed}");
        // A narrow view stacks them and scrolls rather than drawing them tiny.
        assert_eq!(multiples_grid(5, 300.0, 300.0, 28.0), (1, 180.0));
    }
}
