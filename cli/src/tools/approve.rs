//! Approval of the calls of tools an `.mcp.json` entry lists in `"approve"`: granted for the
//! run by `--approve` patterns, else asked on the terminal (`/dev/tty`, one question at a
//! time), else refused with an error that names the `--approve` to give.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::sync::Mutex;

use capabilities::Value;

/// How a run approves calls.
pub(crate) struct Approvals {
    /// `--approve` patterns: `source.tool`, `source.*` or `*`.
    patterns: Vec<String>,
    /// Whether a person can be asked: stderr is a terminal and `/dev/tty` opens.
    interactive: bool,
    /// One question at a time, and the answers remembered for the run (`a` = always).
    always: std::sync::Arc<Mutex<Vec<(String, String)>>>,
}

impl Approvals {
    /// Approvals that never ask, for a server: only what `patterns` grant is approved.
    pub(crate) fn never_asking(patterns: Vec<String>) -> Approvals {
        Approvals { patterns, interactive: false, always: std::sync::Arc::new(Mutex::new(Vec::new())) }
    }

    pub(crate) fn new(patterns: Vec<String>) -> Approvals {
        let interactive = std::io::stderr().is_terminal() && std::fs::File::open("/dev/tty").is_ok();
        Approvals { patterns, interactive, always: std::sync::Arc::new(Mutex::new(Vec::new())) }
    }

    fn granted(&self, source: &str, tool: &str) -> bool {
        self.patterns.iter().any(|pattern| {
            pattern == "*" || pattern == &format!("{source}.{tool}") || pattern == &format!("{source}.*")
        })
    }

    /// `Ok` when the call of `source.tool` with `arguments` may go ahead; else the message of
    /// the code's error.
    pub(crate) async fn ask(&self, source: &str, tool: &str, arguments: &Value) -> Result<(), String> {
        if self.granted(source, tool) {
            return Ok(());
        }
        if !self.interactive {
            return Err(format!(
                "the configuration asks for approval of each call of this tool, and no one can be asked here; \
                 grant it for the run with --approve {source}.{tool}"
            ));
        }
        let shown = serde_json::to_string(&capabilities::to_json(arguments)).unwrap_or_default();
        let shown = if shown.chars().count() > 2000 {
            format!("{}… ({} characters)", shown.chars().take(2000).collect::<String>(), shown.chars().count())
        } else {
            shown
        };
        let (source, tool) = (source.to_owned(), tool.to_owned());
        let question = format!("sandbox: allow the call {source}.{tool}({shown})? [y]es, [n]o, [a]lways: ");
        let always = std::sync::Arc::clone(&self.always);
        // The terminal is read on a blocking thread: the run's other calls go on meanwhile.
        let asked = tokio::task::spawn_blocking(move || {
            let mut remembered = always.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if remembered.iter().any(|(known_source, known_tool)| *known_source == source && *known_tool == tool) {
                return Ok('a');
            }
            let answer = prompt(&question)?;
            if answer == 'a' {
                remembered.push((source, tool));
            }
            Ok::<char, std::io::Error>(answer)
        })
        .await;
        let answer = asked.unwrap_or_else(|error| Err(std::io::Error::other(error.to_string())));
        match answer {
            Ok('y' | 'a') => Ok(()),
            Ok(_) => Err("the call was not approved".to_owned()),
            Err(error) => Err(format!("the approval could not be asked on the terminal: {error}")),
        }
    }
}

/// Asks `question` on the terminal and returns the first letter of the answer, lowercased
/// (`n` for an empty answer).
fn prompt(question: &str) -> std::io::Result<char> {
    let tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let mut writer = &tty;
    writer.write_all(question.as_bytes())?;
    writer.flush()?;
    let mut line = String::new();
    std::io::BufReader::new(&tty).read_line(&mut line)?;
    Ok(line.trim().chars().next().map_or('n', |letter| letter.to_ascii_lowercase()))
}
