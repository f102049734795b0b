//! TextEncoder, TextDecoder, atob and btoa.

pub(crate) mod host;
