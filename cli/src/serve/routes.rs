//! The endpoints: each request is authenticated, its body read within the limit, its program
//! prepared (or found by id), run in the pool, and answered; then logged, counted and traced.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Body as _, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use opentelemetry::KeyValue;

use crate::commands::run::{CollectingConsole, lock};
use crate::exit::ExitStatus;
use crate::output::{Logs, Printer, RunDetails};
use crate::report::Report;
use crate::serve::auth::{TokenId, Tokens};
use crate::serve::log::AccessLine;
use crate::serve::metrics::{Gauges, Metrics};
use crate::serve::request::{self, Prepared, ProgramRequest, RunOptions};
use crate::serve::trace::{RequestTrace, TraceParent, Tracing};
use crate::serve::workers::{Kept, Worker, Workers};

/// Everything the handlers share.
pub(crate) struct State {
    pub(crate) pool: executor::Pool,
    pub(crate) code_cache: Arc<executor::CodeCache>,
    pub(crate) workers: Workers,
    pub(crate) metrics: Metrics,
    pub(crate) tracing: Tracing,
    pub(crate) tokens: Tokens,
    pub(crate) policies: BTreeMap<String, executor::OutboundPolicy>,
    /// Capabilities a request may be granted by name: tools (MCP servers, OpenAPI specs) and
    /// HTTP services.
    pub(crate) tools: BTreeMap<String, executor::ToolBinding>,
    pub(crate) services: BTreeMap<String, executor::ServiceBinding>,
    pub(crate) limits: executor::Limits,
    pub(crate) max_body: usize,
    pub(crate) token_concurrency: usize,
    pub(crate) allow_eval: bool,
    pub(crate) printer: Printer,
    pub(crate) quiet: bool,
    pub(crate) per_token: Mutex<HashMap<String, usize>>,
    pub(crate) in_flight: AtomicUsize,
    pub(crate) shutting_down: AtomicBool,
}

type Body = Full<Bytes>;

/// What a request was, for its log line, metrics and span.
#[derive(Default)]
struct Info {
    token: Option<TokenId>,
    bytes_in: usize,
    outcome: Option<String>,
    queue_ms: Option<f64>,
    run_ms: Option<f64>,
    isolate: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Healthz,
    Metrics,
    Run,
    PutWorker(String),
    DeleteWorker(String),
    /// A worker's fetch handler, with the path after `/fetch`.
    Fetch(String, String),
    NotFound,
    MethodNotAllowed(&'static str),
}

impl Route {
    fn of(method: &Method, path: &str) -> Route {
        match path {
            "/healthz" => {
                return if method == Method::GET || method == Method::HEAD {
                    Route::Healthz
                } else {
                    Route::MethodNotAllowed("GET, HEAD")
                };
            }
            "/metrics" => return if method == Method::GET { Route::Metrics } else { Route::MethodNotAllowed("GET") },
            "/v1/run" => return if method == Method::POST { Route::Run } else { Route::MethodNotAllowed("POST") },
            _ => {}
        }
        let Some(rest) = path.strip_prefix("/v1/workers/") else { return Route::NotFound };
        let (id, rest) = rest.split_once('/').map_or((rest, None), |(id, rest)| (id, Some(rest)));
        if !crate::serve::settings::is_name(id) {
            return Route::NotFound;
        }
        match rest {
            None => match *method {
                Method::PUT => Route::PutWorker(id.to_owned()),
                Method::DELETE => Route::DeleteWorker(id.to_owned()),
                _ => Route::MethodNotAllowed("PUT, DELETE"),
            },
            Some(rest) if rest == "fetch" || rest.starts_with("fetch/") => {
                Route::Fetch(id.to_owned(), format!("/{}", rest["fetch".len()..].trim_start_matches('/')))
            }
            Some(_) => Route::NotFound,
        }
    }

    /// The route's name in metrics and span names.
    fn name(&self) -> &'static str {
        match self {
            Route::Healthz => "/healthz",
            Route::Metrics => "/metrics",
            Route::Run => "/v1/run",
            Route::PutWorker(_) | Route::DeleteWorker(_) => "/v1/workers/{id}",
            Route::Fetch(..) => "/v1/workers/{id}/fetch",
            Route::NotFound | Route::MethodNotAllowed(_) => "other",
        }
    }
}

/// Answers one request, and logs, counts and traces it.
pub(crate) async fn handle(
    state: Arc<State>,
    remote: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = Route::of(&method, &path);
    let caller = request.headers().get("traceparent").and_then(|value| TraceParent::parse(value.as_bytes()));
    let mut trace = state.tracing.begin(caller, format!("{method} {}", route.name()), SystemTime::now());
    state.in_flight.fetch_add(1, Ordering::Relaxed);
    let mut info = Info::default();
    let mut response = dispatch(&state, &route, request, &mut trace, &mut info).await;
    state.in_flight.fetch_sub(1, Ordering::Relaxed);
    if let Ok(value) = HeaderValue::from_str(&trace.traceparent()) {
        response.headers_mut().insert("traceparent", value);
    }
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    state.metrics.request(route.name(), status, elapsed);
    if !state.quiet && route != Route::Healthz && route != Route::Metrics {
        let bytes_out = usize::try_from(response.body().size_hint().exact().unwrap_or(0)).unwrap_or(0);
        let line = AccessLine {
            time: crate::serve::log::now(),
            method: method.as_str(),
            path: &path,
            status,
            duration_ms: (elapsed.as_secs_f64() * 1e6).round() / 1e3,
            bytes_in: info.bytes_in,
            bytes_out,
            remote: remote.ip().to_string(),
            token: info.token.as_ref().map(|token| token.0.as_str()).filter(|label| !label.is_empty()),
            trace_id: trace.trace_id_hex(),
            outcome: info.outcome.as_deref(),
            queue_ms: info.queue_ms,
            run_ms: info.run_ms,
            isolate: info.isolate,
        };
        if let Ok(line) = serde_json::to_string(&line) {
            state.printer.log_line(&line);
        }
    }
    let mut attributes =
        vec![KeyValue::new("http.request.method", method.to_string()), KeyValue::new("url.path", path)];
    if let Some(outcome) = info.outcome {
        attributes.push(KeyValue::new("sandbox.outcome", outcome));
    }
    trace.end(status, attributes);
    Ok(response)
}

async fn dispatch(
    state: &Arc<State>,
    route: &Route,
    request: Request<Incoming>,
    trace: &mut RequestTrace,
    info: &mut Info,
) -> Response<Body> {
    match route {
        Route::Healthz => {
            return if state.shutting_down.load(Ordering::Relaxed) {
                text(StatusCode::SERVICE_UNAVAILABLE, "shutting down\n")
            } else {
                text(StatusCode::OK, "ok\n")
            };
        }
        Route::NotFound => {
            return error(
                state,
                StatusCode::NOT_FOUND,
                "not-found",
                "No such endpoint",
                "the endpoints are POST /v1/run, PUT and DELETE /v1/workers/ID, ANY /v1/workers/ID/fetch/PATH, GET /healthz and GET /metrics",
            );
        }
        Route::MethodNotAllowed(allowed) => {
            let mut response = error(
                state,
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "The endpoint does not take this method",
                format!("use {allowed}"),
            );
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allowed));
            return response;
        }
        _ => {}
    }
    let token = if state.tokens.is_empty() {
        TokenId(String::new())
    } else {
        match state.tokens.check(request.headers().get(header::AUTHORIZATION).map(HeaderValue::as_bytes)) {
            Some(token) => token,
            None => {
                let mut response = error(
                    state,
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "The request has no valid bearer token",
                    "send `Authorization: Bearer TOKEN` with a token of the server's --token-file",
                );
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return response;
            }
        }
    };
    info.token = Some(token.clone());
    if *route == Route::Metrics {
        let gauges = Gauges {
            pool: state.pool.stats(),
            code_cache: state.code_cache.stats(),
            workers: state.workers.size(),
            workers_evicted: state.workers.evicted.load(Ordering::Relaxed),
            in_flight: state.in_flight.load(Ordering::Relaxed),
        };
        let mut response = Response::new(Full::new(Bytes::from(state.metrics.render(&gauges))));
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"));
        return response;
    }
    if let Route::DeleteWorker(id) = route {
        return if state.workers.remove(&(token.0.clone(), id.clone())) {
            status_only(StatusCode::NO_CONTENT)
        } else {
            not_kept(state, id)
        };
    }
    // Runs and definitions occupy the server: at most so many at once per token (without
    // tokens, every request is the same caller, bounded by the queue alone).
    let slot = if state.tokens.is_empty() { Some(None) } else { TokenSlot::take(state, &token).map(Some) };
    let Some(_slot) = slot else {
        state.metrics.rejected_token_concurrency.fetch_add(1, Ordering::Relaxed);
        info.outcome = Some("token-concurrency".to_owned());
        return busy(
            state,
            "token-concurrency",
            format!(
                "This token has {} requests waiting or running, the most the server allows one token",
                state.token_concurrency
            ),
        );
    };
    let (parts, body) = request.into_parts();
    let body = match read_body(state, &parts, body).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    info.bytes_in = body.len();
    match route {
        Route::Run => run(state, &token, &body, trace, info).await,
        Route::PutWorker(id) => put_worker(state, &token, id, &body, info).await,
        Route::Fetch(id, rest) => fetch(state, &token, id, rest, &parts, body, trace, info).await,
        _ => error(state, StatusCode::NOT_FOUND, "not-found", "No such endpoint", "see README.md, \"Serving\""),
    }
}

/// One of a token's concurrent requests, given back when dropped.
struct TokenSlot<'a> {
    state: &'a State,
    token: String,
}

impl<'a> TokenSlot<'a> {
    fn take(state: &'a State, token: &TokenId) -> Option<TokenSlot<'a>> {
        let mut counts = lock(&state.per_token);
        let count = counts.entry(token.0.clone()).or_default();
        if *count >= state.token_concurrency {
            return None;
        }
        *count += 1;
        Some(TokenSlot { state, token: token.0.clone() })
    }
}

impl Drop for TokenSlot<'_> {
    fn drop(&mut self) {
        let mut counts = lock(&self.state.per_token);
        if let Some(count) = counts.get_mut(&self.token) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.token);
            }
        }
    }
}

/// The body, or 413 when it is larger than `--max-body` (told by `Content-Length`, or found
/// while reading).
async fn read_body(
    state: &State,
    parts: &hyper::http::request::Parts,
    body: Incoming,
) -> Result<Bytes, Response<Body>> {
    let too_large = || {
        error(
            state,
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            format!("The request body is larger than the server's limit of {}", executor::format_bytes(state.max_body)),
            "send less, or start the server with a larger --max-body",
        )
    };
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > state.max_body as u64) {
        return Err(too_large());
    }
    match Limited::new(body, state.max_body).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(failure) if failure.downcast_ref::<http_body_util::LengthLimitError>().is_some() => Err(too_large()),
        Err(failure) => Err(error(
            state,
            StatusCode::BAD_REQUEST,
            "unreadable-body",
            format!("Cannot read the request body: {failure}"),
            "send the whole body",
        )),
    }
}

/// `POST /v1/run`.
async fn run(
    state: &Arc<State>,
    token: &TokenId,
    body: &[u8],
    trace: &mut RequestTrace,
    info: &mut Info,
) -> Response<Body> {
    let Ok(text) = std::str::from_utf8(body) else {
        return error(
            state,
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "The request body is not UTF-8 text",
            "send a JSON object",
        );
    };
    let (outbound, capabilities) = state.names();
    let names = request::Names { outbound: &outbound, capabilities: &capabilities };
    let request = match request::run_request(text, &names) {
        Ok(request) => request,
        Err(report) => return report_response(state, &report, info),
    };
    let key = request.id.as_ref().map(|id| (token.0.clone(), id.clone()));
    let (prepared, options) = match (key, request.program) {
        (None, ProgramRequest::Given { prepare, .. }) => match prepare_program(prepare, body.len()).await {
            Ok(prepared) => (Arc::new(prepared), request.options),
            Err(report) => return report_response(state, &report, info),
        },
        (Some(key), ProgramRequest::Given { hash, prepare }) => {
            let prepared = match state.workers.unchanged(&key, &hash) {
                Some(worker) => Arc::clone(&worker.prepared),
                None => match prepare_program(prepare, body.len()).await {
                    Ok(prepared) => {
                        let prepared = Arc::new(prepared);
                        let worker = Worker { hash, prepared: Arc::clone(&prepared), options: request.options.clone() };
                        state.workers.put(key, Arc::new(worker));
                        prepared
                    }
                    Err(report) => return report_response(state, &report, info),
                },
            };
            (prepared, request.options)
        }
        (Some(key), ProgramRequest::Absent) => {
            let Some(worker) = state.workers.get(&key) else { return not_kept(state, &key.1) };
            let options = RunOptions {
                env: if request.gave.env { request.options.env } else { worker.options.env.clone() },
                limits: worker.options.limits.lowered_by(&request.options.limits),
                capabilities: if request.gave.capabilities {
                    request.options.capabilities
                } else {
                    worker.options.capabilities.clone()
                },
                outbound: if request.gave.outbound {
                    request.options.outbound
                } else {
                    worker.options.outbound.clone()
                },
            };
            (Arc::clone(&worker.prepared), options)
        }
        (None, ProgramRequest::Absent) => unreachable!("run_request refuses a request with nothing to run"),
    };
    let finished = match run_in_pool(state, &prepared, request.call, options, trace, info).await {
        Ok(finished) => finished,
        Err(response) => return response,
    };
    let (finished, logs) = finished;
    let outcome = &finished.outcome;
    let details = RunDetails {
        logs: &logs.entries,
        dropped_logs: logs.dropped(),
        stats: Some(&outcome.stats),
        outbound: (!outcome.subrequests.is_empty()).then_some(outcome.subrequests.as_slice()),
        tool_calls: (!outcome.tool_calls.is_empty()).then_some(outcome.tool_calls.as_slice()),
    };
    let (status, body) = match (&outcome.result, &outcome.response) {
        (Ok(_), Some(response)) => {
            let result = crate::commands::run::response_result(state.printer, response);
            (StatusCode::OK, state.printer.envelope_text(result.as_deref(), None, details))
        }
        (Ok(result), None) => (StatusCode::OK, state.printer.envelope_text(result.as_deref(), None, details)),
        (Err(run_error), _) => {
            let report = run_report(state, run_error, &prepared.sources);
            (run_status(&report), state.printer.envelope_text(None, Some(&report), details))
        }
    };
    json(status, body)
}

/// `PUT /v1/workers/ID`.
async fn put_worker(state: &Arc<State>, token: &TokenId, id: &str, body: &[u8], info: &mut Info) -> Response<Body> {
    let Ok(text) = std::str::from_utf8(body) else {
        return error(
            state,
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "The request body is not UTF-8 text",
            "send a JSON object",
        );
    };
    let (outbound, capabilities) = state.names();
    let names = request::Names { outbound: &outbound, capabilities: &capabilities };
    let definition = match request::worker_definition(text, &names) {
        Ok(definition) => definition,
        Err(report) => return report_response(state, &report, info),
    };
    let key = (token.0.clone(), id.to_owned());
    let (prepared, unchanged) = match state.workers.unchanged(&key, &definition.hash) {
        Some(worker) => (Arc::clone(&worker.prepared), true),
        None => match prepare_program(definition.prepare, body.len()).await {
            Ok(prepared) => (Arc::new(prepared), false),
            Err(report) => {
                // The program cannot run: a bad definition, whatever the kind of failure.
                let mut report = *report;
                if report.status != ExitStatus::Internal {
                    report.status = ExitStatus::Usage;
                }
                return report_response(state, &report, info);
            }
        },
    };
    let modules = prepared.modules.len();
    let worker = Worker { hash: definition.hash, prepared, options: definition.options };
    let kept = match state.workers.put(key, Arc::new(worker)) {
        Kept::Replaced if unchanged => Kept::Unchanged,
        kept => kept,
    };
    info.outcome = Some(kept.as_str().to_owned());
    if kept == Kept::TooLarge {
        return error(
            state,
            StatusCode::PAYLOAD_TOO_LARGE,
            "worker-too-large",
            format!(
                "The worker is larger than the server keeps ({} for all workers)",
                executor::format_bytes(state.workers_max())
            ),
            "send a smaller program, or start the server with a larger --worker-memory",
        );
    }
    let hash: String = definition.hash.iter().map(|byte| format!("{byte:02x}")).collect();
    let answer = serde_json::json!({ "ok": true, "id": id, "kept": kept.as_str(), "modules": modules, "hash": hash });
    json(if kept == Kept::Created { StatusCode::CREATED } else { StatusCode::OK }, answer.to_string())
}

/// `ANY /v1/workers/ID/fetch/PATH`: the worker's fetch handler answers.
#[allow(clippy::too_many_arguments)]
async fn fetch(
    state: &Arc<State>,
    token: &TokenId,
    id: &str,
    rest: &str,
    parts: &hyper::http::request::Parts,
    body: Bytes,
    trace: &mut RequestTrace,
    info: &mut Info,
) -> Response<Body> {
    let Some(worker) = state.workers.get(&(token.0.clone(), id.to_owned())) else { return not_kept(state, id) };
    let host = parts.headers.get(header::HOST).and_then(|host| host.to_str().ok()).unwrap_or("localhost");
    let query = parts.uri.query().map(|query| format!("?{query}")).unwrap_or_default();
    let Ok(url) = url::Url::parse(&format!("http://{host}{rest}{query}")) else {
        return error(
            state,
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The request's Host and path do not make a URL",
            "send a valid Host header",
        );
    };
    let headers = parts
        .headers
        .iter()
        .filter(|(name, _)| !NOT_FORWARDED.contains(&name.as_str()))
        .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    let method = parts.method.as_str().to_owned();
    let body = (!(body.is_empty() && (method == "GET" || method == "HEAD"))).then(|| body.to_vec());
    let call = executor::Call {
        request: Some(executor::HttpRequest { method, url: url.to_string(), headers, body }),
        ..executor::Call::default()
    };
    let (finished, _logs) = match run_in_pool(state, &worker.prepared, call, worker.options.clone(), trace, info).await
    {
        Ok(finished) => finished,
        Err(response) => return response,
    };
    match (&finished.outcome.result, &finished.outcome.response) {
        (Ok(_), Some(answer)) => {
            let mut response =
                Response::new(Full::new(Bytes::from(state.printer.redact_bytes(&answer.body).into_owned())));
            *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            for (name, value) in &answer.headers {
                if NOT_FORWARDED.contains(&name.to_ascii_lowercase().as_str())
                    || name.eq_ignore_ascii_case("content-length")
                {
                    continue;
                }
                let value = state.printer.scrubbed(value);
                if let (Ok(name), Ok(value)) =
                    (header::HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value))
                {
                    response.headers_mut().append(name, value);
                }
            }
            response
        }
        (Ok(_), None) => error(
            state,
            StatusCode::INTERNAL_SERVER_ERROR,
            "no-response",
            "The worker's fetch handler gave no Response",
            "return a Response from fetch()",
        ),
        (Err(run_error), _) => {
            let report = run_report(state, run_error, &worker.prepared.sources);
            let status = match run_status(&report) {
                StatusCode::OK => StatusCode::INTERNAL_SERVER_ERROR,
                other => other,
            };
            json(
                status,
                state.printer.envelope_text(
                    None,
                    Some(&report),
                    RunDetails { stats: Some(&finished.outcome.stats), ..RunDetails::default() },
                ),
            )
        }
    }
}

/// Headers that are the connection's, or the server's own (the bearer token), and not the
/// worker's: never handed to the code, nor taken from its response.
const NOT_FORWARDED: &[&str] = &[
    "authorization",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
];

/// Runs `prepared` in the pool; the run's outcome and its console output, or the answer
/// when the pool refused it.
async fn run_in_pool(
    state: &Arc<State>,
    prepared: &Prepared,
    call: executor::Call,
    options: RunOptions,
    trace: &mut RequestTrace,
    info: &mut Info,
) -> Result<(executor::Finished, Logs), Response<Body>> {
    // The policies named, together: what any of them allows, and the most subrequests any
    // of them allows.
    let mut policy = executor::OutboundPolicy::default();
    for (index, named) in options.outbound.iter().filter_map(|name| state.policies.get(name)).enumerate() {
        policy.allow.extend(named.allow.iter().cloned());
        policy.inject.extend(named.inject.iter().cloned());
        policy.max_subrequests =
            if index == 0 { named.max_subrequests } else { policy.max_subrequests.max(named.max_subrequests) };
        policy.refusal_hint = named.refusal_hint;
    }
    if policy.refusal_hint.is_none() {
        policy.refusal_hint =
            state.policies.values().next().and_then(|named| named.refusal_hint).or(Some(no_policy_hint));
    }
    let logs = Arc::new(Mutex::new(Logs::default()));
    let console = CollectingConsole { logs: Arc::clone(&logs), sources: Arc::clone(&prepared.sources) };
    let job = executor::Job {
        main: prepared.main.clone(),
        modules: Arc::clone(&prepared.modules),
        call,
        options: executor::Options {
            limits: options.limits.within(&state.limits),
            allow_eval: state.allow_eval,
            compatibility: prepared.compatibility.clone(),
            env: options.env,
            outbound: policy,
            files: Vec::new(),
            code_cache: Some(Arc::clone(&state.code_cache)),
            tools: options.capabilities.iter().filter_map(|name| state.tools.get(name).cloned()).collect(),
            services: options.capabilities.iter().filter_map(|name| state.services.get(name).cloned()).collect(),
            tool_globals: prepared.agent_code,
            ..executor::Options::default()
        },
        console: Box::new(console),
    };
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let submitted = Instant::now();
    let handle = match state.pool.submit(
        job,
        Box::new(move |finished| {
            let _ = sender.send(finished);
        }),
    ) {
        Ok(handle) => handle,
        Err(executor::SubmitError::QueueFull(waiting)) => {
            state.metrics.rejected_queue_full.fetch_add(1, Ordering::Relaxed);
            info.outcome = Some("queue-full".to_owned());
            return Err(busy(state, "queue-full", format!("The server's queue is full: {waiting} runs are waiting")));
        }
        Err(executor::SubmitError::ShuttingDown) => {
            info.outcome = Some("shutting-down".to_owned());
            return Err(error(
                state,
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting-down",
                "The server is shutting down",
                "send the request to another server",
            ));
        }
    };
    // A caller that goes away stops its run.
    let mut cancel = CancelOnDrop(Some(handle));
    let finished = receiver.await;
    cancel.0 = None;
    let Ok(finished) = finished else {
        return Err(error(
            state,
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The run ended without an outcome",
            "report this as a bug",
        ));
    };
    let code = match &finished.outcome.result {
        Ok(_) => "ok".to_owned(),
        Err(run_error) => run_report(state, run_error, &prepared.sources).code,
    };
    let limit = match &finished.outcome.result {
        Err(executor::RunError::LimitExceeded(limit)) => Some(*limit),
        _ => None,
    };
    state.metrics.run(&code, limit, &finished);
    trace.run(&finished, submitted + finished.waited, &code);
    info.queue_ms = Some((finished.waited.as_secs_f64() * 1e6).round() / 1e3);
    info.run_ms = Some((finished.outcome.stats.wall.as_secs_f64() * 1e6).round() / 1e3);
    info.isolate = Some(if finished.warm { "warm" } else { "cold" });
    info.outcome = Some(code);
    let logs = std::mem::take(&mut *lock(&logs));
    Ok((finished, logs))
}

/// Cancels a run whose request was dropped (the caller went away) before it finished.
struct CancelOnDrop(Option<executor::JobHandle>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.cancel();
        }
    }
}

/// Below this size a program is prepared where its request is read: handing it to another
/// thread would cost more than preparing it.
const PREPARE_INLINE: usize = 16 << 10;

/// Prepares a program (parsing, and for `code` swc's passes, which take a while for a large
/// one) on a blocking thread, unless it is small.
async fn prepare_program(
    prepare: Box<dyn FnOnce() -> Result<Prepared, Box<Report>> + Send>,
    size: usize,
) -> Result<Prepared, Box<Report>> {
    if size <= PREPARE_INLINE {
        return prepare();
    }
    match tokio::task::spawn_blocking(prepare).await {
        Ok(prepared) => prepared,
        Err(failure) => Err(Box::new(Report::new(
            ExitStatus::Internal,
            "internal",
            format!("Preparing the program failed: {failure}"),
        ))),
    }
}

/// A refused `fetch` when the run has no policy at all.
fn no_policy_hint(refusal: &executor::Refusal) -> Option<String> {
    match refusal {
        executor::Refusal::NetworkDisabled { .. } | executor::Refusal::HostNotAllowed { .. } => {
            Some("Ask for one of the server's outbound policies with the request's `outbound`".to_owned())
        }
        _ => None,
    }
}

/// What a failed run says, as for `sandbox run`, with the hints that name its flags naming
/// the request's fields instead.
fn run_report(state: &State, error: &executor::RunError, sources: &crate::sources::Sources) -> Report {
    let mut report = Report::from_run_error(error, sources);
    if let Some(limit) = report.limit {
        let most = match limit {
            executor::Limit::CpuTime(_) => {
                format!("`cpuTime` up to {}", executor::format_duration(state.limits.cpu_time))
            }
            executor::Limit::WallTime(_) => {
                format!("`wallTime` up to {}", executor::format_duration(state.limits.wall_time))
            }
            executor::Limit::Memory(_) => format!("`memory` up to {}", executor::format_bytes(state.limits.heap_bytes)),
        };
        report.hint =
            Some(format!("if the code needs more, ask for it in the request's `limits`: this server allows {most}"));
    }
    let fields = |text: &str| {
        text.replace("`--entrypoint NAME`", "the request's `entrypoint`")
            .replace("`--method NAME`", "the request's `method`")
            .replace("`--method`", "the request's `method`")
            .replace("`--request 'GET /'`", "the request's `request`, e.g. {\"url\": \"/\"}")
            .replace("`--request`", "the request's `request`")
    };
    report.title = fields(&report.title);
    report.message = fields(&report.message);
    report.hint = report.hint.as_deref().map(fields);
    report
}

/// The HTTP status of a run that failed: the code's failures are answers (200 with
/// `ok: false`); a run stopped by the server's shutdown is 503, an internal error 500.
fn run_status(report: &Report) -> StatusCode {
    match report.status {
        ExitStatus::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ExitStatus::Interrupted => StatusCode::SERVICE_UNAVAILABLE,
        ExitStatus::Usage => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    }
}

/// A report about the request or its program: 400 for the request, else as for a run.
fn report_response(state: &State, report: &Report, info: &mut Info) -> Response<Body> {
    info.outcome = Some(report.code.clone());
    json(run_status(report), state.printer.envelope_text(None, Some(report), RunDetails::default()))
}

fn not_kept(state: &State, id: &str) -> Response<Body> {
    error(
        state,
        StatusCode::NOT_FOUND,
        "worker-not-found",
        format!("No worker `{id}` is kept for this token"),
        format!(
            "keep it first with PUT /v1/workers/{id} (the least recently used workers are forgotten beyond the server's --worker-memory)"
        ),
    )
}

/// 429, with `Retry-After`.
fn busy(state: &State, code: &str, message: String) -> Response<Body> {
    let mut response =
        error(state, StatusCode::TOO_MANY_REQUESTS, code, message, "retry after the seconds in Retry-After");
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// An error answer: `{"ok": false, "error": {...}}`, as every failure's.
fn error(
    state: &State,
    status: StatusCode,
    code: &str,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Response<Body> {
    let report = Report::new(ExitStatus::Usage, code, message).with_hint(hint);
    json(status, state.printer.envelope_text(None, Some(&report), RunDetails::default()))
}

fn json(status: StatusCode, body: String) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}

fn status_only(status: StatusCode) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

impl State {
    fn workers_max(&self) -> usize {
        self.workers.max_bytes()
    }

    /// The names a request may use: outbound policies, and capabilities.
    fn names(&self) -> (Vec<&str>, Vec<&str>) {
        let outbound = self.policies.keys().map(String::as_str).collect();
        let capabilities = self.tools.keys().chain(self.services.keys()).map(String::as_str).collect();
        (outbound, capabilities)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths map to routes, and a worker's fetch path keeps what follows `/fetch`.
    #[test]
    fn routes() {
        assert_eq!(Route::of(&Method::POST, "/v1/run"), Route::Run);
        assert_eq!(Route::of(&Method::GET, "/v1/run"), Route::MethodNotAllowed("POST"));
        assert_eq!(Route::of(&Method::PUT, "/v1/workers/shop"), Route::PutWorker("shop".into()));
        assert_eq!(Route::of(&Method::GET, "/v1/workers/shop/fetch/cart"), Route::Fetch("shop".into(), "/cart".into()));
        assert_eq!(Route::of(&Method::POST, "/v1/workers/shop/fetch"), Route::Fetch("shop".into(), "/".into()));
        assert_eq!(Route::of(&Method::GET, "/v1/workers/shop/fetcher"), Route::NotFound);
        assert_eq!(Route::of(&Method::GET, "/v1/workers/sh%20op/fetch"), Route::NotFound);
        assert_eq!(Route::of(&Method::GET, "/elsewhere"), Route::NotFound);
    }
}
