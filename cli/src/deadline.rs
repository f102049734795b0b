//! A wall-clock bound on bundling for `sandbox run`. swc's passes cannot be interrupted (its
//! renamer is quadratic in same-named parameters of sibling functions: 4 MiB of `x=>x,` took
//! 89 s), and a project an agent wrote is as hostile as its code. When the bound runs out,
//! the limit is reported and the process ends with exit code 3, as at a limit of the run.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::printer::{Printer, RunDetails};
use crate::report::Report;

/// Runs `work` (bundling), ending the process at the wall-clock limit `limit` if it is still
/// running then.
pub(crate) fn bounded<R>(limit: Duration, printer: Printer, work: impl FnOnce() -> R) -> R {
    let (done, finished) = mpsc::channel::<()>();
    let watcher =
        std::thread::Builder::new().name("sandbox-bundle-deadline".into()).stack_size(64 << 10).spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                expired(limit, printer);
            }
        });
    let result = work();
    drop(done);
    if let Ok(watcher) = watcher {
        let _ = watcher.join();
    }
    result
}

fn expired(limit: Duration, printer: Printer) -> ! {
    let mut report = Report::limit(executor::Limit::WallTime(limit));
    report.title = format!("Bundling took longer than allowed: stopped at the {}", executor::Limit::WallTime(limit));
    printer.report(&report, RunDetails::default());
    // SAFETY: ends the process while the main thread is inside swc, which holds no lock this
    // thread needs; running destructors there could wait on it forever.
    unsafe { libc::_exit(report.status as i32) }
}
