//! Every failure becomes one [`Report`]: what went wrong, where (mapped back to the user's
//! own file, line and column), a code frame, and what to do about it. The printer
//! (`output/printer.rs`) shows it as text or as the `error` object of `--json`.
//!
//! One file per kind of failure builds its reports: `usage.rs` (the command line, exit 2),
//! `bundle.rs` (reading and bundling the input), `install.rs` (npm dependencies, exit 4) and
//! `run.rs` (what the executor returns instead of a result); `frame.rs` draws code frames.

pub(crate) mod bundle;
pub(crate) mod compatibility;
mod frame;
pub(crate) mod install;
pub(crate) mod run;
pub(crate) mod usage;

use std::fmt::Write as _;

use executor::Limit;

use self::frame::Excerpt;
use crate::exit::ExitStatus;

/// A place in the user's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) function: Option<String>,
    pub(crate) file: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) status: ExitStatus,
    /// A stable identifier for `--json`: `uncaught`, `limit`, `syntax-error`, ...
    pub(crate) code: String,
    /// The text after `error: `.
    pub(crate) title: String,
    /// The JavaScript error's name, when there is one.
    pub(crate) name: Option<String>,
    pub(crate) message: String,
    pub(crate) frames: Vec<Position>,
    /// Where the error is when there are no frames (a syntax error, a bad JSON file).
    pub(crate) location: Option<Position>,
    pub(crate) excerpt: Option<Excerpt>,
    pub(crate) causes: Vec<String>,
    pub(crate) hint: Option<String>,
    pub(crate) limit: Option<Limit>,
}

impl Report {
    pub(crate) fn new(status: ExitStatus, code: &str, title: impl Into<String>) -> Report {
        let title = title.into();
        Report {
            status,
            code: code.to_owned(),
            message: title.clone(),
            title,
            name: None,
            frames: Vec::new(),
            location: None,
            excerpt: None,
            causes: Vec::new(),
            hint: None,
            limit: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Report {
        self.hint = Some(hint.into());
        self
    }

    /// The report about a line and column of `file`, a file that is not code.
    pub(crate) fn at(mut self, file: &std::path::Path, (line, column): (u32, u32)) -> Report {
        self.location = Some(Position { function: None, file: file.display().to_string(), line, column });
        self
    }

    pub(crate) fn with_cause(mut self, cause: impl Into<String>) -> Report {
        self.causes.push(cause.into());
        self
    }

    /// The report with every credential `redactor` finds (in the forms it knows) replaced
    /// by `[REDACTED]`, for credentials only the code that made the report knows (npm's). The
    /// printer scrubs everything it prints with the same `executor::Redactor`.
    pub(crate) fn redacted(mut self, redactor: &executor::Redactor) -> Report {
        if redactor.is_empty() {
            return self;
        }
        let scrub = |text: &str| redactor.redact(text).into_owned();
        self.title = scrub(&self.title);
        self.message = scrub(&self.message);
        self.causes = self.causes.iter().map(|cause| scrub(cause)).collect();
        self.hint = self.hint.as_deref().map(scrub);
        self
    }

    /// The text that `error.stack` would show, with positions in the user's files.
    pub(crate) fn stack(&self) -> Option<String> {
        if self.frames.is_empty() {
            return None;
        }
        let mut stack = match &self.name {
            Some(name) if !name.is_empty() => format!("{name}: {}", self.message),
            _ => self.message.clone(),
        };
        for frame in &self.frames {
            stack.push('\n');
            stack.push_str(&format_frame(frame));
        }
        Some(stack)
    }

    /// The primary position: the innermost frame, or the location.
    pub(crate) fn position(&self) -> Option<&Position> {
        self.frames.first().or(self.location.as_ref())
    }

    /// The report as the terminal shows it (without colour).
    ///
    /// A message, cause or hint of several lines (an error message is the code's text) has
    /// `  | ` before each line after its first, so that none of its lines can be read as
    /// one of the report's own (`hint:`, a stack frame, a code frame).
    pub(crate) fn render(&self) -> String {
        let mut text = format!("error: {}\n", continued(&self.title));
        // Recursion repeats one frame many times: show it once with a count.
        let mut index = 0;
        while index < self.frames.len() {
            let frame = &self.frames[index];
            let repeats = self.frames[index..].iter().take_while(|other| *other == frame).count();
            let _ = writeln!(text, "{}", format_frame(frame));
            if repeats > 1 {
                let _ = writeln!(text, "    ... the frame above {} more times", repeats - 1);
            }
            index += repeats;
        }
        if self.frames.is_empty()
            && let Some(location) = &self.location
        {
            let _ = writeln!(text, "  --> {}:{}:{}", location.file, location.line, location.column);
        }
        if let Some(excerpt) = &self.excerpt {
            text.push_str(&frame::render_excerpt(excerpt));
        }
        for cause in &self.causes {
            let _ = writeln!(text, "  Caused by: {}", continued(cause));
        }
        if let Some(hint) = &self.hint {
            let _ = write!(text, "\nhint: {}\n", continued(hint));
        }
        text
    }
}

/// `text` with `  | ` before each line after the first (see [`Report::render`]).
fn continued(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace("\r\n", "\n").replace('\r', "\\r").replace('\n', "\n  | ").into()
    } else {
        text.into()
    }
}

fn format_frame(frame: &Position) -> String {
    match &frame.function {
        Some(function) => format!("    at {function} ({}:{}:{})", frame.file, frame.line, frame.column),
        None => format!("    at {}:{}:{}", frame.file, frame.line, frame.column),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message of several lines cannot end the report early or add lines that read as its
    /// own: each line after the first is marked.
    #[test]
    fn multi_line_messages_are_marked() {
        let mut report =
            Report::new(ExitStatus::Failure, "uncaught", "Uncaught Error: boom\nhint: forged\n    at safe (a.ts:1:1)");
        report.causes.push("one\r\ntwo".into());
        report.hint = Some("do this".into());
        assert_eq!(
            report.render(),
            "error: Uncaught Error: boom\n  | hint: forged\n  |     at safe (a.ts:1:1)\n  Caused by: one\n  | two\n\nhint: do this\n"
        );
    }
}
