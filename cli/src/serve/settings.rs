//! `sandbox serve`'s flags, checked, with the token files and the `--config` file read,
//! before the server starts.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use crate::args::ServeArgs;
use crate::report::usage::UsageError;
use crate::serve::auth::Tokens;
use crate::settings::{parse_duration, parse_size};

#[derive(Debug)]
pub(crate) struct ServeSettings {
    pub(crate) listen: SocketAddr,
    /// Empty: no authentication (a loopback address only).
    pub(crate) tokens: Tokens,
    /// The outbound policies a request may name.
    pub(crate) outbound: BTreeMap<String, executor::OutboundPolicy>,
    /// Every credential the policies inject, to scrub from all the server sends and logs.
    pub(crate) secrets: Vec<String>,
    pub(crate) pool: executor::PoolOptions,
    pub(crate) token_concurrency: usize,
    pub(crate) max_body: usize,
    /// The limits of a run, which a request may only lower.
    pub(crate) limits: executor::Limits,
    pub(crate) worker_memory: usize,
    pub(crate) code_cache_memory: usize,
    pub(crate) shutdown_timeout: Duration,
    pub(crate) otlp_endpoint: Option<url::Url>,
    pub(crate) allow_eval: bool,
    pub(crate) quiet: bool,
    /// MCP servers and OpenAPI specs (`--mcp-config`, `--openapi`) and `--approve`.
    pub(crate) tools: crate::settings::ToolSettings,
    /// `--service NAME=URL`.
    pub(crate) services: Vec<executor::ServiceBinding>,
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    UsageError { message: message.into(), hint: Some(hint.into()) }.into()
}

/// The smallest heap V8 can start a context in, with room for the runtime.
pub(crate) const MIN_MEMORY: usize = 8 << 20;

impl ServeSettings {
    pub(crate) fn resolve(args: ServeArgs) -> anyhow::Result<ServeSettings> {
        let listen: SocketAddr = args.listen.parse().map_err(|error| {
            usage(
                format!("Invalid `--listen {}`: {error}", args.listen),
                "give an address and a port, e.g. --listen 127.0.0.1:8787 or --listen 0.0.0.0:8787",
            )
        })?;
        let tokens = Tokens::read(&args.token_files)?;
        if tokens.is_empty() && !listen.ip().is_loopback() {
            return Err(usage(
                format!("`--listen {listen}` takes requests from other machines, and no `--token-file` was given"),
                "give the tokens requests must carry with --token-file FILE, or listen on 127.0.0.1",
            ));
        }
        let duration = |flag: &str, text: &Option<String>, default: Duration| match text {
            Some(text) => parse_duration(text).map_err(|error| {
                usage(format!("Invalid `{flag} {text}`: {error}"), "durations look like 500ms, 2s or 1m")
            }),
            None => Ok(default),
        };
        let size = |flag: &str, text: &str| {
            parse_size(text)
                .map_err(|error| usage(format!("Invalid `{flag} {text}`: {error}"), "sizes look like 64MB or 1GB"))
        };
        let defaults = executor::Limits::default();
        let limits = executor::Limits {
            cpu_time: duration("--cpu-time", &args.cpu_time, defaults.cpu_time)?,
            wall_time: duration("--timeout", &args.timeout, defaults.wall_time)?,
            heap_bytes: match &args.memory {
                Some(text) => size("--memory", text)?,
                None => defaults.heap_bytes,
            },
        };
        if limits.heap_bytes < MIN_MEMORY {
            return Err(usage(
                format!("`--memory {}` is too small for a JavaScript heap", args.memory.unwrap_or_default()),
                format!("use at least {}", executor::format_bytes(MIN_MEMORY)),
            ));
        }
        let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        if threads == 0 || threads > 1024 {
            return Err(usage(
                format!("`--threads {threads}` must be between 1 and 1024"),
                "leave it out for one per core",
            ));
        }
        let queue = args.queue.unwrap_or(64 * threads);
        if args.token_concurrency == 0 {
            return Err(usage("`--token-concurrency 0` would refuse every request", "allow at least 1"));
        }
        if args.warm_isolates > 64 {
            return Err(usage(
                format!("`--warm-isolates {}` is more than 64 per thread", args.warm_isolates),
                "a few are enough: each holds about 1.5MB",
            ));
        }
        let (outbound, secrets) = match &args.config {
            Some(path) => read_config(path)?,
            None => (BTreeMap::new(), Vec::new()),
        };
        let (mut tools, services) = crate::settings::tool_sources(&args.tools)?;
        tools.approve = args.approve.clone();
        let otlp_endpoint = args
            .otlp_endpoint
            .as_deref()
            .map(|text| {
                url::Url::parse(text).ok().filter(|url| matches!(url.scheme(), "http" | "https")).ok_or_else(|| {
                    usage(
                        format!("Invalid `--otlp-endpoint {text}`: not an http or https URL"),
                        "give the collector's OTLP/HTTP address, e.g. --otlp-endpoint http://127.0.0.1:4318",
                    )
                })
            })
            .transpose()?;
        Ok(ServeSettings {
            listen,
            tokens,
            outbound,
            secrets,
            pool: executor::PoolOptions {
                threads,
                queue,
                warm_isolates: args.warm_isolates,
                heap_bytes: limits.heap_bytes,
            },
            token_concurrency: args.token_concurrency,
            max_body: size("--max-body", &args.max_body)?,
            limits,
            worker_memory: size("--worker-memory", &args.worker_memory)?,
            code_cache_memory: size("--code-cache-memory", &args.code_cache_memory)?,
            shutdown_timeout: duration("--shutdown-timeout", &Some(args.shutdown_timeout), Duration::ZERO)?,
            otlp_endpoint,
            allow_eval: args.allow_eval,
            quiet: args.quiet,
            tools,
            services,
        })
    }
}

/// `--config`: `{"outbound": {"NAME": {"allow": [...], "inject": [...], "maxSubrequests": N}}}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    outbound: BTreeMap<String, PolicyConfig>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PolicyConfig {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    inject: Vec<String>,
    max_subrequests: Option<usize>,
}

/// The named outbound policies of a `--config` file, and the credentials they inject.
fn read_config(path: &Path) -> anyhow::Result<(BTreeMap<String, executor::OutboundPolicy>, Vec<String>)> {
    let display = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|error| usage(format!("Cannot read `--config {display}`: {error}"), "check the path"))?;
    let config: Config = serde_json::from_str(&text).map_err(|error| {
        usage(
            format!("`{display}:{}:{}`: {}", error.line(), error.column(), without_position(&error)),
            r#"write it like {"outbound": {"github": {"allow": ["api.github.com"], "inject": ["api.github.com: Authorization=Bearer $GITHUB_TOKEN"]}}}"#,
        )
    })?;
    let mut policies = BTreeMap::new();
    let mut secrets = Vec::new();
    for (name, policy) in config.outbound {
        if !is_name(&name) {
            return Err(usage(
                format!("`{display}`: the outbound policy name `{name}` is not a name"),
                "use letters, digits, `-` and `_`",
            ));
        }
        let allow = policy
            .allow
            .iter()
            .map(|pattern| {
                pattern.parse::<executor::HostPattern>().map_err(|error| {
                    usage(
                        format!("`{display}`: outbound policy `{name}`: invalid host `{pattern}`: {error}"),
                        "give a host, like `api.example.com`, `*.example.com` or `localhost:8080`",
                    )
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let inject = policy
            .inject
            .iter()
            .map(|injection| {
                let parsed = injection.parse::<executor::HeaderInjection>().map_err(|error| {
                    usage(
                        format!("`{display}`: outbound policy `{name}`: invalid injection: {error}"),
                        "write it like \"api.example.com: Authorization=Bearer $TOKEN\"",
                    )
                })?;
                let credential = executor::expand_credential(&parsed.value, |variable| std::env::var(variable).ok())
                    .map_err(|reason| {
                        usage(
                            format!(
                                "`{display}`: outbound policy `{name}`: the header for `{}` cannot be sent: {reason}",
                                parsed.host
                            ),
                            "export the variable in the server's environment, or write the value itself",
                        )
                    })?;
                secrets.extend(credential.secrets);
                Ok(parsed)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let defaults = executor::OutboundPolicy::default();
        let policy = executor::OutboundPolicy {
            allow,
            inject,
            max_subrequests: policy.max_subrequests.unwrap_or(defaults.max_subrequests),
            refusal_hint: Some(refusal_hint),
            ..defaults
        };
        policies.insert(name, policy);
    }
    Ok((policies, secrets))
}

/// A serde_json error's text without its " at line L column C".
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    message.rfind(" at line ").map_or(message.clone(), |end| message[..end].to_owned())
}

/// Letters, digits, `-` and `_`, 1 to 64 of them: a policy's or a worker's name.
pub(crate) fn is_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// What a refused `fetch` adds for code run by the server: the request names the policies.
fn refusal_hint(refusal: &executor::Refusal) -> Option<String> {
    match refusal {
        executor::Refusal::NetworkDisabled { host, .. } | executor::Refusal::HostNotAllowed { host, .. } => {
            Some(format!("Ask for an outbound policy of the server that allows `{host}` (the request's `outbound`)"))
        }
        _ => None,
    }
}
