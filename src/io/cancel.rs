//! A load the user can stop: the window's Cancel sets the token, the reader checks it between
//! rows and gives up with [`CANCELLED`], freeing its memory at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The message of a load stopped by its token.
pub const CANCELLED: &str = "cancelled";

/// Shared between the one who may cancel a load and the reader; clones share one flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A token nobody has cancelled yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every reader holding this token (or a clone) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// The flag itself, for work that takes an `AtomicBool` (the robustness run).
    #[must_use]
    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// Whether [`Cancel::cancel`] was called.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::Cancel;

    #[test]
    fn a_clone_sees_the_cancel() {
        let token = Cancel::new();
        let reader = token.clone();
        assert!(!reader.is_cancelled());
        token.cancel();
        assert!(reader.is_cancelled());
    }
}
