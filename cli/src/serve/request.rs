//! A request's JSON body, read with a position for every error: what to run (code as agents
//! write it, a module, or a Worker Loader module map, prepared by the same code as `sandbox
//! run`'s input), what to call, and the run's `env`, limits and outbound policies.
//!
//! ```json
//! {"code": "return 6 * 7"}
//! {"mainModule": "index.js", "modules": {"index.js": "export default { greet(name) { return `hi ${name}` } }"},
//!  "compatibilityDate": "2025-06-01", "method": "greet", "args": ["Ada"], "env": {"MODE": "test"},
//!  "limits": {"cpuTime": "200ms", "wallTime": 2000, "memory": "64MB"}, "outbound": ["github"],
//!  "capabilities": ["github", "BILLING"]}
//! ```
//!
//! A module map inside a request is read by `bundler::ModuleMap::from_json` on a copy of the
//! body in which every other field is blanked out (each character replaced by spaces of the
//! same width), so that its errors point into the body as sent.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::value::RawValue;
use sha2::Digest as _;

use crate::compatibility::{CompatibilitySettings, Source};
use crate::exit::ExitStatus;
use crate::report::{Position, Report};
use crate::sources::Sources;

/// The name errors in a request's body give as their file.
pub(crate) const REQUEST_FILE: &str = "<request>";
/// The name of a request's `code`, in stack frames and errors.
pub(crate) const CODE_FILE: &str = "<code>";

/// Modules ready to run, and what maps errors back to what the request sent.
pub(crate) struct Prepared {
    pub(crate) main: String,
    pub(crate) modules: Arc<[executor::OwnedModule]>,
    pub(crate) sources: Arc<Sources>,
    pub(crate) compatibility: executor::Compatibility,
    /// What the program holds in memory, roughly: for the LRU bound of workers kept by id.
    pub(crate) bytes: usize,
    /// Code without exports, as agents write it: its capabilities are globals too.
    pub(crate) agent_code: bool,
}

/// The names a request may use: the server's outbound policies and capabilities.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names<'a> {
    pub(crate) outbound: &'a [&'a str],
    pub(crate) capabilities: &'a [&'a str],
}

/// What a run may ask for besides its program (the request's, or a worker's, defaults).
#[derive(Debug, Clone, Default)]
pub(crate) struct RunOptions {
    pub(crate) env: Vec<(String, String)>,
    pub(crate) limits: RequestedLimits,
    pub(crate) outbound: Vec<String>,
    /// Capabilities granted by name: tools (MCP servers, OpenAPI specs) and services.
    pub(crate) capabilities: Vec<String>,
}

/// Limits a request asked for; each is lowered to the server's.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RequestedLimits {
    pub(crate) cpu_time: Option<Duration>,
    pub(crate) wall_time: Option<Duration>,
    pub(crate) heap_bytes: Option<usize>,
}

impl RequestedLimits {
    /// These limits within `server`'s: never more than the server allows.
    pub(crate) fn within(&self, server: &executor::Limits) -> executor::Limits {
        executor::Limits {
            cpu_time: self.cpu_time.map_or(server.cpu_time, |limit| limit.min(server.cpu_time)),
            wall_time: self.wall_time.map_or(server.wall_time, |limit| limit.min(server.wall_time)),
            heap_bytes: self.heap_bytes.map_or(server.heap_bytes, |limit| limit.min(server.heap_bytes)),
        }
    }

    /// `self`, with `other`'s limits where it has them (a request's over a worker's), never
    /// higher than `self`'s.
    pub(crate) fn lowered_by(&self, other: &RequestedLimits) -> RequestedLimits {
        fn lower<T: Ord + Copy>(base: Option<T>, other: Option<T>) -> Option<T> {
            match (base, other) {
                (Some(base), Some(other)) => Some(base.min(other)),
                (base, other) => other.or(base),
            }
        }
        RequestedLimits {
            cpu_time: lower(self.cpu_time, other.cpu_time),
            wall_time: lower(self.wall_time, other.wall_time),
            heap_bytes: lower(self.heap_bytes, other.heap_bytes),
        }
    }
}

/// What a request's program fields said, before preparation.
pub(crate) enum ProgramRequest {
    /// None: the request names a worker kept by id.
    Absent,
    /// `code`, or a module map, with the SHA-256 of the fields that define it (what `get(id)`
    /// compares to know whether a kept worker changed).
    Given { hash: [u8; 32], prepare: Box<dyn FnOnce() -> Result<Prepared, Box<Report>> + Send> },
}

/// `POST /v1/run`, read.
pub(crate) struct RunRequest {
    pub(crate) id: Option<String>,
    pub(crate) program: ProgramRequest,
    pub(crate) call: executor::Call,
    pub(crate) options: RunOptions,
    /// Whether the request gave `env`, `limits` or `outbound` (over a kept worker's).
    pub(crate) gave: Gave,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Gave {
    pub(crate) env: bool,
    pub(crate) outbound: bool,
    pub(crate) capabilities: bool,
}

/// `PUT /v1/workers/ID`, read.
pub(crate) struct WorkerDefinition {
    pub(crate) hash: [u8; 32],
    pub(crate) prepare: Box<dyn FnOnce() -> Result<Prepared, Box<Report>> + Send>,
    pub(crate) options: RunOptions,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Body<'a> {
    #[serde(borrow)]
    code: Option<&'a RawValue>,
    #[serde(borrow)]
    main_module: Option<&'a RawValue>,
    #[serde(borrow)]
    modules: Option<&'a RawValue>,
    #[serde(borrow)]
    compatibility_date: Option<&'a RawValue>,
    #[serde(borrow)]
    compatibility_flags: Option<&'a RawValue>,
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    entrypoint: Option<String>,
    method: Option<String>,
    #[serde(borrow)]
    args: Option<Vec<&'a RawValue>>,
    request: Option<FetchRequest>,
    env: Option<BTreeMap<String, String>>,
    #[serde(borrow)]
    limits: Option<LimitsBody<'a>>,
    #[serde(borrow)]
    outbound: Option<&'a RawValue>,
    #[serde(borrow)]
    capabilities: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct LimitsBody<'a> {
    #[serde(borrow)]
    cpu_time: Option<&'a RawValue>,
    #[serde(borrow)]
    wall_time: Option<&'a RawValue>,
    #[serde(borrow)]
    memory: Option<&'a RawValue>,
}

/// `request`: the call of a `fetch` handler.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FetchRequest {
    #[serde(default = "get")]
    method: String,
    /// A path (relative to `http://localhost`) or an absolute URL.
    url: String,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    body: Option<String>,
    /// `"base64"` when `body` is base64.
    body_encoding: Option<String>,
}

fn get() -> String {
    "GET".to_owned()
}

/// Reads `POST /v1/run`'s body; `names` are what it may name.
pub(crate) fn run_request(body: &str, names: &Names<'_>) -> Result<RunRequest, Box<Report>> {
    let reader = Reader::new(body)?;
    let fields: Body<'_> = reader.parse()?;
    let id = fields.id.map(|id| reader.name(id, "`id`")).transpose()?;
    let program = reader.program(&fields)?;
    if matches!(program, ProgramRequest::Absent) && id.is_none() {
        return Err(reader.error(
            0,
            "missing-program",
            "The request has nothing to run",
            "send `code`, or `mainModule` and `modules`, or the `id` of a worker kept with PUT /v1/workers/ID",
        ));
    }
    if fields.request.is_some() && (fields.method.is_some() || fields.args.is_some()) {
        return Err(reader.error(
            0,
            "bad-request",
            "`request` calls the fetch handler; it cannot be combined with `method` or `args`",
            "leave out `method` and `args`, or `request`",
        ));
    }
    let request = fields.request.map(|request| reader.fetch_request(request)).transpose()?;
    let call = executor::Call {
        entrypoint: fields.entrypoint,
        method: fields.method,
        args: fields.args.unwrap_or_default().into_iter().map(|arg| arg.get().to_owned()).collect(),
        request,
    };
    let gave = Gave {
        env: fields.env.is_some(),
        outbound: fields.outbound.is_some(),
        capabilities: fields.capabilities.is_some(),
    };
    let options = reader.run_options(fields.env, fields.limits, fields.outbound, fields.capabilities, names)?;
    Ok(RunRequest { id, program, call, options, gave })
}

/// Reads `PUT /v1/workers/ID`'s body: a program with its `env`, limits and outbound policies.
pub(crate) fn worker_definition(body: &str, names: &Names<'_>) -> Result<WorkerDefinition, Box<Report>> {
    let reader = Reader::new(body)?;
    let fields: Body<'_> = reader.parse()?;
    for (given, name) in [
        (fields.id.is_some(), "id"),
        (fields.entrypoint.is_some(), "entrypoint"),
        (fields.method.is_some(), "method"),
        (fields.args.is_some(), "args"),
        (fields.request.is_some(), "request"),
    ] {
        if given {
            return Err(reader.error(
                0,
                "bad-request",
                format!("A worker's definition has no `{name}`: that belongs to each call"),
                "send it with POST /v1/run and the worker's `id`, or leave it out",
            ));
        }
    }
    let ProgramRequest::Given { hash, prepare } = reader.program(&fields)? else {
        return Err(reader.error(
            0,
            "missing-program",
            "The worker's definition has nothing to run",
            "send `code`, or `mainModule` and `modules`",
        ));
    };
    let options = reader.run_options(fields.env, fields.limits, fields.outbound, fields.capabilities, names)?;
    Ok(WorkerDefinition { hash, prepare, options })
}

/// The body, and positions in it.
struct Reader<'a> {
    body: &'a str,
}

impl<'a> Reader<'a> {
    fn new(body: &'a str) -> Result<Reader<'a>, Box<Report>> {
        let reader = Reader { body };
        // The syntax first, so a malformed body is reported as such wherever it goes wrong.
        serde_json::from_str::<&RawValue>(body).map_err(|error| reader.json_error(&error, "malformed-json"))?;
        Ok(reader)
    }

    fn parse<T: Deserialize<'a>>(&self) -> Result<T, Box<Report>> {
        serde_json::from_str(self.body).map_err(|error| self.json_error(&error, "bad-request"))
    }

    /// A serde_json error with its position in the body (serde_json counts columns in
    /// bytes; the report, like every other, in UTF-16 code units).
    fn json_error(&self, error: &serde_json::Error, code: &str) -> Box<Report> {
        let line = error.line().max(1);
        let line_start = self.body.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>();
        let offset = if error.is_eof() {
            self.body.trim_end().len()
        } else {
            (line_start + error.column().saturating_sub(1)).min(self.body.len())
        };
        let message = crate::serve::settings::without_position(error);
        let message = format!("{}{message}", message[..1].to_uppercase(), message = &message[1..]);
        let hint = if code == "malformed-json" {
            "send one JSON object, e.g. {\"code\": \"return 6 * 7\"}"
        } else {
            "the fields are code, mainModule, modules, compatibilityDate, compatibilityFlags, id, entrypoint, method, args, request, env, limits and outbound (see README.md, \"Serving\")"
        };
        self.error(offset, code, message, hint)
    }

    /// A 400 report about what is at byte `offset` of the body.
    fn error(&self, offset: usize, code: &str, message: impl Into<String>, hint: impl Into<String>) -> Box<Report> {
        let (line, column) = line_column(self.body, offset);
        let mut report = Report::new(ExitStatus::Usage, code, message).with_hint(hint);
        report.location = Some(Position { function: None, file: REQUEST_FILE.to_owned(), line, column });
        Box::new(report)
    }

    /// Where `value` starts in the body.
    fn offset(&self, value: &RawValue) -> usize {
        (value.get().as_ptr() as usize).saturating_sub(self.body.as_ptr() as usize).min(self.body.len())
    }

    fn string(&self, value: &RawValue, what: &str) -> Result<String, Box<Report>> {
        serde_json::from_str::<String>(value.get()).map_err(|_| {
            self.error(self.offset(value), "bad-request", format!("{what} is not a string"), "give it as a JSON string")
        })
    }

    /// A worker's or a policy's name.
    fn name(&self, value: &RawValue, what: &str) -> Result<String, Box<Report>> {
        let name = self.string(value, what)?;
        if !crate::serve::settings::is_name(&name) {
            return Err(self.error(
                self.offset(value),
                "bad-request",
                format!("{what} `{name}` is not a name"),
                "use 1 to 64 letters, digits, `-` and `_`",
            ));
        }
        Ok(name)
    }

    /// `code`, or the module map's fields, as a program to prepare.
    fn program(&self, fields: &Body<'a>) -> Result<ProgramRequest, Box<Report>> {
        let map_fields: Vec<(&str, &RawValue)> = [
            ("mainModule", fields.main_module),
            ("modules", fields.modules),
            ("compatibilityDate", fields.compatibility_date),
            ("compatibilityFlags", fields.compatibility_flags),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|value| (name, value)))
        .collect();
        let mut hasher = sha2::Sha256::new();
        for (name, value) in
            map_fields.iter().copied().chain(fields.code.map(|code| ("code", code))).collect::<Vec<_>>()
        {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(value.get().as_bytes());
            hasher.update([0]);
        }
        let hash: [u8; 32] = hasher.finalize().into();
        match fields.code {
            Some(code) => {
                if let Some(value) = fields.main_module.or(fields.modules) {
                    return Err(self.error(
                        self.offset(value),
                        "bad-request",
                        "A request has either `code` or a module map (`mainModule` and `modules`), not both",
                        "put the code in the module map, or leave the map out",
                    ));
                }
                let text = self.string(code, "`code`")?;
                let date =
                    fields.compatibility_date.map(|date| self.string(date, "`compatibilityDate`")).transpose()?;
                let flags = match fields.compatibility_flags {
                    Some(flags) => serde_json::from_str::<Vec<String>>(flags.get()).map_err(|_| {
                        self.error(
                            self.offset(flags),
                            "bad-request",
                            "`compatibilityFlags` is not a list of strings",
                            "give it like [\"nodejs_compat\"]",
                        )
                    })?,
                    None => Vec::new(),
                };
                let prepare = move || {
                    let program = crate::input::code_program(CODE_FILE, text, bundler::Language::Ts)?;
                    let compatibility = CompatibilitySettings::default().resolve(
                        date.as_deref(),
                        &flags,
                        &Source::ModuleMap(REQUEST_FILE.to_owned()),
                    )?;
                    Ok(prepared(program, compatibility))
                };
                Ok(ProgramRequest::Given { hash, prepare: Box::new(prepare) })
            }
            None if fields.main_module.is_none() && fields.modules.is_none() => {
                if let Some(value) = fields.compatibility_date.or(fields.compatibility_flags) {
                    return Err(self.error(
                        self.offset(value),
                        "bad-request",
                        "The compatibility settings come with the program",
                        "send them with `code` or the module map, or leave them out",
                    ));
                }
                Ok(ProgramRequest::Absent)
            }
            None => {
                let text = self.only(&map_fields.iter().map(|(_, value)| *value).collect::<Vec<_>>());
                let prepare = move || {
                    let program = crate::input::module_map_program(REQUEST_FILE, &text)?;
                    let compatibility = CompatibilitySettings::default().resolve(
                        program.compatibility_date.as_deref(),
                        &program.compatibility_flags,
                        &program.compatibility_source,
                    )?;
                    Ok(prepared(program, compatibility))
                };
                Ok(ProgramRequest::Given { hash, prepare: Box::new(prepare) })
            }
        }
    }

    /// The body with every field but those whose values are `keep` blanked out: an object of
    /// those fields alone, each where it was, so that positions in it are positions in the body.
    fn only(&self, keep: &[&RawValue]) -> String {
        let body = self.body;
        let mut spans: Vec<(usize, usize)> = keep
            .iter()
            .map(|value| {
                let start = self.offset(value);
                (key_start(body, start).unwrap_or(start), start + value.get().len())
            })
            .collect();
        spans.sort_unstable();
        let trimmed = body.trim_start();
        let open = body.len() - trimmed.len();
        let close = body.trim_end().len().saturating_sub(1);
        let mut text = String::with_capacity(body.len());
        let mut kept = 0;
        let mut offset = 0;
        for character in body.chars() {
            let inside = spans.iter().any(|(start, end)| (*start..*end).contains(&offset));
            let after_kept = spans[..spans.len().saturating_sub(1)].iter().any(|(_, end)| *end == offset);
            if inside {
                text.push(character);
                kept += 1;
            } else if offset == open {
                text.push('{');
            } else if offset == close {
                text.push('}');
            } else if after_kept {
                text.push(',');
            } else if character == '\n' || character == '\r' {
                text.push(character);
            } else {
                text.extend(std::iter::repeat_n(' ', character.len_utf16()));
            }
            offset += character.len_utf8();
        }
        debug_assert!(kept > 0);
        text
    }

    fn fetch_request(&self, request: FetchRequest) -> Result<executor::HttpRequest, Box<Report>> {
        let method = request.method.to_ascii_uppercase();
        let bad = |message: String, hint: &str| self.error(0, "bad-request", message, hint);
        if method.is_empty() || !method.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            return Err(bad(format!("`{}` is not an HTTP method", request.method), "give one like GET or POST"));
        }
        let url = if request.url.starts_with('/') {
            url::Url::parse("http://localhost").and_then(|base| base.join(&request.url))
        } else {
            url::Url::parse(&request.url)
        }
        .map_err(|error| {
            bad(format!("`{}` is not a URL or a path: {error}", request.url), "give a path like /hello?x=1 or a URL")
        })?;
        let body = match (request.body, request.body_encoding.as_deref()) {
            (None, _) => None,
            (Some(body), None) => Some(body.into_bytes()),
            (Some(body), Some("base64")) => {
                use base64::Engine as _;
                Some(base64::prelude::BASE64_STANDARD.decode(body.as_bytes()).map_err(|error| {
                    bad(format!("`request.body` is not base64: {error}"), "encode the body as standard base64")
                })?)
            }
            (Some(_), Some(other)) => {
                return Err(bad(format!("`bodyEncoding` `{other}` is not known"), "leave it out, or give \"base64\""));
            }
        };
        if body.is_some() && (method == "GET" || method == "HEAD") {
            return Err(bad(format!("A {method} request cannot have a body"), "use another method, e.g. POST"));
        }
        let headers = request.headers.into_iter().collect();
        Ok(executor::HttpRequest { method, url: url.to_string(), headers, body })
    }

    fn run_options(
        &self,
        env: Option<BTreeMap<String, String>>,
        limits: Option<LimitsBody<'_>>,
        outbound: Option<&RawValue>,
        capabilities: Option<&RawValue>,
        names: &Names<'_>,
    ) -> Result<RunOptions, Box<Report>> {
        let capabilities = match capabilities {
            None => Vec::new(),
            Some(value) => self.names(
                value,
                "capabilities",
                "capability",
                "unknown-capability",
                names.capabilities,
                "--mcp-config, --openapi or --service",
            )?,
        };
        let env = env.unwrap_or_default().into_iter().collect::<Vec<_>>();
        if env.iter().any(|(key, _)| key.is_empty()) {
            return Err(self.error(0, "bad-request", "An `env` binding has an empty name", "name every binding"));
        }
        let limits = match limits {
            Some(limits) => RequestedLimits {
                cpu_time: limits.cpu_time.map(|value| self.duration(value, "limits.cpuTime")).transpose()?,
                wall_time: limits.wall_time.map(|value| self.duration(value, "limits.wallTime")).transpose()?,
                heap_bytes: limits.memory.map(|value| self.size(value, "limits.memory")).transpose()?,
            },
            None => RequestedLimits::default(),
        };
        let outbound = match outbound {
            None => Vec::new(),
            Some(value) => {
                self.names(value, "outbound", "outbound policy", "unknown-outbound-policy", names.outbound, "--config")?
            }
        };
        Ok(RunOptions { env, limits, outbound, capabilities })
    }

    /// `field`: a name or a list of names, each one of `known` (what the server's `flags`
    /// configure).
    fn names(
        &self,
        value: &RawValue,
        field: &str,
        what: &str,
        code: &str,
        known: &[&str],
        flags: &str,
    ) -> Result<Vec<String>, Box<Report>> {
        let listed: Vec<&RawValue> = if value.get().starts_with('[') {
            serde_json::from_str(value.get()).map_err(|_| {
                self.error(
                    self.offset(value),
                    "bad-request",
                    format!("`{field}` is not a name or a list of names"),
                    "give it like \"github\" or [\"github\", \"stripe\"]",
                )
            })?
        } else {
            vec![value]
        };
        let mut names = Vec::with_capacity(listed.len());
        for name in listed {
            let text = self.string(name, &format!("an `{field}` entry"))?;
            if !known.contains(&text.as_str()) {
                let choices = if known.is_empty() {
                    format!("the server has none (its {flags} configure them)")
                } else {
                    format!(
                        "the server's are {}",
                        known.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
                    )
                };
                return Err(self.error(
                    self.offset(name),
                    code,
                    format!("The server has no {what} `{text}`"),
                    format!("name one of the server's: {choices}"),
                ));
            }
            if !names.contains(&text) {
                names.push(text);
            }
        }
        Ok(names)
    }

    /// A duration: milliseconds as a number, or text like `"200ms"` or `"2s"`.
    fn duration(&self, value: &RawValue, what: &str) -> Result<Duration, Box<Report>> {
        let error = |reason: String| {
            self.error(
                self.offset(value),
                "bad-request",
                format!("`{what}` is not a duration: {reason}"),
                "give milliseconds as a number, or text like \"200ms\" or \"2s\"",
            )
        };
        match serde_json::from_str::<serde_json::Value>(value.get()) {
            Ok(serde_json::Value::Number(number)) => match number.as_f64() {
                Some(milliseconds) if milliseconds > 0.0 && milliseconds <= 7.0 * 24.0 * 3600.0 * 1000.0 => {
                    Ok(Duration::from_secs_f64(milliseconds / 1000.0))
                }
                _ => Err(error(format!("{number} milliseconds is not more than zero and at most a week"))),
            },
            Ok(serde_json::Value::String(text)) => {
                crate::settings::parse_duration(&text).map_err(|reason| error(reason.to_string()))
            }
            _ => Err(error("neither a number nor a string".to_owned())),
        }
    }

    /// A size: bytes as a number, or text like `"64MB"`.
    fn size(&self, value: &RawValue, what: &str) -> Result<usize, Box<Report>> {
        let error = |reason: String| {
            self.error(
                self.offset(value),
                "bad-request",
                format!("`{what}` is not a size: {reason}"),
                "give bytes as a number, or text like \"64MB\"",
            )
        };
        let bytes = match serde_json::from_str::<serde_json::Value>(value.get()) {
            Ok(serde_json::Value::Number(number)) => number
                .as_u64()
                .filter(|bytes| *bytes > 0)
                .ok_or_else(|| error(format!("{number} is not a whole number of bytes")))?
                as usize,
            Ok(serde_json::Value::String(text)) => {
                crate::settings::parse_size(&text).map_err(|reason| error(reason.to_string()))?
            }
            _ => return Err(error("neither a number nor a string".to_owned())),
        };
        if bytes < crate::serve::settings::MIN_MEMORY {
            return Err(self.error(
                self.offset(value),
                "bad-request",
                format!("`{what}` is too small for a JavaScript heap"),
                format!("ask for at least {}", executor::format_bytes(crate::serve::settings::MIN_MEMORY)),
            ));
        }
        Ok(bytes)
    }
}

/// Where the key of the object member whose value starts at `value_start` starts: back over
/// `:` and white space to the key's closing quote, then to its opening one.
fn key_start(body: &str, value_start: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut index = value_start;
    let back_over_space = |mut index: usize| {
        while index > 0 && bytes[index - 1].is_ascii_whitespace() {
            index -= 1;
        }
        index
    };
    index = back_over_space(index);
    if index == 0 || bytes[index - 1] != b':' {
        return None;
    }
    index = back_over_space(index - 1);
    if index == 0 || bytes[index - 1] != b'"' {
        return None;
    }
    index -= 1; // the closing quote
    while index > 0 {
        index -= 1;
        if bytes[index] == b'"' {
            let backslashes = bytes[..index].iter().rev().take_while(|byte| **byte == b'\\').count();
            if backslashes % 2 == 0 {
                return Some(index);
            }
        }
    }
    None
}

/// 1-based line and UTF-16 column of byte `offset` of `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.bytes().filter(|byte| *byte == b'\n').count() + 1;
    let column = before[line_start..].encode_utf16().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

fn prepared(program: crate::input::Program, compatibility: executor::Compatibility) -> Prepared {
    let bytes =
        program.modules.iter().map(|(name, _, code)| name.len() + code.len()).sum::<usize>() + program.sources.bytes();
    let modules: Vec<executor::OwnedModule> = program
        .modules
        .into_iter()
        .map(|(specifier, kind, code)| executor::OwnedModule { specifier, kind, code })
        .collect();
    Prepared {
        main: program.main,
        modules: modules.into(),
        sources: Arc::new(program.sources),
        compatibility,
        bytes,
        agent_code: program.agent_code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blanking other fields keeps the map's fields where they were, as valid JSON.
    #[test]
    fn only_the_map_fields_stay_in_place() {
        let body =
            "{\"code\": \"é\", \"mainModule\": \"a.js\",\n \"args\": [1, \"x\"], \"modules\": {\"a.js\": \"1\"}}";
        let reader = Reader { body };
        let fields: Body<'_> = reader.parse().unwrap();
        let text = reader.only(&[fields.main_module.unwrap(), fields.modules.unwrap()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, serde_json::json!({"mainModule": "a.js", "modules": {"a.js": "1"}}));
        assert_eq!(text.lines().count(), body.lines().count());
        let map_column = |text: &str| line_column(text, text.find("\"modules\"").unwrap());
        assert_eq!(map_column(&text), map_column(body));
    }

    /// A key written with escapes is found from its value.
    #[test]
    fn keys_are_found_back_from_their_values() {
        let body = r#"{"a\"b" : 1, "mod\u0065s":{}}"#;
        assert_eq!(key_start(body, body.find('1').unwrap()), Some(1));
        assert_eq!(key_start(body, body.find("{}").unwrap()), Some(body.find("\"mod").unwrap()));
    }

    /// Requested limits only lower the server's.
    #[test]
    fn limits_are_lowered_never_raised() {
        let server = executor::Limits {
            cpu_time: Duration::from_secs(1),
            wall_time: Duration::from_secs(5),
            heap_bytes: 64 << 20,
        };
        let asked = RequestedLimits {
            cpu_time: Some(Duration::from_secs(100)),
            wall_time: Some(Duration::from_millis(200)),
            heap_bytes: Some(1 << 30),
        };
        let limits = asked.within(&server);
        assert_eq!(limits.cpu_time, Duration::from_secs(1));
        assert_eq!(limits.wall_time, Duration::from_millis(200));
        assert_eq!(limits.heap_bytes, 64 << 20);
    }
}
