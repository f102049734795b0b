//! The module graph: the entry and every file it imports, transitively, each read, prepared
//! and with its imports resolved to other files of the graph.
//!
//! Files are visited breadth first from the entry, so the entry is file 0 and the order is
//! the same on every run. A `.js` file's format is only known once it is parsed (see
//! [`Role::Imported`]); every other kind follows from the extension.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::error::{self, BundleError};
use crate::diagnostics::{self, Diagnostic};
use crate::language::Language;
use crate::position::LineIndex;
use crate::position::Location;
use crate::project::boundary::{Boundary, Refused};
use crate::project::paths;
use crate::source::imports::{Import, ImportKind};
use swc_core::common::{BytePos, SourceMap as SwcSourceMap, sync::Lrc};
use swc_core::ecma::ast::Module;

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

pub(crate) enum Content {
    /// JavaScript or TypeScript: the text as written, the code to run, and what each import
    /// names.
    Code {
        text: String,
        prepared: Prepared,
        imports: Vec<(Import, Target)>,
        /// Bundle mode: the syntax tree (see [`ScanOptions::syntax_tree`]).
        syntax_tree: Option<Module>,
        language: Language,
    },
    Json(serde_json::Value),
    Text(String),
    Data(Vec<u8>),
    Wasm(Vec<u8>),
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
    /// Bundle mode: keep each file's syntax tree, its positions in this source map, instead
    /// of its code.
    pub(crate) syntax_tree: Option<&'a Lrc<SwcSourceMap>>,
    /// Transform mode's `--minify`.
    pub(crate) minify: bool,
    /// A `node_modules` outside the project (canonical) where bare imports are also found,
    /// and whose files may be read (see [`BundleOptions::node_modules`](crate::BundleOptions)).
    pub(crate) node_modules: Option<&'a Path>,
    /// The most bytes of source to read, all files together, and of one configuration file
    /// ([`BundleOptions::max_source_size`](crate::BundleOptions)).
    pub(crate) max_source_size: u64,
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
    let mut found = Found {
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
        index: HashMap::from([(entry.to_path_buf(), 0)]),
    };
    let mut files: Vec<File> = Vec::new();
    // Bytes of every file read so far, held to `max_source_size`, and the names in nested
    // scopes and the scopes counted in them, held to what `depth::Scopes` allows those bytes.
    let mut source_read: u64 = 0;
    let mut scopes_counted = crate::depth::Scopes::default();
    while let Some(next) = found.pending.get(files.len()).cloned() {
        let display = paths::display(&next.path, cwd);
        let compile = match next.kind {
            Kind::Code(_) => found
                .resolver
                .compile_options(&next.path)
                .map_err(|refused| error::graph(refused_config(&display, &refused, root, cwd, options), None))?,
            _ => CompileOptions::default(),
        };
        let prepare = PrepareOptions {
            compile: &compile,
            defines: options.defines,
            syntax_tree: options.syntax_tree,
            minify: options.minify,
            scopes_left: None,
        };
        let mut start_position = None;
        let budget = Budget { max: options.max_source_size, read: &mut source_read, scopes: &mut scopes_counted };
        let content = match load(&next, files.len(), &display, &files, &prepare, budget)? {
            Loaded::Code { text, prepared, imports, syntax_tree, language, start_position: start } => {
                start_position = start;
                let imports = found.resolve_all(&next.path, files.len(), imports, &text)?;
                Content::Code { text, prepared, imports, syntax_tree, language }
            }
            Loaded::Other(content) => content,
        };
        let node_module_mode = next.module_package
            || next.path.extension().is_some_and(|extension| extension == "mjs" || extension == "mts");
        files.push(File {
            path: next.path,
            display,
            content,
            node_module_mode,
            side_effects: next.side_effects,
            start_position,
        });
    }
    Ok(Graph {
        files,
        node_modules: options.node_modules.map(Path::to_path_buf),
        node_builtins: found.node_builtins_imported,
    })
}

/// The files found so far, in the order they were found, and how to find more.
struct Found<'a> {
    resolver: Resolver,
    root: &'a Path,
    cwd: &'a Path,
    pending: Vec<Pending>,
    /// The index of each file in `pending`.
    index: HashMap<PathBuf, usize>,
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
    scopes: &'a mut crate::depth::Scopes,
}

/// Reads and prepares one file.
fn load(
    pending: &Pending,
    current: usize,
    display: &str,
    files: &[File],
    options: &PrepareOptions<'_>,
    budget: Budget<'_>,
) -> Result<Loaded, BundleError> {
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
    let scopes_left = crate::depth::Scopes::allowed(*budget.read).minus(*budget.scopes);
    let scopes = budget.scopes;
    let options = &PrepareOptions { scopes_left: Some(scopes_left), ..*options };
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| match &pending.imported_at {
            None => BundleError::Unreadable {
                path: display.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
            },
            Some((importer, location)) => {
                error::graph(diagnostics::not_utf8(display, location.clone()), text_of(files, *importer))
            }
        })
    };
    let in_dependency = pending.path.components().any(|component| component.as_os_str() == "node_modules");
    // A problem inside a file says which file imported it.
    let failed = |diagnostic: Diagnostic, text: &str| {
        let diagnostic = match &pending.imported_at {
            Some((_, location)) => diagnostic.with_cause(format!("`{display}` is imported by {location}")),
            None => diagnostic,
        };
        if in_dependency {
            error::graph(diagnostics::in_dependency(diagnostic), Some(text))
        } else {
            error::code(diagnostic, Some(text))
        }
    };
    Ok(match pending.kind {
        Kind::Code(language) => {
            let text = text(bytes)?;
            let role =
                if current == 0 { Role::Entry } else { Role::Imported { module_package: pending.module_package } };
            let input = SourceInput { file: display, text: &text, language };
            match prepare_file(&input, role, options) {
                Ok(file) => {
                    *scopes = scopes.plus(file.scopes);
                    Loaded::Code {
                        prepared: file.prepared,
                        imports: file.imports,
                        syntax_tree: file.syntax_tree,
                        start_position: file.start_position,
                        language,
                        text,
                    }
                }
                Err(diagnostic) => return Err(failed(diagnostic, &text)),
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
                    return Err(failed(diagnostic, text));
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
