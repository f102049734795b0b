//! The names of a module, found without scopes: which imports are used as values, and
//! which names are bound again.

use rustc_hash::{FxHashMap, FxHashSet};
use swc_core::ecma::ast::{
    BindingIdent, BreakStmt, ClassDecl, ClassExpr, ClassMember, ClassMethod, ContinueStmt, Decl, ExportNamedSpecifier,
    Expr, FnDecl, FnExpr, Function, ImportDecl, ImportSpecifier, LabeledStmt, MemberProp, Module, ModuleDecl,
    ModuleItem, NamedExport, Pat, PrivateMethod, PropName, Stmt, TsEnumDecl, TsExprWithTypeArgs, TsIndexSignature,
    TsInterfaceDecl, TsModuleDecl, TsType, TsTypeAliasDecl, TsTypeAnn, TsTypeParamDecl, TsTypeParamInstantiation,
    VarDecl,
};
use swc_core::ecma::atoms::Atom;
use swc_core::ecma::visit::{Visit, VisitWith};

/// The names of a module: what imports bind, what is used as a value, what is bound again,
/// and the top level's values and types.
#[derive(Default)]
pub(super) struct Names {
    /// Names that import declarations bind (value imports, not `import type`).
    pub(super) imported: FxHashSet<Atom>,
    /// The names the walk looks out for: those imports bind and those of the top level's
    /// enums.
    watched: FxHashSet<Atom>,
    /// Of those, the identifiers read or written as values (not in types, labels or
    /// declarations).
    pub(super) used: FxHashSet<Atom>,
    /// Of those, the names bound by anything but an import, in any scope, and how many times.
    pub(super) bound: FxHashMap<Atom, usize>,
    /// Names of the top level that are values, and those that are only types.
    pub(super) top_values: FxHashSet<Atom>,
    pub(super) top_types: FxHashSet<Atom>,
    /// How many enums are code (not `declare enum`), at any depth.
    pub(super) enums: usize,
}

impl Names {
    pub(super) fn of(module: &Module) -> Names {
        let mut names = Names::default();
        for item in &module.body {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) if !import.type_only => {
                    for specifier in &import.specifiers {
                        if !specifier.is_type_only() {
                            names.imported.insert(local(specifier).sym.clone());
                        }
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => names.top_level(&export.decl),
                ModuleItem::Stmt(Stmt::Decl(decl)) => names.top_level(decl),
                _ => {}
            }
        }
        names.watched.extend(names.imported.iter().cloned());
        let mut walker = NameWalker { names: &mut names };
        module.visit_with(&mut walker);
        names
    }

    fn top_level(&mut self, decl: &Decl) {
        match decl {
            Decl::Class(class) if !class.declare => {
                self.top_values.insert(class.ident.sym.clone());
            }
            Decl::Fn(function) if !function.declare => {
                self.top_values.insert(function.ident.sym.clone());
            }
            Decl::Var(var) if !var.declare => {
                let mut found = Vec::new();
                for declarator in &var.decls {
                    pattern_names(&declarator.name, &mut found);
                }
                self.top_values.extend(found);
            }
            Decl::TsEnum(enum_decl) if !enum_decl.declare => {
                self.top_values.insert(enum_decl.id.sym.clone());
                self.watched.insert(enum_decl.id.sym.clone());
            }
            Decl::Class(ClassDecl { ident, .. }) | Decl::Fn(FnDecl { ident, .. }) => {
                self.top_types.insert(ident.sym.clone());
            }
            Decl::TsInterface(interface) => {
                self.top_types.insert(interface.id.sym.clone());
            }
            Decl::TsTypeAlias(alias) => {
                self.top_types.insert(alias.id.sym.clone());
            }
            Decl::TsEnum(enum_decl) => {
                self.top_types.insert(enum_decl.id.sym.clone());
            }
            Decl::Var(_) | Decl::TsModule(_) | Decl::Using(_) => {}
        }
    }

    /// Whether `name` is bound by something other than an import.
    pub(super) fn bound_again(&self, name: &Atom) -> bool {
        self.bound.contains_key(name)
    }
}

/// The names a binding pattern binds.
fn pattern_names(pattern: &Pat, found: &mut Vec<Atom>) {
    struct Finder<'a>(&'a mut Vec<Atom>);
    impl Visit for Finder<'_> {
        fn visit_binding_ident(&mut self, ident: &BindingIdent) {
            self.0.push(ident.id.sym.clone());
        }
        fn visit_expr(&mut self, _: &Expr) {}
    }
    pattern.visit_with(&mut Finder(found));
}

/// The local name an import specifier binds.
pub(super) fn local(specifier: &ImportSpecifier) -> &swc_core::ecma::ast::Ident {
    match specifier {
        ImportSpecifier::Named(named) => &named.local,
        ImportSpecifier::Default(default) => &default.local,
        ImportSpecifier::Namespace(namespace) => &namespace.local,
    }
}

/// Walks code, not types, noting names used and bound.
struct NameWalker<'a> {
    names: &'a mut Names,
}

impl NameWalker<'_> {
    fn bind(&mut self, name: &Atom) {
        if self.names.watched.contains(name) {
            *self.names.bound.entry(name.clone()).or_default() += 1;
        }
    }
}

impl Visit for NameWalker<'_> {
    fn visit_ident(&mut self, ident: &swc_core::ecma::ast::Ident) {
        if self.names.watched.contains(&ident.sym) {
            self.names.used.insert(ident.sym.clone());
        }
    }
    fn visit_binding_ident(&mut self, ident: &BindingIdent) {
        self.bind(&ident.id.sym);
    }
    fn visit_fn_decl(&mut self, function: &FnDecl) {
        if function.declare || function.function.body.is_none() {
            return;
        }
        self.bind(&function.ident.sym);
        function.function.visit_with(self);
    }
    fn visit_fn_expr(&mut self, function: &FnExpr) {
        if let Some(ident) = &function.ident {
            self.bind(&ident.sym);
        }
        function.function.visit_with(self);
    }
    fn visit_class_decl(&mut self, class: &ClassDecl) {
        if class.declare {
            return;
        }
        self.bind(&class.ident.sym);
        class.class.visit_with(self);
    }
    fn visit_class_expr(&mut self, class: &ClassExpr) {
        if let Some(ident) = &class.ident {
            self.bind(&ident.sym);
        }
        class.class.visit_with(self);
    }
    fn visit_var_decl(&mut self, var: &VarDecl) {
        if !var.declare {
            var.visit_children_with(self);
        }
    }
    fn visit_ts_enum_decl(&mut self, enum_decl: &TsEnumDecl) {
        if enum_decl.declare {
            return;
        }
        self.names.enums += 1;
        self.bind(&enum_decl.id.sym);
        for member in &enum_decl.members {
            member.init.visit_with(self);
        }
    }
    fn visit_function(&mut self, function: &Function) {
        if function.body.is_some() {
            function.params.visit_with(self);
            function.body.visit_with(self);
        }
    }
    fn visit_class_member(&mut self, member: &ClassMember) {
        if !removed_member(member) {
            member.visit_children_with(self);
        }
    }
    fn visit_import_decl(&mut self, _: &ImportDecl) {}
    fn visit_named_export(&mut self, export: &NamedExport) {
        if export.src.is_none() && !export.type_only {
            export.visit_children_with(self);
        }
    }
    fn visit_export_named_specifier(&mut self, specifier: &ExportNamedSpecifier) {
        specifier.orig.visit_with(self);
    }
    fn visit_labeled_stmt(&mut self, labeled: &LabeledStmt) {
        labeled.body.visit_with(self);
    }
    fn visit_break_stmt(&mut self, _: &BreakStmt) {}
    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {}
    fn visit_member_prop(&mut self, property: &MemberProp) {
        if let MemberProp::Computed(computed) = property {
            computed.visit_with(self);
        }
    }
    fn visit_prop_name(&mut self, name: &PropName) {
        if let PropName::Computed(computed) = name {
            computed.visit_with(self);
        }
    }
    // Types, and declarations that are only types.
    fn visit_ts_type(&mut self, _: &TsType) {}
    fn visit_ts_type_ann(&mut self, _: &TsTypeAnn) {}
    fn visit_ts_type_param_decl(&mut self, _: &TsTypeParamDecl) {}
    fn visit_ts_type_param_instantiation(&mut self, _: &TsTypeParamInstantiation) {}
    fn visit_ts_expr_with_type_args(&mut self, _: &TsExprWithTypeArgs) {}
    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
    fn visit_ts_module_decl(&mut self, _: &TsModuleDecl) {}
    fn visit_ts_index_signature(&mut self, _: &TsIndexSignature) {}
}

/// A class member that is only a type: removed whole.
pub(super) fn removed_member(member: &ClassMember) -> bool {
    match member {
        ClassMember::TsIndexSignature(_) => true,
        ClassMember::Constructor(constructor) => constructor.body.is_none(),
        ClassMember::Method(ClassMethod { is_abstract, function, .. })
        | ClassMember::PrivateMethod(PrivateMethod { is_abstract, function, .. }) => {
            *is_abstract || function.body.is_none()
        }
        ClassMember::ClassProp(property) => property.declare || property.is_abstract,
        _ => false,
    }
}
