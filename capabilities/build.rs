//! Tells the tests which outside tools can run, as `cli/build.rs` does for workerd; without
//! them those tests are reported as ignored, never as passed:
//! - `cfg(node)` when Node.js is on `PATH`, and `cfg(mcp_everything)` when `npm ci --prefix
//!   tests/mcp` has installed `@modelcontextprotocol/server-everything` as well (`tests/mcp.rs`);
//! - `cfg(tsc)` when `npm ci --prefix capabilities/tests/tsc` has installed TypeScript's
//!   compiler and node is on `PATH` (`tests/typescript.rs` compiles the generated declarations).
//!
//! Cargo runs this again when anything under `tests/mcp` or `tests/tsc` changes and when the
//! `node` found on `PATH` goes away; installing node into a directory already on `PATH` is not
//! noticed (touch this file). The library never uses these settings.

#[path = "../tests/e2e/support/tools.rs"]
#[allow(dead_code, unreachable_pub, reason = "the build script uses only `on_path`")]
mod tools;

use std::path::Path;

/// The reference server's entry point, relative to the repository.
const EVERYTHING: &str = "tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js";

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).parent().expect("capabilities/ is in the repository").to_path_buf();
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../tests/e2e/support/tools.rs");
    println!("cargo::rerun-if-changed=../tests/mcp");
    println!("cargo::rerun-if-changed=tests/tsc");
    println!("cargo::rustc-check-cfg=cfg(node)");
    println!("cargo::rustc-check-cfg=cfg(mcp_everything)");
    println!("cargo::rustc-check-cfg=cfg(tsc)");
    let tsc = Path::new(&manifest).join("tests/tsc/node_modules/typescript/bin/tsc");
    if let Some(node) = tools::on_path("node") {
        println!("cargo::rerun-if-changed={}", node.display());
        println!("cargo::rustc-cfg=node");
        if root.join(EVERYTHING).is_file() {
            println!("cargo::rustc-cfg=mcp_everything");
        }
        if tsc.is_file() {
            println!("cargo::rustc-cfg=tsc");
        }
    }
}
