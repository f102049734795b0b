//! `crypto.subtle`.

pub(crate) mod subtle;
