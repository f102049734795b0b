//! The module graph: the entry and every file it imports, transitively, each read, prepared
//! and with its imports resolved to other files of the graph.
//!
//! Files are visited breadth first from the entry, so the entry is file 0 and the order is
//! the same on every run. A `.js` file's format is only known once it is parsed (see
//! [`Role::Imported`]); every other kind follows from the extension.
//!
//! With more than one thread ([`ScanOptions::threads`]), files are read, parsed, stripped and analysed
//! on its threads as soon as an import finds them, while this thread takes their results in
//! the order of the graph (resolving their imports, which finds more files): the graph is the
//! one a scan file after file makes, whatever the threads' timing. Each file is prepared as
//! if it were alone, in its own swc source map, and its positions are moved into the bundle's
//! when its turn comes. What depends on the files before it (how much source may still be
//! read, how many names in nested scopes, see `depth::Scopes`) is reserved as it goes, and
//! checked again in turn; a file that fails, or that the reservations leave in doubt, makes
//! the whole scan start again file after file, which says exactly what is wrong.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use crate::diagnostics::error::{self, BundleError};
use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;
use crate::position::LineIndex;
use crate::position::Location;
use crate::project::boundary::{Boundary, Refused};
use crate::project::paths;
use crate::source::imports::{Import, ImportKind};
use rustc_hash::FxHashMap;
use swc_core::common::{BytePos, FileName, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::Module;
use swc_core::ecma::visit::VisitMut;

use crate::cache::{Key, Pack};
use crate::depth::{Reserved, Scopes, SharedScopes};

use crate::project::resolve::{Resolved, Resolver, Unresolved, is_node_builtin};
use crate::source::define::Defines;
use crate::source::prepare::{PrepareOptions, Prepared, Role, SourceInput, prepare_file};
use crate::source::strip_types::CompileOptions;

/// Every file of a program; the entry is the first.
pub(crate) struct Graph {
    pub(crate) files: Vec<File>,
    /// [`ScanOptions::node_modules`], canonical: its files are named as if it were the
    /// project's `node_modules`.
    pub(crate) node_modules: Option<PathBuf>,
    /// The Node.js built-in modules imported, as written, left to the runtime.
    pub(crate) node_builtins: BTreeSet<String>,
    /// Bundle mode ([`ScanOptions::syntax_tree`]): the source map every file's positions are
    /// in.
    pub(crate) source_map: Option<Lrc<SwcSourceMap>>,
    /// Bundle mode: the first files made ready for linking while the scan waited for the pool
    /// (their syntax trees are there, no longer in [`Content::Code`]).
    pub(crate) prelinked: Option<Box<dyn Prelink>>,
}

/// What the bundling thread does with the files it has read while it waits for the pool:
/// in bundle mode, the linker's preparation of each in turn. The caller gives it
/// ([`ScanOptions::prelink`]) and takes it back from [`Graph::prelinked`], so that the linker
/// depends on the graph and never the reverse.
pub(crate) trait Prelink: std::any::Any {
    /// How many of the graph's first files are ready.
    fn len(&self) -> usize;
    /// Makes `file`, the graph's next one (index [`Prelink::len`]), ready.
    fn add(&mut self, file: &mut File);
}

pub(crate) struct File {
    /// Canonical path.
    pub(crate) path: PathBuf,
    /// The path diagnostics and stack traces show.
    pub(crate) display: String,
    pub(crate) content: Content,
    /// Its package says `"type": "module"` (or it is `.mjs`/`.mts`): Node reads it as an ES
    /// module, and imports the default of CommonJS as `module.exports` there.
    pub(crate) node_module_mode: bool,
    /// `false` when its package's `sideEffects` says it has none.
    pub(crate) side_effects: bool,
    /// Bundle mode: where the file's positions start in the shared source map.
    pub(crate) start_position: Option<BytePos>,
}

// Most files are code, and a graph has at most thousands: boxing it would be one more
// allocation per file for nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Content {
    /// JavaScript or TypeScript: the text as written, the code to run, and what each import
    /// names.
    Code {
        text: String,
        prepared: Prepared,
        imports: Vec<(Import, Target)>,
        /// Bundle mode: the syntax tree (see [`ScanOptions::syntax_tree`]).
        syntax_tree: Option<Module>,
        /// Where the positions of `syntax_tree` move to in the graph's source map.
        relocation: Relocation,
        language: Language,
        /// The names in nested scopes and the scopes its parse counted.
        scopes: Scopes,
        /// With a cache ([`ScanOptions::cache`]): the key of the file's record.
        cache_key: Option<Key>,
        /// It was prepared by an earlier run: its record was in the cache.
        from_cache: bool,
    },
    Json(serde_json::Value),
    Text(String),
    Data(Vec<u8>),
    Wasm(Vec<u8>),
}

/// How the positions of a syntax tree parsed on another thread, in a source map of its own
/// whose files start at 1, move into the graph's source map, where its files start at `by + 1`:
/// positions from 1 to `end` move by `by`; others (none, and those transforms make up) stay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Relocation {
    pub(crate) end: u32,
    pub(crate) by: u32,
}

impl Relocation {
    /// Moves every position of `tree`, and empties every syntax context (so that `resolver`
    /// can run again), in one walk.
    pub(crate) fn apply(self, tree: &mut Module) {
        use swc_core::ecma::visit::VisitMutWith;
        tree.visit_mut_with(&mut Relocate(self));
    }
}

struct Relocate(Relocation);

impl VisitMut for Relocate {
    fn visit_mut_syntax_context(&mut self, context: &mut swc_core::common::SyntaxContext) {
        *context = swc_core::common::SyntaxContext::empty();
    }

    fn visit_mut_span(&mut self, span: &mut swc_core::common::Span) {
        let Relocation { end, by } = self.0;
        if by == 0 {
            return;
        }
        for position in [&mut span.lo, &mut span.hi] {
            if (1..=end).contains(&position.0) {
                position.0 += by;
            }
        }
    }
}

/// What an import names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file of the graph, by index.
    File(usize),
    /// An empty module, where a package's `browser` field maps the import to `false`.
    Empty,
    /// Something the runtime provides (`cloudflare:`, or a module named by `--external`):
    /// left as written.
    External,
    /// An optional `require` (in a `try` block) that did not resolve: left as written, to
    /// fail when it runs, as the code expects.
    Missing,
}

/// How to read and prepare the files of a graph.
pub(crate) struct ScanOptions<'a> {
    pub(crate) defines: &'a Defines,
    /// `--external` patterns: `name`, `name/*`, `@scope/*`.
    pub(crate) externals: &'a [String],
    /// [`BundleOptions::node_builtins`](crate::BundleOptions).
    pub(crate) node_builtins: &'a [String],
    /// Bundle mode: keep each file's syntax tree, its positions in the graph's source map
    /// ([`Graph::source_map`]), instead of its code.
    pub(crate) syntax_tree: bool,
    /// Transform mode's `--minify`.
    pub(crate) minify: bool,
    /// Transform mode: each file written anew gets a source map back to its input
    /// ([`PrepareOptions::source_maps`]).
    pub(crate) source_maps: bool,
    /// A `node_modules` outside the project (canonical) where bare imports are also found,
    /// and whose files may be read (see [`BundleOptions::node_modules`](crate::BundleOptions)).
    pub(crate) node_modules: Option<&'a Path>,
    /// The most bytes of source to read, all files together, and of one configuration file
    /// ([`BundleOptions::max_source_size`](crate::BundleOptions)).
    pub(crate) max_source_size: u64,
    /// [`BundleOptions::threads`](crate::BundleOptions): more than one prepares files on a
    /// pool (see the module docs), made once the entry imports something.
    pub(crate) threads: Option<usize>,
    /// Makes the [`Prelink`] of bundle mode.
    pub(crate) prelink: Option<fn() -> Box<dyn Prelink>>,
    /// The bundle cache, and what the scan takes from it.
    pub(crate) cache: Option<ScanCache<'a>>,
}

/// How a scan uses the bundle cache (see `cache.rs`): every code file gets its key.
#[derive(Clone, Copy)]
pub(crate) struct ScanCache<'a> {
    pub(crate) pack: &'a Pack,
    pub(crate) reuse: Reuse,
}

/// Which records of the cache a scan takes in place of preparing files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reuse {
    /// None: every file is prepared (bundle mode, which needs the syntax trees).
    Never,
    /// Those there; the other files are prepared.
    Found,
    /// Only records: the scan stops at the first file without one ([`scan_cached`]).
    Only,
}

/// Binary formats imported as their bytes, a `data` module, as `.bin` is: images, fonts,
/// audio, video, documents and archives.
const BINARY_EXTENSIONS: [&str; 23] = [
    "bin", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "woff", "woff2", "ttf", "otf", "eot", "mp3",
    "wav", "ogg", "mp4", "webm", "pdf", "zip", "gz", "br",
];

/// How a file is loaded, from its extension (wrangler's default module rules for the
/// non-code kinds, and the bytes of other binary formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Code(Language),
    Json,
    Text,
    Data,
    Wasm,
}

impl Kind {
    fn of(path: &Path) -> Option<Kind> {
        if let Some(language) = Language::from_path(path) {
            return Some(Kind::Code(language));
        }
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Kind::Json),
            "txt" | "html" | "md" | "css" | "svg" | "sql" => Some(Kind::Text),
            "wasm" => Some(Kind::Wasm),
            binary if BINARY_EXTENSIONS.contains(&binary) => Some(Kind::Data),
            _ => None,
        }
    }
}

/// A file found but not read yet.
#[derive(Clone)]
struct Pending {
    path: PathBuf,
    kind: Kind,
    module_package: bool,
    side_effects: bool,
    /// The first import of the file, for diagnostics: the importer's index and the location.
    imported_at: Option<(usize, Location)>,
}

/// Reads `entry` (canonical) and everything it imports, which must be inside the project's
/// [`Boundary`]: its directory `root`, the `node_modules` directories Node searches from it,
/// and [`ScanOptions::node_modules`]. Display paths are relative to `cwd`.
pub(crate) fn scan(entry: &Path, root: &Path, cwd: &Path, options: &ScanOptions<'_>) -> Result<Graph, BundleError> {
    let mut scan = Scan::new(entry, root, cwd, options)?;
    // The entry on its own: agent code and answers with prose make positions of their own.
    scan.step()?;
    // A small graph is read on this thread: waking the pool's threads and handing files
    // between them costs more than it saves below a few dozen files (measured on ts-50 and
    // hono-zod); a large one goes on to the pool from where this stops, as soon as it is
    // known to be large: when as many files as the pool would take at once are found and
    // waiting (a package's index that imports its dozens of modules).
    while scan.files.len() < sequential_files()
        && scan.files.len() < scan.found.pending.len()
        && scan.found.pending.len() - scan.files.len() < WAITING_FILES
    {
        scan.step()?;
    }
    let imports = scan.files.len() < scan.found.pending.len();
    if let Some(pool) = imports.then(|| crate::pool::pool(options.threads)).flatten() {
        #[cfg(test)]
        POOL_AFTER.with(|after| after.set(Some(scan.files.len())));
        let stop = match scan.in_parallel(&pool) {
            Ok(()) => return Ok(scan.graph()),
            Err(Stop::Failed(error)) => return Err(error),
            Err(stop) => stop,
        };
        #[cfg(test)]
        IN_TURN.with(|count| count.set(count.get() + 1));
        if matches!(stop, Stop::Again) {
            scan = Scan::new(entry, root, cwd, options)?;
        }
    }
    while scan.files.len() < scan.found.pending.len() {
        scan.step()?;
    }
    Ok(scan.graph())
}

/// [`scan`] with [`Reuse::Only`], file after file: the graph, each code file's preparation
/// taken from the cache, or `None` at the first file without a record, or when anything else
/// stops the scan (a scan from scratch then says what).
pub(crate) fn scan_cached(entry: &Path, root: &Path, cwd: &Path, options: &ScanOptions<'_>) -> Option<Graph> {
    debug_assert!(options.cache.is_some_and(|cache| cache.reuse == Reuse::Only));
    let mut scan = Scan::new(entry, root, cwd, options).ok()?;
    while scan.files.len() < scan.found.pending.len() {
        scan.step().ok()?;
        if scan.missed {
            return None;
        }
    }
    Some(scan.graph())
}

/// Files read on the calling thread before the rest of a graph goes to the pool.
const SEQUENTIAL_FILES: usize = 64;

/// Files found and not read yet that send the rest of a graph to the pool before
/// [`SEQUENTIAL_FILES`] are read: the graph is large, and wide enough to keep the threads busy.
const WAITING_FILES: usize = 32;

fn sequential_files() -> usize {
    #[cfg(test)]
    return SEQUENTIAL_FILES_IN_TESTS.with(std::cell::Cell::get).min(SEQUENTIAL_FILES);
    #[cfg(not(test))]
    SEQUENTIAL_FILES
}

#[cfg(test)]
thread_local! {
    /// [`SEQUENTIAL_FILES`] in this crate's tests: the entry alone unless a test says, so
    /// that their small projects go to the pool.
    pub(crate) static SEQUENTIAL_FILES_IN_TESTS: std::cell::Cell<usize> = const { std::cell::Cell::new(1) };
}

#[cfg(test)]
thread_local! {
    /// How many files the last scan on this thread read before the pool took over, if it did.
    pub(crate) static POOL_AFTER: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

#[cfg(test)]
thread_local! {
    /// How many scans in parallel on this thread went on file after file.
    pub(crate) static IN_TURN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A scan under way: the files read so far, and what was found to read next.
struct Scan<'a> {
    found: Found<'a>,
    files: Vec<File>,
    options: &'a ScanOptions<'a>,
    source_map: Option<Lrc<SwcSourceMap>>,
    /// Bytes of every file read so far, held to `max_source_size`.
    source_read: u64,
    /// The names in nested scopes and the scopes counted in them, held to what
    /// `depth::Scopes` allows `source_read`.
    scopes_counted: Scopes,
    /// Bundle mode: the files taken so far, made ready for linking while the pool works.
    prelinked: Option<Box<dyn Prelink>>,
    /// [`Reuse::Only`]: the next file has no record in the cache.
    missed: bool,
}

/// Why a scan in parallel stopped before the end.
enum Stop {
    /// A file failed, as it fails in a scan file after file.
    Failed(BundleError),
    /// A file's result was in doubt (see the module docs): the scan goes on file after file
    /// from that file.
    InTurn,
    /// A configuration file was refused while the files before it were not all in: whose
    /// error it is, only the scan file after file from the start can say.
    Again,
}

/// A file prepared on the pool cannot be taken as it is.
enum Failure {
    /// Its result is in doubt: it is prepared again, in turn.
    Doubt,
    /// It does not compile, whatever the files before it: the error, with what the file read
    /// and reserved, to check that it got that far in turn too.
    Unprepared { unprepared: Unprepared, read: u64, scopes_counted_by_it: Scopes },
}

impl<'a> Scan<'a> {
    fn new(entry: &Path, root: &'a Path, cwd: &'a Path, options: &'a ScanOptions<'a>) -> Result<Scan<'a>, BundleError> {
        let display = paths::display(entry, cwd);
        let kind = match Kind::of(entry) {
            Some(kind @ Kind::Code(_)) => kind,
            _ => return Err(error::graph(diagnostics::unsupported_entry(&display), None)),
        };
        let boundary = Arc::new(Boundary::new(root, options.node_modules));
        if !boundary.allows(entry) {
            let project = paths::display(root, cwd);
            return Err(error::graph(diagnostics::entry_outside_project(&display, &project), None));
        }
        let resolver = Resolver::new(Arc::clone(&boundary), options.node_modules, options.max_source_size);
        // The entry's package says how it imports CommonJS, as an imported file's does (a
        // `"type": "module"` package: Node's rule). It is found by resolving the entry itself.
        let itself = entry
            .file_name()
            .and_then(|name| name.to_str())
            .map(|name| resolver.resolve(entry, &format!("./{name}"), ImportKind::Static));
        if let Some(Err(Unresolved::Refused(refused))) = &itself {
            return Err(error::graph(refused_config(&display, refused, root, cwd, options), None));
        }
        let module_package = matches!(itself, Some(Ok(Resolved::File { module_package: true, .. })));
        let found = Found {
            resolver,
            boundary,
            max_source_size: options.max_source_size,
            root,
            cwd,
            pending: vec![Pending {
                path: entry.to_path_buf(),
                kind,
                module_package,
                side_effects: true,
                imported_at: None,
            }],
            externals: options.externals,
            node_builtins: options.node_builtins,
            node_builtins_imported: BTreeSet::new(),
            index: FxHashMap::from_iter([(entry.to_path_buf(), 0)]),
        };
        Ok(Scan {
            found,
            files: Vec::new(),
            options,
            source_map: options.syntax_tree.then(Lrc::default),
            source_read: 0,
            scopes_counted: Scopes::default(),
            prelinked: options.prelink.map(|make| make()),
            missed: false,
        })
    }

    fn graph(self) -> Graph {
        Graph {
            files: self.files,
            node_modules: self.options.node_modules.map(Path::to_path_buf),
            node_builtins: self.found.node_builtins_imported,
            source_map: self.source_map,
            prelinked: self.prelinked,
        }
    }

    /// The compile options of a file (from its `tsconfig.json`).
    fn compile_options(&self, pending: &Pending, display: &str) -> Result<CompileOptions, BundleError> {
        match pending.kind {
            Kind::Code(_) => self.found.resolver.compile_options(&pending.path).map_err(|refused| {
                error::graph(refused_config(display, &refused, self.found.root, self.found.cwd, self.options), None)
            }),
            _ => Ok(CompileOptions::default()),
        }
    }

    /// Reads and prepares the next file, and resolves its imports.
    fn step(&mut self) -> Result<(), BundleError> {
        let next = self.found.pending[self.files.len()].clone();
        let display = paths::display(&next.path, self.found.cwd);
        let compile = self.compile_options(&next, &display)?;
        let prepare = PrepareOptions {
            compile: &compile,
            defines: self.options.defines,
            syntax_tree: self.source_map.as_ref(),
            minify: self.options.minify,
            source_maps: self.options.source_maps,
            scopes_left: None,
            shared_scopes: None,
        };
        let budget =
            Budget { max: self.options.max_source_size, read: &mut self.source_read, scopes: &mut self.scopes_counted };
        let current = self.files.len();
        let Some(loaded) = load(&next, current, &display, &self.files, &prepare, budget, self.options.cache)? else {
            self.missed = true;
            return Ok(());
        };
        self.add(next, display, loaded, Relocation::default())
    }

    /// Adds the next file, once loaded: its imports are resolved, which finds more files.
    fn add(
        &mut self,
        next: Pending,
        display: String,
        loaded: Loaded,
        relocation: Relocation,
    ) -> Result<(), BundleError> {
        let mut start_position = None;
        let content = match loaded {
            Loaded::Code {
                text,
                prepared,
                imports,
                syntax_tree,
                language,
                start_position: start,
                scopes,
                cache_key,
                from_cache,
            } => {
                start_position = start;
                let imports = self.found.resolve_all(&next.path, self.files.len(), imports, &text)?;
                Content::Code {
                    text,
                    prepared,
                    imports,
                    syntax_tree,
                    relocation,
                    language,
                    scopes,
                    cache_key,
                    from_cache,
                }
            }
            Loaded::Other(content) => content,
        };
        let node_module_mode = next.module_package
            || next.path.extension().is_some_and(|extension| extension == "mjs" || extension == "mts");
        self.files.push(File {
            path: next.path,
            display,
            content,
            node_module_mode,
            side_effects: next.side_effects,
            start_position,
        });
        Ok(())
    }

    /// Scans the files after the entry with `pool` (see the module docs): each on the pool's
    /// threads as soon as it is found, their results taken in turn.
    fn in_parallel(&mut self, pool: &rayon::ThreadPool) -> Result<(), Stop> {
        let reserved = Mutex::new(Reserved { read: self.source_read, scopes: self.scopes_counted });
        let cancelled = AtomicBool::new(false);
        let (sender, receiver) = mpsc::channel::<(usize, Result<Speculated, Failure>)>();
        let common = Common {
            reserved: &reserved,
            cancelled: &cancelled,
            defines: self.options.defines,
            syntax_tree: self.options.syntax_tree,
            minify: self.options.minify,
            source_maps: self.options.source_maps,
            max_source_size: self.options.max_source_size,
            cache: self.options.cache,
        };
        pool.in_place_scope(|scope| {
            let mut sent = self.files.len();
            let mut results: HashMap<usize, Result<Speculated, Failure>> = HashMap::new();
            let outcome = loop {
                // Everything found so far goes to the pool, in the order it was found.
                while sent < self.found.pending.len() {
                    let pending = self.found.pending[sent].clone();
                    let display = paths::display(&pending.path, self.found.cwd);
                    let Ok(compile) = self.compile_options(&pending, &display) else {
                        // Refused before the files ahead of it are in, which may have needed
                        // the same file: their error, not this one, may be the first.
                        return Err(Stop::Again);
                    };
                    let sender = sender.clone();
                    let common = &common;
                    let index = sent;
                    scope.spawn(move |_| {
                        let _ = sender.send((index, speculate(pending, display, &compile, common)));
                    });
                    sent += 1;
                }
                let current = self.files.len();
                if current == self.found.pending.len() {
                    break Ok(());
                }
                let speculated = loop {
                    if let Some(result) = results.remove(&current) {
                        break Some(result);
                    }
                    // The bundling thread would wait: it makes the files it has taken ready
                    // for linking meanwhile, one at a time, in their order.
                    if let Some(prelinked) = &mut self.prelinked
                        && prelinked.len() < self.files.len()
                    {
                        match receiver.try_recv() {
                            Ok((index, result)) => {
                                results.insert(index, result);
                            }
                            Err(mpsc::TryRecvError::Empty) => prelinked.add(&mut self.files[prelinked.len()]),
                            Err(mpsc::TryRecvError::Disconnected) => break None,
                        }
                        continue;
                    }
                    match receiver.recv() {
                        Ok((index, result)) => {
                            results.insert(index, result);
                        }
                        Err(_) => break None,
                    }
                };
                let taken = match speculated {
                    Some(Ok(speculated)) => self.take(speculated),
                    Some(Err(Failure::Unprepared { unprepared, read, scopes_counted_by_it })) => {
                        Err(self.failed(unprepared, read, scopes_counted_by_it))
                    }
                    Some(Err(Failure::Doubt)) | None => Err(Stop::InTurn),
                };
                if let Err(stop) = taken {
                    break Err(stop);
                }
            };
            // Files still queued are not needed (when something stopped): they return at once,
            // and the scope waits for those under way.
            cancelled.store(true, Ordering::SeqCst);
            outcome
        })
    }

    /// Whether `read` more bytes, and `scopes` more names in nested scopes and scopes, fit
    /// what the next file may read and count in turn.
    fn fits(&self, read: u64, scopes: Scopes) -> bool {
        let Some(read) = self.source_read.checked_add(read).filter(|&read| read <= self.options.max_source_size) else {
            return false;
        };
        scopes.within(Scopes::allowed(read).minus(self.scopes_counted))
    }

    /// Takes the next file from the pool, checking what it read and reserved against what
    /// the scan file after file would have allowed it.
    fn take(&mut self, speculated: Speculated) -> Result<(), Stop> {
        let Speculated { pending, display, mut loaded, read, scopes_counted_by_it, sources } = speculated;
        if !self.fits(read, scopes_counted_by_it) {
            return Err(Stop::InTurn);
        }
        self.source_read += read;
        let mut relocation = Relocation::default();
        if let Loaded::Code { start_position, scopes, .. } = &mut loaded {
            self.scopes_counted = self.scopes_counted.plus(*scopes);
            if let (Some(source_map), Some(private_start)) = (&self.source_map, *start_position) {
                // The file's source map, as the scan file after file would have made it in
                // the graph's: the file, then what its transforms parsed.
                let mut first = None;
                let mut end = 0;
                for (name, source) in sources {
                    let file = source_map.new_source_file(Lrc::new(name), source);
                    first.get_or_insert(file.start_pos);
                    end = file.end_pos.0;
                }
                let by = first.map_or(0, |first: BytePos| first.0 - 1);
                relocation = Relocation { end: end - by, by };
                *start_position = Some(BytePos(private_start.0 + by));
            }
        }
        self.add(pending, display, loaded, relocation).map_err(Stop::Failed)
    }

    /// The next file did not compile on the pool: its error, when the file would have got as
    /// far in turn.
    fn failed(&self, unprepared: Unprepared, read: u64, scopes_counted_by_it: Scopes) -> Stop {
        if !self.fits(read, scopes_counted_by_it) {
            return Stop::InTurn;
        }
        let pending = &self.found.pending[self.files.len()];
        let display = paths::display(&pending.path, self.found.cwd);
        Stop::Failed(unprepared_error(pending, &display, &self.files, unprepared))
    }
}

/// What every file prepared on the pool shares.
struct Common<'a> {
    reserved: &'a Mutex<Reserved>,
    /// The scan stopped: files not started yet are not needed.
    cancelled: &'a AtomicBool,
    defines: &'a Defines,
    syntax_tree: bool,
    minify: bool,
    source_maps: bool,
    max_source_size: u64,
    cache: Option<ScanCache<'a>>,
}

/// A file read and prepared on the pool, waiting for its turn.
struct Speculated {
    pending: Pending,
    display: String,
    loaded: Loaded,
    /// Its size.
    read: u64,
    /// What its parses counted.
    scopes_counted_by_it: Scopes,
    /// Bundle mode: the files of its own source map, which start at 1, to add to the graph's.
    sources: Vec<(FileName, String)>,
}

/// Reads and prepares a file on a thread of the pool, as if it were alone.
fn speculate(
    pending: Pending,
    display: String,
    compile: &CompileOptions,
    common: &Common<'_>,
) -> Result<Speculated, Failure> {
    if common.cancelled.load(Ordering::SeqCst) {
        return Err(Failure::Doubt);
    }
    crate::depth::with_stack(|| {
        let lock = || common.reserved.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // The bytes are reserved first, so that what the threads read together stays within
        // `max_source_size`, as it would file after file.
        let opened = crate::project::boundary::Opened::regular(&pending.path).map_err(|_| Failure::Doubt)?;
        let size = opened.size();
        {
            let mut reserved = lock();
            let read = reserved.read.checked_add(size).filter(|&read| read <= common.max_source_size);
            reserved.read = read.ok_or(Failure::Doubt)?;
        }
        let bytes = match opened.read_at_most(size) {
            Ok(Ok(bytes)) => bytes,
            _ => return Err(Failure::Doubt),
        };
        let read = bytes.len() as u64;
        let shared = SharedScopes::new(common.reserved);
        let source_map: Option<Lrc<SwcSourceMap>> = common.syntax_tree.then(Lrc::default);
        let options = PrepareOptions {
            compile,
            defines: common.defines,
            syntax_tree: source_map.as_ref(),
            minify: common.minify,
            source_maps: common.source_maps,
            scopes_left: None,
            shared_scopes: Some(&shared),
        };
        let role = Role::Imported { module_package: pending.module_package };
        let (key, reused) =
            reuse(common.cache, pending.kind, role, &display, &options, bytes, |scopes| shared.reserve(scopes));
        let bytes = match reused {
            Ok(loaded) => {
                let scopes_counted_by_it = shared.counted();
                return Ok(Speculated { pending, display, loaded, read, scopes_counted_by_it, sources: Vec::new() });
            }
            Err(bytes) => bytes,
        };
        if shared.doubtful() {
            return Err(Failure::Doubt);
        }
        let prepared = prepare_content(pending.kind, role, &display, bytes, &options);
        if shared.doubtful() {
            return Err(Failure::Doubt);
        }
        let scopes_counted_by_it = shared.counted();
        let mut loaded =
            prepared.map_err(|unprepared| Failure::Unprepared { unprepared, read, scopes_counted_by_it })?;
        if let Loaded::Code { cache_key, .. } = &mut loaded {
            *cache_key = key;
        }
        let sources = match &source_map {
            Some(source_map) => {
                source_map.files().iter().map(|file| ((*file.name).clone(), file.src.to_string())).collect()
            }
            None => Vec::new(),
        };
        Ok(Speculated { pending, display, loaded, read, scopes_counted_by_it, sources })
    })
}

/// The files found so far, in the order they were found, and how to find more.
struct Found<'a> {
    resolver: Resolver,
    root: &'a Path,
    cwd: &'a Path,
    pending: Vec<Pending>,
    /// The index of each file in `pending`.
    index: FxHashMap<PathBuf, usize>,
    externals: &'a [String],
    /// The Node.js built-in modules the runtime provides: imports of them stay as written.
    node_builtins: &'a [String],
    /// Those imported so far.
    node_builtins_imported: BTreeSet<String>,
    /// What may be read.
    boundary: Arc<Boundary>,
    /// [`ScanOptions::max_source_size`].
    max_source_size: u64,
}

impl Found<'_> {
    /// Whether the runtime provides the Node.js built-in module `specifier` names.
    fn provides(&self, specifier: &str) -> bool {
        if !is_node_builtin(specifier) {
            return false;
        }
        let name = specifier.strip_prefix("node:").unwrap_or(specifier);
        self.node_builtins.iter().any(|provided| provided == name)
    }

    /// Resolves the imports of the file `importer` (index `current`, whose text is `text`),
    /// adding the files they name to `pending`.
    fn resolve_all(
        &mut self,
        importer: &Path,
        current: usize,
        imports: Vec<Import>,
        text: &str,
    ) -> Result<Vec<(Import, Target)>, BundleError> {
        let mut targets = Vec::with_capacity(imports.len());
        for import in imports {
            if is_external(&import.specifier, self.externals) {
                targets.push((import, Target::External));
                continue;
            }
            let resolved = self.resolver.resolve(importer, &import.specifier, import.kind);
            if self.provides(&import.specifier) && leaves_builtin(&import.specifier, &resolved) {
                self.node_builtins_imported.insert(import.specifier.clone());
                targets.push((import, Target::External));
                continue;
            }
            let target = match resolved {
                Ok(Resolved::External) => Target::External,
                Ok(Resolved::Builtin) if import.optional => Target::Missing,
                Ok(Resolved::Builtin) => {
                    let diagnostic = diagnostics::node_builtin(&import.specifier, import.location.clone());
                    return Err(error::graph(diagnostic, Some(text)));
                }
                Ok(Resolved::Empty) => Target::Empty,
                Ok(Resolved::File { path, module_package, side_effects }) => {
                    if !self.boundary.allows(&path) {
                        let diagnostic = diagnostics::outside_project(
                            &import.specifier,
                            import.location.clone(),
                            &paths::display(&path, self.cwd),
                            &paths::display(self.root, self.cwd),
                        );
                        return Err(error::graph(diagnostic, Some(text)));
                    }
                    let Some(kind) = Kind::of(&path) else {
                        let diagnostic = diagnostics::unsupported_file_type(&import.specifier, import.location.clone());
                        return Err(error::graph(diagnostic, Some(text)));
                    };
                    let found = Pending {
                        path,
                        kind,
                        module_package,
                        side_effects,
                        imported_at: Some((current, import.location.clone())),
                    };
                    Target::File(self.add(found))
                }
                Err(unresolved) if import.optional && !matches!(unresolved, Unresolved::Refused(_)) => Target::Missing,
                Err(unresolved) => {
                    let diagnostic = unresolved_import(&import, &unresolved, self.root, self.cwd, self.max_source_size);
                    return Err(error::graph(diagnostic, Some(text)));
                }
            };
            targets.push((import, target));
        }
        Ok(targets)
    }

    /// The index of a file found, which is added when it is new.
    fn add(&mut self, found: Pending) -> usize {
        let next_index = self.index.len();
        match self.index.entry(found.path.clone()) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(slot) => {
                self.pending.push(found);
                *slot.insert(next_index)
            }
        }
    }
}

enum Loaded {
    Code {
        text: String,
        prepared: Prepared,
        imports: Vec<Import>,
        syntax_tree: Option<Module>,
        language: Language,
        start_position: Option<BytePos>,
        /// The names in nested scopes and the scopes its parse counted.
        scopes: Scopes,
        cache_key: Option<Key>,
        from_cache: bool,
    },
    Other(Content),
}

/// How much source a graph may still read.
struct Budget<'a> {
    /// [`ScanOptions::max_source_size`].
    max: u64,
    /// Bytes read so far, to which a file read is added.
    read: &'a mut u64,
    /// Names in nested scopes and scopes counted so far (see `depth::Scopes`).
    scopes: &'a mut Scopes,
}

/// Reads and prepares one file, or takes its preparation from the cache; `None` when
/// [`Reuse::Only`] finds no record for it.
fn load(
    pending: &Pending,
    current: usize,
    display: &str,
    files: &[File],
    options: &PrepareOptions<'_>,
    budget: Budget<'_>,
    cache: Option<ScanCache<'_>>,
) -> Result<Option<Loaded>, BundleError> {
    let remaining = budget.max.saturating_sub(*budget.read);
    let read = crate::project::boundary::read_at_most(&pending.path, remaining).map_err(|source| {
        match &pending.imported_at {
            None => BundleError::Unreadable { path: display.to_owned(), source },
            Some((importer, location)) => error::graph(
                diagnostics::unreadable_import(display, &source.to_string(), location.clone()),
                text_of(files, *importer),
            ),
        }
    })?;
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(size) => {
            let location = pending.imported_at.as_ref().map(|(_, location)| location.clone());
            let importer = pending.imported_at.as_ref().map(|(importer, _)| *importer);
            let diagnostic = diagnostics::source_too_large(display, size, budget.max, Some(*budget.read), location);
            return Err(error::graph(diagnostic, importer.and_then(|importer| text_of(files, importer))));
        }
    };
    *budget.read += bytes.len() as u64;
    let scopes_left = Scopes::allowed(*budget.read).minus(*budget.scopes);
    let options = &PrepareOptions { scopes_left: Some(scopes_left), ..*options };
    let role = if current == 0 { Role::Entry } else { Role::Imported { module_package: pending.module_package } };
    let (key, reused) = reuse(cache, pending.kind, role, display, options, bytes, |scopes| scopes.within(scopes_left));
    let bytes = match reused {
        Ok(loaded) => {
            if let Loaded::Code { scopes, .. } = &loaded {
                *budget.scopes = budget.scopes.plus(*scopes);
            }
            return Ok(Some(loaded));
        }
        // A code file without a record.
        Err(_) if key.is_some() && cache.is_some_and(|cache| cache.reuse == Reuse::Only) => return Ok(None),
        Err(bytes) => bytes,
    };
    match prepare_content(pending.kind, role, display, bytes, options) {
        Ok(mut loaded) => {
            if let Loaded::Code { scopes, cache_key, .. } = &mut loaded {
                *budget.scopes = budget.scopes.plus(*scopes);
                *cache_key = key;
            }
            Ok(Some(loaded))
        }
        Err(unprepared) => Err(unprepared_error(pending, display, files, unprepared)),
    }
}

/// The key of a code file's record in `pack`: its bytes, its path as shown, how it is
/// imported, its language and compile options, and what the scan keeps of it.
fn file_key(
    pack: &Pack,
    kind: Kind,
    role: Role,
    display: &str,
    options: &PrepareOptions<'_>,
    bytes: &[u8],
) -> Option<Key> {
    let Kind::Code(language) = kind else { return None };
    let context = format!(
        "{role:?} {language:?} {:?} syntax tree: {} minify: {} source maps: {}",
        options.compile,
        options.syntax_tree.is_some(),
        options.minify,
        options.source_maps
    );
    Some(pack.file_key(&[display.as_bytes(), context.as_bytes()], bytes))
}

/// A code file's key in the cache (see [`file_key`]), and, when the scan takes records
/// ([`Reuse::Found`], [`Reuse::Only`]) and the pack has one for the file whose parse counted
/// what `fits` allows, its preparation from that record; else the bytes back, to prepare.
fn reuse(
    cache: Option<ScanCache<'_>>,
    kind: Kind,
    role: Role,
    display: &str,
    options: &PrepareOptions<'_>,
    bytes: Vec<u8>,
    fits: impl FnOnce(Scopes) -> bool,
) -> (Option<Key>, Result<Loaded, Vec<u8>>) {
    let key = cache.and_then(|cache| file_key(cache.pack, kind, role, display, options, &bytes));
    let (Some(cache), Some(key), Kind::Code(language)) = (cache, key, kind) else { return (key, Err(bytes)) };
    if cache.reuse == Reuse::Never {
        return (Some(key), Err(bytes));
    }
    let Some(record) = cache.pack.take(&key).filter(|record| fits(record.scopes)) else {
        return (Some(key), Err(bytes));
    };
    // The key hashes the bytes, which made the record: they are UTF-8.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return (Some(key), Err(error.into_bytes())),
    };
    let loaded = Loaded::Code {
        text,
        prepared: record.prepared,
        imports: record.imports,
        syntax_tree: None,
        language,
        start_position: None,
        scopes: record.scopes,
        cache_key: Some(key),
        from_cache: true,
    };
    (Some(key), Ok(loaded))
}

/// The error of a file whose content could not be prepared.
fn unprepared_error(pending: &Pending, display: &str, files: &[File], unprepared: Unprepared) -> BundleError {
    match unprepared {
        Unprepared::NotUtf8 => match &pending.imported_at {
            None => BundleError::Unreadable {
                path: display.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
            },
            Some((importer, location)) => {
                error::graph(diagnostics::not_utf8(display, location.clone()), text_of(files, *importer))
            }
        },
        Unprepared::Failed(failed) => {
            let (diagnostic, text) = *failed;
            // A problem inside a file says which file imported it.
            let diagnostic = match &pending.imported_at {
                Some((_, location)) => diagnostic.with_cause(format!("`{display}` is imported by {location}")),
                None => diagnostic,
            };
            let in_dependency = pending.path.components().any(|component| component.as_os_str() == "node_modules");
            if in_dependency {
                error::graph(diagnostics::in_dependency(diagnostic), Some(&text))
            } else {
                error::code(diagnostic, Some(&text))
            }
        }
    }
}

/// Why a file's bytes did not make its content.
enum Unprepared {
    NotUtf8,
    /// The diagnostic, and the text it points into.
    Failed(Box<(Diagnostic, String)>),
}

/// A file's content from its bytes: code prepared, JSON parsed, text decoded.
fn prepare_content(
    kind: Kind,
    role: Role,
    display: &str,
    bytes: Vec<u8>,
    options: &PrepareOptions<'_>,
) -> Result<Loaded, Unprepared> {
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| Unprepared::NotUtf8);
    Ok(match kind {
        Kind::Code(language) => {
            let text = text(bytes)?;
            let input = SourceInput { file: display, text: &text, language };
            match prepare_file(&input, role, options) {
                Ok(file) => Loaded::Code {
                    prepared: file.prepared,
                    imports: file.imports,
                    syntax_tree: file.syntax_tree,
                    start_position: file.start_position,
                    scopes: file.scopes,
                    language,
                    text,
                    cache_key: None,
                    from_cache: false,
                },
                Err(diagnostic) => return Err(Unprepared::Failed(Box::new((diagnostic, text)))),
            }
        }
        Kind::Json => {
            let text = text(bytes)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            match serde_json::from_str(text) {
                Ok(value) => Loaded::Other(Content::Json(value)),
                Err(json_error) => {
                    let lines = LineIndex::new(text);
                    let (message, location) = crate::module_map::json_error(display, text, &lines, &json_error);
                    let diagnostic = diagnostics::invalid_json_file(display, &message, location);
                    return Err(Unprepared::Failed(Box::new((diagnostic, text.to_owned()))));
                }
            }
        }
        Kind::Text => Loaded::Other(Content::Text(text(bytes)?)),
        Kind::Data => Loaded::Other(Content::Data(bytes)),
        Kind::Wasm => Loaded::Other(Content::Wasm(bytes)),
    })
}

/// Whether `--external` names a specifier: exactly, as a package whose subpath it is, or
/// through a pattern with one `*`.
/// Whether the import of the Node.js built-in `specifier`, which resolved as `resolved`, is
/// left to the runtime: a built-in wins over a package of its name (`node_modules/events`,
/// as in Node.js), but not over what the importing package's `browser` field maps it to
/// (`"fs": false` is an empty module, `"fs": "./shim.js"` that file).
fn leaves_builtin(specifier: &str, resolved: &Result<Resolved, Unresolved>) -> bool {
    match resolved {
        Ok(Resolved::Empty) => false,
        Ok(Resolved::File { path, .. }) => {
            let package = specifier.split('/').next().unwrap_or(specifier);
            path.components()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|pair| pair[0].as_os_str() == "node_modules" && pair[1].as_os_str() == package)
        }
        _ => true,
    }
}

fn is_external(specifier: &str, externals: &[String]) -> bool {
    externals.iter().any(|pattern| match pattern.split_once('*') {
        Some((prefix, suffix)) => {
            specifier.len() >= prefix.len() + suffix.len()
                && specifier.starts_with(prefix)
                && specifier.ends_with(suffix)
        }
        None => {
            specifier == pattern || specifier.strip_prefix(pattern.as_str()).is_some_and(|rest| rest.starts_with('/'))
        }
    })
}

/// The diagnostic for a configuration file of `file` that was refused.
#[cold]
fn refused_config(file: &str, refused: &Refused, root: &Path, cwd: &Path, options: &ScanOptions<'_>) -> Diagnostic {
    match refused {
        Refused::Outside(path) => {
            diagnostics::config_outside_project(file, &paths::display(path, cwd), &paths::display(root, cwd))
        }
        Refused::TooLarge(path, size) => {
            diagnostics::source_too_large(&paths::display(path, cwd), *size, options.max_source_size, None, None)
        }
    }
}

#[cold]
fn unresolved_import(
    import: &Import,
    unresolved: &Unresolved,
    root: &Path,
    cwd: &Path,
    max_source_size: u64,
) -> Diagnostic {
    let location = import.location.clone();
    match unresolved {
        Unresolved::Refused(Refused::Outside(path)) => diagnostics::outside_project(
            &import.specifier,
            location,
            &paths::display(path, cwd),
            &paths::display(root, cwd),
        ),
        Unresolved::Refused(Refused::TooLarge(path, size)) => {
            diagnostics::source_too_large(&paths::display(path, cwd), *size, max_source_size, None, Some(location))
        }
        Unresolved::NotFound { tried } => {
            let tried: Vec<String> = tried.iter().map(|path| paths::display(path, cwd)).collect();
            let reason = diagnostics::Unresolved::NotFound { tried: &tried };
            diagnostics::unresolved_import(&import.specifier, location, reason)
        }
        Unresolved::NotExported { subpath, package_json } => {
            let package_json = paths::display(package_json, cwd);
            let reason = diagnostics::Unresolved::NotExported { subpath, package_json: &package_json };
            diagnostics::unresolved_import(&import.specifier, location, reason)
        }
        Unresolved::Other(reason) => {
            let reason = diagnostics::Unresolved::Other { reason };
            diagnostics::unresolved_import(&import.specifier, location, reason)
        }
    }
}

fn text_of(files: &[File], index: usize) -> Option<&str> {
    match &files.get(index)?.content {
        Content::Code { text, .. } => Some(text),
        _ => None,
    }
}
