//! Hostile cases: CPU and waiting. `--cpu-time` bounds the CPU a run costs the whole
//! process, V8's helper threads included: the garbage collector runs on the isolate's own
//! thread, which the limit counts. Waiting forever costs no CPU and ends at the wall-clock
//! limit.

use std::time::Duration;

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, Measured, measure, rss_bound};

/// CPU a process spends besides its run: starting (V8, the snapshot, reading the input) and
/// tearing the isolate down. About 20 ms in a debug build.
const FIXED_CPU: Duration = Duration::from_millis(200);

/// What V8's worker threads may add to a run's own thread: they still compile hot functions,
/// and may run a scavenge while the run's thread waits for it (measured: 5 to 15%).
const HELPER_SHARE: f64 = 0.2;

/// The most CPU the whole process may use for a run with `--cpu-time limit`.
fn cpu_bound(limit: Duration) -> Duration {
    limit.mul_f64(1.0 + HELPER_SHARE) + FIXED_CPU
}

#[track_caller]
fn assert_cpu_below(measured: &Measured, bound: Duration) {
    assert!(
        measured.cpu <= bound,
        "the process used {:?} of CPU, over the bound of {bound:?}\n{}",
        measured.cpu,
        measured.describe()
    );
}

/// Code that keeps the garbage collector busy (object graphs built, kept for a while and
/// dropped, so the old generation is marked and swept again and again) costs the process
/// about its CPU limit, not what V8's GC threads add on top: with marking and sweeping on
/// V8's workers it cost 1.6 to 1.8 s at a limit of 1 s.
#[test]
fn garbage_collector_threads_count_against_the_cpu_limit() {
    let context = TestContext::new();
    let code = "const live = [];
        for (let round = 0; ; round++) {
          const graph = [];
          for (let i = 0; i < 20000; i++) graph.push({ i, next: graph[i - 1], text: 'node ' + i });
          live[round % 8] = graph;
        }";
    let measured = measure(&mut context.run(&["-", "--cpu-time", "1s", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(3);
    assert!(measured.stderr().contains("CPU time limit of 1s"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    assert_cpu_below(&measured, cpu_bound(Duration::from_secs(1)));
}

/// An infinite loop stops at the CPU limit, within its memory bound and its CPU bound.
#[test]
fn infinite_loop_stops_at_the_cpu_limit() {
    let context = TestContext::new();
    let measured = measure(&mut context.run(&["-", "--cpu-time", "500ms", "--memory", "32MB"]), Some(b"for (;;) {}"));
    measured.assert_exit(3);
    assert!(measured.stderr().contains("CPU time limit of 500ms"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    assert_cpu_below(&measured, cpu_bound(Duration::from_millis(500)));
}

/// An `Atomics.waitAsync` that nothing will ever notify keeps the run waiting, without
/// spinning, until the wall-clock limit stops it.
#[test]
fn wait_async_forever_ends_at_the_wall_clock_limit() {
    let context = TestContext::new();
    let code = "const cell = new Int32Array(new SharedArrayBuffer(4));
        return await Atomics.waitAsync(cell, 0, 0).value;";
    let measured = measure(&mut context.run(&["-", "--timeout", "500ms", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(3);
    assert!(measured.stderr().contains("wall-clock limit of 500ms"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    assert_cpu_below(&measured, FIXED_CPU);
}

/// FinalizationRegistry callbacks run once their objects are collected, and an
/// `Atomics.waitAsync` with a timeout resolves "timed-out" and keeps the run going until it
/// does; an object registered and never collected does not hold the run.
#[test]
fn finalization_registry_and_wait_async_run() {
    let context = TestContext::new();
    let code = "const cleaned = [];
        const registry = new FinalizationRegistry((held) => cleaned.push(held));
        (() => { for (let i = 0; i < 4; i++) registry.register({ i }, i); })();
        globalThis.kept = {};
        registry.register(globalThis.kept, 'kept');
        for (let turn = 0; turn < 500 && cleaned.length < 4; turn++) {
          const garbage = [];
          for (let i = 0; i < 20000; i++) garbage.push({ i });
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const cell = new Int32Array(new SharedArrayBuffer(4));
        const waited = await Atomics.waitAsync(cell, 0, 0, 20).value;
        return { cleaned: cleaned.sort(), waited };";
    let measured = measure(&mut context.run(&["-", "--timeout", "20s", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "{\"cleaned\":[0,1,2,3],\"waited\":\"timed-out\"}\n", "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// A cleanup callback that throws fails the run with its error (exit code 1), as an error in
/// a timer does; V8 prints nothing of it on stdout.
#[test]
fn throwing_cleanup_callback_fails_the_run() {
    let context = TestContext::new();
    let code = "let called = false;
        const registry = new FinalizationRegistry((held) => { called = true; throw new TypeError('cleanup of ' + held); });
        (() => registry.register({}, 'the object'))();
        for (let turn = 0; turn < 500 && !called; turn++) {
          const garbage = [];
          for (let i = 0; i < 20000; i++) garbage.push({ i });
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        return 'finished';";
    let measured = measure(&mut context.run(&["-", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(1);
    assert_eq!(measured.stdout(), "", "{}", measured.describe());
    assert!(measured.stderr().contains("error: Uncaught TypeError: cleanup of the object"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// PBKDF2 with the largest iteration count Web Crypto allows (2^32 - 1, hours of HMAC) runs
/// on the isolate's thread inside one host call, which V8 cannot interrupt: the host call
/// looks at the run's stop flag between rounds, so the run stops at the CPU limit.
#[test]
fn pbkdf2_iterations_stop_at_the_cpu_limit() {
    let context = TestContext::new();
    let code = "const key = await crypto.subtle.importKey('raw', new Uint8Array(8), 'PBKDF2', false, ['deriveBits']);
        return await crypto.subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-512', salt: new Uint8Array(8), iterations: 4294967295 }, key, 512);";
    let measured = measure(&mut context.run(&["-", "--cpu-time", "500ms", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(3);
    assert!(measured.stderr().contains("CPU time limit of 500ms"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    assert_cpu_below(&measured, cpu_bound(Duration::from_millis(500)));
}

/// RSA key generation of the largest modulus allowed (8192 bits: seconds of prime search
/// per key) runs inside one host call too; it looks at the stop flag between prime
/// candidates, so keys generated one after another stop at the CPU limit.
#[test]
fn rsa_key_generation_stops_at_the_cpu_limit() {
    let context = TestContext::new();
    let code = "const params = { name: 'RSA-PSS', modulusLength: 8192, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
        for (;;) await crypto.subtle.generateKey(params, false, ['sign']);";
    let measured = measure(&mut context.run(&["-", "--cpu-time", "500ms", "--memory", "32MB"]), Some(code.as_bytes()));
    measured.assert_exit(3);
    assert!(measured.stderr().contains("CPU time limit of 500ms"), "{}", measured.describe());
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    assert_cpu_below(&measured, cpu_bound(Duration::from_millis(500)));
}
