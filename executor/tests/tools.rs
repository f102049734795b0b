//! Tools and service bindings, with a tool host written here (echo, slow, failing, binary,
//! huge, never-resolving, panicking, fetching) and an HTTP service on 127.0.0.1: values both
//! ways, every limit measured on the host's side, calls pending at the end of a run, hostile
//! arguments, and services reached without the allow-list but with credential injection.

mod support;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use executor::{
    DiscardConsole, HeaderInjection, HttpRequest, Invocation, Limit, Limits, ModuleKind, ModuleSource, Options,
    OutboundPolicy, Outcome, REDACTED, RunError, Sandbox, ServiceBinding, ToolBinding, ToolCall, ToolCallOutcome,
    ToolContext, ToolFailure, ToolFuture, ToolHost, ToolLimits, ToolSpec, ToolValue,
};
use http_body_util::{BodyExt, Full};
use support::HangGuard;

// ---- The tool host ----------------------------------------------------------------------

/// What the host saw.
#[derive(Default)]
struct Seen {
    calls: Mutex<Vec<ToolCall>>,
    running: AtomicUsize,
    most_running: AtomicUsize,
    /// Futures dropped before they finished.
    dropped: AtomicUsize,
}

struct Host {
    seen: Arc<Seen>,
}

/// Counts a future dropped before it finished.
struct DropGuard(Arc<Seen>);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.dropped.fetch_add(1, Ordering::SeqCst);
    }
}

/// The number `name` of an object argument.
fn number(arguments: &ToolValue, name: &str) -> f64 {
    match arguments {
        ToolValue::Object(entries) => entries
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| if let ToolValue::Number(number) = value { Some(*number) } else { None })
            .unwrap_or(0.0),
        _ => 0.0,
    }
}

/// The string `name` of an object argument.
fn text(arguments: &ToolValue, name: &str) -> String {
    match arguments {
        ToolValue::Object(entries) => entries
            .iter()
            .find(|(key, _)| key == name)
            .and_then(|(_, value)| if let ToolValue::String(text) = value { Some(text.clone()) } else { None })
            .unwrap_or_default(),
        _ => String::new(),
    }
}

const TOOLS: &[&str] =
    &["echo", "slow", "fail", "binary", "huge", "bytes", "deep", "length", "never", "panic", "fetch"];

impl ToolHost for Host {
    fn call(&self, call: ToolCall, context: ToolContext) -> ToolFuture {
        self.seen.calls.lock().unwrap().push(call.clone());
        let seen = Arc::clone(&self.seen);
        let arguments = call.arguments;
        match call.tool.as_str() {
            "echo" => Box::pin(async move { Ok(arguments) }),
            "slow" => Box::pin(async move {
                let running = seen.running.fetch_add(1, Ordering::SeqCst) + 1;
                seen.most_running.fetch_max(running, Ordering::SeqCst);
                let guard = DropGuard(Arc::clone(&seen));
                tokio::time::sleep(Duration::from_millis(number(&arguments, "ms") as u64)).await;
                std::mem::forget(guard);
                seen.running.fetch_sub(1, Ordering::SeqCst);
                Ok(arguments)
            }),
            "fail" => {
                // `{ size }` makes the message that long.
                let message = match number(&arguments, "size") as usize {
                    0 => "the repository does not exist".to_owned(),
                    size => "y".repeat(size),
                };
                Box::pin(async move { Err(ToolFailure { name: "ToolError".into(), message }) })
            }
            "binary" => Box::pin(async move { Ok(ToolValue::Bytes((0..=255).collect())) }),
            "huge" => {
                let size = number(&arguments, "size") as usize;
                Box::pin(async move { Ok(ToolValue::String("x".repeat(size))) })
            }
            "bytes" => {
                let size = number(&arguments, "size") as usize;
                Box::pin(async move { Ok(ToolValue::Bytes(vec![7; size])) })
            }
            "deep" => {
                let depth = number(&arguments, "depth") as usize;
                Box::pin(async move {
                    let mut value = ToolValue::Null;
                    for _ in 1..depth {
                        value = ToolValue::Array(vec![value]);
                    }
                    Ok(value)
                })
            }
            "length" => {
                let length = text(&arguments, "text").chars().count();
                Box::pin(async move { Ok(ToolValue::Number(length as f64)) })
            }
            "never" => {
                // Made here, not when the future is first polled: a task aborted before its
                // first poll drops the future too.
                let guard = DropGuard(seen);
                Box::pin(async move {
                    let _guard = guard;
                    std::future::pending::<Result<ToolValue, ToolFailure>>().await
                })
            }
            "panic" => panic!("the host panics on purpose"),
            "fetch" => {
                let request =
                    HttpRequest { method: "GET".into(), url: text(&arguments, "url"), headers: Vec::new(), body: None };
                Box::pin(async move {
                    match context.fetch(request).await {
                        Ok(response) => Ok(ToolValue::Object(vec![
                            ("status".into(), ToolValue::Number(f64::from(response.status))),
                            ("body".into(), ToolValue::String(String::from_utf8_lossy(&response.body).into_owned())),
                        ])),
                        Err(message) => Err(ToolFailure { name: "FetchError".into(), message }),
                    }
                })
            }
            other => {
                let message = format!("no tool {other}");
                Box::pin(async move { Err(ToolFailure { name: "ToolError".into(), message }) })
            }
        }
    }
}

fn host() -> (Arc<Seen>, ToolBinding) {
    let seen = Arc::new(Seen::default());
    let binding = ToolBinding {
        name: "t".into(),
        tools: TOOLS.iter().map(|name| ToolSpec { name: (*name).into() }).collect(),
        host: Arc::new(Host { seen: Arc::clone(&seen) }),
    };
    (seen, binding)
}

fn run(code: &str, options: Options) -> Outcome {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let sandbox = Sandbox::new(options);
    let _guard = HangGuard::new(&sandbox);
    sandbox.run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole))
}

/// Runs `code` with the tools of `binding` and `tool_limits`.
fn run_tools(code: &str, binding: ToolBinding, tool_limits: ToolLimits) -> Outcome {
    run(code, Options { tools: vec![binding], tool_limits, ..Options::default() })
}

fn json(outcome: &Outcome) -> serde_json::Value {
    match &outcome.result {
        Ok(Some(json)) => serde_json::from_str(json.get()).expect("the result is JSON"),
        Ok(None) => serde_json::Value::Null,
        Err(error) => panic!("the run failed: {error:?}"),
    }
}

fn calls(seen: &Seen) -> Vec<ToolCall> {
    seen.calls.lock().unwrap().clone()
}

/// Waits (a few seconds at most) until `done` holds: a dropped future is dropped on the
/// tokio thread, just after the run returns.
fn eventually(done: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    done()
}

/// `{name, message}` of what a call rejected with, from inside the sandbox.
const CAUGHT: &str = "async function caught(promise) {
  try { await promise; return 'resolved'; }
  catch (error) { return { name: error.name, message: error.message, isError: error instanceof Error }; }
}";

// ---- Values ------------------------------------------------------------------------------

/// An argument reaches the host as plain data with binary kept as bytes, and the result comes
/// back as plain values with bytes as a Uint8Array.
#[test]
fn values_cross_both_ways() {
    let (seen, binding) = host();
    let code = "export default async (env) => {
      const sent = { text: 'héllo', number: 1.5, flag: true, nothing: null, skipped: undefined,
        list: [1, undefined, 'two'], bytes: new Uint8Array([1, 2, 3]), buffer: new Uint16Array([258]).buffer,
        view: new DataView(new Uint8Array([9, 8]).buffer), nested: { deeper: [{}] } };
      const back = await env.t.echo(sent);
      const binary = await env.t.binary();
      return { back: { ...back, bytes: Array.from(back.bytes), buffer: Array.from(back.buffer), view: Array.from(back.view) },
        bytesIsUint8Array: back.bytes instanceof Uint8Array, prototype: Object.getPrototypeOf(back) === Object.prototype,
        binary: [binary instanceof Uint8Array, binary.length, binary[255]] };
    }";
    let outcome = run_tools(code, binding, ToolLimits::default());
    assert_eq!(
        json(&outcome),
        serde_json::json!({
            "back": { "text": "héllo", "number": 1.5, "flag": true, "nothing": null, "list": [1, null, "two"],
                "bytes": [1, 2, 3], "buffer": [2, 1], "view": [9, 8], "nested": { "deeper": [{}] } },
            "bytesIsUint8Array": true, "prototype": true, "binary": [true, 256, 255]
        })
    );
    let calls = calls(&seen);
    assert_eq!(calls[0].binding, "t");
    assert_eq!(calls[0].tool, "echo");
    let ToolValue::Object(entries) = &calls[0].arguments else { panic!("an object: {:?}", calls[0].arguments) };
    let keys: Vec<&str> = entries.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["text", "number", "flag", "nothing", "list", "bytes", "buffer", "view", "nested"]);
    assert_eq!(entries[5].1, ToolValue::Bytes(vec![1, 2, 3]));
    assert_eq!(
        entries[4].1,
        ToolValue::Array(vec![ToolValue::Number(1.0), ToolValue::Null, ToolValue::String("two".into())])
    );
    assert_eq!(calls[1].arguments, ToolValue::Object(Vec::new()), "no argument is {{}}");
    assert_eq!(outcome.tool_calls.len(), 2);
    assert_eq!(outcome.tool_calls[0].outcome, ToolCallOutcome::Ok);
    assert_eq!(outcome.tool_calls[1].bytes, 256 + 8, "the size of 256 bytes");
    assert!(outcome.stats.scripts_loaded.contains(&"sandbox:internal/tools/tools.js"));
}

/// A key named `__proto__` is an own property both ways, and a key given twice takes its last
/// value in the sandbox.
#[test]
fn keys_are_data() {
    let seen = Arc::new(Seen::default());
    struct Fixed;
    impl ToolHost for Fixed {
        fn call(&self, _call: ToolCall, _context: ToolContext) -> ToolFuture {
            Box::pin(async {
                Ok(ToolValue::Object(vec![
                    ("__proto__".into(), ToolValue::Number(1.0)),
                    ("twice".into(), ToolValue::Number(1.0)),
                    ("twice".into(), ToolValue::Number(2.0)),
                ]))
            })
        }
    }
    let binding = ToolBinding { name: "t".into(), tools: vec![ToolSpec { name: "get".into() }], host: Arc::new(Fixed) };
    let code = "export default async (env) => {
      const value = await env.t.get(JSON.parse('{\"__proto__\": {\"polluted\": 1}}'));
      return { own: Object.getOwnPropertyNames(value), proto: Object.getPrototypeOf(value) === Object.prototype,
        polluted: ({}).polluted === undefined, twice: value.twice };
    }";
    let outcome = run_tools(code, binding, ToolLimits::default());
    assert_eq!(
        json(&outcome),
        serde_json::json!({ "own": ["__proto__", "twice"], "proto": true, "polluted": true, "twice": 2 })
    );
    drop(seen);
}

/// `env.t` is a frozen object with one method per tool, named as the tool; with
/// `tool_globals` it is also a global `t`, and without it there is no such global.
#[test]
fn bindings_are_frozen_objects_and_optional_globals() {
    let (_, binding) = host();
    let code = "export default async (env) => ({
      frozen: Object.isFrozen(env.t), names: Object.keys(env.t).slice(0, 3), name: env.t.echo.name,
      constructible: (() => { try { new env.t.echo(); return true; } catch { return false; } })(),
      global: typeof t, same: typeof t === 'object' && t === env.t,
      enumerable: Object.getOwnPropertyDescriptor(globalThis, 't')?.enumerable ?? null,
      viaGlobal: typeof t === 'object' ? (await t.echo({ a: 1 })).a : null })";
    let with_globals = run(code, Options { tools: vec![binding.clone()], tool_globals: true, ..Options::default() });
    assert_eq!(
        json(&with_globals),
        serde_json::json!({ "frozen": true, "names": ["echo", "slow", "fail"], "name": "echo", "constructible": false,
            "global": "object", "same": true, "enumerable": false, "viaGlobal": 1 })
    );
    let without = run(code, Options { tools: vec![binding], ..Options::default() });
    assert_eq!(json(&without)["global"], "undefined");
}

/// A failure rejects with an Error named by the failure, its message saying which tool failed
/// (cut at 64 KiB); a host that panics fails its call and nothing else.
#[test]
fn failures_are_errors_named_by_the_failure() {
    let (_, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => [await caught(env.t.fail()), await caught(env.t.panic()), (await env.t.echo({{ ok: 1 }})).ok,
          (await caught(env.t.fail({{ size: 100000 }}))).message.length]"
    );
    let outcome = run_tools(&code, binding, ToolLimits::default());
    assert_eq!(
        json(&outcome),
        serde_json::json!([
            { "name": "ToolError", "message": "t.fail: the repository does not exist", "isError": true },
            { "name": "Error", "message": "t.panic: the tool's host failed (it panicked)", "isError": true },
            1,
            "t.fail: ".len() + 65536 + 1
        ])
    );
    assert_eq!(outcome.tool_calls[0].outcome, ToolCallOutcome::Failed("the repository does not exist".into()));
}

// ---- Limits ------------------------------------------------------------------------------

/// Calls after `max_calls` are refused with a RangeError before they reach the host, and
/// recorded once.
#[test]
fn calls_per_run_are_limited() {
    let (seen, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => {{ const out = []; for (let i = 0; i < 5; i++) out.push(await caught(env.t.echo({{ i }}))); return out; }}"
    );
    let outcome = run_tools(&code, binding, ToolLimits { max_calls: 3, ..ToolLimits::default() });
    let result = json(&outcome);
    assert_eq!(result[0], "resolved");
    assert_eq!(result[2], "resolved");
    assert_eq!(
        result[3],
        serde_json::json!({ "name": "RangeError", "message": "t.echo: a run may make at most 3 tool calls", "isError": true })
    );
    assert_eq!(result[4]["name"], "RangeError");
    assert_eq!(calls(&seen).len(), 3, "the host saw only the calls within the limit");
    let outcomes: Vec<_> = outcome.tool_calls.iter().map(|record| record.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        [
            ToolCallOutcome::Ok,
            ToolCallOutcome::Ok,
            ToolCallOutcome::Ok,
            ToolCallOutcome::Refused("a run may make at most 3 tool calls".into())
        ]
    );
}

/// At most `max_in_flight` calls run on the host at once, measured there; the others wait
/// and all finish.
#[test]
fn calls_in_flight_are_limited() {
    let (seen, binding) = host();
    let code = "export default async (env) => (await Promise.all(Array.from({ length: 8 }, (_, i) => env.t.slow({ ms: 40, i })))).map((r) => r.i)";
    let outcome = run_tools(code, binding, ToolLimits { max_in_flight: 2, ..ToolLimits::default() });
    assert_eq!(json(&outcome), serde_json::json!([0, 1, 2, 3, 4, 5, 6, 7]));
    assert_eq!(seen.most_running.load(Ordering::SeqCst), 2);
    assert!(outcome.tool_calls.iter().all(|record| record.outcome == ToolCallOutcome::Ok));

    let (seen, binding) = host();
    let outcome = run_tools(code, binding, ToolLimits::default());
    assert_eq!(json(&outcome), serde_json::json!([0, 1, 2, 3, 4, 5, 6, 7]));
    assert_eq!(seen.most_running.load(Ordering::SeqCst), 8, "all at once under the default of 16");

    let (seen, binding) = host();
    let code = format!("{CAUGHT}\nexport default async (env) => caught(env.t.echo())");
    let outcome = run_tools(&code, binding, ToolLimits { max_in_flight: 0, ..ToolLimits::default() });
    assert_eq!(
        json(&outcome),
        serde_json::json!({ "name": "RangeError", "message": "t.echo: no tool calls may be in flight in this run", "isError": true })
    );
    assert!(calls(&seen).is_empty(), "0 in flight refuses every call");
}

/// A result larger than `max_result_bytes` is refused with a RangeError naming the limit; one
/// within it arrives whole.
#[test]
fn result_size_is_limited() {
    let (_, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => [(await env.t.huge({{ size: 900 }})).length, await caught(env.t.huge({{ size: 2000 }}))]"
    );
    let outcome = run_tools(&code, binding, ToolLimits { max_result_bytes: 1000, ..ToolLimits::default() });
    assert_eq!(
        json(&outcome),
        serde_json::json!([900, { "name": "RangeError", "message": "t.huge: the result is 2.0KiB, more than the 1000B a tool's result may be", "isError": true }])
    );
    assert_eq!(outcome.tool_calls[1].bytes, 2008);
    assert!(matches!(outcome.tool_calls[1].outcome, ToolCallOutcome::Refused(_)));
}

/// A call that does not answer within the timeout rejects with a TimeoutError, and the host's
/// future is dropped.
#[test]
fn calls_time_out() {
    let (seen, binding) = host();
    let code = format!("{CAUGHT}\nexport default async (env) => caught(env.t.never())");
    let outcome =
        run_tools(&code, binding, ToolLimits { timeout: Duration::from_millis(200), ..ToolLimits::default() });
    assert_eq!(
        json(&outcome),
        serde_json::json!({ "name": "TimeoutError", "message": "t.never: the tool did not answer within 200ms", "isError": true })
    );
    assert_eq!(seen.dropped.load(Ordering::SeqCst), 1, "the future was dropped before the code heard");
    assert_eq!(outcome.tool_calls[0].outcome, ToolCallOutcome::TimedOut);
    assert!(outcome.tool_calls[0].duration >= Duration::from_millis(200));
}

/// Memory a result takes counts against the run's budget: bytes within `max_result_bytes` but
/// over the memory limit stop the run at its memory limit.
#[test]
fn results_count_against_memory() {
    let (_, binding) = host();
    let options = Options {
        tools: vec![binding],
        tool_limits: ToolLimits { max_result_bytes: 512 << 20, ..ToolLimits::default() },
        limits: Limits { heap_bytes: 64 << 20, ..Limits::default() },
        ..Options::default()
    };
    let outcome = run("export default async (env) => (await env.t.bytes({ size: 100 * 1024 * 1024 })).length", options);
    assert!(matches!(outcome.result, Err(RunError::LimitExceeded(Limit::Memory(_)))), "{:?}", outcome.result);
}

/// 10,000 calls one after another all arrive, in order, and are all recorded.
#[test]
fn ten_thousand_sequential_calls() {
    let (seen, binding) = host();
    let code = "export default async (env) => { let sum = 0; for (let i = 0; i < 10000; i++) sum += (await env.t.echo({ i })).i; return sum; }";
    let outcome = run_tools(code, binding, ToolLimits { max_calls: 10_000, ..ToolLimits::default() });
    assert_eq!(json(&outcome), serde_json::json!(49_995_000));
    assert_eq!(calls(&seen).len(), 10_000);
    assert_eq!(outcome.tool_calls.len(), 10_000);
    assert!(outcome.tool_calls.iter().all(|record| record.outcome == ToolCallOutcome::Ok));
}

/// A result nested deeper than 256 levels is refused; 200 levels arrive.
#[test]
fn deep_results_are_refused() {
    let (_, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => {{ let value = await env.t.deep({{ depth: 200 }}); let depth = 1; while (Array.isArray(value)) {{ value = value[0]; depth++; }} return [depth, await caught(env.t.deep({{ depth: 300 }}))]; }}"
    );
    let outcome = run_tools(&code, binding, ToolLimits::default());
    assert_eq!(
        json(&outcome),
        serde_json::json!([200, { "name": "RangeError", "message": "t.deep: the result is nested more than 256 levels deep", "isError": true }])
    );
}

// ---- The end of the run ---------------------------------------------------------------------

/// Calls the code did not await fail the run with an error that says to await them, and are
/// cancelled: the running one's future is dropped, the queued one never reaches the host.
#[test]
fn pending_calls_are_cancelled_at_the_end() {
    let (seen, binding) = host();
    let code = "export default async (env) => { env.t.never(); env.t.echo({ late: true }); return 1; }";
    let outcome = run_tools(code, binding, ToolLimits { max_in_flight: 1, ..ToolLimits::default() });
    match &outcome.result {
        Err(error @ RunError::PendingToolCalls { calls }) => {
            assert_eq!(calls, &["t.never", "t.echo"]);
            assert_eq!(
                error.to_string(),
                "The code returned while 2 tool calls were still pending (`t.never`, `t.echo`); they were cancelled. Await every tool call before returning, as in `await t.never(...)` or `await Promise.all([...])`"
            );
        }
        other => panic!("expected PendingToolCalls, got {other:?}"),
    }
    assert!(eventually(|| seen.dropped.load(Ordering::SeqCst) == 1), "the host's future was dropped");
    assert_eq!(calls(&seen).len(), 1, "the queued call never reached the host");
    let outcomes: Vec<_> = outcome.tool_calls.iter().map(|record| record.outcome.clone()).collect();
    assert_eq!(outcomes, [ToolCallOutcome::Cancelled, ToolCallOutcome::Cancelled]);
}

/// A call handed to `ctx.waitUntil` keeps the run going until it ends, as a timer would.
#[test]
fn wait_until_waits_for_calls() {
    let (_, binding) = host();
    let code = "export default { run(env, ctx) { ctx.waitUntil(env.t.slow({ ms: 50 })); return 'returned'; } }";
    let outcome = run_tools(code, binding, ToolLimits::default());
    assert_eq!(json(&outcome), serde_json::json!("returned"));
    assert_eq!(outcome.tool_calls[0].outcome, ToolCallOutcome::Ok);
}

/// A run that awaits a call that never answers ends at its wall-clock limit, and the call is
/// cancelled.
#[test]
fn wall_limit_ends_a_run_waiting_for_a_tool() {
    let (seen, binding) = host();
    let options = Options {
        tools: vec![binding],
        limits: Limits { wall_time: Duration::from_millis(300), ..Limits::default() },
        ..Options::default()
    };
    let outcome = run("export default async (env) => env.t.never()", options);
    assert!(matches!(outcome.result, Err(RunError::LimitExceeded(Limit::WallTime(_)))), "{:?}", outcome.result);
    assert_eq!(outcome.tool_calls[0].outcome, ToolCallOutcome::Cancelled);
    assert!(eventually(|| seen.dropped.load(Ordering::SeqCst) == 1), "the host's future was dropped");
}

// ---- Hostile arguments ---------------------------------------------------------------------

/// Values a tool cannot take are refused with a TypeError that names where they are, before
/// the call leaves the sandbox: cycles, functions, symbols, BigInts, NaN, class instances,
/// Dates, proxies (whose traps never run), nesting deeper than 64, and more than one argument.
#[test]
fn unsupported_arguments_are_type_errors() {
    let (seen, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => {{
          const cycle = {{ a: {{}} }}; cycle.a.back = cycle;
          const list = [1]; list.push(list);
          let trapped = false;
          const proxy = new Proxy({{}}, {{ ownKeys() {{ trapped = true; return []; }}, get() {{ trapped = true; }},
            getPrototypeOf() {{ trapped = true; return Object.prototype; }} }});
          class Point {{ constructor() {{ this.x = 1; }} }}
          let deep = {{}}; for (let i = 0; i < 64; i++) deep = {{ deep }};
          let fine = {{}}; for (let i = 0; i < 63; i++) fine = {{ fine }};
          const results = {{}};
          for (const [name, value] of Object.entries({{ cycle, list, proxy, deep, fn: {{ f() {{}} }}, symbol: [Symbol('s')],
            bigint: {{ n: 1n }}, nan: {{ n: NaN }}, infinity: [-Infinity], date: {{ when: new Date(0) }}, point: new Point(),
            map: new Map(), boxed: {{ s: new String('x') }}, odd: {{ 'a b': {{ f: () => 1 }} }} }})) {{
            const error = await caught(env.t.echo(value));
            results[name] = error.name + ': ' + error.message;
          }}
          const two = await caught(env.t.echo({{}}, 2));
          return {{ results, trapped, two: two.message, fine: await caught(env.t.echo(fine)) }};
        }}"
    );
    let outcome = run_tools(&code, binding, ToolLimits::default());
    let result = json(&outcome);
    let expected = serde_json::json!({
        "cycle": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.a.back` is `argument` again, which contains it (a cycle)",
        "list": "TypeError: t.echo: a tool takes plain data and bytes, and `argument[1]` is `argument` again, which contains it (a cycle)",
        "proxy": "TypeError: t.echo: a tool takes plain data and bytes, and `argument` is a Proxy",
        "fn": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.f` is a function",
        "symbol": "TypeError: t.echo: a tool takes plain data and bytes, and `argument[0]` is a Symbol",
        "bigint": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.n` is a BigInt; send it as a string or a number",
        "nan": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.n` is NaN, which JSON cannot hold",
        "infinity": "TypeError: t.echo: a tool takes plain data and bytes, and `argument[0]` is -Infinity, which JSON cannot hold",
        "date": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.when` is a Date; send a string, such as `date.toISOString()`",
        "point": "TypeError: t.echo: a tool takes plain data and bytes, and `argument` is an instance of `Point`, not a plain object",
        "map": "TypeError: t.echo: a tool takes plain data and bytes, and `argument` is a Map; send a plain object, such as `Object.fromEntries(map)`",
        "boxed": "TypeError: t.echo: a tool takes plain data and bytes, and `argument.s` is a String object; send the primitive value",
        "odd": "TypeError: t.echo: a tool takes plain data and bytes, and `argument[\"a b\"].f` is a function",
    });
    let mut results = result["results"].clone();
    let deep = results.as_object_mut().unwrap().remove("deep").unwrap();
    assert_eq!(results, expected);
    let deep = deep.as_str().unwrap();
    assert!(
        deep.starts_with("TypeError: t.echo: a tool takes plain data and bytes, and `argument.deep.deep."),
        "{deep}"
    );
    assert!(deep.ends_with("is nested more than 64 levels deep"), "{deep}");
    assert_eq!(result["trapped"], false, "no trap of the proxy ran");
    assert_eq!(result["two"], "t.echo: a tool takes one argument, an object of its parameters, and was given 2");
    assert_eq!(result["fine"], "resolved", "64 levels are allowed");
    assert_eq!(calls(&seen).len(), 1, "only the 64 levels reached the host");
    assert_eq!(outcome.tool_calls.len(), 1, "refused arguments are not calls");
}

/// A getter runs as `JSON.stringify` would run it: if it throws, the call rejects with what
/// it threw and never reaches the host; a getter that calls a tool itself works.
#[test]
fn getters_run_and_may_throw() {
    let (seen, binding) = host();
    let code = format!(
        "{CAUGHT}
        export default async (env) => {{
          const thrown = await caught(env.t.echo({{ get x() {{ throw new RangeError('boom'); }} }}));
          let inner;
          const outer = await env.t.echo({{ get x() {{ inner = env.t.echo({{ inner: 1 }}); return 2; }} }});
          return [thrown, outer.x, (await inner).inner];
        }}"
    );
    let outcome = run_tools(&code, binding, ToolLimits::default());
    assert_eq!(json(&outcome), serde_json::json!([{ "name": "RangeError", "message": "boom", "isError": true }, 2, 1]));
    let seen_calls = calls(&seen);
    assert_eq!(seen_calls.len(), 2);
    assert_eq!(seen_calls[0].arguments, ToolValue::Object(vec![("inner".into(), ToolValue::Number(1.0))]));
}

/// A long string arrives whole (read from V8 in chunks); a string made by concatenation
/// whose copy would not fit the memory limit stops the run at that limit, without being
/// flattened first; so does an array of four billion holes.
#[test]
fn huge_arguments() {
    let (_, binding) = host();
    let code = "export default async (env) => env.t.length({ text: 'é'.repeat(3 * 1024 * 1024) + '\u{1F600}' })";
    let outcome = run_tools(code, binding.clone(), ToolLimits::default());
    assert_eq!(json(&outcome), serde_json::json!(3 * 1024 * 1024 + 1));

    let rope = "export default async (env) => { let s = 'ab'; for (let i = 0; i < 27; i++) s += s; return env.t.length({ text: s }); }";
    let outcome = run_tools(rope, binding.clone(), ToolLimits::default());
    assert!(matches!(outcome.result, Err(RunError::LimitExceeded(Limit::Memory(_)))), "{:?}", outcome.result);

    let holes = "export default async (env) => env.t.echo(new Array(2 ** 32 - 1))";
    let outcome = run_tools(holes, binding, ToolLimits::default());
    assert!(matches!(outcome.result, Err(RunError::LimitExceeded(Limit::Memory(_)))), "{:?}", outcome.result);
}

// ---- Bindings ----------------------------------------------------------------------------------

/// Two bindings of one name fail the run, and so does a global binding named like one of the
/// runtime's globals.
#[test]
fn binding_names_must_not_clash() {
    let (_, binding) = host();
    let options =
        Options { env: vec![("t".into(), "text".into())], tools: vec![binding.clone()], ..Options::default() };
    let outcome = run("export default () => 1", options);
    assert!(
        matches!(&outcome.result, Err(RunError::BindingClash { name, global: false }) if name == "t"),
        "{:?}",
        outcome.result
    );
    let console = ToolBinding { name: "console".into(), ..binding };
    let outcome =
        run("export default () => 1", Options { tools: vec![console], tool_globals: true, ..Options::default() });
    assert!(
        matches!(&outcome.result, Err(RunError::BindingClash { name, global: true }) if name == "console"),
        "{:?}",
        outcome.result
    );
}

/// A run without tools or services loads none of their scripts.
#[test]
fn a_run_without_tools_loads_nothing_of_them() {
    let outcome = run("export default () => 'hello'", Options::default());
    assert_eq!(json(&outcome), serde_json::json!("hello"));
    assert!(outcome.stats.scripts_loaded.is_empty(), "{:?}", outcome.stats.scripts_loaded);
    assert!(outcome.tool_calls.is_empty());
}

// ---- Services ------------------------------------------------------------------------------------

/// An HTTP service on 127.0.0.1 that answers every request with what it received, as JSON
/// (`.../redirect?to=URL` redirects instead), and remembers the paths it was asked for.
struct Service {
    address: SocketAddr,
    paths: Arc<Mutex<Vec<String>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Service {
    fn start() -> Service {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let address = listener.local_addr().unwrap();
        let paths = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&paths);
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let log = Arc::clone(&log);
                        async move { Ok::<_, Infallible>(answer(request, &log).await) }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        Service { address, paths, _runtime: runtime }
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

async fn answer(
    request: hyper::Request<hyper::body::Incoming>,
    log: &Mutex<Vec<String>>,
) -> hyper::Response<Full<Bytes>> {
    let path = request.uri().path_and_query().map(ToString::to_string).unwrap_or_default();
    log.lock().unwrap().push(path.clone());
    if let Some((_, target)) = path.split_once("/redirect?to=") {
        return hyper::Response::builder()
            .status(302)
            .header("location", target)
            .body(Full::new(Bytes::new()))
            .unwrap();
    }
    let method = request.method().to_string();
    let authorization =
        request.headers().get("authorization").map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let body = request.into_body().collect().await.map(|body| body.to_bytes()).unwrap_or_default();
    let echo = serde_json::json!({ "method": method, "path": path, "authorization": authorization,
        "body": String::from_utf8_lossy(&body) });
    hyper::Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(echo.to_string())))
        .unwrap()
}

const TOKEN: &str = "Bearer tools-test-credential-4f9a";

fn service_options(service: &Service, allow: &[&str]) -> Options {
    Options {
        services: vec![ServiceBinding { name: "SVC".into(), base: format!("{}/api/", service.url()).parse().unwrap() }],
        outbound: OutboundPolicy {
            allow: allow.iter().map(|host| host.parse().unwrap()).collect(),
            inject: vec![HeaderInjection {
                host: service.address.to_string().parse().unwrap(),
                name: "Authorization".into(),
                value: TOKEN.into(),
            }],
            ..OutboundPolicy::default()
        },
        ..Options::default()
    }
}

/// `env.SVC.fetch` reaches the service's base with no allow-list, the path and query under
/// the base's path, with the injected credential, scrubbed from what the code reads; the
/// response reports the URL the code asked for, and the request is logged as a subrequest.
#[test]
fn services_need_no_allow_list_and_get_credentials() {
    let service = Service::start();
    let code = "export default async (env) => {
      const response = await env.SVC.fetch('https://billing.example/v1/items?x=1', { method: 'POST', body: 'hi' });
      const relative = await (await env.SVC.fetch('/v1/ping')).json();
      return { status: response.status, url: response.url, echo: await response.json(), relative: relative.path,
        keys: Object.keys(env.SVC), connect: typeof env.SVC.connect };
    }";
    let outcome = run(code, service_options(&service, &[]));
    assert_eq!(
        json(&outcome),
        serde_json::json!({ "status": 200, "url": "https://billing.example/v1/items?x=1",
            "echo": { "method": "POST", "path": "/api/v1/items?x=1", "authorization": REDACTED, "body": "hi" },
            "relative": "/api/v1/ping", "keys": ["fetch"], "connect": "undefined" })
    );
    assert_eq!(service.paths(), ["/api/v1/items?x=1", "/api/v1/ping"]);
    assert_eq!(outcome.subrequests.len(), 2);
    assert_eq!(outcome.subrequests[0].url, format!("{}/api/v1/items?x=…", service.url()));
    assert_eq!(outcome.subrequests[0].status, Some(200));
    assert!(!format!("{outcome:?}").contains("tools-test-credential"), "the credential is in the outcome");
}

/// The allow-list still applies to everything but the service: the code's own `fetch` to the
/// same server, and a redirect from the service to another origin, are refused.
#[test]
fn the_allow_list_still_applies_elsewhere() {
    let service = Service::start();
    let other = format!("http://localhost:{}/elsewhere", service.address.port());
    let code = format!(
        "{CAUGHT}
        export default async (env) => [await caught(fetch('{url}/direct')), await caught(env.SVC.fetch('/redirect?to={other}'))]",
        url = service.url()
    );
    let outcome = run(&code, service_options(&service, &["example.com"]));
    let result = json(&outcome);
    assert_eq!(result[0]["name"], "TypeError");
    assert!(result[0]["message"].as_str().unwrap().contains("is not an allowed host"), "{result}");
    assert!(result[1]["message"].as_str().unwrap().starts_with("Redirected to a host that is not allowed"), "{result}");
    assert_eq!(service.paths(), [format!("/api/redirect?to={other}")], "nothing else reached the server");
}

/// With `tool_globals`, a service is a global too.
#[test]
fn services_are_globals_with_tool_globals() {
    let service = Service::start();
    let options = Options { tool_globals: true, ..service_options(&service, &[]) };
    let outcome = run("export default async () => (await (await SVC.fetch('/g')).json()).path", options);
    assert_eq!(json(&outcome), serde_json::json!("/api/g"));
}

/// A tool host's `context.fetch` goes through the run's outbound policy: refused without the
/// allow-list, and with it the credential is injected, scrubbed from what the host gets, and
/// the request logged as a subrequest.
#[test]
fn tool_hosts_fetch_through_the_policy() {
    let service = Service::start();
    let code = format!(
        "{CAUGHT}
        export default async (env) => [await caught(env.t.fetch({{ url: '{url}/refused' }})), await env.t.fetch({{ url: '{url}/allowed' }}).catch((error) => error.message)]",
        url = service.url()
    );
    let (_, binding) = host();
    let refusing = Options { tools: vec![binding], ..service_options(&service, &[]) };
    let outcome = run(&code, refusing);
    let result = json(&outcome);
    assert_eq!(result[0]["name"], "FetchError");
    assert!(result[0]["message"].as_str().unwrap().starts_with("t.fetch: Network access is disabled"), "{result}");
    assert!(service.paths().is_empty(), "nothing reached the server: {:?}", service.paths());

    let (_, binding) = host();
    let host_name = service.address.to_string();
    let allowing = Options { tools: vec![binding], ..service_options(&service, &[host_name.as_str()]) };
    let outcome = run(&code, allowing);
    let result = json(&outcome);
    assert_eq!(result[1]["status"], 200);
    let echo: serde_json::Value = serde_json::from_str(result[1]["body"].as_str().unwrap()).unwrap();
    assert_eq!(echo["authorization"], REDACTED, "the host got the credential scrubbed");
    assert_eq!(echo["path"], "/allowed");
    assert!(outcome.subrequests.iter().any(|request| request.url.ends_with("/allowed")), "{:?}", outcome.subrequests);
}

/// Code that replaced the builtins the tools' runtime uses (at its top level, after the
/// bindings were made) changes nothing of how calls work, and none of its replacements is
/// called.
#[test]
fn patched_builtins_do_not_change_tools() {
    let (_, binding) = host();
    let code = "
      const called = [];
      const patch = (object, name) => { const original = object[name]; object[name] = function () { called.push(name); return original.apply(this, arguments); }; };
      patch(Map.prototype, 'set'); patch(Map.prototype, 'get'); patch(Map.prototype, 'delete');
      patch(Object, 'defineProperty'); patch(Object, 'freeze'); patch(Array.prototype, 'push');
      globalThis.Promise = function () { called.push('Promise'); throw new Error('patched'); };
      globalThis.Error = function () { called.push('Error'); };
      globalThis.TypeError = function () { called.push('TypeError'); };
      export default async (env) => {
        const echoed = await env.t.echo({ a: 1 });
        let failed; try { await env.t.fail(); } catch (error) { failed = error.name; }
        let refused; try { await env.t.echo({ f() {} }); } catch (error) { refused = error.name; }
        return { echoed: echoed.a, failed, refused, called };
      }";
    let outcome = run_tools(code, binding, ToolLimits::default());
    assert_eq!(
        json(&outcome),
        serde_json::json!({ "echoed": 1, "failed": "ToolError", "refused": "TypeError", "called": [] })
    );
}
