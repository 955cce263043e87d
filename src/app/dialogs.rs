//! Save dialogs, run on a background thread so the window keeps drawing while one is open.

use crate::context::job::Job;
use crate::strings::Strings;
use std::path::PathBuf;

pub use crate::context::dialogs::{FigureFormat, SavePurpose};

/// What a save dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    Path(PathBuf),
    Cancelled,
    /// No chooser was shown (it answered at once with nothing): ask in the window instead.
    NoChooser,
}

/// A save dialog that is open.
pub struct PendingSave {
    pub purpose: SavePurpose,
    /// The folder and file name it proposed, for the window's own prompt.
    pub proposed: PathBuf,
    job: Job<(Option<PathBuf>, std::time::Duration)>,
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
        let proposed = folder
            .clone()
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
            .join(&file_name);
        let job = Job::spawn(
            move |_| {
                let started = std::time::Instant::now();
                let mut dialog = rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter(filter_name, &[extension])
                    .set_file_name(file_name);
                // A dataset may also be saved in the long Parquet or Arrow layout.
                if purpose == SavePurpose::Dataset {
                    dialog = dialog
                        .add_filter("Parquet (long layout)", &["parquet"])
                        .add_filter("Arrow / Feather (long layout)", &["arrow", "feather"]);
                }
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                (dialog.save_file(), started.elapsed())
            },
            wake,
        );
        Self {
            purpose,
            proposed,
            job,
        }
    }

    /// The answer once given; `None` while the dialog is open.
    #[must_use]
    pub fn poll(&self) -> Option<Chosen> {
        self.job.poll().map(|answer| match answer {
            Ok((path, took)) => classify(path, took),
            Err(_) => Chosen::NoChooser,
        })
    }
}

/// What a file chooser's answer means: a path; nothing after a person looked at it (cancelled);
/// or nothing at once (no chooser was shown).
#[must_use]
pub fn classify(answer: Option<PathBuf>, took: std::time::Duration) -> Chosen {
    match answer {
        Some(path) => Chosen::Path(path),
        None if took < crate::context::dialogs::NO_CHOOSER => Chosen::NoChooser,
        None => Chosen::Cancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn nothing_at_once_means_no_chooser_and_nothing_later_a_cancel() {
        assert_eq!(classify(None, Duration::from_millis(3)), Chosen::NoChooser);
        assert_eq!(classify(None, Duration::from_secs(4)), Chosen::Cancelled);
        let path = PathBuf::from("/tmp/a.csv");
        assert_eq!(
            classify(Some(path.clone()), Duration::ZERO),
            Chosen::Path(path)
        );
    }
}
