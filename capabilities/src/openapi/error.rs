//! What can go wrong reading an OpenAPI spec or building a request from one. Places in a spec
//! are JSON Pointers (`/paths/~1pets~1{id}/get/parameters/0`), which name the same place in
//! its JSON and its YAML form; the caller adds the file's name.

use std::fmt;

/// The notation a spec was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecFormat {
    Json,
    Yaml,
}

impl fmt::Display for SpecFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            SpecFormat::Json => "JSON",
            SpecFormat::Yaml => "YAML",
        })
    }
}

/// Why a spec cannot be used, or why a call of one of its operations cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenApiError {
    /// The text is neither JSON nor YAML (JSON is tried when it starts with `{`).
    #[error("The spec is not valid {format} at line {line}, column {column}: {message}")]
    Syntax { format: SpecFormat, line: usize, column: usize, message: String },
    /// A limit that keeps the work on a hostile spec bounded.
    #[error("The spec has more than {limit} {what}")]
    TooLarge { what: &'static str, limit: usize },
    /// No `openapi` field (a Swagger 2.0 document has `swagger`), or a version other than 3.x.
    #[error("The document is not an OpenAPI 3.0, 3.1 or 3.2 spec (its version: {})", found.as_deref().unwrap_or("none"))]
    UnsupportedVersion { found: Option<String> },
    /// A part of the spec is not what OpenAPI allows there.
    #[error("Invalid spec at `{pointer}`: {message}")]
    Invalid { pointer: String, message: String },
    /// A `$ref` to another document, which is never fetched.
    #[error(
        "The reference `{reference}` at `{pointer}` points outside the spec: remote references are not fetched; bundle the spec into one file"
    )]
    RemoteReference { pointer: String, reference: String },
    /// A local `$ref` to nothing.
    #[error("The reference `{reference}` at `{pointer}` points to nothing in the spec")]
    BrokenReference { pointer: String, reference: String },
    /// References of parameters, request bodies, responses or path items that lead back
    /// to themselves (schemas may be recursive; these may not).
    #[error("The reference `{reference}` at `{pointer}` leads back to itself")]
    ReferenceCycle { pointer: String, reference: String },
    /// Two operations whose method names are the same identifier.
    #[error("The operations {first} and {second} both become the method `{name}`: give one an `operationId`")]
    NameClash { name: String, first: String, second: String },
    /// A request for a tool the spec does not have.
    #[error("`{tool}` is not an operation of this spec")]
    UnknownTool { tool: String },
    /// An argument that cannot be sent as the operation says (`path` is where, in the
    /// argument, as `input.petId` or `input.body.tags[2]`).
    #[error("Cannot call `{tool}`: `{path}` {message}")]
    Argument { tool: String, path: String, message: String },
    /// The operation's server URL is relative, and no base URL was given to resolve it against.
    #[error("Cannot call `{tool}`: its server URL `{server}` is relative, and no base URL was given")]
    NoServer { tool: String, server: String },
}
