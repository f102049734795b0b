//! Each folder under `tests/fixtures/` is a module map: every file in it is a module, named
//! by its path in the folder, with its kind taken from the extension. `main.js` is the main
//! module. An optional `invocation.json` sets `entrypoint`, `method`, `args`, `env`,
//! `allow_eval`, `compatibility_date` and `compatibility_flags`. The run's logs and result (or error) are snapshotted; a folder whose name
//! starts with `.` is skipped.
//!
//! A fixture that workerd or Node.js can run is also checked against what that reference
//! gave: its `reference.json`, and `reference.workerd.json` where workerd is a second
//! reference (see `tests/e2e/support/expected.rs`; `tests/e2e/conformance.rs` runs the
//! references and regenerates the files with `UPDATE_EXPECTED=1`). A fixture no reference can
//! run is listed in [`WITHOUT_REFERENCE`] with the reason.

#[path = "../../tests/e2e/support/expected.rs"]
#[allow(dead_code, reason = "the end-to-end tests use the rest")]
mod expected;

use std::path::Path;

use executor::{CollectConsole, Invocation, ModuleKind, ModuleSource, Options, RunError, Sandbox};
use serde_json::{Value, json};

use expected::Expectation;

/// The fixtures that have no reference to check them against, and why.
const WITHOUT_REFERENCE: &[(&str, &str)] = &[
    ("ambiguous_methods", ENTRYPOINT),
    ("bigint_result", JSON_RESULT),
    (
        "class_entrypoint",
        "sandbox calls a class's only method when none is named; workerd's RPC needs the method named",
    ),
    ("cycle_result", JSON_RESULT),
    ("entrypoint_not_found", ENTRYPOINT),
    ("fetch_handler", ENTRYPOINT),
    ("function_result", JSON_RESULT),
    (
        "lazy_units",
        "sandbox's lazily loaded globals read as data properties; workerd's and Node's are accessors by design",
    ),
    ("map_result", JSON_RESULT),
    ("method_not_found", ENTRYPOINT),
    ("nan_result", JSON_RESULT),
    ("no_default_export", ENTRYPOINT),
    (
        "no_host_access",
        "what sandbox's global object holds; workerd's globals live on its prototype (WebSocket too), Node's include process",
    ),
    (
        "no_host_access_without_node",
        "what sandbox's global object holds without Node.js compatibility; workerd's globals live on its prototype",
    ),
    ("not_callable", ENTRYPOINT),
    (
        "patched_builtins_before_lazy_load",
        "sandbox's parts that load on first use, which no other runtime loads then: Node's own promise calls reach a patched `then`",
    ),
    (
        "patched_builtins_see_no_internals",
        "sandbox's own runtime internals, which no other runtime has, stay out of reach of patched builtins",
    ),
    ("plain_class_gets_env", "sandbox gives env and ctx to a plain class; workerd only calls WorkerEntrypoint classes"),
    ("promise_result_forgot_await", JSON_RESULT),
    ("single_method_chosen", ENTRYPOINT),
    (
        "subtle_hmac",
        "both stop part-way: workerd refuses the JWK `alg` HS256 (\"Unrecognized or unimplemented hash algorithm\"), Node an HMAC length that is not a multiple of 8",
    ),
    (
        "subtle_keys",
        "both stop part-way: workerd throws `Illegal invocation` where WebIDL rejects the promise (`digest` called on another object), Node lets code change a key by mutating `key.algorithm`",
    ),
    (
        "wait_until",
        "sandbox passes env and ctx first when no argument is given; workerd's RPC passes the argument first",
    ),
];

/// Why the invocation fixtures have no reference.
const ENTRYPOINT: &str = "sandbox's own rules for which export and method to call, and its errors when none fits";

/// Why the result fixtures have no reference.
const JSON_RESULT: &str = "sandbox returns JSON and says why a value is not JSON; workerd's RPC clones Map, BigInt and cycles, and JSON.stringify drops or throws without a path";

fn kind_of(path: &Path) -> ModuleKind {
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("cjs") => ModuleKind::CommonJs,
        Some("txt") => ModuleKind::Text,
        Some("json") => ModuleKind::Json,
        Some("bin") => ModuleKind::Data,
        Some("wasm") => ModuleKind::Wasm,
        _ => ModuleKind::EsModule,
    }
}

fn files(root: &Path, directory: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(directory).expect("read fixture").flatten().collect();
    entries.sort_by_key(|entry| entry.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            files(root, &path, out);
        } else if path
            .file_name()
            .is_some_and(|name| name != "invocation.json" && !expected::is_reference_file(&name.to_string_lossy()))
        {
            let name = path.strip_prefix(root).expect("inside root").to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read(&path).expect("read module")));
        }
    }
}

/// Runs the fixture folder and renders what happened: as text for the snapshot, and as JSON
/// in the shape of the references' outcomes (`{ok, result, logs}` or `{ok, error, frames,
/// logs}`).
fn run_fixture(directory: &Path) -> (String, Value) {
    let mut sources = Vec::new();
    files(directory, directory, &mut sources);
    let modules: Vec<ModuleSource<'_>> = sources
        .iter()
        .map(|(name, code)| ModuleSource { specifier: name, kind: kind_of(Path::new(name)), code })
        .collect();
    let settings: serde_json::Value = std::fs::read_to_string(directory.join("invocation.json"))
        .map(|text| serde_json::from_str(&text).expect("invocation.json is JSON"))
        .unwrap_or_default();
    let args: Vec<String> =
        settings["args"].as_array().map(|args| args.iter().map(|arg| arg.to_string()).collect()).unwrap_or_default();
    let invocation = Invocation {
        entrypoint: settings["entrypoint"].as_str(),
        method: settings["method"].as_str(),
        args: &args,
        request: None,
    };
    let env = settings["env"]
        .as_object()
        .map(|env| {
            env.iter().map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().to_owned())).collect()
        })
        .unwrap_or_default();
    let flags: Vec<String> = settings["compatibility_flags"]
        .as_array()
        .map(|flags| flags.iter().map(|flag| flag.as_str().expect("flags are strings").to_owned()).collect())
        .unwrap_or_default();
    let date = settings["compatibility_date"].as_str().unwrap_or(executor::COMPATIBILITY_DATE);
    let compatibility = executor::Compatibility::new(date, &flags).expect("valid compatibility settings");
    let options = Options {
        allow_eval: settings["allow_eval"].as_bool().unwrap_or(false),
        env,
        compatibility,
        ..Options::default()
    };
    let console = CollectConsole::default();
    let messages = console.messages.clone();
    let outcome = Sandbox::new(options).run("main.js", &modules, &invocation, Box::new(console));

    let mut rendered = String::new();
    let mut logs = Vec::new();
    for (level, message) in messages.borrow().iter() {
        rendered.push_str(&format!("{level:?}: {message}\n"));
        logs.push(json!(message));
    }
    let outcome = match outcome.result {
        Ok(Some(json)) => {
            rendered.push_str(&format!("result: {}\n", json.get()));
            json!({ "ok": true, "result": serde_json::from_str::<Value>(json.get()).expect("a result is JSON") })
        }
        Ok(None) => {
            rendered.push_str("result: undefined\n");
            json!({ "ok": true, "result": null })
        }
        Err(RunError::Exception(exception)) => {
            rendered.push_str(&format!("error ({:?}): {}\n", exception.kind, exception.headline()));
            let mut frames = Vec::new();
            for frame in &exception.frames {
                let function = frame.function.as_deref().unwrap_or("<anonymous>");
                rendered.push_str(&format!("    at {function} ({}:{}:{})\n", frame.file, frame.line, frame.column));
                frames.push(json!(format!("{function} ({}:{}:{})", frame.file, frame.line, frame.column)));
            }
            json!({ "ok": false, "error": exception.headline(), "frames": frames })
        }
        Err(error) => {
            rendered.push_str(&format!("error: {error}\n  {error:?}\n"));
            json!({ "ok": false, "error": error.to_string() })
        }
    };
    let mut outcome = outcome;
    outcome["logs"] = Value::Array(logs);
    (rendered, outcome)
}

/// Every fixture's logs and result match its snapshot, and the outcome of its reference
/// (with the known differences in place) where it has one.
#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for name in &names {
        let (rendered, outcome) = run_fixture(&root.join(name));
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("fixture", rendered);
        });
        let without = WITHOUT_REFERENCE.iter().find(|(fixture, _)| fixture == name);
        let references = expected::reference_files(&root.join(name));
        match (references.is_empty(), without) {
            (false, Some(_)) => failures.push(format!("{name}: has a reference and is listed in WITHOUT_REFERENCE")),
            (true, None) => failures.push(format!(
                "{name}: no reference.json; check it against workerd or node (tests/conformance/README.md), or list it in WITHOUT_REFERENCE with the reason"
            )),
            _ => {}
        }
        for file in references {
            let expectation = Expectation::read(&file).expect("a reference file");
            if let Err(found) = expectation.check_sandbox(&outcome) {
                let file = file.file_name().expect("a file name").to_string_lossy().into_owned();
                failures.push(format!("{name}, compared with {} ({file}):\n{found}", expectation.reference));
            }
        }
    }
    for (fixture, _) in WITHOUT_REFERENCE {
        if !names.iter().any(|name| name == fixture) {
            failures.push(format!("WITHOUT_REFERENCE lists {fixture}, which is no fixture"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
