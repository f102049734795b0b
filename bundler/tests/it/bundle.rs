//! `bundle` on the projects in `tests/fixtures/`: each folder with a `fixture.json` is a
//! project; its `bundle.snap` shows the module map it becomes in bundle mode, its
//! `module_map.snap` the one of transform mode (or, under `fixtures/errors/`, the error it
//! gives in both). The end-to-end tests run the same fixtures in `sandbox run` and in
//! workerd, in both modes, and check that all return the `expect`ed value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bundler::{Bundle, BundleError, BundleOptions, Mode, Module, ModuleMap, bundle};

use crate::support::render_diagnostic;

/// The fixture folders under `tests/fixtures/<group>`, in name order.
fn fixtures(group: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(group);
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
fn bundle_fixture(folder: &Path, mode: Mode) -> Result<Bundle, BundleError> {
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("fixture.json")).expect("read fixture.json"))
            .expect("fixture.json is JSON");
    let entry = config["entry"].as_str().expect("fixture.json has an `entry`");
    let options = BundleOptions { cwd: Some(folder.to_path_buf()), mode, ..BundleOptions::default() };
    bundle(&options, &folder.join(entry))
}

fn snapshot(folder: &Path, name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => folder,
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// Every project bundles into the module maps its snapshots show, in both modes, which read
/// back as valid; bundle mode bundles each into one module.
#[test]
fn projects_bundle_into_module_maps() {
    for folder in fixtures("") {
        for (mode, name) in [(Mode::Bundle, "bundle"), (Mode::Transform, "module_map")] {
            let bundle = bundle_fixture(&folder, mode)
                .unwrap_or_else(|error| panic!("{} should bundle: {error:#?}", folder.display()));
            assert_eq!(bundle.fallback, None, "{}", folder.display());
            snapshot(&folder, name, &render_bundle(&bundle));
            let json = bundle.module_map.to_json();
            let read = ModuleMap::from_json("map.json", &json)
                .unwrap_or_else(|error| panic!("{}: the map reads back: {error:#?}", folder.display()));
            assert_eq!(read, bundle.module_map, "{}: the map reads back the same", folder.display());
        }
    }
}

/// Every broken project gives the diagnostic its snapshot shows, the same in both modes.
#[test]
fn broken_projects_give_diagnostics() {
    for folder in fixtures("errors") {
        let render = |mode| match bundle_fixture(&folder, mode) {
            Ok(_) => panic!("{} should fail in {mode:?} mode", folder.display()),
            Err(error) => render_error(&error),
        };
        let rendered = render(Mode::Transform);
        assert_eq!(render(Mode::Bundle), rendered, "{}", folder.display());
        snapshot(&folder, "module_map", &rendered);
    }
}

/// The entry, the map's settings, then each module: its name, its type and its code.
fn render_bundle(bundle: &Bundle) -> String {
    let map = &bundle.module_map;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "entry: {} ({}), {:?}, {} files, {:?} mode",
        bundle.entry, bundle.rule, bundle.shape, bundle.files, bundle.mode
    );
    if let Some(date) = &map.compatibility_date {
        let _ = writeln!(out, "compatibilityDate: {date}");
    }
    if !map.compatibility_flags.is_empty() {
        let _ = writeln!(out, "compatibilityFlags: {}", map.compatibility_flags.join(", "));
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
            let variant = if matches!(error, BundleError::Code(_)) { "code" } else { "graph" };
            format!(
                "{variant} error\n{}",
                render_diagnostic(located.text.as_deref().unwrap_or(""), &located.diagnostic)
            )
        }
    }
}

/// Imports of the Node.js built-in modules in `node_builtins` stay as written in both modes,
/// the built-in wins over a package of the same name in `node_modules` (as in Node.js), and
/// the bundle lists them; a built-in not in the list is an error.
#[test]
fn node_builtins_are_left_to_the_runtime() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/node_builtins");
    for mode in [Mode::Bundle, Mode::Transform] {
        let provided = ["buffer", "events", "fs"].map(str::to_owned).to_vec();
        let options =
            BundleOptions { cwd: Some(folder.clone()), mode, node_builtins: provided, ..BundleOptions::default() };
        let bundle = bundle(&options, &folder.join("index.js")).expect("bundles");
        let builtins: Vec<&str> = bundle.node_builtins.iter().map(String::as_str).collect();
        assert_eq!(builtins, ["buffer", "events", "node:fs"], "{mode:?}");
        assert!(bundle.packages.is_empty(), "{mode:?}: the package `events` is not bundled: {:?}", bundle.packages);
        let code: String = bundle
            .module_map
            .modules
            .values()
            .filter_map(|module| match module {
                Module::Js(code) | Module::Cjs(code) => Some(code.as_str()),
                _ => None,
            })
            .collect();
        for specifier in ["\"events\"", "\"node:fs\"", "\"buffer\""] {
            assert!(code.contains(specifier), "{mode:?}: {specifier} is kept in {code}");
        }
    }
    let options = BundleOptions { cwd: Some(folder.clone()), ..BundleOptions::default() };
    let error = bundle(&options, &folder.join("index.js")).expect_err("node:fs is refused");
    assert!(render_error(&error).contains("node:fs"), "{}", render_error(&error));
    // A built-in the runtime does not provide is refused too, even among ones it does.
    let provided = ["buffer", "events"].map(str::to_owned).to_vec();
    let options = BundleOptions { cwd: Some(folder.clone()), node_builtins: provided, ..BundleOptions::default() };
    let error = bundle(&options, &folder.join("index.js")).expect_err("node:fs is not provided");
    assert!(render_error(&error).contains("node:fs"), "{}", render_error(&error));
}
