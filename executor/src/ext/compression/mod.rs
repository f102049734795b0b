//! The codecs behind `CompressionStream` and `DecompressionStream` (Compression Standard):
//! `gzip`, `deflate` (the zlib format) and `deflate-raw`, with `flate2` on zlib-rs, so the
//! framing, the checks and the errors are zlib's, as in browsers and workerd.
//!
//! The host never holds the output: `compression_push` writes into a Uint8Array that the
//! runtime allocated (`compression.js`), so every output byte counts against the
//! run's ArrayBuffer budget and a decompression bomb ends at the memory limit. A codec's own
//! state (zlib's window and tables, at most about 300 KiB) lives in this table until the
//! stream ends, errors or is cancelled; the runtime charges the budget for it too.

use std::cell::RefCell;
use std::collections::HashMap;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use crate::runtime::host::{Arguments, Return, throw_error};
use crate::runtime::state::extension;

/// zlib's largest window, the one browsers use.
const WINDOW_BITS: u8 = 15;

enum Codec {
    Compress(Compress),
    /// `ended` once the compressed data's end was read: anything after it is an error.
    Decompress {
        inner: Decompress,
        ended: bool,
    },
}

/// The live codecs of one run, by id (in an isolate slot, as `RefCell<Codecs>`).
#[derive(Default)]
pub(crate) struct Codecs {
    next: u32,
    live: HashMap<u32, Codec>,
}

/// `compressionCreate(format, decompress)` -> id. `format` is `gzip`, `deflate` or
/// `deflate-raw`.
pub(crate) fn compression_create(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let format = args.get(0).to_rust_string_lossy(scope);
    let decompress = args.get(1).boolean_value(scope);
    let level = Compression::default();
    let codec = match (format.as_str(), decompress) {
        ("gzip", false) => Codec::Compress(Compress::new_gzip(level, WINDOW_BITS)),
        ("deflate", false) => Codec::Compress(Compress::new(level, true)),
        ("deflate-raw", false) => Codec::Compress(Compress::new(level, false)),
        ("gzip", true) => Codec::Decompress { inner: Decompress::new_gzip(WINDOW_BITS), ended: false },
        ("deflate", true) => Codec::Decompress { inner: Decompress::new(true), ended: false },
        ("deflate-raw", true) => Codec::Decompress { inner: Decompress::new(false), ended: false },
        _ => return throw_error(scope, "TypeError", &format!("Unsupported compression format: '{format}'")),
    };
    let codecs = extension::<RefCell<Codecs>>(scope);
    let mut codecs = codecs.borrow_mut();
    codecs.next = codecs.next.wrapping_add(1);
    let id = codecs.next;
    codecs.live.insert(id, codec);
    return_value.set_uint32(id);
}

/// `compressionEnd(id)`: frees the codec (the stream ended, errored or was cancelled).
pub(crate) fn compression_end(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    if let Some(id) = args.get(0).uint32_value(scope) {
        extension::<RefCell<Codecs>>(scope).borrow_mut().live.remove(&id);
    }
}

/// The bytes of a Uint8Array, or None if it is detached.
fn bytes_of(view: v8::Local<'_, v8::Uint8Array>) -> Option<(*mut u8, usize)> {
    let length = view.byte_length();
    if length == 0 {
        return Some((std::ptr::NonNull::dangling().as_ptr(), 0));
    }
    let data = view.data() as *mut u8;
    if data.is_null() { None } else { Some((data, length)) }
}

/// `compressionPush(id, input, offset, output, finish)` -> `[read, written, ended]`.
///
/// Runs the codec over `input[offset..]` until `output` is full or the input is used up;
/// with `finish`, the input is the last and the codec flushes its end. `ended` is 1 once a
/// compressor has written its end, or a decompressor has read the end of the data. Throws a
/// TypeError for data that is not valid, bytes after the end, or (with `finish`) data that
/// stops before its end.
pub(crate) fn compression_push(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let (Some(id), Ok(input), Some(offset), Ok(output)) = (
        args.get(0).uint32_value(scope),
        v8::Local::<v8::Uint8Array>::try_from(args.get(1)),
        args.get(2).integer_value(scope),
        v8::Local::<v8::Uint8Array>::try_from(args.get(3)),
    ) else {
        return throw_error(scope, "TypeError", "Expected an id, a Uint8Array, an offset and a Uint8Array");
    };
    let finish = args.get(4).boolean_value(scope);
    let (Some((input_data, input_length)), Some((output_data, output_length))) = (bytes_of(input), bytes_of(output))
    else {
        return throw_error(scope, "TypeError", "The buffer is detached");
    };
    let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(input_length);
    let input_range = input_data as usize..input_data as usize + input_length;
    let output_range = output_data as usize..output_data as usize + output_length;
    if output_length > 0
        && input_length > 0
        && input_range.start < output_range.end
        && output_range.start < input_range.end
    {
        return throw_error(scope, "TypeError", "The output overlaps the input");
    }
    // SAFETY: both pointers address the live backing stores of `input` and `output`, which
    // are on the stack for the whole call (so not collected), do not overlap (checked above),
    // and no JavaScript runs while the slices exist.
    let (input, output) = unsafe {
        (
            std::slice::from_raw_parts(input_data.add(offset), input_length - offset),
            std::slice::from_raw_parts_mut(output_data, output_length),
        )
    };

    let codecs = extension::<RefCell<Codecs>>(scope);
    let mut codecs = codecs.borrow_mut();
    let Some(codec) = codecs.live.get_mut(&id) else {
        drop(codecs);
        return throw_error(scope, "TypeError", "The compression stream has already ended");
    };
    let outcome = run(codec, input, output, finish);
    drop(codecs);
    match outcome {
        Ok((read, written, ended)) => {
            let values = [
                v8::Number::new(scope, read as f64).into(),
                v8::Number::new(scope, written as f64).into(),
                v8::Integer::new(scope, i32::from(ended)).into(),
            ];
            return_value.set(v8::Array::new_with_elements(scope, &values).into());
        }
        Err(message) => throw_error(scope, "TypeError", &message),
    }
}

/// One step of `codec`: bytes read, bytes written, and whether the end was reached.
fn run(codec: &mut Codec, input: &[u8], output: &mut [u8], finish: bool) -> Result<(usize, usize, bool), String> {
    match codec {
        Codec::Compress(inner) => {
            let (before_in, before_out) = (inner.total_in(), inner.total_out());
            let flush = if finish { FlushCompress::Finish } else { FlushCompress::None };
            let status =
                inner.compress(input, output, flush).map_err(|error| format!("Compression failed: {error}"))?;
            let read = (inner.total_in() - before_in) as usize;
            let written = (inner.total_out() - before_out) as usize;
            Ok((read, written, status == Status::StreamEnd))
        }
        Codec::Decompress { inner, ended } => {
            if *ended {
                if !input.is_empty() {
                    return Err(JUNK.to_owned());
                }
                return Ok((0, 0, true));
            }
            let (before_in, before_out) = (inner.total_in(), inner.total_out());
            let status =
                inner.decompress(input, output, FlushDecompress::None).map_err(|error| match error.message() {
                    Some(reason) => format!("The compressed data is not valid: {reason}"),
                    None => "The compressed data is not valid".to_owned(),
                })?;
            let read = (inner.total_in() - before_in) as usize;
            let written = (inner.total_out() - before_out) as usize;
            if status == Status::StreamEnd {
                *ended = true;
                if read < input.len() {
                    return Err(JUNK.to_owned());
                }
                return Ok((read, written, true));
            }
            // Output room left over means that zlib needs more input than there is.
            if finish && written < output.len() && read == input.len() {
                return Err("The compressed data ended before its end (it is truncated)".to_owned());
            }
            Ok((read, written, false))
        }
    }
}

/// The message for bytes after the end of the compressed data, as workerd words it.
const JUNK: &str = "Trailing bytes after end of compressed data";

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(format: (Codec, Codec), data: &[u8]) -> Vec<u8> {
        let (mut compressor, mut decompressor) = format;
        let mut compressed = vec![0; data.len() + 1024];
        let (read, written, ended) = run(&mut compressor, data, &mut compressed, true).expect("compresses");
        assert_eq!((read, ended), (data.len(), true));
        compressed.truncate(written);
        let mut output = vec![0; data.len() + 16];
        let (read, written, ended) = run(&mut decompressor, &compressed, &mut output, true).expect("decompresses");
        assert_eq!((read, ended), (compressed.len(), true));
        output.truncate(written);
        output
    }

    /// Each format decompresses what it compressed.
    #[test]
    fn round_trips() {
        let data = b"hello hello hello hello, streams".repeat(100);
        let level = Compression::default();
        let gzip = (
            Codec::Compress(Compress::new_gzip(level, WINDOW_BITS)),
            Codec::Decompress { inner: Decompress::new_gzip(WINDOW_BITS), ended: false },
        );
        assert_eq!(round_trip(gzip, &data), data);
        let zlib = (
            Codec::Compress(Compress::new(level, true)),
            Codec::Decompress { inner: Decompress::new(true), ended: false },
        );
        assert_eq!(round_trip(zlib, &data), data);
        let raw = (
            Codec::Compress(Compress::new(level, false)),
            Codec::Decompress { inner: Decompress::new(false), ended: false },
        );
        assert_eq!(round_trip(raw, &data), data);
    }

    /// Bytes after the end, a broken header and a truncated stream are errors.
    #[test]
    fn rejects_junk_corruption_and_truncation() {
        let mut compressor = Codec::Compress(Compress::new(Compression::default(), true));
        let mut compressed = vec![0; 256];
        let (_, written, _) = run(&mut compressor, b"data", &mut compressed, true).expect("compresses");
        compressed.truncate(written);
        let decoder = || Codec::Decompress { inner: Decompress::new(true), ended: false };
        let mut output = [0; 64];

        let mut junk = compressed.clone();
        junk.push(0);
        assert_eq!(run(&mut decoder(), &junk, &mut output, false).unwrap_err(), JUNK);

        let mut corrupt = compressed.clone();
        corrupt[0] = 0;
        assert!(run(&mut decoder(), &corrupt, &mut output, false).unwrap_err().contains("not valid"));

        let truncated = &compressed[..compressed.len() - 2];
        assert!(run(&mut decoder(), truncated, &mut output, true).unwrap_err().contains("truncated"));
    }
}
