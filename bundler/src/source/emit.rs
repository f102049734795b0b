//! The AST back to JavaScript text, with a source map to the input: one file's, or a
//! bundle's, whose positions are in many files.

use std::cell::Cell;

use swc_core::common::{BytePos, DUMMY_SP, GLOBALS, Globals, SourceMap as SwcSourceMap, Span, Spanned, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Module, ModuleItem, Program};
use swc_core::ecma::codegen::text_writer::{BindingStorage, JsWriter, ScopeKind, WriteJs};
use swc_core::ecma::codegen::{Config, Emitter, Node, Result};
use swc_core::ecma::transforms::base::fixer::fixer;

use crate::position::LineIndex;
use crate::position::source_map::{SourceMap, Token};
use crate::source::compilation::Compilation;

/// Code written by [`emit`].
pub(crate) struct Emitted {
    pub(crate) code: String,
    /// With `map`: maps `code` back to the input.
    pub(crate) source_map: Option<SourceMap>,
    /// Where each string literal asked for was written: its position in the source, and the
    /// byte offset in `code` of what the code generator wrote first for it (its quote).
    pub(crate) literals: Vec<(BytePos, usize)>,
}

/// Writes `program` as JavaScript (comments dropped; `minify` writes it compactly), with
/// `map` maps it back to `compilation.text`, and places the string literals that start at
/// `literals` in the code. `original` is the input as the user gave it, for `sourcesContent`.
/// Without a map the code generator records no position but those, a sixth of its work.
pub(crate) fn emit(
    compilation: &Compilation<'_>,
    program: Program,
    original: &str,
    minify: bool,
    map: bool,
    literals: &[BytePos],
) -> Emitted {
    let ((code, mappings, _), literals) = write_placing(&compilation.source_map, program, minify, map, literals);
    if !map {
        return Emitted { code, source_map: None, literals };
    }
    let lines = LineIndex::new(compilation.text);
    let tokens = mappings
        .iter()
        .filter_map(|&(position, line, column)| {
            let offset = compilation.offset(position)?;
            let (original_line, original_column) = lines.line_column(offset);
            Some(Token { generated_line: line, generated_column: column, source: 0, original_line, original_column })
        })
        .collect();
    Emitted { code, source_map: Some(SourceMap::new(compilation.file, original, tokens)), literals }
}

/// A file of a bundle: where its positions start in the shared source map, and its text.
pub(crate) struct BundleSource<'a> {
    pub(crate) start: BytePos,
    /// The display path.
    pub(crate) file: &'a str,
    /// The text swc read (without a byte order mark).
    pub(crate) text: &'a str,
}

/// Writes a bundle, and with `map` maps it back to its `sources` (sorted by `start`): the code
/// generator then records a position for every token, a sixth of its work. With `pool`, parts
/// of the bundle are written on its threads (see [`write_in_parts`]). The syntax tree comes
/// back, for the caller to drop where it costs least.
pub(crate) fn emit_bundle(
    source_map: &Lrc<SwcSourceMap>,
    program: Program,
    sources: &[BundleSource<'_>],
    minify: bool,
    map: bool,
    pool: Option<&rayon::ThreadPool>,
) -> (String, Option<SourceMap>, Program) {
    let (code, mappings, program) = match (pool, program) {
        (Some(pool), Program::Module(module))
            if !minify && module.shebang.is_none() && module.body.len() >= MIN_ITEMS_IN_PARTS =>
        {
            match write_in_parts(source_map, module, map, pool) {
                Ok(written) => written,
                // Never so far: the module, written in one piece.
                Err(module) => write(source_map, Program::Module(module), minify, map),
            }
        }
        (_, program) => write(source_map, program, minify, map),
    };
    if !map {
        return (code, None, program);
    }
    let mut lines: Vec<Option<LineIndex<'_>>> = sources.iter().map(|_| None).collect();
    // Consecutive positions are mostly in one file: look for the next in the last one first.
    let mut last = 0;
    let tokens = mappings
        .iter()
        .filter_map(|&(position, line, column)| {
            let within = |source: &BundleSource<'_>| {
                source.start <= position && (position.0 - source.start.0) as usize <= source.text.len()
            };
            let index = if sources.get(last).is_some_and(within) {
                last
            } else {
                sources.partition_point(|source| source.start <= position).checked_sub(1)?
            };
            last = index;
            let source = &sources[index];
            let offset = usize::try_from(position.0 - source.start.0).ok()?;
            if offset > source.text.len() {
                return None;
            }
            let index_of_lines = lines[index].get_or_insert_with(|| LineIndex::new(source.text));
            let (original_line, original_column) = index_of_lines.line_column(offset);
            Some(Token {
                generated_line: line,
                generated_column: column,
                source: u32::try_from(index).ok()?,
                original_line,
                original_column,
            })
        })
        .collect();
    let files = sources.iter().map(|source| (source.file.to_owned(), source.text.to_owned())).collect();
    (code, Some(SourceMap::with_sources(files, tokens)), program)
}

/// The code of `program`, every position the code generator recorded (with `map`), and the
/// program.
fn write(source_map: &Lrc<SwcSourceMap>, program: Program, minify: bool, map: bool) -> Written {
    write_placing(source_map, program, minify, map, &[]).0
}

/// [`write`], which also places the string literals that start at `literals` (sorted) in the
/// code: the byte offset of what was written first after the code generator was told of the
/// position.
fn write_placing(
    source_map: &Lrc<SwcSourceMap>,
    mut program: Program,
    minify: bool,
    map: bool,
    literals: &[BytePos],
) -> (Written, Vec<(BytePos, usize)>) {
    // Transforms and our own wrapping leave trees that need parentheses added back.
    program.mutate(fixer(None));
    // About as much code as the files had, and a mapping for every few bytes of it: growing
    // them by doubling would copy both over and over.
    let size: usize = source_map.files().iter().map(|file| file.src.len()).sum();
    let mut code = Vec::with_capacity(size.clamp(4096, 64 << 20));
    let mut mappings = Vec::with_capacity(if map { (size / 4).min(16 << 20) } else { 0 });
    let written = Cell::new(0);
    let placed = {
        let mut emitter = Emitter {
            cfg: Config::default().with_target(EsVersion::EsNext).with_minify(minify),
            cm: source_map.clone(),
            comments: None,
            wr: IndentCapped {
                inner: JsWriter::new(
                    source_map.clone(),
                    "\n",
                    Counted { code: &mut code, written: &written },
                    map.then_some(&mut mappings),
                ),
                depth: 0,
                placing: Placing { wanted: literals, armed: None, written: &written, placed: Vec::new() },
            },
        };
        program.emit_with(&mut emitter).expect("writing to a Vec<u8> cannot fail");
        emitter.wr.placing.placed
    };
    let code = String::from_utf8(code).expect("swc writes UTF-8");
    let mappings =
        mappings.into_iter().map(|(position, generated)| (position, generated.line, generated.col)).collect();
    ((code, mappings, program), placed)
}

/// The code buffer, counting what it holds for [`Placing`], which cannot see it while the
/// code generator writes to it.
struct Counted<'a> {
    code: &'a mut Vec<u8>,
    written: &'a Cell<usize>,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.code.extend_from_slice(bytes);
        self.written.set(self.code.len());
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Places the string literals [`write_placing`] is asked for: the code generator tells the
/// writer where a node starts before writing it, and a string literal is written as one
/// string, or as a quote and then its value.
struct Placing<'a> {
    /// Source positions, sorted.
    wanted: &'a [BytePos],
    /// The last position the code generator told of, if wanted and nothing was written since.
    armed: Option<BytePos>,
    written: &'a Cell<usize>,
    placed: Vec<(BytePos, usize)>,
}

impl Placing<'_> {
    fn told(&mut self, position: BytePos) {
        if !self.wanted.is_empty() {
            self.armed = self.wanted.binary_search(&position).is_ok().then_some(position);
        }
    }

    /// A string was written.
    fn wrote_string(&mut self, string: &str) {
        if let Some(position) = self.armed.take() {
            self.placed.push((position, self.written.get() - string.len()));
        }
    }

    /// Something other than a string was written.
    fn wrote(&mut self) {
        self.armed = None;
    }
}

/// Code, every position the code generator recorded, and the program written.
type Written = (String, Vec<(BytePos, u32, u32)>, Program);

/// The fewest top-level statements worth writing in parts.
const MIN_ITEMS_IN_PARTS: usize = 64;

/// [`write`] for a module, not minified, its statements cut into as many parts as `pool` has
/// threads and written at the same time: the code is the parts' one after the other, as the
/// code generator writes each top-level statement on lines of its own and carries nothing from
/// one to the next (the parentheses `fixer` adds are decided within a statement, too). Each
/// thread has its own copy of the source map (its files share their text), where the code
/// generator looks up where lines broke in the input. `Err`, with the module, if a part did not
/// end a line.
fn write_in_parts(
    source_map: &Lrc<SwcSourceMap>,
    module: Module,
    map: bool,
    pool: &rayon::ThreadPool,
) -> std::result::Result<Written, Module> {
    use rayon::prelude::*;
    let parts_wanted = pool.current_num_threads().max(1);
    // Cut where each part has about as much of the input: a statement made up by the linker
    // (no position) counts as a few lines.
    let weight = |item: &ModuleItem| {
        let span = item.span();
        if span.is_dummy() { 256 } else { (span.hi.0.saturating_sub(span.lo.0) as usize).max(1) }
    };
    let total: usize = module.body.iter().map(weight).sum();
    let items = module.body.len();
    let module_span = module.span;
    let mut parts: Vec<Vec<ModuleItem>> = Vec::with_capacity(parts_wanted);
    let mut current = Vec::new();
    let mut done = 0;
    for item in module.body {
        done += weight(&item);
        current.push(item);
        if done * parts_wanted >= total * (parts.len() + 1) && parts.len() + 1 < parts_wanted {
            parts.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    let files: Vec<_> = source_map.files().iter().map(|file| ((*file.name).clone(), file.src.clone())).collect();
    let written: Vec<Written> = pool.install(|| {
        parts
            .into_par_iter()
            .map(|body| {
                let source_map: Lrc<SwcSourceMap> = Lrc::default();
                for (name, text) in &files {
                    source_map.new_source_file(Lrc::new(name.clone()), text.clone());
                }
                let part = Program::Module(Module { span: DUMMY_SP, body, shebang: None });
                GLOBALS.set(&Globals::new(), || write(&source_map, part, false, map))
            })
            .collect()
    });
    let joins_lines = written.iter().rev().skip(1).all(|(part, ..)| part.ends_with('\n'));
    let mut code = String::with_capacity(written.iter().map(|(code, ..)| code.len()).sum());
    let mut mappings = Vec::with_capacity(written.iter().map(|(_, mappings, _)| mappings.len()).sum());
    let mut body = Vec::with_capacity(items);
    let mut lines = 0u32;
    for (part, part_mappings, program) in written {
        body.extend(program.expect_module().body);
        if joins_lines {
            mappings.extend(part_mappings.into_iter().map(|(position, line, column)| (position, line + lines, column)));
            let count = memchr::memchr_iter(b'\n', part.as_bytes()).count();
            lines = lines.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
            code.push_str(&part);
        }
    }
    let module = Module { span: module_span, body, shebang: None };
    if !joins_lines {
        return Err(module);
    }
    Ok((code, mappings, Program::Module(module)))
}

/// How many levels deep the code generator indents; deeper lines stay at this indentation.
/// Indenting every level would make the code's size grow with the square of its nesting:
/// 2,000 nested arrays, 4 KiB of source, each on a line of its own and indented four spaces
/// more than the last, would be 8 MiB of code.
const INDENT_LEVELS: u32 = 12;

/// A writer that indents no more than [`INDENT_LEVELS`] levels.
struct IndentCapped<'a, W> {
    inner: W,
    depth: u32,
    placing: Placing<'a>,
}

impl<W: WriteJs> WriteJs for IndentCapped<'_, W> {
    fn increase_indent(&mut self) -> Result {
        self.depth += 1;
        if self.depth <= INDENT_LEVELS {
            self.inner.increase_indent()?;
        }
        Ok(())
    }

    fn decrease_indent(&mut self) -> Result {
        if self.depth <= INDENT_LEVELS {
            self.inner.decrease_indent()?;
        }
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    fn write_semi(&mut self, span: Option<Span>) -> Result {
        self.placing.wrote();
        self.inner.write_semi(span)
    }

    fn write_space(&mut self) -> Result {
        self.inner.write_space()
    }

    fn write_keyword(&mut self, span: Option<Span>, s: &'static str) -> Result {
        self.placing.wrote();
        self.inner.write_keyword(span, s)
    }

    fn write_operator(&mut self, span: Option<Span>, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_operator(span, s)
    }

    fn write_param(&mut self, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_param(s)
    }

    fn write_property(&mut self, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_property(s)
    }

    fn write_line(&mut self) -> Result {
        self.inner.write_line()
    }

    fn write_lit(&mut self, span: Span, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_lit(span, s)
    }

    fn write_comment(&mut self, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_comment(s)
    }

    fn write_str_lit(&mut self, span: Span, s: &str) -> Result {
        self.inner.write_str_lit(span, s)?;
        self.placing.wrote_string(s);
        Ok(())
    }

    fn write_str(&mut self, s: &str) -> Result {
        self.inner.write_str(s)?;
        self.placing.wrote_string(s);
        Ok(())
    }

    fn write_symbol(&mut self, span: Span, s: &str) -> Result {
        self.placing.wrote();
        self.inner.write_symbol(span, s)
    }

    fn write_punct(&mut self, span: Option<Span>, s: &'static str, commit_pending_semi: bool) -> Result {
        self.placing.wrote();
        self.inner.write_punct(span, s, commit_pending_semi)
    }

    fn care_about_srcmap(&self) -> bool {
        self.inner.care_about_srcmap()
    }

    fn add_srcmap(&mut self, pos: BytePos) -> Result {
        self.placing.told(pos);
        self.inner.add_srcmap(pos)
    }

    fn commit_pending_semi(&mut self) -> Result {
        self.inner.commit_pending_semi()
    }

    /// Identifiers are written as they are. Asked `false`, the code generator searches every
    /// identifier for a backslash followed by a NUL (a marker older swc lexers put in names,
    /// replaced by a plain backslash), 2.5% of writing hono + zod; swc's lexer no longer makes
    /// it, and no name here holds either character: the lexer takes only identifier
    /// characters, with `\u` escapes decoded, and the linker's names are made of those (the
    /// test `escaped_identifiers_are_written_as_their_characters`).
    fn can_ignore_invalid_unicodes(&mut self) -> bool {
        true
    }

    fn has_scope_tracking(&self) -> bool {
        self.inner.has_scope_tracking()
    }

    fn start_scope(
        &mut self,
        name: Option<&str>,
        kind: ScopeKind,
        is_stack_frame: bool,
        is_hidden: bool,
        original_span: Option<Span>,
    ) -> Result {
        self.inner.start_scope(name, kind, is_stack_frame, is_hidden, original_span)
    }

    fn end_scope(&mut self) -> Result {
        self.inner.end_scope()
    }

    fn add_scope_variable(&mut self, name: &str, expression: Option<&str>, storage: BindingStorage) -> Result {
        self.inner.add_scope_variable(name, expression, storage)
    }
}
