//! The module's items: imports elided, type-only declarations and exports blanked.

use swc_core::common::Spanned;
use swc_core::ecma::ast::{
    Decl, DefaultDecl, ExportDefaultExpr, ExportSpecifier, Expr, ImportSpecifier, Module, ModuleDecl, ModuleExportName,
    ModuleItem, NamedExport, Stmt,
};
use swc_core::ecma::visit::VisitWith;

use super::Blanker;
use super::names::{Names, local};

impl Blanker<'_> {
    /// Elides type-only imports and imports whose names are used only as types, as `tsc`
    /// does; fails where that needs scopes (see the module's text).
    pub(super) fn imports(&mut self, module: &Module, names: &Names) -> Option<()> {
        for item in &module.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            if import.type_only {
                self.blank_statement(import.span);
                continue;
            }
            if import.specifiers.is_empty() {
                continue;
            }
            let kept: Vec<bool> = import
                .specifiers
                .iter()
                .map(|specifier| !specifier.is_type_only() && names.used.contains(&local(specifier).sym))
                .collect();
            for specifier in &import.specifiers {
                if !specifier.is_type_only() && names.bound_again(&local(specifier).sym) {
                    return None;
                }
            }
            if !kept.contains(&true) {
                self.blank_statement(import.span);
                continue;
            }
            for (index, specifier) in import.specifiers.iter().enumerate() {
                if kept[index] {
                    continue;
                }
                let range = self.range(specifier.span());
                if let ImportSpecifier::Namespace(_) = specifier {
                    // `import a, * as b` without `b`: the comma before it goes.
                    let (before, _) = self.skip_space_back(range.start);
                    if before == 0 || self.text.as_bytes()[before - 1] != b',' {
                        return None;
                    }
                    self.blank(before - 1..range.end);
                } else {
                    self.blank(range.clone());
                    self.blank_comma_after(range.end);
                }
            }
        }
        (!self.failed).then_some(())
    }

    pub(super) fn module_item(&mut self, item: &ModuleItem, names: &Names) {
        self.top_level = true;
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(_)) => {}
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                if type_only(&export.decl) {
                    self.blank_statement(export.span);
                } else if let Decl::TsEnum(enum_decl) = &export.decl {
                    self.write_enum(enum_decl, export.span, true);
                } else {
                    self.top_level = false;
                    export.decl.visit_with(self);
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) => self.named_export(export, names),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &export.decl {
                DefaultDecl::TsInterfaceDecl(_) => self.blank_statement(export.span),
                DefaultDecl::Fn(function) if function.function.body.is_none() => self.blank_statement(export.span),
                _ => {
                    self.top_level = false;
                    export.decl.visit_with(self);
                }
            },
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(ExportDefaultExpr { expr, span })) => {
                if let Expr::Ident(ident) = &**expr {
                    if names.imported.contains(&ident.sym) {
                        self.failed = true;
                    } else if names.top_types.contains(&ident.sym) && !names.top_values.contains(&ident.sym) {
                        self.blank_statement(*span);
                    }
                    return;
                }
                self.top_level = false;
                expr.visit_with(self);
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportAll(export)) => {
                if export.type_only {
                    self.blank_statement(export.span);
                }
            }
            ModuleItem::ModuleDecl(
                ModuleDecl::TsImportEquals(_) | ModuleDecl::TsExportAssignment(_) | ModuleDecl::TsNamespaceExport(_),
            ) => self.failed = true,
            ModuleItem::Stmt(statement) => self.statement(statement),
        }
        self.top_level = false;
    }

    pub(super) fn named_export(&mut self, export: &NamedExport, names: &Names) {
        if export.type_only {
            self.blank_statement(export.span);
            return;
        }
        if export.specifiers.is_empty() {
            return;
        }
        let mut left = export.specifiers.len();
        let mut blanked = Vec::new();
        for specifier in &export.specifiers {
            let type_only = match specifier {
                ExportSpecifier::Named(named) if named.is_type_only => true,
                ExportSpecifier::Named(named) if export.src.is_none() => {
                    let ModuleExportName::Ident(ident) = &named.orig else {
                        self.failed = true;
                        return;
                    };
                    if names.imported.contains(&ident.sym) {
                        self.failed = true;
                        return;
                    }
                    if names.top_values.contains(&ident.sym) {
                        false
                    } else if names.top_types.contains(&ident.sym) {
                        true
                    } else {
                        self.failed = true;
                        return;
                    }
                }
                _ => false,
            };
            if type_only {
                left -= 1;
                blanked.push(specifier.span());
            }
        }
        if left == 0 {
            self.blank_statement(export.span);
            return;
        }
        for span in blanked {
            let range = self.range(span);
            self.blank(range.clone());
            self.blank_comma_after(range.end);
        }
    }

    pub(super) fn statement(&mut self, statement: &Stmt) {
        if let Stmt::Decl(decl) = statement {
            if type_only(decl) {
                self.blank_statement(decl.span());
                return;
            }
            if let Decl::TsEnum(enum_decl) = decl {
                if self.top_level {
                    self.write_enum(enum_decl, enum_decl.span, false);
                } else {
                    self.failed = true;
                }
                return;
            }
            if let Decl::TsModule(_) = decl {
                self.failed = true;
                return;
            }
        }
        self.top_level = false;
        statement.visit_children_with(self);
    }
}

/// Whether a declaration is only a type: gone from the JavaScript.
pub(super) fn type_only(decl: &Decl) -> bool {
    match decl {
        Decl::TsInterface(_) | Decl::TsTypeAlias(_) => true,
        Decl::Var(var) => var.declare,
        Decl::Fn(function) => function.declare || function.function.body.is_none(),
        Decl::Class(class) => class.declare,
        Decl::TsModule(module) => module.declare,
        Decl::TsEnum(enum_decl) => enum_decl.declare,
        Decl::Using(_) => false,
    }
}
