//! Starting a stdio server: its own process group, a minimal environment, and stderr kept
//! (its end only) for messages.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use process_wrap::tokio::{CommandWrap, KillOnDrop, ProcessGroup};
use rmcp::transport::TokioChildProcess;
use tokio::io::AsyncReadExt as _;

/// The host's variables a server gets (the rest of the host's environment is not passed):
/// what finds programs and the user's files, and the locale.
fn inherited(name: &str) -> bool {
    matches!(name, "PATH" | "HOME" | "LANG" | "LANGUAGE") || name.starts_with("LC_")
}

/// The environment of a server: [`inherited`] variables of `host`, then the entry's `env`
/// (which wins).
pub(crate) fn environment(
    host: impl IntoIterator<Item = (OsString, OsString)>,
    env: &[(String, String)],
) -> Vec<(OsString, OsString)> {
    let mut out: Vec<(OsString, OsString)> =
        host.into_iter().filter(|(name, _)| name.to_str().is_some_and(inherited)).collect();
    for (name, value) in env {
        out.retain(|(existing, _)| existing.to_str() != Some(name.as_str()));
        out.push((OsString::from(name), OsString::from(value)));
    }
    out
}

/// The end of a process's stderr: the last `limit` bytes it wrote.
#[derive(Clone)]
pub(crate) struct StderrTail {
    bytes: Arc<Mutex<Vec<u8>>>,
    limit: usize,
}

impl StderrTail {
    pub(crate) fn new(limit: usize) -> StderrTail {
        StderrTail { bytes: Arc::new(Mutex::new(Vec::new())), limit }
    }

    fn push(&self, chunk: &[u8]) {
        let mut bytes = self.bytes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        bytes.extend_from_slice(chunk);
        if bytes.len() > self.limit {
            let excess = bytes.len() - self.limit;
            bytes.drain(..excess);
        }
    }

    /// What was kept, as text (lossy), starting at a line when the start was cut.
    pub(crate) fn text(&self) -> String {
        let bytes = self.bytes.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if bytes.len() >= self.limit
            && let Some(newline) = text.find('\n')
        {
            return text[newline + 1..].to_owned();
        }
        text
    }

    /// Reads `stderr` to its end into the tail.
    pub(crate) async fn collect(self, mut stderr: tokio::process::ChildStderr) {
        let mut buffer = vec![0u8; 8192];
        while let Ok(read) = stderr.read(&mut buffer).await {
            if read == 0 {
                break;
            }
            self.push(&buffer[..read]);
        }
    }
}

/// A spawned server: the transport, its stderr and the id of its process group.
pub(crate) struct Spawned {
    pub(crate) transport: TokioChildProcess,
    pub(crate) stderr: Option<tokio::process::ChildStderr>,
    pub(crate) process_group: Option<u32>,
}

/// Starts `command` with `args` in its own process group (so a signal to the caller's group,
/// a terminal's Ctrl-C, does not reach it, and it can be ended with all its children), with
/// `environment` only. The process is killed when the transport is dropped.
pub(crate) fn spawn(
    command: &str,
    args: &[String],
    environment: Vec<(OsString, OsString)>,
    cwd: Option<&PathBuf>,
) -> std::io::Result<Spawned> {
    let mut inner = tokio::process::Command::new(command);
    inner.args(args).env_clear().envs(environment);
    if let Some(cwd) = cwd {
        inner.current_dir(cwd);
    }
    let mut wrapped = CommandWrap::from(inner);
    wrapped.wrap(ProcessGroup::leader()).wrap(KillOnDrop);
    let (transport, stderr) = TokioChildProcess::builder(wrapped).stderr(Stdio::piped()).spawn()?;
    let process_group = transport.id();
    Ok(Spawned { transport, stderr, process_group })
}

/// Kills every process of the group `leader` leads (the server and whatever it started).
#[cfg(unix)]
pub(crate) fn kill_group(leader: u32) {
    let Ok(group) = libc::pid_t::try_from(leader) else { return };
    if group <= 1 {
        return;
    }
    // SAFETY: killpg only sends a signal; a group that no longer exists is ESRCH, ignored.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
pub(crate) fn kill_group(_leader: u32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_path_home_and_locale_are_inherited() {
        let host = [("PATH", "/bin"), ("HOME", "/home/u"), ("LC_ALL", "C"), ("AWS_SECRET", "x"), ("LANG", "fr")]
            .map(|(name, value)| (OsString::from(name), OsString::from(value)));
        let env = environment(host, &[("LANG".into(), "de".into()), ("TOKEN".into(), "t".into())]);
        let names: Vec<_> = env.iter().map(|(name, value)| format!("{}={}", name.display(), value.display())).collect();
        assert_eq!(names, ["PATH=/bin", "HOME=/home/u", "LC_ALL=C", "LANG=de", "TOKEN=t"]);
    }

    #[test]
    fn the_tail_keeps_the_end() {
        let tail = StderrTail::new(16);
        tail.push(b"first line\nsecond line\nthird\n");
        assert_eq!(tail.text(), "third\n");
    }
}
