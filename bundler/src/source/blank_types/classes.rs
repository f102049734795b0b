//! Classes: modifiers and members that are types blanked, parameter properties written.

use swc_core::common::Spanned;
use swc_core::ecma::ast::{Class, ClassMember, Expr, Function, ParamOrTsParamProp, Pat, Stmt, TsParamPropParam};
use swc_core::ecma::visit::{Visit, VisitWith};

use super::Blanker;
use super::names::removed_member;

impl Blanker<'_> {
    /// Blanks the types of a class and its members, and writes its parameter properties.
    pub(super) fn class(&mut self, class: &Class) {
        if let Some(params) = &class.type_params {
            self.blank_span(params.span);
        }
        if let Some(params) = &class.super_type_params {
            self.blank_span(params.span);
        }
        class.super_class.visit_with(self);
        if let (Some(first), Some(last)) = (class.implements.first(), class.implements.last()) {
            let start = self.offset(first.span.lo);
            let end = self.offset(last.span.hi);
            let (before, _) = self.skip_space_back(start);
            if before >= "implements".len() && self.text.get(before - "implements".len()..before) == Some("implements")
            {
                self.blank(before - "implements".len()..end);
            } else {
                self.failed = true;
            }
        }
        if class.is_abstract {
            let start = self.offset(class.span.lo);
            if self.text[start..].starts_with("abstract") {
                self.blank(start..start + "abstract".len());
            } else {
                let (before, _) = self.skip_space_back(start);
                if before >= "abstract".len() && self.text.get(before - "abstract".len()..before) == Some("abstract") {
                    self.blank(before - "abstract".len()..before);
                } else {
                    self.failed = true;
                }
            }
        }
        let mut properties = Vec::new();
        let mut super_call = None;
        for member in &class.body {
            if removed_member(member) {
                self.blank_statement(member.span());
                continue;
            }
            match member {
                ClassMember::ClassProp(property) => {
                    let start = self.offset(property.span.lo);
                    let key = self.offset(property.key.span().lo);
                    self.blank_modifiers(start, key, true);
                    let key_end = self.offset(property.key.span().hi);
                    if property.is_optional || property.definite {
                        self.blank_mark_after(key_end);
                    }
                    property.key.visit_with(self);
                    if let Some(annotation) = &property.type_ann {
                        // A field without a value ends at its annotation, with a `;` in place
                        // of the colon: `get: T` then `commit() {}` would be a getter.
                        self.blank_annotation_as(annotation, property.value.is_none());
                    }
                    property.value.visit_with(self);
                }
                ClassMember::PrivateProp(property) => {
                    let start = self.offset(property.span.lo);
                    let key = self.offset(property.key.span.lo);
                    self.blank_modifiers(start, key, true);
                    let key_end = self.offset(property.key.span.hi);
                    if property.is_optional || property.definite {
                        self.blank_mark_after(key_end);
                    }
                    if let Some(annotation) = &property.type_ann {
                        self.blank_annotation_as(annotation, property.value.is_none());
                    }
                    property.value.visit_with(self);
                }
                ClassMember::Method(method) => {
                    let start = self.offset(method.span.lo);
                    let key = self.offset(method.key.span().lo);
                    self.blank_modifiers(start, key, true);
                    if method.is_optional {
                        let key_end = self.offset(method.key.span().hi);
                        self.blank_mark_after(key_end);
                    }
                    method.key.visit_with(self);
                    method.function.visit_with(self);
                }
                ClassMember::PrivateMethod(method) => {
                    let start = self.offset(method.span.lo);
                    let key = self.offset(method.key.span.lo);
                    self.blank_modifiers(start, key, true);
                    if method.is_optional {
                        let key_end = self.offset(method.key.span.hi);
                        self.blank_mark_after(key_end);
                    }
                    method.function.visit_with(self);
                }
                ClassMember::Constructor(constructor) => {
                    let start = self.offset(constructor.span.lo);
                    let key = self.offset(constructor.key.span().lo);
                    self.blank_modifiers(start, key, true);
                    for param in &constructor.params {
                        match param {
                            ParamOrTsParamProp::Param(param) => param.visit_with(self),
                            ParamOrTsParamProp::TsParamProp(property) => {
                                let binding = match &property.param {
                                    TsParamPropParam::Ident(binding) => binding,
                                    TsParamPropParam::Assign(assign) => match &*assign.left {
                                        Pat::Ident(binding) => binding,
                                        _ => {
                                            self.failed = true;
                                            return;
                                        }
                                    },
                                };
                                let start = self.offset(property.span.lo);
                                let name = self.offset(binding.id.span.lo);
                                self.blank_modifiers(start, name, false);
                                property.param.visit_with(self);
                                properties.push(binding.id.sym.clone());
                            }
                        }
                    }
                    let Some(body) = &constructor.body else { continue };
                    if class.super_class.is_some() {
                        super_call = Some(self.super_call(&body.stmts));
                    } else {
                        let open = self.offset(body.span.lo);
                        super_call = Some(Some(open + 1));
                    }
                    body.visit_with(self);
                }
                ClassMember::AutoAccessor(_) => self.failed = true,
                ClassMember::StaticBlock(_) | ClassMember::Empty(_) | ClassMember::TsIndexSignature(_) => {
                    member.visit_with(self);
                }
            }
        }
        if properties.is_empty() {
            return;
        }
        let (Some(Some(at)), Some(first)) = (super_call, class.body.first()) else {
            self.failed = true;
            return;
        };
        let fields: String = properties.iter().map(|name| format!("{name}; ")).collect();
        let first = self.offset(first.span().lo);
        self.write(first..first, fields);
        let assignments: String = properties.iter().map(|name| format!(" this.{name} = {name};")).collect();
        let prefix = if class.super_class.is_some() { ";" } else { "" };
        self.write(at..at, format!("{prefix}{assignments}"));
    }

    /// Where the assignments of parameter properties go in a derived class's constructor:
    /// after its one `super()` call, a statement of the body; `None` if there is no such call or
    /// another one anywhere.
    pub(super) fn super_call(&mut self, statements: &[Stmt]) -> Option<usize> {
        struct Calls(usize);
        impl Visit for Calls {
            fn visit_callee(&mut self, callee: &swc_core::ecma::ast::Callee) {
                if let swc_core::ecma::ast::Callee::Super(_) = callee {
                    self.0 += 1;
                }
                callee.visit_children_with(self);
            }
            fn visit_class(&mut self, _: &Class) {}
            fn visit_function(&mut self, _: &Function) {}
        }
        let mut calls = Calls(0);
        statements.visit_with(&mut calls);
        if calls.0 != 1 {
            return None;
        }
        let statement = statements.iter().find(|statement| {
            matches!(statement, Stmt::Expr(expression)
                if matches!(&*expression.expr, Expr::Call(call)
                    if matches!(call.callee, swc_core::ecma::ast::Callee::Super(_))))
        })?;
        Some(self.offset(statement.span().hi))
    }
}
