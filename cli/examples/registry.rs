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
            if entry.path().extension().is_some_and(|extension| extension == "tgz") {
                server.publish_file(&entry.path());
            }
        }
    }
    println!("{}", server.url());
    // Serve until whoever started us closes our stdin.
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
