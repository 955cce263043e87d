//! Opening the window from the command line: the startup the arguments describe (the dataset,
//! year, selection, weights, or the mapping dialog for files that need one), then eframe on the
//! first graphics back end that works; with `--screenshot`, the picture and exit.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::rest_of_file::RestOfFile;
use super::screenshot::{ScreenshotJob, ScreenshotOptions, ScreenshotOutcome};
use super::{RankscopeApp, Startup};
use crate::cli::{OpenArgs, select_entities};
use crate::context::settings::Source;
use crate::io::load_sample;
use crate::io::mapping::Reading;
use crate::model::Year;
use crate::model::whatif::Weights;

/// Loads what the arguments name and checks it against the dataset, before any window opens.
///
/// # Errors
/// A message for the user: a file that does not load, an unknown year or entity.
pub fn startup_from(cli: &OpenArgs) -> Result<Startup, String> {
    // One Parquet file opened on the table: its indicator columns are read after the first
    // frame (the table shows none of them at first).
    let reading = if listing_first(cli) {
        Reading::Listing
    } else {
        Reading::Every
    };
    let loaded = crate::cli::load_files_reading(
        &cli.files,
        cli.mapping.as_deref(),
        Some(cli.warnings),
        (cli.encoding, reading),
    );
    // Spreadsheets whose detected roles build no dataset open the mapping dialog over the
    // sample, so that the user can correct the roles instead of meeting an error.
    let mut rest = None;
    let (dataset, source, import, warnings) = match loaded {
        Ok(read) => {
            if read.unread_indicators
                && let [file] = &cli.files[..]
            {
                rest = Some(RestOfFile {
                    file: file.clone(),
                    mapping: crate::cli::read_mapping(cli.mapping.as_deref())?,
                });
            }
            (read.dataset, read.source, None, read.warnings)
        }
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
            selection: Vec::new(),
            screenshot: None,
            files: Vec::new(),
            system_language: crate::strings::Language::of_system(),
            weights: None,
            import,
            warnings,
            rest: None,
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
        rest,
    })
}

/// Whether the window opens on the listing of the file `cli` names and reads the rest after
/// its first frame: one Parquet file, opened on the Table view (or on the view remembered,
/// which waits for the rest when it needs the indicators).
fn listing_first(cli: &OpenArgs) -> bool {
    matches!(&cli.files[..], [file] if crate::io::extension_of(file) == "parquet")
        && cli
            .view
            .is_none_or(|view| view == crate::context::settings::View::Table)
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
    // The files load while the window and its graphics start: the window shows once the
    // app is made with them (eframe shows it after its first frame), so a file that does not
    // load gives its error and no window.
    let scratch_storage =
        std::env::temp_dir().join(format!("rankscope-screenshot-{}.ron", std::process::id()));
    std::thread::scope(|scope| {
        let loading = scope.spawn(make_startup);
        open_window(cli, &scratch_storage, loading, &make_startup)
    })?;
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

/// Opens the window on the first graphics back end that works, with the startup `loading`
/// gives (`make_startup` again for a back end tried after one that made the app and failed).
///
/// # Errors
/// The startup's error (a file that does not load wins over a window that cannot open), or
/// the window's.
fn open_window(
    cli: &OpenArgs,
    scratch_storage: &std::path::Path,
    loading: std::thread::ScopedJoinHandle<'_, Result<Startup, String>>,
    make_startup: &(dyn Fn() -> Result<Startup, String> + Sync),
) -> Result<(), String> {
    let joined = |handle: std::thread::ScopedJoinHandle<'_, Result<Startup, String>>| {
        handle
            .join()
            .unwrap_or_else(|_| Err("the files could not be read (the reader stopped)".into()))
    };
    let mut loading = Some(loading);
    let size = cli.size.unwrap_or([1400.0, 900.0]);
    let mut failure = None;
    for backends in graphics_backends() {
        let options = eframe::NativeOptions {
            // The dataset's title replaces this at the first frame, before the window shows.
            viewport: egui::ViewportBuilder::default()
                .with_title("rankscope")
                .with_inner_size(size)
                .with_min_inner_size([480.0, 320.0])
                .with_drag_and_drop(true),
            persist_window: cli.screenshot.is_none(),
            // A scripted screenshot neither reads nor overwrites what the user's sessions remember.
            persistence_path: cli
                .screenshot
                .as_ref()
                .map(|_| scratch_storage.to_path_buf()),
            wgpu_options: wgpu_options(backends),
            ..Default::default()
        };
        let opened = eframe::run_native(
            "rankscope",
            options,
            Box::new(|cc| {
                let startup = match loading.take() {
                    Some(handle) => joined(handle),
                    None => make_startup(),
                }?;
                Ok(Box::new(RankscopeApp::new(cc, startup)))
            }),
        );
        match opened {
            Ok(()) => {
                failure = None;
                break;
            }
            // The startup failed: its message as it is.
            Err(eframe::Error::AppCreation(e)) => return Err(e.to_string()),
            // No adapter on these back ends: try the next.
            Err(e @ eframe::Error::Wgpu(_)) => {
                eprintln!("rankscope: graphics back end {backends:?} unavailable ({e})");
                failure = Some(format!("cannot open the window: {e}"));
            }
            Err(e) => {
                failure = Some(format!("cannot open the window: {e}"));
                break;
            }
        }
    }
    // A file that does not load is what to report, even where no window could open.
    if let Some(handle) = loading {
        joined(handle)?;
    }
    match failure {
        Some(message) => Err(message),
        None => Ok(()),
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
