//! Placeholder: the bundler crate is being written.
