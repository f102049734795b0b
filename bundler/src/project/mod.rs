//! The project: which files make a bundle. `entry` finds the entry file of a directory and
//! the compatibility settings, `graph` reads every file the entry imports, breadth first,
//! each prepared by `crate::source` and its imports resolved by `resolve` (`oxc_resolver`),
//! `boundary` says which files may be read at all, `listing` answers what is at a path from
//! its directory's listing, and `paths` makes display paths.

pub(crate) mod boundary;
pub(crate) mod entry;
pub(crate) mod graph;
pub(crate) mod listing;
pub(crate) mod paths;
pub(crate) mod resolve;
