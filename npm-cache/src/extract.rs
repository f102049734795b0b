//! Unpacking a tarball into a cache entry, refusing what could harm the machine, and the
//! entry's [`Index`] that later proves the files are still the ones unpacked.
//!
//! npm strips the first path component (`package/`) and installs only files and
//! directories; so does this. Refused, each with an error naming the package and the entry:
//! absolute paths, `..`, symbolic and hard links that point outside the package, device files
//! and FIFOs, and archives that unpack to more than [`Limits::max_bytes`] or hold more than
//! [`Limits::max_entries`] entries. Links that stay inside the package are skipped, as npm
//! skips them.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::InstallError;

/// How big a package may be once unpacked.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of all files together (default 1 GiB; the largest real packages are a few
    /// hundred MiB).
    pub max_bytes: u64,
    /// Entries in the archive (default 200,000).
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 1 << 30, max_entries: 200_000 }
    }
}

/// What a cache entry holds, written as `index.json` next to `package/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Index {
    pub(crate) integrity: String,
    /// Every directory, parents first, relative to `package/`.
    pub(crate) directories: Vec<String>,
    /// Every file: relative path, size, modification time (ns since the epoch), executable.
    pub(crate) files: Vec<(String, u64, u64, bool)>,
}

/// Unpacks the gzip-compressed tar at `tarball` into `destination/package/` and returns its
/// index. `package` names the package in errors.
pub(crate) fn extract(
    tarball: &Path,
    destination: &Path,
    package: &str,
    limits: Limits,
) -> Result<Index, InstallError> {
    let file = File::open(tarball).map_err(|source| InstallError::io(tarball, source))?;
    let root = destination.join("package");
    std::fs::create_dir_all(&root).map_err(|source| InstallError::io(&root, source))?;
    let invalid = |message: String| InstallError::InvalidTarball { package: package.to_owned(), message };
    let unsafe_entry = |entry: &str, reason: String| InstallError::UnsafeTarball {
        package: package.to_owned(),
        entry: entry.to_owned(),
        reason,
    };

    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::with_capacity(64 << 10, file)));
    let mut directories = BTreeSet::new();
    let mut files: Vec<(String, u64, u64, bool)> = Vec::new();
    let mut positions: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut total: u64 = 0;
    let entries = archive.entries().map_err(|error| invalid(error.to_string()))?;
    for (count, entry) in entries.enumerate() {
        let mut entry = entry.map_err(|error| invalid(error.to_string()))?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if count >= limits.max_entries {
            return Err(unsafe_entry(&raw, format!("is past the limit of {} entries per package", limits.max_entries)));
        }
        let size = entry.header().entry_size().map_err(|error| invalid(error.to_string()))?;
        total = total.saturating_add(size);
        if total > limits.max_bytes {
            return Err(unsafe_entry(
                &raw,
                format!("makes the package unpack to more than {} MiB", limits.max_bytes >> 20),
            ));
        }
        let relative = match enclosed_name(&raw) {
            Enclosed::Inside(relative) => relative,
            Enclosed::Root => continue,
            Enclosed::Outside(reason) => return Err(unsafe_entry(&raw, reason.to_owned())),
        };
        let entry_type = entry.header().entry_type();
        match entry_type {
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                if entry_type == tar::EntryType::GNUSparse {
                    return Err(unsafe_entry(&raw, "is a sparse file, which npm packages never contain".to_owned()));
                }
                let target = root.join(&relative);
                let slashed = slashed(&relative);
                for ancestor in Path::new(&slashed).ancestors().skip(1) {
                    if ancestor.as_os_str().is_empty() {
                        break;
                    }
                    directories.insert(ancestor.to_string_lossy().into_owned());
                }
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|error| invalid(format!("cannot create `{raw}`: {error}")))?;
                }
                let executable = entry.header().mode().is_ok_and(|mode| mode & 0o111 != 0);
                let mut output =
                    File::create(&target).map_err(|error| invalid(format!("cannot create `{raw}`: {error}")))?;
                let written = std::io::copy(&mut (&mut entry).take(size), &mut output)
                    .map_err(|error| invalid(format!("cannot unpack `{raw}`: {error}")))?;
                set_mode(&output, executable).map_err(|error| invalid(format!("cannot unpack `{raw}`: {error}")))?;
                let metadata = output.metadata().map_err(|error| invalid(format!("cannot unpack `{raw}`: {error}")))?;
                let record = (slashed, written, modified_nanos(&metadata), executable);
                // A later entry of the same path replaces the earlier one, as tar does.
                match positions.entry(record.0.clone()) {
                    std::collections::hash_map::Entry::Occupied(slot) => files[*slot.get()] = record,
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(files.len());
                        files.push(record);
                    }
                }
            }
            tar::EntryType::Directory => {
                let target = root.join(&relative);
                std::fs::create_dir_all(&target).map_err(|error| invalid(format!("cannot create `{raw}`: {error}")))?;
                let slashed = slashed(&relative);
                for ancestor in Path::new(&slashed).ancestors() {
                    if ancestor.as_os_str().is_empty() {
                        break;
                    }
                    directories.insert(ancestor.to_string_lossy().into_owned());
                }
            }
            tar::EntryType::Symlink | tar::EntryType::Link => {
                let link = entry
                    .link_name_bytes()
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                let inside = if entry_type == tar::EntryType::Symlink {
                    // Relative to the link's own directory.
                    !link.starts_with('/') && stays_inside(relative.parent().unwrap_or(Path::new("")), &link)
                } else {
                    matches!(enclosed_name(&link), Enclosed::Inside(_))
                };
                let kind = if entry_type == tar::EntryType::Symlink { "symbolic link" } else { "hard link" };
                if !inside {
                    return Err(unsafe_entry(&raw, format!("is a {kind} to `{link}`, outside the package")));
                }
                // npm installs no links from tarballs; neither does sandbox.
            }
            tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
                let kind = match entry_type {
                    tar::EntryType::Fifo => "a FIFO",
                    _ => "a device file",
                };
                return Err(unsafe_entry(&raw, format!("is {kind}")));
            }
            // Metadata (pax headers) and anything unknown: nothing to unpack.
            _ => {}
        }
    }
    // Directories sort parents first (a parent is a prefix of its children).
    Ok(Index { integrity: String::new(), directories: directories.into_iter().collect(), files })
}

enum Enclosed {
    /// The path inside the package, with the first component (`package/`) removed.
    Inside(PathBuf),
    /// The top directory itself.
    Root,
    Outside(&'static str),
}

/// The path of a tarball entry inside the package, or why it would land outside it.
fn enclosed_name(raw: &str) -> Enclosed {
    if raw.starts_with('/') || raw.starts_with('\\') || raw.as_bytes().get(1) == Some(&b':') {
        return Enclosed::Outside("has an absolute path");
    }
    let mut parts = raw.split(['/', '\\']).filter(|part| !part.is_empty() && *part != ".");
    // npm strips the first component, whatever it is called (usually `package`).
    match parts.next() {
        None => return Enclosed::Root,
        Some("..") => return Enclosed::Outside("climbs out of the package with `..`"),
        Some(_) => {}
    }
    let mut relative = PathBuf::new();
    for part in parts {
        if part == ".." {
            return Enclosed::Outside("climbs out of the package with `..`");
        }
        relative.push(part);
    }
    if relative.as_os_str().is_empty() {
        return Enclosed::Root;
    }
    if relative.components().any(|component| !matches!(component, Component::Normal(_))) {
        return Enclosed::Outside("has a path that is not a plain relative path");
    }
    Enclosed::Inside(relative)
}

/// Whether `link`, relative to `directory` (inside the package), stays inside the package.
fn stays_inside(directory: &Path, link: &str) -> bool {
    let mut depth: usize = directory.components().count();
    for part in link.split(['/', '\\']).filter(|part| !part.is_empty() && *part != ".") {
        if part == ".." {
            match depth.checked_sub(1) {
                Some(parent) => depth = parent,
                None => return false,
            }
        } else {
            depth += 1;
        }
    }
    true
}

fn slashed(relative: &Path) -> String {
    relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

pub(crate) fn modified_nanos(metadata: &std::fs::Metadata) -> u64 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |duration| duration.as_nanos() as u64)
}

#[cfg(unix)]
fn set_mode(file: &File, executable: bool) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(if executable { 0o755 } else { 0o644 }))
}

#[cfg(not(unix))]
fn set_mode(_file: &File, _executable: bool) -> std::io::Result<()> {
    Ok(())
}

/// Reads an entry's index and checks that every file is still as unpacked (same size and
/// modification time). `None` when the entry is missing, incomplete or changed.
pub(crate) fn verify(entry: &Path) -> Option<Index> {
    let bytes = std::fs::read(entry.join("index.json")).ok()?;
    let index: Index = serde_json::from_slice(&bytes).ok()?;
    let root = entry.join("package");
    let mut path = root.clone();
    for (relative, size, modified, _) in &index.files {
        path.clone_from(&root);
        path.push(relative);
        let metadata = std::fs::symlink_metadata(&path).ok()?;
        if !metadata.is_file() || metadata.len() != *size || modified_nanos(&metadata) != *modified {
            return None;
        }
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries stay inside the package, or say why not.
    #[test]
    fn enclosed_names() {
        let inside = |raw: &str| match enclosed_name(raw) {
            Enclosed::Inside(path) => Some(path.to_string_lossy().into_owned()),
            _ => None,
        };
        assert_eq!(inside("package/index.js").as_deref(), Some("index.js"));
        assert_eq!(inside("node-x/lib/./a.js").as_deref(), Some("lib/a.js"));
        assert!(matches!(enclosed_name("package/"), Enclosed::Root));
        assert!(matches!(enclosed_name("/etc/passwd"), Enclosed::Outside(_)));
        assert!(matches!(enclosed_name("package/../../x"), Enclosed::Outside(_)));
        assert!(matches!(enclosed_name("package\\..\\x"), Enclosed::Outside(_)));
        assert!(matches!(enclosed_name("C:/x"), Enclosed::Outside(_)));
        assert!(matches!(enclosed_name("../x"), Enclosed::Outside(_)));
    }

    /// Link targets are checked from the link's own directory.
    #[test]
    fn link_targets() {
        assert!(stays_inside(Path::new("lib"), "../index.js"));
        assert!(!stays_inside(Path::new("lib"), "../../index.js"));
        assert!(!stays_inside(Path::new(""), ".."));
        assert!(stays_inside(Path::new("a/b"), "./c"));
    }
}
