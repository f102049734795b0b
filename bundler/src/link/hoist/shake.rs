//! Tree shaking: the bundle's top-level statements that nothing needs are left out.
//!
//! A statement stays when it may have side effects or declares a name a kept statement
//! reads. A declaration without side effects (a function, a class without static code, a
//! variable set to a literal, a function or an object of such values) stays only when used.
//! A module whose package says `"sideEffects": false` is left out altogether unless one of
//! its bindings is used; then its side effects stay too, as esbuild does.

use rustc_hash::FxHashMap;
use swc_core::atoms::Atom;
use swc_core::common::SyntaxContext;
use swc_core::ecma::ast::{
    BinaryOp, Callee, Class, ClassMember, Decl, Expr, Id, Ident, Lit, Module as SwcModule, ModuleDecl, ModuleItem, Pat,
    Prop, PropName, PropOrSpread, Stmt, UnaryOp,
};
use swc_core::ecma::visit::{Visit, VisitWith};

use super::Linker;
use super::analyze::{declared, imported};

/// A top-level item of the bundle, and the unit whose code it is (for `sideEffects`).
pub(super) struct Item {
    pub(super) item: ModuleItem,
    pub(super) owner: Option<usize>,
}

/// The bundle with only the items it needs, and the items left out. With `pool`, the walk
/// that finds what each item reads runs on its threads.
pub(super) fn shake(
    items: Vec<Item>,
    linker: &Linker<'_>,
    pool: Option<&rayon::ThreadPool>,
) -> (SwcModule, Vec<ModuleItem>) {
    let helpers = linker.runtime().context();
    // The top-level bindings, numbered, and the items that declare each.
    let mut bindings = Bindings::default();
    let mut pure = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let (declares, item_pure) = declarations(&item.item, helpers);
        for id in declares {
            bindings.declare(id, index);
        }
        pure.push(item_pure);
    }
    // The bindings each item reads (or writes): a walk of the whole bundle, on `pool`'s
    // threads when there is one. Which items end up live does not depend on the order in
    // which their references are followed, so the bundle is the same whatever the threads.
    let references_of = |item: &Item| {
        let mut references = References { bindings: &bindings, found: Vec::new() };
        item.item.visit_with(&mut references);
        let mut found = references.found;
        found.sort_unstable();
        found.dedup();
        found
    };
    let references: Vec<Vec<u32>> = match pool {
        Some(pool) if items.len() >= MIN_ITEMS_ON_POOL => {
            use rayon::prelude::*;
            pool.install(|| items.par_iter().with_min_len(MIN_ITEMS_ON_POOL / 4).map(references_of).collect())
        }
        _ => items.iter().map(references_of).collect(),
    };
    let mut by_owner: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (index, item) in items.iter().enumerate() {
        if let Some(unit) = item.owner {
            by_owner.entry(unit).or_default().push(index);
        }
    }
    let mut live = vec![false; items.len()];
    let mut included = vec![false; linker.unit_count()];
    let mut pending: Vec<usize> = (0..items.len())
        .filter(|&index| !pure[index] && items[index].owner.is_none_or(|unit| linker.side_effects(unit)))
        .collect();
    while let Some(index) = pending.pop() {
        if live[index] {
            continue;
        }
        live[index] = true;
        if let Some(unit) = items[index].owner
            && !std::mem::replace(&mut included[unit], true)
            && !linker.side_effects(unit)
        {
            // A module without side effects is used: its own side effects come with it.
            let own = by_owner.get(&unit).map_or(&[][..], Vec::as_slice);
            pending.extend(own.iter().copied().filter(|&other| !pure[other] && !live[other]));
        }
        for &binding in &references[index] {
            pending.extend(bindings.declarers[binding as usize].iter().copied().filter(|&other| !live[other]));
        }
    }
    let mut body = Vec::with_capacity(live.iter().filter(|&&live| live).count());
    let mut dead = Vec::with_capacity(items.len() - body.capacity());
    for (item, live) in items.into_iter().zip(live) {
        if live { body.push(item.item) } else { dead.push(item.item) }
    }
    (SwcModule { span: Default::default(), body, shebang: None }, dead)
}

/// The top-level bindings of the bundle, numbered: by syntax context first, as most names an
/// item reads are its own locals, in contexts no top-level binding has.
#[derive(Default)]
struct Bindings {
    numbers: FxHashMap<SyntaxContext, FxHashMap<Atom, u32>>,
    /// The items that declare each binding.
    declarers: Vec<Vec<usize>>,
}

impl Bindings {
    fn declare(&mut self, (name, context): Id, item: usize) {
        let next = self.declarers.len() as u32;
        let number = *self.numbers.entry(context).or_default().entry(name).or_insert(next);
        if number == next {
            self.declarers.push(Vec::new());
        }
        self.declarers[number as usize].push(item);
    }

    fn number(&self, ident: &Ident) -> Option<u32> {
        self.numbers.get(&ident.ctxt)?.get(&ident.sym).copied()
    }
}

/// What an item declares, and whether it can have a side effect.
fn declarations(item: &ModuleItem, helpers: SyntaxContext) -> (Vec<Id>, bool) {
    match item {
        ModuleItem::Stmt(Stmt::Decl(declaration)) => (declared(declaration), pure_declaration(declaration, helpers)),
        ModuleItem::Stmt(_) => (Vec::new(), false),
        // Imports load modules; the export list is what the bundle is for.
        ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => (imported(import), false),
        ModuleItem::ModuleDecl(_) => (Vec::new(), false),
    }
}

/// The fewest items whose references are worth finding on the pool.
const MIN_ITEMS_ON_POOL: usize = 256;

/// The top-level bindings an item reads or writes (a binding read twice is found twice).
struct References<'a> {
    bindings: &'a Bindings,
    found: Vec<u32>,
}

impl Visit for References<'_> {
    fn visit_ident(&mut self, ident: &Ident) {
        if let Some(number) = self.bindings.number(ident) {
            self.found.push(number);
        }
    }
}

fn pure_declaration(declaration: &Decl, helpers: SyntaxContext) -> bool {
    match declaration {
        Decl::Fn(_) => true,
        Decl::Class(class) => pure_class(&class.class, helpers),
        Decl::Var(variables) => variables.decls.iter().all(|declarator| {
            matches!(declarator.name, Pat::Ident(_) | Pat::Object(_) | Pat::Array(_))
                && declarator.init.as_deref().is_none_or(|init| {
                    // Destructuring reads properties, which may run getters.
                    matches!(declarator.name, Pat::Ident(_)) && pure_expression(init, helpers)
                })
        }),
        Decl::Using(_) => false,
        Decl::TsInterface(_) | Decl::TsTypeAlias(_) | Decl::TsEnum(_) | Decl::TsModule(_) => true,
    }
}

/// Whether evaluating an expression certainly has no effect (reading a variable counts as
/// none, as in esbuild).
fn pure_expression(expression: &Expr, helpers: SyntaxContext) -> bool {
    let pure = |expression: &Expr| pure_expression(expression, helpers);
    match expression {
        Expr::Lit(_) | Expr::Ident(_) | Expr::This(_) | Expr::Arrow(_) | Expr::Fn(_) => true,
        Expr::MetaProp(_) => true,
        Expr::Class(class) => pure_class(&class.class, helpers),
        Expr::Paren(paren) => pure(&paren.expr),
        Expr::Array(array) => array
            .elems
            .iter()
            .all(|element| element.as_ref().is_none_or(|element| element.spread.is_none() && pure(&element.expr))),
        Expr::Object(object) => object.props.iter().all(|property| match property {
            PropOrSpread::Spread(_) => false,
            PropOrSpread::Prop(property) => match &**property {
                Prop::Shorthand(_) => true,
                Prop::KeyValue(key_value) => pure_key(&key_value.key) && pure(&key_value.value),
                Prop::Method(method) => pure_key(&method.key),
                Prop::Getter(getter) => pure_key(&getter.key),
                Prop::Setter(setter) => pure_key(&setter.key),
                Prop::Assign(_) => false,
            },
        }),
        Expr::Tpl(template) => template.exprs.iter().all(|expression| matches!(&**expression, Expr::Lit(_))),
        Expr::Unary(unary) => match unary.op {
            UnaryOp::Bang | UnaryOp::Void | UnaryOp::TypeOf => pure(&unary.arg),
            UnaryOp::Minus | UnaryOp::Plus | UnaryOp::Tilde => matches!(&*unary.arg, Expr::Lit(_)),
            UnaryOp::Delete => false,
        },
        Expr::Seq(sequence) => sequence.exprs.iter().all(|expression| pure(expression)),
        Expr::Cond(conditional) => pure(&conditional.test) && pure(&conditional.cons) && pure(&conditional.alt),
        Expr::Bin(binary) => match binary.op {
            BinaryOp::LogicalAnd
            | BinaryOp::LogicalOr
            | BinaryOp::NullishCoalescing
            | BinaryOp::EqEqEq
            | BinaryOp::NotEqEq => pure(&binary.left) && pure(&binary.right),
            _ => matches!(&*binary.left, Expr::Lit(_)) && matches!(&*binary.right, Expr::Lit(_)),
        },
        // The bundle's own helpers (`__commonJS`, `__esm`, `__namespace`) only make closures
        // and objects.
        Expr::Call(call) => {
            matches!(&call.callee, Callee::Expr(callee)
                if matches!(&**callee, Expr::Ident(ident) if ident.ctxt == helpers))
                && call.args.iter().all(|argument| argument.spread.is_none() && pure(&argument.expr))
        }
        _ => false,
    }
}

fn pure_key(key: &PropName) -> bool {
    match key {
        PropName::Computed(computed) => {
            matches!(&*computed.expr, Expr::Lit(Lit::Str(_) | Lit::Num(_)))
        }
        _ => true,
    }
}

/// A class whose definition runs no code of its own: no decorators, static initializers or
/// blocks, computed keys that are literals, and a superclass that is a name.
fn pure_class(class: &Class, helpers: SyntaxContext) -> bool {
    // Instance fields run when an instance is made; static ones with the class.
    let static_value_pure =
        |is_static: bool, value: Option<&Expr>| !is_static || value.is_none_or(|value| pure_expression(value, helpers));
    class.decorators.is_empty()
        && class.super_class.as_deref().is_none_or(|super_class| matches!(super_class, Expr::Ident(_)))
        && class.body.iter().all(|member| match member {
            ClassMember::Constructor(_) | ClassMember::Empty(_) => true,
            ClassMember::Method(method) => method.function.decorators.is_empty() && pure_key(&method.key),
            ClassMember::PrivateMethod(method) => method.function.decorators.is_empty(),
            ClassMember::ClassProp(property) => {
                property.decorators.is_empty()
                    && pure_key(&property.key)
                    && static_value_pure(property.is_static, property.value.as_deref())
            }
            ClassMember::PrivateProp(property) => {
                property.decorators.is_empty() && static_value_pure(property.is_static, property.value.as_deref())
            }
            ClassMember::AutoAccessor(accessor) => {
                accessor.decorators.is_empty() && static_value_pure(accessor.is_static, accessor.value.as_deref())
            }
            ClassMember::StaticBlock(_) | ClassMember::TsIndexSignature(_) => false,
        })
}
