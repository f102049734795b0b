//! [`RegistryClient`]: packuments (abbreviated, cached with their `ETag` and `max-age`) and
//! tarballs (streamed to disk and checked against their integrity), with retries.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::cache::{Cache, write_atomic};
use crate::config::{NpmConfig, redact_url};
use crate::error::InstallError;
use crate::integrity::{Algorithm, Hasher, Integrity};
use crate::packument::Packument;
use crate::reporter::{FetchKind, FetchOutcome, Reporter};

/// The abbreviated metadata npm installs from, then the full document.
const ACCEPT_PACKUMENT: &str = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

/// How often a request is tried: the first time and three retries.
const ATTEMPTS: u32 = 4;

/// Talks to the registries of an [`NpmConfig`], through the [`Cache`].
pub struct RegistryClient {
    config: NpmConfig,
    cache: Cache,
    client: reqwest::Client,
    offline: bool,
    next_id: AtomicUsize,
    /// The pause before the first retry; doubled for each one after.
    retry_delay: Duration,
}

/// HTTP caching headers stored with a packument.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheHeaders {
    etag: Option<String>,
    /// When the registry last confirmed the copy, in seconds since the epoch.
    fetched: u64,
    /// `Cache-Control: max-age`, in seconds.
    max_age: u64,
}

impl RegistryClient {
    /// A client for `config`'s registries. Needs a tokio runtime for its requests.
    pub fn new(config: NpmConfig, cache: Cache, offline: bool) -> Result<RegistryClient, InstallError> {
        let client = crate::client::build(&config)?;
        Ok(RegistryClient {
            config,
            cache,
            client,
            offline,
            next_id: AtomicUsize::new(0),
            retry_delay: Duration::from_millis(200),
        })
    }

    pub fn config(&self) -> &NpmConfig {
        &self.config
    }

    /// The packument URL of `name`: the registry, then the name with a scope's `/` escaped.
    pub fn packument_url(&self, name: &str) -> Url {
        let registry = self.config.registry_for(name);
        let escaped = name.replace('/', "%2f");
        registry.join(&escaped).unwrap_or_else(|_| registry.clone())
    }

    /// The packument of `name`: from the cache while it is fresh (or always, offline), else
    /// from the registry, revalidated with `If-None-Match`.
    pub async fn packument(&self, name: &str, reporter: &dyn Reporter) -> Result<Packument, InstallError> {
        let registry = self.config.registry_for(name).clone();
        let url = self.packument_url(name);
        let path = self.cache.packument_path(&registry, name);
        let cached = read_cached(&path);
        let now = unix_now();
        if let Some((headers, body)) = &cached
            && (self.offline || now.saturating_sub(headers.fetched) < headers.max_age)
            && let Ok(packument) = parse_packument(name, &url, body)
        {
            return Ok(packument);
        }
        if self.offline {
            return Err(InstallError::Offline { missing: vec![name.to_owned()] });
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        reporter.on_fetch_start(id, FetchKind::Packument, name, &redact_url(url.as_str()));
        let etag = cached.as_ref().and_then(|(headers, _)| headers.etag.clone());
        let (status, headers, body) = self
            .with_retries(id, name, &url, reporter, || async {
                let mut request = self.client.get(url.clone()).header(reqwest::header::ACCEPT, ACCEPT_PACKUMENT);
                if let Some(etag) = &etag {
                    request = request.header(reqwest::header::IF_NONE_MATCH, etag);
                }
                if let Some(authorization) = self.config.authorization(&url) {
                    request = request.header(reqwest::header::AUTHORIZATION, authorization);
                }
                let response = request.send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok((status, headers, body))
            })
            .await?;
        let not_modified = status == reqwest::StatusCode::NOT_MODIFIED;
        reporter.on_fetch_complete(
            id,
            FetchOutcome { status: Some(status.as_u16()), bytes: body.len() as u64, not_modified },
        );
        let max_age = headers
            .get(reqwest::header::CACHE_CONTROL)
            .and_then(|value| value.to_str().ok())
            .and_then(max_age)
            .unwrap_or(0);
        if not_modified && let Some((mut stored, body)) = cached {
            stored.fetched = now;
            stored.max_age = max_age;
            store(&path, &stored, &body);
            return parse_packument(name, &url, &body);
        }
        if !status.is_success() {
            return Err(self.status_error(name, &url, status.as_u16()));
        }
        let packument = parse_packument(name, &url, &body)?;
        let etag = headers.get(reqwest::header::ETAG).and_then(|value| value.to_str().ok()).map(str::to_owned);
        store(&path, &CacheHeaders { etag, fetched: now, max_age }, &body);
        Ok(packument)
    }

    /// Streams the tarball at `url` into the file `destination` while hashing it, and checks
    /// it against `expected` (when the lockfile or packument gives one). Returns the
    /// integrity computed (of `expected`'s algorithm, else sha512). A mismatch is an error,
    /// and the file is removed.
    pub async fn download(
        &self,
        package: &str,
        url: &Url,
        destination: &Path,
        expected: Option<&Integrity>,
        reporter: &dyn Reporter,
    ) -> Result<Integrity, InstallError> {
        if self.offline {
            return Err(InstallError::Offline { missing: vec![package.to_owned()] });
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        reporter.on_fetch_start(id, FetchKind::Tarball, package, &redact_url(url.as_str()));
        let algorithm = expected.map_or(Algorithm::Sha512, Integrity::algorithm);
        let (status, bytes, computed) = self
            .with_retries(id, package, url, reporter, || async {
                let mut request = self.client.get(url.clone());
                if let Some(authorization) = self.config.authorization(url) {
                    request = request.header(reqwest::header::AUTHORIZATION, authorization);
                }
                let mut response = request.send().await?;
                let status = response.status();
                if !status.is_success() {
                    return Ok((status, 0, None));
                }
                let total = response.content_length();
                let mut file = std::fs::File::create(destination).map_err(Failure::Io)?;
                let mut hasher = Hasher::new(algorithm);
                let mut received: u64 = 0;
                while let Some(chunk) = response.chunk().await? {
                    hasher.update(&chunk);
                    file.write_all(&chunk).map_err(Failure::Io)?;
                    received += chunk.len() as u64;
                    reporter.on_fetch_progress(id, received, total);
                }
                Ok((status, received, Some(hasher.finish())))
            })
            .await?;
        reporter.on_fetch_complete(id, FetchOutcome { status: Some(status.as_u16()), bytes, not_modified: false });
        let Some(computed) = computed else {
            return Err(self.status_error(package, url, status.as_u16()));
        };
        if let Some(expected) = expected
            && !expected.matches(&computed)
        {
            let _ = std::fs::remove_file(destination);
            return Err(InstallError::IntegrityMismatch {
                package: package.to_owned(),
                expected: expected.to_string(),
                actual: computed.to_string(),
            });
        }
        Ok(computed)
    }

    /// Runs `attempt` until it gets a response that is not a server error, retrying
    /// connection failures and 5xx/429 answers with exponential backoff.
    async fn with_retries<T, F, Fut>(
        &self,
        id: usize,
        package: &str,
        url: &Url,
        reporter: &dyn Reporter,
        attempt: F,
    ) -> Result<T, InstallError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, Failure>>,
        T: Retryable,
    {
        let mut delay = self.retry_delay;
        for number in 1..=ATTEMPTS {
            let reason = match attempt().await {
                Ok(result) if result.server_error() && number < ATTEMPTS => {
                    format!("the registry answered {}", result.status())
                }
                Ok(result) => return Ok(result),
                Err(Failure::Io(source)) => return Err(InstallError::io(std::env::temp_dir(), source)),
                Err(Failure::Http(error)) if number < ATTEMPTS => describe(&error),
                Err(Failure::Http(error)) => {
                    return Err(InstallError::Network {
                        package: package.to_owned(),
                        url: redact_url(url.as_str()),
                        message: format!("{} (after {ATTEMPTS} attempts)", describe(&error)),
                    });
                }
            };
            reporter.on_fetch_retry(id, number, &reason);
            tokio::time::sleep(delay).await;
            delay *= 2;
        }
        unreachable!("the last attempt returns")
    }

    fn status_error(&self, package: &str, url: &Url, status: u16) -> InstallError {
        InstallError::Status {
            package: package.to_owned(),
            url: redact_url(url.as_str()),
            registry: redact_url(self.config.registry_for(package).as_str()),
            status,
        }
    }
}

/// Why one attempt failed.
enum Failure {
    Http(reqwest::Error),
    Io(std::io::Error),
}

impl From<reqwest::Error> for Failure {
    fn from(error: reqwest::Error) -> Self {
        Failure::Http(error)
    }
}

/// A result that may be a server error worth retrying.
trait Retryable {
    fn status(&self) -> reqwest::StatusCode;
    fn server_error(&self) -> bool {
        self.status().is_server_error() || self.status() == reqwest::StatusCode::TOO_MANY_REQUESTS
    }
}

impl<A, B> Retryable for (reqwest::StatusCode, A, B) {
    fn status(&self) -> reqwest::StatusCode {
        self.0
    }
}

/// An error with its causes, without the URL (which the caller names, redacted).
fn describe(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        "the connection failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn parse_packument(name: &str, url: &Url, body: &[u8]) -> Result<Packument, InstallError> {
    serde_json::from_slice(body).map_err(|error| InstallError::InvalidResponse {
        package: name.to_owned(),
        url: redact_url(url.as_str()),
        message: format!("not a packument: {error}"),
    })
}

/// `max-age=N` of a `Cache-Control` header (none with `no-cache`/`no-store`).
fn max_age(value: &str) -> Option<u64> {
    let mut age = None;
    for directive in value.split(',').map(str::trim) {
        if directive.eq_ignore_ascii_case("no-cache") || directive.eq_ignore_ascii_case("no-store") {
            return Some(0);
        }
        if let Some(seconds) = directive.strip_prefix("max-age=") {
            age = seconds.trim_matches('"').parse().ok();
        }
    }
    age
}

/// A stored packument: a line of [`CacheHeaders`] as JSON, then the body as it came.
fn read_cached(path: &Path) -> Option<(CacheHeaders, Vec<u8>)> {
    let bytes = std::fs::read(path).ok()?;
    let newline = bytes.iter().position(|&byte| byte == b'\n')?;
    let headers = serde_json::from_slice(&bytes[..newline]).ok()?;
    Some((headers, bytes[newline + 1..].to_vec()))
}

fn store(path: &Path, headers: &CacheHeaders, body: &[u8]) {
    let Ok(mut bytes) = serde_json::to_vec(headers) else { return };
    bytes.push(b'\n');
    bytes.extend_from_slice(body);
    // A cache that cannot be written only costs a request next time.
    let _ = write_atomic(path, &bytes);
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |duration| duration.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Cache-Control` is read as a cache would.
    #[test]
    fn cache_control() {
        assert_eq!(max_age("public, max-age=300"), Some(300));
        assert_eq!(max_age("max-age=300, no-cache"), Some(0));
        assert_eq!(max_age("private"), None);
    }
}
