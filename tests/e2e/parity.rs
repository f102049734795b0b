//! The same code gives the same result in `sandbox run` and in workerd, bundled or not: every
//! fixture project of the bundler (`bundler/tests/fixtures/*/fixture.json`) is run from its
//! files with `sandbox run` and `sandbox run --no-bundle`, and the module maps `sandbox
//! bundle` makes of it (one module, the same minified, and one module per file with
//! `--no-bundle`) are run in workerd through Worker Loader; all must return the fixture's
//! `expect`. workerd calls a method of a default-exported object with exactly one argument,
//! so those fixtures pass one. The workerd tests are reported as ignored when workerd is not
//! installed (`cli/build.rs`).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::workerd::{Call, Workerd};
use crate::support::{TestContext, output, repository_root};

/// A fixture project, as its `fixture.json` describes it.
struct Fixture {
    folder: PathBuf,
    entry: String,
    /// `None`: the default export is a function (agent code), called as it is.
    method: Option<String>,
    entrypoint: Option<String>,
    args: Vec<Value>,
    env: Value,
    expect: Value,
}

fn fixtures() -> Vec<Fixture> {
    let root = repository_root().join("bundler/tests/fixtures");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("read the fixtures")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("fixture.json").is_file())
        .collect();
    folders.sort();
    folders
        .into_iter()
        .map(|folder| {
            let text = std::fs::read_to_string(folder.join("fixture.json")).expect("read fixture.json");
            let config: Value = serde_json::from_str(&text).expect("fixture.json is JSON");
            let string = |key: &str| config[key].as_str().map(str::to_owned);
            Fixture {
                entry: string("entry").expect("a fixture has an entry"),
                method: string("method"),
                entrypoint: string("entrypoint"),
                args: config["args"].as_array().cloned().unwrap_or_default(),
                env: config.get("env").cloned().unwrap_or_else(|| json!({})),
                expect: config["expect"].clone(),
                folder,
            }
        })
        .collect()
}

/// `sandbox <args>` run in the fixture's folder, with `--json` so a string result is JSON too.
fn sandbox_in(folder: &Path, args: &[String]) -> std::process::Output {
    let context = TestContext::new();
    let mut command = context.sandbox();
    command.current_dir(folder).args(args);
    output(&mut command, None)
}

fn run_args(fixture: &Fixture) -> Vec<String> {
    let mut args = vec!["run".to_owned(), fixture.entry.clone(), "--json".to_owned()];
    if let Some(method) = &fixture.method {
        args.extend(["--method".to_owned(), method.clone()]);
    }
    if let Some(entrypoint) = &fixture.entrypoint {
        args.extend(["--entrypoint".to_owned(), entrypoint.clone()]);
    }
    for argument in &fixture.args {
        args.extend(["--arg".to_owned(), argument.to_string()]);
    }
    for (key, value) in fixture.env.as_object().into_iter().flatten() {
        args.extend(["--env".to_owned(), format!("{key}={}", value.as_str().expect("env values are strings"))]);
    }
    args
}

/// Worker Loader calls methods, not a default-exported function: agent code is called through
/// a module whose `run` method calls it.
fn callable_map(map: &str, fixture: &Fixture) -> (String, String) {
    let Some(method) = &fixture.method else {
        let mut map: Value = serde_json::from_str(map).expect("the map is JSON");
        let main = map["mainModule"].as_str().expect("a main module").to_owned();
        let caller = format!(
            "import main from {};\nexport default {{ run: (...args) => main(...args) }};\n",
            json!(format!("./{main}"))
        );
        map["modules"]["parity-caller.js"] = Value::String(caller);
        map["mainModule"] = json!("parity-caller.js");
        return (map.to_string(), "run".to_owned());
    };
    (map.to_owned(), method.clone())
}

/// The maps `sandbox bundle` makes of a fixture: bundled, bundled and minified, and one
/// module per file.
const BUNDLE_FLAGS: [&[&str]; 3] = [&[], &["--minify"], &["--no-bundle"]];

fn bundle(fixture: &Fixture, name: &str, flags: &[&str]) -> String {
    let mut args = vec!["bundle".to_owned(), fixture.entry.clone()];
    args.extend(flags.iter().map(|flag| (*flag).to_owned()));
    let bundled = sandbox_in(&fixture.folder, &args);
    assert_eq!(bundled.status.code(), Some(0), "{name} {flags:?}: sandbox bundle: {bundled:?}");
    String::from_utf8(bundled.stdout).expect("the map is UTF-8")
}

fn name_of(fixture: &Fixture) -> String {
    fixture.folder.file_name().expect("a folder name").to_string_lossy().into_owned()
}

/// Every fixture returns its `expect` from `sandbox run` in both modes, and `sandbox bundle`
/// makes each of its maps.
#[test]
fn fixtures_give_the_expected_result_in_sandbox() {
    for fixture in fixtures() {
        let name = name_of(&fixture);
        for mode in [&[][..], &["--no-bundle".to_owned()][..]] {
            let mut args = run_args(&fixture);
            args.extend_from_slice(mode);
            let run = sandbox_in(&fixture.folder, &args);
            let envelope: Value = serde_json::from_slice(&run.stdout)
                .unwrap_or_else(|error| panic!("{name} {mode:?}: `sandbox run` printed no JSON ({error}): {run:?}"));
            assert_eq!(envelope["ok"], json!(true), "{name} {mode:?}: sandbox run failed: {envelope:#}");
            assert_eq!(envelope["result"], fixture.expect, "{name} {mode:?}: sandbox run");
        }
        for flags in BUNDLE_FLAGS {
            bundle(&fixture, &name, flags);
        }
    }
}

/// workerd, running each map `sandbox bundle` makes of a fixture, returns the fixture's
/// `expect` too.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn fixtures_give_the_expected_result_in_workerd() {
    let workerd = Workerd::start();
    for fixture in fixtures() {
        let name = name_of(&fixture);
        for flags in BUNDLE_FLAGS {
            let map = bundle(&fixture, &name, flags);
            let (map, method) = callable_map(&map, &fixture);
            let answer = workerd.call_with(&Call {
                map: &map,
                entrypoint: fixture.entrypoint.as_deref(),
                method: &method,
                args: &fixture.args,
                env: &fixture.env,
            });
            assert_eq!(answer, json!({ "ok": true, "result": fixture.expect }), "{name} {flags:?}: workerd");
        }
    }
}

/// `examples/modules.json`, the README's module map, runs the same in workerd. (workerd
/// passes exactly one argument to a method of a default-exported object.)
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn example_module_map_gives_the_same_result_in_workerd() {
    let workerd = Workerd::start();
    let map = std::fs::read_to_string(repository_root().join("examples/modules.json")).expect("read the example");
    let args = ["run", "examples/modules.json", "--json", "--arg", "null"].map(str::to_owned);
    let run = sandbox_in(&repository_root(), &args);
    let envelope: Value = serde_json::from_slice(&run.stdout).expect("sandbox printed JSON");
    assert_eq!(workerd.call(&map, "run", &[Value::Null]), json!({ "ok": true, "result": envelope["result"] }));
}

/// `examples/project`, the README's project, runs the same in workerd once bundled.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn example_project_gives_the_same_result_in_workerd() {
    let workerd = Workerd::start();
    let root = repository_root();
    let arguments = [json!({ "prefix": "os" })];
    let run = sandbox_in(
        &root,
        &["run", "examples/project", "--json", "--arg", &arguments[0].to_string()].map(str::to_owned),
    );
    let envelope: Value = serde_json::from_slice(&run.stdout).expect("sandbox printed JSON");
    let bundled = sandbox_in(&root, &["bundle".to_owned(), "examples/project".to_owned()]);
    let map = String::from_utf8(bundled.stdout).expect("the map is UTF-8");
    assert_eq!(workerd.call(&map, "search", &arguments), json!({ "ok": true, "result": envelope["result"] }));
}

/// A CommonJS package's `require("events")`, left to the runtime (`--external`), is the
/// module's value in the bundle, as in Node.js and in what wrangler builds: workerd with
/// `nodejs_compat` runs it (a namespace object is not the `EventEmitter` class).
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn required_node_modules_are_their_values_in_workerd() {
    let workerd = Workerd::start();
    let context = TestContext::new();
    context.write(
        "wrangler.json",
        r#"{ "main": "index.js", "compatibility_date": "2025-06-01", "compatibility_flags": ["nodejs_compat"] }"#,
    );
    context.write("node_modules/emitter/package.json", r#"{ "name": "emitter", "main": "index.js" }"#);
    context.write(
        "node_modules/emitter/index.js",
        "var EventEmitter = require(\"events\");\nvar buffer = require(\"node:buffer\");\n\
         function Ticker() { EventEmitter.call(this); }\n\
         Ticker.prototype = Object.create(EventEmitter.prototype);\n\
         module.exports = function () {\n  var ticker = new Ticker(), heard = [];\n\
         ticker.on(\"tick\", function (n) { heard.push(n); });\n  ticker.emit(\"tick\", 1);\n\
         return { heard: heard, base64: buffer.Buffer.from(\"hi\").toString(\"base64\") };\n};\n",
    );
    context.write("index.js", "import tick from \"emitter\";\nexport default { run: () => tick() };\n");
    for flags in [&[][..], &["--minify"][..]] {
        let mut command = context.bundle(&["--external", "events", "--external", "node:buffer"]);
        command.args(flags);
        let bundled = output(&mut command, None);
        assert_eq!(bundled.status.code(), Some(0), "{flags:?}: {bundled:?}");
        let map = String::from_utf8(bundled.stdout).expect("the map is UTF-8");
        assert_eq!(
            workerd.call(&map, "run", &[Value::Null]),
            json!({ "ok": true, "result": { "heard": [1], "base64": "aGk=" } }),
            "{flags:?}"
        );
    }
}

/// The map `sandbox bundle` writes of a project without a wrangler config loads in workerd as
/// it is (the harness adds no date: a map without one is refused, as the first check shows);
/// regression test for issue 13.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn bundle_without_config_loads_in_workerd() {
    let workerd = Workerd::start();
    let context = TestContext::new();
    context.write("src/index.ts", "export default { run: (name: string) => `hello ${name}` };\n");
    let bundled = output(&mut context.bundle(&[]), None);
    assert_eq!(bundled.status.code(), Some(0), "{}", String::from_utf8_lossy(&bundled.stderr));
    let map = String::from_utf8(bundled.stdout).expect("the map is UTF-8");
    let mut undated: Value = serde_json::from_str(&map).expect("the map is JSON");
    undated.as_object_mut().expect("the map is an object").remove("compatibilityDate");
    assert_eq!(
        workerd.call(&undated.to_string(), "run", &[json!("Ada")]),
        json!({ "ok": false, "error": "Error: Invalid compatibility date: undefined" })
    );
    assert_eq!(workerd.call(&map, "run", &[json!("Ada")]), json!({ "ok": true, "result": "hello Ada" }));
}

/// A module map whose compatibility settings workerd refuses is refused by `sandbox run` with
/// workerd's message.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn refused_compatibility_settings_give_workerd_messages() {
    let workerd = Workerd::start();
    let context = TestContext::new();
    let refused = [
        json!({ "compatibilityDate": "1999-12-31" }),
        json!({ "compatibilityDate": "2025-06-01", "compatibilityFlags": ["nodejs_compt"] }),
        json!({ "compatibilityDate": "2025-06-01", "compatibilityFlags": ["experimental"] }),
        json!({ "compatibilityDate": "2025-06-01", "compatibilityFlags": ["url_standard", "url_standard"] }),
        json!({ "compatibilityDate": "2025-06-01", "compatibilityFlags": ["no_nodejs_compat_v2", "nodejs_compat_v2"] }),
    ];
    for settings in refused {
        let mut map = json!({ "mainModule": "a.js", "modules": { "a.js": "export default { run: () => 1 };" } });
        map.as_object_mut().expect("an object").extend(settings.as_object().expect("an object").clone());
        context.write("map.json", map.to_string());
        let ran = output(&mut context.run(&["map.json", "--json"]), None);
        assert_eq!(ran.status.code(), Some(2), "{settings}");
        let envelope: Value = serde_json::from_slice(&ran.stdout).expect("sandbox printed JSON");
        let message = envelope["error"]["message"].as_str().expect("a message");
        let answer = workerd.call(&map.to_string(), "run", &[Value::Null]);
        let error = answer["error"].as_str().unwrap_or_else(|| panic!("workerd refuses {settings}: {answer}"));
        // workerd adds what it would take to use an experimental flag: `--experimental`, a flag
        // of workerd's own command line.
        assert!(error.starts_with(&format!("Error: {message}")), "{settings}: sandbox {message:?}, workerd {error:?}");
    }
}
