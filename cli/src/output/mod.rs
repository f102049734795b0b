//! Everything the user sees, printed: the printer (the only place that prints) and what it
//! uses: the `--json` objects (`json.rs`), the console messages `--json` keeps (`logs.rs`),
//! layout and colour (`format.rs`), escaping for terminals (`sanitize.rs`), and npm progress
//! bars (`progress.rs`). What a failure says is decided in `report/`.

mod format;
mod json;
mod logs;
mod printer;
mod progress;
mod sanitize;

pub(crate) use format::write_indented;
pub(crate) use logs::Logs;
pub(crate) use printer::{Output, Printer, RunDetails};
pub(crate) use progress::InstallReporter;
