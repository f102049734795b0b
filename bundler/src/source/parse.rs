//! Parsing with swc, and the one syntax rule we relax: `return` outside a function.
//!
//! Agent code may `return` at the top level because it will run as the body of an async
//! function. swc has `allow_return_outside_function` only for ECMAScript syntax, not for
//! TypeScript, and we only know whether the code is agent code after parsing (it is agent
//! code when it has no `export`). So we parse normally and drop exactly the "return not
//! allowed" errors of `return` statements outside every function; `prepare` then rejects them
//! if the module turns out to have exports.
//!
//! `.cts` files are parsed as modules too, so that TypeScript's `import x = require()` and
//! `export =` parse; `return` is allowed there as Node allows it in CommonJS. The cost is
//! that sloppy-mode-only syntax (`with`, legacy octal literals) is rejected in `.cts`.

use swc_core::common::comments::Comments;
use swc_core::common::input::SourceFileInput;
use swc_core::common::{BytePos, Span, Spanned};
use swc_core::ecma::ast::{
    ArrowExpr, Class, EsVersion, Function, GetterProp, Module, ModuleDecl, ModuleItem, ReturnStmt, SetterProp,
};
use swc_core::ecma::parser::error::{Error, SyntaxError};
use swc_core::ecma::parser::{EsSyntax, Lexer, PResult, Parser, Syntax, TsSyntax};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::depth::{self, Guarded, SharedScopes, TooDeep, Watch};
use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;
use crate::source::compilation::Compilation;

/// Why a parse failed.
enum Failed {
    /// Syntax errors, the first first.
    Syntax(Vec<Error>),
    /// Nested too deeply to parse or to compile (see [`depth`]).
    TooDeep(Diagnostic),
}

/// Parses `compilation` with `parse`, the lexer guarded (see [`depth`]), and refuses a syntax
/// tree nested too deeply for the passes after it. `errors` gets the errors the parser
/// recovered from.
fn parse_guarded<T: VisitWith<depth::Depth>>(
    compilation: &Compilation<'_>,
    syntax: Syntax,
    comments: Option<&dyn Comments>,
    errors: &mut Vec<Error>,
    parse: impl FnOnce(&mut Parser<Guarded<Lexer<'_>>>) -> PResult<T>,
) -> Result<PResult<T>, Failed> {
    if compilation.shared.is_some_and(|shared| shared.doubtful()) {
        // The file's result will not be used: no need to parse it again.
        return Err(Failed::TooDeep(diagnostics::too_deep(compilation.location(Span::default()), TooDeep::Scopes)));
    }
    let watch = Watch::new();
    let lexer = Lexer::new(syntax, EsVersion::EsNext, SourceFileInput::from(&*compilation.source_file), comments);
    let mut parser = Parser::new_from(Guarded::new(lexer, watch.clone()));
    let result = parse(&mut parser);
    errors.append(&mut parser.take_errors());
    if let Some((span, why)) = watch.stopped() {
        return Err(Failed::TooDeep(diagnostics::too_deep(compilation.location(span), why)));
    }
    if let Ok(node) = &result {
        let (limit, _) = compilation.scopes.get();
        let limit = compilation.shared.map_or(limit, SharedScopes::limit);
        let (mut too_deep, used) = depth::deepest(node, limit);
        compilation.scopes.set((limit, used));
        if let Some(shared) = compilation.shared {
            // Too deep a tree is found whatever the limit, if what was counted on the way fits
            // it: the scan checks that in turn. Past the limit, the limit was too low, or not.
            match too_deep {
                Some((_, TooDeep::Tree)) => shared.count(used),
                Some(_) => shared.doubt(),
                None if shared.reserve(used) => {}
                None => too_deep = Some((Span::default(), TooDeep::Scopes)),
            }
        }
        if let Some((span, why)) = too_deep {
            let location = compilation.location(span);
            return Err(Failed::TooDeep(diagnostics::too_deep(location, why)));
        }
    }
    Ok(result)
}

/// Parses an ES module; `return` outside functions is accepted (see the module docs).
pub(crate) fn parse_module(compilation: &Compilation<'_>) -> Result<Module, Diagnostic> {
    let syntax = syntax(compilation.language);
    try_parse(compilation, syntax, comments(compilation)).map_err(|failed| match failed {
        Failed::Syntax(errors) => first_error(compilation, errors, language_hint(compilation)),
        Failed::TooDeep(diagnostic) => diagnostic,
    })
}

/// Parses CommonJS JavaScript as a script, where sloppy-mode syntax and a top-level `return`
/// (which Node allows in CommonJS) are fine; the statements come back as a module's body.
pub(crate) fn parse_script(compilation: &Compilation<'_>) -> Result<Module, Diagnostic> {
    let syntax = Syntax::Es(EsSyntax {
        allow_return_outside_function: true,
        explicit_resource_management: true,
        ..EsSyntax::default()
    });
    let mut errors = Vec::new();
    let script = match parse_guarded(compilation, syntax, None, &mut errors, |parser| parser.parse_script()) {
        Ok(script) => script,
        Err(Failed::TooDeep(diagnostic)) => return Err(diagnostic),
        Err(Failed::Syntax(errors)) => return Err(first_error(compilation, errors, None)),
    };
    match script {
        Ok(script) if errors.is_empty() => Ok(Module {
            span: script.span,
            body: script.body.into_iter().map(ModuleItem::Stmt).collect(),
            shebang: script.shebang,
        }),
        Ok(_) => Err(first_error(compilation, errors, None)),
        Err(fatal) => {
            errors.push(fatal);
            Err(first_error(compilation, errors, None))
        }
    }
}

/// The first of a failed parse's errors; `parses_as` is a language the code would parse as.
#[cold]
fn first_error(compilation: &Compilation<'_>, errors: Vec<Error>, parses_as: Option<Language>) -> Diagnostic {
    let error = errors.into_iter().min_by_key(|error| error.span().lo).expect("a failed parse has at least one error");
    diagnostics::syntax_error(&error.kind().msg(), compilation.location(error.span()), parses_as)
}

/// The module, or every error except those of `return`s outside functions.
fn try_parse(compilation: &Compilation<'_>, syntax: Syntax, comments: Option<&dyn Comments>) -> Result<Module, Failed> {
    let mut errors = Vec::new();
    let result = parse_guarded(compilation, syntax, comments, &mut errors, |parser| parser.parse_module())?;
    let module = match result {
        Ok(module) => module,
        Err(fatal) => {
            errors.push(fatal);
            return Err(Failed::Syntax(errors));
        }
    };
    if !errors.is_empty() {
        let returns = top_level_returns(&module);
        errors.retain(|error| {
            !(matches!(error.kind(), SyntaxError::ReturnNotAllowed) && returns.contains(&error.span().lo))
        });
    }
    if errors.is_empty() { Ok(module) } else { Err(Failed::Syntax(errors)) }
}

/// After a syntax error: whether the code would parse as another language, which is then
/// likely what the user meant (TypeScript in a `.js` file, JSX in a `.ts` file).
#[cold]
fn language_hint(compilation: &Compilation<'_>) -> Option<Language> {
    let candidates: &[Language] = match compilation.language {
        Language::Js => &[Language::Ts, Language::Jsx, Language::Tsx],
        Language::Jsx | Language::Ts => &[Language::Tsx],
        Language::Cjs | Language::Cts => &[],
        Language::Tsx => &[],
    };
    candidates.iter().copied().find(|&language| try_parse(compilation, syntax(language), None).is_ok())
}

/// The span of the first `return` outside every function, if any.
pub(crate) fn first_top_level_return(module: &Module) -> Option<Span> {
    let mut finder = TopLevelReturns::default();
    module.visit_with(&mut finder);
    finder.spans.first().copied()
}

/// The span of the first ES `import` or `export`, which a CommonJS file can't hold (only
/// TypeScript's `import x = require()` and `export =`).
pub(crate) fn first_es_module_syntax(module: &Module) -> Option<Span> {
    module.body.iter().find_map(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(_) | ModuleDecl::TsExportAssignment(_)) => None,
        ModuleItem::ModuleDecl(declaration) => Some(declaration.span()),
        ModuleItem::Stmt(_) => None,
    })
}

pub(crate) fn syntax(language: Language) -> Syntax {
    match language {
        Language::Js | Language::Cjs => Syntax::Es(EsSyntax {
            // `using` declarations: V8 runs them, and TypeScript parses them too.
            explicit_resource_management: true,
            // Compiled by `strip_types`, as V8 has no decorators yet.
            decorators: true,
            ..EsSyntax::default()
        }),
        // `.jsx` is JavaScript: TypeScript syntax would accept types V8 can't run.
        Language::Jsx => Syntax::Es(EsSyntax {
            jsx: true,
            explicit_resource_management: true,
            decorators: true,
            ..EsSyntax::default()
        }),
        Language::Ts | Language::Cts => Syntax::Typescript(TsSyntax { decorators: true, ..TsSyntax::default() }),
        Language::Tsx => Syntax::Typescript(TsSyntax { tsx: true, decorators: true, ..TsSyntax::default() }),
    }
}

/// Comments matter only to JSX (`/** @jsx h */`); collecting them elsewhere is wasted work.
fn comments<'a>(compilation: &'a Compilation<'_>) -> Option<&'a dyn Comments> {
    matches!(compilation.language, Language::Jsx | Language::Tsx).then_some(&compilation.comments as &dyn Comments)
}

fn top_level_returns(module: &Module) -> Vec<BytePos> {
    let mut finder = TopLevelReturns::default();
    module.visit_with(&mut finder);
    finder.spans.into_iter().map(|span| span.lo).collect()
}

/// Collects `return` statements that are not inside a function, method, accessor or class.
#[derive(Default)]
struct TopLevelReturns {
    spans: Vec<Span>,
}

impl Visit for TopLevelReturns {
    fn visit_return_stmt(&mut self, node: &ReturnStmt) {
        self.spans.push(node.span);
    }

    // Below here a `return` belongs to a function, or is an error of its own (class static
    // blocks), so none of these are searched.
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
    fn visit_getter_prop(&mut self, _: &GetterProp) {}
    fn visit_setter_prop(&mut self, _: &SetterProp) {}
}
