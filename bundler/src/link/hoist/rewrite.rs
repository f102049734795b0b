//! Each unit's syntax tree rewritten for the bundle: imports become references to what they
//! name, `export` comes off declarations, a lazily evaluated ES module is split into its
//! top-level declarations and the statements of its `__esm` closure, CommonJS becomes a
//! `__commonJS` closure, and `import()` and `require()` of bundled files become the bundle's
//! own.

use rustc_hash::FxHashMap;

use swc_core::common::DUMMY_SP;
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, AssignExpr, AssignOp, AssignTarget, BinExpr, BinaryOp, CallExpr, Callee, ClassExpr,
    Decl, DefaultDecl, Expr, ExprStmt, FnDecl, FnExpr, Function, FunctionBody, Id, Ident, IdentName, KeyValueProp, Lit,
    MemberExpr, MemberProp, Module as SwcModule, ModuleDecl, ModuleItem, ObjectLit, OptCall, Param, ParenExpr, Pat,
    Prop, PropName, SimpleAssignTarget, Stmt, Str, TaggedTpl,
};
use swc_core::ecma::utils::{ExprFactory, find_pat_ids};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use super::analyze::ImportName;
use super::runtime::Helper;
use super::syntax::{
    assign, binding_expression, call, call_at, const_declaration, expression_statement, json_expression, number,
    sequence, spanned, string, var_declaration, with_span,
};
use super::{Binding, Linker, Unsupported};
use crate::diagnostics::error::BundleError;
use crate::project::graph::{Content, Target};
use crate::source::imports::ImportKind;

/// A unit's code, rewritten, before the bundle is put together.
pub(super) enum Code {
    /// Statements that run in place, in evaluation order.
    Eager(Vec<Stmt>),
    /// A lazily evaluated ES module: declarations at the top level, statements for `__esm`.
    Wrapped { hoisted: Vec<Stmt>, body: Vec<Stmt> },
    /// A declaration at the top (`__commonJS` closure, JSON or text value).
    Declaration(Stmt),
    /// Nothing in the bundle (a module of its own, imported).
    Nothing,
}

/// Rewrites one unit.
pub(super) fn rewrite_unit(
    linker: &Linker<'_>,
    unit: usize,
    tree: Option<SwcModule>,
) -> Result<Result<Code, Unsupported>, BundleError> {
    if linker.is_value(unit) {
        let file = linker.file(unit).expect("values are files");
        let value = match &linker.graph().files[file].content {
            Content::Json(value) => json_expression(value),
            Content::Text(text) => Box::new(Expr::Lit(Lit::Str(string(text)))),
            _ => unreachable!("values are JSON or text"),
        };
        return Ok(Ok(Code::Declaration(const_declaration(linker.value(unit).clone(), value))));
    }
    if linker.is_separate(unit) {
        return Ok(Ok(Code::Nothing));
    }
    let Some(mut tree) = tree else {
        // The empty module: `module.exports = {}`.
        return Ok(Ok(Code::Declaration(common_js_wrapper(linker, unit, Vec::new(), None))));
    };
    if linker.is_common_js(unit) {
        let parameters = CommonJsParameters::new();
        let mut references =
            References { linker, unit, replacements: FxHashMap::default(), common_js: Some(&parameters) };
        tree.visit_mut_with(&mut references);
        let body = tree
            .body
            .into_iter()
            .filter_map(|item| match item {
                ModuleItem::Stmt(statement) => Some(statement),
                ModuleItem::ModuleDecl(_) => None,
            })
            .collect();
        return Ok(Ok(Code::Declaration(common_js_wrapper(linker, unit, body, Some(&parameters)))));
    }
    let record = linker.record(unit).expect("the rest are ES modules");
    let mut replacements = FxHashMap::default();
    replacements.reserve(record.imports.len());
    for (local, binding) in &record.imports {
        match linker.import(unit, binding)? {
            Ok(found) => {
                replacements.insert(local.clone(), found);
            }
            Err(unsupported) => return Ok(Err(unsupported)),
        }
    }
    // Without imports to replace or `import()`s of the bundle's modules to rewrite, as zod's
    // one file, the walk would change nothing.
    if !replacements.is_empty() || !linker.dynamic_targets[unit].is_empty() {
        let mut references = References { linker, unit, replacements, common_js: None };
        tree.visit_mut_with(&mut references);
    }
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
                    ident: function.ident.unwrap_or_else(|| spanned(linker.symbols_default(unit), export.span)),
                    declare: false,
                    function: function.function,
                }))),
                DefaultDecl::Class(class) => statements.push(Stmt::Decl(Decl::Class(swc_core::ecma::ast::ClassDecl {
                    ident: class.ident.unwrap_or_else(|| spanned(linker.symbols_default(unit), export.span)),
                    declare: false,
                    class: class.class,
                }))),
                DefaultDecl::TsInterfaceDecl(_) => {}
            },
            ModuleDecl::ExportDefaultExpr(export) => {
                statements.push(const_declaration(spanned(linker.symbols_default(unit), export.span), export.expr))
            }
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
                let expression = Expr::Class(ClassExpr { ident: Some(class.ident.clone()), class: class.class });
                body.push(Stmt::Expr(ExprStmt { span, expr: Box::new(assign(class.ident, Box::new(expression))) }));
            }
            Stmt::Decl(Decl::Var(variables)) => {
                for declarator in variables.decls {
                    let ids: Vec<Id> = find_pat_ids(&declarator.name);
                    names.extend(ids.into_iter().map(|(sym, ctxt)| Ident::new(sym, DUMMY_SP, ctxt)));
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
                    let assignment = Expr::Assign(AssignExpr { span, op: AssignOp::Assign, left: target, right: init });
                    body.push(Stmt::Expr(ExprStmt {
                        span,
                        expr: Box::new(Expr::Paren(ParenExpr { span, expr: Box::new(assignment) })),
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
        CommonJsParameters { exports: fresh("exports"), module: fresh("module") }
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
                right: Box::new(Expr::Object(ObjectLit { span: DUMMY_SP, props: Vec::new() })),
            }))));
            &fresh
        }
    };
    let function = Function {
        params: [&parameters.exports, &parameters.module]
            .into_iter()
            .map(|ident| Param { span: DUMMY_SP, decorators: Vec::new(), pat: Pat::Ident(ident.clone().into()) })
            .collect(),
        body: Some(FunctionBody { span: DUMMY_SP, stmts: body }),
        ..Function::default()
    };
    let closure = Expr::Fn(FnExpr { ident: None, function: Box::new(function) });
    let wrapper = call(linker.runtime().ident(Helper::CommonJs), vec![closure.as_arg()]);
    const_declaration(linker.require(unit).clone(), wrapper)
}

/// Rewrites references: imported names to what they are in the bundle, `import()` and
/// `require()` of bundled modules to the bundle's own, and in CommonJS `module` and
/// `exports` to the closure's parameters.
struct References<'a> {
    linker: &'a Linker<'a>,
    unit: usize,
    replacements: FxHashMap<Id, Binding>,
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
                    let namespace = Box::new(Expr::Ident(spanned(&namespace, span)));
                    if !crate::project::resolve::is_node_builtin(&specifier_text) {
                        return Some(namespace);
                    }
                    // `require("events")` is the module's value (the `EventEmitter` class), as
                    // in Node.js and in what wrangler builds: a runtime's Node.js module has it
                    // as its default export. `ns.default ?? ns`.
                    Some(Box::new(Expr::Bin(BinExpr {
                        span,
                        op: BinaryOp::NullishCoalescing,
                        left: Box::new(Expr::Member(MemberExpr {
                            span: DUMMY_SP,
                            obj: namespace.clone(),
                            prop: MemberProp::Ident(IdentName::new("default".into(), DUMMY_SP)),
                        })),
                        right: namespace,
                    })))
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
                call(linker.runtime().ident(Helper::ToCommonJs), vec![Box::new(Expr::Ident(namespace)).as_arg()])
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
            *rewritten.args[0].expr =
                Expr::Lit(Lit::Str(Str { span: specifier.span, ..string(&linker.separate_specifier(file)) }));
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
            obj: Box::new(Expr::Ident(Ident::new("Promise".into(), DUMMY_SP, linker.unresolved()))),
            prop: MemberProp::Ident(IdentName::new("resolve".into(), DUMMY_SP)),
        }))
        .as_call(DUMMY_SP, vec![]);
        let then = MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(resolved),
            prop: MemberProp::Ident(IdentName::new("then".into(), DUMMY_SP)),
        };
        let closure =
            Expr::Arrow(ArrowExpr { span, body: Box::new(ArrowFunctionBody::Expr(value)), ..ArrowExpr::default() });
        Some(Box::new(Expr::Member(then).as_call(span, vec![closure.as_arg()])))
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
        **callee = Expr::Paren(ParenExpr { span: DUMMY_SP, expr: sequence(vec![number(0.0), member]) });
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
