//! The console messages `--json` collects into `logs`, bounded as workerd bounds a request's
//! logs.

use serde::Serialize;

/// One console message, as `--json` lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogEntry {
    pub(crate) level: executor::LogLevel,
    pub(crate) message: String,
}

/// The most console messages `--json` keeps.
pub(crate) const MAX_LOG_MESSAGES: usize = 10_000;
/// The most bytes of console text `--json` keeps.
pub(crate) const MAX_LOG_BYTES: usize = 4 << 20;

/// The console messages `--json` keeps, as workerd keeps a request's logs: messages in order
/// until [`MAX_LOG_MESSAGES`] or [`MAX_LOG_BYTES`] is reached; that message and every later
/// one are counted in `dropped` instead, so the kept ones are the whole start of the output.
#[derive(Debug, Default, Clone)]
pub(crate) struct Logs {
    pub(crate) entries: Vec<LogEntry>,
    bytes: usize,
    pub(crate) dropped: DroppedLogs,
}

/// What `--json` left out of the console output: `"dropped_logs": {"messages", "bytes"}`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct DroppedLogs {
    pub(crate) messages: usize,
    pub(crate) bytes: usize,
}

impl Logs {
    pub(crate) fn push(&mut self, level: executor::LogLevel, message: String) {
        let fits = self.dropped.messages == 0
            && self.entries.len() < MAX_LOG_MESSAGES
            && self.bytes + message.len() <= MAX_LOG_BYTES;
        if fits {
            self.bytes += message.len();
            self.entries.push(LogEntry { level, message });
        } else {
            self.dropped.messages += 1;
            self.dropped.bytes += message.len();
        }
    }

    /// `dropped` when something was dropped.
    pub(crate) fn dropped(&self) -> Option<DroppedLogs> {
        (self.dropped.messages > 0).then_some(self.dropped)
    }
}
