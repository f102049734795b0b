//! `prepare_source`: one source file in, JavaScript that V8 can load out.

use swc_core::common::{GLOBALS, Globals};
use swc_core::ecma::ast::{Module, Program};

use crate::compilation::Compilation;
use crate::diagnostics::{self, Diagnostic};
use crate::emit::emit;
use crate::fence::{Fence, strip_fence};
use crate::language::Language;
use crate::module_map::ModuleKind;
use crate::normalize::{has_exports, plan, wrap};
use crate::parse::{first_es_module_syntax, first_top_level_return, parse_module};
use crate::position::LineIndex;
use crate::source_map::SourceMap;
use crate::strip_types::{JsxOptions, strip_types};

/// One source file to prepare.
#[derive(Debug, Clone, Copy)]
pub struct SourceInput<'a> {
    /// The path to show in diagnostics and in the source map: cwd-relative, or `<stdin>`.
    pub file: &'a str,
    /// The source text.
    pub text: &'a str,
    /// How to read `text`.
    pub language: Language,
}

/// JavaScript ready to load into V8, from [`prepare_source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The JavaScript to load.
    pub code: String,
    /// [`ModuleKind::Js`] (an ES module) or [`ModuleKind::Cjs`].
    pub kind: ModuleKind,
    /// Maps `code` back to the input; `None` when `code` keeps every position of the input
    /// (it is the input unchanged, or the input with a markdown fence blanked out).
    pub source_map: Option<SourceMap>,
    /// What the input looked like, and so what the default export is.
    pub shape: Shape,
}

/// What a source looked like, which tells the caller what to do with its default export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// An ES module with `export`s, which runs as written.
    Module,
    /// A CommonJS file (`.cjs`, `.cts`), which runs as written.
    CommonJs,
    /// Nothing to run (only whitespace, comments or types): the default export is
    /// `async function () {}`.
    Empty,
    /// A single function expression or arrow function: it is the default export, and the
    /// caller calls it.
    Function,
    /// A single named function declaration, kept and exported as the default: the caller
    /// calls it. Holds the function's name.
    FunctionDeclaration(String),
    /// Statements, now the body of `export default async function () { ... }`; a final
    /// expression statement became its `return`.
    Statements,
}

/// Turns one source into JavaScript that V8 can load, and tells what its default export is.
///
/// - `.cjs` is returned as written and `.cts` has its types stripped; both are CommonJS.
/// - An ES module with `export` has its TypeScript and JSX stripped and runs as written.
/// - Anything else is agent code, as language models write it: a markdown fence around it
///   is blanked out, and it becomes a module whose default export is a function (see
///   [`Shape`]). Its statements may use top-level `return` and `await`.
///
/// Every position in diagnostics and in the source map refers to the input as given.
pub fn prepare_source(input: &SourceInput<'_>) -> Result<Prepared, Diagnostic> {
    if input.language == Language::Cjs {
        return Ok(unchanged(
            input.text.to_owned(),
            ModuleKind::Cjs,
            Shape::CommonJs,
        ));
    }
    // swc drops a byte order mark; drop it first so offsets agree with the text we index.
    let text = input.text.strip_prefix('\u{feff}').unwrap_or(input.text);
    if input.language == Language::Cts {
        return GLOBALS.set(&Globals::new(), || {
            common_js(&Compilation::new(input.file, text, input.language))
        });
    }
    let blanked = match strip_fence(text) {
        Fence::None => None,
        Fence::Stripped(code) => Some(code),
        Fence::Foreign { tag, start, end } => {
            let location = LineIndex::new(text).location(input.file, start, end);
            return Err(diagnostics::foreign_fence(tag, location));
        }
    };
    let code = blanked.as_deref().unwrap_or(text);
    GLOBALS.set(&Globals::new(), || {
        let compilation = Compilation::new(input.file, code, input.language);
        let mut module = parse_module(&compilation)?;
        if !has_exports(&module) {
            let shape = plan(&mut module);
            let module = strip_types(
                &compilation,
                Program::Module(module),
                &JsxOptions::default(),
            )?;
            let module = wrap(module.expect_module(), &shape);
            return Ok(emitted(&compilation, module, text, shape));
        }
        if let Some(span) = first_top_level_return(&module) {
            return Err(diagnostics::return_in_module(compilation.location(span)));
        }
        if input.language == Language::Js {
            // Plain JavaScript needs no change: V8 sees the positions the user wrote.
            let code = if blanked.is_some() {
                code.to_owned()
            } else {
                input.text.to_owned()
            };
            return Ok(unchanged(code, ModuleKind::Js, Shape::Module));
        }
        let module = strip_types(
            &compilation,
            Program::Module(module),
            &JsxOptions::default(),
        )?;
        Ok(emitted(
            &compilation,
            module.expect_module(),
            text,
            Shape::Module,
        ))
    })
}

fn unchanged(code: String, kind: ModuleKind, shape: Shape) -> Prepared {
    Prepared {
        code,
        kind,
        source_map: None,
        shape,
    }
}

/// An ES module written back as JavaScript, with its source map.
fn emitted(
    compilation: &Compilation<'_>,
    module: Module,
    original: &str,
    shape: Shape,
) -> Prepared {
    let (code, source_map) = emit(compilation, Program::Module(module), original);
    Prepared {
        code,
        kind: ModuleKind::Js,
        source_map: Some(source_map),
        shape,
    }
}

/// A `.cts` file: types stripped, CommonJS kept.
fn common_js(compilation: &Compilation<'_>) -> Result<Prepared, Diagnostic> {
    let module = parse_module(compilation)?;
    if let Some(span) = first_es_module_syntax(&module) {
        return Err(diagnostics::es_module_syntax_in_common_js(
            compilation.location(span),
        ));
    }
    let program = strip_types(compilation, Program::Module(module), &JsxOptions::default())?;
    let (code, source_map) = emit(compilation, program, compilation.text);
    Ok(Prepared {
        code,
        kind: ModuleKind::Cjs,
        source_map: Some(source_map),
        shape: Shape::CommonJs,
    })
}
