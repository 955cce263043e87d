//! Loads files on a background thread so the window never freezes: a JSON dataset opens at
//! once; a spreadsheet is read into a draft for the mapping dialog, then built.

use crate::strings::Strings;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use std::sync::atomic::{AtomicU64, Ordering};

use crate::io::import::{Draft, Loaded, is_spreadsheet};
use crate::io::mapping::Mapping;
use crate::io::{Cancel, LoadError, load_path_with};

/// What a finished load gives.
#[derive(Debug)]
pub enum Opened {
    /// A dataset, ready (boxed: a dataset's parts outweigh a draft's).
    Dataset(Box<Loaded>),
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
    /// Bytes of text parsed so far (CSV), for the progress bar.
    pub progress: Arc<AtomicU64>,
    receiver: Receiver<Option<LoadOutcome>>,
    /// Set when the load is cancelled or dropped: the reader stops between rows.
    cancel: Cancel,
}

impl Drop for PendingLoad {
    /// A load nobody waits for any more stops reading (and frees its memory) at once.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
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
        let progress = Arc::new(AtomicU64::new(0));
        let reported = Arc::clone(&progress);
        let mut load = Self::spawn(
            label,
            move || Some(open_all(paths, &reported, encoding)),
            wake,
        );
        load.bytes = bytes;
        load.progress = progress;
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
        let cancel = Cancel::new();
        let reader = cancel.clone();
        let job = move || {
            Some((
                paths,
                draft
                    .build_cancellable(&mapping, &excluded, &reader)
                    .map(|loaded| Opened::Dataset(Box::new(loaded))),
            ))
        };
        let mut load = Self::spawn(label, job, wake);
        load.cancel = cancel;
        load
    }

    /// Stops the reading: the outcome, when it comes, is the error [`crate::io::cancel::CANCELLED`].
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// Asks for a file with the system dialog, then opens it, all in the background.
    pub fn dialog(s: &'static Strings, wake: impl FnOnce() + Send + 'static) -> Self {
        let pick = move || {
            rfd::FileDialog::new()
                .set_title(s.open_dialog_title)
                .add_filter(s.open_dialog_filter, &crate::io::OPEN_EXTENSIONS)
                .pick_files()
                .filter(|paths| !paths.is_empty())
                .map(|paths| open_all(paths, &AtomicU64::new(0), None))
        };
        Self::spawn(String::new(), pick, wake)
    }

    fn spawn(
        label: String,
        job: impl FnOnce() -> Option<LoadOutcome> + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // The receiver is gone only if the app closed; then nobody needs the result.
            let _ = sender.send(job());
            wake();
        });
        Self {
            label,
            bytes: 0,
            started: std::time::Instant::now(),
            progress: Arc::new(AtomicU64::new(0)),
            receiver,
            cancel: Cancel::new(),
        }
    }

    /// `Some(outcome)` once finished; `Some(None)` when the dialog was cancelled; `None` while busy.
    #[must_use]
    pub fn poll(&self) -> Option<Option<LoadOutcome>> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
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
        load_path_with(&path, None).map(|loaded| Opened::Dataset(Box::new(loaded)))
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
