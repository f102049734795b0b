//! The watchdog is woken only by a run whose limits it could otherwise miss. In a process of
//! its own, so that no other test wakes it: while runs with limits an hour away are all it
//! watches, it sleeps until then; a run with a tighter limit that starts then must wake it,
//! and so must one that starts once the watchdog has gone idle and waits for a notification.
//! Without the wake-up the tight run would spin for an hour: the hang guard cancels it, and
//! the run ends interrupted instead of at its limit.

mod support;

use std::time::{Duration, Instant};

use executor::{
    DiscardConsole, Invocation, Limit, Limits, ModuleKind, ModuleSource, Options, RunError, Sandbox, WatchdogSleep,
};
use support::{HANG, HangGuard};

const HOUR: Duration = Duration::from_secs(3600);

fn modules(code: &str) -> [ModuleSource<'_>; 1] {
    [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }]
}

fn run(code: &str, limits: Limits) -> Result<Option<String>, RunError> {
    let sandbox = Sandbox::new(Options { limits, ..Options::default() });
    let _guard = HangGuard::new(&sandbox);
    let outcome = sandbox.run("main.js", &modules(code), &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.map(|value| value.map(|json| json.get().to_owned()))
}

/// Waits until the watchdog sleeps as `wanted` says, looking every few milliseconds (a wait
/// for a state, bounded only against a hang).
fn wait_for_watchdog(wanted: impl Fn(WatchdogSleep) -> bool) {
    let started = Instant::now();
    loop {
        let sleep = executor::watchdog_sleep();
        if wanted(sleep) {
            return;
        }
        assert!(started.elapsed() < HANG, "the watchdog never reached the state: it sleeps {sleep:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn assert_stopped_by_the_cpu_limit(result: Result<Option<String>, RunError>, limit: Duration) {
    match result {
        Err(RunError::LimitExceeded(stopped)) => assert_eq!(stopped, Limit::CpuTime(limit)),
        other => panic!("expected the CPU limit of {limit:?} to stop the run, got {other:?}"),
    }
}

/// A run with a tight CPU limit is stopped by that limit after looser runs, both while the
/// watchdog sleeps until their far deadline and once it has gone idle.
#[test]
fn a_tighter_limit_after_looser_runs_is_enforced() {
    let loose = Limits { cpu_time: HOUR, wall_time: HOUR, ..Limits::default() };
    for _ in 0..3 {
        assert_eq!(run("export default () => 1", loose).expect("runs").as_deref(), Some("1"));
    }
    // One more loose run stays, waiting for a timer an hour away: the watchdog sleeps until
    // its deadline.
    let waiting = Sandbox::new(Options { limits: loose, ..Options::default() });
    let cancel_waiting = waiting.cancel_handle();
    let waiting = std::thread::spawn(move || {
        let code = "export default () => new Promise((resolve) => setTimeout(resolve, 3_600_000))";
        waiting.run("main.js", &modules(code), &Invocation::default(), Box::new(DiscardConsole)).result.map(|_| ())
    });
    wait_for_watchdog(|sleep| matches!(sleep, WatchdogSleep::Until(at) if at > Instant::now() + HOUR / 2));

    let tight = Limits { cpu_time: Duration::from_millis(100), ..Limits::default() };
    assert_stopped_by_the_cpu_limit(run("export default () => { for (;;) {} }", tight), tight.cpu_time);

    cancel_waiting.cancel();
    let waited = waiting.join().expect("the waiting run's thread");
    assert!(matches!(waited, Err(RunError::Interrupted)), "{waited:?}");

    // The same once the watchdog has gone idle and waits for a notification.
    wait_for_watchdog(|sleep| sleep == WatchdogSleep::UntilNotified);
    assert_stopped_by_the_cpu_limit(run("export default () => { for (;;) {} }", tight), tight.cpu_time);
}
