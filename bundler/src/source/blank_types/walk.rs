//! The walk over code: every type annotation, type argument and cast blanked.

use swc_core::common::{Span, Spanned};
use swc_core::ecma::ast::{
    ArrayPat, ArrowExpr, BindingIdent, Class, ClassMethod, ClassProp, Decl, Expr, Function, ObjectPat, Pat,
    PrivateProp, RestPat, SimpleAssignTarget, Stmt, TsAsExpr, TsConstAssertion, TsEnumDecl, TsExprWithTypeArgs,
    TsIndexSignature, TsInstantiation, TsInterfaceDecl, TsModuleDecl, TsNonNullExpr, TsSatisfiesExpr, TsType,
    TsTypeAliasDecl, TsTypeAnn, TsTypeAssertion, TsTypeParamDecl, TsTypeParamInstantiation, UpdateExpr,
};
use swc_core::ecma::visit::{Visit, VisitWith};

use super::items::type_only;
use super::{Blanker, LINE_BREAKS};

impl Visit for Blanker<'_> {
    fn visit_ts_type_ann(&mut self, annotation: &TsTypeAnn) {
        self.blank_annotation(annotation);
    }
    fn visit_ts_type_param_decl(&mut self, params: &TsTypeParamDecl) {
        self.blank_span(params.span);
    }
    fn visit_ts_type_param_instantiation(&mut self, args: &TsTypeParamInstantiation) {
        self.blank_span(args.span);
    }
    fn visit_ts_type(&mut self, _: &TsType) {}

    fn visit_binding_ident(&mut self, binding: &BindingIdent) {
        // A `?` or `!` after a name that is bound can only be TypeScript's (an optional
        // parameter, a definite variable); the parser does not always mark it.
        // (An arrow function's parameter spans its annotation too: the name is looked at.)
        let start = self.offset(binding.id.span.lo);
        let end = start + binding.id.sym.len();
        if self.text.get(start..end) != Some(&*binding.id.sym) {
            // Written with escapes.
            self.failed = true;
            return;
        }
        self.blank_mark_after(end);
        if let Some(annotation) = &binding.type_ann {
            self.blank_annotation(annotation);
        }
    }
    fn visit_simple_assign_target(&mut self, target: &SimpleAssignTarget) {
        // `a ??= b`: a name assigned to is not bound, and what follows it is an operator.
        if !matches!(target, SimpleAssignTarget::Ident(_)) {
            target.visit_children_with(self);
        }
    }
    fn visit_object_pat(&mut self, pattern: &ObjectPat) {
        pattern.props.visit_with(self);
        self.pattern_types(pattern.span, pattern.optional, pattern.type_ann.as_deref());
    }
    fn visit_array_pat(&mut self, pattern: &ArrayPat) {
        pattern.elems.visit_with(self);
        self.pattern_types(pattern.span, pattern.optional, pattern.type_ann.as_deref());
    }
    fn visit_rest_pat(&mut self, pattern: &RestPat) {
        pattern.arg.visit_with(self);
        if let Some(annotation) = &pattern.type_ann {
            self.blank_annotation(annotation);
        }
    }

    fn visit_function(&mut self, function: &Function) {
        if let Some(params) = &function.type_params {
            self.blank_span(params.span);
        }
        if let Some(this) = &function.this_param {
            // `this: T,`: the parameter, its annotation (which its span may leave out) and
            // the comma after it.
            let mut range = self.range(this.span);
            if let Some(annotation) = &this.type_ann {
                range.end = range.end.max(self.offset(annotation.span.hi));
            }
            self.blank(range.clone());
            self.blank_comma_after(range.end);
        }
        function.params.visit_with(self);
        if let Some(annotation) = &function.return_type {
            self.blank_annotation(annotation);
        }
        function.body.visit_with(self);
    }
    fn visit_arrow_expr(&mut self, arrow: &ArrowExpr) {
        if let Some(params) = &arrow.type_params {
            self.arrow_type_params(params);
        }
        arrow.params.visit_with(self);
        if let Some(annotation) = &arrow.return_type {
            self.arrow_return_type(annotation);
        }
        arrow.body.visit_with(self);
    }
    fn visit_class(&mut self, class: &Class) {
        if !class.decorators.is_empty() {
            self.failed = true;
            return;
        }
        self.class(class);
    }
    fn visit_stmt(&mut self, statement: &Stmt) {
        self.statement(statement);
    }
    fn visit_decl(&mut self, decl: &Decl) {
        // Declarations not in a statement list (`export` ones are handled by `module_item`).
        match decl {
            Decl::TsEnum(_) | Decl::TsModule(_) => self.failed = true,
            _ if type_only(decl) => self.failed = true,
            _ => decl.visit_children_with(self),
        }
    }

    fn visit_ts_as_expr(&mut self, expression: &TsAsExpr) {
        self.cast(expression.span, expression.expr.span());
        expression.expr.visit_with(self);
    }
    fn visit_ts_satisfies_expr(&mut self, expression: &TsSatisfiesExpr) {
        self.cast(expression.span, expression.expr.span());
        expression.expr.visit_with(self);
    }
    fn visit_ts_const_assertion(&mut self, expression: &TsConstAssertion) {
        self.cast(expression.span, expression.expr.span());
        expression.expr.visit_with(self);
    }
    fn visit_ts_non_null_expr(&mut self, expression: &TsNonNullExpr) {
        let start = self.offset(expression.expr.span().hi);
        let end = self.offset(expression.span.hi);
        self.blank(start..end);
        expression.expr.visit_with(self);
    }
    fn visit_ts_type_assertion(&mut self, expression: &TsTypeAssertion) {
        let start = self.offset(expression.span.lo);
        let end = self.offset(expression.expr.span().lo);
        if self.text.get(start..end).is_none_or(|prefix| prefix.contains(LINE_BREAKS)) {
            // `return <T>` then the value on the next line would return nothing.
            self.failed = true;
        }
        self.blank(start..end);
        expression.expr.visit_with(self);
    }
    fn visit_ts_instantiation(&mut self, expression: &TsInstantiation) {
        self.blank_span(expression.type_args.span);
        let end = self.offset(expression.span.hi);
        self.check_run_on(end);
        expression.expr.visit_with(self);
    }

    fn visit_expr(&mut self, expression: &Expr) {
        if let Expr::Member(member) = expression
            && !self.left_hand
            && let Some(value) = self.enum_value(member)
        {
            // Written on the lines it took (`E\n.A`), so the lines after stay where they were.
            let range = self.range(member.span);
            let line_breaks = self.text[range.clone()].matches('\n').count();
            self.write(range, value + &"\n".repeat(line_breaks));
            return;
        }
        let left_hand = std::mem::replace(&mut self.left_hand, false);
        expression.visit_children_with(self);
        self.left_hand = left_hand;
    }
    fn visit_update_expr(&mut self, expression: &UpdateExpr) {
        let left_hand = std::mem::replace(&mut self.left_hand, true);
        expression.arg.visit_with(self);
        self.left_hand = left_hand;
    }
    fn visit_pat(&mut self, pattern: &Pat) {
        // An expression as a pattern (`for (a.b of c)`, `[a.b] = c`) is written to.
        let left_hand = std::mem::replace(&mut self.left_hand, matches!(pattern, Pat::Expr(_)));
        pattern.visit_children_with(self);
        self.left_hand = left_hand;
    }

    fn visit_ts_enum_decl(&mut self, _: &TsEnumDecl) {
        self.failed = true;
    }
    fn visit_ts_module_decl(&mut self, module: &TsModuleDecl) {
        self.failed |= !module.declare;
    }
    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
    fn visit_ts_expr_with_type_args(&mut self, _: &TsExprWithTypeArgs) {}
    fn visit_ts_index_signature(&mut self, _: &TsIndexSignature) {}
    fn visit_class_method(&mut self, _: &ClassMethod) {
        self.failed = true
    }
    fn visit_class_prop(&mut self, _: &ClassProp) {
        self.failed = true
    }
    fn visit_private_prop(&mut self, _: &PrivateProp) {
        self.failed = true
    }
}

impl Blanker<'_> {
    /// `a as T`, `a satisfies T`, `a as const`: blanks what follows `a`.
    pub(super) fn cast(&mut self, span: Span, expression: Span) {
        let start = self.offset(expression.hi);
        let end = self.offset(span.hi);
        self.blank(start..end);
        self.check_run_on(end);
    }

    /// Blanks the `?` of an optional parameter after its name (or pattern) ending at `end`.
    pub(super) fn blank_mark_after_name(&mut self, end: usize) {
        if self.text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'?') {
            // The span took the `?` in.
            self.blank(end - 1..end);
        } else {
            self.blank_mark_after(end);
        }
    }

    /// Blanks an arrow function's return type. `)` and `=>` must stay on one line: where the
    /// type spans lines, the `)` moves to its last character (`(a\n  \n) =>`).
    pub(super) fn arrow_return_type(&mut self, annotation: &TsTypeAnn) {
        let range = self.range(annotation.span);
        let (_, after) = self.skip_space(range.end);
        let bytes = self.text.as_bytes();
        let colon = if bytes.get(range.start) == Some(&b':') {
            range.start
        } else {
            self.skip_space_back(range.start).0.saturating_sub(1)
        };
        let paren = self.skip_space_back(colon).0.saturating_sub(1);
        let last = range.end.saturating_sub(1);
        if after || bytes.get(colon) != Some(&b':') || bytes.get(paren) != Some(&b')') {
            self.failed = true;
            return;
        }
        if !self.text[paren..range.end].contains(LINE_BREAKS) {
            self.blank(colon..range.end);
            return;
        }
        if !bytes[last].is_ascii_graphic() || last <= colon {
            self.failed = true;
            return;
        }
        self.blank(paren..paren + 1);
        self.blank(colon..last);
        self.write(last..range.end, ")".to_owned());
    }

    /// Blanks an arrow function's type parameters. Where they span lines, the `(` of its
    /// parameters moves to the `<`: after `return` (or `async`), a line break before the `(`
    /// would end the statement (`return <\n T\n>(a) => a` returns nothing).
    pub(super) fn arrow_type_params(&mut self, params: &TsTypeParamDecl) {
        let range = self.range(params.span);
        if !self.text[range.clone()].contains(LINE_BREAKS) {
            self.blank(range);
            return;
        }
        let (open, _) = self.skip_space(range.end);
        let bytes = self.text.as_bytes();
        if bytes.get(range.start) != Some(&b'<') || bytes.get(open) != Some(&b'(') {
            self.failed = true;
            return;
        }
        self.write(range.start..range.start + 1, "(".to_owned());
        self.blank(range.start + 1..range.end);
        self.blank(open..open + 1);
    }

    /// A destructuring pattern's `?` (an optional parameter) and annotation.
    fn pattern_types(&mut self, span: Span, optional: bool, annotation: Option<&TsTypeAnn>) {
        if optional {
            let end = self.offset(span.hi);
            self.blank_mark_after_name(end);
        }
        if let Some(annotation) = annotation {
            self.blank_annotation(annotation);
        }
    }
}
