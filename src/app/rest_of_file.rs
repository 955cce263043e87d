//! The rest of a file the window opened on its listing: a large Parquet file's table shows from
//! its names, ranks, totals and capacity scores, and its indicator columns are read after the
//! first frame, then taken in without changing what the window shows.

use std::path::PathBuf;
use std::sync::Arc;

use crate::context::job::Job;
use crate::context::settings::View;
use crate::model::Dataset;

/// The file (with the mapping its listing was read with, `None`: detected) to read whole once
/// the window shows its listing.
#[derive(Clone, Debug)]
pub struct RestOfFile {
    pub file: PathBuf,
    pub mapping: Option<crate::io::mapping::Mapping>,
}

impl RestOfFile {
    /// The whole dataset, every column the mapping reads, and its load's warnings (those of
    /// the listing and of the indicator columns; none printed, as the listing's were).
    ///
    /// # Errors
    /// The load error, naming the file, the place and the problem.
    pub fn read(&self) -> Result<Whole, String> {
        let every = (self.mapping.as_ref(), crate::io::mapping::Reading::Every);
        crate::io::load_path_reading(&self.file, every, None)
            .map(|loaded| Whole {
                dataset: loaded.dataset,
                warnings: loaded.warnings,
            })
            .map_err(|e| e.to_string())
    }
}

/// The file read whole.
pub struct Whole {
    pub dataset: Dataset,
    pub warnings: Vec<String>,
}

/// Where reading the rest stands.
pub enum Rest {
    /// Not started: it starts once the frame after the one counted here is drawn (the first
    /// frame with the listing has the cores to itself).
    Waiting(RestOfFile, u64),
    Reading(Job<Result<Whole, String>>),
}

/// What a step of [`Rest`] gives.
pub enum RestStep {
    /// Still to come.
    Pending(Rest),
    /// The whole dataset, or why it could not be read.
    Done(Result<Box<Whole>, String>),
}

impl Rest {
    /// Starts reading once `frames_drawn` is past the frame it waits for (`wake` is called
    /// when the read is done); takes the result when there is one.
    #[must_use]
    pub fn step(self, frames_drawn: u64, wake: impl FnOnce() + Send + 'static) -> RestStep {
        match self {
            Self::Waiting(rest, after) if frames_drawn > after => {
                RestStep::Pending(Self::Reading(Job::spawn(move |_| rest.read(), wake)))
            }
            waiting @ Self::Waiting(..) => RestStep::Pending(waiting),
            Self::Reading(job) => match job.poll() {
                None => RestStep::Pending(Self::Reading(job)),
                Some(Ok(result)) => RestStep::Done(result.map(Box::new)),
                Some(Err(crate::context::job::Stopped)) => {
                    RestStep::Done(Err("the reader stopped".to_owned()))
                }
            },
        }
    }
}

/// Whether what the window shows with `settings` is complete without the indicators: the
/// table, no capacity opened to its indicators, no what-if columns.
#[must_use]
pub fn shown_without_indicators(settings: &crate::context::settings::Settings) -> bool {
    settings.view == View::Table && settings.table.expanded.is_empty() && !settings.whatif.in_table
}

/// Whether `whole` is the dataset `listing` was read from: the same entities, years and
/// capacities (it adds the indicators), so that everything the window refers to stays valid.
#[must_use]
pub fn completes(listing: &Arc<Dataset>, whole: &Dataset) -> bool {
    let years = |d: &Dataset| d.years.iter().map(|y| y.year).collect::<Vec<_>>();
    let capacities = |d: &Dataset| {
        d.meta
            .capacities
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    listing.entities.len() == whole.entities.len()
        && listing
            .entities
            .iter()
            .zip(&whole.entities)
            .all(|(a, b)| a.id == b.id)
        && years(listing) == years(whole)
        && capacities(listing) == capacities(whole)
        && listing
            .years
            .iter()
            .zip(&whole.years)
            .all(|(a, b)| a.records.len() == b.records.len())
}
