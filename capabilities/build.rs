//! Tells the declaration tests whether TypeScript's compiler is installed: `cfg(tsc)` when
//! `tests/tsc/node_modules/typescript/bin/tsc` exists (`npm ci --prefix capabilities/tests/tsc`
//! puts it there) and `node` is on `PATH`. The test that compiles the generated declarations
//! carries `#[cfg_attr(not(tsc), ignore = "...")]`, so without them it is reported as ignored,
//! never as passed (libtest cannot ignore a test at run time, and a test that returns early
//! passes). Cargo runs this again when anything under `tests/tsc` changes and when the `node`
//! found on `PATH` goes away; installing node into a directory already on `PATH` is not
//! noticed: touch this file.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=tests/tsc");
    println!("cargo::rustc-check-cfg=cfg(tsc)");
    let tsc = Path::new(&manifest).join("tests/tsc/node_modules/typescript/bin/tsc");
    if let Some(node) = on_path("node")
        && tsc.is_file()
    {
        println!("cargo::rerun-if-changed={}", node.display());
        println!("cargo::rustc-cfg=tsc");
    }
}

/// The first file called `name` in a directory of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|directory| directory.join(name)).find(|candidate| candidate.is_file())
}
