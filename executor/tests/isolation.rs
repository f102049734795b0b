//! Every run gets a fresh isolate and context: nothing one run does is visible to the next.

use executor::{DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox};

fn run(code: &str) -> String {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let outcome =
        Sandbox::new(Options::default()).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.expect("the run succeeds").map(|json| json.get().to_owned()).unwrap_or_default()
}

/// Globals, prototypes and built-ins changed by one run are pristine in the next.
#[test]
fn globals_do_not_leak_between_runs() {
    let first = run(
        "export default () => { globalThis.leak = 1; Array.prototype.evil = 1; console.log = null; JSON.stringify = () => 'x'; return typeof leak; }",
    );
    assert_eq!(first, "\"number\"");
    let second = run("export default () => [typeof leak, typeof [].evil, typeof console.log, JSON.stringify(1)]");
    assert_eq!(second, r#"["undefined","undefined","function","1"]"#);
}

/// Randomness is not baked into the snapshot: runs see different Math.random sequences and UUIDs.
#[test]
fn randomness_differs_between_runs() {
    let code = "export default () => [Math.random(), crypto.randomUUID()]";
    assert_ne!(run(code), run(code));
}

/// Time is not baked into the snapshot either.
#[test]
fn clock_is_live() {
    let now: f64 = run("export default () => Date.now()").parse().expect("a number");
    let host =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis() as f64;
    assert!((now - host).abs() < 60_000.0, "sandbox clock {now} vs host {host}");
}

/// A run that neither fetches nor calls a tool starts no thread for them: the tokio runtime of
/// the network (named `sandbox-net`) starts with the first `fetch` or tool call of a process,
/// and no test of this file makes one.
#[test]
fn a_run_without_network_or_tools_starts_no_runtime() {
    run("export default async () => { await new Promise((resolve) => setTimeout(resolve, 1)); return 1; }");
    let threads: Vec<String> = std::fs::read_dir("/proc/self/task")
        .expect("Linux has /proc/self/task")
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .map(|name| name.trim().to_owned())
        .collect();
    assert!(!threads.is_empty());
    assert!(!threads.iter().any(|name| name == "sandbox-net"), "{threads:?}");
}
