//! Hostile cases: injected credentials (`--inject-header`). Code that may fetch an API with a
//! credential the host adds tries to get the credential: from an API that echoes it (alone,
//! inside the whole header value, in a 401, compressed, JSON-escaped, URL-encoded, base64), by
//! sending it to another virtual host, or by smuggling a request. Each case runs the real
//! binary against a real echoing server on 127.0.0.1 and asserts the credential absent from
//! stdout, stderr and `--json`, and from what the code saw: the code hex-encodes everything it
//! read before returning it, so only the executor's scrubbing (not the printer's) can hide it.

use crate::support::TestContext;
use crate::support::http::TestServer;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};

/// The credential: with characters that JSON, URL and base64 encode differently.
const TOKEN: &str = r#"tok"3n/V4lue+with\n=9Z"#;

const MEMORY: u64 = 32 * MEBIBYTE;

/// JavaScript that hex-encodes a string (what the code returns, so that the printer cannot
/// recognise a credential the code saw).
const HEX: &str = "const hex = (text) => Array.from(new TextEncoder().encode(String(text)), (byte) => byte.toString(16).padStart(2, '0')).join('');\n";

fn hex(text: &str) -> String {
    text.bytes().map(|byte| format!("{byte:02x}")).collect()
}

/// Runs `code` with `Authorization=Bearer $API_TOKEN` injected for `server`, small limits and
/// `extra` flags.
fn run_injected(context: &TestContext, server: &TestServer, code: &str, extra: &[&str]) -> Measured {
    let host = server.host();
    let injection = format!("{host}: Authorization=Bearer $API_TOKEN");
    let mut arguments = vec!["-", "--allow-net", host.as_str(), "--inject-header", injection.as_str()];
    arguments.extend_from_slice(&["--memory", "32MB", "--cpu-time", "500ms"]);
    arguments.extend_from_slice(extra);
    let mut command = context.run(&arguments);
    command.env("API_TOKEN", TOKEN);
    let code = format!("{HEX}{code}");
    measure(&mut command, Some(code.as_bytes()))
}

/// The credential appears nowhere, in any encoding the code or the output could give it: as
/// it is, JSON-escaped, URL-encoded, hex (what the code returns) or base64; and the run ended
/// within its memory bound.
#[track_caller]
fn assert_no_credential(measured: &Measured) {
    let escaped = serde_json::to_string(TOKEN).expect("a string");
    let escaped = &escaped[1..escaped.len() - 1];
    let encoded: String = url::form_urlencoded::byte_serialize(TOKEN.as_bytes()).collect();
    for form in [TOKEN, escaped, &encoded, &hex(TOKEN), &hex(escaped)] {
        measured.assert_absent(form);
    }
    for core in base64_cores(TOKEN) {
        measured.assert_absent(&core);
    }
    measured.assert_peak_rss_below(rss_bound(MEMORY));
}

/// The base64 characters that depend on `secret` alone, at each of the three alignments it
/// can have inside a longer base64 text.
fn base64_cores(secret: &str) -> Vec<String> {
    use base64::Engine as _;
    (0..3)
        .map(|offset| {
            let mut bytes = vec![0; offset];
            bytes.extend_from_slice(secret.as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes);
            let first = (8 * offset).div_ceil(6);
            let last = 8 * bytes.len() / 6;
            encoded[first..last].to_owned()
        })
        .collect()
}

/// The code cannot send the credential to a virtual host it picks (`Host` comes from the URL)
/// nor smuggle a second request into the connection (the framing and connection headers are
/// the client's); its own `Authorization` is replaced by the injected one.
#[test]
fn host_and_framing_headers_are_the_clients() {
    let context = TestContext::new();
    let server = TestServer::start();
    let smuggled = "GET /hello HTTP/1.1\r\nHost: evil.example\r\n\r\n";
    let code = format!(
        r#"const response = await fetch('{url}/echo', {{
  method: 'POST',
  body: {smuggled:?},
  headers: {{
    Host: 'evil.example', 'Content-Length': '0', 'Transfer-Encoding': 'chunked', Connection: 'keep-alive, x-smuggle',
    'Keep-Alive': 'timeout=99', TE: 'trailers', Upgrade: 'h2c', 'Proxy-Authorization': 'Basic eDp5',
    'X-HTTP-Method-Override': 'TRACE', Authorization: 'Bearer mine', 'X-Kept': 'yes',
  }},
}});
const echo = await response.json();
return echo.headers.map(([name, value]) => hex(name + ': ' + value));"#,
        url = server.url()
    );
    let measured = run_injected(&context, &server, &code, &[]);
    measured.assert_exit(0);
    assert_no_credential(&measured);
    let received = server.received();
    assert_eq!(received.len(), 1, "one request, nothing smuggled: {received:?}");
    let headers = &received[0].headers;
    let value = |name: &str| headers.iter().filter(|(header, _)| header == name).map(|(_, value)| value.as_str()).collect::<Vec<_>>();
    assert_eq!(value("host"), [server.host().as_str()]);
    assert_eq!(value("content-length"), [smuggled.len().to_string().as_str()]);
    assert_eq!(value("authorization"), [format!("Bearer {TOKEN}").as_str()]);
    assert_eq!(value("x-kept"), ["yes"]);
    for name in ["transfer-encoding", "keep-alive", "te", "upgrade", "proxy-authorization", "x-http-method-override"] {
        assert!(value(name).is_empty(), "`{name}` was sent: {headers:?}");
    }
    assert!(value("connection").iter().all(|value| !value.contains("x-smuggle")), "{headers:?}");
    assert!(measured.stdout().contains(&hex("x-kept: yes")), "{}", measured.describe());
}
