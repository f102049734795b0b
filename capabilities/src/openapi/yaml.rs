//! YAML specs read into JSON values, event by event, with the work bounded: nesting deeper
//! than [`MAX_DEPTH`] and documents of more than [`MAX_NODES`] values (aliases counted at their
//! full size, so a "billion laughs" document stops early) are refused.

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::Yaml;

use super::error::{OpenApiError, SpecFormat};

/// How deeply collections may nest (serde_json's own limit for JSON specs is the same).
const MAX_DEPTH: usize = 128;
/// How many values a document may hold once its aliases are expanded.
pub(crate) const MAX_NODES: usize = 2_000_000;

/// The first YAML document of `text` as JSON: mapping keys become strings (`200:` is `"200"`),
/// plain scalars are read by YAML 1.2's core schema, and aliases are copies of their anchors.
pub(crate) fn parse(text: &str) -> Result<Value, OpenApiError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(error) = parser.load(&mut builder, false) {
        return Err(syntax(*error.marker(), error.info().to_owned()));
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    builder.root.ok_or_else(|| OpenApiError::Syntax {
        format: SpecFormat::Yaml,
        line: 1,
        column: 1,
        message: "the document is empty".to_owned(),
    })
}

fn syntax(marker: Marker, message: String) -> OpenApiError {
    OpenApiError::Syntax { format: SpecFormat::Yaml, line: marker.line(), column: marker.col(), message }
}

/// A collection being read, with the anchor it will be recorded under.
enum Frame {
    Sequence { items: Vec<Value>, anchor: usize },
    Mapping { entries: Map<String, Value>, key: Option<String>, anchor: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: std::collections::HashMap<usize, (Value, usize)>,
    root: Option<Value>,
    nodes: usize,
    error: Option<OpenApiError>,
}

impl Builder {
    fn fail(&mut self, mark: Marker, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(syntax(mark, message.into()));
        }
    }

    /// Counts `nodes` more values; false (and the error set) past [`MAX_NODES`].
    fn count(&mut self, nodes: usize) -> bool {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            if self.error.is_none() {
                self.error = Some(OpenApiError::TooLarge { what: "values", limit: MAX_NODES });
            }
            return false;
        }
        true
    }

    /// Puts a finished value into the collection being read (or makes it the document).
    fn push(&mut self, mark: Marker, value: Value, size: usize, anchor: usize, scalar_key: Option<String>) {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping { entries, key, .. }) => match key.take() {
                Some(name) => {
                    entries.insert(name, value);
                }
                None => match scalar_key {
                    Some(name) => *key = Some(name),
                    None => self.fail(mark, "a mapping key must be a scalar"),
                },
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if !self.count(1) {
                    return;
                }
                let tag = tag.as_ref().map(|tag| tag.suffix.as_str());
                let value = scalar(&text, style, tag);
                self.push(mark, value, 1, anchor, Some(text));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(mark, format!("collections are nested more than {MAX_DEPTH} deep"));
                    return;
                }
                if !self.count(1) {
                    return;
                }
                self.stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Sequence { items: Vec::new(), anchor }
                } else {
                    Frame::Mapping { entries: Map::new(), key: None, anchor }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else { return };
                let (value, anchor) = match frame {
                    Frame::Sequence { items, anchor } => (Value::Array(items), anchor),
                    Frame::Mapping { entries, key, anchor } => {
                        if key.is_some() {
                            self.fail(mark, "a mapping key has no value");
                            return;
                        }
                        (Value::Object(entries), anchor)
                    }
                };
                let size = if anchor == 0 { 0 } else { size_of(&value) };
                self.push(mark, value, size, anchor, None);
            }
            Event::Alias(anchor) => {
                let Some((value, size)) = self.anchors.get(&anchor).cloned() else {
                    self.fail(mark, "an alias names no anchor");
                    return;
                };
                if !self.count(size) {
                    return;
                }
                let key = match &value {
                    Value::String(text) => Some(text.clone()),
                    Value::Number(number) => Some(number.to_string()),
                    Value::Bool(flag) => Some(flag.to_string()),
                    _ => None,
                };
                self.push(mark, value, 0, 0, key);
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart | Event::DocumentEnd => {}
        }
    }
}

/// How many values `value` holds, itself included (iteratively: values can be deep).
fn size_of(value: &Value) -> usize {
    let mut count = 0usize;
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        count += 1;
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(entries) => pending.extend(entries.values()),
            _ => {}
        }
    }
    count
}

/// A scalar by YAML 1.2's core schema: plain `null`, `~` and the empty scalar are null,
/// `true`/`false` booleans, decimal, `0x` and `0o` integers and decimal floats numbers; quoted
/// and block scalars, and everything else, strings. `!!str` keeps a plain scalar a string.
fn scalar(text: &str, style: TScalarStyle, tag: Option<&str>) -> Value {
    if style != TScalarStyle::Plain || tag == Some("str") {
        return Value::String(text.to_owned());
    }
    match Yaml::from_str(text) {
        Yaml::Null => Value::Null,
        Yaml::Boolean(flag) => Value::Bool(flag),
        Yaml::Integer(integer) => Value::Number(integer.into()),
        Yaml::Real(real) => real
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(text.to_owned()), Value::Number),
        _ => Value::String(text.to_owned()),
    }
}
