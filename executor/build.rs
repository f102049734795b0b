//! Makes the startup snapshot: a V8 heap with the runtime's snapshot scripts already run, so
//! that a sandbox starts by deserializing a context instead of compiling and running the
//! runtime (see `src/runtime/snapshot.rs`), and the code caches of the lazy scripts.

// A build script reports on stderr and fails by exiting.
#![allow(clippy::print_stderr, clippy::exit)]

#[path = "src/runtime/snapshot.rs"]
mod snapshot;

use std::path::PathBuf;

use snapshot::{Manifest, Script};

/// Expands `src/ext/manifest.rs` for the build: the same names and scripts as the crate, with a
/// placeholder callback for each host function. Each placeholder is a function of its own,
/// with its own body (it names its host function), so each has its own address: V8 tells the
/// callbacks apart by address when it records them in the snapshot. None is ever called.
macro_rules! manifest {
    (
        host_functions: [$($name:literal => $($function:ident)::+,)*],
        snapshot_scripts: [$($snapshot_feature:ident $snapshot_file:literal,)*],
        lazy_scripts: [$($lazy_feature:ident $lazy_file:literal,)*],
        node_modules: [$($module:literal => $module_script:literal,)*] $(,)?
    ) => {
        pub(crate) static MANIFEST: Manifest = Manifest {
            host_functions: &[$($name),*],
            callbacks,
            snapshot_scripts: &[$(script!($snapshot_feature $snapshot_file)),*],
            lazy_scripts: &[$(script!($lazy_feature $lazy_file)),*],
            node_modules: &[$(($module, $module_script)),*],
        };

        fn callbacks() -> Vec<v8::FunctionCallback> {
            vec![$({
                fn placeholder(
                    _scope: &mut v8::PinScope,
                    _args: v8::FunctionCallbackArguments,
                    _return_value: v8::ReturnValue<v8::Value>,
                ) {
                    std::hint::black_box($name);
                }
                v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(placeholder)
            }),*]
        }
    };
}

#[path = "src/ext/manifest.rs"]
mod manifest;

/// Placeholder of `host.loadLazyScript` (`src/runtime/lazy.rs`); never called here.
fn load_lazy_script(
    _scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    _return_value: v8::ReturnValue<v8::Value>,
) {
}

/// Placeholder getter of lazy properties (`src/runtime/lazy.rs`); never called here.
fn lazy_getter(
    _scope: &mut v8::PinScope,
    _key: v8::Local<v8::Name>,
    _args: v8::PropertyCallbackArguments,
    _return_value: v8::ReturnValue<v8::Value>,
) {
}

fn main() {
    println!("cargo:rerun-if-changed=src/runtime");
    println!("cargo:rerun-if-changed=src/ext");
    let manifest = &manifest::MANIFEST;
    let load_lazy_script = v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(load_lazy_script);

    v8::V8::set_flags_from_string(snapshot::V8_FLAGS);
    let platform = v8::new_default_platform(0, false).make_shared();
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();

    let references = snapshot::external_references(manifest, load_lazy_script, lazy_getter);
    let mut creator = v8::Isolate::snapshot_creator(Some(references.into()), None);
    {
        v8::scope!(let scope, &mut creator);
        let context = match snapshot::build_context(scope, manifest, load_lazy_script, lazy_getter) {
            Ok(context) => context,
            Err(error) => {
                // Exit rather than panic: unwinding would drop the snapshot creator without a
                // blob, which V8 turns into a second, confusing abort.
                eprintln!("error: the runtime's JavaScript failed while making the snapshot: {error}");
                std::process::exit(1);
            }
        };
        scope.set_default_context(context);
    }
    let blob = creator.create_blob(v8::FunctionCodeHandling::Keep).expect("V8 returns a snapshot blob");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_new(&out.join("snapshot.bin"), &blob);

    // Code caches for the lazy scripts, made in an isolate from this very snapshot so that
    // V8 accepts them at run time.
    let references = snapshot::external_references(manifest, load_lazy_script, lazy_getter);
    let params = v8::CreateParams::default()
        .snapshot_blob(v8::StartupData::from(blob.to_vec()))
        .external_references(references.into());
    let mut isolate = v8::Isolate::new(params);
    v8::scope!(let scope, &mut isolate);
    match snapshot::lazy_script_caches(scope, manifest) {
        Ok(caches) => write_new(&out.join("lazy_scripts.bin"), &caches),
        Err(error) => {
            eprintln!("error: a lazy runtime script failed to compile: {error}");
            std::process::exit(1);
        }
    }
}

/// Writes `bytes` to a new file that then replaces `path`. A target directory copied with hard
/// links (`cp -al`, as for several git worktrees) shares the old file with other copies:
/// writing through it would change their snapshot too, under the crate they compiled it for.
fn write_new(path: &std::path::Path, bytes: &[u8]) {
    let temporary = path.with_extension("bin.new");
    if let Err(error) = std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path)) {
        eprintln!("error: cannot write {}: {error}", path.display());
        std::process::exit(1);
    }
}
