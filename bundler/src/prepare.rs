//! `prepare_source`: one source file in, JavaScript that V8 can load out.

use swc_core::common::{GLOBALS, Globals};
use swc_core::ecma::ast::{Ident, Module, ModuleItem, Program};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::compilation::Compilation;
use crate::diagnostics::{self, Diagnostic};
use crate::emit::{Emitted, emit};
use crate::fence::{Fence, strip_fence};
use crate::imports::{self, Import};
use crate::language::Language;
use crate::module_map::ModuleKind;
use crate::normalize::{has_exports, plan, wrap};
use crate::parse::{first_es_module_syntax, first_top_level_return, parse_module, parse_script};
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
    prepare_file(input, Role::Entry).map(|file| file.prepared)
}

/// Where a file stands in a program, which decides what it may look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The file that runs: it may be agent code, and fenced in markdown.
    Entry,
    /// A file another file imports: an ES module, or CommonJS. A `.js` file is CommonJS when
    /// it has no `import` or `export` and uses `require`, `module` or `exports`, unless its
    /// package says `"type": "module"` (`module_package`).
    Imported { module_package: bool },
}

/// A prepared file and the specifiers it imports, placed in its code.
#[derive(Debug)]
pub(crate) struct PreparedFile {
    pub(crate) prepared: Prepared,
    pub(crate) imports: Vec<Import>,
}

/// [`prepare_source`] for a file of a module graph: also parses CommonJS, to find its
/// `require` calls, and finds every import's specifier in the prepared code.
pub(crate) fn prepare_file(
    input: &SourceInput<'_>,
    role: Role,
) -> Result<PreparedFile, Diagnostic> {
    // swc drops a byte order mark; drop it first so offsets agree with the text we index.
    let text = input.text.strip_prefix('\u{feff}').unwrap_or(input.text);
    let bom = input.text.len() - text.len();
    if input.language.is_common_js() {
        return GLOBALS.set(&Globals::new(), || {
            common_js(
                &Compilation::new(input.file, text, input.language),
                input.text,
                bom,
            )
        });
    }
    let blanked = match (role, strip_fence(text)) {
        (Role::Imported { .. }, _) | (Role::Entry, Fence::None) => None,
        (Role::Entry, Fence::Stripped(code)) => Some(code),
        (Role::Entry, Fence::Foreign { tag, start, end }) => {
            let location = LineIndex::new(text).location(input.file, start, end);
            return Err(diagnostics::foreign_fence(tag, location));
        }
    };
    let code = blanked.as_deref().unwrap_or(text);
    GLOBALS.set(&Globals::new(), || {
        let compilation = Compilation::new(input.file, code, input.language);
        let may_be_common_js = matches!(
            role,
            Role::Imported {
                module_package: false
            }
        ) && input.language == Language::Js;
        let mut module = match parse_module(&compilation) {
            Ok(module) => module,
            Err(diagnostic) if may_be_common_js => {
                // Sloppy-mode CommonJS need not parse as a module.
                let compilation = Compilation::new(input.file, code, Language::Cjs);
                return common_js(&compilation, input.text, bom).map_err(|_| diagnostic);
            }
            Err(diagnostic) => return Err(diagnostic),
        };
        if role == Role::Entry && !has_exports(&module) {
            let shape = plan(&mut module);
            let module = strip_types(
                &compilation,
                Program::Module(module),
                &JsxOptions::default(),
            )?;
            let module = wrap(module.expect_module(), &shape);
            return emitted(&compilation, module, text, shape);
        }
        // CommonJS first: Node allows a top-level `return` there.
        if may_be_common_js && !has_module_syntax(&module) && uses_common_js(&module) {
            let found = imports::collect(&module, true);
            return Ok(as_written(
                &compilation,
                input.text,
                bom,
                found,
                ModuleKind::Cjs,
            ));
        }
        if let Some(span) = first_top_level_return(&module) {
            let location = compilation.location(span);
            return Err(match role {
                Role::Entry => diagnostics::return_in_module(location),
                Role::Imported { .. } => diagnostics::return_in_imported_module(location),
            });
        }
        if input.language == Language::Js {
            // Plain JavaScript needs no change: V8 sees the positions the user wrote.
            let found = imports::collect(&module, false);
            if blanked.is_some() {
                return Ok(as_written(&compilation, code, 0, found, ModuleKind::Js));
            }
            return Ok(as_written(
                &compilation,
                input.text,
                bom,
                found,
                ModuleKind::Js,
            ));
        }
        let module = strip_types(
            &compilation,
            Program::Module(module),
            &JsxOptions::default(),
        )?;
        emitted(&compilation, module.expect_module(), text, Shape::Module)
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

/// Code that runs as written (`code`, which is the compiled text after `bom` bytes).
fn as_written(
    compilation: &Compilation<'_>,
    code: &str,
    bom: usize,
    found: Vec<imports::Found>,
    kind: ModuleKind,
) -> PreparedFile {
    let mut imports = imports::in_source(compilation, found);
    for import in &mut imports {
        import.range = import.range.start + bom..import.range.end + bom;
    }
    let shape = if kind == ModuleKind::Cjs {
        Shape::CommonJs
    } else {
        Shape::Module
    };
    PreparedFile {
        prepared: unchanged(code.to_owned(), kind, shape),
        imports,
    }
}

/// An ES module written back as JavaScript, with its source map.
fn emitted(
    compilation: &Compilation<'_>,
    module: Module,
    original: &str,
    shape: Shape,
) -> Result<PreparedFile, Diagnostic> {
    let found = imports::collect(&module, false);
    finish(
        compilation,
        Program::Module(module),
        original,
        found,
        ModuleKind::Js,
        shape,
    )
}

fn finish(
    compilation: &Compilation<'_>,
    program: Program,
    original: &str,
    found: Vec<imports::Found>,
    kind: ModuleKind,
    shape: Shape,
) -> Result<PreparedFile, Diagnostic> {
    let Emitted {
        code,
        source_map,
        mappings,
    } = emit(compilation, program, original);
    let imports = imports::in_emitted(compilation, found, &mappings, &code)
        .ok_or_else(|| diagnostics::import_not_placed(compilation.file))?;
    Ok(PreparedFile {
        prepared: Prepared {
            code,
            kind,
            source_map: Some(source_map),
            shape,
        },
        imports,
    })
}

/// CommonJS: `.cjs` as written, `.cts` with its types stripped.
fn common_js(
    compilation: &Compilation<'_>,
    original: &str,
    bom: usize,
) -> Result<PreparedFile, Diagnostic> {
    if compilation.language == Language::Cjs {
        let module = parse_script(compilation)?;
        let found = imports::collect(&module, true);
        return Ok(as_written(
            compilation,
            original,
            bom,
            found,
            ModuleKind::Cjs,
        ));
    }
    let module = parse_module(compilation)?;
    if let Some(span) = first_es_module_syntax(&module) {
        return Err(diagnostics::es_module_syntax_in_common_js(
            compilation.location(span),
        ));
    }
    let program = strip_types(compilation, Program::Module(module), &JsxOptions::default())?;
    let found = imports::collect(program.as_module().expect("stripping keeps a module"), true);
    finish(
        compilation,
        program,
        compilation.text,
        found,
        ModuleKind::Cjs,
        Shape::CommonJs,
    )
}

/// Whether a module has `import` or `export` declarations.
fn has_module_syntax(module: &Module) -> bool {
    module
        .body
        .iter()
        .any(|item| matches!(item, ModuleItem::ModuleDecl(_)))
}

/// Whether code names `require`, `module` or `exports`, as CommonJS does.
fn uses_common_js(module: &Module) -> bool {
    struct Finder(bool);
    impl Visit for Finder {
        fn visit_ident(&mut self, ident: &Ident) {
            self.0 |= matches!(&*ident.sym, "require" | "module" | "exports");
        }
    }
    let mut finder = Finder(false);
    module.visit_with(&mut finder);
    finder.0
}
