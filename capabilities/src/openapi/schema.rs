//! Schemas copied out of a spec into a tool's own JSON Schema (draft 2020-12) document.
//!
//! A schema that refers to `#/components/schemas/Pet` gets `Pet` under the document's `$defs`
//! and the reference becomes `#/$defs/Pet`, so recursive schemas stay recursive and a schema
//! used twice is copied once per tool; a reference to any other place in the spec is copied
//! under a key of its own. OpenAPI 3.0's dialect becomes JSON Schema's: `nullable: true` adds
//! `"null"` to `type` (or `null` to `enum`, or an `anyOf` with `{"type": "null"}` when there is
//! no `type`), boolean `exclusiveMinimum`/`exclusiveMaximum` take their bound's value, and
//! `example` becomes `examples`. References that lead back to themselves without going into
//! the value (`A: {allOf: [{$ref: A}]}`), which would make a validator loop, are cut: the
//! `$ref` is replaced by a `$comment` saying so, and that branch accepts any value.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::error::OpenApiError;
use super::pointer;

/// Keywords whose value is one subschema.
const ONE: &[&str] = &[
    "additionalProperties",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
    "contentSchema",
];
/// Keywords whose value is an array of subschemas.
const MANY: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const NAMED: &[&str] = &["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

/// How many values all the tools of one spec may hold in their schemas together: a spec whose
/// schemas refer to each other widely is copied into every tool that uses them.
pub(crate) const MAX_SCHEMA_NODES: usize = 1_000_000;

/// What is left of [`MAX_SCHEMA_NODES`] for the rest of a spec's tools.
pub(crate) struct Budget(pub(crate) usize);

impl Budget {
    fn spend(&mut self) -> Result<(), OpenApiError> {
        if self.0 == 0 {
            return Err(OpenApiError::TooLarge {
                what: "values in its operations' schemas (each operation holds a copy of the schemas it uses)",
                limit: MAX_SCHEMA_NODES,
            });
        }
        self.0 -= 1;
        Ok(())
    }
}

/// One tool document being built: schemas are converted with [`Document::convert`], then
/// [`Document::finish`] copies the components they refer to.
pub(crate) struct Document<'a> {
    spec: &'a Value,
    v30: bool,
    budget: &'a mut Budget,
    /// `$defs` key of each copied place in the spec (a pointer), in the order first referred to.
    keys: HashMap<String, String>,
    defs: Vec<(String, String)>,
}

impl<'a> Document<'a> {
    pub(crate) fn new(spec: &'a Value, v30: bool, budget: &'a mut Budget) -> Self {
        Document { spec, v30, budget, keys: HashMap::new(), defs: Vec::new() }
    }

    /// `schema`, found at `at` in the spec, in JSON Schema's dialect with its references
    /// rewritten into this document.
    pub(crate) fn convert(&mut self, schema: &Value, at: &str) -> Result<Value, OpenApiError> {
        self.budget.spend()?;
        let Value::Object(object) = schema else {
            return Ok(schema.clone());
        };
        let mut out = Map::new();
        for (key, value) in object {
            if is_noise(key) {
                continue;
            }
            let here = pointer::child(at, key);
            let key_str = key.as_str();
            let converted = if key_str == "$ref"
                && let Value::String(reference) = value
            {
                Value::String(self.reference(reference, at)?)
            } else if ONE.contains(&key_str) || (key_str == "items" && !value.is_array()) {
                self.convert(value, &here)?
            } else if (MANY.contains(&key_str) || key_str == "items")
                && let Value::Array(items) = value
            {
                let mut list = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    list.push(self.convert(item, &pointer::child(&here, &index.to_string()))?);
                }
                Value::Array(list)
            } else if NAMED.contains(&key_str)
                && let Value::Object(named) = value
            {
                let mut map = Map::new();
                for (name, item) in named {
                    map.insert(name.clone(), self.convert(item, &pointer::child(&here, name))?);
                }
                Value::Object(map)
            } else {
                // Data (examples, defaults, enums) and annotations are kept as they are.
                self.spend_on(value)?;
                value.clone()
            };
            out.insert(key.clone(), converted);
        }
        normalise(&mut out, self.v30);
        Ok(Value::Object(out))
    }

    /// Counts every value of `value` against the budget.
    fn spend_on(&mut self, value: &Value) -> Result<(), OpenApiError> {
        let mut pending = vec![value];
        while let Some(value) = pending.pop() {
            match value {
                Value::Array(items) => pending.extend(items),
                Value::Object(entries) => pending.extend(entries.values()),
                _ => {}
            }
            self.budget.spend()?;
        }
        Ok(())
    }

    /// The reference `reference` (written at `at`) as it reads in this document, its target
    /// queued to be copied.
    fn reference(&mut self, reference: &str, at: &str) -> Result<String, OpenApiError> {
        let target = pointer::local(reference, at)?;
        let broken = || OpenApiError::BrokenReference { pointer: at.to_owned(), reference: reference.to_owned() };
        if pointer::resolve(self.spec, &target).is_none() {
            return Err(broken());
        }
        if let Some(rest) = target.strip_prefix("/components/schemas/") {
            // The component is copied whole; a pointer into it keeps its tail.
            let (name, tail) = rest.split_once('/').map_or((rest, ""), |(name, tail)| (name, tail));
            let component = format!("/components/schemas/{name}");
            let key = self.key_for(&component, &pointer::last_segment(&component));
            let mut out = format!("#/$defs/{key}");
            if !tail.is_empty() {
                out.push('/');
                out.push_str(&pointer::encode_fragment(tail));
            }
            return Ok(out);
        }
        if target.is_empty() {
            return Err(OpenApiError::Invalid {
                pointer: at.to_owned(),
                message: format!("the reference `{reference}` names the whole spec, which is not a schema"),
            });
        }
        let key = self.key_for(&target, &pointer::last_segment(&target));
        Ok(format!("#/$defs/{key}"))
    }

    /// The `$defs` key for the place `target`, new ones named `name` (characters other than
    /// letters, digits, `.`, `-` and `_` as `_`, so that a reference needs no escaping;
    /// numbered if taken).
    fn key_for(&mut self, target: &str, name: &str) -> String {
        if let Some(key) = self.keys.get(target) {
            return key.clone();
        }
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
            .collect();
        let name = if name.is_empty() { "schema".to_owned() } else { name };
        let mut key = name.clone();
        let mut number = 2;
        while self.defs.iter().any(|(_, taken)| *taken == key) {
            key = format!("{name}{number}");
            number += 1;
        }
        self.keys.insert(target.to_owned(), key.clone());
        self.defs.push((target.to_owned(), key.clone()));
        key
    }

    /// `root` with the `$defs` its schemas need (copied until no reference is left to copy)
    /// and its references that loop in place cut.
    pub(crate) fn finish(mut self, root: Value) -> Result<Value, OpenApiError> {
        let mut root = root;
        let mut copied = Map::new();
        let mut next = 0;
        while next < self.defs.len() {
            let (target, key) = self.defs[next].clone();
            next += 1;
            let schema = pointer::resolve(self.spec, &target).cloned().unwrap_or(Value::Bool(true));
            let converted = self.convert(&schema, &target)?;
            copied.insert(key, converted);
        }
        if !copied.is_empty()
            && let Value::Object(object) = &mut root
        {
            object.insert("$defs".to_owned(), Value::Object(copied));
        }
        cut_cycles(&mut root);
        Ok(root)
    }
}

/// Schema keywords that say nothing of the JSON value and are dropped from tool schemas:
/// XML mapping, external documentation, and `x-` extensions.
fn is_noise(key: &str) -> bool {
    key == "xml" || key == "externalDocs" || key.starts_with("x-")
}

/// OpenAPI 3.0's schema keywords as JSON Schema 2020-12 spells them (`example` in 3.1 too).
fn normalise(schema: &mut Map<String, Value>, v30: bool) {
    if let Some(example) = schema.remove("example")
        && !schema.contains_key("examples")
    {
        schema.insert("examples".to_owned(), Value::Array(vec![example]));
    }
    if !v30 {
        return;
    }
    for (flag, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        match schema.get(flag) {
            Some(Value::Bool(true)) => {
                if let Some(value) = schema.remove(bound) {
                    schema.insert(flag.to_owned(), value);
                } else {
                    schema.remove(flag);
                }
            }
            Some(Value::Bool(false)) => {
                schema.remove(flag);
            }
            _ => {}
        }
    }
    match schema.remove("nullable") {
        Some(Value::Bool(true)) => {}
        _ => return,
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    let has_enum = schema.contains_key("enum");
    match schema.get_mut("type") {
        Some(Value::String(name)) => {
            let name = std::mem::take(name);
            schema.insert("type".to_owned(), json!([name, "null"]));
        }
        Some(Value::Array(names)) => {
            if !names.iter().any(|name| name == "null") {
                names.push(json!("null"));
            }
        }
        _ if has_enum => {}
        _ => {
            // No type to widen (a `$ref` or `allOf`): either the schema or null. Annotations
            // stay outside, where readers look for them.
            let mut outside = Map::new();
            for key in ["title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"] {
                if let Some(value) = schema.remove(key) {
                    outside.insert(key.to_owned(), value);
                }
            }
            let inner = std::mem::take(schema);
            outside.insert("anyOf".to_owned(), json!([Value::Object(inner), {"type": "null"}]));
            *schema = outside;
        }
    }
}

/// References applied in place, each with where it is written and the place it leads to.
type InPlace = Vec<(Vec<Step>, String)>;

/// One step of a path into a JSON value.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Cuts the references of `document` that lead back to a schema being applied to the same
/// value (through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` or
/// `dependentSchemas`, never into a property or item).
fn cut_cycles(document: &mut Value) {
    // Each place a reference leads to, and the references applied in place from there.
    let mut edges: Vec<(String, InPlace)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut pending = vec![String::new()];
    while let Some(place) = pending.pop() {
        if index.contains_key(&place) {
            continue;
        }
        let mut found = Vec::new();
        if let Some(schema) = pointer::resolve(document, &place) {
            let mut path = steps(&place);
            in_place_references(schema, &mut path, &mut found, 0);
        }
        // Every reference target is a place of its own, even one reached through a property.
        let mut all = Vec::new();
        if let Some(schema) = pointer::resolve(document, &place) {
            pointer::references(schema, &mut all);
        }
        pending.extend(all);
        index.insert(place.clone(), edges.len());
        edges.push((place, found));
    }

    // Depth-first, in order: a reference to a place still being visited closes a loop.
    let mut state = vec![0u8; edges.len()]; // 0 unvisited, 1 on the stack, 2 done
    let mut cuts: InPlace = Vec::new();
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            if let Some((path, target)) = edges[node].1.get(*edge) {
                *edge += 1;
                let Some(&next) = index.get(target) else { continue };
                match state[next] {
                    0 => {
                        state[next] = 1;
                        stack.push((next, 0));
                    }
                    1 => cuts.push((path.clone(), target.clone())),
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    for (path, target) in cuts {
        if let Some(Value::Object(schema)) = walk_mut(document, &path)
            && schema.remove("$ref").is_some()
        {
            schema.insert(
                "$comment".to_owned(),
                Value::String(format!("cycle cut: `#{target}` refers back to itself here")),
            );
        }
    }
}

fn steps(pointer: &str) -> Vec<Step> {
    pointer.split('/').skip(1).map(|segment| Step::Key(segment.replace("~1", "/").replace("~0", "~"))).collect()
}

fn walk_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut current = value;
    for step in path {
        current = match (step, current) {
            (Step::Key(key), Value::Object(map)) => map.get_mut(key)?,
            (Step::Index(index), Value::Array(items)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(current)
}

/// How deeply the walks below go (documents are at most 128 deep when parsed).
const MAX_WALK: usize = 256;

/// The references applied to the same value as `schema` itself, with where each is written.
fn in_place_references(schema: &Value, path: &mut Vec<Step>, found: &mut InPlace, depth: usize) {
    let Value::Object(object) = schema else { return };
    if depth > MAX_WALK {
        return;
    }
    if let Some(Value::String(reference)) = object.get("$ref")
        && let Ok(target) = pointer::local(reference, "")
    {
        found.push((path.clone(), target));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = object.get(key) {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Key(key.to_owned()));
                path.push(Step::Index(index));
                in_place_references(item, path, found, depth + 1);
                path.truncate(path.len() - 2);
            }
        }
    }
    for key in ["not", "if", "then", "else"] {
        if let Some(item) = object.get(key) {
            path.push(Step::Key(key.to_owned()));
            in_place_references(item, path, found, depth + 1);
            path.pop();
        }
    }
    if let Some(Value::Object(named)) = object.get("dependentSchemas") {
        for (name, item) in named {
            path.push(Step::Key("dependentSchemas".to_owned()));
            path.push(Step::Key(name.clone()));
            in_place_references(item, path, found, depth + 1);
            path.truncate(path.len() - 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(spec: &Value, v30: bool, schema: &Value) -> Result<Value, OpenApiError> {
        let mut budget = Budget(MAX_SCHEMA_NODES);
        let mut document = Document::new(spec, v30, &mut budget);
        let root = document.convert(schema, "/x")?;
        document.finish(root)
    }

    #[test]
    fn nullable_becomes_a_type_with_null() {
        let spec = json!({});
        let out = document(&spec, true, &json!({"type": "string", "nullable": true, "enum": ["a"]})).unwrap();
        assert_eq!(out, json!({"type": ["string", "null"], "enum": ["a", null]}));
        let out = document(&spec, true, &json!({"allOf": [{"type": "integer"}], "nullable": true, "description": "d"}))
            .unwrap();
        assert_eq!(out, json!({"description": "d", "anyOf": [{"allOf": [{"type": "integer"}]}, {"type": "null"}]}));
        let out = document(&spec, true, &json!({"minimum": 1, "exclusiveMinimum": true, "example": 3})).unwrap();
        assert_eq!(out, json!({"exclusiveMinimum": 1, "examples": [3]}));
        // 3.1 schemas are JSON Schema already.
        let out = document(&spec, false, &json!({"type": "string", "nullable": true})).unwrap();
        assert_eq!(out, json!({"type": "string", "nullable": true}));
    }

    #[test]
    fn components_are_copied_into_defs_and_stay_recursive() {
        let spec = json!({"components": {"schemas": {
            "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"},
                     "leaf": {"$ref": "#/components/schemas/Leaf/properties/name"}}},
            "Leaf": {"properties": {"name": {"type": "string"}}},
            "Unused": {"type": "string"}
        }}});
        let out = document(&spec, false, &json!({"$ref": "#/components/schemas/Node"})).unwrap();
        assert_eq!(
            out,
            json!({"$ref": "#/$defs/Node", "$defs": {
                "Node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/Node"},
                         "leaf": {"$ref": "#/$defs/Leaf/properties/name"}}},
                "Leaf": {"properties": {"name": {"type": "string"}}}
            }})
        );
    }

    #[test]
    fn loops_in_place_are_cut() {
        let spec = json!({"components": {"schemas": {
            "A": {"allOf": [{"$ref": "#/components/schemas/B"}], "description": "a"},
            "B": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}]},
            "Self": {"$ref": "#/components/schemas/Self"}
        }}});
        let out = document(
            &spec,
            false,
            &json!({"properties": {
            "a": {"$ref": "#/components/schemas/A"}, "s": {"$ref": "#/components/schemas/Self"}}}),
        )
        .unwrap();
        let defs = &out["$defs"];
        assert_eq!(defs["A"]["allOf"][0]["$ref"], "#/$defs/B");
        assert!(defs["B"]["anyOf"][0].get("$ref").is_none(), "{out:#}");
        assert!(defs["B"]["anyOf"][0]["$comment"].as_str().unwrap().starts_with("cycle cut"));
        assert!(defs["Self"].get("$ref").is_none());
        assert_eq!(out["properties"]["a"]["$ref"], "#/$defs/A");
    }

    #[test]
    fn references_that_cannot_be_followed_are_errors() {
        let spec = json!({});
        let error = document(&spec, false, &json!({"$ref": "https://example.com/pet.json"})).unwrap_err();
        assert!(matches!(error, OpenApiError::RemoteReference { .. }), "{error}");
        let error =
            document(&spec, false, &json!({"properties": {"a": {"$ref": "#/components/schemas/Nope"}}})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The reference `#/components/schemas/Nope` at `/x/properties/a` points to nothing in the spec"
        );
    }

    #[test]
    fn data_is_not_rewritten() {
        let spec = json!({});
        let schema = json!({"default": {"$ref": "#/nowhere"}, "enum": [{"$ref": 1}]});
        assert_eq!(document(&spec, false, &schema).unwrap(), schema);
    }
}
