//! A local npm registry for `bench/install`: serves every `.tgz` in the directories given
//! (real npm tarballs), with packuments made from their `package.json`, on 127.0.0.1. Prints
//! its URL, then serves until stdin closes.
//!
//!     cargo run --release -p sandbox --example registry -- tests/fixtures/npm /tmp/more-tarballs

#![allow(clippy::print_stdout, reason = "the URL is this program's output")]

#[path = "../../tests/e2e/support/registry.rs"]
mod registry;

use std::io::Read as _;

fn main() {
    let server = registry::TestRegistry::start();
    for directory in std::env::args().skip(1) {
        let entries = std::fs::read_dir(&directory).unwrap_or_else(|error| panic!("cannot read {directory}: {error}"));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|extension| extension != "tgz") {
                continue;
            }
            let tarball = std::fs::read(&path).expect("read a tarball");
            let manifest = package_json(&tarball).unwrap_or_else(|| panic!("no package.json in {}", path.display()));
            server.publish_tarball(&manifest, tarball);
        }
    }
    println!("{}", server.url());
    // Serve until whoever started us closes our stdin.
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

/// The `package.json` of an npm tarball, whatever its top directory is called.
fn package_json(tarball: &[u8]) -> Option<serde_json::Value> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tarball));
    for entry in archive.entries().ok()? {
        let mut entry = entry.ok()?;
        let path = entry.path().ok()?.into_owned();
        if path.components().count() == 2 && path.ends_with("package.json") {
            let mut text = String::new();
            entry.read_to_string(&mut text).ok()?;
            return serde_json::from_str(&text).ok();
        }
    }
    None
}
