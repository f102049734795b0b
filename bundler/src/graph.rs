//! The module graph: the entry and every file it imports, transitively, each read, prepared
//! and with its imports resolved to other files of the graph.
//!
//! Files are visited breadth first from the entry, so the entry is file 0 and the order is
//! the same on every run. A `.js` file's format is only known once it is parsed (see
//! [`Role::Imported`]); every other kind follows from the extension.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Location};
use crate::error::{self, BundleError};
use crate::imports::Import;
use crate::language::Language;
use crate::paths;
use crate::position::LineIndex;
use crate::prepare::{Prepared, Role, SourceInput, prepare_file};
use crate::resolve::{Resolved, Resolver, Unresolved};

/// Every file of a program; the entry is the first.
pub(crate) struct Graph {
    pub(crate) files: Vec<File>,
}

pub(crate) struct File {
    /// Canonical path.
    pub(crate) path: PathBuf,
    /// The path diagnostics and stack traces show.
    pub(crate) display: String,
    pub(crate) content: Content,
}

pub(crate) enum Content {
    /// JavaScript or TypeScript: the text as written, the code to run, and what each import
    /// names.
    Code {
        text: String,
        prepared: Prepared,
        imports: Vec<(Import, Target)>,
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
    /// Something the runtime provides, or an optional `require` that did not resolve: left as
    /// written.
    External,
}

/// How a file is loaded, from its extension (wrangler's default module rules for the
/// non-code kinds).
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
        match path.extension()?.to_str()? {
            "json" => Some(Kind::Json),
            "txt" | "html" | "sql" => Some(Kind::Text),
            "bin" => Some(Kind::Data),
            "wasm" => Some(Kind::Wasm),
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
    /// The first import of the file, for diagnostics: the importer's index and the location.
    imported_at: Option<(usize, Location)>,
}

/// Reads `entry` (canonical) and everything it imports, which must be in the project's
/// directory `root` or in a `node_modules` directory. Display paths are relative to `cwd`.
pub(crate) fn scan(entry: &Path, root: &Path, cwd: &Path) -> Result<Graph, BundleError> {
    let display = paths::display(entry, cwd);
    let kind = match Kind::of(entry) {
        Some(kind @ Kind::Code(_)) => kind,
        _ => return Err(error::graph(diagnostics::unsupported_entry(&display), None)),
    };
    if !in_project(entry, root) {
        let project = paths::display(root, cwd);
        return Err(error::graph(
            diagnostics::entry_outside_project(&display, &project),
            None,
        ));
    }
    let mut found = Found {
        resolver: Resolver::new(),
        root,
        cwd,
        pending: vec![Pending {
            path: entry.to_path_buf(),
            kind,
            module_package: false,
            imported_at: None,
        }],
        index: HashMap::from([(entry.to_path_buf(), 0)]),
    };
    let mut files: Vec<File> = Vec::new();
    while let Some(next) = found.pending.get(files.len()).cloned() {
        let display = paths::display(&next.path, cwd);
        let content = match load(&next, files.len(), &display, &files)? {
            Loaded::Code {
                text,
                prepared,
                imports,
            } => {
                let imports = found.resolve_all(&next.path, files.len(), imports, &text)?;
                Content::Code {
                    text,
                    prepared,
                    imports,
                }
            }
            Loaded::Other(content) => content,
        };
        files.push(File {
            path: next.path,
            display,
            content,
        });
    }
    Ok(Graph { files })
}

/// The files found so far, in the order they were found, and how to find more.
struct Found<'a> {
    resolver: Resolver,
    root: &'a Path,
    cwd: &'a Path,
    pending: Vec<Pending>,
    /// The index of each file in `pending`.
    index: HashMap<PathBuf, usize>,
}

impl Found<'_> {
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
            let target = match self
                .resolver
                .resolve(importer, &import.specifier, import.kind)
            {
                Ok(Resolved::External) => Target::External,
                Ok(Resolved::Empty) => Target::Empty,
                Ok(Resolved::File {
                    path,
                    module_package,
                }) => {
                    if !in_project(&path, self.root) {
                        let diagnostic = diagnostics::outside_project(
                            &import.specifier,
                            import.location.clone(),
                            &paths::display(&path, self.cwd),
                            &paths::display(self.root, self.cwd),
                        );
                        return Err(error::graph(diagnostic, Some(text)));
                    }
                    let Some(kind) = Kind::of(&path) else {
                        let diagnostic = diagnostics::unsupported_file_type(
                            &import.specifier,
                            import.location.clone(),
                        );
                        return Err(error::graph(diagnostic, Some(text)));
                    };
                    Target::File(self.add(path, kind, module_package, current, &import))
                }
                Err(_) if import.optional => Target::External,
                Err(unresolved) => {
                    let diagnostic = unresolved_import(&import, &unresolved, self.cwd);
                    return Err(error::graph(diagnostic, Some(text)));
                }
            };
            targets.push((import, target));
        }
        Ok(targets)
    }

    /// The index of the file at `path`, which is added when it is new.
    fn add(
        &mut self,
        path: PathBuf,
        kind: Kind,
        module_package: bool,
        importer: usize,
        import: &Import,
    ) -> usize {
        let next_index = self.index.len();
        match self.index.entry(path) {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(slot) => {
                self.pending.push(Pending {
                    path: slot.key().clone(),
                    kind,
                    module_package,
                    imported_at: Some((importer, import.location.clone())),
                });
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
    },
    Other(Content),
}

/// Reads and prepares one file.
fn load(
    pending: &Pending,
    current: usize,
    display: &str,
    files: &[File],
) -> Result<Loaded, BundleError> {
    let bytes = std::fs::read(&pending.path).map_err(|source| match &pending.imported_at {
        None => BundleError::Unreadable {
            path: display.to_owned(),
            source,
        },
        Some((importer, location)) => error::graph(
            diagnostics::unreadable_import(display, &source.to_string(), location.clone()),
            text_of(files, *importer),
        ),
    })?;
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| match &pending.imported_at {
            None => BundleError::Unreadable {
                path: display.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
            },
            Some((importer, location)) => error::graph(
                diagnostics::not_utf8(display, location.clone()),
                text_of(files, *importer),
            ),
        })
    };
    let in_dependency = pending
        .path
        .components()
        .any(|component| component.as_os_str() == "node_modules");
    // A problem inside a file says which file imported it.
    let failed = |diagnostic: Diagnostic, text: &str| {
        let diagnostic = match &pending.imported_at {
            Some((_, location)) => {
                diagnostic.with_cause(format!("`{display}` is imported by {location}"))
            }
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
            let role = if current == 0 {
                Role::Entry
            } else {
                Role::Imported {
                    module_package: pending.module_package,
                }
            };
            let input = SourceInput {
                file: display,
                text: &text,
                language,
            };
            match prepare_file(&input, role) {
                Ok(file) => Loaded::Code {
                    prepared: file.prepared,
                    imports: file.imports,
                    text,
                },
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
                    let (message, location) =
                        crate::module_map::json_error(display, text, &lines, &json_error);
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

/// Whether a file may be bundled: it is in the project's directory, or in a `node_modules`
/// directory (an installed package, also one hoisted above the project). Paths are
/// canonical, so a symbolic link cannot lead elsewhere.
fn in_project(path: &Path, root: &Path) -> bool {
    path.starts_with(root)
        || path
            .components()
            .any(|component| component.as_os_str() == "node_modules")
}

#[cold]
fn unresolved_import(import: &Import, unresolved: &Unresolved, cwd: &Path) -> Diagnostic {
    let location = import.location.clone();
    match unresolved {
        Unresolved::NotFound { tried } => {
            let tried: Vec<String> = tried.iter().map(|path| paths::display(path, cwd)).collect();
            let reason = diagnostics::Unresolved::NotFound { tried: &tried };
            diagnostics::unresolved_import(&import.specifier, location, reason)
        }
        Unresolved::NotExported {
            subpath,
            package_json,
        } => {
            let package_json = paths::display(package_json, cwd);
            let reason = diagnostics::Unresolved::NotExported {
                subpath,
                package_json: &package_json,
            };
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
