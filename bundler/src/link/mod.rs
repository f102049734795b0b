//! A module graph (`crate::project::graph`) to a module map: `hoist` links the files into
//! one ES module (bundle mode, the default), `transform` makes each file a module of its
//! own with its specifiers rewritten (`--no-bundle`, and the fallback when `hoist` cannot
//! link a graph as the runtime would run it).

pub(crate) mod hoist;
pub(crate) mod transform;
