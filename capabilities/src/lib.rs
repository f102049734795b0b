//! The capabilities a caller grants a sandbox, described as data: where tools come from (MCP
//! servers, OpenAPI specs), their names as JavaScript identifiers, their argument schemas, and
//! the TypeScript declarations an LLM is prompted with. The crate knows nothing of the isolate:
//! the CLI hands a [`Catalog`]'s tools to the executor as tool bindings.

mod catalog;
mod config;
mod error;
mod mcp;
pub mod names;
mod openapi;
mod typescript;
mod validate;

pub use catalog::{Catalog, Source, SourceKind, Tool, Value};
pub use config::{McpConfig, ServerConfig, ServerTransport};
pub use error::{CapabilityError, ConfigError, InvalidArguments, NameClash, Problem, ToolCallError};
pub use mcp::value::{from_json, to_json};
pub use mcp::{McpServers, StartOptions};
pub use openapi::{HttpCall, HttpFailure, OpenApi, OpenApiError, SpecFormat};
pub use typescript::{DeclarationStyle, declarations};
pub use validate::{SchemaError, ValidateError, Validator, validate};
