//! `sandbox mcp` driven by real MCP clients: rmcp's client in Rust (here) over stdio and
//! Streamable HTTP, at revision 2026-07-28 (`server/discover`) and with the older
//! `initialize`; the official TypeScript client from npm (`tests/mcp/client`); and the MCP
//! conformance suite. Upstreams: the reference server (`server-everything`, over stdio) and
//! the tests' own rmcp server (over Streamable HTTP, no node needed).

use std::process::Command;

use serde_json::{Value, json};

use crate::support::mcp::{self, Client, HttpServer, TOKEN};
use crate::support::{TestContext, repository_root};

/// The tests' rmcp server (the capabilities crate's), an upstream over Streamable HTTP.
use crate::tools::rmcp_server;

/// A `.mcp.json` with the tests' rmcp server at `address`, whose `add` asks for approval.
fn rust_upstream(context: &TestContext, address: std::net::SocketAddr) -> String {
    let config = json!({ "mcpServers": { "test-server": {
        "url": format!("http://{address}/mcp"),
        "headers": { "Authorization": format!("Bearer {}", rmcp_server::HTTP_TOKEN) },
        "approve": ["add"],
    }}});
    context.write("rust.json", config.to_string()).display().to_string()
}

/// A `.mcp.json` with the reference server over stdio.
fn everything(context: &TestContext) -> String {
    let server = repository_root().join("tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    let config =
        json!({ "mcpServers": { "everything": { "command": "node", "args": [server.display().to_string()] } } });
    context.write("everything.json", config.to_string()).display().to_string()
}

/// Over stdio at 2026-07-28, with the reference server upstream: `execute` declares its tools
/// (from `sandbox types`), calls one, and shows the console output beside the result.
#[test]
#[cfg_attr(not(mcp_everything), ignore = "node or tests/mcp is missing: npm ci --prefix tests/mcp")]
fn stdio_with_the_reference_server() {
    let context = TestContext::new();
    let config = everything(&context);
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let session =
            mcp::stdio(context.sandbox(), &["--mcp-config", &config, "--quiet"], Client::new(None), true).await;
        let info = session.peer_info().expect("the server's info");
        assert_eq!(info.protocol_version.as_str(), "2026-07-28");
        assert_eq!(info.server_info.as_ref().map(|server| server.name.as_str()), Some("sandbox"));
        let tools = session.list_all_tools().await.expect("tools/list");
        let names: Vec<&str> = tools.iter().map(|tool| tool.name.as_ref()).collect();
        assert_eq!(names, ["execute"], "the declarations are small: no search and describe");
        let description = tools[0].description.as_deref().unwrap_or_default();
        assert!(description.contains("declare const everything: {"), "{description}");
        assert!(description.contains("echo(input: everything.EchoInput): Promise<unknown>;"), "{description}");
        let (result, text) = mcp::execute(
            &session,
            "const echo = await everything.echo({ message: 'hi' });\nconsole.log('called');\nreturn { echo }",
        )
        .await;
        assert_eq!(result.is_error, Some(false), "{text}");
        assert_eq!(text, "{\n  \"echo\": \"Echo: hi\"\n}\nConsole output:\n[log] called");
        session.cancel().await.expect("close");
    });
}

/// Over Streamable HTTP at 2026-07-28, with the rmcp server upstream (over HTTP too): a tool
/// call, and the same server with an `initialize` client of an older revision.
#[test]
fn http_with_an_http_upstream() {
    let runtime = mcp::runtime();
    let upstream = runtime.block_on(rmcp_server::serve_http());
    let context = TestContext::new();
    let config = rust_upstream(&context, upstream);
    let server =
        HttpServer::start(context.sandbox(), context.temp.path(), &["--mcp-config", &config, "--approve", "*"]);
    runtime.block_on(async {
        for modern in [true, false] {
            let session = mcp::http(server.address, Client::new(None), modern).await;
            let version = session.peer_info().expect("the server's info").protocol_version.clone();
            assert_eq!(version.as_str() == "2026-07-28", modern, "{version:?}");
            let (result, text) =
                mcp::execute(&session, "return [await test_server.add({ a: 1.5, b: 2 }), typeof fetch]").await;
            assert_eq!(result.is_error, Some(false), "{text}");
            assert_eq!(
                serde_json::from_str::<Value>(&text).expect("JSON"),
                json!([{ "sum": 3.5 }, "function"]),
                "{text}"
            );
            session.cancel().await.expect("close");
        }
    });
    let log = server.log.lock().unwrap().join("\n");
    assert!(!log.contains(rmcp_server::HTTP_TOKEN) && !log.contains(TOKEN), "{log}");
}

/// A catalogue larger than `--search-threshold` is disclosed on demand: `execute` names the
/// sources only, `search` finds tools by keyword with one-line signatures, and `describe`
/// gives the declarations of the tools it names.
#[test]
fn search_and_describe_for_a_large_catalogue() {
    let runtime = mcp::runtime();
    let upstream = runtime.block_on(rmcp_server::serve_http());
    let context = TestContext::new();
    let config = rust_upstream(&context, upstream);
    runtime.block_on(async {
        let flags = ["--mcp-config", &config, "--search-threshold", "0", "--quiet"];
        let session = mcp::stdio(context.sandbox(), &flags, Client::new(None), true).await;
        let tools = session.list_all_tools().await.expect("tools/list");
        let names: Vec<&str> = tools.iter().map(|tool| tool.name.as_ref()).collect();
        assert_eq!(names, ["execute", "search", "describe"]);
        let description = tools[0].description.as_deref().unwrap_or_default();
        assert!(description.contains("- `test_server` (8 tools)"), "{description}");
        assert!(!description.contains("declare const"), "{description}");
        let call = |name: &'static str, arguments: Value| {
            let session = &session;
            async move {
                let params = rmcp::model::CallToolRequestParams::new(name)
                    .with_arguments(arguments.as_object().expect("an object").clone());
                let result = session.call_tool(params).await.expect("a result");
                (result.is_error, result.content[0].as_text().expect("text").text.clone())
            }
        };
        let (_, found) = call("search", json!({ "query": "add numbers" })).await;
        assert!(found.starts_with("test_server.add(input) — Adds two numbers\n"), "{found}");
        let (_, declared) = call("describe", json!({ "tools": ["test_server.add"] })).await;
        assert!(declared.contains("add(input: test_server.AddInput): Promise<test_server.AddOutput>;"), "{declared}");
        assert!(!declared.contains("echo("), "{declared}");
        let (is_error, unknown) = call("describe", json!({ "tools": ["test_server.nope"] })).await;
        assert_eq!(is_error, Some(true));
        assert!(unknown.contains("No such tool: test_server.nope"), "{unknown}");
        session.cancel().await.expect("close");
    });
}

/// A tool marked `approve` turns the call into a question to the client, and the answer
/// resumes the run that asked: its side effects before the question happen once (the console
/// shows `before` once). Revision 2026-07-28 gets an `input_required` result and retries
/// with the answer; an older client is asked with `elicitation/create`. Refusals, and a client
/// that cannot be asked, fail the tool call and name `--approve`.
#[test]
fn approval_round_trip() {
    let runtime = mcp::runtime();
    let upstream = runtime.block_on(rmcp_server::serve_http());
    let context = TestContext::new();
    let config = rust_upstream(&context, upstream);
    let code = "console.log('before');\nlet sum;\ntry { sum = await test_server.add({ a: 2, b: 3 }) } catch (error) { sum = `${error.name}: ${error.message}` }\nconsole.log('after');\nreturn sum";
    runtime.block_on(async {
        for modern in [true, false] {
            let client = Client::new(Some(true));
            let asked = client.asked.clone();
            let session = mcp::stdio(context.sandbox(), &["--mcp-config", &config, "--quiet"], client, modern).await;
            let (result, text) = mcp::execute(&session, code).await;
            assert_eq!(result.is_error, Some(false), "{text}");
            assert_eq!(text, "{\n  \"sum\": 5\n}\nConsole output:\n[log] before\n[log] after", "modern: {modern}");
            let asked = asked.lock().unwrap().clone();
            assert_eq!(asked.len(), 1, "{asked:?}");
            assert!(asked[0].starts_with("The code wants to call test_server.add with these arguments:"), "{asked:?}");
            assert!(asked[0].contains("\"a\": 2"), "{asked:?}");
            session.cancel().await.expect("close");
        }
        let refusing =
            mcp::stdio(context.sandbox(), &["--mcp-config", &config, "--quiet"], Client::new(Some(false)), true).await;
        let (_, text) = mcp::execute(&refusing, code).await;
        assert!(text.contains("\"ToolApprovalError: test_server.add: the call was not approved\""), "{text}");
        refusing.cancel().await.expect("close");
        let mute = mcp::stdio(context.sandbox(), &["--mcp-config", &config, "--quiet"], Client::new(None), true).await;
        let (_, text) = mcp::execute(&mute, code).await;
        assert!(text.contains("this MCP client cannot be asked"), "{text}");
        assert!(text.contains("--approve test_server.add"), "{text}");
        mute.cancel().await.expect("close");
    });
}

/// A large result is cut to `--max-result-chars` structurally (valid JSON, the first items
/// kept, a marker counting the rest); a long string is cut with its length.
#[test]
fn truncated_large_result() {
    let context = TestContext::new();
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let session =
            mcp::stdio(context.sandbox(), &["--max-result-chars", "2000", "--quiet"], Client::new(None), true).await;
        let (result, text) =
            mcp::execute(&session, "return Array.from({ length: 5000 }, (_, id) => ({ id, name: `item ${id}` }))")
                .await;
        assert_eq!(result.is_error, Some(false));
        assert!(text.chars().count() <= 2000, "{} characters", text.chars().count());
        let items: Vec<Value> = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(items[0], json!({ "id": 0, "name": "item 0" }));
        let marker = items.last().and_then(Value::as_str).expect("a marker at the end");
        assert!(marker.starts_with("--- TRUNCATED --- ") && marker.ends_with(" more items"), "{marker}");
        let (_, text) = mcp::execute(&session, "'x'.repeat(100_000)").await;
        assert!(text.ends_with("--- TRUNCATED --- 100000 chars\""), "{}", &text[text.len() - 60..]);
        session.cancel().await.expect("close");
    });
}

/// An error comes back as an error result at the line and column of the code as sent (its
/// TypeScript stripped), with a code frame; so does a syntax error.
#[test]
fn errors_at_the_original_position() {
    let context = TestContext::new();
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let session = mcp::stdio(context.sandbox(), &["--quiet"], Client::new(None), true).await;
        let code = "interface Point { x: number }\nconst point: Point = { x: 1 };\nconst missing: any = undefined;\nreturn point.x + missing.y;";
        let (result, text) = mcp::execute(&session, code).await;
        assert_eq!(result.is_error, Some(true));
        assert!(text.starts_with("error: Uncaught TypeError: Cannot read properties of undefined (reading 'y')"), "{text}");
        assert!(text.contains("(<code>:4:26)"), "{text}");
        assert!(text.contains(" 4 | return point.x + missing.y;\n   |                          ^"), "{text}");
        let (result, text) = mcp::execute(&session, "const a = 1;\nconst b = (;\nreturn a").await;
        assert_eq!(result.is_error, Some(true));
        assert!(text.contains("<code>:2:"), "{text}");
        session.cancel().await.expect("close");
    });
}

/// A runaway loop is stopped at the CPU limit and reported as such; the server goes on
/// serving (the next call, on the same connection, runs), with nothing left of the last run.
#[test]
fn runaway_loop_stopped_and_the_server_keeps_serving() {
    let context = TestContext::new();
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let session = mcp::stdio(context.sandbox(), &["--cpu-time", "300ms", "--quiet"], Client::new(None), true).await;
        let (result, text) = mcp::execute(&session, "globalThis.left = 'over';\nwhile (true) {}").await;
        assert_eq!(result.is_error, Some(true));
        assert!(text.contains("stopped at the CPU time limit of 300ms"), "{text}");
        assert!(text.contains("hint: each execute may take 300ms of CPU time"), "{text}");
        let (result, text) = mcp::execute(&session, "return [6 * 7, typeof globalThis.left]").await;
        assert_eq!(result.is_error, Some(false), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json!([42, "undefined"]));
        session.cancel().await.expect("close");
    });
}

/// Twenty `execute` calls at once over HTTP, on four threads: every one answers its own
/// value, and each run starts from a fresh isolate (a global set by one is seen by none).
#[test]
fn twenty_concurrent_calls() {
    let context = TestContext::new();
    let server = HttpServer::start(context.sandbox(), context.temp.path(), &["--threads", "4", "--quiet"]);
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let session = std::sync::Arc::new(mcp::http(server.address, Client::new(None), true).await);
        let calls = (0..20).map(|index| {
            let session = std::sync::Arc::clone(&session);
            tokio::spawn(async move {
                let code = format!(
                    "globalThis.count = (globalThis.count ?? 0) + 1;\nawait new Promise((resolve) => setTimeout(resolve, 50));\nreturn [{index}, globalThis.count]"
                );
                mcp::execute(&session, &code).await.1
            })
        });
        let answers = futures_util::future::join_all(calls).await;
        for (index, answer) in answers.into_iter().enumerate() {
            let answer: Value = serde_json::from_str(&answer.expect("the call's task")).expect("JSON");
            assert_eq!(answer, json!([index, 1]));
        }
    });
}

/// Over HTTP: no token or a wrong one is 401, a body over `--max-body` 413, a browser
/// `Origin` not given with `--allow-origin` 403 (one that is, a loopback one, and none at
/// all pass), a
/// `Host` that is not a loopback name 403 (DNS rebinding), and a GET without a legacy session is refused.
#[test]
fn http_refuses_what_it_must() {
    let context = TestContext::new();
    let server = HttpServer::start(
        context.sandbox(),
        context.temp.path(),
        &["--max-body", "64KB", "--allow-origin", "http://localhost:6274", "--quiet"],
    );
    let discover = json!({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": {"name": "raw", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {}}}})
    .to_string();
    let bearer = format!("Bearer {TOKEN}");
    let large = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "execute",
        "arguments": {"code": format!("return '{}'", "x".repeat(100_000))}}})
    .to_string();
    let runtime = mcp::runtime();
    runtime.block_on(async {
        let url = format!("http://{}/mcp", server.address);
        let send = |headers: &[(&str, &str)], body: String| {
            let mut request = mcp::raw_client()
                .post(&url)
                .header("content-type", "application/json")
                .header("accept", "application/json, text/event-stream")
                .header("mcp-protocol-version", "2026-07-28")
                .header("mcp-method", "server/discover");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            async move {
                let response = request.body(body).send().await.expect("an answer");
                let status = response.status().as_u16();
                let authenticate =
                    response.headers().get("www-authenticate").map(|value| value.to_str().unwrap().to_owned());
                (status, authenticate, response.text().await.unwrap_or_default())
            }
        };
        let (status, authenticate, text) = send(&[], discover.clone()).await;
        assert_eq!(status, 401, "{text}");
        assert_eq!(authenticate.as_deref(), Some("Bearer"));
        assert_eq!(send(&[("authorization", "Bearer not-the-token-at-all")], discover.clone()).await.0, 401);
        let (status, _, text) = send(&[("authorization", &bearer)], discover.clone()).await;
        assert_eq!(status, 200, "{text}");
        assert!(text.contains("\"supportedVersions\""), "{text}");
        let (status, _, text) =
            send(&[("authorization", &bearer), ("origin", "http://evil.example")], discover.clone()).await;
        assert_eq!(status, 403, "{text}");
        assert!(text.contains("--allow-origin"), "{text}");
        for origin in ["http://localhost:6274", "http://127.0.0.1:9999"] {
            let allowed = send(&[("authorization", &bearer), ("origin", origin)], discover.clone()).await;
            assert_eq!(allowed.0, 200, "{origin}: {}", allowed.2);
        }
        let (status, _, text) =
            send(&[("authorization", &bearer), ("host", "rebound.example")], discover.clone()).await;
        assert_eq!(status, 403, "{text}");
        let (status, _, text) = send(&[("authorization", &bearer)], large).await;
        assert_eq!(status, 413, "{text}");
        // GET opens a legacy session's stream; without a session there is none.
        let response = mcp::raw_client().get(&url).header("authorization", &bearer).send().await.expect("an answer");
        assert!(response.status().is_client_error(), "{}", response.status());
    });
}

/// The settings a server cannot start with are usage errors that say what to give.
#[test]
fn setup_errors() {
    let context = TestContext::new();
    let started = crate::support::output(context.sandbox().args(["mcp", "--listen", "127.0.0.1:0"]), None);
    assert_eq!(started.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&started.stderr);
    assert!(stderr.contains("needs the bearer tokens clients must send"), "{stderr}");
    assert!(stderr.contains("--token-file"), "{stderr}");
    let started = crate::support::output(context.sandbox().args(["mcp", "--max-result-chars", "5"]), None);
    assert_eq!(started.status.code(), Some(2));
}

/// The official TypeScript client (`@modelcontextprotocol/client`, pinned in
/// `tests/mcp/client`) over stdio and Streamable HTTP, at 2026-07-28 and with the legacy
/// `initialize`: the reference server's tool through `execute`, an approval answered through
/// its elicitation handler (an `input_required` round it fulfils itself at 2026-07-28), and an
/// error at the code's position.
#[test]
#[cfg_attr(
    not(all(mcp_client, mcp_everything)),
    ignore = "node, tests/mcp or tests/mcp/client is missing: npm ci --prefix tests/mcp && npm ci --prefix tests/mcp/client"
)]
fn typescript_client_over_stdio_and_http() {
    let runtime = mcp::runtime();
    let upstream = runtime.block_on(rmcp_server::serve_http());
    let context = TestContext::new();
    let server = repository_root().join("tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    let config = json!({ "mcpServers": {
        "everything": { "command": "node", "args": [server.display().to_string()] },
        "test-server": {
            "url": format!("http://{upstream}/mcp"),
            "headers": { "Authorization": format!("Bearer {}", rmcp_server::HTTP_TOKEN) },
            "approve": ["add"],
        },
    }});
    let config = context.write("both.json", config.to_string()).display().to_string();
    let codes = json!([
        "return await everything.echo({ message: 'from TypeScript' })",
        "console.log('once');\nreturn await test_server.add({ a: 20, b: 22 })",
        "const n: number = 1;\nthrow new RangeError(`bad ${n}`)",
    ])
    .to_string();
    let check = |report: &Value, era: &str| {
        if era == "legacy" {
            assert_eq!((&report["era"], &report["version"]), (&json!("legacy"), &json!("2025-11-25")), "{report}");
        } else {
            assert_eq!(report["era"], "modern", "{report}");
            assert!(report["discovered"].as_array().unwrap().contains(&json!(era)), "{report}");
        }
        assert_eq!(report["server"], "sandbox");
        assert_eq!(report["tools"], json!(["execute"]));
        assert!(report["declares"].as_str().unwrap().contains("declare const test_server: {"), "{report}");
        assert_eq!(report["results"][0], json!({ "isError": false, "text": "\"Echo: from TypeScript\"" }), "{era}");
        assert_eq!(
            report["results"][1],
            json!({ "isError": false, "text": "{\n  \"sum\": 42\n}\nConsole output:\n[log] once" }),
            "{era}"
        );
        assert_eq!(report["results"][2]["isError"], true);
        let error = report["results"][2]["text"].as_str().unwrap();
        assert!(error.starts_with("error: Uncaught RangeError: bad 1\n    at default (<code>:2:7)"), "{error}");
        assert_eq!(report["asked"].as_array().map(Vec::len), Some(1), "{report}");
    };
    let sandbox = env!("CARGO_BIN_EXE_sandbox");
    for era in ["2026-07-28", "legacy"] {
        let report = node_client(&["stdio", sandbox, era, "--mcp-config", &config, "--quiet"], &codes);
        check(&report, era);
    }
    let http = HttpServer::start(context.sandbox(), context.temp.path(), &["--mcp-config", &config, "--quiet"]);
    let url = format!("http://{}/mcp", http.address);
    for era in ["2026-07-28", "legacy"] {
        let report = node_client(&["http", &url, TOKEN, era], &codes);
        check(&report, era);
    }
}

/// The MCP conformance suite (`@modelcontextprotocol/conformance`, `tests/mcp/conformance`)
/// against `sandbox mcp --listen`: the scenarios about the protocol pass, and the only
/// failures are those `expected-failures.yml` lists (the suite's own reference tools,
/// resources and prompts, which a code-mode server does not have).
#[test]
#[cfg_attr(
    not(mcp_conformance),
    ignore = "node or tests/mcp/conformance is missing: npm ci --prefix tests/mcp/conformance"
)]
fn conformance_suite() {
    let context = TestContext::new();
    let server = HttpServer::start(context.sandbox(), context.temp.path(), &["--quiet"]);
    let directory = repository_root().join("tests/mcp/conformance");
    let mut command = Command::new("node");
    command.current_dir(&directory).args([
        "run.mjs",
        &format!("http://{}/mcp", server.address),
        TOKEN,
        "--expected-failures",
        "expected-failures.yml",
    ]);
    let output = crate::support::output(&mut command, None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    for scenario in
        ["server-initialize", "ping", "tools-list", "server-sse-multiple-streams", "dns-rebinding-protection"]
    {
        assert!(stdout.contains(&format!("✓ {scenario}: ")), "{scenario}:\n{stdout}");
    }
    assert!(stdout.contains("Baseline check passed"), "{stdout}");
}

/// Runs the TypeScript client (`tests/mcp/client/client.mjs`) with `args` and the codes to
/// execute: its JSON report.
#[cfg_attr(not(all(mcp_client, mcp_everything)), allow(dead_code, reason = "used when node is installed"))]
fn node_client(args: &[&str], codes: &str) -> Value {
    let script = repository_root().join("tests/mcp/client/client.mjs");
    let mut command = Command::new("node");
    command.arg(script).args(args).env("CODES", codes);
    let output = crate::support::output(&mut command, None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the client failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(stdout.trim().lines().last().unwrap_or_default()).expect("the client's JSON report")
}
