//! Atomic file writes: write a temporary file in the target's folder (an unguessable name, opened
//! exclusively), then rename it over the target, keeping the target's permissions and writing
//! through a symbolic link to the file it names.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `path` through `write`, atomically: a failure leaves any existing file untouched and
/// no temporary file behind. A symbolic link is written through to its target; an existing
/// file keeps its permissions.
///
/// # Errors
/// When the folder is not writable, `write` fails, or the rename fails; the message names the path.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // Through a symbolic link to the file it names: the link stays a link.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = fs::metadata(&target).ok();
    let mut attempt = 0;
    let (temp, file) = loop {
        let temp = temp_path(&target);
        // `create_new` is O_EXCL: a file (or a planted symbolic link) of that name is never
        // opened, and the random name cannot be guessed ahead.
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 8 => attempt += 1,
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("cannot write {}: {e}", path.display()),
                ));
            }
        }
    };
    let result = (|| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        // An existing file keeps its permissions (a private 0600 file stays private).
        if let Some(metadata) = &existing {
            file.set_permissions(metadata.permissions())?;
        }
        file.sync_all()?;
        fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

/// Removes the temporary files of writes that never finished (a killed export) from `folder`:
/// names of the form `.NAME.tmp-PID-RANDOM` whose process is gone (on Linux), or that are over a
/// day old (elsewhere). Returns how many were removed.
#[must_use = "the count says whether anything was cleaned"]
pub fn remove_stale_temporaries(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = ours(&name) else {
            continue;
        };
        let proc = Path::new("/proc");
        let gone = if proc.is_dir() {
            !proc.join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if gone && is_file && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary file name this module writes (`.NAME.tmp-PID-16 hex digits`).
fn ours(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".tmp-")?;
    let (pid, random) = tail.split_once('-')?;
    (random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// `.name.tmp-PID-RANDOM` beside `path`, so the final rename stays within one file system; the
/// random part comes from the standard library's randomly keyed hasher and the clock.
fn temp_path(path: &Path) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    path.with_file_name(format!(
        ".{name}.tmp-{}-{:016x}",
        std::process::id(),
        hasher.finish()
    ))
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

#[cfg(test)]
#[cfg(unix)]
mod unix_tests {
    use std::os::unix::fs::{PermissionsExt, symlink};

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "rankscope-atomic-unix-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn temporaries_of_gone_processes_are_removed_and_live_ones_kept() {
        let dir = scratch("stale");
        let gone = dir.join(".report.csv.tmp-4000000000-0123456789abcdef");
        let live = dir.join(format!(
            ".report.csv.tmp-{}-0123456789abcdef",
            std::process::id()
        ));
        let other = dir.join(".hidden.tmp-notours");
        for path in [&gone, &live, &other] {
            fs::write(path, "x").expect("seed");
        }
        assert_eq!(remove_stale_temporaries(&dir), 1);
        assert!(!gone.exists());
        assert!(live.exists(), "a running write keeps its file");
        assert!(other.exists(), "files not of this form are left alone");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_private_file_stays_private() {
        let dir = scratch("mode");
        let target = dir.join("private.csv");
        fs::write(&target, "old").expect("seed");
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&target, |out| out.write_all(b"new")).expect("write");
        let mode = fs::metadata(&target).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = scratch("link");
        let real = dir.join("real.csv");
        fs::write(&real, "old").expect("seed");
        let link = dir.join("link.csv");
        symlink(&real, &link).expect("link");
        write_atomic(&link, |out| out.write_all(b"new")).expect("write");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("real"), "new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_planted_link_at_an_old_style_temporary_name_is_never_followed() {
        let dir = scratch("planted");
        let target = dir.join("out.csv");
        let victim = dir.join("victim.txt");
        fs::write(&victim, "keep me").expect("seed");
        // The name the writer used to use (`.NAME.tmp-PID`), planted as a link to another file.
        let planted = dir.join(format!(".out.csv.tmp-{}", std::process::id()));
        symlink(&victim, &planted).expect("plant");
        write_atomic(&target, |out| out.write_all(b"export")).expect("write");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "keep me");
        assert_eq!(fs::read_to_string(&target).expect("target"), "export");
        let _ = fs::remove_dir_all(&dir);
    }
}
