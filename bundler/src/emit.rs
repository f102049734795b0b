//! The AST back to JavaScript text, with a source map to the input.

use swc_core::common::BytePos;
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

/// Writes `program` as JavaScript (not minified, comments dropped) and maps it back to
/// `compilation.text`. `original` is the input as the user gave it, for `sourcesContent`.
pub(crate) fn emit(compilation: &Compilation<'_>, mut program: Program, original: &str) -> Emitted {
    // Transforms and our own wrapping leave trees that need parentheses added back.
    program.mutate(fixer(None));

    let mut code = Vec::with_capacity(compilation.text.len() + 64);
    let mut mappings = Vec::new();
    {
        let mut emitter = Emitter {
            cfg: Config::default().with_target(EsVersion::EsNext),
            cm: compilation.source_map.clone(),
            comments: None,
            wr: JsWriter::new(
                compilation.source_map.clone(),
                "\n",
                &mut code,
                Some(&mut mappings),
            ),
        };
        program
            .emit_with(&mut emitter)
            .expect("writing to a Vec<u8> cannot fail");
    }
    let code = String::from_utf8(code).expect("swc writes UTF-8");

    let lines = LineIndex::new(compilation.text);
    let tokens = mappings
        .iter()
        .filter_map(|&(position, generated): &(BytePos, _)| {
            let offset = compilation.offset(position)?;
            let (original_line, original_column) = lines.line_column(offset);
            Some(Token {
                generated_line: generated.line,
                generated_column: generated.col,
                original_line,
                original_column,
            })
        })
        .collect();
    Emitted {
        code,
        source_map: SourceMap::new(compilation.file, original, tokens),
        mappings: mappings
            .into_iter()
            .map(|(position, generated)| (position, generated.line, generated.col))
            .collect(),
    }
}
