//! `rankscope gen`: write a synthetic dataset of any size (JSON or long CSV), deterministic by seed.

use std::path::PathBuf;

use crate::export::write_atomic;
use crate::io::{write_long_csv, write_native_to};
use crate::sample::{SyntheticParams, generate_synthetic};

/// Arguments of `rankscope gen`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Entities listed each year (about 3 % drop out each year, replaced by entrants).
    #[arg(long, default_value_t = 1000)]
    pub entities: usize,
    /// Consecutive years.
    #[arg(long, default_value_t = 10)]
    pub years: usize,
    /// Indicators, spread over the four capacities.
    #[arg(long, default_value_t = 31)]
    pub indicators: usize,
    /// The seed: the same seed always gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The first year.
    #[arg(long, default_value_t = 2015)]
    pub first_year: i32,
    /// Leave the ranks out: they are then computed from the totals on load.
    #[arg(long)]
    pub no_ranks: bool,
    /// Round every figure (total, scores, indicators) to this many places, 0 to 6; without,
    /// totals and scores have two and each indicator its own.
    #[arg(long, value_parser = clap::value_parser!(i32).range(0..=6))]
    pub decimals: Option<i32>,
    /// The file to write: `.json` (rankscope's format), or one row per entity and year as
    /// `.csv`, `.parquet` or `.arrow`/`.feather`.
    #[arg(long)]
    pub out: PathBuf,
}

/// Generates and writes the dataset; returns a one-line summary.
///
/// # Errors
/// An unknown extension, empty parameters, or the write.
pub fn run_gen(args: &GenArgs) -> Result<String, String> {
    let extension = crate::io::extension_of(&args.out);
    let columnar = crate::io::columnar_out::Format::of_extension(&extension);
    if !matches!(extension.as_str(), "json" | "csv") && columnar.is_none() {
        return Err(format!(
            "{}: expected a .json, .csv, .parquet or .arrow file name",
            args.out.display()
        ));
    }
    if args.entities == 0 || args.years == 0 {
        return Err("--entities and --years must be at least 1".into());
    }
    // Within what the readers take back: years from 1000 to 9999, and a dataset that fits the
    // 1 GB file limit.
    let last_year = i64::from(args.first_year) + i64::try_from(args.years).unwrap_or(i64::MAX) - 1;
    if args.first_year < 1000 || last_year > 9999 {
        return Err(format!(
            "--first-year {} with --years {} runs past the years rankscope reads (1000 to 9999)",
            args.first_year, args.years
        ));
    }
    if args.entities.saturating_mul(args.years) > 20_000_000 {
        return Err(format!(
            "--entities {} × --years {} is more than 20 million records, past the 1 GB a file may have",
            args.entities, args.years
        ));
    }
    let params = SyntheticParams {
        entities: args.entities,
        years: args.years,
        indicators: args.indicators,
        seed: args.seed,
        first_year: args.first_year,
        given_ranks: !args.no_ranks,
        decimals: args.decimals,
    };
    let data = generate_synthetic(&params);
    write_atomic(&args.out, |out| match extension.as_str() {
        "csv" => write_long_csv(&data, params.given_ranks, out),
        "json" => write_native_to(&data, out),
        _ => {
            let format = columnar.unwrap_or(crate::io::columnar_out::Format::Parquet);
            let bytes = crate::io::long_columnar::long_columnar(&data, params.given_ranks, format)
                .map_err(std::io::Error::other)?;
            out.write_all(&bytes)
        }
    })
    .map_err(|e| e.to_string())?;
    let records: usize = data.years.iter().map(|y| y.records.len()).sum();
    Ok(format!(
        "wrote {} entities, {} years, {records} records to {}",
        data.entities.len(),
        data.years.len(),
        args.out.display()
    ))
}
