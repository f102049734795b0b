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
    run_injected_with_memory(context, server, code, extra, "32MB")
}

fn run_injected_with_memory(
    context: &TestContext,
    server: &TestServer,
    code: &str,
    extra: &[&str],
    memory: &str,
) -> Measured {
    let host = server.host();
    let injection = format!("{host}: Authorization=Bearer $API_TOKEN");
    let mut arguments = vec!["-", "--allow-net", host.as_str(), "--inject-header", injection.as_str()];
    arguments.extend_from_slice(&["--memory", memory, "--cpu-time", "500ms"]);
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
    let value = |name: &str| {
        headers.iter().filter(|(header, _)| header == name).map(|(_, value)| value.as_str()).collect::<Vec<_>>()
    };
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

/// JavaScript that fetches `path` and keeps everything the code can read of the response (URL,
/// status, headers, body) in `seen`, or the error's message if the fetch failed.
fn read_everything(url: &str, path: &str, init: &str) -> String {
    format!(
        r#"const seen = [];
try {{
  const response = await fetch('{url}{path}', {init});
  seen.push(response.url, String(response.status), response.statusText, String(response.redirected));
  for (const [name, value] of response.headers) seen.push(name, value);
  seen.push(await response.text());
}} catch (error) {{
  seen.push('error: ' + error.message);
}}
console.log('the code saw', seen);
"#
    )
}

/// An API that echoes the token alone (a `/bearer` or introspection endpoint), in a 401 that
/// quotes it JSON-escaped, or URL-encoded, base64-encoded or HTML-escaped inside a longer
/// text, hands the code nothing: every form is scrubbed from bodies and headers, whole or as
/// the `$VAR` inside `Bearer $API_TOKEN`.
#[test]
fn echoed_credential_never_reaches_the_code() {
    let context = TestContext::new();
    let server = TestServer::start();
    for path in ["/bearer", "/unauthorized", "/encoded", "/secret-echo"] {
        let code = format!("{}return seen.map(hex);", read_everything(&server.url(), path, "{}"));
        let measured = run_injected(&context, &server, &code, &[]);
        measured.assert_exit(0);
        assert_no_credential(&measured);
        assert!(measured.stdout().contains(&hex("[REDACTED]")), "{path}: {}", measured.describe());
    }
    let bearer = run_injected(
        &context,
        &server,
        &format!("{}return seen;", read_everything(&server.url(), "/bearer", "{}")),
        &[],
    );
    assert!(bearer.stdout().contains(r#"["http://127.0.0.1:"#), "{}", bearer.describe());
    assert!(bearer.stdout().contains(r#""x-token","[REDACTED]","[REDACTED]"]"#), "{}", bearer.describe());
    let requests = server.received();
    assert_eq!(requests.len(), 5);
    assert!(
        requests.iter().all(|request| request.headers.contains(&("authorization".into(), format!("Bearer {TOKEN}"))))
    );
}

/// A redirect whose URL carries the credential is not followed (the next host and the
/// response's URL would get it); with `redirect: 'manual'` its `Location` is scrubbed.
#[test]
fn credential_in_a_redirect_is_not_followed() {
    let context = TestContext::new();
    let server = TestServer::start();
    let followed = run_injected(
        &context,
        &server,
        &format!("{}return seen.map(hex);", read_everything(&server.url(), "/redirect-token", "{}")),
        &["--outbound-log", "--json"],
    );
    followed.assert_exit(0);
    assert_no_credential(&followed);
    assert!(
        followed.stdout().contains(&hex("redirected to a URL that contains an injected credential")),
        "{}",
        followed.describe()
    );
    let manual = run_injected(
        &context,
        &server,
        &format!("{}return seen;", read_everything(&server.url(), "/redirect-token", "{ redirect: 'manual' }")),
        &[],
    );
    manual.assert_exit(0);
    assert_no_credential(&manual);
    assert!(manual.stdout().contains(r#""location","/hello?token=[REDACTED]""#), "{}", manual.describe());
    assert!(server.received().iter().all(|request| request.path == "/redirect-token"), "{:?}", server.received());
}

/// What `sandbox` prints is scrubbed too, in every form, as the last line of defence: code that
/// was handed the credential itself (here with `--env API_TOKEN`) returns it, logs it, throws
/// it and puts it in a URL it fetches, with and without `--json` and `--outbound-log`.
#[test]
fn printed_output_is_scrubbed() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        r#"export default async function (env) {{
  const token = env.API_TOKEN;
  console.log(token, {{ token }}, [token]);
  console.error(encodeURIComponent(token), btoa('Authorization: Bearer ' + token));
  await fetch('{url}/status/404/' + encodeURIComponent(token)).then((response) => response.text());
  if (env.THROW) throw new Error('failed with ' + token);
  return {{ token, encoded: encodeURIComponent(token), json: JSON.stringify({{ token }}) }};
}}"#,
        url = server.url()
    );
    for flags in [&[][..], &["--json"], &["--outbound-log"], &["--json", "--outbound-log"]] {
        for throw in [false, true] {
            let mut extra = vec!["--env", "API_TOKEN"];
            extra.extend_from_slice(flags);
            if throw {
                extra.extend_from_slice(&["--env", "THROW=1"]);
            }
            let measured = run_injected(&context, &server, &code, &extra);
            measured.assert_exit(if throw { 1 } else { 0 });
            assert_no_credential(&measured);
            assert!(measured.all_output().contains("[REDACTED]"), "{flags:?}: {}", measured.describe());
        }
    }
}

/// A credential shorter than 8 characters is refused before anything runs (exit 2): scrubbing
/// it would hide every chance occurrence of its characters, and it is guessable.
#[test]
fn short_credentials_are_refused() {
    let context = TestContext::new();
    let server = TestServer::start();
    for (value, expected) in [
        ("Authorization=Bearer $SHORT", "`$SHORT` is 3 characters long"),
        ("X-Version=1", "the value is 1 character long"),
    ] {
        let injection = format!("{}: {value}", server.host());
        let mut command = context.run(&["-", "--allow-net", &server.host(), "--inject-header", &injection]);
        command.env("SHORT", "abc");
        let measured = measure(&mut command, Some(b"return 1"));
        measured.assert_exit(2);
        assert!(measured.stderr().contains(expected), "{}", measured.describe());
        assert!(measured.stderr().contains("hint: inject only credentials"), "{}", measured.describe());
        measured.assert_peak_rss_below(rss_bound(MEMORY));
    }
    assert!(server.received().is_empty());
}

/// A compressed echo (`gzip`, `br`) is decoded in the host before scrubbing, so the code gets
/// the JSON with the credential scrubbed and nothing compressed to decompress itself; the
/// `Content-Encoding` header stays, as in workerd, and `Content-Length` (the compressed size,
/// a BREACH-style oracle) is left out.
#[test]
fn compressed_echo_is_decoded_before_scrubbing() {
    let context = TestContext::new();
    let server = TestServer::start();
    for coding in ["gzip", "br"] {
        let code = format!(
            r#"const response = await fetch('{url}/compressed?coding={coding}');
const bytes = new Uint8Array(await response.arrayBuffer());
let decompressed = 'not compressed';
try {{
  decompressed = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}} catch (error) {{
  decompressed = 'DecompressionStream: ' + error.message;
}}
const body = JSON.parse(new TextDecoder().decode(bytes));
return [body.token, body.authorization, response.headers.get('content-encoding'), String(response.headers.get('content-length')), decompressed].map(hex);"#,
            url = server.url()
        );
        let measured = run_injected(&context, &server, &code, &["--json"]);
        measured.assert_exit(0);
        assert_no_credential(&measured);
        // `Bearer <token>` is a credential too, and goes whole.
        for expected in ["[REDACTED]", coding, "null"] {
            assert!(
                measured.stdout().contains(&format!("\"{}\"", hex(expected))),
                "{coding}: {expected}: {}",
                measured.describe()
            );
        }
    }
}

/// A body in a coding sandbox does not decode (`deflate`, `zstd`, several codings, an unknown
/// one), or asked for undecoded with `encodeResponseBody: "manual"`, could carry the credential
/// past the scrubber compressed: when the request carried a credential, the fetch rejects.
#[test]
fn undecodable_coding_with_a_credential_is_refused() {
    let context = TestContext::new();
    let server = TestServer::start();
    for (coding, init) in [
        ("deflate", "{}"),
        ("zstd", "{}"),
        ("gzip, gzip", "{}"),
        ("x-custom", "{}"),
        ("gzip", "{ encodeResponseBody: 'manual' }"),
    ] {
        let path = format!("/compressed?coding={}", coding.replace(' ', "%20"));
        let code = format!(
            r#"{}
const bytes = new TextEncoder().encode(seen.at(-1));
for (const format of ['gzip', 'deflate']) {{
  try {{
    seen.push(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format))).text());
  }} catch (error) {{
    seen.push(format + ': ' + error.message);
  }}
}}
return seen.map(hex);"#,
            read_everything(&server.url(), &path, init)
        );
        let measured = run_injected(&context, &server, &code, &["--outbound-log"]);
        measured.assert_exit(0);
        assert_no_credential(&measured);
        assert!(
            measured.stdout().contains(&hex("is only handed over decoded (gzip or br)")),
            "{coding}: {}",
            measured.describe()
        );
    }
}

/// A decompression bomb (64 MiB of zeros in 400 KiB of gzip) stops at the response body limit
/// of 32 MiB, counted after decoding, when the code streams it and throws the chunks away;
/// buffered whole, it stops at the memory limit first (32 MiB of chunks in a 32 MB run). The
/// process stays within the memory bound either way.
#[test]
fn decompression_bomb_stops_at_the_body_limit() {
    let context = TestContext::new();
    let server = TestServer::start();
    let url = format!("{}/bomb?coding=gzip&mib=64", server.url());
    let streamed = format!(
        "const reader = (await fetch('{url}')).body.getReader(); let total = 0; for (;;) {{ const {{ done, value }} = await reader.read(); if (done) break; total += value.byteLength; }} return total;"
    );
    let measured = run_injected(&context, &server, &streamed, &[]);
    measured.assert_exit(1);
    assert!(measured.stderr().contains("is larger than the limit of 32MiB"), "{}", measured.describe());
    assert_no_credential(&measured);
    let buffered = run_injected(&context, &server, &format!("await (await fetch('{url}')).arrayBuffer()"), &[]);
    buffered.assert_exit(3);
    assert!(buffered.stderr().contains("stopped at the memory limit of 32MiB"), "{}", buffered.describe());
    assert_no_credential(&buffered);
}

/// The brotli decoder's window (up to 16 MiB) counts against the run's memory limit: a
/// stream with the largest window, read chunk by chunk and thrown away, stops the run at a
/// 16 MB limit (exit 3) instead of holding memory outside it.
#[test]
fn brotli_window_counts_against_the_memory_limit() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        "const reader = (await fetch('{}/bomb?coding=br&mib=20')).body.getReader(); let total = 0; for (;;) {{ const {{ done, value }} = await reader.read(); if (done) break; total += value.byteLength; }} return total;",
        server.url()
    );
    let measured = run_injected_with_memory(&context, &server, &code, &[], "16MB");
    measured.assert_exit(3);
    assert!(measured.stderr().contains("memory"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(16 * MEBIBYTE));
    assert_no_credential(&measured);
}
