//! The one error a reader returns: which file, where in it, and what is wrong.

use std::fmt;

/// Why a dataset could not be loaded, precise enough to find and fix the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file's name, when the data came from a file.
    pub file: Option<String>,
    /// Where in the data: a path such as `years[2].records[17].scores.innovation`, or
    /// `line 12, column 5` for a syntax error; empty when the whole file is concerned.
    pub place: String,
    /// What is wrong, e.g. `expected a number, found "n/a"`.
    pub message: String,
}

impl LoadError {
    /// An error at `place` with `message`, not yet tied to a file.
    pub fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: None,
            place: place.into(),
            message: message.into(),
        }
    }

    /// The same error, naming the file it came from.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        if !self.place.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}
