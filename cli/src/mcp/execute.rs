//! One `execute`: the code read as `sandbox run` reads code on stdin (agent code or a
//! module, TypeScript or JavaScript), run in the pool in a fresh isolate with the granted
//! tools as bindings, and its outcome turned into a tool result: the value as JSON text
//! (truncated to the budget), the console output, or the error with positions in the code
//! as the model wrote it.
//!
//! A run whose code calls a tool marked `approve` asks through [`Run::wait`]: the question
//! comes out of the run on a channel while the run waits for its answer, so the caller can
//! put it to the client (an `input_required` result, or elicitation) and hand the answer back
//! without running anything twice.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};

use crate::exit::ExitStatus;
use crate::mcp::server::Server;
use crate::output::Logs;
use crate::report::Report;
use crate::sources::Sources;

/// The name of the code in stack frames and errors.
pub(crate) const CODE_FILE: &str = "<code>";

/// Below this size code is prepared where its request is read.
const PREPARE_INLINE: usize = 16 << 10;

/// A tool call of the run that waits for approval.
pub(crate) struct Question {
    pub(crate) source: String,
    pub(crate) tool: String,
    pub(crate) arguments: capabilities::Value,
    /// `Ok`, or the message of the code's error.
    pub(crate) answer: oneshot::Sender<Result<(), String>>,
}

/// A run in the pool: its outcome to come, and its questions.
pub(crate) struct Run {
    finished: oneshot::Receiver<executor::Finished>,
    questions: mpsc::UnboundedReceiver<Question>,
    handle: Option<executor::JobHandle>,
    logs: Arc<Mutex<Logs>>,
    sources: Arc<Sources>,
    started: Instant,
}

/// What a run came to, for now.
pub(crate) enum Step {
    Done(rmcp::model::CallToolResult),
    Asks(Question),
}

impl Run {
    /// Waits for the run's outcome or its next question.
    pub(crate) async fn wait(&mut self, server: &Server) -> Step {
        tokio::select! {
            finished = &mut self.finished => {
                self.handle = None;
                Step::Done(match finished {
                    Ok(finished) => outcome_result(server, finished, &self.logs, &self.sources, self.started),
                    Err(_) => error_result(server, &Report::new(ExitStatus::Internal, "internal", "The run ended without an outcome"), None),
                })
            }
            Some(question) = self.questions.recv() => Step::Asks(question),
        }
    }
}

/// A run not finished when dropped (the client went away, or its approval was never
/// answered) is stopped.
impl Drop for Run {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.cancel();
        }
    }
}

/// Starts `code` in the pool; the result of a failure to start (code that does not compile,
/// a full queue) is the tool's error result.
pub(crate) async fn start(server: &Arc<Server>, code: String) -> Result<Run, rmcp::model::CallToolResult> {
    let started = Instant::now();
    let size = code.len();
    let prepare = move || crate::input::code_program(CODE_FILE, code, bundler::Language::Ts);
    let program = if size <= PREPARE_INLINE {
        prepare()
    } else {
        tokio::task::spawn_blocking(prepare).await.unwrap_or_else(|failure| {
            Err(Box::new(Report::new(
                ExitStatus::Internal,
                "internal",
                format!("Preparing the code failed: {failure}"),
            )))
        })
    };
    let mut program = match program {
        Ok(program) => program,
        Err(report) => return Err(error_result(server, &report, None)),
    };
    let sources = Arc::new(std::mem::take(&mut program.sources));
    let modules: Arc<[executor::OwnedModule]> = program
        .modules
        .into_iter()
        .map(|(specifier, kind, code)| executor::OwnedModule { specifier, kind, code })
        .collect();
    let (ask, questions) = mpsc::unbounded_channel::<Question>();
    let timeout = server.approval_timeout;
    let asker: crate::tools::Asker = Arc::new(move |source, tool, arguments| {
        let ask = ask.clone();
        Box::pin(async move {
            let (answer, answered) = oneshot::channel();
            ask.send(Question { source, tool, arguments, answer })
                .map_err(|_| "the approval could not be asked: the call that ran the code is gone".to_owned())?;
            match tokio::time::timeout(timeout, answered).await {
                Ok(Ok(answer)) => answer,
                Ok(Err(_)) => Err("the call was not approved: the client did not answer".to_owned()),
                Err(_) => Err(format!(
                    "the call was not approved: no answer came within {}",
                    executor::format_duration(timeout)
                )),
            }
        })
    });
    let mut options = server.options.clone();
    options.compatibility = server.compatibility.clone();
    options.code_cache = Some(Arc::clone(&server.code_cache));
    options.tool_globals = program.agent_code;
    if let Some(granted) = &server.granted {
        let approvals = crate::tools::Approvals::asking(server.approve.clone(), asker);
        options.tools = granted.bindings(approvals, options.tool_limits.timeout);
    }
    let logs = Arc::new(Mutex::new(Logs::default()));
    let console = crate::commands::run::CollectingConsole { logs: Arc::clone(&logs), sources: Arc::clone(&sources) };
    let job = executor::Job {
        main: program.main,
        modules,
        call: executor::Call::default(),
        options,
        console: Box::new(console),
    };
    let (sender, finished) = oneshot::channel();
    let submitted = server.pool.submit(
        job,
        Box::new(move |finished| {
            let _ = sender.send(finished);
        }),
    );
    let handle = match submitted {
        Ok(handle) => handle,
        Err(executor::SubmitError::QueueFull(waiting)) => {
            let report = Report::new(
                ExitStatus::Internal,
                "queue-full",
                format!("The server is busy: {waiting} runs are waiting for a thread"),
            )
            .with_hint("try again in a moment, or start sandbox mcp with more --threads or a longer --queue");
            return Err(error_result(server, &report, None));
        }
        Err(executor::SubmitError::ShuttingDown) => {
            return Err(error_result(
                server,
                &Report::new(ExitStatus::Interrupted, "shutting-down", "The server is shutting down"),
                None,
            ));
        }
    };
    Ok(Run { finished, questions, handle: Some(handle), logs, sources, started })
}

/// A finished run as the tool's result.
fn outcome_result(
    server: &Server,
    finished: executor::Finished,
    logs: &Mutex<Logs>,
    sources: &Sources,
    started: Instant,
) -> rmcp::model::CallToolResult {
    let logs = std::mem::take(&mut *crate::commands::run::lock(logs));
    let outcome = finished.outcome;
    server.log_execute(&outcome, started.elapsed());
    let result = match outcome.result {
        Ok(result) => result,
        Err(error) => {
            let mut report = Report::from_run_error(&error, sources);
            if let Some(limit) = report.limit {
                report.hint = Some(limit_hint(server, limit));
            }
            return error_result(server, &report, Some(&logs));
        }
    };
    let text = crate::mcp::truncate::result_text(result.as_deref(), server.max_result_chars);
    let mut content = vec![rmcp::model::ContentBlock::text(server.printer.scrubbed(&text).into_owned())];
    if let Some(console) = console_text(server, &logs) {
        content.push(rmcp::model::ContentBlock::text(console));
    }
    rmcp::model::CallToolResult::success(content)
}

/// What to do about a limit, naming the server's own flags: the model cannot raise them.
fn limit_hint(server: &Server, limit: executor::Limit) -> String {
    let limits = &server.options.limits;
    let what = match limit {
        executor::Limit::CpuTime(_) => format!("{} of CPU time", executor::format_duration(limits.cpu_time)),
        executor::Limit::WallTime(_) => format!("{} in all", executor::format_duration(limits.wall_time)),
        executor::Limit::Memory(_) => format!("{} of memory", executor::format_bytes(limits.heap_bytes)),
    };
    format!("each execute may take {what}; do less per call (smaller batches, no endless loops), or split the work")
}

/// A failure as the tool's error result: the report as `sandbox run` prints it (the error,
/// its frames at the code's own line and column, a code frame, a hint), then the console
/// output.
pub(crate) fn error_result(server: &Server, report: &Report, logs: Option<&Logs>) -> rmcp::model::CallToolResult {
    let rendered = crate::mcp::truncate::cut_text(&report.render(), server.max_result_chars);
    let mut content = vec![rmcp::model::ContentBlock::text(server.printer.scrubbed(&rendered).into_owned())];
    if let Some(console) = logs.and_then(|logs| console_text(server, logs)) {
        content.push(rmcp::model::ContentBlock::text(console));
    }
    rmcp::model::CallToolResult::error(content)
}

/// The console output, one message a line with its level, cut to the budget.
fn console_text(server: &Server, logs: &Logs) -> Option<String> {
    if logs.entries.is_empty() && logs.dropped().is_none() {
        return None;
    }
    let mut text = String::from("Console output:\n");
    for entry in &logs.entries {
        let level = serde_json::to_value(entry.level).ok().and_then(|level| level.as_str().map(str::to_owned));
        text.push_str(&format!("[{}] {}\n", level.unwrap_or_default(), entry.message));
    }
    if let Some(dropped) = logs.dropped() {
        text.push_str(&format!("({} more messages, {} bytes, were dropped)\n", dropped.messages, dropped.bytes));
    }
    let text = crate::mcp::truncate::cut_text(text.trim_end(), server.max_result_chars);
    Some(server.printer.scrubbed(&text).into_owned())
}

/// How long a run's approval may be kept waiting for the client's retry before the run is
/// dropped: the approval's own timeout, and a little more for the retry to arrive.
pub(crate) fn pending_lifetime(approval_timeout: Duration) -> Duration {
    approval_timeout + Duration::from_secs(5)
}
