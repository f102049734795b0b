//! End-to-end tests of the real `sandbox` binary, one executable split by feature.

mod support;

mod bundle;
mod bundle_errors;
mod bundle_mode;
mod compat_packages;
mod compatibility;
mod conformance;
mod errors;
mod examples;
mod fetch_handler;
mod hostile;
mod install;
mod limits;
mod network;
mod node_dns;
mod node_suite;
mod packages;
mod parity;
mod run;
mod serve;
mod tools;
