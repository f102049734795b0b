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
