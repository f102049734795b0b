//! Values between the executor's and the capabilities crate's shapes (the same data: JSON
//! plus bytes).

use capabilities::Value;
use executor::ToolValue;

/// A call's argument for the capabilities crate.
pub(super) fn to_capabilities(value: ToolValue) -> Value {
    match value {
        ToolValue::Null => Value::Null,
        ToolValue::Bool(value) => Value::Bool(value),
        ToolValue::Number(value) => Value::Number(value),
        ToolValue::String(value) => Value::String(value),
        ToolValue::Bytes(value) => Value::Bytes(value),
        ToolValue::Array(items) => Value::Array(items.into_iter().map(to_capabilities).collect()),
        ToolValue::Object(entries) => {
            Value::Object(entries.into_iter().map(|(key, value)| (key, to_capabilities(value))).collect())
        }
    }
}

/// A tool's result for the code, every string (and key) scrubbed of the configuration's
/// secrets: a server that echoes its environment shows the code nothing of it.
pub(super) fn to_executor(value: Value, redactor: &executor::Redactor) -> ToolValue {
    let scrub = |text: String| match redactor.redact(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(scrubbed) => scrubbed,
    };
    match value {
        Value::Null => ToolValue::Null,
        Value::Bool(value) => ToolValue::Bool(value),
        Value::Number(value) => ToolValue::Number(value),
        Value::String(value) => ToolValue::String(scrub(value)),
        Value::Bytes(value) => ToolValue::Bytes(value),
        Value::Array(items) => ToolValue::Array(items.into_iter().map(|item| to_executor(item, redactor)).collect()),
        Value::Object(entries) => ToolValue::Object(
            entries.into_iter().map(|(key, value)| (scrub(key), to_executor(value, redactor))).collect(),
        ),
    }
}
