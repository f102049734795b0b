//! MCP servers through `McpServers`, against real servers: the tests' own `rmcp` server over
//! stdio (this binary, started again with `--serve-stdio`) and over Streamable HTTP on
//! 127.0.0.1, and the reference server `@modelcontextprotocol/server-everything` (Node.js,
//! installed by `npm ci --prefix tests/mcp`) over both.
//!
//! The harness is libtest-mimic rather than libtest, because libtest writes to stdout before
//! any test runs, and stdout is the stdio server's channel. Tests that need Node.js or the
//! reference server are reported as ignored when `build.rs` did not find them.

#![allow(clippy::print_stderr, reason = "the harness says why tests are ignored; the server writes to its stderr")]

mod support;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use capabilities::{CapabilityError, McpConfig, McpServers, StartOptions, ToolCallError, Value};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::json;

/// The value of `API_TOKEN` in the stdio server's environment (from `${TEST_TOKEN}`).
const SECRET: &str = "env-secret-value-93b1f";

/// How to install the reference server, for the messages of ignored tests.
const INSTALL: &str = "npm ci --prefix tests/mcp";

fn main() -> std::process::ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--serve-stdio") {
        support::server::serve_stdio();
        return std::process::ExitCode::SUCCESS;
    }
    let everything_missing = !cfg!(all(node, mcp_everything));
    if everything_missing {
        eprintln!(
            "note: the reference MCP server is not installed (needs node and `{INSTALL}`): its tests are ignored"
        );
    }
    let tests: Vec<(&str, Test, bool)> = vec![
        (
            "stdio_tools_are_listed_across_pages_as_identifiers",
            stdio_tools_are_listed_across_pages_as_identifiers,
            false,
        ),
        ("stdio_results_are_mapped", stdio_results_are_mapped, false),
        ("invalid_arguments_list_every_problem", invalid_arguments_list_every_problem, false),
        ("an_error_result_fails_without_the_secret", an_error_result_fails_without_the_secret, false),
        ("a_hung_tool_times_out_and_the_server_goes_on", a_hung_tool_times_out_and_the_server_goes_on, false),
        ("a_crashing_server_is_an_error_with_its_stderr", a_crashing_server_is_an_error_with_its_stderr, false),
        ("stdio_server_gets_only_the_minimal_environment", stdio_server_gets_only_the_minimal_environment, false),
        (
            "stdio_server_does_not_get_this_process_environment",
            stdio_server_does_not_get_this_process_environment,
            false,
        ),
        ("a_server_that_does_not_start_is_an_error", a_server_that_does_not_start_is_an_error, false),
        ("a_server_that_never_answers_times_out", a_server_that_never_answers_times_out, false),
        ("dropping_the_servers_kills_them", dropping_the_servers_kills_them, false),
        ("closing_the_servers_stops_them", closing_the_servers_stops_them, false),
        ("approve_marks_tools_and_must_name_real_ones", approve_marks_tools_and_must_name_real_ones, false),
        ("http_server_is_reached_with_the_entry_headers", http_server_is_reached_with_the_entry_headers, false),
        (
            "http_server_refusing_the_headers_is_an_error_without_them",
            http_server_refusing_the_headers_is_an_error_without_them,
            false,
        ),
        ("everything_over_stdio", everything_over_stdio, true),
        ("everything_over_streamable_http", everything_over_streamable_http, true),
    ];
    let trials = tests
        .into_iter()
        .map(|(name, test, needs_everything)| {
            Trial::test(name, test).with_ignored_flag(needs_everything && everything_missing)
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

/// A test: `Err` with the reason when it fails.
type Test = fn() -> Result<(), Failed>;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

fn lookup(name: &str) -> Option<String> {
    match name {
        "TEST_TOKEN" => Some(SECRET.to_owned()),
        "HTTP_TOKEN" => Some(support::server::HTTP_TOKEN.to_owned()),
        "MISSING" => None,
        _ => None,
    }
}

fn config(text: serde_json::Value) -> McpConfig {
    McpConfig::parse(&text.to_string(), Path::new("/project/.mcp.json"), lookup).expect("a valid configuration")
}

/// A configuration with the tests' stdio server as `name`.
fn stdio_config(approve: serde_json::Value) -> McpConfig {
    let exe = std::env::current_exe().expect("the test binary");
    config(json!({ "mcpServers": { "rust": {
        "command": exe.to_string_lossy(),
        "args": ["--serve-stdio"],
        "env": { "API_TOKEN": "${TEST_TOKEN}", "MODE": "test" },
        "approve": approve,
    } } }))
}

fn start(config: &McpConfig) -> Result<McpServers, CapabilityError> {
    runtime().block_on(McpServers::start(config, &StartOptions::default()))
}

fn call(servers: &McpServers, tool: &str, arguments: serde_json::Value) -> Result<Value, ToolCallError> {
    let source = servers.sources()[0].name.clone();
    runtime().block_on(servers.call(&source, tool, capabilities::from_json(arguments), Duration::from_secs(30)))
}

fn object(members: &[(&str, Value)]) -> Value {
    Value::Object(members.iter().map(|(key, value)| ((*key).to_owned(), value.clone())).collect())
}

fn check(condition: bool, message: impl FnOnce() -> String) -> Result<(), Failed> {
    if condition { Ok(()) } else { Err(message().into()) }
}

/// Every page of the tool list is read; names become identifiers, with the server's names kept.
fn stdio_tools_are_listed_across_pages_as_identifiers() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let source = &servers.sources()[0];
    assert_eq!(source.name, "rust");
    assert_eq!(source.description.as_deref(), Some("The tests' own MCP server"));
    let names: Vec<(&str, &str)> =
        source.tools.iter().map(|tool| (tool.name.as_str(), tool.original.as_str())).collect();
    assert_eq!(
        names,
        [
            ("echo", "echo"),
            ("add", "add"),
            ("fail", "fail"),
            ("image", "image"),
            ("length", "length"),
            ("slow", "slow"),
            ("get_user_name", "get-user.name"),
            ("delete_", "delete"),
            ("env", "env"),
            ("exit", "exit"),
            ("pid", "pid")
        ]
    );
    let add = &source.tools[1];
    assert_eq!(add.output_schema, Some(json!({ "type": "object", "properties": { "sum": { "type": "number" } } })));
    assert_eq!(add.input_schema["required"], json!(["a", "b"]));
    assert!(source.tools.iter().all(|tool| !tool.approve));
    // The tests' server speaks the newest revision, so no fallback happens.
    assert_eq!(servers.protocol_version("rust"), Some("2026-07-28"));
    Ok(())
}

/// Structured content, JSON text, plain text, binary blocks and empty results map as documented;
/// bytes go out as base64, and whole numbers as integers.
fn stdio_results_are_mapped() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    assert_eq!(call(&servers, "echo", json!({ "message": "hi there" }))?, Value::String("hi there".into()));
    assert_eq!(
        call(&servers, "echo", json!({ "message": r#"{"z": 1, "a": [true]}"# }))?,
        object(&[("z", Value::Number(1.0)), ("a", Value::Array(vec![Value::Bool(true)]))])
    );
    assert_eq!(call(&servers, "add", json!({ "a": 1.5, "b": 2.0 }))?, object(&[("sum", Value::Number(3.5))]));
    let Value::Array(blocks) = call(&servers, "image", json!({}))? else { return Err("image: not an array".into()) };
    assert_eq!(
        blocks[0],
        object(&[("type", Value::String("text".into())), ("text", Value::String("a picture".into()))])
    );
    let Value::Object(image) = &blocks[1] else { return Err("image: not an object".into()) };
    check(image.contains(&("data".into(), Value::Bytes(vec![0, 1, 2, 255]))), || format!("{image:?}"))?;
    let bytes = Value::Object(vec![("data".into(), Value::Bytes(vec![7; 1000]))]);
    let length = runtime().block_on(servers.call("rust", "length", bytes, Duration::from_secs(30)))?;
    assert_eq!(length, Value::Number(1000.0));
    assert_eq!(call(&servers, "get_user_name", json!({}))?, Value::String("ada".into()));
    assert_eq!(call(&servers, "delete_", json!({}))?, Value::Null);
    // `Null` is an empty argument.
    assert_eq!(runtime().block_on(servers.call("rust", "delete_", Value::Null, Duration::from_secs(30)))?, Value::Null);
    Ok(())
}

/// Arguments are checked against the input schema before they leave: every problem is listed
/// with its path, and nothing reaches the server.
fn invalid_arguments_list_every_problem() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let Err(ToolCallError::InvalidArguments(invalid)) = call(&servers, "add", json!({ "a": "one", "b": 1.5 })) else {
        return Err("no InvalidArguments".into());
    };
    let paths: Vec<&str> = invalid.problems.iter().map(|problem| problem.path.as_str()).collect();
    assert_eq!(paths, ["$.a", "$.b"], "{invalid}");
    let Err(ToolCallError::InvalidArguments(invalid)) = call(&servers, "add", json!({})) else {
        return Err("no InvalidArguments".into());
    };
    let text = invalid.to_string();
    check(text.contains("\"a\" is a required property") && text.contains("\"b\" is a required property"), || {
        text.clone()
    })?;
    let not_object =
        runtime().block_on(servers.call("rust", "echo", Value::String("x".into()), Duration::from_secs(5)));
    check(matches!(not_object, Err(ToolCallError::InvalidArguments(_))), || format!("{not_object:?}"))?;
    let unknown = call(&servers, "get-user.name", json!({}));
    check(matches!(unknown, Err(ToolCallError::UnknownTool { .. })), || format!("{unknown:?}"))?;
    let unknown = runtime().block_on(servers.call("nope", "echo", Value::Null, Duration::from_secs(5)));
    assert_eq!(unknown.unwrap_err().to_string(), "There is no tool `echo` in `nope`");
    Ok(())
}

/// `isError` is a tool failure with the tool's text; a secret of the server's environment that
/// the text quotes is replaced.
fn an_error_result_fails_without_the_secret() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let failure = call(&servers, "fail", json!({})).unwrap_err();
    assert_eq!(failure, ToolCallError::Tool { message: "it broke (token [REDACTED])".into() });
    // A JSON-RPC error is a protocol failure.
    let protocol = call(&servers, "length", json!({ "data": "%%%" })).unwrap_err();
    check(
        matches!(&protocol, ToolCallError::Protocol { code: -32602, message } if message.contains("not base64")),
        || format!("{protocol:?}"),
    )?;
    Ok(())
}

/// A tool that never answers is cancelled at the timeout, and so is a call whose future is
/// dropped; the server answers the next call.
fn a_hung_tool_times_out_and_the_server_goes_on() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let started = std::time::Instant::now();
    let timed_out = runtime().block_on(servers.call("rust", "slow", Value::Null, Duration::from_millis(300)));
    assert_eq!(timed_out, Err(ToolCallError::TimedOut(Duration::from_millis(300))));
    check(started.elapsed() < Duration::from_secs(10), || format!("took {:?}", started.elapsed()))?;
    assert_eq!(timed_out.unwrap_err().to_string(), "No answer within 0.300 s");
    // Dropped before it answers: cancelled.
    runtime().block_on(async {
        let call = servers.call("rust", "slow", Value::Null, Duration::from_secs(60));
        let _ = tokio::time::timeout(Duration::from_millis(200), call).await;
    });
    assert_eq!(call(&servers, "echo", json!({ "message": "still here" }))?, Value::String("still here".into()));
    Ok(())
}

/// A server that exits while answering is an error that quotes its stderr, with the secret of
/// its environment replaced; later calls fail at once.
fn a_crashing_server_is_an_error_with_its_stderr() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let crashed = call(&servers, "exit", json!({})).unwrap_err();
    let ToolCallError::ServerGone { server, stderr, .. } = &crashed else {
        return Err(format!("not ServerGone: {crashed:?}").into());
    };
    assert_eq!(server, "rust");
    check(stderr.contains("fatal: cannot go on with token [REDACTED]"), || format!("{crashed}"))?;
    check(!crashed.to_string().contains(SECRET), || format!("the secret is in {crashed}"))?;
    let started = std::time::Instant::now();
    let again = call(&servers, "echo", json!({ "message": "x" })).unwrap_err();
    check(matches!(again, ToolCallError::ServerGone { .. }), || format!("{again:?}"))?;
    check(!again.to_string().contains(SECRET), || again.to_string())?;
    check(started.elapsed() < Duration::from_secs(5), || format!("took {:?}", started.elapsed()))?;
    Ok(())
}

fn environment_of(servers: &McpServers) -> Result<Vec<(String, String)>, Failed> {
    let Value::Object(environment) = call(servers, "env", json!({}))? else { return Err("env: not an object".into()) };
    let mut pairs: Vec<(String, String)> = environment
        .into_iter()
        .map(|(name, value)| match value {
            Value::String(value) => (name, value),
            other => (name, format!("{other:?}")),
        })
        .collect();
    pairs.sort();
    Ok(pairs)
}

/// A stdio server gets `PATH`, `HOME` and the locale of the host, plus its entry's `env`, and
/// nothing else.
fn stdio_server_gets_only_the_minimal_environment() -> Result<(), Failed> {
    let path = std::env::var("PATH").unwrap_or_default();
    let host = [
        ("PATH", path.as_str()),
        ("HOME", "/home/someone"),
        ("LC_ALL", "C"),
        ("LANG", "C.UTF-8"),
        ("AWS_SECRET_ACCESS_KEY", "host-secret"),
        ("SSH_AUTH_SOCK", "/tmp/agent"),
    ]
    .map(|(name, value)| (OsString::from(name), OsString::from(value)))
    .to_vec();
    let options = StartOptions { host_environment: Some(host), ..StartOptions::default() };
    let servers = runtime().block_on(McpServers::start(&stdio_config(json!(null)), &options))?;
    let environment = environment_of(&servers)?;
    let expected: Vec<(String, String)> = [
        ("API_TOKEN", SECRET),
        ("HOME", "/home/someone"),
        ("LANG", "C.UTF-8"),
        ("LC_ALL", "C"),
        ("MODE", "test"),
        ("PATH", path.as_str()),
    ]
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .to_vec();
    assert_eq!(environment, expected);
    Ok(())
}

/// With this process's environment as the host's, the variables cargo sets for the test do not
/// reach the server.
fn stdio_server_does_not_get_this_process_environment() -> Result<(), Failed> {
    check(std::env::var_os("CARGO_MANIFEST_DIR").is_some(), || "cargo sets CARGO_MANIFEST_DIR for tests".into())?;
    let servers = start(&stdio_config(json!(null)))?;
    let names: Vec<String> = environment_of(&servers)?.into_iter().map(|(name, _)| name).collect();
    check(
        names.iter().all(|name| {
            ["PATH", "HOME", "LANG", "LANGUAGE", "API_TOKEN", "MODE"].contains(&name.as_str())
                || name.starts_with("LC_")
        }),
        || format!("{names:?}"),
    )?;
    check(names.contains(&"API_TOKEN".to_owned()), || format!("{names:?}"))
}

/// A command that does not exist, and one that exits at once, are start errors naming the
/// server; the stderr of the second is quoted without the secret.
fn a_server_that_does_not_start_is_an_error() -> Result<(), Failed> {
    let missing = config(json!({ "mcpServers": { "gone": { "command": "/nonexistent/mcp-server" } } }));
    let error = start(&missing).unwrap_err();
    check(
        error.to_string()
            == "MCP server `gone` did not start: `/nonexistent/mcp-server` was not found (the server gets the PATH of this process)",
        || error.to_string(),
    )?;
    let dies = config(json!({ "mcpServers": { "dies": {
        "command": "sh",
        "args": ["-c", "echo \"bad token $API_TOKEN\" >&2; exit 1"],
        "env": { "API_TOKEN": "${TEST_TOKEN}" },
    } } }));
    let error = start(&dies).unwrap_err();
    let CapabilityError::Start { server, stderr, .. } = &error else { return Err(format!("{error:?}").into()) };
    assert_eq!(server, "dies");
    assert_eq!(stderr.trim(), "bad token [REDACTED]");
    check(!error.to_string().contains(SECRET), || error.to_string())
}

/// A process that never answers the handshake is an error at the start timeout.
fn a_server_that_never_answers_times_out() -> Result<(), Failed> {
    let silent = config(json!({ "mcpServers": { "silent": { "command": "sleep", "args": ["100"] } } }));
    let options = StartOptions { startup_timeout: Duration::from_secs(1), ..StartOptions::default() };
    let started = std::time::Instant::now();
    let error = runtime().block_on(McpServers::start(&silent, &options)).unwrap_err();
    assert_eq!(error.to_string(), "MCP server `silent` did not start: no answer to the MCP handshake within 1 s");
    check(started.elapsed() < Duration::from_secs(10), || format!("took {:?}", started.elapsed()))
}

/// Whether the process `pid` is gone (or a zombie, ended but not reaped).
fn process_ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

/// Dropping `McpServers` kills the stdio servers at once, from inside a runtime too.
fn dropping_the_servers_kills_them() -> Result<(), Failed> {
    if !Path::new("/proc/self/stat").exists() {
        return Err("this test reads /proc".into());
    }
    let servers = start(&stdio_config(json!(null)))?;
    let Value::Number(pid) = call(&servers, "pid", json!({}))? else { return Err("pid: not a number".into()) };
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a process id")]
    let pid = pid as u32;
    check(!process_ended(pid), || "the server runs".into())?;
    runtime().block_on(async move { drop(servers) });
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !process_ended(pid) {
        check(std::time::Instant::now() < deadline, || format!("process {pid} still runs"))?;
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// `close` ends the stdio servers as the specification says (their input closed first), and
/// returns once they have exited.
fn closing_the_servers_stops_them() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(null)))?;
    let Value::Number(pid) = call(&servers, "pid", json!({}))? else { return Err("pid: not a number".into()) };
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a process id")]
    let pid = pid as u32;
    let started = std::time::Instant::now();
    runtime().block_on(servers.close());
    check(started.elapsed() < Duration::from_secs(4), || format!("took {:?}", started.elapsed()))?;
    check(process_ended(pid), || format!("process {pid} still runs"))
}

/// `approve` marks tools by the server's name or the identifier; a name no tool has is an error
/// naming the entry.
fn approve_marks_tools_and_must_name_real_ones() -> Result<(), Failed> {
    let servers = start(&stdio_config(json!(["echo", "get_user_name"])))?;
    let approved: Vec<&str> =
        servers.sources()[0].tools.iter().filter(|tool| tool.approve).map(|tool| tool.original.as_str()).collect();
    assert_eq!(approved, ["echo", "get-user.name"]);
    drop(servers);
    let servers = start(&stdio_config(json!(["*"])))?;
    check(servers.sources()[0].tools.iter().all(|tool| tool.approve), || "not all approved".into())?;
    drop(servers);
    let error = start(&stdio_config(json!(["echo", "delete_repo"]))).unwrap_err();
    let CapabilityError::Config(error) = error else { return Err(format!("{error:?}").into()) };
    assert_eq!(error.path, "$.mcpServers.rust.approve[1]");
    assert_eq!(error.message, "The MCP server `rust` has no tool `delete_repo`");
    Ok(())
}

fn http_config(address: std::net::SocketAddr, token: &str) -> McpConfig {
    config(json!({ "mcpServers": { "remote": {
        "url": format!("http://{address}/mcp"),
        "headers": { "Authorization": format!("Bearer {token}") },
    } } }))
}

/// A Streamable HTTP server gets the entry's headers with every request; tools list and calls
/// work as over stdio, in the newest (stateless) revision.
fn http_server_is_reached_with_the_entry_headers() -> Result<(), Failed> {
    let server_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    let address = server_runtime.block_on(support::server::serve_http());
    let servers = start(&http_config(address, "${HTTP_TOKEN}"))?;
    assert_eq!(servers.protocol_version("remote"), Some("2026-07-28"));
    let names: Vec<&str> = servers.sources()[0].tools.iter().map(|tool| tool.name.as_str()).collect();
    assert_eq!(names, ["echo", "add", "fail", "image", "length", "slow", "get_user_name", "delete_"]);
    assert_eq!(call(&servers, "echo", json!({ "message": "over http" }))?, Value::String("over http".into()));
    assert_eq!(call(&servers, "add", json!({ "a": 1, "b": 2 }))?, object(&[("sum", Value::Number(3.0))]));
    let timed_out = runtime().block_on(servers.call("remote", "slow", Value::Null, Duration::from_millis(300)));
    assert_eq!(timed_out, Err(ToolCallError::TimedOut(Duration::from_millis(300))));
    assert_eq!(call(&servers, "echo", json!({ "message": "again" }))?, Value::String("again".into()));
    check(
        McpConfig::secrets(&http_config(address, "${HTTP_TOKEN}"))
            .iter()
            .any(|secret| secret.contains(support::server::HTTP_TOKEN)),
        || "the header is a secret".into(),
    )
}

/// A server that refuses the headers is a start error, and the header's value is not in it.
fn http_server_refusing_the_headers_is_an_error_without_them() -> Result<(), Failed> {
    let server_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    let address = server_runtime.block_on(support::server::serve_http());
    let wrong = "wrong-token-that-is-long";
    let error = start(&http_config(address, wrong)).unwrap_err();
    let text = format!("{error} {error:?}");
    check(matches!(error, CapabilityError::Start { .. }), || text.clone())?;
    check(!text.contains(wrong), || text.clone())?;
    // Nothing listens there any more: a start error too.
    drop(server_runtime);
    let error = start(&http_config(address, "${HTTP_TOKEN}")).unwrap_err();
    check(matches!(error, CapabilityError::Start { .. }), || error.to_string())
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("capabilities/ is in the repository").to_path_buf()
}

fn everything() -> Result<PathBuf, Failed> {
    let script = repository().join("tests/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if script.is_file() {
        Ok(script)
    } else {
        Err(format!("{} is missing: run `{INSTALL}` (build.rs found it when this test was built)", script.display())
            .into())
    }
}

/// The reference server over stdio: results of each kind, binary content, and the environment
/// Node.js sees.
fn everything_over_stdio() -> Result<(), Failed> {
    let script = everything()?;
    let servers = start(&config(json!({ "mcpServers": { "everything": {
        "command": "node",
        "args": [script.to_string_lossy(), "stdio"],
        "env": { "API_TOKEN": "${TEST_TOKEN}" },
    } } })))?;
    // Its SDK (pinned by tests/mcp/package-lock.json) knows no `server/discover`: the client
    // falls back to the `initialize` handshake.
    assert_eq!(servers.protocol_version("everything"), Some("2025-11-25"));
    let names: Vec<&str> = servers.sources()[0].tools.iter().map(|tool| tool.name.as_str()).collect();
    for expected in ["echo", "get_sum", "get_env", "get_tiny_image", "get_structured_content"] {
        check(names.contains(&expected), || format!("{expected} in {names:?}"))?;
    }
    assert_eq!(call(&servers, "echo", json!({ "message": "hi" }))?, Value::String("Echo: hi".into()));
    assert_eq!(call(&servers, "get_sum", json!({ "a": 1, "b": 2 }))?, Value::String("The sum of 1 and 2 is 3.".into()));
    let invalid = call(&servers, "get_sum", json!({ "a": "1" })).unwrap_err();
    check(matches!(invalid, ToolCallError::InvalidArguments(_)), || format!("{invalid:?}"))?;
    let Value::Array(blocks) = call(&servers, "get_tiny_image", json!({}))? else { return Err("not blocks".into()) };
    let png = blocks.iter().find_map(|block| match block {
        Value::Object(members) => members.iter().find_map(|(key, value)| match (key.as_str(), value) {
            ("data", Value::Bytes(bytes)) => Some(bytes.clone()),
            _ => None,
        }),
        _ => None,
    });
    check(png.as_ref().is_some_and(|png| png.starts_with(b"\x89PNG")), || format!("{blocks:?}"))?;
    let structured = call(&servers, "get_structured_content", json!({ "location": "New York" }))?;
    check(
        matches!(&structured, Value::Object(members) if members.iter().any(|(key, _)| key == "temperature")),
        || format!("{structured:?}"),
    )?;
    // get-env prints the environment as JSON text.
    let Value::Object(environment) = call(&servers, "get_env", json!({}))? else {
        return Err("env: not an object".into());
    };
    let names: Vec<&str> = environment.iter().map(|(name, _)| name.as_str()).collect();
    check(names.contains(&"API_TOKEN") && names.contains(&"PATH"), || format!("{names:?}"))?;
    check(
        names
            .iter()
            .all(|name| ["PATH", "HOME", "LANG", "LANGUAGE", "API_TOKEN"].contains(name) || name.starts_with("LC_")),
        || format!("{names:?}"),
    )
}

/// The reference server over Streamable HTTP (its `streamableHttp` mode, on a free port).
fn everything_over_streamable_http() -> Result<(), Failed> {
    let script = everything()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut node = std::process::Command::new("node")
        .arg(&script)
        .arg("streamableHttp")
        .env("PORT", port.to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let result = (|| {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            check(std::time::Instant::now() < deadline, || "the server did not listen within 20 s".into())?;
            std::thread::sleep(Duration::from_millis(50));
        }
        let servers = start(&config(json!({ "mcpServers": { "everything": {
            "url": format!("http://127.0.0.1:{port}/mcp"),
            "headers": { "X-Api-Key": "${TEST_TOKEN}" },
        } } })))?;
        // The fallback from `server/discover` to `initialize`, over HTTP.
        assert_eq!(servers.protocol_version("everything"), Some("2025-11-25"));
        assert_eq!(call(&servers, "echo", json!({ "message": "hi" }))?, Value::String("Echo: hi".into()));
        assert_eq!(
            call(&servers, "get_sum", json!({ "a": 2, "b": 3 }))?,
            Value::String("The sum of 2 and 3 is 5.".into())
        );
        let Value::Array(blocks) = call(&servers, "get_tiny_image", json!({}))? else {
            return Err("not blocks".into());
        };
        check(blocks.iter().any(|block| matches!(block, Value::Object(members) if members.iter().any(|(_, value)| matches!(value, Value::Bytes(_))))), || {
            format!("{blocks:?}")
        })?;
        Ok(())
    })();
    let _ = node.kill();
    let _ = node.wait();
    result
}
