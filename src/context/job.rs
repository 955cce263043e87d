//! Work on a background thread, so that the window keeps drawing: one result, a progress count
//! the status bar reads, and a cancel token the work checks. Dropping a job cancels it. Loads,
//! save dialogs, dataset saves and robustness runs are all `Job`s.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::io::Cancel;

/// What the work sees of its job: where to count progress and whether to stop.
#[derive(Clone, Debug, Default)]
pub struct JobHandle {
    pub progress: Arc<AtomicU64>,
    pub cancel: Cancel,
}

/// The worker ended without a result (it panicked, or the process is going down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped;

/// Background work that gives one `T`.
pub struct Job<T> {
    handle: JobHandle,
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on its own thread; `wake` is called when it is done (to repaint).
    pub fn spawn(
        work: impl FnOnce(&JobHandle) -> T + Send + 'static,
        wake: impl FnOnce() + Send + 'static,
    ) -> Self {
        let handle = JobHandle::default();
        let worker = handle.clone();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // The receiver is gone only when the job was dropped: nobody needs the result.
            let _ = sender.send(work(&worker));
            wake();
        });
        Self { handle, receiver }
    }
}

impl<T> Job<T> {
    /// `Some(result)` once done, `Some(Err(Stopped))` when the worker ended without one,
    /// `None` while it works.
    #[must_use]
    pub fn poll(&self) -> Option<Result<T, Stopped>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(Ok(result)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Stopped)),
        }
    }

    /// Asks the work to stop (it checks the token between steps).
    pub fn cancel(&self) {
        self.handle.cancel.cancel();
    }

    /// The work's progress count (bytes read, samples run).
    #[must_use]
    pub fn progress(&self) -> u64 {
        self.handle.progress.load(Ordering::Relaxed)
    }

    /// The shared progress counter, for work started elsewhere that reports into it.
    #[must_use]
    pub fn handle(&self) -> &JobHandle {
        &self.handle
    }
}

impl<T> Drop for Job<T> {
    /// A job nobody waits for stops at its next check.
    fn drop(&mut self) {
        self.handle.cancel.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait<T>(job: &Job<T>) -> Result<T, Stopped> {
        let started = Instant::now();
        loop {
            if let Some(result) = job.poll() {
                return result;
            }
            assert!(
                started.elapsed() < Duration::from_mins(1),
                "the job never ended"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn a_job_gives_its_result_and_counts_its_progress() {
        let job = Job::spawn(
            |handle| {
                handle.progress.fetch_add(7, Ordering::Relaxed);
                6 * 7
            },
            || {},
        );
        assert_eq!(wait(&job), Ok(42));
        assert_eq!(job.progress(), 7);
    }

    #[test]
    fn a_cancelled_job_stops_at_its_next_check() {
        let (go, gate) = channel::<()>();
        let job = Job::spawn(
            move |handle| {
                // Waits until the test has cancelled, then reports what it saw.
                let _ = gate.recv();
                handle.cancel.is_cancelled()
            },
            || {},
        );
        job.cancel();
        go.send(()).expect("the worker waits");
        assert_eq!(wait(&job), Ok(true));
    }

    #[test]
    fn a_worker_that_dies_reports_stopped() {
        let job: Job<u32> = Job::spawn(|_| std::panic::panic_any("the worker fails"), || {});
        assert_eq!(wait(&job), Err(Stopped));
    }

    #[test]
    fn dropping_a_job_cancels_it() {
        let job = Job::spawn(|_| (), || {});
        let token = job.handle().cancel.clone();
        drop(job);
        assert!(token.is_cancelled());
    }
}
