//! The figure the current view shows, as an export request: the same year, selection, scale
//! and query as on screen.

use super::state::{AppState, View};
use crate::charts::trends_settings::TrendsSection;
use crate::export::figure::{FigureKind, FigureRequest};

/// Rows a table figure shows at most (a report page holds about this many).
const TABLE_FIGURE_ROWS: usize = 30;

/// The export request for what the current view shows.
#[must_use]
pub fn figure_of_view(state: &AppState) -> FigureRequest {
    let settings = &state.settings;
    let kind = match settings.view {
        View::Table => FigureKind::Table,
        View::Radar => FigureKind::Radar,
        View::Trends => match settings.trends.section {
            TrendsSection::Bump => FigureKind::Bump,
            TrendsSection::Capacities => FigureKind::Capacities,
            TrendsSection::Slope
            | TrendsSection::Changes
            | TrendsSection::Movers
            | TrendsSection::Provinces => FigureKind::Slope,
        },
        View::WhatIf => FigureKind::WhatIf,
        View::Audit => match settings.audit.section {
            crate::context::audit::AuditSection::Intervals => FigureKind::Audit,
            crate::context::audit::AuditSection::Sensitivity => FigureKind::Sensitivity,
            crate::context::audit::AuditSection::Coherence => FigureKind::Heatmap,
        },
    };
    let mut picks = state.picks();
    if kind == FigureKind::Radar {
        picks.truncate(crate::charts::radar::OVERLAY_MAX);
    }
    // The colours the window shows: each entity's own slot, gaps included.
    let entities: Vec<usize> = picks.iter().map(|p| p.entity).collect();
    let slots: Vec<usize> = picks.iter().map(|p| p.slot).collect();
    let shown = state.table.rows.len().min(TABLE_FIGURE_ROWS);
    FigureRequest {
        year: state.year_index(),
        pair: settings.trends.pair(&state.dataset),
        entities,
        slots,
        normalization: if kind == FigureKind::WhatIf {
            settings.whatif.normalization
        } else {
            settings.radar.normalization
        },
        top_n: match kind {
            FigureKind::Table => u32::try_from(shown).unwrap_or(30),
            FigureKind::WhatIf => settings.whatif.top_n,
            // The first 30 entities of the audit, as tall as they need.
            FigureKind::Audit => 30,
            _ => settings.trends.top_n,
        },
        query: settings.table.query.clone(),
        names: settings.names,
        title: Some(settings.figure.title.clone()).filter(|t| !t.trim().is_empty()),
        subtitle: Some(settings.figure.subtitle.clone()).filter(|t| !t.trim().is_empty()),
        caption: Some(settings.figure.caption.clone()).filter(|t| !t.trim().is_empty()),
        transparent: settings.figure.transparent,
        width: settings.figure.canvas().0,
        height: settings.figure.canvas().1,
        fit_rows: matches!(
            kind,
            FigureKind::Table | FigureKind::Audit | FigureKind::Heatmap
        ),
        weights: state
            .settings
            .whatif
            .weights_for(&state.dataset)
            .ok()
            .map(|w| w.values().to_vec()),
        robustness: state.whatif.current_robustness().cloned(),
        audit: state
            .year_index()
            .and_then(|year| state.audit.result_for(&state.dataset, year))
            .cloned(),
        coherence: state
            .year_index()
            .and_then(|year| state.audit.coherence_for(&state.dataset, year))
            .cloned(),
        sensitivity: state
            .year_index()
            .and_then(|year| state.audit.sensitivity_for(&state.dataset, year))
            .cloned(),
        language: state.language(),
        ..FigureRequest::new(kind)
    }
}
