//! Web APIs behave as in workerd, checked against results workerd gave and the repository
//! keeps (`support/expected.rs` describes the files): every snippet in `tests/conformance/`
//! has workerd's result committed beside it (`NAME.expected.json`), and `sandbox run` must
//! give it, with the file's known differences in place.
//!
//! The test here that runs workerd compares what it gives now with those files (or rewrites
//! the files, with `UPDATE_EXPECTED=1`). `cli/build.rs` sets `cfg(workerd)` when workerd is
//! installed; without it that test is reported as ignored, not passed.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::expected::{Expectation, updating};
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

/// What `sandbox run SNIPPET --method run` gives: `{ok: true, result}` or `{ok: false, error}`
/// (the message), the shape of workerd's answer.
fn run_in_sandbox(context: &TestContext, snippet: &Path) -> Value {
    let name = name_of(snippet);
    let ran = output(&mut context.run(&[&snippet.display().to_string(), "--method", "run", "--arg", "{}", "--json"]), None);
    let envelope: Value = serde_json::from_slice(&ran.stdout)
        .unwrap_or_else(|error| panic!("{name}: sandbox printed no JSON ({error}): {}", String::from_utf8_lossy(&ran.stderr)));
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
            failures.push(format!("{name}: no {} (make it with `UPDATE_EXPECTED=1`, see tests/conformance/README.md)", name_of(&path)));
            continue;
        };
        assert_eq!(expectation.reference, "workerd", "{name}: the conformance reference is workerd");
        let actual = run_in_sandbox(&context, &snippet);
        match expectation.check_sandbox(&actual) {
            Ok(()) => eprintln!("conformance: {name}: as expected ({} known differences)", expectation.differences.len()),
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
        let map = json!({ "mainModule": name, "modules": { &name: code } }).to_string();
        // workerd's RPC takes exactly one argument for a method of a default-exported object.
        let now = normalize(workerd.call(&map, "run", &[json!({})]));
        compare_or_update(&expectation_path(&snippet), "workerd", &name, now, &mut failures);
    }
    assert!(failures.is_empty(), "workerd's results differ from the committed ones:\n{}", failures.join("\n"));
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
