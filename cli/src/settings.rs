//! Checked settings: the command line with every value parsed and every conflict refused,
//! before any work starts.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::bail;

use crate::args::{
    BuildArgs, BundleArgs, CompatibilityArgs, DependencyArgs, InstallArgs, RunArgs, ToolArgs, ToolCallArgs,
};
use crate::compatibility::CompatibilitySettings;
use crate::dependencies::DependencySettings;
use crate::output::Output;
use crate::report::usage::UsageError;

/// Where the code comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
}

#[derive(Debug)]
pub(crate) struct RunSettings {
    pub(crate) input: Input,
    pub(crate) entrypoint: Option<String>,
    pub(crate) method: Option<String>,
    pub(crate) args: Vec<String>,
    /// The request for a fetch handler (`--request`).
    pub(crate) request: Option<executor::HttpRequest>,
    /// How a file or project is bundled.
    pub(crate) bundle: bundler::BundleOptions,
    /// `--compatibility-date` and `--compatibility-flag`; `options.compatibility` is set from
    /// them and the input once it is read.
    pub(crate) compatibility: CompatibilitySettings,
    pub(crate) options: executor::Options,
    pub(crate) output: Output,
    pub(crate) dependencies: DependencySettings,
    /// Where the run's tools come from (services are in `options.services`).
    pub(crate) tools: ToolSettings,
}

/// Where tools come from (`--mcp-config`, `--openapi`), and how calls of them are shown and
/// approved.
#[derive(Debug, Default)]
pub(crate) struct ToolSettings {
    pub(crate) mcp_configs: Vec<PathBuf>,
    /// `--openapi NAME=FILE`, with its `--openapi-base` when given.
    pub(crate) openapi: Vec<(String, PathBuf, Option<url::Url>)>,
    /// `--approve` patterns: `server.tool`, `server.*` or `*`.
    pub(crate) approve: Vec<String>,
    pub(crate) log_args: bool,
    pub(crate) types_out: Option<PathBuf>,
}

impl ToolSettings {
    /// Whether any source of tools was given (services are not tools).
    pub(crate) fn any(&self) -> bool {
        !self.mcp_configs.is_empty() || !self.openapi.is_empty()
    }
}

/// `--mcp-config`, `--openapi` and `--openapi-base` checked, and `--service` as bindings.
pub(crate) fn tool_sources(args: &ToolArgs) -> anyhow::Result<(ToolSettings, Vec<executor::ServiceBinding>)> {
    let name_and_value = |flag: &str, entry: &str, example: &str| -> anyhow::Result<(String, String)> {
        let Some((name, value)) = entry.split_once('=') else {
            return Err(usage(
                format!("`{flag} {entry}` is not NAME=VALUE"),
                format!("write it like {flag} {example}"),
            ));
        };
        let name = name.trim();
        if capabilities::names::identifier(name) != name {
            return Err(usage(
                format!("`{flag} {entry}`: `{name}` cannot name a binding"),
                format!(
                    "the name becomes `env.{}` and a global, so it must be a JavaScript identifier, e.g. `{}`",
                    capabilities::names::identifier(name),
                    capabilities::names::identifier(name)
                ),
            ));
        }
        Ok((name.to_owned(), value.trim().to_owned()))
    };
    let url = |flag: &str, entry: &str, text: &str| -> anyhow::Result<url::Url> {
        match url::Url::parse(text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(url),
            _ => Err(usage(
                format!("`{flag} {entry}`: `{text}` is not an http or https URL"),
                "give a base URL such as http://127.0.0.1:9000 or https://api.example.com/v1",
            )),
        }
    };
    let mut services = Vec::new();
    for entry in &args.services {
        let (name, base) = name_and_value("--service", entry, "BILLING=http://127.0.0.1:9000")?;
        let base = url("--service", entry, &base)?;
        services.push(executor::ServiceBinding { name, base });
    }
    let mut bases = Vec::new();
    for entry in &args.openapi_bases {
        let (name, base) = name_and_value("--openapi-base", entry, "petstore=https://staging.example.com/v3")?;
        bases.push((name, url("--openapi-base", entry, &base)?));
    }
    let mut openapi = Vec::new();
    for entry in &args.openapi {
        let (name, file) = name_and_value("--openapi", entry, "petstore=./petstore.json")?;
        let base = bases.iter().find(|(base_name, _)| *base_name == name).map(|(_, base)| base.clone());
        openapi.push((name, PathBuf::from(file), base));
    }
    if let Some((name, _)) = bases.iter().find(|(name, _)| !openapi.iter().any(|(spec, _, _)| spec == name)) {
        return Err(usage(
            format!("`--openapi-base {name}=...` names no `--openapi {name}=FILE`"),
            "give the spec with --openapi NAME=FILE, or leave out --openapi-base",
        ));
    }
    let settings = ToolSettings { mcp_configs: args.mcp_configs.clone(), openapi, ..ToolSettings::default() };
    Ok((settings, services))
}

/// `--max-tool-calls`, `--tool-calls-in-flight`, `--max-tool-result` and `--tool-timeout`.
pub(crate) fn tool_limits(args: &ToolCallArgs) -> anyhow::Result<executor::ToolLimits> {
    let defaults = executor::ToolLimits::default();
    Ok(executor::ToolLimits {
        max_calls: args.max_tool_calls.unwrap_or(defaults.max_calls),
        max_in_flight: args.tool_calls_in_flight.unwrap_or(defaults.max_in_flight),
        max_result_bytes: match &args.max_tool_result {
            Some(text) => parse_size(text).map_err(|error| bad_value("--max-tool-result", &error, SIZES))?,
            None => defaults.max_result_bytes,
        },
        timeout: match &args.tool_timeout {
            Some(text) => parse_duration(text).map_err(|error| bad_value("--tool-timeout", &error, DURATIONS))?,
            None => defaults.timeout,
        },
    })
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    UsageError { message: message.into(), hint: Some(hint.into()) }.into()
}

impl RunSettings {
    pub(crate) fn resolve(args: RunArgs) -> anyhow::Result<RunSettings> {
        let tool_limits = tool_limits(&args.calls)?;
        let input = if args.input.as_os_str() == "-" { Input::Stdin } else { Input::File(args.input) };
        let defaults = executor::Limits::default();
        let limits = executor::Limits {
            wall_time: match &args.timeout {
                Some(text) => parse_duration(text).map_err(|error| bad_value("--timeout", &error, DURATIONS))?,
                None => defaults.wall_time,
            },
            cpu_time: match &args.cpu_time {
                Some(text) => parse_duration(text).map_err(|error| bad_value("--cpu-time", &error, DURATIONS))?,
                None => defaults.cpu_time,
            },
            heap_bytes: match &args.memory {
                Some(text) => parse_size(text).map_err(|error| bad_value("--memory", &error, SIZES))?,
                None => defaults.heap_bytes,
            },
        };
        localize(args.tz.as_deref(), args.locale.as_deref())?;
        if limits.heap_bytes < MIN_MEMORY {
            return Err(usage(
                format!("`--memory {}` is too small for a JavaScript heap", args.memory.unwrap_or_default()),
                format!("use at least {}", executor::format_bytes(MIN_MEMORY)),
            ));
        }
        for (index, argument) in args.args.iter().enumerate() {
            if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(argument) {
                return Err(usage(
                    format!("`--arg` number {} is not valid JSON: {error}", index + 1),
                    "quote strings as JSON, e.g. --arg '\"Oslo\"', and objects like --arg '{\"city\":\"Oslo\"}'",
                ));
            }
        }
        let env = args.env.iter().map(|entry| parse_env(entry)).collect::<anyhow::Result<Vec<_>>>()?;
        let request = args
            .request
            .as_deref()
            .map(|request| parse_request(request, args.body.as_deref(), &args.headers))
            .transpose()?;
        if request.is_some() && (args.method.is_some() || !args.args.is_empty()) {
            return Err(usage(
                "`--request` calls the fetch handler; it cannot be combined with `--method` or `--arg`",
                "leave out `--method` and `--arg`, or `--request`",
            ));
        }
        let outbound = parse_outbound(&args.allow_net, &args.inject_headers, args.max_subrequests)?;
        let compatibility = compatibility_settings(&args.compatibility)?;
        let bundle = bundler::BundleOptions {
            compatibility_date: compatibility.date.clone(),
            compatibility_flags: compatibility.flags.clone(),
            ..bundle_options(&args.build)?
        };
        if args.quiet && args.json {
            return Err(usage(
                "`--quiet` and `--json` cannot be used together",
                "`--json` collects console output into `logs`; leave out `--quiet`",
            ));
        }
        let dependencies = dependency_settings(&args.dependencies)?;
        let (mut tools, services) = tool_sources(&args.tools)?;
        tools.approve = args.calls.approve.clone();
        tools.log_args = args.log_tool_args;
        tools.types_out = args.types_out.clone();
        Ok(RunSettings {
            tools,
            dependencies,
            input,
            entrypoint: args.entrypoint,
            method: args.method,
            args: args.args,
            request,
            bundle,
            compatibility,
            options: executor::Options {
                limits,
                allow_eval: args.allow_eval,
                env,
                outbound,
                compatibility: executor::Compatibility::default(),
                files: mounted_files(&args.mounts)?,
                services,
                tool_limits,
                ..executor::Options::default()
            },
            output: Output {
                json: args.json,
                pretty: args.pretty,
                quiet: args.quiet,
                verbose: args.verbose,
                outbound_log: args.outbound_log,
            },
        })
    }
}

/// `METHOD TARGET` (a path relative to `http://localhost`, or an absolute URL), the body
/// (`@FILE` reads a file) and `Name: value` headers.
fn parse_request(request: &str, body: Option<&str>, headers: &[String]) -> anyhow::Result<executor::HttpRequest> {
    let example = "write it like --request 'GET /hello?x=1' or --request 'POST https://example.com/api'";
    let mut parts = request.split_whitespace();
    let (Some(method), Some(target), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(usage(format!("`--request {request}` is not `METHOD TARGET`"), example));
    };
    if !method.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return Err(usage(format!("`{method}` is not an HTTP method"), example));
    }
    let url = if target.starts_with('/') {
        url::Url::parse("http://localhost").and_then(|base| base.join(target))
    } else {
        url::Url::parse(target)
    }
    .map_err(|error| usage(format!("`{target}` is not a URL or a path: {error}"), example))?;
    let headers = headers
        .iter()
        .map(|header| match header.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_owned(), value.trim().to_owned())),
            _ => Err(usage(
                format!("`-H {header}` is not `Name: value`"),
                "write it like -H 'content-type: application/json'",
            )),
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let body = match body {
        Some(file) if file.starts_with('@') => Some(std::fs::read(&file[1..]).map_err(|error| UsageError {
            message: format!("Cannot read the body file `{}`: {error}", &file[1..]),
            hint: None,
        })?),
        Some(text) => Some(text.as_bytes().to_vec()),
        None => None,
    };
    let method = method.to_ascii_uppercase();
    if body.is_some() && (method == "GET" || method == "HEAD") {
        return Err(usage(
            format!("A {method} request cannot have a body"),
            "use another method, e.g. --request 'POST /path'",
        ));
    }
    Ok(executor::HttpRequest { method, url: url.to_string(), headers, body })
}

/// The outbound policy from `--allow-net`, `--inject-header` and `--max-subrequests`. Every
/// `$VAR` an injection names must be set now, so a missing credential is a usage error
/// before the code runs rather than a failed request later.
pub(crate) fn parse_outbound(
    allow: &[String],
    inject: &[String],
    max_subrequests: usize,
) -> anyhow::Result<executor::OutboundPolicy> {
    let allow = allow
        .iter()
        .filter(|pattern| !pattern.trim().is_empty())
        .map(|pattern| {
            pattern.parse::<executor::HostPattern>().map_err(|error| {
                usage(
                    format!("Invalid `--allow-net {pattern}`: {error}"),
                    "give a host, like `api.example.com`, `*.example.com` or `localhost:8080`",
                )
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let inject = inject
        .iter()
        .map(|injection| {
            let parsed = injection.parse::<executor::HeaderInjection>().map_err(|error| {
                usage(
                    format!("Invalid `--inject-header`: {error}"),
                    "write it like --inject-header 'api.example.com: Authorization=Bearer $TOKEN'",
                )
            })?;
            if let Err(reason) = executor::expand_credential(&parsed.value, |name| std::env::var(name).ok()) {
                let hint = if reason.contains("is not set") {
                    "export the variable, or write the value itself"
                } else {
                    "inject only credentials; the code can set a header that is not secret itself"
                };
                return Err(usage(format!("`--inject-header` for `{}` cannot be sent: {reason}", parsed.host), hint));
            }
            Ok(parsed)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if max_subrequests == 0 && !allow.is_empty() {
        return Err(usage(
            "`--max-subrequests 0` allows no requests at all",
            "leave out `--allow-net`, or allow at least one request",
        ));
    }
    Ok(executor::OutboundPolicy {
        allow,
        inject,
        max_subrequests,
        refusal_hint: Some(crate::report::run::refusal_hint),
        ..executor::OutboundPolicy::default()
    })
}

/// `--tz` and `--locale`, checked and set for the sandbox this process runs (ICU's time zone
/// and locale are process-wide; without them the executor's defaults, UTC and en-US, apply).
fn localize(time_zone: Option<&str>, locale: Option<&str>) -> anyhow::Result<()> {
    if time_zone.is_none() && locale.is_none() {
        return Ok(());
    }
    let defaults = executor::Localization::default();
    let localization = executor::Localization {
        time_zone: time_zone.map_or(defaults.time_zone, str::to_owned),
        locale: locale.map_or(defaults.locale, str::to_owned),
    };
    executor::set_localization(&localization).map_err(|error| match error {
        executor::LocalizationError::UnknownTimeZone(zone) => usage(
            format!("Invalid `--tz {zone}`: not a time zone"),
            "give an IANA time zone name as spelled in the tz database, e.g. --tz Europe/Berlin or --tz UTC",
        ),
        executor::LocalizationError::MalformedLocale { tag, reason } => {
            usage(format!("Invalid `--locale {tag}`: {reason}"), "give a BCP 47 language tag, e.g. --locale de-DE")
        }
        executor::LocalizationError::AlreadyStarted => anyhow::Error::new(error),
    })
}

/// What `--inject-header` sends and must never be printed: each whole value and each `$VAR`'s
/// value.
pub(crate) fn secret_values(policy: &executor::OutboundPolicy) -> Vec<String> {
    policy
        .inject
        .iter()
        .filter_map(|injection| executor::expand_credential(&injection.value, |name| std::env::var(name).ok()).ok())
        .flat_map(|credential| credential.secrets)
        .collect()
}

/// The smallest heap V8 can start a context in, with room for the runtime.
const MIN_MEMORY: usize = 8 << 20;

const DURATIONS: &str = "durations look like 500ms, 2s or 1m";
const SIZES: &str = "sizes look like 64MB or 1GB";

fn bad_value(flag: &str, error: &anyhow::Error, hint: &str) -> anyhow::Error {
    usage(format!("Invalid `{flag}`: {error}"), hint)
}

/// `KEY=VALUE`, or `KEY` to take the host's value of `KEY`.
pub(crate) fn parse_env(entry: &str) -> anyhow::Result<(String, String)> {
    let (key, value) = match entry.split_once('=') {
        Some((key, value)) => (key, value.to_owned()),
        None => match std::env::var(entry) {
            Ok(value) => (entry, value),
            Err(_) => {
                return Err(usage(
                    format!("`--env {entry}` names a variable that is not set in this environment"),
                    format!("set it, or give a value: --env {entry}=VALUE"),
                ));
            }
        },
    };
    if key.is_empty() {
        return Err(usage(format!("`--env {entry}` has no name before `=`"), "write --env KEY=VALUE"));
    }
    Ok((key.to_owned(), value))
}

/// `500ms`, `2s`, `1.5s`, `1m`, `250us`.
pub(crate) fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let split = text.find(|character: char| !(character.is_ascii_digit() || character == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let Ok(value) = number.parse::<f64>() else { bail!("`{text}` is not a duration") };
    let seconds = match unit.trim() {
        "us" | "µs" => value / 1e6,
        "ms" => value / 1e3,
        "s" | "sec" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        "" => bail!("`{text}` has no unit: write it like 500ms, 2s or 1m"),
        other => bail!("`{other}` is not a unit of time: use us, ms, s, m or h"),
    };
    if !(seconds > 0.0 && seconds.is_finite()) || seconds > 7.0 * 24.0 * 3600.0 {
        bail!("`{text}` must be more than zero and at most a week");
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// `64MB`, `1GB`, `512KiB`, `1048576` (bytes). Units are binary, as in Docker and Node.
pub(crate) fn parse_size(text: &str) -> anyhow::Result<usize> {
    let text = text.trim();
    let split = text.find(|character: char| !(character.is_ascii_digit() || character == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let Ok(value) = number.parse::<f64>() else { bail!("`{text}` is not a size") };
    let multiplier: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        other => bail!("`{other}` is not a unit of size: use KB, MB or GB"),
    };
    let bytes = value * multiplier;
    if !(bytes >= 1.0 && bytes.is_finite()) || bytes > (1u64 << 40) as f64 {
        bail!("`{text}` must be more than zero and at most 1TB");
    }
    Ok(bytes as usize)
}

/// The bundle cache's directory in the cache ([`bundler::BundleOptions::cache`]); its
/// version changes with the format of its packs.
const BUNDLES: &str = "bundles-v1";

/// `--no-bundle`, `--define` and `--external`, checked, and the bundle cache unless
/// `--no-cache`.
fn bundle_options(args: &BuildArgs) -> anyhow::Result<bundler::BundleOptions> {
    let defines = args
        .defines
        .iter()
        .map(|entry| {
            bundler::Define::parse(entry).map_err(|reason| {
                usage(
                    format!("Invalid `--define {entry}`: {reason}"),
                    "write it like --define DEBUG=false or --define 'VERSION=\"1.2\"'",
                )
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(external) =
        args.externals.iter().find(|external| external.trim().is_empty() || external.matches('*').count() > 1)
    {
        return Err(usage(
            format!("Invalid `--external {external:?}`"),
            "give a module name or a pattern with one `*`, e.g. --external 'node:*'",
        ));
    }
    let max_source_size = match &args.max_source_size {
        Some(text) => parse_size(text).map_err(|error| bad_value("--max-source-size", &error, SIZES))? as u64,
        None => bundler::DEFAULT_MAX_SOURCE_SIZE,
    };
    Ok(bundler::BundleOptions {
        mode: if args.no_bundle { bundler::Mode::Transform } else { bundler::Mode::Bundle },
        defines,
        externals: args.externals.clone(),
        max_source_size: Some(max_source_size),
        cache: (!args.no_cache).then(|| crate::dependencies::cache().root().join(BUNDLES)),
        ..bundler::BundleOptions::default()
    })
}

/// `sandbox bundle`, checked.
#[derive(Debug)]
pub(crate) struct BundleSettings {
    pub(crate) input: PathBuf,
    /// `-o FILE`; `None` writes to stdout.
    pub(crate) output_file: Option<PathBuf>,
    pub(crate) options: bundler::BundleOptions,
    /// `--compatibility-date` and `--compatibility-flag`, also in `options`; the map gets the
    /// default date from them when neither they nor the wrangler config give one.
    pub(crate) compatibility: CompatibilitySettings,
    pub(crate) output: Output,
    pub(crate) dependencies: DependencySettings,
}

impl BundleSettings {
    pub(crate) fn resolve(args: BundleArgs) -> anyhow::Result<BundleSettings> {
        let compatibility = compatibility_settings(&args.compatibility)?;
        let dependencies = dependency_settings(&args.dependencies)?;
        Ok(BundleSettings {
            dependencies,
            input: args.input,
            output_file: args.output,
            options: bundler::BundleOptions {
                compatibility_date: compatibility.date.clone(),
                compatibility_flags: compatibility.flags.clone(),
                minify: args.minify,
                source_maps: args.sourcemap,
                // The map is written, not run: no stack trace needs mapping back.
                skip_origin_maps: true,
                // `sandbox bundle` exits once the map is written.
                exits_after: true,
                ..bundle_options(&args.build)?
            },
            compatibility,
            output: Output { json: args.json, verbose: args.verbose, ..Output::default() },
        })
    }
}

/// `--compatibility-date` and `--compatibility-flag`, each checked as workerd checks it.
pub(crate) fn compatibility_settings(args: &CompatibilityArgs) -> anyhow::Result<CompatibilitySettings> {
    use executor::{COMPATIBILITY_DATE, Compatibility, CompatibilityError};
    if let Some(date) = &args.compatibility_date
        && let Err(error) = Compatibility::new(date, &[])
    {
        let hint = crate::report::compatibility::hint(&error);
        return Err(match error {
            CompatibilityError::NewerThanRuntime { .. } => usage(
                format!(
                    "`--compatibility-date {date}` is newer than this runtime, whose newest date is {COMPATIBILITY_DATE}"
                ),
                hint,
            ),
            _ => usage(
                format!("`--compatibility-date {date}` is not a date"),
                "write it as YYYY-MM-DD, e.g. --compatibility-date 2025-06-01",
            ),
        });
    }
    if let Some(flag) = args.compatibility_flags.iter().find(|flag| flag.trim().is_empty()) {
        return Err(usage(
            format!("`--compatibility-flag {flag:?}` is empty"),
            "give a flag, e.g. --compatibility-flag nodejs_compat",
        ));
    }
    if let Err(error) = Compatibility::new(COMPATIBILITY_DATE, &args.compatibility_flags) {
        let hint = crate::report::compatibility::hint(&error);
        let message = match &error {
            CompatibilityError::UnknownFlag(flag) => {
                format!("Invalid `--compatibility-flag {flag}`: no such compatibility flag")
            }
            CompatibilityError::ExperimentalFlag(flag) => {
                format!("Invalid `--compatibility-flag {flag}`: the flag is experimental in workerd")
            }
            CompatibilityError::RepeatedFlag(flag) => format!("`--compatibility-flag {flag}` is given twice"),
            CompatibilityError::Contradictory { enable, disable } => {
                format!("`--compatibility-flag {enable}` and `--compatibility-flag {disable}` contradict each other")
            }
            CompatibilityError::InvalidDate(_) | CompatibilityError::NewerThanRuntime { .. } => error.to_string(),
        };
        return Err(usage(message, hint));
    }
    Ok(CompatibilitySettings { date: args.compatibility_date.clone(), flags: args.compatibility_flags.clone() })
}

/// `--offline` and `--dep NAME@RANGE`, checked.
fn dependency_settings(args: &DependencyArgs) -> anyhow::Result<DependencySettings> {
    let mut dependencies = std::collections::BTreeMap::new();
    for dep in &args.deps {
        let (name, spec) = crate::dependencies::parse_dep(dep).map_err(|reason| {
            usage(format!("Invalid `--dep {dep}`: {reason}"), "write it like --dep zod or --dep zod@^3.24")
        })?;
        dependencies.insert(name, spec);
    }
    Ok(DependencySettings { offline: args.offline, dependencies })
}

/// `sandbox install`, checked.
#[derive(Debug)]
pub(crate) struct InstallSettings {
    pub(crate) project: PathBuf,
    pub(crate) dependencies: DependencySettings,
    pub(crate) output: Output,
}

impl InstallSettings {
    pub(crate) fn resolve(args: InstallArgs) -> anyhow::Result<InstallSettings> {
        Ok(InstallSettings {
            project: args.input,
            dependencies: DependencySettings { offline: args.offline, ..DependencySettings::default() },
            output: Output { json: args.json, quiet: args.quiet, verbose: args.verbose, ..Output::default() },
        })
    }
}

/// The most bytes `--mount` may give a run, all files together.
const MAX_MOUNTED_BYTES: u64 = 64 << 20;

/// `--mount PATH[:/WHERE]`: each file (a directory's files, links not followed) and where
/// `node:fs` shows it, read now so that the run never touches the host's file system.
fn mounted_files(mounts: &[String]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut total = 0u64;
    for mount in mounts {
        let (host, guest) = match mount.rsplit_once(":/") {
            Some((host, guest)) if !host.is_empty() => (host, format!("/{guest}")),
            _ => {
                let name = std::path::Path::new(mount).file_name().and_then(|name| name.to_str()).unwrap_or("file");
                (mount.as_str(), format!("/mnt/{name}"))
            }
        };
        let guest = guest.trim_end_matches('/').to_owned();
        if guest.split('/').any(|part| part == ".." || part == ".")
            || guest.is_empty()
            || guest == "/tmp"
            || guest.starts_with("/tmp/")
            || guest == "/dev"
            || guest.starts_with("/dev/")
            || guest == "/bundle"
            || guest.starts_with("/bundle/")
        {
            return Err(usage(
                format!("`--mount {mount}`: `{guest}` is not a place a file can be given"),
                "give an absolute path outside /bundle, /tmp and /dev, e.g. --mount data.csv:/data/data.csv",
            ));
        }
        let mut pending = vec![(std::path::PathBuf::from(host), guest)];
        while let Some((path, guest)) = pending.pop() {
            let metadata = std::fs::symlink_metadata(&path).map_err(|error| {
                usage(format!("`--mount {mount}`: cannot read `{}`: {error}", path.display()), "check the path")
            })?;
            if metadata.is_dir() {
                let entries = std::fs::read_dir(&path).map_err(|error| {
                    usage(format!("`--mount {mount}`: cannot read `{}`: {error}", path.display()), "check the path")
                })?;
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    pending.push((entry.path(), format!("{guest}/{name}")));
                }
            } else if metadata.is_file() {
                total += metadata.len();
                if total > MAX_MOUNTED_BYTES {
                    return Err(usage(
                        format!(
                            "`--mount`: the files given are more than {}",
                            executor::format_bytes(MAX_MOUNTED_BYTES as usize)
                        ),
                        "give the code less, or only the files it needs",
                    ));
                }
                let bytes = std::fs::read(&path).map_err(|error| {
                    usage(format!("`--mount {mount}`: cannot read `{}`: {error}", path.display()), "check the path")
                })?;
                files.push((guest, bytes));
            }
            // Links and other kinds are left out: nothing leads elsewhere on the host.
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Durations take the units people type and refuse the rest.
    #[test]
    fn durations() {
        assert_eq!(parse_duration("200ms").unwrap(), Duration::from_millis(200));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("250us").unwrap(), Duration::from_micros(250));
        assert!(parse_duration("200").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("3 parsecs").is_err());
    }

    /// Sizes are binary and accept common spellings.
    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MB").unwrap(), 64 << 20);
        assert_eq!(parse_size("64mib").unwrap(), 64 << 20);
        assert_eq!(parse_size("1G").unwrap(), 1 << 30);
        assert_eq!(parse_size("512KB").unwrap(), 512 << 10);
        assert_eq!(parse_size("1.5GB").unwrap(), 3 << 29);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0MB").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    /// `--env` takes KEY=VALUE (the value may contain `=`) and refuses an empty name.
    #[test]
    fn env_entries() {
        assert_eq!(parse_env("A=b=c").unwrap(), ("A".into(), "b=c".into()));
        assert!(parse_env("=x").is_err());
        assert!(parse_env("SANDBOX_TEST_SURELY_UNSET_VARIABLE").is_err());
    }
}
