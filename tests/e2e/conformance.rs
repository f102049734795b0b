//! Web APIs behave as in workerd: every snippet in `tests/conformance/` returns the same data
//! from `sandbox run` as from the real workerd loading it through a Worker Loader binding.

use crate::support::workerd::Workerd;
use crate::support::{TestContext, output, repository_root};

/// Every conformance snippet gives workerd's result.
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
#[allow(clippy::print_stderr, reason = "the test prints which snippets agree")]
fn snippets_match_workerd() {
    let workerd = Workerd::start();
    let context = TestContext::new();
    let directory = repository_root().join("tests/conformance");
    let mut snippets: Vec<_> = std::fs::read_dir(&directory)
        .expect("tests/conformance")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "js"))
        .collect();
    snippets.sort();
    assert!(!snippets.is_empty());

    let mut differences = Vec::new();
    for path in &snippets {
        let name = path.file_name().expect("a file").to_string_lossy().into_owned();
        let code = std::fs::read_to_string(path).expect("read a snippet");
        let map = serde_json::json!({ "mainModule": name, "modules": { &name: code } }).to_string();
        // workerd's RPC takes exactly one argument for a method of a default-exported object.
        let expected = workerd.call(&map, "run", &[serde_json::json!({})]);

        let ran = output(&mut context.run(&[&path.display().to_string(), "--method", "run", "--arg", "{}", "--json"]), None);
        let envelope: serde_json::Value = serde_json::from_slice(&ran.stdout)
            .unwrap_or_else(|error| panic!("{name}: sandbox printed no JSON ({error}): {}", String::from_utf8_lossy(&ran.stderr)));
        let actual = if envelope["ok"] == true {
            serde_json::json!({ "ok": true, "result": envelope["result"] })
        } else {
            serde_json::json!({ "ok": false, "error": envelope["error"]["message"] })
        };
        if expected == actual {
            eprintln!("conformance: {name}: same as workerd");
        } else {
            eprintln!("conformance: {name}: DIFFERS");
            differences.push(format!("{name}:\n  workerd: {expected}\n  sandbox: {actual}"));
        }
    }
    assert!(differences.is_empty(), "results differ from workerd:\n{}", differences.join("\n"));
}
