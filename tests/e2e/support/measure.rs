//! Runs the real binary as a child and measures what it cost the machine: its peak resident
//! set (the kernel's own count, not a sample), its CPU time (`wait4`'s `rusage`), and whether a
//! signal ended it. The hostile suite asserts every resource bound with these.
//!
//! The peak is read from `/proc/<pid>/status` (`VmHWM`) as each of the child's threads exits,
//! the child being traced (`ptrace`) for that alone, and not from `rusage`'s `ru_maxrss`:
//! the kernel counts into that the resident set of the memory the child had before `exec`,
//! which is the test process's own (about 160 MiB for this test binary, growing as tests run:
//! a `return 6 * 7` measured 150 MiB). Where tracing is not allowed, `ru_maxrss` is used.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
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
    /// The child's peak resident set size in bytes (`VmHWM` as it exits).
    pub(crate) peak_rss: u64,
    /// Whether `peak_rss` is `ru_maxrss` instead, tracing not being allowed: then it includes
    /// the test process's resident set.
    pub(crate) peak_rss_from_rusage: bool,
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
            "exit code: {:?}, signal: {:?}, peak RSS: {} MiB{}, CPU: {:?}\n----- stdout -----\n{}\n----- stderr -----\n{}",
            self.code,
            self.signal,
            self.peak_rss >> 20,
            if self.peak_rss_from_rusage { " (ru_maxrss: the test process's included)" } else { "" },
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
    // A process group of its own, so that waiting for the child's threads never reaps another
    // test's child.
    command.process_group(0);
    // SAFETY: the closure runs in the forked child before `exec` and only makes one
    // async-signal-safe system call. If tracing is refused, the child runs untraced.
    unsafe {
        command.pre_exec(|| {
            libc::ptrace(libc::PTRACE_TRACEME, 0, 0, 0);
            Ok(())
        });
    }
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
    let (status, usage, peak_at_exit) = wait_traced(pid);
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
        peak_rss: peak_at_exit.unwrap_or((usage.ru_maxrss as u64) * 1024),
        peak_rss_from_rusage: peak_at_exit.is_none(),
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
    }
}

/// Waits for the traced child `pid` (the leader of its own process group) and each of its
/// threads to exit, letting them run on at every stop, and returns its wait status, its
/// `rusage` and the peak resident set read as its threads exited (`None` if the child was
/// not traced). The child's threads are traced as they start, so the peak is read whichever
/// thread ends the process.
fn wait_traced(pid: libc::pid_t) -> (libc::c_int, libc::rusage, Option<u64>) {
    let mut traced = false;
    let mut peak: Option<u64> = None;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: an all-zero rusage is a valid value of the plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits only for tasks of the child's own process group (its threads, traced
        // by this thread); `status` and `usage` are valid places for the results.
        let task = unsafe { libc::wait4(-pid, &mut status, libc::__WALL, &mut usage) };
        if task < 0 {
            let error = std::io::Error::last_os_error();
            assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "wait4 failed: {error}");
            continue;
        }
        if libc::WIFSTOPPED(status) {
            let signal = libc::WSTOPSIG(status);
            let event = (status >> 16) & 0xff;
            let mut deliver = 0;
            if signal == libc::SIGTRAP && event == libc::PTRACE_EVENT_EXIT {
                if let Some(bytes) = peak_resident(task) {
                    peak = Some(peak.map_or(bytes, |peak| peak.max(bytes)));
                }
            } else if signal == libc::SIGTRAP && event == 0 && task == pid && !traced {
                // The stop after `exec`: from here on, stop each thread as it exits, and trace
                // the threads it starts.
                let options = libc::PTRACE_O_TRACEEXIT | libc::PTRACE_O_TRACECLONE | libc::PTRACE_O_EXITKILL;
                // SAFETY: `pid` is our tracee, stopped.
                unsafe { libc::ptrace(libc::PTRACE_SETOPTIONS, pid, 0, options as libc::c_long) };
                traced = true;
            } else if signal != libc::SIGTRAP && signal != libc::SIGSTOP {
                // A signal meant for the process: pass it on. (A new thread starts with a
                // SIGSTOP stop; a clone event is a SIGTRAP one.)
                deliver = signal;
            }
            // SAFETY: `task` is a tracee of ours, stopped.
            unsafe { libc::ptrace(libc::PTRACE_CONT, task, 0, deliver as libc::c_long) };
            continue;
        }
        if task == pid {
            // The leader is reaped after all its threads: the process is gone.
            return (status, usage, peak);
        }
    }
}

/// `VmHWM` of a live task, in bytes.
fn peak_resident(task: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{task}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kibibytes: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kibibytes * 1024)
}
