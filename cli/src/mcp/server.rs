//! What every `execute` shares: the pool, the code cache, the granted tools, the options
//! of a run, and the tools the server lists.

use std::sync::Arc;
use std::time::Duration;

use crate::output::Printer;
use crate::report::Report;

/// What every call shares.
pub(crate) struct Server {
    pub(crate) pool: executor::Pool,
    pub(crate) code_cache: Arc<executor::CodeCache>,
    pub(crate) granted: Option<crate::tools::Granted>,
    /// Every run's options but its tools and console.
    pub(crate) options: executor::Options,
    pub(crate) compatibility: executor::Compatibility,
    /// `--approve` patterns.
    pub(crate) approve: Vec<String>,
    pub(crate) approval_timeout: Duration,
    pub(crate) max_result_chars: usize,
    /// Whether `search` and `describe` are offered.
    pub(crate) progressive: bool,
    pub(crate) tools: Vec<rmcp::model::Tool>,
    pub(crate) printer: Printer,
    pub(crate) quiet: bool,
    pub(crate) empty: capabilities::Catalog,
}

impl Server {
    pub(crate) fn catalog(&self) -> &capabilities::Catalog {
        self.granted.as_ref().map_or(&self.empty, |granted| &granted.catalog)
    }

    /// One line on stderr for each `execute` (none with `--quiet`).
    pub(crate) fn log_execute(&self, outcome: &executor::Outcome, elapsed: Duration) {
        if self.quiet {
            return;
        }
        let result = match &outcome.result {
            Ok(_) => "ok".to_owned(),
            Err(error) => Report::from_run_error(error, &crate::sources::Sources::default()).code,
        };
        let line = serde_json::json!({
            "event": "execute",
            "outcome": result,
            "ms": (elapsed.as_secs_f64() * 1e6).round() / 1e3,
            "cpu_ms": (outcome.stats.cpu.as_secs_f64() * 1e6).round() / 1e3,
            "tool_calls": outcome.tool_calls.len(),
        });
        self.printer.log_line(&line.to_string());
    }
}
