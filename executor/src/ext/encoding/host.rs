//! The native functions behind the runtime's private `host` object (see `bootstrap.rs`).
//! Each takes its arguments from JavaScript that the runtime wrote, but user code can reach
//! some of them indirectly, so every argument is checked and no input can panic.

use crate::ext::console::{LogLevel, MAX_MESSAGE_CHARACTERS};
use crate::ext::modules::loader::{self, throw_error};
use crate::runtime::state::state;
use crate::runtime::strings;

type Arguments<'s> = v8::FunctionCallbackArguments<'s>;
type Return<'s> = v8::ReturnValue<'s, v8::Value>;

/// The callback implementing the host function `name` (one of `HOST_FUNCTIONS`).
pub(crate) fn callback(name: &str) -> Option<v8::FunctionCallback> {
    use v8::MapFnTo;
    let function: v8::FunctionCallback = match name {
        "print" => print.map_fn_to(),
        "now" => now.map_fn_to(),
        "utf8Length" => utf8_length.map_fn_to(),
        "encodeUtf8Into" => encode_utf8_into.map_fn_to(),
        "decode" => decode.map_fn_to(),
        "normalizeEncoding" => normalize_encoding.map_fn_to(),
        "urlParse" => url_parse.map_fn_to(),
        "urlSet" => url_set.map_fn_to(),
        "formDecode" => form_decode.map_fn_to(),
        "formEncode" => form_encode.map_fn_to(),
        "randomFill" => random_fill.map_fn_to(),
        "structuredClone" => crate::ext::web::clone::structured_clone.map_fn_to(),
        "compileCommonJs" => compile_common_js.map_fn_to(),
        "requireResolve" => require_resolve.map_fn_to(),
        "moduleValue" => module_value.map_fn_to(),
        "promiseState" => promise_state.map_fn_to(),
        "stringHead" => string_head.map_fn_to(),
        // Streams and compression.
        "compressionCreate" => crate::ext::compression::compression_create.map_fn_to(),
        "compressionPush" => crate::ext::compression::compression_push.map_fn_to(),
        "compressionEnd" => crate::ext::compression::compression_end.map_fn_to(),
        "loadLazyScript" => crate::runtime::lazy::load_lazy_script.map_fn_to(),
        // crypto.subtle.
        "subtleDigest" => crate::ext::crypto::subtle::digest.map_fn_to(),
        "subtleSign" => crate::ext::crypto::subtle::sign.map_fn_to(),
        "subtleVerify" => crate::ext::crypto::subtle::verify.map_fn_to(),
        "subtleAesGcm" => crate::ext::crypto::subtle::aes_gcm.map_fn_to(),
        "subtleGenerateKeyPair" => crate::ext::crypto::subtle::generate_key_pair.map_fn_to(),
        "subtleImportKey" => crate::ext::crypto::subtle::import_key.map_fn_to(),
        "subtleExportKey" => crate::ext::crypto::subtle::export_key.map_fn_to(),
        "subtleHkdf" => crate::ext::crypto::subtle::hkdf.map_fn_to(),
        // fetch and the outbound policy.
        "fetchStart" => crate::ext::fetch::host::fetch_start.map_fn_to(),
        "fetchPull" => crate::ext::fetch::host::fetch_pull.map_fn_to(),
        "fetchCancel" => crate::ext::fetch::host::fetch_cancel.map_fn_to(),
        "parseMediaType" => crate::ext::fetch::host::parse_media_type.map_fn_to(),
        "multipartParse" => crate::ext::fetch::host::multipart_parse.map_fn_to(),
        "memoryCharge" => crate::runtime::memory::memory_charge.map_fn_to(),
        "memoryRelease" => crate::runtime::memory::memory_release.map_fn_to(),
        "wasmGrow" => crate::runtime::memory::wasm_grow.map_fn_to(),
        _ => return None,
    };
    Some(function)
}

/// Bytes the host may hold to work on strings of `units` UTF-16 code units in all: their
/// UTF-8 copies (at most 3 bytes a unit), what percent-encoding makes of those (3 bytes a
/// byte), and the growth of the strings that hold the result.
fn text_work(units: usize) -> usize {
    units.saturating_mul(24)
}

/// Bytes the host may hold to decode strings of `units` UTF-16 code units in all: their UTF-8
/// copies and the decoded pieces, each no longer than its encoded form.
fn decode_work(units: usize) -> usize {
    units.saturating_mul(8)
}

/// The UTF-16 length of each string among `values` (0 for other values), added up.
fn string_units(values: &[v8::Local<'_, v8::Value>]) -> usize {
    values
        .iter()
        .filter_map(|value| v8::Local::<v8::String>::try_from(*value).ok())
        .map(|string| string.length())
        .fold(0, usize::saturating_add)
}

/// Counts `bytes` the host is about to hold for a copy of data the code controls; throws a
/// RangeError (and the run is stopped for memory) when they do not fit.
fn host_copy<'a>(
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

fn string_argument(scope: &mut v8::PinScope<'_, '_>, args: &Arguments<'_>, index: i32) -> Option<String> {
    let value = args.get(index);
    if value.is_string() { Some(value.to_rust_string_lossy(scope)) } else { None }
}

/// `print(level, message, indentation)`: one console message for the run's `Console`, with
/// `indentation` (of `console.group`) before each of its lines. At most
/// [`MAX_MESSAGE_CHARACTERS`] of the message leave the isolate, read without flattening it;
/// the rest is left out with a note of how much.
fn print(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let level = match args.get(0).int32_value(scope).unwrap_or(2) {
        0 => LogLevel::Debug,
        1 => LogLevel::Info,
        3 => LogLevel::Warn,
        4 => LogLevel::Error,
        _ => LogLevel::Log,
    };
    let Some(message) = args.get(1).to_string(scope) else { return };
    let (mut message, left_out) = strings::head_lossy(scope, &message, MAX_MESSAGE_CHARACTERS);
    let indentation = args.get(2);
    if indentation.is_string() && v8::Local::<v8::String>::try_from(indentation).is_ok_and(|text| text.length() > 0) {
        let indentation = strings::head_lossy(scope, &indentation.cast::<v8::String>(), 1024).0;
        message = format!("{indentation}{}", message.replace('\n', &format!("\n{indentation}")));
    }
    if left_out > 0 {
        message.push_str(&format!("... {left_out} more character{}", if left_out == 1 { "" } else { "s" }));
    }
    let state = state(scope);
    // A console that calls back into the sandbox cannot exist (the trait has no scope), so
    // the borrow cannot be re-entered.
    if let Ok(mut console) = state.console.try_borrow_mut() {
        console.log(level, &message);
    }
}

/// `stringHead(string, units)`: a flat copy of the first `units` UTF-16 code units of
/// `string` (one fewer rather than half a surrogate pair), made without flattening `string`,
/// for formatting only the start of a huge string.
fn string_head(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(string) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected a string");
    };
    let limit = args.get(1).uint32_value(scope).unwrap_or(0) as usize;
    let end = strings::head_length(scope, &string, limit);
    let mut units = Vec::with_capacity(end);
    strings::for_each_chunk(scope, &string, end, |chunk| {
        units.extend_from_slice(chunk);
        true
    });
    match v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal) {
        Some(head) => return_value.set(head.into()),
        None => throw_error(scope, "RangeError", "Invalid string length"),
    }
}

fn now(scope: &mut v8::PinScope<'_, '_>, _args: Arguments<'_>, mut return_value: Return<'_>) {
    let elapsed = state(scope).origin.elapsed();
    return_value.set_double(elapsed.as_secs_f64() * 1000.0);
}

fn utf8_length(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(string) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected a string");
    };
    return_value.set_double(string.utf8_length(scope) as f64);
}

/// `encodeUtf8Into(string, uint8Array)` -> `[read, written]`: writes as many whole
/// characters as fit, replacing lone surrogates with U+FFFD.
fn encode_utf8_into(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Ok(string), Ok(view)) =
        (v8::Local::<v8::String>::try_from(args.get(0)), v8::Local::<v8::Uint8Array>::try_from(args.get(1)))
    else {
        return throw_error(scope, "TypeError", "Expected a string and a Uint8Array");
    };
    let length = view.byte_length();
    let (mut read, mut written) = (0usize, 0usize);
    if length > 0 {
        let data = view.data() as *mut u8;
        if !data.is_null() {
            // SAFETY: `data` points at the view's `length` bytes in its (off-heap, after
            // `data()`) backing store, which stays alive while `view` is on the stack; no
            // JavaScript runs while the slice exists.
            let buffer = unsafe { std::slice::from_raw_parts_mut(data, length) };
            written = string.write_utf8_v2(scope, buffer, v8::WriteFlags::kReplaceInvalidUtf8, Some(&mut read));
        }
    }
    let values = [v8::Number::new(scope, read as f64).into(), v8::Number::new(scope, written as f64).into()];
    return_value.set(v8::Array::new_with_elements(scope, &values).into());
}

/// `decode(encoding, uint8Array, fatal, stripBom)` -> string.
fn decode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(label) = string_argument(scope, &args, 0) else {
        return throw_error(scope, "TypeError", "Expected an encoding name");
    };
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else {
        return throw_error(scope, "TypeError", "Expected an ArrayBufferView");
    };
    let fatal = args.get(2).boolean_value(scope);
    let strip_bom = args.get(3).boolean_value(scope);
    let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) else {
        return throw_error(scope, "RangeError", &format!("The encoding `{label}` is not supported"));
    };
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let mut bytes = view.get_contents(&mut storage);

    let string = if encoding == encoding_rs::UTF_8 {
        if strip_bom && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            bytes = &bytes[3..];
        }
        if fatal && std::str::from_utf8(bytes).is_err() {
            return throw_error(scope, "TypeError", "The encoded data was not valid for encoding utf-8");
        }
        // V8 replaces invalid sequences with U+FFFD the way the Encoding Standard does.
        v8::String::new_from_utf8(scope, bytes, v8::NewStringType::Normal)
    } else {
        if strip_bom {
            let bom: &[u8] = match encoding.name() {
                "UTF-16LE" => &[0xFF, 0xFE],
                "UTF-16BE" => &[0xFE, 0xFF],
                _ => &[],
            };
            if !bom.is_empty() && bytes.starts_with(bom) {
                bytes = &bytes[bom.len()..];
            }
        }
        // encoding_rs makes the text as UTF-8 before V8 copies it: up to 3 bytes for a byte.
        let state = state(scope);
        let needed =
            encoding.new_decoder_without_bom_handling().max_utf8_buffer_length(bytes.len()).unwrap_or(usize::MAX);
        let Some(_copy) = host_copy(scope, &state, needed) else { return };
        let text = if fatal {
            match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => text,
                None => {
                    return throw_error(
                        scope,
                        "TypeError",
                        &format!(
                            "The encoded data was not valid for encoding {}",
                            encoding.name().to_ascii_lowercase()
                        ),
                    );
                }
            }
        } else {
            encoding.decode_without_bom_handling(bytes).0
        };
        v8::String::new(scope, &text)
    };
    match string {
        Some(string) => return_value.set(string.into()),
        None => throw_error(scope, "RangeError", "Invalid string length: the decoded text is too long"),
    }
}

/// `normalizeEncoding(label)` -> the encoding's canonical lower-case name, or undefined.
fn normalize_encoding(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let label = string_argument(scope, &args, 0).unwrap_or_default();
    if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes())
        && let Some(name) = v8::String::new(scope, &encoding.name().to_ascii_lowercase())
    {
        return_value.set(name.into());
    }
}

/// The URL's components in the order `url.js` expects.
fn url_components<'s>(scope: &mut v8::PinScope<'s, '_>, url: &url::Url) -> v8::Local<'s, v8::Value> {
    use url::quirks;
    let origin = quirks::origin(url);
    let parts = [
        quirks::href(url),
        origin.as_str(),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::host(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
    ];
    let values: Vec<v8::Local<'_, v8::Value>> = parts
        .iter()
        .map(|part| v8::String::new(scope, part).map_or_else(|| v8::undefined(scope).into(), Into::into))
        .collect();
    v8::Array::new_with_elements(scope, &values).into()
}

/// `urlParse(input, base?)` -> components, or undefined if the URL is invalid.
fn url_parse(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(string_units(&[args.get(0), args.get(1)]))) else { return };
    let Some(input) = string_argument(scope, &args, 0) else { return };
    let base = match string_argument(scope, &args, 1) {
        Some(base) => match url::Url::parse(&base) {
            Ok(base) => Some(base),
            Err(_) => return,
        },
        None => None,
    };
    if let Ok(url) = url::Url::options().base_url(base.as_ref()).parse(&input) {
        let components = url_components(scope, &url);
        return_value.set(components);
    }
}

/// `urlSet(href, component, value)` -> components after the setter (unchanged if the
/// standard says the setter does nothing), or undefined if `href` is not a URL.
fn url_set(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    use url::quirks;
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(string_units(&[args.get(0), args.get(2)]))) else { return };
    let (Some(href), Some(component), Some(value)) =
        (string_argument(scope, &args, 0), string_argument(scope, &args, 1), string_argument(scope, &args, 2))
    else {
        return;
    };
    let Ok(mut url) = url::Url::parse(&href) else { return };
    // Setters that fail leave the URL as it was, as the URL Standard says.
    let _ = match component.as_str() {
        "protocol" => quirks::set_protocol(&mut url, &value),
        "username" => quirks::set_username(&mut url, &value),
        "password" => quirks::set_password(&mut url, &value),
        "host" => quirks::set_host(&mut url, &value),
        "hostname" => quirks::set_hostname(&mut url, &value),
        "port" => quirks::set_port(&mut url, &value),
        "pathname" => {
            quirks::set_pathname(&mut url, &value);
            Ok(())
        }
        "search" => {
            quirks::set_search(&mut url, &value);
            Ok(())
        }
        "hash" => {
            quirks::set_hash(&mut url, &value);
            Ok(())
        }
        _ => Err(()),
    };
    let components = url_components(scope, &url);
    return_value.set(components);
}

/// `formDecode(query)` -> `[name, value, name, value, ...]`.
fn form_decode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, decode_work(string_units(&[args.get(0)]))) else { return };
    let query = string_argument(scope, &args, 0).unwrap_or_default();
    // Filled one pair at a time, each in its own handle scope: a query of a million pairs
    // holds no million handles outside the heap.
    let values = v8::Array::new(scope, 0);
    let mut index = 0;
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        v8::scope!(let scope, scope);
        for text in [name, value] {
            let Some(string) = v8::String::new(scope, &text) else {
                return throw_error(scope, "RangeError", "Invalid string length");
            };
            if values.set_index(scope, index, string.into()).is_none() {
                return;
            }
            index += 1;
        }
    }
    return_value.set(values.into());
}

/// `formEncode([name, value, ...])` -> `application/x-www-form-urlencoded` text.
fn form_encode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected an array");
    };
    let mut units = 0usize;
    for index in 0..list.length() {
        v8::scope!(let scope, scope);
        if let Some(item) = list.get_index(scope, index) {
            units = units.saturating_add(string_units(&[item]));
        }
    }
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, text_work(units)) else { return };
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let mut index = 0;
    while index + 1 < list.length() {
        let (Some(name), Some(value)) = (list.get_index(scope, index), list.get_index(scope, index + 1)) else {
            return;
        };
        let (name, value) = (name.to_rust_string_lossy(scope), value.to_rust_string_lossy(scope));
        serializer.append_pair(&name, &value);
        index += 2;
    }
    if let Some(string) = v8::String::new(scope, &serializer.finish()) {
        return_value.set(string.into());
    }
}

/// `randomFill(view)` -> view, filled from the operating system's CSPRNG.
fn random_fill(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
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

fn compile_common_js(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string_argument(scope, &args, 0) else { return };
    // On failure an exception is pending and propagates to the caller.
    if let Some(function) = loader::compile_common_js(scope, &name) {
        return_value.set(function.into());
    }
}

/// `requireResolve(referrer, specifier)` -> `[name, kind]`, or throws like Node's
/// `MODULE_NOT_FOUND`.
fn require_resolve(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Some(referrer), Some(specifier)) = (string_argument(scope, &args, 0), string_argument(scope, &args, 1)) else {
        return throw_error(scope, "TypeError", "Expected two strings");
    };
    let state = state(scope);
    match loader::require_resolve(&state, &referrer, &specifier) {
        Ok((name, kind)) => {
            let (Some(name), Some(kind)) = (v8::String::new(scope, &name), v8::String::new(scope, kind)) else {
                return;
            };
            return_value.set(v8::Array::new_with_elements(scope, &[name.into(), kind.into()]).into());
        }
        Err(message) => throw_error(scope, "Error", &message),
    }
}

fn module_value(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Some(name) = string_argument(scope, &args, 0) else { return };
    if let Some(value) = loader::module_value(scope, &name) {
        return_value.set(value);
    }
}

/// `promiseState(promise)` -> `[0]` pending, `[1, value]` fulfilled, `[2, reason]` rejected.
fn promise_state(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
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

#[cfg(test)]
mod tests {
    use crate::runtime::snapshot::HOST_FUNCTIONS;

    /// Every name the runtime can call has a native callback, so the snapshot's external
    /// references line up.
    #[test]
    fn every_host_function_has_a_callback() {
        for name in HOST_FUNCTIONS {
            assert!(super::callback(name).is_some(), "no callback for host function `{name}`");
        }
    }
}
