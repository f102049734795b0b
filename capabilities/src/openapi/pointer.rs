//! Local references: JSON Pointers in URI fragments (`#/components/schemas/Pet`), resolved in
//! the spec; anything else is refused, never fetched.

use serde_json::Value;

use super::error::OpenApiError;

/// How many `$ref`s a parameter, request body, response or path item may go through.
const MAX_CHAIN: usize = 32;

/// The JSON Pointer a local reference names (`#/a~1b/%7Bc%7D` is `/a~1b/{c}`), or the error
/// for a remote or unsupported one. `at` is where the reference is written.
pub(crate) fn local(reference: &str, at: &str) -> Result<String, OpenApiError> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(OpenApiError::RemoteReference { pointer: at.to_owned(), reference: reference.to_owned() });
    };
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(OpenApiError::Invalid {
            pointer: at.to_owned(),
            message: format!("the reference `{reference}` names an anchor; only JSON Pointers (`#/...`) are supported"),
        });
    }
    Ok(percent_decode(fragment))
}

/// How deep [`references`] looks into a value.
const MAX_WALK: usize = 256;

/// Every local reference target in `value` (its `$ref`s, as pointers), down to [`MAX_WALK`]
/// levels; remote and unsupported references are left out.
pub(crate) fn references(value: &Value, found: &mut Vec<String>) {
    walk_references(value, found, 0);
}

fn walk_references(value: &Value, found: &mut Vec<String>, depth: usize) {
    if depth > MAX_WALK {
        return;
    }
    match value {
        Value::Object(object) => {
            for (key, item) in object {
                if key == "$ref"
                    && let Value::String(reference) = item
                {
                    if let Ok(target) = local(reference, "") {
                        found.push(target);
                    }
                } else {
                    walk_references(item, found, depth + 1);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk_references(item, found, depth + 1)),
        _ => {}
    }
}

/// The value at `pointer` in `root`, if there is one.
pub(crate) fn resolve<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    root.pointer(pointer)
}

/// Follows `$ref` from `value` (found at `at`) until a value without one: the value and where
/// it is. Used for parameters, request bodies, responses and path items.
pub(crate) fn follow<'a>(root: &'a Value, value: &'a Value, at: &str) -> Result<(&'a Value, String), OpenApiError> {
    let mut current = value;
    let mut place = at.to_owned();
    let mut seen: Vec<String> = Vec::new();
    while let Some(reference) = current.get("$ref").and_then(Value::as_str) {
        let pointer = local(reference, &place)?;
        if pointer.is_empty() || seen.contains(&pointer) || seen.len() >= MAX_CHAIN {
            return Err(OpenApiError::ReferenceCycle { pointer: place, reference: reference.to_owned() });
        }
        let Some(target) = resolve(root, &pointer) else {
            return Err(OpenApiError::BrokenReference { pointer: place, reference: reference.to_owned() });
        };
        seen.push(pointer.clone());
        current = target;
        place = pointer;
    }
    Ok((current, place))
}

/// `pointer` with one more segment, escaped (`~` as `~0`, `/` as `~1`).
pub(crate) fn child(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for character in segment.chars() {
        match character {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            other => out.push(other),
        }
    }
    out
}

/// `pointer` as it may be written in a URI fragment: bytes other than unreserved and
/// sub-delimiter characters, `:`, `@` and `/` percent-encoded.
pub(crate) fn encode_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A pointer's last segment, unescaped.
pub(crate) fn last_segment(pointer: &str) -> String {
    pointer.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~")
}

/// Decodes `%XX` escapes (a pointer in a URI fragment is percent-encoded); invalid escapes and
/// invalid UTF-8 are kept as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(high) = bytes.get(index + 1).and_then(|byte| (*byte as char).to_digit(16))
            && let Some(low) = bytes.get(index + 2).and_then(|byte| (*byte as char).to_digit(16))
        {
            out.push((high * 16 + low) as u8);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_pointers() {
        assert_eq!(local("#/components/schemas/Pet", "/x").unwrap(), "/components/schemas/Pet");
        assert_eq!(local("#/paths/~1pets~1%7Bid%7D", "/x").unwrap(), "/paths/~1pets~1{id}");
        assert_eq!(local("#", "/x").unwrap(), "");
        assert!(matches!(local("other.json#/a", "/x"), Err(OpenApiError::RemoteReference { .. })));
        assert!(matches!(local("https://example.com/s.json", "/x"), Err(OpenApiError::RemoteReference { .. })));
        assert!(matches!(local("#anchor", "/x"), Err(OpenApiError::Invalid { .. })));
    }

    #[test]
    fn segments_are_escaped_and_unescaped() {
        assert_eq!(child("/paths", "/pets/{id}"), "/paths/~1pets~1{id}");
        assert_eq!(last_segment("/paths/~1pets~1{id}"), "/pets/{id}");
        assert_eq!(last_segment("/a/b~0c"), "b~c");
    }
}
