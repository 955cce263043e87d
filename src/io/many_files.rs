//! Several CSV, Parquet and Arrow files opened as one dataset (one file a year, as rankings are
//! published) one file at a time: each read as it is read alone and merged into the dataset
//! before the next is read, so that no file's rows are held as strings and one file's text at
//! a time. The dataset, warnings and mapping are those of reading every file's rows first and
//! building them as sheets ([`super::import::read_drafts`], `Draft::build`), which any other
//! kind of file, and any failure, is left to (it gives the same error).

use std::path::{Path, PathBuf};

use super::error::LoadError;
use super::import::Loaded;
use super::mapping::Mapping;
use super::parquet_typed::PlainFile;
use super::tabular::{Assembly, DecodeGroup, GroupFile, skipped_above_header, year_in_name};

/// Opens `paths` (two or more) as one dataset with `mapping`, or the mapping detected from the
/// first file; text files in `forced` when given. `Ok(None)` when they are to be read as rows
/// instead: a file of another kind (a workbook, JSON, Parquet with dates or decimals), or one
/// that fails to read, whose error that reading gives.
///
/// # Errors
/// Cancelled.
pub fn load_files(
    paths: &[PathBuf],
    mapping: Option<&Mapping>,
    forced: Option<&'static encoding_rs::Encoding>,
    cancel: &super::Cancel,
) -> Result<Option<Loaded>, LoadError> {
    if paths.len() < 2
        || !paths
            .iter()
            .all(|p| text_file(p) || parquet_file(p) || arrow_file(p))
    {
        return Ok(None);
    }
    let names: Vec<String> = paths.iter().map(|p| file_name(p)).collect();
    let joined = names.join(" + ");
    let cancelled = || LoadError::at("", super::cancel::CANCELLED).in_file(joined.clone());
    let mut files = Files {
        chosen: mapping.cloned(),
        assembly: None,
        skipped: Vec::new(),
        joined: &joined,
    };
    let mut encoding = None;
    // Parquet files in a row are read together, groups of several files side by side; Arrow
    // files in a row as many at a time as there are cores (their bytes are held while read).
    let mut pending = Vec::new();
    let mut pending_arrow: Vec<(&Path, &str)> = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    for (index, (path, name)) in paths.iter().zip(&names).enumerate() {
        if cancel.is_cancelled() {
            return Err(cancelled());
        }
        let read = if text_file(path) {
            files
                .add_parquet(&mut pending, cancel)
                .and_then(|()| files.add_arrows(&mut pending_arrow, cancel))
                .and_then(|()| {
                    let read = files.add_text(path, name, forced, cancel)?;
                    if index == 0 {
                        encoding = read;
                    }
                    Ok(())
                })
        } else if arrow_file(path) {
            files.add_parquet(&mut pending, cancel).and_then(|()| {
                pending_arrow.push((path, name));
                if pending_arrow.len() < threads {
                    Ok(())
                } else {
                    files.add_arrows(&mut pending_arrow, cancel)
                }
            })
        } else {
            files
                .add_arrows(&mut pending_arrow, cancel)
                .and_then(|()| files.open_parquet(path, name))
                .map(|plain| pending.extend(plain))
        };
        match read.and_then(|()| {
            if index + 1 == paths.len() {
                files
                    .add_parquet(&mut pending, cancel)
                    .and_then(|()| files.add_arrows(&mut pending_arrow, cancel))
            } else {
                Ok(())
            }
        }) {
            Ok(()) => {}
            Err(e) if e.message == super::cancel::CANCELLED => return Err(cancelled()),
            Err(_) => return Ok(None),
        }
    }
    let (Some(mapping), Some(assembly)) = (files.chosen, files.assembly) else {
        return Ok(None);
    };
    let title = paths[0]
        .file_stem()
        .map_or_else(|| names[0].clone(), |s| s.to_string_lossy().into_owned());
    let Ok(imported) = assembly.finish(&mapping, &title) else {
        return Ok(None);
    };
    Ok(Some(Loaded {
        dataset: imported.dataset,
        warnings: files.skipped.into_iter().chain(imported.warnings).collect(),
        mapping: Some(mapping),
        encoding,
    }))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn text_file(path: &Path) -> bool {
    super::TEXT_EXTENSIONS.contains(&super::extension_of(path).as_str())
}

fn parquet_file(path: &Path) -> bool {
    super::extension_of(path) == "parquet"
}

fn arrow_file(path: &Path) -> bool {
    matches!(
        super::extension_of(path).as_str(),
        "arrow" | "feather" | "ipc"
    )
}

/// The files read so far: the mapping (given, or the first file's), the dataset, the files
/// skipped.
struct Files<'j> {
    chosen: Option<Mapping>,
    assembly: Option<Assembly>,
    /// Files without names and scores, skipped with a warning (before the dataset's).
    skipped: Vec<String>,
    /// The files' names joined, as messages about them all name them.
    joined: &'j str,
}

impl Files<'_> {
    /// The mapping (the first file's `detected` unless one was given) and the dataset, when
    /// the file of `header` has names and scores; else notes it skipped.
    fn take(
        &mut self,
        name: &str,
        header: &[String],
        detected: impl FnOnce() -> Result<Mapping, LoadError>,
    ) -> Result<Option<(&Mapping, &mut Assembly)>, LoadError> {
        if self.chosen.is_none() {
            self.chosen = Some(detected()?);
        }
        let Some(mapping) = &self.chosen else {
            return Ok(None);
        };
        if !super::import::names_and_scores(mapping, header) {
            self.skipped
                .push(format!("{name}: no names and scores found; skipped"));
            return Ok(None);
        }
        if self.assembly.is_none() {
            self.assembly = Some(Assembly::new(mapping)?);
        }
        Ok(self.assembly.as_mut().map(|a| (&*mapping, a)))
    }

    /// Reads the CSV file at `path` (named `name`) into the dataset; its encoding.
    fn add_text(
        &mut self,
        path: &Path,
        name: &str,
        forced: Option<&'static encoding_rs::Encoding>,
        cancel: &super::Cancel,
    ) -> Result<Option<&'static str>, LoadError> {
        let bytes = super::import::read_limited(path, name)?;
        let decoded = super::text::decode_forced(bytes, forced);
        if let Some(problem) = super::text::not_text(&decoded) {
            return Err(LoadError::at("", problem).in_file(name));
        }
        let head = super::import::csv_head(name, &decoded.text)?;
        let year = year_in_name(name).or_else(|| year_in_name(self.joined));
        let Some((mapping, assembly)) =
            self.take(name, &head.header_fields, || Ok(head.detected.clone()))?
        else {
            // Skipped, but read through as its rows would be: a quote it never closes fails.
            let stop =
                super::csv::for_each_row(&decoded.text, head.delimiter, 1, &|_| {}, &mut |_, _| {
                    true
                });
            if let Some(line) = stop.unclosed_quote {
                let message = super::csv::unclosed_quote_message(line);
                return Err(LoadError::at("", message).in_file(name));
            }
            return Ok(Some(decoded.encoding));
        };
        if let Some(warning) = skipped_above_header(name, &head.rows, head.header_row) {
            assembly.warn(warning);
        }
        let data = decoded
            .text
            .get(head.data_start.offset..)
            .unwrap_or_default();
        assembly.add_text(
            (name, year, head.header_fields.clone()),
            (data, head.data_start.line, head.delimiter),
            mapping,
            cancel,
        )?;
        Ok(Some(decoded.encoding))
    }

    /// Whether the columnar file `name` (its `header`, its groups) is read ([`Files::take`]);
    /// one skipped is still decoded group by group as its rows would be, so that a damaged
    /// group fails as it would there.
    fn take_groups(
        &mut self,
        name: &str,
        header: &[String],
        detected: impl FnOnce() -> Result<Mapping, LoadError>,
        (count, decode): (usize, &DecodeGroup<'_>),
    ) -> Result<bool, LoadError> {
        if self.take(name, header, detected)?.is_some() {
            return Ok(true);
        }
        for g in 0..count {
            decode(g)?;
        }
        Ok(false)
    }

    /// The Parquet file at `path` (named `name`) to be read, or `None` when it is skipped.
    fn open_parquet<'p>(
        &mut self,
        path: &'p Path,
        name: &'p str,
    ) -> Result<Option<(Option<i32>, PlainFile<'p>)>, LoadError> {
        let Some(plain) = PlainFile::open(path, name)? else {
            return Err(LoadError::at("", "read as rows").in_file(name));
        };
        let year = year_in_name(name).or_else(|| year_in_name(self.joined));
        let decode = |g: usize| plain.decode(g);
        let read = self.take_groups(
            name,
            &plain.header,
            || plain.mapping(),
            (plain.groups(), &decode),
        )?;
        Ok(read.then_some((year, plain)))
    }

    /// Reads the `pending` Parquet files into the dataset (their plain columns group by group,
    /// groups of several files side by side), and forgets them.
    fn add_parquet(
        &mut self,
        pending: &mut Vec<(Option<i32>, PlainFile<'_>)>,
        cancel: &super::Cancel,
    ) -> Result<(), LoadError> {
        self.add_groups(pending, cancel)?;
        pending.clear();
        Ok(())
    }

    /// Reads `files` (each with the year its name gives), columnar files to be read, into the
    /// dataset: their groups side by side, as many at a time as there are cores, whichever file
    /// they are in.
    fn add_groups<F: Groups>(
        &mut self,
        files: &[(Option<i32>, F)],
        cancel: &super::Cancel,
    ) -> Result<(), LoadError> {
        if files.is_empty() {
            return Ok(());
        }
        let (Some(mapping), Some(assembly)) = (&self.chosen, &mut self.assembly) else {
            return Err(LoadError::at("", "no mapping"));
        };
        let decoders: Vec<_> = files
            .iter()
            .map(|(_, file)| move |g: usize| file.decode(g))
            .collect();
        let files: Vec<GroupFile<'_>> = files
            .iter()
            .zip(&decoders)
            .map(|((year, file), decode)| GroupFile {
                sheet: file.name(),
                year: *year,
                header: file.header().to_vec(),
                count: file.groups(),
                decode,
            })
            .collect();
        assembly.add_group_files(&files, mapping, cancel)
    }

    /// Reads the `pending` Arrow files (each its path and name) into the dataset, their record
    /// batches side by side whichever file they are in (the files' bytes held while they are
    /// read, as when one is opened alone), and forgets them.
    fn add_arrows(
        &mut self,
        pending: &mut Vec<(&Path, &str)>,
        cancel: &super::Cancel,
    ) -> Result<(), LoadError> {
        if pending.is_empty() {
            return Ok(());
        }
        let bytes = pending
            .iter()
            .map(|&(path, name)| super::import::read_limited(path, name))
            .collect::<Result<Vec<_>, _>>()?;
        let lengths = bytes
            .iter()
            .zip(pending.iter())
            .map(|(bytes, &(_, name))| {
                super::arrow_ipc::checked(bytes)
                    .map_err(|message| LoadError::at("", message).in_file(name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut taken = Vec::with_capacity(pending.len());
        for ((bytes, lengths), &(_, name)) in bytes.iter().zip(&lengths).zip(pending.iter()) {
            let arrow = super::arrow_ipc::ArrowFile::of(bytes, lengths, name)?;
            let decode = |g: usize| arrow.decode(g);
            if self.take_groups(
                name,
                &arrow.header,
                || arrow.mapping(),
                (arrow.groups(), &decode),
            )? {
                let year = year_in_name(name).or_else(|| year_in_name(self.joined));
                taken.push((year, arrow));
            }
        }
        pending.clear();
        self.add_groups(&taken, cancel)
    }
}

/// A columnar file read group by group: a Parquet file's row groups, an Arrow file's record
/// batches.
trait Groups: Sync {
    /// The file's name, as messages name it.
    fn name(&self) -> &str;
    fn header(&self) -> &[String];
    /// How many groups the file has.
    fn groups(&self) -> usize;
    /// Group `g`, decoded.
    fn decode(&self, g: usize) -> Result<super::typed_rows::TypedGroup, LoadError>;
}

impl Groups for PlainFile<'_> {
    fn name(&self) -> &str {
        self.file
    }
    fn header(&self) -> &[String] {
        &self.header
    }
    fn groups(&self) -> usize {
        PlainFile::groups(self)
    }
    fn decode(&self, g: usize) -> Result<super::typed_rows::TypedGroup, LoadError> {
        PlainFile::decode(self, g)
    }
}

impl Groups for super::arrow_ipc::ArrowFile<'_> {
    fn name(&self) -> &str {
        self.file
    }
    fn header(&self) -> &[String] {
        &self.header
    }
    fn groups(&self) -> usize {
        super::arrow_ipc::ArrowFile::groups(self)
    }
    fn decode(&self, g: usize) -> Result<super::typed_rows::TypedGroup, LoadError> {
        super::arrow_ipc::ArrowFile::decode(self, g)
    }
}
