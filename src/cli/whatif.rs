//! `rankscope whatif`: the ranking of one year under other capacity weights, with the change
//! against the official rank and, on request, the range of ranks under random weights, written as
//! CSV or as a slopegraph (SVG/PNG), without a window.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};

use super::open::parse_size;
use super::radar::parse_normalization;
use crate::charts::whatif_chart::whatif_slope_spec;
use crate::export::rank_svg::rank_chart_svg;
use crate::export::raster::svg_to_png;
use crate::export::write_atomic;
use crate::model::NameStyle;
use crate::model::Year;
use crate::model::radar::Normalization;
use crate::model::whatif::{RobustnessParams, Weights, WhatIf, robustness};

/// Arguments of `rankscope whatif`.
#[derive(Debug, clap::Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    pub data: super::data::DataArgs,
    /// The year (default: the latest): 2023, a release date such as 2018-06-07, or — for a file with no date.
    #[arg(long, value_parser = super::period_arg)]
    pub year: Option<i32>,
    /// Capacity weights as `id=value,...` (e.g. `innovation=0.7`); capacities not named keep the
    /// dataset's weight (equal weights when the dataset has none). `equal` for equal weights.
    #[arg(long, default_value = "")]
    pub weights: String,
    /// How scores are put on a common scale before weighting: raw, minmax, percentile or z.
    #[arg(long, alias = "normalize", default_value = "raw", value_parser = parse_normalization)]
    pub normalization: Normalization,
    /// An entity missing a weighted component's score: leave-out (no what-if rank; the others'
    /// changes are counted without it), mean or median (the cohort's on that component).
    #[arg(long, default_value = "leave-out", value_parser = parse_missing)]
    pub missing: crate::model::whatif::MissingScores,
    /// Random weightings for the rank ranges (none without this option).
    #[arg(long)]
    pub samples: Option<u32>,
    /// With `--samples`: each weight varies within ± this fraction (0.2 = ±20 %).
    #[arg(long, default_value_t = 0.2)]
    pub spread: f64,
    /// With `--samples`: the random seed; the same seed gives the same result.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Entities drawn in a figure: those in the top N officially or under the what-if weights.
    #[arg(long, default_value_t = 20)]
    pub top: u32,
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
    /// `whatif.csv` (the ranking), or `whatif.svg` / `whatif.png` (the slopegraph).
    #[arg(long)]
    pub out: PathBuf,
}

/// Writes the ranking or the figure; returns a one-line summary.
///
/// # Errors
/// A message naming the problem: the file, the year, a capacity id or weight, the sampling
/// parameters, the format or the write.
pub fn run_whatif(args: &WhatifArgs) -> Result<String, String> {
    let (dataset, _) = args.data.load()?;
    args.data.check_out(&args.out)?;
    let extension = crate::io::extension_of(&args.out);
    if !matches!(extension.as_str(), "csv" | "svg" | "png") {
        return Err(format!(
            "--out {}: expected a .csv, .svg or .png file",
            args.out.display()
        ));
    }
    let year = match args.year {
        Some(y) => y,
        None => dataset.latest_year().ok_or("the dataset has no years")?,
    };
    let year_index = dataset.year_index(year).ok_or_else(|| {
        let years: Vec<String> = dataset.years.iter().map(Year::label).collect();
        format!(
            "--year {}: the dataset has {}",
            crate::model::period::label(year),
            years.join(", ")
        )
    })?;
    let capacities = &dataset.meta.capacities;
    let weights = if args.weights.trim().eq_ignore_ascii_case("equal") {
        Weights::equal(capacities.len())
    } else {
        Weights::parse(
            &args.weights,
            capacities,
            &Weights::from_dataset(capacities),
        )
        .map_err(|e| format!("--weights: {e}"))?
    };
    let model = WhatIf::with_missing(&dataset, year_index, args.normalization, args.missing)
        .ok_or_else(|| format!("--year {}: no such year", crate::model::period::label(year)))?;
    if model.is_empty() {
        return Err(format!(
            "--year {}: no entity is ranked",
            crate::model::period::label(year)
        ));
    }
    let ranking = model.rank(&weights);
    let robust = match args.samples {
        None => None,
        Some(samples) => {
            let params = RobustnessParams {
                samples,
                spread: args.spread,
                seed: args.seed,
                top_k: 10,
            };
            let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let (progress, cancel) = (AtomicU64::new(0), AtomicBool::new(false));
            Some(
                robustness(&model, &weights, &params, threads, &progress, &cancel)
                    .map_err(|e| format!("--samples/--spread: {e}"))?,
            )
        }
    };
    let bytes = if extension == "csv" {
        crate::export::whatif_csv::whatif_csv_as(
            args.data.language().strings(),
            &dataset,
            (&model, &ranking, robust.as_ref()),
            args.names,
            args.keep_formulas,
        )
        .into_bytes()
    } else {
        let spec = whatif_slope_spec(
            args.data.language().strings(),
            &dataset,
            &model,
            &ranking,
            robust.as_ref(),
            args.top,
            args.names,
        );
        let ([width, height], scale) =
            args.physical
                .apply(args.size.map(|s| s.map(f64::from)), [4.0, 3.0], args.scale);
        let svg = rank_chart_svg(&spec, width, height, Some("#ffffff"));
        if extension == "svg" {
            svg.into_bytes()
        } else {
            svg_to_png(&svg, scale).map_err(|e| format!("cannot render the PNG: {e}"))?
        }
    };
    write_atomic(&args.out, |out| out.write_all(&bytes)).map_err(|e| e.to_string())?;
    let scored = ranking.rank.iter().flatten().count();
    let mut summary = format!(
        "wrote {} ({scored} entities of {} under {})",
        args.out.display(),
        crate::model::period::label(year),
        weights.spec(capacities)
    );
    if !ranking.left_out.is_empty() {
        let _ = write!(
            summary,
            "; {} left out: a weighted component has no score (--missing mean or median fills it)",
            ranking.left_out.len()
        );
    }
    if let Some(robust) = &robust {
        let _ = write!(
            summary,
            "; {} stay in the top 10 under all {} samples",
            robust.always_top.len(),
            robust.params.samples
        );
    }
    Ok(summary)
}

/// Reads `--missing`: leave-out, mean or median.
fn parse_missing(text: &str) -> Result<crate::model::whatif::MissingScores, String> {
    crate::model::whatif::MissingScores::ALL
        .into_iter()
        .find(|m| m.key() == text.trim())
        .ok_or_else(|| format!("expected leave-out, mean or median, found \"{text}\""))
}
