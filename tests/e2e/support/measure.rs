//! Runs the real binary as a child and measures what it cost the machine: its peak resident
//! set (from `wait4`'s `rusage`, the kernel's own count, not a sample), its CPU time, and
//! whether a signal ended it. The hostile suite asserts every resource bound with these.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

/// What one run of `sandbox` produced and cost.
#[derive(Debug)]
pub(crate) struct Measured {
    /// The exit code, `None` when a signal ended the process.
    pub(crate) code: Option<i32>,
    /// The signal that ended the process, if one did.
    pub(crate) signal: Option<i32>,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    /// The child's peak resident set size in bytes (`ru_maxrss`).
    pub(crate) peak_rss: u64,
    /// User plus system CPU time of the child, all its threads.
    pub(crate) cpu: Duration,
}

impl Measured {
    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Everything the user sees: stdout and stderr.
    pub(crate) fn all_output(&self) -> String {
        format!("{}{}", self.stdout(), self.stderr())
    }

    /// Asserts the run ended by itself with `code`, not by a signal, and without a panic.
    #[track_caller]
    pub(crate) fn assert_exit(&self, code: i32) {
        assert_eq!(self.signal, None, "killed by signal {:?}\n{}", self.signal, self.describe());
        assert_eq!(self.code, Some(code), "unexpected exit code\n{}", self.describe());
        let stderr = self.stderr();
        assert!(!stderr.contains("panicked at"), "panicked\n{}", self.describe());
        assert!(!stderr.contains("RUST_BACKTRACE"), "panicked\n{}", self.describe());
    }

    /// Asserts the peak resident set stayed within `bytes`.
    #[track_caller]
    pub(crate) fn assert_peak_rss_below(&self, bytes: u64) {
        assert!(
            self.peak_rss <= bytes,
            "peak RSS {} MiB over the bound of {} MiB\n{}",
            self.peak_rss >> 20,
            bytes >> 20,
            self.describe()
        );
    }

    /// Asserts `secret` appears nowhere in stdout or stderr.
    #[track_caller]
    pub(crate) fn assert_absent(&self, secret: &str) {
        assert!(!self.all_output().contains(secret), "`{secret}` was printed\n{}", self.describe());
    }

    pub(crate) fn describe(&self) -> String {
        let clip = |text: String| {
            if text.len() > 4000 {
                let mut end = 4000;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}... ({} bytes)", &text[..end], text.len())
            } else {
                text
            }
        };
        format!(
            "exit code: {:?}, signal: {:?}, peak RSS: {} MiB, CPU: {:?}\n----- stdout -----\n{}\n----- stderr -----\n{}",
            self.code,
            self.signal,
            self.peak_rss >> 20,
            self.cpu,
            clip(self.stdout()),
            clip(self.stderr())
        )
    }
}

pub(crate) const MEBIBYTE: u64 = 1 << 20;

/// What a run may hold beyond its limits: the process itself (binary, V8, the snapshot, the
/// CLI's buffers: about 45 MiB for a debug build, 26 MiB for a release build) and what V8
/// needs to unwind after a stop.
pub(crate) const FIXED_OVERHEAD: u64 = 96 * MEBIBYTE;

/// The most a run with `--memory limit` may make the process hold, whatever its code does:
/// about twice the limit (the V8 heap and ArrayBuffer memory are budgeted separately, each
/// at the limit) plus a fixed overhead. Every memory case of the hostile suite asserts it.
pub(crate) fn rss_bound(limit: u64) -> u64 {
    2 * limit + FIXED_OVERHEAD
}

/// Runs `command` to its end, feeding `stdin` if given, and measures it with `wait4`.
pub(crate) fn measure(command: &mut Command, stdin: Option<&[u8]>) -> Measured {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("start sandbox");
    let pid = child.id() as libc::pid_t;
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        // The process may exit before reading everything; that is its business.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let mut stdout_pipe = child.stdout.take().expect("stdout is piped");
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let stdout_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout_pipe.read_to_end(&mut bytes);
        bytes
    });
    let stderr_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        bytes
    });
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (std's `Child` never waited on it);
        // `status` and `usage` are valid places for the results.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "wait4 failed: {error}");
    }
    // The child is reaped: keep std from waiting on it again (it never will; `Child` is
    // dropped without `wait`).
    drop(child);
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let stdout = stdout_reader.join().expect("read stdout");
    let stderr = stderr_reader.join().expect("read stderr");
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    let seconds = |time: libc::timeval| Duration::new(time.tv_sec as u64, time.tv_usec as u32 * 1000);
    Measured {
        code,
        signal,
        stdout,
        stderr,
        // Linux reports ru_maxrss in KiB.
        peak_rss: (usage.ru_maxrss as u64) * 1024,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
    }
}
