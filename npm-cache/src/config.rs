//! [`NpmConfig`]: what npm users already configured, read as npm reads it: `.npmrc` of the
//! project and of the user (`NPM_CONFIG_USERCONFIG`, else `~/.npmrc`), and `npm_config_*`
//! environment variables, later ones winning (environment over project over user).
//!
//! Unlike npm, the project's `.npmrc` is untrusted input (an agent may have written it): it
//! may choose registries (`registry`, `@scope:registry`) and nothing that reaches the host's
//! secrets or network set-up. `${VAR}`, credentials, proxies and TLS settings in it are
//! refused with an error naming the line ([`Refusal`]); they come only from the user's own
//! configuration, which is read as npm reads it.
//!
//! Credentials are kept per registry (npm's "nerf-darted" `//host/path/:_authToken` keys)
//! and sent only to URLs under that host, port and path, over https, or over plain http
//! only to a host and port the user's own configuration names as an http registry;
//! `Debug` never shows them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use url::Url;

use crate::error::{InstallError, Refusal};

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
    /// From the user's own configuration only: `(nerf-dart prefix, credential)`.
    credentials: Vec<(String, Credential)>,
    /// `//host:port` of each registry the user's own configuration names with `http:`: the
    /// only places a credential is sent without TLS.
    plain_http_origins: Vec<String>,
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
            .field("registry", &redact_url(self.registry.as_str()))
            .field(
                "scoped_registries",
                &self
                    .scoped_registries
                    .iter()
                    .map(|(scope, url)| (scope, redact_url(url.as_str())))
                    .collect::<Vec<_>>(),
            )
            .field(
                "credentials",
                &self.credentials.iter().map(|(key, _)| format!("{key}: [REDACTED]")).collect::<Vec<_>>(),
            )
            .field("plain_http_origins", &self.plain_http_origins)
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
            plain_http_origins: Vec::new(),
        }
    }
}

/// Settings by key; a list key (`ca[]`) has several values, others one.
type Settings = BTreeMap<String, Vec<String>>;

/// The settings of each source, before they are merged.
#[derive(Debug, Default)]
struct Layers {
    /// The user's `.npmrc`, `${VAR}` expanded.
    user: Settings,
    /// The project's `.npmrc`, checked by [`parse_project`]: nothing a project may not set.
    project: Settings,
    /// `npm_config_*` variables (the user's too).
    environment: Settings,
}

impl NpmConfig {
    /// Reads the configuration for a project in `project`, from its `.npmrc`, the user's, and
    /// `environment` (the process's variables, as `std::env::vars()` lists them).
    ///
    /// The project's `.npmrc` is untrusted: `${VAR}`, a credential, a proxy or a TLS setting
    /// in it is an [`InstallError::UntrustedSetting`], and a link out of the project, a file
    /// that is not a regular file or one over 1 MiB an [`InstallError::UntrustedNpmrc`]. When
    /// it is the user's own file (`project` is the home directory), it is read once, as the
    /// user's.
    pub fn load(project: &Path, environment: &[(String, String)]) -> Result<NpmConfig, InstallError> {
        let variable = |name: &str| environment.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
        let mut layers = Layers::default();
        let user = variable("NPM_CONFIG_USERCONFIG")
            .or_else(|| variable("npm_config_userconfig"))
            .map(PathBuf::from)
            .or_else(|| variable("HOME").map(|home| Path::new(&home).join(".npmrc")));
        if let Some(file) = &user {
            match std::fs::read_to_string(file) {
                Ok(text) => parse_ini(&text, &variable, &mut layers.user),
                Err(error)
                    if matches!(error.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory) => {}
                Err(source) => return Err(InstallError::Io { path: file.clone(), source }),
            }
        }
        let project_file = project.join(".npmrc");
        if let Some(text) = read_project_npmrc(project, &project_file, user.as_deref())? {
            parse_project(&text, &project_file, &mut layers.project)?;
        }
        // npm_config_foo_bar is `foo-bar`; nerf-darted keys (`//host/:_authToken`) stay as
        // they are.
        for (key, value) in environment {
            let Some(name) =
                key.get(..11).filter(|prefix| prefix.eq_ignore_ascii_case("npm_config_")).map(|_| &key[11..])
            else {
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
                    .map(
                        |(index, character)| {
                            if character == '_' && index > 0 { '-' } else { character.to_ascii_lowercase() }
                        },
                    )
                    .collect()
            };
            if name != "userconfig" {
                layers.environment.insert(name, vec![value.clone()]);
            }
        }
        Self::from_layers(&layers, &variable)
    }

    fn from_layers(layers: &Layers, environment: &dyn Fn(&str) -> Option<String>) -> Result<NpmConfig, InstallError> {
        // The user's own settings: their file, then npm_config_* over it. Everything but the
        // registries comes from these alone.
        let mut user = layers.user.clone();
        user.extend(layers.environment.clone());
        // Registries as npm orders them: the environment over the project over the user.
        let mut registries = layers.user.clone();
        registries.extend(layers.project.clone());
        registries.extend(layers.environment.clone());

        let last = |settings: &Settings, key: &str| settings.get(key).and_then(|values| values.last()).cloned();
        let url = |key: &str, value: &str| {
            let value = if value.ends_with('/') { value.to_owned() } else { format!("{value}/") };
            Url::parse(&value).ok().filter(|url| matches!(url.scheme(), "http" | "https")).ok_or_else(|| {
                InstallError::Config {
                    message: format!("`{key}` in .npmrc is not an http(s) URL: `{}`", redact_url(&value)),
                }
            })
        };
        let scoped = |settings: &Settings| -> Result<BTreeMap<String, Url>, InstallError> {
            let mut scoped = BTreeMap::new();
            for (key, values) in settings {
                let Some(value) = values.last() else { continue };
                if let Some(scope) = key.strip_suffix(":registry")
                    && scope.starts_with('@')
                {
                    scoped.insert(scope.to_owned(), url(key, value)?);
                }
            }
            Ok(scoped)
        };
        let mut config = NpmConfig::default();
        if let Some(registry) = last(&registries, "registry") {
            config.registry = url("registry", &registry)?;
        }
        config.scoped_registries = scoped(&registries)?;

        // The registries the user named, apart from the project's: a bare `_auth` belongs to
        // the user's default registry, and only the user can declare a registry plain http.
        let user_registry = match last(&user, "registry") {
            Some(registry) => url("registry", &registry)?,
            None => Url::parse(DEFAULT_REGISTRY).expect("the default registry is a URL"),
        };
        let user_scoped = scoped(&user)?;
        for registry in std::iter::once(&user_registry).chain(user_scoped.values()) {
            if registry.scheme() == "http" {
                config.plain_http_origins.push(origin(registry));
            }
        }

        // Credentials: `//host/path/:_authToken`, `:_auth`, `:username` + `:_password`.
        let mut basic_parts: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
        for (key, values) in &user {
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
        // A bare `_auth` (legacy) belongs to the user's default registry, never to one a
        // project named.
        if let Some(auth) = last(&user, "_auth") {
            config.credentials.push((nerf_dart(&user_registry), Credential::Basic(auth)));
        }
        config.cafile = last(&user, "cafile").map(PathBuf::from);
        config.ca = user.get("ca[]").or_else(|| user.get("ca")).cloned().unwrap_or_default();
        config.ca.retain(|ca| !ca.is_empty() && ca != "null");
        config.strict_ssl = last(&user, "strict-ssl").is_none_or(|value| value != "false");
        let env = |names: &[&str]| names.iter().find_map(|name| environment(name).filter(|value| !value.is_empty()));
        config.proxy = last(&user, "proxy").or_else(|| env(&["HTTP_PROXY", "http_proxy"]));
        config.https_proxy = last(&user, "https-proxy")
            .or_else(|| env(&["HTTPS_PROXY", "https_proxy"]))
            .or_else(|| config.proxy.clone());
        config.noproxy = last(&user, "noproxy").or_else(|| env(&["NO_PROXY", "no_proxy"]));
        config.extra_ca_certs = env(&["NODE_EXTRA_CA_CERTS"]).map(PathBuf::from);
        for proxy in [&config.proxy, &config.https_proxy].into_iter().flatten() {
            if Url::parse(proxy).is_err() {
                return Err(InstallError::Config {
                    message: format!("The proxy `{}` is not a URL", redact_url(proxy)),
                });
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
    /// longest that `url` is under, so a token goes only to its own host, port and path; and
    /// over plain http only to a host and port the user's configuration names with `http:`.
    pub(crate) fn authorization(&self, url: &Url) -> Option<String> {
        match url.scheme() {
            "https" => {}
            "http" if self.plain_http_origins.contains(&origin(url)) => {}
            _ => return None,
        }
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

    /// A stable key for everything that changes what a registry serves, for cache keys: each
    /// registry (without user information) and whether a credential goes to it, so a layout
    /// resolved with the user's credentials is never reused for a configuration that sends
    /// none, or the other way round. No secret goes into it.
    pub fn registries_key(&self) -> String {
        let describe = |url: &Url| {
            let mut bare = url.clone();
            let _ = bare.set_username("");
            let _ = bare.set_password(None);
            if self.has_credentials_for(url) { format!("{bare} (credential)") } else { bare.to_string() }
        };
        let mut key = describe(&self.registry);
        for (scope, url) in &self.scoped_registries {
            key.push_str(&format!(" {scope}={}", describe(url)));
        }
        key
    }
}

/// `https://host:8080/path/x?y` to `//host:8080/path/`, npm's key for per-registry settings.
pub(crate) fn nerf_dart(url: &Url) -> String {
    let mut key = origin(url);
    let path = url.path();
    let directory = match path.rfind('/') {
        Some(index) => &path[..=index],
        None => "/",
    };
    key.push_str(directory);
    key
}

/// `https://host:8080/path` to `//host:8080` (the port only when it is not the scheme's).
fn origin(url: &Url) -> String {
    let mut key = format!("//{}", url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        key.push_str(&format!(":{port}"));
    }
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

/// One `key = value` line of an ini file: its 1-based number, the key, the value (unquoted)
/// and the line as written.
struct IniLine<'a> {
    number: usize,
    key: &'a str,
    value: &'a str,
    text: &'a str,
}

/// npm's ini: `key = value` lines, `;` and `#` comments, `[section]` lines skipped, quoted
/// values; a line without `=` is `key = true`.
fn ini_lines(text: &str) -> impl Iterator<Item = IniLine<'_>> {
    text.lines().enumerate().filter_map(|(index, raw)| {
        let line = raw.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') || line.starts_with('[') {
            return None;
        }
        let (key, value) = line.split_once('=').unwrap_or((line, "true"));
        let mut value = value.trim();
        if value.len() >= 2
            && ((value.starts_with('"') && value.ends_with('"')) || (value.starts_with('\'') && value.ends_with('\'')))
        {
            value = &value[1..value.len() - 1];
        }
        Some(IniLine { number: index + 1, key: key.trim(), value, text: raw })
    })
}

/// The user's ini, with `${VAR}` replaced by the environment's value in keys and values.
fn parse_ini(text: &str, environment: &dyn Fn(&str) -> Option<String>, settings: &mut Settings) {
    for line in ini_lines(text) {
        if !line.text.contains('=') {
            continue;
        }
        let key = expand(line.key, environment);
        let value = expand(line.value, environment);
        insert(settings, key, value);
    }
}

fn insert(settings: &mut Settings, key: String, value: String) {
    if let Some(list) = key.strip_suffix("[]") {
        settings.entry(format!("{list}[]")).or_default().push(value);
    } else {
        settings.insert(key, vec![value]);
    }
}

/// A project's ini, read as data: nothing is expanded, and a line that only the user's own
/// configuration may hold is an error naming it.
fn parse_project(text: &str, path: &Path, settings: &mut Settings) -> Result<(), InstallError> {
    let refuse = |line: &IniLine<'_>, column: usize, setting: &str, refusal: Refusal| InstallError::UntrustedSetting {
        path: path.to_path_buf(),
        line: line.number,
        column,
        setting: clip(setting),
        refusal,
    };
    for line in ini_lines(text) {
        if let Some(start) = line.text.find("${") {
            let rest = &line.text[start..];
            let end = rest.find('}').map_or(rest.len(), |end| end + 1);
            let column = line.text[..start].chars().count() + 1;
            return Err(refuse(&line, column, &rest[..end], Refusal::Variable));
        }
        let column = line.text.len() - line.text.trim_start().len() + 1;
        if let Some(refusal) = refusal(line.key, line.value) {
            return Err(refuse(&line, column, line.key, refusal));
        }
        let registry = line.key == "registry" || (line.key.starts_with('@') && line.key.ends_with(":registry"));
        if registry && Url::parse(line.value).is_ok_and(|url| !url.username().is_empty() || url.password().is_some()) {
            return Err(refuse(&line, column, line.key, Refusal::CredentialInUrl));
        }
        if line.text.contains('=') {
            insert(settings, line.key.to_owned(), line.value.to_owned());
        }
    }
    Ok(())
}

/// Why a project may not set `key` (to `value`), if it may not. Keys are compared loosely
/// (case, `_` or `-`), so a spelling npm might accept is refused too.
fn refusal(key: &str, value: &str) -> Option<Refusal> {
    let field = key.rsplit_once(':').map_or(key, |(_, field)| field);
    let field = field.trim_end_matches("[]").to_ascii_lowercase().replace('_', "-");
    match field.as_str() {
        "-authtoken" | "-auth" | "username" | "-password" | "certfile" | "keyfile" | "cert" | "key" => {
            Some(Refusal::Credential)
        }
        "proxy" | "https-proxy" | "http-proxy" | "noproxy" | "no-proxy" => Some(Refusal::Proxy),
        "cafile" | "ca" => Some(Refusal::Tls),
        // `strict-ssl=true` is the default and cannot weaken anything.
        "strict-ssl" if value.trim() != "true" => Some(Refusal::Tls),
        _ => None,
    }
}

/// At most 100 characters of a project's text, for a message.
fn clip(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((index, _)) => format!("{}...", &text[..index]),
        None => text.to_owned(),
    }
}

/// The project's `.npmrc` at `file`, if there is one to read: `None` when there is none, or
/// when it is the user's own file (`user`), read as the user's. A link out of `project`,
/// anything but a regular file (a FIFO would block the read), or a file over 1 MiB is
/// refused.
fn read_project_npmrc(project: &Path, file: &Path, user: Option<&Path>) -> Result<Option<String>, InstallError> {
    let untrusted = |refusal| InstallError::UntrustedNpmrc { path: file.to_path_buf(), refusal };
    match std::fs::symlink_metadata(file) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(InstallError::io(file, source)),
    }
    let Ok(canonical) = file.canonicalize() else {
        // A link to nothing.
        return Err(untrusted(Refusal::OutsideProject));
    };
    if user.and_then(|user| user.canonicalize().ok()).is_some_and(|user| user == canonical) {
        return Ok(None);
    }
    let root = project.canonicalize().map_err(|source| InstallError::io(project, source))?;
    if !canonical.starts_with(&root) {
        return Err(untrusted(Refusal::OutsideProject));
    }
    let metadata = std::fs::metadata(&canonical).map_err(|source| InstallError::io(file, source))?;
    if metadata.is_dir() {
        return Ok(None);
    }
    if !metadata.is_file() {
        return Err(untrusted(Refusal::NotAFile));
    }
    if metadata.len() > Refusal::MAX_NPMRC_BYTES {
        return Err(untrusted(Refusal::TooLarge));
    }
    use std::io::Read as _;
    let mut text = String::new();
    std::fs::File::open(&canonical)
        .and_then(|opened| opened.take(Refusal::MAX_NPMRC_BYTES + 1).read_to_string(&mut text))
        .map_err(|source| InstallError::io(file, source))?;
    if text.len() as u64 > Refusal::MAX_NPMRC_BYTES {
        return Err(untrusted(Refusal::TooLarge));
    }
    Ok(Some(text))
}

/// `${NAME}` to the variable's value (empty when unset); `${NAME?}` likewise. For the
/// user's own configuration only.
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

    fn lookup<'a>(variables: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        |name: &str| variables.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    }

    /// The configuration of a user `.npmrc` alone.
    fn config(npmrc: &str, variables: &[(&str, &str)]) -> NpmConfig {
        layered(npmrc, "", variables)
    }

    /// The configuration of a user `.npmrc` and a project `.npmrc` (which must be accepted).
    fn layered(user: &str, project: &str, variables: &[(&str, &str)]) -> NpmConfig {
        let environment = lookup(variables);
        let mut layers = Layers::default();
        parse_ini(user, &environment, &mut layers.user);
        parse_project(project, Path::new("app/.npmrc"), &mut layers.project).unwrap();
        NpmConfig::from_layers(&layers, &environment).unwrap()
    }

    /// Why a project `.npmrc` is refused: the line, the column, the setting named and the rule.
    fn refused(project: &str) -> (usize, usize, String, Refusal) {
        match parse_project(project, Path::new("app/.npmrc"), &mut Settings::new()) {
            Err(InstallError::UntrustedSetting { line, column, setting, refusal, .. }) => {
                (line, column, setting, refusal)
            }
            other => panic!("not refused: {other:?}"),
        }
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
            "registry=http://127.0.0.1:9/\n//127.0.0.1:9/:username=ada\n//127.0.0.1:9/:_password=cGFzc3dvcmQ=\nnoproxy=localhost\n",
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

    /// `${VAR}` in a project's `.npmrc` (in a value, with `?`, in a key, in a host name) is
    /// refused with its line and column, and never looked up.
    #[test]
    fn project_variables_are_refused() {
        assert_eq!(
            refused("; a comment ${NOT_READ}\nregistry=https://r.test/${GITHUB_TOKEN}/\n"),
            (2, 25, "${GITHUB_TOKEN}".to_owned(), Refusal::Variable)
        );
        assert_eq!(refused("@a:registry=https://r.test/${TOKEN?}\n").2, "${TOKEN?}");
        assert_eq!(refused("//r.test/${TOKEN}/:always-auth=true\n").3, Refusal::Variable);
        assert_eq!(refused("  registry = https://${TOKEN}.attacker.test/\n").1, 22);
        assert_eq!(refused("${UNCLOSED\n").2, "${UNCLOSED");
        // The user's own configuration expands them, in keys too.
        let config = layered(
            "@a:registry=https://${HOST}/\n//${HOST}/:_authToken=${TOKEN}\n",
            "",
            &[("HOST", "r.test"), ("TOKEN", "t0k3n")],
        );
        assert_eq!(
            config.authorization(&Url::parse("https://r.test/@a%2fx").unwrap()).as_deref(),
            Some("Bearer t0k3n")
        );
    }

    /// Credentials, proxies and TLS settings in a project's `.npmrc` are refused, however
    /// they are spelled; the registries it names are used.
    #[test]
    fn project_credentials_proxies_and_tls_are_refused() {
        for (line, refusal) in [
            ("//r.test/:_authToken=literal", Refusal::Credential),
            ("//r.test/:_auth=YTpi", Refusal::Credential),
            ("//r.test/:username=ada", Refusal::Credential),
            ("//r.test/:_password=cGFzcw==", Refusal::Credential),
            ("//r.test/:certfile=/home/user/.ssh/id_rsa", Refusal::Credential),
            ("//r.test/:keyfile=/home/user/.ssh/id_rsa", Refusal::Credential),
            ("_auth=YTpi", Refusal::Credential),
            ("_authtoken=literal", Refusal::Credential),
            ("https://r.test/:_authToken=literal", Refusal::Credential),
            ("registry=https://user:pass@r.test/", Refusal::CredentialInUrl),
            ("@a:registry=\"https://token@r.test/\"", Refusal::CredentialInUrl),
            ("proxy=http://attacker.test:3128/", Refusal::Proxy),
            ("https-proxy=http://attacker.test:3128/", Refusal::Proxy),
            ("HTTPS_PROXY=http://attacker.test:3128/", Refusal::Proxy),
            ("noproxy=*", Refusal::Proxy),
            ("strict-ssl=false", Refusal::Tls),
            ("cafile=ca.pem", Refusal::Tls),
            ("ca=-----BEGIN CERTIFICATE-----", Refusal::Tls),
            ("ca[]=-----BEGIN CERTIFICATE-----", Refusal::Tls),
        ] {
            let (number, _, setting, found) = refused(&format!("registry=https://r.test/\n{line}\n"));
            assert_eq!((number, found), (2, refusal), "{line}");
            assert_eq!(setting, line.split('=').next().unwrap(), "the key is named, not the value");
        }
        let config = layered(
            "",
            "registry=https://r.test/\n@a:registry=http://a.test/\nstrict-ssl=true\nsave-exact=true\n",
            &[],
        );
        assert_eq!(config.registry.as_str(), "https://r.test/");
        assert_eq!(config.registry_for("@a/x").as_str(), "http://a.test/");
        assert!(config.strict_ssl);
    }

    /// A project that names registries never receives the user's credentials: not through
    /// its own registry (a bare `_auth` stays with the user's default registry), not on
    /// another host, port or path of the user's registry, and not over plain http unless the
    /// user's own configuration names that registry with `http:`.
    #[test]
    fn user_credentials_stay_with_the_user_registries() {
        let user = "registry=https://private.test/\n_auth=dXNlcjpodW50ZXIy\n//npm.test/:_authToken=npm-token\n";
        let config = layered(user, "registry=https://attacker.test/\n@acme:registry=http://private.test/\n", &[]);
        assert_eq!(config.registry.as_str(), "https://attacker.test/");
        let header = |url: &str| config.authorization(&Url::parse(url).unwrap());
        assert_eq!(header("https://attacker.test/left-pad"), None);
        assert_eq!(header("http://private.test/@acme%2fwidget"), None, "not over plain http");
        assert_eq!(header("https://private.test:8443/x"), None);
        assert_eq!(header("https://private.test.attacker.test/x"), None);
        assert_eq!(header("https://private.test/x").as_deref(), Some("Basic dXNlcjpodW50ZXIy"));
        assert_eq!(header("https://npm.test/x").as_deref(), Some("Bearer npm-token"));
        // The user names a plain-http registry: that host and port get the credential.
        let config = layered(
            "@acme:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=local\n",
            "registry=http://127.0.0.1:4873/",
            &[],
        );
        assert_eq!(
            config.authorization(&Url::parse("http://127.0.0.1:4873/x").unwrap()).as_deref(),
            Some("Bearer local")
        );
        assert_eq!(config.authorization(&Url::parse("http://127.0.0.1:4874/x").unwrap()), None);
        // npm_config_* is the user's too.
        let environment = [("npm_config_registry", "http://127.0.0.1:4873/")];
        let mut layers = Layers::default();
        parse_ini("//127.0.0.1:4873/:_authToken=local\n", &lookup(&[]), &mut layers.user);
        layers.environment.insert("registry".to_owned(), vec![environment[0].1.to_owned()]);
        let config = NpmConfig::from_layers(&layers, &lookup(&environment)).unwrap();
        assert_eq!(
            config.authorization(&Url::parse("http://127.0.0.1:4873/x").unwrap()).as_deref(),
            Some("Bearer local")
        );
    }

    /// The cache key of a layout names each registry without user information, and whether a
    /// credential goes to it; no secret is in it.
    #[test]
    fn registries_key_separates_credentialed_configurations() {
        let user = "registry=https://ada:hunter2@private.test/\n//private.test/:_authToken=user-token\n";
        let credentialed = layered(user, "", &[]);
        let key = credentialed.registries_key();
        assert_eq!(key, "https://private.test/ (credential)");
        let plain = layered("", "registry=https://private.test/\n", &[]);
        assert_eq!(plain.registries_key(), "https://private.test/");
        let project = layered(user, "registry=https://attacker.test/\n@a:registry=https://private.test/\n", &[]);
        assert_eq!(project.registries_key(), "https://attacker.test/ @a=https://private.test/ (credential)");
    }

    /// A project's `.npmrc` is read only when it is a regular file of the project, at most
    /// 1 MiB; the user's own file in the project's place is read once, as the user's.
    #[cfg(unix)]
    #[test]
    fn project_npmrc_must_be_a_project_file() {
        let home = tempfile::tempdir().unwrap();
        let project = home.path().join("app");
        std::fs::create_dir(&project).unwrap();
        let outside = home.path().join("secrets.ini");
        std::fs::write(&outside, "//r.test/:_authToken=from-a-host-file\n").unwrap();
        let npmrc = project.join(".npmrc");
        std::os::unix::fs::symlink(&outside, &npmrc).unwrap();
        let refusal = |result: Result<Option<String>, InstallError>| match result {
            Err(InstallError::UntrustedNpmrc { refusal, .. }) => refusal,
            other => panic!("not refused: {other:?}"),
        };
        assert_eq!(refusal(read_project_npmrc(&project, &npmrc, None)), Refusal::OutsideProject);
        // The user's own file, through the link: not read as the project's.
        assert_eq!(read_project_npmrc(&project, &npmrc, Some(&outside)).unwrap(), None);
        std::fs::remove_file(&npmrc).unwrap();
        std::os::unix::fs::symlink(home.path().join("missing"), &npmrc).unwrap();
        assert_eq!(refusal(read_project_npmrc(&project, &npmrc, None)), Refusal::OutsideProject);
        std::fs::remove_file(&npmrc).unwrap();
        std::fs::write(&npmrc, "#".repeat(Refusal::MAX_NPMRC_BYTES as usize + 1)).unwrap();
        assert_eq!(refusal(read_project_npmrc(&project, &npmrc, None)), Refusal::TooLarge);
        std::fs::write(&npmrc, "registry=https://r.test/\n").unwrap();
        assert_eq!(read_project_npmrc(&project, &npmrc, None).unwrap().as_deref(), Some("registry=https://r.test/\n"));
        std::fs::remove_file(&npmrc).unwrap();
        assert_eq!(read_project_npmrc(&project, &npmrc, None).unwrap(), None);
        // The home directory as the project: ~/.npmrc is the user's, read once.
        std::fs::write(home.path().join(".npmrc"), "//r.test/:_authToken=${TOKEN}\n").unwrap();
        let environment =
            [("HOME".to_owned(), home.path().display().to_string()), ("TOKEN".to_owned(), "t0k3n".to_owned())];
        let config = NpmConfig::load(home.path(), &environment).unwrap();
        assert_eq!(config.authorization(&Url::parse("https://r.test/x").unwrap()).as_deref(), Some("Bearer t0k3n"));
    }
}
