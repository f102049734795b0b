//! The module map Cloudflare's Worker Loader `load()` takes, as JSON and in memory.
//!
//! ```json
//! {
//!   "compatibilityDate": "2025-01-01",
//!   "compatibilityFlags": ["nodejs_compat"],
//!   "mainModule": "agent.js",
//!   "modules": {
//!     "agent.js": "export default () => 1",
//!     "lib.cjs": { "cjs": "module.exports = 1" },
//!     "data.json": { "json": { "a": 1 } },
//!     "a.txt": { "text": "hello" },
//!     "b.bin": { "data": "AAEC" },
//!     "m.wasm": { "wasm": "AGFzbQEAAAA=" }
//!   }
//! }
//! ```

mod read;
mod write;

pub(crate) use read::{json_error, json_type_name, raw_value_span};

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::Diagnostic;

/// Modules to load and the one to run: the `{ mainModule, modules }` shape of Worker Loader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleMap {
    /// `compatibilityDate`, `YYYY-MM-DD`.
    pub compatibility_date: Option<String>,
    /// `compatibilityFlags`, such as `nodejs_compat`.
    pub compatibility_flags: Vec<String>,
    /// The name of the module to run; a key of `modules`.
    pub main_module: String,
    /// Modules by name: relative paths with `/`, such as `lib/util.js`.
    pub modules: BTreeMap<String, Module>,
}

/// One module's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Module {
    /// An ES module.
    Js(String),
    /// A CommonJS module.
    Cjs(String),
    /// Text, imported as a string.
    Text(String),
    /// Bytes, imported as an `ArrayBuffer`; base64 in JSON.
    Data(Vec<u8>),
    /// A JSON value, imported as the parsed value.
    Json(serde_json::Value),
    /// A WebAssembly binary, imported as a `WebAssembly.Module`; base64 in JSON.
    Wasm(Vec<u8>),
}

/// The type of a module; its `Display` is the key of the module's JSON object form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ModuleKind {
    /// An ES module: `js`.
    Js,
    /// A CommonJS module: `cjs`.
    Cjs,
    /// Text: `text`.
    Text,
    /// Bytes: `data`.
    Data,
    /// A JSON value: `json`.
    Json,
    /// A WebAssembly module: `wasm`.
    Wasm,
}

impl ModuleMap {
    /// Reads a module map from JSON. `file` is the display path used in diagnostics.
    ///
    /// Every error has a location in `text` and a help: invalid JSON, a missing or unknown
    /// field, a value of the wrong type, a duplicate key, an unknown module type, a module
    /// object without exactly one key, invalid base64, a module name that is not a relative
    /// `/` path inside the map, no modules, or a `mainModule` that is not among them.
    ///
    /// A plain string module is an ES module under any name (Worker Loader itself accepts
    /// plain strings only under names ending in `.js`; [`ModuleMap::to_json`] writes the
    /// others in object form).
    pub fn from_json(file: &str, text: &str) -> Result<ModuleMap, Diagnostic> {
        read::module_map(file, text)
    }

    /// Writes the map as JSON: keys sorted (also inside `json` modules), two-space indents,
    /// no final newline, and byte for byte the same for equal maps. An empty
    /// `compatibilityFlags` and a missing `compatibilityDate` are left out. An ES module is a
    /// plain string under a name ending in `.js` and `{"js": ...}` under any other name.
    pub fn to_json(&self) -> String {
        let mut json = Vec::new();
        self.write_json(&mut json).expect("a Vec takes all it is given");
        String::from_utf8(json).expect("serde_json writes UTF-8")
    }

    /// Writes what [`ModuleMap::to_json`] returns to `writer`, as it is made: a large map is
    /// not held in memory twice. Errors are `writer`'s.
    pub fn write_json<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        write::module_map(self, writer)
    }

    /// Whether `date` is a `compatibilityDate`: `YYYY-MM-DD`, with a month and day that can
    /// exist.
    pub fn is_compatibility_date(date: &str) -> bool {
        read::is_date(date)
    }
}

impl Module {
    /// The type of this module.
    pub fn kind(&self) -> ModuleKind {
        match self {
            Module::Js(_) => ModuleKind::Js,
            Module::Cjs(_) => ModuleKind::Cjs,
            Module::Text(_) => ModuleKind::Text,
            Module::Data(_) => ModuleKind::Data,
            Module::Json(_) => ModuleKind::Json,
            Module::Wasm(_) => ModuleKind::Wasm,
        }
    }
}

impl ModuleKind {
    /// The key of the module's JSON object form.
    pub(crate) fn key(self) -> &'static str {
        match self {
            ModuleKind::Js => "js",
            ModuleKind::Cjs => "cjs",
            ModuleKind::Text => "text",
            ModuleKind::Data => "data",
            ModuleKind::Json => "json",
            ModuleKind::Wasm => "wasm",
        }
    }
}

impl fmt::Display for ModuleKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.key())
    }
}
