//! `rankscope [FILE] ...`: load the dataset, open the window (or take a screenshot and exit).

use crate::model::whatif::Weights;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::app::screenshot::{ScreenshotJob, ScreenshotOptions, ScreenshotOutcome};
use crate::app::state::{Source, View};
use crate::app::{RankscopeApp, Startup};
use crate::io::load_sample;
use crate::model::Dataset;
use crate::model::Year;

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

/// Loads what the arguments name and checks it against the dataset, before any window opens.
///
/// # Errors
/// A message for the user: a file that does not load, an unknown year or entity.
pub fn startup_from(cli: &OpenArgs) -> Result<Startup, String> {
    let loaded = super::data::load_files_warned(
        &cli.files,
        cli.mapping.as_deref(),
        cli.warnings,
        cli.encoding,
    );
    // Spreadsheets whose detected roles build no dataset open the mapping dialog over the
    // sample, so that the user can correct the roles instead of meeting an error.
    let (dataset, source, import, warnings) = match loaded {
        Ok((dataset, source, warnings)) => (dataset, source, None, warnings),
        Err(error) if cli.mapping.is_none() && !cli.files.is_empty() => {
            match crate::io::import::read_drafts_encoded(&cli.files, cli.encoding) {
                Ok(draft) => {
                    eprintln!("rankscope: {error}; opening the column mapping dialog");
                    let sample = load_sample().map_err(|e| e.to_string())?;
                    (
                        sample,
                        Source::Sample,
                        Some((draft, cli.files.clone())),
                        Vec::new(),
                    )
                }
                Err(_) => return Err(error),
            }
        }
        Err(error) => return Err(error),
    };
    if import.is_some() {
        // The year, selection and weights name the dataset the dialog will build, not the sample.
        return Ok(Startup {
            dataset: Arc::new(dataset),
            source,
            year: None,
            view: cli.view,
            selection: BTreeSet::new(),
            screenshot: None,
            files: Vec::new(),
            system_language: crate::strings::Language::of_system(),
            weights: None,
            import,
            warnings,
        });
    }
    if let Some(year) = cli.year
        && dataset.year_index(year).is_none()
    {
        let years: Vec<String> = dataset.years.iter().map(Year::label).collect();
        return Err(format!(
            "--year {}: the dataset has {}",
            crate::model::period::label(year),
            years.join(", ")
        ));
    }
    let selection = select_entities(&dataset, &cli.select)?;
    let weights = match &cli.weights {
        Some(spec) => {
            let capacities = &dataset.meta.capacities;
            let base = Weights::from_dataset(capacities);
            let parsed =
                Weights::parse(spec, capacities, &base).map_err(|e| format!("--weights: {e}"))?;
            Some(parsed.values().to_vec())
        }
        None => None,
    };
    Ok(Startup {
        dataset: Arc::new(dataset),
        source,
        year: cli.year,
        view: cli.view,
        selection,
        screenshot: None,
        files: cli.files.clone(),
        system_language: crate::strings::Language::of_system(),
        weights,
        import,
        warnings,
    })
}

/// The entities named in `names` (ids, Chinese or English names).
pub fn select_entities(dataset: &Dataset, names: &[String]) -> Result<BTreeSet<usize>, String> {
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
        .collect()
}

/// Opens the window; with `--screenshot`, saves it and exits.
pub fn run(cli: &OpenArgs, started: Instant) -> Result<(), String> {
    let outcome: ScreenshotOutcome = Arc::new(Mutex::new(None));
    let make_startup = || -> Result<Startup, String> {
        let mut startup = startup_from(cli)?;
        if let Some(path) = &cli.screenshot {
            let options = ScreenshotOptions {
                scale: cli.scale,
                view_only: cli.view_only,
                close_when_done: true,
            };
            startup.screenshot = Some(ScreenshotJob::new(
                path.clone(),
                options,
                Arc::clone(&outcome),
                started,
            ));
        }
        Ok(startup)
    };
    let mut startup = Some(make_startup()?);
    let size = cli.size.unwrap_or([1400.0, 900.0]);
    let scratch_storage =
        std::env::temp_dir().join(format!("rankscope-screenshot-{}.ron", std::process::id()));
    let mut failure = None;
    for backends in graphics_backends() {
        let startup = match startup.take() {
            Some(startup) => startup,
            None => make_startup()?,
        };
        let title = startup.dataset.title(crate::model::NameStyle::Chinese);
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(format!("{title} — rankscope"))
                .with_inner_size(size)
                .with_min_inner_size([480.0, 320.0])
                .with_drag_and_drop(true),
            persist_window: cli.screenshot.is_none(),
            // A scripted screenshot neither reads nor overwrites what the user's sessions remember.
            persistence_path: cli.screenshot.as_ref().map(|_| scratch_storage.clone()),
            wgpu_options: wgpu_options(backends),
            ..Default::default()
        };
        match eframe::run_native(
            "rankscope",
            options,
            Box::new(|cc| Ok(Box::new(RankscopeApp::new(cc, startup)))),
        ) {
            Ok(()) => {
                failure = None;
                break;
            }
            // No adapter on these back ends: try the next.
            Err(e @ eframe::Error::Wgpu(_)) => {
                eprintln!("rankscope: graphics back end {backends:?} unavailable ({e})");
                failure = Some(format!("cannot open the window: {e}"));
            }
            Err(e) => return Err(format!("cannot open the window: {e}")),
        }
    }
    if let Some(message) = failure {
        return Err(message);
    }
    if cli.screenshot.is_none() {
        return Ok(());
    }
    // Best effort: a leftover file in the temporary directory harms nothing.
    let _ = std::fs::remove_file(&scratch_storage);
    let result = outcome
        .lock()
        .map_err(|_| "screenshot state poisoned".to_owned())?
        .take();
    match result {
        Some(Ok(message)) => {
            eprintln!("rankscope: {message}");
            Ok(())
        }
        Some(Err(message)) => Err(format!("screenshot failed: {message}")),
        None => Err("screenshot failed: the window closed before it was taken".into()),
    }
}

/// The graphics back ends to try, in order: the one `WGPU_BACKEND` names, else the platform's
/// own (Vulkan, Metal, DX12) and then OpenGL. Starting OpenGL beside Vulkan, as wgpu does by
/// default, costs about 10 MB that a window on Vulkan never uses (docs/benchmarks.md).
fn graphics_backends() -> Vec<eframe::wgpu::Backends> {
    use eframe::wgpu::Backends;
    match Backends::from_env() {
        Some(chosen) => vec![chosen],
        None => vec![Backends::PRIMARY, Backends::GL],
    }
}

/// eframe's wgpu setup restricted to `backends`, otherwise its defaults.
fn wgpu_options(backends: eframe::wgpu::Backends) -> eframe::WgpuConfiguration {
    let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends = backends;
    eframe::WgpuConfiguration {
        wgpu_setup: eframe::egui_wgpu::WgpuSetup::CreateNew(setup),
        ..Default::default()
    }
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

fn read_mapping(
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
    let (dataset, source, warnings) = read_dataset_mapped(file, mapping, None)?;
    print_warnings(&warnings, false);
    Ok((dataset, source))
}

/// As [`load_dataset_mapped`], returning the warnings instead of printing them.
pub(super) fn read_dataset_mapped(
    file: Option<&std::path::Path>,
    mapping: Option<&std::path::Path>,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<(Dataset, Source, Vec<String>), String> {
    let Some(path) = file else {
        return Ok((
            load_sample().map_err(|e| e.to_string())?,
            Source::Sample,
            Vec::new(),
        ));
    };
    let given = read_mapping(mapping)?;
    let loaded =
        crate::io::load_path_encoded(path, given.as_ref(), forced).map_err(|e| e.to_string())?;
    if given.is_none()
        && let Some(detected) = &loaded.mapping
    {
        print_detected(detected);
    }
    Ok((
        loaded.dataset,
        Source::File(path.to_path_buf()),
        loaded.warnings,
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
