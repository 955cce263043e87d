//! Loads files on a background thread so the window never freezes: a JSON dataset opens at
//! once; a spreadsheet is read into a draft for the mapping dialog, then built.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::io::import::{Draft, Loaded, is_spreadsheet, read_draft};
use crate::io::mapping::Mapping;
use crate::io::{LoadError, load_path_with};

/// What a finished load gives.
#[derive(Debug)]
pub enum Opened {
    /// A dataset, ready.
    Dataset(Loaded),
    /// A spreadsheet read, waiting for its column mapping to be confirmed.
    Draft(Draft),
}

/// The result of one load: the path and what opened, or the error.
pub type LoadOutcome = (PathBuf, Result<Opened, LoadError>);

/// A load in progress.
pub struct PendingLoad {
    /// What is being loaded, for the status bar; empty while the file dialog is open.
    pub label: String,
    receiver: Receiver<Option<LoadOutcome>>,
}

impl PendingLoad {
    /// Opens `path` in the background; `wake` is called when done (to repaint).
    pub fn file(path: PathBuf, wake: impl FnOnce() + Send + 'static) -> Self {
        let label = path.display().to_string();
        Self::spawn(label, move || Some(open(path)), wake)
    }

    /// Builds a draft's dataset with `mapping` in the background.
    pub fn build(
        draft: Arc<Draft>,
        mapping: Mapping,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let label = draft.path.display().to_string();
        let job = move || {
            Some((
                draft.path.clone(),
                draft.build(&mapping).map(Opened::Dataset),
            ))
        };
        Self::spawn(label, job, wake)
    }

    /// Asks for a file with the system dialog, then opens it, all in the background.
    pub fn dialog(wake: impl FnOnce() + Send + 'static) -> Self {
        let pick = || {
            rfd::FileDialog::new()
                .set_title("Open a dataset or a spreadsheet")
                .add_filter(
                    "Datasets and spreadsheets",
                    &[
                        "json", "csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods",
                    ],
                )
                .pick_file()
                .map(open)
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
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

fn open(path: PathBuf) -> LoadOutcome {
    let result = if is_spreadsheet(&path) {
        read_draft(&path).map(Opened::Draft)
    } else {
        load_path_with(&path, None).map(Opened::Dataset)
    };
    (path, result)
}
