//! Import specifiers to files, with `oxc_resolver`: Node's algorithm (package `exports` and
//! `imports`, `main` fields, `node_modules` up the tree), TypeScript's conventions (`./util`
//! finds `util.ts`, `./util.js` finds `util.ts` when there is no `util.js`, `paths` in
//! `tsconfig.json`), and the conditions of a Worker build.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use oxc_resolver::{
    EnforceExtension, ModuleType, PackageType, ResolveContext, ResolveError, ResolveOptions, ResolverGeneric,
    SideEffects, TsconfigDiscovery,
};

use crate::project::boundary::{Boundary, BoundedFileSystem, Refused};

use crate::source::strip_types::{CompileOptions, Decorators};

use crate::source::imports::ImportKind;

/// What a specifier is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file on disk. `module_package`: the nearest `package.json` says
    /// `"type": "module"` (or the file is `.mjs`), so a `.js` file there is an ES module;
    /// a nested `package.json` saying `commonjs` (or nothing) makes it CommonJS, as in Node. `side_effects`: `false`
    /// when its package's `sideEffects` field says the file has none, so bundle mode may
    /// leave it out when nothing it exports is used.
    File { path: PathBuf, module_package: bool, side_effects: bool },
    /// Provided by the runtime (`cloudflare:workers`): left as written.
    External,
    /// A Node.js built-in module (`node:fs`, `fs`), which the sandbox does not have.
    Builtin,
    /// Replaced by nothing, as a package's `browser` field asks (`"fs": false`).
    Empty,
}

/// Why a specifier does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// No such file: the files looked for, in the order of [`crate::language::EXTENSIONS`].
    NotFound { tried: Vec<PathBuf> },
    /// The package's `exports` does not list the subpath.
    NotExported { subpath: String, package_json: PathBuf },
    /// What the resolver said otherwise (a broken `package.json`, an invalid target).
    Other(String),
    /// Resolving it would read a file the resolver may not read: one outside the
    /// [`Boundary`] (a `package.json` or `tsconfig.json` that is a link to elsewhere, an
    /// `extends` of a file outside), or one too large.
    Refused(Refused),
}

pub(crate) struct Resolver {
    import: ResolverGeneric<BoundedFileSystem>,
    require: ResolverGeneric<BoundedFileSystem>,
    /// The file system both read through, which keeps what it refused to read.
    file_system: BoundedFileSystem,
    /// The compile options of each `tsconfig.json` read so far, by its path.
    tsconfigs: RefCell<HashMap<PathBuf, CompileOptions>>,
}

impl Resolver {
    /// A resolver for a Worker build; bare imports are also looked for in `node_modules`
    /// (an absolute directory outside the project), after every `node_modules` up the tree.
    /// It reads no file outside `boundary`, and none larger than `max_file` bytes.
    pub(crate) fn new(boundary: Arc<Boundary>, node_modules: Option<&Path>, max_file: u64) -> Resolver {
        let mut modules = vec!["node_modules".to_owned()];
        modules.extend(node_modules.map(|directory| directory.to_string_lossy().into_owned()));
        let options = ResolveOptions {
            modules,
            tsconfig: Some(TsconfigDiscovery::Auto),
            extensions: crate::language::EXTENSIONS.iter().map(|&extension| extension.to_owned()).collect(),
            // TypeScript's ESM convention: `./util.js` names `util.ts` when only that exists.
            extension_alias: vec![
                (".js".into(), vec![".js".into(), ".ts".into(), ".tsx".into()]),
                (".mjs".into(), vec![".mjs".into(), ".mts".into()]),
                (".cjs".into(), vec![".cjs".into(), ".cts".into()]),
            ],
            enforce_extension: EnforceExtension::Disabled,
            // The conditions and fields of a Worker build (as wrangler sets them): the code
            // runs in a Web-like runtime without Node.js built-ins.
            condition_names: ["workerd", "worker", "browser", "import", "module", "default"]
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
            condition_names: ["workerd", "worker", "browser", "require", "module", "default"]
                .map(str::to_owned)
                .to_vec(),
            ..options.clone()
        };
        let file_system = BoundedFileSystem::with_boundary(boundary, max_file);
        let import = ResolverGeneric::new_with_file_system(file_system.clone(), options);
        let require = import.clone_with_options(require_options);
        Resolver { import, require, file_system, tsconfigs: RefCell::default() }
    }

    /// How `file` compiles: the `compilerOptions` of the `tsconfig.json` that applies to it
    /// (the nearest one above it, with what it `extends`), or the defaults. `Err` is a file
    /// the `tsconfig.json` would have read (its `extends`) that was refused.
    pub(crate) fn compile_options(&self, file: &Path) -> Result<CompileOptions, Refused> {
        let owner = tsconfig_owner(file);
        self.file_system.take_refused();
        let found = self.import.find_tsconfig(&owner);
        if let Some(refused) = self.file_system.take_refused().into_iter().next() {
            return Err(refused);
        }
        let Ok(Some(tsconfig)) = found else {
            return Ok(CompileOptions::default());
        };
        let mut options = self
            .tsconfigs
            .borrow_mut()
            .entry(tsconfig.path.clone())
            .or_insert_with(|| CompileOptions::from_tsconfig(&tsconfig.compiler_options))
            .clone();
        // `experimentalDecorators` is TypeScript's: JavaScript keeps the standard decorators
        // unless `allowJs` makes it part of the TypeScript program (esbuild does the same).
        if matches!(owner, Cow::Owned(_)) && tsconfig.compiler_options.allow_js != Some(true) {
            options.decorators = Decorators::Standard;
        }
        Ok(options)
    }

    /// Resolves `specifier`, written in the file `importer` (an absolute path).
    pub(crate) fn resolve(&self, importer: &Path, specifier: &str, kind: ImportKind) -> Result<Resolved, Unresolved> {
        if specifier.starts_with("cloudflare:") {
            return Ok(Resolved::External);
        }
        if specifier.starts_with("node:") {
            return Ok(Resolved::Builtin);
        }
        let resolver = match kind {
            ImportKind::Static | ImportKind::Dynamic => &self.import,
            ImportKind::Require => &self.require,
        };
        self.file_system.take_refused();
        let resolved = resolver.resolve_file(tsconfig_owner(importer), specifier);
        if let Some(refused) = self.file_system.take_refused().into_iter().next() {
            // A `package.json` or `tsconfig.json` that is a link out of the project, or an
            // `extends` of a file outside: the resolver skips what it cannot read, as if it
            // were not there, which would resolve as the project does not say.
            return Err(Unresolved::Refused(refused));
        }
        match resolved {
            Ok(resolution) => {
                let package = resolution.package_json();
                let side_effects = package.is_none_or(|package| {
                    let relative = || resolution.path().strip_prefix(package.directory());
                    match package.side_effects() {
                        Some(SideEffects::Bool(value)) => value,
                        // A file outside its package's directory keeps its side effects.
                        Some(SideEffects::String(pattern)) => {
                            relative().map_or(true, |relative| side_effects_match(pattern, relative))
                        }
                        Some(SideEffects::Array(patterns)) => relative().map_or(true, |relative| {
                            patterns.iter().any(|pattern| side_effects_match(pattern, relative))
                        }),
                        None => true,
                    }
                });
                // Node's rule for `.js` (and `.ts`): the nearest `package.json`, even a nested
                // one inside a package (`lib/umd/package.json` saying `commonjs` in a
                // `"type": "module"` package). Other extensions keep their package's type.
                let module_package = match resolution.module_type() {
                    Some(ModuleType::Module) => true,
                    Some(_) => false,
                    None if matches!(resolution.path().extension().and_then(|e| e.to_str()), Some("js" | "ts")) => {
                        false
                    }
                    None => package
                        .and_then(|package| package.r#type())
                        .is_some_and(|package_type| package_type == PackageType::Module),
                };
                Ok(Resolved::File { module_package, side_effects, path: resolution.into_path_buf() })
            }
            Err(ResolveError::Ignored(_)) => Ok(Resolved::Empty),
            Err(ResolveError::NotFound(_)) if is_node_builtin(specifier) => Ok(Resolved::Builtin),
            Err(error) => Err(unresolved(resolver, importer, specifier, &error)),
        }
    }
}

/// The path whose `tsconfig.json` applies to `file`: a JavaScript file gets the one a
/// TypeScript file in its place would (`util.js` that of `util.ts`, `app.jsx` that of
/// `app.tsx`), as esbuild applies `paths`, `baseUrl` and the JSX settings to JavaScript too.
/// `oxc_resolver` would apply none to a `.js` file unless `allowJs` is set, as `tsc` would
/// not compile it. Only the tsconfig lookup sees this path; imports still resolve from the
/// file's directory.
fn tsconfig_owner(file: &Path) -> Cow<'_, Path> {
    let typescript = match file.extension().and_then(|extension| extension.to_str()) {
        Some("js") => "ts",
        Some("jsx") => "tsx",
        Some("mjs") => "mts",
        Some("cjs") => "cts",
        _ => return Cow::Borrowed(file),
    };
    Cow::Owned(file.with_extension(typescript))
}

/// A Node.js built-in module such as `node:fs`, `fs` or `fs/promises`.
pub(crate) fn is_node_builtin(specifier: &str) -> bool {
    specifier.starts_with("node:") || nodejs_built_in_modules::BUILTINS.contains(&specifier)
}

/// Whether a file, by its path in its package, matches a `sideEffects` pattern: a pattern
/// without `/` matches the file name in any directory (as webpack and esbuild read it), `*`
/// matches within a path segment and `**` across segments.
fn side_effects_match(pattern: &str, relative: &Path) -> bool {
    let path = crate::project::paths::slashed(relative);
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    if pattern.contains('/') {
        glob_match(pattern.as_bytes(), path.as_bytes())
    } else {
        glob_match(format!("**/{pattern}").as_bytes(), path.as_bytes())
            || glob_match(pattern.as_bytes(), path.as_bytes())
    }
}

fn glob_match(pattern: &[u8], path: &[u8]) -> bool {
    match pattern {
        [] => path.is_empty(),
        [b'*', b'*', b'/', rest @ ..] => {
            glob_match(rest, path)
                || path.iter().enumerate().any(|(index, &byte)| byte == b'/' && glob_match(rest, &path[index + 1..]))
        }
        [b'*', b'*', rest @ ..] => (0..=path.len()).any(|skip| glob_match(rest, &path[skip..])),
        [b'*', rest @ ..] => (0..=path.len())
            .take_while(|&skip| skip == 0 || path[skip - 1] != b'/')
            .any(|skip| glob_match(rest, &path[skip..])),
        [b'?', rest @ ..] => path.split_first().is_some_and(|(&byte, tail)| byte != b'/' && glob_match(rest, tail)),
        [first, rest @ ..] => path.split_first().is_some_and(|(byte, tail)| byte == first && glob_match(rest, tail)),
    }
}

/// Resolves once more, recording the paths looked at, to say what was tried.
#[cold]
fn unresolved(
    resolver: &ResolverGeneric<BoundedFileSystem>,
    importer: &Path,
    specifier: &str,
    error: &ResolveError,
) -> Unresolved {
    match error {
        ResolveError::NotFound(_) => {}
        ResolveError::PackagePathNotExported { subpath, package_json_path, .. } => {
            return Unresolved::NotExported { subpath: subpath.clone(), package_json: package_json_path.clone() };
        }
        other => return Unresolved::Other(other.to_string()),
    }
    let mut context = ResolveContext::default();
    if let Some(directory) = importer.parent() {
        let tsconfig = resolver.find_tsconfig(tsconfig_owner(importer)).ok().flatten();
        let _ = resolver.resolve_with_context(directory, specifier, tsconfig.as_deref(), &mut context);
    }
    let missing: Vec<PathBuf> = context.missing_dependencies.into_iter().collect();
    // A directory that is missing says less than the files looked for inside it.
    let mut tried: Vec<PathBuf> = missing
        .iter()
        .filter(|path| !missing.iter().any(|other| other != *path && other.starts_with(path)))
        .cloned()
        .collect();
    let extension_rank = |path: &PathBuf| {
        let name = path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        crate::language::EXTENSIONS.iter().position(|extension| name.ends_with(extension)).map_or(0, |index| index + 1)
    };
    tried.sort_by(|a, b| {
        let stem = |path: &PathBuf| path.with_extension("");
        (stem(a), extension_rank(a)).cmp(&(stem(b), extension_rank(b)))
    });
    Unresolved::NotFound { tried }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sideEffects` patterns match as webpack and esbuild read them.
    #[test]
    fn side_effects_patterns() {
        let matches = |pattern, path| side_effects_match(pattern, Path::new(path));
        assert!(matches("*.css", "dist/styles/a.css"));
        assert!(matches("./src/polyfill.js", "src/polyfill.js"));
        assert!(!matches("./src/polyfill.js", "src/other.js"));
        assert!(matches("src/**/*.js", "src/a/b/c.js"));
        assert!(matches("src/*.js", "src/c.js"));
        assert!(!matches("src/*.js", "src/a/c.js"));
        assert!(!matches("*.css", "index.js"));
    }
}
