//! The helpers a bundle calls (`runtime.js`): CommonJS wrappers, lazily evaluated ES
//! modules, namespace objects and the interop between the two module systems.

use swc_core::common::{DUMMY_SP, FileName, Mark, SourceMap, Span, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Ident, ModuleItem, Program};
use swc_core::ecma::parser::{EsSyntax, Syntax, parse_file_as_module};
use swc_core::ecma::transforms::base::resolver;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

const SOURCE: &str = include_str!("runtime.js");

/// The helpers, resolved: each is a top-level function with the context `context`.
pub(super) struct Runtime {
    pub(super) items: Vec<ModuleItem>,
    context: SyntaxContext,
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
    /// Parses the helpers; must run inside the bundle's `GLOBALS`.
    pub(super) fn new(unresolved_mark: Mark) -> Runtime {
        let source_map = SourceMap::default();
        let file = source_map.new_source_file(Lrc::new(FileName::Anon), SOURCE.to_owned());
        let module =
            parse_file_as_module(&file, Syntax::Es(EsSyntax::default()), EsVersion::EsNext, None, &mut Vec::new())
                .expect("runtime.js parses");
        let top_level_mark = Mark::new();
        let mut program = Program::Module(module);
        program.mutate(resolver(unresolved_mark, top_level_mark, false));
        let mut module = program.expect_module();
        // Positions in runtime.js mean nothing to a source map of the user's files.
        module.visit_mut_with(&mut DummySpans);
        Runtime { items: module.body, context: SyntaxContext::empty().apply_mark(top_level_mark) }
    }

    /// The syntax context of the helpers' names.
    pub(super) fn context(&self) -> SyntaxContext {
        self.context
    }

    /// The identifier that calls `helper`.
    pub(super) fn ident(&self, helper: Helper) -> Ident {
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
