//! The tools a run is granted (`--mcp-config`, `--openapi`): MCP servers started and OpenAPI
//! specs read before the code runs, their catalogue handed to the executor as tool bindings
//! (`env.<source>.<tool>(input)`), and each call answered here, outside the isolate: checked
//! against the tool's input schema, approved when the configuration asks for it, sent to its
//! server (MCP) or through the run's outbound policy (OpenAPI), and scrubbed of the
//! configuration's secrets on the way back.

mod approve;
mod values;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use capabilities::{Catalog, McpConfig, McpServers, OpenApi, SourceKind, Validator};
use executor::{ToolBinding, ToolCall, ToolContext, ToolFailure, ToolFuture, ToolHost, ToolSpec};

use crate::exit::ExitStatus;
use crate::report::Report;
use crate::settings::ToolSettings;

pub(crate) use approve::{Approvals, Asker};

/// The tools of a run: started servers, read specs, and their catalogue.
pub(crate) struct Granted {
    mcp: Option<Arc<McpServers>>,
    specs: HashMap<String, Arc<Spec>>,
    pub(crate) catalog: Catalog,
    /// Values of the configuration that must never be shown: servers' `env` and `headers`,
    /// and every `${VAR}` expanded.
    pub(crate) secrets: Vec<String>,
}

/// An OpenAPI spec granted as a source, with its tools' compiled input schemas.
struct Spec {
    api: OpenApi,
    base: Option<url::Url>,
    validators: HashMap<String, Validator>,
}

impl Granted {
    /// [`Granted::start`] when `settings` grant any tool, `None` when they grant none; a
    /// failure is reported through `printer`, and its exit status returned.
    pub(crate) fn start_any(
        settings: &ToolSettings,
        printer: &crate::output::Printer,
    ) -> Result<Option<Granted>, ExitStatus> {
        if !settings.any() {
            return Ok(None);
        }
        Granted::start(settings).map(Some).map_err(|report| {
            printer.report(&report, crate::output::RunDetails::default());
            report.status
        })
    }

    /// Reads every configuration and spec, starts the MCP servers, and lists their tools. A
    /// run without tools never gets here.
    pub(crate) fn start(settings: &ToolSettings) -> Result<Granted, Box<Report>> {
        let mut secrets = Vec::new();
        let mut mcp = None;
        if !settings.mcp_configs.is_empty() {
            let mut merged: Option<McpConfig> = None;
            for file in &settings.mcp_configs {
                let config = McpConfig::load(file, |name| std::env::var(name).ok()).map_err(config_report)?;
                match &mut merged {
                    None => merged = Some(config),
                    Some(merged) => merged.servers.extend(config.servers),
                }
            }
            let config = merged.expect("at least one configuration");
            secrets.extend(config.secrets());
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|error| tool_report("tools", format!("Cannot start the MCP servers: {error}"), None))?;
            let started = runtime
                .block_on(McpServers::start(&config, &capabilities::StartOptions::default()))
                .map_err(|error| start_report(&error))?;
            mcp = Some(Arc::new(started));
        }
        let mut catalog = mcp.as_ref().map(|servers| servers.catalog()).unwrap_or_default();
        let mut specs = HashMap::new();
        for (name, file, base) in &settings.openapi {
            let spec = read_spec(name, file, base.clone())?;
            catalog.sources.push(spec.api.source(name));
            specs.insert(name.clone(), Arc::new(spec));
        }
        capabilities::names::check_catalog(&catalog).map_err(|clash| {
            tool_report(
                "tool-names",
                clash.to_string(),
                Some("rename one of them (the server's key in the configuration, or the NAME of --openapi)".into()),
            )
        })?;
        Ok(Granted { mcp, specs, catalog, secrets })
    }

    /// The catalogue as the executor's bindings, each call answered by `host`.
    pub(crate) fn bindings(&self, approvals: Approvals, timeout: Duration) -> Vec<ToolBinding> {
        let host: Arc<dyn ToolHost> = Arc::new(Host {
            mcp: self.mcp.clone(),
            specs: self.specs.clone(),
            approve: self
                .catalog
                .sources
                .iter()
                .flat_map(|source| {
                    source.tools.iter().filter(|tool| tool.approve).map(|tool| (source.name.clone(), tool.name.clone()))
                })
                .collect(),
            approvals: Arc::new(approvals),
            timeout,
            redactor: Arc::new(executor::Redactor::new(&self.secrets)),
        });
        self.catalog
            .sources
            .iter()
            .map(|source| ToolBinding {
                name: source.name.clone(),
                tools: source.tools.iter().map(|tool| ToolSpec { name: tool.name.clone() }).collect(),
                host: Arc::clone(&host),
            })
            .collect()
    }
}

/// Reads and parses `--openapi NAME=FILE`.
fn read_spec(name: &str, file: &Path, base: Option<url::Url>) -> Result<Spec, Box<Report>> {
    let text = std::fs::read(file).map_err(|error| {
        tool_report("openapi", format!("Cannot read the OpenAPI spec {}: {error}", file.display()), None)
    })?;
    let text = String::from_utf8(text)
        .map_err(|_| tool_report("openapi", format!("The OpenAPI spec {} is not UTF-8 text", file.display()), None))?;
    let api = OpenApi::parse(&text)
        .map_err(|error| tool_report("openapi", format!("`--openapi {name}`: {}: {error}", file.display()), None))?;
    let mut validators = HashMap::new();
    for tool in api.tools() {
        let validator = Validator::new(&tool.input_schema).map_err(|error| {
            tool_report("openapi", format!("`--openapi {name}`: operation `{}`: {error}", tool.original), None)
        })?;
        validators.insert(tool.name.clone(), validator);
    }
    Ok(Spec { api, base, validators })
}

/// Answers the calls of a run's code.
struct Host {
    mcp: Option<Arc<McpServers>>,
    specs: HashMap<String, Arc<Spec>>,
    /// `(source, tool)` of the tools that ask before each call.
    approve: Vec<(String, String)>,
    approvals: Arc<Approvals>,
    timeout: Duration,
    redactor: Arc<executor::Redactor>,
}

impl ToolHost for Host {
    fn call(&self, call: ToolCall, context: ToolContext) -> ToolFuture {
        let needs_approval = self.approve.iter().any(|(source, tool)| *source == call.binding && *tool == call.tool);
        let approvals = Arc::clone(&self.approvals);
        let redactor = Arc::clone(&self.redactor);
        let mcp = self.mcp.clone();
        let spec = self.specs.get(&call.binding).cloned();
        let timeout = self.timeout;
        Box::pin(async move {
            let arguments = values::to_capabilities(call.arguments);
            if needs_approval {
                approvals
                    .ask(&call.binding, &call.tool, &arguments)
                    .await
                    .map_err(|message| ToolFailure { name: "ToolApprovalError".to_owned(), message })?;
            }
            let result = match (spec, mcp) {
                (Some(spec), _) => call_openapi(&spec, &call.tool, arguments, &context).await,
                (None, Some(mcp)) => {
                    mcp.call(&call.binding, &call.tool, arguments, timeout).await.map_err(|error| failure(&error))
                }
                (None, None) => Err(ToolFailure { name: "ToolError".into(), message: "no such tool".into() }),
            };
            match result {
                Ok(value) => Ok(values::to_executor(value, &redactor)),
                Err(failure) => Err(ToolFailure { message: redactor.redact(&failure.message).into_owned(), ..failure }),
            }
        })
    }
}

/// A call of an OpenAPI operation: its arguments checked against its input schema, the
/// request it makes sent through the run's outbound policy, the response read.
async fn call_openapi(
    spec: &Spec,
    tool: &str,
    arguments: capabilities::Value,
    context: &ToolContext,
) -> Result<capabilities::Value, ToolFailure> {
    if let Some(validator) = spec.validators.get(tool) {
        validator
            .check(&capabilities::to_json(&arguments))
            .map_err(|invalid| ToolFailure { name: "TypeError".into(), message: invalid.to_string() })?;
    }
    let request = spec
        .api
        .request(tool, &arguments, spec.base.as_ref())
        .map_err(|error| ToolFailure { name: "TypeError".into(), message: error.to_string() })?;
    let response = context
        .fetch(executor::HttpRequest {
            method: request.method,
            url: request.url.to_string(),
            headers: request.headers,
            body: request.body,
        })
        .await
        .map_err(|message| ToolFailure { name: "ToolError".into(), message })?;
    spec.api
        .response(tool, response.status, &response.headers, &response.body)
        .map_err(|failure| ToolFailure { name: "ToolError".into(), message: failure.message })
}

/// A failed MCP call as the code's Error: a schema mismatch is a `TypeError`, a timeout a
/// `TimeoutError`, everything else a `ToolError`.
fn failure(error: &capabilities::ToolCallError) -> ToolFailure {
    let name = match error {
        capabilities::ToolCallError::InvalidArguments(_) => "TypeError",
        capabilities::ToolCallError::TimedOut(_) => "TimeoutError",
        _ => "ToolError",
    };
    ToolFailure { name: name.to_owned(), message: error.to_string() }
}

fn tool_report(code: &str, message: String, hint: Option<String>) -> Box<Report> {
    let report = Report::new(ExitStatus::Bundle, code, message);
    Box::new(match hint {
        Some(hint) => report.with_hint(hint),
        None => report,
    })
}

fn config_report(error: capabilities::ConfigError) -> Box<Report> {
    let mut report = Report::new(ExitStatus::Usage, "mcp-config", error.to_string());
    if let Some(position) = error.line.zip(error.column) {
        report = report.at(&error.file, position);
    }
    Box::new(match error.help {
        Some(help) => report.with_hint(help),
        None => report,
    })
}

fn start_report(error: &capabilities::CapabilityError) -> Box<Report> {
    match error {
        capabilities::CapabilityError::Config(error) => config_report(error.clone()),
        capabilities::CapabilityError::Names(clash) => tool_report(
            "tool-names",
            clash.to_string(),
            Some("rename one of them (a server's key in the configuration)".into()),
        ),
        capabilities::CapabilityError::Start { .. } => tool_report(
            "mcp-start",
            error.to_string(),
            Some("check the server's `command` and `args` (or `url`) in the configuration; run it by hand to see it start".into()),
        ),
        capabilities::CapabilityError::Runtime(_) => tool_report("mcp-start", error.to_string(), None),
    }
}

/// Which kind of source a binding is, for `--verbose`.
pub(crate) fn describe(catalog: &Catalog) -> String {
    catalog
        .sources
        .iter()
        .map(|source| {
            let kind = match source.kind {
                SourceKind::Mcp => "MCP server",
                SourceKind::OpenApi => "OpenAPI spec",
            };
            format!("{} ({kind}, {} tools)", source.name, source.tools.len())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
