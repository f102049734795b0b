//! Threads that run sandboxes for a server: jobs wait in one bounded queue, each thread
//! takes the next and runs it in a fresh isolate, and a thread with nothing to run makes
//! isolates ahead ([`PoolOptions::warm_isolates`] each, from the snapshot, never used) so
//! that a job's run does not wait for one. Every job gets an isolate that no code ran in
//! before, and its isolate is disposed after it (once the job's outcome is delivered); no
//! isolate is ever used twice.
//!
//! ```
//! use std::sync::{Arc, mpsc};
//! use executor::{Call, DiscardConsole, Job, ModuleKind, OwnedModule, Options, Pool, PoolOptions};
//!
//! let pool = Pool::new(PoolOptions { threads: 1, ..PoolOptions::default() }).unwrap();
//! let code = b"export default () => 6 * 7".to_vec();
//! let modules = Arc::new([OwnedModule { specifier: "main.js".into(), kind: ModuleKind::EsModule, code }]);
//! let job = Job { main: "main.js".into(), modules, call: Call::default(), options: Options::default(), console: Box::new(DiscardConsole) };
//! let (sender, receiver) = mpsc::channel();
//! pool.submit(job, Box::new(move |finished| { let _ = sender.send(finished); })).unwrap();
//! let finished = receiver.recv().unwrap();
//! assert_eq!(finished.outcome.result.unwrap().unwrap().get(), "42");
//! pool.shutdown();
//! pool.join();
//! ```

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::ext::fetch::http::HttpRequest;
use crate::runtime::limits::{CancelHandle, Control, Limits};
use crate::sandbox::{Invocation, Options, Outcome, Sandbox, Stats};
use crate::warm::WarmIsolate;
use crate::{Console, ModuleKind, ModuleSource, RunError};

/// How a [`Pool`] runs its jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolOptions {
    /// Threads that run sandboxes, each one job at a time. Default: one per core.
    pub threads: usize,
    /// Jobs that may wait for a thread; [`Pool::submit`] refuses more.
    pub queue: usize,
    /// Isolates each thread makes ahead while it has nothing to run.
    pub warm_isolates: usize,
    /// The heap limit the isolates made ahead have. A job with another
    /// [`Limits::heap_bytes`] gets an isolate made for it when it starts.
    pub heap_bytes: usize,
}

impl Default for PoolOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        PoolOptions { threads, queue: 64 * threads, warm_isolates: 2, heap_bytes: Limits::default().heap_bytes }
    }
}

/// One module of a [`Job`], owned (a job crosses threads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedModule {
    pub specifier: String,
    pub kind: ModuleKind,
    pub code: Vec<u8>,
}

/// What to call, owned: [`Invocation`] for a [`Job`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Call {
    pub entrypoint: Option<String>,
    pub method: Option<String>,
    /// Positional arguments as JSON texts.
    pub args: Vec<String>,
    /// Call the `fetch` handler with this request instead.
    pub request: Option<HttpRequest>,
}

/// A run for a [`Pool`]: the module map (shared, so that a server keeps one copy of a map
/// it runs many times), the call, and the run's options and console.
pub struct Job {
    pub main: String,
    pub modules: Arc<[OwnedModule]>,
    pub call: Call,
    pub options: Options,
    pub console: Box<dyn Console + Send>,
}

/// A job's outcome, and how it ran.
#[derive(Debug)]
pub struct Finished {
    pub outcome: Outcome,
    /// From [`Pool::submit`] to the start of the run.
    pub waited: Duration,
    /// Whether the run used an isolate made ahead.
    pub warm: bool,
}

/// What is called with a job's [`Finished`], on the thread that ran it, before the job's
/// isolate is disposed.
pub type Done = Box<dyn FnOnce(Finished) + Send>;

/// Why [`Pool::submit`] refused a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    /// As many jobs as [`PoolOptions::queue`] are waiting already.
    #[error("The queue is full: {0} jobs are waiting")]
    QueueFull(usize),
    /// [`Pool::shutdown`] was called.
    #[error("The pool is shutting down")]
    ShuttingDown,
}

/// Counts of a [`Pool`], for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    pub threads: usize,
    /// Jobs waiting for a thread.
    pub queued: usize,
    /// Jobs running.
    pub running: usize,
    /// Isolates made ahead and not used yet, on all threads.
    pub warm: usize,
    /// Jobs finished (whatever their outcome).
    pub completed: u64,
    /// Jobs that ran in an isolate made ahead.
    pub warm_runs: u64,
    /// Jobs that had to make their isolate when they started.
    pub cold_runs: u64,
}

/// Stops one job: before it starts (it then finishes at once, interrupted) or while it runs.
#[derive(Debug, Clone)]
pub struct JobHandle {
    state: Arc<JobState>,
}

impl JobHandle {
    pub fn cancel(&self) {
        let mut slot = lock(&self.state.slot);
        match &*slot {
            JobSlot::Waiting => *slot = JobSlot::Cancelled,
            JobSlot::Running(handle) => handle.cancel(),
            JobSlot::Cancelled | JobSlot::Finished => {}
        }
    }
}

#[derive(Debug, Default)]
struct JobState {
    slot: Mutex<JobSlot>,
}

#[derive(Debug, Default)]
enum JobSlot {
    #[default]
    Waiting,
    Cancelled,
    Running(CancelHandle),
    Finished,
}

struct Queued {
    job: Job,
    done: Done,
    state: Arc<JobState>,
    submitted: Instant,
}

struct Queue {
    jobs: VecDeque<Queued>,
    running: usize,
    /// The states of the jobs running, for [`Pool::cancel_all`].
    running_jobs: Vec<Arc<JobState>>,
    closed: bool,
}

struct Shared {
    options: PoolOptions,
    queue: Mutex<Queue>,
    available: Condvar,
    warm: AtomicUsize,
    completed: AtomicU64,
    warm_runs: AtomicU64,
    cold_runs: AtomicU64,
}

/// Threads running sandboxes from a bounded queue, with isolates made ahead (see the
/// module's documentation).
pub struct Pool {
    shared: Arc<Shared>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

/// Threads that run V8 need a stack as large as a main thread's: V8 sets its stack limit
/// from where the run starts.
const THREAD_STACK: usize = 8 << 20;

impl Pool {
    /// Starts the threads. Each makes its isolates ahead at once.
    pub fn new(options: PoolOptions) -> std::io::Result<Pool> {
        crate::runtime::platform::init_v8();
        crate::keep_warm();
        let options = PoolOptions { threads: options.threads.max(1), ..options };
        let shared = Arc::new(Shared {
            options,
            queue: Mutex::new(Queue { jobs: VecDeque::new(), running: 0, running_jobs: Vec::new(), closed: false }),
            available: Condvar::new(),
            warm: AtomicUsize::new(0),
            completed: AtomicU64::new(0),
            warm_runs: AtomicU64::new(0),
            cold_runs: AtomicU64::new(0),
        });
        let mut threads = Vec::with_capacity(options.threads);
        for index in 0..options.threads {
            let for_thread = Arc::clone(&shared);
            let spawned = std::thread::Builder::new()
                .name(format!("sandbox-pool-{index}"))
                .stack_size(THREAD_STACK)
                .spawn(move || work(&for_thread));
            match spawned {
                Ok(thread) => threads.push(thread),
                Err(error) => {
                    let pool = Pool { shared, threads: Mutex::new(threads) };
                    pool.shutdown();
                    pool.join();
                    return Err(error);
                }
            }
        }
        Ok(Pool { shared, threads: Mutex::new(threads) })
    }

    pub fn options(&self) -> PoolOptions {
        self.shared.options
    }

    /// Queues `job`; `done` is called with its outcome on the thread that ran it. Refused
    /// when the queue is full or the pool is shutting down.
    pub fn submit(&self, job: Job, done: Done) -> Result<JobHandle, SubmitError> {
        let state = Arc::new(JobState::default());
        {
            let mut queue = lock(&self.shared.queue);
            if queue.closed {
                return Err(SubmitError::ShuttingDown);
            }
            if queue.jobs.len() >= self.shared.options.queue {
                return Err(SubmitError::QueueFull(queue.jobs.len()));
            }
            queue.jobs.push_back(Queued { job, done, state: Arc::clone(&state), submitted: Instant::now() });
        }
        self.shared.available.notify_one();
        Ok(JobHandle { state })
    }

    pub fn stats(&self) -> PoolStats {
        let queue = lock(&self.shared.queue);
        PoolStats {
            threads: self.shared.options.threads,
            queued: queue.jobs.len(),
            running: queue.running,
            warm: self.shared.warm.load(Ordering::Relaxed),
            completed: self.shared.completed.load(Ordering::Relaxed),
            warm_runs: self.shared.warm_runs.load(Ordering::Relaxed),
            cold_runs: self.shared.cold_runs.load(Ordering::Relaxed),
        }
    }

    /// Refuses new jobs from now on; the jobs queued and running still run. The threads end
    /// once the queue is empty ([`join`](Self::join) waits for them).
    pub fn shutdown(&self) {
        lock(&self.shared.queue).closed = true;
        self.shared.available.notify_all();
    }

    /// Stops every job: those waiting finish at once, interrupted, and those running are
    /// stopped (for a shutdown that cannot wait any longer).
    pub fn cancel_all(&self) {
        let queue = lock(&self.shared.queue);
        let states: Vec<Arc<JobState>> = queue
            .jobs
            .iter()
            .map(|queued| Arc::clone(&queued.state))
            .chain(queue.running_jobs.iter().cloned())
            .collect();
        drop(queue);
        for state in states {
            JobHandle { state }.cancel();
        }
    }

    /// Waits for the threads to end, after [`shutdown`](Self::shutdown).
    pub fn join(&self) {
        let threads = std::mem::take(&mut *lock(&self.threads));
        for thread in threads {
            let _ = thread.join();
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shutdown();
        self.join();
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Pool").field("options", &self.shared.options).field("stats", &self.stats()).finish()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

enum Next {
    Run(Box<Queued>),
    MakeWarm,
    Stop,
}

/// One thread of the pool: runs the next job, or makes an isolate ahead when there is none.
fn work(shared: &Shared) {
    let mut warm: Vec<WarmIsolate> = Vec::new();
    loop {
        let next = {
            let mut queue = lock(&shared.queue);
            loop {
                if let Some(queued) = queue.jobs.pop_front() {
                    queue.running += 1;
                    queue.running_jobs.push(Arc::clone(&queued.state));
                    break Next::Run(Box::new(queued));
                }
                if queue.closed {
                    break Next::Stop;
                }
                if warm.len() < shared.options.warm_isolates {
                    break Next::MakeWarm;
                }
                queue = match shared.available.wait(queue) {
                    Ok(queue) => queue,
                    Err(poisoned) => poisoned.into_inner(),
                };
            }
        };
        match next {
            Next::Run(queued) => {
                let isolate =
                    if queued.job.options.limits.heap_bytes == shared.options.heap_bytes { warm.pop() } else { None };
                if isolate.is_some() {
                    shared.warm.fetch_sub(1, Ordering::Relaxed);
                    shared.warm_runs.fetch_add(1, Ordering::Relaxed);
                } else {
                    shared.cold_runs.fetch_add(1, Ordering::Relaxed);
                }
                let state = Arc::clone(&queued.state);
                run(*queued, isolate);
                let mut queue = lock(&shared.queue);
                queue.running -= 1;
                queue.running_jobs.retain(|running| !Arc::ptr_eq(running, &state));
                drop(queue);
                shared.completed.fetch_add(1, Ordering::Relaxed);
            }
            Next::MakeWarm => {
                let mut isolate = WarmIsolate::new(shared.options.heap_bytes, Control::new());
                isolate.park();
                warm.push(isolate);
                shared.warm.fetch_add(1, Ordering::Relaxed);
            }
            Next::Stop => break,
        }
    }
    shared.warm.fetch_sub(warm.len(), Ordering::Relaxed);
}

/// Runs one job in `isolate` (or one made now), delivers its outcome, then disposes of the
/// isolate.
fn run(queued: Queued, isolate: Option<WarmIsolate>) {
    let Queued { job, done, state, submitted } = queued;
    let started = Instant::now();
    let waited = started.saturating_duration_since(submitted);
    let warm = isolate.is_some();
    let sandbox = match &isolate {
        Some(isolate) => Sandbox::for_warm(job.options, isolate),
        None => Sandbox::new(job.options),
    };
    {
        let mut slot = lock(&state.slot);
        if matches!(*slot, JobSlot::Cancelled) {
            drop(slot);
            let outcome = Outcome {
                result: Err(RunError::Interrupted),
                stats: Stats::default(),
                subrequests: Vec::new(),
                response: None,
                tool_calls: Vec::new(),
            };
            done(Finished { outcome, waited, warm });
            return;
        }
        *slot = JobSlot::Running(sandbox.cancel_handle());
    }
    let modules: Vec<ModuleSource<'_>> = job
        .modules
        .iter()
        .map(|module| ModuleSource { specifier: &module.specifier, kind: module.kind, code: &module.code })
        .collect();
    let invocation = Invocation {
        entrypoint: job.call.entrypoint.as_deref(),
        method: job.call.method.as_deref(),
        args: &job.call.args,
        request: job.call.request.as_ref(),
    };
    let console: Box<dyn Console> = job.console;
    let ran = std::panic::catch_unwind(AssertUnwindSafe(|| {
        sandbox.run_to_result(isolate, started, &job.main, &modules, &invocation, console)
    }));
    *lock(&state.slot) = JobSlot::Finished;
    match ran {
        Ok((outcome, used)) => {
            done(Finished { outcome, waited, warm });
            drop(used);
        }
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let outcome = Outcome {
                result: Err(RunError::Internal(format!("the run panicked: {reason}"))),
                stats: Stats { wall: started.elapsed(), ..Stats::default() },
                subrequests: Vec::new(),
                response: None,
                tool_calls: Vec::new(),
            };
            done(Finished { outcome, waited, warm });
        }
    }
}
