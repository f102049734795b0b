//! `URL`, `URLSearchParams` and `URLPattern`.

pub(crate) mod host;
pub(crate) mod pattern;
