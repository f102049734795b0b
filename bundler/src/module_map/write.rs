//! `ModuleMap::to_json`.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{Module, ModuleMap};

pub(super) fn module_map<W: std::io::Write>(map: &ModuleMap, writer: W) -> std::io::Result<()> {
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
    let json = Json {
        compatibility_date: map.compatibility_date.as_deref(),
        compatibility_flags: &map.compatibility_flags,
        main_module: &map.main_module,
        modules: Modules(map),
    };
    // A module map serializes (its keys are strings): an error is the writer's.
    serde_json::to_writer_pretty(writer, &json).map_err(std::io::Error::from)
}

/// The `modules` object, in the order of the `BTreeMap`: sorted.
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
            // Worker Loader reads a plain string as an ES module only under a `.js` name.
            Module::Js(code) if self.name.ends_with(".js") => {
                return serializer.serialize_str(code);
            }
            _ => serializer.serialize_map(Some(1))?,
        };
        match self.module {
            Module::Js(text) | Module::Cjs(text) | Module::Text(text) => {
                map.serialize_entry(key, text)?;
            }
            Module::Data(bytes) | Module::Wasm(bytes) => {
                map.serialize_entry(key, &STANDARD.encode(bytes))?;
            }
            Module::Json(value) => map.serialize_entry(key, &SortedJson(value))?,
        }
        map.end()
    }
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
