//! The threads that read, parse and strip the files of a module graph (see
//! `project/graph.rs`): one pool for each number of threads asked for, made the first time and
//! kept for the process, so a service bundling again and again does not start threads each time.
//!
//! On Linux, a pool with a thread for every CPU the process may run on has each thread bound
//! to one of them ([`bind`]). Some kernels place a thread that wakes on the CPU of the thread
//! that woke it when they judge the machine lightly loaded (the virtual 2-core machine the
//! benchmarks run on does: a new thread there started 3 ms late in half of the tries, behind
//! its busy parent, and 51 µs late at most when bound elsewhere); the pool's threads then take
//! turns on one CPU while the other idles. Bound, the AWS SDK bundles 3-5% faster there
//! (`bench/runs/2026-12-07-vm-bind.md`); a smaller pool is left to the scheduler, which has
//! CPUs to spare for it.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::depth::STACK_SIZE;

/// The most threads [`BundleOptions::threads`](crate::BundleOptions::threads) takes by default.
pub const MAX_THREADS: usize = 8;

/// Drops `value` on a thread of `pool`, when there is one, so the caller does not wait for a
/// large syntax tree's memory to be given back (a process that exits first never waits).
pub(crate) fn drop_later<T: Send + 'static>(pool: Option<&ThreadPool>, value: T) {
    match pool {
        Some(pool) => pool.spawn(move || drop(value)),
        None => drop(value),
    }
}

/// What each thread of a pool runs first, if the program set it ([`on_thread_start`]).
static THREAD_START: OnceLock<fn()> = OnceLock::new();

/// Has every thread of the pools made from now on run `start` first, before it prepares a
/// file: a program sets it once, before it bundles (the CLI gives the threads an allocator of
/// their own). Later calls change nothing.
pub fn on_thread_start(start: fn()) {
    let _ = THREAD_START.set(start);
}

/// The pools made so far, by number of threads.
static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());

/// How many threads `threads` asks for (`None`: one for each core, at most [`MAX_THREADS`]).
pub(crate) fn count(threads: Option<usize>) -> usize {
    // The standard library reads the cgroup's CPU quota to count the cores (five files): once
    // per process is enough.
    static CORES: OnceLock<usize> = OnceLock::new();
    threads.unwrap_or_else(|| {
        *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |cores| cores.get()).min(MAX_THREADS))
    })
}

/// The pool of `threads` threads (see [`count`]), made now if it was not yet, or `None` for one
/// thread, or when the system gives no more threads: files are then prepared on the caller's.
pub(crate) fn pool(threads: Option<usize>) -> Option<Arc<ThreadPool>> {
    let threads = count(threads);
    if threads <= 1 {
        return None;
    }
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(count, _)| *count == threads) {
        return Some(Arc::clone(pool));
    }
    let cpus = bind::cpus().filter(|cpus| threads >= cpus.len());
    let start = THREAD_START.get().copied();
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| {
            if let Some(start) = start {
                start();
            }
        })
        .spawn_handler(|thread| {
            // Each thread parses as bundling's own thread does: on a stack of `STACK_SIZE`
            // (see depth.rs), plus what the pool's own frames take. Pages are used only as
            // touched.
            let builder = std::thread::Builder::new()
                .name(format!("bundler-{}", thread.index()))
                .stack_size(STACK_SIZE + (1 << 20));
            let cpu = cpus.as_ref().map(|cpus| cpus[thread.index() % cpus.len()]);
            let handle = builder.spawn(|| thread.run())?;
            if let Some(cpu) = cpu {
                bind::thread_to(&handle, cpu);
            }
            Ok(())
        })
        .build()
        .ok()?;
    let pool = Arc::new(pool);
    pools.push((threads, Arc::clone(&pool)));
    Some(pool)
}

/// The pool of `threads` threads, if one was made: a bundle of one file makes none, as
/// starting threads would cost more than they save.
pub(crate) fn existing(threads: Option<usize>) -> Option<Arc<ThreadPool>> {
    let pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if pools.is_empty() {
        return None;
    }
    let threads = count(threads);
    pools.iter().find(|(count, _)| *count == threads).map(|(_, pool)| Arc::clone(pool))
}

/// Binding a pool's threads to CPUs (see the module docs).
#[cfg(target_os = "linux")]
mod bind {
    use std::os::unix::thread::JoinHandleExt;

    /// The CPUs this thread may run on, in order, or `None` when the system does not say.
    pub(super) fn cpus() -> Option<Vec<usize>> {
        // SAFETY: an all-zero `cpu_set_t` is an empty set, a valid value.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set` is a `cpu_set_t` of the size given, written by the call.
        if unsafe { libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &raw mut set) } != 0 {
            return None;
        }
        // SAFETY: `CPU_ISSET` reads the set, for CPUs within its size.
        let cpus: Vec<usize> =
            (0..libc::CPU_SETSIZE as usize).filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) }).collect();
        (!cpus.is_empty()).then_some(cpus)
    }

    /// Binds the thread of `handle`, which has not finished, to `cpu`. It is bound from here
    /// rather than by itself: it may not run at all until bound elsewhere (see the module
    /// docs). A failure leaves it where the scheduler puts it.
    pub(super) fn thread_to(handle: &std::thread::JoinHandle<()>, cpu: usize) {
        // SAFETY: as in `cpus`.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: `cpu` is one of `cpus`, within the set's size.
        unsafe { libc::CPU_SET(cpu, &mut set) };
        // SAFETY: `handle` is neither joined nor detached yet, so its `pthread_t` names a
        // thread; `set` is a `cpu_set_t` of the size given.
        unsafe { libc::pthread_setaffinity_np(handle.as_pthread_t(), size_of::<libc::cpu_set_t>(), &raw const set) };
    }
}

/// Elsewhere the scheduler places the pool's threads.
#[cfg(not(target_os = "linux"))]
mod bind {
    pub(super) fn cpus() -> Option<Vec<usize>> {
        None
    }

    pub(super) fn thread_to(_: &std::thread::JoinHandle<()>, _: usize) {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// A pool with a thread for each CPU binds each thread to its own CPU; run on one CPU,
    /// the pool's two threads share it.
    #[test]
    fn a_thread_for_each_cpu_is_bound_to_it() {
        let cpus = super::bind::cpus().expect("the CPUs this process may use");
        let threads = cpus.len().max(2);
        let pool = super::pool(Some(threads)).expect("a pool");
        let bound = pool.broadcast(|_| super::bind::cpus().expect("a pool thread's CPUs"));
        for (index, its) in bound.iter().enumerate() {
            assert_eq!(its, &[cpus[index % cpus.len()]], "thread {index} of {threads} may run on {its:?}");
        }
    }

    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Each thread of a pool made after `on_thread_start` runs the function first.
    #[test]
    fn pool_threads_run_the_start_function_first() {
        super::on_thread_start(|| STARTED.with(|started| started.set(true)));
        // A number of threads no other test asks for: a pool made now.
        let pool = super::pool(Some(super::MAX_THREADS + 3)).expect("a pool");
        let started = pool.broadcast(|_| STARTED.with(std::cell::Cell::get));
        assert_eq!(started, vec![true; super::MAX_THREADS + 3]);
        assert!(!STARTED.with(std::cell::Cell::get), "the calling thread is not a pool thread");
    }
}
