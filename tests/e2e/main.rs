//! End-to-end tests of the real `sandbox` binary, one executable split by feature.

mod support;

mod errors;
mod examples;
mod limits;
mod run;
