//! Host function of `node:util/types`: the predicates only V8 can answer (a proxy, a module
//! namespace, an arguments object, an external, a boxed primitive...), as Node asks V8.

use crate::runtime::host::{Arguments, Return, string_argument, throw_error};

/// `nodeIsType(kind, value)` -> whether `value` is of `kind` (`isProxy` without `is`:
/// `'Proxy'`), as V8's `Value::Is<kind>`.
pub(crate) fn is_type(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(kind) = string_argument(scope, &args, 0) else {
        return throw_error(scope, "TypeError", "Expected the name of a type");
    };
    let value = args.get(1);
    let answer = match kind.as_str() {
        "Proxy" => value.is_proxy(),
        "External" => value.is_external(),
        "ModuleNamespaceObject" => value.is_module_namespace_object(),
        "ArgumentsObject" => value.is_arguments_object(),
        "AsyncFunction" => value.is_async_function(),
        "GeneratorFunction" => value.is_generator_function(),
        "GeneratorObject" => value.is_generator_object(),
        "MapIterator" => value.is_map_iterator(),
        "SetIterator" => value.is_set_iterator(),
        "NativeError" => value.is_native_error(),
        "NumberObject" => value.is_number_object(),
        "StringObject" => value.is_string_object(),
        "BooleanObject" => value.is_boolean_object(),
        "BigIntObject" => value.is_big_int_object(),
        "SymbolObject" => value.is_symbol_object(),
        "Promise" => value.is_promise(),
        "Map" => value.is_map(),
        "Set" => value.is_set(),
        "WeakMap" => value.is_weak_map(),
        "WeakSet" => value.is_weak_set(),
        "Date" => value.is_date(),
        "RegExp" => value.is_reg_exp(),
        "DataView" => value.is_data_view(),
        "ArrayBuffer" => value.is_array_buffer(),
        "SharedArrayBuffer" => value.is_shared_array_buffer(),
        _ => return throw_error(scope, "TypeError", &format!("`{kind}` is not a type V8 can check")),
    };
    return_value.set_bool(answer);
}
