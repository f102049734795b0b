//! Whether the npm packages whose TypeScript the blanked-types test reads are installed
//! (`npm ci --prefix bundler/tests/typescript-corpus`, as .ci/run does): without them that
//! test is reported as ignored, never as passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(typescript_corpus)");
    println!("cargo::rerun-if-changed=tests/typescript-corpus/package-lock.json");
    println!("cargo::rerun-if-changed=tests/typescript-corpus/node_modules");
    let installed = ["effect", "rxjs"]
        .iter()
        .all(|package| std::path::Path::new("tests/typescript-corpus/node_modules").join(package).join("src").is_dir());
    if installed {
        println!("cargo::rustc-cfg=typescript_corpus");
    }
}
