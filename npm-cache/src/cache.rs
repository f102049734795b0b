//! [`Cache`]: packages by integrity, packuments by registry, and the layouts of lone files,
//! in one directory that several processes can share.
//!
//! ```text
//! <root>/                         SANDBOX_CACHE_DIR, else $XDG_CACHE_HOME/sandbox, else
//!                                 ~/.cache/sandbox (~/Library/Caches/sandbox on macOS)
//!   CACHEDIR.TAG                  so backup tools skip it
//!   tarballs-v1/<algorithm>/<hex>/   one extracted tarball, keyed by its integrity
//!       package/                  the files of the tarball, as npm unpacks them
//!       index.json                what was unpacked: each file's size and mtime, written
//!                                 before the entry is renamed into place
//!   packuments-v1/<scheme>-<host>-<port>[-<path hash>]/<name>.json   a packument and its
//!                                 HTTP caching headers
//!   layouts-v1/<key>/             node_modules for code without a package.json, one per
//!                                 set of dependencies (see `install_dependencies`)
//!   bundles-v1/<hash>.pack        the CLI's bundle cache: what bundling made of a project's
//!                                 files (written by the bundler, not this crate)
//!   locks/                        advisory file locks: one per entry being written
//!   tmp/                          work in progress; never read as an entry
//! ```
//!
//! Bump a bucket's `-vN` when its format changes; old buckets are then left for
//! `sandbox cache clean`.
//!
//! An entry is written to `tmp/`, checked, and renamed into place whole, under the entry's
//! lock: a crash leaves at most a directory in `tmp/`, never a half entry. An entry whose
//! files no longer match `index.json` (changed on disk) is removed and fetched again.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::error::InstallError;
use crate::integrity::Integrity;

/// The version of the package store's format.
const TARBALLS: &str = "tarballs-v1";
const PACKUMENTS: &str = "packuments-v1";
const LAYOUTS: &str = "layouts-v1";

/// The cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// The cache at `root` (created when first written).
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The cache the environment names: `SANDBOX_CACHE_DIR`, else the user's cache directory.
    pub fn from_environment(environment: &[(String, String)]) -> Cache {
        let variable = |name: &str| {
            environment
                .iter()
                .find(|(key, value)| key == name && !value.is_empty())
                .map(|(_, value)| PathBuf::from(value))
        };
        if let Some(root) = variable("SANDBOX_CACHE_DIR") {
            return Cache::new(root);
        }
        let base = if cfg!(target_os = "macos") {
            variable("HOME").map(|home| home.join("Library/Caches"))
        } else {
            variable("XDG_CACHE_HOME").or_else(|| variable("HOME").map(|home| home.join(".cache")))
        };
        Cache::new(base.unwrap_or_else(std::env::temp_dir).join("sandbox"))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Creates the cache's directories (and `CACHEDIR.TAG`) if they are missing.
    pub(crate) fn init(&self) -> Result<(), InstallError> {
        let tag = self.root.join("CACHEDIR.TAG");
        if tag.is_file() {
            return Ok(());
        }
        for bucket in [TARBALLS, PACKUMENTS, LAYOUTS, "locks", "tmp"] {
            let path = self.root.join(bucket);
            std::fs::create_dir_all(&path).map_err(|source| InstallError::io(&path, source))?;
        }
        write_atomic(&tag, b"Signature: 8a477f597d28d172789f06886806bc55\n# This is sandbox's cache of npm packages; see `sandbox cache dir`.\n")
    }

    /// Removes everything in the cache. Returns the number of entries removed.
    pub fn clean(&self) -> Result<usize, InstallError> {
        let entries = match std::fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(source) => return Err(InstallError::io(&self.root, source)),
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                removed += count_entries(&path);
                std::fs::remove_dir_all(&path).map_err(|source| InstallError::io(&path, source))?;
            } else {
                std::fs::remove_file(&path).map_err(|source| InstallError::io(&path, source))?;
            }
        }
        Ok(removed)
    }

    /// Where the package with `integrity` is (or will be) unpacked.
    pub fn package_dir(&self, integrity: &Integrity) -> PathBuf {
        self.root.join(TARBALLS).join(integrity.algorithm().name()).join(integrity.hex())
    }

    /// The cached packument of `name` from `registry`.
    pub(crate) fn packument_path(&self, registry: &url::Url, name: &str) -> PathBuf {
        // The scheme too: a registry over plain http never shares packuments with the same
        // host and port over https.
        let mut registry_key = format!(
            "{}-{}-{}",
            registry.scheme(),
            registry.host_str().unwrap_or("registry"),
            registry.port_or_known_default().unwrap_or(0)
        );
        let path = registry.path().trim_matches('/');
        if !path.is_empty() {
            registry_key.push('-');
            registry_key.push_str(&short_hash(path));
        }
        // `@scope/name` becomes `@scope%2fname`: one file per package.
        self.root.join(PACKUMENTS).join(registry_key).join(format!("{}.json", name.replace('/', "%2f")))
    }

    /// The directory for the layout of a set of dependencies.
    pub(crate) fn layout_dir(&self, key: &str) -> PathBuf {
        self.root.join(LAYOUTS).join(key)
    }

    /// A new, empty directory in `tmp/`, on the cache's file system so it can be renamed into
    /// place.
    pub(crate) fn temp_dir(&self) -> Result<TempDir, InstallError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let base = self.root.join("tmp");
        std::fs::create_dir_all(&base).map_err(|source| InstallError::io(&base, source))?;
        loop {
            let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().subsec_nanos();
            let name = format!("{}-{}-{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
            let path = base.join(name);
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path: Some(path) }),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(InstallError::io(&path, source)),
            }
        }
    }

    /// Removes what crashed processes left in `tmp/` more than an hour ago.
    pub(crate) fn sweep_temporary(&self) {
        let Ok(entries) = std::fs::read_dir(self.root.join("tmp")) else { return };
        let cutoff = SystemTime::now() - Duration::from_secs(3600);
        for entry in entries.flatten() {
            if entry.metadata().and_then(|metadata| metadata.modified()).is_ok_and(|modified| modified < cutoff) {
                let _ = std::fs::remove_dir_all(entry.path()).or_else(|_| std::fs::remove_file(entry.path()));
            }
        }
    }

    /// Takes the lock named `name`, waiting for another process that holds it. The lock is
    /// released when the guard is dropped (or the process ends).
    pub(crate) fn lock(&self, name: &str) -> Result<LockGuard, InstallError> {
        let (path, file) = self.lock_file(name)?;
        file.lock().map_err(|source| InstallError::io(&path, source))?;
        Ok(LockGuard { _file: file })
    }

    /// `locks/<name>.lock`, created if needed.
    fn lock_file(&self, name: &str) -> Result<(PathBuf, File), InstallError> {
        let directory = self.root.join("locks");
        std::fs::create_dir_all(&directory).map_err(|source| InstallError::io(&directory, source))?;
        let path = directory.join(format!("{name}.lock"));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| InstallError::io(&path, source))?;
        Ok((path, file))
    }
}

impl Cache {
    /// Takes the lock named `name` if no one holds it.
    pub(crate) fn try_lock(&self, name: &str) -> Result<Option<LockGuard>, InstallError> {
        let (path, file) = self.lock_file(name)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(LockGuard { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(source)) => Err(InstallError::io(&path, source)),
        }
    }
}

/// Counts the entries of a bucket (its leaves two levels down) for `clean`'s report.
fn count_entries(bucket: &Path) -> usize {
    std::fs::read_dir(bucket)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| {
                    if entry.path().is_dir() {
                        std::fs::read_dir(entry.path()).map(Iterator::count).unwrap_or(1)
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// A held advisory lock.
pub(crate) struct LockGuard {
    _file: File,
}

/// A directory in the cache's `tmp/`, removed when dropped unless persisted.
pub(crate) struct TempDir {
    path: Option<PathBuf>,
}

impl TempDir {
    pub(crate) fn path(&self) -> &Path {
        self.path.as_deref().expect("the directory is there until persisted")
    }

    /// Renames the directory to `target` (whose parent is created). When `target` already
    /// exists, it was written by another process under the same key; that one is kept.
    pub(crate) fn persist(mut self, target: &Path) -> Result<(), InstallError> {
        let path = self.path.take().expect("persisted once");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| InstallError::io(parent, source))?;
        }
        match std::fs::rename(&path, target) {
            Ok(()) => Ok(()),
            Err(_) if target.join("index.json").is_file() => {
                let _ = std::fs::remove_dir_all(&path);
                Ok(())
            }
            Err(source) => {
                let _ = std::fs::remove_dir_all(&path);
                Err(InstallError::io(target, source))
            }
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// Writes `bytes` to a temporary file next to `path` and renames it over `path`: readers see
/// the old content or the new, never part of it.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), InstallError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let directory = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(directory).map_err(|source| InstallError::io(directory, source))?;
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary =
        directory.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let written = File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        InstallError::io(path, source)
    })
}

/// A short, stable, file-name-safe hash of `text` (FNV-1a, 64 bits, in hex).
pub(crate) fn short_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Packuments are kept per registry: scheme, host, port and path each make another one,
    /// so what a project's registry served never answers for the user's.
    #[test]
    fn packuments_by_registry() {
        let cache = Cache::new("/c");
        let path = |registry: &str| cache.packument_path(&url::Url::parse(registry).unwrap(), "@acme/widget");
        assert_eq!(
            path("https://npm.acme.test/"),
            Path::new("/c/packuments-v1/https-npm.acme.test-443/@acme%2fwidget.json")
        );
        assert_eq!(path("https://npm.acme.test:443/"), path("https://npm.acme.test/"));
        let distinct = [
            "https://npm.acme.test/",
            "http://npm.acme.test:443/",
            "https://npm.acme.test:8443/",
            "https://npm.acme.test/api/",
            "https://acme.test/",
        ];
        for (index, one) in distinct.iter().enumerate() {
            for other in &distinct[index + 1..] {
                assert_ne!(path(one), path(other), "{one} and {other}");
            }
        }
    }
}
