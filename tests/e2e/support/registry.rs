//! A real npm registry on 127.0.0.1 for the install tests (and `bench/install`): it serves
//! packuments (with `ETag` and `Cache-Control`, answering `If-None-Match` with 304) and
//! `.tgz` tarballs that [`TestRegistry::publish`] packs with tar and flate2, or that come
//! from real packages ([`TestRegistry::publish_tarball`]). Optionally over TLS with a CA made
//! by rcgen, behind a token, or failing on purpose; it records every request.

#![allow(dead_code, reason = "each test uses part of it, and the bench another part")]

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};

/// One request the registry received.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
    /// The status the registry answered.
    pub(crate) status: u16,
}

/// A package's `versions` (each version's packument entry) and `dist-tags`.
type Published = (BTreeMap<String, serde_json::Value>, BTreeMap<String, String>);

#[derive(Default)]
struct State {
    /// What is published, by package name.
    packages: BTreeMap<String, Published>,
    /// Tarballs by URL path.
    tarballs: HashMap<String, Vec<u8>>,
    received: Vec<Received>,
    /// `Authorization` values required for packages of a scope (`@acme` to `Bearer x`).
    tokens: HashMap<String, String>,
    /// Statuses to answer for a path before serving it normally (e.g. one 503).
    failures: HashMap<String, Vec<u16>>,
    /// `Cache-Control: max-age` of packuments, in seconds (300 unless set).
    max_age: Option<u64>,
}

pub(crate) struct TestRegistry {
    pub(crate) address: SocketAddr,
    scheme: &'static str,
    state: Arc<Mutex<State>>,
    runtime: Option<tokio::runtime::Runtime>,
}

type Body = BoxBody<Bytes, Infallible>;

/// A file of a package: a path inside it and its bytes.
pub(crate) type PackageFile<'a> = (&'a str, &'a str);

impl TestRegistry {
    /// A registry over plain HTTP.
    pub(crate) fn start() -> TestRegistry {
        Self::serve(None)
    }

    /// A registry over HTTPS, with a certificate for `localhost` and 127.0.0.1 signed by a
    /// new CA, whose PEM is written to `ca_file` (for `cafile` in .npmrc).
    pub(crate) fn start_tls(ca_file: &Path) -> TestRegistry {
        let ca_key = rcgen::KeyPair::generate().expect("a CA key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "sandbox test CA");
        let ca = ca_params.self_signed(&ca_key).expect("a CA certificate");
        let issuer = rcgen::Issuer::new(ca_params, ca_key);
        let key = rcgen::KeyPair::generate().expect("a server key");
        let params = rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("server parameters");
        let certificate = params.signed_by(&key, &issuer).expect("a server certificate");
        std::fs::write(ca_file, ca.pem()).expect("write the CA");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![certificate.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .expect("a server TLS config");
        Self::serve(Some(tokio_rustls::TlsAcceptor::from(Arc::new(config))))
    }

    fn serve(tls: Option<tokio_rustls::TlsAcceptor>) -> TestRegistry {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime for the test registry");
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind 127.0.0.1");
        let address = listener.local_addr().expect("a local address");
        let state = Arc::new(Mutex::new(State::default()));
        let scheme = if tls.is_some() { "https" } else { "http" };
        let shared = Arc::clone(&state);
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = Arc::clone(&shared);
                let tls = tls.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let state = Arc::clone(&state);
                        async move { Ok::<_, Infallible>(handle(request, &state, scheme, address)) }
                    });
                    let builder = hyper::server::conn::http1::Builder::new();
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                let _ = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
                            }
                        }
                        None => {
                            let _ = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
                        }
                    }
                });
            }
        });
        TestRegistry { address, scheme, state, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:PORT/` (or `https://localhost:PORT/`).
    pub(crate) fn url(&self) -> String {
        match self.scheme {
            "https" => format!("https://localhost:{}/", self.address.port()),
            _ => format!("http://{}/", self.address),
        }
    }

    /// Publishes `name@version` with `package.json` fields from `manifest` (dependencies,
    /// peerDependencies, os, ...) and `files`, packed as npm packs (`package/` prefix).
    pub(crate) fn publish(&self, name: &str, version: &str, manifest: serde_json::Value, files: &[PackageFile<'_>]) {
        let mut package_json = serde_json::json!({ "name": name, "version": version });
        if let (Some(object), serde_json::Value::Object(extra)) = (package_json.as_object_mut(), manifest) {
            object.extend(extra);
        }
        let mut entries: Vec<(String, Vec<u8>)> =
            vec![("package/package.json".to_owned(), serde_json::to_vec_pretty(&package_json).expect("JSON"))];
        entries.extend(files.iter().map(|(path, text)| (format!("package/{path}"), text.as_bytes().to_vec())));
        self.publish_tarball(&package_json, pack(&entries));
    }

    /// Publishes a tarball as it is, with the packument fields of `manifest` (which must have
    /// `name` and `version`); the integrity is the tarball's sha512.
    pub(crate) fn publish_tarball(&self, manifest: &serde_json::Value, tarball: Vec<u8>) {
        let integrity = npm_cache::Integrity::sha512_of(&tarball).to_string();
        self.publish_with_integrity(manifest, tarball, &integrity);
    }

    /// Publishes a real npm tarball from a file, with the packument fields of its own
    /// `package.json` (whatever its top directory is called).
    pub(crate) fn publish_file(&self, path: &Path) {
        use std::io::Read as _;
        let tarball = std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tarball.as_slice()));
        let mut manifest = None;
        for entry in archive.entries().expect("a tar archive") {
            let mut entry = entry.expect("an entry");
            let name = entry.path().expect("a path").into_owned();
            if name.components().count() == 2 && name.ends_with("package.json") {
                let mut text = String::new();
                entry.read_to_string(&mut text).expect("UTF-8");
                manifest = serde_json::from_str::<serde_json::Value>(&text).ok();
                break;
            }
        }
        let manifest = manifest.unwrap_or_else(|| panic!("no package.json in {}", path.display()));
        self.publish_tarball(&manifest, tarball);
    }

    /// Publishes a tarball under a packument that claims `integrity` (which may be wrong).
    pub(crate) fn publish_with_integrity(&self, manifest: &serde_json::Value, tarball: Vec<u8>, integrity: &str) {
        let name = manifest["name"].as_str().expect("a name").to_owned();
        let version = manifest["version"].as_str().expect("a version").to_owned();
        let base = name.rsplit('/').next().unwrap_or(&name).to_owned();
        let path = format!("/{name}/-/{base}-{version}.tgz");
        let mut entry = manifest.clone();
        entry["dist"] =
            serde_json::json!({ "tarball": format!("{}{}", self.url(), &path[1..]), "integrity": integrity });
        let mut state = self.state.lock().expect("not poisoned");
        state.tarballs.insert(path, tarball);
        let (versions, tags) = state.packages.entry(name).or_default();
        versions.insert(version.clone(), entry);
        let newest = tags.get("latest").and_then(|latest| nodejs_semver_max(latest, &version)).unwrap_or(version);
        tags.insert("latest".to_owned(), newest);
    }

    /// Points a dist-tag at a version.
    pub(crate) fn tag(&self, name: &str, tag: &str, version: &str) {
        let mut state = self.state.lock().expect("not poisoned");
        state.packages.entry(name.to_owned()).or_default().1.insert(tag.to_owned(), version.to_owned());
    }

    /// Replaces the bytes served for a published tarball (the packument keeps its integrity).
    pub(crate) fn tamper(&self, name: &str, version: &str, tarball: Vec<u8>) {
        let base = name.rsplit('/').next().unwrap_or(name);
        let path = format!("/{name}/-/{base}-{version}.tgz");
        self.state.lock().expect("not poisoned").tarballs.insert(path, tarball);
    }

    /// Requires `Authorization: Bearer <token>` for packages of `scope` (`@acme`).
    pub(crate) fn require_token(&self, scope: &str, token: &str) {
        self.state.lock().expect("not poisoned").tokens.insert(scope.to_owned(), format!("Bearer {token}"));
    }

    /// Answers `statuses` (in order) for requests of `path` before serving it.
    pub(crate) fn fail(&self, path: &str, statuses: &[u16]) {
        self.state.lock().expect("not poisoned").failures.insert(path.to_owned(), statuses.to_vec());
    }

    /// Sends `Cache-Control: public, max-age=<seconds>` with packuments from now on (0 makes
    /// every cached copy stale at once).
    pub(crate) fn set_max_age(&self, seconds: u64) {
        self.state.lock().expect("not poisoned").max_age = Some(seconds);
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.state.lock().expect("not poisoned").received.clone()
    }

    /// The requests for exactly the URL path `path` (a packument: `/name`).
    pub(crate) fn requests_to(&self, path: &str) -> Vec<Received> {
        self.received().into_iter().filter(|request| request.path == path).collect()
    }

    /// How many requests there were for URL paths starting with `prefix`.
    pub(crate) fn requests_for(&self, prefix: &str) -> usize {
        self.received().iter().filter(|request| request.path.starts_with(prefix)).count()
    }
}

impl Drop for TestRegistry {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The higher of two versions (plain `major.minor.patch` compared numerically; a prerelease
/// never becomes `latest`).
fn nodejs_semver_max(a: &str, b: &str) -> Option<String> {
    let parse = |version: &str| -> Option<Vec<u64>> {
        if version.contains('-') {
            return None;
        }
        version.split('.').map(|part| part.parse().ok()).collect()
    };
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => Some(if y > x { b.to_owned() } else { a.to_owned() }),
        (Some(_), None) => Some(a.to_owned()),
        (None, Some(_)) => Some(b.to_owned()),
        (None, None) => Some(a.to_owned()),
    }
}

/// A gzip-compressed tar of `entries` (path, bytes), files with mode 644.
pub(crate) fn pack(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default()));
    for (path, bytes) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(499_162_500);
        builder.append_data(&mut header, path, bytes.as_slice()).expect("append a file");
    }
    builder.into_inner().and_then(flate2::write::GzEncoder::finish).expect("finish the tarball")
}

/// One raw tar entry, for hostile tarballs: any path (written into the header as bytes),
/// any type, a link target, and a declared size that may differ from the data.
pub(crate) struct RawEntry<'a> {
    pub(crate) path: &'a str,
    pub(crate) kind: tar::EntryType,
    pub(crate) link: Option<&'a str>,
    pub(crate) data: &'a [u8],
    pub(crate) size: Option<u64>,
}

/// A gzip-compressed tar of raw entries, as an attacker would write it (no path checks).
pub(crate) fn pack_raw(entries: &[RawEntry<'_>]) -> Vec<u8> {
    let mut tar = Vec::new();
    for entry in entries {
        let mut header = tar::Header::new_old();
        {
            let old = header.as_old_mut();
            old.name[..entry.path.len()].copy_from_slice(entry.path.as_bytes());
            if let Some(link) = entry.link {
                old.linkname[..link.len()].copy_from_slice(link.as_bytes());
            }
        }
        header.set_entry_type(entry.kind);
        header.set_mode(0o644);
        header.set_size(entry.size.unwrap_or(entry.data.len() as u64));
        header.set_cksum();
        tar.extend_from_slice(header.as_bytes());
        tar.extend_from_slice(entry.data);
        tar.resize(tar.len().div_ceil(512) * 512, 0);
    }
    tar.resize(tar.len() + 1024, 0);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&tar).expect("compress");
    encoder.finish().expect("finish")
}

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

fn respond(status: u16, headers: &[(&str, String)], body: Body) -> hyper::Response<Body> {
    let mut response = hyper::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, value.as_str());
    }
    response.body(body).expect("a valid response")
}

/// Answers a request and records it with the status answered.
fn handle(
    request: hyper::Request<hyper::body::Incoming>,
    state: &Mutex<State>,
    _scheme: &str,
    _address: SocketAddr,
) -> hyper::Response<Body> {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let path = request.uri().path().to_owned();
    let mut state = state.lock().expect("not poisoned");
    let response = answer(&path, &headers, &mut state);
    let received = Received { method: request.method().to_string(), path, headers, status: response.status().as_u16() };
    state.received.push(received);
    response
}

fn answer(path: &str, headers: &[(String, String)], state: &mut State) -> hyper::Response<Body> {
    if let Some(statuses) = state.failures.get_mut(path)
        && !statuses.is_empty()
    {
        let status = statuses.remove(0);
        return respond(status, &[], full(format!("status {status}")));
    }
    let header = |name: &str| headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let decoded = path.trim_start_matches('/').replace("%2f", "/").replace("%2F", "/").replace("%40", "@");
    let scope = decoded.split('/').next().filter(|part| part.starts_with('@')).map(str::to_owned);
    if let Some(required) = scope.as_ref().and_then(|scope| state.tokens.get(scope))
        && header("authorization").as_deref() != Some(required.as_str())
    {
        return respond(401, &[("www-authenticate", "Bearer".to_owned())], full("{\"error\":\"unauthorized\"}"));
    }
    if decoded.contains("/-/") {
        return match state.tarballs.get(&format!("/{decoded}")) {
            Some(tarball) => {
                respond(200, &[("content-type", "application/octet-stream".to_owned())], full(tarball.clone()))
            }
            None => respond(404, &[], full("{\"error\":\"not found\"}")),
        };
    }
    let Some((versions, tags)) = state.packages.get(&decoded) else {
        return respond(404, &[("content-type", "application/json".to_owned())], full("{\"error\":\"Not found\"}"));
    };
    let packument = serde_json::json!({ "name": decoded, "dist-tags": tags, "versions": versions });
    let body = serde_json::to_vec(&packument).expect("JSON");
    let etag = format!("\"{}\"", npm_cache::Integrity::sha512_of(&body).hex().get(..16).unwrap_or_default());
    // A 304 carries the headers a 200 would, so the client's copy is fresh again.
    let cache_control = format!("public, max-age={}", state.max_age.unwrap_or(300));
    if header("if-none-match").as_deref() == Some(etag.as_str()) {
        return respond(304, &[("etag", etag), ("cache-control", cache_control)], full(""));
    }
    let content_type = if header("accept").is_some_and(|accept| accept.contains("vnd.npm.install-v1")) {
        "application/vnd.npm.install-v1+json"
    } else {
        "application/json"
    };
    respond(
        200,
        &[("content-type", content_type.to_owned()), ("etag", etag), ("cache-control", cache_control)],
        full(body),
    )
}

/// An HTTP proxy on 127.0.0.1 that answers `CONNECT host:port` by tunnelling to it, as
/// corporate proxies do for https registries; it records each target.
pub(crate) struct ConnectProxy {
    pub(crate) address: SocketAddr,
    targets: Arc<Mutex<Vec<String>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl ConnectProxy {
    /// Tunnels to targets on this machine only: the tests never reach another host.
    pub(crate) fn start() -> ConnectProxy {
        ConnectProxy::routing(|target| {
            (target.starts_with("127.0.0.1:") || target.starts_with("localhost:")).then(|| target.to_owned())
        })
    }

    /// Tunnels each target to the address `route` gives it, and refuses (403) a target it
    /// gives none.
    pub(crate) fn routing(route: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> ConnectProxy {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the proxy");
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind 127.0.0.1");
        let address = listener.local_addr().expect("a local address");
        let targets = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&targets);
        let route = Arc::new(route);
        runtime.spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let record = Arc::clone(&record);
                let route = Arc::clone(&route);
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
                        if client.read(&mut byte).await.unwrap_or(0) == 0 {
                            return;
                        }
                        head.push(byte[0]);
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let mut words = head.split_whitespace();
                    let (Some("CONNECT"), Some(target)) = (words.next(), words.next()) else {
                        let _ = client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n").await;
                        return;
                    };
                    record.lock().expect("not poisoned").push(target.to_owned());
                    let Some(upstream) = route(target) else {
                        let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
                        return;
                    };
                    let Ok(mut upstream) = tokio::net::TcpStream::connect(upstream).await else {
                        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n").await;
                        return;
                    };
                    let _ = client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n").await;
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                });
            }
        });
        ConnectProxy { address, targets, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub(crate) fn targets(&self) -> Vec<String> {
        self.targets.lock().expect("not poisoned").clone()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
