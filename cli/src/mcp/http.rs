//! Streamable HTTP: rmcp's server (`StreamableHttpService`: stateless and POST only for
//! 2026-07-28, `Mcp-Method`/`Mcp-Name` checked against the body; sessions for the older
//! revisions; `Host` checked on a loopback address) behind what `sandbox mcp` checks first, in this order:
//! 1. `Origin`: a request from a browser page must come from an origin given with
//!    `--allow-origin`, or, on a loopback address, from a loopback origin (a page of this
//!    machine that a rebound name cannot pose as), else 403 (the MCP spec's defence against
//!    DNS rebinding for local servers);
//! 2. the bearer token, as `sandbox serve` checks it (`serve::auth`: SHA-256 digests,
//!    constant-time), else 401 with `WWW-Authenticate: Bearer`;
//! 3. the body's size (`Content-Length`, then while reading), else 413.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::select;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};

use crate::exit::ExitStatus;
use crate::mcp::handler::Handler;
use crate::output::RunDetails;
use crate::report::Report;
use crate::serve::auth::Tokens;

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

/// What every request must pass before rmcp sees it.
pub(crate) struct Guard {
    pub(crate) tokens: Tokens,
    /// Allowed `Origin`s, serialized as `url::Origin` serializes them.
    pub(crate) allow_origins: Vec<String>,
    pub(crate) max_body: usize,
    /// The server listens on a loopback address: loopback origins are allowed too.
    pub(crate) loopback: bool,
}

pub(crate) async fn serve(handler: Handler, address: SocketAddr, guard: Guard) -> ExitStatus {
    let server = Arc::clone(&handler.server);
    let printer = server.printer;
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            let report = Report::new(ExitStatus::Usage, "listen", format!("Cannot listen on {address}: {error}"))
                .with_hint("choose another address or port with --listen, or stop what listens there");
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    let local = listener.local_addr().map_or_else(|_| address.to_string(), |local| local.to_string());
    // Clients of 2026-07-28 are served statelessly, POST only, whatever this says; older
    // clients get the sessions of their revision, in which the server can ask them
    // (elicitation) during a call.
    let mut config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(true)
        .with_json_response(true)
        .with_max_request_body_bytes(guard.max_body);
    // Origins are checked here, before the token, with an answer that says what to do.
    config = config.disable_allowed_origins();
    if !address.ip().is_loopback() {
        // Reached by other names than the loopback ones: every request carries a token.
        config = config.disable_allowed_hosts();
    }
    let service =
        StreamableHttpService::new(move || Ok(handler.clone()), Arc::new(LocalSessionManager::default()), config);
    let guard = Arc::new(guard);
    // Always written, `--quiet` or not: it says where the server is (port 0 picks one).
    printer.log_line(
        &serde_json::json!({"event": "listening", "transport": "streamable-http", "address": local, "path": "/mcp"})
            .to_string(),
    );
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let printer = server.printer;
    crate::serve::accept_until_signal(&listener, &graceful, |_| {
        let service = service.clone();
        let guard = Arc::clone(&guard);
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let service = service.clone();
            let guard = Arc::clone(&guard);
            async move { Ok::<_, Infallible>(handle(&service, &guard, printer, request).await) }
        })
    })
    .await;
    drop(listener);
    let _ = select(pin!(graceful.shutdown()), pin!(tokio::time::sleep(Duration::from_secs(5)))).await;
    ExitStatus::Success
}

async fn handle(
    service: &StreamableHttpService<Handler, LocalSessionManager>,
    guard: &Guard,
    printer: crate::output::Printer,
    request: Request<Incoming>,
) -> Response<Body> {
    if request.uri().path() != "/mcp" {
        return refuse(
            StatusCode::NOT_FOUND,
            "not-found",
            "No such endpoint",
            "the MCP endpoint is POST /mcp",
            printer,
        );
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let origin = origin.to_str().ok().and_then(|origin| url::Url::parse(origin).ok());
        let allowed = origin.is_some_and(|origin| {
            let serialized = origin.origin().ascii_serialization();
            let loopback = match origin.host() {
                Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(address)) => address.is_loopback(),
                Some(url::Host::Ipv6(address)) => address.is_loopback(),
                None => false,
            };
            guard.allow_origins.contains(&serialized) || (guard.loopback && loopback)
        });
        if !allowed {
            return refuse(
                StatusCode::FORBIDDEN,
                "origin-not-allowed",
                "Requests from this browser origin are refused",
                "start sandbox mcp with --allow-origin ORIGIN to let a web page of that origin call it",
                printer,
            );
        }
    }
    if guard.tokens.check(request.headers().get(header::AUTHORIZATION).map(HeaderValue::as_bytes)).is_none() {
        let mut response = refuse(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "The request has no valid bearer token",
            "send `Authorization: Bearer TOKEN` with a token of the server's --token-file",
            printer,
        );
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            &format!(
                "The request body is larger than the server's limit of {}",
                executor::format_bytes(guard.max_body)
            ),
            "send less code, or start sandbox mcp with a larger --max-body",
            printer,
        )
    };
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > guard.max_body as u64) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, guard.max_body).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(failure) if failure.downcast_ref::<http_body_util::LengthLimitError>().is_some() => return too_large(),
        Err(failure) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "unreadable-body",
                &format!("Cannot read the request body: {failure}"),
                "send the whole body",
                printer,
            );
        }
    };
    service.handle(Request::from_parts(parts, Full::new(body))).await
}

/// An answer of this layer: a JSON-RPC error object (what MCP clients read), with the
/// reason and what to do.
fn refuse(
    status: StatusCode,
    code: &str,
    message: &str,
    hint: &str,
    printer: crate::output::Printer,
) -> Response<Body> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": -32000, "message": format!("{message}: {hint}"), "data": {"reason": code}},
    });
    let mut response = Response::new(Full::new(Bytes::from(printer.scrubbed(&body.to_string()).into_owned())).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
