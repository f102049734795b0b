//! Draws what `npm_cache` reports: a progress bar on a terminal, a line per fetch with
//! `--verbose`, nothing otherwise. The only place indicatif is used.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use npm_cache::{FetchKind, FetchOutcome, Reporter};

use crate::printer::Printer;

pub(crate) struct InstallReporter {
    printer: Printer,
    /// Present when stderr is a terminal and nothing else is printed there.
    bar: Option<ProgressBar>,
    fetches: Mutex<HashMap<usize, (FetchKind, String, String, Instant)>>,
}

impl InstallReporter {
    pub(crate) fn new(printer: Printer) -> InstallReporter {
        let bar = printer.show_progress().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar.set_message("Resolving dependencies");
            bar
        });
        InstallReporter { printer, bar, fetches: Mutex::new(HashMap::new()) }
    }

    /// Removes the bar before anything else is printed.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn fetches(&self) -> std::sync::MutexGuard<'_, HashMap<usize, (FetchKind, String, String, Instant)>> {
        self.fetches.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for InstallReporter {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Reporter for InstallReporter {
    fn on_fetch_plan(&self, tarballs: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(tarballs as u64);
            bar.set_position(0);
            bar.set_style(
                ProgressStyle::with_template("{spinner} Fetching [{bar:30}] {pos}/{len} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
        }
    }

    fn on_fetch_start(&self, id: usize, kind: FetchKind, package: &str, url: &str) {
        if let Some(bar) = &self.bar {
            let verb = if kind == FetchKind::Packument { "Resolving" } else { "" };
            bar.set_message(format!("{verb} {package}").trim().to_owned());
        }
        self.fetches().insert(id, (kind, package.to_owned(), url.to_owned(), Instant::now()));
    }

    fn on_fetch_complete(&self, id: usize, outcome: FetchOutcome) {
        let Some((kind, _package, url, started)) = self.fetches().remove(&id) else { return };
        if let Some(bar) = &self.bar
            && kind == FetchKind::Tarball
        {
            bar.inc(1);
        }
        let status = match (outcome.status, outcome.not_modified) {
            (_, true) => "304, not modified".to_owned(),
            (Some(status), false) => format!("{status}, {}", executor::format_bytes(outcome.bytes as usize)),
            (None, false) => "failed".to_owned(),
        };
        let what = if kind == FetchKind::Packument { "packument" } else { "tarball" };
        self.printer
            .verbose(&format!("fetched {what} {url} ({status}, {:.0}ms)", started.elapsed().as_secs_f64() * 1e3));
    }

    fn on_fetch_retry(&self, id: usize, attempt: u32, reason: &str) {
        if let Some((_, _, url, _)) = self.fetches().get(&id) {
            self.printer.verbose(&format!("retrying {url} (attempt {} failed: {reason})", attempt));
        }
    }
}
