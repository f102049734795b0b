//! `sandbox run`: read the input, turn it into a module map, run it in a fresh sandbox, and
//! print the result or the error.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use bundler::{Language, Module, ModuleMap, Prepared, Shape, SourceInput};
use executor::{Console, Invocation, LogLevel, ModuleKind, ModuleSource, Sandbox};

use crate::exit::ExitStatus;
use crate::printer::{LogEntry, Printer};
use crate::report::Report;
use crate::settings::{Input, RunSettings};
use crate::sources::{SourceInfo, Sources};

/// The modules to run, and what the CLI needs to map errors back to the user's files.
struct Program {
    main: String,
    modules: Vec<(String, ModuleKind, Vec<u8>)>,
    sources: Sources,
    /// How the input was read, for `--verbose`.
    description: String,
}

pub(crate) fn run(settings: RunSettings, printer: Printer) -> ExitStatus {
    let program = match load(&settings.input) {
        Ok(program) => program,
        Err(report) => {
            printer.report(&report, &[], None);
            return report.status;
        }
    };
    printer.verbose(&program.description);

    let logs = Arc::new(Mutex::new(Vec::new()));
    let console: Box<dyn Console> = if printer.output().json {
        Box::new(CollectingConsole { logs: Arc::clone(&logs) })
    } else {
        Box::new(PrintingConsole { printer })
    };
    let sandbox = Sandbox::new(settings.options.clone());
    install_interrupt_handler(&sandbox);
    install_unrecoverable_handler(printer, &logs);

    let modules: Vec<ModuleSource<'_>> = program
        .modules
        .iter()
        .map(|(name, kind, code)| ModuleSource { specifier: name, kind: *kind, code })
        .collect();
    let invocation = Invocation {
        entrypoint: settings.entrypoint.as_deref(),
        method: settings.method.as_deref(),
        args: &settings.args,
    };
    let outcome = sandbox.run(&program.main, &modules, &invocation, console);
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
    match outcome.result {
        Ok(result) => {
            let written = if printer.output().json {
                printer.envelope(result.as_deref(), None, &logs, Some(&stats))
            } else {
                printer.result(result.as_deref())
            };
            match written {
                Ok(()) => ExitStatus::Success,
                // `sandbox run x | head` closes the pipe early: that is fine.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
                Err(error) => {
                    let report = Report::new(ExitStatus::Internal, "output", format!("Cannot write the result: {error}"));
                    printer.report(&report, &[], None);
                    report.status
                }
            }
        }
        Err(error) => {
            let report = Report::from_run_error(&error, &program.sources);
            printer.report(&report, &logs, Some(&stats));
            report.status
        }
    }
}

/// Prints console messages as they come.
struct PrintingConsole {
    printer: Printer,
}

impl Console for PrintingConsole {
    fn log(&mut self, _level: LogLevel, message: &str) {
        self.printer.console(message);
    }
}

/// Keeps console messages for the `--json` object.
struct CollectingConsole {
    logs: Arc<Mutex<Vec<LogEntry>>>,
}

impl Console for CollectingConsole {
    fn log(&mut self, level: LogLevel, message: &str) {
        lock(&self.logs).push(LogEntry { level, message: message.to_owned() });
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
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
static FATAL: OnceLock<(Printer, Arc<Mutex<Vec<LogEntry>>>)> = OnceLock::new();

/// When the code is stuck past a limit in a builtin V8 cannot interrupt, report the limit
/// and end the process with exit code 3 (see `executor::on_unrecoverable_limit`).
fn install_unrecoverable_handler(printer: Printer, logs: &Arc<Mutex<Vec<LogEntry>>>) {
    let _ = FATAL.set((printer, Arc::clone(logs)));
    executor::on_unrecoverable_limit(unrecoverable);
}

fn unrecoverable(limit: Option<executor::Limit>) -> ! {
    let report = match limit {
        Some(limit) => Report::from_run_error(&executor::RunError::LimitExceeded(limit), &Sources::default()),
        None => Report::from_run_error(&executor::RunError::Interrupted, &Sources::default()),
    };
    if let Some((printer, logs)) = FATAL.get() {
        let logs = logs.try_lock().map(|logs| logs.clone()).unwrap_or_default();
        printer.report(&report, &logs, None);
    }
    // SAFETY: ends the process from the watchdog or V8's out-of-memory handler while the
    // isolate thread is stuck; running destructors could deadlock on V8's locks.
    unsafe { libc::_exit(report.status as i32) }
}

/// Reads the input and turns it into modules.
fn load(input: &Input) -> Result<Program, Box<Report>> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|error| {
                Report::new(ExitStatus::Usage, "unreadable-input", format!("Cannot read stdin: {error}"))
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Box::new(
                    Report::new(ExitStatus::Usage, "unreadable-input", "stdin is not UTF-8 text")
                        .with_hint("pipe JavaScript or TypeScript source, or a module map in JSON"),
                )
            })?;
            if looks_like_module_map(&text) {
                return module_map_program("<stdin>", &text);
            }
            code_program("<stdin>", text, Language::Ts)
        }
        Input::File(path) => {
            let display = path.display().to_string();
            if path.is_dir() {
                return Err(Box::new(
                    Report::new(ExitStatus::Usage, "unreadable-input", format!("`{display}` is a directory"))
                        .with_hint("pass the entry file of the project, e.g. `sandbox run src/index.ts`"),
                ));
            }
            let is_json = path.extension().is_some_and(|extension| extension == "json");
            let language = Language::from_path(path);
            if !is_json && language.is_none() {
                return Err(Box::new(
                    Report::new(
                        ExitStatus::Usage,
                        "unsupported-input",
                        format!("Cannot run `{display}`: sandbox runs .js .mjs .cjs .ts .mts .cts .tsx .jsx files and .json module maps"),
                    )
                    .with_hint("pipe other code through stdin with `sandbox run -` if it is JavaScript or TypeScript"),
                ));
            }
            let bytes = std::fs::read(path).map_err(|error| {
                let report = Report::new(ExitStatus::Usage, "unreadable-input", format!("Cannot read `{display}`"))
                    .with_cause(error.to_string());
                Box::new(if error.kind() == std::io::ErrorKind::NotFound { report.with_hint("check the path") } else { report })
            })?;
            let text = String::from_utf8(bytes).map_err(|error| {
                Box::new(
                    Report::new(ExitStatus::Usage, "unreadable-input", format!("`{display}` is not UTF-8 text"))
                        .with_cause(error.to_string()),
                )
            })?;
            match language {
                None => module_map_program(&display, &text),
                Some(language) => code_program(&display, text, language),
            }
        }
    }
}

/// A JSON object with `modules`: stdin can carry a module map as well as code.
fn looks_like_module_map(text: &str) -> bool {
    text.trim_start().starts_with('{')
        && serde_json::from_str::<serde_json::Value>(text).is_ok_and(|value| value.get("modules").is_some())
}

/// One file of code. Its module is named by the path the user gave, so stack frames and
/// messages from V8 name the user's file (positions are mapped back through the source map).
fn code_program(display: &str, text: String, language: Language) -> Result<Program, Box<Report>> {
    let name = display;
    let prepared = bundler::prepare_source(&SourceInput { file: display, text: &text, language })
        .map_err(|diagnostic| Box::new(Report::from_diagnostic(&diagnostic, Some(&text), ExitStatus::Failure)))?;
    let Prepared { code, kind, source_map, shape } = prepared;
    let how = match &shape {
        Shape::Module => "a module: its default export (or --entrypoint) is called".to_owned(),
        Shape::CommonJs => "a CommonJS module: `module.exports` is the entrypoint".to_owned(),
        Shape::Empty => "empty: nothing to run".to_owned(),
        Shape::Function => "agent code: a function, which is called".to_owned(),
        Shape::FunctionDeclaration(name) => format!("agent code: the function `{name}`, which is called"),
        Shape::Statements => "agent code: statements, run as the body of an async function".to_owned(),
    };
    let kind = match kind {
        bundler::ModuleKind::Cjs => ModuleKind::CommonJs,
        _ => ModuleKind::EsModule,
    };
    let mut sources = Sources::default();
    sources.insert(name.to_owned(), SourceInfo { display: display.to_owned(), text, map: source_map });
    Ok(Program {
        main: name.to_owned(),
        modules: vec![(name.to_owned(), kind, code.into_bytes())],
        sources,
        description: format!("read {display} as {how}"),
    })
}

fn module_map_program(display: &str, text: &str) -> Result<Program, Box<Report>> {
    let map = ModuleMap::from_json(display, text)
        .map_err(|diagnostic| Box::new(Report::from_diagnostic(&diagnostic, Some(text), ExitStatus::Usage)))?;
    let mut sources = Sources::default();
    let mut modules = Vec::with_capacity(map.modules.len());
    for (name, module) in map.modules {
        let (kind, bytes) = match module {
            Module::Js(code) => (ModuleKind::EsModule, code.into_bytes()),
            Module::Cjs(code) => (ModuleKind::CommonJs, code.into_bytes()),
            Module::Text(text) => (ModuleKind::Text, text.into_bytes()),
            Module::Data(bytes) => (ModuleKind::Data, bytes),
            Module::Json(value) => (ModuleKind::Json, value.to_string().into_bytes()),
            Module::Wasm(bytes) => (ModuleKind::Wasm, bytes),
        };
        if matches!(kind, ModuleKind::EsModule | ModuleKind::CommonJs) {
            let code = String::from_utf8_lossy(&bytes).into_owned();
            sources.insert(name.clone(), SourceInfo { display: name.clone(), text: code, map: None });
        }
        modules.push((name, kind, bytes));
    }
    let count = modules.len();
    Ok(Program {
        main: map.main_module.clone(),
        modules,
        sources,
        description: format!("read {display} as a module map of {count} module(s), main module `{}`", map.main_module),
    })
}
