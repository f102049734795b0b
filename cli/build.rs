//! Tells the end-to-end tests which reference tools are installed: `cfg(workerd)` when the
//! real workerd is where `tests/e2e/support/tools.rs` looks for it (`WORKERD`,
//! `tests/workerd/node_modules`, `PATH`), `cfg(node)` and `cfg(npm)` when Node.js and npm are
//! on `PATH`. A test that compares with one of them carries `#[cfg_attr(not(workerd), ignore =
//! "...")]`, so without the tool it is reported as ignored, never as passed (libtest cannot
//! ignore a test at run time, and a test that returns early passes).
//!
//! Cargo runs this again when `WORKERD` changes, when anything under `tests/workerd` changes
//! (`npm ci --prefix tests/workerd` installs workerd there) and when a binary found on `PATH`
//! goes away. Installing a tool into a directory already on `PATH` is not noticed: touch this
//! file, or set `WORKERD`. The binary `sandbox` never uses these settings.

#[path = "../tests/e2e/support/tools.rs"]
#[allow(dead_code, unreachable_pub, reason = "the tests use the rest of the file")]
mod tools;

use std::path::Path;

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).parent().expect("cli/ is in the repository").to_path_buf();
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=../tests/e2e/support/tools.rs");
    println!("cargo::rerun-if-changed=../tests/workerd");
    println!("cargo::rerun-if-env-changed=WORKERD");
    println!("cargo::rustc-check-cfg=cfg(workerd)");
    println!("cargo::rustc-check-cfg=cfg(node)");
    println!("cargo::rustc-check-cfg=cfg(npm)");
    println!("cargo::rustc-check-cfg=cfg(mcp_everything)");
    println!("cargo::rerun-if-changed=../tests/mcp");

    if let Some(workerd) = tools::workerd(&root)
        && workerd.is_file()
    {
        println!("cargo::rerun-if-changed={}", workerd.display());
        println!("cargo::rustc-cfg=workerd");
    }
    // The reference MCP server and the SDK the misbehaving test server uses (`npm ci --prefix
    // tests/mcp`), for tests/e2e/tools.rs.
    if tools::on_path("node").is_some()
        && root.join("tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js").is_file()
    {
        println!("cargo::rustc-cfg=mcp_everything");
    }
    for tool in ["node", "npm"] {
        if let Some(binary) = tools::on_path(tool) {
            println!("cargo::rerun-if-changed={}", binary.display());
            println!("cargo::rustc-cfg={tool}");
        }
    }
}
