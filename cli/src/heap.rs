//! Huge pages for the first megabytes of the heap of `sandbox bundle`.
//!
//! Bundling allocates tens of MiB of syntax trees in a few milliseconds, one page fault per
//! 4 KiB page: on the machine this was measured on (virtual, 2 cores) a fault costs about
//! 0.9 µs, and bundling hono + zod took 1,680 of them. glibc backs its heap with transparent
//! huge pages only when `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` is in the environment the
//! process starts with; this does it from inside: the heap's next growth is made large
//! (32 MiB of address space, `M_TOP_PAD`), and its first 8 MiB are marked for huge pages
//! (`MADV_HUGEPAGE`), so that the first touch of each 2 MiB there maps it whole (749 faults
//! for hono + zod). Only the first 8 MiB, which any project but the smallest uses: a huge page
//! is resident as a whole, also the parts of it that nothing touched (the unused capacity of
//! a vector), and marking the whole heap raised peak memory by 1.3 to 2.5 MiB; the relocations
//! packed at link time (`build.rs`) take 2.2 MiB off every process, so bundling peaks no
//! higher than before. Where the system does not give huge pages (`never`), nothing changes.

/// Address space the heap grows by at once, marked for huge pages.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const GROWTH: usize = 32 << 20;

/// How much of it is marked: what bundling all but the smallest project uses anyway.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HUGE_REGION: usize = 8 << 20;

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
        while after == before && held.len() < 8 {
            held.push(std::hint::black_box(Vec::<u8>::with_capacity(96 << 10)));
            // SAFETY: as above.
            after = unsafe { libc::sbrk(0) as usize };
        }
        drop(held);
        let start = before.next_multiple_of(HUGE_PAGE);
        if after > start + HUGE_PAGE {
            let length = ((after - start) / HUGE_PAGE * HUGE_PAGE).min(HUGE_REGION);
            // SAFETY: the range is the heap's own, mapped and owned by the allocator; the
            // advice changes how pages are mapped, not what they hold.
            unsafe {
                libc::madvise(start as *mut libc::c_void, length, libc::MADV_HUGEPAGE);
            }
        }
    }
}
