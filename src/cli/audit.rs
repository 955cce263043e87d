//! `rankscope audit`: rank intervals under uncertain choices (weights, normalisation,
//! aggregation, outlier treatment, a capacity left out), written as CSV or JSON, without a
//! window. Reproducible: the same seed gives the same bytes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};

use super::radar::parse_normalization;
use crate::export::write_atomic;
use crate::model::NameStyle;
use crate::model::audit::{Aggregation, AuditFactors, AuditParams, run_audit};
use crate::model::radar::Normalization;

/// Arguments of `rankscope audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub data: super::data::DataArgs,
    /// The year (default: the latest): 2023, a release date such as 2018-06-07, or — for a file
    /// with no date.
    #[arg(long, value_parser = super::period_arg)]
    pub year: Option<i32>,
    /// Scenarios drawn at random (not used when every factor is discrete: --spread 0 lists every
    /// combination once).
    #[arg(long, default_value_t = 1000)]
    pub samples: u32,
    /// The random seed; the same seed gives the same result.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Each weight varies within ± this fraction of the dataset's (0.25 = ±25 %); 0 keeps them.
    #[arg(long, default_value_t = 0.25)]
    pub spread: f64,
    /// Draw the weights uniformly on the simplex (any weighting summing to 1 equally likely)
    /// instead of around the dataset's.
    #[arg(long)]
    pub simplex: bool,
    /// The normalisations drawn from, comma-separated: raw, minmax, percentile (also `rank`: the
    /// ranks scaled to 0–100, ties at their mean rank), z. The first is the nominal one.
    #[arg(long, value_delimiter = ',', default_value = "minmax,z,percentile", value_parser = parse_audit_normalization)]
    pub normalizations: Vec<Normalization>,
    /// The aggregations drawn from, comma-separated: arithmetic, geometric, harmonic. The first
    /// is the nominal one.
    #[arg(long, value_delimiter = ',', default_value = "arithmetic,geometric", value_parser = parse_aggregation)]
    pub aggregations: Vec<Aggregation>,
    /// Winsorise the K highest and K lowest scores of each capacity in half of the scenarios.
    #[arg(long, value_name = "K")]
    pub winsorize: Option<usize>,
    /// Leave one capacity out (its weight 0) in some scenarios: none or each, equally likely.
    #[arg(long)]
    pub leave_one_out: bool,
    /// The second "share in the top N" column (the first is the top 10).
    #[arg(long, default_value_t = 20)]
    pub top: u32,
    /// Names in Chinese (`zh`), English (`en`) or both.
    #[arg(long, default_value = "zh", value_parser = super::table::parse_names)]
    pub names: NameStyle,
    /// Write CSV cells that start like a formula (`=`, `+`, `-`, `@`) as they are, instead of
    /// with a leading `'` that keeps spreadsheets from running them.
    #[arg(long)]
    pub keep_formulas: bool,
    /// With a .json output: Sobol' indices of each factor on the mean rank shift, from
    /// Saltelli's design with this N (it costs N·(factors + 2) rankings).
    #[arg(long, value_name = "N")]
    pub sensitivity: Option<usize>,
    /// With --sensitivity: an entity (id, Chinese or English name) whose rank is a second output.
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// The figure an .svg or .png holds: intervals, heatmap or sensitivity. Default: by the file's
    /// name (heatmap.svg, sensitivity.png), else the intervals.
    #[arg(long, value_enum)]
    pub figure: Option<AuditFigure>,
    /// The entities a figure shows: the first N in official order (0: all).
    #[arg(long, default_value_t = 30)]
    pub rows: usize,
    /// The figure's size in points (e.g. 1200x800) instead of on paper. Default: 16 cm wide
    /// (--width-cm), as tall as its rows need.
    #[arg(long, value_name = "WxH", value_parser = super::open::parse_size)]
    pub size: Option<[f32; 2]>,
    /// Pixels per point of a PNG. Default: 300 dpi on paper, 2 for a --size in points.
    #[arg(long)]
    pub scale: Option<f32>,
    #[command(flatten)]
    pub physical: super::physical::PhysicalArgs,
    /// `audit.csv` (one row per entity), `audit.json` (the parameters and the rows), or the
    /// chart of the rank intervals: `audit.svg`, `audit.png`.
    #[arg(long)]
    pub out: PathBuf,
}

/// A normalisation, `rank` being the percentile one (ranks scaled to 0–100).
fn parse_audit_normalization(text: &str) -> Result<Normalization, String> {
    if text.trim() == "rank" {
        return Ok(Normalization::Percentile);
    }
    parse_normalization(text.trim())
        .map_err(|_| format!("expected raw, minmax, percentile, rank or z, found \"{text}\""))
}

/// Which figure an .svg or .png holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFigure {
    /// Each entity's rank interval.
    Intervals,
    /// The correlations of the capacities, indicators and total.
    Heatmap,
    /// Each factor's Sobol' indices on the mean rank shift.
    Sensitivity,
}

/// The figure `args` asks for: `--figure`, else by the file's name (`heatmap.svg`,
/// `sensitivity.png`), else the intervals.
fn figure_of(args: &AuditArgs) -> AuditFigure {
    args.figure.unwrap_or_else(|| {
        let stem = args
            .out
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if stem.contains("heatmap") || stem.contains("correlation") {
            AuditFigure::Heatmap
        } else if stem.contains("sensitivity") || stem.contains("sobol") {
            AuditFigure::Sensitivity
        } else {
            AuditFigure::Intervals
        }
    })
}

/// The SVG of the figure `args` asks for, of year index `year_index` whose intervals are
/// `result`.
fn figure_svg(
    args: &AuditArgs,
    dataset: &crate::model::Dataset,
    (year_index, result): (usize, &crate::model::audit::AuditResult),
    threads: usize,
) -> Result<String, String> {
    let s = args.data.language().strings();
    let years = crate::model::period::label(result.year);
    let caption = crate::export::figure::default_caption(s, dataset, &years);
    let title = dataset.title(args.names);
    let size = args.size.map(|s| s.map(f64::from));
    let ([width, height], _) = args
        .physical
        .apply(size, crate::charts::paper::ASPECT, args.scale);
    let free_height = size.is_none() && args.physical.height_cm.is_none();
    Ok(match figure_of(args) {
        AuditFigure::Intervals => {
            let mut spec = crate::charts::audit_chart::audit_chart_spec(
                s, dataset, result, args.rows, args.names,
            );
            spec.caption = format!("{} {caption}", spec.caption);
            let height = if free_height {
                crate::export::audit_svg::audit_chart_height(&spec, width)
            } else {
                height
            };
            crate::export::audit_svg::audit_chart_svg(
                &spec,
                (width, height, Some("#ffffff")),
                s.table_rows_of,
            )
        }
        AuditFigure::Heatmap => {
            let coherence = crate::model::audit::coherence(dataset, year_index)
                .ok_or("--year: no such year")?;
            let labels: Vec<String> = coherence
                .components
                .iter()
                .map(|&c| s.component_name(dataset, c, args.names))
                .collect();
            // Square cells: as tall as the names leave them wide.
            let height = if free_height {
                crate::export::audit_figures::heatmap_height(&labels, &caption, width)
            } else {
                height
            };
            crate::export::audit_figures::heatmap_svg(
                [
                    &title,
                    &s.audit_heatmap_subtitle.replace("{year}", &years),
                    &caption,
                ],
                &labels,
                &coherence.pearson,
                (width, height, Some("#ffffff")),
            )
        }
        AuditFigure::Sensitivity => {
            let params = crate::model::audit::SensitivityParams {
                n: args.sensitivity.unwrap_or(500),
                seed: args.seed,
                resamples: 500,
                entity: None,
            };
            let sensitivity = crate::model::audit::run_sensitivity(
                dataset,
                year_index,
                &result.params.factors,
                &params,
                threads,
                (&AtomicU64::new(0), &AtomicBool::new(false)),
            )
            .map_err(|e| format!("--sensitivity: {e}"))?;
            let factors: Vec<String> = sensitivity
                .groups
                .iter()
                .map(|&g| s.factor_group(g).to_owned())
                .collect();
            crate::export::audit_figures::sensitivity_svg(
                [
                    &title,
                    &s.audit_sensitivity_subtitle
                        .replace("{year}", &years)
                        .replace("{n}", &sensitivity.runs.to_string()),
                    &caption,
                ],
                &factors,
                &sensitivity.mean_shift,
                [s.audit_first_order, s.audit_total_effect],
                (width, height, Some("#ffffff")),
            )
        }
    })
}

fn parse_aggregation(text: &str) -> Result<Aggregation, String> {
    Aggregation::ALL
        .into_iter()
        .find(|a| a.key() == text.trim())
        .ok_or_else(|| format!("expected arithmetic, geometric or harmonic, found \"{text}\""))
}

/// Runs the analysis and writes it; returns a one-line summary.
///
/// # Errors
/// A message naming the problem: the file, the year, a parameter, the format or the write.
pub fn run_audit_command(args: &AuditArgs) -> Result<String, String> {
    let (dataset, _) = args.data.load()?;
    args.data.check_out(&args.out)?;
    let extension = crate::io::extension_of(&args.out);
    if !matches!(extension.as_str(), "csv" | "json" | "svg" | "png") {
        return Err(format!(
            "--out {}: expected a .csv, .json, .svg or .png file",
            args.out.display()
        ));
    }
    if args.samples == 0 {
        return Err("--samples: expected at least 1".into());
    }
    if args.winsorize == Some(0) {
        return Err("--winsorize: expected at least 1 score at each end".into());
    }
    let year_index = super::year_index_arg(&dataset, args.year)?;
    let params = AuditParams {
        factors: AuditFactors {
            spread: args.spread,
            simplex: args.simplex,
            normalizations: args.normalizations.clone(),
            aggregations: args.aggregations.clone(),
            winsorize: args.winsorize,
            leave_one_out: args.leave_one_out,
        },
        samples: args.samples,
        seed: args.seed,
        top_n: args.top,
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let result = run_audit(
        &dataset,
        year_index,
        &params,
        threads,
        &AtomicU64::new(0),
        &AtomicBool::new(false),
    )
    .map_err(|e| match e {
        crate::model::audit::AuditError::BadSpread(_) => format!("--spread: {e}"),
        _ => e.to_string(),
    })?;
    let s = args.data.language().strings();
    let bytes = match extension.as_str() {
        "csv" => crate::export::audit_out::audit_csv(
            s,
            &dataset,
            &result,
            args.names,
            args.keep_formulas,
        )
        .into_bytes(),
        "json" => {
            let coherence = crate::model::audit::coherence(&dataset, year_index);
            let sensitivity = match args.sensitivity {
                None => None,
                Some(n) => {
                    let entity = match &args.entity {
                        None => None,
                        Some(name) => Some(
                            super::open::select_entities(&dataset, std::slice::from_ref(name))
                                .map_err(|e| format!("--entity: {e}"))?
                                .first()
                                .copied()
                                .ok_or("--entity: no entity named")?,
                        ),
                    };
                    let params = crate::model::audit::SensitivityParams {
                        n,
                        seed: args.seed,
                        resamples: 500,
                        entity,
                    };
                    Some(
                        crate::model::audit::run_sensitivity(
                            &dataset,
                            year_index,
                            &result.params.factors,
                            &params,
                            threads,
                            (&AtomicU64::new(0), &AtomicBool::new(false)),
                        )
                        .map_err(|e| format!("--sensitivity: {e}"))?,
                    )
                }
            };
            crate::export::audit_out::audit_json(
                &dataset,
                &result,
                (coherence.as_ref(), sensitivity.as_ref()),
                args.names,
            )
            .into_bytes()
        }
        _ => {
            let svg = figure_svg(args, &dataset, (year_index, &result), threads)?;
            let size = args.size.map(|s| s.map(f64::from));
            let (_, scale) = args
                .physical
                .apply(size, crate::charts::paper::ASPECT, args.scale);
            if extension == "svg" {
                svg.into_bytes()
            } else {
                crate::export::raster::svg_to_png(&svg, scale)
                    .map_err(|e| format!("cannot render the PNG: {e}"))?
            }
        }
    };
    write_atomic(&args.out, |out| out.write_all(&bytes)).map_err(|e| e.to_string())?;
    let robust = result
        .rows
        .iter()
        .filter(|r| r.p95.is_some_and(|p| p <= 10))
        .count();
    Ok(format!(
        "wrote {} ({} entities of {}, {} scenarios{}); {robust} stay in the top 10 in 95 % of them",
        args.out.display(),
        result.rows.len(),
        crate::model::period::label(result.year),
        result.scenarios,
        if result.enumerated {
            ", every one listed"
        } else {
            ""
        },
    ))
}
