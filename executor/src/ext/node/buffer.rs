//! Host functions of `node:buffer`: the byte encodings Node's `Buffer` has besides UTF-8
//! (which `ext/encoding/host.rs` codes), done here because a loop over characters in
//! JavaScript is slow over large inputs. Both directions copy once; the output counts
//! against the run's memory budget.

use crate::runtime::host::{Arguments, Return, host_copy, new_bytes, string_argument, throw_error};
use crate::runtime::state::state;

/// The encodings coded here, by the names `buffer.js` normalises them to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Latin1,
    Ascii,
    Hex,
    Base64,
    Base64Url,
    Utf16Le,
}

impl Encoding {
    fn from_name(name: &str) -> Option<Encoding> {
        Some(match name {
            "latin1" => Encoding::Latin1,
            "ascii" => Encoding::Ascii,
            "hex" => Encoding::Hex,
            "base64" => Encoding::Base64,
            "base64url" => Encoding::Base64Url,
            "utf16le" => Encoding::Utf16Le,
            _ => return None,
        })
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A base64 digit of either alphabet, as Node decodes both for `base64` and `base64url`.
fn base64_value(unit: u16) -> Option<u32> {
    Some(match unit {
        0x41..=0x5a => unit - 0x41,
        0x61..=0x7a => unit - 0x61 + 26,
        0x30..=0x39 => unit - 0x30 + 52,
        0x2b | 0x2d => 62,
        0x2f | 0x5f => 63,
        _ => return None,
    } as u32)
}

fn hex_value(unit: u16) -> Option<u8> {
    Some(match unit {
        0x30..=0x39 => unit - 0x30,
        0x41..=0x46 => unit - 0x41 + 10,
        0x61..=0x66 => unit - 0x61 + 10,
        _ => return None,
    } as u8)
}

/// Node's base64 decoding: characters of neither alphabet are skipped, the first `=` ends
/// the input, and a last lone digit is dropped.
fn decode_base64(units: &[u16], out: &mut Vec<u8>) {
    let (mut accumulator, mut bits) = (0u32, 0u32);
    for &unit in units {
        if unit == 0x3d {
            break;
        }
        let Some(value) = base64_value(unit) else { continue };
        accumulator = (accumulator << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((accumulator >> bits) as u8);
            accumulator &= (1 << bits) - 1;
        }
    }
}

fn encode_base64(bytes: &[u8], alphabet: &[u8; 64], pad: bool, out: &mut Vec<u8>) {
    for chunk in bytes.chunks(3) {
        let triple = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        out.push(alphabet[(triple >> 18) as usize & 63]);
        out.push(alphabet[(triple >> 12) as usize & 63]);
        if chunk.len() > 1 {
            out.push(alphabet[(triple >> 6) as usize & 63]);
        } else if pad {
            out.push(b'=');
        }
        if chunk.len() > 2 {
            out.push(alphabet[triple as usize & 63]);
        } else if pad {
            out.push(b'=');
        }
    }
}

/// `nodeBufferEncode(string, encoding)` -> a Uint8Array of the string's bytes in `encoding`
/// (one of [`Encoding`]'s names; UTF-8 is `encodeUtf8Into`).
pub(crate) fn buffer_encode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(string) = v8::Local::<v8::String>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected a string");
    };
    let Some(encoding) = string_argument(scope, &args, 1).as_deref().and_then(Encoding::from_name) else {
        return throw_error(scope, "TypeError", "Expected the name of an encoding");
    };
    let length = string.length();
    let state = state(scope);
    // The string's UTF-16 copy and the bytes made from it (at most two for each unit).
    let Some(_copy) = host_copy(scope, &state, length.saturating_mul(4)) else { return };
    let mut units = vec![0u16; length];
    string.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
    let mut bytes = Vec::with_capacity(match encoding {
        Encoding::Utf16Le => length * 2,
        Encoding::Hex => length / 2,
        Encoding::Base64 | Encoding::Base64Url => length / 4 * 3 + 3,
        _ => length,
    });
    match encoding {
        // Each unit's low byte, as Node writes `latin1`, `binary` and `ascii`.
        Encoding::Latin1 | Encoding::Ascii => bytes.extend(units.iter().map(|&unit| unit as u8)),
        Encoding::Utf16Le => {
            for unit in &units {
                bytes.extend_from_slice(&unit.to_le_bytes());
            }
        }
        // Pairs of hex digits up to the first pair that is not one.
        Encoding::Hex => {
            for pair in units.chunks_exact(2) {
                match (hex_value(pair[0]), hex_value(pair[1])) {
                    (Some(high), Some(low)) => bytes.push(high << 4 | low),
                    _ => break,
                }
            }
        }
        Encoding::Base64 | Encoding::Base64Url => decode_base64(&units, &mut bytes),
    }
    if let Some(array) = new_bytes(scope, &bytes) {
        return_value.set(array.into());
    }
}

/// `nodeBufferDecode(uint8Array, encoding)` -> the string the bytes make in `encoding`.
pub(crate) fn buffer_decode(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_error(scope, "TypeError", "Expected an ArrayBufferView");
    };
    let Some(encoding) = string_argument(scope, &args, 1).as_deref().and_then(Encoding::from_name) else {
        return throw_error(scope, "TypeError", "Expected the name of an encoding");
    };
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let bytes = view.get_contents(&mut storage);
    let state = state(scope);
    let Some(_copy) = host_copy(scope, &state, bytes.len().saturating_mul(2)) else { return };
    let string = match encoding {
        Encoding::Latin1 => v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal),
        Encoding::Ascii => {
            let ascii: Vec<u8> = bytes.iter().map(|byte| byte & 0x7f).collect();
            v8::String::new_from_one_byte(scope, &ascii, v8::NewStringType::Normal)
        }
        Encoding::Utf16Le => {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]])).collect();
            v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal)
        }
        Encoding::Hex => {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let mut text = Vec::with_capacity(bytes.len() * 2);
            for byte in bytes {
                text.push(DIGITS[usize::from(byte >> 4)]);
                text.push(DIGITS[usize::from(byte & 15)]);
            }
            v8::String::new_from_one_byte(scope, &text, v8::NewStringType::Normal)
        }
        Encoding::Base64 | Encoding::Base64Url => {
            let mut text = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
            if encoding == Encoding::Base64 {
                encode_base64(bytes, BASE64, true, &mut text);
            } else {
                encode_base64(bytes, BASE64_URL, false, &mut text);
            }
            v8::String::new_from_one_byte(scope, &text, v8::NewStringType::Normal)
        }
    };
    match string {
        Some(string) => return_value.set(string.into()),
        None => throw_error(scope, "Error", "Cannot create a string longer than 0x1fffffe8 characters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn base64_decoding_skips_what_node_skips() {
        let mut out = Vec::new();
        decode_base64(&units("aGVs\nbG8-_w==ignored"), &mut out);
        assert_eq!(out, b"hello\x3e\xff");
        out.clear();
        decode_base64(&units("YQ"), &mut out);
        assert_eq!(out, b"a");
    }

    #[test]
    fn base64_encoding_pads_only_base64() {
        let mut out = Vec::new();
        encode_base64(b"ab", BASE64, true, &mut out);
        assert_eq!(out, b"YWI=");
        out.clear();
        encode_base64(b"\xfb\xff", BASE64_URL, false, &mut out);
        assert_eq!(out, b"-_8");
    }
}
