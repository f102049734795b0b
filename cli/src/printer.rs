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

/// The most console messages `--json` keeps.
pub(crate) const MAX_LOG_MESSAGES: usize = 10_000;
/// The most bytes of console text `--json` keeps.
pub(crate) const MAX_LOG_BYTES: usize = 4 << 20;

/// The console messages `--json` keeps, as workerd keeps a request's logs: messages in order
/// until [`MAX_LOG_MESSAGES`] or [`MAX_LOG_BYTES`] is reached; that message and every later
/// one are counted in `dropped` instead, so the kept ones are the whole start of the output.
#[derive(Debug, Default, Clone)]
pub(crate) struct Logs {
    pub(crate) entries: Vec<LogEntry>,
    bytes: usize,
    pub(crate) dropped: DroppedLogs,
}

/// What `--json` left out of the console output: `"dropped_logs": {"messages", "bytes"}`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct DroppedLogs {
    pub(crate) messages: usize,
    pub(crate) bytes: usize,
}

impl Logs {
    pub(crate) fn push(&mut self, level: executor::LogLevel, message: String) {
        let fits = self.dropped.messages == 0
            && self.entries.len() < MAX_LOG_MESSAGES
            && self.bytes + message.len() <= MAX_LOG_BYTES;
        if fits {
            self.bytes += message.len();
            self.entries.push(LogEntry { level, message });
        } else {
            self.dropped.messages += 1;
            self.dropped.bytes += message.len();
        }
    }

    /// `dropped` when something was dropped.
    pub(crate) fn dropped(&self) -> Option<DroppedLogs> {
        (self.dropped.messages > 0).then_some(self.dropped)
    }
}

/// How a line of sandbox console output may not begin, because sandbox's own lines on
/// stderr begin so: its notes and its report come after the code's output, and the report
/// (`error:`, then frames, code frame, `Caused by:` and `hint:` lines) is the last thing
/// printed, so a reader who knows that no console line starts with `error:` knows where
/// ours begin.
const OWN_LINE_STARTS: [&str; 5] = ["error:", "warning:", "hint:", "sandbox:", "outbound:"];

/// What console lines that would read as sandbox's own get in front.
pub(crate) const CONSOLE_MARK: &str = "console: ";

/// `text` with `console: ` before every line that begins as one of sandbox's own, and a
/// carriage return that would start one (`ok\rerror: ...`, which a terminal shows as
/// `error: ...` when the output is viewed later) written as `\r`.
pub(crate) fn mark_console_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let forged = |segment: &str| OWN_LINE_STARTS.iter().any(|start| segment.starts_with(start));
    let suspicious = text.split('\n').any(|line| forged(line) || line.split('\r').skip(1).any(forged));
    if !suspicious {
        return text.into();
    }
    let mut marked = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            marked.push('\n');
        }
        if forged(line) {
            marked.push_str(CONSOLE_MARK);
        }
        for (part, segment) in line.split('\r').enumerate() {
            if part > 0 {
                marked.push_str(if forged(segment) { "\\r" } else { "\r" });
            }
            marked.push_str(segment);
        }
    }
    marked.into()
}

/// The `--json` object.
#[derive(Serialize)]
struct Envelope<'a> {
    ok: bool,
    result: Option<&'a RawValue>,
    error: Option<ErrorJson>,
    logs: &'a [LogEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    dropped_logs: Option<DroppedLogs>,
    stats: Option<StatsJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outbound: Option<&'a [executor::Subrequest]>,
}

/// What a run printed besides its result, for the `--json` object.
#[derive(Default, Clone, Copy)]
pub(crate) struct RunDetails<'a> {
    pub(crate) logs: &'a [LogEntry],
    /// What [`Logs`] left out.
    pub(crate) dropped_logs: Option<DroppedLogs>,
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

    /// The `--json` object on stdout.
    pub(crate) fn envelope(
        &self,
        result: Option<&RawValue>,
        report: Option<&Report>,
        details: RunDetails<'_>,
    ) -> std::io::Result<()> {
        let envelope = Envelope {
            ok: report.is_none(),
            result,
            error: report.map(error_json),
            logs: details.logs,
            dropped_logs: details.dropped_logs,
            stats: details.stats.map(StatsJson::from),
            outbound: details.outbound,
        };
        let compact = serde_json::to_string(&envelope).map_err(std::io::Error::other)?;
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

/// How many levels of arrays and objects `--pretty` indents; what is nested deeper is written
/// compact, on the line of its key. Indenting every level would make the output of a deep
/// value grow with the square of its depth (a 5,000-deep value holding a 1 MB array would
/// take gigabytes); this way it is at most about `2 * MAX_INDENT_DEPTH` times the input.
pub(crate) const MAX_INDENT_DEPTH: usize = 20;

/// Re-indents compact JSON with two spaces, keeping every token (and number spelling) as it
/// is, to `out` as it goes: time and memory are linear in the output, which is linear in
/// the input (see [`MAX_INDENT_DEPTH`]).
pub(crate) fn write_indented(out: &mut impl Write, compact: &str) -> std::io::Result<()> {
    const SPACES: &[u8; 2 * MAX_INDENT_DEPTH] = &[b' '; 2 * MAX_INDENT_DEPTH];
    let bytes = compact.as_bytes();
    let newline = |out: &mut dyn Write, depth: usize| -> std::io::Result<()> {
        out.write_all(b"\n")?;
        out.write_all(&SPACES[..2 * depth.min(MAX_INDENT_DEPTH)])
    };
    let mut depth = 0usize;
    // The start of the bytes not yet written, which are copied as they are.
    let mut pending = 0usize;
    let mut index = 0usize;
    while index < bytes.len() {
        let byte = bytes[index];
        match byte {
            b'"' => {
                // Skip the string: to its closing quote, past escapes.
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
                index += 1;
                continue;
            }
            b'{' | b'[' => {
                let empty = matches!(bytes.get(index + 1), Some(b'}' | b']'));
                depth += 1;
                if empty || depth > MAX_INDENT_DEPTH {
                    if empty {
                        depth -= 1;
                        index += 2;
                    } else {
                        index += 1;
                    }
                    continue;
                }
                out.write_all(&bytes[pending..=index])?;
                newline(out, depth)?;
            }
            b'}' | b']' => {
                let indented = depth <= MAX_INDENT_DEPTH;
                depth = depth.saturating_sub(1);
                if !indented {
                    index += 1;
                    continue;
                }
                out.write_all(&bytes[pending..index])?;
                newline(out, depth)?;
                out.write_all(&[byte])?;
            }
            b',' if depth <= MAX_INDENT_DEPTH => {
                out.write_all(&bytes[pending..=index])?;
                newline(out, depth)?;
            }
            b':' if depth <= MAX_INDENT_DEPTH => {
                out.write_all(&bytes[pending..=index])?;
                out.write_all(b" ")?;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.write_all(&bytes[pending..index])?;
            }
            _ => {
                index += 1;
                continue;
            }
        }
        index += 1;
        pending = index;
    }
    out.write_all(&bytes[pending.min(bytes.len())..])
}

/// [`write_indented`] into a string.
#[cfg(test)]
fn indent_json(compact: &str) -> String {
    let mut out = Vec::new();
    write_indented(&mut out, compact).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("indentation keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::{MAX_INDENT_DEPTH, indent_json, mark_console_lines};

    /// Compact JSON is re-indented without touching strings or numbers.
    #[test]
    fn indents_json() {
        assert_eq!(
            indent_json(r#"{"a":[1,2],"b":{},"c":"x:{,}\"","d":[],"e":1e+21}"#),
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": \"x:{,}\\\"\",\n  \"d\": [],\n  \"e\": 1e+21\n}"
        );
        assert_eq!(indent_json("42"), "42");
    }

    /// Levels deeper than MAX_INDENT_DEPTH are written compact, so the output stays linear
    /// in the input however deep it nests.
    #[test]
    fn deep_values_are_indented_to_a_depth() {
        let depth = 10_000;
        let compact = format!("{}1,[],{{}},\"x\"{}", "[".repeat(depth), "]".repeat(depth));
        let indented = indent_json(&compact);
        assert!(indented.len() < compact.len() + 4 * MAX_INDENT_DEPTH * MAX_INDENT_DEPTH);
        let deepest = indented.lines().map(|line| line.len() - line.trim_start().len()).max();
        assert_eq!(deepest, Some(2 * MAX_INDENT_DEPTH));
        let squeezed: String = indented.split('\n').map(str::trim_start).collect();
        assert_eq!(squeezed.replace(": ", ":"), compact);
    }

    /// Console lines that begin as sandbox's own lines are marked; others are left alone.
    #[test]
    fn marks_console_lines_that_read_as_ours() {
        assert!(matches!(mark_console_lines("Error: boom\n    at f (a.ts:1:1)"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            mark_console_lines("ok\nerror: Uncaught forged\nhint: x\n  error: indented"),
            "ok\nconsole: error: Uncaught forged\nconsole: hint: x\n  error: indented"
        );
        assert_eq!(mark_console_lines("sandbox: wall 1ms"), "console: sandbox: wall 1ms");
        assert_eq!(mark_console_lines("50%\rerror: hidden\r100%"), "50%\\rerror: hidden\r100%");
    }
}
