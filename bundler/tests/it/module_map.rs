//! Reading and writing the Worker Loader module map.

use std::collections::BTreeMap;

use bundler::{Module, ModuleKind, ModuleMap};

use crate::support::render_diagnostic;

fn read(text: &str) -> ModuleMap {
    ModuleMap::from_json("modules.json", text).unwrap_or_else(|diagnostic| {
        panic!("should read, got {diagnostic:#?}");
    })
}

const EVERY_KIND: &str = r#"{
  "compatibilityDate": "2025-01-01",
  "compatibilityFlags": ["nodejs_compat", "no_global_navigator"],
  "mainModule": "agent.js",
  "modules": {
    "agent.js": "import data from \"./data.json\";\nexport default () => data.a;",
    "lib/helper.mjs": "export const x = 1;",
    "explicit.js": { "js": "export default 2;" },
    "lib.cjs": { "cjs": "module.exports = { b: 2 };" },
    "data.json": { "json": { "z": [1, 2.5, null, true], "a": { "y": "é\u0000", "b": {} } } },
    "a.txt": { "text": "hello\nworld" },
    "b.bin": { "data": "AAEC/w==" },
    "m.wasm": { "wasm": "AGFzbQEAAAA=" }
  }
}"#;

/// Every module type is read into its variant, binary ones decoded from base64.
#[test]
fn from_json_reads_every_module_type() {
    let map = read(EVERY_KIND);
    assert_eq!(map.compatibility_date.as_deref(), Some("2025-01-01"));
    assert_eq!(map.compatibility_flags, ["nodejs_compat", "no_global_navigator"]);
    assert_eq!(map.main_module, "agent.js");
    let kinds = map.modules.iter().map(|(name, module)| (name.as_str(), module.kind())).collect::<Vec<_>>();
    assert_eq!(
        kinds,
        [
            ("a.txt", ModuleKind::Text),
            ("agent.js", ModuleKind::Js),
            ("b.bin", ModuleKind::Data),
            ("data.json", ModuleKind::Json),
            ("explicit.js", ModuleKind::Js),
            ("lib.cjs", ModuleKind::Cjs),
            ("lib/helper.mjs", ModuleKind::Js),
            ("m.wasm", ModuleKind::Wasm),
        ]
    );
    assert_eq!(map.modules["b.bin"], Module::Data(vec![0, 1, 2, 255]));
    assert_eq!(map.modules["m.wasm"], Module::Wasm(b"\0asm\x01\0\0\0".to_vec()));
    assert_eq!(
        map.modules["data.json"],
        Module::Json(serde_json::json!({"z": [1, 2.5, null, true], "a": {"y": "é\u{0}", "b": {}}}))
    );
}

/// `ModuleKind` displays as its JSON key.
#[test]
fn module_kind_displays_as_its_key() {
    let keys =
        [ModuleKind::Js, ModuleKind::Cjs, ModuleKind::Text, ModuleKind::Data, ModuleKind::Json, ModuleKind::Wasm]
            .map(|kind| kind.to_string());
    assert_eq!(keys, ["js", "cjs", "text", "data", "json", "wasm"]);
}

/// Writing sorts keys, uses plain strings only for `.js` ES modules, and reads back equal.
#[test]
fn to_json_round_trips() {
    let map = read(EVERY_KIND);
    let json = map.to_json();
    insta::assert_snapshot!(json);
    let again = read(&json);
    assert_eq!(again, map);
    assert_eq!(again.to_json(), json, "writing is deterministic");
}

/// A byte order mark before the JSON is skipped, and columns don't count it.
#[test]
fn from_json_skips_a_byte_order_mark() {
    let map = read("\u{feff}{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"1\"}}");
    assert_eq!(map.main_module, "a.js");
    let diagnostic = ModuleMap::from_json("modules.json", "\u{feff}{\"mainModule\": 1, \"modules\": {}}")
        .expect_err("`mainModule` is not a string");
    let location = diagnostic.location.expect("has a location");
    assert_eq!((location.line, location.column), (1, 16));
}

/// Empty flags and a missing date are left out of the JSON.
#[test]
fn to_json_leaves_out_defaults() {
    let map = ModuleMap {
        compatibility_date: None,
        compatibility_flags: Vec::new(),
        main_module: "agent.js".to_owned(),
        modules: BTreeMap::from([("agent.js".to_owned(), Module::Js("export default 1".to_owned()))]),
    };
    insta::assert_snapshot!(map.to_json(), @r#"
    {
      "mainModule": "agent.js",
      "modules": {
        "agent.js": "export default 1"
      }
    }
    "#);
}

/// Each bad module map gives its diagnostic, located in the JSON text, with a help.
#[test]
fn from_json_diagnostics() {
    let cases = [
        ("invalid_json", "{\n  \"mainModule\": \"agent.js\",\n  \"modules\": {\"agent.js\": \"1\",}\n}"),
        ("truncated_json", "{\"mainModule\": \"agent.js\""),
        ("trailing_characters", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\"}} x"),
        ("not_an_object", "[\"agent.js\"]"),
        ("missing_main_module", "{\n  \"modules\": {\"agent.js\": \"export default 1\"}\n}"),
        ("missing_modules", "{\"mainModule\": \"agent.js\"}"),
        (
            "main_module_not_a_key",
            "{\n  \"mainModule\": \"main.js\",\n  \"modules\": {\"agent.js\": \"\", \"lib.js\": \"\"}\n}",
        ),
        ("main_module_not_a_string", "{\"mainModule\": 1, \"modules\": {\"a.js\": \"\"}}"),
        ("modules_not_an_object", "{\"mainModule\": \"a.js\", \"modules\": [\"a.js\"]}"),
        ("empty_modules", "{\"mainModule\": \"a.js\", \"modules\": {}}"),
        ("unknown_field", "{\n  \"mainModule\": \"a.js\",\n  \"env\": {},\n  \"modules\": {\"a.js\": \"\"}\n}"),
        ("duplicate_key", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"a.js\": \"\"}}"),
        (
            "unknown_module_type",
            "{\n  \"mainModule\": \"a.py\",\n  \"modules\": {\n    \"a.py\": {\"python\": \"print(1)\"}\n  }\n}",
        ),
        ("module_without_type", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": {}}}"),
        ("module_with_two_types", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": {\"js\": \"\", \"cjs\": \"\"}}}"),
        ("module_not_string_or_object", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": 42}}"),
        ("module_source_not_a_string", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": {\"text\": [\"x\"]}}}"),
        (
            "invalid_base64",
            "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"b.bin\": {\"data\": \"AAE*\"}}}",
        ),
        (
            "base64_wrong_length",
            "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"m.wasm\": {\"wasm\": \"AGFzb\"}}}",
        ),
        ("absolute_module_name", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"/etc/passwd\": \"\"}}"),
        (
            "module_name_climbs_out",
            "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"lib/../../x.js\": \"\"}}",
        ),
        ("empty_module_name", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"\": \"\"}}"),
        ("backslash_module_name", "{\"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\", \"lib\\\\x.js\": \"\"}}"),
        (
            "invalid_compatibility_date",
            "{\"compatibilityDate\": \"2025-13-01\", \"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\"}}",
        ),
        (
            "compatibility_flags_not_strings",
            "{\"compatibilityFlags\": [\"ok\", 3], \"mainModule\": \"a.js\", \"modules\": {\"a.js\": \"\"}}",
        ),
    ];
    for (name, text) in cases {
        let diagnostic = match ModuleMap::from_json("modules.json", text) {
            Err(diagnostic) => diagnostic,
            Ok(map) => panic!("{name} should fail, got {map:#?}"),
        };
        assert!(diagnostic.location.is_some(), "{name} has a location");
        assert!(diagnostic.help.is_some(), "{name} has a help");
        insta::assert_snapshot!(name, render_diagnostic(text, &diagnostic));
    }
}
