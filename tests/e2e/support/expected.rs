//! Expectations taken from a reference implementation and committed beside a test: what the
//! reference (the real workerd, or Node.js) gave for a conformance snippet or an executor
//! fixture, and the known differences, where sandbox deliberately gives something else. The
//! test of sandbox compares with the file alone (no reference needed); a test that runs the
//! reference compares it with the same file, and rewrites the file instead when
//! `UPDATE_EXPECTED=1` (keeping the known differences). Shared by the end-to-end tests and
//! `executor/tests/fixtures.rs`, so only `serde_json` here.
//!
//! ```json
//! {
//!   "reference": "workerd",
//!   "expected": { "ok": true, "result": { "bom": "A" } },
//!   "known_differences": [
//!     { "path": "/result/bom", "sandbox": "\ufeffA", "reason": "why sandbox differs" }
//!   ]
//! }
//! ```
//!
//! `path` is a JSON pointer into `expected`; `sandbox` replaces what is there (or adds it,
//! if the reference gave nothing there). Every difference must still be one: an entry whose
//! `sandbox` value equals the reference's is stale and fails the test.

use std::path::Path;

use serde_json::{Map, Value, json};

/// The variable that makes the reference tests rewrite the files instead of comparing.
pub(crate) const UPDATE_VARIABLE: &str = "UPDATE_EXPECTED";

/// Whether `UPDATE_EXPECTED=1` asks to rewrite the expectations.
pub(crate) fn updating() -> bool {
    std::env::var_os(UPDATE_VARIABLE).is_some_and(|value| value == "1")
}

/// Whether a file of an executor fixture is one of its references: `reference.json`, or a
/// second one named for its reference (`reference.workerd.json`).
pub(crate) fn is_reference_file(name: &str) -> bool {
    name == "reference.json" || (name.starts_with("reference.") && name.ends_with(".json"))
}

/// The reference files of an executor fixture, sorted.
pub(crate) fn reference_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("read {}: {error}", folder.display()))
        .flatten()
        .filter(|entry| is_reference_file(&entry.file_name().to_string_lossy()))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    files
}

/// One committed expectation file.
#[derive(Debug, Clone)]
pub(crate) struct Expectation {
    /// Which implementation `expected` comes from: `workerd` or `node`.
    pub(crate) reference: String,
    /// What the reference gave.
    pub(crate) expected: Value,
    pub(crate) differences: Vec<Difference>,
}

/// A place where sandbox deliberately differs from the reference, and why.
#[derive(Debug, Clone)]
pub(crate) struct Difference {
    pub(crate) path: String,
    pub(crate) sandbox: Value,
    pub(crate) reason: String,
}

impl Expectation {
    /// Reads `path`, or `None` if there is no such file.
    pub(crate) fn read(path: &Path) -> Option<Expectation> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
            Err(error) => panic!("read {}: {error}", path.display()),
        };
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
        let field = |name: &str| value.get(name).unwrap_or_else(|| panic!("{} has no `{name}`", path.display()));
        let differences = match value.get("known_differences") {
            None => Vec::new(),
            Some(list) => list
                .as_array()
                .unwrap_or_else(|| panic!("{}: `known_differences` is a list", path.display()))
                .iter()
                .map(|entry| {
                    let text = |name: &str| {
                        entry[name]
                            .as_str()
                            .filter(|text| !text.is_empty())
                            .unwrap_or_else(|| {
                                panic!("{}: a known difference without `{name}`: {entry}", path.display())
                            })
                            .to_owned()
                    };
                    let sandbox = entry
                        .get("sandbox")
                        .unwrap_or_else(|| panic!("{}: a known difference without `sandbox`: {entry}", path.display()))
                        .clone();
                    Difference { path: text("path"), sandbox, reason: text("reason") }
                })
                .collect(),
        };
        Some(Expectation {
            reference: field("reference").as_str().expect("`reference` is a string").to_owned(),
            expected: field("expected").clone(),
            differences,
        })
    }

    /// Writes the file, pretty-printed, ending with a newline.
    pub(crate) fn write(&self, path: &Path) {
        let mut object = Map::new();
        object.insert("reference".to_owned(), json!(self.reference));
        object.insert("expected".to_owned(), self.expected.clone());
        if !self.differences.is_empty() {
            let differences = self
                .differences
                .iter()
                .map(|difference| {
                    json!({ "path": difference.path, "sandbox": difference.sandbox, "reason": difference.reason })
                })
                .collect();
            object.insert("known_differences".to_owned(), Value::Array(differences));
        }
        let text = serde_json::to_string_pretty(&Value::Object(object)).expect("JSON serializes") + "\n";
        std::fs::write(path, text).unwrap_or_else(|error| panic!("write {}: {error}", path.display()));
    }

    /// What sandbox must give: the reference's result with every known difference in place.
    /// Fails if a difference names no place in it, or is no difference any more.
    pub(crate) fn for_sandbox(&self) -> Result<Value, String> {
        let mut value = self.expected.clone();
        for difference in &self.differences {
            let place = place(&mut value, &difference.path)
                .ok_or_else(|| format!("known difference at {}: no such place in `expected`", difference.path))?;
            if *place == difference.sandbox {
                return Err(format!(
                    "known difference at {} is stale: the reference now gives sandbox's value too ({}); remove it",
                    difference.path, difference.sandbox
                ));
            }
            *place = difference.sandbox.clone();
        }
        Ok(value)
    }

    /// Compares sandbox's outcome with the expectation: every field the reference gave (with
    /// the known differences in place) must be equal in `actual`. `Err` lists where they are
    /// not.
    pub(crate) fn check_sandbox(&self, actual: &Value) -> Result<(), String> {
        let expected = self.for_sandbox()?;
        let Value::Object(fields) = &expected else {
            return Err(format!("`expected` is not an object: {expected}"));
        };
        let mut found = Vec::new();
        for (key, value) in fields {
            let pointer = format!("/{key}");
            differences(value, actual.get(key).unwrap_or(&Value::Null), &pointer, &mut found);
        }
        if found.is_empty() { Ok(()) } else { Err(found.join("\n")) }
    }

    /// Compares what the reference gives now with what was committed.
    pub(crate) fn check_reference(&self, now: &Value) -> Result<(), String> {
        let mut found = Vec::new();
        differences(&self.expected, now, "", &mut found);
        if found.is_empty() { Ok(()) } else { Err(found.join("\n")) }
    }
}

/// The place `pointer` names in `value`, made if only its last key is missing from an
/// object (the reference gave nothing there).
fn place<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    if value.pointer(pointer).is_some() {
        return value.pointer_mut(pointer);
    }
    let (parent, key) = pointer.rsplit_once('/')?;
    let key = key.replace("~1", "/").replace("~0", "~");
    let object = value.pointer_mut(parent)?.as_object_mut()?;
    Some(object.entry(key).or_insert(Value::Null))
}

/// Appends one line per place where `expected` and `actual` differ, by JSON pointer.
pub(crate) fn differences(expected: &Value, actual: &Value, pointer: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(left), Value::Object(right)) => {
            for (key, value) in left {
                let path = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match right.get(key) {
                    Some(other) => differences(value, other, &path, out),
                    None => out.push(format!("{path}: expected {value}, got nothing")),
                }
            }
            for (key, value) in right {
                if !left.contains_key(key) {
                    out.push(format!("{pointer}/{key}: expected nothing, got {value}"));
                }
            }
        }
        (Value::Array(left), Value::Array(right)) if left.len() == right.len() => {
            for (index, (value, other)) in left.iter().zip(right).enumerate() {
                differences(value, other, &format!("{pointer}/{index}"), out);
            }
        }
        _ if expected != actual => {
            let pointer = if pointer.is_empty() { "(the whole value)" } else { pointer };
            out.push(format!("{pointer}: expected {expected}, got {actual}"));
        }
        _ => {}
    }
}
