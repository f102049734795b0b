//! npm dependencies for `sandbox run`, `bundle` and `install`: when a project's packages are
//! missing from `node_modules` they are installed (through `npm_cache`) before bundling, and
//! every [`InstallError`] becomes one [`Report`] with what to do about it.
//!
//! Nothing here runs for a project whose `package.json` dependencies are all in
//! `node_modules`, or that has none: the check is a few `stat` calls, so a cached
//! `sandbox run` starts no runtime and reads no configuration.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use npm_cache::{Cache, InstallError, InstallOptions, Installed, NpmConfig, PackageJson, Refusal};

use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::{Position, Report};
use crate::reporters::InstallReporter;

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
    if diagnostic.code != "unresolved-import" || diagnostic.label.as_deref() != Some("not found in `node_modules`") {
        return None;
    }
    // "Could not resolve `specifier` imported by …"
    let specifier = diagnostic.message.split('`').nth(1)?;
    let mut parts = specifier.split('/');
    let first = parts.next()?;
    let name = if first.starts_with('@') { format!("{first}/{}", parts.next()?) } else { first.to_owned() };
    npm_cache::is_valid_name(&name).then_some(name)
}

/// Whether agent code imports a package (`from "x"`, `import("x")`, `require("x")` with a
/// bare specifier): then it is bundled, so the package can be installed and found.
pub(crate) fn has_bare_import(text: &str) -> bool {
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
            let bare = !specifier.is_empty()
                && !specifier.starts_with(['.', '/'])
                && !specifier.starts_with("node:")
                && !specifier.starts_with("cloudflare:");
            if bare {
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

/// An install failure as the user sees it: exit code 4 ("dependencies or bundling failed"),
/// with what to do. `secrets` are scrubbed from every line.
pub(crate) fn install_report(error: &InstallError, secrets: &[String]) -> Report {
    let mut report = Report::new(ExitStatus::Bundle, code(error), error.to_string());
    let hint = match error {
        InstallError::Io { source, .. } => {
            report = report.with_cause(source.to_string());
            None
        }
        InstallError::Config { .. } => Some("check .npmrc (the project's and ~/.npmrc) and the npm_config_* environment variables".to_owned()),
        InstallError::UntrustedSetting { path, line, column, setting, refusal } => {
            // The location line names the file (from the current directory).
            report.title = format!("`{setting}` in the project's .npmrc is refused: {refusal}");
            report.message = report.title.clone();
            report.location = Some(Position { function: None, file: display_path(path), line: to_u32(*line), column: to_u32(*column) });
            Some(untrusted_hint(*refusal).to_owned())
        }
        InstallError::UntrustedNpmrc { path, refusal } => {
            report.title = format!("The project's .npmrc (`{}`) is not read: {refusal}", display_path(path));
            report.message = report.title.clone();
            Some(untrusted_hint(*refusal).to_owned())
        }
        InstallError::Manifest { path, .. } if path.ends_with("package.json") && !path.exists() => {
            Some("create one (`npm init -y`) with the project's `dependencies`".to_owned())
        }
        InstallError::Manifest { path, .. } if path.ends_with("package-lock.json") => {
            Some("fix the file, or delete it to resolve the dependencies again".to_owned())
        }
        InstallError::Manifest { .. } => Some("fix the JSON; npm reads the same file".to_owned()),
        InstallError::Unsupported { .. } => {
            Some("depend on a version from the registry (`\"name\": \"^1.2.0\"`), or install it with npm".to_owned())
        }
        InstallError::Status { status: 401 | 403, registry, .. } => Some(format!(
            "check the credentials for {registry} in your own .npmrc (`~/.npmrc` or NPM_CONFIG_USERCONFIG: `{}:_authToken=...`); a project's .npmrc cannot hold them",
            registry.trim_start_matches("https:").trim_start_matches("http:")
        )),
        InstallError::Status { status: 404, package, registry, .. } if package.starts_with('@') => Some(format!(
            "check the name, and that {registry} serves it (a scope's registry is set with `{}:registry=URL` in .npmrc)",
            package.split('/').next().unwrap_or_default()
        )),
        InstallError::Status { status: 404, registry, .. } => Some(format!("check the name, and that {registry} is the registry that serves it")),
        InstallError::Status { .. } => Some("the registry failed; try again later".to_owned()),
        InstallError::Network { message, .. } => {
            report = report.with_cause(message.clone());
            Some("check the network and the proxy settings (HTTPS_PROXY, `proxy` and `https-proxy` in .npmrc), or use `--offline` with what is cached".to_owned())
        }
        InstallError::InvalidResponse { message, .. } => {
            report = report.with_cause(message.clone());
            Some("check that the registry URL points at an npm registry".to_owned())
        }
        InstallError::NoMatchingVersion { latest: Some(latest), .. } => Some(format!("the latest version is {latest}; change the range in package.json")),
        InstallError::NoMatchingVersion { .. } => Some("check the version or tag in package.json".to_owned()),
        InstallError::IntegrityMismatch { .. } => Some(
            "the registry sent different bytes than recorded; nothing was installed. If the package was republished on purpose, remove its entry from package-lock.json and install again"
                .to_owned(),
        ),
        InstallError::UnsafeTarball { .. } => Some("the package is unsafe to install; nothing of it was written outside the cache's temporary directory".to_owned()),
        InstallError::InvalidTarball { .. } => Some("the registry sent a broken tarball; try again, or check the registry".to_owned()),
        InstallError::Offline { .. } => Some("run `sandbox install` once while online (or leave out `--offline`) to fill the cache".to_owned()),
        InstallError::PeerConflict { .. } => Some("make the versions in package.json agree with what the package's peerDependencies ask for".to_owned()),
        InstallError::Platform { .. } => Some("make it an optionalDependency, or install on a machine it supports".to_owned()),
        InstallError::Internal { .. } => {
            report.status = ExitStatus::Internal;
            Some("this is a bug in sandbox; please report it".to_owned())
        }
    };
    if let Some(hint) = hint {
        report = report.with_hint(hint);
    }
    if !secrets.is_empty() {
        let scrub = |text: &str| {
            secrets.iter().fold(text.to_owned(), |text, secret| text.replace(secret.as_str(), "[REDACTED]"))
        };
        report.title = scrub(&report.title);
        report.message = scrub(&report.message);
        report.causes = report.causes.iter().map(|cause| scrub(cause)).collect();
        report.hint = report.hint.as_deref().map(scrub);
    }
    report
}

/// What to do about a project `.npmrc` that was refused.
fn untrusted_hint(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Variable => {
            "write the value itself in the project's .npmrc, or put the line in your own ~/.npmrc (or the file NPM_CONFIG_USERCONFIG names), where `${VAR}` is read"
        }
        Refusal::Credential | Refusal::CredentialInUrl => {
            "remove it from the project's .npmrc; put the credential in your own ~/.npmrc (or the file NPM_CONFIG_USERCONFIG names, or an npm_config_ variable), keyed by its registry (`//host/path/:_authToken=...`)"
        }
        Refusal::Proxy => {
            "remove it from the project's .npmrc; set the proxy in your own ~/.npmrc or with HTTPS_PROXY, HTTP_PROXY and NO_PROXY"
        }
        Refusal::Tls => {
            "remove it from the project's .npmrc; set `cafile` in your own ~/.npmrc, or NODE_EXTRA_CA_CERTS"
        }
        Refusal::OutsideProject | Refusal::NotAFile | Refusal::TooLarge => {
            "make the project's .npmrc a small regular file inside the project, or remove it"
        }
    }
}

/// `path` from the current directory when it is under it, as other errors show files.
fn display_path(path: &Path) -> String {
    let here = std::env::current_dir().ok().and_then(|here| here.canonicalize().ok());
    here.and_then(|here| path.strip_prefix(here).ok().map(|relative| relative.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}

fn to_u32(number: usize) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}

/// A stable code for `--json`.
fn code(error: &InstallError) -> &'static str {
    match error {
        InstallError::Io { .. } => "io",
        InstallError::Config { .. } => "npm-config",
        InstallError::UntrustedSetting { .. } | InstallError::UntrustedNpmrc { .. } => "untrusted-npmrc",
        InstallError::Manifest { .. } => "invalid-manifest",
        InstallError::Unsupported { .. } => "unsupported-dependency",
        InstallError::Status { .. } => "registry-status",
        InstallError::Network { .. } => "registry-unreachable",
        InstallError::InvalidResponse { .. } => "registry-invalid-response",
        InstallError::NoMatchingVersion { .. } => "no-matching-version",
        InstallError::IntegrityMismatch { .. } => "integrity-mismatch",
        InstallError::UnsafeTarball { .. } => "unsafe-tarball",
        InstallError::InvalidTarball { .. } => "invalid-tarball",
        InstallError::Offline { .. } => "offline",
        InstallError::PeerConflict { .. } => "peer-conflict",
        InstallError::Platform { .. } => "unsupported-platform",
        InstallError::Internal { .. } => "internal",
    }
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
