//! Why a run did not produce a result.

use crate::runtime::exception::JsException;
use crate::runtime::limits::Limit;

/// The entrypoint could not be called as asked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EntrypointError {
    #[error("The module has no default export")]
    NoDefaultExport { available: Vec<String> },
    #[error("The module has no export named `{entrypoint}`")]
    EntrypointNotFound { entrypoint: String, available: Vec<String> },
    #[error("{where_} has no method `{method}`")]
    MethodNotFound {
        method: String,
        #[serde(rename = "where")]
        where_: String,
        available: Vec<String>,
    },
    #[error("{where_} has several methods")]
    AmbiguousMethod {
        #[serde(rename = "where")]
        where_: String,
        available: Vec<String>,
    },
    #[error("{where_} has no methods to call")]
    NoMethods {
        #[serde(rename = "where")]
        where_: String,
    },
    #[error("{where_} is {type_}, not a function, an object with methods or a class")]
    NotCallable {
        #[serde(rename = "where")]
        where_: String,
        #[serde(rename = "type")]
        type_: String,
    },
    #[error("{where_} is a `fetch` handler, which needs a request to handle")]
    FetchHandler {
        #[serde(rename = "where")]
        where_: String,
    },
    #[error("{where_} has no `fetch` handler")]
    NoFetchHandler {
        #[serde(rename = "where")]
        where_: String,
    },
    #[error("The fetch handler returned {type_}, not a Response")]
    NotAResponse {
        #[serde(rename = "type")]
        type_: String,
    },
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The code threw, a promise rejected unhandled, or a module failed to compile or link.
    #[error("{0}")]
    Exception(Box<JsException>),
    /// A limit stopped the run.
    #[error("The run exceeded its {0}")]
    LimitExceeded(Limit),
    /// The entrypoint cannot be called as asked (no such export or method, or several
    /// methods to choose from).
    #[error(transparent)]
    Entrypoint(EntrypointError),
    /// The result is a value that JSON cannot hold. `path` is like `result.items[2]`.
    #[error("The result cannot be turned into JSON: `{path}` is {value}")]
    NotSerializable { path: String, value: String, hint: String },
    /// The entrypoint's promise never settled, and no timer or other work was left that
    /// could settle it.
    #[error("The entrypoint's promise never settled, and nothing is left that could settle it")]
    NeverSettled,
    /// An argument (`index` counts from 1) was not valid JSON.
    #[error("Argument {index} is not valid JSON: {reason}")]
    InvalidArgument { index: usize, reason: String },
    /// The main module named by the caller is not in the module list.
    #[error("The main module `{0}` is not in the module map")]
    MissingMainModule(String),
    /// The entrypoint's result settled while tool calls of the code were still pending: the
    /// code did not await them. They were cancelled (their futures dropped). `calls` holds
    /// `binding.tool` of each, in the order they were made.
    #[error("{}", pending_message(calls))]
    PendingToolCalls { calls: Vec<String> },
    /// Two bindings of `env` (strings, tools, services) share `name`, or (`global`) a tool or
    /// service binding that should also be a global is named like a global the runtime has.
    #[error("{}", if *global {
        format!("The binding `{name}` cannot also be a global: the runtime has a global of that name")
    } else {
        format!("Two bindings of `env` are named `{name}`")
    })]
    BindingClash { name: String, global: bool },
    /// The code called `process.exit(code)` (or `process.abort()`, code 134), which ends the
    /// run at once, as workerd cancels the request: nothing after it runs, not even a `catch`.
    #[error("The Node.js process.exit({code}) API was called. Canceling the request.")]
    ProcessExit { code: i32 },
    /// The run was cancelled through a [`CancelHandle`](crate::CancelHandle).
    #[error("The run was interrupted")]
    Interrupted,
    /// Something that should not happen; a bug in this crate or in V8's embedding.
    #[error("Internal error: {0}")]
    Internal(String),
}

/// What [`RunError::PendingToolCalls`] says.
fn pending_message(calls: &[String]) -> String {
    let mut list: Vec<String> = calls.iter().take(5).map(|call| format!("`{call}`")).collect();
    if calls.len() > 5 {
        list.push(format!("and {} more", calls.len() - 5));
    }
    let (count, cancelled) = match calls.len() {
        1 => ("1 tool call was".to_owned(), "it was"),
        count => (format!("{count} tool calls were"), "they were"),
    };
    let example = calls.first().map_or("tool", String::as_str);
    format!(
        "The code returned while {count} still pending ({}); {cancelled} cancelled. Await every tool call before returning, as in `await {example}(...)` or `await Promise.all([...])`",
        list.join(", ")
    )
}
