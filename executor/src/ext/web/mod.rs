//! Small Web APIs: structuredClone, queueMicrotask, performance, crypto.getRandomValues.

pub(crate) mod clone;
pub(crate) mod host;
