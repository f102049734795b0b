//! Import specifiers to files, with `oxc_resolver`: Node's algorithm (package `exports` and
//! `imports`, `main` fields, `node_modules` up the tree), TypeScript's conventions (`./util`
//! finds `util.ts`, `./util.js` finds `util.ts` when there is no `util.js`, `paths` in
//! `tsconfig.json`), and the conditions of a Worker build.

use std::path::{Path, PathBuf};

use oxc_resolver::{
    EnforceExtension, PackageType, ResolveContext, ResolveError, ResolveOptions, TsconfigDiscovery,
};

use crate::imports::ImportKind;

/// Extensions tried, in order, for a specifier without one (esbuild's order, TypeScript
/// first). Files of other kinds are imported with their extension.
pub(crate) const EXTENSIONS: [&str; 9] = [
    ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", ".cts", ".cjs", ".json",
];

/// What a specifier is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file on disk. `module_package`: the nearest `package.json` says
    /// `"type": "module"`, so a `.js` file there is an ES module.
    File { path: PathBuf, module_package: bool },
    /// Provided by the runtime (`cloudflare:workers`, Node.js built-ins): left as written.
    External,
    /// Replaced by nothing, as a package's `browser` field asks (`"fs": false`).
    Empty,
}

/// Why a specifier does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// No such file: the files looked for, in the order of [`EXTENSIONS`].
    NotFound { tried: Vec<PathBuf> },
    /// The package's `exports` does not list the subpath.
    NotExported {
        subpath: String,
        package_json: PathBuf,
    },
    /// What the resolver said otherwise (a broken `package.json`, an invalid target).
    Other(String),
}

pub(crate) struct Resolver {
    import: oxc_resolver::Resolver,
    require: oxc_resolver::Resolver,
}

impl Resolver {
    pub(crate) fn new() -> Resolver {
        let options = ResolveOptions {
            tsconfig: Some(TsconfigDiscovery::Auto),
            extensions: EXTENSIONS
                .iter()
                .map(|&extension| extension.to_owned())
                .collect(),
            // TypeScript's ESM convention: `./util.js` names `util.ts` when only that exists.
            extension_alias: vec![
                (
                    ".js".into(),
                    vec![".js".into(), ".ts".into(), ".tsx".into()],
                ),
                (".mjs".into(), vec![".mjs".into(), ".mts".into()]),
                (".cjs".into(), vec![".cjs".into(), ".cts".into()]),
            ],
            enforce_extension: EnforceExtension::Disabled,
            // The conditions and fields of a Worker build (as wrangler sets them): the code
            // runs in a Web-like runtime without Node.js built-ins.
            condition_names: [
                "workerd", "worker", "browser", "import", "module", "default",
            ]
            .map(str::to_owned)
            .to_vec(),
            main_fields: ["browser", "module", "main"].map(str::to_owned).to_vec(),
            alias_fields: vec![vec!["browser".into()]],
            // Built-in names are checked after resolving (see `resolve`), so a `browser` field
            // that maps one to `false`, or a polyfill package of the same name, comes first.
            builtin_modules: false,
            module_type: true,
            node_path: false,
            ..ResolveOptions::default()
        };
        let require_options = ResolveOptions {
            condition_names: [
                "workerd", "worker", "browser", "require", "module", "default",
            ]
            .map(str::to_owned)
            .to_vec(),
            ..options.clone()
        };
        let import = oxc_resolver::Resolver::new(options);
        let require = import.clone_with_options(require_options);
        Resolver { import, require }
    }

    /// Resolves `specifier`, written in the file `importer` (an absolute path).
    pub(crate) fn resolve(
        &self,
        importer: &Path,
        specifier: &str,
        kind: ImportKind,
    ) -> Result<Resolved, Unresolved> {
        if specifier.starts_with("cloudflare:") || specifier.starts_with("node:") {
            return Ok(Resolved::External);
        }
        let resolver = match kind {
            ImportKind::Static | ImportKind::Dynamic => &self.import,
            ImportKind::Require => &self.require,
        };
        match resolver.resolve_file(importer, specifier) {
            Ok(resolution) => Ok(Resolved::File {
                module_package: resolution
                    .package_json()
                    .and_then(|package| package.r#type())
                    .is_some_and(|package_type| package_type == PackageType::Module),
                path: resolution.into_path_buf(),
            }),
            Err(ResolveError::Ignored(_)) => Ok(Resolved::Empty),
            Err(ResolveError::NotFound(_)) if is_node_builtin(specifier) => Ok(Resolved::External),
            Err(error) => Err(unresolved(resolver, importer, specifier, &error)),
        }
    }
}

/// A Node.js built-in module such as `fs` or `fs/promises`; the runtime decides whether it
/// has one.
fn is_node_builtin(specifier: &str) -> bool {
    nodejs_built_in_modules::BUILTINS.contains(&specifier)
}

/// Resolves once more, recording the paths looked at, to say what was tried.
#[cold]
fn unresolved(
    resolver: &oxc_resolver::Resolver,
    importer: &Path,
    specifier: &str,
    error: &ResolveError,
) -> Unresolved {
    match error {
        ResolveError::NotFound(_) => {}
        ResolveError::PackagePathNotExported {
            subpath,
            package_json_path,
            ..
        } => {
            return Unresolved::NotExported {
                subpath: subpath.clone(),
                package_json: package_json_path.clone(),
            };
        }
        other => return Unresolved::Other(other.to_string()),
    }
    let mut context = ResolveContext::default();
    if let Some(directory) = importer.parent() {
        let tsconfig = resolver.find_tsconfig(importer).ok().flatten();
        let _ =
            resolver.resolve_with_context(directory, specifier, tsconfig.as_deref(), &mut context);
    }
    let missing: Vec<PathBuf> = context.missing_dependencies.into_iter().collect();
    // A directory that is missing says less than the files looked for inside it.
    let mut tried: Vec<PathBuf> = missing
        .iter()
        .filter(|path| {
            !missing
                .iter()
                .any(|other| other != *path && other.starts_with(path))
        })
        .cloned()
        .collect();
    let extension_rank = |path: &PathBuf| {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .unwrap_or_default();
        EXTENSIONS
            .iter()
            .position(|extension| name.ends_with(extension))
            .map_or(0, |index| index + 1)
    };
    tried.sort_by(|a, b| {
        let stem = |path: &PathBuf| path.with_extension("");
        (stem(a), extension_rank(a)).cmp(&(stem(b), extension_rank(b)))
    });
    Unresolved::NotFound { tried }
}
