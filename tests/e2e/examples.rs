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
