//! The only place that prints. stdout carries data (the result, or the `--json` object) and
//! nothing else; console output of the code, errors and `--verbose` notes go to stderr.
//! Text from the sandbox is escaped before it reaches a terminal.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::report::Report;
use crate::sanitize;
use crate::settings::Output;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    output: Output,
    stdout_terminal: bool,
    stderr_terminal: bool,
    color: bool,
    /// Finds the credentials (`--inject-header`) that must never be printed.
    redactor: Option<&'static executor::Redactor>,
}

/// One console message, as `--json` lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogEntry {
    pub(crate) level: executor::LogLevel,
    pub(crate) message: String,
}

/// The `--json` object.
#[derive(Serialize)]
struct Envelope<'a> {
    ok: bool,
    result: Option<&'a RawValue>,
    error: Option<ErrorJson>,
    logs: &'a [LogEntry],
    stats: Option<StatsJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outbound: Option<&'a [executor::Subrequest]>,
}

/// What a run printed besides its result, for the `--json` object.
#[derive(Default, Clone, Copy)]
pub(crate) struct RunDetails<'a> {
    pub(crate) logs: &'a [LogEntry],
    pub(crate) stats: Option<&'a executor::Stats>,
    /// Present with `--outbound-log`.
    pub(crate) outbound: Option<&'a [executor::Subrequest]>,
}

#[derive(Serialize)]
struct ErrorJson {
    code: String,
    name: Option<String>,
    message: String,
    stack: Option<String>,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    hint: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    causes: Vec<String>,
    #[serde(flatten)]
    limit: Option<LimitJson>,
}

#[derive(Serialize)]
struct LimitJson {
    limit: &'static str,
    limit_value: String,
}

#[derive(Serialize)]
pub(crate) struct StatsJson {
    wall_ms: f64,
    cpu_ms: f64,
    heap_peak_bytes: usize,
    array_buffer_peak_bytes: usize,
    isolate_start_us: u64,
}

impl From<&executor::Stats> for StatsJson {
    fn from(stats: &executor::Stats) -> Self {
        let milliseconds = |duration: std::time::Duration| (duration.as_secs_f64() * 1e6).round() / 1e3;
        StatsJson {
            wall_ms: milliseconds(stats.wall),
            cpu_ms: milliseconds(stats.cpu),
            heap_peak_bytes: stats.heap_peak_bytes,
            array_buffer_peak_bytes: stats.array_buffer_peak_bytes,
            isolate_start_us: stats.isolate_start.as_micros() as u64,
        }
    }
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
    pub(crate) fn console(&self, message: &str) {
        if self.output.quiet || self.output.json {
            return;
        }
        let text = self.untrusted(message, self.stderr_terminal);
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
        let text = match serde_json::from_str::<String>(json.get()) {
            Ok(string) => string,
            Err(_) if self.output.pretty => indent_json(json.get()),
            Err(_) => json.get().to_owned(),
        };
        let text = self.untrusted(&text, self.stdout_terminal);
        let mut stdout = std::io::stdout().lock();
        if text.ends_with('\n') {
            stdout.write_all(text.as_bytes())?;
        } else {
            writeln!(stdout, "{text}")?;
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

    /// The `--json` object on stdout.
    pub(crate) fn envelope(&self, result: Option<&RawValue>, report: Option<&Report>, details: RunDetails<'_>) -> std::io::Result<()> {
        let envelope = Envelope {
            ok: report.is_none(),
            result,
            error: report.map(error_json),
            logs: details.logs,
            stats: details.stats.map(StatsJson::from),
            outbound: details.outbound,
        };
        let compact = serde_json::to_string(&envelope).map_err(std::io::Error::other)?;
        let compact = self.redact(&compact);
        let text = if self.output.pretty { indent_json(&compact) } else { compact.into_owned() };
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{text}")?;
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

    /// An error: on stderr, or with `--json` as `{"ok":false,"error":{code, message, file,
    /// line, column, hint}}` on stdout (plus `causes` when there are some).
    pub(crate) fn command_error(&self, report: &Report) {
        if !self.output.json {
            self.report(report, RunDetails::default());
            return;
        }
        #[derive(Serialize)]
        struct Failure<'a> {
            ok: bool,
            error: CommandErrorJson<'a>,
        }
        #[derive(Serialize)]
        struct CommandErrorJson<'a> {
            code: &'a str,
            message: &'a str,
            file: Option<&'a str>,
            line: Option<u32>,
            column: Option<u32>,
            hint: Option<&'a str>,
            #[serde(skip_serializing_if = "<[String]>::is_empty")]
            causes: &'a [String],
        }
        let position = report.position();
        let failure = Failure {
            ok: false,
            error: CommandErrorJson {
                code: &report.code,
                message: &report.message,
                file: position.map(|position| position.file.as_str()),
                line: position.map(|position| position.line),
                column: position.map(|position| position.column),
                hint: report.hint.as_deref(),
                causes: &report.causes,
            },
        };
        if let Ok(json) = serde_json::to_string(&failure) {
            let _ = self.data(&json);
        }
    }
}

fn error_json(report: &Report) -> ErrorJson {
    let position = report.position();
    ErrorJson {
        code: report.code.clone(),
        name: report.name.clone(),
        message: report.message.clone(),
        stack: report.stack(),
        file: position.map(|position| position.file.clone()),
        line: position.map(|position| position.line),
        column: position.map(|position| position.column),
        hint: report.hint.clone(),
        causes: report.causes.clone(),
        limit: report.limit.map(|limit| match limit {
            executor::Limit::CpuTime(duration) => {
                LimitJson { limit: "cpu_time", limit_value: executor::format_duration(duration) }
            }
            executor::Limit::WallTime(duration) => {
                LimitJson { limit: "wall_time", limit_value: executor::format_duration(duration) }
            }
            executor::Limit::Memory(bytes) => LimitJson { limit: "memory", limit_value: executor::format_bytes(bytes) },
        }),
    }
}

/// Colours the parts of a rendered report: `error:` red, `hint:` cyan, gutters dim.
fn colorize(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len() + 32);
    for line in rendered.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("error:") {
            out.push_str("\x1b[1;31merror\x1b[0m\x1b[1m:");
            out.push_str(rest.trim_end_matches('\n'));
            out.push_str("\x1b[0m");
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else if let Some(rest) = line.strip_prefix("hint:") {
            out.push_str("\x1b[1;36mhint\x1b[0m:");
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Re-indents compact JSON with two spaces, keeping every token (and number spelling) as it is.
pub(crate) fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut characters = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(character) = characters.next() {
        if in_string {
            out.push(character);
            if escaped {
                escaped = false;
            } else if character == '\\' {
                escaped = true;
            } else if character == '"' {
                in_string = false;
            }
            continue;
        }
        match character {
            '"' => {
                in_string = true;
                out.push(character);
            }
            '{' | '[' => {
                out.push(character);
                if matches!(characters.peek(), Some('}' | ']')) {
                    out.push(characters.next().unwrap_or(' '));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(character);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            character if character.is_whitespace() => {}
            character => out.push(character),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent_json;

    /// Compact JSON is re-indented without touching strings or numbers.
    #[test]
    fn indents_json() {
        assert_eq!(indent_json(r#"{"a":[1,2],"b":{},"c":"x:{,}\"","d":[],"e":1e+21}"#),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": \"x:{,}\\\"\",\n  \"d\": [],\n  \"e\": 1e+21\n}");
        assert_eq!(indent_json("42"), "42");
    }
}
