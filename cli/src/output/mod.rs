//! Everything the user sees, printed: the printer (the only place that prints), the `--json`
//! object, text escaped for terminals, and progress bars.

mod printer;
mod progress;
mod sanitize;

pub(crate) use printer::{Logs, Printer, RunDetails};
pub(crate) use progress::InstallReporter;
