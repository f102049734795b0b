//! The runtime's features, one folder each: the host functions in Rust and the JavaScript
//! that uses them, side by side, as in deno's `ext/`. `manifest.rs` lists them all.

pub(crate) mod compression;
pub(crate) mod console;
pub(crate) mod crypto;
pub(crate) mod encoding;
pub(crate) mod entrypoint;
pub(crate) mod fetch;
pub(crate) mod memory;
pub(crate) mod modules;
pub(crate) mod url;
pub(crate) mod web;

// The manifest's names resolve in `manifest.rs`, which `build.rs` includes too: both give it
// `Manifest` and `Script` through `super`.
#[allow(unused_imports)]
use crate::runtime::snapshot::{Manifest, Script};

/// Expands `manifest.rs` for the crate: [`MANIFEST`] with the real callbacks (`build.rs`
/// expands it with placeholders).
macro_rules! manifest {
    (
        host_functions: [$($name:literal => $($function:ident)::+,)*],
        snapshot_scripts: [$($snapshot_feature:ident $snapshot_file:literal,)*],
        lazy_scripts: [$($lazy_feature:ident $lazy_file:literal,)*] $(,)?
    ) => {
        /// The runtime's parts (see the top of this file).
        pub(crate) static MANIFEST: Manifest = Manifest {
            host_functions: &[$($name),*],
            callbacks,
            snapshot_scripts: &[$(script!($snapshot_feature $snapshot_file)),*],
            lazy_scripts: &[$(script!($lazy_feature $lazy_file)),*],
        };

        fn callbacks() -> Vec<v8::FunctionCallback> {
            vec![$(v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(crate::ext::$($function)::+)),*]
        }
    };
}

mod manifest;

pub(crate) use manifest::MANIFEST;

#[cfg(test)]
mod tests {
    use super::MANIFEST;
    use crate::runtime::snapshot::Script;
    use crate::runtime::{lazy, platform};

    /// Lazy scripts are ASCII, so that they can be external one-byte strings.
    #[test]
    fn lazy_scripts_are_ascii() {
        for Script { name, source } in MANIFEST.lazy_scripts {
            assert!(source.is_ascii(), "{name} has characters outside ASCII");
        }
    }

    /// No two scripts share a name, so a stack frame says which file it is in, and a lazy
    /// script's name finds one script.
    #[test]
    fn script_names_are_unique() {
        let mut names: Vec<&str> =
            MANIFEST.snapshot_scripts.iter().chain(MANIFEST.lazy_scripts).map(|script| script.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "two scripts share a name");
    }

    /// Every lazy script has a code cache, and V8 accepts it in an isolate made from the
    /// snapshot (a rejected cache would still work, but compile from source every time).
    #[test]
    fn code_caches_are_accepted() {
        platform::init_v8();
        let mut isolate = v8::Isolate::new(platform::create_params(&MANIFEST));
        v8::scope!(let scope, &mut isolate);
        let context = v8::Context::new(scope, Default::default());
        let scope = &mut v8::ContextScope::new(scope, context);
        for (index, Script { name, .. }) in MANIFEST.lazy_scripts.iter().enumerate() {
            assert!(lazy::cache(index).is_some(), "no code cache for {name}");
            let (setup, cached) =
                lazy::compile_and_run(scope, MANIFEST.lazy_scripts, index).expect("the lazy script runs");
            assert!(setup.is_function(), "{name} evaluates to its setup function");
            assert!(cached, "V8 rejected the code cache of {name}");
        }
    }
}
