//! The HTTP client: rustls with the operating system's certificates plus
//! `NODE_EXTRA_CA_CERTS`, `cafile` and `ca` from .npmrc (`strict-ssl=false` turns checks off,
//! as in npm), and the proxies of .npmrc and the environment.
//!
//! The executor builds its own client for the sandbox's `fetch` (executor/src/ext/fetch/network.rs):
//! the two trust the same system store but differ in everything else (npm's TLS settings
//! here; an outbound policy, a DNS filter and no redirects there), and library crates do not
//! depend on each other, so each keeps its own.

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

use crate::config::{NpmConfig, redact_url};
use crate::error::InstallError;

/// A client for the registries `config` names.
pub(crate) fn build(config: &NpmConfig) -> Result<reqwest::Client, InstallError> {
    let mut builder = reqwest::Client::builder()
        .use_preconfigured_tls(tls_config(config)?)
        // Proxies come from `config`, which already read the environment as npm does.
        .no_proxy()
        .connect_timeout(Duration::from_secs(15))
        .read_timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(16)
        .user_agent(concat!("sandbox/", env!("CARGO_PKG_VERSION"), " (npm-compatible)"))
        .redirect(reqwest::redirect::Policy::limited(5));
    let no_proxy = config.noproxy.as_deref().and_then(reqwest::NoProxy::from_string);
    let proxy_error = |proxy: &str, error: reqwest::Error| InstallError::Config {
        message: format!("Cannot use the proxy `{}`: {error}", redact_url(proxy)),
    };
    if let Some(proxy) = &config.https_proxy {
        builder = builder.proxy(
            reqwest::Proxy::https(proxy.as_str())
                .map_err(|error| proxy_error(proxy, error))?
                .no_proxy(no_proxy.clone()),
        );
    }
    if let Some(proxy) = &config.proxy {
        builder = builder
            .proxy(reqwest::Proxy::http(proxy.as_str()).map_err(|error| proxy_error(proxy, error))?.no_proxy(no_proxy));
    }
    builder.build().map_err(|error| InstallError::Config { message: format!("Cannot set up the HTTP client: {error}") })
}

fn tls_config(config: &NpmConfig) -> Result<rustls::ClientConfig, InstallError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|error| InstallError::Config { message: format!("Cannot set up TLS: {error}") })?;
    if !config.strict_ssl {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnything(provider)))
            .with_no_client_auth());
    }
    let mut roots = rustls::RootCertStore::empty();
    for certificate in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(certificate);
    }
    let files = [(config.extra_ca_certs.as_ref(), "NODE_EXTRA_CA_CERTS"), (config.cafile.as_ref(), "cafile")];
    for (path, setting) in files {
        let Some(path) = path else { continue };
        let certificates = CertificateDer::pem_file_iter(path).map_err(|error| InstallError::Config {
            message: format!("Cannot read the certificates of `{setting}` ({}): {error}", path.display()),
        })?;
        for certificate in certificates.flatten() {
            let _ = roots.add(certificate);
        }
    }
    for pem in &config.ca {
        let pem = pem.replace("\\n", "\n");
        for certificate in CertificateDer::pem_slice_iter(pem.as_bytes()).flatten() {
            let _ = roots.add(certificate);
        }
    }
    if roots.is_empty() {
        return Err(InstallError::Config {
            message: "No trusted certificates: the system store is empty and neither `cafile`, `ca` nor NODE_EXTRA_CA_CERTS is set".into(),
        });
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// `strict-ssl=false`: any certificate is accepted, signatures are still checked.
#[derive(Debug)]
struct AcceptAnything(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AcceptAnything {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            certificate,
            signature,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        certificate: &CertificateDer<'_>,
        signature: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            certificate,
            signature,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
