//! The region of a view's content (its chart or table, without its own controls), left in
//! egui's frame memory by the view so that a "view only" screenshot shows the content alone.

use egui::{Context, Rect, Ui};

fn content_id() -> egui::Id {
    egui::Id::unique("rankscope.view_content")
}

/// Marks `rect` as the view's content this frame.
fn mark_content(ui: &Ui, rect: Rect) {
    ui.ctx()
        .data_mut(|d| d.insert_temp(content_id(), Some(rect)));
}

/// Marks everything from the cursor down, across the view's whole width, as its content: what
/// the view draws after its controls.
pub fn mark_content_below(ui: &Ui) {
    let area = ui.max_rect();
    mark_content(
        ui,
        Rect::from_min_max(egui::pos2(area.min.x, ui.cursor().min.y), area.max),
    );
}

/// The content region marked this frame, cleared for the next.
#[must_use]
pub fn take_content(ctx: &Context) -> Option<Rect> {
    ctx.data_mut(|d| d.remove_temp::<Option<Rect>>(content_id()))
        .flatten()
}
