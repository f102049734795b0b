//! TypeScript to JavaScript by blanking its types out of the text, when that is all it needs.
//!
//! Most TypeScript is JavaScript with types written in: take the types out and what is left
//! runs. Transform mode writes such a file as it was written with every type, modifier and
//! type-only import replaced by spaces (line breaks kept), as Node's type stripping does,
//! instead of stripping a syntax tree and writing it anew: no resolver, no transform, no code
//! generator, and every position still the source's. A little TypeScript makes code of its
//! own, and is written in place: an `enum` whose members are literals (as swc's transform
//! writes it, its members' reads inlined), and parameter properties (a field and an
//! assignment in the constructor).
//!
//! The output must mean what [`strip_types`](super::strip_types::strip_types) makes of the
//! same file, so anything this does not handle exactly gives `None`, and the caller strips the
//! syntax tree instead: namespaces, `const enum`, an enum whose members are not literals or
//! that is not at the top level, `import x = require()`, `export =`, auto-accessors, an
//! imported name bound again anywhere in the file (an import is kept only if its name is used
//! as a value, which is then known without scopes), `export { x }` or `export default x` of an
//! imported name (a type or a value: only the other file knows), and a type whose removal
//! would let a line run on into the next (`a as T` then a line starting with `(`).

mod classes;
mod enums;
mod items;
mod names;
mod walk;

use std::ops::Range;

use rustc_hash::FxHashMap;
use swc_core::common::{BytePos, Span};
use swc_core::ecma::ast::{Module, TsTypeAnn};
use swc_core::ecma::atoms::Atom;

use crate::position::source_map::{Edit, SourceMap};
use crate::position::{LineIndex, utf16_len};
use crate::source::compilation::Compilation;

use names::Names;

/// A TypeScript file written as JavaScript by [`blank_types`].
#[derive(Debug)]
pub(crate) struct Blanked {
    pub(crate) code: String,
    /// The source's byte ranges that were blanked or replaced, in order.
    changed: Vec<Range<usize>>,
    /// Where the code's length in bytes moved from the source's: (source offset, bytes added
    /// up to there), in order. A character blanked out becomes as many spaces as it has UTF-16
    /// code units.
    shifts: Vec<(usize, isize)>,
    /// The source's ranges that were replaced by code of its own, and that code, in order:
    /// each has as many lines as what it replaced.
    writes: Vec<(Range<usize>, String)>,
}

impl Blanked {
    /// Whether the source byte at `offset` was blanked or replaced.
    pub(crate) fn changed(&self, offset: usize) -> bool {
        let after = self.changed.partition_point(|range| range.start <= offset);
        after > 0 && self.changed[after - 1].contains(&offset)
    }

    /// The offset in the code of a source offset that was not changed.
    pub(crate) fn place(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(at, _)| at <= offset);
        let moved = before.checked_sub(1).map_or(0, |last| self.shifts[last].1);
        offset.checked_add_signed(moved).expect("a shift never moves code before the start")
    }

    /// The map of the code back to `text`, the source (`file` its display path): the lines of
    /// code written in place of the source's are replacements on those lines.
    pub(crate) fn source_map(&self, file: &str, text: &str) -> SourceMap {
        let lines = LineIndex::new(text);
        let mut edits = Vec::new();
        for (range, written) in &self.writes {
            let (line, column) = lines.line_column(range.start);
            let old = text[range.clone()].split('\n');
            for (index, (old, new)) in old.zip(written.split('\n')).enumerate() {
                edits.push(Edit {
                    line: line + index as u32,
                    column: if index == 0 { column } else { 0 },
                    old_length: utf16_len(old),
                    new_length: utf16_len(new),
                });
            }
        }
        SourceMap::verbatim(file, text, &edits)
    }
}

/// The code of a TypeScript module with its types blanked out (see the module's text), or
/// `None` if it needs swc's transform. `module` is `compilation`'s syntax tree, as parsed;
/// `define_class_fields` is `useDefineForClassFields`.
pub(crate) fn blank_types(
    compilation: &Compilation<'_>,
    module: &Module,
    define_class_fields: bool,
) -> Option<Blanked> {
    if !define_class_fields {
        return None;
    }
    let names = Names::of(module);
    let mut blanker = Blanker {
        compilation,
        text: compilation.text,
        edits: Vec::new(),
        failed: false,
        top_level: false,
        enums: FxHashMap::default(),
        left_hand: false,
    };
    blanker.imports(module, &names)?;
    blanker.enums(module, &names)?;
    for item in &module.body {
        blanker.module_item(item, &names);
        if blanker.failed {
            return None;
        }
    }
    blanker.finish()
}

/// The characters that end a line, to JavaScript.
const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// One change to the source text.
#[derive(Debug)]
struct Change {
    range: Range<usize>,
    /// `None`: blank the range out. `Some`: write this instead.
    text: Option<String>,
    /// A blanked statement: `;` in its first byte, so that the statements around it stay
    /// apart as they were.
    semicolon: bool,
}

/// The value of an enum member, written as code.
type Members = FxHashMap<Atom, String>;

struct Blanker<'a> {
    compilation: &'a Compilation<'a>,
    text: &'a str,
    edits: Vec<Change>,
    failed: bool,
    /// Whether the statement visited is one of the module's.
    top_level: bool,
    /// The module's enums, and their members' values.
    enums: FxHashMap<Atom, Members>,
    /// Whether the expression visited is written to (`x.y++`): not inlined.
    left_hand: bool,
}

impl Blanker<'_> {
    fn offset(&mut self, position: BytePos) -> usize {
        match self.compilation.offset(position) {
            Some(offset) => offset,
            None => {
                self.failed = true;
                0
            }
        }
    }

    fn range(&mut self, span: Span) -> Range<usize> {
        let start = self.offset(span.lo);
        let end = self.offset(span.hi);
        start..end.max(start)
    }

    fn blank(&mut self, range: Range<usize>) {
        if !range.is_empty() {
            self.edits.push(Change { range, text: None, semicolon: false });
        }
    }

    fn blank_span(&mut self, span: Span) {
        let range = self.range(span);
        self.blank(range);
    }

    /// Blanks a statement or class member out, leaving a `;` in its place.
    fn blank_statement(&mut self, span: Span) {
        let range = self.range(span);
        if !range.is_empty() {
            self.edits.push(Change { range, text: None, semicolon: true });
        }
    }

    fn write(&mut self, range: Range<usize>, text: String) {
        self.edits.push(Change { range, text: Some(text), semicolon: false });
    }

    /// The offset after the whitespace at `offset`, and whether it held a line break.
    fn skip_space(&self, mut offset: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut line_break = false;
        while let Some(&byte) = bytes.get(offset) {
            match byte {
                b' ' | b'\t' => offset += 1,
                b'\n' | b'\r' => {
                    line_break = true;
                    offset += 1;
                }
                _ => break,
            }
        }
        (offset, line_break)
    }

    /// The offset before the whitespace that ends at `offset`, and whether it held a line
    /// break.
    fn skip_space_back(&self, mut offset: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut line_break = false;
        while offset > 0 {
            match bytes[offset - 1] {
                b' ' | b'\t' => offset -= 1,
                b'\n' | b'\r' => {
                    line_break = true;
                    offset -= 1;
                }
                _ => break,
            }
        }
        (offset, line_break)
    }

    /// The one-byte token `token` after the whitespace at `offset`: its range.
    fn token_at(&self, offset: usize, token: u8) -> Option<Range<usize>> {
        let (start, _) = self.skip_space(offset);
        (self.text.as_bytes().get(start) == Some(&token)).then_some(start..start + 1)
    }

    /// Blanks a comma after `end` (and the space before it), if there is one.
    fn blank_comma_after(&mut self, end: usize) {
        if let Some(comma) = self.token_at(end, b',') {
            self.blank(end..comma.end);
        }
    }

    /// Blanks the words between `start` and `end` that are TypeScript's modifiers, keeping
    /// JavaScript's (`static`, `async`, `get`, `set`, `*`); fails on anything else there.
    /// `member`: they start a class member.
    fn blank_modifiers(&mut self, start: usize, end: usize, member: bool) {
        let mut offset = start;
        while offset < end {
            let (next, _) = self.skip_space(offset);
            if next >= end {
                break;
            }
            let bytes = self.text.as_bytes();
            let word_end = (next..end).find(|&at| !bytes[at].is_ascii_alphabetic()).unwrap_or(end);
            match &self.text[next..word_end] {
                "public" | "private" | "protected" | "readonly" | "override" | "abstract" | "declare" => {
                    if member && next == start {
                        // The member's first word: a `;` keeps it apart from a field before
                        // it that has no `;` (`x = a` then `readonly [k] = b`).
                        self.edits.push(Change { range: next..word_end, text: None, semicolon: true });
                    } else {
                        self.blank(next..word_end);
                    }
                }
                "static" | "async" | "get" | "set" => {}
                "" if bytes[next] == b'*' => {
                    offset = next + 1;
                    continue;
                }
                _ => {
                    self.failed = true;
                    return;
                }
            }
            offset = word_end;
        }
    }

    /// Blanks a `?` or `!` after `end` (an optional or definite name).
    fn blank_mark_after(&mut self, end: usize) {
        let (start, _) = self.skip_space(end);
        if matches!(self.text.as_bytes().get(start), Some(b'?' | b'!')) {
            self.blank(start..start + 1);
        }
    }

    /// Blanks a type annotation, its colon too.
    fn blank_annotation(&mut self, annotation: &TsTypeAnn) {
        self.blank_annotation_as(annotation, false);
    }

    /// Blanks a type annotation, its colon too, leaving a `;` for the colon with `semicolon`.
    fn blank_annotation_as(&mut self, annotation: &TsTypeAnn, semicolon: bool) {
        let mut range = self.range(annotation.span);
        if self.text.as_bytes().get(range.start) != Some(&b':') {
            let (before, _) = self.skip_space_back(range.start);
            if before == 0 || self.text.as_bytes()[before - 1] != b':' {
                self.failed = true;
                return;
            }
            range.start = before - 1;
        }
        self.edits.push(Change { range, text: None, semicolon });
    }

    /// Fails if the code after `end` would join the line before once a type before it is
    /// gone: `a as T` and then a line that starts with `(`, `[` or a template.
    fn check_run_on(&mut self, end: usize) {
        let (next, line_break) = self.skip_space_and_comments(end);
        let hazard = matches!(self.text.as_bytes().get(next), Some(b'(' | b'[' | b'`' | b'<' | b'/' | b'+' | b'-'));
        if line_break && hazard {
            self.failed = true;
        }
    }

    /// The offset after the whitespace and comments at `offset`, and whether they held a
    /// line break (a `//` comment ends with one).
    fn skip_space_and_comments(&self, mut offset: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut line_break = false;
        loop {
            let (next, broke) = self.skip_space(offset);
            line_break |= broke;
            offset = next;
            match (bytes.get(offset), bytes.get(offset + 1)) {
                (Some(b'/'), Some(b'/')) => {
                    offset = memchr::memchr2(b'\n', b'\r', &bytes[offset..]).map_or(bytes.len(), |at| offset + at);
                }
                (Some(b'/'), Some(b'*')) => {
                    let Some(at) = memchr::memmem::find(&bytes[offset + 2..], b"*/") else {
                        return (bytes.len(), line_break);
                    };
                    let comment = &self.text[offset..offset + 2 + at];
                    line_break |= comment.contains(LINE_BREAKS);
                    offset += 2 + at + 2;
                }
                _ => return (offset, line_break),
            }
        }
    }

    /// The code, its edits applied; `None` if two of them overlap in a way that cannot be
    /// applied.
    fn finish(mut self) -> Option<Blanked> {
        if self.failed {
            return None;
        }
        // Insertions before the blanks that start where they are.
        self.edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        let mut code = String::with_capacity(self.text.len() + 64);
        let mut changed: Vec<Range<usize>> = Vec::new();
        let mut shifts = Vec::new();
        let mut writes = Vec::new();
        let mut copied = 0;
        for edit in &self.edits {
            if edit.range.start < copied {
                // Within a range already changed: only a blank inside a blank is.
                if edit.text.is_some() || changed.last().is_none_or(|last| last.end < edit.range.start) {
                    return None;
                }
                let end = edit.range.end;
                if end > copied {
                    let by = blank_into(&mut code, &self.text[copied..end]);
                    if by != 0 {
                        shifts.push((copied, by));
                    }
                    changed.last_mut().expect("checked").end = end;
                    copied = end;
                }
                continue;
            }
            code.push_str(&self.text[copied..edit.range.start]);
            match &edit.text {
                Some(text) => {
                    code.push_str(text);
                    let by = text.len() as isize - edit.range.len() as isize;
                    if by != 0 {
                        shifts.push((edit.range.start, by));
                    }
                    writes.push((edit.range.clone(), text.clone()));
                }
                None => {
                    let start = code.len();
                    let by = blank_into(&mut code, &self.text[edit.range.clone()]);
                    if by != 0 {
                        shifts.push((edit.range.start, by));
                    }
                    if edit.semicolon && code.as_bytes().get(start) == Some(&b' ') {
                        code.replace_range(start..start + 1, ";");
                    }
                }
            }
            changed.push(edit.range.clone());
            copied = edit.range.end;
        }
        code.push_str(&self.text[copied..]);
        let mut total = 0;
        for (_, by) in &mut shifts {
            total += *by;
            *by = total;
        }
        Some(Blanked { code, changed, shifts, writes })
    }
}

/// Writes `text` as spaces, as many as it has UTF-16 code units (V8's columns), its line
/// breaks kept; returns how many bytes that adds (none or fewer).
fn blank_into(code: &mut String, text: &str) -> isize {
    if !text.is_ascii() {
        let before = code.len();
        for character in text.chars() {
            if LINE_BREAKS.contains(&character) {
                code.push(character);
            } else {
                push_spaces(code, character.len_utf16());
            }
        }
        return (code.len() - before) as isize - text.len() as isize;
    }
    // ASCII, most types: runs of spaces between the line breaks.
    let mut start = 0;
    for end in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).chain(std::iter::once(text.len())) {
        push_spaces(code, end - start);
        code.push_str(&text[end..text.len().min(end + 1)]);
        start = end + 1;
    }
    0
}

fn push_spaces(code: &mut String, mut count: usize) {
    const SPACES: &str = "                                                                ";
    while count > 0 {
        let run = count.min(SPACES.len());
        code.push_str(&SPACES[..run]);
        count -= run;
    }
}

#[cfg(test)]
mod tests;
