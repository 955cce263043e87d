//! Work done side by side, finished in order: each worker reads its own piece of a file and
//! then, when the pieces before it are done, adds it to one shared state itself, so no core
//! waits for a merge the others could overlap.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// A state the numbered pieces change one at a time, in their numbers' order.
pub struct InOrder<S> {
    turn: Mutex<Turn<S>>,
    changed: Condvar,
    /// [`Turn::next`] and [`Turn::stopped`] as last set (under the lock), read without it: a
    /// piece asking whether its turn has come, or whether the run goes on, does not wait for
    /// the change another piece is making.
    next: AtomicUsize,
    stopped: AtomicBool,
}

struct Turn<S> {
    /// The number of the piece whose turn it is.
    next: usize,
    /// No more turns: a piece stopped the run (or failed).
    stopped: bool,
    state: S,
}

impl<S> InOrder<S> {
    #[must_use]
    pub fn new(state: S) -> Self {
        Self {
            turn: Mutex::new(Turn {
                next: 0,
                stopped: false,
                state,
            }),
            changed: Condvar::new(),
            next: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Turn<S>> {
        self.turn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until the pieces numbered below `number` have had their turn, then gives `change`
    /// the state; it returns whether the run goes on. A `change` that panics stops the run.
    /// Returns false, without calling `change`, once the run has stopped.
    pub fn in_turn(&self, number: usize, change: impl FnOnce(&mut S) -> bool) -> bool {
        let mut turn = self.lock();
        while turn.next != number && !turn.stopped {
            turn = self
                .changed
                .wait(turn)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if turn.stopped {
            return false;
        }
        let state = &mut turn.state;
        let go_on = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| change(state)))
            .unwrap_or(false);
        turn.next += 1;
        turn.stopped |= !go_on;
        self.next.store(turn.next, Ordering::Release);
        self.stopped.store(turn.stopped, Ordering::Release);
        self.changed.notify_all();
        go_on
    }

    /// [`Self::in_turn`] when the pieces before `number` have had their turn already (or the
    /// run has stopped); otherwise, without waiting, `change` back.
    ///
    /// # Errors
    /// `change`, not called, when it is not yet the piece's turn.
    pub fn try_in_turn<C: FnOnce(&mut S) -> bool>(
        &self,
        number: usize,
        change: C,
    ) -> Result<bool, C> {
        // Read without the lock, which the piece before holds while it makes its change.
        let ready = self.next.load(Ordering::Acquire) == number || self.is_stopped();
        // Only this piece's own turn ends its wait: once ready, it stays ready.
        if ready {
            Ok(self.in_turn(number, change))
        } else {
            Err(change)
        }
    }

    /// Stops the run at once (no turn awaited), after `change` notes why.
    pub fn stop(&self, change: impl FnOnce(&mut S)) {
        let mut turn = self.lock();
        change(&mut turn.state);
        turn.stopped = true;
        self.stopped.store(true, Ordering::Release);
        self.changed.notify_all();
    }

    /// Whether the run has stopped (without waiting for a change being made).
    #[must_use]
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    /// The state after the last turn.
    pub fn into_inner(self) -> S {
        self.turn
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .state
    }
}

#[cfg(test)]
mod tests {
    use super::InOrder;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Pieces handed out in order to `workers` threads, each taking a while of its own.
    fn run(
        workers: usize,
        pieces: usize,
        stop_at: Option<usize>,
        panic_at: Option<usize>,
    ) -> Vec<usize> {
        let order = InOrder::new(Vec::new());
        let handed = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let number = handed.fetch_add(1, Ordering::SeqCst);
                        if number >= pieces || order.is_stopped() {
                            return;
                        }
                        // Later pieces often finish first.
                        let pause = (pieces - number) % 4;
                        std::thread::sleep(std::time::Duration::from_millis(pause as u64));
                        let go_on = order.in_turn(number, |done: &mut Vec<usize>| {
                            assert_ne!(Some(number), panic_at, "a failing piece");
                            done.push(number);
                            Some(number) != stop_at
                        });
                        if !go_on {
                            return;
                        }
                    }
                });
            }
        });
        order.into_inner()
    }

    #[test]
    fn pieces_change_the_state_in_their_order_whoever_finishes_first() {
        for workers in [1, 2, 3, 5] {
            assert_eq!(run(workers, 40, None, None), (0..40).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_piece_that_stops_the_run_or_panics_is_the_last_to_change_it() {
        assert_eq!(run(3, 40, Some(12), None), (0..=12).collect::<Vec<_>>());
        assert_eq!(run(3, 40, None, Some(7)), (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn a_piece_tried_before_its_turn_gets_its_change_back_uncalled() {
        let order = InOrder::new(Vec::new());
        let push = |n: usize| {
            move |done: &mut Vec<usize>| {
                done.push(n);
                true
            }
        };
        let early = order
            .try_in_turn(1, push(1))
            .expect_err("piece 0 has not had its turn");
        assert_eq!(order.try_in_turn(0, push(0)).ok(), Some(true));
        assert_eq!(order.try_in_turn(1, early).ok(), Some(true));
        order.stop(|_| {});
        // Once stopped, a try is answered at once: the run does not go on.
        assert_eq!(order.try_in_turn(5, push(5)).ok(), Some(false));
        assert_eq!(order.into_inner(), [0, 1]);
    }

    #[test]
    fn a_piece_asking_during_the_change_before_it_is_answered_without_waiting_for_it() {
        use std::sync::mpsc::channel;
        use std::time::Duration;
        let order = InOrder::new(Vec::new());
        let (started, changing) = channel();
        let (finish, release) = channel::<()>();
        let shared = &order;
        std::thread::scope(|scope| {
            // Piece 0 makes a change that lasts until released.
            scope.spawn(move || {
                shared.in_turn(0, |done: &mut Vec<usize>| {
                    started.send(()).expect("the test waits");
                    release.recv().expect("released");
                    done.push(0);
                    true
                })
            });
            changing.recv().expect("piece 0 changes the state");
            let (asked, answer) = channel();
            scope.spawn(move || {
                let early = shared.try_in_turn(1, |done: &mut Vec<usize>| {
                    done.push(1);
                    true
                });
                asked
                    .send((early.is_err(), shared.is_stopped()))
                    .expect("the test waits");
            });
            // Answered while piece 0 still holds the state: not its turn, the run goes on.
            let answered = answer.recv_timeout(Duration::from_secs(5));
            finish.send(()).expect("piece 0 waits");
            assert_eq!(answered, Ok((true, false)));
        });
        assert_eq!(order.into_inner(), [0]);
    }

    #[test]
    fn a_stop_ends_the_turns_of_those_waiting() {
        let order = InOrder::new(0);
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| {
                order.in_turn(3, |n| {
                    *n += 1;
                    true
                })
            });
            order.stop(|n| *n = 10);
            assert!(!waiting.join().unwrap());
        });
        assert!(order.is_stopped());
        assert!(!order.in_turn(0, |_| true));
        assert_eq!(order.into_inner(), 10);
    }
}
