//! A spec's operations, each read into what a call needs ([`Operation`]) and what the sandbox
//! sees ([`Tool`]). The rules are documented on [`super::OpenApi`].

use std::collections::HashMap;

use serde_json::{Map, Value, json};
use url::Url;

use super::error::OpenApiError;
use super::pointer::{self, child};
use super::schema::{Budget, Document, MAX_SCHEMA_NODES};
use crate::Tool;
use crate::names as ident;

/// How many operations a spec may have.
pub(crate) const MAX_OPERATIONS: usize = 10_000;

/// The HTTP methods a path item may hold, in the order they are read.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What calling one operation takes.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub(crate) tool: String,
    pub(crate) method: String,
    /// The path template, as `/pets/{petId}`.
    pub(crate) path: String,
    pub(crate) server: Server,
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) body: Option<Body>,
    /// The media type of the response the output schema describes.
    pub(crate) accept: Option<String>,
}

/// Where an operation's requests go.
#[derive(Debug, Clone)]
pub(crate) enum Server {
    Absolute(Url),
    /// Relative to the spec's own URL, which a file does not have: resolved against the base.
    Relative(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

impl Location {
    fn name(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// OpenAPI's `style` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

#[derive(Debug, Clone)]
pub(crate) struct Parameter {
    /// The property of the input that holds it.
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) location: Location,
    pub(crate) style: Style,
    pub(crate) explode: bool,
    pub(crate) allow_reserved: bool,
    pub(crate) required: bool,
    /// Sent as JSON text (a parameter with `content: {application/json: ...}`).
    pub(crate) json: bool,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) media: String,
    pub(crate) kind: BodyKind,
    pub(crate) required: bool,
    pub(crate) shape: BodyShape,
}

/// Where the body is in the input.
#[derive(Debug, Clone)]
pub(crate) enum BodyShape {
    /// The body's properties are the input's, beside the parameters.
    Flattened,
    /// The body is the input's property of this name.
    Key(String),
}

/// What the spec says of itself.
pub(crate) struct Info {
    pub(crate) description: Option<String>,
}

/// Every operation of `spec` (the whole document, parsed), with its tool.
pub(crate) fn read(spec: &Value) -> Result<(Info, Vec<Operation>, Vec<Tool>), OpenApiError> {
    let Value::Object(root) = spec else {
        return Err(OpenApiError::Invalid { pointer: String::new(), message: "a spec is a JSON object".to_owned() });
    };
    let version = match root.get("openapi") {
        Some(Value::String(version)) => Some(version.clone()),
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    let v30 = match version.as_deref() {
        Some(version) if version.starts_with("3.0") => true,
        Some(version) if version.starts_with("3.1") || version.starts_with("3.2") => false,
        _ => {
            let found = version
                .or_else(|| root.get("swagger").map(|swagger| format!("Swagger {}", swagger.as_str().unwrap_or("?"))));
            return Err(OpenApiError::UnsupportedVersion { found });
        }
    };
    let info = Info { description: describe(root.get("info")) };
    let servers = root.get("servers");
    let mut reader = Reader { spec, v30, budget: Budget(MAX_SCHEMA_NODES), operations: Vec::new(), tools: Vec::new() };
    let paths = match root.get("paths") {
        None => return Ok((info, Vec::new(), Vec::new())),
        Some(Value::Object(paths)) => paths,
        Some(_) => return Err(invalid("/paths", "`paths` is an object of path items")),
    };
    let mut names: HashMap<String, String> = HashMap::new();
    for (path, item) in paths {
        let at = child("/paths", path);
        if !path.starts_with('/') {
            return Err(invalid(&at, "a path starts with `/`"));
        }
        let (item, item_at) = pointer::follow(spec, item, &at)?;
        let Value::Object(item) = item else {
            return Err(invalid(&item_at, "a path item is an object"));
        };
        for method in METHODS {
            let Some(operation) = item.get(*method) else { continue };
            if reader.operations.len() >= MAX_OPERATIONS {
                return Err(OpenApiError::TooLarge { what: "operations", limit: MAX_OPERATIONS });
            }
            let op_at = child(&item_at, method);
            let Value::Object(operation) = operation else {
                return Err(invalid(&op_at, "an operation is an object"));
            };
            let label = match operation.get("operationId").and_then(Value::as_str) {
                Some(id) => format!("`{id}` ({} {path})", method.to_ascii_uppercase()),
                None => format!("`{} {path}`", method.to_ascii_uppercase()),
            };
            let (operation, tool) = reader.operation(path, method, item, &item_at, operation, &op_at, servers)?;
            if let Some(first) = names.insert(tool.name.clone(), label.clone()) {
                return Err(OpenApiError::NameClash { name: tool.name, first, second: label });
            }
            reader.operations.push(operation);
            reader.tools.push(tool);
        }
    }
    Ok((info, reader.operations, reader.tools))
}

fn invalid(pointer: &str, message: impl Into<String>) -> OpenApiError {
    OpenApiError::Invalid { pointer: pointer.to_owned(), message: message.into() }
}

/// `title` and `description` of an object (the spec's `info`), as one text.
fn describe(info: Option<&Value>) -> Option<String> {
    let info = info?;
    let parts: Vec<&str> = ["title", "description"]
        .iter()
        .filter_map(|key| info.get(*key).and_then(Value::as_str))
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

struct Reader<'a> {
    spec: &'a Value,
    v30: bool,
    budget: Budget,
    operations: Vec<Operation>,
    tools: Vec<Tool>,
}

impl Reader<'_> {
    #[allow(clippy::too_many_arguments, reason = "the places an operation's parts come from")]
    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &Map<String, Value>,
        item_at: &str,
        operation: &Map<String, Value>,
        at: &str,
        root_servers: Option<&Value>,
    ) -> Result<(Operation, Tool), OpenApiError> {
        let (name, original) = match operation.get("operationId") {
            Some(Value::String(id)) => (ident::identifier(id), id.clone()),
            Some(_) => return Err(invalid(&child(at, "operationId"), "an `operationId` is a string")),
            None => (ident::operation_name(method, path), format!("{} {path}", method.to_ascii_uppercase())),
        };
        let server = self.server(operation, at, item, item_at, root_servers)?;

        // Parameters: the path item's, then the operation's, which replace those of the same
        // name and location.
        let mut declared: Vec<(Value, String)> = Vec::new();
        for (list, list_at) in [
            (item.get("parameters"), child(item_at, "parameters")),
            (operation.get("parameters"), child(at, "parameters")),
        ] {
            let Some(list) = list else { continue };
            let Value::Array(list) = list else {
                return Err(invalid(&list_at, "`parameters` is an array"));
            };
            for (index, parameter) in list.iter().enumerate() {
                let (parameter, parameter_at) =
                    pointer::follow(self.spec, parameter, &child(&list_at, &index.to_string()))?;
                let identity = (parameter.get("name").cloned(), parameter.get("in").cloned());
                declared
                    .retain(|(existing, _)| (existing.get("name").cloned(), existing.get("in").cloned()) != identity);
                declared.push((parameter.clone(), parameter_at));
            }
        }

        let mut document = Document::new(self.spec, self.v30, &mut self.budget);
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        let mut parameters = Vec::new();
        for (parameter, parameter_at) in &declared {
            let Some((parameter, schema)) = read_parameter(parameter, parameter_at, &mut document)? else {
                continue;
            };
            let mut parameter = parameter;
            parameter.key = unique_key(&parameter.name, parameter.location, &properties);
            if parameter.required {
                required.push(Value::String(parameter.key.clone()));
            }
            properties.insert(parameter.key.clone(), schema);
            parameters.push(parameter);
        }
        // A `{name}` in the path that no parameter declares is still a required string.
        for variable in template_variables(path) {
            if !parameters.iter().any(|parameter| parameter.location == Location::Path && parameter.name == variable) {
                let key = unique_key(&variable, Location::Path, &properties);
                properties.insert(key.clone(), json!({"type": "string"}));
                required.push(Value::String(key.clone()));
                parameters.push(Parameter {
                    key,
                    name: variable,
                    location: Location::Path,
                    style: Style::Simple,
                    explode: false,
                    allow_reserved: false,
                    required: true,
                    json: false,
                });
            }
        }

        let mut input = Map::new();
        input.insert("type".to_owned(), json!("object"));
        let mut additional = Some(Value::Bool(false));
        let body = match operation.get("requestBody") {
            None => None,
            Some(body) => {
                let (body, body_at) = pointer::follow(self.spec, body, &child(at, "requestBody"))?;
                read_body(self.spec, body, &body_at, &mut document, &mut properties, &mut required, &mut additional)?
            }
        };
        input.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            input.insert("required".to_owned(), Value::Array(required));
        }
        if let Some(additional) = additional {
            input.insert("additionalProperties".to_owned(), additional);
        }
        let input_schema = with_dialect(document.finish(Value::Object(input))?);

        let (output_schema, accept) = match operation.get("responses") {
            Some(responses) => self.output(responses, &child(at, "responses"))?,
            None => (None, None),
        };

        let mut description = describe_operation(operation);
        if operation.get("deprecated") == Some(&Value::Bool(true)) {
            description = Some(match description {
                Some(text) => format!("{text}\n\nDeprecated."),
                None => "Deprecated.".to_owned(),
            });
        }
        let operation = Operation {
            tool: name.clone(),
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            server,
            parameters,
            body,
            accept,
        };
        let tool = Tool { name, original, description, input_schema, output_schema, approve: false };
        Ok((operation, tool))
    }

    /// The server of an operation: its own `servers`, its path item's, the spec's, or `/`.
    fn server(
        &self,
        operation: &Map<String, Value>,
        at: &str,
        item: &Map<String, Value>,
        item_at: &str,
        root: Option<&Value>,
    ) -> Result<Server, OpenApiError> {
        let candidates = [
            (operation.get("servers"), child(at, "servers")),
            (item.get("servers"), child(item_at, "servers")),
            (root, "/servers".to_owned()),
        ];
        for (servers, servers_at) in candidates {
            let Some(servers) = servers else { continue };
            let Value::Array(servers) = servers else {
                return Err(invalid(&servers_at, "`servers` is an array"));
            };
            let Some(first) = servers.first() else { continue };
            return server_url(first, &child(&servers_at, "0"));
        }
        Ok(Server::Relative("/".to_owned()))
    }

    /// The output schema (of the first 2xx response with JSON or text content, by status
    /// code) and the media type to ask for.
    fn output(&mut self, responses: &Value, at: &str) -> Result<(Option<Value>, Option<String>), OpenApiError> {
        let Value::Object(responses) = responses else {
            return Err(invalid(at, "`responses` is an object"));
        };
        let mut codes: Vec<&String> =
            responses.keys().filter(|code| code.len() == 3 && code.starts_with('2')).collect();
        // `200` before `201`, and exact codes before `2XX`.
        codes.sort_by_key(|code| (code.eq_ignore_ascii_case("2XX"), code.to_ascii_uppercase()));
        let Some(code) = codes.first() else { return Ok((None, None)) };
        let (response, response_at) = pointer::follow(self.spec, &responses[code.as_str()], &child(at, code))?;
        let Some(Value::Object(content)) = response.get("content") else {
            return Ok((None, None));
        };
        let content_at = child(&response_at, "content");
        let json_media = content.keys().find(|media| is_json(media));
        if let Some(media) = json_media {
            let media_at = child(&content_at, media);
            let schema = content[media.as_str()].get("schema").cloned().unwrap_or(Value::Bool(true));
            let mut document = Document::new(self.spec, self.v30, &mut self.budget);
            let root = document.convert(&schema, &child(&media_at, "schema"))?;
            let mut root = document.finish(root)?;
            if let Some(description) = response.get("description").and_then(Value::as_str)
                && let Value::Object(object) = &mut root
                && !object.contains_key("description")
                && !description.trim().is_empty()
            {
                object.insert("description".to_owned(), json!(description.trim()));
            }
            return Ok((Some(with_dialect(root)), Some(media.clone())));
        }
        if let Some(media) = content.keys().find(|media| media.to_ascii_lowercase().starts_with("text/")) {
            return Ok((Some(with_dialect(json!({"type": "string"}))), Some(media.clone())));
        }
        Ok((None, content.keys().next().cloned()))
    }
}

/// A tool schema says which JSON Schema it is written in.
fn with_dialect(schema: Value) -> Value {
    match schema {
        Value::Object(object) => {
            let mut out = Map::new();
            out.insert("$schema".to_owned(), json!("https://json-schema.org/draft/2020-12/schema"));
            out.extend(object);
            Value::Object(out)
        }
        Value::Bool(true) => json!({"$schema": "https://json-schema.org/draft/2020-12/schema"}),
        other => other,
    }
}

/// `summary` and `description` as one text.
fn describe_operation(operation: &Map<String, Value>) -> Option<String> {
    let summary = operation.get("summary").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let description = operation.get("description").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    match (summary, description) {
        (Some(summary), Some(description)) if summary != description => Some(format!("{summary}\n\n{description}")),
        (Some(text), _) | (None, Some(text)) => Some(text.to_owned()),
        (None, None) => None,
    }
}

/// A server object's URL with its variables' defaults.
fn server_url(server: &Value, at: &str) -> Result<Server, OpenApiError> {
    let Some(template) = server.get("url").and_then(Value::as_str) else {
        return Err(invalid(at, "a server has a `url` string"));
    };
    let mut url = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Err(invalid(&child(at, "url"), format!("`{template}` has a `{{` without its `}}`")));
        };
        let name = &rest[open + 1..open + close];
        let default = server
            .get("variables")
            .and_then(|variables| variables.get(name))
            .and_then(|variable| variable.get("default"))
            .and_then(Value::as_str);
        let Some(default) = default else {
            return Err(invalid(at, format!("the server variable `{name}` has no `default`")));
        };
        url.push_str(default);
        rest = &rest[open + close + 1..];
    }
    url.push_str(rest);
    match Url::parse(&url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(Server::Absolute(parsed)),
        Ok(parsed) => Err(invalid(
            &child(at, "url"),
            format!("the server `{url}` is not HTTP (its scheme is `{}`)", parsed.scheme()),
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => Ok(Server::Relative(url)),
        Err(error) => Err(invalid(&child(at, "url"), format!("the server `{url}` is not a URL: {error}"))),
    }
}

/// The names in `{...}` of a path template.
fn template_variables(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    out
}

/// The input property for a parameter: its name, or `<location>_<name>` when another
/// parameter (of another location) has the name.
fn unique_key(name: &str, location: Location, taken: &Map<String, Value>) -> String {
    if !taken.contains_key(name) {
        return name.to_owned();
    }
    let base = format!("{}_{name}", location.name());
    let mut key = base.clone();
    let mut number = 2;
    while taken.contains_key(&key) {
        key = format!("{base}{number}");
        number += 1;
    }
    key
}

pub(crate) fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// A parameter and its input schema; `None` for the headers OpenAPI says to ignore.
fn read_parameter(
    parameter: &Value,
    at: &str,
    document: &mut Document<'_>,
) -> Result<Option<(Parameter, Value)>, OpenApiError> {
    let Some(name) = parameter.get("name").and_then(Value::as_str) else {
        return Err(invalid(at, "a parameter has a `name` string"));
    };
    let location = match parameter.get("in").and_then(Value::as_str) {
        Some("path") => Location::Path,
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some("cookie") => Location::Cookie,
        Some(other) => return Err(invalid(at, format!("parameters `in: {other}` are not supported"))),
        None => return Err(invalid(at, "a parameter has an `in`")),
    };
    if location == Location::Header
        && ["accept", "content-type", "authorization"].contains(&name.to_ascii_lowercase().as_str())
    {
        return Ok(None);
    }
    if location == Location::Header && !is_token(name) {
        return Err(invalid(at, format!("`{name}` is not a valid header name")));
    }
    let style = match parameter.get("style").and_then(Value::as_str) {
        None => match location {
            Location::Path | Location::Header => Style::Simple,
            Location::Query | Location::Cookie => Style::Form,
        },
        Some(style) => {
            let parsed = match style {
                "simple" => Style::Simple,
                "label" => Style::Label,
                "matrix" => Style::Matrix,
                "form" => Style::Form,
                "spaceDelimited" => Style::SpaceDelimited,
                "pipeDelimited" => Style::PipeDelimited,
                "deepObject" => Style::DeepObject,
                other => return Err(invalid(at, format!("the style `{other}` is not one of OpenAPI's"))),
            };
            let allowed = match location {
                Location::Path => matches!(parsed, Style::Simple | Style::Label | Style::Matrix),
                Location::Query => {
                    matches!(parsed, Style::Form | Style::SpaceDelimited | Style::PipeDelimited | Style::DeepObject)
                }
                Location::Header => parsed == Style::Simple,
                Location::Cookie => parsed == Style::Form,
            };
            if !allowed {
                return Err(invalid(at, format!("the style `{style}` is not allowed `in: {}`", location.name())));
            }
            parsed
        }
    };
    let explode = parameter.get("explode").and_then(Value::as_bool).unwrap_or(style == Style::Form);
    let required = location == Location::Path || parameter.get("required") == Some(&Value::Bool(true));
    let (schema, json) = match (parameter.get("schema"), parameter.get("content")) {
        (Some(schema), _) => (document.convert(schema, &child(at, "schema"))?, false),
        (None, Some(Value::Object(content))) => match content.iter().next() {
            Some((media, media_object)) => {
                let media_at = child(&child(at, "content"), media);
                let schema = match media_object.get("schema") {
                    Some(schema) => document.convert(schema, &child(&media_at, "schema"))?,
                    None => Value::Bool(true),
                };
                (schema, is_json(media))
            }
            None => (Value::Bool(true), false),
        },
        _ => (Value::Bool(true), false),
    };
    let mut schema = match schema {
        Value::Bool(true) => json!({}),
        other => other,
    };
    if let Value::Object(object) = &mut schema {
        annotate(object, parameter);
    }
    let parameter = Parameter {
        key: String::new(),
        name: name.to_owned(),
        location,
        style,
        explode,
        allow_reserved: parameter.get("allowReserved") == Some(&Value::Bool(true)),
        required,
        json,
    };
    Ok(Some((parameter, schema)))
}

/// The parameter's (or body's) own description, deprecation and examples on its schema.
fn annotate(schema: &mut Map<String, Value>, from: &Value) {
    if let Some(description) = from.get("description").and_then(Value::as_str)
        && !description.trim().is_empty()
    {
        schema.insert("description".to_owned(), json!(description.trim()));
    }
    if from.get("deprecated") == Some(&Value::Bool(true)) {
        schema.insert("deprecated".to_owned(), json!(true));
    }
    if let Some(example) = from.get("example") {
        schema.insert("examples".to_owned(), json!([example]));
    } else if let Some(Value::Object(examples)) = from.get("examples") {
        let values: Vec<Value> = examples.values().filter_map(|example| example.get("value").cloned()).collect();
        if !values.is_empty() {
            schema.insert("examples".to_owned(), Value::Array(values));
        }
    }
}

/// HTTP's `token`: the characters a header name may hold.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// How media types are preferred for a request body, most first.
fn body_kind(media: &str) -> (u8, BodyKind) {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if is_json(&essence) {
        (0, BodyKind::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        (1, BodyKind::Form)
    } else if essence == "multipart/form-data" {
        (2, BodyKind::Multipart)
    } else if essence.starts_with("text/") {
        (4, BodyKind::Text)
    } else {
        (3, BodyKind::Binary)
    }
}

/// Reads a request body into the input: its properties beside the parameters when that is
/// unambiguous, else as the property `body`.
#[allow(clippy::too_many_arguments, reason = "the parts of the input being built")]
fn read_body(
    spec: &Value,
    body: &Value,
    at: &str,
    document: &mut Document<'_>,
    properties: &mut Map<String, Value>,
    required: &mut Vec<Value>,
    additional: &mut Option<Value>,
) -> Result<Option<Body>, OpenApiError> {
    let Some(Value::Object(content)) = body.get("content") else {
        return Err(invalid(at, "a request body has `content`"));
    };
    let Some((media, media_object)) = content.iter().min_by_key(|(media, _)| body_kind(media).0) else {
        return Ok(None);
    };
    let kind = body_kind(media).1;
    let body_required = body.get("required") == Some(&Value::Bool(true));
    let media_at = child(&child(at, "content"), media);
    let schema_at = child(&media_at, "schema");
    let schema = media_object.get("schema");

    if matches!(kind, BodyKind::Json | BodyKind::Form | BodyKind::Multipart)
        && let Some(schema) = schema
        && let Some((object, object_at)) = plain_object(spec, schema, &schema_at)?
    {
        let fields = object.get("properties").and_then(Value::as_object).expect("plain_object checks it");
        let fields_required: Vec<&str> = match object.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let clash = fields.keys().any(|name| properties.contains_key(name));
        if !clash && (body_required || fields_required.is_empty()) {
            let fields_at = child(&object_at, "properties");
            for (name, field) in fields {
                let mut converted = document.convert(field, &child(&fields_at, name))?;
                if kind == BodyKind::Multipart {
                    converted = binary_parts(converted);
                }
                properties.insert(name.clone(), converted);
            }
            for name in fields_required {
                if fields.contains_key(name) {
                    required.push(json!(name));
                }
            }
            *additional = match object.get("additionalProperties") {
                None => None,
                Some(value) => Some(document.convert(value, &child(&object_at, "additionalProperties"))?),
            };
            return Ok(Some(Body { media: media.clone(), kind, required: body_required, shape: BodyShape::Flattened }));
        }
    }

    let mut schema = match kind {
        BodyKind::Binary => json!({"contentMediaType": media}),
        BodyKind::Text => json!({"type": "string"}),
        _ => match schema {
            Some(schema) => match document.convert(schema, &schema_at)? {
                Value::Bool(true) => json!({}),
                other => other,
            },
            None => json!({}),
        },
    };
    if let Value::Object(object) = &mut schema {
        annotate(object, body);
    }
    let mut key = "body".to_owned();
    for candidate in ["body", "requestBody", "_body"] {
        key = candidate.to_owned();
        if !properties.contains_key(candidate) {
            break;
        }
    }
    if properties.contains_key(&key) {
        return Err(invalid(
            at,
            "the parameters take every name the request body could have (`body`, `requestBody`, `_body`)",
        ));
    }
    properties.insert(key.clone(), schema);
    if body_required {
        required.push(json!(key));
    }
    Ok(Some(Body { media: media.clone(), kind, required: body_required, shape: BodyShape::Key(key) }))
}

/// An object schema and where it is in the spec.
type PlainObject<'a> = (&'a Map<String, Value>, String);

/// The object schema a request body's schema is (following its references), when it is a plain
/// one: `properties` and nothing that would make its keys depend on others (`allOf`, `anyOf`,
/// `oneOf`, `not`, `if`, `patternProperties`, 3.0's `nullable`).
fn plain_object<'a>(spec: &'a Value, schema: &'a Value, at: &str) -> Result<Option<PlainObject<'a>>, OpenApiError> {
    let (schema, at) = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let target = pointer::local(reference, at)?;
            if !target.starts_with("/components/schemas/") {
                return Ok(None);
            }
            pointer::follow(spec, schema, at)?
        }
        None => (schema, at.to_owned()),
    };
    let Value::Object(object) = schema else { return Ok(None) };
    let is_object_type = match object.get("type") {
        None => true,
        Some(Value::String(name)) => name == "object",
        Some(Value::Array(names)) => names == &[json!("object")],
        Some(_) => false,
    };
    let composed = ["allOf", "anyOf", "oneOf", "not", "if", "patternProperties", "$ref", "discriminator"]
        .iter()
        .any(|key| object.contains_key(*key));
    let has_fields = matches!(object.get("properties"), Some(Value::Object(fields)) if !fields.is_empty());
    let nullable = object.get("nullable") == Some(&Value::Bool(true));
    Ok((is_object_type && !composed && has_fields && !nullable).then_some((object, at)))
}

/// In a multipart body a `format: binary` string is a file: bytes (or text), marked as binary
/// with `contentMediaType`, as other binary bodies are.
fn binary_parts(schema: Value) -> Value {
    let is_file = |schema: &Value| {
        schema.get("type") == Some(&json!("string"))
            && matches!(schema.get("format").and_then(Value::as_str), Some("binary"))
    };
    if is_file(&schema) {
        let mut out = json!({"contentMediaType": "application/octet-stream"});
        if let Some(description) = schema.get("description") {
            out["description"] = description.clone();
        }
        return out;
    }
    if schema.get("type") == Some(&json!("array"))
        && let Some(items) = schema.get("items")
        && is_file(items)
    {
        let mut out = schema.clone();
        out["items"] = binary_parts(items.clone());
        return out;
    }
    schema
}
