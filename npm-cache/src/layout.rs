//! The `node_modules` tree, laid out as the lockfile says (hoisted, nested for conflicts),
//! with each package's files hard-linked from the cache (copied where links fail, such as
//! across file systems), and `node_modules/.package-lock.json` (npm's "hidden lockfile")
//! recording what is there.
//!
//! The hidden lockfile is removed before anything changes and written last, so after a crash
//! the next install sees an unknown tree and lays out again rather than trusting half of one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cache::write_atomic;
use crate::error::InstallError;
use crate::extract::Index;
use crate::lockfile::{LockEntry, Lockfile};

/// A package to have in `node_modules`.
pub(crate) struct Planned {
    /// `node_modules/a/node_modules/b`.
    pub(crate) location: String,
    pub(crate) entry: LockEntry,
    pub(crate) source: Source,
}

pub(crate) enum Source {
    /// An entry of the cache (its directory, whose `package/` holds the files) and its index.
    Store(PathBuf, Index),
    /// A `file:` directory, by its path from the project.
    Link(String),
}

/// Whether a path from the project (a location, a `file:` target) stays inside it: relative,
/// with no `..`.
pub(crate) fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path).components().all(|component| matches!(component, std::path::Component::Normal(_)))
}

/// The hidden lockfile.
pub(crate) fn hidden_lockfile_path(project: &Path) -> PathBuf {
    project.join("node_modules").join(".package-lock.json")
}

/// Whether the hidden lockfile records exactly `planned` and every package's directory is
/// there: then nothing needs to be done.
pub(crate) fn is_current(project: &Path, hidden: Option<&Lockfile>, planned: &[(String, &LockEntry)]) -> bool {
    let Some(hidden) = hidden else { return false };
    if hidden.packages.len() != planned.len() {
        return false;
    }
    planned.iter().all(|(location, entry)| {
        hidden.packages.get(location).is_some_and(|recorded| same_package(recorded, entry))
            && std::fs::symlink_metadata(project.join(location)).is_ok()
    })
}

fn same_package(a: &LockEntry, b: &LockEntry) -> bool {
    a.version == b.version
        && a.integrity == b.integrity
        && a.resolved == b.resolved
        && a.link == b.link
        && a.name == b.name
}

/// Makes `project/node_modules` hold `planned`: removes what should not be there, links what
/// is missing or different, and records the result. Returns how many packages were laid out.
pub(crate) fn lay_out(
    project: &Path,
    name: Option<&str>,
    hidden: Option<&Lockfile>,
    planned: &[Planned],
) -> Result<usize, InstallError> {
    let node_modules = project.join("node_modules");
    std::fs::create_dir_all(&node_modules).map_err(|source| InstallError::io(&node_modules, source))?;
    let hidden_path = hidden_lockfile_path(project);
    match std::fs::remove_file(&hidden_path) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(InstallError::io(&hidden_path, source)),
    }
    let recorded = hidden.map(|hidden| &hidden.packages);
    let wanted: BTreeMap<&str, &LockEntry> =
        planned.iter().map(|planned| (planned.location.as_str(), &planned.entry)).collect();

    // What the last install put there and is no longer wanted goes.
    if let Some(recorded) = recorded {
        for location in recorded.keys() {
            // Only packages: npm's hidden lockfile also lists `file:` targets (`lib`).
            if !wanted.contains_key(location.as_str()) && location.contains("node_modules/") && is_inside(location) {
                remove(&project.join(location))?;
            }
        }
    }
    // Parents come before what is nested in them (`a` < `a/node_modules/b`).
    let mut order: Vec<&Planned> = planned.iter().collect();
    order.sort_by(|a, b| a.location.cmp(&b.location));
    let mut replaced: Vec<&str> = Vec::new();
    let mut work: Vec<&Planned> = Vec::new();
    for planned in order {
        let path = project.join(&planned.location);
        let under_replaced =
            replaced.iter().any(|parent| planned.location.starts_with(&format!("{parent}/node_modules/")));
        let unchanged = !under_replaced
            && recorded
                .and_then(|recorded| recorded.get(&planned.location))
                .is_some_and(|recorded| same_package(recorded, &planned.entry))
            && std::fs::symlink_metadata(&path).is_ok();
        if unchanged {
            continue;
        }
        // Nested packages live inside their parent's directory: keep them while replacing it.
        remove_keeping_nested(&path)?;
        replaced.push(&planned.location);
        work.push(planned);
    }

    // Directories first (in order), then files in parallel.
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for planned in &work {
        let target = project.join(&planned.location);
        match &planned.source {
            Source::Link(relative) => link_directory(project, &target, relative)?,
            Source::Store(entry, index) => {
                create_dir(&target)?;
                for directory in &index.directories {
                    create_dir(&target.join(directory))?;
                }
                let package = entry.join("package");
                files.extend(index.files.iter().map(|(relative, ..)| (package.join(relative), target.join(relative))));
            }
        }
    }
    link_files(&files)?;

    let mut record = Lockfile {
        name: name.map(str::to_owned),
        version: None,
        lockfile_version: 3,
        requires: true,
        packages: BTreeMap::new(),
    };
    for planned in planned {
        record.packages.insert(planned.location.clone(), planned.entry.clone());
    }
    write_atomic(&hidden_path, record.to_json().as_bytes())?;
    Ok(work.len())
}

fn create_dir(path: &Path) -> Result<(), InstallError> {
    match std::fs::create_dir(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(path).map_err(|source| InstallError::io(path, source))
        }
        Err(source) => Err(InstallError::io(path, source)),
    }
}

/// Removes a file, link or directory, if there is one.
fn remove(path: &Path) -> Result<(), InstallError> {
    let Ok(metadata) = std::fs::symlink_metadata(path) else { return Ok(()) };
    let removed = if metadata.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    removed.map_err(|source| InstallError::io(path, source))
}

/// Removes a package's directory except its `node_modules` (where nested packages are,
/// handled on their own).
fn remove_keeping_nested(path: &Path) -> Result<(), InstallError> {
    let Ok(metadata) = std::fs::symlink_metadata(path) else { return Ok(()) };
    if !metadata.is_dir() {
        return std::fs::remove_file(path).map_err(|source| InstallError::io(path, source));
    }
    let entries = std::fs::read_dir(path).map_err(|source| InstallError::io(path, source))?;
    for entry in entries.flatten() {
        if entry.file_name() != "node_modules" {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn link_directory(project: &Path, target: &Path, relative: &str) -> Result<(), InstallError> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|source| InstallError::io(parent, source))?;
    }
    // Relative, as npm makes it, so the project can move.
    let depth = target.strip_prefix(project).map_or(1, |inside| inside.components().count().saturating_sub(1));
    let link = format!("{}{relative}", "../".repeat(depth));
    std::os::unix::fs::symlink(link, target).map_err(|source| InstallError::io(target, source))
}

#[cfg(not(unix))]
fn link_directory(project: &Path, target: &Path, relative: &str) -> Result<(), InstallError> {
    std::os::windows::fs::symlink_dir(project.join(relative), target).map_err(|source| InstallError::io(target, source))
}

/// Hard-links each `(from, to)`, or copies when links are not possible; on several threads
/// when there are many.
fn link_files(files: &[(PathBuf, PathBuf)]) -> Result<(), InstallError> {
    let copy = AtomicBool::new(false);
    let one = |(from, to): &(PathBuf, PathBuf)| -> Result<(), InstallError> {
        if !copy.load(Ordering::Relaxed) {
            match std::fs::hard_link(from, to) {
                Ok(()) => return Ok(()),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::remove_file(to).map_err(|source| InstallError::io(to, source))?;
                    if std::fs::hard_link(from, to).is_ok() {
                        return Ok(());
                    }
                }
                // Another file system, or links not allowed: copy from now on.
                Err(_) => copy.store(true, Ordering::Relaxed),
            }
        }
        std::fs::copy(from, to).map(|_| ()).map_err(|source| InstallError::io(to, source))
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(4);
    if files.len() < 512 || threads < 2 {
        return files.iter().try_for_each(one);
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files.chunks(chunk).map(|part| scope.spawn(|| part.iter().try_for_each(one))).collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .unwrap_or_else(|_| Err(InstallError::Internal { message: "a linking thread panicked".into() }))
        })
    })
}
