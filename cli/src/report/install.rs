//! What the user sees when npm dependencies cannot be installed: each [`InstallError`] with
//! a stable code, the file and line where there is one, and what to do about it.

use std::path::Path;

use npm_cache::{InstallError, Refusal};

use super::{Position, Report};
use crate::exit::ExitStatus;

/// An install failure as the user sees it: exit code 4 ("dependencies or bundling failed"),
/// with what to do. `secrets` (the npm configuration's credentials) are scrubbed from its
/// text as from everything else printed, by `executor::Redactor`.
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
    report.redacted(&executor::Redactor::of_any_length(secrets))
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

#[cfg(test)]
mod tests {
    use npm_cache::InstallError;

    use super::install_report;

    /// A credential of the npm configuration is scrubbed from an install report, also in the
    /// encoded forms a registry or proxy echoes it in (percent-encoded in a URL here).
    #[test]
    fn install_reports_scrub_credentials() {
        let token = "s3cret+T0ken/Value";
        let error = InstallError::Network {
            package: "zod".into(),
            url: format!("https://registry.example/zod?token={token}"),
            message: format!("proxy refused https://registry.example/zod?t=s3cret%2BT0ken%2FValue and {token}"),
        };
        let report = install_report(&error, &[token.to_owned()]);
        let shown = format!("{}\n{}\n{:?}\n{:?}", report.title, report.message, report.causes, report.hint);
        assert!(!shown.contains(token) && !shown.contains("s3cret%2B"), "{shown}");
        assert_eq!(report.causes, ["proxy refused https://registry.example/zod?t=[REDACTED] and [REDACTED]"]);
    }

    /// An npm password or token shorter than an injected credential may be is still scrubbed:
    /// the user's configuration holds it, whatever its length.
    #[test]
    fn install_reports_scrub_short_credentials() {
        let error = InstallError::Network {
            package: "zod".into(),
            url: "https://registry.example/zod".into(),
            message: "401 for user ann with password pw42".into(),
        };
        let report = install_report(&error, &["pw42".to_owned()]);
        assert_eq!(report.causes, ["401 for user ann with password [REDACTED]"]);
    }
}
