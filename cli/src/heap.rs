//! Huge pages for the first megabytes of the heap of `sandbox bundle`.
//!
//! Bundling allocates tens of MiB of syntax trees in a few milliseconds, one page fault per
//! 4 KiB page: on the machine this was measured on (virtual, 2 cores) a fault costs about
//! 0.9 µs, and bundling hono + zod took 1,680 of them. glibc backs its heap with transparent
//! huge pages only when `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` is in the environment the
//! process starts with; this does it from inside: the heap's next growth is made large
//! (32 MiB of address space, `M_TOP_PAD`), 4 MiB of it from a 2 MiB boundary are marked for
//! huge pages (`MADV_HUGEPAGE`) before anything is written there, so that the first touch of
//! each 2 MiB maps it whole, and glibc is made to carve its blocks from that boundary on
//! ([`carve_up_to`]): hono + zod takes about 700 faults. Only the first 4 MiB, which any
//! project but the smallest uses: a huge page is resident as a whole, also the parts of it
//! that nothing touched (the unused capacity of a vector); marking the whole heap raised peak
//! memory by 1.3 to 2.5 MiB, and 8 MiB raised the AWS SDK's by 0.8 to 1.6 MiB over 4 MiB for
//! 1% fewer faults. The relocations packed at link time (`build.rs`) take 2.2 MiB off every
//! process. Where the system does not give huge pages (`never`), nothing changes but where
//! the first blocks are.

/// Address space the heap grows by at once, marked for huge pages.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const GROWTH: usize = 32 << 20;

/// How much of it is marked: what bundling all but the smallest project uses anyway.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HUGE_REGION: usize = 4 << 20;

/// The blocks held to make the heap grow, at most, and their size.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HELD: usize = 8;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HELD_SIZE: usize = 96 << 10;

/// The most a block carved by [`carve_up_to`] asks for: below glibc's threshold for mapping a
/// block apart (128 KiB), so that it is carved from the heap.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MOST_CARVED: usize = 120 << 10;

/// Has glibc carve its next blocks from `start`, the 2 MiB boundary where the huge pages
/// begin: what lies below it is carved into blocks that are kept and never written to (their
/// pages are never touched but for a block's first bytes, glibc's header, so they take no
/// memory). Without it the heap's first blocks fill the pages between where the heap begins,
/// which varies from run to run, and the boundary: up to 2 MiB, taken 4 KiB at a time
/// (hono + zod: 250 to 390 faults of its 1,100). Works from where blocks are
/// carved, seen in their addresses (glibc's header before a block is 16 bytes on 64-bit
/// systems, and a block of `n` bytes takes `n + 8` rounded up to 16); stops, having changed
/// nothing but the blocks kept, wherever a block does not come where expected (one taken from
/// a free list). Meant for a heap that has just grown past `start`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn carve_up_to(start: usize) {
    const HEADER: usize = 16;
    // SAFETY: glibc's `malloc`; the block is freed below, once.
    let probe = unsafe { libc::malloc(MOST_CARVED) } as usize;
    if probe == 0 {
        return;
    }
    // SAFETY: the block `malloc` gave, not freed before.
    unsafe { libc::free(probe as *mut libc::c_void) };
    // Freed next to the heap's top, the probe went back into it: the next block comes from
    // where the probe did.
    let mut next = probe - HEADER;
    if next > start || start - next > 4 << 20 {
        return;
    }
    while next < start {
        let left = start - next;
        // Too close for a block: the next one starts just below `start`.
        if left < 32 {
            return;
        }
        // A last piece too small for a block of its own goes with the one before it.
        let size = if left <= MOST_CARVED + HEADER + 32 { left } else { MOST_CARVED };
        // SAFETY: glibc's `malloc`; the block is kept for the process, or freed below, once.
        let block = unsafe { libc::malloc(size - HEADER) } as usize;
        if block != next + HEADER {
            if block != 0 {
                // SAFETY: the block `malloc` gave, not freed before.
                unsafe { libc::free(block as *mut libc::c_void) };
            }
            return;
        }
        next += size;
    }
}

/// Marks the heap for huge pages, once, before the command allocates; does nothing where
/// glibc's allocator is not the one, or when `GLIBC_TUNABLES` says how it should behave.
pub(crate) fn use_huge_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("GLIBC_TUNABLES").is_none() {
        const HUGE_PAGE: usize = 2 << 20;
        // SAFETY: `mallopt` only sets the allocator's parameters; `sbrk(0)` reads the break.
        let before = unsafe {
            libc::mallopt(libc::M_TOP_PAD, GROWTH as libc::c_int);
            libc::sbrk(0) as usize
        };
        // Allocations below glibc's threshold for mapping them apart (128 KiB) until the
        // heap cannot hold them and grows, by `GROWTH`; not written to (zeroing them was 2% of
        // the instructions of bundling ts-50 with `--no-bundle`).
        let mut held = Vec::new();
        let mut after = before;
        while after == before && held.len() < HELD {
            held.push(std::hint::black_box(Vec::<u8>::with_capacity(HELD_SIZE)));
            // SAFETY: as above.
            after = unsafe { libc::sbrk(0) as usize };
        }
        // Where the huge pages begin: a 2 MiB boundary above everything written so far (the
        // held blocks' headers, and the heap's top after them), so that no page of the
        // region is mapped before it is marked: a region's 2 MiB whose first page was touched
        // before are mapped 4 KiB at a time (which the huge pages of about half of the runs
        // were, until the marking came first).
        let start = (before + HELD * HELD_SIZE + MOST_CARVED).next_multiple_of(HUGE_PAGE);
        if after > start + HUGE_PAGE {
            let length = ((after - start) / HUGE_PAGE * HUGE_PAGE).min(HUGE_REGION);
            // SAFETY: the range is the heap's own, mapped and owned by the allocator; the
            // advice changes how pages are mapped, not what they hold.
            unsafe {
                libc::madvise(start as *mut libc::c_void, length, libc::MADV_HUGEPAGE);
            }
            drop(held);
            carve_up_to(start);
        }
    }
}
