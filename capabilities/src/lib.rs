//! The capabilities a caller grants a sandbox, described as data: where tools come from (MCP
//! servers, OpenAPI specs), their names as JavaScript identifiers, their argument schemas, and
//! the TypeScript declarations an LLM is prompted with. The crate knows nothing of the isolate:
//! the CLI hands a [`Catalog`]'s tools to the executor as tool bindings.

mod catalog;
mod openapi;
mod typescript;

pub use catalog::{Catalog, Source, SourceKind, Tool, Value};
pub use openapi::{HttpCall, HttpFailure, OpenApi, OpenApiError, SpecFormat};
pub use typescript::{DeclarationStyle, declarations};
