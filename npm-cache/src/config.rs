//! [`NpmConfig`]: what npm users already configured, read as npm reads it: `.npmrc` of the
//! project and of the user (`NPM_CONFIG_USERCONFIG`, else `~/.npmrc`), and `npm_config_*`
//! environment variables, later ones winning (environment over project over user).
//!
//! Credentials are kept per registry (npm's "nerf-darted" `//host/path/:_authToken` keys)
//! and sent only to URLs under that host and path; `Debug` never shows them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use url::Url;

use crate::error::InstallError;

/// The public registry, npm's default.
pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org/";

/// Registry, TLS, proxy and credential settings.
#[derive(Clone)]
pub struct NpmConfig {
    /// `registry`: where unscoped packages come from.
    pub registry: Url,
    /// `@scope:registry`, by scope (`@acme`).
    pub scoped_registries: BTreeMap<String, Url>,
    /// `cafile`: PEM certificates to trust, besides the system's and `NODE_EXTRA_CA_CERTS`.
    pub cafile: Option<PathBuf>,
    /// `ca` (or `ca[]`): PEM certificates given inline.
    pub ca: Vec<String>,
    /// `strict-ssl`: when false, certificates are not checked (npm's escape hatch).
    pub strict_ssl: bool,
    /// `https-proxy` (default `HTTPS_PROXY`, then `HTTP_PROXY`), for https URLs.
    pub https_proxy: Option<String>,
    /// `proxy` (default `HTTP_PROXY`), for http URLs.
    pub proxy: Option<String>,
    /// `noproxy` (default `NO_PROXY`): hosts reached directly.
    pub noproxy: Option<String>,
    /// `NODE_EXTRA_CA_CERTS`.
    pub extra_ca_certs: Option<PathBuf>,
    credentials: Vec<(String, Credential)>,
}

/// An `Authorization` header value, never shown.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// `_authToken`: `Bearer <token>`.
    Token(String),
    /// `_auth`, or `username` + `_password`: `Basic <base64>`.
    Basic(String),
}

impl Credential {
    pub(crate) fn header(&self) -> String {
        match self {
            Credential::Token(token) => format!("Bearer {token}"),
            Credential::Basic(basic) => format!("Basic {basic}"),
        }
    }
}

impl fmt::Debug for NpmConfig {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("NpmConfig")
            .field("registry", &self.registry.as_str())
            .field("scoped_registries", &self.scoped_registries)
            .field("credentials", &self.credentials.iter().map(|(key, _)| format!("{key}: [REDACTED]")).collect::<Vec<_>>())
            .field("strict_ssl", &self.strict_ssl)
            .finish_non_exhaustive()
    }
}

impl Default for NpmConfig {
    fn default() -> Self {
        NpmConfig {
            registry: Url::parse(DEFAULT_REGISTRY).expect("the default registry is a URL"),
            scoped_registries: BTreeMap::new(),
            cafile: None,
            ca: Vec::new(),
            strict_ssl: true,
            https_proxy: None,
            proxy: None,
            noproxy: None,
            extra_ca_certs: None,
            credentials: Vec::new(),
        }
    }
}

impl NpmConfig {
    /// Reads the configuration for a project in `project`, from its `.npmrc`, the user's, and
    /// `environment` (the process's variables, as `std::env::vars()` lists them).
    pub fn load(project: &Path, environment: &[(String, String)]) -> Result<NpmConfig, InstallError> {
        let variable = |name: &str| environment.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
        let mut settings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let user = variable("NPM_CONFIG_USERCONFIG")
            .or_else(|| variable("npm_config_userconfig"))
            .map(PathBuf::from)
            .or_else(|| variable("HOME").map(|home| Path::new(&home).join(".npmrc")));
        for file in user.into_iter().chain(std::iter::once(project.join(".npmrc"))) {
            match std::fs::read_to_string(&file) {
                Ok(text) => parse_ini(&text, &variable, &mut settings),
                Err(error) if matches!(error.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory) => {}
                Err(source) => return Err(InstallError::Io { path: file, source }),
            }
        }
        // npm_config_foo_bar is `foo-bar`; nerf-darted keys (`//host/:_authToken`) stay as
        // they are.
        for (key, value) in environment {
            let Some(name) = key.get(..11).filter(|prefix| prefix.eq_ignore_ascii_case("npm_config_")).map(|_| &key[11..]) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let name = if name.starts_with("//") {
                name.to_owned()
            } else {
                name.chars()
                    .enumerate()
                    .map(|(index, character)| if character == '_' && index > 0 { '-' } else { character.to_ascii_lowercase() })
                    .collect()
            };
            if name != "userconfig" {
                settings.insert(name, vec![value.clone()]);
            }
        }
        Self::from_settings(&settings, &variable)
    }

    fn from_settings(settings: &BTreeMap<String, Vec<String>>, environment: &dyn Fn(&str) -> Option<String>) -> Result<NpmConfig, InstallError> {
        let last = |key: &str| settings.get(key).and_then(|values| values.last()).cloned();
        let url = |key: &str, value: &str| {
            let value = if value.ends_with('/') { value.to_owned() } else { format!("{value}/") };
            Url::parse(&value).ok().filter(|url| matches!(url.scheme(), "http" | "https")).ok_or_else(|| InstallError::Config {
                message: format!("`{key}` in .npmrc is not an http(s) URL: `{}`", redact_url(&value)),
            })
        };
        let mut config = NpmConfig::default();
        if let Some(registry) = last("registry") {
            config.registry = url("registry", &registry)?;
        }
        for (key, values) in settings {
            let Some(value) = values.last() else { continue };
            if let Some(scope) = key.strip_suffix(":registry")
                && scope.starts_with('@')
            {
                config.scoped_registries.insert(scope.to_owned(), url(key, value)?);
            }
        }
        // Credentials: `//host/path/:_authToken`, `:_auth`, `:username` + `:_password`.
        let mut basic_parts: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        for (key, values) in settings {
            let Some(value) = values.last() else { continue };
            let Some((prefix, field)) = key.rsplit_once(':') else { continue };
            if !prefix.starts_with("//") {
                continue;
            }
            let prefix = if prefix.ends_with('/') { prefix.to_owned() } else { format!("{prefix}/") };
            match field {
                "_authToken" => config.credentials.push((prefix, Credential::Token(value.clone()))),
                "_auth" => config.credentials.push((prefix, Credential::Basic(value.clone()))),
                "username" => basic_parts.entry(prefix).or_default().0 = Some(value.clone()),
                "_password" => basic_parts.entry(prefix).or_default().1 = Some(value.clone()),
                _ => {}
            }
        }
        for (prefix, parts) in basic_parts {
            if let (Some(username), Some(password)) = parts {
                use base64::Engine as _;
                let password = base64::prelude::BASE64_STANDARD
                    .decode(password.as_bytes())
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .unwrap_or(password);
                let basic = base64::prelude::BASE64_STANDARD.encode(format!("{username}:{password}"));
                config.credentials.push((prefix, Credential::Basic(basic)));
            }
        }
        // A bare `_auth` (legacy) belongs to the default registry.
        if let Some(auth) = last("_auth") {
            config.credentials.push((nerf_dart(&config.registry), Credential::Basic(auth)));
        }
        config.cafile = last("cafile").map(PathBuf::from);
        config.ca = settings.get("ca[]").or_else(|| settings.get("ca")).cloned().unwrap_or_default();
        config.ca.retain(|ca| !ca.is_empty() && ca != "null");
        config.strict_ssl = last("strict-ssl").is_none_or(|value| value != "false");
        let env = |names: &[&str]| names.iter().find_map(|name| environment(name).filter(|value| !value.is_empty()));
        config.proxy = last("proxy").or_else(|| env(&["HTTP_PROXY", "http_proxy"]));
        config.https_proxy = last("https-proxy").or_else(|| env(&["HTTPS_PROXY", "https_proxy"])).or_else(|| config.proxy.clone());
        config.noproxy = last("noproxy").or_else(|| env(&["NO_PROXY", "no_proxy"]));
        config.extra_ca_certs = env(&["NODE_EXTRA_CA_CERTS"]).map(PathBuf::from);
        for proxy in [&config.proxy, &config.https_proxy].into_iter().flatten() {
            if Url::parse(proxy).is_err() {
                return Err(InstallError::Config { message: format!("The proxy `{}` is not a URL", redact_url(proxy)) });
            }
        }
        Ok(config)
    }

    /// The registry a package comes from: its scope's, else `registry`.
    pub fn registry_for(&self, package: &str) -> &Url {
        package
            .split_once('/')
            .filter(|(scope, _)| scope.starts_with('@'))
            .and_then(|(scope, _)| self.scoped_registries.get(scope))
            .unwrap_or(&self.registry)
    }

    /// The `Authorization` header for `url`: the credential whose registry prefix is the
    /// longest that `url` is under, so a token goes only to its own host.
    pub(crate) fn authorization(&self, url: &Url) -> Option<String> {
        let target = nerf_dart(url);
        self.credentials
            .iter()
            .filter(|(prefix, _)| target.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, credential)| credential.header())
    }

    /// Every credential value, to scrub from anything printed.
    pub fn secrets(&self) -> Vec<String> {
        let mut secrets = Vec::new();
        for (_, credential) in &self.credentials {
            match credential {
                Credential::Token(token) => secrets.push(token.clone()),
                Credential::Basic(basic) => {
                    secrets.push(basic.clone());
                    use base64::Engine as _;
                    if let Some(password) = base64::prelude::BASE64_STANDARD
                        .decode(basic.as_bytes())
                        .ok()
                        .and_then(|bytes| String::from_utf8(bytes).ok())
                        .and_then(|pair| pair.split_once(':').map(|(_, password)| password.to_owned()))
                        .filter(|password| password.len() >= 4)
                    {
                        secrets.push(password);
                    }
                }
            }
        }
        secrets.retain(|secret| !secret.is_empty());
        secrets
    }

    /// Whether any credential applies to `url`.
    pub fn has_credentials_for(&self, url: &Url) -> bool {
        self.authorization(url).is_some()
    }

    /// A stable key for everything that changes what a registry serves (the registries),
    /// for cache keys; credentials are left out.
    pub fn registries_key(&self) -> String {
        let mut key = self.registry.to_string();
        for (scope, url) in &self.scoped_registries {
            key.push_str(&format!(" {scope}={url}"));
        }
        key
    }
}

/// `https://host:8080/path/x?y` to `//host:8080/path/`, npm's key for per-registry settings.
pub(crate) fn nerf_dart(url: &Url) -> String {
    let mut key = format!("//{}", url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        key.push_str(&format!(":{port}"));
    }
    let path = url.path();
    let directory = match path.rfind('/') {
        Some(index) => &path[..=index],
        None => "/",
    };
    key.push_str(directory);
    key
}

/// A URL without its user information, for messages.
pub(crate) fn redact_url(text: &str) -> String {
    match Url::parse(text) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => text.to_owned(),
    }
}

/// npm's ini: `key = value` lines, `;` and `#` comments, `key[] = value` for lists, quoted
/// values, and `${VAR}` replaced by the environment's value.
fn parse_ini(text: &str, environment: &dyn Fn(&str) -> Option<String>, settings: &mut BTreeMap<String, Vec<String>>) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') || line.starts_with('[') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let key = expand(key.trim(), environment);
        let mut value = value.trim().to_owned();
        if value.len() >= 2 && ((value.starts_with('"') && value.ends_with('"')) || (value.starts_with('\'') && value.ends_with('\''))) {
            value = value[1..value.len() - 1].to_owned();
        }
        let value = expand(&value, environment);
        if let Some(list) = key.strip_suffix("[]") {
            settings.entry(format!("{list}[]")).or_default().push(value);
        } else {
            settings.insert(key, vec![value]);
        }
    }
}

/// `${NAME}` to the variable's value (empty when unset); `${NAME?}` likewise.
fn expand(text: &str, environment: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(end) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        let name = rest[start + 2..start + end].trim_end_matches('?');
        out.push_str(&environment(name).unwrap_or_default());
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(npmrc: &str, variables: &[(&str, &str)]) -> NpmConfig {
        let mut settings = BTreeMap::new();
        let environment = |name: &str| variables.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned());
        parse_ini(npmrc, &environment, &mut settings);
        NpmConfig::from_settings(&settings, &environment).unwrap()
    }

    /// Registries, scoped registries and per-host credentials are read as npm reads them,
    /// and a token is sent only under its own host.
    #[test]
    fn reads_npmrc() {
        let config = config(
            "registry=http://127.0.0.1:4873\n@acme:registry=https://npm.acme.test/api/\n//npm.acme.test/api/:_authToken=${TOKEN}\n; comment\nstrict-ssl=false\nca[]=\"one\"\nca[]=two\n",
            &[("TOKEN", "s3cret")],
        );
        assert_eq!(config.registry.as_str(), "http://127.0.0.1:4873/");
        assert_eq!(config.registry_for("@acme/ui").as_str(), "https://npm.acme.test/api/");
        assert_eq!(config.registry_for("zod").as_str(), "http://127.0.0.1:4873/");
        let tarball = Url::parse("https://npm.acme.test/api/@acme/ui/-/ui-1.0.0.tgz").unwrap();
        assert_eq!(config.authorization(&tarball).as_deref(), Some("Bearer s3cret"));
        assert_eq!(config.authorization(&Url::parse("https://evil.test/api/x").unwrap()), None);
        assert_eq!(config.authorization(&Url::parse("https://npm.acme.test/other/x").unwrap()), None);
        assert!(!config.strict_ssl);
        assert_eq!(config.ca, ["one", "two"]);
        assert!(!format!("{config:?}").contains("s3cret"));
        assert_eq!(config.secrets(), ["s3cret"]);
    }

    /// `username` and `_password` (base64) make a Basic credential; proxies come from the
    /// environment unless .npmrc names them.
    #[test]
    fn basic_auth_and_proxies() {
        let config = config(
            "//127.0.0.1:9/:username=ada\n//127.0.0.1:9/:_password=cGFzc3dvcmQ=\nnoproxy=localhost\n",
            &[("HTTPS_PROXY", "http://127.0.0.1:3128")],
        );
        let header = config.authorization(&Url::parse("http://127.0.0.1:9/x").unwrap()).unwrap();
        assert_eq!(header, "Basic YWRhOnBhc3N3b3Jk");
        assert_eq!(config.https_proxy.as_deref(), Some("http://127.0.0.1:3128"));
        assert_eq!(config.noproxy.as_deref(), Some("localhost"));
        assert!(config.secrets().contains(&"password".to_owned()));
    }

    /// npm's keys for per-registry settings.
    #[test]
    fn nerf_darts() {
        assert_eq!(nerf_dart(&Url::parse("https://registry.npmjs.org/").unwrap()), "//registry.npmjs.org/");
        assert_eq!(nerf_dart(&Url::parse("http://h:8080/a/b/c.tgz?x=1").unwrap()), "//h:8080/a/b/");
        assert_eq!(redact_url("http://user:pw@proxy:3128"), "http://proxy:3128/");
    }
}
