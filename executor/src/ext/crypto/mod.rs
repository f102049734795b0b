//! `crypto.subtle`.

pub(crate) mod aes;
pub(crate) mod rsa;
pub(crate) mod subtle;
