//! `rankscope export --config report.json`: a report's figures and tables in one go, without a window.

use crate::strings::Language;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::open::select_entities;
use crate::export::TableText;
use crate::export::changes_csv::changes_csv;
use crate::export::figure::{FigureKind, FigureRequest, figure_png, figure_svg};
use crate::export::write_atomic;
use crate::model::Year;
use crate::model::radar::Normalization;
use crate::model::{Dataset, NameStyle, TableQuery};

/// Arguments of `rankscope export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The report configuration (see docs/export.md and docs/report-example.json).
    #[arg(long)]
    pub config: PathBuf,
    /// Let figure paths leave the configuration's folder (`../`, absolute paths).
    #[arg(long)]
    pub allow_outside: bool,
    /// The language of the figures' and tables' texts: en or zh. Default: the configuration's
    /// `defaults.lang`, else the system's locale.
    #[arg(long, value_name = "en|zh", value_parser = crate::strings::Language::named)]
    pub lang: Option<crate::strings::Language>,
}

/// A report: the dataset and its figures. Paths are relative to the configuration's folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    /// A dataset file, or several spreadsheets (one per year) as one dataset; without it, the
    /// bundled sample.
    dataset: Option<Files>,
    /// A column mapping (JSON) for the spreadsheets; without it, the detected one.
    mapping: Option<PathBuf>,
    #[serde(default)]
    defaults: Defaults,
    figures: Vec<Item>,
}

/// One file or a list of files.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Files {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Defaults {
    width: Option<f64>,
    height: Option<f64>,
    /// The width on paper, in centimetres: the canvas in points from it (default 16).
    width_cm: Option<f64>,
    /// A PNG's pixels per inch (default 300 on paper).
    dpi: Option<f64>,
    scale: Option<f32>,
    names: Option<String>,
    /// The texts' language: en or zh.
    lang: Option<String>,
    transparent: Option<bool>,
}

/// One figure or table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    /// table, radar, bump, slope, capacities or changes.
    view: String,
    year: Option<i32>,
    from: Option<i32>,
    to: Option<i32>,
    #[serde(default)]
    select: Vec<String>,
    normalize: Option<String>,
    top: Option<u32>,
    sort: Option<Vec<String>>,
    width: Option<f64>,
    height: Option<f64>,
    /// The width on paper, in centimetres: the canvas in points from it (default 16).
    width_cm: Option<f64>,
    /// A PNG's pixels per inch (default 300 on paper).
    dpi: Option<f64>,
    scale: Option<f32>,
    title: Option<String>,
    subtitle: Option<String>,
    caption: Option<String>,
    transparent: Option<bool>,
    /// This item's language (en or zh), over the defaults'.
    lang: Option<String>,
    /// Where to write; the extension picks the format: .svg, .png or .csv.
    path: PathBuf,
}

/// Writes every item; returns one line per file written.
///
/// # Errors
/// The first problem, naming the configuration file and the item (e.g. `figures[2].select`).
pub fn run_export(args: &ExportArgs) -> Result<String, String> {
    let name = args.config.display().to_string();
    let text = std::fs::read_to_string(&args.config).map_err(|e| format!("{name}: {e}"))?;
    let report: Report = serde_json::from_str(&text)
        .map_err(|e| format!("{name}: line {}, column {}: {e}", e.line(), e.column()))?;
    let base = args.config.parent().unwrap_or_else(|| Path::new("."));
    let files: Vec<PathBuf> = match &report.dataset {
        None => Vec::new(),
        Some(Files::One(path)) => vec![base.join(path)],
        Some(Files::Many(paths)) => paths.iter().map(|p| base.join(p)).collect(),
    };
    let mapping = report.mapping.as_ref().map(|m| base.join(m));
    // Every path is checked before anything is read or written: inside the configuration's
    // folder (unless allowed), and never one of the report's own inputs.
    let inputs: Vec<PathBuf> = files
        .iter()
        .chain(mapping.iter())
        .chain(std::iter::once(&args.config))
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    for (index, item) in report.figures.iter().enumerate() {
        let place = format!("{name}: figures[{index}].path");
        let escapes = item.path.is_absolute()
            || item
                .path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes && !args.allow_outside {
            return Err(format!(
                "{place}: \"{}\" leaves the configuration's folder; give --allow-outside to allow it",
                item.path.display()
            ));
        }
        let path = base.join(&item.path);
        if std::fs::canonicalize(&path).is_ok_and(|p| inputs.contains(&p)) {
            return Err(format!(
                "{place}: \"{}\" is one of the report's inputs; it would be overwritten",
                item.path.display()
            ));
        }
    }
    let (data, _) = super::data::load_files(&files, mapping.as_deref())?;
    // One colour per entity across the whole report: slots by first appearance.
    let mut colours: Vec<usize> = Vec::new();
    for item in &report.figures {
        for name in &item.select {
            if let Ok(found) = select_entities(&data, std::slice::from_ref(name)) {
                for entity in found {
                    if !colours.contains(&entity) {
                        colours.push(entity);
                    }
                }
            }
        }
    }
    // Every item is drawn before the first file is written: a mistake in the last item leaves
    // no half-written report.
    let mut drawn = Vec::new();
    for (index, item) in report.figures.iter().enumerate() {
        let place = format!("{name}: figures[{index}]");
        let bytes = render_item(&data, (&report.defaults, args.lang, &colours), item)
            .map_err(|e| format!("{place}.{e}"))?;
        drawn.push((place, base.join(&item.path), bytes));
    }
    let mut lines = Vec::new();
    for (place, path, bytes) in drawn {
        // A report's output folders are created as needed.
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("{place}: cannot create {}: {e}", folder.display()))?;
        }
        write_atomic(&path, |out| out.write_all(&bytes)).map_err(|e| format!("{place}: {e}"))?;
        lines.push(format!("wrote {}", path.display()));
    }
    Ok(lines.join("\n"))
}

fn year_index(data: &Dataset, field: &str, year: Option<i32>) -> Result<Option<usize>, String> {
    match year {
        None => Ok(None),
        Some(y) => data.year_index(y).map(Some).ok_or_else(|| {
            let years: Vec<String> = data.years.iter().map(Year::label).collect();
            format!(
                "{field}: the dataset has no year {y} (it has {})",
                years.join(", ")
            )
        }),
    }
}

/// The file's bytes; an error starts with the field it concerns.
fn render_item(
    data: &Dataset,
    (defaults, given, colours): (&Defaults, Option<Language>, &[usize]),
    item: &Item,
) -> Result<Vec<u8>, String> {
    // The item's own language, else the command line's, else the defaults', else the system's.
    let language = match (&item.lang, given, &defaults.lang) {
        (Some(lang), _, _) => Language::named(lang).map_err(|e| format!("lang: {e}"))?,
        (None, Some(lang), _) => lang,
        (None, None, Some(lang)) => {
            Language::named(lang).map_err(|e| format!("lang (defaults): {e}"))?
        }
        (None, None, None) => Language::of_system(),
    };
    let names = match item_names(defaults)?.as_str() {
        "en" => NameStyle::English,
        "both" => NameStyle::Both,
        _ => NameStyle::Chinese,
    };
    let extension = crate::io::extension_of(&item.path);
    let entities: Vec<usize> = item
        .select
        .iter()
        .map(|n| {
            select_entities(data, std::slice::from_ref(n))
                .map_err(|e| format!("select: {}", e.trim_start_matches("--select: ")))?
                .into_iter()
                .next()
                .ok_or_else(|| "select: empty".to_owned())
        })
        .collect::<Result<_, _>>()?;
    let year = year_index(data, "year", item.year)?;
    let from = year_index(data, "from", item.from)?;
    let to = year_index(data, "to", item.to)?;
    let latest = data.years.len().saturating_sub(1);
    let query = TableQuery {
        sort: item
            .sort
            .iter()
            .flatten()
            .map(|key| {
                let (column, descending) = key
                    .split_once(':')
                    .map_or((key.as_str(), false), |(c, d)| (c, d == "desc"));
                crate::model::ColumnId::from_key(column, data)
                    .map(|column| crate::model::SortKey { column, descending })
                    .ok_or_else(|| format!("sort: unknown column \"{column}\""))
            })
            .collect::<Result<_, _>>()?,
        ..TableQuery::default()
    };
    let kind = match item.view.as_str() {
        "table" => FigureKind::Table,
        "radar" => FigureKind::Radar,
        "bump" => FigureKind::Bump,
        "slope" => FigureKind::Slope,
        "capacities" => FigureKind::Capacities,
        "changes" => {
            if extension != "csv" {
                return Err("path: the change table is written as .csv".into());
            }
            let pair = (
                from.unwrap_or(latest.saturating_sub(1)),
                to.unwrap_or(latest),
            );
            let settings = crate::charts::trends_settings::TrendsSettings::default();
            let mut changes = settings.changes(data, pair, names);
            if !entities.is_empty() {
                changes.retain(|c| entities.contains(&c.entity));
            }
            return Ok(changes_csv(
                language.strings(),
                data,
                &changes,
                (data.years[pair.0].year, data.years[pair.1].year),
                names,
            )
            .into_bytes());
        }
        other => {
            return Err(format!(
                "view: expected table, radar, bump, slope, capacities or changes, found \"{other}\""
            ));
        }
    };
    if extension == "csv" {
        if kind != FigureKind::Table {
            return Err("path: only table and changes are written as .csv".into());
        }
        let year_index = year.unwrap_or(latest);
        let query = TableQuery {
            top_n: item.top.map(|n| n as usize),
            ..query
        };
        let settings = crate::context::settings::TableSettings {
            query,
            ..Default::default()
        };
        let y = &data.years[year_index];
        let rows = settings.query.rows(data, y, names);
        let columns = settings.columns(data);
        let text = TableText {
            data,
            year: y,
            rows: &rows,
            columns: &columns,
            names,
            strings: language.strings(),
            external: None,
        };
        return Ok(text.csv().into_bytes());
    }
    let normalization = match item.normalize.as_deref() {
        None => Normalization::MinMax,
        Some(key) => Normalization::ALL
            .into_iter()
            .find(|n| n.key() == key)
            .ok_or_else(|| {
                format!("normalize: expected raw, minmax, percentile or z, found \"{key}\"")
            })?,
    };
    let slots = entities
        .iter()
        .map(|e| colours.iter().position(|c| c == e).unwrap_or(0))
        .collect();
    let ([width, height], scale) = canvas(item, defaults)?;
    let request = FigureRequest {
        year,
        pair: Some((
            from.unwrap_or(latest.saturating_sub(1)),
            to.unwrap_or(latest),
        )),
        entities,
        normalization,
        top_n: item.top.unwrap_or(20),
        query,
        width,
        height,
        // A table without a height is as tall as its rows.
        fit_rows: item.height.or(defaults.height).is_none(),
        title: item.title.clone(),
        subtitle: item.subtitle.clone(),
        caption: item.caption.clone(),
        transparent: item.transparent.or(defaults.transparent).unwrap_or(false),
        names,
        language,
        slots,
        ..FigureRequest::new(kind)
    };
    match extension.as_str() {
        "svg" => Ok(figure_svg(data, &request).into_bytes()),
        "png" => figure_png(data, &request, scale)
            .map_err(|e| format!("path: cannot render the PNG: {e}")),
        _ => Err("path: expected a .svg, .png or .csv file".into()),
    }
}

/// An item's canvas in points and its PNG's pixels per point: its size in points when it (or the
/// defaults) give one, else on paper, 16 cm wide unless `width_cm` says otherwise.
fn canvas(item: &Item, defaults: &Defaults) -> Result<([f64; 2], f32), String> {
    let width_cm = item.width_cm.or(defaults.width_cm);
    if let Some(cm) = width_cm {
        super::physical::check_centimetres(cm).map_err(|e| format!("width_cm: {e}"))?;
    }
    let dpi = item.dpi.or(defaults.dpi);
    if let Some(dpi) = dpi {
        super::physical::check_dpi(dpi).map_err(|e| format!("dpi: {e}"))?;
    }
    let (width, height) = (
        item.width.or(defaults.width),
        item.height.or(defaults.height),
    );
    let size = (width.is_some() || height.is_some())
        .then(|| [width.unwrap_or(1200.0), height.unwrap_or(800.0)]);
    let physical = super::physical::PhysicalArgs {
        width_cm,
        height_cm: None,
        dpi,
    };
    Ok(physical.apply(
        size,
        crate::charts::paper::ASPECT,
        item.scale.or(defaults.scale),
    ))
}

fn item_names(defaults: &Defaults) -> Result<String, String> {
    match defaults.names.as_deref() {
        None | Some("zh") => Ok("zh".into()),
        Some(n @ ("en" | "both")) => Ok(n.into()),
        Some(other) => Err(format!("names: expected zh, en or both, found \"{other}\"")),
    }
}
