//! `package-lock.json` as npm writes it (lockfile version 3; version 2 is read too), and
//! `package.json` as far as installing needs it.
//!
//! Keys are written in npm's order (`name`, `version`, `resolved`, `integrity`, then other
//! values alphabetically, then objects alphabetically) with two-space indentation, so a
//! lockfile sandbox writes reads like one npm wrote, and `npm ci` installs the same tree.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::InstallError;

/// `package.json`: the dependencies of a project.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PackageJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dependencies: BTreeMap<String, String>,
    #[serde(rename = "devDependencies", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dev_dependencies: BTreeMap<String, String>,
    #[serde(rename = "optionalDependencies", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub optional_dependencies: BTreeMap<String, String>,
    #[serde(rename = "peerDependencies", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub peer_dependencies: BTreeMap<String, String>,
    #[serde(rename = "peerDependenciesMeta", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub peer_dependencies_meta: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engines: Option<serde_json::Value>,
}

impl PackageJson {
    /// Reads `path`; `None` when there is no such file.
    pub fn read(path: &Path) -> Result<Option<PackageJson>, InstallError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(InstallError::io(path, source)),
        };
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        serde_json::from_slice(bytes)
            .map(Some)
            .map_err(|error| InstallError::Manifest { path: path.to_path_buf(), message: error.to_string() })
    }

    /// Whether the project declares any dependency.
    pub fn has_dependencies(&self) -> bool {
        !(self.dependencies.is_empty()
            && self.dev_dependencies.is_empty()
            && self.optional_dependencies.is_empty()
            && self.peer_dependencies.is_empty())
    }

    /// Every dependency name, for checking what `node_modules` has.
    pub fn dependency_names(&self) -> impl Iterator<Item = &String> {
        self.dependencies
            .keys()
            .chain(self.dev_dependencies.keys())
            .chain(self.optional_dependencies.keys())
            .chain(self.peer_dependencies.keys())
    }
}

/// A whole `package-lock.json`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct Lockfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(rename = "lockfileVersion", default)]
    pub lockfile_version: u32,
    #[serde(default = "yes")]
    pub requires: bool,
    /// Each package by its location (`node_modules/a/node_modules/b`); `""` is the project.
    #[serde(default)]
    pub packages: BTreeMap<String, LockEntry>,
}

fn yes() -> bool {
    true
}

/// One package of a lockfile, with npm's keys in npm's order.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LockEntry {
    /// The real name, when it differs from the folder's (an `npm:` alias) and for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub link: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "string_or_list")]
    pub cpu: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dev_optional: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub has_install_script: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "string_or_list")]
    pub os: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub peer: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dependencies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dev_dependencies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engines: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub optional_dependencies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub peer_dependencies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub peer_dependencies_meta: BTreeMap<String, serde_json::Value>,
}

impl LockEntry {
    /// Whether this entry lists exactly the dependencies of `package`.
    fn lists_dependencies_of(&self, package: &PackageJson) -> bool {
        self.dependencies == package.dependencies
            && self.dev_dependencies == package.dev_dependencies
            && self.optional_dependencies == package.optional_dependencies
            && self.peer_dependencies == package.peer_dependencies
    }
}

fn string_or_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

impl Lockfile {
    /// Reads `path`; `None` when there is no such file. Lockfile versions 2 and 3 are read
    /// (version 1 has no `packages` and is refused).
    pub fn read(path: &Path) -> Result<Option<Lockfile>, InstallError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(InstallError::io(path, source)),
        };
        let lockfile: Lockfile = serde_json::from_slice(&bytes)
            .map_err(|error| InstallError::Manifest { path: path.to_path_buf(), message: error.to_string() })?;
        if lockfile.lockfile_version < 2 {
            return Err(InstallError::Manifest {
                path: path.to_path_buf(),
                message: format!(
                    "lockfile version {} has no `packages`; run `npm install` once with npm 7 or later to upgrade it",
                    lockfile.lockfile_version
                ),
            });
        }
        Ok(Some(lockfile))
    }

    /// The text npm would write: two-space indentation and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a lockfile serializes");
        text.push('\n');
        text
    }

    /// Whether the lockfile's project entry lists exactly the dependencies of `package`, and
    /// the entry of each `file:` directory inside `project` those of its `package.json`, as
    /// `npm ci` requires.
    pub fn matches(&self, package: &PackageJson, project: &Path) -> bool {
        let Some(root) = self.packages.get("") else { return false };
        root.lists_dependencies_of(package)
            && self.packages.iter().filter(|(_, entry)| entry.link).all(|(_, link)| {
                let Some(target) = link.resolved.as_deref() else { return false };
                // A target outside the project has no dependencies installed (npm's rule).
                if target.starts_with("..") || Path::new(target).is_absolute() {
                    return true;
                }
                let manifest = PackageJson::read(&project.join(target).join("package.json"));
                match (self.packages.get(target), manifest) {
                    (Some(entry), Ok(Some(manifest))) => entry.lists_dependencies_of(&manifest),
                    _ => false,
                }
            })
    }
}

/// The package name a location holds: the part after the last `node_modules/`.
pub(crate) fn name_at(location: &str) -> &str {
    match location.rfind("node_modules/") {
        Some(index) => &location[index + "node_modules/".len()..],
        None => location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys come out in npm's order, and what is read is what is written.
    #[test]
    fn writes_as_npm() {
        let mut lockfile = Lockfile {
            name: Some("app".into()),
            version: Some("1.0.0".into()),
            lockfile_version: 3,
            requires: true,
            ..Lockfile::default()
        };
        lockfile.packages.insert(
            "node_modules/@esbuild/aix-ppc64".into(),
            LockEntry {
                version: Some("0.24.0".into()),
                resolved: Some("http://127.0.0.1:1/@esbuild/aix-ppc64/-/aix-ppc64-0.24.0.tgz".into()),
                integrity: Some("sha512-abc".into()),
                cpu: vec!["ppc64".into()],
                optional: true,
                os: vec!["aix".into()],
                engines: Some(serde_json::json!({"node": ">=18"})),
                ..LockEntry::default()
            },
        );
        let text = lockfile.to_json();
        let keys: Vec<&str> =
            text.lines().filter_map(|line| line.trim().strip_prefix('"')?.split('"').next()).collect();
        assert_eq!(
            keys,
            [
                "name",
                "version",
                "lockfileVersion",
                "requires",
                "packages",
                "node_modules/@esbuild/aix-ppc64",
                "version",
                "resolved",
                "integrity",
                "cpu",
                "ppc64",
                "optional",
                "os",
                "aix",
                "engines",
                "node"
            ]
        );
        assert_eq!(serde_json::from_str::<Lockfile>(&text).unwrap(), lockfile);
        assert_eq!(name_at("node_modules/a/node_modules/@s/b"), "@s/b");
    }
}
