//! Tasks V8 posts for the host run between turns of the event loop: FinalizationRegistry
//! cleanup callbacks, and `Atomics.waitAsync` waiters settled by `Atomics.notify` or their
//! timeout. Pending waiters keep a run going as timers do; a registry never does.

use std::time::Duration;

use executor::{DiscardConsole, Invocation, Limit, Limits, ModuleKind, ModuleSource, Options, RunError, Sandbox};

fn run(code: &str, wall: Duration) -> Result<Option<String>, RunError> {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let limits = Limits { wall_time: wall, ..Limits::default() };
    let options = Options { limits, ..Options::default() };
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.map(|value| value.map(|json| json.get().to_owned()))
}

/// Allocates garbage, one event-loop turn at a time, until `done()` or 500 turns: the
/// collector runs on allocation, and V8 posts the cleanup of a registry after it.
const CHURN: &str = "async function churn(done) {
  for (let turn = 0; turn < 500 && !done(); turn++) {
    const garbage = [];
    for (let i = 0; i < 20000; i++) garbage.push({ i });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}";

/// FinalizationRegistry callbacks run once their objects are collected, between turns.
#[test]
fn finalization_registry_callbacks_run() {
    let code = format!(
        "{CHURN}
        export default async () => {{
          const cleaned = [];
          const registry = new FinalizationRegistry((held) => cleaned.push(held));
          (() => {{ for (let i = 0; i < 10; i++) registry.register({{ i }}, i); }})();
          await churn(() => cleaned.length === 10);
          return cleaned.sort((a, b) => a - b);
        }}"
    );
    assert_eq!(
        run(&code, Duration::from_secs(30)).expect("the run succeeds").as_deref(),
        Some("[0,1,2,3,4,5,6,7,8,9]")
    );
}

/// A cleanup callback that throws fails the run, as an error in a timer does.
#[test]
fn throwing_cleanup_callback_fails_the_run() {
    let code = format!(
        "{CHURN}
        export default async () => {{
          let called = false;
          const registry = new FinalizationRegistry((held) => {{ called = true; throw new TypeError('cleanup of ' + held); }});
          (() => registry.register({{}}, 'the object'))();
          await churn(() => called);
          return 'not reached';
        }}"
    );
    match run(&code, Duration::from_secs(30)) {
        Err(RunError::Exception(exception)) => {
            assert_eq!(exception.name, "TypeError");
            assert_eq!(exception.message, "cleanup of the object");
        }
        other => panic!("expected the cleanup callback's TypeError, got {other:?}"),
    }
}

/// An object registered and never collected does not keep a finished run waiting.
#[test]
fn registered_object_does_not_hold_the_run() {
    let code = "export default () => {
      const registry = new FinalizationRegistry(() => {});
      globalThis.kept = {};
      registry.register(globalThis.kept, 'held');
      return 'done';
    }";
    // A run that waited would end at the wall-clock limit instead.
    assert_eq!(run(code, Duration::from_secs(30)).expect("the run succeeds").as_deref(), Some("\"done\""));
}

/// A waiter with a timeout, and nothing else pending, keeps the run going and resolves with
/// "timed-out".
#[test]
fn wait_async_times_out() {
    let code = "export default async () => {
      const cell = new Int32Array(new SharedArrayBuffer(4));
      const { async, value } = Atomics.waitAsync(cell, 0, 0, 20);
      return [async, await value];
    }";
    assert_eq!(run(code, Duration::from_secs(30)).expect("the run succeeds").as_deref(), Some("[true,\"timed-out\"]"));
}

/// A waiter's timeout comes in its place among timers: after a timer due before it, before a
/// timer due after it. The later timer is set after the waiter with a longer delay, so it is
/// due later however slow the machine is. The earlier one comes first only if it ran before
/// the waiter's deadline: a thread stalled past that deadline finds both due and runs V8's
/// task first. The code notes whether it did and tries again if not, so no stall decides the
/// order.
#[test]
fn wait_async_timeout_is_ordered_with_timers() {
    let code = "export default async () => {
      for (;;) {
        const order = [];
        const cell = new Int32Array(new SharedArrayBuffer(4));
        const started = performance.now();
        let inTime = false;
        setTimeout(() => { inTime = performance.now() - started < 60; order.push('timer 5'); }, 5);
        const waiter = Atomics.waitAsync(cell, 0, 0, 60).value;
        setTimeout(() => order.push('timer 300'), 300);
        order.push(await waiter);
        await new Promise((resolve) => setTimeout(resolve, 400));
        if (inTime) return order;
      }
    }";
    assert_eq!(
        run(code, Duration::from_secs(30)).expect("the run succeeds").as_deref(),
        Some("[\"timer 5\",\"timed-out\",\"timer 300\"]")
    );
}

/// `Atomics.notify` wakes a waiter with "ok", before its timeout.
#[test]
fn wait_async_is_woken_by_notify() {
    let code = "export default async () => {
      const cell = new Int32Array(new SharedArrayBuffer(4));
      const waiter = Atomics.waitAsync(cell, 0, 0, 600000).value;
      setTimeout(() => Atomics.notify(cell, 0), 1);
      return await waiter;
    }";
    assert_eq!(run(code, Duration::from_secs(30)).expect("the run succeeds").as_deref(), Some("\"ok\""));
}

/// `Atomics.waitAsync` keeps V8's own checks and conversions: synchronous results, errors,
/// its name and length, and a timeout read once.
#[test]
fn wait_async_keeps_its_behaviour() {
    let code = "export default async () => {
      const cell = new Int32Array(new SharedArrayBuffer(4));
      let reads = 0;
      const timeout = { valueOf() { reads++; return 0; } };
      let error;
      try { Atomics.waitAsync(new Int32Array(4), 0, 0); } catch (caught) { error = caught.name; }
      return [
        Atomics.waitAsync.name, Atomics.waitAsync.length,
        Atomics.waitAsync(cell, 0, 1, 10).value, Atomics.waitAsync(cell, 0, 0, timeout).value, reads,
        Atomics.waitAsync(cell, 0, 0, -1).value, error,
      ];
    }";
    assert_eq!(
        run(code, Duration::from_secs(30)).expect("the run succeeds").as_deref(),
        Some("[\"waitAsync\",4,\"not-equal\",\"timed-out\",1,\"timed-out\",\"TypeError\"]")
    );
}

/// A waiter without a timeout that nothing notifies is stopped by the wall-clock limit.
#[test]
fn wait_async_forever_is_stopped_by_the_wall_clock() {
    let code = "export default () => Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0).value";
    match run(code, Duration::from_millis(300)) {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::WallTime(Duration::from_millis(300))),
        other => panic!("expected the wall-clock limit, got {other:?}"),
    }
}
