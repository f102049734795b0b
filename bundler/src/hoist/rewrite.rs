//! Each unit's syntax tree rewritten for the bundle, and the bundle put together in the order
//! the modules evaluate.

use std::collections::{BTreeSet, HashMap};

use swc_core::atoms::Atom;
use swc_core::common::{DUMMY_SP, SourceMap as SwcSourceMap, Span, Spanned, sync::Lrc};
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, AssignExpr, AssignOp, AssignTarget, CallExpr, Callee, ClassExpr,
    Decl, DefaultDecl, ExportNamedSpecifier, ExportSpecifier, Expr, ExprOrSpread, ExprStmt, FnDecl,
    FnExpr, Function, FunctionBody, Id, Ident, IdentName, ImportDecl, ImportDefaultSpecifier,
    ImportNamedSpecifier, ImportPhase, ImportSpecifier, ImportStarAsSpecifier, KeyValueProp, Lit,
    MemberExpr, MemberProp, Module as SwcModule, ModuleDecl, ModuleExportName, ModuleItem,
    NamedExport, Number, ObjectLit, OptCall, Param, ParenExpr, Pat, Prop, PropName, PropOrSpread,
    SeqExpr, SimpleAssignTarget, Stmt, Str, TaggedTpl, VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::utils::{ExprFactory, find_pat_ids};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use super::analyze::ImportName;
use super::runtime::Helper;
use super::shake::Item;
use super::{Binding, Linker, Unsupported};
use crate::error::BundleError;
use crate::graph::{Content, Target};
use crate::imports::ImportKind;

/// A unit's code, rewritten, before the bundle is put together.
enum Code {
    /// Statements that run in place, in evaluation order.
    Eager(Vec<Stmt>),
    /// A lazily evaluated ES module: declarations at the top level, statements for `__esm`.
    Wrapped { hoisted: Vec<Stmt>, body: Vec<Stmt> },
    /// A declaration at the top (`__commonJS` closure, JSON or text value).
    Declaration(Stmt),
    /// Nothing in the bundle (a module of its own, imported).
    Nothing,
}

/// The rewritten units as the bundle's items: helpers, declarations, the code in evaluation
/// order, and the entry's exports. `Ok(Err)` when bundle mode can't do it.
pub(super) fn link(
    linker: &Linker<'_>,
    trees: Vec<Option<SwcModule>>,
) -> Result<Result<Vec<Item>, Unsupported>, BundleError> {
    let mut codes = Vec::with_capacity(trees.len());
    for (unit, tree) in trees.into_iter().enumerate() {
        let code = match rewrite_unit(linker, unit, tree)? {
            Ok(code) => code,
            Err(unsupported) => return Ok(Err(unsupported)),
        };
        codes.push(code);
    }
    let entry_exports = match entry_exports(linker) {
        Ok(exports) => exports,
        Err(unsupported) => return Ok(Err(unsupported)),
    };
    let namespaces = match namespace_objects(linker) {
        Ok(namespaces) => namespaces,
        Err(unsupported) => return Ok(Err(unsupported)),
    };

    let mut items: Vec<Item> = Vec::new();
    let item = |item: ModuleItem, owner: Option<usize>| Item { item, owner };
    items.extend(
        linker
            .runtime()
            .items
            .iter()
            .map(|helper| item(helper.clone(), None)),
    );
    // Imports the bundle keeps: external modules, and the modules of bytes and WebAssembly.
    for ((specifier, name), local) in linker.externals() {
        items.push(item(import_declaration(&specifier, &name, local), None));
    }
    for unit in 0..linker.unit_count() {
        if linker.is_separate(unit) {
            let file = linker.file(unit).expect("separate units are files");
            let specifier = linker.separate_specifier(file);
            let declaration =
                import_declaration(&specifier, &ImportName::Default, linker.value(unit).clone());
            items.push(item(declaration, Some(unit)));
        }
    }
    items.extend(
        namespaces
            .into_iter()
            .map(|(unit, statement)| item(ModuleItem::Stmt(statement), Some(unit))),
    );
    let mut wrapped: Vec<(usize, Vec<Stmt>)> = Vec::new();
    for (unit, code) in codes.iter_mut().enumerate() {
        match std::mem::replace(code, Code::Nothing) {
            Code::Declaration(statement) => {
                items.push(item(ModuleItem::Stmt(statement), Some(unit)))
            }
            Code::Wrapped { hoisted, body } => {
                items.extend(
                    hoisted
                        .into_iter()
                        .map(|statement| item(ModuleItem::Stmt(statement), Some(unit))),
                );
                wrapped.push((unit, body));
            }
            Code::Eager(body) => *code = Code::Eager(body),
            Code::Nothing => {}
        }
    }
    // Lazily evaluated modules assign their import variables: declared at the top.
    for ((importer, target), import_var) in linker.import_vars() {
        if linker.is_wrapped(importer) {
            let declaration = var_declaration(vec![import_var]);
            items.push(item(ModuleItem::Stmt(declaration), Some(target)));
        }
    }
    for (unit, body) in wrapped {
        let mut statements = dependencies(linker, unit);
        statements.extend(body);
        let closure = arrow(statements);
        let init = linker
            .runtime()
            .ident(Helper::Esm)
            .as_call(DUMMY_SP, vec![closure.as_arg()]);
        let declaration = const_declaration(linker.init(unit).clone(), Box::new(init));
        items.push(item(ModuleItem::Stmt(declaration), Some(unit)));
    }
    // The code that runs when the bundle loads, each module after what it imports.
    if linker.is_wrapped(0) {
        let init = expression_statement(call(linker.init(0).clone(), vec![]));
        items.push(item(ModuleItem::Stmt(init), None));
    } else {
        let mut visited = BTreeSet::new();
        evaluate(linker, 0, &mut codes, &mut visited, &mut items);
    }
    items.extend(entry_exports.into_iter().map(|export| item(export, None)));
    Ok(Ok(items))
}

/// Appends `unit`'s statements to `out` after those of the modules it imports (depth first,
/// as modules evaluate; a module already visited is not visited again, which cuts cycles
/// where the runtime does).
fn evaluate(
    linker: &Linker<'_>,
    unit: usize,
    codes: &mut [Code],
    visited: &mut BTreeSet<usize>,
    out: &mut Vec<Item>,
) {
    if !visited.insert(unit) {
        return;
    }
    if let Some(record) = linker.record(unit) {
        for request in 0..record.requests.len() {
            let Some(target) = linker.target_unit(linker.request_target(unit, request)) else {
                continue;
            };
            if linker.is_esm(target) && !linker.is_wrapped(target) {
                evaluate(linker, target, codes, visited, out);
            } else if let Some(statement) = dependency(linker, unit, target) {
                // An import of CommonJS belongs to it: left out with it when unused.
                out.push(Item {
                    item: ModuleItem::Stmt(statement),
                    owner: Some(target),
                });
            }
        }
    }
    if let Code::Eager(body) = std::mem::replace(&mut codes[unit], Code::Nothing) {
        out.extend(body.into_iter().map(|statement| Item {
            item: ModuleItem::Stmt(statement),
            owner: Some(unit),
        }));
    }
}

/// What a lazily evaluated module runs before its own statements: each import's module.
fn dependencies(linker: &Linker<'_>, unit: usize) -> Vec<Stmt> {
    let Some(record) = linker.record(unit) else {
        return Vec::new();
    };
    let mut statements = Vec::new();
    let mut seen = BTreeSet::new();
    for request in 0..record.requests.len() {
        if let Some(target) = linker.target_unit(linker.request_target(unit, request))
            && seen.insert(target)
        {
            statements.extend(dependency(linker, unit, target));
        }
    }
    statements
}

/// How `importer` makes sure `target` (not hoisted in place) has run: `init_x()` for a lazily
/// evaluated ES module, `import_x = __toESM(require_x())` for CommonJS.
fn dependency(linker: &Linker<'_>, importer: usize, target: usize) -> Option<Stmt> {
    if linker.is_wrapped(target) {
        return Some(expression_statement(call(
            linker.init(target).clone(),
            vec![],
        )));
    }
    if !linker.is_common_js(target) {
        return None;
    }
    let required = call(linker.require(target).clone(), vec![]);
    let Some(import_var) = linker.import_vars().get(&(importer, target)).cloned() else {
        return Some(expression_statement(required));
    };
    let mut arguments = vec![required.as_arg()];
    if linker.node_mode(importer) {
        arguments.push(number(1.0).as_arg());
    }
    let converted = call(linker.runtime().ident(Helper::ToEsm), arguments);
    if linker.is_wrapped(importer) {
        Some(expression_statement(Box::new(assign(
            import_var, converted,
        ))))
    } else {
        Some(var_declaration_of(import_var, converted))
    }
}

/// Rewrites one unit.
fn rewrite_unit(
    linker: &Linker<'_>,
    unit: usize,
    tree: Option<SwcModule>,
) -> Result<Result<Code, Unsupported>, BundleError> {
    if linker.is_value(unit) {
        let file = linker.file(unit).expect("values are files");
        let value = match &linker.graph().files[file].content {
            Content::Json(value) => json_expression(value),
            Content::Text(text) => Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: text.as_str().into(),
                raw: None,
            }))),
            _ => unreachable!("values are JSON or text"),
        };
        return Ok(Ok(Code::Declaration(const_declaration(
            linker.value(unit).clone(),
            value,
        ))));
    }
    if linker.is_separate(unit) {
        return Ok(Ok(Code::Nothing));
    }
    let Some(mut tree) = tree else {
        // The empty module: `module.exports = {}`.
        return Ok(Ok(Code::Declaration(common_js_wrapper(
            linker,
            unit,
            Vec::new(),
            None,
        ))));
    };
    if linker.is_common_js(unit) {
        let parameters = CommonJsParameters::new();
        let mut references = References {
            linker,
            unit,
            replacements: HashMap::new(),
            common_js: Some(&parameters),
        };
        tree.visit_mut_with(&mut references);
        let body = tree
            .body
            .into_iter()
            .filter_map(|item| match item {
                ModuleItem::Stmt(statement) => Some(statement),
                ModuleItem::ModuleDecl(_) => None,
            })
            .collect();
        return Ok(Ok(Code::Declaration(common_js_wrapper(
            linker,
            unit,
            body,
            Some(&parameters),
        ))));
    }
    let record = linker.record(unit).expect("the rest are ES modules");
    let mut replacements = HashMap::with_capacity(record.imports.len());
    for (local, binding) in &record.imports {
        match linker.import(unit, binding)? {
            Ok(found) => {
                replacements.insert(local.clone(), found);
            }
            Err(unsupported) => return Ok(Err(unsupported)),
        }
    }
    let mut references = References {
        linker,
        unit,
        replacements,
        common_js: None,
    };
    tree.visit_mut_with(&mut references);
    let statements = module_statements(linker, unit, tree);
    if !linker.is_wrapped(unit) {
        return Ok(Ok(Code::Eager(statements)));
    }
    Ok(Ok(wrapped(statements)))
}

/// An ES module's items as statements: imports and re-exports gone, `export` taken off
/// declarations, the default export bound to a name.
fn module_statements(linker: &Linker<'_>, unit: usize, tree: SwcModule) -> Vec<Stmt> {
    let mut statements = Vec::with_capacity(tree.body.len());
    for item in tree.body {
        let declaration = match item {
            ModuleItem::Stmt(statement) => {
                statements.push(statement);
                continue;
            }
            ModuleItem::ModuleDecl(declaration) => declaration,
        };
        match declaration {
            ModuleDecl::ExportDecl(export) => statements.push(Stmt::Decl(export.decl)),
            ModuleDecl::ExportDefaultDecl(export) => match export.decl {
                DefaultDecl::Fn(function) => statements.push(Stmt::Decl(Decl::Fn(FnDecl {
                    ident: function
                        .ident
                        .unwrap_or_else(|| spanned(linker.symbols_default(unit), export.span)),
                    declare: false,
                    function: function.function,
                }))),
                DefaultDecl::Class(class) => {
                    statements.push(Stmt::Decl(Decl::Class(swc_core::ecma::ast::ClassDecl {
                        ident: class
                            .ident
                            .unwrap_or_else(|| spanned(linker.symbols_default(unit), export.span)),
                        declare: false,
                        class: class.class,
                    })))
                }
                DefaultDecl::TsInterfaceDecl(_) => {}
            },
            ModuleDecl::ExportDefaultExpr(export) => statements.push(const_declaration(
                spanned(linker.symbols_default(unit), export.span),
                export.expr,
            )),
            ModuleDecl::Import(_)
            | ModuleDecl::ExportNamed(_)
            | ModuleDecl::ExportAll(_)
            | ModuleDecl::TsImportEquals(_)
            | ModuleDecl::TsExportAssignment(_)
            | ModuleDecl::TsNamespaceExport(_) => {}
        }
    }
    statements
}

/// A lazily evaluated module: functions and the names of other declarations stay at the top
/// level, where other modules reach them; everything else runs in the `__esm` closure.
fn wrapped(statements: Vec<Stmt>) -> Code {
    let mut hoisted = Vec::new();
    let mut names: Vec<Ident> = Vec::new();
    let mut body = Vec::with_capacity(statements.len());
    for statement in statements {
        match statement {
            Stmt::Decl(Decl::Fn(function)) => hoisted.push(Stmt::Decl(Decl::Fn(function))),
            Stmt::Decl(Decl::Class(class)) => {
                names.push(class.ident.clone());
                let span = class.class.span;
                let expression = Expr::Class(ClassExpr {
                    ident: Some(class.ident.clone()),
                    class: class.class,
                });
                body.push(Stmt::Expr(ExprStmt {
                    span,
                    expr: Box::new(assign(class.ident, Box::new(expression))),
                }));
            }
            Stmt::Decl(Decl::Var(variables)) => {
                for declarator in variables.decls {
                    let ids: Vec<Id> = find_pat_ids(&declarator.name);
                    names.extend(
                        ids.into_iter()
                            .map(|(sym, ctxt)| Ident::new(sym, DUMMY_SP, ctxt)),
                    );
                    let Some(init) = declarator.init else {
                        continue;
                    };
                    let span = declarator.span;
                    let target = match declarator.name {
                        Pat::Ident(ident) => AssignTarget::Simple(SimpleAssignTarget::Ident(ident)),
                        pattern => match AssignTarget::try_from(pattern) {
                            Ok(target) => target,
                            Err(_) => continue,
                        },
                    };
                    let assignment = Expr::Assign(AssignExpr {
                        span,
                        op: AssignOp::Assign,
                        left: target,
                        right: init,
                    });
                    body.push(Stmt::Expr(ExprStmt {
                        span,
                        expr: Box::new(Expr::Paren(ParenExpr {
                            span,
                            expr: Box::new(assignment),
                        })),
                    }));
                }
            }
            other => body.push(other),
        }
    }
    if !names.is_empty() {
        hoisted.insert(0, var_declaration(names));
    }
    Code::Wrapped { hoisted, body }
}

/// The identifiers a CommonJS closure binds for its body.
struct CommonJsParameters {
    exports: Ident,
    module: Ident,
}

impl CommonJsParameters {
    fn new() -> CommonJsParameters {
        let fresh = |name: &str| {
            Ident::new(
                name.into(),
                DUMMY_SP,
                swc_core::common::SyntaxContext::empty().apply_mark(swc_core::common::Mark::new()),
            )
        };
        CommonJsParameters {
            exports: fresh("exports"),
            module: fresh("module"),
        }
    }
}

/// `const require_x = __commonJS(function (exports, module) { body })`.
fn common_js_wrapper(
    linker: &Linker<'_>,
    unit: usize,
    mut body: Vec<Stmt>,
    parameters: Option<&CommonJsParameters>,
) -> Stmt {
    let fresh;
    let parameters = match parameters {
        Some(parameters) => parameters,
        None => {
            fresh = CommonJsParameters::new();
            body.push(expression_statement(Box::new(Expr::Assign(AssignExpr {
                span: DUMMY_SP,
                op: AssignOp::Assign,
                left: AssignTarget::Simple(SimpleAssignTarget::Member(MemberExpr {
                    span: DUMMY_SP,
                    obj: Box::new(Expr::Ident(fresh.module.clone())),
                    prop: MemberProp::Ident(IdentName::new("exports".into(), DUMMY_SP)),
                })),
                right: Box::new(Expr::Object(ObjectLit {
                    span: DUMMY_SP,
                    props: Vec::new(),
                })),
            }))));
            &fresh
        }
    };
    let function = Function {
        params: [&parameters.exports, &parameters.module]
            .into_iter()
            .map(|ident| Param {
                span: DUMMY_SP,
                decorators: Vec::new(),
                pat: Pat::Ident(ident.clone().into()),
            })
            .collect(),
        body: Some(FunctionBody {
            span: DUMMY_SP,
            stmts: body,
        }),
        ..Function::default()
    };
    let closure = Expr::Fn(FnExpr {
        ident: None,
        function: Box::new(function),
    });
    let wrapper = call(
        linker.runtime().ident(Helper::CommonJs),
        vec![closure.as_arg()],
    );
    const_declaration(linker.require(unit).clone(), wrapper)
}

/// Rewrites references: imported names to what they are in the bundle, `import()` and
/// `require()` of bundled modules to the bundle's own, and in CommonJS `module` and
/// `exports` to the closure's parameters.
struct References<'a> {
    linker: &'a Linker<'a>,
    unit: usize,
    replacements: HashMap<Id, Binding>,
    common_js: Option<&'a CommonJsParameters>,
}

impl References<'_> {
    fn replacement(&self, ident: &Ident) -> Option<Box<Expr>> {
        if let Some(binding) = self.replacements.get(&ident.to_id()) {
            return Some(binding_expression(binding, ident.span));
        }
        let parameters = self.common_js?;
        if ident.ctxt != self.linker.unresolved() {
            return None;
        }
        let replaced = match &*ident.sym {
            "exports" => parameters.exports.clone(),
            "module" => parameters.module.clone(),
            "require" => self.linker.runtime().ident(Helper::Require),
            _ => return None,
        };
        Some(Box::new(Expr::Ident(spanned(&replaced, ident.span))))
    }

    /// `import("x")` and `require("x")` of what the bundle holds.
    fn module_call(&self, node: &CallExpr) -> Option<Box<Expr>> {
        let [argument] = node.args.as_slice() else {
            return None;
        };
        let Expr::Lit(Lit::Str(specifier)) = &*argument.expr else {
            return None;
        };
        if argument.spread.is_some() {
            return None;
        }
        let specifier_text = specifier.value.to_atom_lossy();
        let kind = match &node.callee {
            Callee::Import(_) => ImportKind::Dynamic,
            Callee::Expr(callee)
                if self.common_js.is_some()
                    && matches!(&**callee, Expr::Ident(ident)
                        if &*ident.sym == "require" && ident.ctxt == self.linker.unresolved()) =>
            {
                ImportKind::Require
            }
            _ => return None,
        };
        let linker = self.linker;
        let target = linker.call_target(self.unit, &specifier_text, kind);
        let span = node.span;
        let Some(unit) = linker.target_unit(target) else {
            return match (kind, target) {
                // Left to the runtime, as written.
                (ImportKind::Dynamic, _) => None,
                (_, Target::External) => {
                    let namespace = linker.external(&specifier_text, &ImportName::Namespace);
                    Some(Box::new(Expr::Ident(spanned(&namespace, span))))
                }
                _ => Some(call_at(
                    span,
                    linker.runtime().ident(Helper::Require),
                    vec![Box::new(Expr::Lit(Lit::Str(specifier.clone()))).as_arg()],
                )),
            };
        };
        let value = if linker.is_wrapped(unit) {
            let namespace = linker.namespace(unit);
            let init = call(linker.init(unit).clone(), vec![]);
            let namespace = if kind == ImportKind::Require {
                call(
                    linker.runtime().ident(Helper::ToCommonJs),
                    vec![Box::new(Expr::Ident(namespace)).as_arg()],
                )
            } else {
                Box::new(Expr::Ident(namespace))
            };
            sequence(vec![init, namespace])
        } else if linker.is_common_js(unit) {
            let required = call(linker.require(unit).clone(), vec![]);
            if kind == ImportKind::Require {
                required
            } else {
                let mut arguments = vec![required.as_arg()];
                if linker.node_mode(self.unit) {
                    arguments.push(number(1.0).as_arg());
                }
                call(linker.runtime().ident(Helper::ToEsm), arguments)
            }
        } else if linker.is_separate(unit) && kind == ImportKind::Dynamic {
            let file = linker.file(unit).expect("separate units are files");
            let mut rewritten = node.clone();
            *rewritten.args[0].expr = Expr::Lit(Lit::Str(Str {
                span: specifier.span,
                value: linker.separate_specifier(file).into(),
                raw: None,
            }));
            return Some(Box::new(Expr::Call(rewritten)));
        } else if kind == ImportKind::Require {
            Box::new(Expr::Ident(linker.value(unit).clone()))
        } else {
            Box::new(Expr::Ident(linker.namespace(unit)))
        };
        if kind == ImportKind::Require {
            return Some(with_span(value, span));
        }
        // `Promise.resolve().then(() => value)`: evaluated when the promise settles, as
        // `import()` does, and a throw rejects it.
        let resolved = Box::new(Expr::Member(MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(Expr::Ident(Ident::new(
                "Promise".into(),
                DUMMY_SP,
                linker.unresolved(),
            ))),
            prop: MemberProp::Ident(IdentName::new("resolve".into(), DUMMY_SP)),
        }))
        .as_call(DUMMY_SP, vec![]);
        let then = MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(resolved),
            prop: MemberProp::Ident(IdentName::new("then".into(), DUMMY_SP)),
        };
        let closure = Expr::Arrow(ArrowExpr {
            span,
            body: Box::new(ArrowFunctionBody::Expr(value)),
            ..ArrowExpr::default()
        });
        Some(Box::new(
            Expr::Member(then).as_call(span, vec![closure.as_arg()]),
        ))
    }
}

impl References<'_> {
    /// A called import that became a property read (`import_x.f`) is called as
    /// `(0, import_x.f)(…)`, so `this` is not the module object, as for the function itself.
    /// Returns whether the callee was such an import.
    fn unbind_this(&self, callee: &mut Box<Expr>) -> bool {
        let Expr::Ident(ident) = &**callee else {
            return false;
        };
        let Some(binding @ Binding::Member(..)) = self.replacements.get(&ident.to_id()) else {
            return false;
        };
        let member = binding_expression(binding, ident.span);
        **callee = Expr::Paren(ParenExpr {
            span: DUMMY_SP,
            expr: sequence(vec![number(0.0), member]),
        });
        true
    }
}

impl VisitMut for References<'_> {
    fn visit_mut_expr(&mut self, expression: &mut Expr) {
        match expression {
            Expr::Ident(ident) => {
                if let Some(replacement) = self.replacement(ident) {
                    *expression = *replacement;
                }
            }
            Expr::Call(call) => {
                if let Some(replacement) = self.module_call(call) {
                    *expression = *replacement;
                } else {
                    call.visit_mut_children_with(self);
                }
            }
            _ => expression.visit_mut_children_with(self),
        }
    }

    fn visit_mut_callee(&mut self, callee: &mut Callee) {
        if let Callee::Expr(expression) = callee
            && self.unbind_this(expression)
        {
            return;
        }
        callee.visit_mut_children_with(self);
    }

    fn visit_mut_tagged_tpl(&mut self, tagged: &mut TaggedTpl) {
        if !self.unbind_this(&mut tagged.tag) {
            tagged.tag.visit_mut_with(self);
        }
        tagged.tpl.visit_mut_with(self);
    }

    fn visit_mut_opt_call(&mut self, call: &mut OptCall) {
        if !self.unbind_this(&mut call.callee) {
            call.callee.visit_mut_with(self);
        }
        call.args.visit_mut_with(self);
    }

    fn visit_mut_prop(&mut self, property: &mut Prop) {
        if let Prop::Shorthand(ident) = property
            && let Some(replacement) = self.replacement(ident)
        {
            *property = Prop::KeyValue(KeyValueProp {
                key: PropName::Ident(IdentName::new(ident.sym.clone(), ident.span)),
                value: replacement,
            });
            return;
        }
        property.visit_mut_children_with(self);
    }

    fn visit_mut_simple_assign_target(&mut self, target: &mut SimpleAssignTarget) {
        // `module.exports = …` and `exports.x = …` in CommonJS.
        if let SimpleAssignTarget::Ident(ident) = target
            && self.common_js.is_some()
            && let Some(replacement) = self.replacement(&ident.id)
            && let Expr::Ident(replaced) = *replacement
        {
            ident.id = replaced;
            return;
        }
        target.visit_mut_children_with(self);
    }
}

fn binding_expression(binding: &Binding, span: Span) -> Box<Expr> {
    match binding {
        Binding::Ident(ident) => Box::new(Expr::Ident(spanned(ident, span))),
        Binding::Member(object, property) => Box::new(Expr::Member(MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(Expr::Ident(spanned(object, span))),
            prop: member_property(property),
        })),
        Binding::Undefined => Expr::undefined(span),
    }
}

fn member_property(name: &Atom) -> MemberProp {
    if is_identifier_name(name) {
        MemberProp::Ident(IdentName::new(name.clone(), DUMMY_SP))
    } else {
        MemberProp::Computed(swc_core::ecma::ast::ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: name.clone().into(),
                raw: None,
            }))),
        })
    }
}

fn is_identifier_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
        && chars.all(|next| next.is_alphanumeric() || next == '_' || next == '$')
}

/// The namespace objects the bundle uses: `const x_exports = __namespace({ a: () => a })`.
fn namespace_objects(linker: &Linker<'_>) -> Result<Vec<(usize, Stmt)>, Unsupported> {
    let mut made = BTreeSet::new();
    let mut statements = Vec::new();
    // Making one may ask for another (`export * as ns`): until none is new.
    loop {
        let wanted: Vec<usize> = linker
            .namespaces()
            .into_iter()
            .filter(|unit| !made.contains(unit))
            .collect();
        if wanted.is_empty() {
            break;
        }
        for unit in wanted {
            made.insert(unit);
            let exports = if linker.is_esm(unit) {
                linker.exports_of(unit)?
            } else {
                vec![("default".into(), Binding::Ident(linker.value(unit).clone()))]
            };
            let getters = exports
                .iter()
                .map(|(name, binding)| {
                    let getter = Expr::Arrow(ArrowExpr {
                        span: DUMMY_SP,
                        body: Box::new(ArrowFunctionBody::Expr(binding_expression(
                            binding, DUMMY_SP,
                        ))),
                        ..ArrowExpr::default()
                    });
                    PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                        key: property_name(name),
                        value: Box::new(getter),
                    })))
                })
                .collect();
            let object = Expr::Object(ObjectLit {
                span: DUMMY_SP,
                props: getters,
            });
            let namespace = call(
                linker.runtime().ident(Helper::Namespace),
                vec![object.as_arg()],
            );
            statements.push((unit, const_declaration(linker.namespace(unit), namespace)));
        }
    }
    Ok(statements)
}

fn property_name(name: &Atom) -> PropName {
    if is_identifier_name(name) {
        PropName::Ident(IdentName::new(name.clone(), DUMMY_SP))
    } else {
        PropName::Str(Str {
            span: DUMMY_SP,
            value: name.clone().into(),
            raw: None,
        })
    }
}

/// `export { a as b, … }` of the entry's exports; a name read from CommonJS gets a variable
/// of its own first.
fn entry_exports(linker: &Linker<'_>) -> Result<Vec<ModuleItem>, Unsupported> {
    let mut items = Vec::new();
    let mut specifiers = Vec::new();
    for (name, binding) in linker.exports_of(0)? {
        let local = match binding {
            Binding::Ident(ident) => ident,
            other => {
                let local = Ident::new(
                    format!("export_{name}").into(),
                    DUMMY_SP,
                    swc_core::common::SyntaxContext::empty()
                        .apply_mark(swc_core::common::Mark::new()),
                );
                items.push(ModuleItem::Stmt(const_declaration(
                    local.clone(),
                    binding_expression(&other, DUMMY_SP),
                )));
                local
            }
        };
        specifiers.push(ExportSpecifier::Named(ExportNamedSpecifier {
            span: DUMMY_SP,
            orig: ModuleExportName::Ident(local),
            exported: Some(export_name(&name)),
            is_type_only: false,
        }));
    }
    if !specifiers.is_empty() {
        items.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(
            NamedExport {
                span: DUMMY_SP,
                specifiers,
                src: None,
                type_only: false,
                with: None,
            },
        )));
    }
    Ok(items)
}

fn export_name(name: &Atom) -> ModuleExportName {
    if is_identifier_name(name) {
        ModuleExportName::Ident(Ident::new_no_ctxt(name.clone(), DUMMY_SP))
    } else {
        ModuleExportName::Str(Str {
            span: DUMMY_SP,
            value: name.clone().into(),
            raw: None,
        })
    }
}

/// `import local from "x"`, `import { name as local } from "x"`, `import * as local from "x"`.
fn import_declaration(specifier: &str, name: &ImportName, local: Ident) -> ModuleItem {
    let specifier_node = match name {
        ImportName::Default => ImportSpecifier::Default(ImportDefaultSpecifier {
            span: DUMMY_SP,
            local,
        }),
        ImportName::Namespace => ImportSpecifier::Namespace(ImportStarAsSpecifier {
            span: DUMMY_SP,
            local,
        }),
        ImportName::Named(name) => ImportSpecifier::Named(ImportNamedSpecifier {
            span: DUMMY_SP,
            imported: (*name != local.sym).then(|| export_name(name)),
            local,
            is_type_only: false,
        }),
    };
    ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
        span: DUMMY_SP,
        specifiers: vec![specifier_node],
        src: Box::new(Str {
            span: DUMMY_SP,
            value: specifier.into(),
            raw: None,
        }),
        type_only: false,
        with: None,
        phase: ImportPhase::Evaluation,
    }))
}

/// A JSON value as a JavaScript expression.
fn json_expression(value: &serde_json::Value) -> Box<Expr> {
    // JSON text is a JavaScript expression (U+2028 and U+2029 included, since ES2019).
    let text = value.to_string();
    let source_map = SwcSourceMap::default();
    let file = source_map.new_source_file(
        Lrc::new(swc_core::common::FileName::Anon),
        format!("({text})"),
    );
    let mut expression = swc_core::ecma::parser::parse_file_as_expr(
        &file,
        swc_core::ecma::parser::Syntax::Es(Default::default()),
        swc_core::ecma::ast::EsVersion::EsNext,
        None,
        &mut Vec::new(),
    )
    .expect("JSON is JavaScript");
    expression.visit_mut_with(&mut DummySpans);
    expression
}

struct DummySpans;

impl VisitMut for DummySpans {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = DUMMY_SP;
    }
}

fn spanned(ident: &Ident, span: Span) -> Ident {
    Ident {
        span,
        ..ident.clone()
    }
}

fn with_span(mut expression: Box<Expr>, span: Span) -> Box<Expr> {
    match &mut *expression {
        Expr::Call(call) => call.span = span,
        Expr::Seq(sequence) => sequence.span = span,
        _ => {}
    }
    expression
}

fn call(callee: Ident, arguments: Vec<ExprOrSpread>) -> Box<Expr> {
    call_at(DUMMY_SP, callee, arguments)
}

fn call_at(span: Span, callee: Ident, arguments: Vec<ExprOrSpread>) -> Box<Expr> {
    Box::new(Expr::Call(CallExpr {
        span,
        callee: Callee::Expr(Box::new(Expr::Ident(callee))),
        args: arguments,
        ..CallExpr::default()
    }))
}

#[allow(clippy::vec_box, reason = "`SeqExpr` holds boxed expressions")]
fn sequence(expressions: Vec<Box<Expr>>) -> Box<Expr> {
    Box::new(Expr::Seq(SeqExpr {
        span: DUMMY_SP,
        exprs: expressions,
    }))
}

fn number(value: f64) -> Box<Expr> {
    Box::new(Expr::Lit(Lit::Num(Number {
        span: DUMMY_SP,
        value,
        raw: None,
    })))
}

fn assign(target: Ident, value: Box<Expr>) -> Expr {
    Expr::Assign(AssignExpr {
        span: DUMMY_SP,
        op: AssignOp::Assign,
        left: AssignTarget::Simple(SimpleAssignTarget::Ident(target.into())),
        right: value,
    })
}

fn expression_statement(expression: Box<Expr>) -> Stmt {
    Stmt::Expr(ExprStmt {
        span: expression.span(),
        expr: expression,
    })
}

fn arrow(statements: Vec<Stmt>) -> Expr {
    Expr::Arrow(ArrowExpr {
        span: DUMMY_SP,
        body: Box::new(ArrowFunctionBody::FunctionBody(FunctionBody {
            span: DUMMY_SP,
            stmts: statements,
        })),
        ..ArrowExpr::default()
    })
}

fn const_declaration(name: Ident, value: Box<Expr>) -> Stmt {
    let span = name.span;
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span,
        kind: VarDeclKind::Const,
        decls: vec![VarDeclarator {
            span,
            name: Pat::Ident(name.into()),
            init: Some(value),
            definite: false,
        }],
        ..VarDecl::default()
    })))
}

fn var_declaration_of(name: Ident, value: Box<Expr>) -> Stmt {
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span: DUMMY_SP,
        kind: VarDeclKind::Var,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: Pat::Ident(name.into()),
            init: Some(value),
            definite: false,
        }],
        ..VarDecl::default()
    })))
}

fn var_declaration(names: Vec<Ident>) -> Stmt {
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span: DUMMY_SP,
        kind: VarDeclKind::Var,
        decls: names
            .into_iter()
            .map(|name| VarDeclarator {
                span: DUMMY_SP,
                name: Pat::Ident(name.into()),
                init: None,
                definite: false,
            })
            .collect(),
        ..VarDecl::default()
    })))
}
