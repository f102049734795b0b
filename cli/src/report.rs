//! Every failure becomes one [`Report`]: what went wrong, where (mapped back to the user's
//! own file, line and column), a code frame, and what to do about it. `printer.rs` shows it
//! as text or as the `error` object of `--json`.

use std::fmt::Write as _;

use executor::{EntrypointError, ExceptionKind, JsException, Limit, Refusal, RunError};

use crate::exit::ExitStatus;
use crate::sources::Sources;

/// A place in the user's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) function: Option<String>,
    pub(crate) file: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// The source line around a position, with a caret under the span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    pub(crate) line: u32,
    pub(crate) text: String,
    /// 1-based, in UTF-16 code units.
    pub(crate) column: u32,
    pub(crate) length: u32,
    pub(crate) label: Option<String>,
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

    pub(crate) fn with_cause(mut self, cause: impl Into<String>) -> Report {
        self.causes.push(cause.into());
        self
    }

    /// A bundler diagnostic: a syntax error or a foreign code fence (`Failure`), a bad
    /// module map (`Usage`).
    pub(crate) fn from_diagnostic(
        diagnostic: &bundler::Diagnostic,
        source: Option<&str>,
        status: ExitStatus,
    ) -> Report {
        let mut report = Report::new(status, diagnostic.code, diagnostic.message.clone());
        report.hint = diagnostic.help.as_deref().map(lowercase_first);
        if let Some(location) = &diagnostic.location {
            report.location = Some(Position {
                function: None,
                file: location.file.clone(),
                line: location.line,
                column: location.column,
            });
            report.excerpt = source.and_then(|source| {
                excerpt(source, location.line, location.column, location.length, diagnostic.label.clone())
            });
        }
        report
    }

    /// A run that did not produce a result.
    pub(crate) fn from_run_error(error: &RunError, sources: &Sources) -> Report {
        match error {
            RunError::Exception(exception) => from_exception(exception, sources),
            RunError::LimitExceeded(limit) => limit_report(*limit),
            RunError::Entrypoint(error) => from_entrypoint_error(error),
            RunError::NotSerializable { hint, .. } => {
                Report::new(ExitStatus::Failure, "not-serializable", error.to_string()).with_hint(hint.clone())
            }
            RunError::NeverSettled => Report::new(ExitStatus::Failure, "never-settled", error.to_string()).with_hint(
                "the promise the entrypoint returned was still pending when no timer or other work was left; make sure it resolves or rejects",
            ),
            RunError::InvalidArgument { .. } => Report::new(ExitStatus::Usage, "invalid-argument", error.to_string()),
            RunError::MissingMainModule(_) => Report::new(ExitStatus::Usage, "missing-main-module", error.to_string()),
            RunError::Interrupted => Report::new(ExitStatus::Interrupted, "interrupted", "Interrupted"),
            RunError::Internal(_) => Report::new(ExitStatus::Internal, "internal", error.to_string())
                .with_hint("this is a bug in sandbox; please report it with the input that caused it"),
            // RunError is non-exhaustive in spirit: anything new is reported as is.
            #[allow(unreachable_patterns)]
            _ => Report::new(ExitStatus::Internal, "internal", error.to_string()),
        }
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
            text.push_str(&render_excerpt(excerpt));
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

/// Hints read as a continuation of `hint:`, so they start in lower case (unless the first
/// word is an acronym or a literal).
fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match (characters.next(), characters.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text[first.len_utf8()..].chars()).collect()
        }
        _ => text.to_owned(),
    }
}

fn format_frame(frame: &Position) -> String {
    match &frame.function {
        Some(function) => format!("    at {function} ({}:{}:{})", frame.file, frame.line, frame.column),
        None => format!("    at {}:{}:{}", frame.file, frame.line, frame.column),
    }
}

fn from_exception(exception: &JsException, sources: &Sources) -> Report {
    let (status, code) = match exception.kind {
        ExceptionKind::Compile if exception.name == "SyntaxError" => (ExitStatus::Failure, "syntax-error"),
        ExceptionKind::Compile => (ExitStatus::Failure, "link-error"),
        ExceptionKind::UnhandledRejection => (ExitStatus::Failure, "unhandled-rejection"),
        ExceptionKind::Uncaught => (ExitStatus::Failure, "uncaught"),
    };
    // A link error's name (`Error`) adds nothing to its message.
    let title = if exception.kind == ExceptionKind::Compile && exception.name == "Error" {
        exception.message.clone()
    } else {
        exception.to_string()
    };
    let mut report = Report::new(status, code, title);
    report.name = Some(exception.name.clone()).filter(|name| !name.is_empty());
    report.message = exception.message.clone();
    report.frames = exception
        .frames
        .iter()
        .map(|frame| {
            let (file, line, column) = sources.original(&frame.file, frame.line, frame.column);
            Position { function: frame.function.clone(), file, line, column }
        })
        .collect();
    if exception.kind == ExceptionKind::Compile {
        // A syntax or link error has one position; show it as a location, not a call stack.
        report.location = report.frames.drain(..).next();
    }
    // The code frame: the line of the user's file the first frame points to (through the
    // source map of its module), not of the code V8 ran.
    if let (Some(position), Some(frame)) = (report.position(), exception.frames.first())
        && let Some(source) = sources.text_at(&frame.file, frame.line, frame.column)
    {
        report.excerpt = excerpt(source, position.line, position.column, 1, None);
    }
    report.hint = exception_hint(exception);
    report
}

/// What to do about well-known exceptions from the sandbox's restrictions.
fn exception_hint(exception: &JsException) -> Option<String> {
    let message = exception.message.as_str();
    let hint = match exception.name.as_str() {
        "EvalError" if message.contains("Code generation from strings disallowed") => {
            "`eval` and `new Function` are disabled in the sandbox; pass `--allow-eval` to allow them"
        }
        "CompileError" if message.contains("Wasm code generation disallowed") => {
            "compiling WebAssembly from bytes is disabled; put the .wasm file in the module map as a `wasm` module and import it"
        }
        "ReferenceError" if message == "fetch is not defined" => {
            "the sandbox has no network access, so `fetch` is not available"
        }
        "ReferenceError"
            if ["process", "require", "Buffer", "__dirname", "__filename", "global", "Deno", "Bun"]
                .iter()
                .any(|name| message == format!("{name} is not defined")) =>
        {
            "Node.js, Deno and Bun APIs are not available in the sandbox; it has the Web platform's globals"
        }
        _ if message.contains("Node.js built-in modules are not available") => {
            "the sandbox has no file system, network or process; use Web APIs instead of Node.js modules"
        }
        _ if message.contains("it is not in the module map") => {
            "a module map must contain every module that is imported; bundle the project with `sandbox bundle` to collect them"
        }
        _ => return None,
    };
    Some(hint.to_owned())
}

impl Report {
    /// What a limit that stopped the run looks like.
    pub(crate) fn limit(limit: Limit) -> Report {
        limit_report(limit)
    }
}

fn limit_report(limit: Limit) -> Report {
    let (flag, raised) = match limit {
        Limit::CpuTime(duration) => ("--cpu-time", executor::format_duration(duration * 2)),
        Limit::WallTime(duration) => ("--timeout", executor::format_duration(duration * 2)),
        Limit::Memory(bytes) => ("--memory", executor::format_bytes(bytes.saturating_mul(2))),
    };
    let what = match limit {
        Limit::CpuTime(_) => "The code used more CPU time than allowed",
        Limit::WallTime(_) => "The run took longer than allowed",
        Limit::Memory(_) => "The code used more memory than allowed",
    };
    let mut report = Report::new(ExitStatus::Limit, "limit", format!("{what}: stopped at the {limit}"));
    report.limit = Some(limit);
    report.with_hint(format!("if the code needs more, raise the limit, e.g. `{flag} {raised}`"))
}

fn from_entrypoint_error(error: &EntrypointError) -> Report {
    let list = |available: &[String]| {
        if available.is_empty() {
            "none".to_owned()
        } else {
            // Export and method names are the code's: shown escaped, on one line.
            available.iter().map(|name| format!("`{}`", name.escape_debug())).collect::<Vec<_>>().join(", ")
        }
    };
    let (status, hint) = match error {
        EntrypointError::NoDefaultExport { available } => (
            ExitStatus::Failure,
            format!("export a default function or object, or pick a named export with `--entrypoint NAME` (exports: {})", list(available)),
        ),
        EntrypointError::EntrypointNotFound { available, .. } => {
            (ExitStatus::Usage, format!("the module exports {}", list(available)))
        }
        EntrypointError::MethodNotFound { available, .. } => {
            (ExitStatus::Usage, format!("its methods are {}", list(available)))
        }
        EntrypointError::AmbiguousMethod { available, .. } => (
            ExitStatus::Usage,
            format!("pass `--method NAME`, one of {}", list(available)),
        ),
        EntrypointError::NoMethods { .. } => (ExitStatus::Failure, "give it a method to call".to_owned()),
        EntrypointError::NotCallable { .. } => (
            ExitStatus::Failure,
            "export a function, an object with methods, or a class (e.g. `export default { run() { ... } }`)".to_owned(),
        ),
        EntrypointError::FetchHandler { .. } => (
            ExitStatus::Usage,
            "call it with a request, e.g. `--request 'GET /'`, or call another method with `--method`".to_owned(),
        ),
        EntrypointError::NoFetchHandler { .. } => (
            ExitStatus::Usage,
            "`--request` calls `fetch(request, env, ctx)`; export an object or class with a `fetch` method, or leave out `--request`".to_owned(),
        ),
        EntrypointError::NotAResponse { .. } => (
            ExitStatus::Failure,
            "return a `Response`, e.g. `return new Response(\"hello\")` or `Response.json(data)`".to_owned(),
        ),
    };
    // Choosing a method is the CLI's flag: the executor's message does not name it.
    let title = match error {
        EntrypointError::AmbiguousMethod { .. } => format!("{error}; choose one with `--method`"),
        _ => error.to_string(),
    };
    Report::new(status, "entrypoint", title).with_hint(hint)
}

/// What `fetch`'s error says about letting a refused request through: the flag that does it
/// (the executor's refusal names no flag).
pub(crate) fn refusal_hint(refusal: &Refusal) -> Option<String> {
    match refusal {
        Refusal::NetworkDisabled { host, .. } => Some(format!("Allow the host with `--allow-net {host}`")),
        Refusal::HostNotAllowed { host, .. } => Some(format!("Allow it with `--allow-net {host}`")),
        _ => None,
    }
}

/// The line `line` of `source`, with a caret span at `column` (both 1-based; the column in
/// UTF-16 code units). Tabs are shown as four spaces.
pub(crate) fn excerpt(source: &str, line: u32, column: u32, length: u32, label: Option<String>) -> Option<Excerpt> {
    let text = source.lines().nth(line.checked_sub(1)? as usize)?;
    Some(Excerpt { line, text: text.trim_end().to_owned(), column: column.max(1), length: length.max(1), label })
}

/// The most columns of a source line a code frame shows; a longer line (minified code) is cut
/// to a window around the caret, with `…` where it was cut.
const MAX_FRAME_WIDTH: usize = 120;

fn render_excerpt(excerpt: &Excerpt) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let number = excerpt.line.to_string();
    let gutter = " ".repeat(number.len());
    // Each character with the columns it takes on a terminal (a tab four, a wide character
    // two, a combining one none) and where it starts.
    let mut cells: Vec<(char, usize, usize)> = Vec::new();
    let mut caret: Option<(usize, usize)> = None;
    let (mut width, mut units) = (0usize, 1u32);
    for character in excerpt.text.chars() {
        let columns = if character == '\t' { 4 } else { character.width().unwrap_or(0) };
        if units >= excerpt.column && units < excerpt.column.saturating_add(excerpt.length) {
            caret.get_or_insert((width, width)).1 = width + columns;
        }
        cells.push((character, width, columns));
        width += columns;
        units += character.len_utf16() as u32;
    }
    let (caret_start, caret_end) = caret.unwrap_or((width, width));
    // The window of columns shown: everything, or MAX_FRAME_WIDTH columns with the caret a
    // third of the way in.
    let (from, to) = if width <= MAX_FRAME_WIDTH {
        (0, width)
    } else {
        let room = MAX_FRAME_WIDTH - 2;
        let from = caret_start.saturating_sub(room / 3).min(width - room);
        (from, from + room)
    };
    let mut shown = String::new();
    let mut shown_from = None;
    for &(character, start, columns) in &cells {
        if start >= from && start + columns <= to {
            shown_from.get_or_insert(start);
            if character == '\t' {
                shown.push_str("    ");
            } else {
                shown.push(character);
            }
        }
    }
    let shown_from = shown_from.unwrap_or(from);
    let cut_left = shown_from > 0;
    let cut_right = cells.last().is_some_and(|&(_, start, columns)| start + columns > to);
    let text = format!("{}{shown}{}", if cut_left { "…" } else { "" }, if cut_right { "…" } else { "" });
    let offset = usize::from(cut_left) + caret_start.clamp(shown_from, to.max(shown_from)) - shown_from;
    let caret_width = caret_end.min(to).saturating_sub(caret_start.max(shown_from)).max(1);
    let caret = "^".repeat(caret_width);
    let label = excerpt.label.as_deref().map(|label| format!(" {label}")).unwrap_or_default();
    format!(" {number} | {text}\n {gutter} | {}{caret}{label}\n", " ".repeat(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The caret sits under the given UTF-16 column, with tabs widened and non-ASCII counted
    /// as V8 counts it.
    #[test]
    fn excerpt_places_the_caret() {
        let rendered = render_excerpt(&excerpt("a\n\tlet é = x +;\n", 2, 13, 1, Some("here".into())).unwrap());
        assert_eq!(rendered, " 2 |     let é = x +;\n   |                ^ here\n");
        assert!(excerpt("one line", 5, 1, 1, None).is_none());
    }

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

    /// Wide characters take two columns and combining marks none, so the caret still lands
    /// under the character at the column.
    #[test]
    fn excerpt_counts_display_columns() {
        // `界` is one UTF-16 unit and two columns; `e\u{301}` two units and one column.
        let rendered = render_excerpt(&excerpt("界e\u{301}=x", 1, 5, 1, None).unwrap());
        assert_eq!(rendered, " 1 | 界e\u{301}=x\n   |     ^\n");
        let rendered = render_excerpt(&excerpt("😀 y", 1, 4, 1, None).unwrap());
        assert_eq!(rendered, " 1 | 😀 y\n   |    ^\n");
    }

    /// A line longer than the window is cut around the caret, marked where it was cut, and
    /// the caret is under the character of the column.
    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}throw x;{}", "a;".repeat(50_000), "b;".repeat(50_000));
        let column = 100_001; // the `t` of `throw`
        let rendered = render_excerpt(&excerpt(&line, 1, column, 5, None).unwrap());
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[0].starts_with(" 1 | …") && lines[0].ends_with('…'), "{rendered}");
        assert!(lines[0].chars().count() <= MAX_FRAME_WIDTH + 6, "{rendered}");
        let caret = lines[1].find('^').expect("a caret");
        assert_eq!(lines[1][caret..].trim_end(), "^^^^^");
        let above: String = lines[0].chars().skip(caret).take(5).collect();
        assert_eq!(above, "throw", "{rendered}");

        // At the start and at the end of the line, only one side is cut.
        let rendered = render_excerpt(&excerpt(&line, 1, 1, 1, None).unwrap());
        assert!(rendered.starts_with(" 1 | a;a;") && rendered.lines().next().unwrap().ends_with('…'));
        let end = line.len() as u32;
        let rendered = render_excerpt(&excerpt(&line, 1, end, 1, None).unwrap());
        let first = rendered.lines().next().unwrap();
        assert!(first.starts_with(" 1 | …") && first.ends_with("b;"), "{rendered}");
        assert_eq!(rendered.lines().nth(1).unwrap().find('^'), Some(first.chars().count() - 1));

        // Tabs count four columns inside a cut line too.
        let line = format!("{}\tz", "c".repeat(300));
        let rendered = render_excerpt(&excerpt(&line, 1, 302, 1, None).unwrap());
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[1].chars().position(|character| character == '^').unwrap();
        assert_eq!(lines[0].chars().nth(caret), Some('z'), "{rendered}");
    }
}
