//! What the host functions share: their argument and return types, exceptions, strings and
//! buffers handed to JavaScript, copies counted against the memory budget, and calls into the
//! runtime's private `internals` object.

use crate::runtime::state::state;

/// The arguments of a host function.
pub(crate) type Arguments<'s> = v8::FunctionCallbackArguments<'s>;
/// The return value of a host function.
pub(crate) type Return<'s> = v8::ReturnValue<'s, v8::Value>;

/// The keys `JSON.stringify` takes of an object, for `get_own_property_names`: its own
/// enumerable string keys, indices included, as strings.
pub(crate) fn own_enumerable_keys() -> v8::GetPropertyNamesArgs {
    v8::GetPropertyNamesArgs {
        mode: v8::KeyCollectionMode::OwnOnly,
        property_filter: v8::PropertyFilter::ONLY_ENUMERABLE | v8::PropertyFilter::SKIP_SYMBOLS,
        index_filter: v8::IndexFilter::IncludeIndices,
        key_conversion: v8::KeyConversionMode::ConvertToString,
    }
}

/// Throws `new <kind>(message)` (kind: Error, TypeError, RangeError, SyntaxError).
pub(crate) fn throw_error(scope: &mut v8::PinScope<'_, '_>, kind: &str, message: &str) {
    let Some(text) = v8::String::new(scope, message) else { return };
    let exception = match kind {
        "TypeError" => v8::Exception::type_error(scope, text),
        "RangeError" => v8::Exception::range_error(scope, text),
        "SyntaxError" => v8::Exception::syntax_error(scope, text),
        _ => v8::Exception::error(scope, text),
    };
    scope.throw_exception(exception);
}

/// The UTF-16 length of each string among `values` (0 for other values), added up.
pub(crate) fn string_units(values: &[v8::Local<'_, v8::Value>]) -> usize {
    values
        .iter()
        .filter_map(|value| v8::Local::<v8::String>::try_from(*value).ok())
        .map(|string| string.length())
        .fold(0, usize::saturating_add)
}

/// Counts `bytes` the host is about to hold for a copy of data the code controls; throws a
/// RangeError (and the run is stopped for memory) when they do not fit.
pub(crate) fn host_copy<'a>(
    scope: &mut v8::PinScope<'_, '_>,
    state: &'a crate::runtime::state::State,
    bytes: usize,
) -> Option<crate::runtime::limits::HostCopy<'a>> {
    let copy = state.budget.host_copy(bytes);
    if copy.is_none() {
        throw_error(scope, "RangeError", "The memory limit is reached");
    }
    copy
}

pub(crate) fn string_argument(scope: &mut v8::PinScope<'_, '_>, args: &Arguments<'_>, index: i32) -> Option<String> {
    let value = args.get(index);
    if value.is_string() { Some(value.to_rust_string_lossy(scope)) } else { None }
}

/// Calls `internals[name](...args)`.
pub(crate) fn call_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    name: &str,
    args: &[v8::Local<'_, v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let state = state(scope);
    let internals = v8::Local::new(scope, &state.internals);
    let key = v8::String::new(scope, name)?;
    let function = v8::Local::<v8::Function>::try_from(internals.get(scope, key.into())?).ok()?;
    let receiver = v8::undefined(scope).into();
    function.call(scope, receiver, args)
}

/// `internals[name]`.
pub(crate) fn internal_value<'s>(scope: &mut v8::PinScope<'s, '_>, name: &str) -> Option<v8::Local<'s, v8::Value>> {
    let internals = v8::Local::new(scope, &state(scope).internals);
    let key = v8::String::new(scope, name)?;
    internals.get(scope, key.into())
}

/// A string, or `undefined` for `None`.
pub(crate) fn optional_string<'s>(scope: &mut v8::PinScope<'s, '_>, text: Option<&str>) -> v8::Local<'s, v8::Value> {
    match text.and_then(|text| v8::String::new(scope, text)) {
        Some(string) => string.into(),
        None => v8::undefined(scope).into(),
    }
}

/// A Uint8Array holding a copy of `bytes`, made only if it fits the run's ArrayBuffer budget
/// (V8 aborts the process when a buffer the host asks for cannot be allocated); otherwise the
/// run is stopped for memory and `None` returned.
pub(crate) fn new_bytes<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> Option<v8::Local<'s, v8::Uint8Array>> {
    let buffer = new_array_buffer(scope, bytes)?;
    v8::Uint8Array::new(scope, buffer, 0, bytes.len())
}

/// An ArrayBuffer holding a copy of `bytes`, under the same condition as [`new_bytes`].
pub(crate) fn new_array_buffer<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    bytes: &[u8],
) -> Option<v8::Local<'s, v8::ArrayBuffer>> {
    if !crate::runtime::memory::room_for_buffer(scope, bytes.len()) {
        return None;
    }
    let buffer = v8::ArrayBuffer::new(scope, bytes.len());
    if let Some(data) = buffer.data() {
        // SAFETY: `buffer` was just created with `bytes.len()` bytes and nothing else refers to
        // it yet.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), data.as_ptr().cast::<u8>(), bytes.len()) };
    }
    Some(buffer)
}
