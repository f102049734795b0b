//! A call's arguments as an HTTP request, serialised as OpenAPI's parameter styles say.

use url::Url;

use super::error::OpenApiError;
use super::operations::{Body, BodyKind, BodyShape, Location, Operation, Parameter, Server, Style};
use crate::Value;

/// One HTTP request to make for a tool call. The caller sends it (through its outbound policy,
/// which adds any credentials) and hands the answer to [`super::OpenApi::response`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCall {
    /// `GET`, `POST`, ... (upper case).
    pub method: String,
    pub url: Url,
    /// Header parameters, cookies (one `Cookie` header), `Accept` and `Content-Type`.
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

/// Characters left as they are in every part of a URL: RFC 3986's unreserved ones.
fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// `text` percent-encoded as one atom of a URL; with `allow_reserved` (a query parameter's
/// `allowReserved`), RFC 3986's reserved characters stay too, except those that would end the
/// value (`&`, `=`, `#`, `+`).
fn encode(text: &str, allow_reserved: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if unreserved(byte) || (allow_reserved && b":/?[]@!$'()*,;".contains(&byte)) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A number as JavaScript's `String(n)` spells it.
pub(crate) fn number(value: f64) -> String {
    ryu_js::Buffer::new().format(value).to_owned()
}

/// A parameter's value, before its style is applied: one atom, a list or name/value pairs.
enum Shape {
    Atom(String),
    List(Vec<String>),
    Pairs(Vec<(String, String)>),
}

struct Call<'a> {
    operation: &'a Operation,
}

impl Call<'_> {
    fn error(&self, path: &str, message: impl Into<String>) -> OpenApiError {
        OpenApiError::Argument { tool: self.operation.tool.clone(), path: path.to_owned(), message: message.into() }
    }

    /// A value of a parameter as text, if it is not an object or array.
    fn atom(&self, value: &Value, path: &str) -> Result<String, OpenApiError> {
        match value {
            Value::String(text) => Ok(text.clone()),
            Value::Number(value) => Ok(number(*value)),
            Value::Bool(flag) => Ok(flag.to_string()),
            Value::Null => Ok("null".to_owned()),
            Value::Bytes(_) => Err(self.error(path, "is bytes, which a parameter cannot hold")),
            Value::Array(_) | Value::Object(_) => {
                Err(self.error(path, "is nested inside another array or object, which this parameter cannot hold"))
            }
        }
    }

    fn shape(&self, parameter: &Parameter, value: &Value, path: &str) -> Result<Shape, OpenApiError> {
        if parameter.json {
            return Ok(Shape::Atom(
                to_json(value)
                    .map_err(|inner| self.error(&format!("{path}{inner}"), "is bytes, which JSON cannot hold"))?,
            ));
        }
        Ok(match value {
            Value::Array(items) => Shape::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.atom(item, &format!("{path}[{index}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(entries) => Shape::Pairs(
                entries
                    .iter()
                    .map(|(key, item)| Ok((key.clone(), self.atom(item, &format!("{path}.{key}"))?)))
                    .collect::<Result<_, OpenApiError>>()?,
            ),
            other => Shape::Atom(self.atom(other, path)?),
        })
    }
}

/// The request for `operation` called with `arguments`; `base` replaces the spec's server
/// (and resolves a relative one).
pub(crate) fn build(operation: &Operation, arguments: &Value, base: Option<&Url>) -> Result<HttpCall, OpenApiError> {
    let call = Call { operation };
    let entries: &[(String, Value)] = match arguments {
        Value::Object(entries) => entries,
        Value::Null => &[],
        _ => return Err(call.error("input", "is not an object")),
    };
    let get = |key: &str| entries.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value);

    // Keys that are neither parameters nor the body are mistakes, unless the body's
    // properties are the input's own.
    let flattened = matches!(operation.body, Some(Body { shape: BodyShape::Flattened, .. }));
    if !flattened {
        for (key, _) in entries {
            let known = operation.parameters.iter().any(|parameter| parameter.key == *key)
                || matches!(&operation.body, Some(Body { shape: BodyShape::Key(body), .. }) if body == key);
            if !known {
                let mut names: Vec<&str> =
                    operation.parameters.iter().map(|parameter| parameter.key.as_str()).collect();
                if let Some(Body { shape: BodyShape::Key(body), .. }) = &operation.body {
                    names.push(body);
                }
                let expected = if names.is_empty() {
                    "it takes no arguments".to_owned()
                } else {
                    format!("it takes {}", names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", "))
                };
                return Err(
                    call.error(&format!("input.{key}"), format!("is not an argument of this operation ({expected})"))
                );
            }
        }
    }

    let mut path = String::new();
    let mut query: Vec<String> = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut cookies: Vec<String> = Vec::new();
    let mut values: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for parameter in &operation.parameters {
        let at = format!("input.{}", parameter.key);
        let value = match get(&parameter.key) {
            None | Some(Value::Null) if parameter.required => {
                return Err(call.error(
                    &at,
                    format!("is required (the {} parameter `{}`)", location_name(parameter.location), parameter.name),
                ));
            }
            None | Some(Value::Null) => continue,
            Some(value) => value,
        };
        if parameter.location == Location::Query
            && parameter.style == Style::DeepObject
            && !parameter.json
            && let Value::Object(_) = value
        {
            deep_object(&call, &encode(&parameter.name, false), value, parameter.allow_reserved, &at, &mut query)?;
            continue;
        }
        let shape = call.shape(parameter, value, &at)?;
        match parameter.location {
            Location::Path => {
                let text = path_value(parameter, &shape);
                if text.is_empty() {
                    return Err(call.error(&at, "is empty, which would change the path"));
                }
                values.insert(&parameter.name, text);
            }
            Location::Query => query.extend(query_values(parameter, &shape)),
            Location::Header => {
                let text = header_value(parameter, &shape);
                if text.chars().any(|c| c.is_control() && c != '\t') {
                    return Err(call.error(&at, "holds a line break or control character, which a header cannot"));
                }
                if !text.is_ascii() {
                    return Err(call.error(&at, "holds a character other than ASCII, which a header cannot"));
                }
                headers.push((parameter.name.clone(), text));
            }
            Location::Cookie => cookies.extend(cookie_values(parameter, &shape)),
        }
    }

    // The path, its `{name}`s replaced.
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        path.push_str(&encode_path_literal(&rest[..open]));
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        path.push_str(values.get(name).map_or("", String::as_str));
        rest = &rest[open + close + 1..];
    }
    path.push_str(&encode_path_literal(rest));

    let server = match (&operation.server, base) {
        (Server::Relative(relative), Some(base)) => base.join(relative).map_err(|error| OpenApiError::NoServer {
            tool: operation.tool.clone(),
            server: format!("{relative} ({error})"),
        })?,
        (Server::Absolute(_), Some(base)) => base.clone(),
        (Server::Absolute(url), None) => url.clone(),
        (Server::Relative(relative), None) => {
            return Err(OpenApiError::NoServer { tool: operation.tool.clone(), server: relative.clone() });
        }
    };
    let prefix = server.path().trim_end_matches('/');
    let expected_path = format!("{prefix}{path}");
    let mut text = format!("{}{}", &server[..url::Position::BeforePath], expected_path);
    let mut parts: Vec<String> =
        server.query().filter(|query| !query.is_empty()).map(str::to_owned).into_iter().collect();
    parts.extend(query);
    if !parts.is_empty() {
        text.push('?');
        text.push_str(&parts.join("&"));
    }
    let url =
        Url::parse(&text).map_err(|error| call.error("input", format!("makes an invalid URL `{text}`: {error}")))?;
    if url.path() != expected_path {
        return Err(call.error(
            "input",
            format!(
                "has a path parameter that would change the path (`{expected_path}` would be read as `{}`)",
                url.path()
            ),
        ));
    }

    if !cookies.is_empty() {
        headers.push(("Cookie".to_owned(), cookies.join("; ")));
    }
    if let Some(accept) = &operation.accept {
        headers.push(("Accept".to_owned(), accept.clone()));
    }
    let body = match &operation.body {
        None => None,
        Some(body) => {
            let value = match &body.shape {
                BodyShape::Key(key) => get(key).filter(|value| **value != Value::Null).cloned(),
                BodyShape::Flattened => {
                    let fields: Vec<(String, Value)> = entries
                        .iter()
                        .filter(|(key, _)| !operation.parameters.iter().any(|parameter| parameter.key == *key))
                        .cloned()
                        .collect();
                    (!fields.is_empty() || body.required).then_some(Value::Object(fields))
                }
            };
            match value {
                None if body.required => {
                    let at = match &body.shape {
                        BodyShape::Key(key) => format!("input.{key}"),
                        BodyShape::Flattened => "input".to_owned(),
                    };
                    return Err(call.error(&at, "is required (the request body)"));
                }
                None => None,
                Some(value) => {
                    let at = match &body.shape {
                        BodyShape::Key(key) => format!("input.{key}"),
                        BodyShape::Flattened => "input".to_owned(),
                    };
                    let (content_type, bytes) = encode_body(&call, body, &value, &at)?;
                    headers.push(("Content-Type".to_owned(), content_type));
                    Some(bytes)
                }
            }
        }
    };
    Ok(HttpCall { method: operation.method.clone(), url, headers, body })
}

fn location_name(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    }
}

/// The literal parts of a path template, as a URL holds them (they come from the spec).
fn encode_path_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if unreserved(byte) || b"/:@!$&'()*+,;=%".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A path parameter: `simple`, `label` or `matrix` style.
fn path_value(parameter: &Parameter, shape: &Shape) -> String {
    let name = encode(&parameter.name, false);
    let atom = |text: &str| encode(text, false);
    let pairs = |pairs: &[(String, String)], inner: &str, outer: &str| {
        pairs.iter().map(|(key, value)| format!("{}{inner}{}", atom(key), atom(value))).collect::<Vec<_>>().join(outer)
    };
    let flat = |pairs: &[(String, String)]| {
        pairs.iter().flat_map(|(key, value)| [atom(key), atom(value)]).collect::<Vec<_>>().join(",")
    };
    let list =
        |items: &[String], separator: &str| items.iter().map(|item| atom(item)).collect::<Vec<_>>().join(separator);
    match (parameter.style, shape) {
        (Style::Label, Shape::Atom(text)) => format!(".{}", atom(text)),
        (Style::Label, Shape::List(items)) => format!(".{}", list(items, if parameter.explode { "." } else { "," })),
        (Style::Label, Shape::Pairs(entries)) if parameter.explode => format!(".{}", pairs(entries, "=", ".")),
        (Style::Label, Shape::Pairs(entries)) => format!(".{}", flat(entries)),
        (Style::Matrix, Shape::Atom(text)) => format!(";{name}={}", atom(text)),
        (Style::Matrix, Shape::List(items)) if items.is_empty() => format!(";{name}"),
        (Style::Matrix, Shape::List(items)) if parameter.explode => {
            items.iter().map(|item| format!(";{name}={}", atom(item))).collect()
        }
        (Style::Matrix, Shape::List(items)) => format!(";{name}={}", list(items, ",")),
        (Style::Matrix, Shape::Pairs(entries)) if parameter.explode => format!(";{}", pairs(entries, "=", ";")),
        (Style::Matrix, Shape::Pairs(entries)) => format!(";{name}={}", flat(entries)),
        (_, Shape::Atom(text)) => atom(text),
        (_, Shape::List(items)) => list(items, ","),
        (_, Shape::Pairs(entries)) if parameter.explode => pairs(entries, "=", ","),
        (_, Shape::Pairs(entries)) => flat(entries),
    }
}

/// A query parameter: `form`, `spaceDelimited` or `pipeDelimited` style (or `deepObject`
/// given something other than an object), as `name=value` pairs (several when exploded).
fn query_values(parameter: &Parameter, shape: &Shape) -> Vec<String> {
    let reserved = parameter.allow_reserved;
    let name = encode(&parameter.name, false);
    let atom = |text: &str| encode(text, reserved);
    let separator = match parameter.style {
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match shape {
        Shape::Atom(text) => vec![format!("{name}={}", atom(text))],
        Shape::List(items) if parameter.explode => items.iter().map(|item| format!("{name}={}", atom(item))).collect(),
        Shape::List(items) if items.is_empty() => Vec::new(),
        Shape::List(items) => {
            vec![format!("{name}={}", items.iter().map(|item| atom(item)).collect::<Vec<_>>().join(separator))]
        }
        Shape::Pairs(entries) if parameter.explode => {
            entries.iter().map(|(key, value)| format!("{}={}", encode(key, false), atom(value))).collect()
        }
        Shape::Pairs(entries) => vec![format!(
            "{name}={}",
            entries.iter().flat_map(|(key, value)| [atom(key), atom(value)]).collect::<Vec<_>>().join(separator)
        )],
    }
}

/// `deepObject`: `name[key]=value`, nested objects as `name[a][b]=value`, arrays as the same
/// key once per item.
fn deep_object(
    call: &Call<'_>,
    prefix: &str,
    value: &Value,
    reserved: bool,
    at: &str,
    out: &mut Vec<String>,
) -> Result<(), OpenApiError> {
    match value {
        Value::Object(entries) => {
            for (key, item) in entries {
                deep_object(
                    call,
                    &format!("{prefix}[{}]", encode(key, false)),
                    item,
                    reserved,
                    &format!("{at}.{key}"),
                    out,
                )?;
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_object(call, prefix, item, reserved, &format!("{at}[{index}]"), out)?;
            }
        }
        Value::Null => {}
        other => out.push(format!("{prefix}={}", encode(&call.atom(other, at)?, reserved))),
    }
    Ok(())
}

/// A header parameter (`simple` style); not percent-encoded.
fn header_value(parameter: &Parameter, shape: &Shape) -> String {
    match shape {
        Shape::Atom(text) => text.clone(),
        Shape::List(items) => items.join(","),
        Shape::Pairs(entries) if parameter.explode => {
            entries.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join(",")
        }
        Shape::Pairs(entries) => {
            entries.iter().flat_map(|(key, value)| [key.as_str(), value.as_str()]).collect::<Vec<_>>().join(",")
        }
    }
}

/// A cookie parameter (`form` style), as `name=value` pairs for the `Cookie` header.
fn cookie_values(parameter: &Parameter, shape: &Shape) -> Vec<String> {
    let name = encode(&parameter.name, false);
    match shape {
        Shape::Atom(text) => vec![format!("{name}={}", encode(text, false))],
        Shape::List(items) if parameter.explode => {
            items.iter().map(|item| format!("{name}={}", encode(item, false))).collect()
        }
        Shape::List(items) => {
            vec![format!("{name}={}", items.iter().map(|item| encode(item, false)).collect::<Vec<_>>().join(","))]
        }
        Shape::Pairs(entries) if parameter.explode => {
            entries.iter().map(|(key, value)| format!("{}={}", encode(key, false), encode(value, false))).collect()
        }
        Shape::Pairs(entries) => vec![format!(
            "{name}={}",
            entries
                .iter()
                .flat_map(|(key, value)| [encode(key, false), encode(value, false)])
                .collect::<Vec<_>>()
                .join(",")
        )],
    }
}

/// `value` as JSON text; `Err` holds where a byte array is (`.a[1]`), which JSON cannot hold.
/// Non-finite numbers are `null`, as `JSON.stringify` writes them.
pub(crate) fn to_json(value: &Value) -> Result<String, String> {
    to_serde(value, 0).map(|json| json.to_string())
}

fn to_serde(value: &Value, depth: usize) -> Result<serde_json::Value, String> {
    if depth > 256 {
        return Ok(serde_json::Value::Null);
    }
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(flag) => serde_json::Value::Bool(*flag),
        Value::Number(value) => json_number(*value),
        Value::String(text) => serde_json::Value::String(text.clone()),
        Value::Bytes(_) => return Err(String::new()),
        Value::Array(items) => serde_json::Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(index, item)| to_serde(item, depth + 1).map_err(|inner| format!("[{index}]{inner}")))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(entries) => {
            let mut map = serde_json::Map::new();
            for (key, item) in entries {
                map.insert(key.clone(), to_serde(item, depth + 1).map_err(|inner| format!(".{key}{inner}"))?);
            }
            serde_json::Value::Object(map)
        }
    })
}

/// A number as JSON: whole numbers without a fraction (`1`, not `1.0`, which strict servers
/// refuse for integers).
fn json_number(value: f64) -> serde_json::Value {
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() <= SAFE {
        serde_json::Value::Number((value as i64).into())
    } else {
        serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// The body as its media type says: its `Content-Type` and bytes.
fn encode_body(call: &Call<'_>, body: &Body, value: &Value, at: &str) -> Result<(String, Vec<u8>), OpenApiError> {
    match body.kind {
        BodyKind::Json => {
            let text = to_json(value)
                .map_err(|inner| call.error(&format!("{at}{inner}"), "is bytes, which a JSON body cannot hold"))?;
            Ok((body.media.clone(), text.into_bytes()))
        }
        BodyKind::Form => {
            let Value::Object(entries) = value else {
                return Err(call.error(at, "is not an object, which a form body must be"));
            };
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            for (key, item) in entries {
                let items: &[Value] = match item {
                    Value::Array(items) => items,
                    other => std::slice::from_ref(other),
                };
                for (index, item) in items.iter().enumerate() {
                    let path = format!("{at}.{key}");
                    let text = match item {
                        Value::Null => continue,
                        Value::Array(_) | Value::Object(_) => to_json(item).map_err(|inner| {
                            call.error(&format!("{path}{inner}"), "is bytes, which a form cannot hold")
                        })?,
                        other => call.atom(other, &format!("{path}[{index}]"))?,
                    };
                    form.append_pair(key, &text);
                }
            }
            Ok(("application/x-www-form-urlencoded".to_owned(), form.finish().into_bytes()))
        }
        BodyKind::Multipart => multipart(call, value, at),
        BodyKind::Text => match value {
            Value::String(text) => Ok((body.media.clone(), text.clone().into_bytes())),
            Value::Number(_) | Value::Bool(_) => Ok((body.media.clone(), call.atom(value, at)?.into_bytes())),
            _ => Err(call.error(at, "is not a string, which this text body must be")),
        },
        BodyKind::Binary => match value {
            Value::Bytes(bytes) => Ok((body.media.clone(), bytes.clone())),
            Value::String(text) => Ok((body.media.clone(), text.clone().into_bytes())),
            _ => Err(call.error(at, "is neither bytes nor a string, which this body must be")),
        },
    }
}

/// A `multipart/form-data` body: one part per property (one per item of an array); bytes as
/// files, objects as JSON, the rest as text.
fn multipart(call: &Call<'_>, value: &Value, at: &str) -> Result<(String, Vec<u8>), OpenApiError> {
    let Value::Object(entries) = value else {
        return Err(call.error(at, "is not an object, which a multipart body must be"));
    };
    // Each part: its headers and content.
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (key, item) in entries {
        let items: &[Value] = match item {
            Value::Array(items) if items.iter().all(|item| !matches!(item, Value::Array(_) | Value::Object(_))) => {
                items
            }
            other => std::slice::from_ref(other),
        };
        let name = quote_form_name(key);
        for item in items {
            let (headers, content) = match item {
                Value::Null => continue,
                Value::Bytes(bytes) => (
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n"
                    ),
                    bytes.clone(),
                ),
                Value::Array(_) | Value::Object(_) => (
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\nContent-Type: application/json\r\n"),
                    to_json(item)
                        .map_err(|inner| {
                            call.error(
                                &format!("{at}.{key}{inner}"),
                                "is bytes inside a JSON part, which JSON cannot hold",
                            )
                        })?
                        .into_bytes(),
                ),
                other => (
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n"),
                    call.atom(other, &format!("{at}.{key}"))?.into_bytes(),
                ),
            };
            parts.push((headers, content));
        }
    }
    // A boundary that no part holds: random, so that no content can be made to hold them all.
    let random = std::hash::RandomState::new();
    let mut number = 0u64;
    let boundary = loop {
        let candidate = format!("sandbox-boundary-{:016x}", std::hash::BuildHasher::hash_one(&random, number));
        if !parts.iter().any(|(_, content)| contains(content, candidate.as_bytes())) {
            break candidate;
        }
        number += 1;
    };
    let mut out = Vec::new();
    for (headers, content) in &parts {
        out.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n").as_bytes());
        out.extend_from_slice(content);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((format!("multipart/form-data; boundary={boundary}"), out))
}

/// A field name inside `name="..."`, escaped as browsers do (`"` as `%22`, line breaks as
/// `%0D`/`%0A`).
fn quote_form_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_are_percent_encoded() {
        assert_eq!(encode("a b/c?d", false), "a%20b%2Fc%3Fd");
        assert_eq!(encode("a b/c?d&e", true), "a%20b/c?d%26e");
        assert_eq!(encode("é", false), "%C3%A9");
    }

    #[test]
    fn numbers_are_spelled_as_javascript_does() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(1e21), "1e+21");
        assert_eq!(to_json(&Value::Number(3.0)).unwrap(), "3");
        assert_eq!(to_json(&Value::Number(f64::NAN)).unwrap(), "null");
        let nested = Value::Object(vec![("a".into(), Value::Array(vec![Value::Null, Value::Bytes(vec![1])]))]);
        assert_eq!(to_json(&nested).unwrap_err(), ".a[1]");
    }
}
