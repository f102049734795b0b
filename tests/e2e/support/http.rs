//! A real HTTP server on 127.0.0.1 for the network tests: it answers a few fixed routes and
//! records every request it receives (so a test can assert that nothing reached it). It runs
//! on its own tokio runtime, one task per connection.
//!
//! Routes: `/hello` (text), `/echo` (the request as JSON: method, path, headers, body),
//! `/redirect?to=URL` (302), `/status/N`, `/stream` (three chunks), `/slow` (four small chunks
//! 100 ms apart), `/endless` (a body that never ends), `/secret-echo` (echoes the
//! `authorization` header in its body and headers); echoes of the bearer token: `/bearer`
//! (alone), `/unauthorized` (a 401 quoting it), `/encoded` (URL-encoded, base64, HTML-escaped),
//! `/redirect-token` (in a redirect's URL) and `/compressed?coding=CODING` (in a body with a
//! content coding); `/bomb?coding=gzip|br&mib=N` (N MiB of zeros, compressed).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;

/// One request the server received.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) method: String,
    pub(crate) path: String,
    /// The request target as sent: absolute (`http://host/path`) when it came through a proxy.
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
}

pub(crate) struct TestServer {
    pub(crate) address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

type Body = BoxBody<Bytes, Infallible>;

impl TestServer {
    pub(crate) fn start() -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime for the test server");
        let listener =
            runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind a test server on 127.0.0.1");
        let address = listener.local_addr().expect("a local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let log = Arc::clone(&log);
                        async move { Ok::<_, Infallible>(handle(request, &log).await) }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        TestServer { address, received, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// `127.0.0.1:PORT`, for `--allow-net`.
    pub(crate) fn host(&self) -> String {
        self.address.to_string()
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.received.lock().expect("not poisoned").clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn query_value(query: &str, key: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == key).map(|(_, value)| value.into_owned())
}

/// `bytes` with a content coding applied; a coding not listed leaves them as they are.
fn encode(coding: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).expect("compress in memory");
        encoder.finish().expect("compress in memory")
    };
    match coding {
        "gzip" => gzip(bytes),
        "gzip, gzip" => gzip(&gzip(bytes)),
        "deflate" => {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(bytes).expect("compress in memory");
            encoder.finish().expect("compress in memory")
        }
        "br" => brotli_stored(bytes, 16),
        _ => bytes.to_vec(),
    }
}

/// A gzip member of `length` zeros (rounded to 1 + a multiple of 258) in one fixed-Huffman
/// deflate block: a literal zero, then copies of 258 bytes at distance 1, 13 bits each. The
/// trailer's checksum is not computed (zero): a decoder stops at its size limit before.
fn gzip_zeros(length: usize) -> Vec<u8> {
    let mut bits = Bits { bytes: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff], used: 0 };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE: fixed Huffman codes
    bits.put_code(0b0011_0000, 8); // literal 0
    for _ in 0..(length.saturating_sub(1) / 258) {
        bits.put_code(0b1100_0101, 8); // length 258 (code 285)
        bits.put_code(0, 5); // distance 1
    }
    bits.put_code(0, 7); // end of block
    bits.used = 0;
    bits.bytes.extend_from_slice(&[0; 4]); // CRC-32, not computed
    bits.bytes.extend_from_slice(&(length as u32).to_le_bytes());
    bits.bytes
}

/// A brotli stream of uncompressed metablocks, with a window of `2^window_bits` bytes (16 to
/// 24).
fn brotli_stored(bytes: &[u8], window_bits: u32) -> Vec<u8> {
    let mut stream = Vec::new();
    for (index, block) in bytes.chunks(1 << 20).enumerate() {
        stream.extend(brotli_metablock((index == 0).then_some(window_bits), block));
    }
    stream.extend_from_slice(&BROTLI_END);
    stream
}

/// The last, empty metablock of a brotli stream (ISLAST, ISLASTEMPTY).
const BROTLI_END: [u8; 1] = [0b11];

/// One uncompressed brotli metablock of `block` (1 byte to 1 MiB), after the stream's window
/// size when it is the first. It ends on a byte boundary, so metablocks concatenate.
fn brotli_metablock(window_bits: Option<u32>, block: &[u8]) -> Vec<u8> {
    let mut bits = Bits { bytes: Vec::with_capacity(block.len() + 8), used: 0 };
    match window_bits {
        Some(16) => bits.put(0, 1),
        Some(window_bits) => bits.put(((window_bits - 17) << 1) | 1, 4),
        None => {}
    }
    bits.put(0, 1); // ISLAST
    let length = block.len() as u32 - 1;
    let nibbles = if length < 1 << 16 {
        4
    } else if length < 1 << 20 {
        5
    } else {
        6
    };
    bits.put(nibbles - 4, 2);
    bits.put(length, 4 * nibbles);
    bits.put(1, 1); // ISUNCOMPRESSED
    bits.bytes.extend_from_slice(block);
    bits.bytes
}

/// Bits written least significant first, as deflate and brotli pack them.
struct Bits {
    bytes: Vec<u8>,
    /// Bits used in the last byte (0: start a new byte).
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for bit in 0..count {
            if self.used == 0 {
                self.bytes.push(0);
            }
            let last = self.bytes.len() - 1;
            self.bytes[last] |= (((value >> bit) & 1) as u8) << self.used;
            self.used = (self.used + 1) % 8;
        }
    }

    /// A Huffman code, which deflate packs most significant bit first.
    fn put_code(&mut self, code: u32, length: u32) {
        for bit in (0..length).rev() {
            self.put((code >> bit) & 1, 1);
        }
    }
}

/// The `authorization` header's value without its `Bearer ` scheme.
fn bearer_token(headers: &[(String, String)]) -> String {
    let authorization =
        headers.iter().find(|(name, _)| name == "authorization").map(|(_, value)| value.as_str()).unwrap_or_default();
    authorization.strip_prefix("Bearer ").unwrap_or(authorization).to_owned()
}

fn full(text: impl Into<Bytes>) -> Body {
    Full::new(text.into()).boxed()
}

fn respond(status: u16, headers: &[(&str, &str)], body: Body) -> hyper::Response<Body> {
    let mut response = hyper::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body).expect("a valid response")
}

async fn handle(
    request: hyper::Request<hyper::body::Incoming>,
    received: &Mutex<Vec<Received>>,
) -> hyper::Response<Body> {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let method = request.method().as_str().to_owned();
    let url = request.uri().path_and_query().map(ToString::to_string).unwrap_or_default();
    let target = request.uri().to_string();
    received.lock().expect("not poisoned").push(Received {
        method: method.clone(),
        path: url.clone(),
        target,
        headers: headers.clone(),
    });
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let path = path.to_owned();
    let query = query.to_owned();
    let body = request.into_body().collect().await.map(|collected| collected.to_bytes()).unwrap_or_default();

    match path.as_str() {
        "/hello" => respond(200, &[("content-type", "text/plain")], full("hello from the test server")),
        "/echo" => {
            let echo = serde_json::json!({
                "method": method,
                "path": url,
                "headers": headers.iter().filter(|(name, _)| name != "authorization").cloned().collect::<Vec<_>>(),
                "body": String::from_utf8_lossy(&body),
            });
            respond(200, &[("content-type", "application/json")], full(echo.to_string()))
        }
        "/bearer" => {
            // The token alone, as a token-introspection or `/bearer` endpoint returns it.
            let token = bearer_token(&headers);
            respond(200, &[("content-type", "text/plain"), ("x-token", &token)], full(token.clone()))
        }
        "/unauthorized" => {
            // A 401 that quotes the token, JSON-escaped in the body and in a header.
            let message = serde_json::json!({ "error": "invalid_token", "message": format!("The token \"{}\" is not valid", bearer_token(&headers)) });
            let challenge = format!("Bearer realm=\"api\", error=\"invalid_token\", token={}", bearer_token(&headers));
            respond(
                401,
                &[("content-type", "application/json"), ("www-authenticate", &challenge)],
                full(message.to_string()),
            )
        }
        "/encoded" => {
            // The token as an API might transform it: URL-encoded, base64 inside a longer
            // text, HTML-escaped.
            use base64::Engine as _;
            let token = bearer_token(&headers);
            let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
            let basic = base64::engine::general_purpose::STANDARD.encode(format!("Authorization: Bearer {token}\r\n"));
            let html = token.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            let body = serde_json::json!({ "next": format!("/callback?token={encoded}&page=2"), "dump": basic, "html": format!("<b>{html}</b>") });
            respond(
                200,
                &[("content-type", "application/json"), ("link", &format!("</next?token={encoded}>; rel=next"))],
                full(body.to_string()),
            )
        }
        "/compressed" => {
            // The token in a JSON body sent with `Content-Encoding: CODING` (`gzip`, `br`,
            // `deflate`, `gzip, gzip`; any other coding labels the plain body).
            let coding = query_value(&query, "coding").unwrap_or_else(|| "gzip".to_owned());
            let token = bearer_token(&headers);
            let plain = serde_json::json!({ "token": token, "authorization": format!("Bearer {token}"), "padding": "x".repeat(1000) });
            let body = encode(&coding, plain.to_string().as_bytes());
            respond(200, &[("content-type", "application/json"), ("content-encoding", &coding)], full(body))
        }
        "/bomb" => {
            // MIB mebibytes of zeros in a few KiB of gzip (one member of copies of 258 bytes),
            // or in brotli with a 16 MiB window (stored: as large as the data).
            let mebibytes: usize = query_value(&query, "mib").and_then(|value| value.parse().ok()).unwrap_or(64);
            match query_value(&query, "coding").as_deref() {
                // Made as it is sent, a metablock at a time: the test process (whose peak
                // resident set its children inherit) holds 1 MiB of it at once.
                Some("br") => {
                    let blocks = futures_util::stream::iter((0..=mebibytes).map(move |index| {
                        let bytes = match index {
                            _ if index == mebibytes => BROTLI_END.to_vec(),
                            0 => brotli_metablock(Some(24), &vec![0; 1 << 20]),
                            _ => brotli_metablock(None, &vec![0; 1 << 20]),
                        };
                        Ok::<_, Infallible>(Frame::data(Bytes::from(bytes)))
                    }));
                    respond(200, &[("content-encoding", "br")], StreamBody::new(blocks).boxed())
                }
                _ => respond(200, &[("content-encoding", "gzip")], full(gzip_zeros(mebibytes << 20))),
            }
        }
        "/redirect-token" => {
            let encoded: String = url::form_urlencoded::byte_serialize(bearer_token(&headers).as_bytes()).collect();
            respond(302, &[("location", &format!("/hello?token={encoded}"))], full(""))
        }
        "/secret-echo" => {
            let authorization = headers
                .iter()
                .find(|(name, _)| name == "authorization")
                .map(|(_, value)| value.clone())
                .unwrap_or_default();
            respond(200, &[("x-echo", &authorization)], full(format!("you sent: {authorization}")))
        }
        "/redirect" => {
            let target = url::form_urlencoded::parse(query.as_bytes())
                .find(|(key, _)| key == "to")
                .map(|(_, value)| value.into_owned())
                .unwrap_or_else(|| "/hello".to_owned());
            respond(302, &[("location", &target)], full(""))
        }
        "/stream" => {
            let chunks =
                ["one\n", "two\n", "three\n"].map(|chunk| Ok::<_, Infallible>(Frame::data(Bytes::from(chunk))));
            respond(200, &[("content-type", "text/plain")], StreamBody::new(futures_util::stream::iter(chunks)).boxed())
        }
        "/slow" => {
            // Small chunks with pauses between them, so that every read waits on the network.
            let chunks = futures_util::stream::unfold(0, |index| async move {
                if index == 4 {
                    return None;
                }
                if index > 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Some((Ok::<_, Infallible>(Frame::data(Bytes::from(format!("chunk{index}\n")))), index + 1))
            });
            respond(200, &[("content-type", "text/plain")], StreamBody::new(chunks).boxed())
        }
        "/endless" => {
            let chunk = Bytes::from(vec![b'x'; 64 << 10]);
            let endless = futures_util::stream::repeat_with(move || Ok::<_, Infallible>(Frame::data(chunk.clone())));
            respond(200, &[("content-type", "application/octet-stream")], StreamBody::new(endless).boxed())
        }
        _ => match path.strip_prefix("/status/").and_then(|code| code.parse::<u16>().ok()) {
            Some(code) => respond(code, &[], full(format!("status {code}"))),
            None => respond(404, &[], full("not found")),
        },
    }
}
