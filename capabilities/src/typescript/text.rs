//! Text from schemas (names, descriptions, literal values) made safe to put into TypeScript:
//! nothing a schema says can end a comment, a string or a declaration early.

use serde_json::Value;

use crate::names as ident;

/// The characters that mark a reference in a type being built (see `types.rs`): never left
/// in text that comes from a schema.
pub(crate) const MARK_OPEN: char = '\u{E000}';
pub(crate) const MARK_CLOSE: char = '\u{E001}';

/// How much of one description a comment quotes.
const MAX_DOC: usize = 2000;
/// How much of one value (a default or an example) a comment quotes.
const MAX_VALUE: usize = 200;
/// How many examples a comment quotes.
const MAX_EXAMPLES: usize = 3;

/// `text` as a double-quoted string literal.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | MARK_OPEN | MARK_CLOSE) => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A property name as a type literal writes it: bare when it is an identifier, else quoted.
pub(crate) fn property_name(name: &str) -> String {
    if ident::is_identifier(name) { name.to_owned() } else { string_literal(name) }
}

/// A type name from any text: its words capitalised and joined (`pet-category` is
/// `PetCategory`, `get_pets_by_id` is `GetPetsById`); `Type` when nothing is left, with a `T`
/// before a leading digit.
pub(crate) fn pascal_case(text: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for character in text.chars() {
        if character == '$' || (character != '_' && ident::is_continue(character)) {
            if upper {
                out.extend(character.to_uppercase());
            } else {
                out.push(character);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    match out.chars().next() {
        None => "Type".to_owned(),
        Some(first) if !ident::is_start(first) => format!("T{out}"),
        Some(_) if ident::is_identifier(&out) => out,
        Some(_) => "Type".to_owned(),
    }
}

/// Comment text: `*/` cannot close the comment, control characters and the reference marks
/// are dropped, line breaks kept as `\n`, and at most `limit` characters (then `…`).
fn clean(text: &str, limit: usize) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len().min(limit * 4));
    for (count, character) in text.chars().enumerate() {
        if count == limit {
            out.push('…');
            break;
        }
        match character {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || matches!(c, MARK_OPEN | MARK_CLOSE) => {}
            c => out.push(c),
        }
    }
    out.trim().replace("*/", "*\\/")
}

/// A value as a comment quotes it: JSON, on one line, bounded.
fn value_text(value: &Value) -> String {
    let json = value.to_string();
    clean(&json, MAX_VALUE).replace('\n', " ")
}

/// The lines of the JSDoc comment for a schema: its description (or title), then `@format`,
/// bounds, `@default`, `@example`s and `@deprecated`.
pub(crate) fn schema_doc(schema: &Value) -> Vec<String> {
    let Value::Object(schema) = schema else { return Vec::new() };
    let mut lines = Vec::new();
    let text = |key: &str| schema.get(key).and_then(Value::as_str).map(|text| clean(text, MAX_DOC));
    match (text("title"), text("description")) {
        (Some(title), Some(description)) if !title.is_empty() && !description.contains(&title) => {
            lines.extend(title.lines().map(str::to_owned));
            lines.push(String::new());
            lines.extend(description.lines().map(str::to_owned));
        }
        (_, Some(description)) if !description.is_empty() => lines.extend(description.lines().map(str::to_owned)),
        (Some(title), _) if !title.is_empty() => lines.extend(title.lines().map(str::to_owned)),
        _ => {}
    }
    if let Some(format) = text("format").filter(|format| !format.is_empty()) {
        lines.push(format!("@format {}", format.replace('\n', " ")));
    }
    for key in [
        "minimum",
        "exclusiveMinimum",
        "maximum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "contentMediaType",
        "contentEncoding",
    ] {
        if let Some(value) =
            schema.get(key).filter(|value| value.is_number() || value.is_string() || value == &&Value::Bool(true))
        {
            let shown = match value {
                Value::String(text) => clean(text, MAX_VALUE).replace('\n', " "),
                other => value_text(other),
            };
            lines.push(format!("@{key} {shown}"));
        }
    }
    if let Some(default) = schema.get("default") {
        lines.push(format!("@default {}", value_text(default)));
    }
    if let Some(Value::Array(examples)) = schema.get("examples") {
        for example in examples.iter().take(MAX_EXAMPLES) {
            lines.push(format!("@example {}", value_text(example)));
        }
    }
    if schema.get("deprecated") == Some(&Value::Bool(true)) {
        lines.push("@deprecated".to_owned());
    }
    lines
}

/// Free text (a tool's or a source's description) as comment lines.
pub(crate) fn description_doc(text: &str) -> Vec<String> {
    clean(text, MAX_DOC).lines().map(|line| line.trim_end().to_owned()).collect()
}

/// A JSDoc comment of `lines` at `indent`, or nothing for no lines.
pub(crate) fn jsdoc(lines: &[String], indent: &str) -> String {
    let lines: Vec<&str> = lines.iter().map(|line| line.trim_end()).collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] if !one.is_empty() => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for line in many {
                if line.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {line}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn comments_cannot_be_closed_early() {
        let doc = schema_doc(&json!({"description": "ends */ here\r\nand\u{0}on", "examples": ["*/"]}));
        assert_eq!(doc, ["ends *\\/ here", "andon", "@example \"*\\/\""]);
        assert_eq!(jsdoc(&doc, "  "), "  /**\n   * ends *\\/ here\n   * andon\n   * @example \"*\\/\"\n   */\n");
    }

    #[test]
    fn literals_and_names_are_escaped() {
        assert_eq!(string_literal("a\"b\\c\n\u{2028}\u{E000}"), "\"a\\\"b\\\\c\\n\\u2028\\ue000\"");
        assert_eq!(property_name("petId"), "petId");
        assert_eq!(property_name("x-rate-limit"), "\"x-rate-limit\"");
        assert_eq!(property_name("délai"), "délai");
        assert_eq!(pascal_case("get_pets_by_id"), "GetPetsById");
        assert_eq!(pascal_case("pet-category.v2"), "PetCategoryV2");
        assert_eq!(pascal_case("2fa"), "T2fa");
        assert_eq!(pascal_case("--"), "Type");
    }
}
