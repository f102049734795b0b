//! Bundle mode: a module graph to one ES module, scope-hoisted and tree-shaken, as esbuild
//! links a bundle.
//!
//! - ES modules are concatenated in the order they evaluate (depth first, each after what
//!   it imports, cycles cut where the runtime cuts them), with every top-level binding kept
//!   apart by its syntax context; `names.rs` then renames the few names that clash. An import
//!   becomes a reference to the binding it names, through re-exports and `export *`.
//! - A module that must be evaluated later than the bundle starts (the target of an
//!   `import()`, an ES module `require`d by CommonJS, and what they import) is wrapped: its
//!   top-level declarations stay at the bundle's top level, its statements move into an
//!   `__esm` closure that its importers call first, and `import()` becomes
//!   `Promise.resolve().then(() => (init(), namespace))`.
//! - CommonJS files become `__commonJS` closures that run on the first `require`; an `import`
//!   of one reads `__toESM(require_x())`, so default and named imports work as in esbuild.
//! - JSON and text become values in the bundle; bytes and WebAssembly stay modules of their
//!   own (WebAssembly must be compiled by the host), imported by the bundle.
//! - Namespace objects (`import * as ns`, `import()`, `require` of an ES module) are made
//!   only for the modules that need one.
//!
//! What it cannot do as the runtime would ([`Unsupported`]) leaves the caller to bundle in
//! transform mode instead: a CommonJS entry, top-level `await` or `using` in a lazily
//! evaluated module, `export *` of a CommonJS module or of an external one.

mod analyze;
mod assemble;
mod bindings;
mod names;
mod rewrite;
mod runtime;
mod shake;
mod syntax;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use swc_core::atoms::Atom;
use swc_core::common::{DUMMY_SP, GLOBALS, Globals, Mark, SyntaxContext};
use swc_core::ecma::ast::{Ident, Module as SwcModule, Program};
use swc_core::ecma::transforms::base::resolver;

use self::analyze::{ImportName, Record};
use self::runtime::Runtime;
use crate::diagnostics::error::BundleError;
use crate::module_map::ModuleKind;
use crate::project::graph::{Content, File, Graph, Prelink, Target};
use crate::source::imports::ImportKind;

/// Why bundle mode can't bundle a program as the runtime would run its files: the caller
/// bundles it in transform mode instead, and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unsupported(pub(crate) String);

/// A bundled program: one ES module, and the modules that stay on their own.
pub(crate) struct Hoisted {
    /// The bundle, ready to write: renamed apart, parentheses fixed.
    pub(crate) module: SwcModule,
    /// Graph files (data and WebAssembly) that stay modules of their own, imported by the
    /// bundle.
    pub(crate) separate: Vec<usize>,
    /// What tree shaking left out: often a large part of the bundle (the unused code of
    /// packages), for the caller to free where it costs least (not on the pool's threads
    /// while they rename and write the bundle).
    pub(crate) shaken_off: Vec<swc_core::ecma::ast::ModuleItem>,
}

/// What a unit of the bundle is.
#[allow(clippy::large_enum_variant, reason = "one per file, made once; most are ES modules")]
enum Unit {
    Esm {
        record: Record,
        wrapped: bool,
        /// Each request's target.
        targets: Vec<Target>,
    },
    Cjs,
    Json,
    Text,
    /// Data or WebAssembly: a module of its own.
    Separate,
    /// What a `browser` field maps to `false`: CommonJS whose `module.exports` is `{}`.
    Empty,
}

/// The identifiers bundle mode makes for a unit, each with a context of its own.
struct Symbols {
    /// `export default <expression>`.
    default: Ident,
    /// `__esm` closure of a wrapped module.
    init: Ident,
    /// `__commonJS` closure.
    require: Ident,
    /// The namespace object.
    namespace: Ident,
    /// A JSON or text value, or a separate module's default import.
    value: Ident,
}

impl Symbols {
    fn new(stem: &str) -> Symbols {
        let ident = |name: String| Ident::new(name.into(), DUMMY_SP, SyntaxContext::empty().apply_mark(Mark::new()));
        Symbols {
            default: ident(format!("{stem}_default")),
            init: ident(format!("init_{stem}")),
            require: ident(format!("require_{stem}")),
            namespace: ident(format!("{stem}_exports")),
            value: ident(format!("{stem}_value")),
        }
    }
}

/// What an imported name is in the bundle.
#[derive(Debug, Clone)]
enum Binding {
    /// A top-level binding.
    Ident(Ident),
    /// A property of an object: `import_x.name` of CommonJS, read on each use.
    Member(Ident, Atom),
    /// `undefined`: a name TypeScript imports that no module exports (a type).
    Undefined,
}

/// How an export resolves.
enum Resolution {
    Found(Binding),
    Missing,
    /// A named re-export on the way (`export { x } from "./other.js"` in `unit`) names what
    /// its module does not export: an error there, as V8 links it, whoever imports it.
    Broken {
        unit: usize,
        binding: analyze::ImportBinding,
    },
    /// Two `export *` give the name different bindings: it is not exported.
    Ambiguous,
}

/// Everything the rewriting of modules needs to know about the others.
struct Linker<'a> {
    units: Vec<Unit>,
    symbols: Vec<Symbols>,
    /// The graph file of each unit; `None` for the empty module.
    files: Vec<Option<usize>>,
    graph: &'a Graph,
    runtime: Runtime,
    /// Units whose namespace object is used.
    namespaces: std::cell::RefCell<BTreeSet<usize>>,
    /// `import_x` of each (importer, CommonJS unit).
    import_vars: std::cell::RefCell<BTreeMap<(usize, usize), Ident>>,
    /// Imports of external modules the bundle keeps: `(specifier, name)` to the local.
    externals: std::cell::RefCell<BTreeMap<(String, ImportName), Ident>>,
    /// Each unit's targets of `import()` and `require()`, by specifier.
    dynamic_targets: Vec<CallTargets>,
    separate_specifiers: &'a HashMap<usize, String>,
    unresolved: SyntaxContext,
}

/// The files of a graph made ready for linking, one after the other from the first: each
/// tree's positions moved into the graph's source map, its names resolved (`resolver`) in
/// the bundle's syntax contexts, its imports and exports read. The scan does this for the
/// files it has while it waits for the pool to prepare the next ones (see
/// `project/graph.rs`), and [`hoist`] for the rest. The files are always done in their order,
/// so the contexts, and so the bundle, are the same whenever each file was done.
pub(crate) struct Prelinked {
    globals: Globals,
    unresolved_mark: Mark,
    units: Vec<(Unit, Option<SwcModule>, CallTargets)>,
}

/// A file's targets of `import()` and `require()`, by specifier.
type CallTargets = FxHashMap<(String, ImportKind), Target>;

impl Default for Prelinked {
    fn default() -> Self {
        let globals = Globals::new();
        let unresolved_mark = GLOBALS.set(&globals, Mark::new);
        Prelinked { globals, unresolved_mark, units: Vec::new() }
    }
}

impl Prelink for Prelinked {
    /// How many files are done.
    fn len(&self) -> usize {
        self.units.len()
    }

    /// Makes `file`, the graph's next file (index [`Prelink::len`]), ready for linking.
    fn add(&mut self, file: &mut File) {
        let unresolved_mark = self.unresolved_mark;
        let prepared = GLOBALS.set(&self.globals, || match &mut file.content {
            Content::Code { prepared, imports, syntax_tree, relocation, .. } => {
                let mut tree = syntax_tree.take().expect("bundle mode keeps syntax trees");
                // Into the graph's source map, syntax contexts emptied.
                relocation.apply(&mut tree);
                let mut program = Program::Module(tree);
                program.mutate(resolver(unresolved_mark, Mark::new(), false));
                let tree = program.expect_module();
                let mut targets = CallTargets::default();
                for (import, target) in imports.iter() {
                    targets.insert((import.specifier.clone(), import.kind), *target);
                }
                let unit = if prepared.kind == ModuleKind::Cjs {
                    Unit::Cjs
                } else {
                    let record = analyze::analyze(&tree);
                    let request_targets = record
                        .requests
                        .iter()
                        .map(|request| {
                            targets
                                .get(&(request.specifier.clone(), ImportKind::Static))
                                .copied()
                                .unwrap_or(Target::Missing)
                        })
                        .collect();
                    Unit::Esm { record, wrapped: false, targets: request_targets }
                };
                (unit, Some(tree), targets)
            }
            Content::Json(_) => (Unit::Json, None, FxHashMap::default()),
            Content::Text(_) => (Unit::Text, None, FxHashMap::default()),
            Content::Data(_) | Content::Wasm(_) => (Unit::Separate, None, FxHashMap::default()),
        });
        self.units.push(prepared);
    }
}

/// Links `graph` (bundle mode: each code file has its syntax tree) into one module.
/// `separate_specifiers` are the specifiers, from the bundle, of the files that stay modules
/// of their own (data and WebAssembly), by file index. `Err` is a program that cannot run (an
/// import of a name nothing exports); `Ok(Err)` one that transform mode must bundle instead.
/// With `pool`, tree shaking walks the bundle on its threads.
pub(crate) fn hoist(
    graph: &mut Graph,
    names: &[String],
    separate_specifiers: &HashMap<usize, String>,
    pool: Option<&rayon::ThreadPool>,
) -> Result<Result<Hoisted, Unsupported>, BundleError> {
    let given: Option<Box<dyn std::any::Any>> =
        graph.prelinked.take().map(|prelinked| prelinked as Box<dyn std::any::Any>);
    let mut prelinked =
        given.and_then(|given| given.downcast::<Prelinked>().ok()).map(|given| *given).unwrap_or_default();
    while prelinked.units.len() < graph.files.len() {
        let index = prelinked.units.len();
        prelinked.add(&mut graph.files[index]);
    }
    let Prelinked { globals, unresolved_mark, units: prepared } = prelinked;
    GLOBALS.set(&globals, || {
        let mut trees: Vec<Option<SwcModule>> = Vec::with_capacity(graph.files.len() + 1);
        let mut units = Vec::with_capacity(graph.files.len() + 1);
        let mut files = Vec::with_capacity(graph.files.len() + 1);
        let mut dynamic_targets = Vec::with_capacity(graph.files.len() + 1);
        let mut stems = Vec::with_capacity(graph.files.len() + 1);
        for (index, (unit, tree, targets)) in prepared.into_iter().enumerate() {
            stems.push(stem(std::path::Path::new(&names[index])));
            files.push(Some(index));
            units.push(unit);
            trees.push(tree);
            dynamic_targets.push(targets);
        }
        units.push(Unit::Empty);
        trees.push(None);
        files.push(None);
        dynamic_targets.push(FxHashMap::default());
        stems.push("empty".to_owned());
        let symbols = unique_stems(&stems).iter().map(|stem| Symbols::new(stem)).collect();
        let mut linker = Linker {
            units,
            symbols,
            files,
            graph,
            runtime: Runtime::new(unresolved_mark),
            namespaces: Default::default(),
            import_vars: Default::default(),
            externals: Default::default(),
            dynamic_targets,
            separate_specifiers,
            unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        };
        if let Err(unsupported) = linker.mark_wrapped() {
            return Ok(Err(unsupported));
        }
        let items = match assemble::link(&linker, trees)? {
            Ok(items) => items,
            Err(unsupported) => return Ok(Err(unsupported)),
        };
        let (mut module, shaken_off) = shake::shake(items, &linker, pool);
        names::rename_apart(&mut module, linker.unresolved, pool);
        let separate = (0..graph.files.len()).filter(|&index| matches!(linker.units[index], Unit::Separate)).collect();
        Ok(Ok(Hoisted { module, separate, shaken_off }))
    })
}

/// A module's name as the start of identifiers: `src/lib/format-date.ts` gives
/// `format_date`, an `index` file its directory's name (`src/index.ts` gives `src`).
fn stem(path: &std::path::Path) -> String {
    let file = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or("module");
    let file = file.split('.').next().unwrap_or(file);
    let name = if file == "index" {
        path.parent().and_then(|parent| parent.file_name()).and_then(|name| name.to_str()).unwrap_or(file)
    } else {
        file
    };
    let mut stem: String =
        name.chars()
            .map(|character| {
                if character.is_ascii_alphanumeric() || character == '_' || character == '$' { character } else { '_' }
            })
            .collect();
    if stem.is_empty() || stem.starts_with(|first: char| first.is_ascii_digit()) {
        stem.insert(0, '_');
    }
    stem
}

/// Stems made unique with a number, so the bundle reads well before `hygiene` runs.
fn unique_stems(stems: &[String]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    stems
        .iter()
        .map(|stem| {
            let count = seen.entry(stem).or_insert(0);
            *count += 1;
            if *count == 1 { stem.clone() } else { format!("{stem}{count}") }
        })
        .collect()
}

impl Linker<'_> {
    /// The specifier by which the bundle imports the file `file`, a module of its own.
    fn separate_specifier(&self, file: usize) -> String {
        self.separate_specifiers.get(&file).cloned().expect("every separate file has a specifier")
    }

    fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// The unit a target of `unit` is, or `None` for what stays outside the bundle.
    fn unit_of(&self, target: Target) -> Option<usize> {
        match target {
            Target::File(index) => Some(index),
            Target::Empty => Some(self.units.len() - 1),
            Target::External | Target::Missing => None,
        }
    }

    /// Wraps every ES module that evaluates lazily: targets of `import()` and of `require()`,
    /// and all they import, statically.
    fn mark_wrapped(&mut self) -> Result<(), Unsupported> {
        let mut pending: Vec<usize> = Vec::new();
        for targets in &self.dynamic_targets {
            for ((_, kind), target) in targets {
                if *kind != ImportKind::Static
                    && let Some(unit) = self.unit_of(*target)
                {
                    pending.push(unit);
                }
            }
        }
        if matches!(self.units[0], Unit::Cjs) {
            return Err(Unsupported("the entry is CommonJS".to_owned()));
        }
        // The names of `export *` of CommonJS, or of a module outside the bundle, are only
        // known when it runs.
        for (unit, kind) in self.units.iter().enumerate() {
            let Unit::Esm { record, targets, .. } = kind else {
                continue;
            };
            for &request in &record.stars {
                let star = self.unit_of(targets[request]);
                if star.is_none_or(|star| matches!(self.units[star], Unit::Cjs | Unit::Empty)) {
                    return Err(Unsupported(format!(
                        "{} has `export * from \"{}\"`, whose names are only known when it runs",
                        self.display(unit),
                        record.requests[request].specifier
                    )));
                }
            }
        }
        let mut wrapped = BTreeSet::new();
        while let Some(unit) = pending.pop() {
            let Unit::Esm { targets, .. } = &self.units[unit] else {
                continue;
            };
            if !wrapped.insert(unit) {
                continue;
            }
            pending.extend(targets.iter().filter_map(|target| self.unit_of(*target)));
        }
        for &unit in &wrapped {
            let file = self.display(unit).to_owned();
            let Unit::Esm { record, wrapped, .. } = &mut self.units[unit] else {
                continue;
            };
            *wrapped = true;
            if record.top_level_await.is_some() {
                return Err(Unsupported(format!(
                    "{file} uses top-level `await` and is loaded by `import()` or `require`"
                )));
            }
            if record.using.is_some() {
                return Err(Unsupported(format!(
                    "{file} has a top-level `using` declaration and is loaded by `import()` or \
                     `require`"
                )));
            }
            if record.nested_var.is_some() {
                return Err(Unsupported(format!(
                    "{file} declares a `var` inside a top-level block and is loaded by \
                     `import()` or `require`"
                )));
            }
        }
        Ok(())
    }

    fn display(&self, unit: usize) -> &str {
        match self.files[unit] {
            Some(file) => &self.graph.files[file].display,
            None => "(empty module)",
        }
    }

    fn is_wrapped(&self, unit: usize) -> bool {
        matches!(self.units[unit], Unit::Esm { wrapped: true, .. })
    }

    fn is_esm(&self, unit: usize) -> bool {
        matches!(self.units[unit], Unit::Esm { .. })
    }

    fn is_common_js(&self, unit: usize) -> bool {
        matches!(self.units[unit], Unit::Cjs | Unit::Empty)
    }

    fn is_separate(&self, unit: usize) -> bool {
        matches!(self.units[unit], Unit::Separate)
    }

    fn is_value(&self, unit: usize) -> bool {
        matches!(self.units[unit], Unit::Json | Unit::Text)
    }

    fn record(&self, unit: usize) -> Option<&Record> {
        match &self.units[unit] {
            Unit::Esm { record, .. } => Some(record),
            _ => None,
        }
    }

    fn request_target(&self, unit: usize, request: usize) -> Target {
        match &self.units[unit] {
            Unit::Esm { targets, .. } => targets[request],
            _ => Target::Missing,
        }
    }

    /// The target of an `import()` or `require()` in `unit`.
    fn call_target(&self, unit: usize, specifier: &str, kind: ImportKind) -> Target {
        self.dynamic_targets[unit].get(&(specifier.to_owned(), kind)).copied().unwrap_or(Target::Missing)
    }

    fn target_unit(&self, target: Target) -> Option<usize> {
        self.unit_of(target)
    }

    fn symbols_default(&self, unit: usize) -> &Ident {
        &self.symbols[unit].default
    }

    fn init(&self, unit: usize) -> &Ident {
        &self.symbols[unit].init
    }

    fn require(&self, unit: usize) -> &Ident {
        &self.symbols[unit].require
    }

    fn value(&self, unit: usize) -> &Ident {
        &self.symbols[unit].value
    }

    /// The namespace object of `unit`, which is then made.
    fn namespace(&self, unit: usize) -> Ident {
        self.namespaces.borrow_mut().insert(unit);
        self.symbols[unit].namespace.clone()
    }

    fn namespaces(&self) -> BTreeSet<usize> {
        self.namespaces.borrow().clone()
    }

    fn unresolved(&self) -> SyntaxContext {
        self.unresolved
    }

    /// The graph file of a unit.
    fn file(&self, unit: usize) -> Option<usize> {
        self.files[unit]
    }

    fn graph(&self) -> &Graph {
        self.graph
    }

    /// Whether `unit` imports CommonJS with Node's rules (the default import is always
    /// `module.exports`).
    fn node_mode(&self, unit: usize) -> bool {
        self.files[unit].is_some_and(|file| self.graph.files[file].node_module_mode)
    }

    /// Whether `unit`'s package says it has side effects.
    fn side_effects(&self, unit: usize) -> bool {
        self.files[unit].is_none_or(|file| self.graph.files[file].side_effects)
    }

    /// The `import_x` variable through which `importer` reads the CommonJS unit `target`.
    fn import_var(&self, importer: usize, target: usize) -> Ident {
        self.import_vars
            .borrow_mut()
            .entry((importer, target))
            .or_insert_with(|| {
                let name = &self.symbols[target].require.sym;
                let stem = name.strip_prefix("require_").unwrap_or(name);
                Ident::new(format!("import_{stem}").into(), DUMMY_SP, SyntaxContext::empty().apply_mark(Mark::new()))
            })
            .clone()
    }

    fn import_vars(&self) -> BTreeMap<(usize, usize), Ident> {
        self.import_vars.borrow().clone()
    }

    /// The local that a kept `import` of an external module binds `name` to.
    fn external(&self, specifier: &str, name: &ImportName) -> Ident {
        self.externals
            .borrow_mut()
            .entry((specifier.to_owned(), name.clone()))
            .or_insert_with(|| {
                let base = match name {
                    ImportName::Named(name) => name.to_string(),
                    ImportName::Default | ImportName::Namespace => {
                        stem(std::path::Path::new(specifier.rsplit(['/', ':']).next().unwrap_or(specifier)))
                    }
                };
                Ident::new(base.into(), DUMMY_SP, SyntaxContext::empty().apply_mark(Mark::new()))
            })
            .clone()
    }

    fn externals(&self) -> BTreeMap<(String, ImportName), Ident> {
        self.externals.borrow().clone()
    }
}
