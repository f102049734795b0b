//! [`bundle`]: a project on disk to a module map.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::entry::{self, EntryRule};
use crate::error::BundleError;
use crate::graph::{self, Content};
use crate::link::{self, Origin};
use crate::module_map::ModuleMap;
use crate::paths;
use crate::prepare::Shape;

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
    /// What the entry looked like: a module, or agent code.
    pub shape: Shape,
    /// The `node_modules` packages that modules come from.
    pub packages: BTreeSet<String>,
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
    let cwd = match &options.cwd {
        Some(cwd) => cwd.clone(),
        None => std::env::current_dir().unwrap_or_default(),
    };
    // Resolved paths are canonical, so the rest is too, to compare and relate them.
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let input = input
        .canonicalize()
        .map_err(|source| BundleError::Unreadable {
            path: input.display().to_string(),
            source,
        })?;
    let project = entry::find(&input, &cwd)?;
    let graph = graph::scan(&project.entry, &project.root, &cwd)?;
    let entry = paths::display(&project.entry, &cwd);
    let shape = match graph.files.first().map(|file| &file.content) {
        Some(Content::Code { prepared, .. }) => prepared.shape.clone(),
        _ => Shape::Module,
    };
    let linked = link::link(graph, &project.root);
    let packages = link::packages(linked.modules.keys());
    let module_map = ModuleMap {
        compatibility_date: options
            .compatibility_date
            .clone()
            .or(project.compatibility_date),
        compatibility_flags: if options.compatibility_flags.is_empty() {
            project.compatibility_flags
        } else {
            options.compatibility_flags.clone()
        },
        main_module: linked.main_module,
        modules: linked.modules,
    };
    Ok(Bundle {
        module_map,
        origins: linked.origins,
        entry,
        rule: project.rule,
        shape,
        packages,
    })
}
