//! An OpenAPI spec with a server behind it: a small pets API served by hyper on 127.0.0.1,
//! called with requests built by `OpenApi::request`, sent by reqwest, and answered through
//! `OpenApi::response`.

use std::convert::Infallible;
use std::path::Path;

use capabilities::{HttpFailure, OpenApi, Value};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use url::Url;

/// The API of `fixtures/openapi/pets-e2e-3.1.json`, with two pets.
async fn serve(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let target = request.uri().to_string();
    let header =
        |name: &str| request.headers().get(name).and_then(|value| value.to_str().ok()).unwrap_or("").to_owned();
    let (content_type, request_id, cookie) = (header("content-type"), header("x-request-id"), header("cookie"));
    let body = request.into_body().collect().await.map(|body| body.to_bytes()).unwrap_or_default();
    let respond = |status: u16, content_type: &str, body: Vec<u8>| {
        Ok(Response::builder()
            .status(StatusCode::from_u16(status).expect("a status"))
            .header("content-type", content_type)
            .body(Full::new(Bytes::from(body)))
            .expect("a response"))
    };
    let json =
        |status: u16, value: serde_json::Value| respond(status, "application/json", value.to_string().into_bytes());
    let pet = |id: u64| match id {
        1 => Some(serde_json::json!({"id": 1, "name": "Rex", "tag": "dog"})),
        2 => Some(serde_json::json!({"id": 2, "name": "Tom", "tag": null})),
        _ => None,
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["v1", "pets"]) => {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            let limit = pairs.iter().find(|(key, _)| key == "limit").and_then(|(_, value)| value.parse::<u64>().ok());
            let tags: Vec<&str> =
                pairs.iter().filter(|(key, _)| key == "tag").map(|(_, value)| value.as_str()).collect();
            let pets: Vec<serde_json::Value> = (1..=limit.unwrap_or(2).min(2)).filter_map(pet).collect();
            json(200, serde_json::json!({"limit": limit, "tags": tags, "pets": pets}))
        }
        ("POST", ["v1", "pets"]) if content_type == "application/json" => {
            let mut new: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            new["id"] = serde_json::json!(3);
            json(201, new)
        }
        ("POST", ["v1", "pets"]) => json(415, serde_json::json!({"error": format!("not JSON: {content_type}")})),
        ("GET", ["v1", "pets", id]) => match id.parse().ok().and_then(pet) {
            Some(pet) => json(200, pet),
            None => json(404, serde_json::json!({"error": format!("no pet {id}")})),
        },
        ("GET", ["v1", "pets", _, "photo"]) => respond(200, "image/png", vec![0x89, b'P', b'N', b'G', 0, 255]),
        ("PUT", ["v1", "pets", _, "photo"]) if content_type == "application/octet-stream" => {
            json(200, serde_json::json!({"bytes": body.len(), "last": body.last()}))
        }
        ("GET", ["v1", "echo", _]) => respond(
            200,
            "text/plain; charset=utf-8",
            format!("{target}\nx-request-id: {request_id}\ncookie: {cookie}").into_bytes(),
        ),
        ("POST", ["v1", "forms"]) => {
            respond(200, "text/plain", format!("{content_type}\n{}", String::from_utf8_lossy(&body)).into_bytes())
        }
        ("GET", ["v1", "broken"]) => respond(200, "application/json", b"{\"half\": ".to_vec()),
        _ => respond(404, "text/plain", format!("no route for {method} {path}").into_bytes()),
    }
}

/// The server, on a port of its own; its base URL.
async fn start() -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), hyper::service::service_fn(serve))
                    .await;
            });
        }
    });
    Url::parse(&format!("http://{address}")).expect("a URL")
}

/// A caller: builds, sends and reads calls of one spec against one base.
struct Caller {
    spec: OpenApi,
    base: Url,
    client: reqwest::Client,
}

impl Caller {
    async fn new() -> Caller {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/pets-e2e-3.1.json"),
        )
        .expect("fixture");
        let spec = OpenApi::parse(&text).expect("the spec reads");
        // reqwest needs a TLS provider even for plain HTTP; another test may have installed it.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // The machine's proxy settings must not take requests to 127.0.0.1 elsewhere.
        let client = reqwest::Client::builder().no_proxy().build().expect("a client");
        Caller { spec, base: start().await, client }
    }

    async fn call(&self, tool: &str, input: Value) -> Result<Value, HttpFailure> {
        let call = self.spec.request(tool, &input, Some(&self.base)).unwrap_or_else(|error| panic!("{error}"));
        let method = reqwest::Method::from_bytes(call.method.as_bytes()).expect("a method");
        let mut request = self.client.request(method, call.url.clone());
        for (name, value) in &call.headers {
            request = request.header(name, value);
        }
        if let Some(body) = call.body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let body = response.bytes().await.expect("a body");
        self.spec.response(tool, status, &headers, &body)
    }
}

fn object(entries: &[(&str, Value)]) -> Value {
    Value::Object(entries.iter().map(|(key, value)| ((*key).to_owned(), value.clone())).collect())
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

/// Results: JSON parsed (numbers as JavaScript's), query arrays exploded, a body beside the
/// parameters, text, bytes both ways.
#[tokio::test]
async fn calls_reach_the_server_and_come_back_as_values() {
    let caller = Caller::new().await;

    let listing = caller
        .call(
            "listPets",
            object(&[("limit", Value::Number(1.0)), ("tag", Value::Array(vec![string("a b"), string("c&d")]))]),
        )
        .await
        .unwrap();
    let pet = object(&[("id", Value::Number(1.0)), ("name", string("Rex")), ("tag", string("dog"))]);
    assert_eq!(
        listing,
        object(&[
            ("limit", Value::Number(1.0)),
            ("tags", Value::Array(vec![string("a b"), string("c&d")])),
            ("pets", Value::Array(vec![pet.clone()])),
        ])
    );

    assert_eq!(caller.call("getPet", object(&[("petId", Value::Number(1.0))])).await, Ok(pet));

    let created = caller.call("createPet", object(&[("name", string("Kit")), ("tag", Value::Null)])).await.unwrap();
    assert_eq!(created, object(&[("name", string("Kit")), ("tag", Value::Null), ("id", Value::Number(3.0))]));

    let photo = caller.call("getPhoto", object(&[("petId", Value::Number(2.0))])).await.unwrap();
    assert_eq!(photo, Value::Bytes(vec![0x89, b'P', b'N', b'G', 0, 255]));
    let stored = caller
        .call("putPhoto", object(&[("petId", Value::Number(2.0)), ("body", Value::Bytes(vec![1, 2, 255]))]))
        .await
        .unwrap();
    assert_eq!(stored, object(&[("bytes", Value::Number(3.0)), ("last", Value::Number(255.0))]));

    let form = caller
        .call(
            "postForm",
            object(&[("name", string("a b")), ("n", Value::Array(vec![Value::Number(1.0), Value::Number(2.0)]))]),
        )
        .await
        .unwrap();
    assert_eq!(form, string("application/x-www-form-urlencoded\nname=a+b&n=1&n=2"));
}

/// What the server receives: a path parameter that tries to climb, add a query or a
/// fragment arrives as one encoded segment; headers and cookies as sent.
#[tokio::test]
async fn the_server_sees_what_the_spec_says() {
    let caller = Caller::new().await;
    let seen = caller
        .call(
            "echo",
            object(&[
                ("value", string("../admin?x=1#frag")),
                ("q", string("ü & =")),
                ("X-Request-Id", string("r-1")),
                ("session", string("s 1")),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(
        seen,
        string("/v1/echo/..%2Fadmin%3Fx%3D1%23frag?q=%C3%BC%20%26%20%3D\nx-request-id: r-1\ncookie: session=s%201")
    );
}

/// Statuses other than 2xx, and a 2xx that lies about its body, are failures with the status
/// and the start of the body.
#[tokio::test]
async fn failures_say_what_the_server_said() {
    let caller = Caller::new().await;
    let failure = caller.call("getPet", object(&[("petId", Value::Number(9.0))])).await.unwrap_err();
    assert_eq!(failure, HttpFailure { status: 404, message: r#"HTTP 404 Not Found: {"error":"no pet 9"}"#.to_owned() });
    let failure = caller.call("broken", Value::Null).await.unwrap_err();
    assert_eq!(failure.status, 200);
    assert!(failure.message.starts_with("HTTP 200: the response says it is JSON but is not"), "{}", failure.message);
}
