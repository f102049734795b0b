//! JSON Schema to TypeScript types, one namespace of type aliases per source.
//!
//! Each tool's input and output schema is a document; a local `$ref` in it becomes a named
//! alias (so recursive schemas are recursive types), shared between the source's tools when
//! the definition and everything it refers to are the same (OpenAPI tools all copy the spec's
//! components). References are written as marks while the aliases are built and replaced at
//! the end, when it is known which of them close a loop TypeScript cannot resolve: an alias
//! that is, through unions, intersections and other aliases only, itself
//! (`type A = A | string`). Those become `unknown` with a comment; loops through a property,
//! an array or a tuple are fine.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde_json::{Map, Value};

use super::text::{self, MARK_CLOSE, MARK_OPEN};
use crate::openapi::pointer;

/// How deeply types nest before the rest is `unknown`.
const MAX_DEPTH: usize = 32;
/// How many definitions a definition may reach and still be shared with other tools.
const MAX_CLOSURE: usize = 512;
/// How deeply the walks of a schema go (JSON is at most 128 deep when parsed).
const MAX_WALK: usize = 256;

/// Global types the generated types refer to.
const GLOBALS: &[&str] = &["Uint8Array", "Object"];

/// Properties every object has through `Object.prototype`: TypeScript checks an object literal
/// that leaves one out against the inherited member (`constructor: Function`), so an optional
/// property of this name also admits that member's type, which is what reading it gives.
const INHERITED: &[&str] = &[
    "constructor",
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
];

/// A type and how tightly it binds, to know when to parenthesise it.
#[derive(Debug, Clone)]
struct Ty {
    text: String,
    precedence: Precedence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precedence {
    Union,
    Intersection,
    Atom,
}

impl Ty {
    fn atom(text: impl Into<String>) -> Ty {
        Ty { text: text.into(), precedence: Precedence::Atom }
    }

    fn unknown() -> Ty {
        Ty::atom("unknown")
    }

    fn is(&self, text: &str) -> bool {
        self.text == text
    }
}

fn union(parts: Vec<Ty>) -> Ty {
    let mut seen = HashSet::new();
    let mut kept: Vec<Ty> = Vec::new();
    for part in parts {
        if part.is("unknown") {
            return Ty::unknown();
        }
        if part.is("never") || !seen.insert(part.text.clone()) {
            continue;
        }
        kept.push(part);
    }
    match kept.len() {
        0 => Ty::atom("never"),
        1 => kept.pop().expect("one part"),
        _ => Ty {
            text: kept.into_iter().map(|part| part.text).collect::<Vec<_>>().join(" | "),
            precedence: Precedence::Union,
        },
    }
}

fn intersection(parts: Vec<Ty>) -> Ty {
    let mut seen = HashSet::new();
    let mut kept: Vec<Ty> = Vec::new();
    for part in parts {
        if part.is("never") {
            return part;
        }
        if part.is("unknown") || !seen.insert(part.text.clone()) {
            continue;
        }
        kept.push(part);
    }
    match kept.len() {
        0 => Ty::unknown(),
        1 => kept.pop().expect("one part"),
        _ => Ty {
            text: kept
                .into_iter()
                .map(|part| if part.precedence == Precedence::Union { format!("({})", part.text) } else { part.text })
                .collect::<Vec<_>>()
                .join(" & "),
            precedence: Precedence::Intersection,
        },
    }
}

fn array_of(element: Ty) -> Ty {
    if element.precedence == Precedence::Atom {
        Ty::atom(format!("{}[]", element.text))
    } else {
        Ty::atom(format!("({})[]", element.text))
    }
}

/// One named type of the namespace.
struct Alias {
    name: String,
    document: usize,
    pointer: String,
    /// The generated type, with reference marks; `None` until built.
    body: Option<String>,
    doc: Vec<String>,
}

/// A reference written in an alias's body.
struct Occurrence {
    from: usize,
    to: usize,
    /// Not inside a property, array or tuple: TypeScript resolves it eagerly.
    direct: bool,
}

/// The aliases of one source.
pub(crate) struct Namespace<'a> {
    documents: Vec<&'a Value>,
    aliases: Vec<Alias>,
    taken: HashSet<String>,
    by_place: HashMap<(usize, String), usize>,
    /// Aliases by the hash of their closure (see [`Namespace::closure`]).
    shared: HashMap<u64, Vec<usize>>,
    closures: HashMap<usize, Vec<(String, &'a Value)>>,
    /// The places of the documents that closures went through, numbered.
    places: Vec<PlaceFacts<'a>>,
    place_numbers: HashMap<(usize, String), usize>,
    occurrences: Vec<Occurrence>,
    pending: Vec<usize>,
}

/// Where a type is being built.
#[derive(Clone, Copy)]
struct Place {
    document: usize,
    alias: usize,
    depth: usize,
    direct: bool,
    indent: usize,
}

impl Place {
    fn deeper(self) -> Place {
        Place { depth: self.depth + 1, ..self }
    }

    fn inside(self) -> Place {
        Place { depth: self.depth + 1, direct: false, ..self }
    }
}

impl<'a> Namespace<'a> {
    pub(crate) fn new() -> Self {
        Namespace {
            documents: Vec::new(),
            aliases: Vec::new(),
            // The global types the aliases use, which an alias of the name would hide.
            taken: GLOBALS.iter().map(|name| (*name).to_owned()).collect(),
            by_place: HashMap::new(),
            shared: HashMap::new(),
            closures: HashMap::new(),
            places: Vec::new(),
            place_numbers: HashMap::new(),
            occurrences: Vec::new(),
            pending: Vec::new(),
        }
    }

    /// Reserves the name of a tool's type (`GetPetInput`), numbered if taken: done for every
    /// tool first, so that tools get the plain names.
    pub(crate) fn reserve(&mut self, base: &str, suffix: &str) -> String {
        let mut name = format!("{base}{suffix}");
        let mut number = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{number}{suffix}");
            number += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// Adds a document (a tool's schema) as the alias `name` (reserved before).
    pub(crate) fn add(&mut self, name: String, schema: &'a Value) {
        let document = self.documents.len();
        self.documents.push(schema);
        let alias = self.aliases.len();
        self.aliases.push(Alias { name, document, pointer: String::new(), body: None, doc: Vec::new() });
        self.by_place.insert((document, String::new()), alias);
        self.pending.push(alias);
    }

    /// Builds every alias; returns them as `(doc lines, name, type)`, in the order they were
    /// first needed.
    pub(crate) fn finish(mut self) -> Vec<(Vec<String>, String, String)> {
        let mut next = 0;
        while next < self.pending.len() {
            let alias = self.pending[next];
            next += 1;
            let (document, pointer) = (self.aliases[alias].document, self.aliases[alias].pointer.clone());
            let schema = pointer::resolve(self.documents[document], &pointer).unwrap_or(&Value::Bool(true));
            let place = Place { document, alias, depth: 0, direct: true, indent: 1 };
            let ty = self.ty(schema, place);
            self.aliases[alias].body = Some(ty.text);
        }
        let cut = self.loops();
        let names: Vec<String> = self.aliases.iter().map(|alias| alias.name.clone()).collect();
        self.aliases
            .into_iter()
            .map(|alias| {
                let body = alias.body.unwrap_or_else(|| "unknown".to_owned());
                let body = replace_marks(&body, |occurrence| {
                    let Some(target) = self.occurrences.get(occurrence).map(|found| &names[found.to]) else {
                        return "unknown".to_owned();
                    };
                    if cut.contains(&occurrence) {
                        format!("unknown /* {target} refers to itself here */")
                    } else {
                        target.clone()
                    }
                });
                (alias.doc, alias.name, body)
            })
            .collect()
    }

    /// The occurrences that close a loop of direct references (found depth-first).
    fn loops(&self) -> HashSet<usize> {
        let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.aliases.len()];
        for (index, occurrence) in self.occurrences.iter().enumerate() {
            if occurrence.direct {
                edges[occurrence.from].push((occurrence.to, index));
            }
        }
        let mut state = vec![0u8; self.aliases.len()];
        let mut cut = HashSet::new();
        for start in 0..self.aliases.len() {
            if state[start] != 0 {
                continue;
            }
            state[start] = 1;
            let mut stack = vec![(start, 0usize)];
            while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
                if let Some(&(next, occurrence)) = edges[node].get(*edge) {
                    *edge += 1;
                    match state[next] {
                        0 => {
                            state[next] = 1;
                            stack.push((next, 0));
                        }
                        1 => {
                            cut.insert(occurrence);
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
        cut
    }

    /// The type of `schema`.
    fn ty(&mut self, schema: &'a Value, place: Place) -> Ty {
        let object = match schema {
            Value::Bool(true) => return Ty::unknown(),
            Value::Bool(false) => return Ty::atom("never"),
            Value::Object(object) => object,
            _ => return Ty::unknown(),
        };
        if place.depth > MAX_DEPTH {
            return Ty::atom("unknown /* nested too deeply */");
        }
        let mut parts = Vec::new();
        if let Some(Value::String(reference)) = object.get("$ref") {
            parts.push(self.reference(reference, place));
        }
        if let Some(value) = object.get("const") {
            parts.push(literal(value, place.depth));
        } else if let Some(Value::Array(values)) = object.get("enum") {
            parts.push(union(values.iter().map(|value| literal(value, place.depth)).collect()));
        } else if let Some(own) = self.own(object, place) {
            parts.push(own);
        }
        if let Some(Value::Array(all)) = object.get("allOf") {
            for item in all {
                parts.push(self.ty(item, place.deeper()));
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(any)) = object.get(key) {
                let options = any.iter().map(|item| self.ty(item, place.deeper())).collect();
                parts.push(union(options));
            }
        }
        let ty = intersection(parts);
        if object.get("nullable") == Some(&Value::Bool(true)) && !ty.is("unknown") {
            return union(vec![ty, Ty::atom("null")]);
        }
        ty
    }

    /// The type `type` (or the keywords that imply one) gives.
    fn own(&mut self, object: &'a Map<String, Value>, place: Place) -> Option<Ty> {
        let names: Vec<&str> = match object.get("type") {
            Some(Value::String(name)) => vec![name.as_str()],
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => {
                if ["properties", "additionalProperties", "patternProperties", "required"]
                    .iter()
                    .any(|key| object.contains_key(*key))
                {
                    vec!["object"]
                } else if object.contains_key("items") || object.contains_key("prefixItems") {
                    vec!["array"]
                } else if object.contains_key("contentMediaType") && !object.contains_key("contentEncoding") {
                    // A binary value (see the OpenAPI module): bytes, or text sent as UTF-8.
                    return Some(union(vec![Ty::atom("Uint8Array"), Ty::atom("string")]));
                } else {
                    return None;
                }
            }
        };
        let mut options = Vec::new();
        for name in names {
            options.push(match name {
                "string" => Ty::atom("string"),
                "number" | "integer" => Ty::atom("number"),
                "boolean" => Ty::atom("boolean"),
                "null" => Ty::atom("null"),
                "object" => self.object(object, place),
                "array" => self.array(object, place),
                _ => Ty::unknown(),
            });
        }
        Some(union(options))
    }

    /// An object type: its properties (optional unless required, with their docs), then an
    /// index signature for `additionalProperties` and `patternProperties`, whose type also
    /// admits the properties' (TypeScript requires it).
    fn object(&mut self, object: &'a Map<String, Value>, place: Place) -> Ty {
        let inner = Place { indent: place.indent + 1, ..place.inside() };
        let pad = "  ".repeat(inner.indent);
        let required: Vec<&str> = match object.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let properties: Vec<(&'a String, &'a Value)> =
            object.get("properties").and_then(Value::as_object).map(|map| map.iter().collect()).unwrap_or_default();
        let mut lines = String::new();
        let mut property_types = Vec::new();
        let mut any_optional = false;
        for &(name, schema) in &properties {
            let mut ty = self.ty(schema, inner);
            let optional = !required.contains(&name.as_str());
            if optional && INHERITED.contains(&name.as_str()) {
                ty = union(vec![ty, Ty::atom(format!("Object[{}]", text::string_literal(name)))]);
            }
            any_optional |= optional;
            lines.push_str(&text::jsdoc(&text::schema_doc(schema), &pad));
            lines.push_str(&format!(
                "{pad}{}{}: {};\n",
                text::property_name(name),
                if optional { "?" } else { "" },
                ty.text
            ));
            property_types.push(ty);
        }
        let mut listed: HashSet<&str> = properties.iter().map(|(name, _)| name.as_str()).collect();
        for name in &required {
            if listed.insert(name) {
                lines.push_str(&format!("{pad}{}: unknown;\n", text::property_name(name)));
                property_types.push(Ty::unknown());
            }
        }
        let mut extra = Vec::new();
        for key in ["additionalProperties", "unevaluatedProperties"] {
            match object.get(key) {
                None | Some(Value::Bool(false)) => {}
                Some(schema) => extra.push(self.ty(schema, inner)),
            }
        }
        if let Some(Value::Object(patterns)) = object.get("patternProperties") {
            for schema in patterns.values() {
                extra.push(self.ty(schema, inner));
            }
        }
        let closed = object.get("additionalProperties") == Some(&Value::Bool(false))
            || object.get("unevaluatedProperties") == Some(&Value::Bool(false));
        if extra.is_empty() && properties.is_empty() && required.is_empty() && !closed {
            if ["$ref", "allOf", "anyOf", "oneOf"].iter().any(|key| object.contains_key(*key)) {
                // `{type: "object", allOf: [...]}`: the other keywords say which keys.
                return Ty::unknown();
            }
            // `{type: "object"}`: any keys.
            extra.push(Ty::unknown());
        }
        if !extra.is_empty() {
            let mut all = extra;
            all.extend(property_types);
            if any_optional {
                all.push(Ty::atom("undefined"));
            }
            lines.push_str(&format!("{pad}[key: string]: {};\n", union(all).text));
        }
        if lines.is_empty() {
            return Ty::atom("{ [key: string]: never }");
        }
        Ty::atom(format!("{{\n{lines}{}}}", "  ".repeat(place.indent)))
    }

    /// An array type, or a tuple for `prefixItems` (and draft 7's `items` array).
    fn array(&mut self, object: &'a Map<String, Value>, place: Place) -> Ty {
        let inner = place.inside();
        let (prefix, rest) = match (object.get("prefixItems"), object.get("items")) {
            (Some(Value::Array(prefix)), rest) => (Some(prefix), rest),
            (_, Some(Value::Array(prefix))) => (Some(prefix), object.get("additionalItems")),
            (_, items) => (None, items),
        };
        let Some(prefix) = prefix else {
            return match rest {
                Some(items) => array_of(self.ty(items, inner)),
                None => Ty::atom("unknown[]"),
            };
        };
        let minimum = object.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let maximum = object.get("maxItems").and_then(Value::as_u64).map(|maximum| maximum as usize);
        let mut elements = Vec::new();
        for (index, item) in prefix.iter().enumerate() {
            if maximum.is_some_and(|maximum| index >= maximum) {
                break;
            }
            let ty = self.ty(item, inner);
            let text = if ty.precedence == Precedence::Atom { ty.text } else { format!("({})", ty.text) };
            elements.push(if index < minimum { text } else { format!("{text}?") });
        }
        let closed = maximum.is_some_and(|maximum| maximum <= prefix.len());
        match rest {
            _ if closed => {}
            Some(Value::Bool(false)) => {}
            Some(items) => {
                let element = self.ty(items, inner);
                elements.push(format!("...{}", array_of(element).text));
            }
            None => elements.push("...unknown[]".to_owned()),
        }
        Ty::atom(format!("[{}]", elements.join(", ")))
    }

    /// A reference: the alias of the place it names (made on first use).
    fn reference(&mut self, reference: &str, place: Place) -> Ty {
        let Ok(target) = pointer::local(reference, "") else {
            return Ty::atom("unknown /* a reference outside the schema */");
        };
        let document = self.documents[place.document];
        let Some(schema) = pointer::resolve(document, &target) else {
            return Ty::atom("unknown /* a reference to nothing */");
        };
        let alias = match self.by_place.get(&(place.document, target.clone())) {
            Some(&alias) => alias,
            None => self.new_alias(place.document, target, schema),
        };
        let occurrence = self.occurrences.len();
        self.occurrences.push(Occurrence { from: place.alias, to: alias, direct: place.direct });
        Ty::atom(format!("{MARK_OPEN}{occurrence}{MARK_CLOSE}"))
    }

    fn new_alias(&mut self, document: usize, target: String, schema: &'a Value) -> usize {
        let closure = self.closure(document, &target);
        if let Some((closure, hash)) = &closure
            && let Some(candidates) = self.shared.get(hash)
            && let Some(&alias) = candidates.iter().find(|alias| self.closures.get(alias) == Some(closure))
        {
            self.by_place.insert((document, target), alias);
            return alias;
        }
        let base = text::pascal_case(&pointer_name(&target));
        let mut name = base.clone();
        let mut number = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{number}");
            number += 1;
        }
        self.taken.insert(name.clone());
        let alias = self.aliases.len();
        self.aliases.push(Alias { name, document, pointer: target.clone(), body: None, doc: text::schema_doc(schema) });
        self.by_place.insert((document, target), alias);
        if let Some((closure, hash)) = closure {
            self.shared.entry(hash).or_default().push(alias);
            self.closures.insert(alias, closure);
        }
        self.pending.push(alias);
        alias
    }

    /// Every place `target` leads to through references, itself included, sorted, and a hash
    /// of them: two aliases with equal closures are the same type. `None` (the alias is not
    /// shared) when it reaches the document's root (a tool's own schema), more than
    /// [`MAX_CLOSURE`] places, or a place met on the way of such a closure before.
    fn closure(&mut self, document: usize, target: &str) -> Option<(Vec<(String, &'a Value)>, u64)> {
        let start = self.place(document, target)?;
        let mut seen: HashSet<usize> = HashSet::new();
        let mut pending = vec![start];
        while let Some(place) = pending.pop() {
            if !seen.insert(place) {
                continue;
            }
            let references = if self.places[place].unshared { None } else { self.references_of(document, place) };
            match references {
                Some(references) if seen.len() <= MAX_CLOSURE => pending.extend(references),
                _ => {
                    // Not shared, nor is anything seen on the way: a later closure that meets
                    // one of them stops there instead of walking the same places again.
                    for place in seen {
                        self.places[place].unshared = true;
                    }
                    return None;
                }
            }
        }
        let mut places: Vec<usize> = seen.into_iter().collect();
        places.sort_by(|a, b| self.places[*a].pointer.cmp(&self.places[*b].pointer));
        let mut hasher = DefaultHasher::new();
        target.hash(&mut hasher);
        for &place in &places {
            (&self.places[place].pointer, self.places[place].hash).hash(&mut hasher);
        }
        // The place itself first, so that two closures of different places differ.
        let mut closure = vec![(target.to_owned(), &Value::Null)];
        closure.extend(places.into_iter().map(|place| (self.places[place].pointer.clone(), self.places[place].value)));
        Some((closure, hasher.finish()))
    }

    /// The number of a place of a document, its value hashed and its references listed on
    /// first use; `None` for the root and for places that do not exist.
    fn place(&mut self, document: usize, pointer: &str) -> Option<usize> {
        if pointer.is_empty() {
            return None;
        }
        let key = (document, pointer.to_owned());
        if let Some(&place) = self.place_numbers.get(&key) {
            return Some(place);
        }
        let value = pointer::resolve(self.documents[document], pointer)?;
        let mut found = Vec::new();
        pointer::references(value, &mut found);
        let mut hasher = DefaultHasher::new();
        hash_value(value, &mut hasher, 0);
        let place = self.places.len();
        self.places.push(PlaceFacts {
            pointer: pointer.to_owned(),
            value,
            hash: hasher.finish(),
            references: Err(found),
            unshared: false,
        });
        self.place_numbers.insert(key, place);
        Some(place)
    }

    /// The places `place` refers to (numbered on first use); `None` if one is the root or
    /// does not exist.
    fn references_of(&mut self, document: usize, place: usize) -> Option<Vec<usize>> {
        let pointers = match &self.places[place].references {
            Ok(numbers) => return numbers.clone(),
            Err(pointers) => pointers.clone(),
        };
        let numbers: Option<Vec<usize>> = pointers.iter().map(|pointer| self.place(document, pointer)).collect();
        self.places[place].references = Ok(numbers.clone());
        numbers
    }
}

/// What is known of one place of a document (see [`Namespace::place`]).
struct PlaceFacts<'a> {
    pointer: String,
    value: &'a Value,
    hash: u64,
    /// The places it refers to: pointers until first needed, then their numbers (`None` when
    /// one of them is the root or nothing).
    references: Result<Option<Vec<usize>>, Vec<String>>,
    /// Met on the way of a closure that was too large: its alias is not shared.
    unshared: bool,
}

/// A name for the alias of a place: its last segment that is not a keyword (`Pet` for
/// `/$defs/Pet`, `Category` for `/$defs/Pet/properties/category`).
fn pointer_name(pointer: &str) -> String {
    let segments: Vec<String> =
        pointer.split('/').skip(1).map(|segment| segment.replace("~1", "/").replace("~0", "~")).collect();
    const KEYWORDS: &[&str] = &[
        "$defs",
        "definitions",
        "properties",
        "items",
        "prefixItems",
        "additionalProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "schema",
        "components",
        "schemas",
    ];
    segments
        .iter()
        .rev()
        .find(|segment| !KEYWORDS.contains(&segment.as_str()) && !segment.chars().all(|c| c.is_ascii_digit()))
        .cloned()
        .unwrap_or_default()
}

fn hash_value(value: &Value, hasher: &mut DefaultHasher, depth: usize) {
    if depth > MAX_WALK {
        return;
    }
    match value {
        Value::Null => 0u8.hash(hasher),
        Value::Bool(flag) => (1u8, flag).hash(hasher),
        Value::Number(number) => (2u8, number.to_string()).hash(hasher),
        Value::String(text) => (3u8, text).hash(hasher),
        Value::Array(items) => {
            (4u8, items.len()).hash(hasher);
            items.iter().for_each(|item| hash_value(item, hasher, depth + 1));
        }
        Value::Object(object) => {
            // Keys in order: equal objects written in another order merely miss sharing.
            (5u8, object.len()).hash(hasher);
            for (key, item) in object {
                key.hash(hasher);
                hash_value(item, hasher, depth + 1);
            }
        }
    }
}

/// A JSON value as a literal type: `"a"`, `1`, `true`, `null`, `{ "a": 1 }`, `[1, 2]`.
fn literal(value: &Value, depth: usize) -> Ty {
    if depth > MAX_DEPTH {
        return Ty::unknown();
    }
    Ty::atom(match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => text::string_literal(text),
        Value::Array(items) => {
            format!("[{}]", items.iter().map(|item| literal(item, depth + 1).text).collect::<Vec<_>>().join(", "))
        }
        Value::Object(object) if object.is_empty() => "{}".to_owned(),
        Value::Object(object) => format!(
            "{{ {} }}",
            object
                .iter()
                .map(|(key, item)| format!("{}: {}", text::string_literal(key), literal(item, depth + 1).text))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    })
}

/// `text` with each reference mark replaced by what `name` says for its occurrence.
fn replace_marks(text: &str, mut name: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let after = &rest[MARK_OPEN.len_utf8()..];
        // Marks are only ever written by `reference` (text from schemas cannot hold them).
        let Some((number, tail)) = after.split_once(MARK_CLOSE) else { break };
        let Ok(occurrence) = number.parse::<usize>() else { break };
        out.push_str(&name(occurrence));
        rest = tail;
    }
    out.push_str(rest);
    out
}
