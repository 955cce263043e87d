//! Paints a radar spec: rings, axes, labels, translucent polygons (fanned from the centre so
//! concave shapes fill correctly), and a tooltip with exact values on the vertex under the pointer.

use crate::strings::Strings;
use egui::{Align2, Color32, FontId, Mesh, Pos2, Sense, Shape, Stroke, Ui, Vec2, pos2};

use crate::charts::radar::{FILL_OPACITY, RadarSpec, SeriesGeometry, SeriesStyle, layout};

/// What the user did on the chart.
#[derive(Default)]
pub struct RadarOutput {
    /// An axis label was clicked (drill down into its indicators).
    pub clicked_axis: Option<usize>,
}

/// Room beside the chart for axis labels on the left and right, and above and below it.
const LABEL_MARGIN_X: f32 = 110.0;
const LABEL_MARGIN_Y: f32 = 36.0;

/// Draws `spec` in a square of `size` points.
pub fn radar_ui(
    s: &Strings,
    ui: &mut Ui,
    spec: &RadarSpec,
    size: f32,
    drill_hint: &str,
) -> RadarOutput {
    let mut output = RadarOutput::default();
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    let painter = ui.painter_at(rect.expand(4.0));
    let center = rect.center();
    // Small charts (small multiples) give their labels a smaller share of the width.
    let margin_x = LABEL_MARGIN_X.min(size * 0.25);
    let radius = (size / 2.0 - margin_x)
        .min(size / 2.0 - LABEL_MARGIN_Y)
        .max(20.0);
    let geo = layout(
        spec,
        [f64::from(center.x), f64::from(center.y)],
        f64::from(radius),
    );
    let to_pos = |p: [f64; 2]| {
        #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
        let pos = pos2(p[0] as f32, p[1] as f32);
        pos
    };
    let visuals = ui.visuals().clone();
    let grid = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.5));
    for ring in &geo.rings {
        let points: Vec<Pos2> = ring.iter().map(|&p| to_pos(p)).collect();
        painter.add(Shape::closed_line(points, grid));
    }
    for &end in &geo.axis_ends {
        painter.line_segment([center, to_pos(end)], grid);
    }
    let small = FontId::proportional(10.0);
    for (pos, text) in &geo.tick_labels {
        painter.text(
            to_pos(*pos),
            Align2::LEFT_CENTER,
            text,
            small.clone(),
            visuals.weak_text_color(),
        );
    }
    let label_font = FontId::proportional(if size < 400.0 { 11.0 } else { 13.0 });
    for (index, ((pos, align), text)) in geo.labels.iter().zip(&spec.axes).enumerate() {
        let anchor = match align {
            1 => Align2::LEFT_CENTER,
            -1 => Align2::RIGHT_CENTER,
            _ if pos[1] < f64::from(center.y) => Align2::CENTER_BOTTOM,
            _ => Align2::CENTER_TOP,
        };
        let shown =
            crate::charts::labels::short_label(text, crate::charts::labels::AXIS_LABEL_WIDTH);
        let label_rect = painter.text(
            to_pos(*pos),
            anchor,
            &shown,
            label_font.clone(),
            visuals.strong_text_color(),
        );
        let axis = ui.interact(
            label_rect,
            ui.scope_id().with(("radar_axis", index)),
            Sense::click(),
        );
        let accessible = format!("{text}: {drill_hint}");
        axis.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
        if axis
            .on_hover_text(format!("{text}\n{drill_hint}"))
            .clicked()
        {
            output.clicked_axis = Some(index);
        }
    }
    for (series, geometry) in spec.series.iter().zip(&geo.polygons) {
        let vertices = &geometry.vertices;
        let colour = crate::widgets::palette::series_mark(series.colour, ui.visuals());
        let [red, green, blue] = [colour.r(), colour.g(), colour.b()];
        if let Some(triangles) = &geometry.fill {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "an opacity in 0..=1"
            )]
            let alpha = (FILL_OPACITY * 255.0).round() as u8;
            let fill = Color32::from_rgba_unmultiplied(red, green, blue, alpha);
            let mut mesh = Mesh::default();
            for triangle in triangles {
                let base = u32::try_from(mesh.vertices.len()).unwrap_or(0);
                for &corner in triangle {
                    mesh.colored_vertex(to_pos(corner), fill);
                }
                mesh.add_triangle(base, base + 1, base + 2);
            }
            painter.add(Shape::mesh(mesh));
        }
        #[expect(clippy::cast_possible_truncation, reason = "a line width in points")]
        let width = series.style.stroke_width() as f32;
        let count = vertices.len();
        for i in 0..count {
            let (Some(from), Some(to)) = (vertices[i], vertices[(i + 1) % count]) else {
                continue;
            };
            let segment = [to_pos(from), to_pos(to)];
            match series.style {
                SeriesStyle::Filled => {
                    painter.line_segment(segment, Stroke::new(width, colour));
                }
                SeriesStyle::Dashed(pattern) => {
                    #[expect(clippy::cast_possible_truncation, reason = "a few points")]
                    let [dash, gap] = pattern.lengths().map(|v| v as f32);
                    painter.extend(Shape::dashed_line(
                        &segment,
                        Stroke::new(width, colour),
                        dash,
                        gap,
                    ));
                }
            }
        }
        if series.style == SeriesStyle::Filled {
            for corner in vertices.iter().flatten() {
                painter.circle_filled(to_pos(*corner), 3.0, colour);
            }
        }
    }
    if let Some(pointer) = response.hover_pos() {
        vertex_tooltip(s, spec, &geo.polygons, pointer, &response, to_pos);
    }
    output
}

/// The tooltip of the vertex nearest the pointer (within 10 points).
fn vertex_tooltip(
    strings: &Strings,
    spec: &RadarSpec,
    polygons: &[SeriesGeometry],
    pointer: Pos2,
    response: &egui::Response,
    to_pos: impl Fn([f64; 2]) -> Pos2,
) {
    let mut nearest: Option<(f32, usize, usize)> = None;
    for (s, geometry) in polygons.iter().enumerate() {
        for (axis, p) in geometry.vertices.iter().enumerate() {
            let Some(p) = p else { continue };
            let distance = to_pos(*p).distance(pointer);
            if distance < 10.0 && nearest.is_none_or(|(d, _, _)| distance < d) {
                nearest = Some((distance, s, axis));
            }
        }
    }
    let Some((_, s, axis)) = nearest else { return };
    let series = &spec.series[s];
    let mut lines = vec![
        series.label.clone(),
        spec.axes.get(axis).cloned().unwrap_or_default(),
    ];
    if let Some(raw) = series.raw.get(axis).copied().flatten() {
        lines.push(format!("{}: {raw}", strings.tip_score));
    }
    if let Some(value) = series.values.get(axis).copied().flatten() {
        lines.push(format!("{}: {value:.2}", strings.tip_scale_value));
    }
    if let Some(rank) = series.ranks.get(axis).copied().flatten() {
        lines.push(format!("{}: {rank}", strings.tip_capacity_rank));
    }
    response.clone().on_hover_text_at_pointer(lines.join("\n"));
}
