//! `rankscope radar`: the Radar view's chart as SVG or PNG, without a window.

use std::path::PathBuf;

use super::open::{parse_size, select_entities};
use crate::charts::radar::{Pick, RadarSettings, radar_spec};
use crate::export::raster::svg_to_png;
use crate::export::svg::radar_svg;
use crate::export::write_atomic;
use crate::model::NameStyle;
use crate::model::radar::Normalization;

/// Arguments of `rankscope radar`.
#[derive(Debug, clap::Args)]
pub struct RadarArgs {
    #[command(flatten)]
    pub data: super::data::DataArgs,
    /// The year (default: the latest): 2023, a release date such as 2018-06-07, or — for a file with no date.
    #[arg(long, value_parser = super::period_arg)]
    pub year: Option<i32>,
    /// Entities to draw, by id, Chinese or English name, separated by commas (at most six read well).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// The scale: raw, minmax, percentile or z.
    #[arg(long, default_value = "minmax", value_parser = parse_normalization)]
    pub normalize: Normalization,
    /// Leave out the cohort median.
    #[arg(long)]
    pub no_median: bool,
    /// Add the mean of the ten best-ranked entities.
    #[arg(long)]
    pub top10: bool,
    /// An entity drawn dashed as a baseline.
    #[arg(long)]
    pub baseline: Option<String>,
    /// The figure's size in points (e.g. 1200x800) instead of on paper. Default: 16 cm wide
    /// (--width-cm), where the text's points are the report's points.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// Pixels per point of a PNG. Default: 300 dpi on paper, 2 for a --size in points.
    #[arg(long)]
    pub scale: Option<f32>,
    #[command(flatten)]
    pub physical: super::physical::PhysicalArgs,
    /// A transparent background instead of white.
    #[arg(long)]
    pub transparent: bool,
    /// Names in Chinese (`zh`), English (`en`) or both.
    #[arg(long, default_value = "zh", value_parser = super::table::parse_names)]
    pub names: NameStyle,
    /// The figure to write: `.svg` or `.png`.
    #[arg(long)]
    pub out: PathBuf,
}

pub(crate) fn parse_normalization(text: &str) -> Result<Normalization, String> {
    Normalization::ALL
        .into_iter()
        .find(|n| n.key() == text)
        .ok_or_else(|| format!("expected raw, minmax, percentile or z, found \"{text}\""))
}

/// Writes the figure; returns a one-line summary.
///
/// # Errors
/// A message naming the problem: the file, an unknown year or entity, the format or the write.
pub fn run_radar(args: &RadarArgs) -> Result<String, String> {
    let (dataset, _) = args.data.load()?;
    args.data.check_out(&args.out)?;
    let year_index = super::year_index_arg(&dataset, args.year)?;
    // Colour slots follow the order given, as the view gives them in the order selected.
    let mut picks = Vec::new();
    for name in args.select.iter().filter(|n| !n.trim().is_empty()) {
        let entity = select_entities(&dataset, std::slice::from_ref(name))?
            .into_iter()
            .next()
            .ok_or("no entity")?;
        if !picks.iter().any(|p: &Pick| p.entity == entity) {
            picks.push(Pick {
                entity,
                slot: picks.len(),
            });
        }
    }
    let baseline = match &args.baseline {
        Some(name) => select_entities(&dataset, std::slice::from_ref(name))
            .map_err(|e| e.replace("--select", "--baseline"))?
            .into_iter()
            .next(),
        None => None,
    };
    let settings = RadarSettings {
        normalization: args.normalize,
        show_median: !args.no_median,
        show_top10: args.top10,
        baseline,
        small_multiples: false,
    };
    let spec = radar_spec(
        args.data.language().strings(),
        &dataset,
        year_index,
        &picks,
        &settings,
        args.names,
    );
    let ([width, height], scale) = args.physical.apply(
        args.size.map(|s| s.map(f64::from)),
        crate::charts::paper::ASPECT,
        args.scale,
    );
    let background = (!args.transparent).then_some("#ffffff");
    let svg = radar_svg(&spec, width, height, background);
    let extension = crate::io::extension_of(&args.out);
    let bytes = match extension.as_str() {
        "svg" => svg.into_bytes(),
        "png" => svg_to_png(&svg, scale).map_err(|e| format!("cannot render the PNG: {e}"))?,
        _ => {
            return Err(format!(
                "--out {}: expected a .svg or .png file",
                args.out.display()
            ));
        }
    };
    write_atomic(&args.out, |out| out.write_all(&bytes)).map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} ({} entities, {})",
        args.out.display(),
        picks.len(),
        spec.subtitle
    ))
}
