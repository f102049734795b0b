//! The host functions of the guards in `memory/guards.js`, which count memory V8 takes
//! outside the ArrayBuffer allocator against the run's budget, and the lazy `SharedArrayBuffer`
//! and `WebAssembly` globals that load them.

use crate::runtime::host::{Arguments, Return, call_internal};
use crate::runtime::memory::charge;
use crate::runtime::state::state;

/// A byte count from JavaScript: a finite, non-negative number; anything else counts as
/// more than any budget.
fn byte_count(scope: &mut v8::PinScope<'_, '_>, value: v8::Local<'_, v8::Value>) -> usize {
    match value.number_value(scope) {
        Some(bytes) if bytes.is_finite() && bytes >= 0.0 && bytes < usize::MAX as f64 => bytes.ceil() as usize,
        _ => usize::MAX,
    }
}

/// `memoryCharge(bytes)` -> whether `bytes` more fit the run's memory budget (if not, the
/// run is stopped for memory). Counted until the run ends.
pub(crate) fn memory_charge(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let bytes = byte_count(scope, args.get(0));
    let charged = charge(scope, bytes);
    return_value.set_bool(charged);
}

/// `memoryRelease(bytes)`: gives back what a `memoryCharge` counted.
pub(crate) fn memory_release(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let bytes = byte_count(scope, args.get(0));
    if bytes != usize::MAX {
        state(scope).budget.release(bytes);
    }
}

/// `wasmGrow(deltaPages, pageSizeLog2)` -> the delta to grow by: `deltaPages` (a BigInt) if
/// that many pages fit the budget, else 2^64 - 1, which makes `memory.grow` fail with -1 (and
/// the run is stopped for memory). Called by modules of the map before each `memory.grow`
/// and from their start, for the memories they define (`modules/wasm.rs`).
pub(crate) fn wasm_grow(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let delta = v8::Local::<v8::BigInt>::try_from(args.get(0)).ok().map(|delta| delta.u64_value());
    let log2 = args.get(1).uint32_value(scope).filter(|log2| *log2 <= 16);
    let bytes = match (delta, log2) {
        (Some((delta, true)), Some(log2)) => delta.checked_mul(1 << log2).and_then(|bytes| usize::try_from(bytes).ok()),
        _ => None,
    };
    let granted = match bytes {
        Some(0) => delta.map_or(0, |(delta, _)| delta),
        Some(bytes) if charge(scope, bytes) => delta.map_or(0, |(delta, _)| delta),
        _ => u64::MAX,
    };
    return_value.set(v8::BigInt::new_from_u64(scope, granted).into());
}

/// The globals V8 adds to each context after the snapshot, which the runtime guards on first
/// read (`memory/stub.js`).
const GUARDED_GLOBALS: [&str; 2] = ["SharedArrayBuffer", "WebAssembly"];

/// Makes `SharedArrayBuffer` and `WebAssembly` lazy data properties of the context's global
/// object, whose first read hands V8's objects to `internals.guardGlobal` and holds what it
/// returns. Called once per run, before any code runs; a global that is missing stays so.
pub(crate) fn guard_globals(scope: &mut v8::PinScope<'_, '_>, context: v8::Local<'_, v8::Context>) -> Option<()> {
    let global = context.global(scope);
    let mut originals = [v8::undefined(scope).into(); 2];
    let mut keys = Vec::with_capacity(2);
    for (index, name) in GUARDED_GLOBALS.iter().enumerate() {
        let key = v8::String::new_from_one_byte(scope, name.as_bytes(), v8::NewStringType::Internalized)?;
        originals[index] = global.get(scope, key.into())?;
        keys.push(key);
    }
    let data = v8::Array::new_with_elements(scope, &originals);
    for (index, key) in keys.into_iter().enumerate() {
        if originals[index].is_undefined() {
            continue;
        }
        global.set_lazy_data_property_with_data(
            scope,
            key.into(),
            guarded_global,
            data.into(),
            v8::PropertyAttribute::DONT_ENUM,
            v8::SideEffectType::HasSideEffect,
            v8::SideEffectType::HasSideEffect,
        )?;
    }
    Some(())
}

/// The getter of a guarded global: `internals.guardGlobal(name, [SharedArrayBuffer,
/// WebAssembly])`, whose result V8 then keeps as the property's value.
fn guarded_global(
    scope: &mut v8::PinScope<'_, '_>,
    key: v8::Local<'_, v8::Name>,
    args: v8::PropertyCallbackArguments<'_>,
    mut return_value: v8::ReturnValue<'_, v8::Value>,
) {
    // On failure an exception is pending and propagates to the code that read the global.
    if let Some(value) = call_internal(scope, "guardGlobal", &[key.into(), args.data()]) {
        return_value.set(value);
    }
}
