//! One run: a fresh isolate from the snapshot, the module map loaded into it, the
//! entrypoint called, the event loop driven until the result settles, and the isolate
//! thrown away.

use std::cell::RefCell;
use std::ffi::c_void;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::value::RawValue;

use crate::code_cache::CodeCache;
use crate::ext::MANIFEST;
use crate::ext::compression::Codecs;
use crate::ext::entrypoint::serialize;
use crate::ext::fetch;
use crate::ext::fetch::http::{HttpRequest, HttpResponse};
use crate::ext::fetch::network::{Network, Subrequest};
use crate::ext::fetch::outbound::OutboundPolicy;
use crate::ext::html_rewriter::Rewriters;
use crate::ext::modules::loader::{self, ModuleSource, Modules, NodeModules, modules};
use crate::ext::node::{MountedFiles, ProcessEnv};
use crate::ext::tools;
use crate::ext::tools::calls::Tools;
use crate::ext::tools::{ServiceBinding, ToolBinding, ToolCallRecord, ToolLimits};
use crate::runtime::compatibility::Compatibility;
use crate::runtime::exception::{self, ExceptionKind};
use crate::runtime::host::{call_internal, internal_value, optional_string};
use crate::runtime::limits::{self, CancelHandle, Control, Limits, Stop};
use crate::runtime::snapshot::INTERNALS_INDEX;
use crate::runtime::state::{State, state};
use crate::warm::WarmIsolate;
use crate::{Console, EntrypointError, RunError};

/// What a run may do beyond the defaults. Everything is off or empty by default.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Allow `eval` and `new Function` in every phase of the run. Off, they work only while a
    /// module's top level is evaluated (as [`Compatibility::eval_during_startup`] says, as in
    /// workerd) and throw an `EvalError` naming the phase otherwise ([`EvalRefusal`]).
    ///
    /// [`EvalRefusal`]: crate::EvalRefusal
    pub allow_eval: bool,
    /// The compatibility date and flags, which select behaviour as they do in workerd.
    pub compatibility: Compatibility,
    /// The `env` bindings handed to the entrypoint, as plain strings.
    pub env: Vec<(String, String)>,
    /// What `fetch` may reach. The default reaches nothing.
    pub outbound: OutboundPolicy,
    /// Files the caller gives the code, read-only in `node:fs` at their absolute paths
    /// (`/mnt/data.csv`): the only files of the caller's the code can read. They count against
    /// the run's memory once `node:fs` loads.
    pub files: Vec<(String, Vec<u8>)>,
    /// V8 code caches of ES modules, shared with other runs: a module whose source is in it
    /// compiles from it, and one that is not is added once the run has its result.
    pub code_cache: Option<Arc<CodeCache>>,
    /// Tools the code may call, one `env.<name>` object of async methods per binding
    /// ([`ToolBinding`]). A run without tools or services loads none of their runtime and
    /// starts no thread for them.
    pub tools: Vec<ToolBinding>,
    /// Make each tool and service binding a global of its name too (`github.search(...)`
    /// without `env`), for code without exports. A name the runtime already has as a global
    /// fails the run ([`RunError::BindingClash`]).
    pub tool_globals: bool,
    /// Limits on the tool calls of the run.
    pub tool_limits: ToolLimits,
    /// Keep each call's argument in [`Outcome::tool_calls`] (`ToolCallRecord::arguments`),
    /// for a log the caller asked for. Off, no argument value is kept.
    pub record_tool_arguments: bool,
    /// HTTP services the code may reach as `env.<name>.fetch(...)` ([`ServiceBinding`]),
    /// without the allow-list of [`Options::outbound`].
    pub services: Vec<ServiceBinding>,
}

/// What to call, and with what.
#[derive(Debug, Clone, Copy, Default)]
pub struct Invocation<'a> {
    /// A named export to call instead of the default export.
    pub entrypoint: Option<&'a str>,
    /// The method of the entrypoint to call.
    pub method: Option<&'a str>,
    /// Positional arguments as JSON texts.
    pub args: &'a [String],
    /// Call the entrypoint's `fetch` handler with this request instead (`method` and `args`
    /// are not used); the result is then [`Outcome::response`].
    pub request: Option<&'a HttpRequest>,
}

/// Measurements of a run, reported whether it succeeded or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// From `run` being called to its return.
    pub wall: Duration,
    /// CPU time of the calling thread during the run.
    pub cpu: Duration,
    /// The largest V8 heap size seen during the run.
    pub heap_peak_bytes: usize,
    /// The largest amount of memory outside the V8 heap held at once (ArrayBuffers, WebAssembly
    /// memories, ICU, host copies: everything the memory budget counts).
    pub array_buffer_peak_bytes: usize,
    /// Time to create the isolate and its context (from the snapshot).
    pub isolate_start: Duration,
    /// The runtime's scripts that were not in the snapshot and that the run needed, in the
    /// order they ran (`sandbox:internal/fetch/headers.js`): a run that uses no Web API beyond
    /// the basics, and no Node.js module, runs none.
    pub scripts_loaded: Vec<&'static str>,
}

/// The result of a run and its measurements.
#[derive(Debug)]
pub struct Outcome {
    /// The entrypoint's awaited result as JSON text; `None` when it is `undefined`.
    pub result: Result<Option<Box<RawValue>>, RunError>,
    pub stats: Stats,
    /// Every outbound request the run made or tried, in order.
    pub subrequests: Vec<Subrequest>,
    /// The fetch handler's response, when the invocation had a request (`result` is then
    /// `Ok(None)`).
    pub response: Option<HttpResponse>,
    /// Every tool call the code made, in order (see [`ToolCallRecord`]).
    pub tool_calls: Vec<ToolCallRecord>,
}

/// Keeps one idle isolate alive for the rest of the process, and returns once it is.
///
/// V8 shares its read-only heap between the isolates of a process, but sets it up again
/// whenever the last isolate is disposed: a process that runs sandboxes one after another
/// would pay that (about a third of a millisecond here) on every run. The isolate kept here
/// never runs code and is never handed to a sandbox; what it keeps alive is immutable.
///
/// The executor does this by itself from the second sandbox of a process on; a server can
/// call it at startup so that its first two sandboxes do not set the heap up twice.
pub fn keep_warm() {
    crate::runtime::platform::keep_warm(&MANIFEST);
}

/// A single-use sandbox: a fresh V8 isolate, created by [`Sandbox::run`] and disposed before
/// it returns, that can reach nothing outside itself but the console.
pub struct Sandbox {
    options: Options,
    control: Arc<Control>,
}

impl Sandbox {
    pub fn new(options: Options) -> Sandbox {
        Sandbox { options, control: Control::new() }
    }

    /// A sandbox to run in `warm`, an isolate made ahead and never used (`pool.rs`): the
    /// run is stopped through the control the isolate was made with.
    pub(crate) fn for_warm(options: Options, warm: &WarmIsolate) -> Sandbox {
        Sandbox { options, control: Arc::clone(&warm.control) }
    }

    /// A handle that stops the run from another thread (e.g. on Ctrl-C).
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle { control: Arc::clone(&self.control) }
    }

    /// Loads `modules` into a fresh isolate, evaluates `main`, calls the entrypoint as
    /// `invocation` says, drives timers and promises until its result settles, and returns
    /// the result as JSON. Blocks the calling thread; the CPU limit applies to it.
    pub fn run(
        self,
        main: &str,
        modules: &[ModuleSource<'_>],
        invocation: &Invocation<'_>,
        console: Box<dyn Console>,
    ) -> Outcome {
        let started = Instant::now();
        let clock = limits::current_thread_clock();
        let cpu_start = limits::cpu_time(clock);
        let (mut outcome, used) = self.run_to_result(None, started, main, modules, invocation, console);
        drop(used);
        outcome.stats.wall = started.elapsed();
        outcome.stats.cpu = limits::cpu_time(clock).saturating_sub(cpu_start);
        outcome
    }

    /// [`run`](Self::run) in `warm` if given (made for this sandbox, [`for_warm`](Self::for_warm)),
    /// but the isolate is handed back instead of disposed of, so that the caller can deliver
    /// the outcome first (its `wall` and `cpu` leave the disposal out).
    pub(crate) fn run_to_result(
        self,
        warm: Option<WarmIsolate>,
        started: Instant,
        main: &str,
        modules: &[ModuleSource<'_>],
        invocation: &Invocation<'_>,
        console: Box<dyn Console>,
    ) -> (Outcome, Option<WarmIsolate>) {
        crate::runtime::platform::init_v8();
        crate::runtime::platform::sandbox_starting(&MANIFEST);
        let clock = limits::current_thread_clock();
        let cpu_start = limits::cpu_time(clock);
        let mut outcome = Outcome {
            result: Ok(None),
            stats: Stats::default(),
            subrequests: Vec::new(),
            response: None,
            tool_calls: Vec::new(),
        };
        let used = match check_call(&self.options, main, modules, invocation) {
            Ok(()) => {
                let (result, used) = self.run_isolate(warm, started, main, modules, invocation, console, &mut outcome);
                outcome.result = result;
                Some(used)
            }
            Err(error) => {
                outcome.result = Err(error);
                warm
            }
        };
        outcome.stats.wall = started.elapsed();
        outcome.stats.cpu = limits::cpu_time(clock).saturating_sub(cpu_start);
        (outcome, used)
    }

    #[allow(clippy::too_many_arguments)]
    fn run_isolate(
        &self,
        warm: Option<WarmIsolate>,
        started: Instant,
        main: &str,
        modules: &[ModuleSource<'_>],
        invocation: &Invocation<'_>,
        console: Box<dyn Console>,
        outcome: &mut Outcome,
    ) -> (Result<Option<Box<RawValue>>, RunError>, WarmIsolate) {
        let stats = &mut outcome.stats;
        let limits = self.options.limits;
        // An isolate made ahead with another heap limit, or for another sandbox, is not used.
        let warm =
            warm.filter(|warm| warm.heap_bytes == limits.heap_bytes && Arc::ptr_eq(&warm.control, &self.control));
        let mut warm = warm.unwrap_or_else(|| WarmIsolate::new(limits.heap_bytes, Arc::clone(&self.control)));
        let budget = Arc::clone(&warm.budget);
        let _watch = limits::watch(&self.control, &limits, started);
        let (isolate, context) = warm.take();
        self.control.attach(isolate.thread_safe_handle());
        // SAFETY (of the pointer's use in `near_heap_limit`): `self.control` outlives the
        // isolate, which is dropped at the end of this function.
        let control = Arc::as_ptr(&self.control) as *mut c_void;
        isolate.add_near_heap_limit_callback(limits::near_heap_limit, control);
        isolate.set_oom_error_handler(limits::out_of_memory);
        limits::HEAP_LIMIT.with(|limit| limit.set(limits.heap_bytes));
        isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
        isolate.set_capture_stack_trace_for_uncaught_exceptions(true, STACK_FRAMES);
        isolate.set_promise_reject_callback(promise_reject);
        isolate.add_message_listener(uncaught_in_task);
        isolate.set_host_import_module_dynamically_callback(loader::dynamic_import);
        isolate.set_host_initialize_import_meta_object_callback(loader::initialize_import_meta);
        isolate.set_allow_wasm_code_generation_callback(allow_wasm_code_generation);

        let result = {
            v8::scope!(let scope, &mut *isolate);
            let context = v8::Local::new(scope, context);
            let scope = &mut v8::ContextScope::new(scope, context);
            let compatibility = &self.options.compatibility;
            crate::runtime::code_generation::enter_phase(scope, context, self.options.allow_eval, compatibility, false);
            match scope.get_context_data_from_snapshot_once::<v8::Object>(INTERNALS_INDEX) {
                Err(error) => Err(RunError::Internal(format!("the snapshot has no runtime: {error:?}"))),
                Ok(internals) => {
                    let state = Rc::new(State {
                        origin: started,
                        rejections: Default::default(),
                        internals: v8::Global::new(scope, internals),
                        budget: Arc::clone(&budget),
                        manifest: &MANIFEST,
                        allow_eval: self.options.allow_eval,
                        compatibility: self.options.compatibility.clone(),
                        scripts_loaded: RefCell::default(),
                    });
                    scope.set_slot(Rc::clone(&state));
                    // Each extension's own state, found by its type (`state::extension`).
                    scope.set_slot(Rc::new(RefCell::new(console)));
                    let node_modules = NodeModules {
                        names: MANIFEST.node_modules,
                        enabled: self.options.compatibility.nodejs_compat(),
                        bare: self.options.compatibility.nodejs_compat_v2(),
                    };
                    let loader =
                        Modules::new(modules, main, node_modules).with_code_cache(self.options.code_cache.clone());
                    scope.set_slot(Rc::new(loader));
                    let network = Rc::new(RefCell::new(Network::new(
                        self.options.outbound.clone(),
                        self.options.services.iter().map(|service| service.base.clone()).collect(),
                        Arc::clone(&self.control),
                        Arc::clone(&budget),
                    )));
                    scope.set_slot(Rc::clone(&network));
                    let tools = Rc::new(RefCell::new(Tools::new(
                        self.options.tools.clone(),
                        self.options.services.clone(),
                        self.options.tool_globals,
                        self.options.tool_limits,
                        Arc::clone(&budget),
                        Arc::clone(&self.control),
                        network.borrow().handle(),
                    )));
                    tools.borrow_mut().record_arguments = self.options.record_tool_arguments;
                    scope.set_slot(Rc::clone(&tools));
                    scope.set_slot(Rc::new(RefCell::new(Codecs::default())));
                    scope.set_slot(Rc::new(RefCell::new(Rewriters::default())));
                    scope.set_slot(Rc::new(ProcessEnv(self.options.env.clone())));
                    scope.set_slot(Rc::new(MountedFiles(self.options.files.clone())));
                    crate::ext::memory::host::guard_globals(scope, context);
                    if !self.options.compatibility.nodejs_compat_v2() {
                        crate::ext::node::remove_globals(scope, context);
                    }
                    if self.options.compatibility.nodejs_global_timers() {
                        crate::ext::node::use_node_global_timers(scope);
                    }
                    stats.isolate_start = started.elapsed();
                    let memory = crate::runtime::memory::enter_run(&budget);
                    let result =
                        execute(scope, main, invocation, &self.options.env, &self.control, &mut outcome.response);
                    // Whatever ended the run, no tool call or request goes on for it.
                    tools.borrow_mut().cancel_pending();
                    network.borrow_mut().end();
                    drop(memory);
                    if result.is_ok() && self.control.stopped().is_none() {
                        loader::produce_code_cache(scope);
                    }
                    stats.heap_peak_bytes = stats.heap_peak_bytes.max(scope.get_heap_statistics().used_heap_size());
                    outcome.subrequests = network.borrow().subrequests();
                    outcome.tool_calls = tools.borrow().records();
                    stats.scripts_loaded = state.scripts_loaded.borrow().clone();
                    result
                }
            }
        };
        stats.array_buffer_peak_bytes = budget.peak();

        let result = match self.control.stopped() {
            Some(Stop::Cancelled) => Err(RunError::Interrupted),
            Some(Stop::Exit) => Err(RunError::ProcessExit { code: self.control.exit_code() }),
            Some(stop) => Err(RunError::LimitExceeded(
                limits::limit_for(stop, &limits).expect("every stop but Cancelled is a limit"),
            )),
            None => result,
        };
        // The state holds V8 handles: release it, and every extension's, before the isolate goes.
        drop(isolate.remove_slot::<Rc<State>>());
        drop(isolate.remove_slot::<Rc<Modules>>());
        drop(isolate.remove_slot::<Rc<RefCell<Box<dyn Console>>>>());
        drop(isolate.remove_slot::<Rc<RefCell<Network>>>());
        drop(isolate.remove_slot::<Rc<RefCell<Tools>>>());
        drop(isolate.remove_slot::<Rc<RefCell<Codecs>>>());
        drop(isolate.remove_slot::<Rc<RefCell<Rewriters>>>());
        drop(isolate.remove_slot::<Rc<ProcessEnv>>());
        drop(isolate.remove_slot::<Rc<MountedFiles>>());
        self.control.detach();
        (result, warm)
    }
}

/// Refuses a call that cannot start: a main module not in the map, an argument that is not
/// JSON, or two `env` bindings of one name.
fn check_call(
    options: &Options,
    main: &str,
    modules: &[ModuleSource<'_>],
    invocation: &Invocation<'_>,
) -> Result<(), RunError> {
    if !modules.iter().any(|module| module.specifier == main) {
        return Err(RunError::MissingMainModule(main.to_owned()));
    }
    for (index, argument) in invocation.args.iter().enumerate() {
        if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(argument) {
            return Err(RunError::InvalidArgument { index: index + 1, reason: error.to_string() });
        }
    }
    let mut names: Vec<&str> = options.env.iter().map(|(name, _)| name.as_str()).collect();
    names.extend(options.tools.iter().map(|binding| binding.name.as_str()));
    names.extend(options.services.iter().map(|service| service.name.as_str()));
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(RunError::BindingClash { name: pair[0].to_owned(), global: false });
    }
    Ok(())
}

/// Frames kept in stack traces, as V8's default `Error.stackTraceLimit`.
const STACK_FRAMES: i32 = 10;

/// The longest the event loop sleeps: past any wall-clock limit.
const FOREVER: Duration = Duration::from_secs(7 * 24 * 3600);

/// An `Err` for the exception caught by `scope`, or for the stop that ended the run.
fn caught(
    scope: &mut v8::PinScope<'_, '_>,
    try_catch_exception: Option<(v8::Local<'_, v8::Value>, Option<v8::Local<'_, v8::Message>>)>,
    kind: ExceptionKind,
    control: &Control,
) -> RunError {
    if control.stopped().is_some() {
        // The caller replaces this with the limit or the interruption.
        return RunError::Interrupted;
    }
    match try_catch_exception {
        Some((exception, message)) => classify(scope, kind, exception, message),
        None => RunError::Internal("V8 failed without an exception".into()),
    }
}

/// Turns a thrown value into a [`RunError`]: the runtime's own errors about the invocation
/// or the result become their variants, the rest a [`JsException`].
fn classify(
    scope: &mut v8::PinScope<'_, '_>,
    kind: ExceptionKind,
    exception: v8::Local<'_, v8::Value>,
    message: Option<v8::Local<'_, v8::Message>>,
) -> RunError {
    if let Some(description) = call_internal(scope, "classifyError", &[exception])
        && description.is_string()
    {
        let description = description.to_rust_string_lossy(scope);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&description) {
            if value["kind"] == "not-serializable" {
                let field = |name: &str| value[name].as_str().unwrap_or_default().to_owned();
                return RunError::NotSerializable { path: field("path"), value: field("value"), hint: field("hint") };
            }
            if let Ok(error) = serde_json::from_value::<EntrypointError>(value) {
                return RunError::Entrypoint(error);
            }
        }
    }
    let mut exception = exception::from_v8(scope, kind, exception, message, |scope, value| {
        call_internal(scope, "inspect", &[value])
            .map(|text| text.to_rust_string_lossy(scope))
            .unwrap_or_else(|| value.to_rust_string_lossy(scope))
    });
    if kind == ExceptionKind::Compile
        && let Some(frame) = modules(scope).link_error_frame.borrow_mut().take()
        && exception.frames.is_empty()
    {
        exception.frames.push(frame);
    }
    RunError::Exception(Box::new(exception))
}

fn execute(
    scope: &mut v8::PinScope<'_, '_>,
    main: &str,
    invocation: &Invocation<'_>,
    env: &[(String, String)],
    control: &Control,
    response: &mut Option<HttpResponse>,
) -> Result<Option<Box<RawValue>>, RunError> {
    v8::tc_scope!(let scope, scope);
    macro_rules! try_v8 {
        ($expression:expr, $kind:expr) => {
            match $expression {
                Some(value) => value,
                None => {
                    let caught_exception = scope.exception().map(|exception| (exception, scope.message()));
                    let error = caught(scope, caught_exception, $kind, control);
                    return Err(error);
                }
            }
        };
    }

    // Tool and service bindings, made before the main module is evaluated so that their
    // globals are there for its top level.
    let bindings = {
        let tools = tools::host::tools(scope);
        let tools = tools.borrow();
        (!tools.bindings.is_empty() || !tools.services.is_empty()).then_some(tools.globals)
    };
    let bindings = match bindings {
        None => None,
        Some(globals) => {
            if globals {
                clashing_global(scope)?;
            }
            let made = try_v8!(tools::host::make_bindings(scope), ExceptionKind::Uncaught);
            v8::Local::<v8::Array>::try_from(made).ok()
        }
    };
    let module = try_v8!(loader::module_for(scope, main), ExceptionKind::Compile);
    try_v8!(module.instantiate_module(scope, loader::resolve_callback), ExceptionKind::Compile);
    let evaluation = try_v8!(module.evaluate(scope), ExceptionKind::Uncaught);
    let namespace = module.get_module_namespace();

    let mut args = Vec::with_capacity(invocation.args.len());
    for argument in invocation.args {
        let text = try_v8!(v8::String::new(scope, argument), ExceptionKind::Uncaught);
        args.push(try_v8!(v8::json::parse(scope, text), ExceptionKind::Uncaught));
    }
    let args = v8::Array::new_with_elements(scope, &args);
    let env_object = v8::Object::new(scope);
    for (key, value) in env {
        let key = try_v8!(v8::String::new(scope, key), ExceptionKind::Uncaught);
        let value = try_v8!(v8::String::new(scope, value), ExceptionKind::Uncaught);
        env_object.set(scope, key.into(), value.into());
    }
    if let Some(bindings) = bindings {
        let mut index = 0;
        while index + 1 < bindings.length() {
            let key = try_v8!(bindings.get_index(scope, index), ExceptionKind::Uncaught);
            let value = try_v8!(bindings.get_index(scope, index + 1), ExceptionKind::Uncaught);
            if let Ok(key) = v8::Local::<v8::Name>::try_from(key) {
                try_v8!(env_object.create_data_property(scope, key, value), ExceptionKind::Uncaught);
            }
            index += 2;
        }
    }
    let entrypoint = optional_string(scope, invocation.entrypoint);
    let method = optional_string(scope, invocation.method);
    let request = match invocation.request {
        Some(request) => try_v8!(request_parts(scope, request), ExceptionKind::Uncaught),
        None => v8::undefined(scope).into(),
    };
    try_v8!(
        call_internal(
            scope,
            "start",
            &[evaluation, namespace, entrypoint, method, args.into(), env_object.into(), request]
        ),
        ExceptionKind::Uncaught
    );

    let state = state(scope);
    loop {
        scope.perform_microtask_checkpoint();
        if control.stopped().is_some() {
            return Err(RunError::Interrupted);
        }
        // An unhandled rejection or an error reported by a timer fails the run.
        let rejection = state.rejections.borrow_mut().drain(..).next();
        if let Some((_, reason)) = rejection {
            let reason = v8::Local::new(scope, reason);
            return Err(classify(scope, ExceptionKind::UnhandledRejection, reason, None));
        }
        let poll = try_v8!(call_internal(scope, "poll", &[]), ExceptionKind::Uncaught);
        let status = match poll.int32_value(scope) {
            Some(1) => break,
            Some(2) => {
                let reported = try_v8!(call_internal(scope, "takeReportedError", &[]), ExceptionKind::Uncaught);
                let error = v8::Local::<v8::Array>::try_from(reported)
                    .ok()
                    .and_then(|reported| reported.get_index(scope, 0))
                    .unwrap_or_else(|| v8::undefined(scope).into());
                return Err(classify(scope, ExceptionKind::Uncaught, error, None));
            }
            _ => try_v8!(call_internal(scope, "status", &[]), ExceptionKind::Uncaught).int32_value(scope).unwrap_or(0),
        };
        if try_v8!(fetch::host::deliver(scope), ExceptionKind::Uncaught) {
            continue; // network events arrived: run their microtasks, then look again
        }
        if try_v8!(tools::host::deliver(scope), ExceptionKind::Uncaught) {
            continue; // tools answered: run their microtasks, then look again
        }
        // A task V8 posted (a FinalizationRegistry cleanup, an `Atomics.waitAsync` waiter
        // settled): only here, between turns, and never after the result is taken.
        if crate::runtime::platform::run_posted_task(scope) {
            continue; // run its microtasks, then look again
        }
        let next = try_v8!(call_internal(scope, "runNextTimer", &[]), ExceptionKind::Uncaught);
        let next = next.number_value(scope).unwrap_or(-1.0);
        if next == -2.0 {
            continue; // a timer ran: run its microtasks, then look again
        }
        // A pending `Atomics.waitAsync` keeps the run going as a timer does, until V8 settles it
        // (Infinity: it has no timeout).
        let waiter = try_v8!(call_internal(scope, "nextWaiter", &[]), ExceptionKind::Uncaught);
        let waiter = waiter.number_value(scope).unwrap_or(-1.0);
        let network_busy = fetch::host::network(scope).borrow().busy();
        let tools_busy = tools::host::tools(scope).borrow().busy();
        if next < 0.0 && waiter < 0.0 && !network_busy && !tools_busy {
            if status == 0 {
                return Err(RunError::NeverSettled);
            }
            break; // settled; waitUntil promises that nothing can settle are abandoned
        }
        // Sleep until the next timer or timeout, or until the network wakes us (the watchdog
        // ends the run at the wall-clock limit either way).
        let wake = [next, waiter].into_iter().filter(|time| *time >= 0.0).fold(f64::INFINITY, f64::min);
        let mut deadline = state.origin + Duration::try_from_secs_f64(wake / 1000.0).unwrap_or(FOREVER).min(FOREVER);
        if wake == waiter && deadline <= Instant::now() {
            // V8's own timeout task is due at the latest when the runtime's deadline is (it
            // was posted first, on the same clock): look again shortly rather than spin.
            deadline = Instant::now() + Duration::from_millis(1);
        }
        control.sleep_until(deadline);
    }

    // Calls the code did not await are cancelled; unless the code failed anyway, that fails the
    // run, so that their results are not silently lost.
    let pending = tools::host::tools(scope).borrow_mut().cancel_pending();
    let finished = try_v8!(call_internal(scope, "finish", &[]), ExceptionKind::Uncaught);
    let finished = v8::Local::<v8::Array>::try_from(finished)
        .map_err(|_| RunError::Internal("the runtime's `finish` did not return an array".into()))?;
    let status = finished.get_index(scope, 0).and_then(|status| status.int32_value(scope));
    let value = finished.get_index(scope, 1).unwrap_or_else(|| v8::undefined(scope).into());
    if status == Some(2) {
        return Err(classify(scope, ExceptionKind::Uncaught, value, None));
    }
    if !pending.is_empty() {
        return Err(RunError::PendingToolCalls { calls: pending });
    }
    if status == Some(3) {
        *response = Some(
            response_from_parts(scope, value)
                .ok_or_else(|| RunError::Internal("the runtime returned a malformed response".into()))?,
        );
        return Ok(None);
    }
    if value.is_undefined() {
        return Ok(None);
    }
    let intrinsics = try_v8!(internal_value(scope, "resultIntrinsics"), ExceptionKind::Uncaught);
    let intrinsics = v8::Local::<v8::Array>::try_from(intrinsics)
        .map_err(|_| RunError::Internal("the runtime has no `resultIntrinsics`".into()))?;
    let json = match serialize::to_json(scope, value, intrinsics, &state.budget, control) {
        Ok(Some(json)) => json,
        Ok(None) => return Ok(None),
        Err(serialize::Failure::Exception) => {
            let caught_exception = scope.exception().map(|exception| (exception, scope.message()));
            return Err(caught(scope, caught_exception, ExceptionKind::Uncaught, control));
        }
        Err(serialize::Failure::NotSerializable { path, value, hint }) => {
            return Err(RunError::NotSerializable { path, value, hint });
        }
        // The caller replaces this with the limit or the interruption that stopped the run.
        Err(serialize::Failure::Memory | serialize::Failure::Stopped) => return Err(RunError::Interrupted),
    };
    RawValue::from_string(json)
        .map(Some)
        .map_err(|error| RunError::Internal(format!("the host produced invalid JSON: {error}")))
}

/// Fails with [`RunError::BindingClash`] when a tool or service binding that should also be a
/// global is named like a global the runtime has.
fn clashing_global(scope: &mut v8::PinScope<'_, '_>) -> Result<(), RunError> {
    let names: Vec<String> = {
        let tools = tools::host::tools(scope);
        let tools = tools.borrow();
        tools
            .bindings
            .iter()
            .map(|binding| binding.name.clone())
            .chain(tools.services.iter().map(|service| service.name.clone()))
            .collect()
    };
    let global = scope.get_current_context().global(scope);
    for name in names {
        let Some(key) = v8::String::new(scope, &name) else { continue };
        if global.has_own_property(scope, key.into()) == Some(true) {
            return Err(RunError::BindingClash { name, global: true });
        }
    }
    Ok(())
}

/// `[method, url, [name, value, ...], bytes | undefined]` for `internals.requestFromParts`.
fn request_parts<'s>(scope: &mut v8::PinScope<'s, '_>, request: &HttpRequest) -> Option<v8::Local<'s, v8::Value>> {
    let method = v8::String::new(scope, &request.method)?.into();
    let url = v8::String::new(scope, &request.url)?.into();
    let mut flat = Vec::with_capacity(request.headers.len() * 2);
    for (name, value) in &request.headers {
        flat.push(v8::String::new(scope, name)?.into());
        flat.push(v8::String::new(scope, value)?.into());
    }
    let headers = v8::Array::new_with_elements(scope, &flat).into();
    let body = match &request.body {
        Some(bytes) => {
            let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes.clone()).make_shared();
            let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
            v8::Uint8Array::new(scope, buffer, 0, bytes.len())?.into()
        }
        None => v8::undefined(scope).into(),
    };
    Some(v8::Array::new_with_elements(scope, &[method, url, headers, body]).into())
}

/// An [`HttpResponse`] from `internals.responseParts`'s `[status, statusText, [name, value,
/// ...], bytes]`.
fn response_from_parts(scope: &mut v8::PinScope<'_, '_>, parts: v8::Local<'_, v8::Value>) -> Option<HttpResponse> {
    let parts = v8::Local::<v8::Array>::try_from(parts).ok()?;
    let status = parts.get_index(scope, 0)?.uint32_value(scope)?;
    let status_text = parts.get_index(scope, 1)?.to_rust_string_lossy(scope);
    let flat = v8::Local::<v8::Array>::try_from(parts.get_index(scope, 2)?).ok()?;
    let mut headers = Vec::new();
    let mut index = 0;
    while index + 1 < flat.length() {
        let name = flat.get_index(scope, index)?.to_rust_string_lossy(scope);
        let value = flat.get_index(scope, index + 1)?.to_rust_string_lossy(scope);
        headers.push((name, value));
        index += 2;
    }
    let view = v8::Local::<v8::ArrayBufferView>::try_from(parts.get_index(scope, 3)?).ok()?;
    let mut body = vec![0; view.byte_length()];
    view.copy_contents(&mut body);
    Some(HttpResponse { status: u16::try_from(status).ok()?, status_text, headers, body })
}

/// Records promises that reject with no handler, and forgets them when one is added later.
extern "C" fn promise_reject(message: v8::PromiseRejectMessage<'_>) {
    let promise = message.get_promise();
    v8::callback_scope!(unsafe scope, &message);
    let state = state(scope);
    match message.get_event() {
        v8::PromiseRejectEvent::PromiseRejectWithNoHandler => {
            let reason = message.get_value().unwrap_or_else(|| v8::undefined(scope).into());
            let entry = (v8::Global::new(scope, promise), v8::Global::new(scope, reason));
            state.rejections.borrow_mut().push(entry);
        }
        v8::PromiseRejectEvent::PromiseHandlerAddedAfterReject => {
            state.rejections.borrow_mut().retain(|(rejected, _)| rejected != &promise);
        }
        _ => {}
    }
}

/// An exception that V8 caught in a task it ran for the host (a FinalizationRegistry cleanup
/// callback that threw) fails the run, as an error in a timer does. Without a listener V8
/// would print it on stdout.
unsafe extern "C" fn uncaught_in_task(message: v8::Local<'_, v8::Message>, exception: v8::Local<'_, v8::Value>) {
    v8::callback_scope!(unsafe scope, message);
    // Outside a run (no state) there is no one to report to; a stopped run has its reason.
    if scope.get_slot::<Rc<State>>().is_none() || scope.is_execution_terminating() {
        return;
    }
    call_internal(scope, "reportError", &[exception]);
}

/// Compiling WebAssembly from bytes is allowed only to the host, for `wasm` modules of the
/// map; `WebAssembly.compile` and friends in the sandbox get a CompileError.
unsafe extern "C" fn allow_wasm_code_generation(
    context: v8::Local<'_, v8::Context>,
    _source: v8::Local<'_, v8::String>,
) -> bool {
    v8::callback_scope!(unsafe scope, context);
    modules(scope).allow_wasm.get()
}
