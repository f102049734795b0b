//! Every file in `examples/` runs as the README and its own header say.

use crate::sandbox_snapshot;
use crate::support::{TestContext, repository_root};

fn example(name: &str) -> String {
    repository_root().join("examples").join(name).display().to_string()
}

/// `sandbox run examples/hello.ts`.
#[test]
fn hello() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&[&example("hello.ts")]), @r#"
    exit code: 0
    ----- stdout -----
    {"message":"Hello from a fresh V8 isolate!","at":"1970-01-01T00:00:00.000Z"}
    ----- stderr -----
    "#);
}

/// `sandbox run examples/agent.ts --method forecast --arg '{"city":"Oslo"}' --env UNITS=metric`.
#[test]
fn agent() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&[&example("agent.ts"), "--method", "forecast", "--arg", r#"{"city":"Oslo"}"#, "--env", "UNITS=metric"]), @r#"
    exit code: 0
    ----- stdout -----
    {"city":"Oslo","temperature":4,"units":"C"}
    ----- stderr -----
    looking up Oslo
    "#);
}

/// `sandbox run examples/modules.json`.
#[test]
fn modules() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&[&example("modules.json")]), @r#"
    exit code: 0
    ----- stdout -----
    ["hello-world","worker-loader","v8-isolates"]
    ----- stderr -----
    "#);
}

/// `sandbox run examples/loop.js --cpu-time 200ms`.
#[test]
fn loop_stops() {
    let context = TestContext::new();
    let output = crate::support::output(&mut context.run(&[&example("loop.js"), "--cpu-time", "200ms"]), None);
    assert_eq!(output.status.code(), Some(3));
}

/// `sandbox run examples/project --arg '{"prefix":"os"}'`: a project directory, its entry
/// named by wrangler.toml.
#[test]
fn project() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&[&example("project"), "--arg", r#"{"prefix":"os"}"#]), @r#"
    exit code: 0
    ----- stdout -----
    [{"name":"Oslo","country":"Norway","slug":"oslo-norway"},{"name":"Osaka","country":"Japan","slug":"osaka-japan"}]
    ----- stderr -----
    "#);
}

/// `sandbox bundle examples/project | head -n 4`, as the README shows it.
#[test]
fn project_bundle() {
    let context = TestContext::new();
    let output = crate::support::output(&mut context.bundle(&[&example("project")]), None);
    assert_eq!(output.status.code(), Some(0));
    let head: Vec<&str> = std::str::from_utf8(&output.stdout).expect("UTF-8").lines().take(4).collect();
    assert_eq!(
        head,
        ["{", "  \"compatibilityDate\": \"2025-06-01\",", "  \"mainModule\": \"src/index.js\",", "  \"modules\": {"]
    );
}
