//! Atomic file writes: write a temporary file in the target's folder, then rename it over the target.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `path` through `write`, atomically: a failure leaves any existing file untouched and
/// no temporary file behind.
///
/// # Errors
/// When the folder is not writable, `write` fails, or the rename fails; the message names the path.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temp = temp_path(path);
    let result = (|| {
        let file = File::create(&temp)?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        // The temporary file may not exist (e.g. the folder is not writable): nothing to clean then.
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

/// `.name.tmp-PID` beside `path`, so the final rename stays within one file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("rankscope-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_writer_that_fails_halfway_leaves_the_old_file_and_no_temporary() {
        let dir = scratch_dir("halfway");
        let target = dir.join("table.csv");
        fs::write(&target, "old contents").expect("seed file");
        let result = write_atomic(&target, |out| {
            out.write_all(b"half of the new ")?;
            Err(io::Error::other("disk full"))
        });
        let error = result.expect_err("the write failed");
        assert!(error.to_string().contains("table.csv"), "{error}");
        assert!(error.to_string().contains("disk full"), "{error}");
        assert_eq!(
            fs::read_to_string(&target).expect("old file"),
            "old contents"
        );
        let leftovers: Vec<_> = fs::read_dir(&dir).expect("dir").collect();
        assert_eq!(leftovers.len(), 1, "only the original file remains");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_successful_write_replaces_the_file() {
        let dir = scratch_dir("ok");
        let target = dir.join("out.txt");
        fs::write(&target, "old").expect("seed file");
        write_atomic(&target, |out| out.write_all(b"new")).expect("write");
        assert_eq!(fs::read_to_string(&target).expect("new file"), "new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_folder_gives_a_message_naming_the_path() {
        let target = std::env::temp_dir()
            .join("rankscope-no-such-folder")
            .join("x.png");
        let error = write_atomic(&target, |out| out.write_all(b"x")).expect_err("no folder");
        assert!(
            error.to_string().contains("rankscope-no-such-folder"),
            "{error}"
        );
    }
}
