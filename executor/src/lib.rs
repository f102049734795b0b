//! Runs a module map in a fresh V8 isolate with hard limits, and returns the entrypoint's
//! result as JSON.
//!
//! Each [`Sandbox`] is used once: [`Sandbox::run`] creates an isolate from a startup
//! snapshot of the runtime (console, timers, URL, encoding, crypto.getRandomValues, ...),
//! loads the modules, calls the entrypoint the way Cloudflare's Worker Loader does, drives
//! timers and promises until the result settles, and disposes the isolate. The code inside
//! has no network, file system, `process`, host environment or `eval` (once the entrypoint is
//! called: a module's top level may generate code, as in workerd) unless allowed.
//!
//! **Tools.** What the code can touch beyond that is what the embedder grants: tools
//! ([`Options::tools`], each binding an `env.<name>` object whose methods the embedder's
//! [`ToolHost`] answers, outside the isolate) and HTTP services ([`Options::services`], each an
//! `env.<name>` Fetcher to a base URL), within [`ToolLimits`].
//!
//! Process-wide, the first sandbox initialises V8, sets glibc's `M_TRIM_THRESHOLD` to 8 MiB
//! (unless `GLIBC_TUNABLES` is set: an isolate frees about a megabyte that the next one
//! allocates again) and starts a watchdog thread; the second starts a thread holding one
//! idle isolate, which keeps V8's shared read-only heap alive between sandboxes
//! ([`keep_warm`]).
//!
//! **Time zone and locale.** `Date` and `Intl` see UTC and `en-US`, never the host's `TZ`,
//! `/etc/localtime` or `LANG`; [`set_localization`] chooses others, once, before the first
//! sandbox of the process. Both are ICU's process-wide defaults (V8 has no per-isolate
//! setting), so sandboxes running side by side share them: code that needs a user's zone
//! should be given it and pass it to `Intl.DateTimeFormat`.
//!
//! **CPU.** [`Limits::cpu_time`] counts the sandbox's thread, where V8's garbage collector
//! runs too (single-threaded GC). V8's worker threads still compile hot functions, and may
//! run a scavenge while the sandbox's thread waits; that is not counted (about 15% more,
//! measured, for code that only allocates).
//!
//! ```
//! use executor::{DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox};
//!
//! let code = b"export default { add(a, b) { return a + b } }";
//! let modules = [ModuleSource { specifier: "agent.js", kind: ModuleKind::EsModule, code }];
//! let args = ["2".to_owned(), "3".to_owned()];
//! let invocation = Invocation { args: &args, ..Invocation::default() };
//! let outcome = Sandbox::new(Options::default()).run("agent.js", &modules, &invocation, Box::new(DiscardConsole));
//! assert_eq!(outcome.result.unwrap().unwrap().get(), "5");
//! ```

mod code_cache;
mod error;
mod ext;
mod pool;
mod runtime;
mod sandbox;
mod warm;

/// Prefix of the names of the runtime's own scripts in stack traces (`sandbox:internal/...`),
/// whose frames are not the user's.
pub const INTERNAL_SCRIPT_PREFIX: &str = runtime::snapshot::INTERNAL_SCRIPT_PREFIX;

pub use code_cache::{CodeCache, CodeCacheStats};
pub use error::{EntrypointError, RunError};
pub use ext::console::{CollectConsole, Console, DiscardConsole, LogLevel};
pub use ext::fetch::http::{HttpRequest, HttpResponse};
pub use ext::fetch::network::Subrequest;
pub use ext::fetch::outbound::{
    Credential, HeaderInjection, HostPattern, OutboundPolicy, PatternError, Refusal, expand_credential,
    expand_variables,
};
pub use ext::fetch::redact::{MIN_CREDENTIAL_LENGTH, REDACTED, Redactor};
pub use ext::modules::loader::{ModuleKind, ModuleSource};
pub use ext::node::node_modules;
pub use ext::tools::{
    ServiceBinding, ToolBinding, ToolCall, ToolCallOutcome, ToolCallRecord, ToolContext, ToolFailure, ToolFuture,
    ToolHost, ToolLimits, ToolSpec, ToolValue,
};
pub use pool::{Call, Done, Finished, Job, JobHandle, OwnedModule, Pool, PoolOptions, PoolStats, SubmitError};
pub use runtime::code_generation::EvalRefusal;
pub use runtime::compatibility::{COMPATIBILITY_DATE, Compatibility, CompatibilityError};
pub use runtime::exception::{ExceptionKind, Frame, JsException};
pub use runtime::limits::{CancelHandle, Limit, Limits, format_bytes, format_duration, on_unrecoverable_limit};
#[doc(hidden)]
pub use runtime::limits::{WatchdogSleep, watchdog_sleep};
pub use runtime::locale::{Localization, LocalizationError, set_localization};
pub use runtime::memory::MemoryAllocator;
pub use runtime::strings::MAX_MESSAGE_CHARACTERS;
pub use sandbox::{Invocation, Options, Outcome, Sandbox, Stats, keep_warm};
