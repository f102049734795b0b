//! Calling the entrypoint, and its result as JSON.

pub(crate) mod host;
pub(crate) mod serialize;
