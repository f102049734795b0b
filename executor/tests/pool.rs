//! The pool for servers (`executor::Pool`) and the code cache it shares between runs: every
//! job gets an isolate nothing ran in before, isolates made ahead are used, a full queue
//! refuses, jobs can be cancelled, limits hold per job, and the code cache is found by content
//! and bounded.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use executor::{
    Call, CodeCache, DiscardConsole, Finished, Job, Limit, Limits, ModuleKind, Options, OwnedModule, Pool, PoolOptions,
    RunError, SubmitError,
};

/// Longest any test here waits for a job: far past every limit the jobs have.
const PATIENCE: Duration = Duration::from_secs(120);

fn job(code: &str, options: Options) -> Job {
    let modules =
        Arc::new([OwnedModule { specifier: "main.js".into(), kind: ModuleKind::EsModule, code: code.into() }]);
    Job { main: "main.js".into(), modules, call: Call::default(), options, console: Box::new(DiscardConsole) }
}

/// Submits `job`; the receiver gets its `Finished`.
fn submit(pool: &Pool, job: Job) -> mpsc::Receiver<Finished> {
    let (sender, receiver) = mpsc::channel();
    pool.submit(
        job,
        Box::new(move |finished| {
            let _ = sender.send(finished);
        }),
    )
    .expect("the pool takes the job");
    receiver
}

fn result(receiver: &mpsc::Receiver<Finished>) -> Result<Option<String>, RunError> {
    let finished = receiver.recv_timeout(PATIENCE).expect("the job finishes");
    finished.outcome.result.map(|value| value.map(|json| json.get().to_owned()))
}

/// Waits until the pool's threads have made `count` isolates ahead.
fn wait_for_warm(pool: &Pool, count: usize) {
    let deadline = std::time::Instant::now() + PATIENCE;
    while pool.stats().warm < count {
        assert!(std::time::Instant::now() < deadline, "{count} isolates made ahead");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn pool(threads: usize, queue: usize, warm_isolates: usize) -> Pool {
    Pool::new(PoolOptions { threads, queue, warm_isolates, ..PoolOptions::default() }).expect("threads start")
}

/// Many jobs at once all get their own result.
#[test]
fn many_jobs_each_get_their_result() {
    let pool = pool(2, 1000, 2);
    let receivers: Vec<_> = (0..300)
        .map(|index| submit(&pool, job(&format!("export default () => {index} * 2"), Options::default())))
        .collect();
    for (index, receiver) in receivers.iter().enumerate() {
        assert_eq!(result(receiver).unwrap().as_deref(), Some((index * 2).to_string().as_str()));
    }
}

/// No isolate is used twice: a global one job sets is never seen by another, on any thread,
/// whether its isolate was made ahead or not.
#[test]
fn a_global_set_by_one_job_is_invisible_to_the_others() {
    let pool = pool(2, 1000, 2);
    wait_for_warm(&pool, 4);
    let code = "export default () => { const seen = globalThis.marker ?? null; globalThis.marker = Math.random(); Object.prototype.polluted = 1; return [seen, ({}).polluted === 1 ? 'own' : 'none'] }";
    let receivers: Vec<_> = (0..100).map(|_| submit(&pool, job(code, Options::default()))).collect();
    for receiver in &receivers {
        assert_eq!(result(receiver).unwrap().as_deref(), Some(r#"[null,"own"]"#));
    }
    let stats = pool.stats();
    assert!(stats.warm_runs > 0, "isolates made ahead were used: {stats:?}");
}

/// A thread with nothing to run makes its isolates ahead, and a job then runs in one.
#[test]
fn idle_threads_make_isolates_ahead() {
    let pool = pool(1, 10, 3);
    wait_for_warm(&pool, 3);
    let receiver = submit(&pool, job("export default () => 1", Options::default()));
    let finished = receiver.recv_timeout(PATIENCE).unwrap();
    assert!(finished.warm, "the job ran in an isolate made ahead");
    assert!(finished.outcome.result.is_ok());
}

/// A job with another heap limit than the isolates made ahead gets its own isolate, and its
/// limit holds.
#[test]
fn a_lower_heap_limit_holds() {
    let pool = pool(1, 10, 1);
    let limits = Limits { heap_bytes: 16 << 20, ..Limits::default() };
    let bomb =
        "export default () => { const keep = []; for (;;) keep.push(new Array(10000).fill('x' + keep.length)); }";
    let receiver = submit(&pool, job(bomb, Options { limits, ..Options::default() }));
    let finished = receiver.recv_timeout(PATIENCE).unwrap();
    assert!(!finished.warm);
    match finished.outcome.result {
        Err(RunError::LimitExceeded(Limit::Memory(bytes))) => assert_eq!(bytes, 16 << 20),
        other => panic!("expected the memory limit, got {other:?}"),
    }
}

/// With the queue full, a job is refused at once; jobs already queued still run.
#[test]
fn a_full_queue_refuses() {
    let pool = pool(1, 1, 0);
    let limits = Limits { wall_time: Duration::from_millis(300), ..Limits::default() };
    let slow = "export default () => new Promise(() => { setTimeout(() => {}, 60000) })";
    let running = submit(&pool, job(slow, Options { limits, ..Options::default() }));
    // Wait until the first job runs, so the second waits in the queue.
    let deadline = std::time::Instant::now() + PATIENCE;
    while pool.stats().running == 0 {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(1));
    }
    let queued = submit(&pool, job("export default () => 'queued'", Options::default()));
    let refused = pool.submit(job("export default () => 3", Options::default()), Box::new(|_| {}));
    assert_eq!(refused.err(), Some(SubmitError::QueueFull(1)));
    assert!(matches!(result(&running), Err(RunError::LimitExceeded(Limit::WallTime(_)))));
    assert_eq!(result(&queued).unwrap().as_deref(), Some(r#""queued""#));
}

/// A job cancelled while it waits finishes interrupted without running; one cancelled while
/// it runs is stopped.
#[test]
fn jobs_can_be_cancelled() {
    let pool = pool(1, 10, 0);
    let (sender, running) = mpsc::channel();
    let spin = pool
        .submit(
            job("export default () => { for (;;) {} }", Options::default()),
            Box::new(move |finished| {
                let _ = sender.send(finished);
            }),
        )
        .unwrap();
    let (sender, waiting) = mpsc::channel();
    let waiting_handle = pool
        .submit(
            job("export default () => { globalThis.x = 1; return 'ran' }", Options::default()),
            Box::new(move |finished| {
                let _ = sender.send(finished);
            }),
        )
        .unwrap();
    waiting_handle.cancel();
    while pool.stats().running == 0 {
        std::thread::sleep(Duration::from_millis(1));
    }
    spin.cancel();
    assert!(matches!(result(&running), Err(RunError::Interrupted)));
    assert!(matches!(result(&waiting), Err(RunError::Interrupted)));
}

/// After shutdown the pool refuses jobs, and the queued ones still finish.
#[test]
fn shutdown_finishes_the_queue() {
    let pool = pool(1, 100, 0);
    let receivers: Vec<_> =
        (0..20).map(|index| submit(&pool, job(&format!("export default () => {index}"), Options::default()))).collect();
    pool.shutdown();
    assert_eq!(
        pool.submit(job("export default () => 1", Options::default()), Box::new(|_| {})).err(),
        Some(SubmitError::ShuttingDown)
    );
    pool.join();
    for (index, receiver) in receivers.iter().enumerate() {
        assert_eq!(result(receiver).unwrap(), Some(index.to_string()));
    }
}

/// The second run of a module compiles it from the code cache the first one made; a changed
/// module (same name) is a new entry, and its result is its own.
#[test]
fn the_code_cache_is_found_by_content() {
    let cache = Arc::new(CodeCache::new(16 << 20));
    let pool = pool(1, 10, 1);
    let options = Options { code_cache: Some(Arc::clone(&cache)), ..Options::default() };
    let first = "export default () => { const f = (n) => n < 2 ? n : f(n - 1) + f(n - 2); return f(10) }";
    assert_eq!(result(&submit(&pool, job(first, options.clone()))).unwrap().as_deref(), Some("55"));
    assert_eq!((cache.stats().hits, cache.stats().misses, cache.stats().entries), (0, 1, 1));
    assert_eq!(result(&submit(&pool, job(first, options.clone()))).unwrap().as_deref(), Some("55"));
    assert_eq!((cache.stats().hits, cache.stats().misses), (1, 1));
    // The same length, another source: never the first one's cache.
    let second = "export default () => { const f = (n) => n < 2 ? n : f(n - 1) + f(n - 2); return f(11) }";
    assert_eq!(first.len(), second.len());
    assert_eq!(result(&submit(&pool, job(second, options.clone()))).unwrap().as_deref(), Some("89"));
    assert_eq!((cache.stats().hits, cache.stats().misses, cache.stats().entries), (1, 2, 2));
    assert_eq!(cache.stats().rejected, 0);
}

/// The cache keeps within its bound by evicting the least recently used entries.
#[test]
fn the_code_cache_evicts_the_least_recently_used() {
    let sizes = Arc::new(CodeCache::new(1 << 30));
    let options = Options { code_cache: Some(Arc::clone(&sizes)), ..Options::default() };
    let pool = pool(1, 100, 0);
    let code = |index: usize| format!("export default () => {{ return 'module {index}' }}");
    result(&submit(&pool, job(&code(0), options))).unwrap();
    let one = sizes.stats().bytes;
    // Room for two entries, not three.
    let cache = Arc::new(CodeCache::new(one * 2 + one / 2));
    let options = Options { code_cache: Some(Arc::clone(&cache)), ..Options::default() };
    for index in [1, 2, 1, 3] {
        result(&submit(&pool, job(&code(index), options.clone()))).unwrap();
    }
    let stats = cache.stats();
    assert_eq!((stats.entries, stats.evicted), (2, 1), "{stats:?}");
    assert!(stats.bytes <= one * 2 + one / 2);
    // 1 was used after 2, so 2 went: 1 is still there, 2 is not.
    result(&submit(&pool, job(&code(1), options.clone()))).unwrap();
    assert_eq!(cache.stats().hits, 2);
    result(&submit(&pool, job(&code(2), options.clone()))).unwrap();
    assert_eq!(cache.stats().hits, 2);
}
