//! Content decoding of fetch response bodies, in the host, so that what the sandbox reads is
//! plain bytes the scrubber has seen (a credential cannot come back compressed).
//!
//! As workerd, `fetch` decodes `Content-Encoding: gzip` and `br` and leaves the header as it is;
//! any other coding reaches the code as it came (the network refuses it when the request
//! carried a credential). Decoding is pulled: each call writes at most one output buffer, so a
//! decompression bomb is cut into pieces the response size limit and the memory budget see one
//! by one. The decoders' own memory counts against the run's ArrayBuffer budget: zlib's state
//! as a fixed charge, brotli's (its window is up to 16 MiB) allocation by allocation.

use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use brotli_decompressor::{
    Allocator, BrotliDecompressStream, BrotliResult, BrotliState, HuffmanCode, SliceWrapper, SliceWrapperMut,
};
use flate2::{Decompress, FlushDecompress, Status};

use crate::runtime::limits::ArrayBufferBudget;

/// The content codings `fetch` decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    Gzip,
    Brotli,
}

/// Why decoding stopped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The data is not valid in its coding, or ends before the coding does.
    Invalid(String),
    /// The decoder's memory does not fit the run's budget.
    Memory,
}

/// What one call to [`Decoder::decode`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    /// Input bytes used.
    pub(crate) read: usize,
    /// Output bytes written.
    pub(crate) written: usize,
}

/// zlib's inflate state and 32 KiB window, roughly, charged while a gzip decoder lives.
const GZIP_COST: usize = 48 * 1024;

/// A response body's decoder.
pub(crate) struct Decoder {
    codec: Codec,
    /// The coded data has ended (a gzip member, or the brotli stream).
    ended: bool,
    /// gzip: the member being decoded is not the first.
    later_member: bool,
    /// gzip: what follows the last member is not gzip, and is dropped.
    ignoring: bool,
    budget: Arc<ArrayBufferBudget>,
    /// Bytes reserved in the budget outside the brotli allocator.
    charged: usize,
}

enum Codec {
    Gzip(Box<Decompress>),
    Brotli(Box<BrotliState<Charged<u8>, Charged<u32>, Charged<HuffmanCode>>>, Arc<AtomicBool>),
}

impl Decoder {
    pub(crate) fn new(coding: Coding, budget: &Arc<ArrayBufferBudget>) -> Result<Decoder, DecodeError> {
        let (codec, charged) = match coding {
            Coding::Gzip => {
                if !budget.reserve(GZIP_COST) {
                    return Err(DecodeError::Memory);
                }
                (Codec::Gzip(Box::new(Decompress::new_gzip(15))), GZIP_COST)
            }
            Coding::Brotli => {
                let over = Arc::new(AtomicBool::new(false));
                // RFC 7932 windows only (at most 16 MiB): not the large-window extension.
                let state = BrotliState::new_strict(
                    Charged::new(budget, &over),
                    Charged::new(budget, &over),
                    Charged::new(budget, &over),
                );
                (Codec::Brotli(Box::new(state), over), 0)
            }
        };
        Ok(Decoder { codec, ended: false, later_member: false, ignoring: false, budget: Arc::clone(budget), charged })
    }

    /// Whether the coded data has ended (at the end of the input: a later gzip member that
    /// has not produced anything by then is trailing bytes, dropped).
    pub(crate) fn ended(&self) -> bool {
        let empty_later_member =
            matches!(&self.codec, Codec::Gzip(inflate) if self.later_member && inflate.total_out() == 0);
        self.ended || self.ignoring || empty_later_member
    }

    /// Decodes from `input` into `output` until the output is full, the input is used up or
    /// the coded data ends. After the end, gzip goes on with a further member (as `gunzip`
    /// does) and ignores anything else; brotli refuses anything more.
    pub(crate) fn decode(&mut self, input: &[u8], output: &mut [u8]) -> Result<Step, DecodeError> {
        match &mut self.codec {
            Codec::Gzip(inflate) => {
                if self.ignoring {
                    return Ok(Step { read: input.len(), written: 0 });
                }
                if self.ended {
                    if input.is_empty() {
                        return Ok(Step { read: 0, written: 0 });
                    }
                    **inflate = Decompress::new_gzip(15);
                    self.ended = false;
                    self.later_member = true;
                }
                let (before_in, before_out) = (inflate.total_in(), inflate.total_out());
                let status = match inflate.decompress(input, output, FlushDecompress::None) {
                    Ok(status) => status,
                    // What follows the last member and is not a member is dropped, as browsers
                    // drop it; never handed on undecoded.
                    Err(_) if self.later_member && inflate.total_out() == 0 => {
                        self.ignoring = true;
                        return Ok(Step { read: input.len(), written: 0 });
                    }
                    Err(error) => return Err(DecodeError::Invalid(format!("invalid gzip data: {error}"))),
                };
                let read = (inflate.total_in() - before_in) as usize;
                let written = (inflate.total_out() - before_out) as usize;
                if status == Status::StreamEnd {
                    self.ended = true;
                }
                Ok(Step { read, written })
            }
            Codec::Brotli(state, over) => {
                if self.ended {
                    return if input.is_empty() {
                        Ok(Step { read: 0, written: 0 })
                    } else {
                        Err(DecodeError::Invalid("data after the end of the brotli stream".into()))
                    };
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
                    state,
                );
                if over.load(Ordering::Relaxed) {
                    return Err(DecodeError::Memory);
                }
                match result {
                    BrotliResult::ResultFailure => Err(DecodeError::Invalid("invalid brotli data".into())),
                    BrotliResult::ResultSuccess => {
                        self.ended = true;
                        if input_offset < input.len() {
                            return Err(DecodeError::Invalid("data after the end of the brotli stream".into()));
                        }
                        Ok(Step { read: input_offset, written: output_offset })
                    }
                    BrotliResult::NeedsMoreInput | BrotliResult::NeedsMoreOutput => {
                        Ok(Step { read: input_offset, written: output_offset })
                    }
                }
            }
        }
    }
}

impl Drop for Decoder {
    fn drop(&mut self) {
        if self.charged > 0 {
            self.budget.release(self.charged);
        }
    }
}

/// Memory for the brotli decoder, charged to the run's budget cell by cell; a cell that does
/// not fit comes back empty, which the decoder reports as an allocation failure.
struct Charged<T> {
    budget: Arc<ArrayBufferBudget>,
    over: Arc<AtomicBool>,
    cell: PhantomData<T>,
}

impl<T> Charged<T> {
    fn new(budget: &Arc<ArrayBufferBudget>, over: &Arc<AtomicBool>) -> Charged<T> {
        Charged { budget: Arc::clone(budget), over: Arc::clone(over), cell: PhantomData }
    }
}

/// One allocation of the brotli decoder.
struct Cells<T>(Box<[T]>);

impl<T> Default for Cells<T> {
    fn default() -> Self {
        Cells(Box::new([]))
    }
}

impl<T> SliceWrapper<T> for Cells<T> {
    fn slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> SliceWrapperMut<T> for Cells<T> {
    fn slice_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: Clone + Default> Allocator<T> for Charged<T> {
    type AllocatedMemory = Cells<T>;

    fn alloc_cell(&mut self, length: usize) -> Cells<T> {
        let bytes = length.saturating_mul(size_of::<T>());
        if length == 0 {
            return Cells::default();
        }
        if !self.budget.reserve(bytes) {
            self.over.store(true, Ordering::Relaxed);
            return Cells::default();
        }
        Cells(vec![T::default(); length].into_boxed_slice())
    }

    fn free_cell(&mut self, cells: Cells<T>) {
        let bytes = cells.0.len() * size_of::<T>();
        if bytes > 0 {
            self.budget.release(bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::runtime::limits::Control;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// A brotli stream of uncompressed metablocks, with a window of `2^window_bits` bytes.
    pub(crate) fn brotli_stored(bytes: &[u8], window_bits: u32) -> Vec<u8> {
        let mut writer = Bits::default();
        match window_bits {
            16 => writer.put(0, 1),
            17 => writer.put(0b000_0001, 7),
            18..=24 => writer.put(((window_bits - 17) << 1) | 1, 4),
            _ => panic!("window bits"),
        }
        for block in bytes.chunks(1 << 20) {
            writer.put(0, 1); // ISLAST
            let length = block.len() as u32 - 1;
            let nibbles = if length < 1 << 16 {
                4
            } else if length < 1 << 20 {
                5
            } else {
                6
            };
            writer.put(nibbles - 4, 2);
            writer.put(length, 4 * nibbles);
            writer.put(1, 1); // ISUNCOMPRESSED
            writer.align();
            writer.bytes.extend_from_slice(block);
        }
        writer.put(0b11, 2); // ISLAST, ISLASTEMPTY
        writer.align();
        writer.bytes
    }

    #[derive(Default)]
    struct Bits {
        bytes: Vec<u8>,
        used: u32,
    }

    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            for bit in 0..count {
                if self.used == 0 {
                    self.bytes.push(0);
                }
                *self.bytes.last_mut().unwrap() |= (((value >> bit) & 1) as u8) << self.used;
                self.used = (self.used + 1) % 8;
            }
        }

        fn align(&mut self) {
            self.used = 0;
        }
    }

    fn budget(limit: usize) -> Arc<ArrayBufferBudget> {
        ArrayBufferBudget::new(limit, Control::new())
    }

    /// Decodes `input` fed in pieces of `piece` bytes into outputs of `room` bytes.
    fn decode_all(
        coding: Coding,
        input: &[u8],
        piece: usize,
        room: usize,
        budget: &Arc<ArrayBufferBudget>,
    ) -> Result<Vec<u8>, DecodeError> {
        let mut decoder = Decoder::new(coding, budget)?;
        let mut out = Vec::new();
        let mut buffer = vec![0; room];
        for chunk in input.chunks(piece) {
            let mut chunk = chunk;
            loop {
                let step = decoder.decode(chunk, &mut buffer)?;
                out.extend_from_slice(&buffer[..step.written]);
                chunk = &chunk[step.read..];
                assert!(step.read > 0 || step.written > 0 || chunk.is_empty(), "no progress");
                if chunk.is_empty() && step.written < room {
                    break;
                }
            }
        }
        loop {
            let step = decoder.decode(&[], &mut buffer)?;
            out.extend_from_slice(&buffer[..step.written]);
            if step.written == 0 {
                break;
            }
        }
        if !decoder.ended() {
            return Err(DecodeError::Invalid("truncated".into()));
        }
        Ok(out)
    }

    /// gzip (also several members) and brotli decode whatever the input and output pieces.
    #[test]
    fn decodes_in_any_pieces() {
        let text: Vec<u8> = (0..20_000u32).flat_map(|index| index.to_string().into_bytes()).collect();
        let mut members = gzip(&text[..1000]);
        members.extend(gzip(&text[1000..]));
        let budget = budget(64 << 20);
        for (piece, room) in [(1, 7), (13, 1), (4096, 65536), (usize::MAX, 100)] {
            for (coding, input) in [
                (Coding::Gzip, gzip(&text)),
                (Coding::Gzip, members.clone()),
                (Coding::Brotli, brotli_stored(&text, 16)),
            ] {
                let decoded = decode_all(coding, &input, piece, room, &budget).unwrap();
                assert!(
                    decoded == text,
                    "{coding:?} in pieces of {piece} into {room}: {} bytes of {}",
                    decoded.len(),
                    text.len()
                );
            }
        }
    }

    /// Corrupt or truncated data is an error, never passed on; what follows the end of a gzip
    /// stream that is not another member is dropped; data after a brotli stream is an error.
    #[test]
    fn refuses_bad_data() {
        let budget = budget(64 << 20);
        let good = gzip(b"hello, world");
        let mut corrupt = good.clone();
        corrupt[12] ^= 0xff;
        assert!(matches!(decode_all(Coding::Gzip, &corrupt, 4, 64, &budget), Err(DecodeError::Invalid(_))));
        assert!(decode_all(Coding::Gzip, &good[..good.len() - 4], 4, 64, &budget).is_err());
        for extra in [&b"trailing bytes"[..], &[0; 16], &[0x1f]] {
            let mut trailing = good.clone();
            trailing.extend_from_slice(extra);
            for piece in [1, 5, 100] {
                assert_eq!(decode_all(Coding::Gzip, &trailing, piece, 64, &budget).unwrap(), b"hello, world");
            }
        }
        let mut brotli = brotli_stored(b"hello, world", 16);
        assert!(decode_all(Coding::Brotli, &brotli[..brotli.len() - 1], 4, 64, &budget).is_err());
        brotli.push(0);
        assert!(decode_all(Coding::Brotli, &brotli, 4, 64, &budget).is_err());
        assert!(decode_all(Coding::Brotli, b"not brotli at all", 4, 64, &budget).is_err());
    }

    /// The decoders' memory is charged to the budget while they live and given back after; a
    /// brotli window that does not fit is a memory error.
    #[test]
    fn memory_is_charged() {
        let budget = budget(4 << 20);
        let decoder = Decoder::new(Coding::Gzip, &budget).unwrap();
        assert!(!budget.fits(4 << 20));
        drop(decoder);
        // `fits` counts one buffer's bookkeeping besides its bytes.
        let everything = (4 << 20) - crate::runtime::limits::PER_BUFFER_OVERHEAD;
        assert!(budget.fits(everything));
        let big = vec![7u8; 6 << 20];
        let stream = brotli_stored(&big, 24);
        assert_eq!(decode_all(Coding::Brotli, &stream, 65536, 65536, &budget), Err(DecodeError::Memory));
        assert!(budget.fits(everything), "everything given back");
        let roomy = self::budget(32 << 20);
        assert_eq!(decode_all(Coding::Brotli, &stream, 65536, 65536, &roomy).unwrap().len(), big.len());
        assert!(roomy.peak() >= 4 << 20, "the window was charged: {}", roomy.peak());
    }
}
