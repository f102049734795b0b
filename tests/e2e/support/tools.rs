//! Where the end-to-end tests find the reference tools they compare with: the real workerd
//! and npm. One place for both users: the tests that start the tools, and `cli/build.rs`,
//! which sets `cfg(workerd)` and `cfg(npm)` when the tools are installed, so that a test
//! needing one is reported as ignored when it is absent, never as passed. Only `std` here:
//! the build script includes this file too.

use std::path::{Path, PathBuf};

/// How to install workerd, for the messages of skipped and failed tests.
pub(crate) const INSTALL_WORKERD: &str = "npm ci --prefix tests/workerd";

/// The workerd binary: `WORKERD`, then the platform package `npm ci --prefix tests/workerd`
/// installs (the binary itself, so node is not needed to start it), then `PATH`.
pub(crate) fn workerd(root: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WORKERD") {
        return Some(PathBuf::from(path));
    }
    if let Ok(packages) = std::fs::read_dir(root.join("tests/workerd/node_modules/@cloudflare")) {
        let mut binaries: Vec<PathBuf> = packages
            .filter_map(Result::ok)
            .map(|package| package.path().join("bin/workerd"))
            .filter(|binary| binary.is_file())
            .collect();
        binaries.sort();
        if let Some(binary) = binaries.into_iter().next() {
            return Some(binary);
        }
    }
    on_path("workerd")
}

/// The first file called `name` in a directory of `PATH`.
pub(crate) fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|directory| directory.join(name)).find(|candidate| candidate.is_file())
}
