//! The program's allocator: the system's (glibc's, counted against a run's memory by
//! [`executor::MemoryAllocator`]) on every thread but the bundler's pool threads, which
//! allocate from mimalloc, in an area of address space of its own.
//!
//! Why: glibc gives each thread other than the main one an arena of its own that grows a few
//! pages at a time (an `mprotect` each time, and a fault for each 4 KiB page on first touch,
//! where the main thread's heap grows by 32 MiB with huge pages, `heap.rs`): a file took ~40%
//! more CPU to prepare on a pool thread than on the main thread
//! (`bench/runs/2026-12-07-vm-bind.md`). mimalloc's per-thread heaps take their memory from
//! the area a segment (32 MiB of address space) at a time and reuse what other threads free
//! (mimalloc 2: 3 was slower here). The main thread stays on glibc: alone, with its huge
//! pages, it bundles hono + zod faster there than with mimalloc (7.6% slower on mimalloc).
//!
//! Which allocator a block came from is told by its address: mimalloc allocates only inside
//! the area (its allocation from the system outside of it is switched off), and glibc never
//! inside it. The area is reserved without access (`PROT_NONE`, not counted against
//! `RLIMIT_DATA`, see `containment.rs`, until a thread takes a segment of it) when the first
//! pool starts; a process that bundles nothing large never makes it. When it is full, or could
//! not be reserved, the pool's threads allocate from glibc as the others do.
//!
//! The main thread of `sandbox bundle` keeps the small blocks it frees for itself
//! ([`keep_freed_blocks`]): a syntax tree is freed node by node and the next file's is
//! allocated node by node, and glibc keeps only 7 freed blocks of a size where its fast path
//! finds them (its `tcache`), so most of the others went through its bins and back
//! (`malloc` and `free` were 18% of the instructions of bundling ts-50 with `--no-bundle`).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::ffi::c_void;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use libmimalloc_sys as mi;

/// Address space reserved for the pool's threads: most of it is never touched, and a graph
/// that needs more goes on in glibc.
#[cfg(not(test))]
const AREA_SIZE: usize = 4 << 30;
/// Two segments, for the tests to fill.
#[cfg(test)]
const AREA_SIZE: usize = 64 << 20;

/// The area's first address and the address after it; both 0 until it is reserved, the end
/// set last.
static AREA_START: AtomicUsize = AtomicUsize::new(0);
static AREA_END: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread allocates from mimalloc (a pool thread, once the area exists).
    static IN_AREA: Cell<bool> = const { Cell::new(false) };
    /// The glibc blocks this thread freed and keeps, when it keeps them.
    static FREED: Freed = const { Freed::new() };
}

/// The largest block kept when freed: the size of most of a syntax tree's nodes and of the
/// names and vectors in them, and 64 lists.
const KEPT_SIZE: usize = 512;

/// Bytes a thread keeps in freed blocks at most: past it, what it frees goes back to glibc,
/// which can join it with its neighbours for larger blocks.
const KEPT_BYTES: usize = 4 << 20;

/// The glibc blocks a thread freed and keeps for itself, by size, each list threaded through
/// the blocks' first word: list `n` holds blocks of at least `8 * n` bytes, and serves
/// requests of at most that much (a block is put in the list of its size rounded down to a
/// multiple of 8, and a request served from the list of its size rounded up), so a block
/// given again is always as large as asked, whatever glibc rounds sizes to.
struct Freed {
    on: Cell<bool>,
    bytes: Cell<usize>,
    lists: [Cell<*mut u8>; KEPT_SIZE / 8 + 1],
}

impl Freed {
    const fn new() -> Freed {
        Freed {
            on: Cell::new(false),
            bytes: Cell::new(0),
            lists: [const { Cell::new(std::ptr::null_mut()) }; KEPT_SIZE / 8 + 1],
        }
    }

    /// A kept block for `layout`, if the thread keeps blocks and has one of its size.
    #[inline]
    fn take(&self, layout: Layout) -> Option<*mut u8> {
        if !self.on.get() || !kept_layout(layout) {
            return None;
        }
        let class = layout.size().div_ceil(8);
        let list = &self.lists[class];
        let block = list.get();
        if block.is_null() {
            return None;
        }
        // SAFETY: a block in a list is a kept one, at least 8 bytes and 8-aligned, whose first
        // word holds the next block of the list (see `keep`).
        list.set(unsafe { block.cast::<*mut u8>().read() });
        self.bytes.set(self.bytes.get() - class * 8);
        Some(block)
    }

    /// Keeps `block` of glibc's, freed with `layout`, when the thread keeps blocks of its
    /// size and has room, and `stop` ([`POOL_STARTED`]) is not set; returns whether it did.
    #[inline]
    fn keep(&self, block: *mut u8, layout: Layout, stop: &AtomicBool) -> bool {
        let class = layout.size() / 8;
        if !self.on.get() || class == 0 || !kept_layout(layout) {
            return false;
        }
        if stop.load(Ordering::Relaxed) {
            self.give_back();
            return false;
        }
        let bytes = self.bytes.get() + class * 8;
        if bytes > KEPT_BYTES {
            return false;
        }
        self.bytes.set(bytes);
        let list = &self.lists[class];
        // SAFETY: the caller's block of `layout.size()` bytes (at least 8), aligned to at
        // least 8 (glibc's blocks are 16-aligned), no longer used by anyone.
        unsafe { block.cast::<*mut u8>().write(list.get()) };
        list.set(block);
        true
    }

    /// Gives the kept blocks back to glibc and keeps no more: once a pool has started (at the
    /// first free after it), so that glibc can join them for the larger blocks of a large
    /// graph's linking and writing (kept, they raised the AWS SDK's peak memory by 1 to 2 MiB).
    /// Until then a kept block may still be taken: it is glibc's either way.
    #[cold]
    #[inline(never)]
    fn give_back(&self) {
        self.on.set(false);
        for (class, list) in self.lists.iter().enumerate() {
            let mut block = list.replace(std::ptr::null_mut());
            while !block.is_null() {
                // SAFETY: a kept block, whose first word holds the next of its list; it is
                // glibc's, of at least `8 * class` bytes, freed once and not used since.
                unsafe {
                    let next = block.cast::<*mut u8>().read();
                    executor::MemoryAllocator.dealloc(block, Layout::from_size_align_unchecked(class * 8, 8));
                    block = next;
                }
            }
        }
        self.bytes.set(0);
    }
}

/// Whether blocks of `layout` are kept: small ones, aligned as glibc aligns every block.
#[inline]
fn kept_layout(layout: Layout) -> bool {
    layout.size() <= KEPT_SIZE && layout.align() <= MALLOC_ALIGNMENT
}

/// Set when the first pool thread starts (see [`Freed::give_back`]).
static POOL_STARTED: AtomicBool = AtomicBool::new(false);

/// Makes this thread keep the small blocks of glibc's it frees, to allocate them again (see
/// the module docs), until a pool starts. For a thread that ends with the process and runs no
/// sandbox (the blocks it holds when it ends are not given back, and what it keeps is not
/// counted as freed by [`executor::MemoryAllocator`]): the main thread of `sandbox bundle`.
pub(crate) fn keep_freed_blocks() {
    FREED.with(|freed| freed.on.set(true));
}

/// mimalloc 2's options that `libmimalloc-sys` has no constant for, by number (`mi_option_t`
/// in `mimalloc.h`); the others are the crate's.
const OPTION_ARENA_EAGER_COMMIT: mi::mi_option_t = 4;
const OPTION_PURGE_DELAY: mi::mi_option_t = 15;
const OPTION_ARENA_RESERVE: mi::mi_option_t = 23;

unsafe extern "C" {
    /// The start and size of an arena (not in `libmimalloc-sys`'s bindings).
    fn mi_arena_area(arena_id: mi::mi_arena_id_t, size: *mut usize) -> *mut c_void;
    /// What mimalloc runs when the program loads, where a constructor runs it: the vendored
    /// `libmimalloc-sys` builds it without one on Linux (see vendor/README.md), so a process
    /// that never makes a pool pays nothing for it; elsewhere, running it again changes nothing.
    fn _mi_auto_process_init();
}

/// Makes this thread allocate from mimalloc; reserves the area the first time. Run by each
/// thread of the bundler's pools first (`bundler::on_thread_start`).
pub(crate) fn use_area() {
    POOL_STARTED.store(true, Ordering::Relaxed);
    static RESERVE: Once = Once::new();
    RESERVE.call_once(|| {
        // SAFETY: options and a reservation of fresh address space; the arena id is written
        // by the call, the area's bounds read from mimalloc.
        unsafe {
            _mi_auto_process_init();
            // The area is reserved without access and committed as used, and nothing else is
            // taken from the system for blocks (mimalloc's own small bookkeeping still is):
            // no block straight from the system, and no second arena once the area is full
            // (mimalloc reserves one even with the system's blocks switched off), so that a
            // block outside the area is always glibc's.
            mi::mi_option_set(OPTION_ARENA_EAGER_COMMIT, 0);
            mi::mi_option_set(mi::mi_option_limit_os_alloc, 1);
            mi::mi_option_set(OPTION_ARENA_RESERVE, 0);
            // A thread's segments (32 MiB of the area each) are made accessible whole, from
            // the first: committing them 64 KiB at a time took ~275 `mprotect` calls on the
            // AWS SDK, each one flushing the other CPU's view of the address space (16 calls
            // this way; bundle mode x0.96, `--no-bundle` x0.97, peak memory no higher). Pages
            // are still resident only once touched.
            mi::mi_option_set(mi::mi_option_eager_commit_delay, 0);
            // Memory freed is given back at once rather than 10 ms later: the AWS SDK's
            // peak memory in transform mode is then what it was with glibc (27.1 MiB against
            // 26.9; 28.7 with the delay), for a few percent of the time gained.
            mi::mi_option_set(OPTION_PURGE_DELAY, 0);
            let mut arena: mi::mi_arena_id_t = std::mem::zeroed();
            if mi::mi_reserve_os_memory_ex(AREA_SIZE, false, false, false, &raw mut arena) != 0 {
                return;
            }
            let mut size = 0usize;
            let start = mi_arena_area(arena, &raw mut size) as usize;
            // The start first: a block is the area's only once the end is set (see `in_area`),
            // so that no thread sees an end without its start and takes glibc's blocks below
            // it for mimalloc's.
            if start != 0 && size != 0 {
                AREA_START.store(start, Ordering::Release);
                AREA_END.store(start + size, Ordering::Release);
            }
        }
    });
    if AREA_END.load(Ordering::Acquire) != 0 {
        IN_AREA.with(|in_area| in_area.set(true));
    }
}

/// Whether `pointer` is a block of mimalloc's. The end is read first: while it is 0 (no
/// area, or one being set up by another thread) nothing is; once it is set, so is the start
/// (stored before it).
#[inline]
fn in_area(pointer: *mut u8) -> bool {
    let address = pointer as usize;
    address < AREA_END.load(Ordering::Acquire) && address >= AREA_START.load(Ordering::Relaxed)
}

/// Whether this thread allocates from mimalloc.
#[inline]
fn area_thread() -> bool {
    IN_AREA.with(Cell::get)
}

/// Alignment that mimalloc's plain `mi_malloc` gives every block.
const MALLOC_ALIGNMENT: usize = 16;

/// A block (zeroed or not) from mimalloc when this thread allocates there and the area has
/// room, else from glibc.
///
/// # Safety
/// `layout` has a non-zero size, as for `GlobalAlloc::alloc`.
#[inline]
unsafe fn allocate(layout: Layout, zeroed: bool) -> *mut u8 {
    if area_thread() {
        // SAFETY: mimalloc's allocation, for a layout of non-zero size (the caller's promise).
        let block = unsafe {
            match (layout.align() <= MALLOC_ALIGNMENT, zeroed) {
                (true, false) => mi::mi_malloc(layout.size()),
                (true, true) => mi::mi_zalloc(layout.size()),
                (false, false) => mi::mi_malloc_aligned(layout.size(), layout.align()),
                (false, true) => mi::mi_zalloc_aligned(layout.size(), layout.align()),
            }
        };
        if !block.is_null() {
            return block.cast();
        }
    } else if let Some(block) = FREED.with(|freed| freed.take(layout)) {
        if zeroed {
            // SAFETY: a kept block of at least `layout.size()` bytes (see `Freed`).
            unsafe { block.write_bytes(0, layout.size()) };
        }
        return block;
    }
    // SAFETY: as the caller promises.
    unsafe {
        if zeroed { executor::MemoryAllocator.alloc_zeroed(layout) } else { executor::MemoryAllocator.alloc(layout) }
    }
}

/// See the module docs.
pub(crate) struct Allocator;

// SAFETY: each block is freed and resized by the allocator that made it, told by its address
// (see the module docs); mimalloc gives blocks of the layout's size and alignment, and
// `MemoryAllocator` forwards to the system allocator; a kept block is glibc's, given again
// only for a layout it holds (see `Freed`), and resized or freed by glibc like any other.
// Nothing here allocates through the global allocator: the thread-locals are `Cell`s
// initialized by constants.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller promises for `GlobalAlloc::alloc`.
        unsafe { allocate(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller promises for `GlobalAlloc::alloc_zeroed`.
        unsafe { allocate(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        if in_area(pointer) {
            // SAFETY: a block of mimalloc's, which frees blocks of any thread's heap.
            unsafe { mi::mi_free(pointer.cast()) }
        } else if !FREED.with(|freed| freed.keep(pointer, layout, &POOL_STARTED)) {
            // SAFETY: a block of the system allocator's, as the caller promises.
            unsafe { executor::MemoryAllocator.dealloc(pointer, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !in_area(pointer) {
            // A block of glibc's stays in glibc, on any thread.
            // SAFETY: as the caller promises for `GlobalAlloc::realloc`.
            return unsafe { executor::MemoryAllocator.realloc(pointer, layout, new_size) };
        }
        if area_thread() {
            // SAFETY: a block of mimalloc's; a block it moves goes to this thread's heap, in
            // the area; on failure the block is left as it was.
            let block = unsafe {
                if layout.align() <= MALLOC_ALIGNMENT {
                    mi::mi_realloc(pointer.cast(), new_size)
                } else {
                    mi::mi_realloc_aligned(pointer.cast(), new_size, layout.align())
                }
            };
            if !block.is_null() {
                return block.cast();
            }
        }
        // A block of mimalloc's resized on another thread (or with the area full) moves to
        // that thread's allocator.
        // SAFETY: the new layout is valid, as the caller promises for `GlobalAlloc::realloc`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as above.
        let block = unsafe { self.alloc(new_layout) };
        if !block.is_null() {
            // SAFETY: both blocks hold at least the smaller size and do not overlap; the old
            // one is mimalloc's.
            unsafe {
                std::ptr::copy_nonoverlapping(pointer, block, layout.size().min(new_size));
                mi::mi_free(pointer.cast());
            }
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glibc_block(size: usize) -> *mut u8 {
        // SAFETY: a layout of non-zero size.
        let block = unsafe { std::alloc::System.alloc(Layout::from_size_align(size, 8).unwrap()) };
        assert!(!block.is_null());
        block
    }

    /// A freed block is given again only for a request it holds, and all are given back to
    /// glibc once a pool starts.
    #[test]
    fn a_kept_block_is_given_again_only_for_what_it_holds() {
        let freed = Freed::new();
        let stop = AtomicBool::new(false);
        let layout = |size| Layout::from_size_align(size, 8).unwrap();
        let block = glibc_block(24);
        assert!(!freed.keep(block, layout(24), &stop), "kept by a thread that does not keep blocks");
        freed.on.set(true);
        assert!(freed.keep(block, layout(24), &stop));
        assert_eq!(freed.take(layout(25)), None, "25 bytes from a block of 24");
        assert_eq!(freed.take(layout(17)), Some(block));
        assert_eq!(freed.take(layout(24)), None, "given twice");
        // 20 bytes: kept with blocks of at least 16, given for requests of at most 16.
        assert!(freed.keep(block, layout(20), &stop));
        assert_eq!(freed.take(layout(20)), None);
        assert_eq!(freed.take(layout(9)), Some(block));
        assert_eq!(freed.bytes.get(), 0);
        // Too small to hold the list's link, too large, or aligned beyond glibc's blocks.
        assert!(!freed.keep(block, layout(7), &stop));
        assert!(!freed.keep(block, layout(KEPT_SIZE + 8), &stop));
        assert!(!freed.keep(block, Layout::from_size_align(64, 32).unwrap(), &stop));
        // SAFETY: the block of 24 bytes, kept by no one now.
        unsafe { std::alloc::System.dealloc(block, layout(24)) };

        // Up to `KEPT_BYTES`, then glibc's.
        let mut kept = 0;
        loop {
            let block = glibc_block(KEPT_SIZE);
            if !freed.keep(block, layout(KEPT_SIZE), &stop) {
                // SAFETY: a block not kept.
                unsafe { std::alloc::System.dealloc(block, layout(KEPT_SIZE)) };
                break;
            }
            kept += 1;
        }
        assert_eq!(kept, KEPT_BYTES / KEPT_SIZE);
        assert_eq!(freed.bytes.get(), KEPT_BYTES);
        // A pool started: the next free gives every kept block back, and none is kept after.
        stop.store(true, Ordering::Relaxed);
        let block = glibc_block(64);
        assert!(!freed.keep(block, layout(64), &stop));
        assert!(!freed.on.get());
        assert_eq!(freed.bytes.get(), 0);
        assert!(freed.lists.iter().all(|list| list.get().is_null()));
        assert_eq!(freed.take(layout(KEPT_SIZE)), None);
        // SAFETY: a block not kept.
        unsafe { std::alloc::System.dealloc(block, layout(64)) };
    }

    /// A zeroed block is zeroed also when it is a kept one (unless another test's pool has
    /// started meanwhile, when nothing is kept).
    #[test]
    fn a_kept_block_asked_for_zeroed_is_zeroed() {
        std::thread::spawn(|| {
            keep_freed_blocks();
            for _ in 0..100 {
                let filled = vec![0xffu8; 200];
                let address = filled.as_ptr();
                drop(filled);
                let zeroed = vec![0u8; 200];
                assert!(zeroed.iter().all(|&byte| byte == 0));
                std::hint::black_box((address, zeroed));
            }
        })
        .join()
        .unwrap();
    }

    /// A block made on a pool thread: in the area, freed and resized anywhere.
    #[test]
    fn blocks_of_a_pool_thread_are_mimallocs_and_move_to_glibc_when_resized_elsewhere() {
        let (small, aligned, zeroed) = std::thread::spawn(|| {
            use_area();
            let small: Box<[u8]> = vec![7u8; 100].into_boxed_slice();
            #[repr(align(4096))]
            struct Page([u8; 4096]);
            let aligned = Box::new(Page([1; 4096]));
            assert_eq!((&raw const *aligned) as usize % 4096, 0);
            assert_eq!(aligned.0[4095], 1);
            let zeroed = vec![0u64; 10_000];
            assert!(zeroed.iter().all(|&word| word == 0));
            // Grown on its own thread: still in the area.
            let mut grown = vec![1u8; 10];
            grown.resize(1 << 20, 2);
            assert!(in_area(grown.as_mut_ptr()));
            (small, aligned, zeroed)
        })
        .join()
        .unwrap();
        assert!(in_area(small.as_ptr().cast_mut()), "a pool thread's block is mimalloc's");
        assert!(in_area((&raw const *aligned).cast::<u8>().cast_mut()));
        assert_eq!(small.iter().map(|&byte| usize::from(byte)).sum::<usize>(), 700);
        // Grown on this thread (not a pool thread): moved to glibc, contents kept.
        let mut moved = small.into_vec();
        moved.resize(1 << 16, 9);
        assert!(!in_area(moved.as_mut_ptr()));
        assert_eq!(&moved[..100], &[7u8; 100][..]);
        assert_eq!(moved[100], 9);
        drop(aligned);
        drop(zeroed);
        // A thread that is not a pool thread allocates from glibc.
        let mut own = vec![0u8; 64];
        assert!(!in_area(own.as_mut_ptr()));

        // Once the area is full, a pool thread's blocks are glibc's: every block outside the
        // area is glibc's (mimalloc reserves no second arena), so each is freed by its own.
        let blocks = std::thread::spawn(|| {
            use_area();
            (0..100).map(|index| vec![index as u8; 1 << 20]).collect::<Vec<_>>()
        })
        .join()
        .unwrap();
        let inside = blocks.iter().filter(|block| in_area(block.as_ptr().cast_mut())).count();
        assert!(inside > 0 && inside < 100, "{inside} of 100 blocks of 1 MiB in an area of 64 MiB");
        for (index, block) in blocks.iter().enumerate() {
            assert!(block.iter().all(|&byte| byte == index as u8));
        }
        drop(blocks);
    }
}
