//! From the second sandbox of a process on, the executor keeps one idle isolate (V8's
//! read-only heap stays alive between runs); a process that runs one sandbox, like the CLI,
//! never starts it. In a process of its own, so that no other test has run a sandbox.

use std::time::{Duration, Instant};

use executor::{DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox};

fn run_hello() {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: b"export default () => 1" }];
    let outcome =
        Sandbox::new(Options::default()).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    assert_eq!(outcome.result.expect("runs").map(|json| json.get().to_owned()).as_deref(), Some("1"));
}

/// The names of this process's threads.
fn threads() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| {
            tasks
                .flatten()
                .filter_map(|task| std::fs::read_to_string(task.path().join("comm")).ok())
                .map(|name| name.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_keeper_starts_with_the_second_sandbox() {
    if !std::path::Path::new("/proc/self/task").is_dir() {
        return; // no procfs to list threads with
    }
    run_hello();
    std::thread::sleep(Duration::from_millis(100));
    assert!(!threads().iter().any(|name| name == "sandbox-keeper"), "one sandbox started the keeper: {:?}", threads());
    run_hello();
    let started = Instant::now();
    while !threads().iter().any(|name| name == "sandbox-keeper") {
        assert!(started.elapsed() < Duration::from_secs(5), "no keeper after two sandboxes: {:?}", threads());
        std::thread::sleep(Duration::from_millis(10));
    }
    // Sandboxes run as before beside it.
    run_hello();
}
