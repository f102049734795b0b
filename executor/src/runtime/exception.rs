//! A JavaScript exception as plain data: what was thrown and where, for the CLI to format
//! (and to map back through source maps, which this crate knows nothing about).

use crate::runtime::snapshot::INTERNAL_SCRIPT_PREFIX;
use crate::runtime::strings::{self, MAX_MESSAGE_CHARACTERS};

/// How the exception reached the top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// Thrown (or the entrypoint's promise rejected with it).
    Uncaught,
    /// A promise rejected and nothing handled it.
    UnhandledRejection,
    /// A module failed to compile (a syntax error) or to link (an import that cannot be
    /// resolved).
    Compile,
}

/// One frame of a stack trace, as V8 reports it: 1-based line and column in the module
/// named by `file` (a module-map name).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Frame {
    /// The function's name, if it has one.
    pub function: Option<String>,
    /// The module-map name of the script.
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// A JavaScript exception that ended a run.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct JsException {
    pub kind: ExceptionKind,
    /// `error.name` (`TypeError`, ...); empty when a non-Error value was thrown.
    pub name: String,
    /// `error.message`, or the inspected value when a non-Error value was thrown.
    pub message: String,
    /// Innermost first; frames of the runtime's own scripts are left out.
    pub frames: Vec<Frame>,
}

impl JsException {
    /// `TypeError: message`, or just the message for thrown non-Error values.
    pub fn headline(&self) -> String {
        if self.name.is_empty() {
            self.message.clone()
        } else if self.message.is_empty() {
            self.name.clone()
        } else {
            format!("{}: {}", self.name, self.message)
        }
    }
}

impl std::fmt::Display for JsException {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.kind {
            ExceptionKind::UnhandledRejection => "Uncaught (in promise) ",
            ExceptionKind::Uncaught => "Uncaught ",
            ExceptionKind::Compile => "",
        };
        write!(formatter, "{prefix}{}", self.headline())
    }
}

/// Reads an exception out of V8. `message` is the TryCatch's message, used for the
/// position when the value carries no stack trace (syntax errors, thrown primitives).
pub(crate) fn from_v8(
    scope: &mut v8::PinScope<'_, '_>,
    kind: ExceptionKind,
    exception: v8::Local<'_, v8::Value>,
    message: Option<v8::Local<'_, v8::Message>>,
    inspect: impl FnOnce(&mut v8::PinScope<'_, '_>, v8::Local<'_, v8::Value>) -> String,
) -> JsException {
    let error_like = exception.is_native_error()
        || (exception.is_object() && has_error_shape(scope, exception.cast::<v8::Object>()));
    let (name, text) = if error_like {
        let object = exception.cast::<v8::Object>();
        (string_property(scope, object, "name"), string_property(scope, object, "message"))
    } else {
        (String::new(), inspect(scope, exception))
    };

    let mut frames = Vec::new();
    if let Some(trace) = v8::Exception::get_stack_trace(scope, exception) {
        for index in 0..trace.get_frame_count() {
            let Some(frame) = trace.get_frame(scope, index) else { continue };
            let file = frame.get_script_name(scope).map(|name| name.to_rust_string_lossy(scope)).unwrap_or_default();
            if file.is_empty() || file.starts_with(INTERNAL_SCRIPT_PREFIX) {
                continue;
            }
            let function = frame
                .get_function_name(scope)
                .map(|name| name.to_rust_string_lossy(scope))
                .filter(|name| !name.is_empty());
            frames.push(Frame {
                function,
                file,
                line: frame.get_line_number() as u32,
                column: frame.get_column() as u32,
            });
        }
    }
    if frames.is_empty()
        && let Some(message) = message
    {
        // Exceptions thrown by the host (e.g. an import that cannot be resolved) have no
        // script: the resource name is undefined and the line 0.
        let file = message
            .get_script_resource_name(scope)
            .filter(|name| name.is_string())
            .map(|name| name.to_rust_string_lossy(scope))
            .unwrap_or_default();
        let line = message.get_line_number(scope).unwrap_or(0);
        if !file.is_empty() && line > 0 && !file.starts_with(INTERNAL_SCRIPT_PREFIX) {
            frames.push(Frame {
                function: None,
                file,
                line: line as u32,
                // V8 reports -1 when it does not know; 0 means unknown here.
                column: u32::try_from(message.get_start_column()).map_or(0, |column| column.saturating_add(1)),
            });
        }
    }
    JsException { kind, name, message: text, frames }
}

fn has_error_shape(scope: &mut v8::PinScope<'_, '_>, object: v8::Local<'_, v8::Object>) -> bool {
    let Some(key) = v8::String::new(scope, "stack") else { return false };
    object.has(scope, key.into()).unwrap_or(false) && v8::Exception::get_stack_trace(scope, object.into()).is_some()
}

/// `object[name]` as text, at most [`MAX_MESSAGE_CHARACTERS`] of it (read without flattening
/// a huge string), with a note of what was left out.
fn string_property(scope: &mut v8::PinScope<'_, '_>, object: v8::Local<'_, v8::Object>, name: &str) -> String {
    let Some(key) = v8::String::new(scope, name) else { return String::new() };
    v8::tc_scope!(let scope, scope);
    let text = match object.get(scope, key.into()) {
        Some(value) if !value.is_undefined() => value.to_string(scope),
        _ => None,
    };
    let Some(text) = text else { return String::new() };
    let (mut text, left_out) = strings::head_lossy(scope, &text, MAX_MESSAGE_CHARACTERS);
    if left_out > 0 {
        text.push_str(&format!("... {left_out} more characters"));
    }
    text
}
