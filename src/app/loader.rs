//! Loads dataset files on a background thread so the window never freezes.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::io::import::Loaded;
use crate::io::{LoadError, load_path_with};

/// The result of one load: the path and the dataset or the error.
pub type LoadOutcome = (PathBuf, Result<Loaded, LoadError>);

/// A load in progress.
pub struct PendingLoad {
    /// What is being loaded, for the status bar; empty while the file dialog is open.
    pub label: String,
    receiver: Receiver<Option<LoadOutcome>>,
}

impl PendingLoad {
    /// Loads `path` in the background; `wake` is called when done (to repaint).
    pub fn file(path: PathBuf, wake: impl FnOnce() + Send + 'static) -> Self {
        let label = path.display().to_string();
        Self::spawn(label, move || Some(load(path)), wake)
    }

    /// Asks for a file with the system dialog, then loads it, all in the background.
    pub fn dialog(wake: impl FnOnce() + Send + 'static) -> Self {
        let pick = || {
            rfd::FileDialog::new()
                .set_title("Open a rankscope dataset")
                .add_filter("Datasets (JSON, CSV)", &["json", "csv", "tsv", "txt"])
                .pick_file()
                .map(load)
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
        Self { label, receiver }
    }

    /// `Some(outcome)` once finished; `Some(None)` when the dialog was cancelled; `None` while busy.
    #[must_use]
    pub fn poll(&self) -> Option<Option<LoadOutcome>> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(None),
        }
    }
}

fn load(path: PathBuf) -> LoadOutcome {
    let result = load_path_with(&path, None);
    (path, result)
}
