//! Host functions of the small Web APIs: the clock of `performance.now()` and timers, the
//! random numbers of `crypto.getRandomValues`, the state of a promise (for `console` and
//! the entrypoint), and what kind of buffer a value is (for Web IDL's `BufferSource`).

use crate::runtime::host::{Arguments, Return, throw_error};
use crate::runtime::state::state;

pub(crate) fn now(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let elapsed = state(scope).origin.elapsed();
    return_value.set_double(elapsed.as_secs_f64() * 1000.0);
}

/// `isSharedArrayBuffer(value)` -> whether `value` is a SharedArrayBuffer, by what it is (as
/// Web IDL checks a `BufferSource`), not by its prototype or the global `SharedArrayBuffer`,
/// which the code can replace (and which V8 adds to each context after the snapshot, so the
/// primordials do not have it).
pub(crate) fn is_shared_array_buffer(
    _scope: &mut v8::PinScope<'_, '_>,
    args: Arguments<'_>,
    mut return_value: Return<'_>,
) {
    return_value.set_bool(args.get(0).is_shared_array_buffer());
}

/// `randomFill(view)` -> view, filled from the operating system's CSPRNG.
pub(crate) fn random_fill(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected an ArrayBufferView");
    };
    let length = view.byte_length();
    if length > 0 {
        let data = view.data() as *mut u8;
        if data.is_null() {
            return throw_error(scope, "TypeError", "The buffer is detached");
        }
        // SAFETY: as in `encode_utf8_into`: the view's bytes, alive while `view` is.
        let buffer = unsafe { std::slice::from_raw_parts_mut(data, length) };
        if getrandom::fill(buffer).is_err() {
            return throw_error(scope, "Error", "The operating system's random number generator failed");
        }
    }
    return_value.set(view.into());
}

/// `promiseState(promise)` -> `[0]` pending, `[1, value]` fulfilled, `[2, reason]` rejected.
pub(crate) fn promise_state(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(promise) = v8::Local::<v8::Promise>::try_from(args.get(0)) else { return };
    let (code, value) = match promise.state() {
        v8::PromiseState::Pending => (0, None),
        v8::PromiseState::Fulfilled => (1, Some(promise.result(scope))),
        v8::PromiseState::Rejected => (2, Some(promise.result(scope))),
    };
    let mut values = vec![v8::Integer::new(scope, code).into()];
    values.extend(value);
    return_value.set(v8::Array::new_with_elements(scope, &values).into());
}
