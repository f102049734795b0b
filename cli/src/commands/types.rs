//! `sandbox types`: the TypeScript declarations of the tools `--mcp-config` and `--openapi`
//! grant, printed or written to a file, to prompt a model with or for an editor.

use std::io::Write as _;
use std::path::Path;

use crate::exit::ExitStatus;
use crate::output::Printer;
use crate::report::Report;
use crate::settings::ToolSettings;

pub(crate) fn types(
    settings: &ToolSettings,
    env_interface: bool,
    output: Option<&Path>,
    printer: Printer,
) -> ExitStatus {
    if !settings.any() {
        let report = Report::new(ExitStatus::Usage, "no-tools", "No tools to declare")
            .with_hint("name their sources: --mcp-config .mcp.json or --openapi NAME=FILE");
        printer.command_error(&report);
        return report.status;
    }
    let granted = match crate::tools::Granted::start(settings) {
        Ok(granted) => granted,
        Err(report) => {
            printer.command_error(&report);
            return report.status;
        }
    };
    let style = if env_interface {
        capabilities::DeclarationStyle::EnvInterface
    } else {
        capabilities::DeclarationStyle::Globals
    };
    let declarations = capabilities::declarations(&granted.catalog, style);
    let printer = printer.with_secrets(granted.secrets.clone());
    drop(granted);
    match output {
        Some(file) => match write_file(file, &declarations) {
            Ok(()) => ExitStatus::Success,
            Err(report) => {
                printer.command_error(&report);
                report.status
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(declarations.as_bytes()).and_then(|()| stdout.flush()) {
                Ok(()) => ExitStatus::Success,
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
                Err(error) => {
                    let report = Report::new(ExitStatus::Internal, "stdout", format!("Cannot write stdout: {error}"));
                    printer.command_error(&report);
                    report.status
                }
            }
        }
    }
}

/// Writes declarations to `file`, whole or not at all.
pub(crate) fn write_file(file: &Path, declarations: &str) -> Result<(), Box<Report>> {
    super::bundle::write_atomically(file, declarations.trim_end().as_bytes()).map_err(|error| {
        Box::new(
            Report::new(ExitStatus::Usage, "unwritable-output", format!("Cannot write `{}`", file.display()))
                .with_cause(error.to_string())
                .with_hint("check that the directory exists and is writable"),
        )
    })
}
