//! npm dependencies for `sandbox run`, `bundle` and `install`: when a project's packages are
//! missing from `node_modules` they are installed (through `npm_cache`) before bundling, and
//! every [`InstallError`] becomes one [`Report`] (`report/install.rs`) with what to do about it.
//!
//! Nothing here runs for a project whose `package.json` dependencies are all in
//! `node_modules`, or that has none: the check is a few `stat` calls, so a cached
//! `sandbox run` starts no runtime and reads no configuration.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use npm_cache::{Cache, InstallError, InstallOptions, Installed, NpmConfig, PackageJson};

use crate::exit::ExitStatus;
use crate::output::{InstallReporter, Printer};
use crate::report::Report;
use crate::report::install::install_report;

/// `--offline` and `--dep`, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct DependencySettings {
    /// Use only the cache.
    pub(crate) offline: bool,
    /// `--dep NAME@RANGE`: dependencies for code without a `package.json`.
    pub(crate) dependencies: BTreeMap<String, String>,
}

/// How an install command or an on-demand install reaches its output.
#[derive(Clone, Copy)]
pub(crate) struct Dependencies<'a> {
    pub(crate) settings: &'a DependencySettings,
    pub(crate) printer: Printer,
    /// How long bundling may take (`sandbox run`'s wall-clock limit; installing is not
    /// counted), or no bound (`sandbox bundle`, which works on the user's own request).
    pub(crate) bundle_limit: Option<std::time::Duration>,
}

/// The environment, as `npm_cache` reads `.npmrc`, proxies and the cache directory from it.
fn environment() -> Vec<(String, String)> {
    std::env::vars_os().filter_map(|(key, value)| Some((key.into_string().ok()?, value.into_string().ok()?))).collect()
}

/// The cache the environment names.
pub(crate) fn cache() -> Cache {
    Cache::from_environment(&environment())
}

/// The directory whose `package.json` governs `input` (a directory, or a file in one): the
/// nearest with a `package.json`, as npm finds its project.
pub(crate) fn project_of(input: &Path) -> Option<PathBuf> {
    let start =
        if input.is_dir() { input.to_path_buf() } else { input.parent().map(Path::to_path_buf).unwrap_or_default() };
    let start = if start.as_os_str().is_empty() { PathBuf::from(".") } else { start };
    let start = start.canonicalize().unwrap_or(start);
    start.ancestors().find(|directory| directory.join("package.json").is_file()).map(Path::to_path_buf)
}

/// Whose dependencies code has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Governed {
    /// A project's `package.json`.
    Project,
    /// None: code without a `package.json` gets its bare imports installed into the cache.
    Alone,
}

/// Before bundling `input`: installs the project's dependencies if some are missing from
/// `node_modules`, or says that `input` has no `package.json`.
pub(crate) fn prepare(input: &Path, dependencies: Dependencies<'_>) -> Result<Governed, Box<Report>> {
    let Some(project) = project_of(input) else {
        return Ok(Governed::Alone);
    };
    if !dependencies.settings.dependencies.is_empty() {
        return Err(Box::new(
            Report::new(
                ExitStatus::Usage,
                "usage",
                format!(
                    "`--dep` is for code without a package.json, and `{}` has one",
                    project.join("package.json").display()
                ),
            )
            .with_hint("add the dependency to `dependencies` in package.json"),
        ));
    }
    let manifest = project.join("package.json");
    // A link to a file outside the project is not read: its text could end up in an error.
    if let Ok(target) = manifest.canonicalize()
        && !target.starts_with(&project)
    {
        let here = std::env::current_dir().and_then(|here| here.canonicalize()).unwrap_or_default();
        let shown = |path: &Path| path.strip_prefix(&here).unwrap_or(path).display().to_string();
        return Err(Box::new(
            Report::new(
                ExitStatus::Bundle,
                "outside-project",
                format!("`{}` is a link to `{}`, which is outside the project", shown(&manifest), shown(&target)),
            )
            .with_hint("replace the link by the file itself"),
        ));
    }
    let package = match PackageJson::read(&manifest) {
        Ok(Some(package)) => package,
        Ok(None) => return Ok(Governed::Alone),
        Err(error) => return Err(Box::new(install_report(&error, &[]))),
    };
    let missing = npm_cache::missing_dependencies(&project, &package);
    if missing.is_empty() {
        return Ok(Governed::Project);
    }
    dependencies.printer.verbose(&format!("installing: {} not in node_modules", list(&missing)));
    install(&project, dependencies).map(|_| Governed::Project)
}

/// Installs `wanted` (name to range) for code without a `package.json`, into the cache's
/// layout for that set (see `npm_cache::install_dependencies`), and returns its
/// `node_modules`. `.npmrc` is read from the current directory and the user's.
pub(crate) fn install_for_code(
    wanted: &BTreeMap<String, String>,
    dependencies: Dependencies<'_>,
) -> Result<PathBuf, Box<Report>> {
    let started = Instant::now();
    let here = std::env::current_dir().unwrap_or_default();
    let installed = with_npm(&here, dependencies, |cache, config, options, reporter| {
        npm_cache::install_dependencies(wanted, cache, config, options, reporter)
    })?;
    let names: Vec<String> = wanted.iter().map(|(name, spec)| format!("{name}@{spec}")).collect();
    dependencies.printer.verbose(&format!("{} for {} (no package.json)", summary(&installed, started), list(&names)));
    Ok(installed.node_modules)
}

/// The package a bundle is missing: the first bare import that is not in any `node_modules`.
pub(crate) fn missing_package(error: &bundler::BundleError) -> Option<String> {
    let bundler::BundleError::Graph(located) = error else { return None };
    let diagnostic = &located.diagnostic;
    let import = diagnostic.import.as_deref()?;
    if import.unresolved != Some(bundler::UnresolvedReason::NotInstalled) {
        return None;
    }
    let specifier = import.specifier.as_str();
    let mut parts = specifier.split('/');
    let first = parts.next()?;
    let name = if first.starts_with('@') { format!("{first}/{}", parts.next()?) } else { first.to_owned() };
    npm_cache::is_valid_name(&name).then_some(name)
}

/// Whether agent code imports a package or a Node.js built-in (`from "x"`, `import("x")`,
/// `require("x")` with a bare or `node:` specifier): then it is bundled, so the package can be
/// installed and found, and a built-in is reported as it is for a file.
pub(crate) fn imports_package_or_builtin(text: &str) -> bool {
    let mut rest = text;
    while let Some(index) = rest.find(['"', '\'']) {
        let before = rest[..index].trim_end();
        let quote = rest.as_bytes()[index] as char;
        let after = &rest[index + 1..];
        let introduced = before.ends_with("from")
            || before.ends_with("import")
            || before.ends_with("import(")
            || before.ends_with("require(");
        if introduced && let Some(end) = after.find(quote) {
            let specifier = &after[..end];
            let bundled =
                !specifier.is_empty() && !specifier.starts_with(['.', '/']) && !specifier.starts_with("cloudflare:");
            if bundled {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// Installs the project in `project` and says what was done (`--verbose`, or always for
/// `sandbox install`).
pub(crate) fn install(project: &Path, dependencies: Dependencies<'_>) -> Result<Installed, Box<Report>> {
    let started = Instant::now();
    let installed = with_npm(project, dependencies, |cache, config, options, reporter| {
        npm_cache::install(project, cache, config, options, reporter)
    })?;
    dependencies.printer.verbose(&summary(&installed, started));
    Ok(installed)
}

/// Runs an install with the configuration of `npmrc_directory` (its `.npmrc`, the user's,
/// the environment), the cache, `--offline` and a reporter; failures become reports with
/// the configuration's credentials scrubbed.
fn with_npm(
    npmrc_directory: &Path,
    dependencies: Dependencies<'_>,
    install: impl FnOnce(&Cache, &NpmConfig, &InstallOptions, &InstallReporter) -> Result<Installed, InstallError>,
) -> Result<Installed, Box<Report>> {
    let environment = environment();
    let config =
        NpmConfig::load(npmrc_directory, &environment).map_err(|error| Box::new(install_report(&error, &[])))?;
    let cache = Cache::from_environment(&environment);
    let options = InstallOptions { offline: dependencies.settings.offline, ..InstallOptions::default() };
    let reporter = InstallReporter::new(dependencies.printer);
    let installed = install(&cache, &config, &options, &reporter);
    reporter.finish();
    installed.map_err(|error| Box::new(install_report(&error, &config.secrets())))
}

/// `Installed 3 packages in 120ms (2 fetched)`, as uv says it.
pub(crate) fn summary(installed: &Installed, started: Instant) -> String {
    let elapsed = started.elapsed().as_secs_f64() * 1e3;
    let packages =
        if installed.packages == 1 { "1 package".to_owned() } else { format!("{} packages", installed.packages) };
    if installed.linked == 0 && installed.fetched == 0 && !installed.resolved {
        return format!("{packages} up to date in {elapsed:.1}ms");
    }
    let mut details = Vec::new();
    if installed.resolved {
        details.push("resolved, package-lock.json written".to_owned());
    }
    if installed.fetched > 0 {
        details.push(format!("{} fetched", installed.fetched));
    }
    let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
    format!("installed {packages} in {elapsed:.1}ms{details}")
}

fn list(names: &[String]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

/// `--dep NAME[@RANGE]` into a name and a spec (`*` when none is given).
pub(crate) fn parse_dep(text: &str) -> Result<(String, String), String> {
    let (name, spec) = npm_cache::split_name(text.trim());
    if !npm_cache::is_valid_name(name) {
        return Err(format!("`{name}` is not an npm package name"));
    }
    let spec = spec.filter(|spec| !spec.is_empty()).unwrap_or("*");
    if let npm_cache::Spec::Unsupported(kind) = npm_cache::Spec::parse(spec) {
        return Err(format!("`{spec}`: {kind} are not supported"));
    }
    Ok((name.to_owned(), spec.to_owned()))
}
