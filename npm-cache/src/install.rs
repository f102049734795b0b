//! [`install`]: a project's dependencies into its `node_modules`, and
//! [`install_dependencies`]: a set of dependencies for code without a `package.json`.
//!
//! The warm path (a lockfile that matches `package.json`, a `node_modules` that matches the
//! lockfile) reads three small files and touches neither the network nor an async runtime.
//! A tokio runtime (current-thread, as uv runs one) starts only when something must be
//! fetched: packuments to resolve, or tarballs missing from the cache.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt as _;
use url::Url;

use crate::cache::{Cache, short_hash, write_atomic};
use crate::config::NpmConfig;
use crate::error::InstallError;
use crate::extract::{self, Index, Limits};
use crate::integrity::Integrity;
use crate::layout::{self, Planned, Source};
use crate::lockfile::{LockEntry, Lockfile, PackageJson, name_at};
use crate::packument::platform_ok;
use crate::registry::RegistryClient;
use crate::reporter::Reporter;

/// How to install. Every field has a default.
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// Use only the cache: nothing is fetched, and what is missing is an
    /// [`InstallError::Offline`] naming it.
    pub offline: bool,
    /// How big one package may be once unpacked.
    pub limits: Limits,
    /// Downloads at once (npm's default `maxsockets` is 16).
    pub concurrency: usize,
}

impl Default for InstallOptions {
    fn default() -> Self {
        InstallOptions { offline: false, limits: Limits::default(), concurrency: 16 }
    }
}

/// What an install did.
#[derive(Debug, Clone, Default)]
pub struct Installed {
    /// The `node_modules` directory that holds the packages.
    pub node_modules: PathBuf,
    /// Packages in the tree (those for other platforms not counted).
    pub packages: usize,
    /// Tarballs downloaded into the cache.
    pub fetched: usize,
    /// Packages laid out into `node_modules` this time.
    pub linked: usize,
    /// Whether the dependencies were resolved (and `package-lock.json` written), rather than
    /// installed from the lockfile as written.
    pub resolved: bool,
}

/// Installs the dependencies of the project in `project` (which has a `package.json`):
/// from `package-lock.json` exactly as written when it matches `package.json`, else resolved
/// from the registry as npm would and written to `package-lock.json`.
pub fn install(
    project: &Path,
    cache: &Cache,
    config: &NpmConfig,
    options: &InstallOptions,
    reporter: &dyn Reporter,
) -> Result<Installed, InstallError> {
    let manifest_path = project.join("package.json");
    let package = PackageJson::read(&manifest_path)?.ok_or_else(|| InstallError::Manifest {
        path: manifest_path.clone(),
        message: "there is no such file".to_owned(),
    })?;
    let lock_path = project.join("package-lock.json");
    let existing = Lockfile::read(&lock_path)?;
    let hidden = Lockfile::read(&layout::hidden_lockfile_path(project)).ok().flatten();

    let mut session = Session { cache, config, options, reporter, runtime: None, client: None };
    let (lockfile, resolved) = match existing {
        Some(lockfile) if lockfile.matches(&package, project) => (lockfile, false),
        previous => {
            cache.init()?;
            let package = &package;
            let lockfile = session.block_on(|client, reporter| async move {
                crate::resolve::resolve(project, package, previous.as_ref(), client, reporter).await
            })?;
            (lockfile, true)
        }
    };

    let wanted = installable(&lockfile);
    let node_modules = project.join("node_modules");
    let summary = |fetched, linked| Installed {
        node_modules: node_modules.clone(),
        packages: wanted.len(),
        fetched,
        linked,
        resolved,
    };
    if !resolved && layout::is_current(project, hidden.as_ref(), &wanted) {
        return Ok(summary(0, 0));
    }
    cache.init()?;
    // One install of a project at a time; other projects go on in parallel.
    let canonical = project.canonicalize().unwrap_or_else(|_| project.to_path_buf());
    let _project_lock = cache.lock(&format!("project-{}", short_hash(&canonical.to_string_lossy())))?;

    let mut planned = Vec::with_capacity(wanted.len());
    let mut missing: Vec<Missing> = Vec::new();
    for (location, entry) in &wanted {
        if entry.link {
            let target = entry.resolved.clone().unwrap_or_default();
            planned.push(Planned { location: location.clone(), entry: (*entry).clone(), source: Source::Link(target) });
            continue;
        }
        let name = entry.name.clone().unwrap_or_else(|| name_at(location).to_owned());
        let integrity = match entry.integrity.as_deref().map(str::parse::<Integrity>) {
            Some(Ok(integrity)) => Some(integrity),
            Some(Err(error)) => {
                return Err(InstallError::Manifest {
                    path: lock_path.clone(),
                    message: format!("`{location}`: {error}"),
                });
            }
            None => None,
        };
        let stored = integrity.as_ref().map(|integrity| cache.package_dir(integrity));
        match stored.as_deref().and_then(extract::verify) {
            Some(index) => planned.push(Planned {
                location: location.clone(),
                entry: (*entry).clone(),
                source: Source::Store(stored.expect("verified"), index),
            }),
            None => missing.push(Missing { location: location.clone(), name, entry: (*entry).clone(), integrity }),
        }
    }

    let fetched = missing.len();
    if !missing.is_empty() {
        if options.offline {
            let mut names: Vec<String> = missing
                .iter()
                .map(|missing| format!("{}@{}", missing.name, missing.entry.version.as_deref().unwrap_or("?")))
                .collect();
            names.sort();
            names.dedup();
            return Err(InstallError::Offline { missing: names });
        }
        cache.sweep_temporary();
        reporter.on_fetch_plan(missing.len());
        let results = session.block_on(|client, reporter| fetch_all(cache, client, reporter, missing, options))?;
        planned.extend(results);
    }
    let linked = layout::lay_out(project, package.name.as_deref(), hidden.as_ref(), &planned)?;
    if resolved {
        write_atomic(&lock_path, lockfile.to_json().as_bytes())?;
    }
    Ok(summary(fetched, linked))
}

/// The packages of a lockfile that go into a `node_modules` here: those of the project and
/// of its `file:` targets inside it (`lib/node_modules/x`), but not the project, the targets
/// themselves, or optional packages for another `os`/`cpu`.
fn installable(lockfile: &Lockfile) -> Vec<(String, &LockEntry)> {
    let targets: Vec<String> = lockfile
        .packages
        .values()
        .filter(|entry| entry.link)
        .filter_map(|entry| entry.resolved.as_deref())
        .filter(|target| layout::is_inside(target))
        .map(|target| format!("{target}/node_modules/"))
        .collect();
    let in_tree = |location: &str| {
        location.starts_with("node_modules/") || targets.iter().any(|prefix| location.starts_with(prefix.as_str()))
    };
    let skipped: Vec<&str> = lockfile
        .packages
        .iter()
        .filter(|(location, entry)| in_tree(location) && !platform_ok(&entry.os, &entry.cpu))
        .map(|(location, _)| location.as_str())
        .collect();
    lockfile
        .packages
        .iter()
        .filter(|(location, _)| in_tree(location) && layout::is_inside(location))
        .filter(|(location, _)| {
            !skipped.iter().any(|skip| location == skip || location.starts_with(&format!("{skip}/")))
        })
        .map(|(location, entry)| (location.clone(), entry))
        .collect()
}

/// A package not in the cache.
struct Missing {
    location: String,
    name: String,
    entry: LockEntry,
    integrity: Option<Integrity>,
}

/// The network part of an install: a runtime and a client, made on first use.
struct Session<'a> {
    cache: &'a Cache,
    config: &'a NpmConfig,
    options: &'a InstallOptions,
    reporter: &'a dyn Reporter,
    runtime: Option<tokio::runtime::Runtime>,
    client: Option<RegistryClient>,
}

impl Session<'_> {
    fn block_on<'s, T, F, Fut>(&'s mut self, work: F) -> Result<T, InstallError>
    where
        F: FnOnce(&'s RegistryClient, &'s dyn Reporter) -> Fut,
        Fut: Future<Output = Result<T, InstallError>>,
    {
        if self.runtime.is_none() {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|error| {
                InstallError::Internal { message: format!("Cannot start the network runtime: {error}") }
            })?;
            self.runtime = Some(runtime);
        }
        if self.client.is_none() {
            self.client = Some(RegistryClient::new(self.config.clone(), self.cache.clone(), self.options.offline)?);
        }
        let runtime = self.runtime.as_ref().expect("made above");
        let client = self.client.as_ref().expect("made above");
        runtime.block_on(work(client, self.reporter))
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // Do not wait for idle connections to close.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::ZERO);
        }
    }
}

/// Downloads and unpacks every missing package, a few at a time; one entry per integrity.
async fn fetch_all(
    cache: &Cache,
    client: &RegistryClient,
    reporter: &dyn Reporter,
    missing: Vec<Missing>,
    options: &InstallOptions,
) -> Result<Vec<Planned>, InstallError> {
    // Two locations may hold the same tarball; fetch it once.
    let mut by_key: HashMap<String, Vec<Missing>> = HashMap::new();
    let mut order = Vec::new();
    for item in missing {
        let key = match &item.integrity {
            Some(integrity) => integrity.to_string(),
            None => format!("{}@{}", item.name, item.entry.version.as_deref().unwrap_or_default()),
        };
        if !by_key.contains_key(&key) {
            order.push(key.clone());
        }
        by_key.entry(key).or_default().push(item);
    }
    let jobs = order.into_iter().map(|key| by_key.remove(&key).unwrap_or_default());
    let mut results = futures_util::stream::iter(jobs.map(|group| async move {
        let first = &group[0];
        let (directory, index) = fetch_one(cache, client, reporter, first, options.limits).await?;
        Ok::<_, InstallError>(
            group
                .into_iter()
                .map(|item| Planned {
                    location: item.location,
                    entry: item.entry,
                    source: Source::Store(directory.clone(), index.clone()),
                })
                .collect::<Vec<_>>(),
        )
    }))
    .buffer_unordered(options.concurrency.max(1));
    let mut planned = Vec::new();
    while let Some(result) = results.next().await {
        planned.extend(result?);
    }
    Ok(planned)
}

/// One package into the cache: locked, downloaded into `tmp/`, checked, unpacked, renamed
/// into place.
async fn fetch_one(
    cache: &Cache,
    client: &RegistryClient,
    reporter: &dyn Reporter,
    item: &Missing,
    limits: Limits,
) -> Result<(PathBuf, Index), InstallError> {
    let display = format!("{}@{}", item.name, item.entry.version.as_deref().unwrap_or("?"));
    let url = tarball_url(client.config(), &item.name, &item.entry)?;
    let lock_name = match &item.integrity {
        Some(integrity) => format!("{}-{}", integrity.algorithm().name(), integrity.hex()),
        None => format!("url-{}", short_hash(url.as_str())),
    };
    let _lock = lock(cache, &lock_name).await?;
    if let Some(integrity) = &item.integrity {
        let directory = cache.package_dir(integrity);
        if let Some(index) = extract::verify(&directory) {
            return Ok((directory, index));
        }
    }
    let temporary = cache.temp_dir()?;
    let tarball = temporary.path().join("package.tgz");
    let computed = client.download(&display, &url, &tarball, item.integrity.as_ref(), reporter).await?;
    let integrity = item.integrity.clone().unwrap_or(computed);
    let destination = temporary.path().to_path_buf();
    let package = display.clone();
    let unpacked = tokio::task::spawn_blocking(move || {
        extract::extract(&tarball, &destination, &package, limits).map(|index| (index, tarball))
    })
    .await
    .map_err(|error| InstallError::Internal { message: format!("unpacking `{display}` failed: {error}") })?;
    let (mut index, tarball) = unpacked?;
    let _ = std::fs::remove_file(&tarball);
    index.integrity = integrity.to_string();
    let index_bytes =
        serde_json::to_vec(&index).map_err(|error| InstallError::Internal { message: error.to_string() })?;
    let index_path = temporary.path().join("index.json");
    std::fs::write(&index_path, index_bytes).map_err(|source| InstallError::io(&index_path, source))?;
    let directory = cache.package_dir(&integrity);
    // An entry that failed verification is replaced (under the lock, so no one is using it
    // to write).
    if directory.exists() {
        std::fs::remove_dir_all(&directory).map_err(|source| InstallError::io(&directory, source))?;
    }
    temporary.persist(&directory)?;
    Ok((directory, index))
}

/// Takes a cache lock without blocking the runtime's thread.
async fn lock(cache: &Cache, name: &str) -> Result<crate::cache::LockGuard, InstallError> {
    loop {
        if let Some(guard) = cache.try_lock(name)? {
            return Ok(guard);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The tarball's URL: `resolved`, or the registry's usual path when the lockfile has none
/// (npm's `omit-lockfile-registry-resolved`). A user name or password in `resolved` (which
/// a project's lockfile or a registry's packument wrote) is dropped: a credential comes only
/// from the user's configuration, attached by [`NpmConfig::authorization`].
fn tarball_url(config: &NpmConfig, name: &str, entry: &LockEntry) -> Result<Url, InstallError> {
    if let Some(resolved) = &entry.resolved
        && let Ok(mut url) = Url::parse(resolved)
    {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InstallError::Unsupported {
                name: name.to_owned(),
                spec: resolved.clone(),
                kind: crate::spec::UnsupportedKind::Url,
            });
        }
        let _ = url.set_username("");
        let _ = url.set_password(None);
        return Ok(url);
    }
    let version = entry.version.as_deref().unwrap_or_default();
    let base = name.rsplit('/').next().unwrap_or(name);
    config
        .registry_for(name)
        .join(&format!("{name}/-/{base}-{version}.tgz"))
        .map_err(|error| InstallError::Internal { message: format!("no tarball URL for `{name}`: {error}") })
}

/// Installs `dependencies` (name to spec, as in `package.json`) for code that has no
/// `package.json`, into a layout in the cache shared by every run with the same dependencies
/// and registries: `layouts-v1/<key>/` holds a `package.json`, the `package-lock.json` of the
/// first resolution (so later runs get the same versions, offline too) and `node_modules`.
pub fn install_dependencies(
    dependencies: &BTreeMap<String, String>,
    cache: &Cache,
    config: &NpmConfig,
    options: &InstallOptions,
    reporter: &dyn Reporter,
) -> Result<Installed, InstallError> {
    let mut key = config.registries_key();
    for (name, spec) in dependencies {
        key.push_str(&format!("\n{name}@{spec}"));
    }
    let directory = cache.layout_dir(&short_hash(&key));
    let manifest = PackageJson {
        name: Some("sandbox-dependencies".to_owned()),
        dependencies: dependencies.clone(),
        ..PackageJson::default()
    };
    let text = serde_json::to_string_pretty(&manifest)
        .map_err(|error| InstallError::Internal { message: error.to_string() })?
        + "\n";
    let manifest_path = directory.join("package.json");
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(text.as_str()) {
        cache.init()?;
        write_atomic(&manifest_path, text.as_bytes())?;
    }
    install(&directory, cache, config, options, reporter)
}

/// The dependencies of `package` (`dependencies` and required peers, what code imports)
/// that Node would not find from `project`: not in its `node_modules` or any above it.
/// Empty means nothing needs installing before bundling.
pub fn missing_dependencies(project: &Path, package: &PackageJson) -> Vec<String> {
    let optional_peer = |name: &str| {
        package
            .peer_dependencies_meta
            .get(name)
            .and_then(|meta| meta.get("optional"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    };
    package
        .dependencies
        .keys()
        .chain(package.peer_dependencies.keys().filter(|name| !optional_peer(name)))
        .filter(|name| {
            !project
                .ancestors()
                .any(|directory| directory.join("node_modules").join(name).join("package.json").is_file())
        })
        .cloned()
        .collect()
}
