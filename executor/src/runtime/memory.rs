//! Memory outside the V8 heap that the ArrayBuffer allocator does not see, counted against
//! the run's budget ([`ArrayBufferBudget`]) before the code can use it:
//!
//! - pages V8 commits itself, for resizable ArrayBuffers, growable SharedArrayBuffers and
//!   WebAssembly memories: the guards of `ext/memory/guards.js` call `host.memoryCharge` right
//!   after V8 committed them, and `ext/modules/wasm.rs` makes every `memory.grow` of a module of the map
//!   call [`wasm_grow`] first;
//! - ICU's objects behind `Intl` (a `DateTimeFormat` holds about 27 KiB of them): ICU
//!   allocates through [`install_icu_allocator`]'s functions, which count what a run's thread
//!   allocates against that run's budget until ICU frees it.
//!
//! Memory that is already taken (ICU's) cannot be refused: going over the limit first
//! collects garbage (dead `Intl` objects free their ICU memory only then), and stops the run
//! if that does not help; going far over it, inside a builtin that never returns to a
//! termination check, ends the process through the embedder's unrecoverable-limit handler.

use std::cell::Cell;
use std::ffi::c_void;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::runtime::limits::{self, ArrayBufferBudget};
use crate::runtime::state::state;

/// Counts `bytes` more against the run's budget, collecting garbage first when they do not
/// fit; stops the run for memory and returns false when they still do not.
pub(crate) fn charge(scope: &mut v8::PinScope<'_, '_>, bytes: usize) -> bool {
    after_collection(scope, |budget| budget.reserve(bytes))
}

/// Whether an ArrayBuffer of `length` bytes that the host is about to make fits the run's
/// budget, collecting garbage first when it does not; stops the run for memory when it still
/// does not (V8 aborts the process when a buffer the host asks for cannot be allocated).
pub(crate) fn room_for_buffer(scope: &mut v8::PinScope<'_, '_>, length: usize) -> bool {
    after_collection(scope, |budget| budget.fits(length))
}

/// `check`, and again after a collection when it fails (dead ArrayBuffers and dead Intl
/// objects give their memory back only when collected); stops the run for memory when it
/// still fails.
fn after_collection(scope: &mut v8::PinScope<'_, '_>, check: impl Fn(&ArrayBufferBudget) -> bool) -> bool {
    let budget = Arc::clone(&state(scope).budget);
    if check(&budget) {
        return true;
    }
    scope.low_memory_notification();
    if check(&budget) {
        return true;
    }
    budget.exceeded();
    false
}

// ---- ICU -----------------------------------------------------------------------------

/// The budget of the run that started last in the process, for an allocation that fails on
/// another of its threads (the network's) while it runs.
static LATEST: std::sync::Mutex<Option<Arc<ArrayBufferBudget>>> = std::sync::Mutex::new(None);

fn latest() -> std::sync::MutexGuard<'static, Option<Arc<ArrayBufferBudget>>> {
    LATEST.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

thread_local! {
    /// The budget of the run on this thread, while it runs: what ICU allocates here counts
    /// against it. A raw pointer to an `Arc`'s contents, kept alive by [`RunMemory`].
    static CURRENT: Cell<*const ArrayBufferBudget> = const { Cell::new(std::ptr::null()) };
}

/// Makes this thread's ICU allocations (and its Rust allocations, with [`MemoryAllocator`])
/// count against `budget` until dropped.
pub(crate) struct RunMemory {
    _budget: Arc<ArrayBufferBudget>,
    previous: *const ArrayBufferBudget,
}

pub(crate) fn enter_run(budget: &Arc<ArrayBufferBudget>) -> RunMemory {
    let previous = CURRENT.with(|current| current.replace(Arc::as_ptr(budget)));
    let previous_latest = latest().replace(Arc::clone(budget));
    drop(previous_latest);
    // With `MemoryAllocator`, this allocation tells the budget that the host's allocations
    // are counted.
    drop(std::hint::black_box(Box::new(0u8)));
    RunMemory { _budget: Arc::clone(budget), previous }
}

impl Drop for RunMemory {
    fn drop(&mut self) {
        CURRENT.with(|current| current.set(self.previous));
        let mut latest = latest();
        let ours = latest.as_ref().is_some_and(|budget| Arc::ptr_eq(budget, &self._budget));
        let ended = if ours { latest.take() } else { None };
        drop(latest);
        drop(ended);
    }
}

/// What precedes each ICU block: the budget it counts against (a strong reference, or
/// null) and its size. 16 bytes keep the block as aligned as malloc's.
#[repr(C)]
struct Header {
    owner: *const ArrayBufferBudget,
    size: usize,
}
const HEADER: usize = 16;
const _: () = assert!(std::mem::size_of::<Header>() == HEADER);
/// malloc's own bookkeeping per block, counted with the block.
const MALLOC_OVERHEAD: usize = 16;

/// How far past its limit a run's memory that cannot be refused (ICU's, the host's own) may go
/// before the process is ended: it is taken inside builtins and host functions, and one that
/// never returns to a termination check (a `toLocaleString` of a huge array, V8's serializer
/// writing one string for each of its many references) could otherwise grow it without
/// bound.
const OVERSHOOT: usize = 32 << 20;

fn icu_charge(owner: &ArrayBufferBudget, bytes: usize) {
    let total = owner.force(bytes);
    if total > owner.limit() {
        over_limit(owner, total);
    }
}

/// Memory that is already taken went over the limit: collect garbage at the next
/// interrupt check, then stop the run if that did not help; far over it, end the process.
fn over_limit(budget: &ArrayBufferBudget, total: usize) {
    if total > budget.limit().saturating_add(OVERSHOOT) {
        // The handler prints (and allocates): nothing it does counts any more.
        let _ = CURRENT.try_with(|current| current.set(std::ptr::null()));
        limits::unrecoverable_memory(budget.limit());
    }
    if !budget.gc_requested.swap(true, Ordering::SeqCst) {
        let requested =
            budget.control().request_interrupt(collect_and_check, std::ptr::from_ref(budget) as *mut c_void);
        if !requested {
            budget.gc_requested.store(false, Ordering::SeqCst);
        }
    }
}

unsafe extern "C" fn collect_and_check(isolate: v8::UnsafeRawIsolatePtr, data: *mut c_void) {
    // SAFETY: V8 calls this on the isolate's thread with the isolate it was requested for,
    // while the run (which owns `budget` and outlives its isolate) is going on.
    let (mut isolate, budget) =
        unsafe { (v8::Isolate::from_raw_isolate_ptr(isolate), &*(data as *const ArrayBufferBudget)) };
    isolate.low_memory_notification();
    budget.gc_requested.store(false, Ordering::SeqCst);
    if budget.used() > budget.limit() {
        budget.exceeded();
    }
}

unsafe extern "C" fn icu_alloc(_context: *const c_void, size: usize) -> *mut c_void {
    let Some(total) = size.checked_add(HEADER) else { return std::ptr::null_mut() };
    // SAFETY: plain malloc; a null result is handed to ICU, which reports the failure.
    let block = unsafe { libc::malloc(total) };
    if block.is_null() {
        // V8 does not expect ICU to fail: end a run that took the process this far at its
        // limit.
        out_of_memory();
        return block;
    }
    let owner = CURRENT.try_with(Cell::get).unwrap_or(std::ptr::null());
    let owner = if owner.is_null() {
        owner
    } else {
        // SAFETY: `owner` is the contents of an `Arc` that this thread's `RunMemory` keeps
        // alive; the block takes a strong reference of its own, given back by `icu_free`.
        unsafe {
            Arc::increment_strong_count(owner);
            icu_charge(&*owner, size + HEADER + MALLOC_OVERHEAD);
        }
        owner
    };
    // SAFETY: `block` has room for the header, and malloc aligns it for one.
    unsafe {
        (block as *mut Header).write(Header { owner, size });
        block.cast::<u8>().add(HEADER).cast()
    }
}

/// Gives back the budget of the block at `pointer` (returned by `icu_alloc`), and returns the
/// start of the block.
///
/// # Safety
/// `pointer` came from `icu_alloc` or `icu_realloc` and was not freed.
unsafe fn icu_release(pointer: *mut c_void) -> (*mut c_void, usize) {
    // SAFETY: as the caller promises, a header precedes `pointer`.
    unsafe {
        let block = pointer.cast::<u8>().sub(HEADER).cast::<c_void>();
        let header = (block as *const Header).read();
        if !header.owner.is_null() {
            (*header.owner).release(header.size + HEADER + MALLOC_OVERHEAD);
            drop(Arc::from_raw(header.owner));
        }
        (block, header.size)
    }
}

unsafe extern "C" fn icu_free(_context: *const c_void, pointer: *mut c_void) {
    if pointer.is_null() {
        return;
    }
    // SAFETY: ICU frees only what its allocation functions returned.
    unsafe {
        let (block, _) = icu_release(pointer);
        libc::free(block);
    }
}

unsafe extern "C" fn icu_realloc(context: *const c_void, pointer: *mut c_void, size: usize) -> *mut c_void {
    if pointer.is_null() {
        // SAFETY: as any allocation.
        return unsafe { icu_alloc(context, size) };
    }
    // SAFETY: ICU reallocates only what its allocation functions returned. The new block is
    // made and filled before the old one is freed, as realloc does.
    unsafe {
        let old_size = (pointer.cast::<u8>().sub(HEADER) as *const Header).read().size;
        let new = icu_alloc(context, size);
        if new.is_null() {
            return new;
        }
        std::ptr::copy_nonoverlapping(pointer.cast::<u8>(), new.cast::<u8>(), old_size.min(size));
        icu_free(context, pointer);
        new
    }
}

// ---- The host's own allocations ---------------------------------------------------------

/// A global allocator for programs that run sandboxes: the system allocator, counting what a
/// thread allocates while it runs a sandbox against that run's memory budget, so that the
/// copies the host makes of data the code controls (a string V8's serializer writes once for
/// each of its references, decoded text, parsed URLs and forms) count against the memory limit
/// too. Going over the limit stops the run (after a garbage collection, as for ICU); 32 MiB
/// past it, inside code that never returns to a termination check, the unrecoverable-limit
/// handler ends the process. Allocations of other threads, and outside runs, are not counted.
///
/// ```
/// #[global_allocator]
/// static ALLOCATOR: executor::MemoryAllocator = executor::MemoryAllocator;
/// ```
pub struct MemoryAllocator;

// SAFETY: every method forwards to the system allocator with the caller's arguments; the
// counting around it reads a thread-local and updates atomics, and allocates nothing.
unsafe impl std::alloc::GlobalAlloc for MemoryAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the caller promises for `GlobalAlloc::alloc`.
        let pointer = unsafe { std::alloc::System.alloc(layout) };
        if pointer.is_null() {
            out_of_memory();
        } else {
            host_allocated(layout.size() as isize);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as the caller promises for `GlobalAlloc::alloc_zeroed`.
        let pointer = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if pointer.is_null() {
            out_of_memory();
        } else {
            host_allocated(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: as the caller promises for `GlobalAlloc::dealloc`.
        unsafe { std::alloc::System.dealloc(pointer, layout) };
        host_allocated(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as the caller promises for `GlobalAlloc::realloc`.
        let new = unsafe { std::alloc::System.realloc(pointer, layout, new_size) };
        if new.is_null() {
            out_of_memory();
        } else {
            host_allocated(new_size as isize - layout.size() as isize);
        }
        new
    }
}

/// The system has no memory left for the thread (the process reached a limit of the operating
/// system, such as the CLI's `RLIMIT_DATA`): during a run, that is the run's doing, so it ends
/// at its memory limit through the unrecoverable-limit handler rather than with Rust's abort.
fn out_of_memory() {
    // The handler prints, which allocates: a failure in there is not handled again.
    static HANDLING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if HANDLING.swap(true, Ordering::SeqCst) {
        return;
    }
    let Ok(current) = CURRENT.try_with(|current| current.replace(std::ptr::null())) else { return };
    let limit = if current.is_null() {
        // Another thread of the process: the run going on, if any.
        latest().as_ref().map(|budget| budget.limit())
    } else {
        // SAFETY: as in `host_allocated`.
        Some(unsafe { &*current }.limit())
    };
    if let Some(limit) = limit {
        limits::unrecoverable_memory(limit);
    }
    let _ = CURRENT.try_with(|slot| slot.set(current));
    HANDLING.store(false, Ordering::SeqCst);
}

fn host_allocated(delta: isize) {
    let Ok(current) = CURRENT.try_with(Cell::get) else { return };
    if current.is_null() {
        return;
    }
    // SAFETY: a non-null `CURRENT` is the contents of an `Arc` that this thread's `RunMemory`
    // keeps alive.
    let budget = unsafe { &*current };
    if !budget.host_counted.load(Ordering::Relaxed) {
        budget.host_counted.store(true, Ordering::Relaxed);
    }
    let total = budget.host_allocated(delta);
    if delta > 0 && total > budget.limit() {
        over_limit(budget, total);
    }
}

type IcuAlloc = unsafe extern "C" fn(*const c_void, usize) -> *mut c_void;
type IcuRealloc = unsafe extern "C" fn(*const c_void, *mut c_void, usize) -> *mut c_void;
type IcuFree = unsafe extern "C" fn(*const c_void, *mut c_void);

unsafe extern "C" {
    // ICU 78, the version the `v8` crate links (its own bindings name `udata_setCommonData_78`).
    fn u_setMemoryFunctions_78(
        context: *const c_void,
        alloc: IcuAlloc,
        realloc: IcuRealloc,
        free: IcuFree,
        status: *mut i32,
    );
}

/// Routes ICU's allocations through the functions above, once per process, before ICU
/// allocates anything: a block freed by these functions must have been allocated by them.
/// Every path into ICU calls it first: `platform::init_v8` (V8 first uses ICU when an
/// isolate is created) and `locale::set_localization` (which may run before V8 starts).
pub(crate) fn install_icu_allocator() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let mut status = 0;
        // SAFETY: the functions match ICU's `UMemAllocFn`, `UMemReallocFn` and `UMemFreeFn`,
        // and are installed before any ICU allocation (see above).
        unsafe { u_setMemoryFunctions_78(std::ptr::null(), icu_alloc, icu_realloc, icu_free, &mut status) };
        debug_assert!(status <= 0, "ICU refused the memory functions: {status}");
    });
}
