//! `sandbox mcp` driven by rmcp's client, as an MCP client drives it: over stdio (the server
//! a child process of the client) or over Streamable HTTP (a child process listening on
//! 127.0.0.1), with a client handler that answers approvals as the test says.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rmcp::model::{
    CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig, ElicitRequestParams, ElicitResult,
    ElicitationAction, ElicitationCapability, Implementation, ProtocolVersion,
};
use rmcp::service::{ClientLifecycleMode, ClientServiceExt as _, RequestContext, RoleClient, RunningService};

/// A bearer token for the HTTP tests.
pub(crate) const TOKEN: &str = "mcp-test-token-0123456789abcdef";

/// The client's side: how it answers approvals, and what it was asked.
#[derive(Clone)]
pub(crate) struct Client {
    /// `Some(yes)`: declares elicitation and answers so; `None`: declares no elicitation.
    pub(crate) approve: Option<bool>,
    pub(crate) asked: Arc<Mutex<Vec<String>>>,
}

impl Client {
    pub(crate) fn new(approve: Option<bool>) -> Client {
        Client { approve, asked: Arc::default() }
    }
}

impl rmcp::ClientHandler for Client {
    fn get_info(&self) -> ClientConfig {
        let mut capabilities = ClientCapabilities::default();
        if self.approve.is_some() {
            capabilities.elicitation = Some(ElicitationCapability::new());
        }
        ClientConfig::new(capabilities, Implementation::new("e2e", "1"))
    }

    async fn create_elicitation(
        &self,
        request: ElicitRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, rmcp::ErrorData> {
        if let ElicitRequestParams::FormElicitationParams { message, .. } = &request {
            self.asked.lock().unwrap().push(message.clone());
        }
        let mut result = ElicitResult::new(ElicitationAction::Accept);
        result.content = Some(serde_json::json!({ "approve": self.approve == Some(true) }));
        Ok(result)
    }
}

pub(crate) type Session = RunningService<RoleClient, Client>;

/// How the client starts: `server/discover` at 2026-07-28, or an older `initialize`.
pub(crate) fn lifecycle(modern: bool) -> ClientLifecycleMode {
    if modern {
        ClientLifecycleMode::Discover { preferred_versions: vec![ProtocolVersion::V_2026_07_28] }
    } else {
        ClientLifecycleMode::Initialize
    }
}

/// `sandbox mcp <args>` over stdio, from `command` (a `TestContext`'s `sandbox()`).
pub(crate) async fn stdio(mut command: Command, args: &[&str], client: Client, modern: bool) -> Session {
    command.arg("mcp").args(args);
    let command = tokio::process::Command::from(command);
    let transport = rmcp::transport::TokioChildProcess::new(command).expect("start sandbox mcp");
    let connected = client.serve_with_lifecycle(transport, lifecycle(modern));
    tokio::time::timeout(Duration::from_secs(120), connected)
        .await
        .expect("the handshake in time")
        .expect("the MCP handshake")
}

/// A client of the HTTP server at `address`.
pub(crate) async fn http(address: SocketAddr, client: Client, modern: bool) -> Session {
    use rmcp::transport::StreamableHttpClientTransport;
    use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
    // reqwest's TLS (unused here: plain HTTP) needs a process-wide crypto provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = StreamableHttpClientTransportConfig::with_uri(format!("http://{address}/mcp")).auth_header(TOKEN);
    let transport = StreamableHttpClientTransport::with_client(reqwest::Client::new(), config);
    client.serve_with_lifecycle(transport, lifecycle(modern)).await.expect("the MCP handshake over HTTP")
}

/// A plain HTTP client, for requests no MCP client would send.
pub(crate) fn raw_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// `execute` with `code`: the result, its text blocks joined by newlines.
pub(crate) async fn execute(session: &Session, code: &str) -> (CallToolResult, String) {
    let arguments = serde_json::json!({ "code": code });
    let params = CallToolRequestParams::new("execute").with_arguments(arguments.as_object().unwrap().clone());
    let result = session.call_tool(params).await.expect("a tools/call result");
    let text = result
        .content
        .iter()
        .filter_map(|block| block.as_text().map(|text| text.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    (result, text)
}

/// `sandbox mcp --listen 127.0.0.1:0 <args>` as a child process.
pub(crate) struct HttpServer {
    pub(crate) address: SocketAddr,
    child: Child,
    pub(crate) log: Arc<Mutex<Vec<String>>>,
}

impl HttpServer {
    /// Starts the server with a token file in `directory`, and waits until it listens.
    pub(crate) fn start(mut command: Command, directory: &std::path::Path, args: &[&str]) -> HttpServer {
        let tokens = directory.join("tokens");
        std::fs::write(&tokens, format!("{TOKEN}\n")).expect("write the token file");
        command.arg("mcp").arg("--listen").arg("127.0.0.1:0").arg("--token-file").arg(&tokens).args(args);
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("start sandbox mcp --listen");
        let stderr = child.stderr.take().expect("the server's stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let value: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
                if value["event"] == "listening"
                    && let Some(address) = value["address"].as_str().and_then(|address| address.parse().ok())
                    && let Some(sender) = sender.take()
                {
                    let _ = sender.send(address);
                }
                lines.lock().unwrap().push(line);
            }
        });
        match receiver.recv_timeout(Duration::from_secs(120)) {
            Ok(address) => HttpServer { address, child, log },
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("sandbox mcp did not start; it wrote:\n{}", log.lock().unwrap().join("\n"));
            }
        }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A runtime for one test.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime")
}
