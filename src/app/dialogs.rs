//! Save dialogs, run on a background thread so the window keeps drawing while one is open.

use crate::context::job::Job;
use crate::strings::Strings;
use std::path::PathBuf;

pub use crate::context::dialogs::{FigureFormat, SavePurpose};

/// A save dialog that is open.
pub struct PendingSave {
    pub purpose: SavePurpose,
    job: Job<Option<PathBuf>>,
}

impl PendingSave {
    /// Asks where to save, starting in `folder` with `file_name`.
    pub fn new(
        s: &'static Strings,
        purpose: SavePurpose,
        folder: Option<PathBuf>,
        file_name: String,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let (filter_name, extension) = purpose.filter();
        let title = s.save_dialog_title;
        let job = Job::spawn(
            move |_| {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter(filter_name, &[extension])
                    .set_file_name(file_name);
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                dialog.save_file()
            },
            wake,
        );
        Self { purpose, job }
    }

    /// `Some(path)` once chosen, `Some(None)` when cancelled, `None` while open.
    #[must_use]
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        self.job.poll().map(|chosen| chosen.ok().flatten())
    }
}
