//! What is at a path, answered from one listing of its directory rather than a system call
//! for each path: the resolver looks for every import at a dozen paths (`./x`, `./x.ts`,
//! `./x.tsx`, `./x.mts`, … `./x/index.ts`), nearly all of them absent, and for `package.json`
//! and `tsconfig.json` in every directory above each file (the AWS SDK: 4,672 lookups, 2,660
//! of them for nothing; ts-50 with `--no-bundle`: 237, 4% of its time), where esbuild reads
//! each directory once.
//!
//! A directory is listed the fourth time a path in it is looked at (one looked in less often
//! costs its lookups, as before), and only where a name is found exactly as written: on
//! Linux, on ext4 and tmpfs (without case folding on the directory), XFS, Btrfs and
//! overlayfs. Elsewhere, for a directory that cannot be read, one whose listing does not say
//! what each name is, and one of more than [`MOST_ENTRIES`], the system is asked for each
//! path. A listing is kept for the bundle: the files do not change while it is bundled
//! (nothing runs meanwhile), as the resolver's own cache assumes. Looking at a directory's
//! names reads nothing of its files (see the `boundary` module).

use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use oxc_resolver::FileMetadata;
use rustc_hash::FxHashMap;

/// The most entries a directory is listed with.
const MOST_ENTRIES: usize = 4096;

/// The paths looked at in a directory, one system call each, before it is listed: a listing
/// takes five or six (open, file system type, flags, two reads, close), and the directories
/// of a small project are looked in a few times each (hono + zod: listed from the second look,
/// 7% more system calls than none; from the fourth, as many; ts-50 15% and the AWS SDK 37%
/// fewer).
const LOOKS_BEFORE_LISTING: u32 = 3;

/// The directories looked in so far, by path as the resolver wrote it.
#[derive(Default)]
pub(crate) struct Listings {
    directories: Mutex<FxHashMap<PathBuf, Directory>>,
}

enum Directory {
    /// This many paths in it were looked at (by the system).
    LookedIn(u32),
    /// Each name, and what it is (not following a link).
    Listed(FxHashMap<OsString, FileMetadata>),
    /// It is not listed: the system is asked for each path.
    NotListed,
}

impl Listings {
    /// What `path` is, not following a last link, as [`std::fs::symlink_metadata`] would say:
    /// `None` when the system must be asked.
    pub(crate) fn symlink_metadata(&self, path: &Path) -> Option<io::Result<FileMetadata>> {
        self.look(path, MOST_ENTRIES)
    }

    /// What `path` is, following links, as [`std::fs::metadata`] would say: `None` when the
    /// system must be asked (also for a link).
    pub(crate) fn metadata(&self, path: &Path) -> Option<io::Result<FileMetadata>> {
        match self.look(path, MOST_ENTRIES)? {
            Ok(metadata) if metadata.is_symlink() => None,
            answer => Some(answer),
        }
    }

    fn look(&self, path: &Path, most: usize) -> Option<io::Result<FileMetadata>> {
        let (directory, name) = directory_and_name(path)?;
        let mut directories = self.directories.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(state) = directories.get_mut(directory) else {
            if let Some(not_there) = not_a_directory(&directories, directory) {
                return Some(Err(not_there));
            }
            directories.insert(directory.to_path_buf(), Directory::LookedIn(1));
            return None;
        };
        if let Directory::LookedIn(looks) = state {
            if *looks < LOOKS_BEFORE_LISTING {
                *looks += 1;
                return None;
            }
            *state = list(directory, most).map_or(Directory::NotListed, Directory::Listed);
        }
        let Directory::Listed(names) = state else { return None };
        Some(names.get(name).copied().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound)))
    }
}

/// Why nothing is under `directory`, when the listing of the directory it is in says it is
/// not there or is neither a directory nor a link (a file: the resolver looks for
/// `src/a.ts/tsconfig.json` for each file), as the system would say: `None` when not known.
fn not_a_directory(directories: &FxHashMap<PathBuf, Directory>, directory: &Path) -> Option<io::Error> {
    let (parent, name) = directory_and_name(directory)?;
    let Some(Directory::Listed(names)) = directories.get(parent) else {
        return None;
    };
    match names.get(name) {
        None => Some(io::Error::from(io::ErrorKind::NotFound)),
        Some(metadata) if metadata.is_dir() || metadata.is_symlink() => None,
        Some(_) => Some(io::Error::from(io::ErrorKind::NotADirectory)),
    }
}

/// The directory `path` is in and its name there, or `None` when a listing cannot say: `a/b/`
/// and `a/b/.` name `b` only if it is a directory (the system says), and `a/..` names no name
/// of `a`.
fn directory_and_name(path: &Path) -> Option<(&Path, &OsStr)> {
    let name = path.file_name()?;
    path.as_os_str().as_encoded_bytes().ends_with(name.as_encoded_bytes()).then_some((path.parent()?, name))
}

/// The names in `directory` and what each is, or `None` when it cannot be read, has more
/// than `most` entries, or may find a name written otherwise (see the module docs).
#[cfg(target_os = "linux")]
fn list(directory: &Path, most: usize) -> Option<FxHashMap<OsString, FileMetadata>> {
    use std::os::unix::ffi::OsStrExt as _;
    let file = std::fs::File::open(directory).ok()?;
    if !names_match_exactly(&file) {
        return None;
    }
    let mut entries = rustix::fs::Dir::new(file).ok()?;
    let mut names = FxHashMap::default();
    while let Some(entry) = entries.read() {
        let entry = entry.ok()?;
        let name = entry.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        if names.len() == most {
            return None;
        }
        let file_type = entry.file_type();
        // The file system does not say in its listing: the system is asked for each path.
        if file_type == rustix::fs::FileType::Unknown {
            return None;
        }
        let metadata = FileMetadata::new(
            file_type == rustix::fs::FileType::RegularFile,
            file_type == rustix::fs::FileType::Directory,
            file_type == rustix::fs::FileType::Symlink,
        );
        names.insert(std::ffi::OsStr::from_bytes(name).to_os_string(), metadata);
    }
    Some(names)
}

/// Elsewhere the system is asked for each path.
#[cfg(not(target_os = "linux"))]
fn list(_: &Path, _: usize) -> Option<FxHashMap<OsString, FileMetadata>> {
    None
}

/// Whether a name in `directory` is found only as written, byte for byte.
#[cfg(target_os = "linux")]
fn names_match_exactly(directory: &std::fs::File) -> bool {
    // `FS_CASEFOLD_FL`: the directory's names are compared without case.
    const CASEFOLD: u32 = 0x4000_0000;
    let Ok(statfs) = rustix::fs::fstatfs(directory) else { return false };
    // The field's and the constants' types differ between targets.
    #[allow(clippy::unnecessary_cast, clippy::cast_lossless)]
    let (kind, magic) = (statfs.f_type as i64, |constant| constant as i64);
    if kind == magic(libc::EXT4_SUPER_MAGIC) || kind == magic(libc::TMPFS_MAGIC) {
        // Case folding is a flag of each directory there (Linux 5.2 and 6.13).
        rustix::fs::ioctl_getflags(directory).is_ok_and(|flags| flags.bits() & CASEFOLD == 0)
    } else {
        [libc::XFS_SUPER_MAGIC, libc::BTRFS_SUPER_MAGIC, libc::OVERLAYFS_SUPER_MAGIC].map(magic).contains(&kind)
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn kind(metadata: &FileMetadata) -> (bool, bool, bool) {
        (metadata.is_file(), metadata.is_dir(), metadata.is_symlink())
    }

    /// Every answer, before and after the directory is listed, is what the system says, for
    /// a file, a directory, a link to each, a dangling link, a FIFO, names not there (also one
    /// that differs only in case) and names under a file, a FIFO and a name not there (a name
    /// under a link is left to the system).
    #[test]
    fn answers_are_the_systems() {
        let temporary = std::env::temp_dir().join(format!("bundler-listing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temporary);
        std::fs::create_dir_all(temporary.join("dir")).expect("made");
        std::fs::write(temporary.join("file.ts"), "x").expect("written");
        std::os::unix::fs::symlink("file.ts", temporary.join("link-to-file")).expect("linked");
        std::os::unix::fs::symlink("dir", temporary.join("link-to-dir")).expect("linked");
        std::os::unix::fs::symlink("nowhere", temporary.join("dangling")).expect("linked");
        crate::project::make_fifo(&temporary.join("fifo"));
        let opened = std::fs::File::open(&temporary).expect("opened");
        assert!(names_match_exactly(&opened), "the test needs a directory that is listed");
        let listings = Listings::default();
        for _ in 0..LOOKS_BEFORE_LISTING {
            assert!(listings.symlink_metadata(&temporary.join("file.ts")).is_none(), "looked at by the system");
        }
        let names = [
            "file.ts",
            "dir",
            "link-to-file",
            "link-to-dir",
            "dangling",
            "fifo",
            "absent.ts",
            "FILE.ts",
            "file",
            "file.ts/",
            "file.ts/.",
            "dir/",
            "dir/.",
            "file.ts/tsconfig.json",
            "fifo/x",
            "absent.ts/x",
            "link-to-file/x",
        ];
        for _ in 0..2 {
            for name in names {
                let path = temporary.join(name);
                let system = std::fs::symlink_metadata(&path);
                match (listings.symlink_metadata(&path), &system) {
                    (None, _) => assert!(name.ends_with(['/', '.']) || name.starts_with("link-to-file/"), "{name}"),
                    (Some(Ok(ours)), Ok(theirs)) => {
                        let theirs = theirs.file_type();
                        assert_eq!(kind(&ours), (theirs.is_file(), theirs.is_dir(), theirs.is_symlink()), "{name}");
                    }
                    (Some(Err(ours)), Err(theirs)) => assert_eq!(ours.kind(), theirs.kind(), "{name}"),
                    (ours, theirs) => panic!("{name}: {ours:?} against {theirs:?}"),
                }
                let system = std::fs::metadata(&path);
                match (listings.metadata(&path), &system) {
                    (None, _) => {
                        assert!(name.contains("link") || name == "dangling" || name.ends_with(['/', '.']), "{name}");
                    }
                    (Some(Ok(ours)), Ok(theirs)) => {
                        assert_eq!(kind(&ours), (theirs.is_file(), theirs.is_dir(), false), "{name}")
                    }
                    (Some(Err(ours)), Err(theirs)) => assert_eq!(ours.kind(), theirs.kind(), "{name}"),
                    (ours, theirs) => panic!("{name}: {ours:?} against {theirs:?}"),
                }
            }
        }
        let _ = std::fs::remove_dir_all(&temporary);
    }

    /// A directory of more entries than the bound, one that cannot be read and a path whose
    /// "directory" is a file are left to the system.
    #[test]
    fn some_directories_are_not_listed() {
        let temporary = std::env::temp_dir().join(format!("bundler-listing-not-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temporary);
        std::fs::create_dir_all(&temporary).expect("made");
        for index in 0..4 {
            std::fs::write(temporary.join(format!("{index}.js")), "").expect("written");
        }
        let listings = Listings::default();
        for _ in 0..LOOKS_BEFORE_LISTING + 2 {
            assert!(listings.look(&temporary.join("0.js"), 3).is_none(), "four entries, three at most");
            assert!(listings.look(&temporary.join("0.js/tsconfig.json"), 3).is_none(), "a file is no directory");
            assert!(listings.look(Path::new("/proc/self/nonexistent/x"), 3).is_none(), "nothing to list");
        }
        assert!(listings.look(&temporary.join("1.js"), 4).is_none(), "still not listed");
        let _ = std::fs::remove_dir_all(&temporary);
    }
}
