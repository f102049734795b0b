//! Everything the user sees, printed: the printer (the only place that prints), the `--json`
//! object, text escaped for terminals, and progress bars.

mod format;
mod json;
mod logs;
mod printer;
mod progress;
mod sanitize;

pub(crate) use logs::Logs;
pub(crate) use printer::{Printer, RunDetails};
pub(crate) use progress::InstallReporter;

/// How results and messages are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Output {
    pub(crate) json: bool,
    pub(crate) pretty: bool,
    pub(crate) quiet: bool,
    pub(crate) verbose: bool,
    pub(crate) outbound_log: bool,
}
