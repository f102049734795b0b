//! `sandbox install`: a project's npm dependencies into its `node_modules`, from
//! `package-lock.json` as written, or resolved and written to it.

use std::time::Instant;

use crate::dependencies::{self, Dependencies};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::Report;
use crate::settings::InstallSettings;

pub(crate) fn install(settings: InstallSettings, printer: Printer) -> ExitStatus {
    let started = Instant::now();
    let project = match dependencies::project_of(&settings.project) {
        Some(project)
            if settings.project.is_file() || project == settings.project.canonicalize().unwrap_or_default() =>
        {
            project
        }
        _ => {
            let report = Report::new(
                ExitStatus::Usage,
                "no-package-json",
                format!("No package.json in `{}`", settings.project.display()),
            )
            .with_hint("run `sandbox install` in a project's directory, or create one with `npm init -y`");
            printer.command_error(&report);
            return report.status;
        }
    };
    match dependencies::install(
        &project,
        Dependencies { settings: &settings.dependencies, printer, bundle_limit: None },
    ) {
        Ok(installed) => {
            // With --verbose, the summary was already printed as a note.
            if !printer.output().verbose {
                printer.status(&capitalize(&dependencies::summary(&installed, started)));
            }
            ExitStatus::Success
        }
        Err(report) => {
            printer.command_error(&report);
            report.status
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map(|first| first.to_uppercase().chain(characters).collect()).unwrap_or_default()
}
