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
//!
//! It also links `sandbox` with its relocations packed where that runs ([`pack_relocations`]).

#[path = "../tests/e2e/support/tools.rs"]
#[allow(dead_code, unreachable_pub, reason = "the tests use the rest of the file")]
mod tools;

use std::path::Path;

fn main() {
    pack_relocations();
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
    println!("cargo::rustc-check-cfg=cfg(mcp_client)");
    println!("cargo::rustc-check-cfg=cfg(mcp_conformance)");
    println!("cargo::rustc-check-cfg=cfg(huge_pages)");
    println!("cargo::rerun-if-changed=../tests/mcp/conformance");
    println!("cargo::rerun-if-changed=../tests/mcp");
    println!("cargo::rerun-if-changed=../tests/mcp/client");

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
    // The official TypeScript MCP client (`npm ci --prefix tests/mcp/client`), which drives
    // `sandbox mcp` in tests/e2e/mcp_server.rs.
    if tools::on_path("node").is_some()
        && root.join("tests/mcp/client/node_modules/@modelcontextprotocol/client/package.json").is_file()
    {
        println!("cargo::rustc-cfg=mcp_client");
    }
    // The MCP conformance suite (`npm ci --prefix tests/mcp/conformance`), run against
    // `sandbox mcp` in tests/e2e/mcp_server.rs.
    if tools::on_path("node").is_some()
        && root.join("tests/mcp/conformance/node_modules/@modelcontextprotocol/conformance/package.json").is_file()
    {
        println!("cargo::rustc-cfg=mcp_conformance");
    }
    // Transparent huge pages given on request (`madvise`) or always: the heap of `sandbox
    // bundle` has its first megabytes in them (cli/src/heap.rs), which tests/e2e/bundle.rs
    // checks by the page faults a bundle takes.
    if std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
        .is_ok_and(|modes| modes.contains("[always]") || modes.contains("[madvise]"))
    {
        println!("cargo::rustc-cfg=huge_pages");
    }
    for tool in ["node", "npm"] {
        if let Some(binary) = tools::on_path(tool) {
            println!("cargo::rerun-if-changed={}", binary.display());
            println!("cargo::rustc-cfg={tool}");
        }
    }
}

/// Links `sandbox` with its relocations packed (`-z pack-relative-relocs`, `DT_RELR`): the
/// binary's 100,000 relative relocations, 2.4 MB of `.rela.dyn` that the loader reads at
/// every start, become 23 KB, and each process has 2.2 MiB less resident memory
/// (`sandbox --version` 9.2 -> 7.0 MiB). Only where the binary runs on the glibc it is built
/// against, 2.36 or later (which reads packed relocations): a native build for Linux with
/// glibc. A binary built so does not start on an older glibc.
fn pack_relocations() {
    let target = |name: &str| std::env::var(format!("CARGO_CFG_TARGET_{name}")).unwrap_or_default();
    let native = std::env::var("HOST").ok() == std::env::var("TARGET").ok();
    if !native || target("OS") != "linux" || target("ENV") != "gnu" {
        return;
    }
    let Ok(output) = std::process::Command::new("getconf").arg("GNU_LIBC_VERSION").output() else { return };
    // "glibc 2.36"
    let version = String::from_utf8_lossy(&output.stdout);
    let mut numbers = version.trim().trim_start_matches("glibc ").split('.').map(|part| part.parse::<u32>());
    if let (Some(Ok(major)), Some(Ok(minor))) = (numbers.next(), numbers.next())
        && (major, minor) >= (2, 36)
    {
        println!("cargo::rustc-link-arg-bin=sandbox=-Wl,-z,pack-relative-relocs");
    }
}
