//! The command line: the window by default, or a scripted command that writes a file and exits.

mod audit;
mod data;
mod export;
mod generate;
mod open;
mod physical;
mod radar;
mod table;
mod trends;
mod whatif;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use audit::{AuditArgs, run_audit_command};
pub use data::{DataArgs, FilesRead, load_files, load_files_reading, load_files_warned};
pub use export::{ExportArgs, run_export};
pub use generate::{GenArgs, run_gen};
pub use open::{
    OpenArgs, load_dataset, load_dataset_mapped, load_spreadsheets, read_mapping, select_entities,
};
pub use physical::PhysicalArgs;
pub use radar::{RadarArgs, run_radar};
pub use table::{TableArgs, run_table};
pub use trends::{TrendsArgs, TrendsChart, run_trends};
pub use whatif::{WhatifArgs, run_whatif};

/// The index of `--year` in `dataset`, or of its latest year when none is given.
///
/// # Errors
/// A year the dataset does not have (its years listed), or a dataset without years.
pub(crate) fn year_index_arg(
    dataset: &crate::model::Dataset,
    year: Option<i32>,
) -> Result<usize, String> {
    match year {
        Some(year) => dataset.year_index(year).ok_or_else(|| {
            let years: Vec<String> = dataset
                .years
                .iter()
                .map(crate::model::Year::label)
                .collect();
            format!(
                "--year {}: the dataset has {}",
                crate::model::period::label(year),
                years.join(", ")
            )
        }),
        None => dataset
            .years
            .len()
            .checked_sub(1)
            .ok_or_else(|| "the dataset has no years".to_owned()),
    }
}

/// Reads a period given on the command line: a year, a release date (`2018-06-07`) or `—`.
fn period_arg(text: &str) -> Result<i32, String> {
    crate::model::period::parse(text).ok_or_else(|| {
        format!("expected a year such as 2023 or a date such as 2018-06-07, found \"{text}\"")
    })
}

/// rankscope: explore ranking datasets such as CCID's "China top 100 science and technology cities".
#[derive(Debug, Parser)]
#[command(
    name = "rankscope",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub open: OpenArgs,
}

/// Scripted commands: no window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the ranking table as the Table view shows it (filtered, sorted) to CSV.
    Table(TableArgs),
    /// Draw the radar of the capacities for some entities, as SVG or PNG.
    Radar(RadarArgs),
    /// Draw the slopegraph or bump chart (SVG, PNG), or write the change table (CSV).
    Trends(TrendsArgs),
    /// Rank a year under other capacity weights: the what-if rank and its change against the
    /// official rank, optionally the range under random weights; as CSV or a slopegraph.
    Whatif(WhatifArgs),
    /// Rank intervals under uncertain weights, normalisation, aggregation and outlier treatment:
    /// each entity's median, 5th and 95th percentile rank, as CSV or JSON.
    Audit(AuditArgs),
    /// Write a report's figures and tables, listed in a JSON configuration, in one go.
    Export(ExportArgs),
    /// Write a synthetic dataset of any size (JSON or CSV), deterministic by seed.
    Gen(GenArgs),
}

/// Runs a scripted command; its summary goes to standard error.
///
/// # Errors
/// The message for the user.
pub fn run_command(command: &Command) -> Result<(), String> {
    let summary = run_scripted(command)?;
    eprintln!("rankscope: {summary}");
    Ok(())
}

/// Runs a scripted command and returns its one-line summary.
///
/// # Errors
/// The message for the user.
pub fn run_scripted(command: &Command) -> Result<String, String> {
    match command {
        Command::Table(args) => run_table(args),
        Command::Radar(args) => run_radar(args),
        Command::Trends(args) => run_trends(args),
        Command::Whatif(args) => run_whatif(args),
        Command::Audit(args) => run_audit_command(args),
        Command::Export(args) => run_export(args),
        Command::Gen(args) => run_gen(args),
    }
}

/// The process's exit code for `result`, printing its message when it failed.
#[must_use]
pub fn exit_code(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rankscope: {message}");
            ExitCode::FAILURE
        }
    }
}
