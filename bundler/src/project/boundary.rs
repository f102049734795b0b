//! What the bundler may read. The code being bundled may be untrusted, and whatever it
//! imports ends up in the module map, so no import, configuration field or symbolic link may
//! make the bundler read a file elsewhere on the machine.
//!
//! Files are read only from:
//!
//! - the project's directory (see [`bundle`](crate::bundle));
//! - `node_modules` directly in the project's directory or in a directory above it: the
//!   directories Node's resolution searches for packages, so a `node_modules` hoisted above
//!   the project (npm workspaces) works. The directory named `node_modules` is taken as
//!   written: one that is a symbolic link to elsewhere leads nowhere;
//! - [`BundleOptions::node_modules`](crate::BundleOptions::node_modules), the caller's own.
//!
//! Every path is compared once canonical (symbolic links followed), so a link in the project
//! or in a package cannot lead out. `oxc_resolver` reads `package.json` and `tsconfig.json`
//! files through [`BoundedFileSystem`], which also allows the `package.json` and
//! `tsconfig.json` of the directories above the project (Node and TypeScript look there for
//! the nearest one), and refuses every other file outside: a `tsconfig.json` `extends` of
//! `/etc/…` is not read.
//!
//! Looking at a path (does it exist, is it a directory) is not reading it: the resolver still
//! does that anywhere an import or a configuration points, as Node does (from a listing of the
//! directory once it has looked there often, `listing`: names, not contents).

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use oxc_resolver::{FileMetadata, FileSystem, FileSystemOs, ResolveError};
use rustc_hash::FxHashMap;

use crate::project::listing::Listings;

/// The directories whose files may be read.
#[derive(Debug, Default)]
pub(crate) struct Boundary {
    /// The project's directory, canonical.
    root: PathBuf,
    /// `node_modules` in the project's directory and in each directory above it.
    node_modules: Vec<PathBuf>,
    /// [`BundleOptions::node_modules`](crate::BundleOptions::node_modules), canonical.
    outside: Option<PathBuf>,
}

impl Boundary {
    /// The boundary of a project whose directory is `root` (canonical); `outside` is a
    /// canonical `node_modules` of the caller's.
    pub(crate) fn new(root: &Path, outside: Option<&Path>) -> Boundary {
        Boundary {
            root: root.to_path_buf(),
            node_modules: root.ancestors().map(|directory| directory.join("node_modules")).collect(),
            outside: outside.map(Path::to_path_buf),
        }
    }

    /// Whether the file at `path` (canonical) may be bundled.
    pub(crate) fn allows(&self, path: &Path) -> bool {
        path.starts_with(&self.root)
            || self.node_modules.iter().any(|directory| path.starts_with(directory))
            || self.outside.as_deref().is_some_and(|directory| path.starts_with(directory))
    }

    /// Whether the resolver may read `path` (canonical): a file the bundle may hold, or the
    /// `package.json` or `tsconfig.json` of a directory above the project.
    fn allows_config(&self, path: &Path) -> bool {
        if self.allows(path) {
            return true;
        }
        let is_config = path.file_name().is_some_and(|name| name == "package.json" || name == "tsconfig.json");
        is_config && path.parent().is_some_and(|directory| self.root.starts_with(directory))
    }
}

/// A file's bytes, or its size when that is more than `limit`. Only a regular file is read,
/// and never more than its size said, which is at most `limit` ([`Opened`]).
pub(crate) fn read_at_most(path: &Path, limit: u64) -> io::Result<Result<Vec<u8>, u64>> {
    Opened::regular(path)?.read_at_most(limit)
}

/// A regular file, open, and its size. The file is opened first and what it is asked of the
/// open file, where asking by path walked the path a second time (a file of a graph then took
/// five system calls, now four: open, status, one read, close). Opened without waiting, so
/// that a FIFO does not block.
pub(crate) struct Opened {
    file: std::fs::File,
    size: u64,
}

impl Opened {
    pub(crate) fn regular(path: &Path) -> io::Result<Opened> {
        let file = open_without_waiting(path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(not_regular());
        }
        Ok(Opened { file, size: metadata.len() })
    }

    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// Its bytes, or its size when that is more than `limit`.
    pub(crate) fn read_at_most(self, limit: u64) -> io::Result<Result<Vec<u8>, u64>> {
        use std::io::Read;
        if self.size > limit {
            return Ok(Err(self.size));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        // At most the size: once it is read, no other read asks whether more follows (the file
        // does not change while it is bundled; one that grows meanwhile is read as it was).
        self.file.take(self.size).read_to_end(&mut bytes)?;
        Ok(Ok(bytes))
    }
}

fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")
}

#[cfg(target_os = "linux")]
fn open_without_waiting(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

/// Elsewhere what the path names is asked first: a FIFO is not opened.
#[cfg(not(target_os = "linux"))]
fn open_without_waiting(path: &Path) -> io::Result<std::fs::File> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    std::fs::File::open(path)
}

/// `path` with `.` and `..` taken away as written, without looking at the file system (a
/// `..` above the root stays at the root, as the operating system reads it).
pub(crate) fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if normal.file_name().is_some() {
                    normal.pop();
                } else if !normal.has_root() {
                    normal.push(component);
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

/// A file the resolver was not let read, by its canonical path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// It is outside the [`Boundary`].
    Outside(PathBuf),
    /// It is larger than one file may be: its size.
    TooLarge(PathBuf, u64),
}

/// `oxc_resolver`'s file system, refusing to read files outside a [`Boundary`], files larger
/// than a limit, and what is not a regular file (a FIFO would block). A refused read fails as
/// permission denied (a `package.json` that cannot be read is skipped, as if absent), and is
/// kept for the diagnostic.
#[derive(Clone)]
pub(crate) struct BoundedFileSystem {
    os: FileSystemOs,
    boundary: Arc<Boundary>,
    /// The most bytes one file may have.
    max_file: u64,
    refused: Arc<Mutex<Vec<Refused>>>,
    /// The canonical path of each directory a file was read from (see
    /// [`BoundedFileSystem::canonical`]).
    directories: Arc<Mutex<FxHashMap<PathBuf, PathBuf>>>,
    /// What is at the paths the resolver looks at, from directory listings.
    listings: Arc<Listings>,
}

impl BoundedFileSystem {
    pub(crate) fn with_boundary(boundary: Arc<Boundary>, max_file: u64) -> BoundedFileSystem {
        BoundedFileSystem {
            os: FileSystemOs::new(),
            boundary,
            max_file,
            refused: Arc::default(),
            directories: Arc::default(),
            listings: Arc::default(),
        }
    }

    /// What was refused since the last call, in order.
    pub(crate) fn take_refused(&self) -> Vec<Refused> {
        std::mem::take(&mut *self.refused.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// `path` with every symbolic link resolved, and the metadata of what it names. The
    /// directory's canonical path is remembered: a bundle reads a `package.json` from each of
    /// hundreds of directories under the same few, and canonicalising reads the link of every
    /// component (a dozen system calls each). The file itself is looked at every time, and a
    /// link is resolved whole. The project's files do not change while it is bundled (nothing
    /// runs meanwhile), as the resolver's own cache assumes.
    fn canonical(&self, path: &Path) -> io::Result<(PathBuf, std::fs::Metadata)> {
        let own = std::fs::symlink_metadata(path)?;
        let parts = path.parent().filter(|directory| !directory.as_os_str().is_empty()).zip(path.file_name());
        let Some((directory, name)) = parts.filter(|_| !own.file_type().is_symlink()) else {
            let canonical = std::fs::canonicalize(path)?;
            let metadata = std::fs::metadata(&canonical)?;
            return Ok((canonical, metadata));
        };
        let known = self.directories.lock().unwrap_or_else(PoisonError::into_inner).get(directory).cloned();
        let directory_path = match known {
            Some(canonical) => canonical,
            None => {
                let canonical = std::fs::canonicalize(directory)?;
                let mut directories = self.directories.lock().unwrap_or_else(PoisonError::into_inner);
                directories.insert(directory.to_path_buf(), canonical.clone());
                canonical
            }
        };
        Ok((directory_path.join(name), own))
    }

    fn check(&self, path: &Path) -> io::Result<()> {
        let (canonical, metadata) = self.canonical(path)?;
        let refused = if !self.boundary.allows_config(&canonical) {
            Refused::Outside(canonical)
        } else if !metadata.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
        } else if metadata.len() > self.max_file {
            Refused::TooLarge(canonical, metadata.len())
        } else {
            return Ok(());
        };
        self.refused.lock().unwrap_or_else(PoisonError::into_inner).push(refused);
        Err(io::Error::new(io::ErrorKind::PermissionDenied, "refused: outside the project, or too large"))
    }
}

impl FileSystem for BoundedFileSystem {
    /// A file system that reads nothing; the bundler makes its own with
    /// [`BoundedFileSystem::with_boundary`].
    fn new() -> Self {
        let nothing = Boundary { root: PathBuf::from("/nonexistent/"), ..Boundary::default() };
        BoundedFileSystem::with_boundary(Arc::new(nothing), 0)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.check(path)?;
        self.os.read(path)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self.check(path)?;
        FileSystem::read_to_string(&self.os, path)
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        if let Some(answer) = self.listings.metadata(path) {
            return answer;
        }
        FileSystem::metadata(&self.os, path)
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        if let Some(answer) = self.listings.symlink_metadata(path) {
            return answer;
        }
        self.os.symlink_metadata(path)
    }

    fn read_link(&self, path: &Path) -> Result<PathBuf, ResolveError> {
        FileSystem::read_link(&self.os, path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        FileSystem::canonicalize(&self.os, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project, `node_modules` above it and the caller's `node_modules` are inside;
    /// anything else, also a path that only has a `node_modules` in it, is not.
    #[test]
    fn what_is_inside() {
        let boundary = Boundary::new(Path::new("/w/app"), Some(Path::new("/c/layouts/k/node_modules")));
        assert!(boundary.allows(Path::new("/w/app/src/a.ts")));
        assert!(boundary.allows(Path::new("/w/app/node_modules/x/i.js")));
        assert!(boundary.allows(Path::new("/w/node_modules/x/i.js")));
        assert!(boundary.allows(Path::new("/node_modules/x/i.js")));
        assert!(boundary.allows(Path::new("/c/layouts/k/node_modules/zod/i.js")));
        assert!(!boundary.allows(Path::new("/tmp/x/node_modules/y.js")));
        assert!(!boundary.allows(Path::new("/w/other/node_modules/y.js")));
        assert!(!boundary.allows(Path::new("/w/app2/a.js")));
        assert!(!boundary.allows(Path::new("/etc/passwd")));
        assert!(boundary.allows_config(Path::new("/w/package.json")));
        assert!(boundary.allows_config(Path::new("/tsconfig.json")));
        assert!(!boundary.allows_config(Path::new("/etc/tsconfig.json")));
        assert!(!boundary.allows_config(Path::new("/w/other/package.json")));
    }

    /// A regular file is read whole; one larger than the limit is not read, its size said; a
    /// FIFO (without a writer, which would block a plain open), a directory and a missing file
    /// are errors.
    #[cfg(target_os = "linux")]
    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let temporary = std::env::temp_dir().join(format!("bundler-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temporary);
        std::fs::create_dir_all(temporary.join("dir")).expect("made");
        std::fs::write(temporary.join("file.js"), "export default 1;\n").expect("written");
        crate::project::make_fifo(&temporary.join("fifo"));
        let file = temporary.join("file.js");
        assert_eq!(read_at_most(&file, 18).expect("read").expect("within"), b"export default 1;\n");
        assert_eq!(read_at_most(&file, 17).expect("read"), Err(18));
        for refused in ["fifo", "dir"] {
            let error = read_at_most(&temporary.join(refused), 100).expect_err(refused);
            assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{refused}");
        }
        let missing = read_at_most(&temporary.join("missing.js"), 100).expect_err("missing");
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        std::fs::remove_dir_all(&temporary).expect("removed");
    }

    /// A file is read only when its canonical path is inside, however it is reached: through
    /// a directory read before (whose canonical path is remembered), a link to a file
    /// outside, a link to a directory outside, or `..` out of a linked directory.
    #[cfg(unix)]
    #[test]
    fn links_out_are_refused_however_reached() {
        let temporary = std::env::temp_dir().join(format!("bundler-boundary-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&temporary);
        let write = |path: &str| {
            let path = temporary.join(path);
            std::fs::create_dir_all(path.parent().expect("a directory")).expect("made");
            std::fs::write(path, "{}").expect("written");
        };
        write("app/node_modules/inside/package.json");
        write("app/node_modules/inside/other.json");
        write("outside/package.json");
        write("outside/pkg/package.json");
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(temporary.join(target), temporary.join(name)).expect("linked");
        };
        link("outside/pkg", "app/node_modules/evil");
        link("outside/package.json", "app/node_modules/inside/linked.json");
        link("app/node_modules/inside", "app/node_modules/alias");
        let root = temporary.join("app").canonicalize().expect("made");
        let files = BoundedFileSystem::with_boundary(Arc::new(Boundary::new(&root, None)), 1 << 20);
        let node_modules = root.join("node_modules");
        for _ in 0..2 {
            assert!(FileSystem::read_to_string(&files, &node_modules.join("inside/package.json")).is_ok());
            assert!(FileSystem::read_to_string(&files, &node_modules.join("alias/other.json")).is_ok());
            for refused in
                ["evil/package.json", "inside/linked.json", "evil/../package.json", "alias/../evil/package.json"]
            {
                let read = FileSystem::read_to_string(&files, &node_modules.join(refused));
                assert_eq!(read.map_err(|error| error.kind()), Err(io::ErrorKind::PermissionDenied), "{refused}");
            }
        }
        assert_eq!(files.take_refused().len(), 8);
        let _ = std::fs::remove_dir_all(&temporary);
    }

    /// `..` is taken away as written.
    #[test]
    fn lexical_normalization() {
        assert_eq!(lexically_normal(Path::new("/w/app/../../etc/x")), Path::new("/etc/x"));
        assert_eq!(lexically_normal(Path::new("/w/./a/../b")), Path::new("/w/b"));
        assert_eq!(lexically_normal(Path::new("/../../etc")), Path::new("/etc"));
        assert_eq!(lexically_normal(Path::new("../a/../../b")), Path::new("../../b"));
    }
}
