//! The MCP side, on rmcp's server: the tools (`execute`, and `search` and `describe` when the
//! catalogue is large), their calls, and approvals put to the client.
//!
//! Approvals keep the run alive while the client decides. A client of revision 2026-07-28
//! gets an `input_required` result (SEP-2322) with one elicitation that names the tool and
//! its arguments, and a `requestState` that is a random key to the waiting run (kept here,
//! never in the state itself); its retry of the same call with the answer resumes the run
//! where it stopped. A client of an older revision that declared elicitation is asked with
//! `elicitation/create` during the call. Any other client cannot be asked: the call is
//! refused, and the error names `--approve`.

use std::sync::Arc;

use rmcp::ErrorData;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, ElicitRequest, ElicitRequestParams,
    Implementation, InputRequest, InputRequests, InputRequiredResult, ListToolsResult, PaginatedRequestParams,
    ProtocolVersion, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::{RequestContext, RoleServer};

use crate::mcp::execute::{self, Run, Step};
use crate::mcp::pending::{Code, Pending};
use crate::mcp::server::Server;

/// The key of the one elicitation an approval asks.
const APPROVAL: &str = "approval";

#[derive(Clone)]
pub(crate) struct Handler {
    pub(crate) server: Arc<Server>,
    /// Runs waiting for an approval, shared by every session (over HTTP a retry may come on
    /// another connection).
    pub(crate) pending: Pending<Waiting>,
}

/// A run stopped at a question.
pub(crate) struct Waiting {
    code: String,
    run: Run,
    question: execute::Question,
}

impl Code for Waiting {
    fn code(&self) -> &str {
        &self.code
    }
}

impl rmcp::ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let mut info = ServerConfig::new(ServerCapabilities::builder().enable_tools().build());
        info.server_info = Implementation::new("sandbox", env!("CARGO_PKG_VERSION"))
            .with_title("sandbox: code mode")
            .with_description("Runs TypeScript and JavaScript in a fresh V8 isolate, with your MCP servers and APIs as typed bindings");
        info.protocol_version = ProtocolVersion::LATEST;
        info.with_instructions(
            "Use `execute` to do the work in code: call the tools its description declares from one piece of TypeScript, and return what you need.",
        )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.server.tools.clone()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.server.tools.iter().find(|tool| tool.name == name).cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.clone().unwrap_or_default();
        match request.name.as_ref() {
            "execute" => {
                let Some(code) = arguments.get("code").and_then(|code| code.as_str()).map(str::to_owned) else {
                    return Err(ErrorData::invalid_params("`execute` takes {\"code\": string}", None));
                };
                self.execute(code, request, context).await
            }
            "search" if self.server.progressive => {
                let Some(query) = arguments.get("query").and_then(|query| query.as_str()) else {
                    return Err(ErrorData::invalid_params("`search` takes {\"query\": string}", None));
                };
                let found = crate::mcp::search::search(self.server.catalog(), query);
                Ok(CallToolResult::success(vec![ContentBlock::text(found)]).into())
            }
            "describe" if self.server.progressive => {
                let names: Option<Vec<String>> = arguments
                    .get("tools")
                    .and_then(|tools| tools.as_array()?.iter().map(|name| name.as_str().map(str::to_owned)).collect());
                let Some(names) = names else {
                    return Err(ErrorData::invalid_params("`describe` takes {\"tools\": string[]}", None));
                };
                Ok(match crate::mcp::search::describe(self.server.catalog(), &names) {
                    Ok(text) => CallToolResult::success(vec![ContentBlock::text(text)]),
                    Err(message) => CallToolResult::error(vec![ContentBlock::text(message)]),
                }
                .into())
            }
            other => Err(ErrorData::invalid_params(
                format!("No tool `{other}`; the tools are execute, search and describe"),
                None,
            )),
        }
    }
}

impl Handler {
    /// `execute`: a new run, or the run a retry's `requestState` names, driven to its result
    /// or to its next question.
    async fn execute(
        &self,
        code: String,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let server = &self.server;
        let mut run: Run = match &request.request_state {
            Some(state) => {
                let Some(waiting) = self.pending.take(state, &code) else {
                    return Ok(execute::error_result(
                        server,
                        &crate::report::Report::new(
                            crate::exit::ExitStatus::Usage,
                            "unknown-request-state",
                            "This approval is no longer waiting: it was answered already, it timed out, or it belongs to other code",
                        )
                        .with_hint("call execute again without requestState"),
                        None,
                    )
                    .into());
                };
                let approved = approval_answer(request.input_responses.as_ref());
                let _ = waiting.question.answer.send(approved);
                waiting.run
            }
            None => match execute::start(server, code.clone()).await {
                Ok(run) => run,
                Err(result) => return Ok(result.into()),
            },
        };
        let modern = context
            .protocol_version()
            .is_some_and(|version| version.as_str() >= ProtocolVersion::V_2026_07_28.as_str());
        loop {
            let step = tokio::select! {
                step = run.wait(server) => step,
                () = context.ct.cancelled() => return Err(ErrorData::internal_error("the call was cancelled", None)),
            };
            let question = match step {
                Step::Done(result) => return Ok(result.into()),
                Step::Asks(question) => question,
            };
            let elicitation = approval_request(server, &question);
            if modern {
                if !client_elicits(&context) {
                    let refusal = cannot_ask(&question);
                    let _ = question.answer.send(Err(refusal));
                    continue;
                }
                let state = self.pending.put(Waiting { code, run, question });
                let mut requests = InputRequests::new();
                requests.insert(APPROVAL.to_owned(), InputRequest::Elicitation(ElicitRequest::new(elicitation)));
                return Ok(InputRequiredResult::new(Some(requests), Some(state)).into());
            }
            if !client_elicits(&context) {
                let refusal = cannot_ask(&question);
                let _ = question.answer.send(Err(refusal));
                continue;
            }
            let asked =
                tokio::time::timeout(server.approval_timeout, context.peer.create_elicitation(elicitation)).await;
            let answer = match asked {
                Ok(Ok(result)) => approved(&serde_json::to_value(&result).unwrap_or_default()),
                Ok(Err(error)) => Err(format!("the call was not approved: the client could not be asked ({error})")),
                Err(_) => Err(format!(
                    "the call was not approved: no answer came within {}",
                    executor::format_duration(server.approval_timeout)
                )),
            };
            let _ = question.answer.send(answer);
        }
    }
}

/// Whether the client said it can be asked (elicitation), in this request's metadata
/// (2026-07-28) or its `initialize` (older revisions).
fn client_elicits(context: &RequestContext<RoleServer>) -> bool {
    let per_request = context.meta.client_capabilities().is_some_and(|capabilities| capabilities.elicitation.is_some());
    let initialized = context.peer.peer_info().is_some_and(|info| info.capabilities.elicitation.is_some());
    per_request || initialized
}

fn cannot_ask(question: &execute::Question) -> String {
    format!(
        "the configuration asks for approval of each call of this tool, and this MCP client cannot be asked (it supports no elicitation); start sandbox mcp with --approve {}.{} to allow it",
        question.source, question.tool
    )
}

/// The elicitation that asks whether the call may go ahead: the tool and its arguments, and
/// one yes-or-no field.
fn approval_request(server: &Server, question: &execute::Question) -> ElicitRequestParams {
    let arguments = serde_json::to_string_pretty(&capabilities::to_json(&question.arguments)).unwrap_or_default();
    let arguments = crate::mcp::truncate::cut_text(&arguments, 4000);
    let message = format!(
        "The code wants to call {}.{} with these arguments:\n{}\nAllow this call?",
        question.source,
        question.tool,
        server.printer.scrubbed(&arguments)
    );
    let schema = serde_json::json!({
        "type": "object",
        "properties": {
            "approve": {"type": "boolean", "title": "Allow the call", "description": format!("Allow {}.{} to run with the arguments shown", question.source, question.tool)}
        },
        "required": ["approve"]
    });
    ElicitRequestParams::FormElicitationParams {
        meta: None,
        message,
        requested_schema: serde_json::from_value(schema).expect("a valid elicitation schema"),
    }
}

/// The answer of a retry's `inputResponses`: approved only when the elicitation was accepted
/// with `approve: true`.
fn approval_answer(responses: Option<&rmcp::model::InputResponses>) -> Result<(), String> {
    match responses.and_then(|responses| responses.get(APPROVAL)) {
        Some(result) => approved(result),
        None => Err("the call was not approved: the client's retry carried no answer".to_owned()),
    }
}

/// An `ElicitResult` as JSON: `{action: "accept", content: {approve: true}}` approves.
fn approved(result: &serde_json::Value) -> Result<(), String> {
    let action = result.get("action").and_then(|action| action.as_str()).unwrap_or_default();
    let yes = result.get("content").and_then(|content| content.get("approve")).and_then(|approve| approve.as_bool());
    match (action, yes) {
        ("accept", Some(true)) => Ok(()),
        ("accept", _) => Err("the call was not approved".to_owned()),
        ("decline", _) => Err("the call was not approved: the user declined it".to_owned()),
        _ => Err("the call was not approved: the user dismissed the question".to_owned()),
    }
}

/// The tools the server lists: `execute`, and `search` and `describe` when `progressive`.
pub(crate) fn tools(execute_description: String, progressive: bool) -> Vec<Tool> {
    let object = |value: serde_json::Value| match value {
        serde_json::Value::Object(object) => Arc::new(object),
        _ => unreachable!("schemas are objects"),
    };
    let mut tools = vec![Tool::new(
        "execute",
        execute_description,
        object(serde_json::json!({
            "type": "object",
            "properties": {"code": {"type": "string", "description": "TypeScript or JavaScript: statements whose last expression (or `return`) is the result, an async arrow function, or a module with a default export"}},
            "required": ["code"],
        })),
    )];
    if progressive {
        tools.push(Tool::new(
            "search",
            "Find the tools `execute` can call by keywords in their names and descriptions. Answers with `source.tool(input)` lines; call `describe` for their types.",
            object(serde_json::json!({
                "type": "object",
                "properties": {"query": {"type": "string", "description": "Words to look for, e.g. \"create issue\""}},
                "required": ["query"],
            })),
        ));
        tools.push(Tool::new(
            "describe",
            "The TypeScript declarations (input and output types) of tools `execute` can call, by name: `source.tool`, or `source.*` for all of a source's tools.",
            object(serde_json::json!({
                "type": "object",
                "properties": {"tools": {"type": "array", "items": {"type": "string"}, "description": "e.g. [\"github.create_issue\"]"}},
                "required": ["tools"],
            })),
        ));
    }
    tools
}
