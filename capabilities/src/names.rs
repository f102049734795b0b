//! Names of servers and tools as JavaScript identifiers: `github` → `env.github`,
//! `search-issues` → `search_issues`. The idea is codemode's `sanitizeToolName` (hyphens, dots
//! and white space become `_`, other characters are dropped, a leading digit gets a `_`
//! before it, a reserved word a `_` after it), except that letters and digits of every script
//! that JavaScript allows in identifiers are kept (`données` stays `données`, where codemode
//! would make it `donnes`). Invisible characters (joiners, direction marks) are dropped, so
//! that two identifiers that look the same are the same.
//!
//! Two names that become one identifier are an error naming both: neither is renamed behind
//! the user's back.

use crate::catalog::Catalog;
use crate::error::NameClash;

/// Words that cannot name a binding or a method the code refers to by name: ECMAScript's
/// reserved words (strict mode included), the literals, the globals that cannot be
/// redefined, and the older future reserved words (as codemode lists them).
const RESERVED: &[&str] = &[
    "abstract",
    "arguments",
    "await",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "double",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "function",
    "goto",
    "if",
    "implements",
    "import",
    "in",
    "Infinity",
    "instanceof",
    "int",
    "interface",
    "let",
    "long",
    "NaN",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "volatile",
    "while",
    "with",
    "yield",
];

/// `name` as a JavaScript identifier (see the module's documentation).
pub fn identifier(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for character in name.chars() {
        if character == '-' || character == '.' || character.is_whitespace() {
            out.push('_');
        } else if character == '_'
            || character == '$'
            || (unicode_ident::is_xid_continue(character) && !invisible(character))
        {
            out.push(character);
        }
    }
    match out.chars().next() {
        None => return "_".to_owned(),
        // A digit or a combining mark can continue an identifier but not start one.
        Some(first) if !(first == '_' || first == '$' || unicode_ident::is_xid_start(first)) => out.insert(0, '_'),
        Some(_) => {}
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Characters Unicode lets into identifiers that show nothing: joiners, variation selectors,
/// Hangul fillers (and the format characters, tags and marks that are not identifier
/// characters anyway), dropped so that a name cannot hide a difference.
fn invisible(character: char) -> bool {
    matches!(
        character,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
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

/// Whether `character` may start an identifier.
pub(crate) fn is_start(character: char) -> bool {
    character == '$' || character == '_' || unicode_ident::is_xid_start(character)
}

/// Whether `character` may continue an identifier.
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
mod operation_name_tests {
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

/// Identifiers for `names`, in their order; `what` says what they name, for the error
/// (`"MCP servers"`, "Tools of MCP server `github`"). Two names with the same identifier are
/// an error naming both.
pub fn identifiers<'a>(what: &str, names: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, NameClash> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for name in names {
        let identifier = identifier(name);
        if let Some(first) = seen.insert(identifier.clone(), name) {
            return Err(NameClash {
                what: what.to_owned(),
                first: first.to_owned(),
                second: name.to_owned(),
                identifier,
            });
        }
        out.push(identifier);
    }
    Ok(out)
}

/// Checks that no two sources of `catalog` (MCP servers and OpenAPI specs together), and no
/// two tools of one source, have the same identifier.
pub fn check_catalog(catalog: &Catalog) -> Result<(), NameClash> {
    check_unique("Sources", catalog.sources.iter().map(|source| (source.name.as_str(), source.original.as_str())))?;
    for source in &catalog.sources {
        check_unique(
            &format!("Tools of `{}`", source.original),
            source.tools.iter().map(|tool| (tool.name.as_str(), tool.original.as_str())),
        )?;
    }
    Ok(())
}

fn check_unique<'a>(what: &str, names: impl Iterator<Item = (&'a str, &'a str)>) -> Result<(), NameClash> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (identifier, original) in names {
        if let Some(first) = seen.insert(identifier, original) {
            return Err(NameClash {
                what: what.to_owned(),
                first: first.to_owned(),
                second: original.to_owned(),
                identifier: identifier.to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_identifiers_as_codemode_makes_them() {
        assert_eq!(identifier("search-issues"), "search_issues");
        assert_eq!(identifier("files.read"), "files_read");
        assert_eq!(identifier("get user"), "get_user");
        assert_eq!(identifier("a/b:c"), "abc");
        assert_eq!(identifier("2fa"), "_2fa");
        assert_eq!(identifier("delete"), "delete_");
        assert_eq!(identifier("$ref"), "$ref");
        assert_eq!(identifier(""), "_");
        assert_eq!(identifier("!!!"), "_");
    }

    #[test]
    fn letters_of_every_script_are_kept() {
        assert_eq!(identifier("données"), "données");
        assert_eq!(identifier("поиск"), "поиск");
        assert_eq!(identifier("検索"), "検索");
        // A combining mark cannot start an identifier; a digit of another script neither.
        assert_eq!(identifier("\u{301}x"), "_\u{301}x");
        assert_eq!(identifier("٣x"), "_٣x");
    }

    #[test]
    fn invisible_and_direction_characters_are_dropped() {
        assert_eq!(identifier("ad\u{200d}min"), "admin");
        assert_eq!(identifier("\u{202e}evil"), "evil");
        assert_eq!(identifier("zero\u{200b}width"), "zerowidth");
        assert_eq!(identifier("a\u{200c}b\u{fe0f}c\u{3164}"), "abc");
    }

    #[test]
    fn a_clash_names_both_originals() {
        let clash = identifiers("Tools of MCP server `x`", ["get-user", "ok", "get.user"]).unwrap_err();
        assert_eq!(clash.first, "get-user");
        assert_eq!(clash.second, "get.user");
        assert_eq!(clash.identifier, "get_user");
        assert_eq!(
            clash.to_string(),
            "Tools of MCP server `x`: `get-user` and `get.user` both become the identifier `get_user`"
        );
        assert_eq!(identifiers("MCP servers", ["a", "b"]).unwrap(), ["a", "b"]);
    }
}
