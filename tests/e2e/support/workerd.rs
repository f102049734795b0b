//! workerd, the open-source Workers runtime, serving a harness Worker on 127.0.0.1 whose
//! `LOADER` binding loads module maps as Cloudflare's Worker Loader does. Tests send it the
//! map `sandbox bundle` made and compare what it returns with `sandbox run`.
//!
//! The binary comes from `WORKERD`, then `tests/workerd/node_modules` (`npm ci --prefix
//! tests/workerd`, as `.ci/run` does), then `PATH` (`support/tools.rs`). A test that starts
//! workerd carries `#[cfg_attr(not(workerd), ignore = "...")]`: `cli/build.rs` sets
//! `cfg(workerd)` when the binary is installed, so without it the test is reported as
//! ignored; run anyway (`--ignored`), [`Workerd::start`] fails it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The harness: `POST /` with `{map, entrypoint, method, args, env}` loads the map as it is
/// (its `compatibilityDate` too: Worker Loader refuses a map without one) in a fresh isolate
/// without network access, calls `method` on the entrypoint (the default export, or
/// the named one) and answers `{ok: true, result}` or `{ok: false, error}`. `data` and `wasm`
/// modules are base64 in JSON; Worker Loader takes their bytes.
const HARNESS: &str = r#"
const bytes = (base64) => Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)).buffer;

export default {
  async fetch(request, env) {
    const { map, entrypoint, method, args, bindings } = await request.json();
    const modules = Object.fromEntries(Object.entries(map.modules).map(([name, module]) => {
      if (typeof module === "object" && "data" in module) return [name, { data: bytes(module.data) }];
      if (typeof module === "object" && "wasm" in module) return [name, { wasm: bytes(module.wasm) }];
      return [name, module];
    }));
    const worker = env.LOADER.get(crypto.randomUUID(), async () => ({
      ...map,
      modules,
      env: bindings ?? {},
      globalOutbound: null,
    }));
    try {
      const target = entrypoint ? worker.getEntrypoint(entrypoint) : worker.getEntrypoint();
      const result = await target[method](...args);
      return Response.json({ ok: true, result });
    } catch (error) {
      return Response.json({ ok: false, error: String(error) });
    }
  },
};
"#;

/// A running workerd; killed when dropped.
pub(crate) struct Workerd {
    child: Child,
    port: u16,
    _directory: tempfile::TempDir,
}

/// One call of a loaded map's entrypoint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'a> {
    /// The module map, as JSON.
    pub(crate) map: &'a str,
    /// A named export to call instead of the default export.
    pub(crate) entrypoint: Option<&'a str>,
    pub(crate) method: &'a str,
    pub(crate) args: &'a [Value],
    /// The `env` bindings, an object of strings.
    pub(crate) env: &'a Value,
}

impl Workerd {
    /// Starts workerd with the harness; fails the test if workerd is not installed.
    pub(crate) fn start() -> Workerd {
        let Some(binary) = super::tools::workerd(&super::repository_root()) else {
            panic!("workerd is not installed: run `{}`, or set WORKERD", super::tools::INSTALL_WORKERD);
        };
        let directory = tempfile::tempdir().expect("create a directory for the workerd config");
        let port = free_port();
        let config = format!(
            r#"using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "harness", worker = .harness) ],
  sockets = [ (name = "http", address = "127.0.0.1:{port}", http = (), service = "harness") ],
);
const harness :Workerd.Worker = (
  modules = [ (name = "harness.js", esModule = embed "harness.js") ],
  compatibilityDate = "2025-06-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [ (name = "LOADER", workerLoader = ()) ],
);
"#
        );
        std::fs::write(directory.path().join("config.capnp"), config).expect("write the workerd config");
        std::fs::write(directory.path().join("harness.js"), HARNESS).expect("write the harness");
        let child = Command::new(&binary)
            .args(["serve", "config.capnp", "--experimental"])
            .current_dir(directory.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("start {}: {error}", binary.display()));
        let mut workerd = Workerd { child, port, _directory: directory };
        workerd.wait_until_listening();
        workerd
    }

    /// Calls `method` of the map's default export with `args`, no `env`.
    pub(crate) fn call(&self, map: &str, method: &str, args: &[Value]) -> Value {
        self.call_with(&Call { map, entrypoint: None, method, args, env: &json!({}) })
    }

    /// Loads the map in a fresh isolate and makes the call: `{ok: true, result}` or
    /// `{ok: false, error}`.
    pub(crate) fn call_with(&self, call: &Call<'_>) -> Value {
        let map: Value = serde_json::from_str(call.map).expect("the map is JSON");
        let body = json!({
            "map": map,
            "entrypoint": call.entrypoint,
            "method": call.method,
            "args": call.args,
            "bindings": call.env,
        })
        .to_string();
        let response = post(self.port, &body);
        serde_json::from_str(&response).unwrap_or_else(|error| panic!("workerd answered {response:?}: {error}"))
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut stderr = String::new();
                if let Some(pipe) = self.child.stderr.as_mut() {
                    let _ = pipe.read_to_string(&mut stderr);
                }
                panic!("workerd exited with {status} before listening:\n{stderr}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("workerd did not listen on 127.0.0.1:{} within 30 seconds", self.port);
    }
}

impl Drop for Workerd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now: the system picks one for a listener we close at once.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a port on 127.0.0.1");
    listener.local_addr().expect("a bound listener has an address").port()
}

/// `POST /` with a JSON body over HTTP/1.1, and the response body.
fn post(port: u16, body: &str) -> String {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect to workerd");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("set a read timeout");
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send the request");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read the response");
    let response = String::from_utf8(response).expect("the response is UTF-8");
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response has a head");
    assert!(head.starts_with("HTTP/1.1 200"), "workerd answered {head}");
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_owned() }
}

/// The body of a chunked response.
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}
