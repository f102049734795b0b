//! Resolution: a project's `package.json` to the tree npm 7+ would build, hoisted as npm
//! hoists it, written as a [`Lockfile`].
//!
//! Dependencies are visited breadth first, a level at a time (each level's packuments are
//! fetched together), in the order npm's arborist visits them (by depth, then location, then
//! name). For each dependency:
//!
//! - if the package Node would find from the dependent (its own `node_modules`, then each one
//!   above) satisfies the spec, that is used;
//! - otherwise the version is picked as `npm-pick-manifest` picks it, and placed as high as
//!   it can go: walking up from the dependent, a level is possible while it has no package of
//!   that name and no package below it that already found an older one would now find one
//!   that does not satisfy it; a level with the same version reuses it;
//! - peer dependencies are placed beside the dependent or higher (never inside it), as
//!   npm 7+ installs them; optional peers only when something else installs them; a peer
//!   that cannot be placed is a conflict (npm's `ERESOLVE`). A package goes no higher than a
//!   level that holds a version of one of its required peers that does not satisfy it, so
//!   that its peers can go beside it (npm places a package with its peers);
//! - an optional dependency that fails to resolve is left out; one for another `os`/`cpu`
//!   stays in the lockfile (as npm keeps it) and is not installed.
//!
//! Then the `dev`, `optional`, `devOptional` and `peer` flags are computed from the edges, as
//! arborist's `calcDepFlags` does.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use nodejs_semver::{Range, Version};

use crate::error::InstallError;
use crate::integrity::Integrity;
use crate::lockfile::{LockEntry, Lockfile, PackageJson};
use crate::packument::{Manifest, Packument, Wanted};
use crate::registry::RegistryClient;
use crate::reporter::Reporter;
use crate::spec::{Spec, UnsupportedKind, is_valid_name};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EdgeKind {
    Prod,
    Dev,
    Optional,
    Peer,
    PeerOptional,
}

impl EdgeKind {
    fn optional(self) -> bool {
        matches!(self, EdgeKind::Optional | EdgeKind::PeerOptional)
    }

    fn peer(self) -> bool {
        matches!(self, EdgeKind::Peer | EdgeKind::PeerOptional)
    }
}

struct Edge {
    name: String,
    spec: String,
    kind: EdgeKind,
    target: Option<usize>,
}

struct Node {
    /// The folder name (an alias's own name).
    name: String,
    /// The package's real name.
    package: String,
    version: String,
    /// Where Node looks next for what is not in this node's `node_modules`. A `file:` target
    /// inside the project has the project here without being one of its children.
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    edges: Vec<Edge>,
    entry: LockEntry,
    /// A `file:` target's path from the project (`lib`), where its location starts.
    path: Option<String>,
    /// A `file:` link's target, which gets the link's flags.
    link_target: Option<usize>,
}

/// Builds the tree for `package` (in `project`) and returns it as a lockfile. `previous`
/// (an older lockfile that no longer matches `package.json`) keeps versions it locked when
/// they still satisfy.
pub(crate) async fn resolve(
    project: &Path,
    package: &PackageJson,
    previous: Option<&Lockfile>,
    client: &RegistryClient,
    reporter: &dyn Reporter,
) -> Result<Lockfile, InstallError> {
    let mut resolver =
        Resolver { client, reporter, packuments: HashMap::new(), nodes: Vec::new(), preferred: HashMap::new() };
    if let Some(previous) = previous {
        for (location, entry) in &previous.packages {
            if let (Some(version), false) = (&entry.version, location.is_empty()) {
                let name = entry.name.clone().unwrap_or_else(|| crate::lockfile::name_at(location).to_owned());
                resolver.preferred.entry(name).or_default().push(version.clone());
            }
        }
    }
    let mut root_entry = top_entry(package);
    let edges = top_edges(package);
    resolver.nodes.push(Node {
        name: String::new(),
        package: package.name.clone().unwrap_or_default(),
        version: package.version.clone().unwrap_or_default(),
        parent: None,
        children: BTreeMap::new(),
        edges,
        entry: LockEntry::default(),
        path: None,
        link_target: None,
    });

    let mut level = vec![0usize];
    while !level.is_empty() {
        resolver.prefetch(&level).await?;
        let mut next = Vec::new();
        for &node in &level {
            for index in 0..resolver.nodes[node].edges.len() {
                if let Some(created) = resolver.visit(project, node, index)? {
                    next.push(created);
                }
            }
        }
        next.sort_by_key(|&node| resolver.location(node));
        level = next;
    }

    let flags = resolver.flags();
    let mut lockfile = Lockfile {
        name: package.name.clone(),
        version: package.version.clone(),
        lockfile_version: 3,
        requires: true,
        packages: BTreeMap::new(),
    };
    root_entry.name = package.name.clone();
    lockfile.packages.insert(String::new(), root_entry);
    for (index, node) in resolver.nodes.iter().enumerate().skip(1) {
        let mut entry = node.entry.clone();
        let flag = flags[index];
        if flag.reachable {
            entry.peer = flag.peer;
            entry.dev = flag.dev;
            entry.optional = flag.optional;
            entry.dev_optional = flag.dev_optional && !flag.dev && !flag.optional;
        }
        lockfile.packages.insert(resolver.location(index), entry);
    }
    Ok(lockfile)
}

/// The lockfile entry of a project, or of a `file:` target: its `package.json` fields.
fn top_entry(package: &PackageJson) -> LockEntry {
    LockEntry {
        name: package.name.clone(),
        version: package.version.clone(),
        dependencies: package.dependencies.clone(),
        dev_dependencies: package.dev_dependencies.clone(),
        optional_dependencies: package.optional_dependencies.clone(),
        peer_dependencies: package.peer_dependencies.clone(),
        peer_dependencies_meta: package.peer_dependencies_meta.clone(),
        license: package.license.clone(),
        bin: package.bin.clone(),
        engines: package.engines.clone(),
        ..LockEntry::default()
    }
}

/// The edges of a project, or of a `file:` target in it: a package's, and its
/// `devDependencies`.
fn top_edges(package: &PackageJson) -> Vec<Edge> {
    let mut edges = edges_of(
        &package.dependencies,
        &package.optional_dependencies,
        &package.peer_dependencies,
        &peer_optional(&package.peer_dependencies_meta),
    );
    for (name, spec) in &package.dev_dependencies {
        if !edges.iter().any(|edge| edge.name == *name) {
            edges.push(Edge { name: name.clone(), spec: spec.clone(), kind: EdgeKind::Dev, target: None });
        }
    }
    edges.sort_by(|a, b| a.name.cmp(&b.name));
    edges
}

fn peer_optional(meta: &BTreeMap<String, serde_json::Value>) -> HashSet<String> {
    meta.iter()
        .filter(|(_, value)| value.get("optional").and_then(serde_json::Value::as_bool).unwrap_or(false))
        .map(|(name, _)| name.clone())
        .collect()
}

/// A package's edges: `optionalDependencies` override `dependencies` of the same name.
fn edges_of(
    dependencies: &BTreeMap<String, String>,
    optional: &BTreeMap<String, String>,
    peers: &BTreeMap<String, String>,
    optional_peers: &HashSet<String>,
) -> Vec<Edge> {
    let mut edges: Vec<Edge> = Vec::new();
    for (name, spec) in dependencies {
        if !optional.contains_key(name) {
            edges.push(Edge { name: name.clone(), spec: spec.clone(), kind: EdgeKind::Prod, target: None });
        }
    }
    for (name, spec) in optional {
        edges.push(Edge { name: name.clone(), spec: spec.clone(), kind: EdgeKind::Optional, target: None });
    }
    for (name, spec) in peers {
        if edges.iter().any(|edge| edge.name == *name) {
            continue;
        }
        let kind = if optional_peers.contains(name) { EdgeKind::PeerOptional } else { EdgeKind::Peer };
        edges.push(Edge { name: name.clone(), spec: spec.clone(), kind, target: None });
    }
    edges.sort_by(|a, b| a.name.cmp(&b.name));
    edges
}

struct Resolver<'a> {
    client: &'a RegistryClient,
    reporter: &'a dyn Reporter,
    packuments: HashMap<String, Result<Packument, InstallError>>,
    nodes: Vec<Node>,
    /// Versions an older lockfile chose, by package name.
    preferred: HashMap<String, Vec<String>>,
}

/// What a spec asks of the registry.
enum Want {
    Registry { package: String, wanted: WantedOwned },
    File(String),
}

enum WantedOwned {
    Range(Range),
    Tag(String),
}

impl Resolver<'_> {
    /// `node_modules/a/node_modules/b`, or under a `file:` target, `lib/node_modules/b`.
    fn location(&self, mut node: usize) -> String {
        let mut parts = Vec::new();
        loop {
            let current = &self.nodes[node];
            if let Some(path) = &current.path {
                parts.push(path.clone());
                break;
            }
            let Some(parent) = current.parent else { break };
            parts.push(format!("node_modules/{}", current.name));
            node = parent;
        }
        parts.reverse();
        parts.join("/")
    }

    fn want(&self, edge: &Edge) -> Result<Want, InstallError> {
        let unsupported = |kind| InstallError::Unsupported { name: edge.name.clone(), spec: edge.spec.clone(), kind };
        if !is_valid_name(&edge.name) {
            return Err(unsupported(UnsupportedKind::Invalid));
        }
        match Spec::parse(&edge.spec) {
            Spec::Range(range) => Ok(Want::Registry { package: edge.name.clone(), wanted: WantedOwned::Range(range) }),
            Spec::Tag(tag) => Ok(Want::Registry { package: edge.name.clone(), wanted: WantedOwned::Tag(tag) }),
            Spec::Alias { name, spec } => Ok(Want::Registry {
                package: name,
                wanted: match *spec {
                    Spec::Range(range) => WantedOwned::Range(range),
                    Spec::Tag(tag) => WantedOwned::Tag(tag),
                    _ => return Err(unsupported(UnsupportedKind::Invalid)),
                },
            }),
            Spec::File(path) => Ok(Want::File(path)),
            Spec::Unsupported(kind) => Err(unsupported(kind)),
        }
    }

    /// Fetches, all at once, the packuments the edges of `level` may need.
    async fn prefetch(&mut self, level: &[usize]) -> Result<(), InstallError> {
        let mut names: Vec<String> = Vec::new();
        for &node in level {
            for edge in &self.nodes[node].edges {
                if let Ok(Want::Registry { package, .. }) = self.want(edge)
                    && !self.packuments.contains_key(&package)
                    && !names.contains(&package)
                {
                    names.push(package);
                }
            }
        }
        let client = self.client;
        let reporter = self.reporter;
        let fetched = futures_util::future::join_all(names.iter().map(|name| client.packument(name, reporter))).await;
        for (name, result) in names.into_iter().zip(fetched) {
            // Offline, configuration and file errors stop everything; a registry's answer
            // about one package matters only to the edges that are not optional (`visit`).
            if let Err(error @ (InstallError::Offline { .. } | InstallError::Config { .. } | InstallError::Io { .. })) =
                result
            {
                return Err(error);
            }
            self.packuments.insert(name, result);
        }
        Ok(())
    }

    /// Resolves edge `index` of `node`; returns the node it created, if any.
    fn visit(&mut self, project: &Path, node: usize, index: usize) -> Result<Option<usize>, InstallError> {
        let edge = &self.nodes[node].edges[index];
        let (name, kind) = (edge.name.clone(), edge.kind);
        let want = match self.want(edge) {
            Ok(want) => want,
            Err(_) if kind.optional() => return Ok(None),
            Err(error) => return Err(error),
        };
        if kind == EdgeKind::PeerOptional {
            // Installed only when something else installs it; but the one that is there must
            // be in the peer's range, as npm requires (ERESOLVE).
            let found = self.visible(node, &name);
            if let (Some(found), Want::Registry { package, wanted }) = (found, &want)
                && !self.satisfies(found, package, wanted)
            {
                return Err(InstallError::PeerConflict {
                    package: self.describe(node),
                    peer: name.clone(),
                    wanted: self.nodes[node].edges[index].spec.clone(),
                    found: self.nodes[found].version.clone(),
                    required_by: None,
                });
            }
            self.nodes[node].edges[index].target = found;
            return Ok(None);
        }
        let (package, wanted) = match want {
            Want::File(path) => return self.link(project, node, index, &path),
            Want::Registry { package, wanted } => (package, wanted),
        };
        if let Some(found) = self.visible(node, &name)
            && self.satisfies(found, &package, &wanted)
        {
            self.nodes[node].edges[index].target = Some(found);
            return Ok(None);
        }
        let manifest = match self.pick(&package, &wanted, node, &name) {
            Ok(manifest) => manifest,
            Err(_) if kind.optional() => return Ok(None),
            Err(error) => return Err(error),
        };
        // A required dependency of the project for another platform is npm's EBADPLATFORM;
        // deeper ones are kept and skipped at install time with their dependent.
        if !manifest.platform_ok() && !kind.optional() && node == 0 {
            return Err(InstallError::Platform {
                package: format!("{package}@{}", manifest.version),
                os: manifest.os.clone(),
                cpu: manifest.cpu.clone(),
            });
        }
        let start = if kind.peer() { self.nodes[node].parent.unwrap_or(node) } else { node };
        match self.place(start, &name, &package, &manifest.version, &required_peers(&manifest)) {
            Placement::Keep(existing) => {
                self.nodes[node].edges[index].target = Some(existing);
                Ok(None)
            }
            Placement::Under(parent) => {
                let created = self.add(parent, &name, &package, &manifest);
                self.nodes[node].edges[index].target = Some(created);
                Ok(Some(created))
            }
            Placement::Conflict(existing) => {
                let found = &self.nodes[existing];
                Err(InstallError::PeerConflict {
                    package: self.describe(node),
                    peer: name.clone(),
                    wanted: self.nodes[node].edges[index].spec.clone(),
                    found: found.version.clone(),
                    required_by: None,
                })
            }
        }
    }

    /// `name@version` of a node, or `the project` for the root.
    fn describe(&self, node: usize) -> String {
        if node == 0 {
            "the project".to_owned()
        } else {
            format!("{}@{}", self.nodes[node].package, self.nodes[node].version)
        }
    }

    /// The package Node finds for `name` from `node`: in its `node_modules`, then above.
    fn visible(&self, node: usize, name: &str) -> Option<usize> {
        let mut cursor = Some(node);
        while let Some(current) = cursor {
            if let Some(&child) = self.nodes[current].children.get(name) {
                return Some(child);
            }
            cursor = self.nodes[current].parent;
        }
        None
    }

    fn satisfies(&self, node: usize, package: &str, wanted: &WantedOwned) -> bool {
        let node = &self.nodes[node];
        if node.package != package || node.entry.link {
            return false;
        }
        match wanted {
            WantedOwned::Range(range) => Version::parse(&node.version).is_ok_and(|version| range.satisfies(&version)),
            WantedOwned::Tag(_) => true,
        }
    }

    fn spec_satisfied_by(&self, edge: &Edge, package: &str, version: &str) -> bool {
        let Ok(Want::Registry { package: wanted_package, wanted }) = self.want(edge) else { return false };
        wanted_package == package
            && match wanted {
                WantedOwned::Range(range) => Version::parse(version).is_ok_and(|version| range.satisfies(&version)),
                WantedOwned::Tag(_) => true,
            }
    }

    fn pick(&mut self, package: &str, wanted: &WantedOwned, node: usize, name: &str) -> Result<Manifest, InstallError> {
        let spec = self.nodes[node]
            .edges
            .iter()
            .find(|edge| edge.name == name)
            .map(|edge| edge.spec.clone())
            .unwrap_or_default();
        if matches!(self.packuments.get(package), Some(Err(_)))
            && let Some(Err(error)) = self.packuments.remove(package)
        {
            return Err(error);
        }
        let Some(Ok(packument)) = self.packuments.get(package) else {
            return Err(InstallError::Internal { message: format!("the packument of `{package}` was not fetched") });
        };
        let preferred = self.preferred.get(package).and_then(|versions| match wanted {
            WantedOwned::Range(range) => versions
                .iter()
                .filter_map(|version| Some((Version::parse(version).ok()?, version)))
                .filter(|(version, _)| range.satisfies(version))
                .max_by(|a, b| a.0.cmp(&b.0))
                .and_then(|(_, version)| packument.versions.get(version)),
            WantedOwned::Tag(_) => None,
        });
        let picked = preferred.or_else(|| match wanted {
            WantedOwned::Range(range) => packument.pick(&Wanted::Range(range)),
            WantedOwned::Tag(tag) => packument.pick(&Wanted::Tag(tag)),
        });
        picked.cloned().ok_or_else(|| InstallError::NoMatchingVersion {
            name: package.to_owned(),
            spec,
            required_by: (node != 0).then(|| self.describe(node)),
            latest: packument.dist_tags.get("latest").cloned(),
        })
    }

    /// Where a new `package@version` named `name` goes, walking up from `start`. It goes no
    /// higher than a level whose own `node_modules` holds a version of one of its `peers`
    /// (name, spec) that does not satisfy it: npm places a package together with its peers,
    /// which then go beside it, deeper.
    fn place(&self, start: usize, name: &str, package: &str, version: &str, peers: &[(String, String)]) -> Placement {
        let mut best = None;
        let mut cursor = Some(start);
        while let Some(level) = cursor {
            if let Some(&existing) = self.nodes[level].children.get(name) {
                let same = self.nodes[existing].package == package && self.nodes[existing].version == version;
                if same {
                    return Placement::Keep(existing);
                }
                return match best {
                    Some(best) => Placement::Under(best),
                    None => Placement::Conflict(existing),
                };
            }
            if !self.can_place(level, name, package, version) || !self.peers_fit(level, peers) {
                break;
            }
            best = Some(level);
            cursor = self.nodes[level].parent;
        }
        match best {
            Some(best) => Placement::Under(best),
            None => Placement::Under(start),
        }
    }

    /// Whether each of `peers` (name, spec) is either absent from `level`'s `node_modules` or
    /// satisfied by what is there.
    fn peers_fit(&self, level: usize, peers: &[(String, String)]) -> bool {
        peers.iter().all(|(peer, spec)| {
            let Some(&present) = self.nodes[level].children.get(peer) else { return true };
            let edge = Edge { name: peer.clone(), spec: spec.clone(), kind: EdgeKind::Peer, target: None };
            let present = &self.nodes[present];
            !present.entry.link && self.spec_satisfied_by(&edge, &present.package, &present.version)
        })
    }

    /// Whether putting `package@version` in `level`'s `node_modules` keeps every dependency
    /// below it that is already resolved satisfied.
    fn can_place(&self, level: usize, name: &str, package: &str, version: &str) -> bool {
        let mut stack = vec![level];
        while let Some(node) = stack.pop() {
            stack.extend(self.nodes[node].children.values().copied());
            for edge in &self.nodes[node].edges {
                let Some(target) = edge.target else { continue };
                if edge.name != name || self.is_inside(target, level) {
                    continue;
                }
                // Would the new package be found first? Only if nothing between has `name`.
                let mut cursor = node;
                let mut shadowed = false;
                while cursor != level {
                    if self.nodes[cursor].children.contains_key(name) {
                        shadowed = true;
                        break;
                    }
                    match self.nodes[cursor].parent {
                        Some(parent) => cursor = parent,
                        None => break,
                    }
                }
                if !shadowed && !self.spec_satisfied_by(edge, package, version) {
                    return false;
                }
            }
        }
        true
    }

    /// Whether `node` is in `level`'s `node_modules` (at any depth).
    fn is_inside(&self, mut node: usize, level: usize) -> bool {
        while let Some(parent) = self.nodes[node].parent {
            if parent == level {
                return true;
            }
            node = parent;
        }
        false
    }

    fn add(&mut self, parent: usize, name: &str, package: &str, manifest: &Manifest) -> usize {
        let integrity = manifest.dist.integrity.clone().or_else(|| {
            manifest
                .dist
                .shasum
                .as_deref()
                .and_then(|shasum| Integrity::from_sha1_hex(shasum).ok())
                .map(|integrity| integrity.to_string())
        });
        let entry = LockEntry {
            name: (name != package).then(|| package.to_owned()),
            version: Some(manifest.version.clone()),
            resolved: Some(manifest.dist.tarball.clone()).filter(|tarball| !tarball.is_empty()),
            integrity,
            cpu: manifest.cpu.clone(),
            deprecated: manifest.deprecated.clone(),
            has_install_script: manifest.has_install_script,
            license: manifest.license.clone(),
            os: manifest.os.clone(),
            bin: manifest.bin.clone(),
            dependencies: manifest.dependencies.clone(),
            engines: manifest.engines.clone(),
            optional_dependencies: manifest.optional_dependencies.clone(),
            peer_dependencies: manifest.peer_dependencies.clone(),
            peer_dependencies_meta: manifest
                .peer_dependencies_meta
                .iter()
                .map(|(name, meta)| (name.clone(), serde_json::json!({ "optional": meta.optional })))
                .collect(),
            ..LockEntry::default()
        };
        let optional_peers = manifest
            .peer_dependencies_meta
            .iter()
            .filter(|(_, meta)| meta.optional)
            .map(|(name, _)| name.clone())
            .collect();
        let edges = edges_of(
            &manifest.dependencies,
            &manifest.optional_dependencies,
            &manifest.peer_dependencies,
            &optional_peers,
        );
        let index = self.nodes.len();
        self.nodes.push(Node {
            name: name.to_owned(),
            package: package.to_owned(),
            version: manifest.version.clone(),
            parent: Some(parent),
            children: BTreeMap::new(),
            edges,
            entry,
            path: None,
            link_target: None,
        });
        self.nodes[parent].children.insert(name.to_owned(), index);
        index
    }

    /// A `file:` directory: linked from `node_modules`, as npm links it. The target is a node
    /// of its own at its path (`lib`); when it is inside the project its dependencies (dev ones
    /// too, as npm treats it as a top of its own) are resolved from it, so they go beside the
    /// project's or into `lib/node_modules`. npm leaves those of a target outside the project
    /// to that project, and so does this. Returns the target, to visit its dependencies.
    fn link(&mut self, project: &Path, node: usize, index: usize, path: &str) -> Result<Option<usize>, InstallError> {
        let edge = &self.nodes[node].edges[index];
        let name = edge.name.clone();
        if node != 0 {
            return Err(InstallError::Unsupported { name, spec: edge.spec.clone(), kind: UnsupportedKind::NestedFile });
        }
        let relative = path.trim_start_matches("./").trim_end_matches('/').to_owned();
        let directory = project.join(&relative);
        let manifest_path = directory.join("package.json");
        let Some(linked) = PackageJson::read(&manifest_path)? else {
            return Err(InstallError::Unsupported {
                name,
                spec: edge.spec.clone(),
                kind: UnsupportedKind::FileNotDirectory,
            });
        };
        let inside = crate::layout::is_inside(&relative);
        let package = linked.name.clone().unwrap_or_else(|| name.clone());
        let version = linked.version.clone().unwrap_or_default();
        let edges = if inside { top_edges(&linked) } else { Vec::new() };
        let mut target_entry = top_entry(&linked);
        // npm names the package only when its folder has another name.
        let folder = relative.rsplit('/').next().unwrap_or_default();
        target_entry.name = linked.name.filter(|linked_name| linked_name != folder);
        let created = self.nodes.len();
        let target = created + 1;
        self.nodes.push(Node {
            name: name.clone(),
            package: package.clone(),
            version: version.clone(),
            parent: Some(0),
            children: BTreeMap::new(),
            edges: Vec::new(),
            entry: LockEntry { resolved: Some(relative.clone()), link: true, ..LockEntry::default() },
            path: None,
            link_target: Some(target),
        });
        self.nodes.push(Node {
            name: package.clone(),
            package,
            version,
            parent: inside.then_some(0),
            children: BTreeMap::new(),
            edges,
            entry: target_entry,
            path: Some(relative),
            link_target: None,
        });
        self.nodes[0].children.insert(name, created);
        self.nodes[0].edges[index].target = Some(created);
        Ok(Some(target))
    }

    /// arborist's `calcDepFlags`: a package is `dev` unless a production path reaches it,
    /// `optional` unless a required path does, `peer` unless a non-peer path does.
    fn flags(&self) -> Vec<Flags> {
        let mut flags = vec![
            Flags { reachable: false, dev: true, optional: true, dev_optional: true, peer: true };
            self.nodes.len()
        ];
        flags[0] = Flags { reachable: true, dev: false, optional: false, dev_optional: false, peer: false };
        let mut queue = vec![0usize];
        while let Some(node) = queue.pop() {
            let from = flags[node];
            // A link's target is reached as the link is.
            let link = self.nodes[node].link_target.map(|target| (target, EdgeKind::Prod));
            let edges = self.nodes[node].edges.iter().filter_map(|edge| Some((edge.target?, edge.kind)));
            for (target, kind) in edges.chain(link) {
                let before = flags[target];
                let to = &mut flags[target];
                to.reachable = true;
                let dev = kind == EdgeKind::Dev;
                let optional = kind.optional();
                if !from.dev_optional && !dev && !optional {
                    to.dev_optional = false;
                }
                if !from.dev && !dev {
                    to.dev = false;
                }
                if !from.optional && !optional {
                    to.optional = false;
                }
                if !from.peer && !kind.peer() {
                    to.peer = false;
                }
                if *to != before || !before.reachable {
                    queue.push(target);
                }
            }
        }
        flags
    }
}

/// The peer dependencies a package needs beside it (name, spec): not the optional ones, nor
/// those it also depends on directly (as [`edges_of`] leaves them out).
fn required_peers(manifest: &Manifest) -> Vec<(String, String)> {
    manifest
        .peer_dependencies
        .iter()
        .filter(|(name, _)| {
            !manifest.peer_dependencies_meta.get(*name).is_some_and(|meta| meta.optional)
                && !manifest.dependencies.contains_key(*name)
                && !manifest.optional_dependencies.contains_key(*name)
        })
        .map(|(name, spec)| (name.clone(), spec.clone()))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flags {
    reachable: bool,
    dev: bool,
    optional: bool,
    dev_optional: bool,
    peer: bool,
}

enum Placement {
    /// The same version is already there.
    Keep(usize),
    /// Put it in this node's `node_modules`.
    Under(usize),
    /// Another version is where it must go.
    Conflict(usize),
}

/// The placement rules, each case checked against what npm does: every folder of
/// `npm-cache/tests/placement/` is a project (`package.json`) and a registry
/// (`registry.json`), and its `npm.json` is the tree the real npm built from them, written by
/// `node npm-cache/tests/placement/npm.mjs` (which runs `npm install --package-lock-only`
/// against that registry on 127.0.0.1). The resolver fetches the same packuments from the
/// same kind of registry, and must place every package where npm did, with npm's flags, or
/// fail where npm fails. A case where it does not yet has a `differs.md` saying how; those
/// are run by an ignored test, which fails until the resolver is fixed.
#[cfg(test)]
mod tests {
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::net::{Ipv4Addr, TcpListener};
    use std::path::{Path, PathBuf};

    use serde_json::{Map, Value, json};

    use super::resolve;
    use crate::cache::Cache;
    use crate::config::NpmConfig;
    use crate::error::InstallError;
    use crate::lockfile::PackageJson;
    use crate::registry::RegistryClient;

    /// The cases, those with a `differs.md` (`differing`) or the others.
    fn cases(differing: bool) -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/placement");
        let mut cases: Vec<PathBuf> = std::fs::read_dir(root)
            .expect("read tests/placement")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.is_dir() && path.join("differs.md").is_file() == differing)
            .collect();
        cases.sort();
        assert!(!cases.is_empty());
        cases
    }

    /// The packument `npm.mjs` serves for `name`: each version's manifest with its name,
    /// version and a tarball URL; `latest` the highest version.
    fn packument(base: &str, name: &str, versions: &Map<String, Value>) -> Value {
        let file = name.rsplit('/').next().unwrap_or(name);
        let mut latest: Option<nodejs_semver::Version> = None;
        let mut manifests = Map::new();
        for (version, fields) in versions {
            let parsed = nodejs_semver::Version::parse(version).expect("registry.json has semver versions");
            if latest.as_ref().is_none_or(|latest| parsed > *latest) {
                latest = Some(parsed);
            }
            let mut manifest = fields.as_object().cloned().unwrap_or_default();
            manifest.insert("name".to_owned(), json!(name));
            manifest.insert("version".to_owned(), json!(version));
            manifest.insert("dist".to_owned(), json!({ "tarball": format!("{base}{name}/-/{file}-{version}.tgz") }));
            manifests.insert(version.clone(), Value::Object(manifest));
        }
        let latest = latest.map(|latest| latest.to_string());
        json!({ "name": name, "dist-tags": { "latest": latest }, "versions": manifests })
    }

    /// Serves `registry` on 127.0.0.1 as `npm.mjs` does (a packument per name, 404 for any
    /// other path), one connection at a time, until the process ends. Returns its URL.
    fn serve(registry: Map<String, Value>) -> String {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a port");
        let base = format!("http://{}/", listener.local_addr().expect("an address"));
        let url = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    continue;
                }
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if header == "\r\n" => break,
                        Ok(_) => {}
                    }
                }
                let path = request.split(' ').nth(1).unwrap_or("/").trim_start_matches('/').replace("%2f", "/");
                let (status, body) = match registry.get(&path).and_then(Value::as_object) {
                    Some(versions) => ("200 OK", packument(&base, &path, versions).to_string()),
                    None => ("404 Not Found", r#"{"error":"Not found"}"#.to_owned()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        url
    }

    /// Resolves the case's project against its registry, into the shape of `npm.json`.
    fn resolve_case(case: &Path) -> Value {
        let registry: Map<String, Value> =
            serde_json::from_str(&std::fs::read_to_string(case.join("registry.json")).expect("read registry.json"))
                .expect("registry.json is a JSON object");
        let mut config = NpmConfig::default();
        config.registry = url::Url::parse(&serve(registry)).expect("a URL");
        let cache_dir = tempfile::tempdir().expect("a cache directory");
        let client = RegistryClient::new(config, Cache::new(cache_dir.path()), false).expect("a client");
        let package =
            PackageJson::read(&case.join("package.json")).expect("read package.json").expect("a package.json");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        match runtime.block_on(resolve(case, &package, None, &client, &())) {
            Ok(lockfile) => {
                let mut tree = Map::new();
                for (location, entry) in lockfile.packages.iter().filter(|(location, _)| !location.is_empty()) {
                    let mut placed = Map::new();
                    placed.insert("version".to_owned(), json!(entry.version));
                    if let Some(name) = &entry.name {
                        placed.insert("name".to_owned(), json!(name));
                    }
                    for (flag, set) in [
                        ("dev", entry.dev),
                        ("optional", entry.optional),
                        ("devOptional", entry.dev_optional),
                        ("peer", entry.peer),
                    ] {
                        if set {
                            placed.insert(flag.to_owned(), json!(true));
                        }
                    }
                    tree.insert(location.clone(), Value::Object(placed));
                }
                json!({ "tree": tree })
            }
            // npm's codes for the same refusals.
            Err(InstallError::PeerConflict { .. }) => json!({ "error": "ERESOLVE" }),
            Err(InstallError::NoMatchingVersion { .. }) => json!({ "error": "ETARGET" }),
            Err(InstallError::Platform { .. }) => json!({ "error": "EBADPLATFORM" }),
            Err(error) => json!({ "error": error.to_string() }),
        }
    }

    /// Every placement case gives npm's tree.
    #[test]
    fn placements_match_npm() {
        compare_with_npm(&cases(false));
    }

    /// The cases where the resolver still differs from npm (each one's `differs.md` says how).
    #[test]
    #[ignore = "the resolver differs from npm in these cases (npm-cache/tests/placement/*/differs.md)"]
    fn placements_that_differ_from_npm() {
        compare_with_npm(&cases(true));
    }

    fn compare_with_npm(cases: &[PathBuf]) {
        let mut differences = Vec::new();
        for case in cases {
            let name = case.file_name().expect("a case name").to_string_lossy().into_owned();
            let npm: Value =
                serde_json::from_str(&std::fs::read_to_string(case.join("npm.json")).expect("read npm.json"))
                    .expect("npm.json is JSON");
            let ours = resolve_case(case);
            if ours != npm {
                differences.push(format!("{name}:\n  npm:  {npm}\n  ours: {ours}"));
            }
        }
        assert!(differences.is_empty(), "placements differ from npm's:\n{}", differences.join("\n"));
    }
}
