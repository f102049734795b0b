//! Node.js compatibility, as workerd has it with `nodejs_compat` (`nodejs_compat_v2`): the
//! globals `global`, `process` and `setImmediate`/`clearImmediate`. The snapshot defines them
//! for every run (`stub.js`, the values lazily); a run without the flag has them removed
//! before its main module is evaluated ([`remove_globals`]).

pub(crate) mod async_context;
pub(crate) mod buffer;
pub(crate) mod crypto;
pub(crate) mod host;
pub(crate) mod keys;
pub(crate) mod types;
pub(crate) mod zlib;

/// The globals that exist only with Node.js compatibility.
const NODE_GLOBALS: [&str; 5] = ["global", "process", "Buffer", "setImmediate", "clearImmediate"];

/// The run's `env` bindings, which `process.env` holds (and nothing of the host's).
pub(crate) struct ProcessEnv(pub(crate) Vec<(String, String)>);

/// The files the caller gives the run (`Options::files`), read-only in `node:fs`.
pub(crate) struct MountedFiles(pub(crate) Vec<(String, Vec<u8>)>);

/// Removes the Node.js globals from a run whose compatibility date and flags leave Node.js
/// compatibility off (workerd defines none of them then).
pub(crate) fn remove_globals(scope: &mut v8::PinScope<'_, '_>, context: v8::Local<'_, v8::Context>) -> Option<()> {
    let global = context.global(scope);
    for name in NODE_GLOBALS {
        let key = v8::String::new_from_one_byte(scope, name.as_bytes(), v8::NewStringType::Internalized)?;
        global.delete(scope, key.into())?;
    }
    Some(())
}

/// Makes the global timers `node:timers`' when they load (`enable_nodejs_global_timers`): their
/// `setTimeout` returns a `Timeout`, as workerd's does at recent dates.
pub(crate) fn use_node_global_timers(scope: &mut v8::PinScope<'_, '_>) -> Option<()> {
    let internals = v8::Local::new(scope, &crate::runtime::state::state(scope).internals);
    let key = v8::String::new(scope, "nodeGlobalTimers")?;
    let on = v8::Boolean::new(scope, true);
    internals.set(scope, key.into(), on.into())?;
    Some(())
}

/// The Node.js built-in modules a run with Node.js compatibility can import, by name without
/// `node:` (`buffer`, `fs/promises`), as the manifest lists them: what a bundler leaves to the
/// runtime.
pub fn node_modules() -> impl Iterator<Item = &'static str> {
    crate::ext::MANIFEST.node_modules.iter().map(|(name, _)| *name).filter(|name| !name.starts_with("internal/"))
}
