//! Limits end hostile code with exit code 3 and name the limit; the process never aborts.

use crate::sandbox_snapshot;
use crate::support::TestContext;

/// An infinite loop hits the CPU limit.
#[test]
fn cpu_time() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--cpu-time", "200ms"]), stdin = "for (;;) {}", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The code used more CPU time than allowed: stopped at the CPU time limit of 200ms

    hint: if the code needs more, raise the limit, e.g. `--cpu-time 400ms`
    ");
}

/// A timer far in the future hits the wall-clock limit.
#[test]
fn wall_time() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--timeout", "300ms"]), stdin = "await new Promise((r) => setTimeout(r, 60000))", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The run took longer than allowed: stopped at the wall-clock limit of 300ms

    hint: if the code needs more, raise the limit, e.g. `--timeout 600ms`
    ");
}

/// `Atomics.wait` forever is woken by the wall-clock limit.
#[test]
fn atomics_wait() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--timeout", "300ms"]), stdin = "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The run took longer than allowed: stopped at the wall-clock limit of 300ms

    hint: if the code needs more, raise the limit, e.g. `--timeout 600ms`
    ");
}

/// An endless microtask chain hits the CPU limit.
#[test]
fn microtask_loop() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--cpu-time", "200ms"]), stdin = "const spin = () => { Promise.resolve().then(spin); }; spin(); await new Promise(() => {})", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The code used more CPU time than allowed: stopped at the CPU time limit of 200ms

    hint: if the code needs more, raise the limit, e.g. `--cpu-time 400ms`
    ");
}

/// A memory bomb hits the memory limit.
#[test]
fn memory() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--memory", "32MB"]), stdin = "const keep = []; for (;;) keep.push(new Array(100000).fill({}));", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The code used more memory than allowed: stopped at the memory limit of 32MiB

    hint: if the code needs more, raise the limit, e.g. `--memory 64MiB`
    ");
    sandbox_snapshot!(context.run(&["-", "--memory", "32MB"]), stdin = "const keep = []; for (;;) keep.push(new ArrayBuffer(8 << 20));", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The code used more memory than allowed: stopped at the memory limit of 32MiB

    hint: if the code needs more, raise the limit, e.g. `--memory 64MiB`
    ");
}

/// One huge allocation inside a builtin that cannot be interrupted still ends with exit 3,
/// not a crash.
#[test]
fn huge_builtin_allocation() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--memory", "32MB"]), stdin = "new Array(3e8).fill(0).length", @"
    exit code: 3
    ----- stdout -----
    ----- stderr -----
    error: The code used more memory than allowed: stopped at the memory limit of 32MiB

    hint: if the code needs more, raise the limit, e.g. `--memory 64MiB`
    ");
}

/// Deep recursion is a RangeError the code can catch; uncaught it fails the run (exit 1).
#[test]
fn deep_recursion() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-"]), stdin = "const f = () => f();\nlet name;\ntry { f(); } catch (error) { name = error.name; }\nname", @"
    exit code: 0
    ----- stdout -----
    RangeError
    ----- stderr -----
    ");
    // Where exactly the stack runs out (the function's entry or the call) varies, so the
    // frames are checked rather than snapshotted.
    let result = crate::support::output(&mut context.run(&["-"]), Some(b"const f = () => f();\nf();"));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: Uncaught RangeError: Maximum call stack size exceeded\n    at f (<stdin>:1:"),
        "{stderr}"
    );
    assert!(stderr.contains("more times\n"), "repeated frames are collapsed: {stderr}");
}

/// `--json` reports which limit stopped the run.
#[test]
fn limit_in_json() {
    let context = TestContext::new();
    sandbox_snapshot!(context.run(&["-", "--json", "--cpu-time", "100ms"]), stdin = "while (true) {}", @r#"
    exit code: 3
    ----- stdout -----
    {"ok":false,"result":null,"error":{"code":"limit","name":null,"message":"The code used more CPU time than allowed: stopped at the CPU time limit of 100ms","stack":null,"file":null,"line":null,"column":null,"hint":"if the code needs more, raise the limit, e.g. `--cpu-time 200ms`","limit":"cpu_time","limit_value":"100ms"},"logs":[],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
}
