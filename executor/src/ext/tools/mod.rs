//! Tools: capabilities the embedder implements outside the isolate, which the code calls as
//! `env.<binding>.<tool>(argument)` (and, with [`Options::tool_globals`], as a global
//! `<binding>.<tool>(argument)`), and service bindings, `env.<NAME>` as a Fetcher to a base
//! URL. This file holds the types the embedder sees; `calls.rs` the calls of one run and their
//! limits, `convert.rs` the values crossing between V8 and the host, `host.rs` the host
//! functions and the delivery of results to the event loop, `tools.js` the objects the code
//! sees (a lazy unit: a run without tools or services loads none of it).
//!
//! [`Options::tool_globals`]: crate::Options::tool_globals

pub(crate) mod calls;
pub(crate) mod convert;
pub(crate) mod host;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::ext::fetch::http::{HttpRequest, HttpResponse};
use crate::ext::fetch::network::NetworkHandle;

/// A value crossing between the sandbox and the host: JSON plus binary.
///
/// From the sandbox, a tool's argument becomes one: `null`, booleans, finite numbers,
/// strings, arrays and plain objects (own enumerable string keys; a property whose value is
/// `undefined` is left out, an `undefined` element of an array is `Null`, as JSON does), and
/// `Uint8Array`, any other typed array or `DataView` (their bytes) and `ArrayBuffer` as
/// [`Bytes`](ToolValue::Bytes). Anything else is refused with a `TypeError` before the call
/// leaves the sandbox. A result goes the other way: `Bytes` become a `Uint8Array`, objects
/// plain objects with `Object.prototype`.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Bytes(Vec<u8>),
    Array(Vec<ToolValue>),
    /// Keys in order; a key given twice takes its last value in the sandbox.
    Object(Vec<(String, ToolValue)>),
}

impl ToolValue {
    /// The size [`ToolLimits::max_result_bytes`] counts: the bytes of every string, key and
    /// byte array, and 8 more for every value and key.
    pub fn size(&self) -> usize {
        let mut size = 0usize;
        let mut stack = vec![self];
        while let Some(value) = stack.pop() {
            size = size.saturating_add(VALUE_OVERHEAD);
            match value {
                ToolValue::Null | ToolValue::Bool(_) | ToolValue::Number(_) => {}
                ToolValue::String(text) => size = size.saturating_add(text.len()),
                ToolValue::Bytes(bytes) => size = size.saturating_add(bytes.len()),
                ToolValue::Array(items) => stack.extend(items),
                ToolValue::Object(entries) => {
                    for (key, value) in entries {
                        size = size.saturating_add(key.len() + VALUE_OVERHEAD);
                        stack.push(value);
                    }
                }
            }
        }
        size
    }
}

/// What [`ToolValue::size`] counts for each value and key besides its bytes.
pub(crate) const VALUE_OVERHEAD: usize = 8;

/// One call of a tool by the code.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    /// The binding's name ([`ToolBinding::name`]).
    pub binding: String,
    /// The tool's name ([`ToolSpec::name`]).
    pub tool: String,
    /// The one argument the code passed (`{}`, an empty object, when it passed none).
    pub arguments: ToolValue,
}

/// Why a call failed, as the sandbox's Error will say it: `name` becomes the Error's name
/// (e.g. `"ToolError"`; `TypeError` and `RangeError` make those classes, an empty name
/// `Error`), `message` its message, after `"<binding>.<tool>: "` (cut at 64 KiB). The host
/// scrubs the message of anything the code must not see before it returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFailure {
    pub name: String,
    pub message: String,
}

/// What [`ToolHost::call`] returns: the call's result, or why it failed.
pub type ToolFuture = Pin<Box<dyn Future<Output = Result<ToolValue, ToolFailure>> + Send>>;

/// The embedder's side of the tools of a binding.
///
/// ```
/// use std::sync::Arc;
/// use executor::{DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox};
/// use executor::{ToolBinding, ToolCall, ToolContext, ToolFailure, ToolFuture, ToolHost, ToolSpec, ToolValue};
///
/// struct Greeter;
///
/// impl ToolHost for Greeter {
///     fn call(&self, call: ToolCall, _context: ToolContext) -> ToolFuture {
///         Box::pin(async move {
///             match call.arguments {
///                 ToolValue::Object(fields) => match fields.iter().find(|(key, _)| key == "name") {
///                     Some((_, ToolValue::String(name))) => Ok(ToolValue::String(format!("Hello, {name}"))),
///                     _ => Err(ToolFailure { name: "ToolError".into(), message: "`name` is missing".into() }),
///                 },
///                 _ => Err(ToolFailure { name: "ToolError".into(), message: "expected an object".into() }),
///             }
///         })
///     }
/// }
///
/// let greeter = ToolBinding { name: "greeter".into(), tools: vec![ToolSpec { name: "greet".into() }], host: Arc::new(Greeter) };
/// let code = b"export default async (env) => env.greeter.greet({ name: 'Ada' })";
/// let modules = [ModuleSource { specifier: "agent.js", kind: ModuleKind::EsModule, code }];
/// let options = Options { tools: vec![greeter], ..Options::default() };
/// let outcome = Sandbox::new(options).run("agent.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
/// assert_eq!(outcome.result.unwrap().unwrap().get(), "\"Hello, Ada\"");
/// assert_eq!(outcome.tool_calls.len(), 1);
/// ```
pub trait ToolHost: Send + Sync {
    /// Starts `call`. Called on the isolate's thread, outside any tokio runtime, and should
    /// return at once: the work belongs in the future. The future is polled on the executor's
    /// tokio runtime (one worker thread, shared with the network of every run of the process),
    /// so it must not block: blocking work goes to `tokio::task::spawn_blocking`, and work
    /// that lives on a runtime of the host's own is spawned there and awaited through a
    /// channel. The future is dropped when the call times out ([`ToolLimits::timeout`]) or is
    /// still pending when the run ends. A panic in `call` or in the future fails the call, not
    /// the run. `context.fetch` makes an HTTP request through the run's outbound policy.
    fn call(&self, call: ToolCall, context: ToolContext) -> ToolFuture;
}

/// What a tool host may use of the run that calls it. Cheap to clone, and `Send`: a host's
/// future takes it along.
#[derive(Clone)]
pub struct ToolContext {
    pub(crate) network: NetworkHandle,
}

impl ToolContext {
    /// Sends `request` through the run's outbound policy, as the code's own `fetch` would: the
    /// host must be allowed ([`OutboundPolicy::allow`]), every redirect is checked again, the
    /// policy's credentials are added for the hosts they are for and scrubbed from what comes
    /// back (headers, body, errors), the body is decoded (gzip, br) and limited to
    /// [`OutboundPolicy::max_response_bytes`], and the request counts as a subrequest of the
    /// run (logged in [`Outcome::subrequests`], counted against
    /// [`OutboundPolicy::max_subrequests`]). The body is held against the run's memory budget
    /// while it is read. After the run has ended, every request fails.
    ///
    /// [`OutboundPolicy::allow`]: crate::OutboundPolicy::allow
    /// [`OutboundPolicy::max_response_bytes`]: crate::OutboundPolicy::max_response_bytes
    /// [`OutboundPolicy::max_subrequests`]: crate::OutboundPolicy::max_subrequests
    /// [`Outcome::subrequests`]: crate::Outcome::subrequests
    pub fn fetch(&self, request: HttpRequest) -> impl Future<Output = Result<HttpResponse, String>> + Send + 'static {
        self.network.fetch(request)
    }
}

impl std::fmt::Debug for ToolContext {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("ToolContext { .. }")
    }
}

/// A set of tools the code reaches as `env.<name>`: a frozen object with one method per tool,
/// each taking one argument and returning a promise of the result.
#[derive(Clone)]
pub struct ToolBinding {
    /// The name in `env` (and of the global, with [`Options::tool_globals`]); a JavaScript
    /// identifier, so that the code can write `env.github`.
    ///
    /// [`Options::tool_globals`]: crate::Options::tool_globals
    pub name: String,
    pub tools: Vec<ToolSpec>,
    /// Who answers the calls.
    pub host: Arc<dyn ToolHost>,
}

impl std::fmt::Debug for ToolBinding {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("ToolBinding").field("name", &self.name).field("tools", &self.tools).finish()
    }
}

/// One tool of a binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolSpec {
    /// The method's name: a JavaScript identifier, so that the code can write
    /// `env.github.search_issues(...)`.
    pub name: String,
}

/// Limits on the tool calls of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolLimits {
    /// Calls a run may make; the calls after that are refused (a `RangeError`). Default 1,000.
    pub max_calls: u32,
    /// Calls the host runs at once; further calls wait, in order, until one of them ends (the
    /// timeout counts from when the host is called). 0 refuses every call. Default 16.
    pub max_in_flight: u32,
    /// The largest result a call may return, as [`ToolValue::size`] counts it; a larger one is
    /// refused (a `RangeError`). Default 8 MiB.
    pub max_result_bytes: usize,
    /// How long the host may take to answer one call; the call then fails with a
    /// `TimeoutError` and the host's future is dropped. Default 60 s.
    pub timeout: Duration,
}

impl Default for ToolLimits {
    fn default() -> Self {
        ToolLimits { max_calls: 1000, max_in_flight: 16, max_result_bytes: 8 << 20, timeout: Duration::from_secs(60) }
    }
}

/// An HTTP service the code reaches as `env.<name>`, a Fetcher as a Workers service binding
/// is: `env.NAME.fetch(input, init)` takes what `fetch` takes and sends the request to `base`,
/// its path and query appended to the base's path (`https://any.host/v1/items?x=1` goes to
/// `http://127.0.0.1:9000/api/v1/items?x=1` for the base `http://127.0.0.1:9000/api`; a path
/// alone, `"/v1/items"`, works too). The request needs no allow-list entry (redirects to
/// another origin do), gets the outbound policy's credential injections for the base's host
/// and port, its response is scrubbed as `fetch`'s is, and it is logged and counted as a
/// subrequest. The base's user name, password, query and fragment are not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceBinding {
    pub name: String,
    pub base: url::Url,
}

/// One tool call of a run, as [`Outcome::tool_calls`] lists them, in the order the code made
/// them. The result is not kept, and the argument only with
/// [`Options::record_tool_arguments`](crate::Options::record_tool_arguments).
///
/// [`Outcome::tool_calls`]: crate::Outcome::tool_calls
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCallRecord {
    pub binding: String,
    pub tool: String,
    /// The argument as it left the sandbox, when the run records them; `None` otherwise and
    /// for a call refused before it left.
    pub arguments: Option<ToolValue>,
    /// From the host being called to the call's end (zero for a call that never reached the
    /// host).
    pub duration: Duration,
    /// The result's size ([`ToolValue::size`]), also for a result refused as too large; 0
    /// without a result.
    pub bytes: u64,
    pub outcome: ToolCallOutcome,
    /// When the call was handed to its host (`None` for one that never was): with
    /// `duration`, where the call is in an embedder's trace.
    pub started_at: Option<std::time::Instant>,
}

/// How a tool call ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolCallOutcome {
    /// The code got the result.
    Ok,
    /// The host failed the call: the message the code got (without the `<binding>.<tool>: `
    /// prefix).
    Failed(String),
    /// The host did not answer within [`ToolLimits::timeout`].
    TimedOut,
    /// The call was still pending (running, waiting for a slot, or answered but not yet
    /// handed to the code) when the run ended, and its future was dropped.
    Cancelled,
    /// A limit refused the call or its result: the message the code got. Calls refused once
    /// [`ToolLimits::max_calls`] was reached are recorded once, for the first of them.
    Refused(String),
}
