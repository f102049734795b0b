//! Integration tests of the bundler's public API, in one test binary so swc is linked once.

mod bundle;
mod diagnostics;
mod module_map;
mod prepare;
mod source_map;
mod support;
mod typescript;
