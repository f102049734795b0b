//! A small MCP server on `rmcp`'s server side, for the tests: over stdio (this test binary
//! started again with `--serve-stdio`) and over Streamable HTTP on 127.0.0.1 (in the test's
//! process, behind a check of the `Authorization` header).
//!
//! Its tools, listed two to a page so that listing must follow the cursor:
//! - `echo {message}`: the text `message` (a JSON text comes back parsed);
//! - `add {a, b}`: `structuredContent` `{sum}`, with an output schema;
//! - `fail {}`: an error result whose text quotes the `API_TOKEN` of its environment;
//! - `image {}`: a text and a PNG-typed image of the bytes 0, 1, 2, 255;
//! - `length {data}`: how many bytes the base64 string `data` decodes to;
//! - `slow {}`: never answers (until cancelled);
//! - `get-user.name {}` and `delete {}`: names that are not identifiers as they are;
//! - over stdio only: `env {}` (its environment, as structured content) and `exit {}` (writes
//!   the token to stderr and exits with status 3), `pid {}` (its process id).

use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine as _;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, JsonObject, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::{RequestContext, RoleServer};
use rmcp::{ErrorData, ServerHandler, ServiceExt as _};
use serde_json::{Value as Json, json};

/// The token the HTTP server wants (`Authorization: Bearer <token>`).
pub(crate) const HTTP_TOKEN: &str = "http-bearer-secret-7f3a9c";

#[derive(Clone)]
pub(crate) struct TestServer {
    stdio: bool,
}

fn object(value: Json) -> Arc<JsonObject> {
    match value {
        Json::Object(object) => Arc::new(object),
        _ => panic!("a schema is an object"),
    }
}

fn tools(stdio: bool) -> Vec<Tool> {
    let empty = || object(json!({ "type": "object", "properties": {} }));
    let mut tools = vec![
        Tool::new(
            "echo",
            "Echoes the message",
            object(json!({ "type": "object", "properties": { "message": { "type": "string" } }, "required": ["message"] })),
        ),
        Tool::new(
            "add",
            "Adds two numbers",
            object(json!({ "type": "object", "properties": { "a": { "type": "number" }, "b": { "type": "integer" } }, "required": ["a", "b"] })),
        )
        .with_raw_output_schema(object(json!({ "type": "object", "properties": { "sum": { "type": "number" } } }))),
        Tool::new("fail", "Always fails", empty()),
        Tool::new("image", "A tiny image", empty()),
        Tool::new(
            "length",
            "The length of binary data",
            object(json!({ "type": "object", "properties": { "data": { "type": "string", "contentEncoding": "base64" } } })),
        ),
        Tool::new("slow", "Never answers", empty()),
        Tool::new("get-user.name", "A name with a hyphen and a dot", empty()),
        Tool::new("delete", "A reserved word", empty()),
    ];
    if stdio {
        tools.push(Tool::new("env", "The server's environment", empty()));
        tools.push(Tool::new("exit", "Exits the server", empty()));
        tools.push(Tool::new("pid", "The server's process id", empty()));
    }
    tools
}

const PAGE: usize = 2;

impl ServerHandler for TestServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("test-server", "1.0.0").with_description("The tests' own MCP server"))
    }

    async fn list_tools(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let all = tools(self.stdio);
        let start: usize =
            request.and_then(|request| request.cursor).and_then(|cursor| cursor.parse().ok()).unwrap_or(0);
        let end = (start + PAGE).min(all.len());
        Ok(ListToolsResult {
            tools: all[start.min(end)..end].to_vec(),
            next_cursor: (end < all.len()).then(|| end.to_string()),
            ..Default::default()
        })
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.unwrap_or_default();
        let result = match request.name.as_ref() {
            "echo" => {
                let message = arguments.get("message").and_then(Json::as_str).unwrap_or_default();
                CallToolResult::success(vec![ContentBlock::text(message)])
            }
            "add" => {
                let number = |key: &str| arguments.get(key).and_then(Json::as_f64).unwrap_or(f64::NAN);
                // `b` is an integer in the schema: it must arrive as one (`3`, not `3.0`).
                if !arguments.get("b").is_some_and(|b| b.is_i64() || b.is_u64()) {
                    return Err(ErrorData::invalid_params("`b` is not an integer", None));
                }
                let mut result = CallToolResult::success(vec![ContentBlock::text("see the structured content")]);
                result.structured_content = Some(json!({ "sum": number("a") + number("b") }));
                result
            }
            "fail" => {
                let token = std::env::var("API_TOKEN").unwrap_or_default();
                CallToolResult::error(vec![ContentBlock::text(format!("it broke (token {token})"))])
            }
            "image" => CallToolResult::success(vec![
                ContentBlock::text("a picture"),
                ContentBlock::image(base64::engine::general_purpose::STANDARD.encode([0u8, 1, 2, 255]), "image/png"),
            ]),
            "length" => {
                let data = arguments.get("data").and_then(Json::as_str).unwrap_or_default();
                match base64::engine::general_purpose::STANDARD.decode(data) {
                    Ok(bytes) => CallToolResult::success(vec![ContentBlock::text(bytes.len().to_string())]),
                    Err(error) => return Err(ErrorData::invalid_params(format!("not base64: {error}"), None)),
                }
            }
            "slow" => {
                context.ct.cancelled().await;
                return Err(ErrorData::internal_error("cancelled", None));
            }
            "get-user.name" => CallToolResult::success(vec![ContentBlock::text("\"ada\"")]),
            "delete" => CallToolResult::success(vec![]),
            "env" if self.stdio => {
                let env: serde_json::Map<String, Json> = std::env::vars_os()
                    .map(|(name, value)| (name.to_string_lossy().into_owned(), json!(value.to_string_lossy())))
                    .collect();
                let mut result = CallToolResult::success(vec![]);
                result.structured_content = Some(Json::Object(env));
                result
            }
            "exit" if self.stdio => {
                let token = std::env::var("API_TOKEN").unwrap_or_default();
                eprintln!("fatal: cannot go on with token {token}");
                std::process::exit(3);
            }
            "pid" if self.stdio => CallToolResult::success(vec![ContentBlock::text(std::process::id().to_string())]),
            other => return Err(ErrorData::invalid_params(format!("no tool `{other}`"), None)),
        };
        Ok(CallToolResponse::Complete(result))
    }
}

/// Serves on stdin and stdout until stdin closes.
pub(crate) fn serve_stdio() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        eprintln!("test server: starting");
        let server = TestServer { stdio: true }.serve(rmcp::transport::stdio()).await.expect("the handshake");
        let _ = server.waiting().await;
    });
}

/// A Streamable HTTP server on 127.0.0.1, running until the runtime that started it stops.
pub(crate) async fn serve_http() -> SocketAddr {
    use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
    use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let service = StreamableHttpService::new(
        || Ok(TestServer { stdio: false }),
        Arc::new(LocalSessionManager::default()),
        StreamableHttpServerConfig::default(),
    );
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let service = service.clone();
            tokio::spawn(async move {
                let checked = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                    let service = service.clone();
                    async move {
                        let authorized = request
                            .headers()
                            .get("authorization")
                            .is_some_and(|value| value.as_bytes() == format!("Bearer {HTTP_TOKEN}").as_bytes());
                        if !authorized {
                            let body = http_body_util::Full::new(bytes::Bytes::from_static(b"unauthorized"));
                            let mut response = hyper::Response::new(http_body_util::BodyExt::boxed(body));
                            *response.status_mut() = hyper::StatusCode::UNAUTHORIZED;
                            return Ok::<_, std::convert::Infallible>(response);
                        }
                        tower_service::Service::call(&mut service.clone(), request).await
                    }
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, checked).await;
            });
        }
    });
    address
}
