//! The host functions of CommonJS `require` over the module map.

use crate::ext::modules::loader;
use crate::runtime::host::{Arguments, Return, string_argument, throw_error};

pub(crate) fn compile_common_js(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string_argument(scope, &args, 0) else { return };
    // On failure an exception is pending and propagates to the caller.
    if let Some(function) = loader::compile_common_js(scope, &name) {
        return_value.set(function.into());
    }
}

/// `requireResolve(referrer, specifier)` -> `[name, kind]`, or throws like Node's
/// `MODULE_NOT_FOUND`.
pub(crate) fn require_resolve(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Some(referrer), Some(specifier)) = (string_argument(scope, &args, 0), string_argument(scope, &args, 1)) else {
        return throw_error(scope, "TypeError", "Expected two strings");
    };
    match loader::require_resolve(&loader::modules(scope), &referrer, &specifier) {
        Ok((name, kind)) => {
            let (Some(name), Some(kind)) = (v8::String::new(scope, &name), v8::String::new(scope, kind)) else {
                return;
            };
            return_value.set(v8::Array::new_with_elements(scope, &[name.into(), kind.into()]).into());
        }
        Err(message) => throw_error(scope, "Error", &message),
    }
}

pub(crate) fn module_value(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string_argument(scope, &args, 0) else { return };
    if let Some(value) = loader::module_value(scope, &name) {
        return_value.set(value);
    }
}
