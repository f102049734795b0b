//! MCP servers as sources of tools, through the official Rust SDK (`rmcp`): started once, their
//! tools listed (every page), their tools called with a timeout and cancellation.
//!
//! The servers run on a runtime of their own (one worker thread, `sandbox-mcp`), so the
//! futures [`McpServers::start`] and [`McpServers::call`] return can be awaited from any
//! executor, and a caller's runtime that stops or blocks does not stall them. Dropping a call's
//! future cancels the request (the server gets `notifications/cancelled`); dropping
//! [`McpServers`] kills every stdio server's process group at once and never blocks.
//!
//! The lifecycle is negotiated as rmcp does it: `server/discover` with the newest revision
//! rmcp knows (2026-07-28, stateless), and the `initialize` handshake of 2025-11-25 (or the
//! older revision the server answers with) when the server does not know `server/discover`.

mod http;
mod result;
mod stdio;
pub(crate) mod value;

use std::ffi::OsString;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rmcp::model::{CallToolRequestParams, ClientCapabilities, ClientConfig, Implementation, ProtocolVersion};
use rmcp::service::{ClientLifecycleMode, ClientServiceExt as _, Peer, RoleClient, RunningService, ServiceError};
use serde_json::Value as Json;

use crate::catalog::{Catalog, Source, SourceKind, Tool, Value};
use crate::config::{McpConfig, ServerConfig, ServerTransport, member};
use crate::error::{CapabilityError, ConfigError, InvalidArguments, Problem, ToolCallError, truncate};
use crate::names;
use crate::validate::{SchemaError, Validator};

/// Secrets shorter than this are not looked for in error messages: replacing every `1` of a
/// message because an entry sets `DEBUG=1` would garble it, and such a value hides nothing.
const MIN_SCRUBBED: usize = 4;

/// How servers are started.
#[derive(Clone)]
pub struct StartOptions {
    /// How long a server may take to start, answer the handshake and list its tools.
    pub startup_timeout: Duration,
    /// How much of the end of a stdio server's stderr is kept for error messages, in bytes.
    pub stderr_limit: usize,
    /// Where the minimal environment of stdio servers (`PATH`, `HOME`, `LANG`, `LANGUAGE`,
    /// `LC_*`) is taken from; `None` is this process's environment. Nothing else of it is
    /// passed on.
    pub host_environment: Option<Vec<(OsString, OsString)>>,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions { startup_timeout: Duration::from_secs(60), stderr_limit: 16 * 1024, host_environment: None }
    }
}

/// The host's environment may hold secrets: `Debug` shows the names of its variables only.
impl std::fmt::Debug for StartOptions {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = self
            .host_environment
            .as_ref()
            .map(|variables| variables.iter().map(|(name, _)| name.to_string_lossy().into_owned()).collect::<Vec<_>>());
        formatter
            .debug_struct("StartOptions")
            .field("startup_timeout", &self.startup_timeout)
            .field("stderr_limit", &self.stderr_limit)
            .field("host_environment", &names)
            .finish()
    }
}

/// Running MCP servers and the tools they offer.
///
/// ```no_run
/// use std::path::Path;
/// use std::time::Duration;
///
/// use capabilities::{McpConfig, McpServers, StartOptions, Value};
///
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// let config = McpConfig::load(Path::new(".mcp.json"), |name| std::env::var(name).ok())?;
/// let servers = McpServers::start(&config, &StartOptions::default()).await?;
/// for source in servers.sources() {
///     let tools: Vec<&str> = source.tools.iter().map(|tool| tool.name.as_str()).collect();
///     println!("{}: {}", source.name, tools.join(", "));
/// }
/// let arguments = Value::Object(vec![("message".into(), Value::String("hi".into()))]);
/// let echoed = servers.call("everything", "echo", arguments, Duration::from_secs(60)).await?;
/// servers.close().await;
/// # let _ = echoed;
/// # Ok(())
/// # }
/// ```
pub struct McpServers {
    runtime: RuntimeGuard,
    servers: Vec<Arc<Server>>,
    sources: Vec<Source>,
}

/// One running server.
struct Server {
    /// The name the configuration gives it.
    name: String,
    identifier: String,
    peer: Peer<RoleClient>,
    /// Kept so that the connection stays open; taken by [`McpServers::close`].
    running: Mutex<Option<RunningService<RoleClient, ClientConfig>>>,
    stderr: Option<stdio::StderrTail>,
    /// Whether stderr has been read to its end (the process closed it).
    stderr_done: Option<tokio::sync::watch::Receiver<bool>>,
    process_group: Option<u32>,
    protocol_version: String,
    /// Every secret of the configuration, longest first.
    secrets: Arc<[String]>,
    /// By identifier.
    tools: std::collections::HashMap<String, ServerTool>,
}

struct ServerTool {
    original: String,
    input_schema: Json,
    validator: OnceLock<Result<Validator, SchemaError>>,
}

impl McpServers {
    /// Starts every server of `config` at once, and lists their tools. Servers and tools get
    /// their identifiers ([`crate::names`]); two that clash, an `approve` entry naming no
    /// tool, or a server that does not start within the timeout is an error, and the servers
    /// already started are stopped.
    pub async fn start(config: &McpConfig, options: &StartOptions) -> Result<McpServers, CapabilityError> {
        let identifiers = names::identifiers("MCP servers", config.servers.iter().map(|server| server.name.as_str()))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("sandbox-mcp")
            .enable_all()
            .build()
            .map_err(|error| CapabilityError::Runtime(error.to_string()))?;
        let runtime = RuntimeGuard(Some(runtime));
        let secrets: Arc<[String]> = config.secrets().into();
        let host: Vec<(OsString, OsString)> =
            options.host_environment.clone().unwrap_or_else(|| std::env::vars_os().collect());
        let mut handles = Vec::with_capacity(config.servers.len());
        for (entry, identifier) in config.servers.iter().zip(identifiers) {
            let task = start_server(entry.clone(), identifier, options.clone(), host.clone(), Arc::clone(&secrets));
            handles.push((entry.name.clone(), AbortOnDrop(runtime.handle().spawn(task))));
        }
        // Built as they come, so that an error below drops it and stops those already started.
        let mut started = McpServers { runtime, servers: Vec::new(), sources: Vec::new() };
        for ((name, handle), entry) in handles.into_iter().zip(&config.servers) {
            let (server, source) = match handle.await {
                Ok(Ok(started)) => started,
                Ok(Err(error)) => return Err(error),
                Err(error) => {
                    return Err(CapabilityError::Start {
                        server: name,
                        reason: format!("the task starting it failed: {error}"),
                        stderr: String::new(),
                    });
                }
            };
            let approvals = check_approvals(config, entry, &source);
            started.servers.push(Arc::new(server));
            started.sources.push(source);
            approvals?;
        }
        Ok(started)
    }

    /// The servers as sources, in the configuration's order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The servers as a [`Catalog`].
    pub fn catalog(&self) -> Catalog {
        Catalog { sources: self.sources.clone() }
    }

    /// The MCP revision negotiated with the server whose identifier is `source`
    /// (`"2026-07-28"`, `"2025-11-25"`, ...).
    pub fn protocol_version(&self, source: &str) -> Option<&str> {
        self.server(source).map(|server| server.protocol_version.as_str())
    }

    /// Calls the tool `tool` of `source` (identifiers, as in [`McpServers::sources`]) with
    /// `arguments` (an object; `Null` is `{}`), checked first against the tool's input schema.
    /// Bytes in the arguments go to the server as base64 strings.
    ///
    /// The result is the tool's `structuredContent`; else, when its content is one text block,
    /// that text parsed as JSON, or the text itself when it is not JSON; else the content
    /// blocks as objects (`{type: "image", data, mimeType}`), with the base64 of images, audio
    /// and embedded blobs decoded to [`Value::Bytes`]; `null` when there is no content. A result
    /// with `isError` is [`ToolCallError::Tool`], a JSON-RPC error [`ToolCallError::Protocol`],
    /// a server that exited or whose connection failed [`ToolCallError::ServerGone`]. After
    /// `timeout` the request is cancelled and the call fails with [`ToolCallError::TimedOut`];
    /// dropping the future cancels it too.
    ///
    /// Error messages hold no secret of the configuration (each of at least 4 characters is
    /// replaced by `[REDACTED]`).
    pub fn call(
        &self,
        source: &str,
        tool: &str,
        arguments: Value,
        timeout: Duration,
    ) -> impl Future<Output = Result<Value, ToolCallError>> + Send + 'static {
        let found = self.server(source).and_then(|server| {
            let entry = server.tools.get(tool)?;
            Some((Arc::clone(server), entry.original.clone()))
        });
        let prepared = match found {
            None => Err(ToolCallError::UnknownTool { source_name: source.to_owned(), tool: tool.to_owned() }),
            Some((server, original)) => {
                prepare(&server, tool, &arguments).map(|arguments| (server, original, arguments))
            }
        };
        let handle = self.runtime.handle().clone();
        async move {
            let (server, original, arguments) = prepared?;
            if server.peer.is_transport_closed() {
                return Err(server.gone("the connection is closed").await);
            }
            let peer = server.peer.clone();
            let request = CallToolRequestParams::new(original).with_arguments(arguments);
            let task = handle.spawn(async move { tokio::time::timeout(timeout, peer.call_tool(request)).await });
            match AbortOnDrop(task).await {
                Ok(Ok(Ok(result))) => result::map_result(result).map_err(|error| server.scrub_error(error)),
                Ok(Ok(Err(error))) => Err(server.service_error(error).await),
                Ok(Err(_elapsed)) => Err(ToolCallError::TimedOut(timeout)),
                Err(_) => Err(server.gone("the MCP servers were stopped").await),
            }
        }
    }

    /// Stops every server as the MCP specification says (stdio: close its input, wait, then
    /// `SIGTERM`, then `SIGKILL`), waiting at most a few seconds in all.
    pub async fn close(self) {
        let mut closing = Vec::new();
        for server in &self.servers {
            let running = server.running.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
            if let Some(mut running) = running {
                closing.push(AbortOnDrop(self.runtime.handle().spawn(async move {
                    let _ = running.close_with_timeout(Duration::from_secs(5)).await;
                })));
            }
        }
        for task in closing {
            let _ = task.await;
        }
    }

    fn server(&self, identifier: &str) -> Option<&Arc<Server>> {
        self.servers.iter().find(|server| server.identifier == identifier)
    }
}

impl Drop for McpServers {
    fn drop(&mut self) {
        for server in &self.servers {
            if let Some(group) = server.process_group {
                stdio::kill_group(group);
            }
        }
    }
}

impl std::fmt::Debug for McpServers {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("McpServers")
            .field("servers", &self.servers.iter().map(|server| &server.name).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The runtime of the servers, shut down without waiting (a drop in an async context must
/// not block).
struct RuntimeGuard(Option<tokio::runtime::Runtime>);

impl RuntimeGuard {
    fn handle(&self) -> &tokio::runtime::Handle {
        self.0.as_ref().expect("the runtime is only taken when the guard is dropped").handle()
    }
}

impl Drop for RuntimeGuard {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

/// A task aborted when its handle is dropped (a cancelled call).
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Future for AbortOnDrop<T> {
    type Output = Result<T, tokio::task::JoinError>;

    fn poll(mut self: std::pin::Pin<&mut Self>, context: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        std::pin::Pin::new(&mut self.0).poll(context)
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The arguments as the JSON object the server gets, checked against the input schema.
fn prepare(server: &Server, tool: &str, arguments: &Value) -> Result<serde_json::Map<String, Json>, ToolCallError> {
    let json = match arguments {
        Value::Null => Json::Object(serde_json::Map::new()),
        other => value::to_json(other),
    };
    let Json::Object(object) = json else {
        return Err(ToolCallError::InvalidArguments(InvalidArguments {
            problems: vec![Problem { path: "$".into(), message: "the argument must be an object".into() }],
        }));
    };
    let Some(entry) = server.tools.get(tool) else {
        return Err(ToolCallError::UnknownTool { source_name: server.identifier.clone(), tool: tool.to_owned() });
    };
    let validator = entry.validator.get_or_init(|| Validator::new(&entry.input_schema));
    match validator {
        Ok(validator) => {
            let json = Json::Object(object);
            validator.check(&json)?;
            match json {
                Json::Object(object) => Ok(object),
                _ => Err(ToolCallError::InvalidResult("the arguments changed while being checked".into())),
            }
        }
        Err(error) => Err(ToolCallError::InvalidResult(format!(
            "the server's input schema of `{}` cannot be used to check arguments: {}",
            entry.original, error.0
        ))),
    }
}

impl Server {
    fn scrub(&self, text: &str) -> String {
        scrub(&self.secrets, text)
    }

    fn scrub_error(&self, error: ToolCallError) -> ToolCallError {
        match error {
            ToolCallError::Tool { message } => ToolCallError::Tool { message: self.scrub(&message) },
            ToolCallError::InvalidResult(message) => ToolCallError::InvalidResult(self.scrub(&message)),
            ToolCallError::Protocol { code, message } => {
                ToolCallError::Protocol { code, message: self.scrub(&message) }
            }
            other => other,
        }
    }

    async fn service_error(&self, error: ServiceError) -> ToolCallError {
        match error {
            ServiceError::McpError(error) => {
                ToolCallError::Protocol { code: error.code.0, message: self.scrub(&truncate(&error.message, 4096)) }
            }
            ServiceError::TransportClosed => self.gone("the connection closed").await,
            ServiceError::TransportSend(error) => {
                let reason = format!("cannot send the request: {error}");
                self.gone(&reason).await
            }
            ServiceError::Timeout { timeout } => ToolCallError::TimedOut(timeout),
            ServiceError::UnexpectedResponse => ToolCallError::InvalidResult("an answer of the wrong kind".into()),
            other => ToolCallError::InvalidResult(self.scrub(&other.to_string())),
        }
    }

    /// The server is gone: the reason, with the end of its stderr (waiting briefly for the
    /// rest of it, since a crashing process writes its last words as it exits).
    async fn gone(&self, reason: &str) -> ToolCallError {
        ToolCallError::ServerGone {
            server: self.name.clone(),
            reason: self.scrub(reason),
            stderr: self.scrub(&stderr_after_exit(self.stderr.as_ref(), self.stderr_done.clone()).await),
        }
    }
}

async fn stderr_after_exit(
    stderr: Option<&stdio::StderrTail>,
    done: Option<tokio::sync::watch::Receiver<bool>>,
) -> String {
    let Some(stderr) = stderr else { return String::new() };
    if let Some(mut done) = done {
        let _ = tokio::time::timeout(Duration::from_millis(500), done.wait_for(|done| *done)).await;
    }
    stderr.text()
}

/// Starts one server and lists its tools.
async fn start_server(
    entry: ServerConfig,
    identifier: String,
    options: StartOptions,
    host: Vec<(OsString, OsString)>,
    secrets: Arc<[String]>,
) -> Result<(Server, Source), CapabilityError> {
    let failed = |reason: String, stderr: String| CapabilityError::Start {
        server: entry.name.clone(),
        reason: scrub(&secrets, &reason),
        stderr: scrub(&secrets, &stderr),
    };
    let client =
        ClientConfig::new(ClientCapabilities::default(), Implementation::new("sandbox", env!("CARGO_PKG_VERSION")));
    let lifecycle = ClientLifecycleMode::Auto {
        preferred_versions: vec![ProtocolVersion::LATEST],
        legacy_version: Some(ProtocolVersion::LATEST_WITH_INITIALIZE),
    };
    let deadline = tokio::time::Instant::now() + options.startup_timeout;
    let (running, stderr, stderr_done, process_group) = match &entry.transport {
        ServerTransport::Stdio { command, args, env, cwd } => {
            let environment = stdio::environment(host, env);
            let spawned = stdio::spawn(command, args, environment, cwd.as_ref()).map_err(|error| {
                let reason = if error.kind() == std::io::ErrorKind::NotFound {
                    format!("`{command}` was not found (the server gets the PATH of this process)")
                } else {
                    format!("cannot run `{command}`: {error}")
                };
                failed(reason, String::new())
            })?;
            let tail = stdio::StderrTail::new(options.stderr_limit);
            let (done_sender, done) = tokio::sync::watch::channel(false);
            if let Some(pipe) = spawned.stderr {
                let collector = tail.clone();
                tokio::spawn(async move {
                    collector.collect(pipe).await;
                    let _ = done_sender.send(true);
                });
            }
            let started =
                tokio::time::timeout_at(deadline, client.serve_with_lifecycle(spawned.transport, lifecycle)).await;
            let running = match started {
                Ok(Ok(running)) => running,
                Ok(Err(error)) => {
                    if let Some(group) = spawned.process_group {
                        stdio::kill_group(group);
                    }
                    let stderr = stderr_after_exit(Some(&tail), Some(done)).await;
                    return Err(failed(format!("the MCP handshake failed: {error}"), stderr));
                }
                Err(_) => {
                    if let Some(group) = spawned.process_group {
                        stdio::kill_group(group);
                    }
                    let stderr = stderr_after_exit(Some(&tail), Some(done)).await;
                    return Err(failed(
                        format!("no answer to the MCP handshake within {} s", options.startup_timeout.as_secs()),
                        stderr,
                    ));
                }
            };
            (running, Some(tail), Some(done), spawned.process_group)
        }
        ServerTransport::Http { url, headers } => {
            let client_http = http::client().map_err(|reason| failed(reason, String::new()))?;
            let transport =
                http::transport(client_http, url, headers).map_err(|reason| failed(reason, String::new()))?;
            let running =
                match tokio::time::timeout_at(deadline, client.serve_with_lifecycle(transport, lifecycle)).await {
                    Ok(Ok(running)) => running,
                    Ok(Err(error)) => return Err(failed(format!("the MCP handshake failed: {error}"), String::new())),
                    Err(_) => {
                        return Err(failed(
                            format!("no answer to the MCP handshake within {} s", options.startup_timeout.as_secs()),
                            String::new(),
                        ));
                    }
                };
            (running, None, None, None)
        }
    };
    let peer = running.peer().clone();
    let listed = match tokio::time::timeout_at(deadline, peer.list_all_tools()).await {
        Ok(Ok(tools)) => tools,
        Ok(Err(error)) => {
            let stderr = stderr_after_exit(stderr.as_ref(), stderr_done.clone()).await;
            if let Some(group) = process_group {
                stdio::kill_group(group);
            }
            return Err(failed(format!("listing its tools failed: {error}"), stderr));
        }
        Err(_) => {
            if let Some(group) = process_group {
                stdio::kill_group(group);
            }
            return Err(failed(
                format!("its tools were not listed within {} s", options.startup_timeout.as_secs()),
                String::new(),
            ));
        }
    };
    let info = peer.peer_info();
    let protocol_version = info.as_ref().map(|info| info.protocol_version.to_string()).unwrap_or_default();
    let description = info.as_ref().and_then(|info| {
        let implementation = info.server_info.as_ref()?;
        implementation.description.clone().or_else(|| implementation.title.clone())
    });
    let tool_identifiers = names::identifiers(
        &format!("Tools of MCP server `{}`", entry.name),
        listed.iter().map(|tool| tool.name.as_ref()),
    )?;
    let mut tools = Vec::with_capacity(listed.len());
    let mut by_identifier = std::collections::HashMap::with_capacity(listed.len());
    for (tool, identifier) in listed.into_iter().zip(tool_identifiers) {
        let input_schema = Json::Object(tool.input_schema.as_ref().clone());
        let output_schema = tool.output_schema.as_ref().map(|schema| Json::Object(schema.as_ref().clone()));
        let original = tool.name.to_string();
        tools.push(Tool {
            approve: entry.approves(&original, &identifier),
            name: identifier.clone(),
            original: original.clone(),
            description: tool.description.map(|description| description.into_owned()).or(tool.title),
            input_schema: input_schema.clone(),
            output_schema,
        });
        by_identifier.insert(identifier, ServerTool { original, input_schema, validator: OnceLock::new() });
    }
    let source =
        Source { name: identifier.clone(), original: entry.name.clone(), kind: SourceKind::Mcp, description, tools };
    let server = Server {
        name: entry.name.clone(),
        identifier,
        peer,
        running: Mutex::new(Some(running)),
        stderr,
        stderr_done,
        process_group,
        protocol_version,
        secrets,
        tools: by_identifier,
    };
    Ok((server, source))
}

/// Every `approve` entry names a tool the server has (a misspelt name would leave the tool it
/// meant ungated).
fn check_approvals(config: &McpConfig, entry: &ServerConfig, source: &Source) -> Result<(), CapabilityError> {
    for (index, pattern) in entry.approve.iter().enumerate() {
        if pattern == "*" || source.tools.iter().any(|tool| &tool.original == pattern || &tool.name == pattern) {
            continue;
        }
        let mut known: Vec<&str> = source.tools.iter().map(|tool| tool.original.as_str()).take(20).collect();
        if source.tools.len() > known.len() {
            known.push("...");
        }
        return Err(CapabilityError::Config(ConfigError {
            file: config.file.clone(),
            path: format!("{}[{index}]", member(&member("$.mcpServers", &entry.name), "approve")),
            line: None,
            column: None,
            message: format!("The MCP server `{}` has no tool `{pattern}`", entry.name),
            help: Some(format!(
                "its tools are {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
                }
            )),
        }));
    }
    Ok(())
}

/// `text` with every secret of at least [`MIN_SCRUBBED`] characters replaced.
fn scrub(secrets: &[String], text: &str) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if secret.chars().count() >= MIN_SCRUBBED && out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), "[REDACTED]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLI shares the servers with the executor's threads.
    #[test]
    fn servers_can_be_shared_between_threads() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<McpServers>();
    }

    #[test]
    fn secrets_are_scrubbed_longest_first_and_short_ones_kept() {
        let secrets = ["Bearer abcdefgh".to_owned(), "abcdefgh".to_owned(), "1".to_owned()];
        assert_eq!(
            scrub(&secrets, "got Bearer abcdefgh and abcdefgh, 1 time"),
            "got [REDACTED] and [REDACTED], 1 time"
        );
    }

    #[test]
    fn debug_output_shows_no_host_value() {
        let options = StartOptions {
            host_environment: Some(vec![(OsString::from("AWS_SECRET"), OsString::from("hunter2-hunter2"))]),
            ..StartOptions::default()
        };
        let debug = format!("{options:?}");
        assert!(debug.contains("AWS_SECRET") && !debug.contains("hunter2"), "{debug}");
    }
}
