//! [`InstallError`]: why dependencies could not be installed. Messages name the package and
//! the registry (never a credential); the CLI adds what to do.

use std::path::PathBuf;

use crate::spec::UnsupportedKind;

/// Why `install` failed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// A file or directory could not be read or written.
    #[error("Cannot access `{}`", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `.npmrc` or the environment holds a setting sandbox cannot use.
    #[error("{message}")]
    Config { message: String },
    /// A project's `.npmrc` holds what only the user's own configuration may: `${VAR}`, a
    /// credential, a proxy or a TLS setting (see [`Refusal`]). Line and column are 1-based.
    #[error("`{setting}` in the project's .npmrc ({}:{line}) is refused: {refusal}", path.display())]
    UntrustedSetting { path: PathBuf, line: usize, column: usize, setting: String, refusal: Refusal },
    /// A project's `.npmrc` that is not one of the project's files: a link out of the
    /// project, something other than a regular file, or too large to be one.
    #[error("The project's .npmrc (`{}`) is not read: {refusal}", path.display())]
    UntrustedNpmrc { path: PathBuf, refusal: Refusal },
    /// `package.json` or `package-lock.json` is not what npm writes.
    #[error("`{}` is not valid: {message}", path.display())]
    Manifest { path: PathBuf, message: String },
    /// A dependency whose specification sandbox does not install.
    #[error("`{name}@{spec}`: {kind} are not supported")]
    Unsupported { name: String, spec: String, kind: UnsupportedKind },
    /// The registry answered with an error status.
    #[error("The registry answered {status} for `{package}` ({url})")]
    Status { package: String, url: String, registry: String, status: u16 },
    /// The registry could not be reached (after retries).
    #[error("Cannot reach the registry for `{package}` ({url})")]
    Network { package: String, url: String, message: String },
    /// What the registry sent is not a packument or a tarball.
    #[error("The registry sent something that is not valid for `{package}` ({url})")]
    InvalidResponse { package: String, url: String, message: String },
    /// No version of the package satisfies the range, or the tag does not exist.
    #[error("No version of `{name}` matches `{spec}`{}", required_by.as_ref().map(|by| format!(" (required by {by})")).unwrap_or_default())]
    NoMatchingVersion { name: String, spec: String, required_by: Option<String>, latest: Option<String> },
    /// A required dependency of the project that does not run on this machine's `os`/`cpu`.
    #[error("`{package}` is not for this platform (it needs os {os:?}, cpu {cpu:?})")]
    Platform { package: String, os: Vec<String>, cpu: Vec<String> },
    /// The tarball's hash is not the one the lockfile or packument gives.
    #[error("Integrity check failed for `{package}`: expected {expected}, got {actual}")]
    IntegrityMismatch { package: String, expected: String, actual: String },
    /// A tarball entry that would land outside the package, or is not a plain file or
    /// directory, or a tarball bigger than the limit.
    #[error("Refusing to extract `{package}`: entry `{entry}` {reason}")]
    UnsafeTarball { package: String, entry: String, reason: String },
    /// The tarball is not a gzip-compressed tar archive.
    #[error("Cannot extract `{package}`: {message}")]
    InvalidTarball { package: String, message: String },
    /// `--offline`, and these are not in the cache.
    #[error("{} not in the cache and `--offline` was given", describe_missing(missing))]
    Offline { missing: Vec<String> },
    /// Peer dependencies that cannot all be satisfied (npm's `ERESOLVE`).
    #[error("Conflicting peer dependency: `{package}` needs `{peer}@{wanted}`, but `{peer}@{found}` is installed{}", required_by.as_ref().map(|by| format!(" for {by}")).unwrap_or_default())]
    PeerConflict { package: String, peer: String, wanted: String, found: String, required_by: Option<String> },
    /// Something that should not happen.
    #[error("{message}")]
    Internal { message: String },
}

/// Why a project's `.npmrc`, or a line of it, is refused. A project's `.npmrc` may choose
/// registries; everything that reaches the host's secrets or its network set-up belongs to
/// the user's own configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `${VAR}`: a project's `.npmrc` never reads the environment.
    Variable,
    /// `_authToken`, `_auth`, `username`, `_password`, `certfile`, `keyfile`, `cert`, `key`.
    Credential,
    /// A registry URL with a user name or password in it.
    CredentialInUrl,
    /// `proxy`, `https-proxy`, `noproxy`.
    Proxy,
    /// `cafile`, `ca`, `strict-ssl=false`.
    Tls,
    /// The file is a link to a file outside the project.
    OutsideProject,
    /// The path is not a regular file (a FIFO, a device).
    NotAFile,
    /// Larger than [`Refusal::MAX_NPMRC_BYTES`].
    TooLarge,
}

impl Refusal {
    /// The largest project `.npmrc` read (real ones are a few hundred bytes).
    pub const MAX_NPMRC_BYTES: u64 = 1 << 20;
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            Refusal::Variable => "environment variables are read only in the user's own configuration",
            Refusal::Credential => "credentials come only from the user's own configuration",
            Refusal::CredentialInUrl => "a user name or password in a registry URL is a credential, and credentials come only from the user's own configuration",
            Refusal::Proxy => "proxies come only from the user's own configuration and the environment",
            Refusal::Tls => "certificates and `strict-ssl` come only from the user's own configuration and the environment",
            Refusal::OutsideProject => "it is a link to a file outside the project",
            Refusal::NotAFile => "it is not a regular file",
            Refusal::TooLarge => "it is larger than 1 MiB",
        })
    }
}

fn describe_missing(missing: &[String]) -> String {
    let shown: Vec<String> = missing.iter().take(5).map(|name| format!("`{name}`")).collect();
    let more = missing.len().saturating_sub(5);
    let list = if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") };
    if missing.len() == 1 { format!("{list} is") } else { format!("{list} are") }
}

impl InstallError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> InstallError {
        InstallError::Io { path: path.into(), source }
    }
}
