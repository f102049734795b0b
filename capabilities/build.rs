//! Tells the MCP tests (`tests/mcp.rs`) whether the reference server can run: `cfg(node)` when
//! Node.js is on `PATH`, `cfg(mcp_everything)` when `npm ci --prefix tests/mcp` has installed
//! `@modelcontextprotocol/server-everything` as well. Without them those tests are reported as
//! ignored, never as passed (as `cli/build.rs` does for workerd).
//!
//! Cargo runs this again when anything under `tests/mcp` changes and when the `node` found on
//! `PATH` goes away; installing node into a directory already on `PATH` is not noticed (touch
//! this file). The library never uses these settings.

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
    println!("cargo::rustc-check-cfg=cfg(node)");
    println!("cargo::rustc-check-cfg=cfg(mcp_everything)");
    if let Some(node) = tools::on_path("node") {
        println!("cargo::rerun-if-changed={}", node.display());
        println!("cargo::rustc-cfg=node");
        if root.join(EVERYTHING).is_file() {
            println!("cargo::rustc-cfg=mcp_everything");
        }
    }
}
