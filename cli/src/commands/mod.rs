//! One module per subcommand.

pub(crate) mod bundle;
pub(crate) mod cache;
pub(crate) mod install;
pub(crate) mod run;
pub(crate) mod types;
