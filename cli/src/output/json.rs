//! `sandbox run`'s `--json` object, [`RunEnvelope`], printed on stdout whatever happened:
//!
//! ```json
//! {"ok":true,"result":{"answer":42},"error":null,"logs":[{"level":"info","message":"working"}],
//!  "stats":{"wall_ms":3.6,"cpu_ms":3.1,"heap_peak_bytes":695296,"array_buffer_peak_bytes":256,"isolate_start_us":2663}}
//! ```
//!
//! (plus `dropped_logs` when console output was dropped, and `outbound` with
//! `--outbound-log`). A failure's `error` is an [`ErrorJson`]:
//!
//! ```json
//! {"code":"uncaught","name":"TypeError","message":"bad","stack":"TypeError: bad\n    at default (<stdin>:1:30)",
//!  "file":"<stdin>","line":1,"column":30,"hint":null}
//! ```
//!
//! `name` and `stack` are those of a JavaScript exception (`null` for other failures),
//! `causes` is there when the report has some, and `limit` and `limit_value` when a limit
//! stopped the run.

use serde::Serialize;
use serde_json::value::RawValue;

use super::logs::{DroppedLogs, LogEntry};
use crate::report::Report;

/// `sandbox run --json`'s object.
#[derive(Serialize)]
pub(super) struct RunEnvelope<'a> {
    pub(super) ok: bool,
    pub(super) result: Option<&'a RawValue>,
    pub(super) error: Option<ErrorJson<'a>>,
    pub(super) logs: &'a [LogEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) dropped_logs: Option<DroppedLogs>,
    pub(super) stats: Option<StatsJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) outbound: Option<&'a [executor::Subrequest]>,
}

/// A [`Report`] as `sandbox run --json` shows it.
#[derive(Serialize)]
pub(super) struct ErrorJson<'a> {
    code: &'a str,
    name: Option<&'a str>,
    message: &'a str,
    stack: Option<String>,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    causes: &'a [String],
    #[serde(flatten)]
    limit: Option<LimitJson>,
}

#[derive(Serialize)]
struct LimitJson {
    limit: &'static str,
    limit_value: String,
}

impl<'a> From<&'a Report> for ErrorJson<'a> {
    fn from(report: &'a Report) -> Self {
        let position = report.position();
        ErrorJson {
            code: &report.code,
            name: report.name.as_deref(),
            message: &report.message,
            stack: report.stack(),
            file: position.map(|position| position.file.as_str()),
            line: position.map(|position| position.line),
            column: position.map(|position| position.column),
            hint: report.hint.as_deref(),
            causes: &report.causes,
            limit: report.limit.map(|limit| match limit {
                executor::Limit::CpuTime(duration) => {
                    LimitJson { limit: "cpu_time", limit_value: executor::format_duration(duration) }
                }
                executor::Limit::WallTime(duration) => {
                    LimitJson { limit: "wall_time", limit_value: executor::format_duration(duration) }
                }
                executor::Limit::Memory(bytes) => {
                    LimitJson { limit: "memory", limit_value: executor::format_bytes(bytes) }
                }
            }),
        }
    }
}

/// What a run measured: `"stats"`.
#[derive(Serialize)]
pub(super) struct StatsJson {
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
