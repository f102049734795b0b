//! W3C trace context and OpenTelemetry spans. Every request gets a trace id (the caller's,
//! from its `traceparent`, or a new one) and a span id, which its access log line shows and
//! its response's `traceparent` carries back. With `--otlp-endpoint`, each request is a
//! span (`POST /v1/run`), with a `run` span under it and one span for each outbound
//! request and each tool call the code made, exported in batches over OTLP/HTTP (protobuf) by the
//! `opentelemetry` crates through the server's own HTTP client.

use std::time::{Duration, Instant, SystemTime};

use opentelemetry::trace::{
    Span as _, SpanContext, SpanId, SpanKind, Status, TraceContextExt as _, TraceFlags, TraceId, TraceState,
    Tracer as _, TracerProvider as _,
};
use opentelemetry::{Context, KeyValue};

/// A `traceparent` header's ids: `00-<trace id>-<parent id>-<flags>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TraceParent {
    pub(crate) trace_id: [u8; 16],
    pub(crate) parent_id: [u8; 8],
    pub(crate) sampled: bool,
}

impl TraceParent {
    /// Reads a `traceparent` value; `None` for anything the W3C format does not allow (the
    /// request then starts a trace of its own).
    pub(crate) fn parse(value: &[u8]) -> Option<TraceParent> {
        let text = std::str::from_utf8(value).ok()?.trim();
        let mut parts = text.split('-');
        let (version, trace, parent, flags) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        // Version 00 has exactly four parts; a later version may add more.
        if version.len() != 2 || version == "ff" || (version == "00" && parts.next().is_some()) {
            return None;
        }
        let trace_id: [u8; 16] = hex(trace)?.try_into().ok()?;
        let parent_id: [u8; 8] = hex(parent)?.try_into().ok()?;
        let flags = hex(flags)?;
        if trace_id == [0; 16] || parent_id == [0; 8] || flags.len() != 1 || hex(version).is_none() {
            return None;
        }
        Some(TraceParent { trace_id, parent_id, sampled: flags[0] & 1 == 1 })
    }
}

/// Lower-case hexadecimal to bytes; `None` for anything else.
fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    {
        return None;
    }
    (0..text.len()).step_by(2).map(|index| u8::from_str_radix(&text[index..index + 2], 16).ok()).collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Where spans go: nowhere, or an OTLP collector.
pub(crate) struct Tracing {
    exporter: Option<(opentelemetry_sdk::trace::SdkTracerProvider, opentelemetry_sdk::trace::SdkTracer)>,
}

impl Tracing {
    /// Exports to `endpoint` (its `/v1/traces` when it has no path) through an HTTP client on
    /// `runtime`; without one, spans are only ids in logs and headers.
    pub(crate) fn new(endpoint: Option<&url::Url>, runtime: tokio::runtime::Handle) -> anyhow::Result<Tracing> {
        let Some(endpoint) = endpoint else { return Ok(Tracing { exporter: None }) };
        use opentelemetry_otlp::{WithExportConfig as _, WithHttpConfig as _};
        let mut endpoint = endpoint.clone();
        if endpoint.path() == "/" || endpoint.path().is_empty() {
            endpoint.set_path("/v1/traces");
        }
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_endpoint(endpoint.as_str())
            .with_timeout(Duration::from_secs(10))
            .with_http_client(OtlpClient::new(runtime)?)
            .build()?;
        let resource = opentelemetry_sdk::Resource::builder()
            .with_service_name("sandbox")
            .with_attribute(KeyValue::new("service.version", env!("CARGO_PKG_VERSION")))
            .build();
        let provider = opentelemetry_sdk::trace::SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(resource)
            .build();
        let tracer = provider.tracer("sandbox");
        Ok(Tracing { exporter: Some((provider, tracer)) })
    }

    /// Starts a request's span, a child of the caller's when it sent a `traceparent`.
    pub(crate) fn begin(&self, caller: Option<TraceParent>, name: String, started: SystemTime) -> RequestTrace {
        let Some((_, tracer)) = &self.exporter else {
            let trace_id = caller.map_or_else(random::<16>, |caller| caller.trace_id);
            return RequestTrace { trace_id, span_id: random::<8>(), span: None };
        };
        let parent = match caller {
            Some(caller) => Context::new().with_remote_span_context(SpanContext::new(
                TraceId::from_bytes(caller.trace_id),
                SpanId::from_bytes(caller.parent_id),
                if caller.sampled { TraceFlags::SAMPLED } else { TraceFlags::default() },
                true,
                TraceState::default(),
            )),
            None => Context::new(),
        };
        let span = tracer.build_with_context(
            opentelemetry::trace::SpanBuilder::from_name(name).with_kind(SpanKind::Server).with_start_time(started),
            &parent,
        );
        let context = span.span_context();
        let (trace_id, span_id) = (context.trace_id().to_bytes(), context.span_id().to_bytes());
        RequestTrace { trace_id, span_id, span: Some((span, tracer.clone())) }
    }

    /// Sends the spans not sent yet, and stops.
    pub(crate) fn shutdown(&self) {
        if let Some((provider, _)) = &self.exporter {
            let _ = provider.shutdown();
        }
    }
}

/// The trace of one request.
pub(crate) struct RequestTrace {
    pub(crate) trace_id: [u8; 16],
    pub(crate) span_id: [u8; 8],
    span: Option<(opentelemetry_sdk::trace::Span, opentelemetry_sdk::trace::SdkTracer)>,
}

impl RequestTrace {
    pub(crate) fn trace_id_hex(&self) -> String {
        to_hex(&self.trace_id)
    }

    /// The `traceparent` of the request's span, for its response.
    pub(crate) fn traceparent(&self) -> String {
        let sampled = self.span.as_ref().is_none_or(|(span, _)| span.span_context().is_sampled());
        format!("00-{}-{}-{}", to_hex(&self.trace_id), to_hex(&self.span_id), if sampled { "01" } else { "00" })
    }

    /// Adds the `run` span of a finished run, and one span under it for each outbound
    /// request it made.
    pub(crate) fn run(&mut self, finished: &executor::Finished, run_started: Instant, outcome: &str) {
        let Some((span, tracer)) = &mut self.span else { return };
        let parent = Context::new().with_remote_span_context(span.span_context().clone());
        let stats = &finished.outcome.stats;
        let start = system_time(run_started);
        let mut run = tracer.build_with_context(
            opentelemetry::trace::SpanBuilder::from_name("run")
                .with_kind(SpanKind::Internal)
                .with_start_time(start)
                .with_attributes([
                    KeyValue::new("sandbox.outcome", outcome.to_owned()),
                    KeyValue::new("sandbox.isolate", if finished.warm { "warm" } else { "cold" }),
                    KeyValue::new("sandbox.queue_wait_ms", finished.waited.as_secs_f64() * 1e3),
                    KeyValue::new("sandbox.cpu_ms", stats.cpu.as_secs_f64() * 1e3),
                    KeyValue::new("sandbox.isolate_start_us", stats.isolate_start.as_micros() as i64),
                    KeyValue::new("sandbox.heap_peak_bytes", stats.heap_peak_bytes as i64),
                ]),
            &parent,
        );
        if outcome != "ok" {
            run.set_status(Status::error(outcome.to_owned()));
        }
        let run_context = Context::new().with_remote_span_context(run.span_context().clone());
        for request in &finished.outcome.subrequests {
            let end = request.logged_at.map_or(start + stats.wall, system_time);
            let begin = request.sent_at.map_or(end, system_time);
            let mut attributes = vec![
                KeyValue::new("http.request.method", request.method.clone()),
                KeyValue::new("url.full", request.url.clone()),
                KeyValue::new("http.response.body.size", request.bytes as i64),
            ];
            if let Some(status) = request.status {
                attributes.push(KeyValue::new("http.response.status_code", i64::from(status)));
            }
            let mut outbound = tracer.build_with_context(
                opentelemetry::trace::SpanBuilder::from_name(format!("{} {}", request.method, request.url))
                    .with_kind(SpanKind::Client)
                    .with_start_time(begin)
                    .with_attributes(attributes),
                &run_context,
            );
            if let Some(error) = &request.error {
                outbound.set_status(Status::error(error.clone()));
            }
            outbound.end_with_timestamp(end);
        }
        for call in &finished.outcome.tool_calls {
            let Some(started_at) = call.started_at else { continue };
            let begin = system_time(started_at);
            let outcome = crate::serve::metrics::tool_outcome(&call.outcome);
            let mut span = tracer.build_with_context(
                opentelemetry::trace::SpanBuilder::from_name(format!("tool {}.{}", call.binding, call.tool))
                    .with_kind(SpanKind::Client)
                    .with_start_time(begin)
                    .with_attributes([
                        KeyValue::new("sandbox.tool.binding", call.binding.clone()),
                        KeyValue::new("sandbox.tool.name", call.tool.clone()),
                        KeyValue::new("sandbox.tool.outcome", outcome),
                        KeyValue::new("sandbox.tool.result_bytes", call.bytes as i64),
                    ]),
                &run_context,
            );
            if outcome != "ok" {
                span.set_status(Status::error(outcome));
            }
            span.end_with_timestamp(begin + call.duration);
        }
        run.end_with_timestamp(start + stats.wall);
    }

    /// Ends the request's span with its response's status.
    pub(crate) fn end(self, status: u16, attributes: Vec<KeyValue>) {
        if let Some((mut span, _)) = self.span {
            span.set_attributes(attributes);
            span.set_attribute(KeyValue::new("http.response.status_code", i64::from(status)));
            if status >= 500 {
                span.set_status(Status::error(format!("{status}")));
            }
            span.end();
        }
    }
}

/// The wall-clock time of a monotonic instant in the past.
fn system_time(instant: Instant) -> SystemTime {
    SystemTime::now() - instant.elapsed()
}

/// `N` random bytes, never all zero (W3C ids may not be).
fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    while bytes == [0u8; N] {
        if getrandom::fill(&mut bytes).is_err() {
            // No entropy from the system: ids need only be unlikely to repeat.
            let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos();
            for (index, byte) in bytes.iter_mut().enumerate() {
                *byte = (nanos >> ((index % 16) * 8)) as u8 ^ index as u8;
            }
        }
    }
    bytes
}

/// The exporter's HTTP client: reqwest (already in the tree), run on the server's tokio
/// runtime whatever thread the exporter calls from (its batches are sent from a thread of
/// its own, outside any runtime).
#[derive(Debug)]
struct OtlpClient {
    client: reqwest::Client,
    runtime: tokio::runtime::Handle,
}

impl OtlpClient {
    fn new(runtime: tokio::runtime::Handle) -> anyhow::Result<OtlpClient> {
        let mut roots = rustls::RootCertStore::empty();
        for certificate in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(certificate);
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(OtlpClient { client, runtime })
    }
}

impl opentelemetry_http::HttpClient for OtlpClient {
    fn send_bytes<'a, 'b>(
        &'a self,
        request: opentelemetry_http::Request<opentelemetry_http::Bytes>,
    ) -> std::pin::Pin<
        Box<
            dyn std::future::Future<
                    Output = Result<
                        opentelemetry_http::Response<opentelemetry_http::Bytes>,
                        opentelemetry_http::HttpError,
                    >,
                > + Send
                + 'b,
        >,
    >
    where
        'a: 'b,
        Self: 'b,
    {
        let client = self.client.clone();
        let sent = self.runtime.spawn(async move {
            let request = reqwest::Request::try_from(request)?;
            let response = client.execute(request).await?;
            let mut answer = opentelemetry_http::Response::builder().status(response.status().as_u16());
            for (name, value) in response.headers() {
                answer = answer.header(name.as_str(), value.as_bytes());
            }
            let body = response.bytes().await?;
            Ok::<_, opentelemetry_http::HttpError>(answer.body(body)?)
        });
        Box::pin(async move { sent.await.map_err(|error| Box::new(error) as opentelemetry_http::HttpError)? })
    }
}
