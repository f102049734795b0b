//! In-process cost of `bundle`: a project on disk to a module map, every run from scratch (a
//! fresh resolver, files read and parsed again), as one `sandbox run` does it (with the maps
//! back to the files that its stack traces use, which `sandbox bundle` leaves out), with one
//! thread per core (the threads are made once per process). Each project's map is first
//! checked to be the same as with one thread.
//!
//!     npm ci --prefix bench/fixtures/hono-zod      # once each; bench/bundle does it
//!     npm ci --prefix bench/fixtures/s3-presign
//!     cargo bench -p bundler --bench bundle
//!     cargo bench -p bundler --bench bundle -- --runs 20 S3 Bundle   # rows with both words
//!     cargo bench -p bundler --bench bundle -- --threads 1            # file after file
//!
//! Prints a Markdown table (percentiles of many runs) for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bundler::{BundleOptions, Mode, bundle};

/// Runs of each project unless `--runs N` says otherwise.
const RUNS: usize = 200;

fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    samples.sort_unstable();
    samples[((samples.len() as f64 - 1.0) * fraction).round() as usize]
}

/// Bundles `project` `runs` times after a warm-up, and prints a table row.
fn measure(what: &str, project: &Path, mode: Mode, runs: usize, threads: Option<usize>) {
    let options = BundleOptions { mode, threads, ..BundleOptions::default() };
    let first = bundle(&options, project).unwrap_or_else(|error| panic!("{} bundles: {error}", project.display()));
    // The map is the same whatever the number of threads.
    let in_turn = bundle(&BundleOptions { threads: Some(1), ..options.clone() }, project).expect("it bundled");
    assert!(
        in_turn.module_map == first.module_map && in_turn.origins == first.origins,
        "{} ({mode:?}): the map with one thread differs",
        project.display()
    );
    let modules = first.module_map.modules.len();
    let bytes = first.module_map.to_json().len();
    let mut samples: Vec<Duration> = (0..runs)
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
    // `cargo bench` passes `--bench`; `--runs N`, `--threads N` and words that every row
    // measured has may follow `--` (`S3`, `Transform`).
    let mut runs = RUNS;
    let mut threads = None;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--runs" => runs = args.next().and_then(|runs| runs.parse().ok()).expect("--runs takes a number"),
            "--threads" => threads = args.next().and_then(|threads| threads.parse().ok()),
            filter => filters.push(filter.to_owned()),
        }
    }
    let projects: Vec<(&str, PathBuf)> = vec![
        ("AWS SDK S3 presigner app (`bench/fixtures/s3-presign`)", root.join("bench/fixtures/s3-presign")),
        ("hono + zod app (`bench/fixtures/hono-zod`)", root.join("bench/fixtures/hono-zod")),
        ("50 TypeScript files (`bench/fixtures/ts-50`)", root.join("bench/fixtures/ts-50")),
        (
            "5 TypeScript files (`bundler/tests/fixtures/typescript_project`)",
            root.join("bundler/tests/fixtures/typescript_project"),
        ),
    ];
    for (installed, fixture) in [("node_modules/hono", "hono-zod"), ("node_modules/@aws-sdk/client-s3", "s3-presign")] {
        let fixture = root.join("bench/fixtures").join(fixture);
        assert!(
            fixture.join(installed).is_dir(),
            "install the fixture's packages first: npm ci --prefix {}",
            fixture.display()
        );
    }
    println!("| project (in one process, {runs} runs each) | mode | modules | map | p50 µs | p90 µs | p99 µs |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for mode in [Mode::Bundle, Mode::Transform] {
        for (what, project) in &projects {
            let row = format!("{what} {mode:?}");
            if filters.iter().all(|filter| row.contains(filter.as_str())) {
                measure(what, project, mode, runs, threads);
            }
        }
    }
}
