//! `ModuleMap::from_json`, with a location for every error.
//!
//! serde_json gives no positions for values, so objects are read as lists of
//! `(key, &RawValue)`: a `RawValue` borrows its text from the input, and its address tells
//! where it is. Keys are found by scanning back from their value.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{Module, ModuleMap};
use crate::base64;
use crate::diagnostics::{self, Diagnostic, Location};
use crate::position::LineIndex;

pub(super) fn module_map(file: &str, text: &str) -> Result<ModuleMap, Diagnostic> {
    // Editors may save a byte order mark, which serde_json rejects; columns don't count it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let reader = Reader { file, text, lines: LineIndex::new(text) };
    let root: &RawValue = serde_json::from_str(text).map_err(|error| reader.json_error(&error))?;
    let fields = reader.object(root, "the module map")?;

    let (mut date, mut flags, mut main, mut modules) = (None, None, None, None);
    for (key, value) in &fields {
        let slot = match key.as_str() {
            "compatibilityDate" => &mut date,
            "compatibilityFlags" => &mut flags,
            "mainModule" => &mut main,
            "modules" => &mut modules,
            _ => return Err(diagnostics::unknown_field(key, reader.key_location(value))),
        };
        *slot = Some(*value);
    }
    let root_location = reader.start_location(root);
    let main = main.ok_or_else(|| diagnostics::missing_field("mainModule", root_location.clone()))?;
    let modules = modules.ok_or_else(|| diagnostics::missing_field("modules", root_location))?;

    let compatibility_date = date
        .map(|value| {
            let date = reader.string(value, "`compatibilityDate`")?;
            if is_date(&date) {
                Ok(date)
            } else {
                Err(diagnostics::invalid_compatibility_date(&date, reader.location(value)))
            }
        })
        .transpose()?;
    let compatibility_flags = match flags {
        Some(value) => reader.strings(value, "`compatibilityFlags`")?,
        None => Vec::new(),
    };
    let main_module = reader.string(main, "`mainModule`")?;
    let modules = reader.modules(modules)?;
    if !modules.contains_key(&main_module) {
        let names = modules.keys().map(String::as_str).collect::<Vec<_>>();
        return Err(diagnostics::main_module_not_found(&main_module, &names, reader.location(main)));
    }
    Ok(ModuleMap { compatibility_date, compatibility_flags, main_module, modules })
}

/// What serde_json says is wrong with `text`, without its " at line L column C" (the location
/// says that), and where: at the end of the text, past its last character.
pub(crate) fn json_error(
    file: &str,
    text: &str,
    lines: &LineIndex<'_>,
    error: &serde_json::Error,
) -> (String, Location) {
    let offset =
        if error.is_eof() { text.trim_end().len() } else { lines.offset_of_byte_column(error.line(), error.column()) };
    let message = error.to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |end| &message[..end]);
    (message.to_owned(), lines.location(file, offset, offset + 1))
}

/// What a JSON value is, for a diagnostic: "an array", "a number".
pub(crate) fn json_type_name(value: &RawValue) -> &'static str {
    JsonType::of(value).name()
}

/// Where a raw value is in the text it was parsed from: it borrows from that text, so its
/// address gives its offset.
pub(crate) fn raw_value_span(text: &str, value: &RawValue) -> (usize, usize) {
    let start = (value.get().as_ptr() as usize)
        .checked_sub(text.as_ptr() as usize)
        .filter(|&start| start <= text.len())
        .expect("raw values borrow from the text they were parsed from");
    (start, start + value.get().len())
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    lines: LineIndex<'a>,
}

impl<'a> Reader<'a> {
    fn modules(&self, value: &'a RawValue) -> Result<BTreeMap<String, Module>, Diagnostic> {
        let entries = self.object(value, "`modules`")?;
        if entries.is_empty() {
            return Err(diagnostics::empty_modules(self.location(value)));
        }
        let mut modules = BTreeMap::new();
        for (name, source) in entries {
            if let Err(reason) = check_module_name(&name) {
                return Err(diagnostics::invalid_module_name(&name, reason, self.key_location(source)));
            }
            let module = self.module(&name, source)?;
            modules.insert(name, module);
        }
        Ok(modules)
    }

    fn module(&self, name: &str, value: &'a RawValue) -> Result<Module, Diagnostic> {
        let what = format!("the module `{name}`");
        match JsonType::of(value) {
            JsonType::String => return Ok(Module::Js(self.string(value, &what)?)),
            JsonType::Object => {}
            found => {
                return Err(diagnostics::wrong_type(
                    &what,
                    "a string or an object",
                    found.name(),
                    self.location(value),
                ));
            }
        }
        let entries = self.object(value, &what)?;
        let [(module_type, source)] = entries.as_slice() else {
            return Err(diagnostics::module_type_count(name, entries.len(), self.location(value)));
        };
        let what = || format!("`{module_type}` of the module `{name}`");
        let module = match module_type.as_str() {
            "js" => Module::Js(self.string(source, &what())?),
            "cjs" => Module::Cjs(self.string(source, &what())?),
            "text" => Module::Text(self.string(source, &what())?),
            "json" => Module::Json(serde_json::from_str(source.get()).map_err(|error| self.json_error(&error))?),
            "data" | "wasm" => {
                let encoded = self.string(source, &what())?;
                let bytes = base64::decode(&encoded)
                    .map_err(|error| diagnostics::invalid_base64(name, &error.to_string(), self.location(source)))?;
                if module_type == "data" { Module::Data(bytes) } else { Module::Wasm(bytes) }
            }
            _ => {
                return Err(diagnostics::unknown_module_type(name, module_type, self.key_location(source)));
            }
        };
        Ok(module)
    }

    /// The entries of a JSON object, in order; a duplicate key is an error.
    fn object(&self, value: &'a RawValue, what: &str) -> Result<Vec<(String, &'a RawValue)>, Diagnostic> {
        let found = JsonType::of(value);
        if found != JsonType::Object {
            return Err(diagnostics::wrong_type(what, "a JSON object", found.name(), self.location(value)));
        }
        let Entries(entries) = serde_json::from_str(value.get()).map_err(|error| self.json_error(&error))?;
        let mut seen = HashSet::with_capacity(entries.len());
        for (key, value) in &entries {
            if !seen.insert(key.as_str()) {
                return Err(diagnostics::duplicate_key(key, self.key_location(value)));
            }
        }
        Ok(entries)
    }

    fn string(&self, value: &RawValue, what: &str) -> Result<String, Diagnostic> {
        let found = JsonType::of(value);
        if found != JsonType::String {
            return Err(diagnostics::wrong_type(what, "a string", found.name(), self.location(value)));
        }
        serde_json::from_str(value.get()).map_err(|error| self.json_error(&error))
    }

    fn strings(&self, value: &'a RawValue, what: &str) -> Result<Vec<String>, Diagnostic> {
        let found = JsonType::of(value);
        if found != JsonType::Array {
            return Err(diagnostics::wrong_type(what, "an array of strings", found.name(), self.location(value)));
        }
        let items: Vec<&RawValue> = serde_json::from_str(value.get()).map_err(|error| self.json_error(&error))?;
        items.into_iter().map(|item| self.string(item, &format!("each of {what}"))).collect()
    }

    fn span(&self, value: &RawValue) -> (usize, usize) {
        raw_value_span(self.text, value)
    }

    fn location(&self, value: &RawValue) -> Location {
        let (start, end) = self.span(value);
        self.lines.location(self.file, start, end)
    }

    /// The first character of a value: `{` for an object.
    fn start_location(&self, value: &RawValue) -> Location {
        let (start, _) = self.span(value);
        self.lines.location(self.file, start, start + 1)
    }

    /// The quoted key before a value in an object, or the value if that can't be found.
    fn key_location(&self, value: &RawValue) -> Location {
        let (value_start, _) = self.span(value);
        match key_span(self.text, value_start) {
            Some((start, end)) => self.lines.location(self.file, start, end),
            None => self.location(value),
        }
    }

    fn json_error(&self, error: &serde_json::Error) -> Diagnostic {
        let (message, location) = json_error(self.file, self.text, &self.lines, error);
        diagnostics::invalid_json(&message, location)
    }
}

/// The bytes of the `"key"` before `: value` that starts at `value_start`.
fn key_span(text: &str, value_start: usize) -> Option<(usize, usize)> {
    let before = text[..value_start].trim_end().strip_suffix(':')?.trim_end();
    let closing = before.len().checked_sub(1)?;
    if !before.ends_with('"') {
        return None;
    }
    // The opening quote is the nearest `"` before it that no backslash escapes.
    let bytes = before.as_bytes();
    let mut index = closing;
    while index > 0 {
        index -= 1;
        if bytes[index] == b'"' {
            let backslashes = bytes[..index].iter().rev().take_while(|&&byte| byte == b'\\').count();
            if backslashes % 2 == 0 {
                return Some((index, closing + 1));
            }
        }
    }
    None
}

/// The entries of an object, keys decoded, values raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonType {
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

impl JsonType {
    /// The type of valid JSON from its first character.
    fn of(value: &RawValue) -> JsonType {
        match value.get().as_bytes().first() {
            Some(b'{') => JsonType::Object,
            Some(b'[') => JsonType::Array,
            Some(b'"') => JsonType::String,
            Some(b't' | b'f') => JsonType::Boolean,
            Some(b'n') => JsonType::Null,
            _ => JsonType::Number,
        }
    }

    fn name(self) -> &'static str {
        match self {
            JsonType::Object => "an object",
            JsonType::Array => "an array",
            JsonType::String => "a string",
            JsonType::Number => "a number",
            JsonType::Boolean => "a boolean",
            JsonType::Null => "`null`",
        }
    }
}

/// `YYYY-MM-DD` with a month from 01 to 12 and a day from 01 to 31.
pub(super) fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .try_fold(0u32, |number, &byte| byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0')))
    };
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && digits(0..4).is_some()
        && digits(5..7).is_some_and(|month| (1..=12).contains(&month))
        && digits(8..10).is_some_and(|day| (1..=31).contains(&day))
}

/// Module names are relative `/` paths that stay inside the map, as import specifiers
/// between modules resolve them.
fn check_module_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("empty name");
    }
    if name.contains('\\') {
        return Err("contains `\\`");
    }
    if name.starts_with('/') {
        return Err("absolute path");
    }
    if name.split('/').any(|segment| segment == "..") {
        return Err("`..` segment");
    }
    if name.split('/').any(|segment| segment == ".") {
        return Err("`.` segment");
    }
    if name.split('/').any(str::is_empty) {
        return Err("empty path segment");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative paths pass; absolute, escaping, empty and backslashed names don't.
    #[test]
    fn module_names_must_be_relative_paths() {
        for name in ["agent.js", "lib/util.js", "node_modules/zod/index.js", "a..b.js"] {
            assert_eq!(check_module_name(name), Ok(()), "{name}");
        }
        let rejected = [
            ("", "empty name"),
            ("/agent.js", "absolute path"),
            ("../agent.js", "`..` segment"),
            ("lib/../../x.js", "`..` segment"),
            ("lib\\x.js", "contains `\\`"),
            ("./agent.js", "`.` segment"),
            ("lib//x.js", "empty path segment"),
            ("lib/", "empty path segment"),
        ];
        for (name, reason) in rejected {
            assert_eq!(check_module_name(name), Err(reason), "{name}");
        }
    }

    /// Dates are `YYYY-MM-DD` with a real month and day.
    #[test]
    fn compatibility_dates_are_checked() {
        assert!(is_date("2025-01-01"));
        assert!(is_date("2024-12-31"));
        for date in ["2025-1-01", "2025-13-01", "2025-00-10", "2025-01-32", "20250101", "2025/01/01"] {
            assert!(!is_date(date), "{date}");
        }
    }

    /// The key before a value is found, also with escaped quotes inside it.
    #[test]
    fn key_span_scans_back_from_the_value() {
        let text = r#"{"a": 1, "b\"c" :  2, "x"}"#;
        let value = text.find('1').expect("has 1");
        assert_eq!(key_span(text, value), Some((1, 4)));
        let value = text.find('2').expect("has 2");
        assert_eq!(&text[9..15], r#""b\"c""#);
        assert_eq!(key_span(text, value), Some((9, 15)));
        assert_eq!(key_span(text, 1), None);
    }
}
