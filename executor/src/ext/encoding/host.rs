//! The host functions of TextEncoder, TextDecoder, atob and btoa: UTF-8 and, with
//! `encoding_rs`, the legacy encodings.

use crate::runtime::host::{Arguments, Return, host_copy, string_argument, throw_error};
use crate::runtime::state::state;

pub(crate) fn utf8_length(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(string) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected a string");
    };
    return_value.set_double(string.utf8_length(scope) as f64);
}

/// `encodeUtf8Into(string, uint8Array)` -> `[read, written]`: writes as many whole
/// characters as fit, replacing lone surrogates with U+FFFD.
pub(crate) fn encode_utf8_into(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
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
pub(crate) fn decode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
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
pub(crate) fn normalize_encoding(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let label = string_argument(scope, &args, 0).unwrap_or_default();
    if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes())
        && let Some(name) = v8::String::new(scope, &encoding.name().to_ascii_lowercase())
    {
        return_value.set(name.into());
    }
}
