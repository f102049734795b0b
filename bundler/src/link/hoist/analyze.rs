//! What an ES module imports and exports, read from its syntax tree once its identifiers are
//! resolved (each top-level binding has the module's own syntax context).

use rustc_hash::FxHashMap;

use swc_core::atoms::Atom;
use swc_core::common::{Span, Spanned, SyntaxContext};
use swc_core::ecma::ast::{
    ArrowExpr, Class, Decl, DefaultDecl, ExportSpecifier, Function, Id, ImportDecl, ImportSpecifier, Module,
    ModuleDecl, ModuleExportName, ModuleItem, Stmt,
};
use swc_core::ecma::utils::find_pat_ids;
use swc_core::ecma::visit::{Visit, VisitWith};

/// What an import binding or a re-export names in its module.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum ImportName {
    /// `import x from`, `import { default as x } from`.
    Default,
    /// `import { a } from`, `import { a as b } from`.
    Named(Atom),
    /// `import * as ns from`, `export * as ns from`.
    Namespace,
}

impl ImportName {
    fn of(name: &ModuleExportName) -> ImportName {
        let name = name.atom();
        if &**name == "default" { ImportName::Default } else { ImportName::Named(name.into_owned()) }
    }
}

/// An import of another module, by the specifier written.
#[derive(Debug, Clone)]
pub(super) struct Request {
    pub(super) specifier: String,
    /// The string literal, for diagnostics.
    pub(super) span: Span,
}

/// One `import` binding: which request, and what of it.
#[derive(Debug, Clone)]
pub(super) struct ImportBinding {
    pub(super) request: usize,
    pub(super) name: ImportName,
}

/// One export of a module.
#[derive(Debug, Clone)]
pub(super) enum Export {
    /// A top-level binding of the module itself.
    Local(Id),
    /// Something another module exports: `export { a } from "x"`, `export * as ns from "x"`,
    /// and `import { a } from "x"; export { a }`.
    Reexport(ImportBinding),
}

/// What [`analyze`] finds.
#[derive(Debug, Default)]
pub(super) struct Record {
    /// Static imports and re-exports, each specifier once, in source order.
    pub(super) requests: Vec<Request>,
    /// Import bindings by local identifier.
    pub(super) imports: FxHashMap<Id, ImportBinding>,
    /// Exports by exported name, in source order.
    pub(super) exports: Vec<(Atom, Export)>,
    /// `export * from` requests, in source order.
    pub(super) stars: Vec<usize>,
    /// `export default <expression>` or an anonymous default function or class: the module
    /// needs a binding for it (see `rewrite`), found at this item.
    pub(super) default_expression: Option<usize>,
    /// `await` (or `for await`) outside functions: top-level await.
    pub(super) top_level_await: Option<Span>,
    /// A `var` declared inside a top-level block, loop or `try`, which belongs to the module's
    /// scope: a lazily evaluated module can't keep it there.
    pub(super) nested_var: Option<Span>,
    /// A top-level `using` declaration.
    pub(super) using: Option<Span>,
}

impl Record {
    pub(super) fn export(&self, name: &str) -> Option<&Export> {
        self.exports.iter().find(|(exported, _)| &**exported == name).map(|(_, export)| export)
    }
}

/// Reads the imports and exports of `module`, whose identifiers are resolved.
pub(super) fn analyze(module: &Module) -> Record {
    let mut record = Record::default();
    let mut local_exports: Vec<(Atom, Id)> = Vec::new();
    for (index, item) in module.body.iter().enumerate() {
        let ModuleItem::ModuleDecl(declaration) = item else {
            if let ModuleItem::Stmt(statement) = item {
                scope_facts(statement, &mut record);
            }
            continue;
        };
        match declaration {
            ModuleDecl::Import(import) => {
                if import.type_only {
                    continue;
                }
                let request = request(&mut record, &import.src.value.to_atom_lossy(), import.src.span);
                for specifier in &import.specifiers {
                    let (local, name) = match specifier {
                        ImportSpecifier::Named(named) if !named.is_type_only => (
                            &named.local,
                            named.imported.as_ref().map_or_else(|| ImportName::of_ident(&named.local), ImportName::of),
                        ),
                        ImportSpecifier::Named(_) => continue,
                        ImportSpecifier::Default(default) => (&default.local, ImportName::Default),
                        ImportSpecifier::Namespace(namespace) => (&namespace.local, ImportName::Namespace),
                    };
                    record.imports.insert(local.to_id(), ImportBinding { request, name });
                }
            }
            ModuleDecl::ExportDecl(export) => {
                for id in declared(&export.decl) {
                    local_exports.push((id.0.clone(), id));
                }
                if let Decl::Var(variables) = &export.decl {
                    for declarator in &variables.decls {
                        if let Some(init) = &declarator.init {
                            init.visit_with(&mut TopLevelAwait(&mut record.top_level_await));
                        }
                    }
                }
            }
            ModuleDecl::ExportDefaultDecl(export) => {
                let ident = match &export.decl {
                    DefaultDecl::Fn(function) => function.ident.as_ref(),
                    DefaultDecl::Class(class) => class.ident.as_ref(),
                    DefaultDecl::TsInterfaceDecl(_) => continue,
                };
                match ident {
                    Some(ident) => local_exports.push(("default".into(), ident.to_id())),
                    None => record.default_expression = Some(index),
                }
            }
            ModuleDecl::ExportDefaultExpr(export) => {
                export.expr.visit_with(&mut TopLevelAwait(&mut record.top_level_await));
                record.default_expression = Some(index);
            }
            ModuleDecl::ExportNamed(export) if export.type_only => {}
            ModuleDecl::ExportNamed(export) => {
                let from =
                    export.src.as_ref().map(|source| request(&mut record, &source.value.to_atom_lossy(), source.span));
                for specifier in &export.specifiers {
                    match (specifier, from) {
                        (ExportSpecifier::Named(named), _) if named.is_type_only => {}
                        (ExportSpecifier::Named(named), Some(request)) => {
                            let exported = named.exported.as_ref().unwrap_or(&named.orig);
                            record.exports.push((
                                exported.atom().into_owned(),
                                Export::Reexport(ImportBinding { request, name: ImportName::of(&named.orig) }),
                            ));
                        }
                        (ExportSpecifier::Named(named), None) => {
                            let exported = named.exported.as_ref().unwrap_or(&named.orig);
                            if let ModuleExportName::Ident(orig) = &named.orig {
                                local_exports.push((exported.atom().into_owned(), orig.to_id()));
                            }
                        }
                        (ExportSpecifier::Namespace(namespace), Some(request)) => {
                            record.exports.push((
                                namespace.name.atom().into_owned(),
                                Export::Reexport(ImportBinding { request, name: ImportName::Namespace }),
                            ));
                        }
                        // `export v from "x"` is a proposal no engine runs.
                        (ExportSpecifier::Default(_) | ExportSpecifier::Namespace(_), _) => {}
                    }
                }
            }
            ModuleDecl::ExportAll(export) if export.type_only => {}
            ModuleDecl::ExportAll(export) => {
                let request = request(&mut record, &export.src.value.to_atom_lossy(), export.src.span);
                if !record.stars.contains(&request) {
                    record.stars.push(request);
                }
            }
            ModuleDecl::TsImportEquals(_) | ModuleDecl::TsExportAssignment(_) | ModuleDecl::TsNamespaceExport(_) => {}
        }
    }
    if record.default_expression.is_some() {
        // Named by `rewrite`; a placeholder keeps the export in source order.
        record.exports.push(("default".into(), Export::Local(("default".into(), SyntaxContext::empty()))));
    }
    // A local export of an imported binding re-exports it.
    for (exported, id) in local_exports {
        let export = match record.imports.get(&id) {
            Some(binding) => Export::Reexport(binding.clone()),
            None => Export::Local(id),
        };
        record.exports.push((exported, export));
    }
    record
}

impl ImportName {
    fn of_ident(ident: &swc_core::ecma::ast::Ident) -> ImportName {
        if &*ident.sym == "default" { ImportName::Default } else { ImportName::Named(ident.sym.clone()) }
    }
}

/// The request for `specifier`, added when new.
fn request(record: &mut Record, specifier: &str, span: Span) -> usize {
    if let Some(index) = record.requests.iter().position(|request| request.specifier == specifier) {
        return index;
    }
    record.requests.push(Request { specifier: specifier.to_owned(), span });
    record.requests.len() - 1
}

/// The bindings a declaration makes.
pub(super) fn declared(declaration: &Decl) -> Vec<Id> {
    match declaration {
        Decl::Class(class) => vec![class.ident.to_id()],
        Decl::Fn(function) => vec![function.ident.to_id()],
        Decl::Var(variables) => find_pat_ids(&variables.decls),
        Decl::Using(using) => find_pat_ids(&using.decls),
        Decl::TsInterface(_) | Decl::TsTypeAlias(_) | Decl::TsEnum(_) | Decl::TsModule(_) => Vec::new(),
    }
}

/// The local names an import declares.
pub(super) fn imported(import: &ImportDecl) -> Vec<Id> {
    import.specifiers.iter().map(|specifier| specifier.local().to_id()).collect()
}

/// Top-level await, nested `var`s and `using` in a top-level statement.
fn scope_facts(statement: &Stmt, record: &mut Record) {
    statement.visit_with(&mut TopLevelAwait(&mut record.top_level_await));
    match statement {
        Stmt::Decl(Decl::Using(using)) => {
            record.using.get_or_insert(using.span);
        }
        Stmt::Decl(_) | Stmt::Expr(_) | Stmt::Empty(_) => {}
        nested => {
            let mut finder = NestedVar(None);
            nested.visit_with(&mut finder);
            if let Some(span) = finder.0 {
                record.nested_var.get_or_insert(span);
            }
        }
    }
}

/// The first `await` outside functions.
struct TopLevelAwait<'a>(&'a mut Option<Span>);

impl Visit for TopLevelAwait<'_> {
    fn visit_await_expr(&mut self, node: &swc_core::ecma::ast::AwaitExpr) {
        self.0.get_or_insert(node.span);
    }

    fn visit_for_of_stmt(&mut self, node: &swc_core::ecma::ast::ForOfStmt) {
        if node.is_await {
            self.0.get_or_insert(node.span);
        }
        node.visit_children_with(self);
    }

    fn visit_using_decl(&mut self, node: &swc_core::ecma::ast::UsingDecl) {
        if node.is_await {
            self.0.get_or_insert(node.span);
        }
        node.visit_children_with(self);
    }

    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, class: &Class) {
        // Only computed keys and `extends` run at the class's definition; field initializers
        // and static blocks can't `await`.
        class.super_class.visit_with(self);
    }
}

/// The first `var` declaration below a top-level statement, outside functions.
struct NestedVar(Option<Span>);

impl Visit for NestedVar {
    fn visit_var_decl(&mut self, node: &swc_core::ecma::ast::VarDecl) {
        if node.kind == swc_core::ecma::ast::VarDeclKind::Var {
            self.0.get_or_insert(node.span());
        }
    }

    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
}
