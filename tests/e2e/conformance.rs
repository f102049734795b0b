//! Web APIs behave as in the reference implementations, checked against results the references
//! gave and the repository keeps (`support/expected.rs` describes the files):
//! - every snippet in `tests/conformance/` has workerd's result committed beside it
//!   (`NAME.expected.json`), and `sandbox run` must give it, with the file's known
//!   differences in place;
//! - every executor fixture (`executor/tests/fixtures/NAME/`) that workerd or Node.js can run
//!   has the reference's outcome in `reference.json` (and workerd's, where it is a second
//!   reference, in `reference.workerd.json`), which `executor/tests/fixtures.rs` checks the
//!   fixture against.
//!
//! The tests here that run workerd or node compare what the reference gives now with those
//! files (or rewrite the files, with `UPDATE_EXPECTED=1`). `cli/build.rs` sets `cfg(workerd)`
//! and `cfg(node)` when the tools are installed; without them these tests are reported as
//! ignored, not passed.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::expected::{Expectation, is_reference_file, reference_files, updating};
use crate::support::{TestContext, output, repository_root};

/// The snippets, sorted.
fn snippets() -> Vec<PathBuf> {
    let directory = repository_root().join("tests/conformance");
    let mut snippets: Vec<_> = std::fs::read_dir(&directory)
        .expect("tests/conformance")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "js"))
        .collect();
    snippets.sort();
    assert!(!snippets.is_empty());
    snippets
}

fn name_of(path: &Path) -> String {
    path.file_name().expect("a file name").to_string_lossy().into_owned()
}

/// `NAME.expected.json` beside `NAME.js`.
fn expectation_path(snippet: &Path) -> PathBuf {
    snippet.with_extension("expected.json")
}

/// What `sandbox run SNIPPET --method run` gives at the compatibility date workerd is given
/// (the snippet's own, or [`REFERENCE_DATE`]): `{ok: true, result}` or `{ok: false, error}`
/// (the message), the shape of workerd's answer.
fn run_in_sandbox(context: &TestContext, snippet: &Path) -> Value {
    let name = name_of(snippet);
    let code = std::fs::read_to_string(snippet).expect("read a snippet");
    let date = compatibility_date(&code).unwrap_or(REFERENCE_DATE).to_owned();
    let ran = output(
        &mut context.run(&[
            &snippet.display().to_string(),
            "--method",
            "run",
            "--arg",
            "{}",
            "--json",
            "--compatibility-date",
            &date,
        ]),
        None,
    );
    let envelope: Value = serde_json::from_slice(&ran.stdout).unwrap_or_else(|error| {
        panic!("{name}: sandbox printed no JSON ({error}): {}", String::from_utf8_lossy(&ran.stderr))
    });
    if envelope["ok"] == true {
        json!({ "ok": true, "result": envelope["result"] })
    } else {
        json!({ "ok": false, "error": envelope["error"]["message"] })
    }
}

/// Every conformance snippet gives the committed result: workerd's, with the known
/// differences in place.
#[test]
#[allow(clippy::print_stderr, reason = "the test prints which snippets agree")]
fn snippets_give_the_expected_results() {
    let context = TestContext::new();
    let mut failures = Vec::new();
    for snippet in snippets() {
        let name = name_of(&snippet);
        let path = expectation_path(&snippet);
        let Some(expectation) = Expectation::read(&path) else {
            failures.push(format!(
                "{name}: no {} (make it with `UPDATE_EXPECTED=1`, see tests/conformance/README.md)",
                name_of(&path)
            ));
            continue;
        };
        assert_eq!(expectation.reference, "workerd", "{name}: the conformance reference is workerd");
        let actual = run_in_sandbox(&context, &snippet);
        match expectation.check_sandbox(&actual) {
            Ok(()) => {
                eprintln!("conformance: {name}: as expected ({} known differences)", expectation.differences.len())
            }
            Err(found) => {
                eprintln!("conformance: {name}: DIFFERS");
                failures.push(format!("{name}, sandbox gives:\n{found}"));
            }
        }
    }
    assert!(failures.is_empty(), "results differ from the expectations:\n{}", failures.join("\n"));
}

/// workerd, run now, gives the committed results of the snippets (`UPDATE_EXPECTED=1`
/// rewrites them instead).
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
#[allow(clippy::print_stderr, reason = "the test prints what it rewrote")]
fn workerd_gives_the_expected_snippet_results() {
    let workerd = crate::support::workerd::Workerd::start();
    let mut failures = Vec::new();
    for snippet in snippets() {
        let name = name_of(&snippet);
        let code = std::fs::read_to_string(&snippet).expect("read a snippet");
        let mut map = json!({ "compatibilityDate": REFERENCE_DATE, "mainModule": name, "modules": { &name: code } });
        if let Some(date) = compatibility_date(&code) {
            map["compatibilityDate"] = json!(date);
        }
        let map = map.to_string();
        // workerd's RPC takes exactly one argument for a method of a default-exported object.
        let now = normalize(workerd.call(&map, "run", &[json!({})]));
        compare_or_update(&expectation_path(&snippet), "workerd", &name, now, &mut failures);
    }
    assert!(failures.is_empty(), "workerd's results differ from the committed ones:\n{}", failures.join("\n"));
}

/// The date a snippet asks workerd for in its first line, `// compatibilityDate: 2026-11-17`:
/// workerd exposes some globals only from a date on (`MessageChannel`, `performance.mark`),
/// and sandbox is run at the same date. Without it, [`REFERENCE_DATE`] applies to both.
fn compatibility_date(code: &str) -> Option<&str> {
    code.lines().next()?.strip_prefix("// compatibilityDate: ").map(str::trim)
}

/// An answer with no `result` (the function returned `undefined`) has `result: null`, as
/// sandbox's has.
fn normalize(mut answer: Value) -> Value {
    if answer["ok"] == true
        && let Some(object) = answer.as_object_mut()
    {
        object.entry("result").or_insert(Value::Null);
    }
    answer
}

/// Compares `now`, what the reference gave, with the committed file, or rewrites the file
/// with `UPDATE_EXPECTED=1` (keeping its known differences).
#[allow(clippy::print_stderr, reason = "the test prints what it rewrote")]
fn compare_or_update(path: &Path, reference: &str, name: &str, now: Value, failures: &mut Vec<String>) {
    let committed = Expectation::read(path);
    if updating() {
        let differences = committed.as_ref().map(|committed| committed.differences.clone()).unwrap_or_default();
        if committed.as_ref().is_none_or(|committed| committed.expected != now) {
            eprintln!("{name}: rewrote {}", path.display());
        }
        Expectation { reference: reference.to_owned(), expected: now, differences }.write(path);
        return;
    }
    let Some(committed) = committed else {
        failures.push(format!("{name}: no {} (make it with `UPDATE_EXPECTED=1`)", path.display()));
        return;
    };
    assert_eq!(committed.reference, reference, "{name}: {}", path.display());
    if let Err(found) = committed.check_reference(&now) {
        failures.push(format!("{name}, {reference} gives now:\n{found}"));
    }
}

/// The executor fixtures with a reference file naming `reference`: the folder and the file.
fn fixtures_checked_against(reference: &str) -> Vec<(PathBuf, PathBuf)> {
    let root = repository_root().join("executor/tests/fixtures");
    let mut found: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&root)
        .expect("read the executor fixtures")
        .flatten()
        .map(|entry| entry.path())
        .filter(|folder| folder.is_dir())
        .flat_map(|folder| reference_files(&folder).into_iter().map(move |file| (folder.clone(), file)))
        .filter(|(_, file)| Expectation::read(file).is_some_and(|expectation| expectation.reference == reference))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no executor fixture has {reference} as its reference");
    found
}

/// The fixture's `invocation.json`, or an empty object.
fn invocation(folder: &Path) -> Value {
    std::fs::read_to_string(folder.join("invocation.json"))
        .map(|text| serde_json::from_str(&text).expect("invocation.json is JSON"))
        .unwrap_or_else(|_| json!({}))
}

/// The fixture as a module map for Worker Loader: every file but `invocation.json` and the
/// reference files a module, its kind from its extension as `executor/tests/fixtures.rs`
/// takes it.
fn worker_loader_map(folder: &Path, main: &str) -> Value {
    fn walk(root: &Path, directory: &Path, modules: &mut serde_json::Map<String, Value>) {
        let mut entries: Vec<_> =
            std::fs::read_dir(directory).expect("read a fixture").flatten().map(|entry| entry.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, modules);
                continue;
            }
            let name = path.strip_prefix(root).expect("inside the fixture").to_string_lossy().replace('\\', "/");
            if name == "invocation.json" || is_reference_file(&name) {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read a module");
            let text = || String::from_utf8(bytes.clone()).expect("a text module is UTF-8");
            let base64 = || {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            };
            let module = match path.extension().and_then(|extension| extension.to_str()) {
                Some("cjs") => json!({ "cjs": text() }),
                Some("txt") => json!({ "text": text() }),
                Some("json") => json!({ "json": serde_json::from_str::<Value>(&text()).expect("a JSON module") }),
                Some("bin") => json!({ "data": base64() }),
                Some("wasm") => json!({ "wasm": base64() }),
                _ => json!(text()),
            };
            modules.insert(name, module);
        }
    }
    let mut modules = serde_json::Map::new();
    walk(folder, folder, &mut modules);
    json!({ "compatibilityDate": REFERENCE_DATE, "mainModule": main, "modules": modules })
}

/// The compatibility date of the maps made here for workerd (a fixture's `invocation.json`
/// may set another).
const REFERENCE_DATE: &str = "2025-06-01";

/// workerd, run now, gives the committed reference file of every executor fixture that has
/// it as a reference (`UPDATE_EXPECTED=1` rewrites them instead). A fixture whose default
/// export is a function is called through a module whose `run` method calls it with the
/// fixture's `args`, as Worker Loader calls methods.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
fn workerd_gives_the_expected_fixture_results() {
    let workerd = crate::support::workerd::Workerd::start();
    let mut failures = Vec::new();
    for (folder, file) in fixtures_checked_against("workerd") {
        let name = name_of(&folder);
        let settings = invocation(&folder);
        let args = settings["args"].as_array().cloned().unwrap_or_default();
        let env = settings.get("env").cloned().unwrap_or_else(|| json!({}));
        let entrypoint = settings["entrypoint"].as_str();
        let (map, method, call_args) = match settings["method"].as_str() {
            Some(method) => (worker_loader_map(&folder, "main.js"), method.to_owned(), args),
            None => {
                assert!(entrypoint.is_none(), "{name}: name the method of an entrypoint to call it in workerd");
                let mut map = worker_loader_map(&folder, "reference-caller.js");
                let caller = format!(
                    "import main from \"./main.js\";\nexport default {{ run: () => main(...{}) }};\n",
                    Value::Array(args)
                );
                map["modules"]["reference-caller.js"] = Value::String(caller);
                // One argument, which the caller does not pass on.
                (map, "run".to_owned(), vec![json!({})])
            }
        };
        let mut map = map;
        for (setting, field) in
            [("compatibility_date", "compatibilityDate"), ("compatibility_flags", "compatibilityFlags")]
        {
            if let Some(value) = settings.get(setting) {
                map[field] = value.clone();
            }
        }
        let map = map.to_string();
        let call =
            crate::support::workerd::Call { map: &map, entrypoint, method: &method, args: &call_args, env: &env };
        let now = normalize(workerd.call_with(&call));
        compare_or_update(&file, "workerd", &name, now, &mut failures);
    }
    assert!(failures.is_empty(), "workerd's outcomes differ from the committed ones:\n{}", failures.join("\n"));
}

/// Node.js, run now, gives the committed reference file of every executor fixture that has
/// it as a reference (`UPDATE_EXPECTED=1` rewrites them instead), run by
/// `support/node_reference.mjs`.
#[test]
#[cfg_attr(not(node), ignore = "node is not installed")]
fn node_gives_the_expected_fixture_results() {
    let script = repository_root().join("tests/e2e/support/node_reference.mjs");
    let mut failures = Vec::new();
    for (folder, file) in fixtures_checked_against("node") {
        let name = name_of(&folder);
        let mut command = std::process::Command::new("node");
        command.arg(&script).arg(&folder).env("NO_COLOR", "1");
        let ran = output(&mut command, None);
        assert_eq!(ran.status.code(), Some(0), "{name}: node failed: {}", String::from_utf8_lossy(&ran.stderr));
        let now: Value = serde_json::from_slice(&ran.stdout).unwrap_or_else(|error| {
            panic!("{name}: node printed no JSON ({error}): {}", String::from_utf8_lossy(&ran.stdout))
        });
        compare_or_update(&file, "node", &name, now, &mut failures);
    }
    assert!(failures.is_empty(), "node's outcomes differ from the committed ones:\n{}", failures.join("\n"));
}
