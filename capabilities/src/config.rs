//! `.mcp.json`: the MCP servers a user grants, in the format Claude Desktop, Cursor and Claude
//! Code write:
//!
//! ```json
//! { "mcpServers": {
//!     "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
//!                 "env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}" }, "approve": ["create_issue"] },
//!     "docs": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${DOCS_TOKEN}" } }
//! } }
//! ```
//!
//! `${VAR}` and `${VAR:-default}` are expanded in `command`, `args`, `env`, `cwd`, `url` and
//! `headers` from a lookup the caller passes (the host's environment in the CLI: the file is the
//! user's own). An unset variable without a default is an error. Everything that must never
//! reach the sandbox or the output (values of `env` and `headers`, and the value of every
//! variable expanded anywhere in an entry) is collected by [`McpConfig::secrets`].

use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json};

use crate::error::ConfigError;

/// The servers of one `.mcp.json`, in the order the file lists them.
#[derive(Clone, PartialEq, Eq)]
pub struct McpConfig {
    /// The file they come from (for messages).
    pub file: PathBuf,
    pub servers: Vec<ServerConfig>,
}

/// One entry of `mcpServers`.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// The key of the entry (the source's name before it becomes an identifier).
    pub name: String,
    pub transport: ServerTransport,
    /// Tools whose calls ask the user first, by the server's name for them or by their
    /// identifier; `"*"` is every tool.
    pub approve: Vec<String>,
    /// What must never be shown: values of `env` and `headers`, and of every variable expanded
    /// in this entry.
    secrets: Vec<String>,
}

/// How to reach a server.
#[derive(Clone, PartialEq, Eq)]
pub enum ServerTransport {
    /// A local process speaking MCP over its stdin and stdout.
    Stdio {
        command: String,
        args: Vec<String>,
        /// Added to the minimal environment the process gets (`PATH`, `HOME`, locale).
        env: Vec<(String, String)>,
        /// The working directory, relative paths resolved against the configuration file's
        /// directory; the caller's when absent.
        cwd: Option<PathBuf>,
    },
    /// A Streamable HTTP endpoint.
    Http { url: String, headers: Vec<(String, String)> },
}

impl McpConfig {
    /// Reads and parses `file`, expanding `${VAR}` with `lookup`.
    pub fn load(file: &Path, lookup: impl Fn(&str) -> Option<String>) -> Result<McpConfig, ConfigError> {
        let text = std::fs::read_to_string(file).map_err(|error| ConfigError {
            file: file.to_path_buf(),
            path: "$".into(),
            line: None,
            column: None,
            message: format!("Cannot read the file: {error}"),
            help: None,
        })?;
        McpConfig::parse(&text, file, lookup)
    }

    /// Parses `text`, the content of `file` (named in errors; relative `cwd`s are resolved
    /// against its directory), expanding `${VAR}` with `lookup`.
    pub fn parse(text: &str, file: &Path, lookup: impl Fn(&str) -> Option<String>) -> Result<McpConfig, ConfigError> {
        let parser = Parser { file, lookup: &lookup };
        let document: Json = serde_json::from_str(text).map_err(|error| ConfigError {
            file: file.to_path_buf(),
            path: "$".into(),
            line: u32::try_from(error.line()).ok(),
            column: u32::try_from(error.column()).ok(),
            message: format!("Invalid JSON: {}", strip_position(&error.to_string())),
            help: None,
        })?;
        let Json::Object(document) = document else {
            return Err(parser.error("$", "The file must hold a JSON object", Some(EXAMPLE)));
        };
        let servers = match document.get("mcpServers") {
            Some(Json::Object(servers)) => servers,
            Some(_) => return Err(parser.error("$.mcpServers", "`mcpServers` must be an object", Some(EXAMPLE))),
            None => return Err(parser.error("$", "There is no `mcpServers` object", Some(EXAMPLE))),
        };
        let mut parsed = Vec::with_capacity(servers.len());
        for (name, entry) in servers {
            let path = member("$.mcpServers", name);
            if name.trim().is_empty() {
                return Err(parser.error(&path, "A server's name must not be empty", None));
            }
            let Json::Object(entry) = entry else {
                return Err(parser.error(&path, "A server must be an object", Some(EXAMPLE)));
            };
            if entry.get("disabled") == Some(&Json::Bool(true)) {
                continue;
            }
            parsed.push(parser.server(name, entry, &path)?);
        }
        Ok(McpConfig { file: file.to_path_buf(), servers: parsed })
    }

    /// Every value that must never reach the sandbox or the output, longest first, without
    /// duplicates or empty strings. The caller decides which are long enough to scrub.
    pub fn secrets(&self) -> Vec<String> {
        let mut secrets: Vec<String> = self.servers.iter().flat_map(|server| server.secrets.iter().cloned()).collect();
        sort_secrets(&mut secrets);
        secrets
    }
}

impl ServerConfig {
    /// A server entry made in code rather than read from a file (`secrets` are those of
    /// [`ServerConfig::secrets`]; the values of `env` and `headers` are added to them).
    pub fn new(
        name: impl Into<String>,
        transport: ServerTransport,
        approve: Vec<String>,
        secrets: Vec<String>,
    ) -> Self {
        let mut secrets = secrets;
        match &transport {
            ServerTransport::Stdio { env, .. } => secrets.extend(env.iter().map(|(_, value)| value.clone())),
            ServerTransport::Http { headers, .. } => secrets.extend(headers.iter().map(|(_, value)| value.clone())),
        }
        sort_secrets(&mut secrets);
        ServerConfig { name: name.into(), transport, approve, secrets }
    }

    /// This entry's secrets, longest first.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// Whether calls of the tool the server calls `original` (the identifier `identifier`) ask
    /// first.
    pub fn approves(&self, original: &str, identifier: &str) -> bool {
        self.approve.iter().any(|pattern| pattern == "*" || pattern == original || pattern == identifier)
    }
}

/// The values of `env` and `headers` are secrets: `Debug` shows their names only.
impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("ServerConfig")
            .field("name", &self.name)
            .field("transport", &self.transport)
            .field("approve", &self.approve)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for ServerTransport {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = |pairs: &[(String, String)]| pairs.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
        match self {
            ServerTransport::Stdio { command, args, env, cwd } => formatter
                .debug_struct("Stdio")
                .field("command", command)
                .field("args", &args.len())
                .field("env", &names(env))
                .field("cwd", cwd)
                .finish(),
            ServerTransport::Http { url: _, headers } => {
                formatter.debug_struct("Http").field("headers", &names(headers)).finish_non_exhaustive()
            }
        }
    }
}

impl std::fmt::Debug for McpConfig {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("McpConfig").field("file", &self.file).field("servers", &self.servers).finish()
    }
}

const EXAMPLE: &str = r#"write `{"mcpServers": {"name": {"command": "...", "args": [...]}}}` or `{"mcpServers": {"name": {"url": "https://..."}}}`"#;

/// Keys of an entry that this reader knows; others (written by other clients) are ignored.
const STDIO_KEYS: &[&str] = &["command", "args", "env", "cwd"];
const HTTP_KEYS: &[&str] = &["url", "headers"];

/// Headers the MCP transport sets itself.
const RESERVED_HEADERS: &[&str] =
    &["accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id"];

struct Parser<'a> {
    file: &'a Path,
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl Parser<'_> {
    fn error(&self, path: &str, message: impl Into<String>, help: Option<&str>) -> ConfigError {
        ConfigError {
            file: self.file.to_path_buf(),
            path: path.to_owned(),
            line: None,
            column: None,
            message: message.into(),
            help: help.map(str::to_owned),
        }
    }

    fn server(&self, name: &str, entry: &Map<String, Json>, path: &str) -> Result<ServerConfig, ConfigError> {
        let mut secrets = Vec::new();
        let kind = match entry.get("type") {
            None => None,
            Some(Json::String(kind)) => Some(kind.as_str()),
            Some(_) => return Err(self.error(&member(path, "type"), "`type` must be a string", None)),
        };
        let is_http = match kind {
            Some("stdio") => false,
            Some("http" | "streamable-http" | "streamableHttp" | "streamable_http") => true,
            Some("sse") => {
                return Err(self.error(
                    &member(path, "type"),
                    "The HTTP+SSE transport (MCP 2024-11-05) is not supported",
                    Some("use the server's Streamable HTTP endpoint (`\"type\": \"http\"`), which servers offer alongside or instead of SSE"),
                ));
            }
            Some(other) => {
                return Err(self.error(
                    &member(path, "type"),
                    format!("Unknown transport `{other}`"),
                    Some("write `\"type\": \"stdio\"` or `\"type\": \"http\"`, or leave `type` out"),
                ));
            }
            None => match (entry.contains_key("command"), entry.contains_key("url")) {
                (true, true) => {
                    return Err(self.error(
                        path,
                        "A server has either `command` (stdio) or `url` (HTTP), not both",
                        None,
                    ));
                }
                (false, false) => {
                    return Err(self.error(path, "A server needs `command` (stdio) or `url` (HTTP)", Some(EXAMPLE)));
                }
                (_, url) => url,
            },
        };
        let (own, other) = if is_http { (HTTP_KEYS, STDIO_KEYS) } else { (STDIO_KEYS, HTTP_KEYS) };
        if let Some(key) = other.iter().find(|key| entry.contains_key(**key)) {
            return Err(self.error(
                &member(path, key),
                format!(
                    "`{key}` belongs to {} servers, and this one is {}",
                    if is_http { "stdio" } else { "HTTP" },
                    if is_http { "HTTP" } else { "stdio" }
                ),
                Some(&format!(
                    "remove `{key}`; this server's settings are {}",
                    own.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ")
                )),
            ));
        }
        let transport = if is_http {
            let url_path = member(path, "url");
            let url = match entry.get("url") {
                Some(Json::String(url)) => self.expand(url, &url_path, &mut secrets)?,
                Some(_) => return Err(self.error(&url_path, "`url` must be a string", None)),
                None => return Err(self.error(path, "An HTTP server needs `url`", None)),
            };
            match reqwest::Url::parse(&url) {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {}
                Ok(_) => {
                    return Err(self.error(&url_path, "`url` must be an http or https URL", None));
                }
                Err(error) => return Err(self.error(&url_path, format!("`url` is not a URL: {error}"), None)),
            }
            let headers_path = member(path, "headers");
            let headers = self.pairs(entry.get("headers"), &headers_path, &mut secrets)?;
            for (name, value) in &headers {
                let at = member(&headers_path, name);
                if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
                    return Err(self.error(&at, format!("`{name}` is not a valid HTTP header name"), None));
                }
                if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                    return Err(self.error(
                        &at,
                        format!("`{name}` is set by the MCP transport itself"),
                        Some("remove this header"),
                    ));
                }
                if reqwest::header::HeaderValue::from_str(value).is_err() {
                    return Err(self.error(
                        &at,
                        "The value is not a valid HTTP header value (line breaks or control characters)",
                        None,
                    ));
                }
            }
            secrets.extend(headers.iter().map(|(_, value)| value.clone()));
            ServerTransport::Http { url, headers }
        } else {
            let command_path = member(path, "command");
            let command = match entry.get("command") {
                Some(Json::String(command)) => self.expand(command, &command_path, &mut secrets)?,
                Some(_) => return Err(self.error(&command_path, "`command` must be a string", None)),
                None => return Err(self.error(path, "A stdio server needs `command`", None)),
            };
            if command.trim().is_empty() {
                return Err(self.error(&command_path, "`command` must not be empty", None));
            }
            no_nul(self, &command, &command_path)?;
            let args_path = member(path, "args");
            let args = match entry.get("args") {
                None | Some(Json::Null) => Vec::new(),
                Some(Json::Array(args)) => {
                    let mut expanded = Vec::with_capacity(args.len());
                    for (index, arg) in args.iter().enumerate() {
                        let at = format!("{args_path}[{index}]");
                        let Json::String(arg) = arg else {
                            return Err(self.error(&at, "Each argument must be a string", None));
                        };
                        let arg = self.expand(arg, &at, &mut secrets)?;
                        no_nul(self, &arg, &at)?;
                        expanded.push(arg);
                    }
                    expanded
                }
                Some(_) => return Err(self.error(&args_path, "`args` must be an array of strings", None)),
            };
            let env_path = member(path, "env");
            let env = self.pairs(entry.get("env"), &env_path, &mut secrets)?;
            for (name, value) in &env {
                let at = member(&env_path, name);
                if name.is_empty() || name.contains('=') || name.contains('\0') {
                    return Err(self.error(&at, format!("`{name}` is not a valid environment variable name"), None));
                }
                no_nul(self, value, &at)?;
            }
            secrets.extend(env.iter().map(|(_, value)| value.clone()));
            let cwd_path = member(path, "cwd");
            let cwd = match entry.get("cwd") {
                None | Some(Json::Null) => None,
                Some(Json::String(cwd)) => {
                    let cwd = self.expand(cwd, &cwd_path, &mut secrets)?;
                    no_nul(self, &cwd, &cwd_path)?;
                    let cwd = PathBuf::from(cwd);
                    Some(if cwd.is_relative() {
                        self.file.parent().map(|directory| directory.join(&cwd)).unwrap_or(cwd)
                    } else {
                        cwd
                    })
                }
                Some(_) => return Err(self.error(&cwd_path, "`cwd` must be a string", None)),
            };
            ServerTransport::Stdio { command, args, env, cwd }
        };
        let approve_path = member(path, "approve");
        let approve = match entry.get("approve") {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Bool(true)) => vec!["*".to_owned()],
            Some(Json::Bool(false)) => Vec::new(),
            Some(Json::String(tool)) => vec![tool.clone()],
            Some(Json::Array(tools)) => {
                let mut approve = Vec::with_capacity(tools.len());
                for (index, tool) in tools.iter().enumerate() {
                    let Json::String(tool) = tool else {
                        return Err(self.error(
                            &format!("{approve_path}[{index}]"),
                            "Each entry of `approve` must be a tool's name or `\"*\"`",
                            None,
                        ));
                    };
                    approve.push(tool.clone());
                }
                approve
            }
            Some(_) => {
                return Err(self.error(
                    &approve_path,
                    "`approve` must be a list of tool names",
                    Some(r#"write `"approve": ["tool_name"]`, or `"approve": ["*"]` for every tool"#),
                ));
            }
        };
        sort_secrets(&mut secrets);
        Ok(ServerConfig { name: name.to_owned(), transport, approve, secrets })
    }

    /// An object of strings (`env`, `headers`), expanded.
    fn pairs(
        &self,
        value: Option<&Json>,
        path: &str,
        secrets: &mut Vec<String>,
    ) -> Result<Vec<(String, String)>, ConfigError> {
        match value {
            None | Some(Json::Null) => Ok(Vec::new()),
            Some(Json::Object(object)) => object
                .iter()
                .map(|(name, value)| {
                    let at = member(path, name);
                    match value {
                        Json::String(value) => Ok((name.clone(), self.expand(value, &at, secrets)?)),
                        _ => Err(self.error(&at, "The value must be a string", Some("put the value in quotes"))),
                    }
                })
                .collect(),
            Some(_) => Err(self.error(path, "This must be an object of strings", None)),
        }
    }

    /// `value` with `${VAR}` and `${VAR:-default}` replaced; each variable's value is added to
    /// `secrets`.
    fn expand(&self, value: &str, path: &str, secrets: &mut Vec<String>) -> Result<String, ConfigError> {
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                return Err(self.error(path, "`${` is not closed", Some("write `${NAME}` or `${NAME:-default}`")));
            };
            let inside = &after[..end];
            let (name, default) = match inside.split_once(":-") {
                Some((name, default)) => (name, Some(default)),
                None => (inside, None),
            };
            if !is_variable_name(name) {
                return Err(self.error(
                    path,
                    format!("`${{{inside}}}` does not name a variable"),
                    Some("a variable's name has letters, digits and `_`, and does not start with a digit"),
                ));
            }
            match ((self.lookup)(name), default) {
                // `:-` takes the default when the variable is unset or empty, as the shell does.
                (Some(found), None) => {
                    out.push_str(&found);
                    secrets.push(found);
                }
                (Some(found), Some(_)) if !found.is_empty() => {
                    out.push_str(&found);
                    secrets.push(found);
                }
                (_, Some(default)) => out.push_str(default),
                (None, None) => {
                    return Err(self.error(
                        path,
                        format!("The environment variable `{name}` is not set"),
                        Some(&format!("set `{name}`, or give a default: `${{{name}:-value}}`")),
                    ));
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn no_nul(parser: &Parser<'_>, value: &str, path: &str) -> Result<(), ConfigError> {
    if value.contains('\0') {
        return Err(parser.error(path, "The value holds a NUL character", None));
    }
    Ok(())
}

fn is_variable_name(name: &str) -> bool {
    let mut characters = name.chars();
    characters.next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
}

/// `base.key`, or `base["key"]` when the key is not a plain name.
pub(crate) fn member(base: &str, key: &str) -> String {
    let plain = key.chars().next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && key.chars().all(|character| character.is_ascii_alphanumeric() || character == '_' || character == '-');
    if plain { format!("{base}.{key}") } else { format!("{base}[{}]", Json::String(key.to_owned())) }
}

/// serde_json's message without its " at line L column C" (the error has them as fields).
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |index| &message[..index])
}

/// Longest first (so that scrubbing replaces a secret before any part of it), no duplicates,
/// no empty strings.
fn sort_secrets(secrets: &mut Vec<String>) {
    secrets.retain(|secret| !secret.is_empty());
    secrets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    secrets.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "/work/project/.mcp.json";

    fn lookup(name: &str) -> Option<String> {
        match name {
            "TOKEN" => Some("tok-123456789".into()),
            "EMPTY" => Some(String::new()),
            "HOST" => Some("example.com".into()),
            _ => None,
        }
    }

    fn parse(text: &str) -> Result<McpConfig, ConfigError> {
        McpConfig::parse(text, Path::new(FILE), lookup)
    }

    fn error(text: &str) -> ConfigError {
        parse(text).expect_err("an error")
    }

    /// Both kinds of entries, as other clients write them, with `${VAR}` expanded everywhere.
    #[test]
    fn stdio_and_http_entries_are_read_and_expanded() {
        let config = parse(
            r#"{ "mcpServers": {
                "github": { "command": "npx", "args": ["-y", "server", "--token=${TOKEN}"],
                            "env": { "GITHUB_TOKEN": "${TOKEN}", "MODE": "${MODE:-fast}", "E": "${EMPTY:-fallback}" },
                            "cwd": "servers", "approve": ["create_issue"], "autoApprove": [] },
                "docs": { "type": "http", "url": "https://${HOST}/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" }, "approve": true },
                "off": { "command": "nothing", "disabled": true }
            } }"#,
        )
        .unwrap();
        assert_eq!(config.servers.len(), 2);
        let github = &config.servers[0];
        assert_eq!(github.name, "github");
        assert_eq!(
            github.transport,
            ServerTransport::Stdio {
                command: "npx".into(),
                args: vec!["-y".into(), "server".into(), "--token=tok-123456789".into()],
                env: vec![
                    ("GITHUB_TOKEN".into(), "tok-123456789".into()),
                    ("MODE".into(), "fast".into()),
                    ("E".into(), "fallback".into())
                ],
                cwd: Some(PathBuf::from("/work/project/servers")),
            }
        );
        assert!(github.approves("create_issue", "create_issue"));
        assert!(!github.approves("delete", "delete_"));
        let docs = &config.servers[1];
        assert_eq!(
            docs.transport,
            ServerTransport::Http {
                url: "https://example.com/mcp".into(),
                headers: vec![("Authorization".into(), "Bearer tok-123456789".into())]
            }
        );
        assert!(docs.approves("anything", "anything"));
        assert_eq!(config.secrets(), ["Bearer tok-123456789", "tok-123456789", "example.com", "fallback", "fast"]);
    }

    /// `Debug` shows no value of `env` or `headers`.
    #[test]
    fn debug_output_hides_secrets() {
        let config = parse(
            r#"{ "mcpServers": { "a": { "command": "x", "env": { "K": "${TOKEN}" } },
                                 "b": { "url": "http://h/", "headers": { "H": "${TOKEN}" } } } }"#,
        )
        .unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("tok-123456789"), "{debug}");
        assert!(debug.contains("\"K\"") && debug.contains("\"H\""), "{debug}");
    }

    /// Each mistake is reported with the file, where, what and (where there is one) the fix.
    #[test]
    fn errors_name_the_file_the_path_and_the_fix() {
        let syntax = error("{ \"mcpServers\": { \n \"a\": } }");
        assert_eq!((syntax.line, syntax.column), (Some(2), Some(7)));
        assert_eq!(syntax.to_string(), "/work/project/.mcp.json:2:7: Invalid JSON: expected value");

        let cases: &[(&str, &str, &str)] = &[
            (r#"[]"#, "$", "The file must hold a JSON object"),
            (r#"{}"#, "$", "There is no `mcpServers` object"),
            (r#"{"mcpServers": []}"#, "$.mcpServers", "`mcpServers` must be an object"),
            (r#"{"mcpServers": {"a": 1}}"#, "$.mcpServers.a", "A server must be an object"),
            (r#"{"mcpServers": {" ": {}}}"#, "$.mcpServers[\" \"]", "A server's name must not be empty"),
            (r#"{"mcpServers": {"a": {}}}"#, "$.mcpServers.a", "A server needs `command` (stdio) or `url` (HTTP)"),
            (
                r#"{"mcpServers": {"a": {"command": "x", "url": "http://h"}}}"#,
                "$.mcpServers.a",
                "A server has either `command` (stdio) or `url` (HTTP), not both",
            ),
            (
                r#"{"mcpServers": {"a": {"type": "sse", "url": "http://h"}}}"#,
                "$.mcpServers.a.type",
                "The HTTP+SSE transport (MCP 2024-11-05) is not supported",
            ),
            (r#"{"mcpServers": {"a": {"type": "ws", "url": "x"}}}"#, "$.mcpServers.a.type", "Unknown transport `ws`"),
            (
                r#"{"mcpServers": {"a": {"type": "http", "url": "http://h", "env": {}}}}"#,
                "$.mcpServers.a.env",
                "`env` belongs to stdio servers, and this one is HTTP",
            ),
            (r#"{"mcpServers": {"a": {"command": ""}}}"#, "$.mcpServers.a.command", "`command` must not be empty"),
            (r#"{"mcpServers": {"a": {"command": 1}}}"#, "$.mcpServers.a.command", "`command` must be a string"),
            (
                r#"{"mcpServers": {"a": {"command": "x", "args": "y"}}}"#,
                "$.mcpServers.a.args",
                "`args` must be an array of strings",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "args": ["y", 2]}}}"#,
                "$.mcpServers.a.args[1]",
                "Each argument must be a string",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "env": {"K": 1}}}}"#,
                "$.mcpServers.a.env.K",
                "The value must be a string",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "env": {"A=B": "1"}}}}"#,
                "$.mcpServers.a.env[\"A=B\"]",
                "`A=B` is not a valid environment variable name",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "env": {"K": "a\u0000b"}}}}"#,
                "$.mcpServers.a.env.K",
                "The value holds a NUL character",
            ),
            (
                r#"{"mcpServers": {"a": {"url": "ftp://h/"}}}"#,
                "$.mcpServers.a.url",
                "`url` must be an http or https URL",
            ),
            (
                r#"{"mcpServers": {"a": {"url": "not a url"}}}"#,
                "$.mcpServers.a.url",
                "`url` is not a URL: relative URL without a base",
            ),
            (
                r#"{"mcpServers": {"a": {"url": "http://h", "headers": {"Bad Name": "x"}}}}"#,
                "$.mcpServers.a.headers[\"Bad Name\"]",
                "`Bad Name` is not a valid HTTP header name",
            ),
            (
                r#"{"mcpServers": {"a": {"url": "http://h", "headers": {"Accept": "x"}}}}"#,
                "$.mcpServers.a.headers.Accept",
                "`Accept` is set by the MCP transport itself",
            ),
            (
                r#"{"mcpServers": {"a": {"url": "http://h", "headers": {"X": "a\nb"}}}}"#,
                "$.mcpServers.a.headers.X",
                "The value is not a valid HTTP header value (line breaks or control characters)",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "approve": 1}}}"#,
                "$.mcpServers.a.approve",
                "`approve` must be a list of tool names",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "x", "approve": [1]}}}"#,
                "$.mcpServers.a.approve[0]",
                "Each entry of `approve` must be a tool's name or `\"*\"`",
            ),
            (
                r#"{"mcpServers": {"a": {"command": "${NOPE}"}}}"#,
                "$.mcpServers.a.command",
                "The environment variable `NOPE` is not set",
            ),
            (r#"{"mcpServers": {"a": {"command": "${TOKEN"}}}"#, "$.mcpServers.a.command", "`${` is not closed"),
            (
                r#"{"mcpServers": {"a": {"command": "${1X}"}}}"#,
                "$.mcpServers.a.command",
                "`${1X}` does not name a variable",
            ),
        ];
        for (text, path, message) in cases {
            let error = error(text);
            assert_eq!((error.path.as_str(), error.message.as_str()), (*path, *message), "{text}");
            assert_eq!(error.file, PathBuf::from(FILE));
        }
        let unset = error(r#"{"mcpServers": {"a": {"command": "x", "env": {"K": "${NOPE}"}}}}"#);
        assert_eq!(unset.help.as_deref(), Some("set `NOPE`, or give a default: `${NOPE:-value}`"));
        assert_eq!(
            unset.to_string(),
            "/work/project/.mcp.json at `$.mcpServers.a.env.K`: The environment variable `NOPE` is not set"
        );
    }

    /// A `$` that does not open `${` is kept, and a default may be empty.
    #[test]
    fn dollars_without_braces_are_kept() {
        let config =
            parse(r#"{"mcpServers": {"a": {"command": "x", "args": ["$HOME", "a$b", "${NOPE:-}", "$"]}}}"#).unwrap();
        let ServerTransport::Stdio { args, .. } = &config.servers[0].transport else { panic!() };
        assert_eq!(args, &["$HOME", "a$b", "", "$"]);
    }

    /// A file that cannot be read is an error naming it.
    #[test]
    fn an_unreadable_file_is_an_error() {
        let error = McpConfig::load(Path::new("/nonexistent/.mcp.json"), lookup).unwrap_err();
        assert_eq!(error.file, PathBuf::from("/nonexistent/.mcp.json"));
        assert!(error.message.starts_with("Cannot read the file: "), "{}", error.message);
    }
}
