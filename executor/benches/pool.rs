//! Throughput of `executor::Pool` in one process, without HTTP: hello jobs submitted as fast
//! as they finish, a fresh isolate each, on one thread per core; and the latency of one job
//! at a time, when the pool's threads have isolates made ahead. The floor under what `sandbox
//! serve` can do (bench/serve measures the server).
//!
//!     cargo bench -p executor --bench pool
//!
//! Prints a Markdown table for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use executor::{Call, DiscardConsole, Job, ModuleKind, Options, OwnedModule, Pool, PoolOptions};

const HELLO: &str = "export default { hello() { return { message: 'Hello from a fresh V8 isolate!' }; } };";
const JOBS: usize = 20_000;
const SEQUENTIAL: usize = 2_000;

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

fn main() {
    let modules: Arc<[OwnedModule]> =
        Arc::new([OwnedModule { specifier: "hello.js".into(), kind: ModuleKind::EsModule, code: HELLO.into() }]);
    let options = PoolOptions { queue: 64, ..PoolOptions::default() };
    let pool = Pool::new(options).expect("threads start");

    // Saturated: keep the queue full until JOBS have finished.
    let (sender, finished) = mpsc::channel();
    let started = Instant::now();
    let mut submitted = 0;
    let mut done = 0;
    let mut warm = 0;
    while done < JOBS {
        while submitted < JOBS {
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
    println!("| executor::Pool, {} threads, hello | value |", options.threads);
    println!("|---|---:|");
    println!("| jobs/s, queue kept full ({JOBS} jobs) | {:.0} |", JOBS as f64 / elapsed.as_secs_f64());
    println!("| of them in isolates made ahead | {warm} |");
    println!("| one job at a time, isolate made ahead: p50 µs | {:.0} |", percentile(&mut samples, 0.5));
    println!("| p90 µs | {:.0} |", percentile(&mut samples, 0.9));
    println!("| p99 µs | {:.0} |", percentile(&mut samples, 0.99));
}
