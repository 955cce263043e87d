//! Opening the analyst's spreadsheets (CSV/TSV, Excel, `OpenDocument`) in two steps: read the
//! file into a draft (rows of every sheet and the detected column mapping), then build the
//! dataset with that mapping or one the user corrected. The window shows the draft in its
//! mapping dialog; the command line builds it at once.

use std::path::{Path, PathBuf};

use super::csv::{Row, detect_delimiter, for_each_row, parse_checked, unclosed_quote_message};
use super::error::LoadError;
use super::excel::{SheetRows, read_workbook};
use super::mapping::{Mapping, Reading, Role, detect};
use super::tabular::{
    Sheet, TextRows, build, build_text, headers, skipped_above_header, year_in_name,
};
use super::text::decode_forced;
use crate::model::Dataset;

/// Files larger than this are refused before they are read: a ranking spreadsheet is far smaller,
/// and a dataset of 100,000 entities over ten years in rankscope JSON (about 800 MB) fits.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// A loaded dataset with what the load found along the way.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Problems that did not stop the load (duplicate rows, ranks that disagree with totals…).
    pub warnings: Vec<String>,
    /// The column mapping used, for spreadsheets.
    pub mapping: Option<Mapping>,
    /// The text encoding the file was read as, for CSV files.
    pub encoding: Option<&'static str>,
}

/// A spreadsheet read but not yet built: its sheets and the mapping detected from its headers.
#[derive(Debug)]
pub struct Draft {
    pub path: PathBuf,
    /// The file's name, for messages.
    pub file: String,
    /// One sheet for a CSV file; a workbook's sheets in order.
    pub sheets: Vec<SheetRows>,
    pub mapping: Mapping,
    pub encoding: Option<&'static str>,
    /// Whether `sheets` hold only the first rows of the CSV file at `path` (read for the mapping
    /// dialog): building then reads the whole file again, straight from its text.
    pub head_only: bool,
    /// The files when the sheets come from several ([`read_drafts`]; empty for one): each sheet
    /// is then named by its own name (its file's, or its file's and its sheet's), not under
    /// `file`; with `head_only`, building reads the files again, one at a time.
    pub paths: Vec<PathBuf>,
    /// The encoding text files were read in when one was given (not guessed).
    pub forced: Option<&'static encoding_rs::Encoding>,
}

impl std::fmt::Debug for SheetRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SheetRows({}, {} rows)", self.name, self.rows.len())
    }
}

/// Reads a file whole, refusing one over [`MAX_FILE_BYTES`].
///
/// # Errors
/// When the file cannot be read or is too large; the message names the file.
pub fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    check_size(path, name)?;
    read_whole(path).map_err(|e| LoadError::at("", e.to_string()).in_file(name))
}

/// A file's bytes. A large file is read in two halves side by side (copying from the system's
/// cache is bound by one core's speed); a file that changes size meanwhile is read again whole.
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt as _;
        const SIDE_BY_SIDE_FROM: u64 = 16 << 20;
        let file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        if size >= SIDE_BY_SIDE_FROM
            && threads > 1
            && let Ok(len) = usize::try_from(size)
        {
            let mut bytes = vec![0_u8; len];
            let (first, second) = bytes.split_at_mut(len / 2);
            let offset = first.len() as u64;
            let (a, b) = std::thread::scope(|scope| {
                let other = scope.spawn(|| file.read_exact_at(second, offset));
                (file.read_exact_at(first, 0), other.join())
            });
            let grew = file.read_at(&mut [0_u8; 1], size).map_or(true, |n| n > 0);
            if a.is_ok() && matches!(b, Ok(Ok(()))) && !grew {
                return Ok(bytes);
            }
        }
    }
    std::fs::read(path)
}

fn check_size(path: &Path, name: &str) -> Result<(), LoadError> {
    let metadata =
        std::fs::metadata(path).map_err(|e| LoadError::at("", e.to_string()).in_file(name))?;
    // A directory, a pipe or a device is refused at once: reading one may never end.
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(LoadError::at(
            "",
            format!("{what}; rankscope opens files (JSON, CSV, Excel)"),
        )
        .in_file(name));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::at(
            "",
            format!(
                "the file is {} MB; rankscope opens files up to {} MB",
                // Rounded up, so that a file just over the limit never reads as equal to it.
                size.div_ceil(1 << 20),
                MAX_FILE_BYTES >> 20
            ),
        )
        .in_file(name));
    }
    Ok(())
}

/// Whether `path` is a spreadsheet this version reads (by its extension).
#[must_use]
pub fn is_spreadsheet(path: &Path) -> bool {
    let extension = super::extension_of(path);
    super::TEXT_EXTENSIONS
        .iter()
        .chain(&super::WORKBOOK_EXTENSIONS)
        .chain(&super::COLUMNAR_EXTENSIONS)
        .any(|e| *e == extension)
}

/// Reads a spreadsheet (or a JSON array of records) into a draft, detecting the mapping from the first sheet with names and
/// scores (or the first sheet with headers).
///
/// # Errors
/// When the file cannot be read, is too large, is not a workbook, or is empty.
pub fn read_draft(path: &Path) -> Result<Draft, LoadError> {
    read_draft_rows(path, &|_| {}, true, None)
}

/// Rows of a CSV file the mapping dialog's draft keeps (the headers and far more than the dialog
/// shows); building reads the whole file again, straight from its text.
pub const DRAFT_ROWS: usize = 500;

/// As [`read_draft`] for the mapping dialog, reporting the bytes of text parsed so far: of a CSV
/// file only the first [`DRAFT_ROWS`] rows are kept ([`Draft::head_only`]), so that a large file
/// is never held as rows of strings (hundreds of bytes per row).
///
/// # Errors
/// As [`read_draft`].
pub fn read_draft_with_progress(path: &Path, progress: &dyn Fn(usize)) -> Result<Draft, LoadError> {
    read_draft_rows(path, progress, false, None)
}

/// A text file from this size is not read whole for the dialog's draft: its first rows are
/// read from its first blocks of this size ([`super::draft_head`]).
const DRAFT_HEAD: (u64, usize) = (16 << 20, 8 << 20);

/// As [`read_draft_with_progress`], reading a text file in `forced` when given (the dialog's
/// "Read as" choice).
///
/// # Errors
/// As [`read_draft`].
pub fn read_draft_encoded(
    path: &Path,
    progress: &dyn Fn(usize),
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Draft, LoadError> {
    read_draft_rows(path, progress, false, forced)
}

fn read_draft_rows(
    path: &Path,
    progress: &dyn Fn(usize),
    whole: bool,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Draft, LoadError> {
    read_draft_sized(path, progress, (whole, DRAFT_HEAD), forced)
}

/// [`read_draft_rows`], a text file of `head`'s size or more read from its first blocks of
/// `head`'s size.
fn read_draft_sized(
    path: &Path,
    progress: &dyn Fn(usize),
    (whole, head): (bool, (u64, usize)),
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Draft, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let extension = super::extension_of(path);
    let mut head_only = false;
    let mut embedded = None;
    let text_file = super::TEXT_EXTENSIONS.contains(&extension.as_str());
    let first_rows = if text_file && !whole {
        check_size(path, &file)?;
        super::draft_head::read_head(path, forced, DRAFT_ROWS, head)
    } else {
        None
    };
    let (sheets, encoding) = if let Some(first) = first_rows {
        head_only = first.head_only;
        (
            vec![SheetRows {
                name: file.clone(),
                rows: first.rows,
            }],
            Some(first.encoding),
        )
    } else if text_file {
        let bytes = read_limited(path, &file)?;
        let decoded = decode_forced(bytes, forced);
        if let Some(problem) = super::text::not_text(&decoded) {
            return Err(LoadError::at("", problem).in_file(&file));
        }
        let text = decoded.text.as_str();
        let delimiter = detect_delimiter(text);
        let rows = if whole {
            let (rows, unclosed) = parse_checked(text, delimiter, progress);
            if let Some(line) = unclosed {
                return Err(LoadError::at("", unclosed_quote_message(line)).in_file(&file));
            }
            rows
        } else {
            let mut rows = Vec::new();
            let stop = for_each_row(text, delimiter, 1, progress, &mut |line, fields| {
                rows.push(Row {
                    line,
                    fields: fields.iter().map(|f| f.clone().into_owned()).collect(),
                });
                rows.len() < DRAFT_ROWS
            });
            head_only = stop.offset < text.len();
            if let (false, Some(line)) = (head_only, stop.unclosed_quote) {
                return Err(LoadError::at("", unclosed_quote_message(line)).in_file(&file));
            }
            rows
        };
        (
            vec![SheetRows {
                name: file.clone(),
                rows,
            }],
            Some(decoded.encoding),
        )
    } else if extension == "json" {
        let bytes = read_limited(path, &file)?;
        let text = String::from_utf8_lossy(&bytes);
        let rows = super::json_table::records_as_rows(&text)
            .ok_or_else(|| {
                LoadError::at(
                    "",
                    "not a JSON array of records (a rankscope dataset opens as it is)",
                )
                .in_file(&file)
            })?
            .map_err(|e| e.in_file(&file))?;
        (
            vec![SheetRows {
                name: file.clone(),
                rows,
            }],
            None,
        )
    } else if extension == "parquet" {
        check_size(path, &file)?;
        embedded = super::parquet::embedded_mapping(path);
        // For the dialog, a file of plain columns gives its first rows only; building reads it
        // straight into records.
        let head = if whole {
            None
        } else {
            super::parquet_typed::read_head(path, &file, DRAFT_ROWS)?
        };
        head_only = head.is_some();
        match head {
            Some(sheets) => (sheets, None),
            None => (super::parquet::read_parquet(path, &file)?, None),
        }
    } else if matches!(extension.as_str(), "arrow" | "feather" | "ipc") {
        // For the dialog, the first rows; building reads the file straight into records.
        let (sheets, mapping) = if whole {
            super::arrow_ipc::read_arrow(&read_limited(path, &file)?, &file)?
        } else {
            head_only = true;
            super::arrow_ipc::read_head(path, &file, DRAFT_ROWS)?
        };
        embedded = mapping;
        (sheets, None)
    } else {
        check_size(path, &file)?;
        (read_workbook(path, None)?, None)
    };
    let detected: Vec<Mapping> = sheets
        .iter()
        .filter_map(|s| detect_sheet(&s.rows))
        .collect();
    // A Parquet or Arrow file rankscope wrote carries its mapping (directions, labels): taken
    // when every column it names is in the file.
    let embedded = embedded.filter(|m| {
        let header = sheets
            .first()
            .and_then(|s| s.rows.first())
            .map(|r| r.fields.as_slice())
            .unwrap_or_default();
        m.columns.iter().all(|c| header.contains(&c.header))
    });
    let mapping = embedded
        .or_else(|| {
            detected
                .iter()
                .find(|m| usable(m))
                .or_else(|| detected.first())
                .cloned()
        })
        .ok_or_else(|| LoadError::at("", "the file is empty").in_file(&file))?;
    Ok(Draft {
        path: path.to_path_buf(),
        file,
        sheets,
        mapping,
        encoding,
        head_only,
        paths: Vec::new(),
        forced,
    })
}

/// Builds a dataset from rows read from a file that is not a spreadsheet (a JSON array of
/// records), detecting the mapping unless one is given; the year from the file name as for CSV.
///
/// # Errors
/// As [`load_spreadsheet`].
pub fn load_rows(
    path: &Path,
    name: &str,
    rows: &[Row],
    mapping: Option<&Mapping>,
) -> Result<Loaded, LoadError> {
    let detected =
        detect_sheet(rows).ok_or_else(|| LoadError::at("", "the file is empty").in_file(name))?;
    let mapping = mapping.unwrap_or(&detected);
    let title = path
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
    let sheet = Sheet {
        name: name.to_owned(),
        rows,
        year: year_in_name(name),
    };
    let imported = build(&[sheet], mapping, &title).map_err(|e| {
        if e.file.is_none() {
            e.in_file(name.to_owned())
        } else {
            e
        }
    })?;
    Ok(Loaded {
        dataset: imported.dataset,
        warnings: imported.warnings,
        mapping: Some(mapping.clone()),
        encoding: None,
    })
}

pub(crate) fn detect_sheet(rows: &[Row]) -> Option<Mapping> {
    let (header_row, header_fields) = headers(rows)?;
    let sample: Vec<Vec<String>> = rows
        .iter()
        .skip(header_row + 1)
        .take(50)
        .map(|r| r.fields.clone())
        .collect();
    Some(detect(&header_fields, &sample))
}

/// Whether `mapping` finds names and at least one capacity among the columns of `header`: a
/// sheet (or file, among several) without them is skipped with a warning.
pub(crate) fn names_and_scores(mapping: &Mapping, header: &[String]) -> bool {
    header
        .iter()
        .any(|h| mapping.role_of(h) == Some(&Role::Name))
        && header
            .iter()
            .any(|h| matches!(mapping.role_of(h), Some(Role::Capacity { .. })))
}

/// Whether a mapping names the entities and at least one capacity.
fn usable(mapping: &Mapping) -> bool {
    mapping.columns.iter().any(|c| c.role == Role::Name)
        && mapping
            .columns
            .iter()
            .any(|c| matches!(c.role, Role::Capacity { .. }))
}

impl Draft {
    /// The headers of the first sheet, joined: files with the same signature share a mapping.
    #[must_use]
    pub fn signature(&self) -> String {
        self.sheets
            .iter()
            .find_map(|s| headers(&s.rows))
            .map(|(_, h)| h.join("\u{1f}"))
            .unwrap_or_default()
    }

    /// Builds the dataset with `mapping`. A workbook's sheets whose headers the mapping does not
    /// make usable (e.g. a notes sheet) are skipped with a warning. A sheet's year comes from its
    /// year column, its name ("2023") or the file name.
    ///
    /// # Errors
    /// The first cell that cannot be read, naming the file, sheet, row and column.
    pub fn build(&self, mapping: &Mapping) -> Result<Loaded, LoadError> {
        self.build_without(mapping, &[])
    }

    /// As [`Draft::build`], leaving out the sheets named in `excluded` (the user's choice).
    ///
    /// # Errors
    /// As [`Draft::build`].
    pub fn build_without(
        &self,
        mapping: &Mapping,
        excluded: &[String],
    ) -> Result<Loaded, LoadError> {
        self.build_cancellable(mapping, excluded, &super::Cancel::new())
    }

    /// As [`Draft::build_without`], stopping with [`super::cancel::CANCELLED`] once `cancel`
    /// is set (checked between rows of a CSV file and between sheets).
    ///
    /// # Errors
    /// As [`Draft::build`], or cancelled.
    pub fn build_cancellable(
        &self,
        mapping: &Mapping,
        excluded: &[String],
        cancel: &super::Cancel,
    ) -> Result<Loaded, LoadError> {
        self.build_reading((mapping, Reading::Every), excluded, cancel)
    }

    /// Whether the draft is one Parquet file, of which a build can leave columns undecoded
    /// ([`Self::build_reading`]).
    #[must_use]
    pub fn is_one_parquet_file(&self) -> bool {
        self.head_only && self.paths.len() <= 1 && super::extension_of(&self.path) == "parquet"
    }

    /// As [`Self::build_cancellable`], one Parquet file of plain columns decoding only the
    /// columns `reading` reads.
    ///
    /// # Errors
    /// As [`Draft::build`], or cancelled.
    pub fn build_reading(
        &self,
        (mapping, reading): (&Mapping, Reading),
        excluded: &[String],
        cancel: &super::Cancel,
    ) -> Result<Loaded, LoadError> {
        if self.head_only && self.paths.len() > 1 {
            // Several CSV or Parquet files, of which the dialog saw the first rows: read one at
            // a time straight into the dataset, else (a sheet left out, a file that fails) as
            // the rows of every file, which give the same dataset or the error.
            if excluded.is_empty()
                && let Some(loaded) =
                    super::many_files::load_files(&self.paths, Some(mapping), self.forced, cancel)?
            {
                return Ok(loaded);
            }
            return read_drafts_whole(&self.paths, self.forced)?
                .build_cancellable(mapping, excluded, cancel);
        }
        if self.head_only && super::extension_of(&self.path) == "parquet" {
            // One Parquet file of plain columns, of which the dialog saw the first rows: read
            // straight into records.
            if let Some(loaded) =
                super::parquet_typed::load_parquet(&self.path, (Some(mapping), reading), cancel)?
            {
                return Ok(loaded);
            }
        }
        if self.head_only
            && matches!(
                super::extension_of(&self.path).as_str(),
                "arrow" | "feather" | "ipc"
            )
        {
            return super::arrow_ipc::load_arrow(&self.path, Some(mapping), cancel);
        }
        if self.head_only {
            // One CSV file, of which the dialog saw the first rows: the same rows, warnings and
            // errors come from its text, without holding its rows.
            // In the encoding the draft was read in (guessed or given).
            let encoding = self
                .encoding
                .and_then(|name| encoding_rs::Encoding::for_label(name.as_bytes()));
            return load_csv(&self.path, Some(mapping), encoding, cancel);
        }
        let mut warnings = Vec::new();
        let mut sheets = Vec::new();
        let single = self.sheets.len() == 1;
        for sheet in self.sheets.iter().filter(|s| !excluded.contains(&s.name)) {
            if cancel.is_cancelled() {
                return Err(LoadError::at("", super::cancel::CANCELLED).in_file(self.file.clone()));
            }
            let Some((_, header_fields)) = headers(&sheet.rows) else {
                continue;
            };
            let name = if (single && sheet.name == self.file) || self.paths.len() > 1 {
                sheet.name.clone()
            } else {
                format!("{}, sheet \"{}\"", self.file, sheet.name)
            };
            if !single && !names_and_scores(mapping, &header_fields) {
                warnings.push(format!("{name}: no names and scores found; skipped"));
                continue;
            }
            let year = year_in_name(&sheet.name).or_else(|| year_in_name(&self.file));
            sheets.push(Sheet {
                name,
                rows: &sheet.rows,
                year,
            });
        }
        if sheets.is_empty() {
            return Err(
                LoadError::at("", "no sheet holds names and scores").in_file(self.file.clone())
            );
        }
        let title = self
            .path
            .file_stem()
            .map_or_else(|| self.file.clone(), |s| s.to_string_lossy().into_owned());
        let imported = build(&sheets, mapping, &title).map_err(|e| {
            if e.file.is_none() {
                e.in_file(self.file.clone())
            } else {
                e
            }
        })?;
        warnings.extend(imported.warnings);
        Ok(Loaded {
            dataset: imported.dataset,
            warnings,
            mapping: Some(mapping.clone()),
            encoding: self.encoding,
        })
    }
}

/// Reads several spreadsheets as one draft: every sheet of every file, named by its file (and
/// sheet), so that one file (or sheet) per year opens as one dataset.
///
/// # Errors
/// The first file that cannot be read.
pub fn read_drafts(paths: &[PathBuf]) -> Result<Draft, LoadError> {
    read_drafts_encoded(paths, None)
}

/// As [`read_drafts`], reading text files in `forced` when given.
///
/// # Errors
/// As [`read_drafts`].
pub fn read_drafts_encoded(
    paths: &[PathBuf],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Draft, LoadError> {
    // One Parquet or Arrow file is read as the dialog reads it (its first rows; building reads
    // the rest straight into records), and so are several CSV, Parquet and Arrow files (building
    // reads them one at a time: [`super::many_files`]); other files whole.
    let columnar = |p: &PathBuf| {
        matches!(
            super::extension_of(p).as_str(),
            "parquet" | "arrow" | "feather" | "ipc"
        )
    };
    let one_at_a_time = |p: &PathBuf| {
        columnar(p) || super::TEXT_EXTENSIONS.contains(&super::extension_of(p).as_str())
    };
    let first_rows = if paths.len() == 1 {
        paths.iter().all(columnar)
    } else {
        paths.iter().all(one_at_a_time)
    };
    read_drafts_as(paths, forced, !first_rows)
}

/// [`read_drafts_encoded`] with every row of every file (what building several files falls
/// back to).
///
/// # Errors
/// As [`read_drafts`].
pub fn read_drafts_whole(
    paths: &[PathBuf],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Draft, LoadError> {
    read_drafts_as(paths, forced, true)
}

/// [`read_drafts_encoded`], each file `whole` or its first rows.
fn read_drafts_as(
    paths: &[PathBuf],
    forced: Option<&'static encoding_rs::Encoding>,
    whole: bool,
) -> Result<Draft, LoadError> {
    let mut drafts = paths
        .iter()
        .map(|p| read_draft_rows(p, &|_| {}, whole, forced))
        .collect::<Result<Vec<_>, _>>()?;
    if drafts.len() == 1 {
        return drafts.pop().ok_or_else(|| LoadError::at("", "no file"));
    }
    let first = drafts.first().ok_or_else(|| LoadError::at("", "no file"))?;
    let (path, mapping, encoding) = (first.path.clone(), first.mapping.clone(), first.encoding);
    let head_only = drafts.iter().any(|d| d.head_only);
    let file = drafts
        .iter()
        .map(|d| d.file.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    let sheets = drafts
        .into_iter()
        .flat_map(|d| {
            let several = d.sheets.len() > 1;
            let file = d.file;
            d.sheets.into_iter().map(move |s| SheetRows {
                name: if several {
                    format!("{file}, sheet \"{}\"", s.name)
                } else {
                    file.clone()
                },
                rows: s.rows,
            })
        })
        .collect();
    Ok(Draft {
        path,
        file,
        sheets,
        mapping,
        encoding,
        head_only,
        paths: paths.to_vec(),
        forced,
    })
}

/// Opens a spreadsheet with `mapping`, or with the mapping detected from its headers.
///
/// # Errors
/// The first problem, naming the file, sheet, row and column.
pub fn load_spreadsheet(path: &Path, mapping: Option<&Mapping>) -> Result<Loaded, LoadError> {
    load_spreadsheet_encoded(path, mapping, None)
}

/// As [`load_spreadsheet`], reading a text file in `forced` when given.
///
/// # Errors
/// As [`load_spreadsheet`].
pub fn load_spreadsheet_encoded(
    path: &Path,
    mapping: Option<&Mapping>,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Loaded, LoadError> {
    load_spreadsheet_reading(path, (mapping, Reading::Every), forced)
}

/// As [`load_spreadsheet_encoded`], a Parquet file of plain columns decoding only the columns
/// `reading` reads (other formats read every mapped column).
///
/// # Errors
/// As [`load_spreadsheet`].
pub fn load_spreadsheet_reading(
    path: &Path,
    (mapping, reading): (Option<&Mapping>, Reading),
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Loaded, LoadError> {
    let extension = super::extension_of(path);
    if super::TEXT_EXTENSIONS.contains(&extension.as_str()) {
        return load_csv(path, mapping, forced, &super::Cancel::new());
    }
    if matches!(extension.as_str(), "arrow" | "feather" | "ipc") {
        return super::arrow_ipc::load_arrow(path, mapping, &super::Cancel::new());
    }
    if extension == "parquet" {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        check_size(path, &file)?;
        if let Some(loaded) =
            super::parquet_typed::load_parquet(path, (mapping, reading), &super::Cancel::new())?
        {
            return Ok(loaded);
        }
    }
    let draft = read_draft(path)?;
    draft.build(mapping.unwrap_or(&draft.mapping))
}

/// Rows read to detect the mapping: the headers and the sample [`detect_sheet`] looks at.
const DETECTION_ROWS: usize = 51;

/// Opens a CSV file as [`Draft::build`] would, without holding its rows: the mapping is detected
/// from the first rows, then the rows are read straight from the text into records.
fn load_csv(
    path: &Path,
    mapping: Option<&Mapping>,
    forced: Option<&'static encoding_rs::Encoding>,
    cancel: &super::Cancel,
) -> Result<Loaded, LoadError> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let title = path
        .file_stem()
        .map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
    check_size(path, &file)?;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    // An encoding given (as the mapping dialog gives the one it guessed) reads each block as it
    // reads that stretch of the whole text; the blocks leave other files to the whole reading.
    let encodable = forced.is_none_or(super::csv_blocks::block_encoding);
    if encodable && size >= super::csv_blocks::BLOCKS_FROM {
        let blocks = super::csv_blocks::BLOCK_BYTES;
        let in_blocks = |forced| {
            super::csv_blocks::load_in_blocks(
                path,
                (&file, &title),
                (mapping, forced),
                cancel,
                blocks,
            )
        };
        if let Some(loaded) = in_blocks(forced)? {
            return Ok(loaded);
        }
        // Not UTF-8, no encoding given: the one the whole reading would guess, guessed a block
        // at a time, and the file read in blocks in it when it can be.
        let guessed = match forced {
            None => std::fs::File::open(path)
                .and_then(|mut f| super::text::guess_streamed(&mut f, blocks.1))
                .ok()
                .flatten(),
            Some(_) => None,
        };
        if let Some(encoding) = guessed.filter(|e| super::csv_blocks::block_encoding(e))
            && let Some(loaded) = in_blocks(Some(encoding))?
        {
            return Ok(loaded);
        }
    }
    let bytes = read_limited(path, &file)?;
    load_csv_bytes(&file, &title, bytes, mapping, forced, cancel)
}

/// A CSV file's bytes as a dataset, exactly as opening the file named `file` reads them (the
/// path the window and the command line take): decoding, header and mapping detection, rows.
/// `title` names the dataset.
///
/// # Errors
/// As [`read_draft`]: the message names `file`, the line and the column.
pub fn load_csv_bytes(
    file: &str,
    title: &str,
    bytes: Vec<u8>,
    mapping: Option<&Mapping>,
    forced: Option<&'static encoding_rs::Encoding>,
    cancel: &super::Cancel,
) -> Result<Loaded, LoadError> {
    let file = file.to_owned();
    let decoded = decode_forced(bytes, forced);
    if let Some(problem) = super::text::not_text(&decoded) {
        return Err(LoadError::at("", problem).in_file(&file));
    }
    let head = csv_head(&file, &decoded.text)?;
    let mapping = mapping.unwrap_or(&head.detected);
    let encoding = decoded.encoding;
    let imported = build_text(
        &file,
        year_in_name(&file),
        head.header_fields.clone(),
        TextRows {
            text: decoded.text,
            start: head.data_start.offset,
            first_line: head.data_start.line,
            delimiter: head.delimiter,
            cancel: cancel.clone(),
        },
        mapping,
        title,
    )
    .map_err(|e| {
        if e.file.is_none() {
            e.in_file(file.clone())
        } else {
            e
        }
    })?;
    let warnings = skipped_above_header(&file, &head.rows, head.header_row)
        .into_iter()
        .chain(imported.warnings)
        .collect();
    Ok(Loaded {
        dataset: imported.dataset,
        warnings,
        mapping: Some(mapping.clone()),
        encoding: Some(encoding),
    })
}

/// What the start of a CSV text gives: its first rows, the header's row and fields, the mapping
/// detected from them, where the data starts, the delimiter.
pub(crate) struct CsvHead {
    pub rows: Vec<Row>,
    pub header_row: usize,
    pub header_fields: Vec<String>,
    pub detected: Mapping,
    pub data_start: super::csv::Stop,
    pub delimiter: char,
    /// Whether the rows the mapping was detected from ended before the text did (the head of
    /// a longer text would give the same).
    pub complete: bool,
}

/// Reads the head of a CSV `text` (of the file named `file`).
///
/// # Errors
/// An empty file, or one with no header.
pub(crate) fn csv_head(file: &str, text: &str) -> Result<CsvHead, LoadError> {
    let delimiter = detect_delimiter(text);
    let mut rows: Vec<Row> = Vec::new();
    let mut header_at = None;
    let scanned = for_each_row(text, delimiter, 1, &|_| {}, &mut |line, fields| {
        let blank = fields.iter().all(|f| f.trim().is_empty());
        rows.push(Row {
            line,
            fields: fields.iter().map(|f| f.clone().into_owned()).collect(),
        });
        if header_at.is_none() && !blank {
            header_at = Some(rows.len());
        }
        header_at.is_none_or(|h| rows.len() < h + DETECTION_ROWS - 1)
    });
    let detected =
        detect_sheet(&rows).ok_or_else(|| LoadError::at("", "the file is empty").in_file(file))?;
    let Some((header_row, header_fields)) = headers(&rows) else {
        return Err(LoadError::at("", "no sheet holds names and scores").in_file(file));
    };
    // The data starts after the header row: read the text again up to there.
    let mut seen = 0;
    let stop = for_each_row(text, delimiter, 1, &|_| {}, &mut |_, _| {
        seen += 1;
        seen <= header_row
    });
    let data_start = if seen > header_row {
        stop
    } else {
        super::csv::Stop {
            offset: text.len(),
            line: 1,
            unclosed_quote: None,
        }
    };
    Ok(CsvHead {
        rows,
        header_row,
        header_fields,
        detected,
        data_start,
        delimiter,
        complete: scanned.offset < text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::{Draft, read_draft_sized};

    /// The draft of `bytes` as file `name`: read whole, and from blocks of `block` bytes.
    fn drafts(
        name: &str,
        bytes: &[u8],
        forced: Option<&'static encoding_rs::Encoding>,
        block: usize,
    ) -> (Result<Draft, String>, Result<Draft, String>) {
        let dir = std::env::temp_dir().join(format!("rankscope-head-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("written");
        let read = |head| {
            read_draft_sized(&path, &|_| {}, (false, head), forced).map_err(|e| e.to_string())
        };
        let both = (read((u64::MAX, 0)), read((0, block)));
        let from_blocks = super::super::draft_head::read_head(&path, forced, 500, (0, block));
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            from_blocks.is_some(),
            !name.starts_with("utf16") && !name.starts_with("open"),
            "{name}: read from its first blocks"
        );
        both
    }

    fn same(name: &str, (whole, head): (Result<Draft, String>, Result<Draft, String>)) -> bool {
        match (whole, head) {
            (Ok(whole), Ok(head)) => {
                assert_eq!(whole.sheets.len(), 1, "{name}");
                let (a, b) = (&whole.sheets[0].rows, &head.sheets[0].rows);
                assert_eq!(a, b, "{name}: rows");
                assert_eq!(whole.mapping, head.mapping, "{name}: mapping");
                assert_eq!(whole.encoding, head.encoding, "{name}: encoding");
                assert_eq!(whole.head_only, head.head_only, "{name}: head only");
                whole.head_only
            }
            (Err(whole), Err(head)) => {
                assert_eq!(whole, head, "{name}");
                false
            }
            (whole, head) => panic!("{name}: whole {whole:?}, from blocks {head:?}"),
        }
    }

    /// A long-format ranking of `rows` rows, names quoted with line breaks now and then.
    fn ranking(rows: usize, city: &str) -> String {
        use std::fmt::Write as _;
        let mut text = String::from("year,name,province,rank,total,innovation\n");
        for r in 0..rows {
            let name = if r % 9 == 4 {
                format!("\"{city} {r},\nold name\"")
            } else {
                format!("{city} {r}")
            };
            let _ = writeln!(
                text,
                "{},{name},湖南,{},{}.5,{}.25",
                2020 + r % 3,
                r + 1,
                9_000 - r,
                r % 70
            );
        }
        text
    }

    #[test]
    fn a_large_text_files_first_rows_are_read_from_its_first_blocks_as_from_the_whole() {
        let utf8 = ranking(2_000, "城市");
        let with_bom = [b"\xef\xbb\xbf".as_slice(), utf8.as_bytes()].concat();
        let (gbk, _, _) = encoding_rs::GB18030.encode(&utf8);
        let few = ranking(120, "City");
        for block in [97, 3_000, 50_000, 1 << 20] {
            assert!(same(
                "utf8.csv",
                drafts("utf8.csv", utf8.as_bytes(), None, block)
            ));
            assert!(same("bom.csv", drafts("bom.csv", &with_bom, None, block)));
            // GB18030 guessed, and given (as the dialog's "Read as" gives it).
            assert!(same("gbk.csv", drafts("gbk.csv", &gbk, None, block)));
            let gb18030 = Some(encoding_rs::GB18030);
            assert!(same("gbk.csv", drafts("gbk.csv", &gbk, gb18030, block)));
            // Fewer rows than the draft holds: all of them, the file read to its end.
            assert!(!same(
                "few.csv",
                drafts("few.csv", few.as_bytes(), None, block)
            ));
            // A quote never closed, in a file shorter than the draft: the same error.
            let open = format!("{few}2021,\"City,x,1,2,3\n");
            same("open.csv", drafts("open.csv", open.as_bytes(), None, block));
        }
        // UTF-16 is read whole (its bytes hold line feeds inside characters).
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(utf8.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(same("utf16.csv", drafts("utf16.csv", &utf16, None, 3_000)));
    }

    #[test]
    fn a_large_file_read_in_halves_is_the_file_byte_for_byte() {
        // 17 MB of rows whose bytes differ from place to place, an odd length so the halves
        // differ in size.
        let mut bytes = Vec::with_capacity(17 << 20);
        let mut n: u32 = 0;
        while bytes.len() < (17 << 20) + 1 {
            bytes.extend_from_slice(format!("{n},{}\n", n.wrapping_mul(2_654_435_761)).as_bytes());
            n += 1;
        }
        bytes.truncate((17 << 20) + 1);
        let path =
            std::env::temp_dir().join(format!("rankscope-halves-{}.csv", std::process::id()));
        std::fs::write(&path, &bytes).expect("written");
        let read = super::read_whole(&path);
        let _ = std::fs::remove_file(&path);
        let read = read.expect("read");
        assert_eq!(read.len(), bytes.len());
        assert!(read == bytes, "the same bytes in the same order");
    }
}
