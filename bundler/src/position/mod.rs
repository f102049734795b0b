//! Byte offsets to 1-based line and column numbers.
//!
//! Columns count UTF-16 code units, the unit V8 reports in stack frames and the one source maps
//! use (ECMA-426), so a position from the bundler and a position from V8 mean the same thing.
//! Lines end at `\n`; a `\r` before it counts as the line's last column.

use std::cell::Cell;
use std::fmt;

pub(crate) mod source_map;

/// A position in a source the user gave, as the CLI prints it: `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The display path the caller gave: a cwd-relative path, or `<stdin>`.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units like V8's stack frames and source maps.
    pub column: u32,
    /// Width of the span to underline, in UTF-16 code units, at least 1; never past the line.
    pub length: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// The start of every line of a text, to turn byte offsets into lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first byte of each line; the first entry is 0.
    line_starts: Vec<u32>,
    /// For each line, the offset of its first byte outside ASCII (`u32::MAX` if none): before
    /// it a column is a count of bytes. Source maps ask for the column of every token, and a
    /// minified package is one long line. Empty when the whole text is ASCII.
    first_non_ascii: Vec<u32>,
    /// The line of the last lookup: the next one is usually on it or the line after.
    last_line: Cell<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|index| offset_u32(index + 1)));
        let first_non_ascii = if text.is_ascii() {
            Vec::new()
        } else {
            // Characters outside ASCII are rare: find them eight bytes at a time.
            let mut first = vec![u32::MAX; line_starts.len()];
            let bytes = text.as_bytes();
            let mut line = 0;
            let mut index = 0;
            while index < bytes.len() {
                if let Some(word) = bytes.get(index..index + 8)
                    && u64::from_ne_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8;
                    continue;
                }
                if !bytes[index].is_ascii() {
                    while line + 1 < line_starts.len() && line_starts[line + 1] as usize <= index {
                        line += 1;
                    }
                    first[line] = first[line].min(offset_u32(index));
                }
                index += 1;
            }
            first
        };
        Self { text, line_starts, first_non_ascii, last_line: Cell::new(0) }
    }

    /// The 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        let starts_line = |line: usize| {
            self.line_starts[line] as usize <= offset
                && self.line_starts.get(line + 1).is_none_or(|&next| offset < next as usize)
        };
        let last = self.last_line.get();
        let line = if starts_line(last) {
            last
        } else if last + 1 < self.line_starts.len() && starts_line(last + 1) {
            last + 1
        } else {
            self.line_starts.partition_point(|&start| start as usize <= offset).saturating_sub(1)
        };
        self.last_line.set(line);
        line
    }

    /// 0-based line and UTF-16 column of a byte offset (clamped to the text).
    pub(crate) fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.line_of(offset);
        let line_start = self.line_starts[line] as usize;
        let ascii_end = self.first_non_ascii.get(line).map_or(offset, |&first| first as usize);
        let column = if offset <= ascii_end {
            offset_u32(offset - line_start)
        } else {
            offset_u32(ascii_end - line_start) + utf16_len(&self.text[ascii_end..offset])
        };
        (offset_u32(line), column)
    }

    /// A [`Location`] for the bytes `start..end`, its length cut at the end of the first line.
    pub(crate) fn location(&self, file: &str, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(self.text, start);
        let end = floor_char_boundary(self.text, end.max(start));
        let (line, column) = self.line_column(start);
        let line_end = self.text[start..].find(['\n', '\r']).map_or(self.text.len(), |index| start + index);
        let length = utf16_len(&self.text[start..end.min(line_end)]).max(1);
        Location { file: file.to_owned(), line: line + 1, column: column + 1, length }
    }

    /// Byte offset of a 1-based line and a 1-based column counted in bytes, as serde_json
    /// reports them; clamped to the text.
    pub(crate) fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let offset = (line_start as usize + column.saturating_sub(1)).min(self.text.len());
        floor_char_boundary(self.text, offset)
    }
}

/// Length of a string in UTF-16 code units, without walking ASCII text char by char.
pub(crate) fn utf16_len(text: &str) -> u32 {
    if text.is_ascii() { offset_u32(text.len()) } else { offset_u32(text.chars().map(char::len_utf16).sum()) }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Sources are far below 4 GiB (swc's own positions are `u32` too).
fn offset_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of a text's first lines, through the end of one, places the bytes of those
    /// lines as the index of the whole text does (imports.rs indexes no further than it needs).
    #[test]
    fn the_first_lines_are_placed_as_in_the_whole_text() {
        let text = "import a from 'a';\r\nconst é = `😀`; import('b')\n\n  x\r\nlast line";
        let whole = LineIndex::new(text);
        for (index, _) in text.char_indices() {
            let end = text[index..].find('\n').map_or(text.len(), |newline| index + newline + 1);
            let first_lines = LineIndex::new(&text[..end]);
            for length in [0, 1, 3, 40] {
                assert_eq!(
                    first_lines.location("f", index, index + length),
                    whole.location("f", index, index + length)
                );
            }
        }
    }

    /// Offsets on later lines count from the start of their own line.
    #[test]
    fn line_column_counts_from_line_start() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line_column(0), (0, 0));
        assert_eq!(index.line_column(1), (0, 1));
        assert_eq!(index.line_column(3), (1, 0));
        assert_eq!(index.line_column(6), (2, 0));
        assert_eq!(index.line_column(8), (3, 1));
        assert_eq!(index.line_column(100), (3, 2));
    }

    /// Columns count UTF-16 code units: `é` is one unit, `😀` two, as in V8.
    #[test]
    fn columns_are_utf16_code_units() {
        let text = "é😀x";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x is in the text");
        assert_eq!(index.line_column(x), (0, 3));
        assert_eq!(utf16_len(text), 4);
    }

    /// In a text that is not all ASCII, columns count bytes up to a line's first character
    /// outside ASCII and UTF-16 units after it, line by line.
    #[test]
    fn columns_before_and_after_non_ascii_characters() {
        let text = "ab\nc\u{e9}\u{1f600}d\nxy";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(1), (0, 1));
        assert_eq!(index.line_column(3), (1, 0));
        assert_eq!(index.line_column(4), (1, 1)); // é starts here
        assert_eq!(index.line_column(6), (1, 2)); // 😀 starts here
        assert_eq!(index.line_column(10), (1, 4)); // d
        assert_eq!(index.line_column(13), (2, 1)); // y
    }

    /// A location never has length 0 and stops at the end of its line.
    #[test]
    fn location_length_is_at_least_one_and_single_line() {
        let index = LineIndex::new("let x\r\ny");
        let location = index.location("a.ts", 4, 4);
        assert_eq!((location.line, location.column, location.length), (1, 5, 1));
        let location = index.location("a.ts", 4, 8);
        assert_eq!(location.length, 1);
    }

    /// serde_json's byte columns turn into the offset of the same byte.
    #[test]
    fn byte_column_to_offset() {
        let index = LineIndex::new("{\n  \"a\": x\n}");
        assert_eq!(index.offset_of_byte_column(2, 8), 9);
        assert_eq!(index.offset_of_byte_column(9, 1), 12);
    }
}
