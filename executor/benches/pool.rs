//! Throughput of `executor::Pool` in one process, without HTTP: hello jobs submitted as fast
//! as they finish, a fresh isolate each, on one thread per core; and the latency of one job
//! at a time, when the pool's threads have isolates made ahead. The floor under what `sandbox
//! serve` can do (bench/serve measures the server). The floor under that: the same number of
//! threads doing nothing but what V8 itself needs for a fresh isolate (create an isolate from
//! V8's own snapshot, make a context, run a one-line script, dispose), measured in a child
//! process (isolates from two different snapshots cannot share a process).
//!
//!     cargo bench -p executor --bench pool
//!     THREADS=1 JOBS=5000 cargo bench -p executor --bench pool   # fewer threads, shorter
//!
//! Prints a Markdown table for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

#[path = "support/bare.rs"]
mod bare;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use executor::{Call, DiscardConsole, Job, ModuleKind, Options, OwnedModule, Pool, PoolOptions};

const HELLO: &str = "export default { hello() { return { message: 'Hello from a fresh V8 isolate!' }; } };";
/// Jobs in the saturated phase (`JOBS` overrides).
fn jobs() -> usize {
    std::env::var("JOBS").ok().and_then(|jobs| jobs.parse().ok()).unwrap_or(20_000)
}
const SEQUENTIAL: usize = 2_000;
/// The argument that makes this binary the child measuring bare V8: `--bare-v8 THREADS`.
const BARE_V8: &str = "--bare-v8";

fn job(modules: &Arc<[OwnedModule]>) -> Job {
    Job {
        main: "hello.js".into(),
        modules: Arc::clone(modules),
        call: Call { method: Some("hello".into()), ..Call::default() },
        options: Options::default(),
        console: Box::new(DiscardConsole),
    }
}

fn percentile(samples: &mut [Duration], fraction: f64) -> f64 {
    samples.sort_unstable();
    samples[((samples.len() as f64 - 1.0) * fraction).round() as usize].as_secs_f64() * 1e6
}

/// In the child: `threads` threads each creating, using and disposing bare isolates
/// ([`bare::isolate_context_script_dispose`]) until `jobs` have been made in all; prints jobs
/// per second.
fn bare_v8(threads: usize, jobs: usize) {
    let platform = v8::new_default_platform(0, false).make_shared();
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();
    let remaining = Arc::new(std::sync::atomic::AtomicUsize::new(jobs));
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let remaining = Arc::clone(&remaining);
            std::thread::spawn(move || {
                while remaining
                    .fetch_update(std::sync::atomic::Ordering::Relaxed, std::sync::atomic::Ordering::Relaxed, |left| {
                        left.checked_sub(1)
                    })
                    .is_ok()
                {
                    bare::isolate_context_script_dispose();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("a bare V8 thread finishes");
    }
    println!("{:.0}", jobs as f64 / started.elapsed().as_secs_f64());
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if let [_, flag, threads, jobs, ..] = arguments.as_slice()
        && flag == BARE_V8
    {
        bare_v8(threads.parse().expect("a thread count"), jobs.parse().expect("a job count"));
        return;
    }
    let jobs = jobs();
    let modules: Arc<[OwnedModule]> =
        Arc::new([OwnedModule { specifier: "hello.js".into(), kind: ModuleKind::EsModule, code: HELLO.into() }]);
    let mut options = PoolOptions { queue: 64, ..PoolOptions::default() };
    if let Some(threads) = std::env::var("THREADS").ok().and_then(|threads| threads.parse().ok()) {
        options.threads = threads;
    }
    let pool = Pool::new(options).expect("threads start");

    // Saturated: keep the queue full until JOBS have finished.
    let (sender, finished) = mpsc::channel();
    let started = Instant::now();
    let mut submitted = 0;
    let mut done = 0;
    let mut warm = 0;
    while done < jobs {
        while submitted < jobs {
            let sender = sender.clone();
            match pool.submit(
                job(&modules),
                Box::new(move |finished| {
                    let _ = sender.send(finished.warm);
                }),
            ) {
                Ok(_) => submitted += 1,
                Err(_) => break,
            }
        }
        if finished.recv().expect("a job finishes") {
            warm += 1;
        }
        done += 1;
    }
    let elapsed = started.elapsed();

    // One at a time, after a pause in which the threads make isolates ahead.
    let mut samples = Vec::with_capacity(SEQUENTIAL);
    for _ in 0..SEQUENTIAL {
        std::thread::sleep(Duration::from_millis(2));
        let (sender, finished) = mpsc::channel();
        let begun = Instant::now();
        pool.submit(
            job(&modules),
            Box::new(move |finished| {
                let _ = sender.send(finished.warm);
            }),
        )
        .expect("queued");
        assert!(finished.recv().expect("the job finishes"), "the job ran in an isolate made ahead");
        samples.push(begun.elapsed());
    }
    let bare = std::process::Command::new(&arguments[0])
        .args([BARE_V8, &options.threads.to_string(), &jobs.to_string()])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map_or_else(|| "failed".to_string(), |output| String::from_utf8_lossy(&output.stdout).trim().to_string());
    println!("| executor::Pool, {} threads, hello | value |", options.threads);
    println!("|---|---:|");
    println!("| jobs/s, queue kept full ({jobs} jobs) | {:.0} |", jobs as f64 / elapsed.as_secs_f64());
    println!(
        "| floor: bare V8 on as many threads (isolate from V8's snapshot + context + script + dispose), per s | {bare} |"
    );
    println!("| of them in isolates made ahead | {warm} |");
    println!("| one job at a time, isolate made ahead: p50 µs | {:.0} |", percentile(&mut samples, 0.5));
    println!("| p90 µs | {:.0} |", percentile(&mut samples, 0.9));
    println!("| p99 µs | {:.0} |", percentile(&mut samples, 0.99));
}
