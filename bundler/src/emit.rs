//! The AST back to JavaScript text, with a source map to the input: one file's, or a
//! bundle's, whose positions are in many files.

use swc_core::common::{BytePos, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Program};
use swc_core::ecma::codegen::{Config, Emitter, Node, text_writer::JsWriter};
use swc_core::ecma::transforms::base::fixer::fixer;

use crate::compilation::Compilation;
use crate::position::LineIndex;
use crate::source_map::{SourceMap, Token};

/// Code written by [`emit`].
pub(crate) struct Emitted {
    pub(crate) code: String,
    pub(crate) source_map: SourceMap,
    /// Every position the code generator recorded: a source position, and the 0-based line and
    /// UTF-16 column in `code` where what starts there was written.
    pub(crate) mappings: Vec<(BytePos, u32, u32)>,
}

/// Writes `program` as JavaScript (comments dropped; `minify` writes it compactly) and maps
/// it back to `compilation.text`. `original` is the input as the user gave it, for
/// `sourcesContent`.
pub(crate) fn emit(
    compilation: &Compilation<'_>,
    program: Program,
    original: &str,
    minify: bool,
) -> Emitted {
    let (code, mappings) = write(&compilation.source_map, program, minify);
    let lines = LineIndex::new(compilation.text);
    let tokens = mappings
        .iter()
        .filter_map(|&(position, line, column)| {
            let offset = compilation.offset(position)?;
            let (original_line, original_column) = lines.line_column(offset);
            Some(Token {
                generated_line: line,
                generated_column: column,
                source: 0,
                original_line,
                original_column,
            })
        })
        .collect();
    Emitted {
        code,
        source_map: SourceMap::new(compilation.file, original, tokens),
        mappings,
    }
}

/// A file of a bundle: where its positions start in the shared source map, and its text.
pub(crate) struct BundleSource<'a> {
    pub(crate) start: BytePos,
    /// The display path.
    pub(crate) file: &'a str,
    /// The text swc read (without a byte order mark).
    pub(crate) text: &'a str,
}

/// Writes a bundle, and maps it back to its `sources` (sorted by `start`).
pub(crate) fn emit_bundle(
    source_map: &Lrc<SwcSourceMap>,
    program: Program,
    sources: &[BundleSource<'_>],
    minify: bool,
) -> (String, SourceMap) {
    let (code, mappings) = write(source_map, program, minify);
    let mut lines: Vec<Option<LineIndex<'_>>> = sources.iter().map(|_| None).collect();
    let tokens = mappings
        .iter()
        .filter_map(|&(position, line, column)| {
            let index = sources
                .partition_point(|source| source.start <= position)
                .checked_sub(1)?;
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
    let files = sources
        .iter()
        .map(|source| (source.file.to_owned(), source.text.to_owned()))
        .collect();
    (code, SourceMap::with_sources(files, tokens))
}

/// The code of `program`, and every position the code generator recorded.
fn write(
    source_map: &Lrc<SwcSourceMap>,
    mut program: Program,
    minify: bool,
) -> (String, Vec<(BytePos, u32, u32)>) {
    // Transforms and our own wrapping leave trees that need parentheses added back.
    program.mutate(fixer(None));
    let mut code = Vec::with_capacity(4096);
    let mut mappings = Vec::new();
    {
        let mut emitter = Emitter {
            cfg: Config::default()
                .with_target(EsVersion::EsNext)
                .with_minify(minify),
            cm: source_map.clone(),
            comments: None,
            wr: JsWriter::new(source_map.clone(), "\n", &mut code, Some(&mut mappings)),
        };
        program
            .emit_with(&mut emitter)
            .expect("writing to a Vec<u8> cannot fail");
    }
    let code = String::from_utf8(code).expect("swc writes UTF-8");
    let mappings = mappings
        .into_iter()
        .map(|(position, generated)| (position, generated.line, generated.col))
        .collect();
    (code, mappings)
}
