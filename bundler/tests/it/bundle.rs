//! `bundle` on the projects in `tests/fixtures/`: each folder with a `fixture.json` is a
//! project, and its `module_map.snap` shows the module map it becomes (or, under
//! `fixtures/errors/`, the error it gives). The end-to-end tests run the same fixtures in
//! `sandbox run` and in workerd and check that both return the `expect`ed value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bundler::{Bundle, BundleError, BundleOptions, Module, ModuleMap, bundle};

use crate::support::render_diagnostic;

/// The fixture folders under `tests/fixtures/<group>`, in name order.
fn fixtures(group: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(group);
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("read {}: {error}", root.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("fixture.json").is_file())
        .collect();
    folders.sort();
    assert!(!folders.is_empty(), "fixtures in {}", root.display());
    folders
}

/// Bundles a fixture as `sandbox bundle <entry>` run in the fixture's folder would.
fn bundle_fixture(folder: &Path) -> Result<Bundle, BundleError> {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("fixture.json")).expect("read fixture.json"),
    )
    .expect("fixture.json is JSON");
    let entry = config["entry"]
        .as_str()
        .expect("fixture.json has an `entry`");
    let options = BundleOptions {
        cwd: Some(folder.to_path_buf()),
        ..BundleOptions::default()
    };
    bundle(&options, &folder.join(entry))
}

fn snapshot(folder: &Path, text: &str) {
    insta::with_settings!({
        snapshot_path => folder,
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("module_map", text);
    });
}

/// Every project bundles into the module map its snapshot shows, which reads back as valid.
#[test]
fn projects_bundle_into_module_maps() {
    for folder in fixtures("") {
        let bundle = bundle_fixture(&folder)
            .unwrap_or_else(|error| panic!("{} should bundle: {error:#?}", folder.display()));
        snapshot(&folder, &render_bundle(&bundle));
        let json = bundle.module_map.to_json();
        let read = ModuleMap::from_json("map.json", &json)
            .unwrap_or_else(|error| panic!("{}: the map reads back: {error:#?}", folder.display()));
        assert_eq!(
            read,
            bundle.module_map,
            "{}: the map reads back the same",
            folder.display()
        );
    }
}

/// Every broken project gives the diagnostic its snapshot shows.
#[test]
fn broken_projects_give_diagnostics() {
    for folder in fixtures("errors") {
        let error = match bundle_fixture(&folder) {
            Ok(_) => panic!("{} should fail", folder.display()),
            Err(error) => error,
        };
        snapshot(&folder, &render_error(&error));
    }
}

/// The entry, the map's settings, then each module: its name, its type and its code.
fn render_bundle(bundle: &Bundle) -> String {
    let map = &bundle.module_map;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "entry: {} ({}), {:?}",
        bundle.entry, bundle.rule, bundle.shape
    );
    if let Some(date) = &map.compatibility_date {
        let _ = writeln!(out, "compatibilityDate: {date}");
    }
    if !map.compatibility_flags.is_empty() {
        let _ = writeln!(
            out,
            "compatibilityFlags: {}",
            map.compatibility_flags.join(", ")
        );
    }
    let _ = writeln!(out, "mainModule: {}", map.main_module);
    for (name, module) in &map.modules {
        let _ = writeln!(out, "\n## {name} ({})\n", module.kind());
        let body = match module {
            Module::Js(code) | Module::Cjs(code) | Module::Text(code) => code.clone(),
            Module::Json(value) => value.to_string(),
            Module::Data(bytes) | Module::Wasm(bytes) => format!("{} bytes", bytes.len()),
        };
        let _ = writeln!(out, "{}", body.trim_end());
    }
    out
}

fn render_error(error: &BundleError) -> String {
    match error {
        BundleError::Unreadable { path, source } => format!("unreadable: {path}: {source}\n"),
        BundleError::Code(located) | BundleError::Graph(located) => {
            let variant = if matches!(error, BundleError::Code(_)) {
                "code"
            } else {
                "graph"
            };
            format!(
                "{variant} error\n{}",
                render_diagnostic(located.text.as_deref().unwrap_or(""), &located.diagnostic)
            )
        }
    }
}
