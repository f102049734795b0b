//! What every run needs, whatever its code uses: V8's platform and flags, the startup
//! snapshot and the lazy loading of the runtime's scripts, the per-run state, the limits and
//! the memory accounting, and helpers for V8 values and strings.

pub(crate) mod code_generation;
pub(crate) mod compatibility;
pub(crate) mod exception;
pub(crate) mod host;
pub(crate) mod lazy;
pub(crate) mod limits;
pub(crate) mod locale;
pub(crate) mod memory;
pub(crate) mod platform;
pub(crate) mod snapshot;
pub(crate) mod state;
pub(crate) mod strings;
