//! [`bundle`]: a project on disk to a module map.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use std::collections::HashMap;

use swc_core::common::{GLOBALS, Globals, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::Program;

use crate::cache::{CachedModule, CachedOrigin, FileRecordRef, GraphRecord, Key, Pack};
use crate::diagnostics::error::BundleError;
use crate::link::hoist::{self, Unsupported};
use crate::link::transform::{self, Linked, Origin};
use crate::module_map::{Module, ModuleMap};
use crate::project::entry::{self, EntryRule};
use crate::project::graph::{self, Content, Graph, Reuse, ScanCache, ScanOptions};
use crate::project::paths;
use crate::source::define::{Define, Defines};
use crate::source::emit::{BundleSource, emit_bundle};
use crate::source::minify;
use crate::source::normalize::Shape;

/// How to bundle. Every field has a default.
#[derive(Debug, Clone, Default)]
pub struct BundleOptions {
    /// The directory paths in diagnostics and [`Origin::file`] are relative to; `None` is the
    /// process's current directory.
    pub cwd: Option<PathBuf>,
    /// The map's `compatibilityDate`; `None` takes the wrangler config's, if there is one.
    pub compatibility_date: Option<String>,
    /// The map's `compatibilityFlags`; empty takes the wrangler config's.
    pub compatibility_flags: Vec<String>,
    /// One module, or one module per file.
    pub mode: Mode,
    /// Minify the code with swc's minifier.
    pub minify: bool,
    /// End each JavaScript module with its source map, as a `//# sourceMappingURL=data:…`
    /// comment.
    pub source_maps: bool,
    /// `--define KEY=VALUE`; `process.env.NODE_ENV` is `"production"` unless one sets it.
    pub defines: Vec<Define>,
    /// Imports left as written (`--external`): a name (also its subpaths), or a pattern with
    /// one `*` (`@scope/*`).
    pub externals: Vec<String>,
    /// The Node.js built-in modules the runtime provides, by name without `node:` (`fs`,
    /// `fs/promises`): imports of them (`node:fs`, and `fs` too: it wins over a package of
    /// that name, as in Node.js) stay as written. An import of another built-in is an error
    /// ([`DiagnosticCode::NodeBuiltin`](crate::DiagnosticCode)) unless a `require` in a `try`
    /// guards it, and a bare name is first looked for in `node_modules` (the npm `punycode`).
    pub node_builtins: Vec<String>,
    /// A `node_modules` directory outside the project where bare imports are looked for after
    /// the project's own (`sandbox` installs the packages of code without a `package.json` in
    /// its cache). Its files may be read, as the project's may, and are named as if it were
    /// the project's `node_modules` (`node_modules/zod/lib/index.mjs`).
    pub node_modules: Option<PathBuf>,
    /// The most bytes of source one bundle may read: all its files together (code, JSON,
    /// text, bytes and WebAssembly), and each `package.json`, `tsconfig.json` or wrangler
    /// config on its own. `None` is [`DEFAULT_MAX_SOURCE_SIZE`]. It bounds the memory
    /// bundling takes, which grows with the source it reads (see the crate docs).
    pub max_source_size: Option<u64>,
    /// The caller runs nothing, it only writes the map: [`Bundle::origins`] need no source
    /// map back to the files, and the code generator makes one only for `source_maps`, which
    /// saves it a sixth of its work (in transform mode, for each file written anew); a
    /// bundle's origin then holds no copy of its code (its `text` is empty). `false` maps
    /// every module back, for stack traces.
    pub skip_origin_maps: bool,
    /// The caller's process exits once the map is written (`sandbox bundle`): bundle mode
    /// does not free the bundle's syntax tree, as the system takes its memory back at exit at
    /// no cost (freeing it took 5% of bundling hono + zod). `false`, for a process that goes
    /// on (a service, or one that runs the map it made), frees it.
    pub exits_after: bool,
    /// How many threads read, parse and strip files: `None` is one for each core (at most
    /// [`MAX_THREADS`](crate::MAX_THREADS)), `Some(1)` prepares them one after the other on the caller's. The
    /// map is the same whatever the number.
    pub threads: Option<usize>,
    /// A directory for the bundle cache: what bundling made of each file, and in bundle mode the
    /// last bundle, kept for the next run over the same project and options. A file whose
    /// bytes (and path, language and `tsconfig.json` options) are unchanged is then not parsed
    /// again, and a bundle whose files and imports are unchanged is not made again; every file
    /// is still read and every import resolved. The map is the same as without the cache.
    /// `None` (the default) keeps nothing. The directory is made when first written.
    pub cache: Option<PathBuf>,
}

impl BundleOptions {
    /// Whether the code generator maps what it writes back to the files: for the `source_maps`
    /// comment, or for the origins' stack traces unless `skip_origin_maps`.
    fn maps_back(&self) -> bool {
        self.source_maps || !self.skip_origin_maps
    }
}

/// [`BundleOptions::max_source_size`] when none is given: 32 MiB, six times what bundling
/// `@babel/standalone` (5.4 MiB, among the largest files of popular npm packages) reads, three
/// times TypeScript's compiler, and more than a Worker may upload (10 MiB compressed).
/// Bundling real code takes about 25 times the source it reads in memory, and the worst
/// input found (nested arrays) about 250 times, so this bounds it to a few GiB at most.
pub const DEFAULT_MAX_SOURCE_SIZE: u64 = 32 << 20;

/// What a module map holds: one module, or one per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// One ES module, scope-hoisted and tree-shaken (plus bytes and WebAssembly, which stay
    /// modules of their own). A program bundle mode can't bundle as the runtime would run
    /// its files is bundled in transform mode, and [`Bundle::fallback`] says why.
    #[default]
    Bundle,
    /// One module per file, with import specifiers rewritten to module names (`--no-bundle`).
    Transform,
}

/// A bundled project: the module map, and what a caller needs to explain it.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The Worker Loader module map: the entry is `mainModule`.
    pub module_map: ModuleMap,
    /// The origin of each JavaScript module, by module name, to map stack traces back to the
    /// files as written.
    pub origins: BTreeMap<String, Origin>,
    /// The entry file as diagnostics show it.
    pub entry: String,
    /// How the entry was chosen.
    pub rule: EntryRule,
    /// The wrangler config that was read (for the entry and the compatibility settings), as
    /// diagnostics name it.
    pub config_file: Option<String>,
    /// What the entry looked like: a module, or agent code.
    pub shape: Shape,
    /// The entry was an agent's answer: prose around one fenced code block, whose fences are
    /// on these lines (1-based). The prose was dropped; the block's code runs.
    pub prose_dropped: Option<(usize, usize)>,
    /// The `node_modules` packages that modules come from.
    pub packages: BTreeSet<String>,
    /// The Node.js built-in modules the map imports, as written (`node:fs`, `events`): with
    /// [`BundleOptions::node_builtins`], left to the runtime.
    pub node_builtins: BTreeSet<String>,
    /// How many files went in.
    pub files: usize,
    /// How many of them are files of packages in `node_modules`.
    pub package_files: usize,
    /// What the map holds.
    pub mode: Mode,
    /// Why bundle mode was asked for but transform mode made the map.
    pub fallback: Option<String>,
    /// How many files' preparation came from the cache ([`BundleOptions::cache`]): in bundle
    /// mode, all of them when the bundle did, else none.
    pub cached: usize,
}

/// Bundles the project at `input`, a file or a directory, into a module map.
///
/// The project's directory is the directory given, or for a file the nearest directory above
/// it with a `package.json`, wrangler config or `tsconfig.json` (not above `cwd` when the file
/// is inside it; `cwd` itself when none is found there). Only files in it and in
/// `node_modules` directories are bundled.
///
/// A directory's entry is found as [`EntryRule`] tells (`main` of `wrangler.toml`,
/// `package.json`, then `src/index.ts` and other usual names). From the entry, every import is
/// resolved as Node and TypeScript resolve it (see [`DEFAULT_ENTRIES`](crate::DEFAULT_ENTRIES)
/// and the crate docs), and each file becomes one module of the map, named by its path from
/// the project's directory: TypeScript and JSX stripped, agent code in the entry normalised
/// as [`prepare_source`](crate::prepare_source) does, CommonJS kept as `cjs` modules, JSON,
/// text, bytes and WebAssembly as `json`, `text`, `data` and `wasm` modules. Import
/// specifiers are rewritten to the names of the modules they resolve to; `cloudflare:` and
/// Node.js built-in modules are left as written.
pub fn bundle(options: &BundleOptions, input: &Path) -> Result<Bundle, BundleError> {
    crate::depth::with_stack(|| bundle_here(options, input))
}

/// [`bundle`] on the stack it was called on.
pub(crate) fn bundle_here(options: &BundleOptions, input: &Path) -> Result<Bundle, BundleError> {
    let cwd = match &options.cwd {
        Some(cwd) => cwd.clone(),
        None => std::env::current_dir().unwrap_or_default(),
    };
    // Resolved paths are canonical, so the rest is too, to compare and relate them.
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let input =
        input.canonicalize().map_err(|source| BundleError::Unreadable { path: input.display().to_string(), source })?;
    let max_source_size = options.max_source_size.unwrap_or(DEFAULT_MAX_SOURCE_SIZE);
    let project = entry::find(&input, &cwd, max_source_size)?;
    let node_modules =
        options.node_modules.as_ref().map(|directory| directory.canonicalize().unwrap_or_else(|_| directory.clone()));
    let defines = Defines::new(&options.defines);
    let pack = options.cache.as_deref().and_then(|directory| {
        // What else the map depends on: the options (but the threads and the freeing, which
        // change nothing), where the project is, and where it is seen from.
        let options = BundleOptions { threads: None, cache: None, exits_after: false, ..options.clone() };
        let described = format!("{options:?} {:?} {:?} {cwd:?} {node_modules:?}", project.entry, project.root);
        // A pack holds about the source it was made of, in code and source maps.
        Pack::open(directory, &[described.as_bytes()], max_source_size.saturating_mul(4))
    });
    let mut fallback = None;
    let mut node_builtins = BTreeSet::new();
    let mut cached = 0;
    let made = match options.mode {
        Mode::Bundle => {
            let scan = ScanOptions {
                defines: &defines,
                externals: &options.externals,
                node_builtins: &options.node_builtins,
                syntax_tree: true,
                minify: false,
                // Bundle mode writes no file on its own.
                source_maps: false,
                node_modules: node_modules.as_deref(),
                max_source_size,
                threads: options.threads,
                prelink: Some(|| Box::new(crate::link::hoist::Prelinked::default())),
                cache: pack.as_ref().map(|pack| ScanCache { pack, reuse: Reuse::Never }),
            };
            let reused = pack.as_ref().and_then(|pack| {
                let light = ScanOptions { prelink: None, cache: Some(ScanCache { pack, reuse: Reuse::Only }), ..scan };
                reuse_bundle(pack, &project, &cwd, &light)
            });
            match reused {
                Some((made, builtins)) => {
                    node_builtins = builtins;
                    cached = made.files;
                    Some(made)
                }
                None => {
                    let mut graph = graph::scan(&project.entry, &project.root, &cwd, &scan)?;
                    node_builtins = graph.node_builtins.clone();
                    let records = pack.as_ref().and_then(|pack| Some((graph_key(pack, &graph)?, records(&graph)?)));
                    let source_map = graph.source_map.clone().unwrap_or_default();
                    let made = bundled(&mut graph, &project.root, &source_map, options)?;
                    // The files' texts and what was made of them: freed on the pool, if there is one.
                    crate::pool::drop_later(
                        crate::pool::existing(options.threads).as_deref(),
                        std::mem::take(&mut graph.files),
                    );
                    match made {
                        Ok(made) => {
                            if let (Some(pack), Some((key, records))) = (&pack, records) {
                                pack.write(records, Some((&key, &graph_record(&made))));
                            }
                            Some(made)
                        }
                        Err(Unsupported(reason)) => {
                            fallback = Some(reason);
                            None
                        }
                    }
                }
            }
        }
        Mode::Transform => None,
    };
    let made = match made {
        Some(made) => made,
        None => {
            let scan = ScanOptions {
                defines: &defines,
                externals: &options.externals,
                node_builtins: &options.node_builtins,
                syntax_tree: false,
                minify: options.minify,
                source_maps: options.maps_back(),
                node_modules: node_modules.as_deref(),
                max_source_size,
                threads: options.threads,
                prelink: None,
                // Bundle mode's pack holds bundle mode's records: a fallback keeps none.
                cache: pack.as_ref().filter(|_| fallback.is_none()).map(|pack| ScanCache { pack, reuse: Reuse::Found }),
            };
            let graph = graph::scan(&project.entry, &project.root, &cwd, &scan)?;
            node_builtins = graph.node_builtins.clone();
            cached = graph
                .files
                .iter()
                .filter(|file| matches!(file.content, Content::Code { from_cache: true, .. }))
                .count();
            let prepared =
                graph.files.iter().any(|file| matches!(file.content, Content::Code { from_cache: false, .. }));
            if let Some(pack) = pack.as_ref().filter(|_| fallback.is_none() && prepared)
                && let Some(records) = records(&graph)
            {
                pack.write(records, None);
            }
            transformed(graph, &project.root, options)
        }
    };
    let entry = paths::display(&project.entry, &cwd);
    let module_map = ModuleMap {
        compatibility_date: options.compatibility_date.clone().or(project.compatibility_date),
        compatibility_flags: if options.compatibility_flags.is_empty() {
            project.compatibility_flags
        } else {
            options.compatibility_flags.clone()
        },
        main_module: made.linked.main_module,
        modules: made.linked.modules,
    };
    Ok(Bundle {
        module_map,
        origins: made.linked.origins,
        entry,
        rule: project.rule,
        config_file: project.config_file,
        shape: made.shape,
        prose_dropped: made.prose_dropped,
        packages: made.packages,
        node_builtins,
        files: made.files,
        package_files: made.package_files,
        mode: if fallback.is_some() { Mode::Transform } else { options.mode },
        fallback,
        cached,
    })
}

/// Bundle mode with a cache: the last run's bundle, when every file of the graph has a record
/// and the graph is the one it was made of; with the Node.js built-in modules it imports.
fn reuse_bundle(
    pack: &Pack,
    project: &entry::Project,
    cwd: &Path,
    light: &ScanOptions<'_>,
) -> Option<(Made, BTreeSet<String>)> {
    if !pack.has_graph() {
        return None;
    }
    let graph = graph::scan_cached(&project.entry, &project.root, cwd, light)?;
    let record = pack.take_graph(&graph_key(pack, &graph)?)?;
    Some((made_from(record)?, graph.node_builtins))
}

/// The key of what bundle mode makes of `graph`: each file's path, how Node reads it, its
/// content (a code file's record key) and what each of its imports resolved to; the Node.js
/// built-in modules left to the runtime. `None` when a code file has no key.
fn graph_key(pack: &Pack, graph: &Graph) -> Option<Key> {
    let mut fields = pack.key();
    for file in &graph.files {
        fields
            .field(file.path.as_os_str().as_encoded_bytes())
            .field(file.display.as_bytes())
            .field(&[u8::from(file.node_module_mode), u8::from(file.side_effects)]);
        match &file.content {
            Content::Code { cache_key, imports, .. } => {
                fields.field(b"code").field(cache_key.as_ref()?);
                for (_, target) in imports {
                    fields.field(format!("{target:?}").as_bytes());
                }
            }
            Content::Json(value) => {
                fields.field(b"json").field(value.to_string().as_bytes());
            }
            Content::Text(text) => {
                fields.field(b"text").field(text.as_bytes());
            }
            Content::Data(bytes) => {
                fields.field(b"data").field(bytes);
            }
            Content::Wasm(bytes) => {
                fields.field(b"wasm").field(bytes);
            }
        }
    }
    for builtin in &graph.node_builtins {
        fields.field(b"builtin").field(builtin.as_bytes());
    }
    Some(fields.finish())
}

/// The records of the code files of `graph`, to write to its pack.
fn records(graph: &Graph) -> Option<Vec<u8>> {
    let files: Vec<_> = graph
        .files
        .iter()
        .filter_map(|file| match &file.content {
            Content::Code { prepared, imports, scopes, cache_key: Some(key), .. } => {
                let imports = imports.iter().map(|(import, _)| import);
                Some((key, FileRecordRef { prepared, imports, scopes: *scopes }))
            }
            _ => None,
        })
        .collect();
    // Transform mode's code and source maps are most of it.
    let size = graph
        .files
        .iter()
        .map(|file| match &file.content {
            Content::Code { prepared, .. } => prepared.code.len() + 256,
            _ => 0,
        })
        .sum();
    Pack::records(&files, size)
}

/// What the cache keeps of a bundle, borrowed from it.
fn graph_record(made: &Made) -> GraphRecord<'_> {
    fn module(module: &Module) -> CachedModule<'_> {
        match module {
            Module::Js(code) => CachedModule::Js(Cow::Borrowed(code)),
            Module::Cjs(code) => CachedModule::Cjs(Cow::Borrowed(code)),
            Module::Text(text) => CachedModule::Text(Cow::Borrowed(text)),
            Module::Data(bytes) => CachedModule::Data(Cow::Borrowed(bytes)),
            Module::Json(value) => CachedModule::Json(Cow::Owned(value.to_string())),
            Module::Wasm(bytes) => CachedModule::Wasm(Cow::Borrowed(bytes)),
        }
    }
    let code = |name: &str| match made.linked.modules.get(name) {
        Some(Module::Js(code) | Module::Cjs(code)) => Some(code.as_str()),
        _ => None,
    };
    GraphRecord {
        main_module: Cow::Borrowed(&made.linked.main_module),
        modules: made.linked.modules.iter().map(|(name, code)| (Cow::Borrowed(name.as_str()), module(code))).collect(),
        origins: made
            .linked
            .origins
            .iter()
            .map(|(name, Origin { file, text, source_map })| {
                let origin = CachedOrigin {
                    file: Cow::Borrowed(file),
                    text: (code(name) != Some(text.as_str())).then_some(Cow::Borrowed(text.as_str())),
                    source_map: source_map.as_ref().map(Cow::Borrowed),
                };
                (Cow::Borrowed(name.as_str()), origin)
            })
            .collect(),
        shape: Cow::Borrowed(&made.shape),
        prose_dropped: made.prose_dropped,
        packages: made.packages.iter().map(|package| Cow::Borrowed(package.as_str())).collect(),
        files: made.files,
        package_files: made.package_files,
    }
}

/// A bundle from the cache; `None` when a JSON module does not parse, or an origin's text is
/// the code of a module that is not there (a corrupt record).
fn made_from(record: GraphRecord<'_>) -> Option<Made> {
    let mut modules = BTreeMap::new();
    for (name, module) in record.modules {
        let module = match module {
            CachedModule::Js(code) => Module::Js(code.into_owned()),
            CachedModule::Cjs(code) => Module::Cjs(code.into_owned()),
            CachedModule::Text(text) => Module::Text(text.into_owned()),
            CachedModule::Data(bytes) => Module::Data(bytes.into_owned()),
            CachedModule::Json(text) => Module::Json(serde_json::from_str(&text).ok()?),
            CachedModule::Wasm(bytes) => Module::Wasm(bytes.into_owned()),
        };
        modules.insert(name.into_owned(), module);
    }
    let mut origins = BTreeMap::new();
    for (name, CachedOrigin { file, text, source_map }) in record.origins {
        let text = match text {
            Some(text) => text.into_owned(),
            None => match modules.get(name.as_ref()) {
                Some(Module::Js(code) | Module::Cjs(code)) => code.clone(),
                _ => return None,
            },
        };
        let origin = Origin { file: file.into_owned(), text, source_map: source_map.map(Cow::into_owned) };
        origins.insert(name.into_owned(), origin);
    }
    Some(Made {
        linked: Linked { main_module: record.main_module.into_owned(), modules, origins },
        shape: record.shape.into_owned(),
        prose_dropped: record.prose_dropped,
        packages: record.packages.into_iter().map(Cow::into_owned).collect(),
        files: record.files,
        package_files: record.package_files,
    })
}

/// A map made in either mode, and what [`Bundle`] tells of its files.
struct Made {
    linked: Linked,
    shape: Shape,
    prose_dropped: Option<(usize, usize)>,
    packages: BTreeSet<String>,
    files: usize,
    package_files: usize,
}

/// How many files of a graph come from `node_modules`.
fn package_files(graph: &Graph) -> usize {
    graph
        .files
        .iter()
        .filter(|file| file.path.components().any(|component| component.as_os_str() == "node_modules"))
        .count()
}

/// What the entry looked like, and the fence lines of an answer whose prose was dropped.
fn entry_shape(graph: &Graph) -> (Shape, Option<(usize, usize)>) {
    match graph.files.first().map(|file| &file.content) {
        Some(Content::Code { prepared, .. }) => (prepared.shape.clone(), prepared.prose_dropped),
        _ => (Shape::Module, None),
    }
}

/// Transform mode: one module per file.
fn transformed(graph: Graph, root: &Path, options: &BundleOptions) -> Made {
    let (shape, prose_dropped) = entry_shape(&graph);
    let files = graph.files.len();
    let package_files = package_files(&graph);
    let mut linked = transform::link(graph, root, options.maps_back());
    if options.source_maps {
        for (name, origin) in &linked.origins {
            let comment = match &origin.source_map {
                Some(map) => map.to_comment(),
                None => continue,
            };
            if let Some(Module::Js(code) | Module::Cjs(code)) = linked.modules.get_mut(name) {
                with_comment(code, &comment);
            }
        }
    }
    let packages = transform::packages(linked.modules.keys());
    Made { linked, shape, prose_dropped, packages, files, package_files }
}

/// Bundle mode: the entry's module (named as the entry, with `.js`), and the modules of bytes
/// and WebAssembly it imports.
fn bundled(
    graph: &mut Graph,
    root: &Path,
    source_map: &Lrc<SwcSourceMap>,
    options: &BundleOptions,
) -> Result<Result<Made, Unsupported>, BundleError> {
    let names = transform::module_names(graph, root);
    let main_module = match names[0].rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.js"),
        None => format!("{}.js", names[0]),
    };
    let separate: HashMap<usize, String> = graph
        .files
        .iter()
        .enumerate()
        .filter(|(_, file)| matches!(file.content, Content::Data(_) | Content::Wasm(_)))
        .map(|(index, _)| (index, paths::relative_specifier(&main_module, &names[index])))
        .collect();
    let pool = crate::pool::existing(options.threads);
    let hoisted = match hoist::hoist(graph, &names, &separate, pool.as_deref())? {
        Ok(hoisted) => hoisted,
        Err(unsupported) => return Ok(Err(unsupported)),
    };
    let (shape, prose_dropped) = entry_shape(graph);
    let mut sources: Vec<BundleSource<'_>> = graph
        .files
        .iter()
        .filter_map(|file| match (&file.content, file.start_position) {
            (Content::Code { text, .. }, Some(start)) => {
                Some(BundleSource { start, file: &file.display, text: text.strip_prefix('\u{feff}').unwrap_or(text) })
            }
            _ => None,
        })
        .collect();
    sources.sort_by_key(|source| source.start);
    let module = if options.minify {
        GLOBALS.set(&Globals::new(), || minify::minify(hoisted.module, source_map, false))
    } else {
        hoisted.module
    };
    let with_map = options.maps_back();
    let (mut code, map, program) = GLOBALS.set(&Globals::new(), || {
        emit_bundle(source_map, Program::Module(module), &sources, options.minify, with_map, pool.as_deref())
    });
    // The bundle's syntax tree, every file's, takes a while to free: the pool does it, or
    // nobody when the process exits next (its memory then goes back at no cost).
    if options.exits_after {
        std::mem::forget((program, hoisted.shaken_off));
    } else {
        crate::pool::drop_later(pool.as_deref(), (program, hoisted.shaken_off));
    }
    if let Some(map) = &map
        && options.source_maps
    {
        with_comment(&mut code, &map.to_comment());
    }
    // Positions the map does not know (the bundle's own helpers) are shown in the bundle; a
    // map that is only written needs no second copy of its code.
    let text = if options.skip_origin_maps { String::new() } else { code.clone() };
    let origin = Origin { file: main_module.clone(), text, source_map: map };
    let mut modules = BTreeMap::new();
    modules.insert(main_module.clone(), Module::Js(code));
    for index in hoisted.separate {
        let module = match std::mem::replace(&mut graph.files[index].content, Content::Text(String::new())) {
            Content::Data(bytes) => Module::Data(bytes),
            Content::Wasm(bytes) => Module::Wasm(bytes),
            _ => unreachable!("separate files are data and WebAssembly"),
        };
        modules.insert(names[index].clone(), module);
    }
    let origins = BTreeMap::from([(main_module.clone(), origin)]);
    Ok(Ok(Made {
        linked: Linked { main_module, modules, origins },
        shape,
        prose_dropped,
        packages: transform::packages(names.iter()),
        files: graph.files.len(),
        package_files: package_files(graph),
    }))
}

/// Ends `code` with a comment on a line of its own.
fn with_comment(code: &mut String, comment: &str) {
    if !code.ends_with('\n') {
        code.push('\n');
    }
    code.push_str(comment);
    code.push('\n');
}
