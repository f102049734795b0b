//! `GET /metrics`: what the server did, in Prometheus's text format (version 0.0.4). Counters
//! and histograms are kept here as requests finish; gauges (queue depth, isolates made ahead,
//! caches) are read from the pool and the caches when scraped.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Bucket bounds of the latency histograms, in seconds.
const BUCKETS: [f64; 16] =
    [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// A latency histogram.
pub(crate) struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

impl Histogram {
    const fn new() -> Histogram {
        Histogram {
            buckets: [const { AtomicU64::new(0) }; BUCKETS.len()],
            count: AtomicU64::new(0),
            sum_nanos: AtomicU64::new(0),
        }
    }

    pub(crate) fn observe(&self, duration: Duration) {
        let seconds = duration.as_secs_f64();
        if let Some(index) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            self.buckets[index].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_nanos.fetch_add(u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    fn write(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(out, "{name}_sum {}", self.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9);
        let _ = writeln!(out, "{name}_count {count}");
    }
}

/// The server's counters and histograms.
pub(crate) struct Metrics {
    /// Requests by route and status.
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    /// Runs by outcome: `ok`, or the error's code (`uncaught`, `limit`, ...).
    runs: Mutex<BTreeMap<String, u64>>,
    /// Runs stopped by a limit, by limit.
    limits: Mutex<BTreeMap<&'static str, u64>>,
    /// Tool calls by outcome.
    tool_calls: Mutex<BTreeMap<&'static str, u64>>,
    /// Requests refused with 429, by reason.
    pub(crate) rejected_queue_full: AtomicU64,
    pub(crate) rejected_token_concurrency: AtomicU64,
    /// From the start of a run to its isolate being ready.
    pub(crate) isolate_start: Histogram,
    /// A run, from its start to its result.
    pub(crate) run: Histogram,
    /// Time a run waited in the queue.
    pub(crate) queue_wait: Histogram,
    /// A request, from its first byte read to its response.
    pub(crate) request: Histogram,
}

/// What the gauges are now, read when scraped.
pub(crate) struct Gauges {
    pub(crate) pool: executor::PoolStats,
    pub(crate) code_cache: executor::CodeCacheStats,
    pub(crate) workers: (usize, usize),
    pub(crate) workers_evicted: u64,
    pub(crate) in_flight: usize,
}

impl Metrics {
    pub(crate) const fn new() -> Metrics {
        Metrics {
            requests: Mutex::new(BTreeMap::new()),
            runs: Mutex::new(BTreeMap::new()),
            limits: Mutex::new(BTreeMap::new()),
            tool_calls: Mutex::new(BTreeMap::new()),
            rejected_queue_full: AtomicU64::new(0),
            rejected_token_concurrency: AtomicU64::new(0),
            isolate_start: Histogram::new(),
            run: Histogram::new(),
            queue_wait: Histogram::new(),
            request: Histogram::new(),
        }
    }

    pub(crate) fn request(&self, route: &'static str, status: u16, duration: Duration) {
        *lock(&self.requests).entry((route, status)).or_default() += 1;
        self.request.observe(duration);
    }

    /// A finished run: its outcome (`ok` or an error code) and the limit that stopped it.
    pub(crate) fn run(&self, outcome: &str, limit: Option<executor::Limit>, finished: &executor::Finished) {
        *lock(&self.runs).entry(outcome.to_owned()).or_default() += 1;
        if let Some(limit) = limit {
            let name = match limit {
                executor::Limit::CpuTime(_) => "cpu_time",
                executor::Limit::WallTime(_) => "wall_time",
                executor::Limit::Memory(_) => "memory",
            };
            *lock(&self.limits).entry(name).or_default() += 1;
        }
        if !finished.outcome.tool_calls.is_empty() {
            let mut calls = lock(&self.tool_calls);
            for call in &finished.outcome.tool_calls {
                *calls.entry(tool_outcome(&call.outcome)).or_default() += 1;
            }
        }
        let stats = &finished.outcome.stats;
        if !stats.isolate_start.is_zero() {
            self.isolate_start.observe(stats.isolate_start);
        }
        self.run.observe(stats.wall);
        self.queue_wait.observe(finished.waited);
    }

    /// Everything, in Prometheus's text format.
    pub(crate) fn render(&self, gauges: &Gauges) -> String {
        let mut out = String::with_capacity(8192);
        let counter = |out: &mut String, name: &str, help: &str| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
        };
        let gauge = |out: &mut String, name: &str, help: &str, value: f64| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        };
        counter(&mut out, "sandbox_requests_total", "HTTP requests answered, by route and status.");
        for ((route, status), count) in lock(&self.requests).iter() {
            let _ = writeln!(out, "sandbox_requests_total{{route=\"{route}\",status=\"{status}\"}} {count}");
        }
        counter(&mut out, "sandbox_runs_total", "Runs finished, by outcome (ok, or the error's code).");
        for (outcome, count) in lock(&self.runs).iter() {
            let _ = writeln!(out, "sandbox_runs_total{{outcome=\"{}\"}} {count}", escape_label(outcome));
        }
        counter(&mut out, "sandbox_limits_total", "Runs stopped by a limit, by limit.");
        for (limit, count) in lock(&self.limits).iter() {
            let _ = writeln!(out, "sandbox_limits_total{{limit=\"{limit}\"}} {count}");
        }
        counter(&mut out, "sandbox_tool_calls_total", "Calls of capabilities' tools, by outcome.");
        for (outcome, count) in lock(&self.tool_calls).iter() {
            let _ = writeln!(out, "sandbox_tool_calls_total{{outcome=\"{outcome}\"}} {count}");
        }
        counter(&mut out, "sandbox_rejected_total", "Requests refused with 429, by reason.");
        let _ = writeln!(
            out,
            "sandbox_rejected_total{{reason=\"queue_full\"}} {}\nsandbox_rejected_total{{reason=\"token_concurrency\"}} {}",
            self.rejected_queue_full.load(Ordering::Relaxed),
            self.rejected_token_concurrency.load(Ordering::Relaxed)
        );
        let pool = &gauges.pool;
        gauge(&mut out, "sandbox_queue_depth", "Runs waiting for a thread.", pool.queued as f64);
        gauge(&mut out, "sandbox_running", "Runs running.", pool.running as f64);
        gauge(&mut out, "sandbox_threads", "Threads that run isolates.", pool.threads as f64);
        gauge(&mut out, "sandbox_in_flight_requests", "HTTP requests being answered.", gauges.in_flight as f64);
        gauge(
            &mut out,
            "sandbox_pool_warm_isolates",
            "Isolates made ahead and never used, on all threads.",
            pool.warm as f64,
        );
        counter(
            &mut out,
            "sandbox_pool_runs_total",
            "Runs by whether their isolate was made ahead (warm) or when they started (cold).",
        );
        let _ = writeln!(
            out,
            "sandbox_pool_runs_total{{isolate=\"warm\"}} {}\nsandbox_pool_runs_total{{isolate=\"cold\"}} {}",
            pool.warm_runs, pool.cold_runs
        );
        let cache = &gauges.code_cache;
        counter(
            &mut out,
            "sandbox_code_cache_lookups_total",
            "ES modules compiled, by whether V8's code cache had them.",
        );
        let _ = writeln!(
            out,
            "sandbox_code_cache_lookups_total{{result=\"hit\"}} {}\nsandbox_code_cache_lookups_total{{result=\"miss\"}} {}\nsandbox_code_cache_lookups_total{{result=\"rejected\"}} {}",
            cache.hits, cache.misses, cache.rejected
        );
        gauge(&mut out, "sandbox_code_cache_entries", "Modules in the code cache.", cache.entries as f64);
        gauge(&mut out, "sandbox_code_cache_bytes", "Bytes in the code cache.", cache.bytes as f64);
        counter(
            &mut out,
            "sandbox_code_cache_evictions_total",
            "Code caches dropped to stay within --code-cache-memory.",
        );
        let _ = writeln!(out, "sandbox_code_cache_evictions_total {}", cache.evicted);
        gauge(&mut out, "sandbox_workers", "Workers kept by id.", gauges.workers.0 as f64);
        gauge(&mut out, "sandbox_workers_bytes", "Bytes of the workers kept by id.", gauges.workers.1 as f64);
        counter(&mut out, "sandbox_workers_evictions_total", "Workers forgotten to stay within --worker-memory.");
        let _ = writeln!(out, "sandbox_workers_evictions_total {}", gauges.workers_evicted);
        self.isolate_start.write(
            &mut out,
            "sandbox_isolate_start_seconds",
            "From a run's start to its isolate and context being ready.",
        );
        self.run.write(&mut out, "sandbox_run_seconds", "Runs, from their start to their result.");
        self.queue_wait.write(&mut out, "sandbox_queue_wait_seconds", "Time runs waited for a thread.");
        self.request.write(&mut out, "sandbox_request_seconds", "HTTP requests, from being read to being answered.");
        out
    }
}

/// A tool call's outcome as a label.
pub(crate) fn tool_outcome(outcome: &executor::ToolCallOutcome) -> &'static str {
    match outcome {
        executor::ToolCallOutcome::Ok => "ok",
        executor::ToolCallOutcome::Failed(_) => "failed",
        executor::ToolCallOutcome::TimedOut => "timed_out",
        executor::ToolCallOutcome::Cancelled => "cancelled",
        executor::ToolCallOutcome::Refused(_) => "refused",
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn escape_label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
