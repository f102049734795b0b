//! `prepare_source`: one source file in, JavaScript that V8 can load out.

use swc_core::common::{BytePos, GLOBALS, Globals, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::{Expr, Ident, Module, ModuleItem, Program, TaggedTpl};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;
use crate::module_map::ModuleKind;
use crate::position::LineIndex;
use crate::position::source_map::SourceMap;
use crate::source::blank_types::{Blanked, blank_types};
use crate::source::compilation::Compilation;
use crate::source::define::Defines;
use crate::source::emit::{Emitted, emit};
use crate::source::fence::{Fence, fenced_blocks, keep_only, strip_fence};
use crate::source::imports::{self, Import};
use crate::source::normalize::{Shape, has_exports, plan, wrap};
use crate::source::parse::{first_es_module_syntax, first_top_level_return, parse_module, parse_script};
use crate::source::strip_types::{CompileOptions, has_decorators, strip_types};

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// The JavaScript to load.
    pub code: String,
    /// [`ModuleKind::Js`] (an ES module) or [`ModuleKind::Cjs`].
    pub kind: ModuleKind,
    /// Maps `code` back to the input; `None` when `code` keeps every position of the input
    /// (it is the input unchanged, or the input with a markdown fence blanked out), or when
    /// no map was asked for (a module map that is written, not run).
    pub source_map: Option<SourceMap>,
    /// What the input looked like, and so what the default export is.
    pub shape: Shape,
    /// Prose around the one fenced code block of an agent's answer, dropped: the lines of
    /// the block's fences (1-based). Only the block's code runs.
    pub prose_dropped: Option<(usize, usize)>,
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
    crate::depth::with_stack(|| prepare_source_here(input))
}

/// [`prepare_source`] on the stack it was called on.
fn prepare_source_here(input: &SourceInput<'_>) -> Result<Prepared, Diagnostic> {
    if input.language == Language::Cjs {
        return Ok(unchanged(input.text.to_owned(), ModuleKind::Cjs, Shape::CommonJs));
    }
    let options = PrepareOptions {
        compile: &CompileOptions::default(),
        defines: &Defines::new(&[]),
        syntax_tree: None,
        minify: false,
        source_maps: true,
        scopes_left: None,
        shared_scopes: None,
    };
    prepare_file(input, Role::Entry, &options).map(|file| file.prepared)
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

/// How [`prepare_file`] compiles a file, and what it returns.
#[derive(Clone, Copy)]
pub(crate) struct PrepareOptions<'a> {
    /// JSX, decorators and class fields, from the file's `tsconfig.json`.
    pub(crate) compile: &'a CompileOptions,
    pub(crate) defines: &'a Defines,
    /// Bundle mode: keep the syntax tree, its positions in this source map (shared by every
    /// file of the graph), instead of writing code. `Prepared::code` is then empty and
    /// import ranges are `0..0`.
    pub(crate) syntax_tree: Option<&'a Lrc<SwcSourceMap>>,
    /// Transform mode's `--minify`: every file is minified and written anew.
    pub(crate) minify: bool,
    /// Transform mode: a file written anew comes with a source map back to its input. Without
    /// one (the map is written, not run, and `--sourcemap` was not asked for), its code is
    /// written with a sixth less work.
    pub(crate) source_maps: bool,
    /// The names in nested scopes and the scopes the file may have (see `depth::Scopes`):
    /// what is left of a bundle's; `None` for a file on its own.
    pub(crate) scopes_left: Option<crate::depth::Scopes>,
    /// A file prepared in parallel with others of its bundle: what its parse counts is
    /// reserved from the bundle's instead (`scopes_left` is then not used).
    pub(crate) shared_scopes: Option<&'a crate::depth::SharedScopes<'a>>,
}

/// A prepared file and the specifiers it imports, placed in its code.
#[derive(Debug)]
pub(crate) struct PreparedFile {
    pub(crate) prepared: Prepared,
    pub(crate) imports: Vec<Import>,
    /// The syntax tree, in bundle mode: ES module or CommonJS as `prepared.kind` says, types
    /// stripped and agent code wrapped.
    pub(crate) syntax_tree: Option<Module>,
    /// With `syntax_tree`: where the file's positions start in the shared source map.
    pub(crate) start_position: Option<BytePos>,
    /// The names in nested scopes and the scopes its parse counted (see `depth::Scopes`).
    pub(crate) scopes: crate::depth::Scopes,
}

/// [`prepare_source`] for a file of a module graph: also parses CommonJS, to find its
/// `require` calls, and finds every import's specifier in the prepared code.
pub(crate) fn prepare_file(
    input: &SourceInput<'_>,
    role: Role,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    // swc drops a byte order mark; drop it first so offsets agree with the text we index.
    let text = input.text.strip_prefix('\u{feff}').unwrap_or(input.text);
    let bom = input.text.len() - text.len();
    let new_compilation = |code, language| {
        let mut compilation = match options.syntax_tree {
            Some(source_map) => Compilation::in_source_map(source_map, input.file, code, language),
            None => Compilation::new(input.file, code, language),
        };
        if let Some(left) = options.scopes_left {
            compilation.scopes.set((left, crate::depth::Scopes::default()));
        }
        compilation.shared = options.shared_scopes;
        compilation
    };
    if input.language.is_common_js() {
        return GLOBALS
            .set(&Globals::new(), || common_js(&new_compilation(text, input.language), input.text, bom, options));
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
        let compilation = new_compilation(code, input.language);
        let may_be_common_js =
            matches!(role, Role::Imported { module_package: false }) && input.language == Language::Js;
        let mut module = match parse_module(&compilation) {
            Ok(module) => module,
            Err(diagnostic) if may_be_common_js => {
                // Sloppy-mode CommonJS need not parse as a module.
                let compilation = new_compilation(code, Language::Cjs);
                return common_js(&compilation, input.text, bom, options).map_err(|_| diagnostic);
            }
            Err(diagnostic) if role == Role::Entry && blanked.is_none() => {
                return answer_with_prose(input, text, role, options).unwrap_or(Err(diagnostic));
            }
            Err(diagnostic) => return Err(diagnostic),
        };
        if role == Role::Entry && blanked.is_none() && text.contains("```") && has_fence_line(&module) {
            // Prose such as `Here it is:` parses (a label), and a fence line then reads as a
            // call of an empty template, which no program means.
            if let Some(prepared) = answer_with_prose(input, text, role, options) {
                return prepared;
            }
        }
        if role == Role::Entry && !has_exports(&module) {
            let shape = plan(&mut module);
            let decorated = has_decorators(compilation.text, &module);
            let module = strip_types(&compilation, Program::Module(module), options.compile, decorated)?;
            let mut module = wrap(module.expect_module(), &shape);
            options.defines.apply(&mut module, compilation.text);
            return emitted(&compilation, module, text, shape, options);
        }
        // CommonJS first: Node allows a top-level `return` there.
        if may_be_common_js && !has_module_syntax(&module) && uses_common_js(&module) {
            if options.defines.apply(&mut module, compilation.text) {
                return compiled_common_js(&compilation, module, options);
            }
            let written = Written { code: input.text, bom, kind: ModuleKind::Cjs };
            return as_written(&compilation, module, written, options);
        }
        if let Some(span) = first_top_level_return(&module) {
            let location = compilation.location(span);
            return Err(match role {
                Role::Entry => diagnostics::return_in_module(location),
                Role::Imported { .. } => diagnostics::return_in_imported_module(location),
            });
        }
        // Plain JavaScript changes only with decorators (compiled) or defines.
        let decorated = has_decorators(compilation.text, &module);
        // TypeScript that is JavaScript with types written in, in transform mode: written as
        // written, its types blanked out, unless `blank_types` finds it needs swc's transform.
        if input.language == Language::Ts
            && options.syntax_tree.is_none()
            && !options.minify
            && !decorated
            && !options.defines.named_in(&module, compilation.text)
            && let Some(blanked) = blank_types(&compilation, &module, options.compile.defines_class_fields())
        {
            return Ok(written_blanked(&compilation, &module, blanked, options.source_maps));
        }
        let mut module =
            strip_types(&compilation, Program::Module(module), options.compile, decorated)?.expect_module();
        let defined = options.defines.apply(&mut module, compilation.text);
        if input.language == Language::Js && !defined && !decorated {
            // Plain JavaScript needs no change: V8 sees the positions the user wrote.
            let written = match blanked {
                Some(_) => Written { code, bom: 0, kind: ModuleKind::Js },
                None => Written { code: input.text, bom, kind: ModuleKind::Js },
            };
            return as_written(&compilation, module, written, options);
        }
        emitted(&compilation, module, text, Shape::Module, options)
    })
}

/// An entry that is not code may be an agent's answer: prose around one fenced block of
/// code. The block's code runs, in place (the prose blanked, so every position is the
/// answer's); a block in another language, or more than one, is an error that says so.
/// `None`: the text has no fenced block. Only an entry that does not parse, or whose code
/// would call an empty template (what a fence line parses as), is read this way.
fn answer_with_prose(
    input: &SourceInput<'_>,
    text: &str,
    role: Role,
    options: &PrepareOptions<'_>,
) -> Option<Result<PreparedFile, Diagnostic>> {
    let blocks = fenced_blocks(text);
    Some(match blocks.as_slice() {
        [] => return None,
        [block] if !block.is_script() => {
            let location = LineIndex::new(text).location(input.file, block.tag_range.start, block.tag_range.end);
            Err(diagnostics::foreign_fence(block.tag, location))
        }
        [block] => {
            let kept = keep_only(text, block.code.clone());
            let inner = SourceInput { file: input.file, text: &kept, language: input.language };
            prepare_file(&inner, role, options).map(|mut file| {
                file.prepared.prose_dropped = Some(block.lines);
                file
            })
        }
        [_, second, ..] => {
            let lines: Vec<(usize, usize)> = blocks.iter().map(|block| block.lines).collect();
            let location = LineIndex::new(text).location(input.file, second.code.start, second.code.start);
            Err(diagnostics::several_fences(&lines, location))
        }
    })
}

/// Whether the code calls an empty template literal (`` ``` ``), as a markdown fence line
/// parses: `` `` `` tagging the template that follows.
fn has_fence_line(module: &Module) -> bool {
    struct Finder(bool);
    impl Visit for Finder {
        fn visit_tagged_tpl(&mut self, tagged: &TaggedTpl) {
            if let Expr::Tpl(tag) = &*tagged.tag
                && tag.exprs.is_empty()
                && tag.quasis.iter().all(|quasi| quasi.raw.is_empty())
            {
                self.0 = true;
            }
            tagged.visit_children_with(self);
        }
    }
    let mut finder = Finder(false);
    module.visit_with(&mut finder);
    finder.0
}

fn unchanged(code: String, kind: ModuleKind, shape: Shape) -> Prepared {
    Prepared { code, kind, source_map: None, shape, prose_dropped: None }
}

/// Code that runs as written: `code` is the compiled text after `bom` bytes.
struct Written<'a> {
    code: &'a str,
    bom: usize,
    kind: ModuleKind,
}

fn as_written(
    compilation: &Compilation<'_>,
    module: Module,
    written: Written<'_>,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    if options.minify && options.syntax_tree.is_none() {
        let shape = if written.kind == ModuleKind::Cjs { Shape::CommonJs } else { Shape::Module };
        return finish(compilation, module, written.code, written.kind, shape, options);
    }
    Ok(written_as_is(compilation, module, written, options))
}

fn written_as_is(
    compilation: &Compilation<'_>,
    module: Module,
    written: Written<'_>,
    options: &PrepareOptions<'_>,
) -> PreparedFile {
    let found = imports::collect(&module, written.kind == ModuleKind::Cjs, Some(compilation.text));
    let shape = if written.kind == ModuleKind::Cjs { Shape::CommonJs } else { Shape::Module };
    if options.syntax_tree.is_some() {
        return kept(compilation, module, found, written.kind, shape);
    }
    let mut imports = imports::in_source(compilation, found);
    for import in &mut imports {
        import.range = import.range.start + written.bom..import.range.end + written.bom;
    }
    PreparedFile {
        prepared: unchanged(written.code.to_owned(), written.kind, shape),
        imports,
        syntax_tree: None,
        start_position: None,
        scopes: compilation.scopes.get().1,
    }
}

/// TypeScript written with its types blanked out (see [`blank_types`]): the code as
/// written but for them, its imports placed in it; with `source_maps`, a map back to the
/// source.
fn written_blanked(
    compilation: &Compilation<'_>,
    module: &Module,
    blanked: Blanked,
    source_maps: bool,
) -> PreparedFile {
    let found = imports::collect(module, false, Some(compilation.text))
        .into_iter()
        .filter(|found| compilation.offset(found.span.lo).is_some_and(|offset| !blanked.changed(offset)))
        .collect();
    let mut imports = imports::in_source(compilation, found);
    for import in &mut imports {
        let start = blanked.place(import.range.start);
        import.range = start..start + import.range.len();
    }
    // A map even where every position is kept: a debugger shows the TypeScript, not the code
    // with its types blanked out.
    let source_map = source_maps.then(|| blanked.source_map(compilation.file, compilation.text));
    PreparedFile {
        prepared: Prepared {
            code: blanked.code,
            kind: ModuleKind::Js,
            source_map,
            shape: Shape::Module,
            prose_dropped: None,
        },
        imports,
        syntax_tree: None,
        start_position: None,
        scopes: compilation.scopes.get().1,
    }
}

/// Bundle mode: the syntax tree itself, no code.
fn kept(
    compilation: &Compilation<'_>,
    module: Module,
    found: Vec<imports::Found>,
    kind: ModuleKind,
    shape: Shape,
) -> PreparedFile {
    PreparedFile {
        prepared: unchanged(String::new(), kind, shape),
        imports: imports::in_syntax_tree(compilation, found),
        syntax_tree: Some(module),
        start_position: Some(compilation.source_file.start_pos),
        scopes: compilation.scopes.get().1,
    }
}

/// An ES module written back as JavaScript, with its source map.
fn emitted(
    compilation: &Compilation<'_>,
    module: Module,
    original: &str,
    shape: Shape,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    if options.syntax_tree.is_some() {
        let found = imports::collect(&module, false, None);
        return Ok(kept(compilation, module, found, ModuleKind::Js, shape));
    }
    finish(compilation, module, original, ModuleKind::Js, shape, options)
}

/// Writes the code of a module (minified with `options.minify`), with its source map if
/// `options.source_maps`, and finds its imports in it.
fn finish(
    compilation: &Compilation<'_>,
    module: Module,
    original: &str,
    kind: ModuleKind,
    shape: Shape,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    let common_js = kind == ModuleKind::Cjs;
    let minify = options.minify;
    let module =
        if minify { crate::source::minify::minify(module, &compilation.source_map, common_js) } else { module };
    let found = imports::collect(&module, common_js, None);
    let literals = imports::positions(&found);
    let Emitted { code, source_map, literals } =
        emit(compilation, Program::Module(module), original, minify, options.source_maps, &literals);
    let imports = imports::in_emitted(compilation, found, &literals, &code)
        .ok_or_else(|| diagnostics::import_not_placed(compilation.file))?;
    Ok(PreparedFile {
        prepared: Prepared { code, kind, source_map, shape, prose_dropped: None },
        imports,
        syntax_tree: None,
        start_position: None,
        scopes: compilation.scopes.get().1,
    })
}

/// CommonJS: `.cjs` as written unless it names a define (such as `process.env.NODE_ENV`, which
/// packages test to pick a build), `.cts` with its types stripped.
fn common_js(
    compilation: &Compilation<'_>,
    original: &str,
    bom: usize,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    if compilation.language == Language::Cjs {
        let mut module = parse_script(compilation)?;
        if options.defines.apply(&mut module, compilation.text) {
            return compiled_common_js(compilation, module, options);
        }
        let written = Written { code: original, bom, kind: ModuleKind::Cjs };
        return as_written(compilation, module, written, options);
    }
    let module = parse_module(compilation)?;
    if let Some(span) = first_es_module_syntax(&module) {
        return Err(diagnostics::es_module_syntax_in_common_js(compilation.location(span)));
    }
    let decorated = has_decorators(compilation.text, &module);
    let program = strip_types(compilation, Program::Module(module), options.compile, decorated)?;
    let mut module = program.expect_module();
    options.defines.apply(&mut module, compilation.text);
    compiled_common_js(compilation, module, options)
}

/// CommonJS whose code changed (types stripped, defines replaced): the syntax tree in bundle
/// mode, else written anew with its source map.
fn compiled_common_js(
    compilation: &Compilation<'_>,
    module: Module,
    options: &PrepareOptions<'_>,
) -> Result<PreparedFile, Diagnostic> {
    if options.syntax_tree.is_some() {
        let found = imports::collect(&module, true, None);
        return Ok(kept(compilation, module, found, ModuleKind::Cjs, Shape::CommonJs));
    }
    finish(compilation, module, compilation.text, ModuleKind::Cjs, Shape::CommonJs, options)
}

/// Whether a module has `import` or `export` declarations.
fn has_module_syntax(module: &Module) -> bool {
    module.body.iter().any(|item| matches!(item, ModuleItem::ModuleDecl(_)))
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
