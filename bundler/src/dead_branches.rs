//! Branches that a define made dead, removed as esbuild removes them: once
//! `process.env.NODE_ENV` is `"production"`, the `else` of
//! `if (process.env.NODE_ENV === "production") … else module.exports = require("./dev.js")`
//! never runs, so its `require` is neither followed nor needs its file.
//!
//! The tests of `if`, `?:`, `&&` and `||` are folded with swc's own `expr_simplifier` and
//! read with swc's `cast_to_bool`; only a test whose value is known and whose evaluation has
//! no side effect decides a branch. The rest of the code is left as it is (swc's whole
//! `simplifier` would also rewrite code no define touched).

use swc_core::common::util::take::Take;
use swc_core::common::{Mark, Spanned, SyntaxContext};
use swc_core::ecma::ast::{
    ArrowExpr, BinaryOp, BlockStmt, Class, Decl, Expr, Function, Ident, Lit, Module, Number, SeqExpr, Stmt, UnaryOp,
    VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::transforms::optimization::simplify::{ExprSimplifierConfig, expr_simplifier};
use swc_core::ecma::utils::{ExprCtx, ExprExt, Purity, Value, find_pat_ids};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

/// Removes the branches of `node` whose test is a constant, such as
/// `"production" !== "production"`. `unresolved_mark` is the mark `resolver` gave names that
/// the code does not declare (so `undefined` is known to be the global one).
pub(crate) fn remove_dead_branches(module: &mut Module, unresolved_mark: Mark) {
    let mut remover = Remover {
        unresolved_mark,
        context: ExprCtx {
            unresolved_ctxt: SyntaxContext::empty().apply_mark(unresolved_mark),
            is_unresolved_ref_safe: false,
            in_strict: false,
            remaining_depth: 4,
        },
    };
    module.visit_mut_with(&mut remover);
}

struct Remover {
    unresolved_mark: Mark,
    context: ExprCtx,
}

impl Remover {
    /// The value of `test` when it is known and evaluating it has no effect, with `test` as
    /// swc folds it (`false` for `"production" !== "production"`).
    fn decide(&self, test: &Expr) -> Option<(bool, Box<Expr>)> {
        if !may_be_constant(test) {
            return None;
        }
        let mut folded = Box::new(test.clone());
        folded.visit_mut_with(&mut expr_simplifier(self.unresolved_mark, ExprSimplifierConfig::default()));
        match folded.cast_to_bool(self.context) {
            (Purity::Pure, Value::Known(value)) => Some((value, folded)),
            _ => None,
        }
    }
}

impl VisitMut for Remover {
    fn visit_mut_stmt(&mut self, stmt: &mut Stmt) {
        if let Stmt::If(if_stmt) = stmt
            && let Some((value, _)) = self.decide(&if_stmt.test)
        {
            let cons = Some(if_stmt.cons.take());
            let alt = if_stmt.alt.take();
            let (taken, dead) = if value { (cons, alt) } else { (alt, cons) };
            let mut stmts: Vec<Stmt> = Vec::new();
            // A `var` in the dead branch still declares its name in the function.
            if let Some(var) = dead.as_deref().and_then(hoisted_vars) {
                stmts.push(var.into());
            }
            stmts.extend(taken.map(|taken| *taken));
            *stmt = match stmts.len() {
                0 => Stmt::dummy(),
                1 => stmts.pop().expect("one statement"),
                _ => BlockStmt { span: if_stmt.span, stmts, ..Default::default() }.into(),
            };
            // `else if` and branches nested in the one kept.
            stmt.visit_mut_with(self);
            return;
        }
        stmt.visit_mut_children_with(self);
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        loop {
            let kept = match expr {
                Expr::Cond(cond) => match self.decide(&cond.test) {
                    Some((true, _)) => cond.cons.take(),
                    Some((false, _)) => cond.alt.take(),
                    None => break,
                },
                Expr::Bin(bin) if matches!(bin.op, BinaryOp::LogicalAnd | BinaryOp::LogicalOr) => {
                    match self.decide(&bin.left) {
                        // `true && x` and `false || x` are `x`; `false && x` and `true || x`
                        // are the test's value.
                        Some((value, folded)) => {
                            if value == (bin.op == BinaryOp::LogicalAnd) {
                                bin.right.take()
                            } else {
                                folded
                            }
                        }
                        None => break,
                    }
                }
                _ => break,
            };
            *expr = indirect(kept);
        }
        expr.visit_mut_children_with(self);
    }
}

/// `(0, a.b)` for a member expression or `eval` that replaced a conditional: as a callee it
/// must still be called without `a` as `this` (and `eval` not directly).
fn indirect(expr: Box<Expr>) -> Expr {
    if !expr.directness_matters() {
        return *expr;
    }
    SeqExpr { span: expr.span(), exprs: vec![Lit::from(Number::from(0.0)).into(), expr] }.into()
}

/// Whether `test` could fold to a constant: literals, combined by operators. Most tests
/// name a variable, and are not copied to be folded.
fn may_be_constant(test: &Expr) -> bool {
    match test {
        Expr::Lit(_) => true,
        Expr::Paren(paren) => may_be_constant(&paren.expr),
        Expr::Unary(unary) => {
            matches!(unary.op, UnaryOp::Bang | UnaryOp::Minus | UnaryOp::Void) && may_be_constant(&unary.arg)
        }
        Expr::Bin(bin) => match bin.op {
            // `false && x` is known whatever `x` is.
            BinaryOp::LogicalAnd | BinaryOp::LogicalOr => may_be_constant(&bin.left) || may_be_constant(&bin.right),
            _ => may_be_constant(&bin.left) && may_be_constant(&bin.right),
        },
        _ => false,
    }
}

/// `var a, b;` for the `var` declarations in `stmt` (not in functions within it).
fn hoisted_vars(stmt: &Stmt) -> Option<VarDecl> {
    struct Vars(Vec<VarDeclarator>);
    impl Visit for Vars {
        fn visit_var_decl(&mut self, var: &VarDecl) {
            if var.kind == VarDeclKind::Var {
                let names: Vec<Ident> = find_pat_ids(&var.decls);
                self.0.extend(names.into_iter().map(|name| VarDeclarator {
                    span: name.span,
                    name: name.into(),
                    init: None,
                    definite: false,
                }));
            }
        }
        fn visit_function(&mut self, _: &Function) {}
        fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
        fn visit_class(&mut self, _: &Class) {}
        fn visit_decl(&mut self, decl: &Decl) {
            if let Decl::Var(var) = decl {
                self.visit_var_decl(var);
            }
        }
    }
    let mut vars = Vars(Vec::new());
    stmt.visit_with(&mut vars);
    (!vars.0.is_empty()).then(|| VarDecl {
        span: stmt.span(),
        kind: VarDeclKind::Var,
        decls: vars.0,
        ..Default::default()
    })
}
