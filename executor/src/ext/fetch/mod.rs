//! `fetch`, its classes, the network and the outbound policy.

pub(crate) mod decode;
pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod network;
pub(crate) mod outbound;
pub(crate) mod redact;
