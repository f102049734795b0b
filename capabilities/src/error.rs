//! The errors of reading a configuration, starting MCP servers and calling their tools. Each
//! carries the data a caller needs to explain it (file, JSON path, server, tool); messages
//! name no CLI flag, and no message holds a value of a server's environment or headers.

use std::path::PathBuf;
use std::time::Duration;

/// Why a set of capabilities could not be set up: a configuration file that is wrong, two names
/// that become the same identifier, or a server that did not start.
#[derive(Debug, thiserror::Error)]
pub enum CapabilityError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Names(#[from] NameClash),
    /// An MCP server could not be started or did not answer its handshake or the listing of
    /// its tools.
    #[error("MCP server `{server}` did not start: {reason}{}", stderr_suffix(stderr))]
    Start {
        /// The server's name as the configuration gives it.
        server: String,
        /// What went wrong, with the server's secrets scrubbed.
        reason: String,
        /// The end of what the server wrote to stderr (stdio servers; empty otherwise),
        /// scrubbed.
        stderr: String,
    },
    /// The runtime that drives the servers could not be created.
    #[error("Cannot start the runtime for MCP servers: {0}")]
    Runtime(String),
}

/// A `.mcp.json` file that cannot be used: where (file, JSON path, line when the JSON itself is
/// malformed), what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), location(path, *line, *column))]
pub struct ConfigError {
    /// The configuration file.
    pub file: PathBuf,
    /// Where in the document, as a JSON path (`$.mcpServers.github.env.TOKEN`); `$` for the
    /// whole document.
    pub path: String,
    /// 1-based line and column, for a syntax error.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Two names that become the same JavaScript identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: `{first}` and `{second}` both become the identifier `{identifier}`")]
pub struct NameClash {
    /// What the names name: `"MCP servers"`, `"Tools of MCP server \`github\`"`, `"Sources"`.
    pub what: String,
    pub first: String,
    pub second: String,
    pub identifier: String,
}

/// Why a tool call failed. The call's future resolves to one of these; dropping the future
/// cancels the call instead (the server is told with `notifications/cancelled`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ToolCallError {
    /// The server, or the tool within it, is not one [`crate::McpServers`] knows.
    #[error("There is no tool `{tool}` in `{source_name}`")]
    UnknownTool { source_name: String, tool: String },
    /// The arguments do not match the tool's input schema.
    #[error(transparent)]
    InvalidArguments(#[from] InvalidArguments),
    /// The tool ran and reported an error (`isError: true`); `message` is its text.
    #[error("{message}")]
    Tool { message: String },
    /// The server answered with a JSON-RPC error.
    #[error("The MCP server answered with error {code}: {message}")]
    Protocol { code: i32, message: String },
    /// The server sent something that is not a valid result.
    #[error("The MCP server sent an invalid result: {0}")]
    InvalidResult(String),
    /// No answer within the timeout; the request was cancelled.
    #[error("No answer within {}", seconds(*.0))]
    TimedOut(Duration),
    /// The connection to the server is gone: the process exited, or the HTTP transport failed.
    #[error("The MCP server `{server}` is not running ({reason}){}", stderr_suffix(stderr))]
    ServerGone { server: String, reason: String, stderr: String },
}

/// Arguments that do not match a tool's input schema: every problem found, each with the JSON
/// path of the value at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Invalid arguments: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InvalidArguments {
    pub problems: Vec<Problem>,
}

/// One problem with an argument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Problem {
    /// A JSON path into the argument (`$` is the argument itself, `$.items[2].name`).
    pub path: String,
    pub message: String,
}

fn location(path: &str, line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ if path == "$" => String::new(),
        _ => format!(" at `{path}`"),
    }
}

/// The last lines of a server's stderr quoted in a message (the field keeps all that was
/// kept).
const QUOTED_STDERR_LINES: usize = 20;

fn stderr_suffix(stderr: &str) -> String {
    let stderr = stderr.trim_end();
    if stderr.is_empty() {
        return String::new();
    }
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines.len().saturating_sub(QUOTED_STDERR_LINES);
    format!("; its stderr ends with:\n{}", lines[start..].join("\n"))
}

fn seconds(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds.fract() == 0.0 { format!("{seconds:.0} s") } else { format!("{seconds:.3} s") }
}

/// `text` cut to at most `limit` characters, with `…` where it was cut: what a message quotes
/// of a server's or a schema's text.
pub(crate) fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(limit).collect();
    out.push('…');
    out
}
