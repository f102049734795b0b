//! TypeScript and JSX to JavaScript, with swc's transforms.
//!
//! Enums, namespaces and parameter properties are compiled; `import type` and imports used
//! only as types are elided, as `tsc` does without `verbatimModuleSyntax`. Every node keeps
//! its span, so positions still point into the source.

use std::sync::{Arc, Mutex};

use swc_core::common::errors::{DiagnosticBuilder, Emitter, HANDLER, Handler};
use swc_core::common::{Mark, Span};
use swc_core::ecma::ast::{Pass, Program};
use swc_core::ecma::transforms::base::{hygiene::hygiene, resolver};
use swc_core::ecma::transforms::react::{self, Runtime};
use swc_core::ecma::transforms::typescript::{self, TsImportExportAssignConfig, TsxConfig};

use crate::compilation::Compilation;
use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;

/// How JSX compiles; the default is React's classic runtime.
///
/// A later `tsconfig.json` reader sets these from `jsx`, `jsxFactory`, `jsxFragmentFactory`
/// and `jsxImportSource`.
#[derive(Debug, Clone)]
pub(crate) struct JsxOptions {
    /// The function called for each element, `React.createElement` by default.
    pub(crate) factory: String,
    /// The component used for `<>…</>`, `React.Fragment` by default.
    pub(crate) fragment: String,
    /// `Some` selects the automatic runtime, importing from `<source>/jsx-runtime`.
    pub(crate) import_source: Option<String>,
}

impl Default for JsxOptions {
    fn default() -> Self {
        Self {
            factory: "React.createElement".to_owned(),
            fragment: "React.Fragment".to_owned(),
            import_source: None,
        }
    }
}

/// Strips TypeScript and compiles JSX as the language needs; plain JavaScript is returned
/// as it is. Errors the transforms report (such as `export =` in an ES module) become a
/// diagnostic.
pub(crate) fn strip_types(
    compilation: &Compilation<'_>,
    mut program: Program,
    jsx: &JsxOptions,
) -> Result<Program, Diagnostic> {
    let language = compilation.language;
    if matches!(language, Language::Js | Language::Cjs) {
        return Ok(program);
    }
    let errors = CollectedErrors::default();
    let handler = Handler::with_emitter(false, false, Box::new(errors.clone()));
    HANDLER.set(&handler, || {
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        program.mutate(resolver(
            unresolved_mark,
            top_level_mark,
            language.is_typescript(),
        ));
        let config = typescript::Config {
            // Keep class fields as fields, as TypeScript does for ES2022 and later targets.
            native_class_properties: true,
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
                program.mutate(typescript::typescript(
                    config,
                    unresolved_mark,
                    top_level_mark,
                ));
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
        // Compiled enums and namespaces declare names of their own; make them unique.
        program.mutate(hygiene());
    });
    match errors.first() {
        Some((message, span)) => Err(diagnostics::unsupported_syntax(
            &message,
            compilation.location(span),
        )),
        None => Ok(program),
    }
}

fn jsx_pass(
    compilation: &Compilation<'_>,
    jsx: &JsxOptions,
    unresolved_mark: Mark,
    top_level_mark: Mark,
) -> impl Pass {
    let options = react::Options {
        runtime: Some(if jsx.import_source.is_some() {
            Runtime::Automatic
        } else {
            Runtime::Classic
        }),
        import_source: jsx.import_source.as_deref().map(Into::into),
        pragma: Some(jsx.factory.clone().into()),
        pragma_frag: Some(jsx.fragment.clone().into()),
        ..react::Options::default()
    };
    react::jsx(
        compilation.source_map.clone(),
        Some(&compilation.comments),
        options,
        top_level_mark,
        unresolved_mark,
    )
}

/// Keeps the errors swc's transforms report through `HANDLER`, with their spans.
#[derive(Clone, Default)]
struct CollectedErrors(Arc<Mutex<Vec<(String, Span)>>>);

impl CollectedErrors {
    fn first(&self) -> Option<(String, Span)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .first()
            .cloned()
    }
}

impl Emitter for CollectedErrors {
    fn emit(&mut self, builder: &mut DiagnosticBuilder<'_>) {
        let span = builder.span.primary_span().unwrap_or_default();
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((builder.message(), span));
    }
}
