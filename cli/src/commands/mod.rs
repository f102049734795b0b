//! One module per subcommand.

pub(crate) mod bundle;
pub(crate) mod run;
