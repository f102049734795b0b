//! `--minify`: swc's minifier (compress and mangle), on a module's syntax tree.

use swc_core::common::{Mark, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::{Module, ModuleItem, Program, Script};
use swc_core::ecma::minifier::optimize;
use swc_core::ecma::minifier::option::{CompressOptions, ExtraOptions, MangleOptions, MinifyOptions, TopLevelOptions};
use swc_core::ecma::transforms::base::resolver;
use swc_core::ecma::visit::VisitMutWith;

use crate::define::ClearContexts;

/// Minifies `module`: an ES module, or with `common_js` the body of a CommonJS module (whose
/// top-level names are local to it). Names must be right by themselves (after `hygiene`, or
/// as parsed); must run inside `GLOBALS`.
pub(crate) fn minify(mut module: Module, source_map: &Lrc<SwcSourceMap>, common_js: bool) -> Module {
    module.visit_mut_with(&mut ClearContexts);
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let span = module.span;
    let mut program = if common_js {
        Program::Script(Script {
            span,
            body: module
                .body
                .into_iter()
                .filter_map(|item| match item {
                    ModuleItem::Stmt(statement) => Some(statement),
                    ModuleItem::ModuleDecl(_) => None,
                })
                .collect(),
            shebang: None,
        })
    } else {
        Program::Module(module)
    };
    program.mutate(resolver(unresolved_mark, top_level_mark, false));
    let options = MinifyOptions {
        compress: Some(CompressOptions {
            module: !common_js,
            top_level: Some(TopLevelOptions { functions: true }),
            ..CompressOptions::default()
        }),
        mangle: Some(MangleOptions { top_level: Some(true), ..MangleOptions::default() }),
        ..MinifyOptions::default()
    };
    let extra = ExtraOptions { unresolved_mark, top_level_mark, mangle_name_cache: None };
    match optimize(program, source_map.clone(), None, None, &options, &extra) {
        Program::Module(module) => module,
        Program::Script(script) => Module {
            span: script.span,
            body: script.body.into_iter().map(ModuleItem::Stmt).collect(),
            shebang: script.shebang,
        },
    }
}
