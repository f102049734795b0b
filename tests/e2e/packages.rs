//! Real npm packages that need the Workers runtime surface run unchanged: a Hono app routes
//! requests, validates input with zod, and streams a response.

use std::path::Path;

use crate::support::{TestContext, output, repository_root};

/// Unpacks a vendored npm tarball (`tests/fixtures/npm/`) into `node_modules/<name>`.
fn install(project: &Path, name: &str, tarball: &str) {
    let file = std::fs::File::open(repository_root().join("tests/fixtures/npm").join(tarball)).expect("a vendored tarball");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let target = project.join("node_modules").join(name);
    for entry in archive.entries().expect("a tar archive") {
        let mut entry = entry.expect("an entry");
        let path = entry.path().expect("a path").into_owned();
        // npm tarballs put everything under `package/`.
        let Ok(relative) = path.strip_prefix("package") else { continue };
        let destination = target.join(relative);
        std::fs::create_dir_all(destination.parent().expect("a parent")).expect("create directories");
        entry.unpack(&destination).expect("unpack an entry");
    }
}

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

fn project() -> TestContext {
    let context = TestContext::new();
    context.write("package.json", r#"{ "name": "hono-app", "private": true, "type": "module" }"#);
    context.write("src/index.ts", APP);
    install(context.temp.path(), "hono", "hono-4.6.14.tgz");
    install(context.temp.path(), "zod", "zod-3.24.1.tgz");
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
    let (status, stdout, stderr) =
        request(&context, &["--request", "POST /orders", "--body", r#"{"sku":"tea","quantity":2}"#, "-H", "content-type: application/json"]);
    assert_eq!((status, stdout.as_str()), (0, r#"{"sku":"tea","total":6}"#), "{stderr}");
    let (status, stdout, _) = request(&context, &["--request", "POST /orders", "--body", r#"{"sku":"tea","quantity":-1}"#, "--json"]);
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
