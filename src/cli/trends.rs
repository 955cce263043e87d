//! `rankscope trends`: the slopegraph or bump chart as SVG/PNG, or the change table as CSV,
//! without a window.

use std::path::PathBuf;

use super::open::{parse_size, select_entities};
use crate::charts::radar::Pick;
use crate::charts::rank_chart::{bump_spec, slope_spec};
use crate::charts::trends_settings::TrendsSettings;
use crate::export::rank_svg::rank_chart_svg;
use crate::export::raster::svg_to_png;
use crate::export::write_atomic;
use crate::model::NameStyle;
use crate::model::Year;

/// Which chart a figure shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TrendsChart {
    /// Two years: `--from` → `--to`.
    Slope,
    /// Every year of the dataset.
    Bump,
}

/// Arguments of `rankscope trends`.
#[derive(Debug, clap::Args)]
pub struct TrendsArgs {
    #[command(flatten)]
    pub data: super::data::DataArgs,
    /// The earlier year or release date (default: the dataset's second-to-last).
    #[arg(long, value_parser = super::period_arg)]
    pub from: Option<i32>,
    /// The later year or release date (default: the last).
    #[arg(long, value_parser = super::period_arg)]
    pub to: Option<i32>,
    /// Entities to draw or list, by id, Chinese or English name, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Without `--select`: the entities in the top N of either year (slopegraph and change table).
    #[arg(long, default_value_t = 20)]
    pub top: u32,
    /// The chart of an `.svg`/`.png`: slope or bump.
    #[arg(long, value_enum, default_value = "slope")]
    pub chart: TrendsChart,
    /// The figure's size in points (e.g. 1200x800) instead of on paper. Default: 16 cm wide
    /// (--width-cm), where the text's points are the report's points.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// Pixels per point of a PNG. Default: 300 dpi on paper, 2 for a --size in points.
    #[arg(long)]
    pub scale: Option<f32>,
    #[command(flatten)]
    pub physical: super::physical::PhysicalArgs,
    /// Names in Chinese (`zh`), English (`en`) or both.
    #[arg(long, default_value = "zh", value_parser = super::table::parse_names)]
    pub names: NameStyle,
    /// Write CSV cells that start like a formula (`=`, `+`, `-`, `@`) as they are, instead of
    /// with a leading `'` that keeps spreadsheets from running them.
    #[arg(long)]
    pub keep_formulas: bool,
    /// `fig.svg`, `fig.png` (the chart) or `changes.csv` (the change table).
    #[arg(long)]
    pub out: PathBuf,
}

/// Writes the figure or table; returns a one-line summary.
///
/// # Errors
/// A message naming the problem: the file, an unknown year or entity, the format or the write.
pub fn run_trends(args: &TrendsArgs) -> Result<String, String> {
    let (dataset, _) = args.data.load()?;
    args.data.check_out(&args.out)?;
    let known = |flag: &str, year: Option<i32>| -> Result<(), String> {
        match year {
            Some(y) if dataset.year_index(y).is_none() => {
                let years: Vec<String> = dataset.years.iter().map(Year::label).collect();
                Err(format!(
                    "{flag} {}: the dataset has {}",
                    crate::model::period::label(y),
                    years.join(", ")
                ))
            }
            _ => Ok(()),
        }
    };
    known("--from", args.from)?;
    known("--to", args.to)?;
    let settings = TrendsSettings {
        from: args.from,
        to: args.to,
        top_n: args.top,
        ..TrendsSettings::default()
    };
    let (from, to) = settings.pair(&dataset).ok_or("the dataset has no years")?;
    let mut picks: Vec<Pick> = Vec::new();
    for name in args.select.iter().filter(|n| !n.trim().is_empty()) {
        let entity = select_entities(&dataset, std::slice::from_ref(name))?
            .into_iter()
            .next()
            .ok_or("no entity")?;
        if !picks.iter().any(|p| p.entity == entity) {
            picks.push(Pick {
                entity,
                slot: picks.len(),
            });
        }
    }
    let extension = crate::io::extension_of(&args.out);
    let years = (dataset.years[from].year, dataset.years[to].year);
    let (bytes, what) = match extension.as_str() {
        "csv" => {
            let mut changes = settings.changes(&dataset, (from, to), args.names);
            let top = |r: Option<crate::model::Rank>| {
                r.and_then(crate::model::Rank::bounds)
                    .is_some_and(|(lo, _)| lo <= args.top)
            };
            if picks.is_empty() {
                changes.retain(|c| top(c.from_rank) || top(c.to_rank));
            } else {
                changes.retain(|c| picks.iter().any(|p| p.entity == c.entity));
            }
            (
                crate::export::changes_csv::changes_csv_as(
                    args.data.language().strings(),
                    &dataset,
                    &changes,
                    years,
                    args.names,
                    args.keep_formulas,
                )
                .into_bytes(),
                format!("{} changes", changes.len()),
            )
        }
        "svg" | "png" => {
            let spec = match args.chart {
                TrendsChart::Slope => slope_spec(
                    args.data.language().strings(),
                    &dataset,
                    from,
                    to,
                    &picks,
                    args.top,
                    args.names,
                ),
                TrendsChart::Bump => {
                    bump_spec(args.data.language().strings(), &dataset, &picks, args.names)
                }
            };
            let ([width, height], scale) = args.physical.apply(
                args.size.map(|s| s.map(f64::from)),
                crate::charts::paper::ASPECT,
                args.scale,
            );
            let svg = rank_chart_svg(&spec, width, height, Some("#ffffff"));
            let bytes = if extension == "svg" {
                svg.into_bytes()
            } else {
                svg_to_png(&svg, scale).map_err(|e| format!("cannot render the PNG: {e}"))?
            };
            (bytes, spec.subtitle)
        }
        _ => {
            return Err(format!(
                "--out {}: expected a .svg, .png or .csv file",
                args.out.display()
            ));
        }
    };
    write_atomic(&args.out, |out| out.write_all(&bytes)).map_err(|e| e.to_string())?;
    Ok(format!("wrote {} ({what})", args.out.display()))
}
