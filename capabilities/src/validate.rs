//! Checking a tool's argument against its input schema before the call leaves the host, with
//! the `jsonschema` crate (JSON Schema drafts 4 to 2020-12; 2020-12 when the schema names
//! none, as MCP specifies). Only references inside the schema resolve: the crate is built
//! without its HTTP and file retrievers, so a schema cannot make the host fetch anything.
//!
//! Every problem is reported, each with the JSON path of the value at fault, so the code (or
//! the model that wrote it) can fix all of them at once. Messages describe the value's kind,
//! not the value (which may be large).

use serde_json::Value as Json;

use crate::error::{InvalidArguments, Problem, truncate};

/// At most this many problems are listed; past it, one more says how many were left out.
pub(crate) const MAX_PROBLEMS: usize = 32;

/// A compiled input schema.
pub struct Validator {
    inner: jsonschema::Validator,
}

/// An input schema that cannot be used (invalid, or referring to a document outside itself).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The input schema is not usable: {0}")]
pub struct SchemaError(pub String);

impl Validator {
    /// Compiles `schema`.
    pub fn new(schema: &Json) -> Result<Validator, SchemaError> {
        // The draft is the one `$schema` names, 2020-12 when it names none.
        jsonschema::options()
            .build(schema)
            .map(|inner| Validator { inner })
            .map_err(|error| SchemaError(truncate(&error.to_string(), 500)))
    }

    /// Checks `arguments` (the JSON form of the call's argument, bytes as base64 strings).
    pub fn check(&self, arguments: &Json) -> Result<(), InvalidArguments> {
        let mut problems = Vec::new();
        let mut more = 0usize;
        for error in self.inner.iter_errors(arguments) {
            if problems.len() == MAX_PROBLEMS {
                more += 1;
                continue;
            }
            problems.push(Problem {
                path: json_path(arguments, error.instance_path()),
                message: truncate(&error.masked_with("the value").to_string(), 300),
            });
        }
        if more > 0 {
            problems.push(Problem { path: "$".into(), message: format!("and {more} more problems") });
        }
        if problems.is_empty() { Ok(()) } else { Err(InvalidArguments { problems }) }
    }
}

/// Checks `arguments` against `schema` once (compile and check); see [`Validator`] to check
/// many calls against one schema.
pub fn validate(schema: &Json, arguments: &Json) -> Result<(), ValidateError> {
    Validator::new(schema)?.check(arguments)?;
    Ok(())
}

/// Why [`validate`] failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error(transparent)]
    Invalid(#[from] InvalidArguments),
}

/// The JSON pointer `location` into `instance` as a JSON path (`$.items[2].name`): a segment
/// is an index where the value there is an array, a member name otherwise.
fn json_path(instance: &Json, location: &jsonschema::paths::Location) -> String {
    let mut path = String::from("$");
    let mut node = Some(instance);
    for segment in location.iter() {
        let key = match &segment {
            jsonschema::paths::LocationSegment::Property(name) => name.to_string(),
            jsonschema::paths::LocationSegment::Index(index) => index.to_string(),
        };
        match node {
            Some(Json::Array(items)) => {
                path.push_str(&format!("[{key}]"));
                node = key.parse::<usize>().ok().and_then(|index| items.get(index));
            }
            Some(Json::Object(members)) => {
                path = crate::config::member(&path, &key);
                node = members.get(&key);
            }
            _ => {
                path = crate::config::member(&path, &key);
                node = None;
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Every problem is listed, each with the path of the value at fault.
    #[test]
    fn every_problem_is_listed_with_its_path() {
        let schema = json!({
            "type": "object",
            "properties": {
                "name": { "type": "string" },
                "items": { "type": "array", "items": { "type": "object", "properties": { "count": { "type": "integer", "minimum": 0 } } } },
                "my key": { "enum": ["a", "b"] },
                "mode": { "type": "integer" }
            },
            "required": ["name", "mode"],
            "additionalProperties": false
        });
        let arguments =
            json!({ "items": [{ "count": 1 }, { "count": -2 }, { "count": "x" }], "my key": "c", "extra": 1 });
        let problems = validate(&schema, &arguments).unwrap_err();
        let ValidateError::Invalid(InvalidArguments { problems }) = problems else { panic!("{problems:?}") };
        let paths: Vec<&str> = problems.iter().map(|problem| problem.path.as_str()).collect();
        for expected in ["$", "$.items[1].count", "$.items[2].count", "$[\"my key\"]"] {
            assert!(paths.contains(&expected), "{expected} in {problems:?}");
        }
        let text = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
        assert!(text.contains("\"name\" is a required property"), "{text}");
        assert!(text.contains("\"mode\" is a required property"), "{text}");
        assert!(text.contains("extra"), "{text}");
        assert!(validate(&schema, &json!({ "name": "x", "mode": 1 })).is_ok());
    }

    /// A schema that refers outside itself does not make the host fetch anything.
    #[test]
    fn remote_references_are_refused() {
        let schema = json!({ "$ref": "https://example.com/schema.json" });
        assert!(matches!(Validator::new(&schema), Err(SchemaError(_))));
        let schema = json!({ "$ref": "file:///etc/passwd" });
        assert!(matches!(Validator::new(&schema), Err(SchemaError(_))));
        let schema = json!({ "$defs": { "n": { "type": "number" } }, "properties": { "x": { "$ref": "#/$defs/n" } } });
        assert!(validate(&schema, &json!({ "x": "no" })).is_err());
    }

    /// Thousands of problems make a bounded message.
    #[test]
    fn problems_are_capped() {
        let schema = json!({ "type": "array", "items": { "type": "string" } });
        let arguments = Json::Array((0..5000).map(|index| json!(index)).collect());
        let ValidateError::Invalid(invalid) = validate(&schema, &arguments).unwrap_err() else { panic!() };
        assert_eq!(invalid.problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(invalid.problems[MAX_PROBLEMS].message, format!("and {} more problems", 5000 - MAX_PROBLEMS));
    }
}
