//! Loads files on a background thread so the window never freezes: a JSON dataset opens at
//! once; a spreadsheet is read into a draft for the mapping dialog, then built.

use crate::strings::Strings;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::context::job::{Job, JobHandle};

use crate::io::import::{Draft, Loaded, is_spreadsheet};
use crate::io::mapping::{Mapping, Reading};
use crate::io::{LoadError, load_path_with};

/// What a finished load gives.
#[derive(Debug)]
pub enum Opened {
    /// A dataset, ready (boxed: a dataset's parts outweigh a draft's); with the rest of its
    /// file to read when it is a Parquet file's listing (its indicators read after it shows).
    Dataset(Box<Loaded>, Option<super::rest_of_file::RestOfFile>),
    /// A spreadsheet read, waiting for its column mapping to be confirmed.
    Draft(Draft),
}

/// The result of one load: the files read and what opened, or the error.
pub type LoadOutcome = (Vec<PathBuf>, Result<Opened, LoadError>);

/// A load in progress.
pub struct PendingLoad {
    /// What is being loaded, for the status bar; empty while the file dialog is open.
    pub label: String,
    /// The size of the files being read, in bytes (0 while the dialog is open).
    pub bytes: u64,
    /// When the load began, for the elapsed time in the status bar.
    pub started: std::time::Instant,
    /// The reading; dropping the load cancels it (the reader stops between rows).
    job: Job<Option<LoadOutcome>>,
    /// Set by the open dialog when no system file chooser answered (nothing chosen, at once).
    pub no_chooser: Arc<std::sync::atomic::AtomicBool>,
}

impl PendingLoad {
    /// Opens `path` in the background; `wake` is called when done (to repaint).
    pub fn file(path: PathBuf, wake: impl FnOnce() + Send + 'static) -> Self {
        Self::files(vec![path], wake)
    }

    /// Opens several files in the background: spreadsheets (e.g. one per year) as one draft.
    pub fn files(paths: Vec<PathBuf>, wake: impl FnOnce() + Send + 'static) -> Self {
        Self::files_encoded(paths, None, wake)
    }

    /// As [`PendingLoad::files`], reading text files in `encoding` when given.
    pub fn files_encoded(
        paths: Vec<PathBuf>,
        encoding: Option<&'static encoding_rs::Encoding>,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let label = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let bytes = paths
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let mut load = Self::spawn(
            label,
            move |handle| Some(open_all(paths, &handle.progress, encoding)),
            wake,
        );
        load.bytes = bytes;
        load
    }

    /// Builds a draft's dataset with `mapping`, leaving out the `excluded` sheets, in the background.
    pub fn build(
        draft: Arc<Draft>,
        (mapping, excluded): (Mapping, Vec<String>),
        paths: Vec<PathBuf>,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let label = draft.path.display().to_string();
        let job = move |handle: &JobHandle| {
            // One Parquet file: its table first, its indicator columns after it shows.
            let reading = if draft.is_one_parquet_file() {
                Reading::Listing
            } else {
                Reading::Every
            };
            let built = draft.build_reading((&mapping, reading), &excluded, &handle.cancel);
            Some((
                paths,
                built.map(|loaded| {
                    let rest = mapping.left_unread(reading, &loaded.dataset).then(|| {
                        super::rest_of_file::RestOfFile {
                            file: draft.path.clone(),
                            mapping: Some(mapping.clone()),
                        }
                    });
                    Opened::Dataset(Box::new(loaded), rest)
                }),
            ))
        };
        Self::spawn(label, job, wake)
    }

    /// Stops the reading: the outcome, when it comes, is the error [`crate::io::cancel::CANCELLED`].
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// Asks for a file with the system dialog, then opens it, all in the background.
    pub fn dialog(s: &'static Strings, wake: impl FnOnce() + Send + 'static) -> Self {
        let no_chooser = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&no_chooser);
        let pick = move |handle: &JobHandle| {
            let started = std::time::Instant::now();
            let picked = rfd::FileDialog::new()
                .set_title(s.open_dialog_title)
                .add_filter(s.open_dialog_filter, &crate::io::OPEN_EXTENSIONS)
                .pick_files()
                .filter(|paths| !paths.is_empty());
            if picked.is_none() && started.elapsed() < crate::context::dialogs::NO_CHOOSER {
                flag.store(true, Ordering::Relaxed);
            }
            picked.map(|paths| open_all(paths, &handle.progress, None))
        };
        let mut load = Self::spawn(String::new(), pick, wake);
        load.no_chooser = no_chooser;
        load
    }

    fn spawn(
        label: String,
        work: impl FnOnce(&JobHandle) -> Option<LoadOutcome> + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        Self {
            label,
            bytes: 0,
            started: std::time::Instant::now(),
            job: Job::spawn(work, wake),
            no_chooser: Arc::default(),
        }
    }

    /// Bytes of text parsed so far (CSV), for the progress bar.
    #[must_use]
    pub fn progress(&self) -> u64 {
        self.job.progress()
    }

    /// `Some(outcome)` once finished; `Some(None)` when the dialog was cancelled (or the reader
    /// stopped without a result); `None` while busy.
    #[must_use]
    pub fn poll(&self) -> Option<Option<LoadOutcome>> {
        self.job.poll().map(Result::ok).map(Option::flatten)
    }
}

fn open(
    path: PathBuf,
    progress: &AtomicU64,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> LoadOutcome {
    let result = if is_spreadsheet(&path) {
        crate::io::import::read_draft_encoded(
            &path,
            &|done| {
                progress.store(u64::try_from(done).unwrap_or(u64::MAX), Ordering::Relaxed);
            },
            encoding,
        )
        .map(Opened::Draft)
    } else {
        load_path_with(&path, None).map(|loaded| Opened::Dataset(Box::new(loaded), None))
    };
    (vec![path], result)
}

/// One file as [`open`]; several as spreadsheets read into one draft.
fn open_all(
    mut paths: Vec<PathBuf>,
    progress: &AtomicU64,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> LoadOutcome {
    if paths.len() == 1
        && let Some(path) = paths.pop()
    {
        return open(path, progress, encoding);
    }
    let result = crate::io::import::read_drafts_encoded(&paths, encoding).map(Opened::Draft);
    (paths, result)
}
