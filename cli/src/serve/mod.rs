//! `sandbox serve`: a thin HTTP layer (hyper on tokio) over `executor::Pool`. Each request is
//! one run in a fresh isolate; the pool's threads make isolates ahead while idle and never
//! use one twice. `request.rs` reads a request's JSON with a position for every error (the
//! program is prepared by `input.rs`, as for `sandbox run`), `routes.rs` answers the
//! endpoints, `workers.rs` keeps module maps by id (Worker Loader's `get(id)`), `auth.rs`
//! checks bearer tokens, `metrics.rs` counts for `/metrics`, `log.rs` writes the JSON access
//! log and `trace.rs` the W3C trace context and OpenTelemetry spans.

pub(crate) mod auth;
mod log;
mod metrics;
mod request;
mod routes;
pub(crate) mod settings;
mod trace;
mod workers;

use std::collections::HashMap;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::{Either, select};
use hyper_util::rt::{TokioIo, TokioTimer};

use crate::exit::ExitStatus;
use crate::output::{Printer, RunDetails};
use crate::report::Report;
use crate::serve::routes::State;
use crate::serve::settings::ServeSettings;

/// How long a client may take to send a request's head.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a shutdown waits for answers to be written once its runs are stopped.
const AFTER_CANCEL: Duration = Duration::from_secs(5);

pub(crate) fn serve(settings: ServeSettings, printer: Printer) -> ExitStatus {
    // The capabilities' servers start once, for the server's life; requests are granted them
    // by name. Their configurations' secrets are scrubbed like the outbound policies'.
    let mut secrets = settings.secrets.clone();
    let mut tools = std::collections::BTreeMap::new();
    match crate::tools::Granted::start_any(&settings.tools, &printer) {
        Ok(Some(granted)) => {
            secrets.extend(granted.secrets.iter().cloned());
            let approvals = crate::tools::Approvals::never_asking(settings.tools.approve.clone());
            for binding in granted.bindings(approvals, executor::ToolLimits::default().timeout) {
                tools.insert(binding.name.clone(), binding);
            }
        }
        Ok(None) => {}
        Err(status) => return status,
    }
    let services: std::collections::BTreeMap<String, executor::ServiceBinding> =
        settings.services.iter().map(|service| (service.name.clone(), service.clone())).collect();
    if let Some(name) = tools.keys().find(|name| services.contains_key(*name)) {
        let report =
            Report::new(ExitStatus::Usage, "tool-names", format!("`{name}` names both a tool source and a service"))
                .with_hint("rename one of them: a request grants capabilities by these names");
        printer.report(&report, RunDetails::default());
        return report.status;
    }
    let printer = printer.with_secrets(secrets);
    let failed = |code: &str, message: String| {
        let report = Report::new(ExitStatus::Internal, code, message);
        printer.report(&report, RunDetails::default());
        report.status
    };
    let threads = settings.pool.threads;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.div_ceil(2).max(1))
        .max_blocking_threads(threads.max(2))
        .thread_name("sandbox-http")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return failed("internal", format!("Cannot start the server's threads: {error}")),
    };
    let tracing = match trace::Tracing::new(settings.otlp_endpoint.as_ref(), runtime.handle().clone()) {
        Ok(tracing) => tracing,
        Err(error) => return failed("otlp", format!("Cannot set up the OTLP exporter: {error:#}")),
    };
    let pool = match executor::Pool::new(settings.pool) {
        Ok(pool) => pool,
        Err(error) => return failed("internal", format!("Cannot start the isolate threads: {error}")),
    };
    let state = Arc::new(State {
        pool,
        code_cache: Arc::new(executor::CodeCache::new(settings.code_cache_memory)),
        workers: workers::Workers::new(settings.worker_memory),
        metrics: metrics::Metrics::new(),
        tracing,
        tokens: settings.tokens,
        policies: settings.outbound,
        tools,
        services,
        limits: settings.limits,
        max_body: settings.max_body,
        token_concurrency: settings.token_concurrency,
        allow_eval: settings.allow_eval,
        printer,
        quiet: settings.quiet,
        per_token: Mutex::new(HashMap::new()),
        in_flight: AtomicUsize::new(0),
        shutting_down: AtomicBool::new(false),
    });
    let status = runtime.block_on(run_server(Arc::clone(&state), settings.listen, settings.shutdown_timeout));
    // Spans still batched are sent through the runtime, which must still run meanwhile.
    let flushed = Arc::clone(&state);
    let flushing = runtime.spawn_blocking(move || flushed.tracing.shutdown());
    let _ = runtime.block_on(flushing);
    runtime.shutdown_timeout(Duration::from_secs(1));
    state.printer.log_line(&log::event("stopped", serde_json::json!({})));
    status
}

async fn run_server(state: Arc<State>, address: std::net::SocketAddr, shutdown_timeout: Duration) -> ExitStatus {
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            let report = Report::new(ExitStatus::Usage, "listen", format!("Cannot listen on {address}: {error}"))
                .with_hint("choose another address or port with --listen, or stop what listens there");
            state.printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    let local = listener.local_addr().map_or_else(|_| address.to_string(), |local| local.to_string());
    let options = state.pool.options();
    state.printer.log_line(&log::event(
        "listening",
        serde_json::json!({
            "address": local,
            "threads": options.threads,
            "queue": options.queue,
            "warm_isolates": options.warm_isolates,
            "authentication": !state.tokens.is_empty(),
        }),
    ));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    accept_until_signal(&listener, &graceful, |remote| {
        let state = Arc::clone(&state);
        hyper::service::service_fn(move |request| routes::handle(Arc::clone(&state), remote, request))
    })
    .await;
    // Stop taking connections; answer the requests taken (keep-alive connections close after
    // their current one).
    drop(listener);
    state.shutting_down.store(true, Ordering::Relaxed);
    state.printer.log_line(&log::event(
        "shutting-down",
        serde_json::json!({ "in_flight": state.in_flight.load(Ordering::Relaxed), "deadline_ms": shutdown_timeout.as_millis() as u64 }),
    ));
    let mut drained = pin!(graceful.shutdown());
    if let Either::Right(_) = select(drained.as_mut(), pin!(tokio::time::sleep(shutdown_timeout))).await {
        state.printer.log_line(&log::event(
            "deadline",
            serde_json::json!({ "in_flight": state.in_flight.load(Ordering::Relaxed) }),
        ));
        state.pool.cancel_all();
        let _ = select(drained, pin!(tokio::time::sleep(AFTER_CANCEL))).await;
    }
    let pool_state = Arc::clone(&state);
    let _ = tokio::task::spawn_blocking(move || {
        pool_state.pool.shutdown();
        pool_state.pool.join();
    })
    .await;
    ExitStatus::Success
}

/// Takes connections on `listener` until SIGTERM or SIGINT, each served over HTTP/1.1 by the
/// service `service` makes for its remote address, watched by `graceful` (`sandbox serve` and
/// `sandbox mcp --listen`).
pub(crate) async fn accept_until_signal<S, B>(
    listener: &tokio::net::TcpListener,
    graceful: &hyper_util::server::graceful::GracefulShutdown,
    service: impl Fn(std::net::SocketAddr) -> S,
) where
    S: hyper::service::HttpService<hyper::body::Incoming, ResBody = B> + Send + 'static,
    S::Future: Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut stop = pin!(shutdown_signal());
    loop {
        let accepted = match select(pin!(listener.accept()), stop.as_mut()).await {
            Either::Left((accepted, _)) => accepted,
            Either::Right(((), _)) => break,
        };
        let (stream, remote) = match accepted {
            Ok(accepted) => accepted,
            // Out of file descriptors, or a connection reset before it was taken: keep going.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service(remote));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
}

/// SIGTERM or SIGINT (Ctrl-C).
pub(crate) async fn shutdown_signal() {
    let interrupt = pin!(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut terminate) => {
            let _ = select(interrupt, pin!(terminate.recv())).await;
        }
        Err(_) => interrupt.await,
    }
}
