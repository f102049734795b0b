//! Runs the real binary as a child and measures what it cost the machine: its peak resident
//! set (from `wait4`'s `rusage`, the kernel's own count, not a sample), its CPU time, and
//! whether a signal ended it. The hostile suite asserts every resource bound with these.

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
    /// The page faults the child took that needed no disk read (`ru_minflt`): the first touch
    /// of a page of memory, or of a file's page already in memory.
    pub(crate) minor_faults: u64,
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

/// The variable that turns the `intermediary` test into the process that runs and measures
/// a command: the path of its [`Spec`].
const SPEC_VARIABLE: &str = "SANDBOX_TEST_MEASURE_SPEC";

/// What the intermediary runs, and where it puts what it saw (all files in a temporary
/// directory of the test).
#[derive(serde::Serialize, serde::Deserialize)]
struct Spec {
    program: std::path::PathBuf,
    args: Vec<std::ffi::OsString>,
    /// The command's whole environment: [`measure`] runs it with exactly the variables set
    /// on it, as `TestContext` commands are (they clear the rest).
    env: Vec<(std::ffi::OsString, std::ffi::OsString)>,
    cwd: Option<std::path::PathBuf>,
    stdin: Option<std::path::PathBuf>,
    stdout: std::path::PathBuf,
    stderr: std::path::PathBuf,
    result: std::path::PathBuf,
}

/// The exit status and resource use the intermediary read with `wait4`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Usage {
    status: i32,
    max_rss_kib: u64,
    cpu_micros: u64,
    minor_faults: u64,
}

/// Runs `command` to its end, feeding `stdin` if given, and measures it with `wait4`.
///
/// The command is started by a small intermediary process (this test executable, running
/// only the ignored test `intermediary`), never by the test process itself: Linux folds the
/// peak resident set of the process that forks and execs into the new program's
/// `ru_maxrss`, so a child started from a test process that once held 200 MiB would report at
/// least 200 MiB. The intermediary's own peak, a few MiB, is the only part of the figure that
/// is not the child's.
pub(crate) fn measure(command: &mut Command, stdin: Option<&[u8]>) -> Measured {
    let directory = tempfile::tempdir().expect("a directory for the measured run");
    let path = |name: &str| directory.path().join(name);
    let stdin_path = stdin.map(|bytes| {
        std::fs::write(path("stdin"), bytes).expect("write the child's stdin");
        path("stdin")
    });
    let spec = Spec {
        program: command.get_program().into(),
        args: command.get_args().map(ToOwned::to_owned).collect(),
        env: command.get_envs().filter_map(|(key, value)| Some((key.to_owned(), value?.to_owned()))).collect(),
        cwd: command.get_current_dir().map(ToOwned::to_owned),
        stdin: stdin_path,
        stdout: path("stdout"),
        stderr: path("stderr"),
        result: path("result.json"),
    };
    std::fs::write(path("spec.json"), serde_json::to_vec(&spec).expect("a spec as JSON")).expect("write the spec");
    let test_executable = std::env::current_exe().expect("the test executable's path");
    let intermediary = Command::new(test_executable)
        .args(["--ignored", "--exact", "support::measure::intermediary", "--test-threads=1", "-q"])
        .env_clear()
        .env(SPEC_VARIABLE, path("spec.json"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("start the measuring intermediary");
    let usage: Usage = match std::fs::read(&spec.result) {
        Ok(bytes) => serde_json::from_slice(&bytes).expect("the intermediary's result"),
        Err(error) => panic!(
            "the measuring intermediary wrote no result ({error}): {}",
            String::from_utf8_lossy(&intermediary.stderr)
        ),
    };
    let status = usage.status;
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    Measured {
        code,
        signal,
        stdout: std::fs::read(&spec.stdout).unwrap_or_default(),
        stderr: std::fs::read(&spec.stderr).unwrap_or_default(),
        peak_rss: usage.max_rss_kib * 1024,
        cpu: Duration::from_micros(usage.cpu_micros),
        minor_faults: usage.minor_faults,
    }
}

/// Not a test: the process [`measure`] starts to run a command and read its resource use
/// with `wait4` (ignored, so a normal test run skips it; it does nothing without its spec).
#[test]
#[ignore = "run by `measure` as the intermediary of a measured command"]
fn intermediary() {
    let Some(spec_path) = std::env::var_os(SPEC_VARIABLE) else { return };
    let spec: Spec = serde_json::from_slice(&std::fs::read(spec_path).expect("read the spec")).expect("a valid spec");
    let mut command = Command::new(&spec.program);
    command.args(&spec.args).env_clear().envs(spec.env.iter().map(|(key, value)| (key, value)));
    if let Some(cwd) = &spec.cwd {
        command.current_dir(cwd);
    }
    command.stdin(match &spec.stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("open the child's stdin")),
        None => Stdio::null(),
    });
    command.stdout(std::fs::File::create(&spec.stdout).expect("create the child's stdout"));
    command.stderr(std::fs::File::create(&spec.stderr).expect("create the child's stderr"));
    let child = command.spawn().expect("start the measured command");
    let pid = child.id() as libc::pid_t;
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
    // The child is reaped: std's `Child` is dropped without waiting on it again.
    drop(child);
    let micros = |time: libc::timeval| time.tv_sec as u64 * 1_000_000 + time.tv_usec as u64;
    let usage = Usage {
        status,
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss as u64,
        cpu_micros: micros(usage.ru_utime) + micros(usage.ru_stime),
        minor_faults: usage.ru_minflt as u64,
    };
    std::fs::write(&spec.result, serde_json::to_vec(&usage).expect("usage as JSON")).expect("write the result");
}
