//! `sandbox run`: read the input into modules (`input.rs`), run them in a fresh sandbox, and
//! print the result or the error.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;
use base64::prelude::BASE64_STANDARD;
use executor::{Console, HttpResponse, Invocation, LogLevel, ModuleSource, Sandbox};

use crate::exit::ExitStatus;
use crate::input;
use crate::output::{Logs, Printer, RunDetails};
use crate::report::Report;
use crate::settings::RunSettings;
use crate::sources::Sources;

pub(crate) fn run(settings: RunSettings, printer: Printer) -> ExitStatus {
    let dependencies = crate::dependencies::Dependencies {
        settings: &settings.dependencies,
        printer,
        bundle_limit: Some(settings.options.limits.wall_time),
    };
    let mut program = match input::load(&settings.input, &settings.bundle, dependencies) {
        Ok(program) => program,
        Err(report) => {
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    printer.verbose(&program.description);
    let mut options = settings.options.clone();
    options.compatibility = match settings.compatibility.resolve(
        program.compatibility_date.as_deref(),
        &program.compatibility_flags,
        &program.compatibility_source,
    ) {
        Ok(compatibility) => compatibility,
        Err(report) => {
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    let mut secrets = crate::settings::secret_values(&settings.options.outbound);
    // The tools' servers are started once the input is known to run, and stopped when the
    // run's bindings (which hold them) are dropped, at the end of this function.
    let granted = match crate::tools::Granted::start_any(&settings.tools, &printer) {
        Ok(granted) => granted,
        Err(status) => return status,
    };
    if let Some(granted) = &granted {
        secrets.extend(granted.secrets.iter().cloned());
        printer.verbose(&format!("tools: {}", crate::tools::describe(&granted.catalog)));
        options.tools =
            granted.bindings(crate::tools::Approvals::new(settings.tools.approve.clone()), options.tool_limits.timeout);
        if let Some(file) = &settings.tools.types_out {
            let declarations =
                capabilities::declarations(&granted.catalog, capabilities::DeclarationStyle::EnvInterface);
            if let Err(report) = crate::commands::types::write_file(file, &declarations) {
                printer.report(&report, RunDetails::default());
                return report.status;
            }
        }
    }
    options.tool_globals = program.agent_code;
    options.record_tool_arguments = settings.tools.log_args;
    let printer = printer.with_secrets(secrets);

    let logs = Arc::new(Mutex::new(Logs::default()));
    let sources = Arc::new(std::mem::take(&mut program.sources));
    let console: Box<dyn Console> = if printer.output().json {
        Box::new(CollectingConsole { logs: Arc::clone(&logs), sources: Arc::clone(&sources) })
    } else {
        Box::new(PrintingConsole { printer, sources: Arc::clone(&sources) })
    };
    let sandbox = Sandbox::new(options);
    install_interrupt_handler(&sandbox);
    install_unrecoverable_handler(printer, &logs);

    let modules: Vec<ModuleSource<'_>> =
        program.modules.iter().map(|(name, kind, code)| ModuleSource { specifier: name, kind: *kind, code }).collect();
    let invocation = Invocation {
        entrypoint: settings.entrypoint.as_deref(),
        method: settings.method.as_deref(),
        args: &settings.args,
        request: settings.request.as_ref(),
    };
    let _ = FATAL_LIMIT.set(settings.options.limits.heap_bytes);
    crate::containment::contain(settings.options.limits.heap_bytes, memory_limit_reached);
    let outcome = sandbox.run(&program.main, &modules, &invocation, console);
    crate::containment::lift();
    let stats = outcome.stats;
    printer.verbose(&format!(
        "wall {:.2}ms, cpu {:.2}ms, isolate start {}us, heap peak {}, array buffers peak {}",
        stats.wall.as_secs_f64() * 1e3,
        stats.cpu.as_secs_f64() * 1e3,
        stats.isolate_start.as_micros(),
        executor::format_bytes(stats.heap_peak_bytes),
        executor::format_bytes(stats.array_buffer_peak_bytes),
    ));

    let logs = std::mem::take(&mut *lock(&logs));
    printer.outbound(&outcome.subrequests);
    printer.tool_calls(&outcome.tool_calls);
    let details = RunDetails {
        logs: &logs.entries,
        dropped_logs: logs.dropped(),
        stats: Some(&stats),
        outbound: printer.output().outbound_log.then_some(outcome.subrequests.as_slice()),
        tool_calls: (!outcome.tool_calls.is_empty()).then_some(outcome.tool_calls.as_slice()),
    };
    let result = match (outcome.result, outcome.response) {
        (Ok(_), Some(response)) => return respond(printer, &response, details),
        (Ok(result), None) => result,
        (Err(error), _) => {
            let report = Report::from_run_error(&error, &sources);
            printer.report(&report, details);
            return report.status;
        }
    };
    let written = if printer.output().json {
        printer.envelope(result.as_deref(), None, details)
    } else {
        printer.result(result.as_deref())
    };
    finish_output(printer, written, ExitStatus::Success)
}

/// Prints a fetch handler's response: the body on stdout (with `--json`, status, headers and
/// body); a status of 500 or more is a failure.
fn respond(printer: Printer, response: &HttpResponse, details: RunDetails<'_>) -> ExitStatus {
    let failed = response.status >= 500;
    let report = failed.then(|| {
        let status = format!("{} {}", response.status, response.status_text).trim_end().to_owned();
        Report::new(ExitStatus::Failure, "http-error", format!("The fetch handler responded with {status}"))
    });
    printer.verbose(&format!("HTTP {} {}", response.status, response.status_text));
    let written = if printer.output().json {
        let raw = response_result(printer, response);
        printer.envelope(raw.as_deref(), report.as_ref(), details)
    } else {
        let written = printer.response_body(&response.body);
        if let Some(report) = &report {
            printer.report(report, details);
        }
        written
    };
    finish_output(printer, written, if failed { ExitStatus::Failure } else { ExitStatus::Success })
}

/// A fetch handler's response as `--json` shows it: `{status, statusText, headers, body}`,
/// with `bodyEncoding: "base64"` for a body that is not UTF-8.
pub(crate) fn response_result(printer: Printer, response: &HttpResponse) -> Option<Box<serde_json::value::RawValue>> {
    // Scrubbed before it is encoded: base64 would hide a credential from the envelope's
    // scrubbing.
    let body = printer.redact_bytes(&response.body);
    let body = match std::str::from_utf8(&body) {
        Ok(text) => serde_json::json!({ "body": text }),
        Err(_) => serde_json::json!({ "body": BASE64_STANDARD.encode(&body), "bodyEncoding": "base64" }),
    };
    let mut headers = serde_json::Map::new();
    for (name, value) in &response.headers {
        match headers.get_mut(name) {
            Some(serde_json::Value::Array(values)) => values.push(value.clone().into()),
            Some(existing) => *existing = serde_json::json!([existing.clone(), value]),
            None => {
                headers.insert(name.clone(), value.clone().into());
            }
        }
    }
    let mut result = serde_json::json!({
        "status": response.status,
        "statusText": response.status_text,
        "headers": headers,
    });
    if let (Some(result), serde_json::Value::Object(body)) = (result.as_object_mut(), body) {
        result.extend(body);
    }
    serde_json::value::to_raw_value(&result).ok()
}

/// The exit status after writing output: a closed pipe (`sandbox run x | head`) is fine.
fn finish_output(printer: Printer, written: std::io::Result<()>, status: ExitStatus) -> ExitStatus {
    match written {
        Ok(()) => status,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            let report = Report::new(ExitStatus::Internal, "output", format!("Cannot write the result: {error}"));
            printer.report(&report, RunDetails::default());
            report.status
        }
    }
}

/// Prints console messages as they come, with stack frames mapped to the user's files.
struct PrintingConsole {
    printer: Printer,
    sources: Arc<Sources>,
}

impl Console for PrintingConsole {
    fn log(&mut self, _level: LogLevel, message: &str) {
        self.printer.console(&self.sources.map_stack_frames(message));
    }
}

/// Keeps console messages for the `--json` object, with stack frames mapped, up to the caps
/// of [`Logs`].
pub(crate) struct CollectingConsole {
    pub(crate) logs: Arc<Mutex<Logs>>,
    pub(crate) sources: Arc<Sources>,
}

impl Console for CollectingConsole {
    fn log(&mut self, level: LogLevel, message: &str) {
        let message = self.sources.map_stack_frames(message).into_owned();
        lock(&self.logs).push(level, message);
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Ctrl-C stops the code (exit 130); a second Ctrl-C exits at once.
fn install_interrupt_handler(sandbox: &Sandbox) {
    let cancel = sandbox.cancel_handle();
    let pressed = AtomicBool::new(false);
    // If a handler cannot be installed, Ctrl-C keeps its default effect: the process ends.
    let _ = ctrlc::set_handler(move || {
        if pressed.swap(true, Ordering::SeqCst) {
            // SAFETY: `_exit` ends the process without running destructors, which is what a
            // second Ctrl-C asks for; nothing is left half-written by this process.
            unsafe { libc::_exit(ExitStatus::Interrupted as i32) };
        }
        cancel.cancel();
    });
}

/// What the unrecoverable-limit handler prints with; set once before the run.
static FATAL: OnceLock<(Printer, Arc<Mutex<Logs>>)> = OnceLock::new();

/// When the code is stuck past a limit in a builtin V8 cannot interrupt, report the limit
/// and end the process with exit code 3 (see `executor::on_unrecoverable_limit`).
fn install_unrecoverable_handler(printer: Printer, logs: &Arc<Mutex<Logs>>) {
    let _ = FATAL.set((printer, Arc::clone(logs)));
    executor::on_unrecoverable_limit(unrecoverable);
}

/// The process reached the memory cap that `containment` set for the run.
fn memory_limit_reached() -> ! {
    let limit = FATAL_LIMIT.get().copied().unwrap_or(0);
    unrecoverable(Some(executor::Limit::Memory(limit)))
}

/// The run's memory limit, for [`memory_limit_reached`].
static FATAL_LIMIT: OnceLock<usize> = OnceLock::new();

fn unrecoverable(limit: Option<executor::Limit>) -> ! {
    crate::containment::lift();
    let report = match limit {
        Some(limit) => Report::from_run_error(&executor::RunError::LimitExceeded(limit), &Sources::default()),
        None => Report::from_run_error(&executor::RunError::Interrupted, &Sources::default()),
    };
    if let Some((printer, logs)) = FATAL.get() {
        let logs = logs.try_lock().map(|logs| logs.clone()).unwrap_or_default();
        printer
            .report(&report, RunDetails { logs: &logs.entries, dropped_logs: logs.dropped(), ..RunDetails::default() });
    }
    // SAFETY: ends the process from the watchdog or V8's out-of-memory handler while the
    // isolate thread is stuck; running destructors could deadlock on V8's locks.
    unsafe { libc::_exit(report.status as i32) }
}
