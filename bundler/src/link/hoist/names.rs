//! Names made unique in the bundle, as swc's `hygiene` pass would make them, at a fraction
//! of its cost: `hygiene` analyses every scope of the whole bundle on one thread, the largest
//! pass of linking that was left (13 ms of `bench/fixtures/s3-presign`'s bundle; this takes
//! 6, hono + zod's 2.4 ms now 0.9).
//!
//! Each file was valid on its own: its names, nested ones included, were bound where it
//! meant. What concatenation adds are clashes at the top level, where every module's
//! bindings now meet, and captures: a nested binding that has the name of a top-level one
//! the code around it now reads (an import reads the binding it names, under that binding's
//! name) or of a global it reads. So:
//!
//! 1. One walk of each item (on the pool) finds the globals it reads, the top-level
//!    bindings it reads, and the names of its nested bindings.
//! 2. The top-level bindings get names of their own, in the order they are declared: the
//!    first keeps its name unless a global of that name is read anywhere in the bundle;
//!    the others get the first `name1`, `name2`, … that no top-level binding, global or
//!    name so given has.
//! 3. An item whose nested bindings have none of the names it must keep apart (those of the
//!    top-level bindings it declares or reads, and of the globals it reads) only has the
//!    renamed top-level bindings it reads renamed, if any: most items. The others go through
//!    swc's renamer alone, where the top-level bindings keep their names and those names are
//!    reserved, so any nested binding that has one is renamed: a little more than `hygiene`
//!    would rename (`function (Direction) {…}` of a TypeScript enum `Direction` becomes
//!    `Direction1`, as esbuild writes it), never less.
//!
//! Whatever the threads, the names are the same: step 2 goes in the items' order, and step 3
//! sees one item only.

use rustc_hash::{FxHashMap, FxHashSet};
use swc_core::atoms::Atom;
use swc_core::common::{DUMMY_SP, GLOBALS, Globals, SyntaxContext};
use swc_core::ecma::ast::{
    ArrowExpr, BindingIdent, BreakStmt, Class, ClassDecl, ClassExpr, ContinueStmt, DefaultDecl, ExportNamedSpecifier,
    FnDecl, FnExpr, Function, Id, Ident, ImportNamedSpecifier, LabeledStmt, Module as SwcModule, ModuleDecl,
    ModuleExportName, ModuleItem, Stmt, VarDecl, VarDeclKind,
};
use swc_core::ecma::transforms::base::hygiene::Config;
use swc_core::ecma::transforms::base::rename::{Renamer, rename_with_config, renamer};
use swc_core::ecma::utils::find_pat_ids;
use swc_core::ecma::visit::{Visit, VisitMutWith, VisitWith};

use super::analyze::{declared, imported};

/// The fewest items worth renaming on the pool.
const MIN_ITEMS_ON_POOL: usize = 64;

/// Renames the bindings of `module` apart (see the module docs). `unresolved` is the context
/// of the names no file declares (globals); names without a context are globals too.
pub(super) fn rename_apart(module: &mut SwcModule, unresolved: SyntaxContext, pool: Option<&rayon::ThreadPool>) {
    let mut items = std::mem::take(&mut module.body);
    let declared: Vec<Vec<Id>> = items.iter().map(top_level).collect();
    let mut top_level_ids: FxHashMap<SyntaxContext, FxHashSet<&Atom>> = FxHashMap::default();
    for (name, context) in declared.iter().flatten() {
        top_level_ids.entry(*context).or_default().insert(name);
    }
    let declared_names: FxHashSet<&Atom> = declared.iter().flatten().map(|id| &id.0).collect();

    // 1. What each item reads and binds.
    let reads = |item: &ModuleItem| {
        let mut reads = Reads {
            unresolved,
            top_level_ids: &top_level_ids,
            globals: FxHashSet::default(),
            names: FxHashSet::default(),
            nested: FxHashSet::default(),
        };
        item.visit_with(&mut reads);
        reads
    };
    let read: Vec<Reads<'_>> = on_pool(pool, items.len(), || {
        use rayon::prelude::*;
        items.par_iter().with_min_len(MIN_ITEMS_ON_POOL / 4).map(reads).collect()
    })
    .unwrap_or_else(|| items.iter().map(reads).collect());
    let globals: FxHashSet<&Atom> = read.iter().flat_map(|reads| &reads.globals).collect();

    // 2. The top-level names.
    let mut taken: FxHashSet<Atom> = FxHashSet::default();
    let mut names: FxHashMap<Id, Atom> = FxHashMap::default();
    let mut renamed: FxHashMap<Id, Id> = FxHashMap::default();
    // The names given to the bindings renamed, by the name they had.
    let mut renamed_to: FxHashMap<Atom, Vec<Atom>> = FxHashMap::default();
    for id in declared.iter().flatten() {
        if names.contains_key(id) {
            continue;
        }
        let name = if !taken.contains(&id.0) && !globals.contains(&id.0) {
            id.0.clone()
        } else {
            let free = |name: &Atom| !taken.contains(name) && !globals.contains(name) && !declared_names.contains(name);
            let name = (1usize..).map(|n| Atom::from(format!("{}{n}", id.0))).find(free);
            let name = name.expect("some number is free");
            renamed.insert(id.clone(), (name.clone(), id.1));
            renamed_to.entry(id.0.clone()).or_default().push(name.clone());
            name
        };
        taken.insert(name.clone());
        names.insert(id.clone(), name);
    }
    let top_level: FxHashSet<Id> = names.iter().map(|(id, name)| (name.clone(), id.1)).collect();

    // 3. Each item on its own. (The configurations are made here: that needs swc's globals,
    // which the pool's threads do not have.)
    let (renaming, hygiene) = (Config::default(), Config::hygiene_default());
    let rename = |index: usize, item: &mut ModuleItem| {
        let reads = &read[index];
        let reads_renamed = reads.names.iter().any(|name| renamed_to.contains_key(name));
        // The names a nested binding of the item must not have: those of the top-level
        // bindings it declares or reads, and of the globals it reads.
        let reserved: Vec<Atom> = declared[index].iter().filter_map(|id| names.get(id).cloned()).collect();
        let captures = |name: &Atom| {
            reads.globals.contains(name)
                || reads.names.contains(name)
                || reserved.contains(name)
                || reads.names.iter().filter_map(|read| renamed_to.get(read)).flatten().any(|to| to == name)
        };
        let rename_nested = reads.nested.iter().any(captures);
        if !reads_renamed && !rename_nested {
            return;
        }
        with_globals(|| {
            let mut one =
                SwcModule { span: DUMMY_SP, body: vec![std::mem::replace(item, placeholder())], shebang: None };
            if reads_renamed {
                one.visit_mut_with(&mut rename_with_config(&renamed, renaming.clone()));
            }
            if rename_nested {
                let renamer_of_item = ItemRenamer { top_level: &top_level, reserved };
                one.visit_mut_with(&mut renamer(hygiene.clone(), renamer_of_item));
            }
            *item = one.body.pop().expect("the item is still there");
        });
    };
    let count = items.len();
    on_pool(pool, count, || {
        use rayon::prelude::*;
        items
            .par_iter_mut()
            .enumerate()
            .with_min_len(MIN_ITEMS_ON_POOL / 4)
            .for_each(|(index, item)| rename(index, item));
    })
    .unwrap_or_else(|| items.iter_mut().enumerate().for_each(|(index, item)| rename(index, item)));
    module.body = items;
}

/// What stands in for an item while it is renamed.
fn placeholder() -> ModuleItem {
    ModuleItem::Stmt(Stmt::Empty(swc_core::ecma::ast::EmptyStmt { span: DUMMY_SP }))
}

/// `work` where swc has its globals: the renamer makes marks it does not use (the root
/// mark), which needs them. A thread of the pool has globals of its own.
fn with_globals<T>(work: impl FnOnce() -> T) -> T {
    thread_local! {
        static GLOBALS_OF_THIS_THREAD: Globals = Globals::new();
    }
    if GLOBALS.is_set() { work() } else { GLOBALS_OF_THIS_THREAD.with(|globals| GLOBALS.set(globals, work)) }
}

/// `work` on `pool` when there is one and `items` are enough to share.
fn on_pool<T: Send>(pool: Option<&rayon::ThreadPool>, items: usize, work: impl FnOnce() -> T + Send) -> Option<T> {
    pool.filter(|_| items >= MIN_ITEMS_ON_POOL).map(|pool| pool.install(work))
}

/// The bindings an item declares in the bundle's top-level scope: its declarations and
/// imports, and the `var`s in its nested statements.
fn top_level(item: &ModuleItem) -> Vec<Id> {
    match item {
        ModuleItem::Stmt(Stmt::Decl(declaration)) => declared(declaration),
        ModuleItem::Stmt(statement) => {
            let mut vars = NestedVars(Vec::new());
            statement.visit_with(&mut vars);
            vars.0
        }
        ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => imported(import),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => declared(&export.decl),
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(export)) => match &export.decl {
            DefaultDecl::Class(class) => class.ident.iter().map(Ident::to_id).collect(),
            DefaultDecl::Fn(function) => function.ident.iter().map(Ident::to_id).collect(),
            _ => Vec::new(),
        },
        ModuleItem::ModuleDecl(_) => Vec::new(),
    }
}

/// The `var`s of a statement, outside functions and classes: they are the scope's around it.
struct NestedVars(Vec<Id>);

impl Visit for NestedVars {
    fn visit_var_decl(&mut self, node: &VarDecl) {
        if node.kind == VarDeclKind::Var {
            self.0.extend(find_pat_ids::<_, Id>(&node.decls));
        }
        node.visit_children_with(self);
    }

    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_class(&mut self, _: &Class) {}
}

/// What an item reads and binds: the globals it reads, the names it reads that top-level
/// bindings have, and the names of its nested bindings. Labels and the names a module
/// exports under are not bindings. A name is cloned once per set: cloning a name writes to
/// memory every thread reading that name shares.
struct Reads<'a> {
    unresolved: SyntaxContext,
    top_level_ids: &'a FxHashMap<SyntaxContext, FxHashSet<&'a Atom>>,
    globals: FxHashSet<Atom>,
    names: FxHashSet<Atom>,
    nested: FxHashSet<Atom>,
}

impl Reads<'_> {
    fn bind(&mut self, ident: &Ident) {
        let top_level = self.top_level_ids.get(&ident.ctxt).is_some_and(|names| names.contains(&ident.sym));
        if !top_level && !self.nested.contains(&ident.sym) {
            self.nested.insert(ident.sym.clone());
        }
    }
}

impl Visit for Reads<'_> {
    fn visit_ident(&mut self, ident: &Ident) {
        if ident.ctxt == self.unresolved || ident.ctxt == SyntaxContext::empty() {
            if !self.globals.contains(&ident.sym) {
                self.globals.insert(ident.sym.clone());
            }
        } else if self.top_level_ids.get(&ident.ctxt).is_some_and(|names| names.contains(&ident.sym))
            && !self.names.contains(&ident.sym)
        {
            self.names.insert(ident.sym.clone());
        }
    }

    /// A name a pattern binds (a variable, a parameter, a `catch` clause's) or assigns: an
    /// assigned name is bound elsewhere, as a top-level binding (left out by `bind`) or a
    /// nested one (there already), or it is a global, which only costs the item a pass of
    /// the renamer.
    fn visit_binding_ident(&mut self, node: &BindingIdent) {
        self.bind(&node.id);
        node.visit_children_with(self);
    }

    fn visit_fn_decl(&mut self, node: &FnDecl) {
        self.bind(&node.ident);
        node.visit_children_with(self);
    }

    fn visit_class_decl(&mut self, node: &ClassDecl) {
        self.bind(&node.ident);
        node.visit_children_with(self);
    }

    fn visit_fn_expr(&mut self, node: &FnExpr) {
        if let Some(ident) = &node.ident {
            self.bind(ident);
        }
        node.visit_children_with(self);
    }

    fn visit_class_expr(&mut self, node: &ClassExpr) {
        if let Some(ident) = &node.ident {
            self.bind(ident);
        }
        node.visit_children_with(self);
    }

    fn visit_labeled_stmt(&mut self, node: &LabeledStmt) {
        node.body.visit_with(self);
    }
    fn visit_break_stmt(&mut self, _: &BreakStmt) {}
    fn visit_continue_stmt(&mut self, _: &ContinueStmt) {}

    fn visit_export_named_specifier(&mut self, node: &ExportNamedSpecifier) {
        if let ModuleExportName::Ident(local) = &node.orig {
            self.visit_ident(local);
        }
    }

    fn visit_import_named_specifier(&mut self, node: &ImportNamedSpecifier) {
        self.visit_ident(&node.local);
    }
}

/// swc's renamer for one item: the top-level bindings keep the names step 1 gave them, and
/// none of those the item declares is given to another binding. (Those it only reads are
/// unresolved in the item alone, which reserves their names.)
struct ItemRenamer<'a> {
    top_level: &'a FxHashSet<Id>,
    reserved: Vec<Atom>,
}

impl Renamer for ItemRenamer<'_> {
    type Target = Atom;

    const MANGLE: bool = false;
    const RESET_N: bool = true;

    /// As `hygiene` names them: `name`, then `name1`, `name2`, …
    fn new_name_for(&self, orig: &Id, n: &mut usize) -> Atom {
        let name = if *n == 0 { orig.0.clone() } else { format!("{}{}", orig.0, n).into() };
        *n += 1;
        name
    }

    fn unresolved_symbols(&self) -> Vec<Atom> {
        self.reserved.clone()
    }

    fn preserve_name(&self, orig: &Id) -> bool {
        self.top_level.contains(orig)
    }
}
