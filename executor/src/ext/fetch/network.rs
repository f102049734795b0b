//! The network of a run: `fetch` from the sandbox, through the outbound policy, requests to
//! the run's service bindings, and the requests tool hosts make for the run
//! ([`NetworkHandle::fetch`]). Requests run on a tokio runtime that starts with the first
//! `fetch` or tool call of the process (a run that does neither starts none).
//! Every hop of a redirect chain is checked against the policy again; credentials are added
//! here, outside the sandbox, and scrubbed from what comes back; results reach the isolate
//! as completions that wake its event loop.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::ext::fetch::decode::{Coding, DecodeError, Decoder};
use crate::ext::fetch::http::{HttpRequest, HttpResponse};
use crate::ext::fetch::outbound::{self, Decision, OutboundPolicy, Refusal};
use crate::ext::fetch::redact::{Redactor, Scrubber};
use crate::runtime::limits::{ArrayBufferBudget, Control};

/// One subrequest, as an outbound log reports it. The URL has no query values and no
/// credentials.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Subrequest {
    pub method: String,
    pub url: String,
    /// The response status, or `None` if the request failed or was refused.
    pub status: Option<u16>,
    /// Response body bytes delivered to the sandbox.
    pub bytes: u64,
    /// Why it failed or was refused.
    pub error: Option<String>,
    /// When it was sent (for a request that got a response) and when it was logged (its
    /// response's headers came, or it failed): for an embedder's traces, not in the log.
    #[serde(skip)]
    pub sent_at: Option<std::time::Instant>,
    #[serde(skip)]
    pub logged_at: Option<std::time::Instant>,
}

/// A request as the sandbox asked for it.
pub(crate) struct RequestSpec {
    pub(crate) method: String,
    pub(crate) url: url::Url,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) redirect: Redirect,
    /// `encodeResponseBody: "manual"`: a coded body is handed over as it came.
    pub(crate) manual_encoding: bool,
    /// For a service binding: the origin of its base, whose hops skip the allow-list.
    pub(crate) service: Option<url::Origin>,
    /// For a service binding: the URL the code asked for, which a response that was not
    /// redirected reports as its URL.
    pub(crate) code_url: Option<url::Url>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Redirect {
    Follow,
    Manual,
    Error,
}

/// What the network tells the isolate, in order, per request id.
pub(crate) enum Event {
    Head { status: u16, status_text: String, headers: Vec<(String, String)>, url: String, redirected: bool },
    Chunk(Vec<u8>),
    End,
    Error(String),
}

/// State shared between the isolate's thread and the request tasks.
struct Shared {
    policy: OutboundPolicy,
    control: Arc<Control>,
    completions: Mutex<VecDeque<(u32, Event)>>,
    /// Actions whose completion has not been delivered to JavaScript yet.
    in_flight: AtomicUsize,
    /// Subrequests started (redirect hops count).
    started: AtomicUsize,
    log: Mutex<Vec<Subrequest>>,
    /// The credentials of the policy's injections, in every form scrubbed; made by the first
    /// request (a run that never fetches does not pay for it).
    redactor: OnceLock<Arc<Redactor>>,
    /// The run's memory budget, which decoders' memory counts against.
    budget: Arc<ArrayBufferBudget>,
    /// The bases of the run's service bindings: their hosts may resolve to any address.
    services: Vec<url::Url>,
    /// The run has ended: tool hosts that kept a [`NetworkHandle`] may not make requests.
    ended: AtomicBool,
}

impl Shared {
    fn post(&self, id: u32, event: Event) {
        lock(&self.completions).push_back((id, event));
        self.control.notify();
    }

    /// Fails request `id` with `error`, scrubbed.
    fn fail(&self, id: u32, error: &str) {
        self.post(id, Event::Error(self.redactor().redact(error).into_owned()));
    }

    fn redactor(&self) -> Arc<Redactor> {
        Arc::clone(self.redactor.get_or_init(|| {
            let secrets: Vec<String> = self
                .policy
                .inject
                .iter()
                .filter_map(|injection| {
                    outbound::expand_credential(&injection.value, |name| std::env::var(name).ok()).ok()
                })
                .flat_map(|credential| credential.secrets)
                .collect();
            Arc::new(Redactor::new(&secrets))
        }))
    }
}

/// The network of one run.
pub(crate) struct Network {
    handle: NetworkHandle,
    /// Body pull requests, per open response.
    pulls: HashMap<u32, tokio::sync::mpsc::UnboundedSender<()>>,
    /// Requests from start to the end of their body (or an error, or a cancel).
    open: usize,
    next_id: u32,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The process's tokio runtime for outbound requests and tool calls, started by the first
/// `fetch` or tool call.
pub(crate) fn runtime() -> Result<&'static tokio::runtime::Runtime, String> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("sandbox-net")
                .enable_all()
                .build()
                .map_err(|error| format!("cannot start the network runtime: {error}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// TLS that trusts the operating system's certificate store and `NODE_EXTRA_CA_CERTS`, as
/// Node and npm do.
fn tls_config() -> Result<rustls::ClientConfig, String> {
    static ROOTS: OnceLock<Result<Arc<rustls::RootCertStore>, String>> = OnceLock::new();
    let roots = ROOTS
        .get_or_init(|| {
            let mut roots = rustls::RootCertStore::empty();
            let native = rustls_native_certs::load_native_certs();
            for certificate in native.certs {
                let _ = roots.add(certificate);
            }
            if let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS") {
                use rustls::pki_types::pem::PemObject;
                let certificates = rustls::pki_types::CertificateDer::pem_file_iter(&path).map_err(|error| {
                    format!("cannot read NODE_EXTRA_CA_CERTS ({}): {error}", path.to_string_lossy())
                })?;
                for certificate in certificates.flatten() {
                    let _ = roots.add(certificate);
                }
            }
            if roots.is_empty() {
                return Err(
                    "no trusted certificates: the system store is empty and NODE_EXTRA_CA_CERTS is not set".into()
                );
            }
            Ok(Arc::new(roots))
        })
        .clone()?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())
        .map(|builder| builder.with_root_certificates(roots).with_no_client_auth())
}

/// Resolves names for the client, dropping private and loopback addresses for hosts that
/// only a wildcard allows, so a name cannot be pointed at the inside of the network (DNS
/// rebinding). The check happens on the addresses actually connected to.
struct PolicyResolver {
    shared: Arc<Shared>,
}

impl reqwest::dns::Resolve for PolicyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addresses: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            // A service binding's host was named by the embedder, as an explicit pattern is.
            if shared.services.iter().any(|base| base.host_str() == Some(host.as_str())) {
                return Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs);
            }
            match shared.policy.connectable(&host, addresses) {
                Ok(allowed) => Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs),
                Err(reason) => Err(Box::<dyn std::error::Error + Send + Sync>::from(reason)),
            }
        })
    }
}

/// What a tool host's requests need of a run's network: its policy, log and scrubber, and the
/// HTTP client (made by the first request of the run, from either side). Cheap to clone.
#[derive(Clone)]
pub(crate) struct NetworkHandle {
    shared: Arc<Shared>,
    client: Arc<OnceLock<Result<reqwest::Client, String>>>,
}

impl NetworkHandle {
    fn client(&self) -> Result<reqwest::Client, String> {
        self.client
            .get_or_init(|| {
                let resolver = Arc::new(PolicyResolver { shared: Arc::clone(&self.shared) });
                reqwest::Client::builder()
                    .use_preconfigured_tls(tls_config()?)
                    .redirect(reqwest::redirect::Policy::none())
                    .dns_resolver(resolver)
                    .build()
                    .map_err(|error| format!("cannot create the HTTP client: {error}"))
            })
            .clone()
    }

    /// Sends `request` through the run's outbound policy, as `fetch` would (allow-list,
    /// redirects checked hop by hop, credentials injected, the response decoded, limited and
    /// scrubbed, the subrequest logged), and reads the whole response. Errors are scrubbed.
    pub(crate) fn fetch(
        &self,
        request: HttpRequest,
    ) -> impl std::future::Future<Output = Result<HttpResponse, String>> + Send + 'static {
        let handle = self.clone();
        async move {
            let shared = &handle.shared;
            if shared.ended.load(Ordering::SeqCst) {
                return Err("The run has ended; a tool may not make requests for it any more".to_owned());
            }
            let redactor = shared.redactor();
            let url = url::Url::parse(&request.url)
                .map_err(|_| redactor.redact(&format!("Invalid URL: {}", request.url)).into_owned())?;
            if let Decision::Refuse(refusal) = shared.policy.check(&url) {
                let reason = shared.policy.refusal_message(&refusal);
                record(shared, &request.method, &url, None, 0, Some(reason.clone()));
                return Err(redactor.redact(&reason).into_owned());
            }
            let client = handle.client()?;
            let HttpRequest { method, headers, body, .. } = request;
            let spec = RequestSpec {
                method,
                url,
                headers,
                body,
                redirect: Redirect::Follow,
                manual_encoding: false,
                service: None,
                code_url: None,
            };
            fetch_whole(Arc::clone(&handle.shared), client, spec).await
        }
    }
}

impl Network {
    pub(crate) fn new(
        policy: OutboundPolicy,
        services: Vec<url::Url>,
        control: Arc<Control>,
        budget: Arc<ArrayBufferBudget>,
    ) -> Network {
        Network {
            handle: NetworkHandle {
                shared: Arc::new(Shared {
                    policy,
                    control,
                    completions: Mutex::new(VecDeque::new()),
                    in_flight: AtomicUsize::new(0),
                    started: AtomicUsize::new(0),
                    log: Mutex::new(Vec::new()),
                    redactor: OnceLock::new(),
                    budget,
                    services,
                    ended: AtomicBool::new(false),
                }),
                client: Arc::new(OnceLock::new()),
            },
            pulls: HashMap::new(),
            open: 0,
            next_id: 1,
        }
    }

    /// What tool hosts' requests go through.
    pub(crate) fn handle(&self) -> NetworkHandle {
        self.handle.clone()
    }

    /// Whether completions are still to come.
    pub(crate) fn busy(&self) -> bool {
        self.handle.shared.in_flight.load(Ordering::SeqCst) > 0
    }

    /// The next completion, if one has arrived.
    pub(crate) fn take_completion(&mut self) -> Option<(u32, Event)> {
        let completion = lock(&self.handle.shared.completions).pop_front()?;
        self.handle.shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        if matches!(completion.1, Event::End | Event::Error(_)) {
            self.pulls.remove(&completion.0);
            self.open = self.open.saturating_sub(1);
        }
        Some(completion)
    }

    /// A request of the code to service binding `index`: its path and query under the base
    /// (`https://any.host/v1/items?x=1` to `http://127.0.0.1:9000/api/v1/items?x=1` for the base
    /// `http://127.0.0.1:9000/api`), which it reaches without the allow-list.
    pub(crate) fn service_request(&self, index: usize, mut request: RequestSpec) -> Result<RequestSpec, String> {
        let Some(base) = self.handle.shared.services.get(index) else {
            return Err(format!("There is no service binding {index}"));
        };
        if base.scheme() != "http" && base.scheme() != "https" {
            return Err(Refusal::Scheme { scheme: base.scheme().to_owned() }.to_string());
        }
        let url = service_url(base, &request.url);
        request.service = Some(url.origin());
        request.code_url = Some(std::mem::replace(&mut request.url, url));
        Ok(request)
    }

    /// Starts a request; the sandbox gets its id, or the reason it was refused at once.
    pub(crate) fn start(&mut self, request: RequestSpec) -> Result<u32, String> {
        // A service binding's request skips the allow-list.
        if request.service.is_none()
            && let Decision::Refuse(refusal) = self.handle.shared.policy.check(&request.url)
        {
            let reason = self.handle.shared.policy.refusal_message(&refusal);
            self.record(&request.method, &request.url, None, 0, Some(reason.clone()));
            return Err(self.handle.shared.redactor().redact(&reason).into_owned());
        }
        if self.open >= self.handle.shared.policy.max_concurrent {
            return Err(format!(
                "Too many concurrent subrequests: at most {} may be open at once; await some before starting more",
                self.handle.shared.policy.max_concurrent
            ));
        }
        let client = self.handle.client()?;
        let runtime = runtime()?;
        let id = self.next_id;
        self.next_id += 1;
        let (pull_sender, pull_receiver) = tokio::sync::mpsc::unbounded_channel();
        self.pulls.insert(id, pull_sender);
        self.open += 1;
        self.handle.shared.in_flight.fetch_add(1, Ordering::SeqCst);
        let shared = Arc::clone(&self.handle.shared);
        runtime.spawn(async move {
            perform(shared, client, id, request, pull_receiver).await;
        });
        Ok(id)
    }

    /// Asks for the next chunk of a response body.
    pub(crate) fn pull(&mut self, id: u32) -> bool {
        match self.pulls.get(&id) {
            Some(sender) if sender.send(()).is_ok() => {
                self.handle.shared.in_flight.fetch_add(1, Ordering::SeqCst);
                true
            }
            _ => false,
        }
    }

    /// Drops a response (its body will not be read): closes the connection.
    pub(crate) fn cancel(&mut self, id: u32) {
        if self.pulls.remove(&id).is_some() {
            self.open = self.open.saturating_sub(1);
        }
    }

    /// Drops every open response (the run is ending).
    pub(crate) fn cancel_all(&mut self) {
        self.pulls.clear();
        self.open = 0;
    }

    /// The subrequests made so far.
    pub(crate) fn subrequests(&self) -> Vec<Subrequest> {
        lock(&self.handle.shared.log).clone()
    }

    /// The run has ended: a tool host that kept a handle may not make requests any more.
    pub(crate) fn end(&mut self) {
        self.handle.shared.ended.store(true, Ordering::SeqCst);
        self.cancel_all();
    }

    fn record(&self, method: &str, url: &url::Url, status: Option<u16>, bytes: u64, error: Option<String>) {
        record(&self.handle.shared, method, url, status, bytes, error);
    }
}

/// Where a service binding's request goes: the code's path and query under the base's path,
/// on the base's origin (the base's user name, password, query and fragment are not used).
fn service_url(base: &url::Url, code_url: &url::Url) -> url::Url {
    let mut url = base.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    let path = format!("{}{}", base.path().trim_end_matches('/'), code_url.path());
    url.set_path(&path);
    url.set_query(code_url.query());
    url
}

/// Appends to the log; returns the entry's index.
fn record(
    shared: &Shared,
    method: &str,
    url: &url::Url,
    status: Option<u16>,
    bytes: u64,
    error: Option<String>,
) -> usize {
    let redactor = shared.redactor();
    let url = redactor.redact(&loggable_url(url)).into_owned();
    let error = error.map(|error| redactor.redact(&error).into_owned());
    let mut log = lock(&shared.log);
    let logged_at = Some(std::time::Instant::now());
    log.push(Subrequest { method: method.to_owned(), url, status, bytes, error, sent_at: None, logged_at });
    log.len() - 1
}

/// The URL with query values and credentials removed: `https://host/path?key=…`.
pub(crate) fn loggable_url(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_fragment(None);
    let keys: Vec<String> = url.query_pairs().map(|(key, _)| format!("{key}=…")).collect();
    shown.set_query(None);
    let mut text = shown.to_string();
    if !keys.is_empty() {
        text.push('?');
        text.push_str(&keys.join("&"));
    }
    text
}

/// A response whose head has arrived, checked and scrubbed, with its body still to read.
struct Opened {
    status: u16,
    status_text: String,
    /// The response's headers, scrubbed.
    headers: Vec<(String, String)>,
    /// The URL the code is told (scrubbed): the final URL, or for a service binding whose
    /// request was not redirected, the URL the code asked for.
    url: String,
    redirected: bool,
    body: Body,
    /// The response's entry in the outbound log.
    entry: usize,
}

/// Sends one request with its redirects and reads the response's head: its headers scrubbed,
/// its body set up to be read (decoded when its coding is decoded), and the subrequest logged.
async fn open(shared: &Shared, client: &reqwest::Client, request: &RequestSpec) -> Result<Opened, String> {
    let sent_at = std::time::Instant::now();
    let Sent { response, method: final_method, carried_credential } =
        send_following_redirects(shared, client, request).await?;
    let redactor = shared.redactor();
    let final_url = response.url().clone();
    let status = response.status();
    let coding = content_coding(response.headers());
    let null_body = final_method == "HEAD" || [101, 103, 204, 205, 304].contains(&status.as_u16());
    // What the code gets of a coded body: decoded (gzip, br), or as it came. A response to a
    // request that carried a credential reaches the code only as plain bytes the scrubber has
    // seen: a coding that is not decoded would let the credential through compressed.
    let decode = match &coding {
        ContentCoding::Decoded(coding) if !request.manual_encoding => Some(*coding),
        _ => None,
    };
    if carried_credential && !null_body && decode.is_none() && coding != ContentCoding::Identity {
        let reason = match &coding {
            ContentCoding::Other(name) => format!("`Content-Encoding: {name}`, which sandbox does not decode"),
            _ => "a coded body, and `encodeResponseBody: \"manual\"` asks for it undecoded".to_owned(),
        };
        let error = format!(
            "The response from {} has {reason}; a response to a request that carries an injected credential is only handed over decoded (gzip or br), so that the credential can be scrubbed from it: ask for `Accept-Encoding: gzip`, or for no encoding",
            loggable_url(&final_url)
        );
        record(shared, &final_method, &final_url, Some(status.as_u16()), 0, Some(error.clone()));
        return Err(error);
    }
    let mut headers = Vec::with_capacity(response.headers().len());
    for (name, value) in response.headers() {
        // A header named after a credential is left out: a name cannot hold `[REDACTED]`. The
        // length of a decoded body that carried a credential is not told: the compressed size
        // of a text that holds the credential beside text the code chose says whether they
        // share characters (as in BREACH).
        if redactor.finds(name.as_str().as_bytes())
            || (carried_credential && decode.is_some() && name == reqwest::header::CONTENT_LENGTH)
        {
            continue;
        }
        headers
            .push((name.as_str().to_owned(), redactor.redact(&String::from_utf8_lossy(value.as_bytes())).into_owned()));
    }
    let redirected = final_url != request.url;
    let shown_url = match &request.code_url {
        Some(code_url) if !redirected => code_url,
        _ => &final_url,
    };
    // Logged now, so a response whose body is never read is in the log too.
    let entry = record(shared, &final_method, &final_url, Some(status.as_u16()), 0, None);
    if let Some(logged) = lock(&shared.log).get_mut(entry) {
        logged.sent_at = Some(sent_at);
    }
    let Ok(decoder) = decode.map(|coding| Decoder::new(coding, &shared.budget)).transpose() else {
        shared.budget.exceeded();
        return Err("Decoding the response needs more memory than the run may use".to_owned());
    };
    Ok(Opened {
        status: status.as_u16(),
        status_text: status.canonical_reason().unwrap_or("").to_owned(),
        headers,
        url: redactor.redact(shown_url.as_str()).into_owned(),
        redirected,
        body: Body {
            response,
            decoder,
            input: bytes::Bytes::new(),
            input_ended: false,
            received: 0,
            decoded: 0,
            limit: shared.policy.max_response_bytes,
            url: final_url,
        },
        entry,
    })
}

/// Runs one request with its redirects, then delivers its body chunk by chunk as the
/// sandbox pulls.
async fn perform(
    shared: Arc<Shared>,
    client: reqwest::Client,
    id: u32,
    request: RequestSpec,
    mut pulls: tokio::sync::mpsc::UnboundedReceiver<()>,
) {
    let Opened { status, status_text, headers, url, redirected, mut body, entry } =
        match open(&shared, &client, &request).await {
            Ok(opened) => opened,
            Err(error) => return shared.fail(id, &error),
        };
    shared.post(id, Event::Head { status, status_text, headers, url, redirected });

    let redactor = shared.redactor();
    let mut scrubber = Scrubber::new(Arc::clone(&redactor));
    let outcome = loop {
        // Wait for the sandbox to ask for more; a dropped sender means it cancelled.
        if pulls.recv().await.is_none() {
            break Ok(());
        }
        // A pull is answered with bytes, the end or an error, never with nothing: the
        // scrubber may hold a whole small chunk back, so read on until something comes out.
        let next = loop {
            match body.next().await {
                Ok(Some(bytes)) => {
                    // The log is written before the sandbox hears of the bytes: a run that
                    // ends right after its last read must find them logged.
                    if let Some(logged) = lock(&shared.log).get_mut(entry) {
                        logged.bytes = body.decoded;
                    }
                    let scrubbed = scrubber.push(&bytes);
                    if !scrubbed.is_empty() {
                        break Ok(Some(scrubbed));
                    }
                }
                other => break other,
            }
        };
        match next {
            Ok(Some(bytes)) => shared.post(id, Event::Chunk(bytes)),
            Ok(None) => {
                let rest = scrubber.finish();
                if !rest.is_empty() {
                    // The pull is answered with the tail, and the end follows unasked.
                    shared.in_flight.fetch_add(1, Ordering::SeqCst);
                    shared.post(id, Event::Chunk(rest));
                }
                shared.post(id, Event::End);
                break Ok(());
            }
            Err(error) => break Err(error),
        }
    };
    if let Err(error) = outcome {
        let error = body_failure(&shared, entry, error);
        shared.fail(id, &error);
    }
}

/// What a body that could not be read is reported as (scrubbed, in the log too).
fn body_failure(shared: &Shared, entry: usize, error: BodyError) -> String {
    let error = match error {
        BodyError::Failed(error) => error,
        BodyError::Memory => {
            shared.budget.exceeded();
            "Decoding the response needs more memory than the run may use".to_owned()
        }
    };
    let error = shared.redactor().redact(&error).into_owned();
    if let Some(logged) = lock(&shared.log).get_mut(entry) {
        logged.error = Some(error.clone());
    }
    error
}

/// Runs one request of a tool host with its redirects and reads its whole body (within the
/// response limit, decoded and scrubbed as `fetch` does), holding it against the run's memory
/// budget while it is read.
async fn fetch_whole(
    shared: Arc<Shared>,
    client: reqwest::Client,
    request: RequestSpec,
) -> Result<HttpResponse, String> {
    let redactor = shared.redactor();
    let Opened { status, status_text, headers, mut body, entry, .. } =
        open(&shared, &client, &request).await.map_err(|error| redactor.redact(&error).into_owned())?;
    let mut scrubber = Scrubber::new(Arc::clone(&redactor));
    let mut bytes = Vec::new();
    let mut held = Held { budget: &shared.budget, length: 0 };
    loop {
        match body.next().await {
            Ok(Some(chunk)) => {
                if let Some(logged) = lock(&shared.log).get_mut(entry) {
                    logged.bytes = body.decoded;
                }
                if !held.grow(chunk.len()) {
                    return Err(body_failure(&shared, entry, BodyError::Memory));
                }
                bytes.extend_from_slice(&scrubber.push(&chunk));
            }
            Ok(None) => break,
            Err(error) => return Err(body_failure(&shared, entry, error)),
        }
    }
    bytes.extend_from_slice(&scrubber.finish());
    Ok(HttpResponse { status, status_text, headers, body: bytes })
}

/// Bytes of a response body that the host holds, counted against the run's budget until
/// dropped.
struct Held<'a> {
    budget: &'a ArrayBufferBudget,
    length: usize,
}

impl Held<'_> {
    fn grow(&mut self, more: usize) -> bool {
        if !self.budget.reserve(more) {
            return false;
        }
        self.length += more;
        true
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.budget.release(self.length);
    }
}

/// A response's `Content-Encoding`, as `fetch` treats it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ContentCoding {
    /// None, or `identity`.
    Identity,
    /// Exactly `gzip` or `br`, which workerd decodes.
    Decoded(Coding),
    /// Anything else (`deflate`, `zstd`, several codings, unknown ones): workerd passes the
    /// body on as it came.
    Other(String),
}

fn content_coding(headers: &reqwest::header::HeaderMap) -> ContentCoding {
    let values: Vec<String> = headers
        .get_all(reqwest::header::CONTENT_ENCODING)
        .iter()
        .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect();
    match values.join(", ").as_str() {
        "" => ContentCoding::Identity,
        "gzip" => ContentCoding::Decoded(Coding::Gzip),
        "br" => ContentCoding::Decoded(Coding::Brotli),
        identity if identity.eq_ignore_ascii_case("identity") => ContentCoding::Identity,
        other => ContentCoding::Other(other.chars().take(100).collect()),
    }
}

/// Bytes the decoder writes per pull, at most: a decompression bomb is delivered in pieces of
/// this size, each counted against the response limit and the memory budget.
const DECODED_CHUNK: usize = 64 * 1024;

/// A response body as the sandbox reads it: off the network, decoded when it has a coding
/// that is decoded, within the response size limit (before and after decoding).
struct Body {
    response: reqwest::Response,
    decoder: Option<Decoder>,
    /// Coded bytes received and not decoded yet.
    input: bytes::Bytes,
    input_ended: bool,
    /// Bytes off the network.
    received: u64,
    /// Bytes handed on (after decoding).
    decoded: u64,
    limit: u64,
    url: url::Url,
}

enum BodyError {
    Failed(String),
    Memory,
}

impl Body {
    /// The next bytes (never empty), or `None` at the end.
    async fn next(&mut self) -> Result<Option<Vec<u8>>, BodyError> {
        loop {
            if let Some(decoder) = &mut self.decoder
                && (!self.input.is_empty() || self.input_ended)
            {
                let mut output = vec![0; DECODED_CHUNK];
                let step = decoder.decode(&self.input, &mut output).map_err(|error| match error {
                    DecodeError::Memory => BodyError::Memory,
                    DecodeError::Invalid(reason) => BodyError::Failed(format!(
                        "Decoding the response from {} failed: {reason}",
                        loggable_url(&self.url)
                    )),
                })?;
                let _ = self.input.split_to(step.read);
                if step.written > 0 {
                    output.truncate(step.written);
                    return self.count_decoded(output).map(Some);
                }
                if self.input_ended {
                    if !decoder.ended() {
                        return Err(BodyError::Failed(format!(
                            "The response from {} ended before its compressed data did",
                            loggable_url(&self.url)
                        )));
                    }
                    return Ok(None);
                }
                if !self.input.is_empty() {
                    // No progress with input left and room to write: cannot happen for zlib or
                    // brotli, but never loop on it.
                    if step.read == 0 {
                        return Err(BodyError::Failed(format!(
                            "Decoding the response from {} stalled",
                            loggable_url(&self.url)
                        )));
                    }
                    continue;
                }
            }
            let chunk = self.response.chunk().await.map_err(|error| {
                BodyError::Failed(format!("Reading the response from {} failed: {error}", loggable_url(&self.url)))
            })?;
            match chunk {
                Some(bytes) => {
                    self.received += bytes.len() as u64;
                    if self.received > self.limit {
                        return Err(self.too_large());
                    }
                    if self.decoder.is_none() {
                        if bytes.is_empty() {
                            continue;
                        }
                        return self.count_decoded(bytes.to_vec()).map(Some);
                    }
                    self.input = bytes;
                }
                None if self.decoder.is_some() => self.input_ended = true,
                None => return Ok(None),
            }
        }
    }

    fn count_decoded(&mut self, bytes: Vec<u8>) -> Result<Vec<u8>, BodyError> {
        self.decoded += bytes.len() as u64;
        if self.decoded > self.limit {
            return Err(self.too_large());
        }
        Ok(bytes)
    }

    fn too_large(&self) -> BodyError {
        BodyError::Failed(format!(
            "The response body from {} is larger than the limit of {}",
            loggable_url(&self.url),
            crate::runtime::limits::format_bytes(self.limit as usize)
        ))
    }
}

/// A response, after its redirects.
struct Sent {
    response: reqwest::Response,
    /// The method of the last hop (a redirect may turn a POST into a GET).
    method: String,
    /// Whether a credential was injected into any hop.
    carried_credential: bool,
}

async fn send_following_redirects(
    shared: &Shared,
    client: &reqwest::Client,
    request: &RequestSpec,
) -> Result<Sent, String> {
    let mut url = request.url.clone();
    let mut method = request.method.clone();
    let mut body = request.body.clone();
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, value)| !outbound::is_forbidden_request_header(name, value))
        .cloned()
        .collect();
    let mut carried_credential = false;
    for _hop in 0..=20 {
        // A service binding's hops to its own origin skip the allow-list; a redirect elsewhere
        // is checked as any request is.
        let service = request.service.as_ref().is_some_and(|origin| *origin == url.origin());
        if !service && let Decision::Refuse(refusal) = shared.policy.check(&url) {
            let reason = shared.policy.refusal_message(&refusal);
            record(shared, &method, &url, None, 0, Some(reason.clone()));
            return Err(if url == request.url {
                reason
            } else {
                format!("Redirected to a host that is not allowed: {reason}")
            });
        }
        let started = shared.started.fetch_add(1, Ordering::SeqCst) + 1;
        if started > shared.policy.max_subrequests {
            return Err(format!(
                "Too many subrequests: a run may make at most {} (redirects count)",
                shared.policy.max_subrequests
            ));
        }
        let method_value =
            reqwest::Method::from_bytes(method.as_bytes()).map_err(|_| format!("`{method}` is not an HTTP method"))?;
        let mut builder = client.request(method_value, url.clone());
        let injections: Vec<_> = shared.policy.injections_for(&url).collect();
        for (name, value) in &headers {
            // An injected header replaces the code's own of that name.
            if !injections.iter().any(|injection| injection.name.eq_ignore_ascii_case(name)) {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        // Credentials are added here, for this hop's host only.
        for injection in injections {
            let credential =
                outbound::expand_credential(&injection.value, |name| std::env::var(name).ok()).map_err(|reason| {
                    format!("Cannot add the `{}` header for {}: {reason}", injection.name, url.host_str().unwrap_or(""))
                })?;
            carried_credential = true;
            builder = builder.header(injection.name.as_str(), credential.value);
        }
        if let Some(body) = &body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(|error| describe_send_error(&url, &error))?;
        let status = response.status();
        if !status.is_redirection() || request.redirect == Redirect::Manual {
            return Ok(Sent { response, method, carried_credential });
        }
        let Some(location) = response.headers().get(reqwest::header::LOCATION) else {
            return Ok(Sent { response, method, carried_credential });
        };
        if request.redirect == Redirect::Error {
            return Err(format!("{} redirected, and the request's redirect mode is \"error\"", loggable_url(&url)));
        }
        record(shared, &method, &url, Some(status.as_u16()), 0, None);
        let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
        let next = url.join(&location).map_err(|_| format!("{} redirected to an invalid URL", loggable_url(&url)))?;
        // A server that puts a credential into a URL would hand it to the next host, and to
        // the code as the response's URL.
        let redactor = shared.redactor();
        if redactor.finds(location.as_bytes()) || redactor.finds(next.as_str().as_bytes()) {
            return Err(format!(
                "{} redirected to a URL that contains an injected credential; the redirect was not followed",
                loggable_url(&url)
            ));
        }
        // As the Fetch Standard says: 303 (and 301/302 after POST) turn into GET without a
        // body; a redirect to another origin drops the Authorization header.
        if status == reqwest::StatusCode::SEE_OTHER && method != "GET" && method != "HEAD"
            || ((status == reqwest::StatusCode::MOVED_PERMANENTLY || status == reqwest::StatusCode::FOUND)
                && method == "POST")
        {
            method = "GET".into();
            body = None;
            headers.retain(|(name, _)| {
                !name.eq_ignore_ascii_case("content-type") && !name.eq_ignore_ascii_case("content-length")
            });
        }
        if next.origin() != url.origin() {
            headers.retain(|(name, _)| !name.eq_ignore_ascii_case("authorization"));
        }
        url = next;
    }
    Err(format!("Too many redirects starting at {}", loggable_url(&request.url)))
}

fn describe_send_error(url: &url::Url, error: &reqwest::Error) -> String {
    use std::error::Error;
    let mut cause = String::new();
    let mut source = error.source();
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "failed"
    };
    if cause.is_empty() {
        format!("The request to {} {what}", loggable_url(url))
    } else {
        format!("The request to {} {what}: {cause}", loggable_url(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exactly `gzip` and `br` are decoded, as by workerd; no coding and `identity` are plain;
    /// anything else (other codings, several, other spellings) is neither.
    #[test]
    fn content_codings() {
        let coding = |values: &[&str]| {
            let mut headers = reqwest::header::HeaderMap::new();
            for value in values {
                headers.append(reqwest::header::CONTENT_ENCODING, value.parse().unwrap());
            }
            content_coding(&headers)
        };
        assert_eq!(coding(&[]), ContentCoding::Identity);
        assert_eq!(coding(&["identity"]), ContentCoding::Identity);
        assert_eq!(coding(&["gzip"]), ContentCoding::Decoded(Coding::Gzip));
        assert_eq!(coding(&["br"]), ContentCoding::Decoded(Coding::Brotli));
        for other in [&["deflate"][..], &["zstd"], &["gzip, br"], &["gzip", "gzip"], &["GZIP"], &["x-gzip"]] {
            assert!(matches!(coding(other), ContentCoding::Other(_)), "{other:?}");
        }
    }

    /// A service binding's request keeps its path and query, under the base's path, on the
    /// base's origin; nothing of the code's origin, and nothing of the base's credentials,
    /// query or fragment, is kept.
    #[test]
    fn service_urls() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        let cases = [
            ("http://127.0.0.1:9000", "https://x.example/v1/items?q=1#f", "http://127.0.0.1:9000/v1/items?q=1"),
            ("http://127.0.0.1:9000/api", "https://x.example/v1", "http://127.0.0.1:9000/api/v1"),
            ("http://127.0.0.1:9000/api/", "https://x.example/", "http://127.0.0.1:9000/api/"),
            ("https://user:pw@svc.example:8443/a/?base=1#b", "http://localhost/b?c", "https://svc.example:8443/a/b?c"),
        ];
        for (base, code, expected) in cases {
            assert_eq!(service_url(&url(base), &url(code)).as_str(), expected, "{base} + {code}");
        }
    }

    /// Logged URLs keep query keys but not their values, and never credentials.
    #[test]
    fn logged_urls_hide_secrets() {
        let url = url::Url::parse("https://user:pw@api.example.com/v1/items?token=abc&page=2#frag").unwrap();
        assert_eq!(loggable_url(&url), "https://api.example.com/v1/items?token=…&page=…");
    }
}
