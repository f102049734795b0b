//! `URL` and `URLSearchParams`.

pub(crate) mod host;
