//! Runtime scripts run on first use rather than kept in the startup snapshot
//! (`bootstrap::LAZY_SCRIPTS`): their code caches, made by `build.rs`, turn the first use
//! into a deserialization instead of a compilation.

use crate::runtime::host::throw_error;
use crate::runtime::snapshot::{LAZY_SCRIPTS, lazy_script_origin};
use crate::runtime::state::state;

/// The code caches of `LAZY_SCRIPTS`, in order, each preceded by its length (u32, LE).
static CACHES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lazy_scripts.bin"));

/// The code cache of lazy script `index`.
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

/// Compiles lazy script `index` (from its code cache; from source if V8 rejects the cache)
/// and runs it; returns the setup function it evaluates to, with a flag telling whether the
/// cache was used.
pub(crate) fn compile_and_run<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: usize,
) -> Option<(v8::Local<'s, v8::Value>, bool)> {
    let (name, source) = LAZY_SCRIPTS.get(index)?;
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

/// `loadLazyScript(index)` -> the setup function of `LAZY_SCRIPTS[index]`.
pub(crate) fn load_lazy_script(
    scope: &mut v8::PinScope<'_, '_>,
    args: v8::FunctionCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    let Some(index) = args.get(0).uint32_value(scope) else {
        return throw_error(scope, "TypeError", "Expected a lazy script index");
    };
    if index as usize >= LAZY_SCRIPTS.len() {
        return throw_error(scope, "RangeError", "No such lazy script");
    }
    // On failure an exception is pending and propagates to the caller.
    if let Some((setup, _)) = compile_and_run(scope, index as usize) {
        return_value.set(setup);
    }
}

/// The getter of every lazy property (`bootstrap.rs`, `js/util.js`): returns
/// `internals.lazyGet(holder, name)`, which loads the property's unit. V8 then replaces the
/// property with a data property holding the value.
pub(crate) fn lazy_property_getter(
    scope: &mut v8::PinScope<'_, '_>,
    key: v8::Local<'_, v8::Name>,
    args: v8::PropertyCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    let internals = v8::Local::new(scope, &state(scope).internals);
    let Some(name) = v8::String::new(scope, "lazyGet") else { return };
    let Some(get) = internals.get(scope, name.into()).and_then(|value| v8::Local::<v8::Function>::try_from(value).ok())
    else {
        return;
    };
    let receiver = v8::undefined(scope).into();
    // On failure an exception is pending and propagates to the code that read the property.
    if let Some(value) = get.call(scope, receiver, &[args.holder().into(), key.into()]) {
        return_value.set(value);
    }
}

#[cfg(test)]
mod tests {
    use crate::runtime::snapshot::LAZY_SCRIPTS;

    /// Lazy scripts are ASCII, so that they can be external one-byte strings.
    #[test]
    fn lazy_scripts_are_ascii() {
        for (name, source) in LAZY_SCRIPTS {
            assert!(source.is_ascii(), "{name} has characters outside ASCII");
        }
    }
}
