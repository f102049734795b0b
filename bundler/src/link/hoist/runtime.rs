//! The helpers a bundle calls (`runtime.js`): CommonJS wrappers, lazily evaluated ES
//! modules, namespace objects and the interop between the two module systems.

use std::cell::Cell;

use swc_core::common::{DUMMY_SP, FileName, Mark, SourceMap, Span, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Ident, ModuleItem, Program};
use swc_core::ecma::parser::{EsSyntax, Syntax, parse_file_as_module};
use swc_core::ecma::transforms::base::resolver;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

const SOURCE: &str = include_str!("runtime.js");

/// The helpers: each is a top-level function with the context `context`, parsed only for a
/// bundle that calls one (most made of ES modules alone call none).
pub(super) struct Runtime {
    unresolved_mark: Mark,
    top_level_mark: Mark,
    context: SyntaxContext,
    /// An identifier of a helper was made.
    called: Cell<bool>,
}

/// A helper of `runtime.js`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Helper {
    CommonJs,
    Esm,
    Namespace,
    ToEsm,
    ToCommonJs,
    Require,
}

impl Runtime {
    /// The helpers' names; must run inside the bundle's `GLOBALS`.
    pub(super) fn new(unresolved_mark: Mark) -> Runtime {
        let top_level_mark = Mark::new();
        Runtime {
            unresolved_mark,
            top_level_mark,
            context: SyntaxContext::empty().apply_mark(top_level_mark),
            called: Cell::new(false),
        }
    }

    /// The helpers, parsed, if [`Runtime::ident`] made a name of one (else none, as a bundle
    /// that calls none needs none); must run inside the bundle's `GLOBALS`.
    pub(super) fn items(&self) -> Vec<ModuleItem> {
        if !self.called.get() {
            return Vec::new();
        }
        let source_map = SourceMap::default();
        let file = source_map.new_source_file(Lrc::new(FileName::Anon), SOURCE.to_owned());
        let module =
            parse_file_as_module(&file, Syntax::Es(EsSyntax::default()), EsVersion::EsNext, None, &mut Vec::new())
                .expect("runtime.js parses");
        let mut program = Program::Module(module);
        program.mutate(resolver(self.unresolved_mark, self.top_level_mark, false));
        let mut module = program.expect_module();
        // Positions in runtime.js mean nothing to a source map of the user's files.
        module.visit_mut_with(&mut DummySpans);
        module.body
    }

    /// The syntax context of the helpers' names.
    pub(super) fn context(&self) -> SyntaxContext {
        self.context
    }

    /// The identifier that calls `helper`.
    pub(super) fn ident(&self, helper: Helper) -> Ident {
        self.called.set(true);
        let name = match helper {
            Helper::CommonJs => "__commonJS",
            Helper::Esm => "__esm",
            Helper::Namespace => "__namespace",
            Helper::ToEsm => "__toESM",
            Helper::ToCommonJs => "__toCommonJS",
            Helper::Require => "__require",
        };
        Ident::new(name.into(), DUMMY_SP, self.context)
    }
}

/// Sets every position to none.
pub(super) struct DummySpans;

impl VisitMut for DummySpans {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = DUMMY_SP;
    }
}
