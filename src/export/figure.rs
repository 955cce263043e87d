//! Figures for reports: one request (which view, years, entities, size, texts, background)
//! rendered to SVG with real text, or to PNG from that same SVG, without a window.

use crate::strings::{Language, Strings};
use serde::{Deserialize, Serialize};

use super::capacities_svg::capacities_svg;
use super::rank_svg::rank_chart_svg;
use super::raster::svg_to_png;
use super::svg::radar_svg;
use super::table_svg::table_svg;
use crate::charts::capacities::capacities_spec;
use crate::charts::radar::{Pick, RadarSettings, radar_spec};
use crate::charts::rank_chart::{bump_spec, slope_spec};
use crate::context::settings::TableSettings;
use crate::model::radar::Normalization;
use crate::model::whatif::{Robustness, Weights, WhatIf};
use crate::model::{Dataset, NameStyle, TableQuery};

/// Which figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// The ranking table (top rows as the query gives them).
    Table,
    Radar,
    /// Rank over all years.
    Bump,
    /// Rank from one year to another.
    Slope,
    /// One small line chart per capacity over the years.
    Capacities,
    /// Official rank → what-if rank (and the rank range under random weights).
    #[serde(rename = "whatif")]
    WhatIf,
    /// Each entity's rank interval from an uncertainty analysis ([`FigureRequest::audit`]).
    Audit,
    /// The correlations of the capacities, indicators and total ([`FigureRequest::coherence`]).
    Heatmap,
    /// Each factor's Sobol' indices ([`FigureRequest::sensitivity`]).
    Sensitivity,
}

/// What to draw and how. Texts left empty come from the dataset (title, years, source, provenance).
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRequest {
    pub kind: FigureKind,
    /// Year index for table and radar (default: the latest).
    pub year: Option<usize>,
    /// Year indices for the slopegraph.
    pub pair: Option<(usize, usize)>,
    /// Entities, in colour-slot order.
    pub entities: Vec<usize>,
    /// Each entity's colour slot, when the figure is one of several that must agree (a
    /// report); empty: by position in `entities`.
    pub slots: Vec<usize>,
    pub normalization: Normalization,
    /// Table rows or slopegraph scope (top N) when nothing is selected.
    pub top_n: u32,
    /// The table's query (sort, filters); its top N is `top_n`.
    pub query: TableQuery,
    pub width: f64,
    pub height: f64,
    /// A table as tall as its rows need at `width` (`height` is then not used).
    pub fit_rows: bool,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub caption: Option<String>,
    pub transparent: bool,
    pub names: NameStyle,
    /// What-if weights, one per capacity (`None`: the dataset's own).
    pub weights: Option<Vec<f64>>,
    /// A robustness run to show as a third column of the what-if slopegraph.
    pub robustness: Option<Robustness>,
    /// The uncertainty analysis an Audit figure draws (the first `top_n` rows; 0: all).
    pub audit: Option<std::sync::Arc<crate::model::audit::AuditResult>>,
    /// The correlations a Heatmap figure draws.
    pub coherence: Option<std::sync::Arc<crate::model::audit::Coherence>>,
    /// The indices a Sensitivity figure draws.
    pub sensitivity: Option<std::sync::Arc<crate::model::audit::Sensitivity>>,
    /// The language of the figure's texts (subtitles, captions, column heads).
    pub language: Language,
}

impl FigureRequest {
    /// A request with defaults: 16 cm × 10.7 cm (in points), white, Chinese names, min–max radar
    /// scale.
    #[must_use]
    pub fn new(kind: FigureKind) -> Self {
        Self {
            kind,
            year: None,
            pair: None,
            entities: Vec::new(),
            slots: Vec::new(),
            normalization: Normalization::MinMax,
            top_n: 20,
            query: TableQuery::default(),
            width: crate::charts::paper::default_canvas(crate::charts::paper::ASPECT)[0],
            height: crate::charts::paper::default_canvas(crate::charts::paper::ASPECT)[1],
            fit_rows: false,
            title: None,
            subtitle: None,
            caption: None,
            transparent: false,
            names: NameStyle::Chinese,
            weights: None,
            robustness: None,
            audit: None,
            coherence: None,
            sensitivity: None,
            language: Language::English,
        }
    }

    fn picks(&self) -> Vec<Pick> {
        self.entities
            .iter()
            .enumerate()
            .map(|(position, &entity)| Pick {
                entity,
                slot: self.slots.get(position).copied().unwrap_or(position),
            })
            .collect()
    }
}

/// The default caption: the source and the years shown, then the provenance note.
#[must_use]
pub fn default_caption(s: &Strings, data: &Dataset, years: &str) -> String {
    let meta = &data.meta;
    let source = if meta.source.is_empty() {
        String::new()
    } else {
        format!("{}: {} ({years}).", s.source, meta.source)
    };
    [source, meta.provenance.clone()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The figure as SVG. The print theme is always light: dark text on white (or transparent).
#[must_use]
pub fn figure_svg(data: &Dataset, request: &FigureRequest) -> String {
    let s = request.language.strings();
    let latest = data.years.len().saturating_sub(1);
    let year_index = request.year.unwrap_or(latest).min(latest);
    let year_label = data
        .years
        .get(year_index)
        .map(crate::model::Year::label)
        .unwrap_or_default();
    let all_years = match (data.years.first(), data.years.last()) {
        (Some(a), Some(b)) if a.year == b.year => a.label(),
        (Some(a), Some(b)) => format!("{}–{}", a.label(), b.label()),
        _ => String::new(),
    };
    let background = (!request.transparent).then_some("#ffffff");
    let texts = |title: String, subtitle: String, years: &str| {
        (
            request.title.clone().unwrap_or(title),
            request.subtitle.clone().unwrap_or(subtitle),
            request
                .caption
                .clone()
                .unwrap_or_else(|| default_caption(s, data, years)),
        )
    };
    let (width, height) = (request.width, request.height);
    match request.kind {
        FigureKind::Radar => {
            let settings = RadarSettings {
                normalization: request.normalization,
                ..RadarSettings::default()
            };
            let mut spec = radar_spec(
                s,
                data,
                year_index,
                &request.picks(),
                &settings,
                request.names,
            );
            (spec.title, spec.subtitle, spec.caption) =
                texts(spec.title, spec.subtitle, &year_label);
            radar_svg(&spec, width, height, background)
        }
        FigureKind::Bump | FigureKind::Slope => {
            let (from, to) = request.pair.unwrap_or((latest.saturating_sub(1), latest));
            let mut spec = if request.kind == FigureKind::Bump {
                bump_spec(s, data, &request.picks(), request.names)
            } else {
                slope_spec(
                    s,
                    data,
                    from,
                    to,
                    &request.picks(),
                    request.top_n,
                    request.names,
                )
            };
            let years = if request.kind == FigureKind::Bump {
                all_years
            } else {
                spec.subtitle
                    .split(" · ")
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            };
            (spec.title, spec.subtitle, spec.caption) = texts(spec.title, spec.subtitle, &years);
            rank_chart_svg(&spec, width, height, background)
        }
        FigureKind::Capacities => {
            let (title, subtitle, caption) = texts(
                data.title(request.names),
                s.capacities_subtitle.replace("{years}", &all_years),
                &all_years,
            );
            let spec = capacities_spec(s, data, &request.picks(), request.names);
            capacities_svg(
                &spec,
                [&title, &subtitle, &caption],
                (width, height, background),
            )
        }
        FigureKind::Audit => {
            let Some(result) = &request.audit else {
                return String::new();
            };
            let mut spec = crate::charts::audit_chart::audit_chart_spec(
                s,
                data,
                result,
                request.top_n as usize,
                request.names,
            );
            (spec.title, spec.subtitle, spec.caption) = (
                request.title.clone().unwrap_or(spec.title),
                request.subtitle.clone().unwrap_or(spec.subtitle),
                request.caption.clone().unwrap_or_else(|| {
                    let years = crate::model::period::label(result.year);
                    format!("{} {}", spec.caption, default_caption(s, data, &years))
                }),
            );
            let height = if request.fit_rows {
                super::audit_svg::audit_chart_height(&spec, width)
            } else {
                height
            };
            super::audit_svg::audit_chart_svg(&spec, (width, height, background), s.table_rows_of)
        }
        FigureKind::Heatmap => {
            let Some(coherence) = &request.coherence else {
                return String::new();
            };
            let years = crate::model::period::label(coherence.year);
            let labels: Vec<String> = coherence
                .components
                .iter()
                .map(|&c| s.component_name(data, c, request.names))
                .collect();
            let (title, subtitle, caption) = texts(
                data.title(request.names),
                s.audit_heatmap_subtitle.replace("{year}", &years),
                &years,
            );
            let height = if request.fit_rows {
                super::audit_figures::heatmap_height(&labels, &caption, width)
            } else {
                height
            };
            super::audit_figures::heatmap_svg(
                [&title, &subtitle, &caption],
                &labels,
                &coherence.pearson,
                (width, height, background),
            )
        }
        FigureKind::Sensitivity => {
            let Some(sensitivity) = &request.sensitivity else {
                return String::new();
            };
            let factors: Vec<String> = sensitivity
                .groups
                .iter()
                .map(|&g| s.factor_group(g).to_owned())
                .collect();
            let subtitle = s
                .audit_sensitivity_subtitle
                .replace("{year}", &year_label)
                .replace("{n}", &sensitivity.runs.to_string());
            let (title, subtitle, caption) =
                texts(data.title(request.names), subtitle, &year_label);
            super::audit_figures::sensitivity_svg(
                [&title, &subtitle, &caption],
                &factors,
                &sensitivity.mean_shift,
                [s.audit_first_order, s.audit_total_effect],
                (width, height, background),
            )
        }
        FigureKind::WhatIf => {
            let weights = request
                .weights
                .clone()
                .and_then(|w| Weights::new(w).ok())
                .unwrap_or_else(|| Weights::from_dataset(&data.meta.capacities));
            let Some(model) = WhatIf::new(data, year_index, request.normalization) else {
                return String::new();
            };
            let ranking = model.rank(&weights);
            let mut spec = crate::charts::whatif_chart::whatif_slope_spec(
                s,
                data,
                &model,
                &ranking,
                request.robustness.as_ref(),
                request.top_n,
                request.names,
            );
            let note = crate::charts::whatif_chart::whatif_note(
                s,
                data,
                &model,
                &ranking,
                request.robustness.as_ref(),
                request.names,
            );
            (spec.title, spec.subtitle, spec.caption) =
                texts(spec.title, spec.subtitle, &year_label);
            if request.caption.is_none() {
                spec.caption = format!("{} {note}", spec.caption);
            }
            rank_chart_svg(&spec, width, height, background)
        }
        FigureKind::Table => {
            let settings = TableSettings {
                query: TableQuery {
                    top_n: Some(request.top_n as usize),
                    ..request.query.clone()
                },
                ..TableSettings::default()
            };
            let Some(year) = data.years.get(year_index) else {
                return String::new();
            };
            let rows = settings.query.rows(data, year, request.names);
            let columns = settings.columns(data);
            let subtitle = format!("{year_label} · {} {}", rows.len(), s.rows);
            let (title, subtitle, caption) =
                texts(data.title(request.names), subtitle, &year_label);
            let height = if request.fit_rows {
                let caption_lines = super::svg::caption_lines(&caption, width).len();
                super::table_svg::table_height(rows.len(), caption_lines)
            } else {
                height
            };
            table_svg(
                data,
                year,
                &rows,
                &columns,
                (s, request.names),
                [&title, &subtitle, &caption],
                (width, height, background),
            )
        }
    }
}

/// The figure as PNG at `scale` pixels per point, rendered from [`figure_svg`].
///
/// # Errors
/// When rendering fails (an empty or oversized figure).
pub fn figure_png(data: &Dataset, request: &FigureRequest, scale: f32) -> std::io::Result<Vec<u8>> {
    svg_to_png(&figure_svg(data, request), scale)
}
