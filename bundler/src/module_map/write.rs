//! `ModuleMap::to_json`: the map written by hand in serde_json's pretty format (two-space
//! indents, `": "`, no final newline), byte for byte what `serde_json::to_writer_pretty`
//! wrote before (the tests compare the two), with the modules' text escaped eight bytes at a
//! time into a buffer written a chunk at a time: serde_json looks at each byte of a string and
//! hands every run between two escapes to the writer. Writing the map was 4.5% of the
//! instructions of `sandbox bundle` of hono + zod (whose map is mostly the bundle's text) and
//! is 2.7% now; the instructions of the whole run: x0.98 on hono + zod, x0.97 to x0.99 on the
//! other fixtures.

use std::io::{self, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::{Module, ModuleMap};

/// What is written to the writer at once.
const CHUNK: usize = 64 << 10;

pub(super) fn module_map<W: Write>(map: &ModuleMap, writer: W) -> io::Result<()> {
    let mut out = Out { writer, buffer: Vec::with_capacity(CHUNK + 1024) };
    out.buffer.push(b'{');
    let mut first = true;
    if let Some(date) = &map.compatibility_date {
        out.key(1, "compatibilityDate", &mut first)?;
        out.string(date)?;
    }
    if !map.compatibility_flags.is_empty() {
        out.key(1, "compatibilityFlags", &mut first)?;
        out.buffer.push(b'[');
        let mut first_flag = true;
        for flag in &map.compatibility_flags {
            out.entry(2, &mut first_flag);
            out.string(flag)?;
        }
        out.buffer.push(b'\n');
        out.indent(1);
        out.buffer.push(b']');
    }
    out.key(1, "mainModule", &mut first)?;
    out.string(&map.main_module)?;
    out.key(1, "modules", &mut first)?;
    out.buffer.push(b'{');
    let mut first_module = true;
    for (name, module) in &map.modules {
        out.key(2, name, &mut first_module)?;
        // Worker Loader reads a plain string as an ES module only under a `.js` name.
        if let Module::Js(code) = module
            && name.ends_with(".js")
        {
            out.string(code)?;
        } else {
            out.buffer.push(b'{');
            let mut first_key = true;
            out.key(3, module.kind().key(), &mut first_key)?;
            match module {
                Module::Js(text) | Module::Cjs(text) | Module::Text(text) => out.string(text)?,
                Module::Data(bytes) | Module::Wasm(bytes) => out.string(&STANDARD.encode(bytes))?,
                Module::Json(value) => out.json(3, value)?,
            }
            out.close(2, b'}');
        }
    }
    if first_module {
        out.buffer.push(b'}');
    } else {
        out.close(1, b'}');
    }
    out.close(0, b'}');
    out.writer.write_all(&out.buffer)
}

struct Out<W> {
    writer: W,
    buffer: Vec<u8>,
}

impl<W: Write> Out<W> {
    /// Adds `bytes`, writing the buffer first when they would take it past a chunk, and
    /// writing a chunk's worth or more straight to the writer: the buffer never holds much
    /// more than a chunk, however long a module.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.buffer.len() + bytes.len() > CHUNK {
            self.writer.write_all(&self.buffer)?;
            self.buffer.clear();
            if bytes.len() >= CHUNK {
                return self.writer.write_all(bytes);
            }
        }
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.buffer.extend_from_slice(b"  ");
        }
    }

    /// The start of an entry of an object or array whose entries are at `level`, after the
    /// entry before it if any.
    fn entry(&mut self, level: usize, first: &mut bool) {
        self.buffer.extend_from_slice(if std::mem::take(first) { b"\n" } else { b",\n" });
        self.indent(level);
    }

    /// A key of an object whose entries are at `level`, after the entry before it if any.
    fn key(&mut self, level: usize, key: &str, first: &mut bool) -> io::Result<()> {
        self.entry(level, first);
        self.string(key)?;
        self.buffer.extend_from_slice(b": ");
        Ok(())
    }

    /// The end of a non-empty object or array whose own line is at `level`.
    fn close(&mut self, level: usize, bracket: u8) {
        self.buffer.push(b'\n');
        self.indent(level);
        self.buffer.push(bracket);
    }

    /// A JSON value at `level`, keys sorted, by serde_json (small, and rare in a map); its
    /// lines after the first moved right by the level (a newline in serde_json's pretty
    /// output is always between two values: one in a string is escaped).
    fn json(&mut self, level: usize, value: &serde_json::Value) -> io::Result<()> {
        let text = serde_json::to_vec_pretty(&SortedJson(value)).expect("a JSON value serializes");
        for (index, line) in text.split(|&byte| byte == b'\n').enumerate() {
            if index > 0 {
                self.buffer.push(b'\n');
                self.indent(level);
            }
            self.put(line)?;
        }
        Ok(())
    }

    /// `text` as a JSON string, escaped as serde_json escapes it: `"`, `\`, and the control
    /// characters below U+0020 (as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx`), nothing else.
    fn string(&mut self, text: &str) -> io::Result<()> {
        let bytes = text.as_bytes();
        self.buffer.push(b'"');
        let mut run = 0;
        let mut at = 0;
        while at < bytes.len() {
            let next = match bytes.get(at..at + 8) {
                Some(eight) => {
                    let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                    let found = escaped_bytes(word);
                    if found == 0 {
                        at += 8;
                        continue;
                    }
                    at + (found.trailing_zeros() / 8) as usize
                }
                None => match bytes[at..].iter().position(|&byte| needs_escape(byte)) {
                    Some(offset) => at + offset,
                    None => break,
                },
            };
            self.put(&bytes[run..next])?;
            self.escape(bytes[next]);
            at = next + 1;
            run = at;
        }
        self.put(&bytes[run..])?;
        self.buffer.push(b'"');
        Ok(())
    }

    fn escape(&mut self, byte: u8) {
        let short = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buffer.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 0xf)],
                ]);
                return;
            }
        };
        self.buffer.extend_from_slice(&[b'\\', short]);
    }
}

fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The high bit of each byte of `word` (read little-endian) that must be escaped, exact up to
/// the first such byte: the lowest bit set is that byte's (bits above it may be set by the
/// borrow of a subtraction, and are not used).
fn escaped_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (below_space | (quote.wrapping_sub(ONES) & !quote) | (backslash.wrapping_sub(ONES) & !backslash)) & HIGH
}

/// A JSON value with object keys sorted, whether or not serde_json's `preserve_order`
/// feature is on somewhere in the build.
struct SortedJson<'a>(&'a serde_json::Value);

impl Serialize for SortedJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            serde_json::Value::Object(object) => {
                let mut entries = object.iter().collect::<Vec<_>>();
                entries.sort_unstable_by_key(|&(key, _)| key);
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, &SortedJson(value))?;
                }
                map.end()
            }
            serde_json::Value::Array(items) => {
                let mut sequence = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    sequence.serialize_element(&SortedJson(item))?;
                }
                sequence.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// What serde_json's pretty writer makes of the map, as the map was written before.
    fn by_serde(map: &ModuleMap) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Json<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            compatibility_date: Option<&'a str>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            compatibility_flags: &'a [String],
            main_module: &'a str,
            modules: Modules<'a>,
        }
        struct Modules<'a>(&'a ModuleMap);
        impl Serialize for Modules<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.modules.len()))?;
                for (name, module) in &self.0.modules {
                    map.serialize_entry(name, &ModuleJson { name, module })?;
                }
                map.end()
            }
        }
        struct ModuleJson<'a> {
            name: &'a str,
            module: &'a Module,
        }
        impl Serialize for ModuleJson<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let key = self.module.kind().key();
                let mut map = match self.module {
                    Module::Js(code) if self.name.ends_with(".js") => return serializer.serialize_str(code),
                    _ => serializer.serialize_map(Some(1))?,
                };
                match self.module {
                    Module::Js(text) | Module::Cjs(text) | Module::Text(text) => map.serialize_entry(key, text)?,
                    Module::Data(bytes) | Module::Wasm(bytes) => map.serialize_entry(key, &STANDARD.encode(bytes))?,
                    Module::Json(value) => map.serialize_entry(key, &SortedJson(value))?,
                }
                map.end()
            }
        }
        let json = Json {
            compatibility_date: map.compatibility_date.as_deref(),
            compatibility_flags: &map.compatibility_flags,
            main_module: &map.main_module,
            modules: Modules(map),
        };
        serde_json::to_string_pretty(&json).unwrap()
    }

    /// Every byte below 0x80 and some beyond, at every offset from an 8-byte boundary, and
    /// runs long enough to be read eight bytes at a time.
    fn texts() -> Vec<String> {
        let mut texts = vec![String::new(), "a".into(), "\"".into(), "\\\\".into(), "é€😀\u{7f}\u{2028}".into()];
        let all: String = (0u8..0x80).map(char::from).collect();
        for offset in 0..9 {
            let pad = "x".repeat(offset);
            texts.push(format!("{pad}{all}{pad}"));
            texts.push(format!("{pad}\"{pad}\\{pad}\n{pad}\u{1}{pad}\u{1f}{pad} {pad}!{pad}[{pad}]"));
        }
        texts.push("const a = \"b\";\n\tlet c = '\\u{1F600}';\r\n".repeat(300));
        texts.push(format!("{}\u{0}", "y".repeat(1 << 17)));
        texts
    }

    #[test]
    fn the_map_is_written_as_serde_json_wrote_it() {
        let texts = texts();
        let mut modules = BTreeMap::new();
        for (index, text) in texts.iter().enumerate() {
            modules.insert(format!("m{index}.js"), Module::Js(text.clone()));
            modules.insert(format!("m{index}.mjs"), Module::Js(text.clone()));
            modules.insert(format!("c{index}.cjs"), Module::Cjs(text.clone()));
            modules.insert(format!("t{index}\"\n.txt"), Module::Text(text.clone()));
            modules.insert(format!("d{index}.bin"), Module::Data(text.as_bytes().to_vec()));
        }
        modules.insert("w.wasm".into(), Module::Wasm(b"\0asm\x01\0\0\0".to_vec()));
        let json = serde_json::json!({
            "z": [1, 2.5, {"b": null, "a": [], "c": {}}, "s\"\n"],
            "a": {"y": true, "x": [[]], "texts": texts},
            "": -0.0,
        });
        modules.insert("j.json".into(), Module::Json(json));
        modules.insert("empty.json".into(), Module::Json(serde_json::json!({})));
        modules.insert("list.json".into(), Module::Json(serde_json::json!([])));
        modules.insert("number.json".into(), Module::Json(serde_json::json!(1)));
        let full = ModuleMap {
            compatibility_date: Some("2026-11-17".into()),
            compatibility_flags: vec!["nodejs_compat".into(), "a\"b".into()],
            main_module: "m0.js".into(),
            modules,
        };
        assert_eq!(full.to_json(), by_serde(&full));
        let bare = ModuleMap {
            compatibility_date: None,
            compatibility_flags: Vec::new(),
            main_module: "a.js".into(),
            modules: BTreeMap::from([("a.js".into(), Module::Js("export default 1".into()))]),
        };
        assert_eq!(bare.to_json(), by_serde(&bare));
        let empty = ModuleMap { modules: BTreeMap::new(), ..bare };
        assert_eq!(empty.to_json(), by_serde(&empty));
    }

    #[test]
    fn each_byte_that_needs_escaping_is_found_first() {
        // Every byte at every place, among bytes around the ones that must be escaped, and
        // with a second one after it (whose borrow must not be taken for the first).
        for fill in [b'A', 0xff, 0x80, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f] {
            for place in 0..8 {
                for byte in 0..=0xffu8 {
                    for second in [None, Some(0u8), Some(b'"'), Some(b'\\'), Some(0x1f)] {
                        let mut bytes = [fill; 8];
                        bytes[place] = byte;
                        if let Some(second) = second.filter(|_| place < 7) {
                            bytes[7] = second;
                        }
                        let first = bytes.iter().position(|&byte| needs_escape(byte));
                        let found = escaped_bytes(u64::from_le_bytes(bytes));
                        assert_eq!(first, (found != 0).then(|| (found.trailing_zeros() / 8) as usize), "{bytes:?}");
                    }
                }
            }
        }
    }
}
