//! Everything the user sees, printed: the printer (the only place that prints), the `--json`
//! object, text escaped for terminals, and progress bars.

mod format;
mod json;
mod logs;
mod printer;
mod progress;
mod sanitize;

pub(crate) use logs::Logs;
pub(crate) use printer::{Output, Printer, RunDetails};
pub(crate) use progress::InstallReporter;
