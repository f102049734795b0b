//! Guards on the memory V8 takes outside the ArrayBuffer allocator: resizable and growable
//! buffers, WebAssembly memories, pending `Atomics.waitAsync` waiters.

pub(crate) mod host;
