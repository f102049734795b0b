//! The only place that prints. stdout carries data (the result, or the `--json` object) and
//! nothing else; console output of the code, errors and `--verbose` notes go to stderr.
//! Everything printed but `sandbox bundle`'s map ([`Printer::data`]) is scrubbed of the
//! credentials given to [`Printer::with_secrets`] by `executor::Redactor`, the CLI's one
//! scrubber, and text from the sandbox is escaped before it reaches a terminal.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use super::format::{colorize, mark_console_lines, write_indented};
use super::json::{CommandFailure, ErrorJson, RunEnvelope, StatsJson, ToolCallJson};
use super::logs::{DroppedLogs, LogEntry};
use super::sanitize;
use crate::report::Report;

/// What a run printed besides its result, for the `--json` object.
#[derive(Default, Clone, Copy)]
pub(crate) struct RunDetails<'a> {
    pub(crate) logs: &'a [LogEntry],
    /// What [`Logs`](super::Logs) left out.
    pub(crate) dropped_logs: Option<DroppedLogs>,
    pub(crate) stats: Option<&'a executor::Stats>,
    /// Present with `--outbound-log`.
    pub(crate) outbound: Option<&'a [executor::Subrequest]>,
    /// The run's tool calls, when it made any.
    pub(crate) tool_calls: Option<&'a [executor::ToolCallRecord]>,
}

/// How results and messages are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Output {
    pub(crate) json: bool,
    pub(crate) pretty: bool,
    pub(crate) quiet: bool,
    pub(crate) verbose: bool,
    pub(crate) outbound_log: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    output: Output,
    stdout_terminal: bool,
    stderr_terminal: bool,
    color: bool,
    /// Finds the credentials (`--inject-header`) that must never be printed.
    redactor: Option<&'static executor::Redactor>,
}

impl Printer {
    pub(crate) fn new(output: Output) -> Printer {
        let stderr_terminal = std::io::stderr().is_terminal();
        Printer {
            output,
            stdout_terminal: std::io::stdout().is_terminal(),
            stderr_terminal,
            color: stderr_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
            redactor: None,
        }
    }

    /// Scrubs these values, in every form `executor::Redactor` knows, from everything printed
    /// from now on.
    pub(crate) fn with_secrets(mut self, secrets: Vec<String>) -> Printer {
        let redactor = executor::Redactor::new(&secrets);
        if !redactor.is_empty() {
            // The printer is copied into handlers that live until the process exits.
            self.redactor = Some(Box::leak(Box::new(redactor)));
        }
        self
    }

    fn redact<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        match self.redactor {
            Some(redactor) => redactor.redact(text),
            None => text.into(),
        }
    }

    /// `bytes` with the credentials scrubbed.
    pub(crate) fn redact_bytes<'t>(&self, bytes: &'t [u8]) -> std::borrow::Cow<'t, [u8]> {
        match self.redactor {
            Some(redactor) => redactor.redact_bytes(bytes),
            None => bytes.into(),
        }
    }

    /// For text from the sandbox on its way out: credentials scrubbed, and escaped if it goes
    /// to a terminal.
    fn untrusted<'t>(&self, text: &'t str, terminal: bool) -> std::borrow::Cow<'t, str> {
        let redacted = self.redact(text);
        if !terminal {
            return redacted;
        }
        match redacted {
            std::borrow::Cow::Borrowed(text) => sanitize::for_terminal(text),
            std::borrow::Cow::Owned(text) => sanitize::for_terminal(&text).into_owned().into(),
        }
    }

    pub(crate) fn output(&self) -> Output {
        self.output
    }

    /// A console message from the sandbox (not shown with `--quiet`; collected with `--json`).
    /// A line that would read as one of sandbox's own gets `console: ` in front.
    pub(crate) fn console(&self, message: &str) {
        if self.output.quiet || self.output.json {
            return;
        }
        let text = self.untrusted(message, self.stderr_terminal);
        let text = mark_console_lines(&text);
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{text}");
    }

    /// Whether a progress bar may be drawn on stderr: it is a terminal, and nothing else
    /// (`--quiet`, `--json`, `--verbose` notes) is printed there.
    pub(crate) fn show_progress(&self) -> bool {
        self.stderr_terminal && !self.output.quiet && !self.output.json && !self.output.verbose
    }

    /// What a command did (`Installed 3 packages in 12ms`), on stderr; not with `--quiet` or
    /// `--json`.
    pub(crate) fn status(&self, message: &str) {
        if !self.output.quiet && !self.output.json {
            eprintln!("{}", self.redact(message));
        }
    }

    /// A note for `--verbose`.
    pub(crate) fn verbose(&self, message: &str) {
        if self.output.verbose && !self.output.json {
            eprintln!("{}", self.paint("2", &self.redact(&format!("sandbox: {message}"))));
        }
    }

    /// The result on stdout: a string as it is, anything else as JSON; nothing for
    /// `undefined`.
    pub(crate) fn result(&self, result: Option<&RawValue>) -> std::io::Result<()> {
        let Some(json) = result else { return Ok(()) };
        let string = if json.get().starts_with('"') { serde_json::from_str::<String>(json.get()).ok() } else { None };
        let text = self.untrusted(string.as_deref().unwrap_or(json.get()), self.stdout_terminal);
        let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        if string.is_none() && self.output.pretty {
            write_indented(&mut stdout, &text)?;
            stdout.write_all(b"\n")?;
        } else if text.ends_with('\n') {
            stdout.write_all(text.as_bytes())?;
        } else {
            stdout.write_all(text.as_bytes())?;
            stdout.write_all(b"\n")?;
        }
        stdout.flush()
    }

    /// A fetch handler's response body on stdout, as it is (escaped for a terminal).
    pub(crate) fn response_body(&self, body: &[u8]) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        match std::str::from_utf8(body) {
            Ok(text) => stdout.write_all(self.untrusted(text, self.stdout_terminal).as_bytes())?,
            Err(_) if self.stdout_terminal => {
                let text = String::from_utf8_lossy(body);
                stdout.write_all(self.untrusted(&text, true).as_bytes())?;
            }
            Err(_) => stdout.write_all(&self.redact_bytes(body))?,
        }
        stdout.flush()
    }

    /// `--outbound-log`: one line per subrequest, on stderr.
    pub(crate) fn outbound(&self, subrequests: &[executor::Subrequest]) {
        if !self.output.outbound_log || self.output.json {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        for request in subrequests {
            let outcome = match (&request.status, &request.error) {
                (_, Some(error)) => format!("failed: {error}"),
                (Some(status), None) => format!("{status}, {}", executor::format_bytes(request.bytes as usize)),
                (None, None) => "no response".to_owned(),
            };
            let line = format!("outbound: {} {} -> {outcome}", request.method, request.url);
            let _ = writeln!(stderr, "{}", self.untrusted(&line, self.stderr_terminal));
        }
    }

    /// `--verbose`: one line per tool call, on stderr (with its argument under
    /// `--log-tool-args`).
    pub(crate) fn tool_calls(&self, calls: &[executor::ToolCallRecord]) {
        if !self.output.verbose || self.output.json {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        for call in calls {
            let json = ToolCallJson::from(call);
            let arguments = json.arguments.map(|arguments| format!("({arguments})")).unwrap_or_default();
            let line = format!(
                "tool call: {}.{}{arguments} -> {}{} in {:.1}ms, {}",
                call.binding,
                call.tool,
                json.outcome,
                json.error.as_deref().map(|error| format!(" ({error})")).unwrap_or_default(),
                json.duration_ms,
                executor::format_bytes(call.bytes as usize)
            );
            let _ = writeln!(stderr, "{}", self.paint("2", &self.untrusted(&line, self.stderr_terminal)));
        }
    }

    /// `sandbox run`'s `--json` object on stdout.
    pub(crate) fn envelope(
        &self,
        result: Option<&RawValue>,
        report: Option<&Report>,
        details: RunDetails<'_>,
    ) -> std::io::Result<()> {
        self.json(&RunEnvelope {
            ok: report.is_none(),
            result,
            error: report.map(ErrorJson::from),
            logs: details.logs,
            dropped_logs: details.dropped_logs,
            stats: details.stats.map(StatsJson::from),
            outbound: details.outbound,
            tool_calls: details.tool_calls.map(|calls| calls.iter().map(ToolCallJson::from).collect()),
        })
    }

    /// `sandbox run --json`'s object as text (for `sandbox serve`'s answers), credentials
    /// scrubbed.
    pub(crate) fn envelope_text(
        &self,
        result: Option<&RawValue>,
        report: Option<&Report>,
        details: RunDetails<'_>,
    ) -> String {
        let envelope = RunEnvelope {
            ok: report.is_none(),
            result,
            error: report.map(ErrorJson::from),
            logs: details.logs,
            dropped_logs: details.dropped_logs,
            stats: details.stats.map(StatsJson::from),
            outbound: details.outbound,
            tool_calls: details.tool_calls.map(|calls| calls.iter().map(ToolCallJson::from).collect()),
        };
        let text = serde_json::to_string(&envelope).unwrap_or_else(|error| {
            format!(r#"{{"ok":false,"error":{{"code":"internal","message":"Cannot write the answer: {error}"}}}}"#)
        });
        self.redact(&text).into_owned()
    }

    /// Text scrubbed of the credentials, for what `sandbox serve` sends.
    pub(crate) fn scrubbed<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.redact(text)
    }

    /// One line of a log on stderr (`sandbox serve`'s JSON access log), credentials scrubbed.
    pub(crate) fn log_line(&self, line: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}", self.redact(line));
    }

    /// `value` as JSON on stdout (indented with `--pretty`), credentials scrubbed.
    fn json(&self, value: &impl Serialize) -> std::io::Result<()> {
        let compact = serde_json::to_string(value).map_err(std::io::Error::other)?;
        let compact = self.redact(&compact);
        let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        if self.output.pretty {
            write_indented(&mut stdout, &compact)?;
        } else {
            stdout.write_all(compact.as_bytes())?;
        }
        stdout.write_all(b"\n")?;
        stdout.flush()
    }

    /// An error on stderr (or in the `--json` object on stdout).
    pub(crate) fn report(&self, report: &Report, details: RunDetails<'_>) {
        if self.output.json {
            let _ = self.envelope(None, Some(report), details);
            return;
        }
        let rendered = report.render();
        let rendered = self.untrusted(&rendered, self.stderr_terminal).into_owned();
        let rendered = if self.color { colorize(&rendered) } else { rendered };
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(rendered.as_bytes());
        let _ = stderr.flush();
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// For commands other than `run`, whose stdout is data (`sandbox bundle`'s module map).
impl Printer {
    /// `text` on stdout, as it is, with a final newline.
    pub(crate) fn data(&self, text: &str) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.write_all(b"\n")?;
        stdout.flush()
    }

    /// An error: on stderr, or with `--json` as `{"ok":false,"error":...}` on stdout, the
    /// `error` object being the one `sandbox run --json` shows.
    pub(crate) fn command_error(&self, report: &Report) {
        if self.output.json {
            let _ = self.json(&CommandFailure { ok: false, error: ErrorJson::from(report) });
        } else {
            self.report(report, RunDetails::default());
        }
    }
}
