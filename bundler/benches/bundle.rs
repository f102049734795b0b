//! In-process cost of `bundle`: a project on disk to a module map, every run from scratch (a
//! fresh resolver, files read and parsed again), as one `sandbox bundle` or `sandbox run`
//! does it.
//!
//!     npm ci --prefix bench/fixtures/hono-zod    # once; bench/bundle does it
//!     cargo bench -p bundler --bench bundle
//!
//! Prints a Markdown table (percentiles of many runs) for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bundler::{BundleOptions, Mode, bundle};

const RUNS: usize = 200;

fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    samples.sort_unstable();
    samples[((samples.len() as f64 - 1.0) * fraction).round() as usize]
}

/// Bundles `project` `RUNS` times after a warm-up, and prints a table row.
fn measure(what: &str, project: &Path, mode: Mode) {
    let options = BundleOptions { mode, ..BundleOptions::default() };
    let first = bundle(&options, project).unwrap_or_else(|error| panic!("{} bundles: {error}", project.display()));
    let modules = first.module_map.modules.len();
    let bytes = first.module_map.to_json().len();
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let bundled = bundle(&options, project).expect("the project bundled before");
            std::hint::black_box(bundled);
            started.elapsed()
        })
        .collect();
    let micros = |duration: Duration| duration.as_micros();
    println!(
        "| {what} | {mode:?} | {modules} | {} KiB | {} | {} | {} |",
        bytes / 1024,
        micros(percentile(&mut samples, 0.5)),
        micros(percentile(&mut samples, 0.9)),
        micros(percentile(&mut samples, 0.99)),
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bundler/ is in the workspace").to_path_buf();
    let hono_zod: PathBuf = root.join("bench/fixtures/hono-zod");
    assert!(
        hono_zod.join("node_modules/hono").is_dir(),
        "install the fixture's packages first: npm ci --prefix bench/fixtures/hono-zod"
    );
    println!("| project (in one process, {RUNS} runs each) | mode | modules | map | p50 µs | p90 µs | p99 µs |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for mode in [Mode::Bundle, Mode::Transform] {
        measure("hono + zod app (`bench/fixtures/hono-zod`)", &hono_zod, mode);
        measure("50 TypeScript files (`bench/fixtures/ts-50`)", &root.join("bench/fixtures/ts-50"), mode);
        measure(
            "5 TypeScript files (`bundler/tests/fixtures/typescript_project`)",
            &root.join("bundler/tests/fixtures/typescript_project"),
            mode,
        );
    }
}
