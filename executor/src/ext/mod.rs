//! The runtime's features, one folder each: the host functions in Rust and the JavaScript
//! that uses them, side by side, as in deno's `ext/`. `manifest.rs` lists them all.

pub(crate) mod compression;
pub(crate) mod console;
pub(crate) mod crypto;
pub(crate) mod encoding;
pub(crate) mod entrypoint;
pub(crate) mod fetch;
pub(crate) mod html_rewriter;
pub(crate) mod memory;
pub(crate) mod modules;
pub(crate) mod node;
pub(crate) mod tools;
pub(crate) mod url;
pub(crate) mod web;

// The manifest's names resolve in `manifest.rs`, which `build.rs` includes too: both give it
// `Manifest` and `Script` through `super`.
use crate::runtime::snapshot::{Manifest, Script};

/// Expands `manifest.rs` for the crate: [`MANIFEST`] with the real callbacks (`build.rs`
/// expands it with placeholders).
macro_rules! manifest {
    (
        host_functions: [$($name:literal => $($function:ident)::+,)*],
        snapshot_scripts: [$($snapshot_feature:ident $snapshot_file:literal,)*],
        lazy_scripts: [$($lazy_feature:ident $lazy_file:literal,)*],
        node_modules: [$($module:literal => $module_script:literal,)*] $(,)?
    ) => {
        /// The runtime's parts (see the top of this file).
        pub(crate) static MANIFEST: Manifest = Manifest {
            host_functions: &[$($name),*],
            callbacks,
            snapshot_scripts: &[$(script!($snapshot_feature $snapshot_file)),*],
            lazy_scripts: &[$(script!($lazy_feature $lazy_file)),*],
            node_modules: &[$(($module, $module_script)),*],
        };

        fn callbacks() -> Vec<v8::FunctionCallback> {
            vec![$(v8::MapFnTo::<v8::FunctionCallback>::map_fn_to(crate::ext::$($function)::+)),*]
        }
    };
}

mod manifest;

pub(crate) use manifest::MANIFEST;

#[cfg(test)]
mod tests;
