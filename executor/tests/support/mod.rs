//! What several executor tests share: a guard against a run that hangs.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use executor::Sandbox;

/// How long a guarded run may take before it counts as hung: far more than any run of these
/// tests needs on a loaded machine. A bound against a hang, not a measure of speed: the tests
/// assert what stopped a run, never how fast.
pub(crate) const HANG: Duration = Duration::from_secs(60);

/// Guards one run of a sandbox: if the run has not ended after [`HANG`], the guard cancels
/// it, so it ends with `RunError::Interrupted` and the test's assertion on the outcome fails;
/// if even the cancelled run does not end within [`HANG`] more, the guard aborts the test
/// process. Dropping the guard disarms it.
pub(crate) struct HangGuard {
    ended: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl HangGuard {
    /// A guard for the next run of `sandbox`; keep it alive until the run has returned.
    #[allow(clippy::print_stderr, reason = "a hung run says so before the test fails")]
    pub(crate) fn new(sandbox: &Sandbox) -> HangGuard {
        let cancel = sandbox.cancel_handle();
        let (ended, wait) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if wait.recv_timeout(HANG) != Err(RecvTimeoutError::Timeout) {
                return; // the run ended
            }
            eprintln!("hang guard: the run has not ended after {HANG:?}; cancelling it");
            cancel.cancel();
            if wait.recv_timeout(HANG) == Err(RecvTimeoutError::Timeout) {
                eprintln!("hang guard: the cancelled run has not ended after {HANG:?} more; aborting");
                std::process::abort();
            }
        });
        HangGuard { ended: Some(ended), thread: Some(thread) }
    }
}

impl Drop for HangGuard {
    fn drop(&mut self) {
        drop(self.ended.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
