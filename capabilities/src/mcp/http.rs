//! The HTTP client for Streamable HTTP servers: rustls (ring) trusting the operating system's
//! certificates plus `NODE_EXTRA_CA_CERTS`, the proxies of the environment (`HTTPS_PROXY`,
//! `HTTP_PROXY`, `NO_PROXY`, read by reqwest), and redirects followed only within the same
//! origin and only with 307/308 (which keep the method and body), so the entry's headers never
//! go to another host. The executor and npm-cache each build their own client with their own
//! policies; library crates do not share code.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;

/// Redirects followed for one request, at most.
const MAX_REDIRECTS: usize = 10;

pub(crate) fn client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .use_preconfigured_tls(tls_config()?)
        .connect_timeout(Duration::from_secs(30))
        .user_agent(concat!("sandbox/", env!("CARGO_PKG_VERSION"), " (MCP client)"))
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let same_origin =
                attempt.previous().last().is_some_and(|previous| previous.origin() == attempt.url().origin());
            let keeps_body = matches!(attempt.status().as_u16(), 307 | 308);
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if same_origin && keeps_body {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }))
        .build()
        .map_err(|error| format!("cannot create the HTTP client: {error}"))
}

fn tls_config() -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(certificate);
    }
    if let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS") {
        use rustls::pki_types::pem::PemObject as _;
        let certificates = rustls::pki_types::CertificateDer::pem_file_iter(&path)
            .map_err(|error| format!("cannot read NODE_EXTRA_CA_CERTS ({}): {error}", path.to_string_lossy()))?;
        for certificate in certificates.flatten() {
            let _ = roots.add(certificate);
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("cannot set up TLS: {error}"))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The transport to `url`, sending `headers` with every request (checked when the
/// configuration was read).
pub(crate) fn transport(
    client: reqwest::Client,
    url: &str,
    headers: &[(String, String)],
) -> Result<StreamableHttpClientTransport<reqwest::Client>, String> {
    let mut custom = HashMap::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a header name"))?;
        let mut value =
            HeaderValue::from_str(value).map_err(|_| format!("the value of `{name}` is not a header value"))?;
        value.set_sensitive(true);
        custom.insert(name, value);
    }
    let config = StreamableHttpClientTransportConfig::with_uri(url).custom_headers(custom);
    Ok(StreamableHttpClientTransport::with_client(client, config))
}
