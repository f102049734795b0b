//! Runtime scripts run on first use rather than kept in the startup snapshot (the manifest's
//! lazy scripts): their code caches, made by `build.rs`, turn the first use into a
//! deserialization instead of a compilation. `runtime/lazy.js` groups them into units and
//! makes the globals that load them.

use crate::runtime::host::{Arguments, Return, call_internal, throw_error};
use crate::runtime::snapshot::{Script, lazy_script_origin};
use crate::runtime::state::state;

/// The code caches of the manifest's lazy scripts, in its order, each preceded by its length
/// (u32, LE).
static CACHES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lazy_scripts.bin"));

/// The code cache of the manifest's lazy script `index`.
pub(crate) fn cache(index: usize) -> Option<&'static [u8]> {
    let mut rest = CACHES;
    for current in 0.. {
        let (length, tail) = rest.split_first_chunk::<4>()?;
        let length = u32::from_le_bytes(*length) as usize;
        if tail.len() < length {
            return None;
        }
        let (cache, tail) = tail.split_at(length);
        if current == index {
            return Some(cache);
        }
        rest = tail;
    }
    None
}

/// Compiles `scripts[index]`, one of the manifest's lazy scripts (from its code cache; from
/// source if V8 rejects the cache) and runs it; returns the setup function it evaluates to,
/// with a flag telling whether the cache was used.
pub(crate) fn compile_and_run<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    scripts: &[Script],
    index: usize,
) -> Option<(v8::Local<'s, v8::Value>, bool)> {
    let Script { name, source } = scripts.get(index)?;
    // The runtime's scripts are ASCII (a test checks), so V8 can use the bytes where they are.
    let code = v8::String::new_external_onebyte_static(scope, source.as_bytes())?;
    let origin = lazy_script_origin(scope, name)?;
    let (mut source, options) = match cache(index) {
        Some(cache) => (
            v8::script_compiler::Source::new_with_cached_data(
                code,
                Some(&origin),
                v8::script_compiler::CachedData::new(cache),
            ),
            v8::script_compiler::CompileOptions::ConsumeCodeCache,
        ),
        None => (
            v8::script_compiler::Source::new(code, Some(&origin)),
            v8::script_compiler::CompileOptions::NoCompileOptions,
        ),
    };
    let script =
        v8::script_compiler::compile(scope, &mut source, options, v8::script_compiler::NoCacheReason::NoReason)?;
    let cached = source.get_cached_data().is_some_and(|cache| !cache.rejected());
    Some((script.run(scope)?, cached))
}

/// `loadLazyScript(name)` -> the setup function of the lazy script `name` (`fetch/headers.js`,
/// see `Script::key`).
pub(crate) fn load_lazy_script(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let scripts = state(scope).manifest.lazy_scripts;
    let name = args.get(0);
    let index = name
        .is_string()
        .then(|| name.to_rust_string_lossy(scope))
        .and_then(|name| scripts.iter().position(|script| script.key() == name));
    let Some(index) = index else {
        return throw_error(scope, "TypeError", "No such lazy script");
    };
    state(scope).scripts_loaded.borrow_mut().push(scripts[index].name);
    // On failure an exception is pending and propagates to the caller.
    if let Some((setup, _)) = compile_and_run(scope, scripts, index) {
        return_value.set(setup);
    }
}

/// The getter of every lazy property (`snapshot.rs`, `runtime/lazy.js`): returns
/// `internals.lazyGet(holder, name)`, which loads the property's unit. V8 then replaces the
/// property with a data property holding the value.
pub(crate) fn lazy_property_getter(
    scope: &mut v8::PinScope<'_, '_>,
    key: v8::Local<'_, v8::Name>,
    args: v8::PropertyCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    // On failure an exception is pending and propagates to the code that read the property.
    if let Some(value) = call_internal(scope, "lazyGet", &[args.holder().into(), key.into()]) {
        return_value.set(value);
    }
}
