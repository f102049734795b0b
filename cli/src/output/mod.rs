//! Everything the user sees, printed: the printer (the only place that prints), the `--json`
//! object, text escaped for terminals, and progress bars.

mod printer;
mod progress;
mod sanitize;

pub(crate) use printer::{Logs, Printer, RunDetails};
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
