//! Operation names as JavaScript identifiers.
//!
//! A private copy of the rule `names.rs` gives tool names (codemode's `sanitizeToolName`,
//! keeping the letters of every script, as JavaScript does), so that this module can be built
//! on its own; the two are to become one.

/// Words JavaScript reserves (and a few it forbids in strict code): a method may be called so,
/// but a generated name avoids them so that it can be a variable too.
const RESERVED: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// `name` as an identifier: `-`, `.` and white space become `_`, other characters an
/// identifier cannot hold are dropped, a leading digit gets a `_` before it and a reserved word
/// a `_` after it; nothing left is `_`.
pub(crate) fn identifier(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for character in name.chars() {
        if character == '-' || character == '.' || character.is_whitespace() {
            out.push('_');
        } else if is_continue(character) {
            out.push(character);
        }
    }
    match out.chars().next() {
        None => return "_".to_owned(),
        Some(first) if !is_start(first) => out.insert(0, '_'),
        Some(_) => {}
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// A name for an operation without an `operationId`: the method, then the path's words, a
/// parameter `{id}` as `by_id`: `GET /pets/{id}/photos` is `get_pets_by_id_photos`.
pub(crate) fn operation_name(method: &str, path: &str) -> String {
    let mut words = vec![method.to_ascii_lowercase()];
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        let mut rest = segment;
        while !rest.is_empty() {
            if let Some(open) = rest.strip_prefix('{')
                && let Some(close) = open.find('}')
            {
                words.push(format!("by_{}", &open[..close]));
                rest = &open[close + 1..];
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                words.push(rest[..end].to_owned());
                rest = &rest[end..];
                if end == 0 {
                    // A `{` without its `}`: keep it as a word (it is dropped below).
                    words.push(rest.to_owned());
                    break;
                }
            }
        }
    }
    let joined = words
        .iter()
        .map(|word| identifier(word).trim_matches('_').to_owned())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    identifier(&joined)
}

pub(crate) fn is_start(character: char) -> bool {
    character == '$' || character == '_' || unicode_ident::is_xid_start(character)
}

pub(crate) fn is_continue(character: char) -> bool {
    character == '$' || unicode_ident::is_xid_continue(character)
}

/// Whether `name` is a word JavaScript reserves (a binding cannot be called so).
pub(crate) fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// Whether `name` is an identifier (reserved words included: as property names they are).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters.next().is_some_and(is_start) && characters.all(is_continue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_follow_codemode_but_keep_letters() {
        assert_eq!(identifier("get-pets.by id"), "get_pets_by_id");
        assert_eq!(identifier("3d"), "_3d");
        assert_eq!(identifier("delete"), "delete_");
        assert_eq!(identifier("café"), "café");
        assert_eq!(identifier("a/b"), "ab");
        assert_eq!(identifier("/"), "_");
    }

    #[test]
    fn synthesised_names_read_like_the_path() {
        assert_eq!(operation_name("GET", "/pets/{id}"), "get_pets_by_id");
        assert_eq!(operation_name("post", "/pets/{id}/photos"), "post_pets_by_id_photos");
        assert_eq!(operation_name("get", "/"), "get");
        assert_eq!(operation_name("get", "/files/{name}.json"), "get_files_by_name_json");
        assert_eq!(operation_name("get", "/a/{b"), "get_a_b");
    }
}
