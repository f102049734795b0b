//! The native half of `node:zlib` (see `zlib.js`): deflate, inflate, gzip, gunzip, the raw
//! forms and unzip with `flate2` on zlib-rs (zlib's own algorithm, framing and messages, as
//! Node's zlib), brotli with Dropbox's encoder and decoder, and CRC-32.
//!
//! As for `CompressionStream` (`ext/compression`), the host never holds the output: each
//! `nodeZlibWrite` writes into a Uint8Array the runtime allocated (one `chunkSize` at a
//! time), so every output byte counts against the run's ArrayBuffer budget and a
//! decompression bomb ends at `maxOutputLength` or the memory limit, whichever comes first.
//! The codecs' own state (zlib's window, brotli's up to 16 MiB) is host memory, which the
//! embedder's counting allocator charges to the run; it lives in this run's table from
//! creation to `nodeZlibClose`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use brotli::enc::StandardAlloc;
use brotli::enc::encode::{BrotliEncoderOperation, BrotliEncoderParameter, BrotliEncoderStateStruct};
use brotli::{BrotliDecompressStream, BrotliResult, BrotliState};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use crate::ext::crypto::subtle::{input, output};
use crate::runtime::host::{Arguments, Return, throw_error};

/// Node's `zlib.constants` modes (`DEFLATE` = 1 ... `BROTLI_ENCODE` = 9).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Deflate = 1,
    Inflate = 2,
    Gzip = 3,
    Gunzip = 4,
    DeflateRaw = 5,
    InflateRaw = 6,
    Unzip = 7,
    BrotliDecode = 8,
    BrotliEncode = 9,
}

impl Kind {
    fn from_number(number: u32) -> Option<Kind> {
        Some(match number {
            1 => Kind::Deflate,
            2 => Kind::Inflate,
            3 => Kind::Gzip,
            4 => Kind::Gunzip,
            5 => Kind::DeflateRaw,
            6 => Kind::InflateRaw,
            7 => Kind::Unzip,
            8 => Kind::BrotliDecode,
            9 => Kind::BrotliEncode,
            _ => return None,
        })
    }
}

/// The options a codec is made with (already checked by `zlib.js`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) level: i32,
    pub(crate) window_bits: u8,
    /// Brotli: quality, lgwin, mode and size hint (`u32::MAX` when not given).
    pub(crate) brotli: [u32; 4],
}

type Encoder = BrotliEncoderStateStruct<StandardAlloc>;
type Decoder = BrotliState<StandardAlloc, StandardAlloc, StandardAlloc>;

enum Codec {
    Deflate(Box<Compress>),
    Inflate(Box<Decompress>),
    /// Unzip before the first two bytes say gzip or zlib.
    Detect(Vec<u8>, u8),
    BrotliEncode(Box<Encoder>),
    BrotliDecode(Box<Decoder>),
}

/// One codec and what it has seen.
pub(crate) struct Stream {
    /// The kind it was made as, and (for unzip, once the header was seen) the one it runs as.
    made: Kind,
    kind: Kind,
    options: Options,
    codec: Codec,
    /// The data has ended (gunzip goes on with a further member).
    ended: bool,
}

/// What one write did: bytes read, bytes written, and whether the end was reached.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) read: usize,
    pub(crate) written: usize,
    pub(crate) ended: bool,
}

/// A zlib error as Node reports it: zlib's message and its code's name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ZlibError {
    pub(crate) message: String,
    pub(crate) code: &'static str,
    pub(crate) errno: i32,
}

impl ZlibError {
    fn data(message: &str) -> ZlibError {
        ZlibError { message: message.to_owned(), code: "Z_DATA_ERROR", errno: -3 }
    }
}

impl Stream {
    pub(crate) fn new(kind: Kind, options: Options) -> Result<Stream, ZlibError> {
        let window = options.window_bits;
        let codec = match kind {
            Kind::Deflate | Kind::Gzip | Kind::DeflateRaw => {
                let level =
                    if options.level < 0 { Compression::default() } else { Compression::new(options.level as u32) };
                // zlib does not make a raw stream or a gzip with a 256-byte window: it takes 9.
                let window = window.clamp(9, 15);
                Codec::Deflate(Box::new(match kind {
                    Kind::Gzip => Compress::new_gzip(level, window),
                    Kind::Deflate => Compress::new_with_window_bits(level, true, window),
                    _ => Compress::new_with_window_bits(level, false, window),
                }))
            }
            Kind::Inflate => Codec::Inflate(Box::new(Decompress::new_with_window_bits(true, inflate_window(window)))),
            Kind::InflateRaw => Codec::Inflate(Box::new(Decompress::new_with_window_bits(false, window.clamp(8, 15)))),
            Kind::Gunzip => Codec::Inflate(Box::new(Decompress::new_gzip(inflate_window(window)))),
            Kind::Unzip => Codec::Detect(Vec::new(), inflate_window(window)),
            Kind::BrotliEncode => {
                let mut encoder = Encoder::new(StandardAlloc::default());
                let [quality, lgwin, mode, size_hint] = options.brotli;
                let parameters = [
                    (BrotliEncoderParameter::BROTLI_PARAM_QUALITY, quality),
                    (BrotliEncoderParameter::BROTLI_PARAM_LGWIN, lgwin),
                    (BrotliEncoderParameter::BROTLI_PARAM_MODE, mode),
                    (BrotliEncoderParameter::BROTLI_PARAM_SIZE_HINT, size_hint),
                ];
                for (parameter, value) in parameters {
                    if value != u32::MAX && !encoder.set_parameter(parameter, value) {
                        return Err(ZlibError {
                            message: "Initialization failed".to_owned(),
                            code: "ERR_ZLIB_INITIALIZATION_FAILED",
                            errno: 0,
                        });
                    }
                }
                Codec::BrotliEncode(Box::new(encoder))
            }
            Kind::BrotliDecode => Codec::BrotliDecode(Box::new(Decoder::new(
                StandardAlloc::default(),
                StandardAlloc::default(),
                StandardAlloc::default(),
            ))),
        };
        Ok(Stream { made: kind, kind, options, codec, ended: false })
    }

    /// Runs the codec over `input` into `output` with zlib's `flush` (0 none, 1 partial,
    /// 2 sync, 3 full, 4 finish, 5 block; brotli: 0 process, 1 flush, 2 finish).
    pub(crate) fn write(&mut self, flush: u32, input: &[u8], output: &mut [u8]) -> Result<Step, ZlibError> {
        if let Codec::Detect(seen, window) = &mut self.codec {
            let take = input.len().min(2 - seen.len());
            seen.extend_from_slice(&input[..take]);
            if seen.len() < 2 {
                if flush == 4 && !input.is_empty() {
                    return Err(ZlibError { message: "unexpected end of file".into(), code: "Z_BUF_ERROR", errno: -5 });
                }
                return Ok(Step { read: take, written: 0, ended: false });
            }
            let head = std::mem::take(seen);
            let gzip = head == [0x1f, 0x8b];
            let mut inflate =
                if gzip { Decompress::new_gzip(*window) } else { Decompress::new_with_window_bits(true, *window) };
            self.kind = if gzip { Kind::Gunzip } else { Kind::Inflate };
            // The two bytes already taken go through first.
            let mut scratch = [0u8; 0];
            inflate.decompress(&head, &mut scratch, FlushDecompress::None).map_err(|error| inflate_error(&error))?;
            self.codec = Codec::Inflate(Box::new(inflate));
            let step = self.write(flush, &input[take..], output)?;
            return Ok(Step { read: step.read + take, ..step });
        }
        match &mut self.codec {
            Codec::Detect(..) => unreachable!("handled above"),
            Codec::Deflate(deflate) => {
                let flush = match flush {
                    0 => FlushCompress::None,
                    1 => FlushCompress::Partial,
                    2 => FlushCompress::Sync,
                    3 => FlushCompress::Full,
                    _ => FlushCompress::Finish,
                };
                let (before_in, before_out) = (deflate.total_in(), deflate.total_out());
                let status = deflate.compress(input, output, flush).map_err(|error| ZlibError {
                    message: error.to_string(),
                    code: "Z_STREAM_ERROR",
                    errno: -2,
                })?;
                Ok(Step {
                    read: (deflate.total_in() - before_in) as usize,
                    written: (deflate.total_out() - before_out) as usize,
                    ended: status == Status::StreamEnd,
                })
            }
            Codec::Inflate(inflate) => {
                if self.ended {
                    // What follows a gzip member is read as a further member, as workerd reads
                    // it (bytes that are not one are an error); after zlib or raw data it is
                    // ignored.
                    if self.kind == Kind::Gunzip && !input.is_empty() {
                        **inflate = Decompress::new_gzip(inflate_window(self.options.window_bits));
                        self.ended = false;
                    } else {
                        return Ok(Step { read: input.len(), written: 0, ended: true });
                    }
                }
                let (before_in, before_out) = (inflate.total_in(), inflate.total_out());
                let status =
                    inflate.decompress(input, output, FlushDecompress::None).map_err(|error| inflate_error(&error))?;
                let read = (inflate.total_in() - before_in) as usize;
                let written = (inflate.total_out() - before_out) as usize;
                if status == Status::StreamEnd {
                    self.ended = true;
                    if read < input.len() {
                        // A further gzip member, or bytes to ignore: the next call sees them.
                        return Ok(Step { read, written, ended: self.kind != Kind::Gunzip });
                    }
                    return Ok(Step { read, written, ended: true });
                }
                if flush == 4 && read == input.len() && written < output.len() {
                    return Err(ZlibError { message: "unexpected end of file".into(), code: "Z_BUF_ERROR", errno: -5 });
                }
                Ok(Step { read, written, ended: false })
            }
            Codec::BrotliEncode(encoder) => {
                let operation = match flush {
                    0 => BrotliEncoderOperation::BROTLI_OPERATION_PROCESS,
                    1 => BrotliEncoderOperation::BROTLI_OPERATION_FLUSH,
                    _ => BrotliEncoderOperation::BROTLI_OPERATION_FINISH,
                };
                let (mut available_in, mut input_offset) = (input.len(), 0);
                let (mut available_out, mut output_offset) = (output.len(), 0);
                let mut total = None;
                let ok = encoder.compress_stream(
                    operation,
                    &mut available_in,
                    input,
                    &mut input_offset,
                    &mut available_out,
                    output,
                    &mut output_offset,
                    &mut total,
                    &mut |_, _, _, _| (),
                );
                if !ok {
                    return Err(ZlibError {
                        message: "Compression failed".into(),
                        code: "ERR_BROTLI_COMPRESSION_FAILED",
                        errno: 0,
                    });
                }
                Ok(Step { read: input_offset, written: output_offset, ended: encoder.is_finished() })
            }
            Codec::BrotliDecode(decoder) => {
                if self.ended {
                    return Ok(Step { read: input.len(), written: 0, ended: true });
                }
                let (mut available_in, mut input_offset) = (input.len(), 0);
                let (mut available_out, mut output_offset, mut total) = (output.len(), 0, 0);
                let result = BrotliDecompressStream(
                    &mut available_in,
                    &mut input_offset,
                    input,
                    &mut available_out,
                    &mut output_offset,
                    output,
                    &mut total,
                    decoder,
                );
                match result {
                    // workerd's message, which says compression.
                    BrotliResult::ResultFailure => Err(ZlibError {
                        message: "Compression failed".into(),
                        code: "ERR_BROTLI_DECOMPRESSION_FAILED",
                        errno: 0,
                    }),
                    BrotliResult::ResultSuccess => {
                        self.ended = true;
                        Ok(Step { read: input.len(), written: output_offset, ended: true })
                    }
                    BrotliResult::NeedsMoreInput if flush == 2 && output_offset < output.len() => {
                        Err(ZlibError { message: "unexpected end of file".into(), code: "Z_BUF_ERROR", errno: -5 })
                    }
                    _ => Ok(Step { read: input_offset, written: output_offset, ended: false }),
                }
            }
        }
    }
}

/// A window for inflating: 0 means "as the header says", which the largest window covers.
fn inflate_window(window: u8) -> u8 {
    if window == 0 { 15 } else { window.clamp(8, 15) }
}

fn inflate_error(error: &flate2::DecompressError) -> ZlibError {
    match error.message() {
        Some(message) => ZlibError::data(message),
        None => ZlibError::data("invalid data"),
    }
}

/// CRC-32 (ISO 3309, as zlib's `crc32`) of `data`, continuing from `value`.
pub(crate) fn crc32(value: u32, data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut index = 0;
        while index < 256 {
            let mut crc = index as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = if crc & 1 == 1 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 };
                bit += 1;
            }
            table[index] = crc;
            index += 1;
        }
        table
    };
    let mut crc = !value;
    for &byte in data {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

// ---- The run's table -------------------------------------------------------------------

#[derive(Default)]
struct Streams {
    next: u32,
    live: HashMap<u32, Stream>,
}

fn streams(scope: &mut v8::PinScope<'_, '_>) -> Rc<RefCell<Streams>> {
    if let Some(table) = scope.get_slot::<Rc<RefCell<Streams>>>() {
        return Rc::clone(table);
    }
    let table = Rc::new(RefCell::new(Streams::default()));
    scope.set_slot(Rc::clone(&table));
    table
}

fn error_value<'s>(scope: &mut v8::PinScope<'s, '_>, error: &ZlibError) -> v8::Local<'s, v8::Value> {
    let values = [
        v8::String::new(scope, &error.message).expect("a short string").into(),
        v8::String::new(scope, error.code).expect("a short string").into(),
        v8::Integer::new(scope, error.errno).into(),
    ];
    v8::Array::new_with_elements(scope, &values).into()
}

/// `nodeZlibCreate(kind, level, windowBits, brotliParams)` -> id, or `[message, code, errno]`.
/// `brotliParams` is `[quality, lgwin, mode, sizeHint]` (-1 for not given).
pub(crate) fn zlib_create(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let kind = args.get(0).uint32_value(scope).and_then(Kind::from_number);
    let level = args.get(1).int32_value(scope).unwrap_or(-1);
    let window_bits = args.get(2).uint32_value(scope).unwrap_or(15).min(15) as u8;
    let mut brotli = [u32::MAX; 4];
    if let Ok(array) = v8::Local::<v8::Array>::try_from(args.get(3)) {
        for (index, slot) in brotli.iter_mut().enumerate() {
            let value = array.get_index(scope, index as u32).and_then(|value| value.int32_value(scope)).unwrap_or(-1);
            *slot = u32::try_from(value).unwrap_or(u32::MAX);
        }
    }
    let Some(kind) = kind else { return throw_error(scope, "TypeError", "nodeZlibCreate: unknown mode") };
    match Stream::new(kind, Options { level, window_bits, brotli }) {
        Ok(stream) => {
            let table = streams(scope);
            let mut table = table.borrow_mut();
            table.next = table.next.wrapping_add(1);
            let id = table.next;
            table.live.insert(id, stream);
            return_value.set_uint32(id);
        }
        Err(error) => {
            let value = error_value(scope, &error);
            return_value.set(value);
        }
    }
}

/// `nodeZlibWrite(id, flush, input, offset, output)` -> `[read, written, ended]`, or
/// `[message, code, errno]` for data that is not valid (the codec is closed then).
pub(crate) fn zlib_write(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let flush = args.get(1).uint32_value(scope).unwrap_or(0);
    let offset = args.get(3).integer_value(scope).unwrap_or(0).max(0) as usize;
    let (Ok(input_view), Ok(output_view)) =
        (v8::Local::<v8::Uint8Array>::try_from(args.get(2)), v8::Local::<v8::Uint8Array>::try_from(args.get(4)))
    else {
        return throw_error(scope, "TypeError", "nodeZlibWrite: expected two Uint8Arrays");
    };
    if output_view.byte_length() > 0
        && input_view.byte_length() > 0
        && input_view
            .buffer(scope)
            .is_some_and(|buffer| output_view.buffer(scope).is_some_and(|other| buffer.strict_equals(other.into())))
    {
        return throw_error(scope, "TypeError", "nodeZlibWrite: the output shares the input's buffer");
    }
    // SAFETY: the views are on the stack for this call, no JavaScript runs while the slices
    // exist, and the output does not share the input's buffer (checked above).
    let (Some(data), Some(out)) = (unsafe { input(args.get(2)) }, unsafe { output(args.get(4)) }) else {
        return throw_error(scope, "TypeError", "nodeZlibWrite: expected two Uint8Arrays");
    };
    let data = &data[offset.min(data.len())..];
    let table = streams(scope);
    let outcome = {
        let mut table = table.borrow_mut();
        let Some(stream) = table.live.get_mut(&id) else {
            drop(table);
            return throw_error(scope, "Error", "zlib binding closed");
        };
        let outcome = stream.write(flush, data, out);
        if outcome.is_err() {
            table.live.remove(&id);
        }
        outcome
    };
    match outcome {
        Ok(step) => {
            let values = [
                v8::Number::new(scope, step.read as f64).into(),
                v8::Number::new(scope, step.written as f64).into(),
                v8::Boolean::new(scope, step.ended).into(),
            ];
            return_value.set(v8::Array::new_with_elements(scope, &values).into());
        }
        Err(error) => {
            let value = error_value(scope, &error);
            return_value.set(value);
        }
    }
}

/// `nodeZlibClose(id)`: frees the codec.
pub(crate) fn zlib_close(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    streams(scope).borrow_mut().live.remove(&id);
}

/// `nodeZlibReset(id)`: the codec as it was made.
pub(crate) fn zlib_reset(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, _return: Return<'_>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let table = streams(scope);
    let mut table = table.borrow_mut();
    if let Some(stream) = table.live.get_mut(&id)
        && let Ok(fresh) = Stream::new(stream.made, stream.options)
    {
        *stream = fresh;
    }
}

/// `nodeCrc32(data, value)` -> the CRC-32 of `data` continuing from `value`.
pub(crate) fn crc32_host(scope: &mut v8::PinScope<'_, '_>, args: Arguments<'_>, mut return_value: Return<'_>) {
    let value = args.get(1).uint32_value(scope).unwrap_or(0);
    // SAFETY: the view is on the stack for this call and no JavaScript runs while it exists.
    let Some(data) = (unsafe { input(args.get(0)) }) else {
        return throw_error(scope, "TypeError", "nodeCrc32: expected a view");
    };
    return_value.set_uint32(crc32(value, data));
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: Options = Options { level: -1, window_bits: 15, brotli: [u32::MAX; 4] };

    /// All of `data` through a new codec of `kind`, 64 bytes of output at a time.
    fn all(kind: Kind, data: &[u8]) -> Result<Vec<u8>, ZlibError> {
        let mut stream = Stream::new(kind, OPTIONS)?;
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let mut chunk = [0u8; 64];
            let step = stream.write(
                if matches!(kind, Kind::BrotliEncode | Kind::BrotliDecode) { 2 } else { 4 },
                &data[offset..],
                &mut chunk,
            )?;
            offset += step.read;
            out.extend_from_slice(&chunk[..step.written]);
            if step.ended || (step.written == 0 && step.read == 0 && offset == data.len()) {
                return Ok(out);
            }
        }
    }

    /// Each format decompresses what it compressed, unzip tells gzip from zlib, and gunzip
    /// reads two members.
    #[test]
    fn round_trips() {
        let data = b"hello hello hello hello, zlib".repeat(50);
        for (compress, decompress) in [
            (Kind::Deflate, Kind::Inflate),
            (Kind::Gzip, Kind::Gunzip),
            (Kind::DeflateRaw, Kind::InflateRaw),
            (Kind::Gzip, Kind::Unzip),
            (Kind::Deflate, Kind::Unzip),
            (Kind::BrotliEncode, Kind::BrotliDecode),
        ] {
            let compressed = all(compress, &data).unwrap();
            assert!(compressed.len() < data.len() / 4, "{compress:?}");
            assert_eq!(all(decompress, &compressed).unwrap(), data, "{compress:?} -> {decompress:?}");
        }
        let mut two = all(Kind::Gzip, b"one ").unwrap();
        two.extend(all(Kind::Gzip, b"two").unwrap());
        assert_eq!(all(Kind::Gunzip, &two).unwrap(), b"one two");
        two.extend_from_slice(b"junk");
        assert_eq!(all(Kind::Gunzip, &two).unwrap_err().message, "incorrect header check");
        let mut zlib = all(Kind::Deflate, b"data").unwrap();
        zlib.extend_from_slice(b"junk");
        assert_eq!(all(Kind::Inflate, &zlib).unwrap(), b"data");
    }

    /// zlib's messages and codes, as Node reports them.
    #[test]
    fn errors_are_zlibs() {
        let error = all(Kind::Inflate, b"hello").unwrap_err();
        assert_eq!((error.message.as_str(), error.code), ("incorrect header check", "Z_DATA_ERROR"));
        let compressed = all(Kind::Deflate, b"some data to cut short").unwrap();
        let error = all(Kind::Inflate, &compressed[..compressed.len() - 3]).unwrap_err();
        assert_eq!((error.message.as_str(), error.code), ("unexpected end of file", "Z_BUF_ERROR"));
        let error = all(Kind::BrotliDecode, b"\xff\xff\xff\xff").unwrap_err();
        assert_eq!(error.code, "ERR_BROTLI_DECOMPRESSION_FAILED");
    }

    /// zlib's check values: "123456789" and continuing.
    #[test]
    fn crc32_knows_its_answers() {
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(crc32(0, b"12345"), b"6789"), 0xcbf4_3926);
        assert_eq!(crc32(0, b""), 0);
    }
}
