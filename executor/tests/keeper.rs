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

/// This process's threads: id and name.
fn threads() -> Vec<(String, String)> {
    std::fs::read_dir("/proc/self/task")
        .expect("procfs lists the threads")
        .flatten()
        .filter_map(|task| {
            let name = std::fs::read_to_string(task.path().join("comm")).ok()?;
            Some((task.file_name().to_string_lossy().into_owned(), name.trim().to_owned()))
        })
        .collect()
}

/// The keeper is a thread that exists from the second sandbox on, and not after the first.
/// A thread is listed in procfs as soon as it is created (it names itself a moment later), so
/// the threads after the first sandbox are exactly those it started: the keeper, found by its
/// name once the second sandbox has run, must not be one of them.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "lists the threads with Linux's procfs")]
fn the_keeper_starts_with_the_second_sandbox() {
    run_hello();
    let after_one = threads();
    assert!(
        !after_one.iter().any(|(_, name)| name == "sandbox-keeper"),
        "one sandbox started the keeper: {after_one:?}"
    );
    run_hello();
    // The keeper's thread exists now; wait for it to name itself (bounded only against a hang).
    let started = Instant::now();
    let keeper = loop {
        if let Some((id, _)) = threads().into_iter().find(|(_, name)| name == "sandbox-keeper") {
            break id;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no keeper after two sandboxes: {:?}", threads());
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(
        !after_one.iter().any(|(id, _)| *id == keeper),
        "the keeper (thread {keeper}) already existed after one sandbox: {after_one:?}"
    );
    // Sandboxes run as before beside it.
    run_hello();
}
