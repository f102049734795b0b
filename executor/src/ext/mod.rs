//! The runtime's features, one folder each: the host functions in Rust and the JavaScript
//! that uses them, side by side.

pub(crate) mod compression;
pub(crate) mod console;
pub(crate) mod crypto;
pub(crate) mod encoding;
pub(crate) mod entrypoint;
pub(crate) mod fetch;
pub(crate) mod host_functions;
pub(crate) mod memory;
pub(crate) mod modules;
pub(crate) mod url;
pub(crate) mod web;
