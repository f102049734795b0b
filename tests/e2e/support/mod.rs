//! What every end-to-end test needs: the real `sandbox` binary, a temporary directory to
//! run it in, and snapshots of exit code, stdout and stderr with unstable parts filtered.

pub(crate) mod expected;
pub(crate) mod http;
pub(crate) mod measure;
pub(crate) mod registry;
pub(crate) mod serve;
pub(crate) mod tools;
pub(crate) mod workerd;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) struct TestContext {
    pub(crate) temp: tempfile::TempDir,
    /// The npm cache of this test's `sandbox` (`SANDBOX_CACHE_DIR`).
    pub(crate) cache: tempfile::TempDir,
}

impl TestContext {
    pub(crate) fn new() -> TestContext {
        TestContext {
            temp: tempfile::tempdir().expect("create a temporary directory"),
            cache: tempfile::tempdir().expect("create a cache directory"),
        }
    }

    /// `sandbox` with the temporary directory as its working directory and a clean
    /// environment (no colour, no inherited variables but PATH).
    pub(crate) fn sandbox(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sandbox"));
        command
            .current_dir(self.temp.path())
            .env_clear()
            .env("NO_COLOR", "1")
            .env("SANDBOX_CACHE_DIR", self.cache.path());
        // No test reaches the public registry: code that needs a package and names no
        // registry of its own gets one where nothing listens.
        let userconfig = self.cache.path().join("npmrc");
        let _ = std::fs::write(&userconfig, "registry=http://127.0.0.1:9/\n");
        command.env("NPM_CONFIG_USERCONFIG", userconfig);
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        command
    }

    /// `sandbox run <args>`.
    pub(crate) fn run(&self, args: &[&str]) -> Command {
        let mut command = self.sandbox();
        command.arg("run").args(args);
        command
    }

    /// `sandbox bundle <args>`.
    pub(crate) fn bundle(&self, args: &[&str]) -> Command {
        let mut command = self.sandbox();
        command.arg("bundle").args(args);
        command
    }

    /// `sandbox install <args>`.
    pub(crate) fn install(&self, args: &[&str]) -> Command {
        let mut command = self.sandbox();
        command.arg("install").args(args);
        command
    }

    /// Writes a file into the temporary directory.
    pub(crate) fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.temp.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }
}

/// The repository root, for running `examples/`.
pub(crate) fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli/ is in the repository").to_path_buf()
}

/// Runs `command`, feeding `stdin` if given.
pub(crate) fn output(command: &mut Command, stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("start sandbox");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        // The process may exit before reading everything; that is its business.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output().expect("wait for sandbox")
}

/// Exit code, stdout and stderr as one text, with measurements that vary between runs
/// replaced by `[N]`.
pub(crate) fn render(output: &Output) -> String {
    let stats =
        regex::Regex::new(r#""(wall_ms|cpu_ms|heap_peak_bytes|array_buffer_peak_bytes|isolate_start_us)":[0-9.]+"#)
            .expect("valid regex");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stdout = stats.replace_all(&stdout, "\"$1\":[N]");
    let stderr = String::from_utf8_lossy(&output.stderr);
    format!(
        "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        output.status.code().map_or_else(|| "signal".to_owned(), |code| code.to_string()),
        stdout,
        stderr
    )
}

/// Snapshots `sandbox`'s exit code, stdout and stderr: `sandbox_snapshot!(command)` or
/// `sandbox_snapshot!(command, stdin = "...")`.
#[macro_export]
macro_rules! sandbox_snapshot {
    ($command:expr, stdin = $stdin:expr, @$snapshot:literal) => {{
        let output = $crate::support::output(&mut $command, Some($stdin.as_ref()));
        insta::assert_snapshot!($crate::support::render(&output), @$snapshot);
        output
    }};
    ($command:expr, @$snapshot:literal) => {{
        let output = $crate::support::output(&mut $command, None);
        insta::assert_snapshot!($crate::support::render(&output), @$snapshot);
        output
    }};
}
