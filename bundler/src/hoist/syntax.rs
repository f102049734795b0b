//! Small syntax trees the bundle is made of.

use swc_core::atoms::Atom;
use swc_core::common::{DUMMY_SP, SourceMap as SwcSourceMap, Span, Spanned, sync::Lrc};
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, AssignExpr, AssignOp, AssignTarget, CallExpr, Callee, Decl, Expr, ExprOrSpread,
    ExprStmt, FunctionBody, Ident, IdentName, Lit, MemberExpr, MemberProp, ModuleExportName, Number, Pat, PropName,
    SeqExpr, SimpleAssignTarget, Stmt, Str, VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::visit::VisitMutWith;

use super::Binding;
use super::runtime::DummySpans;
use crate::imports::is_identifier_name;

pub(super) fn binding_expression(binding: &Binding, span: Span) -> Box<Expr> {
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

pub(super) fn member_property(name: &Atom) -> MemberProp {
    if is_identifier_name(name) {
        MemberProp::Ident(IdentName::new(name.clone(), DUMMY_SP))
    } else {
        MemberProp::Computed(swc_core::ecma::ast::ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(string(name)))),
        })
    }
}

/// A string literal of `text`.
pub(super) fn string(text: &str) -> Str {
    Str { span: DUMMY_SP, value: text.into(), raw: None }
}

pub(super) fn property_name(name: &Atom) -> PropName {
    if is_identifier_name(name) {
        PropName::Ident(IdentName::new(name.clone(), DUMMY_SP))
    } else {
        PropName::Str(string(name))
    }
}

pub(super) fn export_name(name: &Atom) -> ModuleExportName {
    if is_identifier_name(name) {
        ModuleExportName::Ident(Ident::new_no_ctxt(name.clone(), DUMMY_SP))
    } else {
        ModuleExportName::Str(string(name))
    }
}

/// A JSON value as a JavaScript expression.
pub(super) fn json_expression(value: &serde_json::Value) -> Box<Expr> {
    // JSON text is a JavaScript expression (U+2028 and U+2029 included, since ES2019).
    let text = value.to_string();
    let source_map = SwcSourceMap::default();
    let file = source_map.new_source_file(Lrc::new(swc_core::common::FileName::Anon), format!("({text})"));
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

pub(super) fn spanned(ident: &Ident, span: Span) -> Ident {
    Ident { span, ..ident.clone() }
}

pub(super) fn with_span(mut expression: Box<Expr>, span: Span) -> Box<Expr> {
    match &mut *expression {
        Expr::Call(call) => call.span = span,
        Expr::Seq(sequence) => sequence.span = span,
        _ => {}
    }
    expression
}

pub(super) fn call(callee: Ident, arguments: Vec<ExprOrSpread>) -> Box<Expr> {
    call_at(DUMMY_SP, callee, arguments)
}

pub(super) fn call_at(span: Span, callee: Ident, arguments: Vec<ExprOrSpread>) -> Box<Expr> {
    Box::new(Expr::Call(CallExpr {
        span,
        callee: Callee::Expr(Box::new(Expr::Ident(callee))),
        args: arguments,
        ..CallExpr::default()
    }))
}

#[allow(clippy::vec_box, reason = "`SeqExpr` holds boxed expressions")]
pub(super) fn sequence(expressions: Vec<Box<Expr>>) -> Box<Expr> {
    Box::new(Expr::Seq(SeqExpr { span: DUMMY_SP, exprs: expressions }))
}

pub(super) fn number(value: f64) -> Box<Expr> {
    Box::new(Expr::Lit(Lit::Num(Number { span: DUMMY_SP, value, raw: None })))
}

pub(super) fn assign(target: Ident, value: Box<Expr>) -> Expr {
    Expr::Assign(AssignExpr {
        span: DUMMY_SP,
        op: AssignOp::Assign,
        left: AssignTarget::Simple(SimpleAssignTarget::Ident(target.into())),
        right: value,
    })
}

pub(super) fn expression_statement(expression: Box<Expr>) -> Stmt {
    Stmt::Expr(ExprStmt { span: expression.span(), expr: expression })
}

pub(super) fn arrow(statements: Vec<Stmt>) -> Expr {
    Expr::Arrow(ArrowExpr {
        span: DUMMY_SP,
        body: Box::new(ArrowFunctionBody::FunctionBody(FunctionBody { span: DUMMY_SP, stmts: statements })),
        ..ArrowExpr::default()
    })
}

pub(super) fn const_declaration(name: Ident, value: Box<Expr>) -> Stmt {
    let span = name.span;
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span,
        kind: VarDeclKind::Const,
        decls: vec![VarDeclarator { span, name: Pat::Ident(name.into()), init: Some(value), definite: false }],
        ..VarDecl::default()
    })))
}

pub(super) fn var_declaration_of(name: Ident, value: Box<Expr>) -> Stmt {
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

pub(super) fn var_declaration(names: Vec<Ident>) -> Stmt {
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        span: DUMMY_SP,
        kind: VarDeclKind::Var,
        decls: names
            .into_iter()
            .map(|name| VarDeclarator { span: DUMMY_SP, name: Pat::Ident(name.into()), init: None, definite: false })
            .collect(),
        ..VarDecl::default()
    })))
}
