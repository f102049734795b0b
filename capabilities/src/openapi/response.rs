//! An HTTP response as a tool's result.

use super::operations::{Operation, is_json};
use crate::Value;

/// How much of a failed response's body a [`HttpFailure`] quotes.
pub(crate) const MAX_EXCERPT: usize = 1024;

/// A call that did not succeed: a status other than 2xx, or a 2xx whose body is not what its
/// `Content-Type` says. The message quotes the start of the body: the caller scrubs it of
/// credentials before anyone sees it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HttpFailure {
    pub status: u16,
    /// `HTTP 404 Not Found: {"error":"no such pet"}`.
    pub message: String,
}

/// The result of a call of `operation` answered with `status`, `headers` and `body`.
pub(crate) fn read(
    operation: Option<&Operation>,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Value, HttpFailure> {
    let reason = reason(status);
    if !(200..300).contains(&status) {
        let mut message = format!("HTTP {status}{}{reason}", if reason.is_empty() { "" } else { " " });
        let excerpt = excerpt(body);
        if !excerpt.is_empty() {
            message.push_str(": ");
            message.push_str(&excerpt);
        }
        return Err(HttpFailure { status, message });
    }
    if body.is_empty() {
        return Ok(Value::Null);
    }
    let content_type = headers
        .iter()
        .rev()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.as_str());
    let essence = content_type.map(|value| value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    let expects_json = operation.and_then(|operation| operation.accept.as_deref()).is_some_and(is_json);
    match essence.as_deref() {
        Some(media) if is_json(media) => parse_json(body).map_err(|error| HttpFailure {
            status,
            message: format!("HTTP {status}: the response says it is JSON but is not ({error})"),
        }),
        Some(media) if is_text(media) => Ok(text(body)),
        Some(_) => Ok(Value::Bytes(body.to_vec())),
        // No type: JSON if the operation answers JSON and it parses, else text or bytes.
        None => Ok(if expects_json { parse_json(body).unwrap_or_else(|_| text(body)) } else { text(body) }),
    }
}

fn is_text(media: &str) -> bool {
    media.starts_with("text/")
        || media.ends_with("+xml")
        || matches!(media, "application/xml" | "application/javascript" | "application/x-www-form-urlencoded")
}

/// UTF-8 as a string, anything else as bytes.
fn text(body: &[u8]) -> Value {
    match std::str::from_utf8(body) {
        Ok(text) => Value::String(text.to_owned()),
        Err(_) => Value::Bytes(body.to_vec()),
    }
}

fn parse_json(body: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice::<serde_json::Value>(body).map(|json| from_json(&json))
}

/// A JSON value as a tool value (numbers as `f64`, as JavaScript holds them).
pub(crate) fn from_json(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(*flag),
        serde_json::Value::Number(number) => Value::Number(number.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(text) => Value::String(text.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_json).collect()),
        serde_json::Value::Object(entries) => {
            Value::Object(entries.iter().map(|(key, value)| (key.clone(), from_json(value))).collect())
        }
    }
}

/// The start of a body as one line of text: at most [`MAX_EXCERPT`] bytes, control characters
/// (line breaks too) as spaces.
fn excerpt(body: &[u8]) -> String {
    let cut = body.len() > MAX_EXCERPT;
    let text = String::from_utf8_lossy(&body[..body.len().min(MAX_EXCERPT)]);
    let mut out: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if cut {
        // A character cut in two shows as U+FFFD; drop it.
        if out.ends_with('\u{FFFD}') {
            out.pop();
        }
        out.push('…');
    }
    out.trim_start().to_owned()
}

/// The reason phrase of the common statuses.
fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_bounded_line() {
        assert_eq!(excerpt(b"  not\nfound\r\n"), "not found");
        let long = "é".repeat(MAX_EXCERPT);
        let out = excerpt(long.as_bytes());
        assert!(out.ends_with('…') && !out.contains('\u{FFFD}'), "{out}");
        assert!(out.len() <= MAX_EXCERPT + '…'.len_utf8());
    }
}
