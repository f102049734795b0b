//! Real npm packages that need the Workers runtime surface run unchanged: a Hono app routes
//! requests, validates input with zod, and streams a response. The packages are the real
//! hono and zod tarballs, installed by `sandbox install` from a local registry.

use crate::support::registry::TestRegistry;
use crate::support::{TestContext, output, repository_root};

const APP: &str = r#"import { Hono } from "hono";
import { streamText } from "hono/streaming";
import { z } from "zod";

const Order = z.object({ sku: z.string().min(1), quantity: z.number().int().positive() });

const app = new Hono();
app.get("/hello/:name", (c) => c.text(`Hello, ${c.req.param("name")}!`));
app.post("/orders", async (c) => {
  const parsed = Order.safeParse(await c.req.json());
  if (!parsed.success) return c.json({ error: parsed.error.issues[0].path.join(".") + ": " + parsed.error.issues[0].message }, 400);
  return c.json({ sku: parsed.data.sku, total: parsed.data.quantity * 3 });
});
app.get("/stream", (c) =>
  streamText(c, async (stream) => {
    for (const word of ["streamed", " ", "with", " ", "hono"]) {
      await stream.write(word);
      await stream.sleep(1);
    }
  }),
);
export default app;
"#;

/// The app, with hono and zod (the vendored tarballs in `tests/fixtures/npm/`) installed by
/// `sandbox install` from a registry on 127.0.0.1.
fn project() -> TestContext {
    let registry = TestRegistry::start();
    for tarball in ["hono-4.6.14.tgz", "zod-3.24.1.tgz"] {
        registry.publish_file(&repository_root().join("tests/fixtures/npm").join(tarball));
    }
    let context = TestContext::new();
    context.write(
        "package.json",
        r#"{ "name": "hono-app", "private": true, "type": "module", "dependencies": { "hono": "4.6.14", "zod": "^3.24.1" } }"#,
    );
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    context.write("src/index.ts", APP);
    let installed = output(&mut context.install(&[]), None);
    assert!(installed.status.success(), "{}", String::from_utf8_lossy(&installed.stderr));
    context
}

fn request(context: &TestContext, args: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["."];
    arguments.extend_from_slice(args);
    let result = output(&mut context.run(&arguments), None);
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stdout).into_owned(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

/// Hono routes a request to a handler with a path parameter.
#[test]
fn hono_routes() {
    let context = project();
    assert_eq!(request(&context, &["--request", "GET /hello/Ada"]), (0, "Hello, Ada!".to_owned(), String::new()));
    let (status, stdout, _) = request(&context, &["--request", "GET /missing", "--json"]);
    assert_eq!(status, 0);
    let envelope: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(envelope["result"]["status"], 404);
}

/// zod validates a JSON body inside a Hono handler.
#[test]
fn zod_validates() {
    let context = project();
    let (status, stdout, stderr) = request(
        &context,
        &[
            "--request",
            "POST /orders",
            "--body",
            r#"{"sku":"tea","quantity":2}"#,
            "-H",
            "content-type: application/json",
        ],
    );
    assert_eq!((status, stdout.as_str()), (0, r#"{"sku":"tea","total":6}"#), "{stderr}");
    let (status, stdout, _) =
        request(&context, &["--request", "POST /orders", "--body", r#"{"sku":"tea","quantity":-1}"#, "--json"]);
    assert_eq!(status, 0);
    let envelope: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(envelope["result"]["status"], 400);
    assert_eq!(envelope["result"]["body"], r#"{"error":"quantity: Number must be greater than 0"}"#);
}

/// A streaming response (a TransformStream written to over time) arrives whole.
#[test]
fn streaming_response() {
    let context = project();
    let (status, stdout, stderr) = request(&context, &["--request", "GET /stream"]);
    assert_eq!((status, stdout.as_str()), (0, "streamed with hono"), "{stderr}");
}
