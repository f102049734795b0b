//! The module map: ES modules, CommonJS, text, data, JSON and WebAssembly modules.

pub(crate) mod host;
pub(crate) mod loader;
pub(crate) mod wasm;
