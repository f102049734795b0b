//! The watchdog is woken only by a run whose limits it could otherwise miss. In a process of
//! its own, so that no other test wakes it: after a run with the default limits, the
//! watchdog sleeps until that run's earliest deadline, ten seconds away; a run with a tighter
//! limit that starts then must wake it and be stopped in time.

use std::time::{Duration, Instant};

use executor::{DiscardConsole, Invocation, Limit, Limits, ModuleKind, ModuleSource, Options, RunError, Sandbox};

fn run(code: &str, limits: Limits) -> Result<Option<String>, RunError> {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let options = Options { limits, ..Options::default() };
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.map(|value| value.map(|json| json.get().to_owned()))
}

#[test]
fn a_tighter_limit_after_looser_runs_is_enforced_in_time() {
    for _ in 0..3 {
        let result = run("export default () => 1", Limits::default());
        assert_eq!(result.expect("runs").as_deref(), Some("1"));
    }
    let tight = Limits { cpu_time: Duration::from_millis(100), ..Limits::default() };
    let started = Instant::now();
    match run("export default () => { for (;;) {} }", tight) {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::CpuTime(Duration::from_millis(100))),
        other => panic!("expected the CPU limit, got {other:?}"),
    }
    // Without the wake-up it would end at the earlier runs' deadline, 10 s after they began.
    assert!(started.elapsed() < Duration::from_secs(5), "stopped after {:?}", started.elapsed());

    // The same after the watchdog has gone idle and waits for a notification.
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    match run("export default () => { for (;;) {} }", tight) {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::CpuTime(Duration::from_millis(100))),
        other => panic!("expected the CPU limit, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5), "stopped after {:?}", started.elapsed());
}
