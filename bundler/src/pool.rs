//! The threads that read, parse and strip the files of a module graph (see
//! `project/graph.rs`): one pool for each number of threads asked for, made the first time and
//! kept for the process, so a service bundling again and again does not start threads each time.

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
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|index| format!("bundler-{index}"))
        // Each thread parses as bundling's own thread does: on a stack of `STACK_SIZE` (see
        // depth.rs), plus what the pool's own frames take. Pages are used only as touched.
        .stack_size(STACK_SIZE + (1 << 20))
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
