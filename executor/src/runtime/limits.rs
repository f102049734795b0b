//! Enforcing the limits: one watchdog thread per process checks every running sandbox's
//! thread CPU time and wall clock and terminates its isolate when one runs out; V8's
//! near-heap-limit callback and a budgeted ArrayBuffer allocator do the same for memory.

use std::cell::Cell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicIsize, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// Which limit stopped a run, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "limit", content = "value", rename_all = "snake_case")]
pub enum Limit {
    /// CPU time of the isolate's thread.
    CpuTime(Duration),
    /// Wall-clock time of the whole run.
    WallTime(Duration),
    /// Bytes of V8 heap, or of ArrayBuffer memory.
    Memory(usize),
}

impl std::fmt::Display for Limit {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::CpuTime(limit) => write!(formatter, "CPU time limit of {}", format_duration(*limit)),
            Limit::WallTime(limit) => write!(formatter, "wall-clock limit of {}", format_duration(*limit)),
            Limit::Memory(limit) => write!(formatter, "memory limit of {}", format_bytes(*limit)),
        }
    }
}

/// `1.5s`, `200ms`: the shortest exact spelling (the CLI's duration flags accept it).
pub fn format_duration(duration: Duration) -> String {
    let millis = duration.as_millis();
    if millis > 0 && millis.is_multiple_of(1000) {
        format!("{}s", millis / 1000)
    } else if duration.as_micros().is_multiple_of(1000) {
        format!("{millis}ms")
    } else {
        format!("{}us", duration.as_micros())
    }
}

/// `128MiB`, `1.5GiB`, `512KiB`, `100B`.
pub fn format_bytes(bytes: usize) -> String {
    const UNITS: [(&str, usize); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{}{unit}", bytes / size)
            } else {
                format!("{:.1}{unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes}B")
}

/// Limits for one run. The defaults are 10 s of CPU, 30 s of wall clock and 128 MiB of
/// memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// CPU time of the thread that runs the isolate: JavaScript, compilation and the garbage
    /// collector, which runs on that thread. Time spent waiting for timers does not count.
    pub cpu_time: Duration,
    /// Wall-clock time from the start of the run to its result, timers included.
    pub wall_time: Duration,
    /// The V8 heap limit in bytes. Memory outside the heap (ArrayBuffers, WebAssembly
    /// memories, ICU's objects behind `Intl`, the host's copies) has a budget of the same size.
    pub heap_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { cpu_time: Duration::from_secs(10), wall_time: Duration::from_secs(30), heap_bytes: 128 << 20 }
    }
}

/// Why a run was stopped from outside its JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Stop {
    CpuTime = 1,
    WallTime = 2,
    Memory = 3,
    Cancelled = 4,
    /// The code called `process.exit` (the code is in [`Control::exit_code`]).
    Exit = 5,
}

/// Shared between a run, the watchdog, the allocator and [`CancelHandle`]s: the first
/// reason to stop wins, terminates the isolate and wakes the event loop.
pub(crate) struct Control {
    stop: AtomicU8,
    /// The code `process.exit` was called with, for [`Stop::Exit`].
    exit_code: AtomicI32,
    /// Whether the near-heap-limit callback has already raised the limit once.
    heap_raised: AtomicBool,
    /// An ArrayBuffer did not fit the budget and V8 is collecting garbage to try again.
    array_buffer_refused: AtomicBool,
    /// V8's last try for that ArrayBuffer is next: if it does not fit then, the run stops.
    array_buffer_last_try: AtomicBool,
    isolate: Mutex<Option<v8::IsolateHandle>>,
    woken: Mutex<bool>,
    wake: Condvar,
}

impl Control {
    pub(crate) fn new() -> Arc<Control> {
        Arc::new(Control {
            stop: AtomicU8::new(0),
            exit_code: AtomicI32::new(0),
            heap_raised: AtomicBool::new(false),
            array_buffer_refused: AtomicBool::new(false),
            array_buffer_last_try: AtomicBool::new(false),
            isolate: Mutex::new(None),
            woken: Mutex::new(false),
            wake: Condvar::new(),
        })
    }

    /// Gives the control the isolate to terminate; terminates at once if a stop came first.
    pub(crate) fn attach(&self, handle: v8::IsolateHandle) {
        let mut isolate = lock(&self.isolate);
        if self.stopped().is_some() {
            handle.terminate_execution();
        }
        *isolate = Some(handle);
    }

    /// Forgets the isolate (it is about to be disposed).
    pub(crate) fn detach(&self) {
        lock(&self.isolate).take();
    }

    /// Ends the run as `process.exit(code)` does in workerd: nothing more of the code runs.
    pub(crate) fn exit(&self, code: i32) {
        self.exit_code.store(code, Ordering::SeqCst);
        self.stop(Stop::Exit);
    }

    /// The code of the `process.exit` call that ended the run.
    pub(crate) fn exit_code(&self) -> i32 {
        self.exit_code.load(Ordering::SeqCst)
    }

    pub(crate) fn stop(&self, reason: Stop) {
        if self.stop.compare_exchange(0, reason as u8, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            // The watchdog times how long the run takes to unwind from here.
            WATCHDOG.changed.notify_one();
            if let Some(isolate) = lock(&self.isolate).as_ref() {
                isolate.terminate_execution();
            }
            self.notify();
        }
    }

    /// Asks V8 to call `callback` with `data` on the isolate's thread at its next interrupt
    /// check; false if there is no isolate (yet, or any more).
    pub(crate) fn request_interrupt(
        &self,
        callback: unsafe extern "C" fn(v8::UnsafeRawIsolatePtr, *mut c_void),
        data: *mut c_void,
    ) -> bool {
        lock(&self.isolate).as_ref().is_some_and(|isolate| isolate.request_interrupt(callback, data))
    }

    pub(crate) fn stopped(&self) -> Option<Stop> {
        match self.stop.load(Ordering::SeqCst) {
            1 => Some(Stop::CpuTime),
            2 => Some(Stop::WallTime),
            3 => Some(Stop::Memory),
            4 => Some(Stop::Cancelled),
            5 => Some(Stop::Exit),
            _ => None,
        }
    }

    pub(crate) fn notify(&self) {
        *lock(&self.woken) = true;
        self.wake.notify_all();
    }

    /// Sleeps until `deadline`, a stop, or a [`notify`](Self::notify).
    pub(crate) fn sleep_until(&self, deadline: Instant) {
        let mut woken = lock(&self.woken);
        while !*woken && self.stopped().is_none() {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            woken = match self.wake.wait_timeout(woken, deadline - now) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        *woken = false;
    }
}

/// Stops a run from another thread, e.g. on Ctrl-C. The run ends with
/// [`RunError::Interrupted`](crate::RunError::Interrupted).
#[derive(Clone)]
pub struct CancelHandle {
    pub(crate) control: Arc<Control>,
}

impl CancelHandle {
    pub fn cancel(&self) {
        self.control.stop(Stop::Cancelled);
    }
}

impl std::fmt::Debug for CancelHandle {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("CancelHandle").finish_non_exhaustive()
    }
}

pub(crate) fn limit_for(stop: Stop, limits: &Limits) -> Option<Limit> {
    match stop {
        Stop::CpuTime => Some(Limit::CpuTime(limits.cpu_time)),
        Stop::WallTime => Some(Limit::WallTime(limits.wall_time)),
        Stop::Memory => Some(Limit::Memory(limits.heap_bytes)),
        Stop::Cancelled | Stop::Exit => None,
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding one of these locks leaves plain data behind; keep going.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The CPU-time clock of the calling thread.
pub(crate) fn current_thread_clock() -> libc::clockid_t {
    let mut clock: libc::clockid_t = 0;
    // SAFETY: `pthread_self()` is the calling thread, alive for the call; `clock` is a
    // valid place for the result.
    let result = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut clock) };
    if result == 0 { clock } else { libc::CLOCK_THREAD_CPUTIME_ID }
}

/// Reads a CPU-time clock; zero if the clock cannot be read.
pub(crate) fn cpu_time(clock: libc::clockid_t) -> Duration {
    let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `time` is a valid timespec to write; an invalid clock id makes the call fail
    // with EINVAL, which is handled.
    if unsafe { libc::clock_gettime(clock, &mut time) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
}

struct Watch {
    id: u64,
    control: Arc<Control>,
    limits: Limits,
    clock: libc::clockid_t,
    cpu_deadline: Duration,
    wall_deadline: Instant,
    /// When the watchdog first saw the run stopped.
    stopped_at: Option<Instant>,
}

#[derive(Default)]
struct Watches {
    next_id: u64,
    list: Vec<Watch>,
    running: bool,
    /// When the watchdog will look at the list again by itself; `None` when it waits for a
    /// notification. A run whose limits cannot be reached before then does not wake it.
    wakes_at: Option<Instant>,
}

struct Watchdog {
    watches: Mutex<Watches>,
    changed: Condvar,
}

static WATCHDOG: LazyLock<Watchdog> =
    LazyLock::new(|| Watchdog { watches: Mutex::new(Watches::default()), changed: Condvar::new() });

/// Unregisters its run from the watchdog when dropped.
pub(crate) struct WatchGuard {
    id: u64,
}

impl Drop for WatchGuard {
    fn drop(&mut self) {
        let mut watches = lock(&WATCHDOG.watches);
        watches.list.retain(|watch| watch.id != self.id);
    }
}

/// Starts watching the calling thread's CPU time and the wall clock for one run.
pub(crate) fn watch(control: &Arc<Control>, limits: &Limits, started: Instant) -> WatchGuard {
    let clock = current_thread_clock();
    let cpu_deadline = cpu_time(clock) + limits.cpu_time;
    let mut watches = lock(&WATCHDOG.watches);
    watches.next_id += 1;
    let id = watches.next_id;
    watches.list.push(Watch {
        id,
        control: Arc::clone(control),
        limits: *limits,
        clock,
        cpu_deadline,
        wall_deadline: started + limits.wall_time,
        stopped_at: None,
    });
    // The earliest a limit of this run can be reached: CPU time grows no faster than the wall
    // clock. Waking the watchdog costs more than the sleep itself: once its thread has run on
    // another core, every page V8 maps or unmaps there after needs a TLB shootdown, which
    // added about 0.15 ms to each sandbox on a two-core VM. Runs started back to back with the
    // same limits never need to.
    let earliest = [started.checked_add(limits.wall_time), Instant::now().checked_add(limits.cpu_time)]
        .into_iter()
        .flatten()
        .min();
    let wake = match (watches.wakes_at, earliest) {
        (Some(wakes_at), Some(earliest)) => earliest < wakes_at,
        (Some(_), None) => false,
        (None, _) => true,
    };
    if !watches.running {
        watches.running = true;
        watches.wakes_at = Some(Instant::now());
        let spawned =
            std::thread::Builder::new().name("sandbox-watchdog".into()).stack_size(64 << 10).spawn(run_watchdog);
        if spawned.is_err() {
            // Without a watchdog no limit could be enforced: refuse to run instead.
            watches.running = false;
            control.stop(Stop::Cancelled);
        }
    }
    drop(watches);
    if wake {
        WATCHDOG.changed.notify_one();
    }
    WatchGuard { id }
}

/// How the watchdog sleeps now. For the tests of the watchdog, which wait for it to reach a
/// state instead of sleeping for long enough; nothing in the executor reads it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchdogSleep {
    /// No run has started it yet.
    NotStarted,
    /// It looks at the runs by itself at this instant (or is looking now).
    Until(Instant),
    /// It waits until a run that needs it notifies it.
    UntilNotified,
}

/// How the watchdog sleeps now (see [`WatchdogSleep`]). Its lock is held while it looks at
/// the runs and released only as it starts to wait, so `UntilNotified` means it is waiting.
#[doc(hidden)]
pub fn watchdog_sleep() -> WatchdogSleep {
    let watches = lock(&WATCHDOG.watches);
    match (watches.running, watches.wakes_at) {
        (false, _) => WatchdogSleep::NotStarted,
        (true, Some(instant)) => WatchdogSleep::Until(instant),
        (true, None) => WatchdogSleep::UntilNotified,
    }
}

/// Smallest sleep between two checks of a run's CPU time, so a nearly spent budget does not
/// turn into a busy loop.
const MIN_CHECK_INTERVAL: Duration = Duration::from_micros(500);

/// How long the watchdog keeps a timed sleep after the last run ended, so that a process
/// running sandboxes one after another does not wake it for each; after that it waits for a
/// notification.
const IDLE_LINGER: Duration = Duration::from_secs(1);

fn run_watchdog() {
    let mut watches = lock(&WATCHDOG.watches);
    let mut idle_since: Option<Instant> = None;
    loop {
        let now = Instant::now();
        let mut next: Option<Instant> = None;
        let mut unresponsive = None;
        for watch in &mut watches.list {
            if let Some(stop) = watch.control.stopped() {
                // A stopped run should end within moments. One that does not is stuck in a
                // V8 builtin that never checks for termination (a huge `fill` or `sort`).
                let stopped_at = *watch.stopped_at.get_or_insert(now);
                let give_up = stopped_at + UNRESPONSIVE_GRACE;
                if now >= give_up {
                    unresponsive.get_or_insert(limit_for(stop, &watch.limits));
                } else {
                    next = Some(next.map_or(give_up, |next| next.min(give_up)));
                }
                continue;
            }
            if now >= watch.wall_deadline {
                watch.control.stop(Stop::WallTime);
                next = Some(now);
                continue;
            }
            let used = cpu_time(watch.clock);
            if used >= watch.cpu_deadline {
                watch.control.stop(Stop::CpuTime);
                next = Some(now);
                continue;
            }
            // The CPU budget cannot run out before the thread has run for what is left of
            // it, so sleep that long (the wall deadline may come first).
            let check = now + (watch.cpu_deadline - used).max(MIN_CHECK_INTERVAL);
            let wake = check.min(watch.wall_deadline);
            next = Some(next.map_or(wake, |next| next.min(wake)));
        }
        if let Some(limit) = unresponsive
            && let Some(handler) = UNRECOVERABLE.get()
        {
            drop(watches);
            handler(limit);
        }
        if watches.list.is_empty() {
            let since = *idle_since.get_or_insert(now);
            if now < since + IDLE_LINGER {
                next = Some(since + IDLE_LINGER);
            }
        } else {
            idle_since = None;
        }
        watches.wakes_at = next;
        watches = match next {
            Some(wake) => {
                let timeout = wake.saturating_duration_since(Instant::now());
                match WATCHDOG.changed.wait_timeout(watches, timeout) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                }
            }
            None => match WATCHDOG.changed.wait(watches) {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            },
        };
    }
}

/// How long a stopped run may take to unwind before it counts as unresponsive.
const UNRESPONSIVE_GRACE: Duration = Duration::from_secs(1);

static UNRECOVERABLE: OnceLock<fn(Option<Limit>) -> !> = OnceLock::new();

thread_local! {
    /// The heap limit of the run on this thread, for the out-of-memory handler.
    pub(crate) static HEAP_LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// Installs, once per process, what to do when a limit has stopped a run but V8 cannot
/// honour the stop: the run is stuck for over a second in a builtin that never checks for
/// termination, or V8 runs out of heap inside one. Neither can be recovered from inside
/// the process, so `handler` must end it (a CLI prints the limit and exits). `None` means the
/// run was cancelled. Without a handler, such a run ends when the builtin returns, or V8
/// aborts the process on out-of-memory.
pub fn on_unrecoverable_limit(handler: fn(Option<Limit>) -> !) {
    let _ = UNRECOVERABLE.set(handler);
}

/// Hands a run that went far past its memory limit, in a way no termination check can
/// stop, to the embedder's unrecoverable-limit handler (which ends the process); without a
/// handler, returns.
pub(crate) fn unrecoverable_memory(limit: usize) {
    if let Some(handler) = UNRECOVERABLE.get() {
        handler(Some(Limit::Memory(limit)));
    }
}

/// V8's out-of-memory handler: V8 aborts the process after it returns.
pub(crate) unsafe extern "C" fn out_of_memory(_location: *const std::ffi::c_char, _details: &v8::OomDetails) {
    if let Some(handler) = UNRECOVERABLE.get() {
        handler(Some(Limit::Memory(HEAP_LIMIT.with(Cell::get))));
    }
}

/// What V8 and the C library hold for each ArrayBuffer beyond its contents: the
/// `BackingStore` and its `ArrayBufferExtension` (malloc'd, with their allocator headers) and
/// the contents' own malloc header. Counted with every buffer so that millions of tiny
/// buffers cost the budget what they cost the process (measured: about 190 bytes each).
pub(crate) const PER_BUFFER_OVERHEAD: usize = 256;

/// Bytes of memory outside the V8 heap that a run may hold at once, and how many it holds:
/// ArrayBuffer contents (with [`PER_BUFFER_OVERHEAD`] each), memory V8 commits outside the
/// ArrayBuffer allocator (resizable buffers, WebAssembly memories: `ext/memory/`), ICU's
/// objects, and the host's own copies of data the code controls.
pub(crate) struct ArrayBufferBudget {
    limit: usize,
    used: AtomicUsize,
    peak: AtomicUsize,
    control: Arc<Control>,
    /// Whether a collection is already requested because memory that cannot be refused
    /// went over the limit (`runtime/memory.rs`).
    pub(crate) gc_requested: AtomicBool,
    /// Bytes the host's Rust code allocated on the run's thread, as counted by
    /// [`MemoryAllocator`](crate::MemoryAllocator) when the binary uses it: negative when it
    /// freed more than it allocated during the run (memory from before the run).
    host: AtomicIsize,
    /// Whether `host` is counted (the binary's global allocator is `MemoryAllocator`).
    pub(crate) host_counted: AtomicBool,
}

impl ArrayBufferBudget {
    pub(crate) fn new(limit: usize, control: Arc<Control>) -> Arc<Self> {
        Arc::new(ArrayBufferBudget {
            limit,
            used: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            control,
            gc_requested: AtomicBool::new(false),
            host: AtomicIsize::new(0),
            host_counted: AtomicBool::new(false),
        })
    }

    pub(crate) fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    /// Everything counted: `used` and what the host holds on the run's thread.
    pub(crate) fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed).saturating_add(self.host_bytes())
    }

    fn host_bytes(&self) -> usize {
        usize::try_from(self.host.load(Ordering::Relaxed)).unwrap_or(0)
    }

    /// Counts `length` bytes the host allocated (positive) or freed (negative) on the run's
    /// thread; returns the new total.
    pub(crate) fn host_allocated(&self, length: isize) -> usize {
        self.host.fetch_add(length, Ordering::Relaxed);
        let total = self.used();
        self.peak.fetch_max(total, Ordering::Relaxed);
        total
    }

    pub(crate) fn limit(&self) -> usize {
        self.limit
    }

    pub(crate) fn control(&self) -> &Arc<Control> {
        &self.control
    }

    /// Whether a buffer of `length` more bytes fits. V8 aborts the process when an
    /// ArrayBuffer the *host* creates cannot be allocated, so the host asks first (the
    /// sandbox's own allocations just fail with a RangeError).
    pub(crate) fn fits(&self, length: usize) -> bool {
        length
            .checked_add(PER_BUFFER_OVERHEAD)
            .and_then(|length| self.used().checked_add(length))
            .is_some_and(|total| total <= self.limit)
    }

    /// Stops the run for memory, as a refused allocation does.
    pub(crate) fn exceeded(&self) {
        self.control.stop(Stop::Memory);
    }

    /// Counts `length` more bytes if they fit; the caller gives them back with
    /// [`release`](Self::release).
    pub(crate) fn reserve(&self, length: usize) -> bool {
        let mut used = self.used.load(Ordering::Relaxed);
        loop {
            let host = self.host_bytes();
            let Some(total) = used.checked_add(length).filter(|total| total.saturating_add(host) <= self.limit) else {
                return false;
            };
            match self.used.compare_exchange_weak(used, total, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => {
                    self.peak.fetch_max(total.saturating_add(host), Ordering::Relaxed);
                    return true;
                }
                Err(actual) => used = actual,
            }
        }
    }

    /// Counts `length` more bytes even over the limit (memory that is already taken, such
    /// as ICU's); returns the new total.
    pub(crate) fn force(&self, length: usize) -> usize {
        self.used.fetch_add(length, Ordering::Relaxed);
        let total = self.used();
        self.peak.fetch_max(total, Ordering::Relaxed);
        total
    }

    pub(crate) fn release(&self, length: usize) {
        // Saturating: a release never wraps the count around to "everything is taken".
        let _ = self.used.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| Some(used.saturating_sub(length)));
    }
}

/// Bytes counted against a run's budget while the host holds a copy of data the code
/// controls; given back when dropped.
pub(crate) struct HostCopy<'a> {
    budget: &'a ArrayBufferBudget,
    length: usize,
}

impl ArrayBufferBudget {
    /// Counts `length` bytes for a copy the host is about to make (or, when the global
    /// allocator counts the host's allocations, checks that they fit); `None`, and the run
    /// stopped for memory, when they do not fit.
    pub(crate) fn host_copy(&self, length: usize) -> Option<HostCopy<'_>> {
        if self.host_counted.load(Ordering::Relaxed) {
            if self.used().checked_add(length).is_some_and(|total| total <= self.limit) {
                return Some(HostCopy { budget: self, length: 0 });
            }
        } else if self.reserve(length) {
            return Some(HostCopy { budget: self, length });
        }
        self.exceeded();
        None
    }
}

impl HostCopy<'_> {
    /// Counts `more` bytes for the same copy; false (and the run stopped for memory) when they
    /// do not fit.
    pub(crate) fn grow(&mut self, more: usize) -> bool {
        let budget = self.budget;
        let fits = if budget.host_counted.load(Ordering::Relaxed) {
            budget.used().checked_add(more).is_some_and(|total| total <= budget.limit)
        } else if budget.reserve(more) {
            self.length += more;
            true
        } else {
            false
        };
        if !fits {
            budget.exceeded();
        }
        fits
    }
}

impl Drop for HostCopy<'_> {
    fn drop(&mut self) {
        self.budget.release(self.length);
    }
}

/// Counts a buffer of `length` bytes, or refuses it. A refused allocation does not stop the
/// run by itself: V8 collects garbage and asks again, and only when its last-resort
/// collection (announced by a call of [`near_heap_limit`]) did not make room either does the
/// run stop. A buffer larger than the whole budget, which no collection can make room for,
/// stops it at once.
fn reserve_buffer(budget: &ArrayBufferBudget, length: usize) -> bool {
    let control = &budget.control;
    let reserved = length.checked_add(PER_BUFFER_OVERHEAD).is_some_and(|charge| budget.reserve(charge));
    if reserved {
        control.array_buffer_refused.store(false, Ordering::SeqCst);
        control.array_buffer_last_try.store(false, Ordering::SeqCst);
    } else if length > budget.limit || control.array_buffer_last_try.swap(false, Ordering::SeqCst) {
        control.array_buffer_refused.store(false, Ordering::SeqCst);
        budget.exceeded();
    } else {
        control.array_buffer_refused.store(true, Ordering::SeqCst);
    }
    reserved
}

unsafe extern "C" fn allocate(budget: &ArrayBufferBudget, length: usize) -> *mut c_void {
    if !reserve_buffer(budget, length) {
        return std::ptr::null_mut();
    }
    // SAFETY: calloc with a non-zero size; a null result is handed to V8, which treats it
    // as an allocation failure.
    let pointer = unsafe { libc::calloc(length.max(1), 1) };
    if pointer.is_null() {
        budget.release(length + PER_BUFFER_OVERHEAD);
    }
    pointer
}

unsafe extern "C" fn allocate_uninitialized(budget: &ArrayBufferBudget, length: usize) -> *mut c_void {
    if !reserve_buffer(budget, length) {
        return std::ptr::null_mut();
    }
    // SAFETY: as in `allocate`.
    let pointer = unsafe { libc::malloc(length.max(1)) };
    if pointer.is_null() {
        budget.release(length + PER_BUFFER_OVERHEAD);
    }
    pointer
}

unsafe extern "C" fn free(budget: &ArrayBufferBudget, data: *mut c_void, length: usize) {
    // SAFETY: V8 frees only what `allocate*` returned, with the length it asked for.
    unsafe { libc::free(data) };
    budget.release(length + PER_BUFFER_OVERHEAD);
}

unsafe extern "C" fn drop_budget(budget: *const ArrayBufferBudget) {
    // SAFETY: `budget` is the pointer `array_buffer_allocator` got from `Arc::into_raw`;
    // V8 calls this once, when it destroys the allocator.
    drop(unsafe { Arc::from_raw(budget) });
}

static ALLOCATOR_VTABLE: v8::RustAllocatorVtable<ArrayBufferBudget> =
    v8::RustAllocatorVtable { allocate, allocate_uninitialized, free, drop: drop_budget };

/// An ArrayBuffer allocator that refuses to go over `budget` and then stops the run.
pub(crate) fn array_buffer_allocator(budget: &Arc<ArrayBufferBudget>) -> v8::UniqueRef<v8::Allocator> {
    let handle = Arc::into_raw(Arc::clone(budget));
    // SAFETY: `handle` is a live `ArrayBufferBudget` kept alive by the reference count taken
    // above, which `drop_budget` gives back; the vtable's functions expect exactly that type.
    unsafe { v8::new_rust_allocator(handle, &ALLOCATOR_VTABLE) }
}

/// How far the heap limit is raised, once, after a stop for memory, so that V8 has room to
/// unwind to the termination. A fixed amount, not a multiple of the limit: the heap, the
/// off-heap budget and this room together stay within about twice the limit plus a
/// constant.
pub(crate) const HEAP_UNWIND_ROOM: usize = 16 << 20;

/// V8 calls this when the heap is nearly full, and at the start of its last-resort collection
/// before an allocation fails (also that of an ArrayBuffer that did not fit the budget).
/// Stop the run, and raise the limit once so that V8 has room to unwind to the termination.
pub(crate) unsafe extern "C" fn near_heap_limit(
    data: *mut c_void,
    current_heap_limit: usize,
    _initial_heap_limit: usize,
) -> usize {
    // SAFETY: `data` is the `Control` that the run registered with this callback, kept alive
    // by the run until the isolate is disposed.
    let control = unsafe { &*(data as *const Control) };
    if control.array_buffer_refused.swap(false, Ordering::SeqCst) {
        // V8's last-resort collection before it gives up on an ArrayBuffer that did not fit
        // the budget: let it collect; the allocator stops the run if that did not help.
        control.array_buffer_last_try.store(true, Ordering::SeqCst);
        return current_heap_limit;
    }
    control.stop(Stop::Memory);
    // Once is enough to reach the next termination check. Code that keeps allocating
    // after that is inside a builtin that ignores termination: hand over to the embedder's
    // handler, or let V8 run out of heap instead of growing the process without bound.
    if control.heap_raised.swap(true, Ordering::SeqCst) {
        // Stuck: end the process now, before V8 prints its out-of-memory report.
        if let Some(handler) = UNRECOVERABLE.get() {
            handler(Some(Limit::Memory(HEAP_LIMIT.with(Cell::get))));
        }
        return current_heap_limit;
    }
    current_heap_limit.saturating_add(HEAP_UNWIND_ROOM)
}
