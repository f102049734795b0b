//! Values between the executor's and the capabilities crate's shapes (the same data: JSON
//! plus bytes), and JSON for logs.

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

/// A logged argument as JSON: bytes as `{"bytes": <length>}`, since a log shows what was
/// sent, not the bytes themselves.
pub(crate) fn to_json(value: &ToolValue) -> serde_json::Value {
    match value {
        ToolValue::Null => serde_json::Value::Null,
        ToolValue::Bool(value) => serde_json::Value::Bool(*value),
        // Whole numbers as integers, as the tool receives them.
        ToolValue::Number(value) if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 => {
            serde_json::Value::from(*value as i64)
        }
        ToolValue::Number(value) => {
            serde_json::Number::from_f64(*value).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        ToolValue::String(value) => serde_json::Value::String(value.clone()),
        ToolValue::Bytes(value) => serde_json::json!({ "bytes": value.len() }),
        ToolValue::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        ToolValue::Object(entries) => {
            serde_json::Value::Object(entries.iter().map(|(key, value)| (key.clone(), to_json(value))).collect())
        }
    }
}
