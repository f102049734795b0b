//! Makes the startup snapshot: a V8 heap with the runtime's JavaScript already run, so
//! that a sandbox starts by deserializing a context instead of compiling and running the
//! runtime (see `src/runtime/snapshot.rs`).

// A build script reports on stderr and fails by exiting.
#![allow(clippy::print_stderr, clippy::exit)]

#[path = "src/runtime/snapshot.rs"]
mod bootstrap;

use std::path::PathBuf;

/// Placeholder native callbacks: each index gets its own function (its own address), so
/// V8 can tell them apart when it records them in the snapshot. They are never called.
fn placeholder<const N: usize>(
    _scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut return_value: v8::ReturnValue<v8::Value>,
) {
    return_value.set_int32(N as i32);
}

/// Placeholder getter of lazy properties (`lazy.rs` has the real one); never called here.
fn lazy_getter(
    _scope: &mut v8::PinScope,
    _key: v8::Local<v8::Name>,
    _args: v8::PropertyCallbackArguments,
    _return_value: v8::ReturnValue<v8::Value>,
) {
}

macro_rules! placeholders {
    ($($n:literal)*) => {
        [$(v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(placeholder::<$n>)),*]
    };
}

/// The external-reference table: the host functions' callbacks, then the lazy-property
/// getter (the same order as `platform.rs`).
fn external_references(callbacks: &[v8::FunctionCallback]) -> Vec<v8::ExternalReference> {
    callbacks
        .iter()
        .map(|function| v8::ExternalReference { function: *function })
        .chain([bootstrap::lazy_property_reference(lazy_getter)])
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=src/runtime");
    println!("cargo:rerun-if-changed=src/ext");

    let all = placeholders!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25
        26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55
        56 57 58 59 60 61 62 63);
    let count = bootstrap::HOST_FUNCTIONS.len();
    assert!(count <= all.len(), "add placeholders: {count} host functions");
    let callbacks = &all[..count];

    v8::V8::set_flags_from_string(bootstrap::V8_FLAGS);
    let platform = v8::new_default_platform(0, false).make_shared();
    v8::V8::initialize_platform(platform);
    v8::V8::initialize();

    let references = external_references(callbacks);
    let mut creator = v8::Isolate::snapshot_creator(Some(references.into()), None);
    {
        v8::scope!(let scope, &mut creator);
        let context = match bootstrap::build_context(scope, callbacks, lazy_getter) {
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
    std::fs::write(out.join("snapshot.bin"), &*blob).expect("write the snapshot to OUT_DIR");

    // Code caches for the lazy scripts, made in an isolate from this very snapshot so that
    // V8 accepts them at run time.
    let references = external_references(callbacks);
    let params = v8::CreateParams::default()
        .snapshot_blob(v8::StartupData::from(blob.to_vec()))
        .external_references(references.into());
    let mut isolate = v8::Isolate::new(params);
    v8::scope!(let scope, &mut isolate);
    match bootstrap::lazy_script_caches(scope) {
        Ok(caches) => std::fs::write(out.join("lazy_scripts.bin"), caches).expect("write the code caches to OUT_DIR"),
        Err(error) => {
            eprintln!("error: a lazy runtime script failed to compile: {error}");
            std::process::exit(1);
        }
    }
}
