//! `node:dns` resolves over DNS-over-HTTPS, as workerd's does: a query is a `fetch` of
//! `https://cloudflare-dns.com/dns-query`, so it obeys the run's outbound policy. Here the
//! resolver is a fake one on 127.0.0.1 (a TLS server with a certificate for
//! `cloudflare-dns.com` from a test CA), reached through a CONNECT proxy (`HTTPS_PROXY`) that
//! sends `cloudflare-dns.com:443` to it: nothing leaves the machine.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use serde_json::{Value, json};

use crate::support::registry::ConnectProxy;
use crate::support::{TestContext, output};

/// The resolver's answers, by `name` and `type`, as Cloudflare's JSON API gives them.
fn answer(name: &str, kind: &str) -> Value {
    let question = |code: u16| json!([{ "name": name, "type": code }]);
    let record = |code: u16, data: &str| json!({ "name": name, "type": code, "TTL": 300, "data": data });
    match (name, kind) {
        ("example.test", "A") => json!({ "Status": 0, "Question": question(1), "Answer": [
            // The CNAME chain the resolver followed is left out of the answer.
            { "name": "example.test", "type": 5, "TTL": 60, "data": "alias.example.test." },
            record(1, "192.0.2.1"), record(1, "192.0.2.2")] }),
        ("example.test", "AAAA") => {
            json!({ "Status": 0, "Question": question(28), "Answer": [record(28, "2001:db8::1")] })
        }
        ("example.test", "MX") => {
            json!({ "Status": 0, "Question": question(15), "Answer": [record(15, "10 mail.example.test.")] })
        }
        ("example.test", "TXT") => json!({ "Status": 0, "Question": question(16), "Answer": [
            record(16, "\"v=spf1 -all\""), record(16, "\"part one\"\"part two\"")] }),
        // RFC 3597's generic form: flags 0, tag `issue`, value `ca.test`.
        ("example.test", "CAA") => json!({ "Status": 0, "Question": question(257), "Answer": [
            record(257, "\\# 14 00 05 69 73 73 75 65 63 61 2e 74 65 73 74")] }),
        ("example.test", "SOA") => json!({ "Status": 0, "Question": question(6), "Answer": [
            record(6, "ns.example.test. admin.example.test. 2024010101 7200 3600 1209600 300")] }),
        ("_sip._udp.example.test", "SRV") => {
            json!({ "Status": 0, "Question": question(33), "Answer": [record(33, "5 10 5060 sip.example.test.")] })
        }
        ("example.test", "NAPTR") => json!({ "Status": 0, "Question": question(35), "Answer": [
            record(35, "20 100 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.test.")] }),
        ("1.2.0.192.in-addr.arpa", "PTR") => {
            json!({ "Status": 0, "Question": question(12), "Answer": [record(12, "host.example.test.")] })
        }
        // NXDOMAIN: a question and no answer.
        _ => json!({ "Status": 3, "Question": question(1) }),
    }
}

/// A query the resolver received: its query string and its `Accept` header.
type Query = (String, Option<String>);

/// The fake resolver and the proxy in front of it; each records what it was asked.
struct FakeResolver {
    proxy: ConnectProxy,
    queries: Arc<Mutex<Vec<Query>>>,
    _runtime: tokio::runtime::Runtime,
}

impl FakeResolver {
    /// Starts both, and writes the CA that signed the resolver's certificate to `ca_file`.
    fn start(ca_file: &std::path::Path) -> FakeResolver {
        let ca_key = rcgen::KeyPair::generate().expect("a CA key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "sandbox dns test CA");
        let ca = ca_params.self_signed(&ca_key).expect("a CA certificate");
        let issuer = rcgen::Issuer::new(ca_params, ca_key);
        let key = rcgen::KeyPair::generate().expect("a server key");
        let params = rcgen::CertificateParams::new(vec!["cloudflare-dns.com".to_owned()]).expect("server parameters");
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
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime for the fake resolver");
        let resolver = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind 127.0.0.1");
        let resolver_address = resolver.local_addr().expect("a local address");
        let queries = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&queries);
        runtime.spawn(async move {
            while let Ok((stream, _)) = resolver.accept().await {
                let acceptor = acceptor.clone();
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    let Ok(stream) = acceptor.accept(stream).await else { return };
                    let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                        let recorded = Arc::clone(&recorded);
                        async move {
                            let query = request.uri().query().unwrap_or("").to_owned();
                            let accept = request
                                .headers()
                                .get("accept")
                                .and_then(|value| value.to_str().ok())
                                .map(str::to_owned);
                            recorded.lock().expect("not poisoned").push((query.clone(), accept));
                            let field = |key: &str| {
                                query.split('&').find_map(|pair| pair.strip_prefix(&format!("{key}="))).unwrap_or("")
                            };
                            let body = if request.uri().path() == "/dns-query" {
                                answer(field("name"), field("type")).to_string()
                            } else {
                                json!({ "error": "not found" }).to_string()
                            };
                            Ok::<_, Infallible>(
                                hyper::Response::builder()
                                    .header("content-type", "application/dns-json")
                                    .body(Full::new(Bytes::from(body)))
                                    .expect("a response"),
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });

        // Only the resolver: nothing else is reached, on this machine or beyond.
        let proxy = ConnectProxy::routing(move |target| {
            (target == "cloudflare-dns.com:443").then(|| resolver_address.to_string())
        });
        FakeResolver { proxy, queries, _runtime: runtime }
    }

    fn queries(&self) -> Vec<Query> {
        self.queries.lock().expect("not poisoned").clone()
    }
}

/// Runs `code` from stdin with the flags, through the fake resolver's proxy; the exit code,
/// stdout and stderr.
fn run(
    context: &TestContext,
    resolver: &FakeResolver,
    ca: &std::path::Path,
    code: &str,
    flags: &[&str],
) -> (i32, String, String) {
    let mut arguments = vec!["-"];
    arguments.extend_from_slice(flags);
    let mut command = context.run(&arguments);
    command.env("HTTPS_PROXY", resolver.proxy.url()).env("NODE_EXTRA_CA_CERTS", ca);
    let result = output(&mut command, Some(code.as_bytes()));
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// With `--allow-net cloudflare-dns.com`, every kind of query gets its answer in Node.js's
/// shape: each one a GET of `/dns-query?name=...&type=...` asking for `application/dns-json`.
#[test]
fn queries_reach_the_resolver_the_policy_allows() {
    let context = TestContext::new();
    let ca = context.temp.path().join("ca.pem");
    let resolver = FakeResolver::start(&ca);
    let code = r#"import dns from "node:dns";
import { promisify } from "node:util";
const p = dns.promises;
const lookup = (name, options) => new Promise((resolve, reject) =>
  dns.lookup(name, options, (error, address, family) => error ? reject(error) : resolve([address, family])));
const failed = (promise) => promise.then(() => "resolved", (error) => [error.code, error.syscall, error.hostname, error.message]);
({
  lookup: await lookup("example.test", {}),
  lookup6: await lookup("example.test", { family: 6 }),
  lookupAll: await p.lookup("example.test", { all: true }),
  lookupFirst6: await p.lookup("example.test", { order: "ipv6first" }),
  resolve4: await p.resolve4("example.test"),
  ttl: await p.resolve4("example.test", { ttl: true }),
  resolve6: await promisify(dns.resolve6)("example.test"),
  mx: await p.resolveMx("example.test"),
  txt: await p.resolveTxt("example.test"),
  caa: await p.resolveCaa("example.test"),
  soa: await p.resolveSoa("example.test"),
  srv: await p.resolveSrv("_sip._udp.example.test"),
  naptr: await p.resolveNaptr("example.test"),
  reverse: await p.reverse("1.2.0.192.in-addr.arpa"),
  viaResolve: await p.resolve("example.test", "MX"),
  resolver: await new p.Resolver().resolve4("example.test"),
  missing: await failed(p.resolve4("missing.test")),
  missingLookup: await failed(p.lookup("missing.test")),
})"#;
    let (status, stdout, stderr) = run(&context, &resolver, &ca, code, &["--allow-net", "cloudflare-dns.com"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let result: Value = serde_json::from_str(&stdout).expect("JSON result");
    assert_eq!(
        result,
        json!({
            "lookup": ["192.0.2.1", 4],
            "lookup6": ["2001:db8::1", 6],
            "lookupAll": [{ "address": "192.0.2.1", "family": 4 }, { "address": "192.0.2.2", "family": 4 }, { "address": "2001:db8::1", "family": 6 }],
            "lookupFirst6": { "address": "2001:db8::1", "family": 6 },
            "resolve4": ["192.0.2.1", "192.0.2.2"],
            "ttl": [{ "ttl": 300, "address": "192.0.2.1" }, { "ttl": 300, "address": "192.0.2.2" }],
            "resolve6": ["2001:db8::1"],
            "mx": [{ "exchange": "mail.example.test", "priority": 10 }],
            "txt": [["v=spf1 -all"], ["part one", "part two"]],
            "caa": [{ "critical": 0, "issue": "ca.test" }],
            "soa": { "nsname": "ns.example.test.", "hostmaster": "admin.example.test.", "serial": 2024010101, "refresh": 7200, "retry": 3600, "expire": 1209600, "minttl": 300 },
            "srv": [{ "priority": 5, "weight": 10, "port": 5060, "name": "sip.example.test." }],
            "naptr": [{ "flags": "s", "service": "SIP+D2U", "regexp": "", "replacement": "_sip._udp.example.test", "order": 20, "preference": 100 }],
            "reverse": ["host.example.test"],
            "viaResolve": [{ "exchange": "mail.example.test", "priority": 10 }],
            "resolver": ["192.0.2.1", "192.0.2.2"],
            "missing": ["ENOTFOUND", "queryA", "missing.test", "queryA ENOTFOUND missing.test"],
            "missingLookup": ["ENOTFOUND", "queryA", "missing.test", "queryA ENOTFOUND missing.test"],
        })
    );
    let queries = resolver.queries();
    assert!(
        queries.contains(&("name=example.test&type=A".to_owned(), Some("application/dns-json".to_owned()))),
        "{queries:?}"
    );
    assert!(queries.iter().all(|(_, accept)| accept.as_deref() == Some("application/dns-json")), "{queries:?}");
    let targets = resolver.proxy.targets();
    assert!(!targets.is_empty() && targets.iter().all(|target| target == "cloudflare-dns.com:443"), "{targets:?}");
}

/// Without the resolver's host allowed, nothing is sent: the query fails as workerd's does
/// when its fetch fails (EBADQUERY), and the refusal is the error's `cause`.
#[test]
fn queries_are_refused_without_the_resolver_allowed() {
    let context = TestContext::new();
    let ca = context.temp.path().join("ca.pem");
    let resolver = FakeResolver::start(&ca);
    let code = r#"import { promises as dns } from "node:dns";
const failed = (promise) => promise.then(() => "resolved", (error) => [error.code, error.message, String(error.cause?.message)]);
[await failed(dns.resolve4("example.test")), await failed(dns.lookup("example.test", { family: 4 })), await dns.lookup("192.0.2.7")]"#;
    for flags in [&[][..], &["--allow-net", "example.test"][..]] {
        let (status, stdout, stderr) = run(&context, &resolver, &ca, code, flags);
        assert_eq!(status, 0, "{flags:?}: {stdout}{stderr}");
        let result: Value = serde_json::from_str(&stdout).expect("JSON result");
        assert_eq!(result[0][0], "EBADQUERY", "{flags:?}: {result}");
        assert_eq!(result[0][1], "queryA EBADQUERY example.test", "{flags:?}: {result}");
        let cause = result[0][2].as_str().unwrap_or_default();
        assert!(
            cause.contains("Network access is disabled") || cause.contains("is not an allowed host"),
            "{flags:?}: {cause}"
        );
        assert_eq!(result[1][0], "EBADQUERY", "{flags:?}: {result}");
        assert_eq!(result[2], json!({ "address": "192.0.2.7", "family": 4 }), "an address needs no query");
    }
    assert!(resolver.queries().is_empty(), "{:?}", resolver.queries());
    assert!(resolver.proxy.targets().is_empty());
}
