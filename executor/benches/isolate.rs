//! In-process cost of a sandbox: a fresh isolate from the snapshot, a hello module, the
//! entrypoint called, the result serialised, and the isolate disposed; and the memory a live
//! sandbox holds. A bare V8 isolate + context + script + dispose is measured in the same
//! run as the floor, in the same two conditions: alone in the process (V8 then sets up its
//! shared read-only heap for every isolate) and with another isolate alive (as the executor
//! keeps one from the second sandbox of a process on). The first sandbox of a fresh process,
//! V8's set-up included, is measured in child processes.
//!
//!     cargo bench -p executor --bench isolate
//!
//! Prints a Markdown table (medians of many runs) for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

#[path = "support/bare.rs"]
mod bare;

use std::time::{Duration, Instant};

use executor::{DiscardConsole, Invocation, Limits, ModuleKind, ModuleSource, Options, Sandbox};

const HELLO: &[u8] = b"export default { hello() { return { message: 'Hello from a fresh V8 isolate!' }; } };";
const RUNS: usize = 2000;
const LIVE: usize = 200;
/// Child processes for the first-sandbox measurement.
const PROCESSES: usize = 100;
/// The argument that makes this binary a child: run one sandbox, print its microseconds.
const FIRST_SANDBOX: &str = "--first-sandbox";

fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    samples.sort_unstable();
    samples[((samples.len() as f64 - 1.0) * fraction).round() as usize]
}

fn sandbox_hello() {
    let modules = [ModuleSource { specifier: "hello.js", kind: ModuleKind::EsModule, code: HELLO }];
    let outcome =
        Sandbox::new(Options::default()).run("hello.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    assert!(outcome.result.expect("hello runs").is_some());
}

/// A bare isolate, kept alive on its own thread until the returned sender is dropped.
fn bare_keeper() -> (std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let (ready, started) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let _isolate = v8::Isolate::new(v8::CreateParams::default());
        let _ = ready.send(());
        let _ = stopped.recv();
    });
    started.recv().expect("the bare keeper started");
    (stop, thread)
}

/// Runs this binary `PROCESSES` times as a child that times its first sandbox.
fn first_sandbox_in_fresh_processes() -> String {
    let exe = std::env::current_exe().expect("own path");
    let mut samples: Vec<Duration> = (0..PROCESSES)
        .filter_map(|_| {
            let output = std::process::Command::new(&exe).arg(FIRST_SANDBOX).output().ok()?;
            let text = String::from_utf8(output.stdout).ok()?;
            Some(Duration::from_micros(text.trim().parse().ok()?))
        })
        .collect();
    assert_eq!(samples.len(), PROCESSES, "every child reported its time");
    let p50 = percentile(&mut samples, 0.5);
    let p90 = percentile(&mut samples, 0.9);
    let p99 = percentile(&mut samples, 0.99);
    format!(
        "| first sandbox of a fresh process, V8 set-up included ({PROCESSES} processes) | {:.0} | {:.0} | {:.0} |",
        micros(p50),
        micros(p90),
        micros(p99)
    )
}

fn measure(name: &str, runs: usize, mut work: impl FnMut()) -> (String, Duration) {
    for _ in 0..runs / 10 {
        work();
    }
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        work();
        samples.push(started.elapsed());
    }
    let p50 = percentile(&mut samples, 0.5);
    let p90 = percentile(&mut samples, 0.9);
    let p99 = percentile(&mut samples, 0.99);
    let row = format!("| {name} | {:.0} | {:.0} | {:.0} |", micros(p50), micros(p90), micros(p99));
    (row, p50)
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm.split_whitespace().nth(1).and_then(|field| field.parse().ok()).unwrap_or(0);
    pages * 4096
}

/// Tells the benchmark that a sandbox has started (its code logs once it runs).
struct Started(std::sync::mpsc::Sender<()>);

impl executor::Console for Started {
    fn log(&mut self, _level: executor::LogLevel, _message: &str) {
        let _ = self.0.send(());
    }
}

/// Memory per live sandbox: LIVE sandboxes on their own threads, each waiting on a timer in
/// its event loop, measured by the process's resident set.
fn live_sandbox_memory() -> f64 {
    const WAITING: &[u8] =
        b"export default async () => { console.log('up'); await new Promise((r) => setTimeout(r, 3000)); return 1; }";
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let before = resident_bytes();
    let threads: Vec<_> = (0..LIVE)
        .map(|_| {
            let started = Started(started_tx.clone());
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || {
                    let modules = [ModuleSource { specifier: "live.js", kind: ModuleKind::EsModule, code: WAITING }];
                    let limits = Limits { wall_time: Duration::from_secs(60), ..Limits::default() };
                    let options = Options { limits, ..Options::default() };
                    Sandbox::new(options).run("live.js", &modules, &Invocation::default(), Box::new(started))
                })
                .expect("spawn a thread")
        })
        .collect();
    for _ in 0..LIVE {
        started_rx.recv().expect("a sandbox started");
    }
    let during = resident_bytes();
    for thread in threads {
        let _ = thread.join();
    }
    during.saturating_sub(before) as f64 / LIVE as f64
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some(FIRST_SANDBOX) {
        let started = Instant::now();
        sandbox_hello();
        println!("{}", started.elapsed().as_micros());
        return;
    }
    let mut rows = Vec::new();
    rows.push(first_sandbox_in_fresh_processes());
    // The first sandbox initialises V8 (flags, platform) for the whole process.
    sandbox_hello();
    // Bare V8 before the sandboxes, alone and then beside a bare isolate kept alive.
    let (row, bare_alone) = measure(
        "bare V8: isolate + context + script + dispose, alone in the process",
        RUNS,
        bare::isolate_context_script_dispose,
    );
    rows.push(row);
    let (stop, keeper) = bare_keeper();
    let (row, bare) = measure("bare V8, another isolate alive", RUNS, bare::isolate_context_script_dispose);
    rows.push(row);
    drop(stop);
    keeper.join().expect("the bare keeper ends");
    // From the second sandbox on, the executor keeps an idle isolate alive by itself.
    let (row, sandbox) =
        measure("sandbox: fresh isolate + hello + dispose (from the second of a process on)", RUNS, sandbox_hello);
    rows.push(row);
    let memory = live_sandbox_memory();

    println!("| what (in one process, {RUNS} runs each) | p50 µs | p90 µs | p99 µs |");
    println!("|---|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }
    println!();
    println!(
        "sandbox p50 / bare V8 p50 (another isolate alive): {:.2}x; bare V8 alone in the process: {:.0} µs",
        micros(sandbox) / micros(bare),
        micros(bare_alone)
    );
    println!(
        "resident memory per live sandbox ({LIVE} alive at once, each waiting on a timer): {:.2} MiB",
        memory / (1 << 20) as f64
    );
}
