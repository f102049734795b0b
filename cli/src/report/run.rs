//! What the user sees when a run does not produce a result: an exception (mapped back to
//! the user's files), a limit, an entrypoint that does not fit, or anything else the executor
//! reports.

use executor::{EntrypointError, EvalRefusal, ExceptionKind, JsException, Limit, Refusal, RunError};

use super::frame::excerpt;
use super::{Position, Report};
use crate::exit::ExitStatus;
use crate::sources::Sources;

impl Report {
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
            RunError::ProcessExit { .. } => Report::new(ExitStatus::Failure, "process-exit", error.to_string())
                .with_hint("workerd ends the request the same way; return the result instead of calling process.exit"),
            RunError::Interrupted => Report::new(ExitStatus::Interrupted, "interrupted", "Interrupted"),
            RunError::Internal(_) => Report::new(ExitStatus::Internal, "internal", error.to_string())
                .with_hint("this is a bug in sandbox; please report it with the input that caused it"),
            // RunError is non-exhaustive in spirit: anything new is reported as is.
            #[allow(unreachable_patterns)]
            RunError::PendingToolCalls { .. } => {
                Report::new(ExitStatus::Failure, "pending-tool-calls", error.to_string())
            }
            RunError::BindingClash { .. } => Report::new(ExitStatus::Usage, "binding-clash", error.to_string())
                .with_hint("rename one of them: an --env KEY, a --service or --openapi NAME, or a server's key in --mcp-config"),
        }
    }

    /// What a limit that stopped the run looks like.
    pub(crate) fn limit(limit: Limit) -> Report {
        limit_report(limit)
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
        "EvalError" if EvalRefusal::from_message(message) == Some(EvalRefusal::Entrypoint) => {
            "compile at a module's top level (as ajv and handlebars do), or pass `--allow-eval` to allow `eval` and `new Function` while the entrypoint runs too"
        }
        "EvalError" if EvalRefusal::from_message(message) == Some(EvalRefusal::TopLevel) => {
            "use a compatibility date from 2025-06-01 on, or `--compatibility-flag allow_eval_during_startup`, or pass `--allow-eval`"
        }
        "CompileError" if message.contains("Wasm code generation disallowed") => {
            "compiling WebAssembly from bytes is disabled; put the .wasm file in the module map as a `wasm` module and import it"
        }
        "ReferenceError" if message == "fetch is not defined" => {
            "the sandbox has no network access, so `fetch` is not available"
        }
        "ReferenceError"
            if ["require", "__dirname", "__filename"]
                .iter()
                .any(|name| message == format!("{name} is not defined")) =>
        {
            "an ES module has no `require`, `__dirname` or `__filename`: use `import`, `import.meta.dirname`, or `createRequire(import.meta.url)` from `node:module`"
        }
        "ReferenceError"
            if ["process", "Buffer", "global", "setImmediate"]
                .iter()
                .any(|name| message == format!("{name} is not defined")) =>
        {
            "Node.js compatibility is off (by the compatibility date or flags): add `--compatibility-flag nodejs_compat` for Node.js's globals and modules"
        }
        "ReferenceError" if ["Deno", "Bun"].iter().any(|name| message == format!("{name} is not defined")) => {
            "Deno and Bun APIs are not available in the sandbox; it has the Web platform's globals and, with Node.js compatibility, Node.js's"
        }
        _ if message.contains("Node.js built-in modules need Node.js compatibility") => {
            "add `--compatibility-flag nodejs_compat` (the compatibility date or flags turn Node.js compatibility off)"
        }
        _ if message.contains("is not available in the sandbox") => {
            "the sandbox has no file system, network or process of the host's; see the README's list of Node.js modules"
        }
        _ if message.contains("it is not in the module map") => {
            "a module map must contain every module that is imported; bundle the project with `sandbox bundle` to collect them"
        }
        _ => return None,
    };
    Some(hint.to_owned())
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
