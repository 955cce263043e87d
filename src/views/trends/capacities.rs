//! One small line chart per capacity over the years (the [`CapacitiesSpec`] the SVG figure
//! draws too): the selected entities against the cohort median, with the interquartile range
//! shaded; x axes and cursors are linked, gridlines fall on the periods.

use egui::{Color32, Ui};
use egui_plot::{GridMark, Line, Plot, PlotPoints, Polygon};

use crate::charts::capacities::{CapacitiesSpec, CapacityPanel};

/// Draws the legend once above the panels (so that no panel is covered by it), then the small
/// multiples, two a row, sharing the height there is.
pub fn capacities_ui(ui: &mut Ui, spec: &CapacitiesSpec) {
    legend_ui(ui, spec);
    let group = egui::Id::unique("capacity_trends");
    let width = (ui.available_width() / 2.0 - 12.0).max(240.0);
    let rows = spec.panels.len().div_ceil(2).max(1);
    #[expect(clippy::cast_precision_loss, reason = "a few rows")]
    let height = ((ui.available_height() - 8.0) / rows as f32 - 28.0).clamp(160.0, 420.0);
    egui::ScrollArea::vertical()
        .id_salt("capacity_trends_scroll")
        .show(ui, |ui| {
            for (row, panels) in spec.panels.chunks(2).enumerate() {
                ui.horizontal(|ui| {
                    for (column, panel) in panels.iter().enumerate() {
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            ui.strong(&panel.label);
                            capacity_plot_ui(
                                ui,
                                spec,
                                panel,
                                (row * 2 + column, group),
                                [width, height],
                            );
                        });
                    }
                });
            }
        });
}

fn capacity_plot_ui(
    ui: &mut Ui,
    spec: &CapacitiesSpec,
    panel: &CapacityPanel,
    (index, group): (usize, egui::Id),
    [width, height]: [f32; 2],
) {
    let periods = spec.periods.clone();
    let labels = spec.periods.clone();
    let ticks = panel.ticks.clone();
    let step = match ticks.as_slice() {
        [a, b, ..] => b - a,
        _ => 1.0,
    };
    let visuals = ui.visuals().clone();
    Plot::new(("capacity_trend", index))
        .width(width)
        .height(height)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .include_y(panel.domain.0)
        .include_y(panel.domain.1)
        // Gridlines and labels at the periods only: no line between two years.
        .x_grid_spacer(move |_| {
            periods
                .iter()
                .map(|(x, _)| GridMark {
                    value: *x,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _| {
            labels
                .iter()
                .find(|(x, _)| (x - mark.value).abs() < 1e-9)
                .map(|(_, label)| label.clone())
                .unwrap_or_default()
        })
        // The value axis on the spec's round ticks, as the SVG figure has them.
        .y_grid_spacer(move |_| {
            ticks
                .iter()
                .map(|&value| GridMark {
                    value,
                    step_size: step,
                })
                .collect()
        })
        .y_axis_formatter(|mark, _| crate::charts::labels::tick(mark.value))
        .allow_scroll(false)
        .show(ui, |plot| {
            // The interquartile range, one quad per pair of periods (each quad is convex).
            for pair in panel.band.windows(2) {
                let [[x0, a1, a3], [x1, b1, b3]] = [pair[0], pair[1]];
                let band = vec![[x0, a1], [x1, b1], [x1, b3], [x0, a3]];
                plot.polygon(
                    Polygon::new(spec.band_label.as_str(), PlotPoints::new(band))
                        .fill_color(Color32::from_gray(140).gamma_multiply(0.25))
                        .stroke(egui::Stroke::NONE),
                );
            }
            plot.line(
                Line::new(
                    spec.median_label.as_str(),
                    PlotPoints::new(panel.median.clone()),
                )
                .color(crate::widgets::palette::series_mark(
                    crate::charts::palette::REFERENCE,
                    &visuals,
                ))
                .style(egui_plot::LineStyle::dashed_loose()),
            );
            for series in &panel.series {
                plot.line(
                    Line::new(
                        series.label.as_str(),
                        PlotPoints::new(series.points.clone()),
                    )
                    .color(crate::widgets::palette::series_mark(
                        series.colour,
                        &visuals,
                    ))
                    .width(2.0),
                );
            }
        });
}

/// One row: each selected entity's colour and name, the median's dashes, the range's shade.
fn legend_ui(ui: &mut Ui, spec: &CapacitiesSpec) {
    let swatch = |ui: &mut Ui, draw: &dyn Fn(&egui::Painter, egui::Rect)| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
        draw(ui.painter(), rect);
    };
    let reference =
        crate::widgets::palette::series_mark(crate::charts::palette::REFERENCE, ui.visuals());
    ui.horizontal_wrapped(|ui| {
        for series in spec.panels.first().map_or(&[][..], |p| &p.series[..]) {
            let colour = crate::widgets::palette::series_mark(series.colour, ui.visuals());
            swatch(ui, &|painter, rect| {
                painter.line_segment(
                    [rect.left_center(), rect.right_center()],
                    egui::Stroke::new(2.5, colour),
                );
            });
            ui.label(&series.label);
            ui.add_space(8.0);
        }
        swatch(ui, &|painter, rect| {
            painter.extend(egui::Shape::dashed_line(
                &[rect.left_center(), rect.right_center()],
                egui::Stroke::new(1.5, reference),
                5.0,
                4.0,
            ));
        });
        ui.label(&spec.median_label);
        ui.add_space(8.0);
        swatch(ui, &|painter, rect| {
            painter.rect_filled(
                rect.shrink(2.0),
                0.0,
                Color32::from_gray(140).gamma_multiply(0.25),
            );
        });
        ui.label(&spec.band_label);
    });
}
