//! The `--json` objects, and the one error object they share.
//!
//! `sandbox run --json` prints one [`RunEnvelope`] on stdout, whatever happened:
//!
//! ```json
//! {"ok":true,"result":{"answer":42},"error":null,"logs":[{"level":"info","message":"working"}],
//!  "stats":{"wall_ms":3.6,"cpu_ms":3.1,"heap_peak_bytes":695296,"array_buffer_peak_bytes":256,"isolate_start_us":2663}}
//! ```
//!
//! (plus `dropped_logs` when console output was dropped, and `outbound` with
//! `--outbound-log`). `sandbox bundle --json` and `sandbox install --json` print a
//! [`CommandFailure`], `{"ok":false,"error":...}`, when they fail, and nothing on stdout but
//! their data when they succeed. Every failure's `error` is an [`ErrorJson`]:
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tool_calls: Option<Vec<ToolCallJson>>,
}

/// One tool call in `tool_calls`: `{tool, duration_ms, bytes, outcome, error, arguments}`,
/// `arguments` only with `--log-tool-args`.
#[derive(Serialize)]
pub(super) struct ToolCallJson {
    /// `binding.tool`.
    pub(super) tool: String,
    pub(super) duration_ms: f64,
    pub(super) bytes: u64,
    /// `ok`, `failed`, `timed-out`, `cancelled` or `refused`.
    pub(super) outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) arguments: Option<serde_json::Value>,
}

impl From<&executor::ToolCallRecord> for ToolCallJson {
    fn from(call: &executor::ToolCallRecord) -> Self {
        let (outcome, error) = match &call.outcome {
            executor::ToolCallOutcome::Ok => ("ok", None),
            executor::ToolCallOutcome::Failed(message) => ("failed", Some(message.clone())),
            executor::ToolCallOutcome::TimedOut => ("timed-out", None),
            executor::ToolCallOutcome::Cancelled => ("cancelled", None),
            executor::ToolCallOutcome::Refused(message) => ("refused", Some(message.clone())),
        };
        ToolCallJson {
            tool: format!("{}.{}", call.binding, call.tool),
            duration_ms: (call.duration.as_secs_f64() * 1e6).round() / 1e3,
            bytes: call.bytes,
            outcome,
            error,
            arguments: call.arguments.as_ref().map(argument_json),
        }
    }
}

/// The object of a command other than `run` that failed: `{"ok":false,"error":...}`.
#[derive(Serialize)]
pub(super) struct CommandFailure<'a> {
    pub(super) ok: bool,
    pub(super) error: ErrorJson<'a>,
}

/// A [`Report`] as `--json` shows it, the same for every command.
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

/// A logged argument as JSON: bytes as `{"bytes": <length>}`, since a log shows what was
/// sent, not the bytes themselves.
fn argument_json(value: &executor::ToolValue) -> serde_json::Value {
    match value {
        executor::ToolValue::Null => serde_json::Value::Null,
        executor::ToolValue::Bool(value) => serde_json::Value::Bool(*value),
        // Whole numbers as integers, as the tool receives them.
        executor::ToolValue::Number(value) if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 => {
            serde_json::Value::from(*value as i64)
        }
        executor::ToolValue::Number(value) => {
            serde_json::Number::from_f64(*value).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        executor::ToolValue::String(value) => serde_json::Value::String(value.clone()),
        executor::ToolValue::Bytes(value) => serde_json::json!({ "bytes": value.len() }),
        executor::ToolValue::Array(items) => serde_json::Value::Array(items.iter().map(argument_json).collect()),
        executor::ToolValue::Object(entries) => {
            serde_json::Value::Object(entries.iter().map(|(key, value)| (key.clone(), argument_json(value))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CommandFailure, ErrorJson};
    use crate::exit::ExitStatus;
    use crate::report::{Position, Report};

    /// A failure of `sandbox bundle` or `install` has the same `error` object as one of
    /// `sandbox run`: every key of it, `name` and `stack` null when there is no exception.
    #[test]
    fn one_error_shape_for_every_command() {
        let mut report = Report::new(ExitStatus::Bundle, "unresolved-import", "Could not resolve `zod`")
            .with_hint("install it")
            .with_cause("looked in node_modules");
        report.location = Some(Position { function: None, file: "index.ts".into(), line: 1, column: 19 });
        let failure = CommandFailure { ok: false, error: ErrorJson::from(&report) };
        assert_eq!(
            serde_json::to_string(&failure).unwrap(),
            r#"{"ok":false,"error":{"code":"unresolved-import","name":null,"message":"Could not resolve `zod`","stack":null,"file":"index.ts","line":1,"column":19,"hint":"install it","causes":["looked in node_modules"]}}"#
        );
    }
}
