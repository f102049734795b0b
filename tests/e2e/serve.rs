//! `sandbox serve`, the real binary over real sockets: many requests at once with their
//! results checked, fresh isolates, limits per request, the server's refusals (401, 413,
//! 429, 400 with a position), workers kept by id, graceful shutdown, metrics, logs, traces,
//! credentials kept server-side, and a 10,000-request soak whose memory stays flat.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::TestContext;
use crate::support::http::TestServer;
use crate::support::serve::{Answer, Server};

fn server(args: &[&str]) -> (TestContext, Server) {
    let context = TestContext::new();
    let server = Server::start(context.sandbox(), args);
    (context, server)
}

fn run_json(server: &Server, body: &Value) -> (u16, Value) {
    let answer = server.run(&body.to_string(), &[]);
    (answer.status, answer.json())
}

/// Hello: agent code and a module map give the `--json` envelope of `sandbox run`.
#[test]
fn runs_code_and_module_maps() {
    let (_context, server) = server(&[]);
    let (status, answer) = run_json(&server, &json!({ "code": "return 6 * 7" }));
    assert_eq!(status, 200);
    assert_eq!(answer["ok"], true);
    assert_eq!(answer["result"], 42);
    assert!(answer["stats"]["wall_ms"].is_number());
    let map = json!({
        "mainModule": "index.js",
        "modules": { "index.js": "import { twice } from './lib.js'; export default { greet(name, env) { console.log('hi'); return `${env.GREETING} ${name} ${twice(2)}` } }",
                     "lib.js": "export const twice = (n) => n * 2" },
        "method": "greet", "args": ["Ada"], "env": { "GREETING": "Hello" }
    });
    let (status, answer) = run_json(&server, &map);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["result"], "Hello Ada 4");
    assert_eq!(answer["logs"], json!([{ "level": "log", "message": "hi" }]));
    // TypeScript, as agents write it.
    let (_, answer) = run_json(&server, &json!({ "code": "const n: number = 5;\nn * 2" }));
    assert_eq!(answer["result"], 10, "{answer}");
    // The code's own failure is an answer, with the position in the code.
    let (status, answer) = run_json(&server, &json!({ "code": "const x = 1;\nthrow new TypeError('bad')" }));
    assert_eq!(status, 200);
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["error"]["name"], "TypeError");
    assert_eq!(
        (answer["error"]["file"].as_str(), answer["error"]["line"].as_u64()),
        (Some("<code>"), Some(2)),
        "{answer}"
    );
}

/// At least 200 requests in flight at once, each with its own, checked, result: two slow
/// runs hold both threads while 250 requests arrive, so all of them wait at once.
#[test]
fn two_hundred_requests_in_flight_each_get_their_result() {
    let (_context, server) = server(&["--queue", "1000", "--threads", "2"]);
    let blockers: Vec<_> = (0..2)
        .map(|_| {
            let address = server.address;
            std::thread::spawn(move || {
                let body =
                    json!({ "code": "await new Promise((resolve) => setTimeout(resolve, 4000)); return 'held'" });
                crate::support::serve::Connection::open(address).send(
                    "POST",
                    "/v1/run",
                    &[],
                    body.to_string().as_bytes(),
                )
            })
        })
        .collect();
    wait_for_metric(&server, "sandbox_running", 2.0);
    let requests = 250;
    let threads: Vec<_> = (0..requests)
        .map(|index| {
            let address = server.address;
            std::thread::spawn(move || {
                let body = json!({ "code": format!("return [{index}, {index} * 3, typeof globalThis.seen]") });
                (
                    index,
                    crate::support::serve::Connection::open(address).send(
                        "POST",
                        "/v1/run",
                        &[],
                        body.to_string().as_bytes(),
                    ),
                )
            })
        })
        .collect();
    // The metrics request itself is in flight too.
    let most = wait_for_metric_at_least(&server, "sandbox_in_flight_requests", 201.0);
    assert!(most >= 201.0);
    for blocker in blockers {
        assert_eq!(blocker.join().unwrap().json()["result"], "held");
    }
    for thread in threads {
        let (index, answer) = thread.join().unwrap();
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.json()["result"], json!([index, index * 3, "undefined"]), "request {index}");
    }
}

/// No isolate is ever used twice: what one request leaves in its global scope, no other
/// request sees, whether its isolate was made ahead or for it.
#[test]
fn a_global_set_by_one_request_is_invisible_to_all_others() {
    let (_context, server) = server(&["--threads", "2", "--queue", "500"]);
    let code = "const seen = [globalThis.leaked ?? null, Object.prototype.polluted ?? null, typeof globalThis.fetch];\n\
                globalThis.leaked = Math.random(); Object.prototype.polluted = 'yes'; globalThis.fetch = null;\n\
                return seen";
    let threads: Vec<_> = (0..120)
        .map(|index| {
            let address = server.address;
            std::thread::spawn(move || {
                // Some with a lower memory limit, whose isolates are made for them.
                let body = if index % 3 == 0 {
                    json!({ "code": code, "limits": { "memory": "32MB" } })
                } else {
                    json!({ "code": code })
                };
                crate::support::serve::Connection::open(address).send(
                    "POST",
                    "/v1/run",
                    &[],
                    body.to_string().as_bytes(),
                )
            })
        })
        .collect();
    for thread in threads {
        let answer = thread.join().unwrap();
        assert_eq!(answer.json()["result"], json!([null, null, "function"]), "{}", answer.text());
    }
    let log = server.log();
    assert!(log.iter().any(|line| line.contains("\"isolate\":\"warm\"")), "some ran in isolates made ahead");
    assert!(log.iter().any(|line| line.contains("\"isolate\":\"cold\"")), "some ran in isolates made for them");
}

/// A runaway loop and a memory bomb are stopped by their own limits, while the other
/// requests sent with them complete.
#[test]
fn limits_hold_per_request_while_others_complete() {
    let (_context, server) = server(&["--threads", "2", "--queue", "500"]);
    let spin = {
        let address = server.address;
        std::thread::spawn(move || {
            let body = json!({ "code": "for (;;) {}", "limits": { "cpuTime": "300ms" } });
            crate::support::serve::Connection::open(address).send("POST", "/v1/run", &[], body.to_string().as_bytes())
        })
    };
    let bomb = {
        let address = server.address;
        std::thread::spawn(move || {
            let body = json!({ "code": "const keep = []; for (;;) keep.push('x'.repeat(1 << 16) + keep.length)", "limits": { "memory": "16MB" } });
            crate::support::serve::Connection::open(address).send("POST", "/v1/run", &[], body.to_string().as_bytes())
        })
    };
    let others: Vec<_> = (0..40)
        .map(|index| {
            let address = server.address;
            std::thread::spawn(move || {
                let body = json!({ "code": format!("return {index} + 1") });
                (
                    index,
                    crate::support::serve::Connection::open(address).send(
                        "POST",
                        "/v1/run",
                        &[],
                        body.to_string().as_bytes(),
                    ),
                )
            })
        })
        .collect();
    for thread in others {
        let (index, answer) = thread.join().unwrap();
        assert_eq!(answer.json()["result"], json!(index + 1));
    }
    let spin = spin.join().unwrap().json();
    assert_eq!(
        (spin["error"]["code"].as_str(), spin["error"]["limit"].as_str()),
        (Some("limit"), Some("cpu_time")),
        "{spin}"
    );
    assert_eq!(spin["error"]["limit_value"], "300ms");
    assert!(spin["error"]["hint"].as_str().unwrap().contains("`limits`"), "{spin}");
    let bomb = bomb.join().unwrap().json();
    assert_eq!(
        (bomb["error"]["limit"].as_str(), bomb["error"]["limit_value"].as_str()),
        (Some("memory"), Some("16MiB")),
        "{bomb}"
    );
    // A request cannot raise a limit above the server's.
    let (_low_context, low) = self::server(&["--cpu-time", "200ms"]);
    let (_, answer) = run_json(&low, &json!({ "code": "for (;;) {}", "limits": { "cpuTime": "1h" } }));
    assert_eq!(answer["error"]["limit_value"], "200ms", "{answer}");
}

/// With every thread busy and the queue full, a request is refused at once with 429 and
/// `Retry-After`; so is a token's request beyond its concurrency cap.
#[test]
fn a_full_queue_answers_429() {
    let (_context, server) = server(&["--threads", "1", "--queue", "1", "--warm-isolates", "0"]);
    let slow = |address| {
        std::thread::spawn(move || {
            let body = json!({ "code": "await new Promise((resolve) => setTimeout(resolve, 1500)); return 'slow'" });
            crate::support::serve::Connection::open(address).send("POST", "/v1/run", &[], body.to_string().as_bytes())
        })
    };
    let running = slow(server.address);
    wait_for_metric(&server, "sandbox_running", 1.0);
    let queued = slow(server.address);
    wait_for_metric(&server, "sandbox_queue_depth", 1.0);
    let refused = server.run(&json!({ "code": "return 1" }).to_string(), &[]);
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.json()["error"]["code"], "queue-full");
    assert_eq!(running.join().unwrap().json()["result"], "slow");
    assert_eq!(queued.join().unwrap().json()["result"], "slow");
    assert!(
        server.request("GET", "/metrics", &[], b"").text().contains("sandbox_rejected_total{reason=\"queue_full\"} 1")
    );

    let context = TestContext::new();
    let tokens = context.write("tokens", "token-with-enough-characters-1\n");
    let capped =
        Server::start(context.sandbox(), &["--token-file", tokens.to_str().unwrap(), "--token-concurrency", "1"]);
    let authorization = [("authorization", "Bearer token-with-enough-characters-1")];
    let first = {
        let address = capped.address;
        std::thread::spawn(move || {
            let body = json!({ "code": "await new Promise((resolve) => setTimeout(resolve, 1500)); return 'first'" });
            crate::support::serve::Connection::open(address).send(
                "POST",
                "/v1/run",
                &[("authorization", "Bearer token-with-enough-characters-1")],
                body.to_string().as_bytes(),
            )
        })
    };
    wait_for_metric_with(&capped, "sandbox_running", 1.0, &authorization);
    let second = capped.run(&json!({ "code": "return 2" }).to_string(), &authorization);
    assert_eq!(second.status, 429);
    assert_eq!(second.json()["error"]["code"], "token-concurrency");
    assert_eq!(first.join().unwrap().json()["result"], "first");
}

/// Waits until the gauge `name` is at least `value`; the value seen.
fn wait_for_metric_at_least(server: &Server, name: &str, value: f64) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let metrics = server.request("GET", "/metrics", &[], b"").text();
        let now =
            metrics.lines().find_map(|line| line.strip_prefix(&format!("{name} "))).and_then(|v| v.parse::<f64>().ok());
        if let Some(now) = now.filter(|now| *now >= value) {
            return now;
        }
        assert!(Instant::now() < deadline, "{name} never reached {value}:\n{metrics}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn wait_for_metric(server: &Server, name: &str, value: f64) {
    wait_for_metric_with(server, name, value, &[]);
}

/// Waits until `/metrics` shows the gauge `name` at `value`.
fn wait_for_metric_with(server: &Server, name: &str, value: f64, headers: &[(&str, &str)]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let metrics = server.request("GET", "/metrics", headers, b"").text();
        let now =
            metrics.lines().find_map(|line| line.strip_prefix(&format!("{name} "))).and_then(|v| v.parse::<f64>().ok());
        if now == Some(value) {
            return;
        }
        assert!(Instant::now() < deadline, "{name} never reached {value}:\n{metrics}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Bearer tokens: none or a wrong one is 401 with `WWW-Authenticate`; any of the tokens of
/// the files passes; `/healthz` needs none; no token reaches the log or the code.
#[test]
fn bad_auth_is_401() {
    let context = TestContext::new();
    let first = context.write("a", "# tokens\nfirst-token-0123456789abcdef\n");
    let second = context.write("b", "second-token-0123456789abcdef\n");
    let server = Server::start(
        context.sandbox(),
        &["--token-file", first.to_str().unwrap(), "--token-file", second.to_str().unwrap()],
    );
    let body = json!({ "code": "return 1" }).to_string();
    for headers in [
        vec![],
        vec![("authorization", "Bearer wrong-token-0123456789abcdef")],
        vec![("authorization", "Basic first-token-0123456789abcdef")],
    ] {
        let answer = server.run(&body, &headers);
        assert_eq!(answer.status, 401, "{headers:?}");
        assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
        assert_eq!(answer.json()["error"]["code"], "unauthorized");
    }
    assert_eq!(server.run(&body, &[("authorization", "Bearer first-token-0123456789abcdef")]).status, 200);
    assert_eq!(server.run(&body, &[("authorization", "bearer second-token-0123456789abcdef")]).status, 200);
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 200);
    assert_eq!(server.request("GET", "/metrics", &[], b"").status, 401);
    // The fetch handler never sees the server's token.
    let auth = [("authorization", "Bearer first-token-0123456789abcdef")];
    let worker = json!({ "mainModule": "w.js", "modules": { "w.js": "export default { fetch(request) { return Response.json([...request.headers]) } }" } });
    assert_eq!(server.request("PUT", "/v1/workers/echo", &auth, worker.to_string().as_bytes()).status, 201);
    let seen = server.request("GET", "/v1/workers/echo/fetch/", &[auth[0], ("x-mine", "kept")], b"");
    assert_eq!(seen.status, 200, "{}", seen.text());
    let text = seen.text();
    assert!(text.contains("x-mine") && !text.contains("authorization") && !text.contains("first-token"), "{text}");
    let log = server.log().join("\n");
    assert!(!log.contains("first-token") && !log.contains("second-token"), "{log}");
    // A token too short to be safe, or a non-loopback address without tokens, is refused.
    let short = context.write("short", "tiny\n");
    let output =
        crate::support::output(context.sandbox().args(["serve", "--token-file", short.to_str().unwrap()]), None);
    assert_eq!(output.status.code(), Some(2));
    let output = crate::support::output(context.sandbox().args(["serve", "--listen", "0.0.0.0:0"]), None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--token-file"));
}

/// A body larger than `--max-body` is 413, whether its length is declared or not.
#[test]
fn an_oversized_body_is_413() {
    let (_context, server) = server(&["--max-body", "1KB"]);
    let large = json!({ "code": format!("return '{}'", "x".repeat(2000)) }).to_string();
    let answer = server.run(&large, &[]);
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json()["error"]["code"], "body-too-large");
    // Chunked, without a length: found while reading.
    let mut stream = std::net::TcpStream::connect(server.address).unwrap();
    use std::io::Write;
    let chunk = "y".repeat(700);
    write!(stream, "POST /v1/run HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n")
        .unwrap();
    for _ in 0..3 {
        write!(stream, "{:x}\r\n{chunk}\r\n", chunk.len()).unwrap();
    }
    write!(stream, "0\r\n\r\n").unwrap();
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert_eq!(server.run(&json!({ "code": "return 1" }).to_string(), &[]).status, 200);
}

/// Malformed JSON, a wrong field and a bad module map are 400, each with its line and
/// column in the body.
#[test]
fn malformed_requests_are_400_with_a_position() {
    let (_context, server) = server(&[]);
    let position = |answer: &Answer| {
        let error = &answer.json()["error"];
        (
            answer.status,
            error["code"].as_str().unwrap_or("").to_owned(),
            error["file"].as_str().map(str::to_owned),
            error["line"].as_u64(),
            error["column"].as_u64(),
        )
    };
    let answer = server.run("{\"code\": \"return 1\",\n  \"args\": [1,,2]}", &[]);
    assert_eq!(
        position(&answer),
        (400, "malformed-json".into(), Some("<request>".into()), Some(2), Some(14)),
        "{}",
        answer.text()
    );
    let answer = server.run("{\"code\": \"return 1\",\n \"limits\": {\"cpuTime\": \"fast\"}}", &[]);
    assert_eq!(
        position(&answer),
        (400, "bad-request".into(), Some("<request>".into()), Some(2), Some(24)),
        "{}",
        answer.text()
    );
    let answer = server.run("{\"code\": 42}", &[]);
    assert_eq!(
        position(&answer),
        (400, "bad-request".into(), Some("<request>".into()), Some(1), Some(10)),
        "{}",
        answer.text()
    );
    // An error inside the module map points into the body as sent.
    let body =
        "{\"method\": \"m\",\n \"mainModule\": \"a.js\",\n \"modules\": {\n  \"a.js\": {\"python\": \"print(1)\"}}}";
    let answer = server.run(body, &[]);
    assert_eq!(answer.status, 400, "{}", answer.text());
    let error = &answer.json()["error"];
    assert_eq!((error["file"].as_str(), error["line"].as_u64()), (Some("<request>"), Some(4)), "{}", answer.text());
    let answer = server.run("{\"mainModule\": \"a.js\", \"modules\": {\"b.js\": \"1\"}}", &[]);
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert_eq!(answer.json()["error"]["column"], 16);
    let answer = server.run("{}", &[]);
    assert_eq!(answer.json()["error"]["code"], "missing-program");
    let answer = server.run("{\"code\": \"1\", \"outbound\": \"nowhere\"}", &[]);
    assert_eq!(position(&answer), (400, "unknown-outbound-policy".into(), Some("<request>".into()), Some(1), Some(27)));
    let answer = server.run("{\"code\": \"1\", \"capabilities\": [\"github\"]}", &[]);
    assert_eq!(position(&answer), (400, "unknown-capability".into(), Some("<request>".into()), Some(1), Some(32)));
    assert_eq!(server.request("GET", "/v1/run", &[], b"").status, 405);
    assert_eq!(server.request("GET", "/nowhere", &[], b"").status, 404);
}

/// `get(id)`: a worker kept by id runs its fetch handler in a fresh isolate per request; the
/// same map again prepares nothing, a changed one replaces it; runs by id take `method`
/// and `args`; ids are per token; and V8's code cache serves the second run of a module.
#[test]
fn workers_are_kept_by_id() {
    let (_context, server) = server(&[]);
    let shop = |version: u32| {
        json!({ "mainModule": "shop.js", "modules": { "shop.js": format!(
            "let count = 0;\nexport default {{ fetch(request, env) {{ count++; const url = new URL(request.url); return Response.json({{ version: {version}, path: url.pathname, id: url.searchParams.get('id'), count, mode: env.MODE, method: request.method }}) }},\n total(a, b) {{ return a + b + {version} }} }}"
        ) }, "env": { "MODE": "test" } })
    };
    let put = server.request("PUT", "/v1/workers/shop", &[], shop(1).to_string().as_bytes());
    assert_eq!(put.status, 201, "{}", put.text());
    assert_eq!(put.json()["kept"], "created");
    for _ in 0..3 {
        let answer = server.request("GET", "/v1/workers/shop/fetch/cart?id=7", &[], b"");
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(
            answer.json(),
            json!({ "version": 1, "path": "/cart", "id": "7", "count": 1, "mode": "test", "method": "GET" })
        );
        assert_eq!(answer.header("content-type"), Some("application/json"));
    }
    let posted = server.request("POST", "/v1/workers/shop/fetch", &[], b"body");
    assert_eq!(posted.json()["method"], "POST");
    assert_eq!(
        server.request("PUT", "/v1/workers/shop", &[], shop(1).to_string().as_bytes()).json()["kept"],
        "unchanged"
    );
    assert_eq!(
        server.request("PUT", "/v1/workers/shop", &[], shop(2).to_string().as_bytes()).json()["kept"],
        "replaced"
    );
    assert_eq!(server.request("GET", "/v1/workers/shop/fetch/", &[], b"").json()["version"], 2);
    let (_, answer) = run_json(&server, &json!({ "id": "shop", "method": "total", "args": [1, 2] }));
    assert_eq!(answer["result"], 5, "{answer}");
    // Sent with an id and a map: prepared once, then found by id.
    let (_, answer) = run_json(&server, &json!({ "id": "calc", "code": "export default (a) => a * 10", "args": [4] }));
    assert_eq!(answer["result"], 40);
    let (_, answer) = run_json(&server, &json!({ "id": "calc", "args": [5] }));
    assert_eq!(answer["result"], 50);
    let metrics = server.request("GET", "/metrics", &[], b"").text();
    let hits = metrics
        .lines()
        .find_map(|line| line.strip_prefix("sandbox_code_cache_lookups_total{result=\"hit\"} "))
        .unwrap();
    assert!(hits.parse::<u64>().unwrap() >= 3, "{metrics}");
    assert_eq!(server.request("DELETE", "/v1/workers/shop", &[], b"").status, 204);
    let gone = server.request("GET", "/v1/workers/shop/fetch/", &[], b"");
    assert_eq!((gone.status, gone.json()["error"]["code"].as_str()), (404, Some("worker-not-found")));
    // The least recently used are forgotten beyond --worker-memory.
    let (_context, small) = self::server(&["--worker-memory", "16KB"]);
    let big = |name: &str| json!({ "code": format!("export default () => ['{name}', '{}'][0]", "x".repeat(1500)) });
    for name in ["one", "two", "three"] {
        assert_eq!(
            small.request("PUT", &format!("/v1/workers/{name}"), &[], big(name).to_string().as_bytes()).status,
            201
        );
    }
    assert_eq!(small.request("POST", "/v1/run", &[], json!({ "id": "one" }).to_string().as_bytes()).status, 404);
    assert_eq!(run_json(&small, &json!({ "id": "three" })).1["result"], "three");
}

/// SIGTERM: the server stops taking connections, answers every request it took, and exits 0.
#[test]
fn graceful_shutdown_loses_no_accepted_request() {
    let (_context, server) = server(&["--threads", "2", "--queue", "100"]);
    let requests = 12;
    let threads: Vec<_> = (0..requests)
        .map(|index| {
            let address = server.address;
            std::thread::spawn(move || {
                let body = json!({ "code": format!("await new Promise((resolve) => setTimeout(resolve, 300)); return {index}") });
                crate::support::serve::Connection::open(address).send("POST", "/v1/run", &[], body.to_string().as_bytes())
            })
        })
        .collect();
    wait_for_metric(&server, "sandbox_in_flight_requests", f64::from(requests as u32 + 1));
    let address = server.address;
    server.terminate();
    for (index, thread) in threads.into_iter().enumerate() {
        let answer = thread.join().unwrap();
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.json()["result"], json!(index));
    }
    let (code, log) = server.wait();
    assert_eq!(code, Some(0), "{}", log.join("\n"));
    assert!(log.iter().any(|line| line.contains("\"event\":\"shutting-down\"")));
    assert!(log.last().unwrap().contains("\"event\":\"stopped\""), "{}", log.join("\n"));
    assert!(std::net::TcpStream::connect(address).is_err(), "the server no longer takes connections");
}

/// `/metrics` counts runs, outcomes, limits and the pool; each request has one JSON access
/// log line with its trace id, and the answer carries a `traceparent` in the caller's trace.
#[test]
fn metrics_logs_and_trace_context() {
    let (_context, server) = server(&[]);
    let caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let answer = server.run(&json!({ "code": "return 1" }).to_string(), &[("traceparent", caller)]);
    let traceparent = answer.header("traceparent").unwrap().to_owned();
    assert!(traceparent.starts_with("00-0af7651916cd43dd8448eb211c80319c-"), "{traceparent}");
    assert!(!traceparent.contains("b7ad6b7169203331"), "the server's span is a child of the caller's");
    server.run(&json!({ "code": "throw new Error('x')" }).to_string(), &[]);
    server.run(&json!({ "code": "for (;;) {}", "limits": { "cpuTime": "100ms" } }).to_string(), &[]);
    let metrics = server.request("GET", "/metrics", &[], b"").text();
    for expected in [
        "sandbox_runs_total{outcome=\"ok\"} 1",
        "sandbox_runs_total{outcome=\"uncaught\"} 1",
        "sandbox_runs_total{outcome=\"limit\"} 1",
        "sandbox_limits_total{limit=\"cpu_time\"} 1",
        "sandbox_requests_total{route=\"/v1/run\",status=\"200\"} 3",
        "sandbox_isolate_start_seconds_count 3",
        "sandbox_queue_depth 0",
        "# TYPE sandbox_pool_warm_isolates gauge",
    ] {
        assert!(metrics.contains(expected), "no `{expected}` in:\n{metrics}");
    }
    let lines: Vec<Value> = server
        .log()
        .iter()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["path"] == "/v1/run")
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["trace_id"], "0af7651916cd43dd8448eb211c80319c");
    assert_eq!((lines[0]["status"].as_u64(), lines[0]["outcome"].as_str()), (Some(200), Some("ok")));
    assert_eq!(lines[2]["outcome"], "limit");
    for field in ["time", "method", "duration_ms", "bytes_in", "bytes_out", "remote", "queue_ms", "run_ms", "isolate"] {
        assert!(!lines[0][field].is_null(), "no {field} in {}", lines[0]);
    }
}

/// With `--otlp-endpoint`, the request's span and its `run` span reach the collector over
/// OTLP/HTTP in the caller's trace.
#[test]
fn spans_are_exported_over_otlp() {
    let collector = TestServer::start();
    let context = TestContext::new();
    let server = Server::start(context.sandbox(), &["--otlp-endpoint", &collector.url()]);
    let caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let answer = server.run(&json!({ "code": "return 1" }).to_string(), &[("traceparent", caller)]);
    assert_eq!(answer.status, 200);
    server.terminate();
    let (code, log) = server.wait();
    assert_eq!(code, Some(0), "{}", log.join("\n"));
    let exports: Vec<_> = collector.received().into_iter().filter(|request| request.path == "/v1/traces").collect();
    assert!(!exports.is_empty(), "nothing reached the collector: {:?}", collector.received());
    let export = &exports[0];
    assert_eq!(export.method, "POST");
    assert!(
        export.headers.iter().any(|(name, value)| name == "content-type" && value == "application/x-protobuf"),
        "{export:?}"
    );
}

/// Outbound access and credentials are the server's named policies: the request names one,
/// the credential is added outside the isolate, and it appears in nothing the caller gets.
#[test]
fn credentials_stay_on_the_server() {
    let upstream = TestServer::start();
    let context = TestContext::new();
    let config = context.write(
        "serve.json",
        json!({ "outbound": { "upstream": { "allow": [upstream.host()], "inject": [format!("{}: Authorization=Bearer $UPSTREAM_TOKEN", upstream.host())] } } }).to_string(),
    );
    let mut command = context.sandbox();
    command.env("UPSTREAM_TOKEN", "server-side-secret-123456");
    let server = Server::start(command, &["--config", config.to_str().unwrap()]);
    let code = format!(
        "const response = await fetch('{}/secret-echo'); return [response.headers.get('x-echo'), await response.text()]",
        upstream.url()
    );
    let answer = server.run(&json!({ "code": code, "outbound": "upstream" }).to_string(), &[]);
    let text = answer.text();
    assert_eq!(answer.json()["result"], json!(["[REDACTED]", "you sent: [REDACTED]"]), "{text}");
    assert!(!text.contains("server-side-secret"), "{text}");
    assert!(upstream.received().iter().any(|request| {
        request
            .headers
            .iter()
            .any(|(name, value)| name == "authorization" && value == "Bearer server-side-secret-123456")
    }));
    // Without naming the policy, the code has no network.
    let answer = server.run(&json!({ "code": code }).to_string(), &[]);
    assert_eq!(answer.json()["ok"], false);
    assert!(answer.text().contains("outbound"), "{}", answer.text());
    // A request cannot bring a credential: there is no field for one.
    let answer = server.run(&json!({ "code": "1", "inject": ["x: y=z"] }).to_string(), &[]);
    assert_eq!(answer.status, 400);
    assert!(!server.log().join("\n").contains("server-side-secret"));
}

/// 10,000 requests of every kind: the server's resident memory over the last 2,000 stays
/// within a few MB of what it was over the first 2,000.
#[test]
fn ten_thousand_requests_keep_memory_flat() {
    let (_context, server) = server(&["--threads", "2", "--queue", "1000", "--quiet", "--code-cache-memory", "512KB"]);
    let worker = json!({ "mainModule": "w.js", "modules": { "w.js": "export default { fetch(request) { return new Response('w' + new URL(request.url).searchParams.get('n')) } }" } });
    assert_eq!(server.request("PUT", "/v1/workers/w", &[], worker.to_string().as_bytes()).status, 201);
    let total = 10_000;
    let clients = 4;
    let rss = Arc::new(Mutex::new(Vec::new()));
    let counter = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let address = server.address;
            let counter = Arc::clone(&counter);
            let rss = Arc::clone(&rss);
            let pid = server.pid();
            std::thread::spawn(move || {
                let mut connection = crate::support::serve::Connection::open(address);
                loop {
                    let index = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if index >= total {
                        break;
                    }
                    let (path, body, expected): (String, String, Value) = match index % 5 {
                        0 => ("/v1/run".into(), json!({ "code": format!("console.log('n', {index}); return {index}") }).to_string(), json!(index)),
                        1 => ("/v1/run".into(), json!({ "code": format!("return [{index}, new TextEncoder().encode('é').length, JSON.stringify({{a: {index}}})]") }).to_string(), json!([index, 2, format!("{{\"a\":{index}}}")])),
                        2 => (format!("/v1/workers/w/fetch/?n={index}"), String::new(), Value::Null),
                        3 => ("/v1/run".into(), json!({ "code": format!("throw new Error('e{index}')") }).to_string(), Value::Null),
                        _ => ("/v1/run".into(), json!({ "mainModule": "m.js", "modules": { "m.js": format!("export default () => new Uint8Array({}).length", index % 1000) } }).to_string(), json!(index % 1000)),
                    };
                    let method = if index % 5 == 2 { "GET" } else { "POST" };
                    let answer = connection.send(method, &path, &[], body.as_bytes());
                    assert_eq!(answer.status, 200, "request {index}: {}", answer.text());
                    match index % 5 {
                        2 => assert_eq!(answer.text(), format!("w{index}")),
                        3 => assert_eq!(answer.json()["error"]["message"], format!("e{index}")),
                        _ => assert_eq!(answer.json()["result"], expected, "request {index}"),
                    }
                    if index.is_multiple_of(50) {
                        rss.lock().unwrap().push((index, crate::support::serve::rss_of(pid)));
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let samples = rss.lock().unwrap().clone();
    let mean = |range: std::ops::Range<usize>| {
        let values: Vec<u64> =
            samples.iter().filter(|(index, _)| range.contains(index)).map(|(_, bytes)| *bytes).collect();
        values.iter().sum::<u64>() / values.len().max(1) as u64
    };
    let (first, last) = (mean(0..2000), mean(total - 2000..total));
    let growth = last.saturating_sub(first);
    let by_thousand: Vec<u64> = (0..10).map(|k| mean(k * 1000..(k + 1) * 1000) >> 20).collect();
    assert!(
        growth <= 4 << 20,
        "RSS grew from {} MiB (first 2,000) to {} MiB (last 2,000); MiB by thousand requests: {by_thousand:?}",
        first >> 20,
        last >> 20
    );
}

/// Capabilities are configured on the server and granted per request by name: an HTTP
/// service (`--service`) and an OpenAPI spec's tools (`--openapi`), whose calls go through the
/// request's outbound policy; a request that names none has none of them.
#[test]
fn capabilities_are_granted_by_name() {
    let upstream = TestServer::start();
    let context = TestContext::new();
    let spec = json!({
        "openapi": "3.0.3",
        "info": { "title": "Echo", "version": "1" },
        "servers": [{ "url": "https://echo.invalid" }],
        "paths": { "/echo": { "post": {
            "operationId": "echoBack",
            "requestBody": { "required": true, "content": { "application/json": { "schema": {
                "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] } } } },
            "responses": { "200": { "description": "the request", "content": { "application/json": { "schema": { "type": "object" } } } } }
        } } }
    });
    let spec = context.write("echo.json", spec.to_string());
    let config =
        context.write("serve.json", json!({ "outbound": { "local": { "allow": [upstream.host()] } } }).to_string());
    let server = Server::start(
        context.sandbox(),
        &[
            "--config",
            config.to_str().unwrap(),
            "--service",
            &format!("BILLING={}", upstream.url()),
            "--openapi",
            &format!("echo={}", spec.display()),
            "--openapi-base",
            &format!("echo={}", upstream.url()),
        ],
    );
    let code = "const billed = await (await BILLING.fetch('/echo?x=1')).json(); const echoed = await echo.echoBack({ name: 'ada' }); return [billed.path, echoed.path, JSON.parse(echoed.body)]";
    let answer =
        server.run(&json!({ "code": code, "capabilities": ["BILLING", "echo"], "outbound": "local" }).to_string(), &[]);
    let body = answer.json();
    assert_eq!(body["result"], json!(["/echo?x=1", "/echo", { "name": "ada" }]), "{body}");
    assert_eq!(body["tool_calls"][0]["tool"], "echo.echoBack", "{body}");
    // A module reaches them through `env`.
    let module = json!({ "mainModule": "m.js", "modules": { "m.js": "export default { async run(env) { return [typeof env.BILLING?.fetch, typeof env.echo?.echoBack, typeof globalThis.echo] } }" },
                         "method": "run", "capabilities": ["BILLING", "echo"] });
    assert_eq!(server.run(&module.to_string(), &[]).json()["result"], json!(["function", "function", "undefined"]));
    // Without naming them, the code has neither.
    let answer = server.run(&json!({ "code": "return [typeof BILLING, typeof echo]" }).to_string(), &[]);
    assert_eq!(answer.json()["result"], json!(["undefined", "undefined"]));
    // An OpenAPI call goes through the request's outbound policy: none, no request.
    let answer = server
        .run(&json!({ "code": "return await echo.echoBack({ name: 'x' })", "capabilities": "echo" }).to_string(), &[]);
    assert_eq!(answer.json()["ok"], false, "{}", answer.text());
    let metrics = server.request("GET", "/metrics", &[], b"").text();
    assert!(metrics.contains("sandbox_tool_calls_total{outcome=\"ok\"} 1"), "{metrics}");
}
