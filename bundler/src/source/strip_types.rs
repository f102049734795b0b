//! TypeScript and JSX to JavaScript, with swc's transforms.
//!
//! Enums, namespaces and parameter properties are compiled; `import type` and imports used
//! only as types are elided, as `tsc` does without `verbatimModuleSyntax`. Every node keeps
//! its span, so positions still point into the source.

use std::collections::hash_map::Entry;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use swc_core::common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
use swc_core::common::{Mark, Span, SyntaxContext};
use swc_core::ecma::ast::{
    ArrowExpr, BindingIdent, BreakStmt, CatchClause, ClassDecl, ClassExpr, ClassProp, Constructor, ContinueStmt,
    Decorator, DefaultDecl, ExportDefaultDecl, ExportDefaultSpecifier, ExportNamedSpecifier, ExportNamespaceSpecifier,
    Expr, FnDecl, FnExpr, Function, Ident, ImportSpecifier, LabeledStmt, Param, Pass, PrivateProp, Program, TsEnumDecl,
    TsExportAssignment, TsImportEqualsDecl, TsInterfaceDecl, TsModuleDecl, TsParamProp, TsType, TsTypeAliasDecl,
    TsTypeAnn, VarDeclarator,
};
use swc_core::ecma::atoms::Atom;
use swc_core::ecma::transforms::base::helpers::{HELPERS, Helpers, inject_helpers};
use swc_core::ecma::transforms::base::{hygiene::hygiene, resolver};
use swc_core::ecma::transforms::proposal::{decorator_2023_11::decorator_2023_11, decorators};
use swc_core::ecma::transforms::react::{self, Runtime};
use swc_core::ecma::transforms::typescript::{self, TsImportExportAssignConfig, TsxConfig};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;
use crate::source::compilation::Compilation;
use crate::source::merged_namespaces::qualify_merged_namespaces;

/// How JSX compiles; the default is React's classic runtime. `tsconfig.json` sets it with
/// `jsx`, `jsxFactory`, `jsxFragmentFactory` and `jsxImportSource`.
#[derive(Debug, Clone)]
pub(crate) struct JsxOptions {
    /// The function called for each element, `React.createElement` by default.
    pub(crate) factory: String,
    /// The component used for `<>…</>`, `React.Fragment` by default.
    pub(crate) fragment: String,
    /// `Some` selects the automatic runtime, importing from `<source>/jsx-runtime`.
    pub(crate) import_source: Option<String>,
    /// The automatic runtime's development build (`react-jsxdev`), from
    /// `<source>/jsx-dev-runtime`.
    pub(crate) development: bool,
}

impl Default for JsxOptions {
    fn default() -> Self {
        Self {
            factory: "React.createElement".to_owned(),
            fragment: "React.Fragment".to_owned(),
            import_source: None,
            development: false,
        }
    }
}

/// Which decorators `@dec` means: the standard ones (TypeScript 5's default), or TypeScript's
/// `experimentalDecorators`, optionally with `emitDecoratorMetadata`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Decorators {
    #[default]
    Standard,
    Legacy {
        metadata: bool,
    },
}

/// How a file compiles, beyond its language: from the `tsconfig.json` that applies to it and
/// from `--define`.
#[derive(Debug, Clone, Default)]
pub(crate) struct CompileOptions {
    pub(crate) jsx: JsxOptions,
    pub(crate) decorators: Decorators,
    /// `useDefineForClassFields` (true unless tsconfig says false).
    pub(crate) define_class_fields: Option<bool>,
}

impl CompileOptions {
    /// The options `compilerOptions` of a `tsconfig.json` ask for.
    pub(crate) fn from_tsconfig(options: &oxc_resolver::CompilerOptions) -> CompileOptions {
        let mut jsx = JsxOptions::default();
        if let Some(factory) = &options.jsx_factory {
            jsx.factory.clone_from(factory);
        }
        if let Some(fragment) = &options.jsx_fragment_factory {
            jsx.fragment.clone_from(fragment);
        }
        // `react`, and `preserve` and `react-native`, which would leave JSX that no runtime
        // can run, compile with the classic runtime, as `react` asks.
        if let Some("react-jsx" | "react-jsxdev") = options.jsx.as_deref() {
            jsx.import_source = Some(options.jsx_import_source.clone().unwrap_or_else(|| "react".to_owned()));
            jsx.development = options.jsx.as_deref() == Some("react-jsxdev");
        }
        let decorators = if options.experimental_decorators == Some(true) {
            Decorators::Legacy { metadata: options.emit_decorator_metadata == Some(true) }
        } else {
            Decorators::Standard
        };
        CompileOptions { jsx, decorators, define_class_fields: options.use_define_for_class_fields }
    }

    /// Whether class fields are defined (`useDefineForClassFields`, true unless tsconfig says
    /// false) rather than assigned in the constructor.
    pub(crate) fn defines_class_fields(&self) -> bool {
        self.define_class_fields.unwrap_or(true)
    }
}

/// Strips TypeScript, compiles decorators and JSX as the language and `options` need; plain
/// JavaScript without decorators is returned as it is. `decorated` is whether the program has
/// decorators (see [`has_decorators`]), which the caller has found out. Errors the transforms
/// report (such as `export =` in an ES module) become a diagnostic.
pub(crate) fn strip_types(
    compilation: &Compilation<'_>,
    mut program: Program,
    options: &CompileOptions,
    decorated: bool,
) -> Result<Program, Diagnostic> {
    let language = compilation.language;
    if matches!(language, Language::Js | Language::Cjs) && !decorated {
        return Ok(program);
    }
    let jsx = &options.jsx;
    // Stripping types only deletes: the names left are the ones written, each still bound
    // where it was, so `hygiene` (a tenth of preparing a TypeScript file) would rename
    // nothing. Only what compiles to code of its own declares names (see `declares_names`).
    let native_class_properties = options.defines_class_fields();
    let rename = decorated
        || !matches!(language, Language::Ts | Language::Cts)
        || declares_names(&program, native_class_properties);
    let errors = CollectedErrors::default();
    let handler = Handler::with_emitter(false, false, Box::new(errors.clone()));
    HANDLER.set(&handler, || {
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        program.mutate(resolver(unresolved_mark, top_level_mark, language.is_typescript()));
        if language.is_typescript() {
            qualify_merged_namespaces(&mut program);
        }
        if decorated {
            // Before the types go: legacy decorator metadata reads them. Helpers are inlined.
            HELPERS.set(&Helpers::new(false), || {
                match options.decorators {
                    Decorators::Legacy { metadata } => {
                        program.mutate(decorators::decorators(decorators::Config {
                            legacy: true,
                            emit_metadata: metadata,
                            use_define_for_class_fields: options.defines_class_fields(),
                        }));
                    }
                    Decorators::Standard => program.mutate(decorator_2023_11()),
                }
                program.mutate(inject_helpers(unresolved_mark));
            });
        }
        let config = typescript::Config {
            // Keep class fields as fields, as TypeScript does for ES2022 and later targets.
            native_class_properties,
            // Agent code gets its own `export default`; an ES module needs no `export {}`.
            no_empty_export: true,
            // `import x = require()` and `export =` are CommonJS: compiled in `.cts`, an
            // error in an ES module, where `require` and `module` don't exist.
            import_export_assign_config: if language == Language::Cts {
                TsImportExportAssignConfig::Classic
            } else {
                TsImportExportAssignConfig::EsNext
            },
            ..typescript::Config::default()
        };
        match language {
            Language::Ts | Language::Cts => {
                program.mutate(typescript::typescript(config, unresolved_mark, top_level_mark));
            }
            Language::Tsx => {
                program.mutate(typescript::tsx(
                    compilation.source_map.clone(),
                    config,
                    TsxConfig {
                        pragma: Some(jsx.factory.clone().into()),
                        pragma_frag: Some(jsx.fragment.clone().into()),
                    },
                    &compilation.comments,
                    unresolved_mark,
                    top_level_mark,
                ));
                program.mutate(jsx_pass(compilation, jsx, unresolved_mark, top_level_mark));
            }
            Language::Jsx => {
                program.mutate(jsx_pass(compilation, jsx, unresolved_mark, top_level_mark));
            }
            Language::Js | Language::Cjs => {}
        }
        // Compiled enums, namespaces and decorators declare names of their own; make them
        // unique, unless written as they are they still name what they are bound to (an
        // enum's function takes a parameter named as the enum, as `tsc` writes it).
        if rename && (decorated || may_capture(&program)) {
            program.mutate(hygiene());
        }
    });
    match errors.first() {
        Some((message, span)) => Err(diagnostics::unsupported_syntax(&message, compilation.location(span))),
        None => Ok(program),
    }
}

/// Whether swc's TypeScript transform may declare names of its own in `program`, which
/// `hygiene` must then keep apart from the file's: an `enum` or `namespace` (a function whose
/// parameter is named as it), `import x = require()` and `export =`, a parameter property, and
/// class fields moved into the constructor (`useDefineForClassFields: false`), where a
/// computed key gets a variable and an initialiser may meet a parameter of the same name.
fn declares_names(program: &Program, native_class_properties: bool) -> bool {
    struct Finder {
        native_class_properties: bool,
        found: bool,
    }
    impl Visit for Finder {
        fn visit_ts_enum_decl(&mut self, _: &TsEnumDecl) {
            self.found = true;
        }
        fn visit_ts_module_decl(&mut self, _: &TsModuleDecl) {
            self.found = true;
        }
        fn visit_ts_import_equals_decl(&mut self, _: &TsImportEqualsDecl) {
            self.found = true;
        }
        fn visit_ts_export_assignment(&mut self, _: &TsExportAssignment) {
            self.found = true;
        }
        fn visit_ts_param_prop(&mut self, _: &TsParamProp) {
            self.found = true;
        }
        fn visit_class_prop(&mut self, property: &ClassProp) {
            self.found |= !self.native_class_properties;
            property.visit_children_with(self);
        }
        fn visit_private_prop(&mut self, property: &PrivateProp) {
            self.found |= !self.native_class_properties;
            property.visit_children_with(self);
        }
        // Types hold none of these: not worth walking.
        fn visit_ts_type(&mut self, _: &TsType) {}
        fn visit_ts_type_ann(&mut self, _: &TsTypeAnn) {}
        fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
        fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
    }
    let mut finder = Finder { native_class_properties, found: false };
    program.visit_with(&mut finder);
    finder.found
}

/// Whether some name of `program`, written as it is, might not name what it is bound to
/// (its syntax context): `false` only when no function (or arrow function, or constructor)
/// binds a name twice, and none binds a name that code within it also uses for another
/// binding or a global. Every scope but a function's counts as part of its function, so the
/// answer errs only towards `true`, when `hygiene` runs as it always did.
fn may_capture(program: &Program) -> bool {
    let mut finder = Captures { frames: vec![Frame::default()], declaring: false, found: false };
    program.visit_with(&mut finder);
    finder.leave();
    finder.found
}

/// The names a function binds, and those used within it not bound there or in a function
/// within it.
#[derive(Default)]
struct Frame {
    bound: FxHashMap<Atom, SyntaxContext>,
    free: Vec<(Atom, SyntaxContext)>,
}

/// What [`may_capture`] walks with.
struct Captures {
    frames: Vec<Frame>,
    /// The identifiers visited bind names (a declaration's pattern, not its defaults).
    declaring: bool,
    found: bool,
}

impl Captures {
    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the module's frame stays")
    }

    fn bind(&mut self, ident: &Ident) {
        match self.frame().bound.entry(ident.sym.clone()) {
            Entry::Occupied(bound) => self.found |= *bound.get() != ident.ctxt,
            Entry::Vacant(vacant) => {
                vacant.insert(ident.ctxt);
            }
        }
    }

    fn used(&mut self, ident: &Ident) {
        self.frame().free.push((ident.sym.clone(), ident.ctxt));
    }

    fn enter(&mut self) {
        self.frames.push(Frame::default());
    }

    /// Ends the innermost function: a name used in it and bound by it to another binding
    /// would be captured; those it does not bind are free in the function around it.
    fn leave(&mut self) {
        let Frame { bound, free } = self.frames.pop().expect("a frame was entered");
        let mut outer = Vec::new();
        for (sym, ctxt) in free {
            match bound.get(&sym) {
                Some(&bound) if bound == ctxt => {}
                Some(_) => self.found = true,
                None => outer.push((sym, ctxt)),
            }
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.free.append(&mut outer);
        }
    }

    /// Visits `pattern` as binding names.
    fn declare<T: VisitWith<Self>>(&mut self, pattern: &T) {
        let declaring = std::mem::replace(&mut self.declaring, true);
        pattern.visit_with(self);
        self.declaring = declaring;
    }
}

impl Visit for Captures {
    fn visit_function(&mut self, function: &Function) {
        self.enter();
        function.visit_children_with(self);
        self.leave();
    }
    fn visit_arrow_expr(&mut self, arrow: &ArrowExpr) {
        self.enter();
        self.declare(&arrow.params);
        arrow.body.visit_with(self);
        self.leave();
    }
    fn visit_constructor(&mut self, constructor: &Constructor) {
        constructor.key.visit_with(self);
        self.enter();
        constructor.params.visit_with(self);
        constructor.body.visit_with(self);
        self.leave();
    }
    fn visit_fn_expr(&mut self, function: &FnExpr) {
        // The name is bound within the function only.
        self.enter();
        if let Some(ident) = &function.ident {
            self.bind(ident);
        }
        function.function.visit_children_with(self);
        self.leave();
    }
    fn visit_export_default_decl(&mut self, export: &ExportDefaultDecl) {
        // `export default function f() {}` binds `f` in the module too.
        if let DefaultDecl::Fn(FnExpr { ident: Some(ident), .. }) = &export.decl {
            self.bind(ident);
        }
        export.decl.visit_with(self);
    }
    fn visit_fn_decl(&mut self, function: &FnDecl) {
        self.bind(&function.ident);
        function.function.visit_with(self);
    }
    fn visit_class_decl(&mut self, class: &ClassDecl) {
        self.bind(&class.ident);
        class.class.visit_with(self);
    }
    fn visit_class_expr(&mut self, class: &ClassExpr) {
        if let Some(ident) = &class.ident {
            self.bind(ident);
        }
        class.class.visit_with(self);
    }
    fn visit_param(&mut self, param: &Param) {
        param.decorators.visit_with(self);
        self.declare(&param.pat);
    }
    fn visit_var_declarator(&mut self, declarator: &VarDeclarator) {
        self.declare(&declarator.name);
        declarator.init.visit_with(self);
    }
    fn visit_catch_clause(&mut self, clause: &CatchClause) {
        self.declare(&clause.param);
        clause.body.visit_with(self);
    }
    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        if self.declaring { self.bind(&ident.id) } else { self.used(&ident.id) }
    }
    fn visit_ident(&mut self, ident: &Ident) {
        self.used(ident);
    }
    // Defaults and computed keys (an expression too) in a pattern are code that runs.
    fn visit_expr(&mut self, expr: &Expr) {
        let declaring = std::mem::replace(&mut self.declaring, false);
        expr.visit_children_with(self);
        self.declaring = declaring;
    }
    fn visit_import_specifier(&mut self, specifier: &ImportSpecifier) {
        self.bind(specifier.local());
    }
    // What a module exports as, and labels, are names of another kind.
    fn visit_export_named_specifier(&mut self, specifier: &ExportNamedSpecifier) {
        specifier.orig.visit_with(self);
    }
    fn visit_export_namespace_specifier(&mut self, _: &ExportNamespaceSpecifier) {}
    fn visit_export_default_specifier(&mut self, _: &ExportDefaultSpecifier) {}
    fn visit_labeled_stmt(&mut self, statement: &LabeledStmt) {
        statement.body.visit_with(self);
    }
    fn visit_break_stmt(&mut self, _: &BreakStmt) {}
    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {}
}

/// Whether the code has a decorator anywhere, which needs compiling: V8 has none yet.
pub(crate) fn has_decorators<T: VisitWith<DecoratorFinder>>(text: &str, node: &T) -> bool {
    // A decorator is written with `@`, which no escape spells: a text without one has none,
    // and its tree need not be walked.
    if memchr::memchr(b'@', text.as_bytes()).is_none() {
        return false;
    }
    let mut finder = DecoratorFinder(false);
    node.visit_with(&mut finder);
    finder.0
}

pub(crate) struct DecoratorFinder(bool);

impl Visit for DecoratorFinder {
    fn visit_decorator(&mut self, _: &Decorator) {
        self.0 = true;
    }
}

fn jsx_pass(compilation: &Compilation<'_>, jsx: &JsxOptions, unresolved_mark: Mark, top_level_mark: Mark) -> impl Pass {
    let options = react::Options {
        runtime: Some(if jsx.import_source.is_some() { Runtime::Automatic } else { Runtime::Classic }),
        import_source: jsx.import_source.as_deref().map(Into::into),
        development: Some(jsx.development),
        pragma: Some(jsx.factory.clone().into()),
        pragma_frag: Some(jsx.fragment.clone().into()),
        ..react::Options::default()
    };
    react::jsx(compilation.source_map.clone(), Some(&compilation.comments), options, top_level_mark, unresolved_mark)
}

/// Keeps the errors swc's transforms report through `HANDLER`, with their spans.
#[derive(Clone, Default)]
struct CollectedErrors(Arc<Mutex<Vec<(String, Span)>>>);

impl CollectedErrors {
    fn first(&self) -> Option<(String, Span)> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).first().cloned()
    }
}

impl Emitter for CollectedErrors {
    fn emit(&mut self, builder: &mut DiagnosticBuilder<'_>) {
        let span = builder.span.primary_span().unwrap_or_default();
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((builder.message(), span));
    }
}

#[cfg(test)]
mod tests {
    use swc_core::common::{GLOBALS, Globals};

    use super::*;
    use crate::source::emit::emit;
    use crate::source::parse::parse_module;

    /// The code of `source` with its types stripped, and that code once `hygiene` has run on
    /// it again.
    fn stripped_and_renamed(source: &str) -> (String, String) {
        crate::depth::with_stack(|| {
            GLOBALS.set(&Globals::new(), || {
                let compilation = Compilation::new("file.ts", source, Language::Ts);
                let module = parse_module(&compilation).expect("it parses");
                let decorated = has_decorators(source, &module);
                let mut program =
                    strip_types(&compilation, Program::Module(module), &CompileOptions::default(), decorated)
                        .expect("it compiles");
                let code = emit(&compilation, program.clone(), source, false, false, &[]).code;
                program.mutate(hygiene());
                (code, emit(&compilation, program, source, false, false, &[]).code)
            })
        })
    }

    /// `source` parsed, on bundling's stack.
    fn parsed(source: &str) -> Program {
        crate::depth::with_stack(|| {
            GLOBALS.set(&Globals::new(), || {
                let module = parse_module(&Compilation::new("file.ts", source, Language::Ts)).expect("it parses");
                Program::Module(module)
            })
        })
    }

    /// TypeScript whose stripping only deletes types is written without `hygiene`, which
    /// would rename nothing in it: shadowed names, type-only imports, `declare`, overloads,
    /// class fields kept as fields, names that are both a type and a value.
    #[test]
    fn stripping_types_renames_nothing() {
        let sources = [
            "import type { A } from './a';\nimport { b, type C } from './b';\nexport const x: A = b as C;",
            "export function f<T>(value: T): T { const value2 = value; { const value = 1 as number; return value2 ?? (value as T); } }",
            "declare const g: number;\nexport function h(x: number): number;\nexport function h(x: any) { let g = x!; return g satisfies number; }",
            "type N = number;\nconst N = 1;\nexport { N };\nexport class K<T> implements I { field: T | undefined; #secret = 1; static count = N; get secret() { return this.#secret; } }\ninterface I {}",
            "export abstract class Shape { abstract area(): number; declare label: string; describe(this: Shape) { const area = this.area(); return ((area: number) => area * 2)(area); } }",
            "let x = 1;\nexport function f() { var x = 2; function inner() { let x: string = 'a'; return x; } return [x, inner()]; }\nexport { x };",
        ];
        for source in sources {
            let (code, renamed) = stripped_and_renamed(source);
            assert_eq!(code, renamed, "hygiene changes the stripped code of {source:?}");
            assert!(!declares_names(&parsed(source), true), "{source:?} declares no names");
        }
    }

    /// What the transform compiles to code of its own declares names, and `hygiene` runs.
    #[test]
    fn compiled_declarations_declare_names() {
        let declaring = [
            "export enum E { A, B = A }",
            "export namespace Space { export const a = 1; }",
            "export class P { constructor(private readonly a: number) {} }",
            "declare global { interface Window { x: number } }",
        ];
        for source in declaring {
            assert!(declares_names(&parsed(source), true), "{source:?} declares names");
        }
        let fields = "let y = 1;\nexport class F { x = y; constructor(y: number) {} }";
        assert!(!declares_names(&parsed(fields), true));
        assert!(declares_names(&parsed(fields), false), "fields move into the constructor");
    }

    /// `source` (JavaScript) with its names bound, then every name `from` renamed `to` (keeping
    /// its binding): whether [`may_capture`] says so, the code, and the code after `hygiene`.
    fn renamed_into(source: &str, from: &str, to: &str) -> (bool, String, String) {
        struct Rename<'a>(&'a str, &'a str);
        impl swc_core::ecma::visit::VisitMut for Rename<'_> {
            fn visit_mut_ident(&mut self, ident: &mut Ident) {
                if &*ident.sym == self.0 {
                    ident.sym = self.1.into();
                }
            }
        }
        crate::depth::with_stack(|| {
            GLOBALS.set(&Globals::new(), || {
                let compilation = Compilation::new("file.js", source, Language::Js);
                let mut program = Program::Module(parse_module(&compilation).expect("it parses"));
                program.mutate(resolver(Mark::new(), Mark::new(), false));
                swc_core::ecma::visit::VisitMutWith::visit_mut_with(&mut program, &mut Rename(from, to));
                let capture = may_capture(&program);
                let code = emit(&compilation, program.clone(), source, false, false, &[]).code;
                program.mutate(hygiene());
                (capture, code, emit(&compilation, program, source, false, false, &[]).code)
            })
        })
    }

    /// A name bound where code within uses another binding (or a global) of that name is a
    /// capture, wherever it is bound; a name that only shadows another is none.
    #[test]
    fn captures_are_found_wherever_names_are_bound() {
        let captures = [
            ("const a = 1;\nexport function f(b) { return a + b; }", "b"),
            ("export const o = { set v(b) { a(b); } };", "b"),
            ("export const h = (b) => a;", "b"),
            ("export const g = function b() { return a; };", "b"),
            ("try { x(); } catch (b) { a(); }", "b"),
            ("export default function b() {}\na();", "b"),
            ("import { x as b } from './m';\nexport function f() { return a(b); }", "b"),
            ("const { p: b = a } = x;\nexport { b };", "b"),
            ("export class b { m() { return a; } }", "b"),
            ("export function f() { { let b = 1; } return a; }", "b"),
            ("export function f(c) { var b = c; return [a, b]; }\nconst a = 2;", "b"),
        ];
        for (source, from) in captures {
            let (capture, code, renamed) = renamed_into(source, from, "a");
            assert!(capture, "{source:?} with `{from}` renamed `a` captures");
            assert_ne!(code, renamed, "hygiene renames {source:?} with `{from}` renamed `a`");
        }
        let shadows = [
            ("const a = 1;\nexport function f(b) { return b; }", "b"),
            ("export const h = (b) => b + 1;\nexport const a = 2;", "b"),
            ("b: for (;;) { break b; }\nexport const a = 1;", "b"),
            ("export const o = { set v(b) { this.w = b; } };\nexport const a = 1;", "b"),
            ("export var E = function(b) { b.A = 1; return b; }({});", "b"),
        ];
        for (source, from) in shadows {
            let (capture, code, renamed) = renamed_into(source, from, "a");
            assert!(!capture, "{source:?} with `{from}` renamed `a` captures nothing");
            assert_eq!(code, renamed, "hygiene changes {source:?} with `{from}` renamed `a`");
        }
    }

    /// Enums, namespaces and parameter properties compile to functions whose parameter is
    /// named as what they declare, as `tsc` writes them: nothing to rename. What would be
    /// captured still is renamed: a field's initialiser moved into a constructor whose
    /// parameter has its name, a namespace declaring a name its function's parameter has.
    #[test]
    fn compiled_code_is_renamed_only_where_names_would_be_captured() {
        let kept = [
            "export enum Kind { Small = 1, Medium, Large = Medium * 2 }\nexport const k = Kind.Large;",
            "export class Store { constructor(private readonly limit: number, public name = 'x') {} get size() { return this.limit; } }",
            "export namespace Space { export const a = 1; export function f() { return a; } }",
            "enum E { A = 1 }\nnamespace E { export const B = 2; }\nexport { E };",
        ];
        for source in kept {
            let (code, renamed) = stripped_and_renamed(source);
            assert_eq!(code, renamed, "hygiene changes the stripped code of {source:?}");
        }
        let options = CompileOptions { define_class_fields: Some(false), ..CompileOptions::default() };
        let renamed = [
            ("let y = 1;\nexport class F { x = y; constructor(public y: number) {} }", &options),
            ("export namespace N { const N = 1; export const a = N; }", &CompileOptions::default()),
        ];
        for (source, options) in renamed {
            let code = crate::depth::with_stack(|| {
                GLOBALS.set(&Globals::new(), || {
                    let compilation = Compilation::new("file.ts", source, Language::Ts);
                    let module = parse_module(&compilation).expect("it parses");
                    let decorated = has_decorators(source, &module);
                    let program =
                        strip_types(&compilation, Program::Module(module), options, decorated).expect("it compiles");
                    emit(&compilation, program, source, false, false, &[]).code
                })
            });
            assert!(code.contains("y1") || code.contains("N1"), "{source:?} is renamed apart: {code}");
        }
    }
}
