//! One small line chart per capacity over the years: the selected entities against the cohort
//! median, with the interquartile range shaded; x axes and cursors are linked.

use egui::{Color32, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints, Polygon};

use crate::charts::palette;
use crate::charts::radar::Pick;
use crate::model::period;
use crate::views::ViewContext;

/// Draws the small multiples, two a row.
pub fn capacities_ui(ui: &mut Ui, cx: &ViewContext<'_>, picks: &[Pick]) {
    let data = cx.data;
    let group = egui::Id::unique("capacity_trends");
    let width = (ui.available_width() / 2.0 - 12.0).max(240.0);
    egui::ScrollArea::vertical()
        .id_salt("capacity_trends_scroll")
        .show(ui, |ui| {
            for row in (0..data.meta.capacities.len())
                .collect::<Vec<_>>()
                .chunks(2)
            {
                ui.horizontal(|ui| {
                    for &capacity in row {
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            ui.strong(data.meta.capacities[capacity].label(cx.names));
                            capacity_plot_ui(ui, cx, capacity, picks, group, width);
                        });
                    }
                });
            }
        });
}

fn capacity_plot_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    capacity: usize,
    picks: &[Pick],
    group: egui::Id,
    width: f32,
) {
    let data = cx.data;
    let stats: Vec<(f64, crate::model::Stats)> = data
        .years
        .iter()
        .filter_map(|y| {
            Some((
                period::axis(y.year),
                y.derived.capacity_stats.get(capacity).copied().flatten()?,
            ))
        })
        .collect();
    Plot::new(("capacity_trend", capacity))
        .width(width)
        .height(200.0)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .allow_scroll(false)
        .show(ui, |plot| {
            // The interquartile range, one quad per pair of years (each quad is convex).
            for pair in stats.windows(2) {
                let [(x0, a), (x1, b)] = [pair[0], pair[1]];
                let band = vec![[x0, a.q1], [x1, b.q1], [x1, b.q3], [x0, a.q3]];
                plot.polygon(
                    Polygon::new("IQR", PlotPoints::new(band))
                        .fill_color(Color32::from_gray(140).gamma_multiply(0.25))
                        .stroke(egui::Stroke::NONE),
                );
            }
            let median: Vec<[f64; 2]> = stats.iter().map(|(x, s)| [*x, s.median]).collect();
            plot.line(
                Line::new(cx.strings.radar_median, PlotPoints::new(median))
                    .color(Color32::from_gray(120))
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            for pick in picks {
                let points: Vec<[f64; 2]> = data
                    .years
                    .iter()
                    .filter_map(|y| {
                        let value = y
                            .record_of(pick.entity)
                            .and_then(|r| y.records.get(r)?.score(capacity))?;
                        Some([period::axis(y.year), value])
                    })
                    .collect();
                let [red, green, blue] = palette::series_colour(pick.slot);
                let name = data
                    .entities
                    .get(pick.entity)
                    .map(|e| e.name(cx.names))
                    .unwrap_or_default();
                plot.line(
                    Line::new(name, PlotPoints::new(points))
                        .color(Color32::from_rgb(red, green, blue))
                        .width(2.0),
                );
            }
        });
}
