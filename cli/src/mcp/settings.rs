//! `sandbox mcp`'s flags, checked, with the token files read, before the server starts.

use std::net::SocketAddr;
use std::time::Duration;

use crate::args::McpArgs;
use crate::report::usage::UsageError;
use crate::serve::auth::Tokens;
use crate::settings::{parse_duration, parse_size};

#[derive(Debug)]
pub(crate) struct McpSettings {
    /// `None`: stdio.
    pub(crate) listen: Option<SocketAddr>,
    pub(crate) tokens: Tokens,
    /// Browser origins allowed over HTTP, as `scheme://host[:port]`, lowercased.
    pub(crate) allow_origins: Vec<String>,
    pub(crate) max_body: usize,
    pub(crate) max_result_chars: usize,
    pub(crate) search_threshold: usize,
    pub(crate) pool: executor::PoolOptions,
    pub(crate) approval_timeout: Duration,
    /// Every run's options but its tools, console and compatibility.
    pub(crate) options: executor::Options,
    pub(crate) compatibility: executor::Compatibility,
    pub(crate) tools: crate::settings::ToolSettings,
    /// Credentials `--inject-header` sends, scrubbed from all the server says.
    pub(crate) secrets: Vec<String>,
    pub(crate) quiet: bool,
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    UsageError { message: message.into(), hint: Some(hint.into()) }.into()
}

/// The smallest heap V8 can start a context in, with room for the runtime.
const MIN_MEMORY: usize = 8 << 20;

impl McpSettings {
    pub(crate) fn resolve(args: McpArgs) -> anyhow::Result<McpSettings> {
        let listen = args
            .listen
            .as_deref()
            .map(|text| {
                text.parse::<SocketAddr>().map_err(|error| {
                    usage(
                        format!("Invalid `--listen {text}`: {error}"),
                        "give an address and a port, e.g. --listen 127.0.0.1:8788",
                    )
                })
            })
            .transpose()?;
        let tokens = Tokens::read(&args.token_files)?;
        if listen.is_some() && tokens.is_empty() {
            return Err(usage(
                "`sandbox mcp --listen` needs the bearer tokens clients must send",
                "give them with --token-file FILE (one token a line, e.g. from `openssl rand -hex 32`)",
            ));
        }
        let allow_origins = args
            .allow_origins
            .iter()
            .map(|origin| {
                let parsed = url::Url::parse(origin).ok().filter(|url| {
                    matches!(url.scheme(), "http" | "https") && url.host().is_some() && url.path() == "/"
                });
                match parsed {
                    Some(url) => Ok(url.origin().ascii_serialization()),
                    None => Err(usage(
                        format!("Invalid `--allow-origin {origin}`: not an origin"),
                        "give a scheme, a host and a port if not the default, e.g. --allow-origin http://localhost:6274",
                    )),
                }
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let duration = |flag: &str, text: &str| {
            parse_duration(text).map_err(|error| {
                usage(format!("Invalid `{flag} {text}`: {error}"), "durations look like 500ms, 2s or 1m")
            })
        };
        let size = |flag: &str, text: &str| {
            parse_size(text)
                .map_err(|error| usage(format!("Invalid `{flag} {text}`: {error}"), "sizes look like 64MB or 1GB"))
        };
        let defaults = executor::Limits::default();
        let limits = executor::Limits {
            cpu_time: args
                .cpu_time
                .as_deref()
                .map(|text| duration("--cpu-time", text))
                .transpose()?
                .unwrap_or(defaults.cpu_time),
            wall_time: args
                .timeout
                .as_deref()
                .map(|text| duration("--timeout", text))
                .transpose()?
                .unwrap_or(defaults.wall_time),
            heap_bytes: args
                .memory
                .as_deref()
                .map(|text| size("--memory", text))
                .transpose()?
                .unwrap_or(defaults.heap_bytes),
        };
        if limits.heap_bytes < MIN_MEMORY {
            return Err(usage(
                format!("`--memory {}` is too small for a JavaScript heap", args.memory.unwrap_or_default()),
                format!("use at least {}", executor::format_bytes(MIN_MEMORY)),
            ));
        }
        if args.max_result_chars < 100 {
            return Err(usage(
                format!("`--max-result-chars {}` leaves no room for a result", args.max_result_chars),
                "give at least 100 (the default, 24000, is about 6000 tokens)",
            ));
        }
        let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        if threads == 0 || threads > 1024 {
            return Err(usage(
                format!("`--threads {threads}` must be between 1 and 1024"),
                "leave it out for one per core",
            ));
        }
        let approval_timeout = duration("--approval-timeout", &args.approval_timeout)?;
        let compatibility_settings = crate::settings::compatibility_settings(&args.compatibility)?;
        let compatibility = compatibility_settings
            .resolve(None, &[], &crate::compatibility::Source::None)
            .map_err(|report| usage(report.title.clone(), report.hint.clone().unwrap_or_default()))?;
        let outbound = crate::settings::parse_outbound(&args.allow_net, &args.inject_headers, args.max_subrequests)?;
        let secrets = crate::settings::secret_values(&outbound);
        let env = args.env.iter().map(|entry| crate::settings::parse_env(entry)).collect::<anyhow::Result<Vec<_>>>()?;
        let tool_limits = crate::settings::tool_limits(&args.calls)?;
        let (mut tools, services) = crate::settings::tool_sources(&args.tools)?;
        tools.approve = args.calls.approve.clone();
        Ok(McpSettings {
            listen,
            tokens,
            allow_origins,
            max_body: size("--max-body", &args.max_body)?,
            max_result_chars: args.max_result_chars,
            search_threshold: args.search_threshold,
            pool: executor::PoolOptions { threads, queue: args.queue, warm_isolates: 2, heap_bytes: limits.heap_bytes },
            approval_timeout,
            options: executor::Options {
                limits,
                allow_eval: args.allow_eval,
                env,
                outbound,
                services,
                tool_limits,
                ..executor::Options::default()
            },
            compatibility,
            tools,
            secrets,
            quiet: args.quiet,
        })
    }
}
