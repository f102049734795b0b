//! The outbound policy, end to end against a real HTTP server on 127.0.0.1: nothing leaves
//! without `--allow-net`, every hop is checked, and injected credentials reach only their host
//! and never the code or the output.

use crate::support::TestContext;
use crate::support::http::TestServer;
use crate::support::output;

fn run(context: &TestContext, code: &str, flags: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["-"];
    arguments.extend_from_slice(flags);
    let result = output(&mut context.run(&arguments), Some(code.as_bytes()));
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// Without `--allow-net`, fetch rejects with a TypeError naming the flag, and the server sees
/// no connection.
#[test]
fn no_network_by_default() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!("await fetch('{}/hello')", server.url());
    let (status, _, stderr) = run(&context, &code, &[]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("Uncaught TypeError: Network access is disabled"), "{stderr}");
    assert!(stderr.contains(&format!("--allow-net {}", server.address.ip())), "{stderr}");
    assert!(server.received().is_empty());
}

/// An allowed host is reachable: status, headers, streamed and JSON bodies, POST bodies.
#[test]
fn allowed_host_works() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        r#"const base = '{}';
const hello = await fetch(base + '/hello');
const echo = await (await fetch(base + '/echo?x=1', {{ method: 'POST', body: JSON.stringify({{ a: 1 }}), headers: {{ 'x-custom': 'yes' }} }})).json();
const streamed = await (await fetch(base + '/stream')).text();
({{ status: hello.status, type: hello.headers.get('content-type'), text: await hello.text(), echo: [echo.method, echo.path, echo.body, echo.headers.find(([name]) => name === 'x-custom')], streamed }})"#,
        server.url()
    );
    let (status, stdout, stderr) = run(&context, &code, &["--allow-net", &server.host()]);
    assert_eq!(status, 0, "{stderr}");
    let result: serde_json::Value = serde_json::from_str(&stdout).expect("JSON result");
    assert_eq!(result["status"], 200);
    assert_eq!(result["text"], "hello from the test server");
    assert_eq!(result["echo"], serde_json::json!(["POST", "/echo?x=1", "{\"a\":1}", ["x-custom", "yes"]]));
    assert_eq!(result["streamed"], "one\ntwo\nthree\n");
    let requests: Vec<_> =
        server.received().iter().map(|request| (request.method.clone(), request.path.clone())).collect();
    assert_eq!(
        requests,
        [("GET", "/hello"), ("POST", "/echo?x=1"), ("GET", "/stream")]
            .map(|(method, path)| (method.to_owned(), path.to_owned()))
    );
}

/// Another spelling of an allowed host does not get through: an IP literal needs its own
/// entry, whatever way it is written; a name allows only that name; other ports are refused.
#[test]
fn other_spellings_are_refused() {
    let context = TestContext::new();
    let server = TestServer::start();
    let port = server.address.port();
    for url in [
        format!("http://127.0.0.1:{port}/hello"),
        format!("http://0x7f.0.0.1:{port}/hello"),
        format!("http://2130706433:{port}/hello"),
        format!("http://[::ffff:127.0.0.1]:{port}/hello"),
        format!("http://localhost:{}/hello", port + 1),
    ] {
        let (status, _, stderr) =
            run(&context, &format!("await fetch('{url}')"), &["--allow-net", &format!("localhost:{port}")]);
        assert_eq!(status, 1, "{url}: {stderr}");
        assert!(stderr.contains("is not an allowed host"), "{url}: {stderr}");
    }
    // The name itself works, and is listed explicitly, so it may resolve to loopback.
    let (status, stdout, stderr) = run(
        &context,
        &format!("(await fetch('http://localhost:{port}/hello')).status"),
        &["--allow-net", &format!("localhost:{port}")],
    );
    assert_eq!((status, stdout.trim()), (0, "200"), "{stderr}");
    assert_eq!(server.received().len(), 1);
}

/// A redirect from an allowed host to a blocked one is refused at the hop, and the blocked
/// server is never contacted.
#[test]
fn redirect_to_blocked_host() {
    let context = TestContext::new();
    let allowed = TestServer::start();
    let blocked = TestServer::start();
    let code = format!("await fetch('{}/redirect?to={}/hello')", allowed.url(), blocked.url());
    let (status, _, stderr) = run(&context, &code, &["--allow-net", &allowed.host()]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("Redirected to a host that is not allowed"), "{stderr}");
    assert_eq!(allowed.received().len(), 1);
    assert!(blocked.received().is_empty());
}

/// An injected credential reaches its host, is never visible to the code (not in the
/// request's headers, scrubbed from the response's headers and body), is not sent across a
/// redirect to another host, and appears nowhere in stdout or stderr.
#[test]
fn injected_credentials_stay_hidden() {
    let context = TestContext::new();
    let api = TestServer::start();
    let other = TestServer::start();
    let secret = "s3cret-token-value-1234";
    let code = format!(
        r#"const request = new Request('{api}/secret-echo');
const response = await fetch(request);
const body = await response.text();
console.log('the code saw', body, response.headers.get('x-echo'), [...request.headers]);
await fetch('{api}/redirect?to={other}/echo');
({{ body, echoed: response.headers.get('x-echo') }})"#,
        api = api.url(),
        other = other.url()
    );
    let mut command = context.run(&[
        "-",
        "--allow-net",
        &api.host(),
        "--allow-net",
        &other.host(),
        "--inject-header",
        &format!("{}: Authorization=Bearer $API_TOKEN", api.host()),
        "--outbound-log",
        "--json",
    ]);
    command.env("API_TOKEN", secret);
    let result = output(&mut command, Some(code.as_bytes()));
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stdout}{stderr}");
    assert!(!stdout.contains(secret) && !stderr.contains(secret), "the secret leaked: {stdout}{stderr}");
    assert!(stdout.contains(r#""body":"you sent: [REDACTED]","echoed":"[REDACTED]""#), "{stdout}");
    assert!(stdout.contains(&format!("{}/echo", other.url())), "the final hop is logged: {stdout}");
    let api_auth: Vec<_> = api
        .received()
        .iter()
        .flat_map(|request| request.headers.clone())
        .filter(|(name, _)| name == "authorization")
        .collect();
    assert_eq!(api_auth, vec![("authorization".to_owned(), format!("Bearer {secret}")); 2]);
    assert!(other.received().iter().all(|request| request.headers.iter().all(|(name, _)| name != "authorization")));
    assert_eq!(other.received().len(), 1);
}

/// Thousands of parallel fetches are capped (concurrency and total), and the run still ends.
#[test]
fn parallel_fetches_are_capped() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        "const results = await Promise.allSettled(Array.from({{ length: 1000 }}, () => fetch('{}/hello').then((r) => r.text())));\n\
         const rejected = results.filter((r) => r.status === 'rejected');\n\
         ({{ ok: results.length - rejected.length, reasons: [...new Set(rejected.map((r) => r.reason.message.split(':')[0]))] }})",
        server.url()
    );
    let (status, stdout, stderr) = run(&context, &code, &["--allow-net", &server.host()]);
    assert_eq!(status, 0, "{stderr}");
    let result: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert!(result["ok"].as_u64().unwrap_or(0) <= 6, "{stdout}");
    assert!(stdout.contains("Too many concurrent subrequests"), "{stdout}");
    assert!(server.received().len() <= 50);
}

/// A body streamed slowly reads to its end with `getReader()`, with a BYOB reader and with
/// `for await`, also while a credential is injected (the scrubber then holds small chunks
/// back): no read is left pending with nothing to settle it.
#[test]
fn slowly_streamed_body_reads_to_the_end() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        r#"const url = '{}/slow';
const decoder = new TextDecoder();
const reader = (await fetch(url)).body.getReader();
let read = '';
for (;;) {{ const {{ done, value }} = await reader.read(); if (done) break; read += decoder.decode(value); }}
const byob = (await fetch(url)).body.getReader({{ mode: 'byob' }});
let bytes = 0;
for (;;) {{ const {{ done, value }} = await byob.read(new Uint8Array(4)); if (done) break; bytes += value.byteLength; }}
let iterated = '';
for await (const chunk of (await fetch(url)).body) iterated += decoder.decode(chunk);
({{ read, bytes, iterated }})"#,
        server.url()
    );
    let expected = serde_json::json!({ "read": "chunk0\nchunk1\nchunk2\nchunk3\n", "bytes": 28, "iterated": "chunk0\nchunk1\nchunk2\nchunk3\n" });
    let (status, stdout, stderr) = run(&context, &code, &["--allow-net", &server.host()]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON"), expected);
    let mut command = context.run(&[
        "-",
        "--allow-net",
        &server.host(),
        "--inject-header",
        &format!("{}: Authorization=Bearer $API_TOKEN", server.host()),
    ]);
    command.env("API_TOKEN", "s3cret-token-value-1234");
    let result = output(&mut command, Some(code.as_bytes()));
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&result.stdout).expect("JSON"), expected);
}

/// Response bodies are decoded as workerd decodes them (checked against workerd 1.20261117):
/// `gzip` and `br`, with `Content-Encoding` and `Content-Length` left as they came; another
/// coding, or `encodeResponseBody: "manual"`, hands the body over as it came, for the code to
/// decode itself. Without an injected credential nothing is refused.
#[test]
fn content_codings_as_in_workerd() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        r#"const url = '{}/compressed?coding=';
const decompress = async (response, format) =>
  JSON.parse(await new Response(response.body.pipeThrough(new DecompressionStream(format))).text()).padding.length;
const results = {{}};
for (const coding of ['gzip', 'br']) {{
  const response = await fetch(url + coding);
  const compressedLength = Number(response.headers.get('content-length'));
  const text = await response.text();
  results[coding] = [response.headers.get('content-encoding'), compressedLength > 0 && compressedLength !== text.length, JSON.parse(text).padding.length];
}}
results.deflate = await decompress(await fetch(url + 'deflate'), 'deflate');
results.manual = await decompress(await fetch(url + 'gzip', {{ encodeResponseBody: 'manual' }}), 'gzip');
results.bogus = (() => {{ try {{ new Request(url, {{ encodeResponseBody: 'bogus' }}); }} catch (error) {{ return String(error); }} }})();
results"#,
        server.url()
    );
    let (status, stdout, stderr) = run(&context, &code, &["--allow-net", &server.host()]);
    assert_eq!(status, 0, "{stderr}");
    let expected = serde_json::json!({
        "gzip": ["gzip", true, 1000],
        "br": ["br", true, 1000],
        "deflate": 1000,
        "manual": 1000,
        "bogus": "TypeError: encodeResponseBody: unexpected value: bogus",
    });
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON"), expected);
}

/// An endless response body is cut off at the size limit.
#[test]
fn endless_body_is_contained() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!("await (await fetch('{}/endless')).arrayBuffer()", server.url());
    let (status, _, stderr) = run(&context, &code, &["--allow-net", &server.host()]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("larger than the limit of 32MiB"), "{stderr}");
}

/// `--outbound-log` lists each request without query values.
#[test]
fn outbound_log() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        "await (await fetch('{}/hello?token=abc')).text(); await fetch('https://blocked.example/').catch(() => null); 'done'",
        server.url()
    );
    let (status, stdout, stderr) = run(&context, &code, &["--allow-net", &server.host(), "--outbound-log"]);
    assert_eq!((status, stdout.as_str()), (0, "done\n"), "{stderr}");
    assert!(stderr.contains(&format!("outbound: GET {}/hello?token=… -> 200, 26B", server.url())), "{stderr}");
    assert!(
        stderr.contains("outbound: GET https://blocked.example/ -> failed: `blocked.example` is not an allowed host"),
        "{stderr}"
    );
    assert!(!stderr.contains("abc"));
}

/// A subrequest cap set with `--max-subrequests` rejects the request over it.
#[test]
fn subrequest_cap() {
    let context = TestContext::new();
    let server = TestServer::start();
    let code = format!(
        "const base = '{}'; await fetch(base + '/hello'); await fetch(base + '/hello'); await fetch(base + '/hello')",
        server.url()
    );
    let (status, _, stderr) = run(&context, &code, &["--allow-net", &server.host(), "--max-subrequests", "2"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("Too many subrequests: a run may make at most 2"), "{stderr}");
    assert_eq!(server.received().len(), 2);
}

/// Invalid network flags are usage errors (exit 2), and so is an injection whose variable is
/// not set.
#[test]
fn network_flag_errors() {
    let context = TestContext::new();
    for (flags, expected) in [
        (vec!["--allow-net", "https://example.com"], "is a URL"),
        (vec!["--allow-net", "a.*.com"], "wildcard"),
        (vec!["--inject-header", "example.com Authorization"], "should look like"),
        (
            vec!["--inject-header", "example.com: Authorization=Bearer $SANDBOX_UNSET_TOKEN"],
            "`SANDBOX_UNSET_TOKEN` is not set",
        ),
    ] {
        let (status, _, stderr) = run(&context, "1", &flags);
        assert_eq!(status, 2, "{flags:?}: {stderr}");
        assert!(stderr.contains(expected), "{flags:?}: {stderr}");
    }
}

/// `HTTP_PROXY` is honoured: an allowed request goes through the proxy, which sees the
/// absolute URL, and the target itself is not contacted directly.
#[test]
fn requests_go_through_the_proxy() {
    let context = TestContext::new();
    let proxy = TestServer::start();
    let target = TestServer::start();
    let code = format!("await (await fetch('{}/hello')).text()", target.url());
    let mut command = context.run(&["-", "--allow-net", &target.host()]);
    command.env("HTTP_PROXY", proxy.url());
    let result = output(&mut command, Some(code.as_bytes()));
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(String::from_utf8_lossy(&result.stdout), "hello from the test server\n");
    let proxied: Vec<_> = proxy.received().iter().map(|request| request.target.clone()).collect();
    assert_eq!(proxied, vec![format!("{}/hello", target.url())]);
    assert!(target.received().is_empty());
}

/// An https URL goes through `HTTPS_PROXY` (a real CONNECT proxy), and the server's
/// certificate is checked against the operating system's store plus `NODE_EXTRA_CA_CERTS`:
/// without the test's CA the fetch fails on the certificate.
#[test]
fn https_through_the_proxy_with_extra_certificates() {
    let context = TestContext::new();
    let ca = context.temp.path().join("ca.pem");
    let registry = crate::support::registry::TestRegistry::start_tls(&ca);
    registry.publish("proxied", "1.0.0", serde_json::json!({}), &[]);
    let proxy = crate::support::registry::ConnectProxy::start();
    let host = format!("localhost:{}", registry.address.port());
    let code =
        format!("const response = await fetch('{}proxied'); return (await response.json()).name", registry.url());

    let mut command = context.run(&["-", "--allow-net", &host]);
    command.env("HTTPS_PROXY", proxy.url());
    let result = output(&mut command, Some(code.as_bytes()));
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("certificate"), "{stderr}");

    let mut command = context.run(&["-", "--allow-net", &host]);
    command.env("HTTPS_PROXY", proxy.url()).env("NODE_EXTRA_CA_CERTS", &ca);
    let result = output(&mut command, Some(code.as_bytes()));
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(String::from_utf8_lossy(&result.stdout), "proxied\n");
    assert!(
        !proxy.targets().is_empty() && proxy.targets().iter().all(|target| *target == host),
        "{:?}",
        proxy.targets()
    );
}

/// Node.js's `http` sends through the same outbound policy: refused without `--allow-net`
/// (the server sees nothing), and with it the request, its body and headers reach the server,
/// and an injected credential is added outside the isolate, never seen by the code.
#[test]
fn node_http_goes_through_the_outbound_policy() {
    let context = TestContext::new();
    let server = TestServer::start();
    let secret = "node-http-secret-5678";
    let code = format!(
        r#"import http from "node:http";
const answer = await new Promise((resolve, reject) => {{
  const request = http.request('{url}/echo?via=node', {{ method: 'POST', headers: {{ 'x-custom': 'yes' }} }}, (response) => {{
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => body += chunk);
    response.on('end', () => resolve([response.statusCode, response.headers['content-type'], JSON.parse(body)]));
  }});
  request.on('error', reject);
  request.write('part one, ');
  request.end('part two');
}});
const [status, type, echo] = answer;
({{ status, type, method: echo.method, path: echo.path, body: echo.body, custom: echo.headers.find(([name]) => name === 'x-custom') }})"#,
        url = server.url()
    );
    let (status, _, stderr) = run(&context, &code, &[]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("Network access is disabled"), "{stderr}");
    assert!(server.received().is_empty());

    let mut command = context.run(&[
        "-",
        "--allow-net",
        &server.host(),
        "--inject-header",
        &format!("{}: Authorization=Bearer $NODE_HTTP_TOKEN", server.host()),
    ]);
    command.env("NODE_HTTP_TOKEN", secret);
    let result = output(&mut command, Some(code.as_bytes()));
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stdout}{stderr}");
    assert!(!stdout.contains(secret) && !stderr.contains(secret), "the secret leaked: {stdout}{stderr}");
    let result: serde_json::Value = serde_json::from_str(&stdout).expect("JSON result");
    assert_eq!(result["status"], 200, "{result}");
    assert_eq!(result["method"], "POST");
    assert_eq!(result["path"], "/echo?via=node");
    assert_eq!(result["body"], "part one, part two");
    assert_eq!(result["custom"], serde_json::json!(["x-custom", "yes"]));
    let sent: Vec<_> = server
        .received()
        .iter()
        .flat_map(|request| request.headers.clone())
        .filter(|(name, _)| name == "authorization")
        .collect();
    assert_eq!(sent, vec![("authorization".to_owned(), format!("Bearer {secret}"))]);
}
