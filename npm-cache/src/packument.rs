//! [`Packument`]: a package's document on the registry (the abbreviated form npm installs
//! from, `application/vnd.npm.install-v1+json`), and how npm picks a version from it.

use std::collections::BTreeMap;

use nodejs_semver::{Range, Version};
use serde::{Deserialize, Serialize};

/// A package's versions and dist-tags, as the registry serves them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Packument {
    pub name: String,
    #[serde(rename = "dist-tags", default)]
    pub dist_tags: BTreeMap<String, String>,
    #[serde(default)]
    pub versions: BTreeMap<String, Manifest>,
}

/// One version of a package, as the abbreviated packument describes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Manifest {
    #[serde(default)]
    pub name: String,
    pub version: String,
    #[serde(default, deserialize_with = "dependency_map", skip_serializing_if = "BTreeMap::is_empty")]
    pub dependencies: BTreeMap<String, String>,
    #[serde(
        rename = "optionalDependencies",
        default,
        deserialize_with = "dependency_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub optional_dependencies: BTreeMap<String, String>,
    #[serde(
        rename = "peerDependencies",
        default,
        deserialize_with = "dependency_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub peer_dependencies: BTreeMap<String, String>,
    #[serde(
        rename = "peerDependenciesMeta",
        default,
        deserialize_with = "peer_meta_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub peer_dependencies_meta: BTreeMap<String, PeerMeta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engines: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "string_list", skip_serializing_if = "Vec::is_empty")]
    pub os: Vec<String>,
    #[serde(default, deserialize_with = "string_list", skip_serializing_if = "Vec::is_empty")]
    pub cpu: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<serde_json::Value>,
    #[serde(rename = "hasInstallScript", default, skip_serializing_if = "std::ops::Not::not")]
    pub has_install_script: bool,
    #[serde(default)]
    pub dist: Dist,
}

/// `peerDependenciesMeta` of one peer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PeerMeta {
    #[serde(default)]
    pub optional: bool,
}

/// Where a version's tarball is and what it hashes to.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Dist {
    #[serde(default)]
    pub tarball: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shasum: Option<String>,
}

/// `"os": "linux"` and `"os": ["linux"]` both occur.
fn string_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
        Other(#[allow(dead_code, reason = "any other shape means no list")] serde_json::Value),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
        OneOrMany::Other(_) => Vec::new(),
    })
}

/// A dependency map as npm reads it from a packument (`Object.entries(deps || {})` in
/// Arborist): an object's entries whose values are version specs. Old versions were published
/// with other shapes (`mime@1.0.0` has `"dependencies": []`): a list, a string or `null` has no
/// entries, and an entry whose spec is not a string is left out, so one malformed version does
/// not make the whole packument unreadable.
fn dependency_map<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Object(entries) => entries
            .into_iter()
            .filter_map(|(name, spec)| match spec {
                serde_json::Value::String(spec) => Some((name, spec)),
                _ => None,
            })
            .collect(),
        _ => BTreeMap::new(),
    })
}

/// `peerDependenciesMeta`, read as leniently as [`dependency_map`]: an entry that is not an
/// object says nothing (the peer is required).
fn peer_meta_map<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, PeerMeta>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Object(entries) => entries
            .into_iter()
            .filter_map(|(name, meta)| match meta {
                serde_json::Value::Object(meta) => Some((
                    name,
                    PeerMeta { optional: meta.get("optional").and_then(serde_json::Value::as_bool).unwrap_or(false) },
                )),
                _ => None,
            })
            .collect(),
        _ => BTreeMap::new(),
    })
}

impl Manifest {
    /// Whether this version may be installed on this machine (`os` and `cpu`, with `!x`
    /// exclusions, as npm-install-checks reads them).
    pub fn platform_ok(&self) -> bool {
        platform_ok(&self.os, &self.cpu)
    }
}

/// `os` and `cpu` lists against this machine.
pub(crate) fn platform_ok(os: &[String], cpu: &[String]) -> bool {
    list_allows(os, node_platform()) && list_allows(cpu, node_arch())
}

fn list_allows(list: &[String], value: &str) -> bool {
    if list.is_empty() || (list.len() == 1 && list[0] == "any") {
        return true;
    }
    let mut matched = false;
    let mut negated = 0;
    for entry in list {
        if let Some(excluded) = entry.strip_prefix('!') {
            negated += 1;
            if excluded == value {
                return false;
            }
        } else if entry == value {
            matched = true;
        }
    }
    matched || negated == list.len()
}

/// `process.platform` of Node on this machine.
pub(crate) fn node_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

/// `process.arch` of Node on this machine.
pub(crate) fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "powerpc64" => "ppc64",
        other => other,
    }
}

/// What to pick from a packument.
#[derive(Debug, Clone)]
pub enum Wanted<'a> {
    Range(&'a Range),
    Tag(&'a str),
}

impl Packument {
    /// The version npm would install for `wanted`, as `npm-pick-manifest` picks it: a tag
    /// names its version; for a range, the `latest` tag's version when it satisfies the range
    /// and is not deprecated, else the highest satisfying version, preferring versions that
    /// are not deprecated. Prereleases match only ranges that name a prerelease of the same
    /// `major.minor.patch`.
    pub fn pick(&self, wanted: &Wanted<'_>) -> Option<&Manifest> {
        let range = match wanted {
            Wanted::Tag(tag) => {
                let version = self.dist_tags.get(*tag)?;
                return self.versions.get(version);
            }
            Wanted::Range(range) => range,
        };
        if let Some(latest) = self.dist_tags.get("latest")
            && let Some(manifest) = self.versions.get(latest)
            && manifest.deprecated.is_none()
            && Version::parse(latest).is_ok_and(|version| range.satisfies(&version))
        {
            return Some(manifest);
        }
        self.versions
            .iter()
            .filter_map(|(text, manifest)| Some((Version::parse(text).ok()?, manifest)))
            .filter(|(version, _)| range.satisfies(version))
            .max_by(|(version_a, manifest_a), (version_b, manifest_b)| {
                let current = |manifest: &Manifest| manifest.deprecated.is_none();
                current(manifest_a).cmp(&current(manifest_b)).then_with(|| version_a.cmp(version_b))
            })
            .map(|(_, manifest)| manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packument(versions: &[&str], latest: &str) -> Packument {
        Packument {
            name: "p".into(),
            dist_tags: BTreeMap::from([("latest".to_owned(), latest.to_owned())]),
            versions: versions
                .iter()
                .map(|version| {
                    ((*version).to_owned(), Manifest { version: (*version).to_owned(), ..Manifest::default() })
                })
                .collect(),
        }
    }

    fn pick(packument: &Packument, range: &str) -> Option<String> {
        let range = Range::parse(range).unwrap();
        packument.pick(&Wanted::Range(&range)).map(|manifest| manifest.version.clone())
    }

    /// npm's choices: `latest` when it fits, else the highest match; `^0.x` stays in the
    /// minor; prereleases only when asked for.
    #[test]
    fn picks_as_npm() {
        let p = packument(&["0.1.0", "0.1.5", "0.2.0", "1.0.0", "1.2.0", "2.0.0-beta.1", "1.3.0"], "1.2.0");
        assert_eq!(pick(&p, "^1.0.0").as_deref(), Some("1.2.0"), "latest wins when it satisfies");
        assert_eq!(pick(&p, ">=1.3.0").as_deref(), Some("1.3.0"));
        assert_eq!(pick(&p, "^0.1.0").as_deref(), Some("0.1.5"));
        assert_eq!(pick(&p, "0.x || 1.3").as_deref(), Some("1.3.0"));
        assert_eq!(pick(&p, "0.1.0 - 0.2.0").as_deref(), Some("0.2.0"));
        assert_eq!(pick(&p, "*").as_deref(), Some("1.2.0"));
        assert_eq!(pick(&p, "^2.0.0").as_deref(), None, "a prerelease is not picked for a plain range");
        assert_eq!(pick(&p, "^2.0.0-beta.0").as_deref(), Some("2.0.0-beta.1"));
        assert_eq!(pick(&p, "^3").as_deref(), None);
        assert_eq!(p.pick(&Wanted::Tag("latest")).map(|m| m.version.as_str()), Some("1.2.0"));
        assert!(p.pick(&Wanted::Tag("next")).is_none());
    }

    /// A deprecated version is passed over when another satisfies the range.
    #[test]
    fn avoids_deprecated() {
        let mut p = packument(&["1.0.0", "1.1.0"], "1.0.0");
        p.versions.get_mut("1.1.0").unwrap().deprecated = Some("broken".into());
        assert_eq!(pick(&p, "^1").as_deref(), Some("1.0.0"));
        p.versions.get_mut("1.0.0").unwrap().deprecated = Some("old".into());
        assert_eq!(pick(&p, "^1").as_deref(), Some("1.1.0"));
    }

    /// Versions published with malformed dependency fields (`mime@1.0.0`'s `"dependencies": []`)
    /// are read as npm reads them, and the packument with them.
    #[test]
    fn malformed_old_versions() {
        let packument: Packument = serde_json::from_str(
            r#"{"name":"mime","dist-tags":{"latest":"1.1.0"},"versions":{
                "1.0.0":{"version":"1.0.0","dependencies":[],"optionalDependencies":"none",
                         "peerDependencies":{"a":"^1","b":2},"peerDependenciesMeta":{"a":true,"b":{"optional":true}}},
                "1.1.0":{"version":"1.1.0","dependencies":{"c":"~2"},"peerDependencies":null}}}"#,
        )
        .unwrap();
        let old = &packument.versions["1.0.0"];
        assert!(old.dependencies.is_empty() && old.optional_dependencies.is_empty());
        assert_eq!(old.peer_dependencies, BTreeMap::from([("a".to_owned(), "^1".to_owned())]));
        assert_eq!(old.peer_dependencies_meta.keys().collect::<Vec<_>>(), ["b"]);
        assert!(old.peer_dependencies_meta["b"].optional);
        let new = &packument.versions["1.1.0"];
        assert_eq!(new.dependencies, BTreeMap::from([("c".to_owned(), "~2".to_owned())]));
        assert!(new.peer_dependencies.is_empty());
    }

    /// `os`/`cpu` lists include or exclude (`!`) this machine.
    #[test]
    fn platforms() {
        let here = node_platform().to_owned();
        assert!(list_allows(&[], "linux"));
        assert!(list_allows(std::slice::from_ref(&here), &here));
        assert!(!list_allows(&["!".to_owned() + &here], &here));
        assert!(list_allows(&["!aix".to_owned()], &here));
        assert!(!list_allows(&["aix".to_owned()], &here));
    }
}
