//! OpenAPI 3 specs as tools: one method per operation, called over HTTP by the host. The rules
//! are documented on [`OpenApi`].

mod error;
mod operations;
pub(crate) mod pointer;
mod request;
mod response;
mod schema;
mod yaml;

use url::Url;

pub use error::{OpenApiError, SpecFormat};
use operations::Operation;
pub use request::HttpCall;
pub use response::HttpFailure;

use crate::{Source, SourceKind, Tool, Value};

/// A spec, read: its tools and what calling each takes. Each operation is one tool, whose
/// calls the host makes over HTTP.
///
/// ```
/// use capabilities::{OpenApi, Value};
///
/// let spec = OpenApi::parse(r#"{
///   "openapi": "3.0.3",
///   "info": {"title": "Pets", "version": "1"},
///   "servers": [{"url": "https://pets.example.com/v1"}],
///   "paths": {"/pets/{petId}": {"get": {
///     "operationId": "getPet",
///     "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "integer"}}],
///     "responses": {"200": {"description": "A pet", "content": {"application/json": {
///       "schema": {"type": "object", "properties": {"name": {"type": "string"}}}}}}}
///   }}}
/// }"#)?;
/// let source = spec.source("pets");
/// assert_eq!(source.tools[0].name, "getPet");
///
/// let input = Value::Object(vec![("petId".into(), Value::Number(7.0))]);
/// let call = spec.request("getPet", &input, None)?;
/// assert_eq!(call.url.as_str(), "https://pets.example.com/v1/pets/7");
///
/// let result = spec.response("getPet", 200, &[("content-type".into(), "application/json".into())], br#"{"name":"Rex"}"#);
/// assert_eq!(result, Ok(Value::Object(vec![("name".into(), Value::String("Rex".into()))])));
/// # Ok::<(), capabilities::OpenApiError>(())
/// ```
///
/// # From operations to tools
/// - **Versions**: OpenAPI 3.0, 3.1 and 3.2 (read as 3.1), in JSON (text starting with `{`) or
///   YAML. Swagger 2.0 is refused.
/// - **Names**: the `operationId` made an identifier (`-`, `.` and spaces become `_`, other
///   characters an identifier cannot hold are dropped); without one, the method and the path's
///   words: `GET /pets/{id}/photos` is `get_pets_by_id_photos`. Two operations with the same
///   name are an error naming both. `Tool::original` is the `operationId` (or `GET /path`).
/// - **Description**: the operation's `summary` and `description`, with "Deprecated." after it
///   when the operation is; the source's is the spec's `info.title` and `info.description`.
/// - **Input**: one object. Each path, query, header and cookie parameter (the path item's and
///   the operation's) is a property named as the parameter (`<in>_<name>` when two locations
///   share a name); path parameters are required, others as the spec says. Its schema is the
///   parameter's `schema` (or its `content`'s) with the parameter's `description`,
///   `deprecated` and `example(s)`. Headers `Accept`, `Content-Type` and `Authorization` are
///   ignored, as OpenAPI says (credentials are the caller's outbound policy's business).
///   A `{name}` in the path that no parameter declares is a required string.
/// - **Request body**: the first of the media types JSON (`application/json`, `*+json`),
///   `application/x-www-form-urlencoded`, `multipart/form-data`, any other type (bytes), then
///   `text/*`. If its schema is a plain object (`properties`, no `allOf`/`anyOf`/`oneOf`/`not`/
///   `if`/`patternProperties`, not nullable), none of its properties is named as a parameter,
///   and either the body is required or it requires no property, its properties are the
///   input's, beside the parameters (`{petId, name, tag}`), and its `additionalProperties`
///   too. Otherwise the body is the property `body` (`requestBody`, `_body` if a parameter
///   has that name), required when the body is. Binary bodies (and `format: binary` strings
///   of multipart bodies) have the schema `{"contentMediaType": <type>}`: a `Uint8Array` or a
///   string. Without a flattened body, the input has `additionalProperties: false`.
/// - **Output**: the schema of the first 2xx response (`200` before `201` before `2XX`) with a
///   JSON content, with the response's description; `{"type": "string"}` for a `text/*`
///   one; none otherwise (the TypeScript type is then `unknown`).
/// - **Schemas**: every schema is JSON Schema 2020-12 (`$schema` says so): OpenAPI 3.0's
///   `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum` and `example` are rewritten;
///   local `$ref`s to `#/components/schemas/X` (or anywhere else in the spec) are copied
///   under the tool schema's `$defs`, so recursive schemas stay recursive; references that
///   loop without going into the value (`A: {allOf: [{$ref: A}]}`) are cut. References of
///   parameters, request bodies, responses and path items are followed (and a loop of them is
///   an error). References to other files or URLs are refused, never fetched.
///   `readOnly`/`writeOnly` are kept as annotations: a `readOnly` required property is still
///   required in the input.
///
/// # Calls
/// [`OpenApi::request`] builds the request of a call: the server is the operation's `servers`,
/// else its path item's, else the spec's, else `/`, with its variables' defaults; a base URL
/// given to the call replaces it (a relative server URL, such as `/api/v3`, is resolved
/// against the base). Path parameters are percent-encoded (every byte but `A-Z a-z 0-9 - . _
/// ~`), so a value cannot add a segment or a query, and a value that would still change the
/// path (`..`, or empty) is refused. Parameters follow their `style` and `explode`: `simple`,
/// `label` and `matrix` in the path; `form` (the default, exploded: `id=1&id=2`),
/// `spaceDelimited`, `pipeDelimited` and `deepObject` (`filter[a]=1`) in the query, with
/// `allowReserved`; `simple` in headers; `form` in the `Cookie` header. Parameters with JSON
/// `content` are sent as JSON text. Numbers are written as JavaScript writes them. Bodies:
/// JSON (whole numbers without `.0`, non-finite ones as `null`, bytes refused), forms (arrays
/// as repeated fields, objects as JSON), multipart (bytes as file parts, objects as JSON
/// parts), text, or bytes. `Accept` names the media type of the output schema.
///
/// [`OpenApi::response`] reads the answer: a 2xx JSON body parsed (a body that says it is
/// JSON and is not is a failure), text (`text/*`, XML) as a string, anything else as bytes, an
/// empty body as `null`; any other status is an [`HttpFailure`] quoting the start of the body.
///
/// # Hostile specs
/// A spec is read in bounded work and memory: at most 32 MiB of text, JSON nested at most 128
/// deep (YAML too), YAML aliases counted at their expanded size, at most 10,000 operations,
/// and at most 1,000,000 values in all the tool schemas together (each operation holds a copy
/// of the schemas it uses, so a spec whose schemas all refer to each other is refused rather
/// than copied thousands of times). Nothing is fetched.
#[derive(Debug, Clone)]
pub struct OpenApi {
    description: Option<String>,
    operations: Vec<Operation>,
    tools: Vec<Tool>,
}

impl OpenApi {
    /// The largest spec read, in bytes.
    pub const MAX_SPEC_BYTES: usize = 32 * 1024 * 1024;

    /// Reads a spec from its text, JSON or YAML.
    pub fn parse(text: &str) -> Result<OpenApi, OpenApiError> {
        if text.len() > Self::MAX_SPEC_BYTES {
            return Err(OpenApiError::TooLarge { what: "bytes", limit: Self::MAX_SPEC_BYTES });
        }
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let document = if text.trim_start().starts_with('{') {
            serde_json::from_str::<serde_json::Value>(text).map_err(|error| OpenApiError::Syntax {
                format: SpecFormat::Json,
                line: error.line(),
                column: error.column(),
                message: json_message(&error),
            })?
        } else {
            yaml::parse(text)?
        };
        let (info, operations, tools) = operations::read(&document)?;
        Ok(OpenApi { description: info.description, operations, tools })
    }

    /// One tool per operation, in the spec's order.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// The spec as a source named `name` (an identifier, as the caller made it).
    pub fn source(&self, name: &str) -> Source {
        Source {
            name: name.to_owned(),
            original: name.to_owned(),
            kind: SourceKind::OpenApi,
            description: self.description.clone(),
            tools: self.tools.clone(),
        }
    }

    /// The HTTP request for calling `tool` with `arguments` (an object, as the input schema
    /// describes), sent to `base` instead of the spec's server when given.
    pub fn request(&self, tool: &str, arguments: &Value, base: Option<&Url>) -> Result<HttpCall, OpenApiError> {
        let operation = self.operation(tool).ok_or_else(|| OpenApiError::UnknownTool { tool: tool.to_owned() })?;
        request::build(operation, arguments, base)
    }

    /// The result of a call of `tool`, from the response's status, headers and body.
    pub fn response(
        &self,
        tool: &str,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Value, HttpFailure> {
        response::read(self.operation(tool), status, headers, body)
    }

    fn operation(&self, tool: &str) -> Option<&Operation> {
        self.operations.iter().find(|operation| operation.tool == tool)
    }
}

/// serde_json's message without its own ` at line L column C` (the error has them as fields).
fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(index) => text[..index].to_owned(),
        None => text,
    }
}
