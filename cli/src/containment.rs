//! Process-level backstops for `sandbox run`, which runs one sandbox per process: what the
//! executor cannot do for a library, the CLI does for its own process.
//!
//! - V8 lets one object of any size into its young generation ("the first large object must
//!   succeed") and counts it against the heap limit only at the next collection: a single
//!   string or array of up to a gigabyte escaped `--memory`. An `RLIMIT_DATA` above what the
//!   run may legitimately take (the heap, the off-heap budget, V8's fixed reservations) makes
//!   the kernel refuse such an allocation; V8 then runs out of memory, and the run ends at its
//!   memory limit (exit 3) through the unrecoverable-limit handler.
//! - V8 prints an out-of-memory report with heap addresses to the C library's `stderr`
//!   before it calls that handler; while the sandbox runs, `stderr` of the C library (not
//!   file descriptor 2, which the CLI's own output uses) is `/dev/null`.

/// What a run's process may write to beyond what it held when the run started, besides twice
/// the memory limit (the V8 heap and the off-heap budget): V8's fixed reservations (a 64 MiB
/// code range mapped writable, a worker thread's stack, the heap's room to unwind after a
/// stop) and the slack of the host's own memory. Most of it is reserved, never written: the
/// peak resident set stays near twice the limit plus the binary.
const DATA_ALLOWANCE: u64 = 96 << 20;

/// Sets the backstops for a run with `memory` bytes of `--memory`.
pub(crate) fn contain(memory: usize) {
    limit_data(memory);
    silence_c_stderr();
}

/// Caps the process's writable private memory (`RLIMIT_DATA`, enforced on `mmap`, `brk` and
/// `mprotect`) at what it holds now plus twice `memory` plus [`DATA_ALLOWANCE`]. Keeps a lower
/// limit already set.
fn limit_data(memory: usize) {
    let Some(now) = data_bytes() else { return };
    let cap = now.saturating_add((memory as u64).saturating_mul(2)).saturating_add(DATA_ALLOWANCE);
    let mut current = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `current` is a valid place for the result.
    if unsafe { libc::getrlimit(libc::RLIMIT_DATA, &mut current) } != 0 {
        return;
    }
    if current.rlim_cur != libc::RLIM_INFINITY && current.rlim_cur <= cap {
        return;
    }
    let cap = if current.rlim_max == libc::RLIM_INFINITY { cap } else { cap.min(current.rlim_max) };
    let limit = libc::rlimit { rlim_cur: cap, rlim_max: current.rlim_max };
    // SAFETY: lowers the soft limit only; a failure leaves the limit as it was.
    unsafe { libc::setrlimit(libc::RLIMIT_DATA, &limit) };
}

/// The process's writable private memory now: `VmData` of `/proc/self/status`.
fn data_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmData:"))?;
    let kibibytes: u64 = line.trim_start_matches("VmData:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kibibytes * 1024)
}

unsafe extern "C" {
    /// The C library's standard error stream, where V8 prints its reports.
    static mut stderr: *mut libc::FILE;
}

/// Points the C library's `stderr` at `/dev/null` for the rest of the process.
fn silence_c_stderr() {
    // SAFETY: opens a stream on a path that is a valid C string.
    let null = unsafe { libc::fopen(c"/dev/null".as_ptr(), c"w".as_ptr()) };
    if !null.is_null() {
        // SAFETY: nothing else writes `stderr`; V8 reads it when it prints, on this thread.
        unsafe { stderr = null };
    }
}
