//! [`Value`] to and from JSON. Bytes go out as base64 strings (JSON has no binary); numbers
//! that are whole go out as integers, so a server reading `{"count": 3}` into an integer type
//! gets `3`, not `3.0`; numbers JSON cannot hold (NaN, infinities) go out as `null`, as
//! `JSON.stringify` writes them. JSON read from a tool's text keeps its keys in their order.

use base64::Engine as _;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use crate::catalog::Value;

/// The largest integer every f64 and every JSON reader holds exactly (2^53).
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// `value` as JSON: bytes as standard base64 strings.
pub fn to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(boolean) => Json::Bool(*boolean),
        Value::Number(number) => number_to_json(*number),
        Value::String(string) => Json::String(string.clone()),
        Value::Bytes(bytes) => Json::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => {
            Json::Object(members.iter().map(|(key, value)| (key.clone(), to_json(value))).collect())
        }
    }
}

fn number_to_json(number: f64) -> Json {
    if !number.is_finite() {
        return Json::Null;
    }
    if number.fract() == 0.0 && number.abs() <= EXACT_INTEGER {
        // Whole and exact: written without a fraction (`-0` becomes `0`, as JSON.stringify does).
        #[expect(clippy::cast_possible_truncation, reason = "checked: whole and within 2^53")]
        return Json::from(number as i64);
    }
    serde_json::Number::from_f64(number).map_or(Json::Null, Json::Number)
}

/// `json` as a [`Value`] (numbers as f64, as JavaScript holds them).
pub fn from_json(json: Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(boolean) => Value::Bool(boolean),
        Json::Number(number) => Value::Number(number.as_f64().unwrap_or(f64::NAN)),
        Json::String(string) => Value::String(string),
        Json::Array(items) => Value::Array(items.into_iter().map(from_json).collect()),
        Json::Object(members) => {
            Value::Object(members.into_iter().map(|(key, value)| (key, from_json(value))).collect())
        }
    }
}

/// `text` parsed as one JSON value, keys in the order the text has them; `None` when it is not
/// JSON (or is nested deeper than serde_json allows).
pub(crate) fn parse_ordered(text: &str) -> Option<Value> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = deserializer.deserialize_any(OrderedVisitor).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    #[expect(clippy::cast_precision_loss, reason = "numbers are f64 in the sandbox, as in JavaScript")]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value as f64))
    }

    #[expect(clippy::cast_precision_loss, reason = "numbers are f64 in the sandbox, as in JavaScript")]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value as f64))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = sequence.next_element_seed(Seed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Seed)?;
            // A repeated key keeps its first place and its last value, as JSON.parse does.
            match members.iter_mut().find(|(existing, _)| *existing == key) {
                Some(member) => member.1 = value,
                None => members.push((key, value)),
            }
        }
        Ok(Value::Object(members))
    }
}

struct Seed;

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn bytes_go_out_as_base64_and_whole_numbers_as_integers() {
        let value = Value::Object(vec![
            ("data".into(), Value::Bytes(vec![0, 1, 2, 255])),
            ("count".into(), Value::Number(3.0)),
            ("ratio".into(), Value::Number(0.5)),
            ("big".into(), Value::Number(1e300)),
            ("nan".into(), Value::Number(f64::NAN)),
            ("minus_zero".into(), Value::Number(-0.0)),
        ]);
        let json = to_json(&value);
        assert_eq!(
            json,
            json!({"data": "AAEC/w==", "count": 3, "ratio": 0.5, "big": 1e300, "nan": null, "minus_zero": 0})
        );
        assert!(json["count"].is_i64() && json["minus_zero"].is_i64() && json["ratio"].is_f64());
    }

    #[test]
    fn text_json_keeps_its_order() {
        let value = parse_ordered(r#"{"z": 1, "a": [true, null, "x"], "m": {"b": 2, "a": 1}, "z": 3}"#).unwrap();
        assert_eq!(
            value,
            Value::Object(vec![
                ("z".into(), Value::Number(3.0)),
                ("a".into(), Value::Array(vec![Value::Bool(true), Value::Null, Value::String("x".into())])),
                ("m".into(), Value::Object(vec![("b".into(), Value::Number(2.0)), ("a".into(), Value::Number(1.0))])),
            ])
        );
        assert_eq!(parse_ordered("hello"), None);
        assert_eq!(parse_ordered("1 2"), None);
        assert_eq!(parse_ordered(&"[".repeat(10_000)), None);
        assert_eq!(from_json(json!({"a": 1})), Value::Object(vec![("a".into(), Value::Number(1.0))]));
    }
}
