//! Capabilities end to end, against real servers started here: the reference MCP server
//! (`@modelcontextprotocol/server-everything`, over stdio), a server on the official
//! TypeScript SDK whose tools misbehave on purpose (`tests/fixtures/mcp/misbehaving.mjs`), the
//! tests' own `rmcp` server over Streamable HTTP (`capabilities/tests/support/server.rs`), an
//! HTTP service and an OpenAPI spec with a server behind it, both on 127.0.0.1. Each asserts
//! results, errors, limits, binary values, and that no secret of a server's environment or
//! headers reaches the code or the output.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::support::http::TestServer;
use crate::support::{TestContext, output, repository_root};

/// The tests' rmcp server (the capabilities crate's), reused here over Streamable HTTP.
#[path = "../../capabilities/tests/support/server.rs"]
#[allow(dead_code, clippy::print_stderr, clippy::exit, reason = "the stdio half is the capabilities tests'")]
mod rmcp_server;

const TOKEN: &str = "tok-abcdef-123456";

/// Runs `code` from stdin with `flags`: exit code, stdout, stderr.
fn run(context: &TestContext, code: &str, flags: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["-", "--timeout", "20s"];
    arguments.extend_from_slice(flags);
    let result = output(&mut context.run(&arguments), Some(code.as_bytes()));
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

fn node_script(name: &str) -> String {
    repository_root().join(name).display().to_string()
}

/// A `.mcp.json` with the reference server and the misbehaving one, whose environments hold
/// a token (`approve` makes `bad.echo` ask first).
fn config(context: &TestContext) -> PathBuf {
    let everything = node_script("tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    let misbehaving = node_script("tests/fixtures/mcp/misbehaving.mjs");
    let config = json!({ "mcpServers": {
        "everything": { "command": "node", "args": [everything], "env": { "EVERYTHING_TOKEN": "${E2E_TOOL_TOKEN}" } },
        "bad": { "command": "node", "args": [misbehaving], "env": { "MISBEHAVING_TOKEN": TOKEN }, "approve": ["echo"] },
    }});
    context.write("mcp.json", config.to_string())
}

fn with_token(context: &TestContext, code: &str, flags: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["-", "--timeout", "20s"];
    arguments.extend_from_slice(flags);
    let mut command = context.run(&arguments);
    command.env("E2E_TOOL_TOKEN", TOKEN);
    let result = output(&mut command, Some(code.as_bytes()));
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// The reference server's tools as globals of agent code and as `env` of a module: text,
/// structured content, a binary image as a Uint8Array, and arguments checked against the
/// input schema before they leave (the server never sees a bad call).
#[test]
#[cfg_attr(not(mcp_everything), ignore = "node or tests/mcp is missing: npm ci --prefix tests/mcp")]
fn reference_server_over_stdio() {
    let context = TestContext::new();
    let config = config(&context);
    let config = config.to_str().expect("a UTF-8 path");
    let code = r#"
        const echo = await everything.echo({ message: "hi" });
        const weather = await everything.get_structured_content({ location: "New York" });
        const image = await everything.get_tiny_image();
        const block = image.find((block) => block.type === "image");
        return { echo, weather: typeof weather.temperature, binary: block.data instanceof Uint8Array,
          png: [...block.data.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join("") };
    "#;
    let (status, stdout, stderr) = with_token(&context, code, &["--mcp-config", config]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).expect("JSON"),
        json!({ "echo": "Echo: hi", "weather": "number", "binary": true, "png": "PNG" })
    );

    let module = context.write(
        "agent.js",
        "export default { async run(env) { return [typeof globalThis.everything, await env.everything.get_sum({ a: 2, b: 3 })]; } };",
    );
    let ran =
        output(&mut context.run(&[module.to_str().expect("UTF-8"), "--method", "run", "--mcp-config", config]), None);
    assert_eq!(ran.status.code(), Some(2), "no token: the config's ${{E2E_TOOL_TOKEN}} is unset");
    assert!(
        String::from_utf8_lossy(&ran.stderr).contains("E2E_TOOL_TOKEN"),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let mut command = context.run(&[module.to_str().expect("UTF-8"), "--method", "run", "--mcp-config", config]);
    command.env("E2E_TOOL_TOKEN", TOKEN);
    let ran = output(&mut command, None);
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), r#"["undefined","The sum of 2 and 3 is 5."]"#);

    let (status, _, stderr) =
        with_token(&context, "return await everything.get_sum({ a: 'x' })", &["--mcp-config", config]);
    assert_eq!(status, 1);
    assert!(stderr.contains("TypeError: everything.get_sum: Invalid arguments"), "{stderr}");
    assert!(stderr.contains("\"b\" is a required property"), "{stderr}");
}

/// A server's environment holds only PATH, HOME, the locale and its own `env`; its token is
/// in none of what the code gets, the JSON envelope or the messages, even when the server
/// echoes it or prints it as it dies.
#[test]
#[cfg_attr(not(mcp_everything), ignore = "node or tests/mcp is missing: npm ci --prefix tests/mcp")]
fn secrets_stay_outside() {
    let context = TestContext::new();
    let config = config(&context);
    let config = config.to_str().expect("a UTF-8 path");
    let (status, stdout, stderr) = with_token(&context, "return await bad.env()", &["--mcp-config", config, "--json"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    let envelope: Value = serde_json::from_str(&stdout).expect("JSON");
    let names = envelope["result"]["names"].as_array().expect("names").clone();
    assert!(
        names.iter().all(|name| ["HOME", "LANG", "MISBEHAVING_TOKEN", "PATH"].contains(&name.as_str().unwrap_or(""))
            || name.as_str().unwrap_or("").starts_with("LC_")),
        "{names:?}"
    );
    assert_eq!(envelope["result"]["token"], "[REDACTED]");
    let code = "const env = await everything.get_env(); return JSON.stringify(env).includes('tok-abc')";
    let (status, stdout, stderr) = with_token(&context, code, &["--mcp-config", config]);
    assert_eq!((status, stdout.trim()), (0, "false"), "{stderr}");
    let (status, stdout, stderr) = with_token(&context, "return await bad.crash()", &["--mcp-config", config]);
    assert_eq!(status, 1);
    assert!(stderr.contains("ToolError: bad.crash: The MCP server `bad` is not running"), "{stderr}");
    assert!(stderr.contains("[REDACTED]"), "{stderr}");
    for text in [&stdout, &stderr] {
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
    }
}

/// A hung tool times out (the run goes on), a call left pending is cancelled and reported,
/// calls past the limit are refused, and every call is in `--json`'s `tool_calls`.
#[test]
#[cfg_attr(not(mcp_everything), ignore = "node or tests/mcp is missing: npm ci --prefix tests/mcp")]
fn limits_and_hung_tools() {
    let context = TestContext::new();
    let config = config(&context);
    let config = config.to_str().expect("a UTF-8 path");
    let code = "try { await bad.hang() } catch (error) { return error.name + ': ' + error.message }";
    let (status, stdout, stderr) = with_token(&context, code, &["--mcp-config", config, "--tool-timeout", "500ms"]);
    assert_eq!(
        (status, stdout.trim()),
        (0, "TimeoutError: bad.hang: the tool did not answer within 500ms"),
        "{stderr}"
    );

    let (status, _, stderr) = with_token(&context, "bad.hang(); return 1", &["--mcp-config", config]);
    assert_eq!(status, 1);
    assert!(stderr.contains("was still pending (`bad.hang`)") && stderr.contains("Await every tool call"), "{stderr}");

    let code = "const out = []; for (let i = 0; i < 3; i++) { try { await everything.echo({ message: String(i) }); out.push('ok') } catch (error) { out.push(error.name) } } return out";
    let flags = ["--mcp-config", config, "--max-tool-calls", "2", "--json", "--log-tool-args"];
    let (status, stdout, _) = with_token(&context, code, &flags);
    assert_eq!(status, 0);
    let envelope: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(envelope["result"], json!(["ok", "ok", "RangeError"]));
    let calls = envelope["tool_calls"].as_array().expect("tool_calls");
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert_eq!(calls[0]["tool"], "everything.echo");
    assert_eq!(calls[0]["outcome"], "ok");
    assert_eq!(calls[0]["arguments"], json!({ "message": "0" }));
    assert_eq!(calls[2]["outcome"], "refused");

    let (status, stdout, _) = with_token(
        &context,
        "return (await bad.big({ size: 100000 })).length",
        &["--mcp-config", config, "--max-tool-result", "10KB"],
    );
    assert_eq!(status, 1, "{stdout}");
}

/// A tool marked `approve` is refused without a terminal, with the flag that grants it, and
/// runs with that flag.
#[test]
#[cfg_attr(not(mcp_everything), ignore = "node or tests/mcp is missing: npm ci --prefix tests/mcp")]
fn approval() {
    let context = TestContext::new();
    let config = config(&context);
    let config = config.to_str().expect("a UTF-8 path");
    let code = "return await bad.echo({ message: 'careful' })";
    let (status, _, stderr) = with_token(&context, code, &["--mcp-config", config]);
    assert_eq!(status, 1);
    assert!(stderr.contains("ToolApprovalError: bad.echo:") && stderr.contains("--approve bad.echo"), "{stderr}");
    let (status, stdout, stderr) = with_token(&context, code, &["--mcp-config", config, "--approve", "bad.*"]);
    assert_eq!((status, stdout.trim()), (0, "careful"), "{stderr}");
}

/// The tests' rmcp server over Streamable HTTP with a bearer token from the configuration:
/// results, structured content, an error result (quoting a secret), names made identifiers.
#[test]
fn rmcp_server_over_streamable_http() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    let address = runtime.block_on(rmcp_server::serve_http());
    let context = TestContext::new();
    let config = json!({ "mcpServers": { "test-server": {
        "url": format!("http://{address}/mcp"),
        "headers": { "Authorization": format!("Bearer {}", rmcp_server::HTTP_TOKEN) },
    }}});
    let config = context.write("http.json", config.to_string());
    let config = config.to_str().expect("a UTF-8 path");
    let code = r#"
        const sum = await test_server.add({ a: 1.5, b: 2 });
        const name = await test_server.get_user_name();
        const image = await test_server.image();
        let failed;
        try { await test_server.fail() } catch (error) { failed = error.name }
        return { sum, name, bytes: [...image[1].data], failed };
    "#;
    let (status, stdout, stderr) = run(&context, code, &["--mcp-config", config]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).expect("JSON"),
        json!({ "sum": { "sum": 3.5 }, "name": "ada", "bytes": [0, 1, 2, 255], "failed": "ToolError" })
    );
    let (status, stdout, stderr) = run(&context, "return 1", &["--mcp-config", config, "--verbose"]);
    assert_eq!(status, 0);
    assert!(stderr.contains("tools: test_server (MCP server, 8 tools)"), "{stderr}");
    assert!(!stdout.contains(rmcp_server::HTTP_TOKEN) && !stderr.contains(rmcp_server::HTTP_TOKEN));

    let wrong = json!({ "mcpServers": { "test-server": { "url": format!("http://{address}/mcp") } } });
    let wrong = context.write("wrong.json", wrong.to_string());
    let (status, _, stderr) = run(&context, "return 1", &["--mcp-config", wrong.to_str().expect("UTF-8")]);
    assert_eq!(status, 4, "a server that refuses us is a setup failure: {stderr}");
    assert!(stderr.contains("MCP server `test-server` did not start"), "{stderr}");
}

/// `--service NAME=URL`: a Fetcher to that base, without `--allow-net`, with the credentials
/// of `--inject-header` added outside the sandbox and scrubbed from what comes back.
#[test]
fn service_bindings() {
    let server = TestServer::start();
    let context = TestContext::new();
    let base = format!("http://{}", server.address);
    let code = r#"
        const echo = await (await BILLING.fetch("/echo?x=1")).json();
        const secret = await (await BILLING.fetch("/secret-echo")).text();
        let refused;
        try { await fetch(new URL("/hello", "BASE")) } catch (error) { refused = error.name }
        return { path: echo.path, secret, refused };
    "#
    .replace("BASE", &base);
    let mut command = context.run(&[
        "-",
        "--service",
        &format!("BILLING={base}"),
        "--inject-header",
        &format!("{}: Authorization=Bearer $E2E_TOOL_TOKEN", server.address),
    ]);
    command.env("E2E_TOOL_TOKEN", TOKEN);
    let ran = output(&mut command, Some(code.as_bytes()));
    let stdout = String::from_utf8_lossy(&ran.stdout);
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
    let result: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(result["path"], "/echo?x=1");
    assert_eq!(result["secret"], "you sent: [REDACTED]", "the code sees no credential");
    assert!(!stdout.contains(TOKEN));
    let sent = server.received();
    assert!(
        sent.iter().all(|request| request
            .headers
            .iter()
            .any(|(name, value)| name == "authorization" && value == &format!("Bearer {TOKEN}"))),
        "the service got the credential: {sent:?}"
    );
    assert_eq!(result["refused"], "TypeError", "the service does not open the allow-list");
}

/// `--openapi NAME=FILE`: one method per operation, arguments checked against the schema,
/// requests through the outbound policy (refused without `--allow-net`), JSON results.
#[test]
fn openapi_specs() {
    let server = TestServer::start();
    let context = TestContext::new();
    let spec = json!({
        "openapi": "3.0.3",
        "info": { "title": "Echo", "version": "1", "description": "The test server" },
        "servers": [{ "url": "https://echo.invalid" }],
        "paths": {
            "/echo": { "post": {
                "operationId": "echoBack",
                "parameters": [{ "name": "x", "in": "query", "required": true, "schema": { "type": "integer" } }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] } } } },
                "responses": { "200": { "description": "the request", "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "method": { "type": "string" }, "path": { "type": "string" } } } } } } }
            } },
            "/status/{code}": { "get": {
                "operationId": "status",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "responses": { "200": { "description": "ok" } }
            } }
        }
    });
    let spec = context.write("echo.json", spec.to_string());
    let spec = format!("echo={}", spec.display());
    let base = format!("echo=http://{}", server.address);
    let code = r#"
        const echoed = await echo.echoBack({ x: 7, name: "ada" });
        let status, invalid;
        try { await echo.status({ code: 404 }) } catch (error) { status = error.name + ": " + error.message }
        try { await echo.echoBack({ x: "seven" }) } catch (error) { invalid = error.name }
        return { method: echoed.method, path: echoed.path, body: JSON.parse(echoed.body), status, invalid };
    "#;
    let address = server.address.to_string();
    let (status, stdout, stderr) =
        run(&context, code, &["--openapi", &spec, "--openapi-base", &base, "--allow-net", &address]);
    assert_eq!(status, 0, "{stderr}");
    let result: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(result["method"], "POST");
    assert_eq!(result["path"], "/echo?x=7");
    assert_eq!(result["body"], json!({ "name": "ada" }));
    assert!(
        result["status"].as_str().is_some_and(|text| text.starts_with("ToolError: echo.status: HTTP 404")),
        "{result}"
    );
    assert_eq!(result["invalid"], "TypeError");

    let (status, _, stderr) =
        run(&context, "return await echo.status({ code: 200 })", &["--openapi", &spec, "--openapi-base", &base]);
    assert_eq!(status, 1, "without --allow-net the request is refused");
    assert!(stderr.contains("--allow-net"), "{stderr}");

    let types = output(context.sandbox().args(["types", "--openapi", &spec]), None);
    let text = String::from_utf8_lossy(&types.stdout);
    assert_eq!(types.status.code(), Some(0), "{}", String::from_utf8_lossy(&types.stderr));
    assert!(text.contains("declare const echo: {") && text.contains("echoBack(input: echo.EchoBackInput)"), "{text}");
}

/// Setup errors name the file and the fix, and exit before any code runs.
#[test]
fn setup_errors() {
    let context = TestContext::new();
    let broken = context.write("broken.json", "{\"mcpServers\": {\"x\": {\"command\": 3}}}");
    let (status, _, stderr) = run(&context, "return 1", &["--mcp-config", broken.to_str().expect("UTF-8")]);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("broken.json") && stderr.contains("$.mcpServers.x"), "{stderr}");
    let (status, _, stderr) = run(&context, "return 1", &["--service", "not-an-identifier=http://127.0.0.1:1"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("must be a JavaScript identifier"), "{stderr}");
    let (status, _, stderr) = run(&context, "return 1", &["--service", "console=http://127.0.0.1:1"]);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("The binding `console` cannot also be a global"), "{stderr}");
    let (status, _, stderr) = run(&context, "return 1", &["--openapi", "x=/nonexistent/spec.json"]);
    assert_eq!(status, 4, "{stderr}");
    assert!(stderr.contains("/nonexistent/spec.json"), "{stderr}");
}
