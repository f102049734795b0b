//! `sandbox cache dir` and `sandbox cache clean`.

use crate::dependencies;
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::Report;

/// Prints the cache directory on stdout.
pub(crate) fn dir(printer: Printer) -> ExitStatus {
    let cache = dependencies::cache();
    match printer.data(&cache.root().display().to_string()) {
        Ok(()) => ExitStatus::Success,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(_) => ExitStatus::Internal,
    }
}

/// Removes everything in the cache.
pub(crate) fn clean(printer: Printer) -> ExitStatus {
    let cache = dependencies::cache();
    match cache.clean() {
        Ok(removed) => {
            printer.status(&format!("Removed {removed} entries from {}", cache.root().display()));
            ExitStatus::Success
        }
        Err(error) => {
            let report = dependencies::install_report(&error, &[])
                .with_hint("check the permissions of the cache directory (`sandbox cache dir`)");
            let report = Report { status: ExitStatus::Usage, ..report };
            printer.command_error(&report);
            report.status
        }
    }
}
