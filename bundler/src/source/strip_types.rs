//! TypeScript and JSX to JavaScript, with swc's transforms.
//!
//! Enums, namespaces and parameter properties are compiled; `import type` and imports used
//! only as types are elided, as `tsc` does without `verbatimModuleSyntax`. Every node keeps
//! its span, so positions still point into the source.

use std::sync::{Arc, Mutex};

use swc_core::common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
use swc_core::common::{Mark, Span};
use swc_core::ecma::ast::{
    ClassProp, Decorator, Pass, PrivateProp, Program, TsEnumDecl, TsExportAssignment, TsImportEqualsDecl,
    TsInterfaceDecl, TsModuleDecl, TsParamProp, TsType, TsTypeAliasDecl, TsTypeAnn,
};
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
}

/// Strips TypeScript, compiles decorators and JSX as the language and `options` need; plain
/// JavaScript without decorators is returned as it is. Errors the transforms report (such as
/// `export =` in an ES module) become a diagnostic.
pub(crate) fn strip_types(
    compilation: &Compilation<'_>,
    mut program: Program,
    options: &CompileOptions,
) -> Result<Program, Diagnostic> {
    let language = compilation.language;
    let decorated = has_decorators(&program);
    if matches!(language, Language::Js | Language::Cjs) && !decorated {
        return Ok(program);
    }
    let jsx = &options.jsx;
    // Stripping types only deletes: the names left are the ones written, each still bound
    // where it was, so `hygiene` (a tenth of preparing a TypeScript file) would rename
    // nothing. Only what compiles to code of its own declares names (see `declares_names`).
    let native_class_properties = options.define_class_fields.unwrap_or(true);
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
                            use_define_for_class_fields: options.define_class_fields.unwrap_or(true),
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
        // unique.
        if rename {
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

/// Whether the code has a decorator anywhere, which needs compiling: V8 has none yet.
pub(crate) fn has_decorators<T: VisitWith<DecoratorFinder>>(node: &T) -> bool {
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
                let mut program = strip_types(&compilation, Program::Module(module), &CompileOptions::default())
                    .expect("it compiles");
                let code = emit(&compilation, program.clone(), source, false).code;
                program.mutate(hygiene());
                (code, emit(&compilation, program, source, false).code)
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
}
