//! `rankscope [FILE] ...`: the window's arguments, and the loading and entity matching the
//! commands share (the window itself is opened by `app::launch`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::context::settings::{Source, View};
use crate::io::load_sample;
use crate::model::Dataset;

/// Arguments of the window (the default command).
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// A dataset (rankscope JSON) or spreadsheets (CSV, Excel): several spreadsheets, e.g. one
    /// per year, open as one dataset. Without one, the bundled sample opens.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The year to show (default: the latest): 2023, a release date such as 2018-06-07, or — for a file with no date.
    #[arg(long, value_parser = super::period_arg)]
    pub year: Option<i32>,
    /// The view to show.
    #[arg(long, value_enum)]
    pub view: Option<View>,
    /// Entities to select, by id, Chinese or English name, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Save a screenshot of the window to this PNG file once it is drawn, then exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size in points, e.g. 1400x900.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// With `--screenshot`: pixels per point relative to the screen's (1, 2 or 3), rendered at
    /// that density, not upscaled.
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,
    /// With `--screenshot`: only the view's region, without the menu and status bars.
    #[arg(long)]
    pub view_only: bool,
    /// A column mapping (JSON) for a CSV file; without one, the detected mapping is used and printed.
    #[arg(long, value_name = "map.json")]
    pub mapping: Option<PathBuf>,
    /// Load warnings on stderr: grouped (one line per kind and file, the default) or all.
    #[arg(long, value_enum, default_value_t = super::data::Warnings::Grouped)]
    pub warnings: super::data::Warnings,
    /// Read CSV files in this encoding (utf-8, gb18030, gbk, big5, utf-16le, windows-1252…)
    /// instead of the one guessed.
    #[arg(long, value_name = "NAME", value_parser = crate::io::text::encoding_named)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// What-if weights by capacity id, e.g. `innovation=0.7`; capacities not named keep the
    /// dataset's weight.
    #[arg(long, value_name = "ID=W,...")]
    pub weights: Option<String>,
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim() {
        "1" => Ok(1.0),
        "2" => Ok(2.0),
        "3" => Ok(3.0),
        other => Err(format!("expected 1, 2 or 3, found \"{other}\"")),
    }
}

/// Parses "1400x900".
pub(crate) fn parse_size(text: &str) -> Result<[f32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or("expected WIDTHxHEIGHT, e.g. 1400x900")?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|&n| (200..=20_000).contains(&n))
            .and_then(|n| u16::try_from(n).ok())
            .map(f32::from)
    };
    match (parse(w), parse(h)) {
        (Some(w), Some(h)) => Ok([w, h]),
        _ => Err(format!(
            "expected WIDTHxHEIGHT with each from 200 to 20000, found \"{text}\""
        )),
    }
}

/// The entities named in `names` (ids, Chinese or English names), in the order named (each
/// once): the order their colours follow.
///
/// # Errors
/// A name that matches no entity (with the closest names) or several.
pub fn select_entities(dataset: &Dataset, names: &[String]) -> Result<Vec<usize>, String> {
    use crate::model::entity_match::{NoMatch, match_entity};
    let listed = |entities: &[usize]| -> String {
        let names: Vec<String> = entities
            .iter()
            .filter_map(|&e| dataset.entities.get(e))
            .map(|e| e.name(crate::model::NameStyle::Both))
            .collect();
        names.join(", ")
    };
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|name| {
            match_entity(dataset, name).map_err(|why| match why {
                NoMatch::Ambiguous(entities) => {
                    let shown = &entities[..entities.len().min(5)];
                    let more = entities.len() - shown.len();
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!(
                        "--select: \"{name}\" is in {} names: {}{more}; give more of the name",
                        entities.len(),
                        listed(shown)
                    )
                }
                NoMatch::NotFound(near) if near.is_empty() => {
                    format!("--select: no entity named \"{name}\"")
                }
                NoMatch::NotFound(near) => format!(
                    "--select: no entity named \"{name}\"; did you mean {}?",
                    listed(&near)
                ),
            })
        })
        .collect::<Result<Vec<usize>, String>>()
        .map(|found| {
            let mut seen = BTreeSet::new();
            found.into_iter().filter(|e| seen.insert(*e)).collect()
        })
}

/// The dataset at `file`, or the bundled sample.
///
/// # Errors
/// The load error, naming the file, the place and the problem.
pub fn load_dataset(file: Option<&std::path::Path>) -> Result<(Dataset, Source), String> {
    load_dataset_mapped(file, None)
}

/// Several spreadsheets (e.g. one per year) as one dataset, with the mapping in `mapping` or the
/// one detected from the first file (printed).
///
/// # Errors
/// The first problem, naming the file, sheet, row and column.
pub fn load_spreadsheets(
    files: &[PathBuf],
    mapping: Option<&std::path::Path>,
) -> Result<(Dataset, Source), String> {
    let (dataset, source, warnings) = read_spreadsheets(files, mapping, None)?;
    print_warnings(&warnings, false);
    Ok((dataset, source))
}

/// Prints load warnings to stderr: grouped by kind (one line per kind and file, with a count and
/// the first rows), or every one with `all`.
pub fn print_warnings(warnings: &[String], all: bool) {
    let lines = if all {
        warnings.to_vec()
    } else {
        crate::io::warnings::grouped(warnings)
    };
    for warning in &lines {
        eprintln!("rankscope: warning: {warning}");
    }
    if !all && lines.len() < warnings.len() {
        eprintln!(
            "rankscope: {} warnings in {} lines; --warnings all lists every one",
            warnings.len(),
            lines.len()
        );
    }
}

/// As [`load_spreadsheets`], returning the warnings instead of printing them.
pub(super) fn read_spreadsheets(
    files: &[PathBuf],
    mapping: Option<&std::path::Path>,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<(Dataset, Source, Vec<String>), String> {
    // Several CSV or Parquet files: read one at a time, straight into the dataset.
    if files.len() > 1 {
        let given = read_mapping(mapping)?;
        let cancel = crate::io::Cancel::new();
        if let Some(loaded) =
            crate::io::many_files::load_files(files, given.as_ref(), forced, &cancel)
                .map_err(|e| e.to_string())?
        {
            if let (None, Some(detected)) = (&given, &loaded.mapping) {
                print_detected(detected);
            }
            let first = files.first().cloned().unwrap_or_default();
            return Ok((loaded.dataset, Source::File(first), loaded.warnings));
        }
    }
    let draft = crate::io::import::read_drafts_encoded(files, forced).map_err(|e| e.to_string())?;
    let given = read_mapping(mapping)?;
    if given.is_none() {
        print_detected(&draft.mapping);
    }
    let loaded = draft
        .build(given.as_ref().unwrap_or(&draft.mapping))
        .map_err(|e| e.to_string())?;
    let first = files.first().cloned().unwrap_or_default();
    Ok((loaded.dataset, Source::File(first), loaded.warnings))
}

/// The column mapping in the JSON file `mapping`, if given.
///
/// # Errors
/// The file cannot be read, or is not a mapping: the message names the place.
pub fn read_mapping(
    mapping: Option<&std::path::Path>,
) -> Result<Option<crate::io::mapping::Mapping>, String> {
    let Some(m) = mapping else { return Ok(None) };
    let text = std::fs::read_to_string(m).map_err(|e| format!("{}: {e}", m.display()))?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        format!(
            "{}: line {}, column {}: {e}",
            m.display(),
            e.line(),
            e.column()
        )
    })
}

/// The dataset at `file` read with the column mapping in `mapping` (a JSON file), or the
/// bundled sample. For a spreadsheet read without a mapping, the detected one is printed (to
/// stderr) so that it can be saved, corrected and passed back; warnings are printed too.
///
/// # Errors
/// The load error, naming the file, the place and the problem.
pub fn load_dataset_mapped(
    file: Option<&std::path::Path>,
    mapping: Option<&std::path::Path>,
) -> Result<(Dataset, Source), String> {
    let (dataset, source, warnings, _) = read_dataset_mapped(
        file,
        mapping,
        (None, crate::io::mapping::Reading::Every, true),
    )?;
    print_warnings(&warnings, false);
    Ok((dataset, source))
}

/// As [`load_dataset_mapped`], returning the warnings instead of printing them, and whether
/// indicator columns were left unread; the detected mapping printed only when `announce` is
/// true, a Parquet file decoding only the columns `reading` reads.
pub(super) fn read_dataset_mapped(
    file: Option<&std::path::Path>,
    mapping: Option<&std::path::Path>,
    (forced, reading, announce): (
        Option<&'static encoding_rs::Encoding>,
        crate::io::mapping::Reading,
        bool,
    ),
) -> Result<(Dataset, Source, Vec<String>, bool), String> {
    let Some(path) = file else {
        return Ok((
            load_sample().map_err(|e| e.to_string())?,
            Source::Sample,
            Vec::new(),
            false,
        ));
    };
    let given = read_mapping(mapping)?;
    let loaded = crate::io::load_path_reading(path, (given.as_ref(), reading), forced)
        .map_err(|e| e.to_string())?;
    if given.is_none()
        && announce
        && let Some(detected) = &loaded.mapping
    {
        print_detected(detected);
    }
    let unread = loaded
        .mapping
        .as_ref()
        .is_some_and(|m| m.left_unread(reading, &loaded.dataset));
    Ok((
        loaded.dataset,
        Source::File(path.to_path_buf()),
        loaded.warnings,
        unread,
    ))
}

/// Prints a detected mapping to stderr: why each column got its role, then the JSON to save,
/// correct and pass back with `--mapping`.
fn print_detected(mapping: &crate::io::mapping::Mapping) {
    eprintln!("rankscope: detected column roles:");
    for line in mapping.explained() {
        eprintln!("rankscope:   {line}");
    }
    eprintln!(
        "rankscope: the mapping (save it, correct it, pass it with --mapping):\n{}",
        mapping.to_json()
    );
}
