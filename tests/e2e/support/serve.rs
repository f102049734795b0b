//! `sandbox serve` as a child process, and a small blocking HTTP/1.1 client for it: the tests
//! talk to the real server over real sockets, many threads at once when they need to.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for the server to start, or for one answer.
const PATIENCE: Duration = Duration::from_secs(120);

pub(crate) struct Server {
    pub(crate) address: SocketAddr,
    child: Option<Child>,
    /// Every line the server wrote on stderr so far (its JSON log).
    log: Arc<Mutex<Vec<String>>>,
    log_thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts `sandbox serve --listen 127.0.0.1:0 <args>` from `command` (a `TestContext`'s
    /// `sandbox()`), and waits until it listens.
    pub(crate) fn start(mut command: Command, args: &[&str]) -> Server {
        command.arg("serve").arg("--listen").arg("127.0.0.1:0").args(args);
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("start sandbox serve");
        let stderr = child.stderr.take().expect("the server's stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let lines = Arc::clone(&log);
        let log_thread = std::thread::spawn(move || {
            let mut sender = Some(sender);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(address) = listening_address(&line)
                    && let Some(sender) = sender.take()
                {
                    let _ = sender.send(address);
                }
                lines.lock().unwrap().push(line);
            }
        });
        let address = match receiver.recv_timeout(PATIENCE) {
            Ok(address) => address,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start; it wrote:\n{}", log.lock().unwrap().join("\n"));
            }
        };
        Server { address, child: Some(child), log, log_thread: Some(log_thread) }
    }

    pub(crate) fn pid(&self) -> i32 {
        self.child.as_ref().map_or(0, |child| child.id() as i32)
    }

    /// A new connection to the server.
    pub(crate) fn connect(&self) -> Connection {
        Connection::open(self.address)
    }

    /// One request on a connection of its own.
    pub(crate) fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        self.connect().send(method, path, headers, body)
    }

    /// `POST /v1/run` with `body` and `headers`.
    pub(crate) fn run(&self, body: &str, headers: &[(&str, &str)]) -> Answer {
        self.request("POST", "/v1/run", headers, body.as_bytes())
    }

    /// The server's log lines so far.
    pub(crate) fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGTERM.
    pub(crate) fn terminate(&self) {
        // SAFETY: `kill` sends a signal to our own child, by its id; nothing else is touched.
        unsafe { libc::kill(self.pid(), libc::SIGTERM) };
    }

    /// Waits for the server to exit (after `terminate`); its exit code and its whole log.
    pub(crate) fn wait(mut self) -> (Option<i32>, Vec<String>) {
        let mut child = self.child.take().expect("the server runs");
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the server") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                break child.wait().expect("wait for the killed server");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        if let Some(thread) = self.log_thread.take() {
            let _ = thread.join();
        }
        (status.code(), self.log())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The resident set of process `pid` now, in bytes (`VmRSS`).
pub(crate) fn rss_of(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

/// The address in the server's `{"event":"listening","address":...}` line.
fn listening_address(line: &str) -> Option<SocketAddr> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    if value["event"] != "listening" {
        return None;
    }
    value["address"].as_str()?.parse().ok()
}

/// An answer: status, headers (names in lower case) and body.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    #[track_caller]
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("the answer is not JSON ({error}): {} {}", self.status, self.text()))
    }
}

/// A kept-alive HTTP/1.1 connection.
pub(crate) struct Connection {
    reader: BufReader<TcpStream>,
}

impl Connection {
    pub(crate) fn open(address: SocketAddr) -> Connection {
        let stream = TcpStream::connect(address).expect("connect to the server");
        stream.set_read_timeout(Some(PATIENCE)).expect("a read timeout");
        let _ = stream.set_nodelay(true);
        Connection { reader: BufReader::new(stream) }
    }

    /// Sends a request and reads its answer (the server always sends `Content-Length`).
    pub(crate) fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut head = format!("{method} {path} HTTP/1.1\r\nhost: sandbox.test\r\ncontent-length: {}\r\n", body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes()).expect("send the request head");
        stream.write_all(body).expect("send the request body");
        self.read_answer()
    }

    fn read_answer(&mut self) -> Answer {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("read the status line");
        let status = line.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| {
            panic!("not an HTTP status line: {line:?}");
        });
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("read a header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        let length = headers
            .iter()
            .find(|(name, _)| name == "content-length")
            .and_then(|(_, value)| value.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("read the body");
        Answer { status, headers, body }
    }
}
