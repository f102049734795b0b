//! The project: which files make a bundle. `entry` finds the entry file of a directory and
//! the compatibility settings, `graph` reads every file the entry imports, breadth first,
//! each prepared by `crate::source` and its imports resolved by `resolve` (`oxc_resolver`),
//! `boundary` says which files may be read at all, `listing` answers what is at a path from
//! its directory's listing, and `paths` makes display paths.

pub(crate) mod boundary;
pub(crate) mod entry;
pub(crate) mod graph;
pub(crate) mod listing;
pub(crate) mod paths;
pub(crate) mod resolve;

/// Makes a FIFO at `path`, for tests of what is not read.
#[cfg(all(test, target_os = "linux"))]
pub(crate) fn make_fifo(path: &std::path::Path) {
    let path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a path without NUL");
    // SAFETY: a NUL-terminated path; mkfifo only makes a file.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
}
