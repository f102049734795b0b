//! Names that one block of a merged TypeScript namespace exports, qualified in its other
//! blocks, as `tsc` and esbuild qualify them:
//!
//! ```ts
//! namespace G { export const u = 1 }
//! namespace G { export const x = u + 1 } // `u` is `G.u`
//! ```
//!
//! swc's `typescript` pass (in swc_core 83) qualifies only the names a block exports itself,
//! so `u` above would stay a free name and throw a `ReferenceError`
//! (swc-project/swc#11514). This runs between `resolver` and that pass, with swc's own
//! `RefRewriter`, which rewrites references, assignments, shorthand properties and JSX
//! names alike.

use std::collections::{HashMap, HashSet};

use swc_core::atoms::Atom;
use swc_core::ecma::ast::{
    Decl, ExportDecl, Expr, Id, Ident, IdentName, JSXElementName, JSXMemberExpr, JSXObject, ModuleDecl, ModuleItem,
    ObjectPatProp, Program, Stmt, TsModuleBlock, TsModuleDecl, TsModuleName, TsNamespaceBody,
};
use swc_core::ecma::utils::{ExprFactory, QueryRef, RefRewriter, collect_decls, find_pat_ids};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

/// Qualifies, in each block of a namespace declared more than once in the same scope, the
/// free names its other blocks export. `program` must have been through `resolver`.
pub(crate) fn qualify_merged_namespaces(program: &mut Program) {
    if let Program::Module(module) = program {
        qualify_in(&mut module.body);
    }
}

/// The namespace `item` declares, unless it is `declare`d (types only).
fn namespace(item: &mut ModuleItem) -> Option<&mut TsModuleDecl> {
    let declaration = match item {
        ModuleItem::Stmt(Stmt::Decl(Decl::TsModule(declaration))) => declaration,
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl: Decl::TsModule(declaration), .. })) => {
            declaration
        }
        _ => return None,
    };
    (!declaration.declare).then_some(&mut **declaration)
}

/// Qualifies names in the namespaces declared among `items`, and in the namespaces nested in
/// those (namespaces are declared only at the top level and in namespaces).
fn qualify_in(items: &mut [ModuleItem]) {
    let mut blocks: HashMap<Id, (Ident, Vec<&mut TsModuleBlock>)> = HashMap::new();
    for item in items {
        let Some(declaration) = namespace(item) else {
            continue;
        };
        let mut body = declaration.body.as_mut();
        // `namespace A.B { … }`: the block is B's.
        while let Some(TsNamespaceBody::TsNamespaceDecl(inner)) = body {
            body = Some(&mut *inner.body);
        }
        let Some(TsNamespaceBody::TsModuleBlock(block)) = body else {
            continue;
        };
        qualify_in(&mut block.body);
        if let (TsModuleName::Ident(name), Some(TsNamespaceBody::TsModuleBlock(block))) =
            (&declaration.id, &mut declaration.body)
        {
            blocks.entry(name.to_id()).or_insert_with(|| (name.clone(), Vec::new())).1.push(block);
        }
    }
    for (namespace, mut blocks) in blocks.into_values() {
        if blocks.len() < 2 {
            continue;
        }
        let exported: Vec<HashSet<Atom>> = blocks.iter().map(|block| exports(block)).collect();
        for (index, block) in blocks.iter_mut().enumerate() {
            let names: HashSet<Atom> = exported
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .flat_map(|(_, names)| names.iter().cloned())
                .collect();
            if names.is_empty() {
                continue;
            }
            let declared: HashSet<Id> = collect_decls::<Id, _>(&**block).into_iter().collect();
            // A block that declares the namespace's name itself would read that one.
            if declared.iter().any(|(name, _)| *name == namespace.sym) {
                continue;
            }
            let mut rewriter = RefRewriter { query: Qualify { namespace: &namespace, names, declared } };
            block.body.visit_mut_with(&mut rewriter);
            block.body.visit_mut_with(&mut ShorthandTargets(&mut rewriter));
        }
    }
}

/// The value names a namespace block exports.
fn exports(block: &TsModuleBlock) -> HashSet<Atom> {
    let mut names = HashSet::new();
    for item in &block.body {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => match &export.decl {
                Decl::Var(var) => {
                    let ids: Vec<Ident> = find_pat_ids(&var.decls);
                    names.extend(ids.into_iter().map(|id| id.sym));
                }
                Decl::Fn(function) => {
                    names.insert(function.ident.sym.clone());
                }
                Decl::Class(class) => {
                    names.insert(class.ident.sym.clone());
                }
                Decl::TsEnum(declaration) => {
                    names.insert(declaration.id.sym.clone());
                }
                Decl::TsModule(declaration) => {
                    if let TsModuleName::Ident(name) = &declaration.id {
                        names.insert(name.sym.clone());
                    }
                }
                // Types, and `using`, which no block exports.
                _ => {}
            },
            ModuleItem::ModuleDecl(ModuleDecl::TsImportEquals(import)) if import.is_export && !import.is_type_only => {
                names.insert(import.id.sym.clone());
            }
            _ => {}
        }
    }
    names
}

/// `name` becomes `G.name` where the block does not declare `name` itself.
struct Qualify<'a> {
    namespace: &'a Ident,
    names: HashSet<Atom>,
    declared: HashSet<Id>,
}

impl Qualify<'_> {
    fn applies(&self, ident: &Ident) -> bool {
        self.names.contains(&ident.sym) && !self.declared.contains(&ident.to_id())
    }
}

impl QueryRef for Qualify<'_> {
    fn query_ref(&self, ident: &Ident) -> Option<Box<Expr>> {
        // At the reference's position, for source maps.
        self.applies(ident).then(|| {
            let namespace = Ident { span: ident.span, ..self.namespace.clone() };
            Box::new(namespace.make_member(IdentName::new(ident.sym.clone(), ident.span)).into())
        })
    }

    fn query_lhs(&self, ident: &Ident) -> Option<Box<Expr>> {
        self.query_ref(ident)
    }

    fn query_jsx(&self, ident: &Ident) -> Option<JSXElementName> {
        self.applies(ident).then(|| {
            JSXMemberExpr {
                span: ident.span,
                obj: JSXObject::Ident(Ident { span: ident.span, ..self.namespace.clone() }),
                prop: ident.clone().into(),
            }
            .into()
        })
    }
}

/// `({ u } = value)` to `({ u: G.u } = value)`, which `RefRewriter`'s own visitor leaves to
/// its caller (swc's `typescript` pass calls `exit_object_pat_prop` itself). A declaration's
/// `const { u } = value` is not touched: the block declares that `u`.
struct ShorthandTargets<'a, 'b>(&'a mut RefRewriter<Qualify<'b>>);

impl VisitMut for ShorthandTargets<'_, '_> {
    fn visit_mut_object_pat_prop(&mut self, prop: &mut ObjectPatProp) {
        prop.visit_mut_children_with(self);
        self.0.exit_object_pat_prop(prop);
    }
}
