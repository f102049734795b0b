//! `sandbox bundle`: a project to the Worker Loader module map it runs as, on stdout or in a
//! file.

use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::compatibility::Source;
use crate::exit::ExitStatus;
use crate::input;
use crate::output::Printer;
use crate::report::Report;
use crate::settings::BundleSettings;

pub(crate) fn bundle(settings: BundleSettings, printer: Printer) -> ExitStatus {
    let started = Instant::now();
    let dependencies =
        crate::dependencies::Dependencies { settings: &settings.dependencies, printer, bundle_limit: None };
    let mut bundle = match input::bundle(&settings.input, &settings.options, dependencies) {
        Ok(bundle) => bundle,
        Err(report) => {
            printer.command_error(&report);
            return report.status;
        }
    };
    // Every map has a date, as Worker Loader needs one: the given one, else the newest the
    // runtime implements. What the wrangler config sets is checked as workerd checks it.
    let map = &mut bundle.module_map;
    let source = bundle.config_file.clone().map_or(Source::None, Source::WranglerConfig);
    match settings.compatibility.resolve(map.compatibility_date.as_deref(), &map.compatibility_flags, &source) {
        Ok(compatibility) => map.compatibility_date = Some(compatibility.date().to_owned()),
        Err(report) => {
            printer.command_error(&report);
            return report.status;
        }
    }
    let json = bundle.module_map.to_json();
    printer.verbose(&input::describe(&bundle));
    printer.verbose(&format!(
        "bundled in {:.1}ms, {} module(s), {}",
        started.elapsed().as_secs_f64() * 1e3,
        bundle.module_map.modules.len(),
        executor::format_bytes(json.len()),
    ));
    let Some(path) = &settings.output_file else {
        return match printer.data(&json) {
            // `sandbox bundle | head` closes the pipe early: that is fine.
            Ok(()) => ExitStatus::Success,
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
            Err(error) => {
                let report =
                    Report::new(ExitStatus::Internal, "output", format!("Cannot write the module map: {error}"));
                printer.command_error(&report);
                report.status
            }
        };
    };
    match write_atomically(path, json.as_bytes()) {
        Ok(()) => {
            printer.verbose(&format!("wrote {}", path.display()));
            ExitStatus::Success
        }
        Err(error) => {
            let report =
                Report::new(ExitStatus::Usage, "unwritable-output", format!("Cannot write `{}`", path.display()))
                    .with_cause(error.to_string())
                    .with_hint("check that the directory exists and is writable");
            printer.command_error(&report);
            report.status
        }
    }
}

/// Writes `bytes` to a temporary file next to `path` and renames it over `path`, so `path` is
/// either what it was or the whole new content, never half-written.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let temporary = directory.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.write_all(b"\n")
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
