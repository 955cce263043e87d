//! The remembered state as a file of rankscope's own: read whole on start, written atomically
//! (a kill during the write leaves the old file), a damaged file copied to `.bak` before
//! anything is written over it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::rankscope_app::BACKUP_KEY;

/// The largest state file read; a bigger one is not rankscope's and is treated as damaged.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A key–value store in one JSON file (`{"app": "…"}`), for [`eframe::Storage`].
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    values: BTreeMap<String, String>,
    /// The file found on start was damaged and has been copied to [`Self::backup_path`].
    backed_up: bool,
    /// The last write's failure, if it failed.
    write_error: Option<String>,
}

impl StateFile {
    /// Where the state lives: `state.json` in the platform's data folder for rankscope
    /// (`$XDG_DATA_HOME/rankscope` or `~/.local/share/rankscope` on Linux).
    #[must_use]
    pub fn default_path() -> Option<PathBuf> {
        eframe::storage_dir("rankscope").map(|folder| folder.join("state.json"))
    }

    /// The state at `path`: empty when there is no file yet (then the values under `legacy`, the
    /// state file of rankscope versions that let eframe keep it, are taken over). A file that is
    /// not a JSON object of strings, or is larger than 16 MB, is copied byte for byte to
    /// `state.json.bak` and read as a damaged record, so that the app starts on defaults with a
    /// notice.
    #[must_use]
    pub fn open(path: &Path, legacy: Option<&dyn eframe::Storage>) -> Self {
        let mut file = Self {
            path: path.to_path_buf(),
            values: BTreeMap::new(),
            backed_up: false,
            write_error: None,
        };
        match read(path) {
            Read::Missing => {
                if let Some(old) = legacy.and_then(|s| s.get_string(eframe::APP_KEY)) {
                    file.values.insert(eframe::APP_KEY.to_owned(), old);
                }
            }
            Read::Values(values) => file.values = values,
            Read::Damaged => {
                file.backed_up = std::fs::copy(path, file.backup_path()).is_ok();
                // A record no reader accepts: the app sees a damaged state and says so.
                file.values
                    .insert(eframe::APP_KEY.to_owned(), "damaged".to_owned());
            }
        }
        file
    }

    /// Where a damaged state file is kept: beside it, with `.bak` appended.
    #[must_use]
    pub fn backup_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".bak");
        PathBuf::from(name)
    }

    /// The path of the state file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the last write failed, if it did.
    #[must_use]
    pub fn write_error(&self) -> Option<&str> {
        self.write_error.as_deref()
    }
}

/// What was found at the state file's path.
enum Read {
    Missing,
    Values(BTreeMap<String, String>),
    Damaged,
}

fn read(path: &Path) -> Read {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
        Ok(m) if m.is_file() && m.len() <= MAX_BYTES => {}
        _ => return Read::Damaged,
    }
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .map_or(Read::Damaged, Read::Values)
}

impl eframe::Storage for StateFile {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    /// A damaged record given under [`BACKUP_KEY`] goes to the `.bak` file (unless the whole
    /// file was copied there on start); every other key into the state file.
    fn set_string(&mut self, key: &str, value: String) {
        if key == BACKUP_KEY {
            if !self.backed_up {
                let written = crate::export::atomic::write_atomic(&self.backup_path(), |out| {
                    out.write_all(value.as_bytes())
                });
                self.backed_up = written.is_ok();
            }
            return;
        }
        self.values.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.values.remove(key);
    }

    /// Writes the file atomically, creating its folder; a failure is kept for
    /// [`StateFile::write_error`] and the old file stays as it was.
    fn flush(&mut self) {
        let result = (|| {
            if let Some(folder) = self.path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            crate::export::atomic::write_atomic(&self.path, |out| {
                serde_json::to_writer_pretty(&mut *out, &self.values)?;
                out.write_all(b"\n")
            })
        })();
        self.write_error = result.err().map(|e| e.to_string());
    }
}
