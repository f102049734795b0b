//! End-to-end tests of the real `sandbox` binary, one executable split by feature.

mod support;

mod bundle;
mod bundle_errors;
mod errors;
mod examples;
mod limits;
mod parity;
mod run;
