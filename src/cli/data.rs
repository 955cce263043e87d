//! The dataset a scripted command reads, named as the window names it: the bundled sample, one
//! file, or several spreadsheets (one per year) as one dataset, with an optional column mapping.

use std::path::{Path, PathBuf};

use super::open::{print_warnings, read_dataset_mapped, read_spreadsheets};
use crate::context::settings::Source;
use crate::io::mapping::Reading;
use crate::model::Dataset;

/// The files a command reads and the mapping for them.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataArgs {
    /// A rankscope JSON dataset, a JSON array of records, or spreadsheets (CSV, TSV, Excel,
    /// Parquet, Arrow/Feather): several spreadsheets, e.g. one per year, are read as one
    /// dataset. Without one, the bundled sample.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A column mapping (JSON) for spreadsheets; without one, the detected mapping is used and
    /// printed (save it, correct it, pass it back).
    #[arg(long, value_name = "map.json")]
    pub mapping: Option<PathBuf>,
    /// Load warnings on stderr: grouped (one line per kind and file, with a count and the first
    /// rows) or all (every one).
    #[arg(long, value_enum, default_value_t = Warnings::Grouped)]
    pub warnings: Warnings,
    /// Read CSV files in this encoding (utf-8, gb18030, gbk, big5, utf-16le, windows-1252…)
    /// instead of the one guessed.
    #[arg(long, value_name = "NAME", value_parser = crate::io::text::encoding_named)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The language of what is written (headers, titles, captions, notes): en or zh. Default:
    /// the system's locale.
    #[arg(long, value_name = "en|zh", value_parser = crate::strings::Language::named)]
    pub lang: Option<crate::strings::Language>,
}

/// How load warnings are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Warnings {
    /// One line per kind and file, with a count and the first rows.
    #[default]
    Grouped,
    /// Every warning on its own line.
    All,
}

impl DataArgs {
    /// The language to write in: the one given, or the system's.
    #[must_use]
    pub fn language(&self) -> crate::strings::Language {
        self.lang
            .unwrap_or_else(crate::strings::Language::of_system)
    }

    /// The dataset the arguments name, with where it came from.
    ///
    /// # Errors
    /// The first problem, naming the file, sheet, row and column.
    pub fn load(&self) -> Result<(Dataset, Source), String> {
        self.load_reading(Reading::Every)
    }

    /// [`Self::load`], a Parquet file decoding only the columns `reading` reads.
    ///
    /// # Errors
    /// As [`Self::load`].
    pub fn load_reading(&self, reading: Reading) -> Result<(Dataset, Source), String> {
        let read = load_files_reading(
            &self.files,
            self.mapping.as_deref(),
            Some(self.warnings),
            (self.encoding, reading),
        )?;
        Ok((read.dataset, read.source))
    }

    /// [`Self::load`] again, after [`Self::load_reading`]: its warnings and detected mapping
    /// were printed then, and are not printed twice.
    ///
    /// # Errors
    /// As [`Self::load`].
    pub fn load_again(&self) -> Result<(Dataset, Source), String> {
        let read = load_files_reading(
            &self.files,
            self.mapping.as_deref(),
            None,
            (self.encoding, Reading::Every),
        )?;
        Ok((read.dataset, read.source))
    }

    /// Whether the files are one Parquet file, of which a load can leave columns undecoded
    /// ([`Self::load_reading`]).
    #[must_use]
    pub fn is_one_parquet_file(&self) -> bool {
        matches!(&self.files[..], [file] if crate::io::extension_of(file) == "parquet")
    }

    /// Refuses an output path that is one of the inputs (a file or the mapping): writing it
    /// would destroy what the command reads.
    ///
    /// # Errors
    /// The message naming the path.
    pub fn check_out(&self, out: &Path) -> Result<(), String> {
        let Ok(out_real) = std::fs::canonicalize(out) else {
            return Ok(()); // a new file cannot be an input
        };
        let clash = self
            .files
            .iter()
            .chain(self.mapping.iter())
            .any(|input| std::fs::canonicalize(input).is_ok_and(|p| p == out_real));
        if clash {
            return Err(format!(
                "--out {}: that is one of the inputs; writing it would destroy it",
                out.display()
            ));
        }
        Ok(())
    }
}

/// The bundled sample (no file), one file, or several spreadsheets as one dataset, read with
/// the mapping in `mapping` or the detected one.
///
/// # Errors
/// The first problem, naming the file, sheet, row and column.
pub fn load_files(files: &[PathBuf], mapping: Option<&Path>) -> Result<(Dataset, Source), String> {
    load_files_showing(files, mapping, Warnings::Grouped)
}

/// As [`load_files`], printing the warnings as `warnings` says.
///
/// # Errors
/// As [`load_files`].
pub fn load_files_showing(
    files: &[PathBuf],
    mapping: Option<&Path>,
    warnings: Warnings,
) -> Result<(Dataset, Source), String> {
    let (dataset, source, _) = load_files_warned(files, mapping, warnings, None)?;
    Ok((dataset, source))
}

/// As [`load_files_showing`], also returning the warnings (for the window to show them too).
///
/// # Errors
/// As [`load_files`].
pub fn load_files_warned(
    files: &[PathBuf],
    mapping: Option<&Path>,
    warnings: Warnings,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<(Dataset, Source, Vec<String>), String> {
    let read = load_files_reading(files, mapping, Some(warnings), (encoding, Reading::Every))?;
    Ok((read.dataset, read.source, read.warnings))
}

/// What [`load_files_reading`] read.
pub struct FilesRead {
    pub dataset: Dataset,
    pub source: Source,
    pub warnings: Vec<String>,
    /// Whether the file's indicator columns were left unread (read as [`Reading::Listing`]).
    pub unread_indicators: bool,
}

/// As [`load_files_warned`], one Parquet file decoding only the columns `reading` reads
/// (several files read every column); with `warnings` `None`, neither the warnings nor the
/// detected mapping of one file are printed.
///
/// # Errors
/// As [`load_files`].
pub fn load_files_reading(
    files: &[PathBuf],
    mapping: Option<&Path>,
    warnings: Option<Warnings>,
    (encoding, reading): (Option<&'static encoding_rs::Encoding>, Reading),
) -> Result<FilesRead, String> {
    let (dataset, source, found, unread_indicators) = if files.len() > 1 {
        let (dataset, source, found) = read_spreadsheets(files, mapping, encoding)?;
        (dataset, source, found, false)
    } else {
        read_dataset_mapped(
            files.first().map(PathBuf::as_path),
            mapping,
            (encoding, reading, warnings.is_some()),
        )?
    };
    if let Some(warnings) = warnings {
        print_warnings(&found, warnings == Warnings::All);
    }
    Ok(FilesRead {
        dataset,
        source,
        warnings: found,
        unread_indicators,
    })
}
