//! Reading V8 strings out of the isolate without flattening them.
//!
//! A string built by concatenation (`s += s` a few dozen times) is a rope: a few hundred
//! bytes of heap for hundreds of millions of characters. `to_rust_string_lossy`, `Utf8Length`
//! and every JavaScript method that reads characters first flatten it, which makes V8
//! allocate the whole string at once, past the heap limit (a 384M-character rope cost 800 MB
//! of the process). `String::Write` reads a range of a rope where it lies, so the host reads
//! what leaves the isolate (console messages, the result, error messages) in chunks of that,
//! and only as much as it keeps.

/// The most UTF-16 code units of one console message that reach the
/// [`Console`](crate::Console), and of a thrown value's message; a longer message is cut there
/// and ends with `... N more characters`. The rest never leaves the isolate (nor is a string
/// made by concatenation flattened to read it).
pub const MAX_MESSAGE_CHARACTERS: usize = 1 << 20;

/// UTF-16 code units read from V8 per call.
const CHUNK: usize = 16 * 1024;

/// Calls `sink` with the code units `0..end` of `string`, in order, in chunks of at most
/// [`CHUNK`] units, without flattening it. `sink` returns `false` to stop early.
pub(crate) fn for_each_chunk(
    isolate: &v8::Isolate,
    string: &v8::String,
    end: usize,
    mut sink: impl FnMut(&[u16]) -> bool,
) {
    let end = end.min(string.length());
    let mut buffer = vec![0u16; CHUNK.min(end)];
    let mut offset = 0;
    while offset < end {
        let length = CHUNK.min(end - offset);
        let chunk = &mut buffer[..length];
        // `write_v2` reads `min(length of the string, length of the buffer)` units from
        // `offset`: the buffer is never longer than what is left.
        string.write_v2(isolate, offset as u32, chunk, v8::WriteFlags::empty());
        if !sink(chunk) {
            return;
        }
        offset += length;
    }
}

/// UTF-16 to UTF-8 across chunks: a surrogate pair split between two chunks is joined, and a
/// lone surrogate becomes U+FFFD, as `to_rust_string_lossy` does.
#[derive(Default)]
pub(crate) struct Utf16Decoder {
    high: Option<u16>,
}

impl Utf16Decoder {
    pub(crate) fn push(&mut self, units: &[u16], out: &mut String) {
        for &unit in units {
            if let Some(high) = self.high.take() {
                if (0xdc00..0xe000).contains(&unit) {
                    let code = 0x10000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(unit) - 0xdc00);
                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    continue;
                }
                out.push('\u{fffd}');
            }
            match unit {
                0xd800..0xdc00 => self.high = Some(unit),
                0xdc00..0xe000 => out.push('\u{fffd}'),
                _ => out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')),
            }
        }
    }

    pub(crate) fn finish(&mut self, out: &mut String) {
        if self.high.take().is_some() {
            out.push('\u{fffd}');
        }
    }
}

/// How many code units of `string` to keep so that at most `limit` are kept and a surrogate
/// pair is not cut in two.
pub(crate) fn head_length(isolate: &v8::Isolate, string: &v8::String, limit: usize) -> usize {
    let length = string.length();
    if length <= limit || limit == 0 {
        return length.min(limit);
    }
    let mut last = [0u16; 1];
    string.write_v2(isolate, (limit - 1) as u32, &mut last, v8::WriteFlags::empty());
    if (0xd800..0xdc00).contains(&last[0]) { limit - 1 } else { limit }
}

/// The first `limit` code units of `string` (fewer if that would cut a surrogate pair), as
/// UTF-8, and how many units were left out.
pub(crate) fn head_lossy(isolate: &v8::Isolate, string: &v8::String, limit: usize) -> (String, usize) {
    let length = string.length();
    let end = head_length(isolate, string, limit);
    let mut out = String::with_capacity(end);
    let mut decoder = Utf16Decoder::default();
    for_each_chunk(isolate, string, end, |chunk| {
        decoder.push(chunk, &mut out);
        true
    });
    decoder.finish(&mut out);
    (out, length - end)
}

#[cfg(test)]
mod tests {
    use super::Utf16Decoder;

    /// A pair split across chunks is joined; lone surrogates become U+FFFD.
    #[test]
    fn decodes_across_chunks() {
        let units: Vec<u16> = "a\u{1f600}b".encode_utf16().collect();
        let mut out = String::new();
        let mut decoder = Utf16Decoder::default();
        decoder.push(&units[..2], &mut out);
        decoder.push(&units[2..], &mut out);
        decoder.finish(&mut out);
        assert_eq!(out, "a\u{1f600}b");

        let mut out = String::new();
        let mut decoder = Utf16Decoder::default();
        decoder.push(&[0xd800, 0x61, 0xdc00], &mut out);
        decoder.push(&[0xd83d], &mut out);
        decoder.finish(&mut out);
        assert_eq!(out, "\u{fffd}a\u{fffd}\u{fffd}");
    }
}
