//! `sandbox bundle`: a project to the Worker Loader module map it runs as, on stdout or in a
//! file.

use std::io::Write;
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
    printer.verbose(&input::describe(&bundle));
    let bundled_in = started.elapsed();
    let modules = bundle.module_map.modules.len();
    let made = |size: u64| {
        format!(
            "bundled in {:.1}ms, {modules} module(s), {}",
            bundled_in.as_secs_f64() * 1e3,
            executor::format_bytes(usize::try_from(size).unwrap_or(usize::MAX)),
        )
    };
    // The map is written as it is serialized, not held in memory a second time.
    let write_map = |writer: &mut dyn Write| -> std::io::Result<u64> {
        let mut counted = Counted { inner: std::io::BufWriter::with_capacity(1 << 16, writer), bytes: 0 };
        bundle.module_map.write_json(&mut counted)?;
        let size = counted.bytes;
        counted.write_all(b"\n")?;
        counted.flush()?;
        Ok(size)
    };
    let Some(path) = &settings.output_file else {
        return match write_map(&mut std::io::stdout().lock()) {
            Ok(size) => {
                printer.verbose(&made(size));
                ExitStatus::Success
            }
            // `sandbox bundle | head` closes the pipe early: that is fine.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
            Err(error) => {
                let report =
                    Report::new(ExitStatus::Internal, "output", format!("Cannot write the module map: {error}"));
                printer.command_error(&report);
                report.status
            }
        };
    };
    match write_atomically_with(path, |file| write_map(file)) {
        Ok(size) => {
            printer.verbose(&made(size));
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

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `bytes` to a temporary file next to `path` and renames it over `path`, so `path` is
/// either what it was or the whole new content, never half-written.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| {
        file.write_all(bytes)?;
        file.write_all(b"\n")
    })
}

/// [`write_atomically`] of what `write` writes to the temporary file.
fn write_atomically_with<T>(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<T>,
) -> std::io::Result<T> {
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
        .and_then(|mut file| write(&mut file))
        .and_then(|value| std::fs::rename(&temporary, path).map(|()| value));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
