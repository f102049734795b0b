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
//! - Where V8's C++ code does not expect an allocation to fail (the records of millions of
//!   empty ArrayBuffers, which the budget does not see), the kernel's refusal ends in
//!   `abort` or a trap. When the process is then at its `RLIMIT_DATA`, the run was stopped
//!   by its memory limit, and is reported so (exit 3) instead of dying by a signal.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// What a run's process may write to beyond what it held when the run started, besides twice
/// the memory limit (the V8 heap and the off-heap budget): V8's fixed reservations (a 64 MiB
/// code range mapped writable, a worker thread's stack, the heap's room to unwind after a
/// stop) and the slack of the host's own memory. Most of it is reserved, never written: the
/// peak resident set stays near twice the limit plus the binary.
const DATA_ALLOWANCE: u64 = 96 << 20;

/// Sets the backstops for a run with `memory` bytes of `--memory`; `at_limit` reports the
/// memory limit and ends the process.
pub(crate) fn contain(memory: usize, at_limit: fn() -> !) {
    if let Some(cap) = limit_data(memory) {
        DATA_CAP.store(cap, Ordering::SeqCst);
        let _ = AT_LIMIT.set(at_limit);
        for signal in [libc::SIGABRT, libc::SIGTRAP, libc::SIGILL] {
            // SAFETY: installs a handler with the signature `signal` expects.
            unsafe { libc::signal(signal, fatal_signal as *const () as libc::sighandler_t) };
        }
    }
    silence_c_stderr();
}

static DATA_CAP: AtomicU64 = AtomicU64::new(0);

/// Lifts the cap again: the run is over (or being reported as stopped), and reporting needs
/// memory. Only system calls: callable from a signal handler.
pub(crate) fn lift() {
    if DATA_CAP.swap(0, Ordering::SeqCst) == 0 {
        return;
    }
    let mut current = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: reads the limit into `current`, then raises the soft limit to the hard one.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_DATA, &mut current) == 0 {
            current.rlim_cur = current.rlim_max;
            libc::setrlimit(libc::RLIMIT_DATA, &current);
        }
    }
}
static AT_LIMIT: OnceLock<fn() -> !> = OnceLock::new();

/// How close to its `RLIMIT_DATA` the process must be for a crash to count as the memory
/// limit: more than any of V8's small allocations.
const NEAR_CAP: u64 = 16 << 20;

/// A crash signal: the memory limit if the process is at its cap, else the crash it is.
extern "C" fn fatal_signal(signal: libc::c_int) {
    let cap = DATA_CAP.load(Ordering::SeqCst);
    if let (Some(at_limit), Some(data)) = (AT_LIMIT.get(), data_bytes_signal_safe())
        && cap > 0
        && data.saturating_add(NEAR_CAP) >= cap
    {
        // Reporting allocates; should that hang (the crash came from inside malloc), the
        // alarm ends the process.
        // SAFETY: `alarm` only sets a timer.
        unsafe { libc::alarm(2) };
        at_limit();
    }
    // SAFETY: restores the default action and raises the signal again, as if unhandled.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

/// `VmData` of `/proc/self/status`, read with system calls only (no allocation: this runs in
/// a signal handler).
fn data_bytes_signal_safe() -> Option<u64> {
    let mut buffer = [0u8; 4096];
    // SAFETY: opens a path that is a valid C string, reads into `buffer` at most its length,
    // and closes the descriptor it opened.
    let length = unsafe {
        let descriptor = libc::open(c"/proc/self/status".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if descriptor < 0 {
            return None;
        }
        let length = libc::read(descriptor, buffer.as_mut_ptr().cast(), buffer.len());
        libc::close(descriptor);
        usize::try_from(length).ok()?
    };
    let status = &buffer[..length];
    let key = b"VmData:";
    let start = status.windows(key.len()).position(|window| window == key)? + key.len();
    let kibibytes = status[start..]
        .iter()
        .skip_while(|byte| byte.is_ascii_whitespace())
        .take_while(|byte| byte.is_ascii_digit())
        .fold(0u64, |value, digit| value.saturating_mul(10).saturating_add(u64::from(digit - b'0')));
    Some(kibibytes * 1024)
}

/// Caps the process's writable private memory (`RLIMIT_DATA`, enforced on `mmap`, `brk` and
/// `mprotect`) at what it holds now plus twice `memory` plus [`DATA_ALLOWANCE`], and returns
/// the cap. Keeps a lower limit already set.
fn limit_data(memory: usize) -> Option<u64> {
    let now = data_bytes()?;
    let cap = now.saturating_add((memory as u64).saturating_mul(2)).saturating_add(DATA_ALLOWANCE);
    let mut current = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `current` is a valid place for the result.
    if unsafe { libc::getrlimit(libc::RLIMIT_DATA, &mut current) } != 0 {
        return None;
    }
    if current.rlim_cur != libc::RLIM_INFINITY && current.rlim_cur <= cap {
        return Some(current.rlim_cur);
    }
    let cap = if current.rlim_max == libc::RLIM_INFINITY { cap } else { cap.min(current.rlim_max) };
    let limit = libc::rlimit { rlim_cur: cap, rlim_max: current.rlim_max };
    // SAFETY: lowers the soft limit only; a failure leaves the limit as it was.
    (unsafe { libc::setrlimit(libc::RLIMIT_DATA, &limit) } == 0).then_some(cap)
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
