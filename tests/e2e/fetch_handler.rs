//! `--request` calls a module's fetch handler, as workerd would, and prints the response.

use crate::sandbox_snapshot;
use crate::support::TestContext;

const WORKER: &str = r#"export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/hello") return new Response(`Hello, ${url.searchParams.get("name") ?? "world"}!`);
    if (url.pathname === "/api") {
      const input = await request.json();
      return Response.json({ method: request.method, got: input, type: request.headers.get("content-type"), secret: env.SECRET ?? null });
    }
    if (url.pathname === "/stream") {
      const encoder = new TextEncoder();
      return new Response(new ReadableStream({
        start(controller) { for (const word of ["streamed ", "response"]) controller.enqueue(encoder.encode(word)); controller.close(); },
      }), { headers: { "content-type": "text/plain" } });
    }
    if (url.pathname === "/fail") return new Response("boom", { status: 503, statusText: "Service Unavailable" });
    return new Response("not found", { status: 404 });
  },
};
"#;

/// A GET prints the body; a query string reaches the handler.
#[test]
fn get_prints_body() {
    let context = TestContext::new();
    context.write("worker.js", WORKER);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "GET /hello?name=Ada"]), @"
    exit code: 0
    ----- stdout -----
    Hello, Ada!----- stderr -----
    ");
}

/// A POST with a body and headers; `--json` reports status, headers and body.
#[test]
fn post_with_json() {
    let context = TestContext::new();
    context.write("worker.js", WORKER);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "POST /api", "--body", r#"{"a":1}"#, "-H", "content-type: application/json", "--env", "SECRET=x", "--json"]), @r#"
    exit code: 0
    ----- stdout -----
    {"ok":true,"result":{"status":200,"statusText":"","headers":{"content-type":"application/json"},"body":"{\"method\":\"POST\",\"got\":{\"a\":1},\"type\":\"application/json\",\"secret\":\"x\"}"},"error":null,"logs":[],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
}

/// A streaming response body is read to its end.
#[test]
fn streaming_response() {
    let context = TestContext::new();
    context.write("worker.js", WORKER);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "GET /stream"]), @"
    exit code: 0
    ----- stdout -----
    streamed response----- stderr -----
    ");
}

/// A status of 500 or more fails the run (exit 1), after printing the body.
#[test]
fn server_error_fails() {
    let context = TestContext::new();
    context.write("worker.js", WORKER);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "GET /fail"]), @"
    exit code: 1
    ----- stdout -----
    boom----- stderr -----
    error: The fetch handler responded with 503 Service Unavailable
    ");
}

/// Running a fetch handler without `--request` says how; `--request` on a module without a
/// fetch handler, or a handler that returns something else, are clear errors.
#[test]
fn fetch_handler_errors() {
    let context = TestContext::new();
    context.write("worker.js", WORKER);
    context.write("agent.js", "export default { run() { return 1; } };\n");
    context.write("wrong.js", "export default { fetch() { return 'not a response'; } };\n");
    sandbox_snapshot!(context.run(&["worker.js"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The default export is a `fetch` handler, which needs a request to handle

    hint: call it with a request, e.g. `--request 'GET /'`, or call another method with `--method`
    ");
    sandbox_snapshot!(context.run(&["agent.js", "--request", "GET /"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: The default export has no `fetch` handler

    hint: `--request` calls `fetch(request, env, ctx)`; export an object or class with a `fetch` method, or leave out `--request`
    ");
    sandbox_snapshot!(context.run(&["wrong.js", "--request", "GET /"]), @r#"
    exit code: 1
    ----- stdout -----
    ----- stderr -----
    error: The fetch handler returned a string, not a Response

    hint: return a `Response`, e.g. `return new Response("hello")` or `Response.json(data)`
    "#);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "GET"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: `--request GET` is not `METHOD TARGET`

    hint: write it like --request 'GET /hello?x=1' or --request 'POST https://example.com/api'
    ");
    sandbox_snapshot!(context.run(&["worker.js", "--request", "GET /", "--body", "x"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: A GET request cannot have a body

    hint: use another method, e.g. --request 'POST /path'
    ");
}

/// A class extending WorkerEntrypoint handles requests with `this.env`.
#[test]
fn class_fetch_handler() {
    let context = TestContext::new();
    context.write(
        "worker.ts",
        "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class extends WorkerEntrypoint {\n  fetch(request: Request) { return new Response(`${request.method} ${new URL(request.url).pathname} ${this.env.NAME}`); }\n}\n",
    );
    sandbox_snapshot!(context.run(&["worker.ts", "--request", "DELETE /items/1", "--env", "NAME=class"]), @"
    exit code: 0
    ----- stdout -----
    DELETE /items/1 class----- stderr -----
    ");
}

/// A body that is not UTF-8 comes as base64 in `--json`; `--body @FILE` reads the body from a
/// file.
#[test]
fn binary_bodies_and_body_files() {
    let context = TestContext::new();
    context.write(
        "worker.js",
        "export default { async fetch(request) { const bytes = new Uint8Array(await request.arrayBuffer()); return new Response(bytes.map((byte) => byte ^ 0xff)); } };\n",
    );
    context.write("payload.bin", [0x00, 0x01, 0xfe]);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "PUT /", "--body", "@payload.bin", "--json"]), @r#"
    exit code: 0
    ----- stdout -----
    {"ok":true,"result":{"status":200,"statusText":"","headers":{},"body":"//4B","bodyEncoding":"base64"},"error":null,"logs":[],"stats":{"wall_ms":[N],"cpu_ms":[N],"heap_peak_bytes":[N],"array_buffer_peak_bytes":[N],"isolate_start_us":[N]}}
    ----- stderr -----
    "#);
    sandbox_snapshot!(context.run(&["worker.js", "--request", "PUT /", "--body", "@missing.bin"]), @"
    exit code: 2
    ----- stdout -----
    ----- stderr -----
    error: Cannot read the body file `missing.bin`: No such file or directory (os error 2)
    ");
}
