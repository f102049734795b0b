//! The command line as clap parses it. `settings.rs` checks it and turns it into settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The exit codes, for `--help` (README.md documents the same list).
macro_rules! exit_codes {
    () => {
        "Exit codes:
  0    success: the result is on stdout
  1    the code threw, rejected, failed to compile, or returned a value JSON cannot hold
  2    bad usage or unreadable input
  3    a CPU, wall-clock or memory limit stopped the code
  4    dependencies, bundling or tools (an MCP server, an OpenAPI spec) failed
  70   internal error
  130  interrupted (Ctrl-C)"
    };
}

/// `--version`: the crate's version and the newest compatibility date the runtime implements.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("{} (compatibility date {})", env!("CARGO_PKG_VERSION"), executor::COMPATIBILITY_DATE)
});

/// Run untrusted JavaScript and TypeScript in a fresh V8 isolate.
///
/// Each run gets a brand-new isolate with no network, no file system, no `eval` once the
/// code is called and no secrets, and hard limits on CPU time, wall-clock time and memory. The isolate is thrown
/// away when the result is printed.
#[derive(Debug, Parser)]
#[command(name = "sandbox", version = VERSION.as_str(), after_long_help = exit_codes!())]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant, reason = "parsed once at start-up; boxing gains nothing")]
pub(crate) enum Command {
    /// Run a file, a project, code from stdin, or a Worker Loader module map, and print the result
    #[command(after_long_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Bundle a project into a Worker Loader module map, printed as JSON
    #[command(after_long_help = BUNDLE_EXAMPLES)]
    Bundle(BundleArgs),
    /// Install a project's npm dependencies into node_modules and write package-lock.json
    #[command(after_long_help = INSTALL_EXAMPLES)]
    Install(InstallArgs),
    /// Show or empty the cache (npm packages, and what bundling made of each project)
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Serve runs over HTTP: each request in a fresh isolate, with Worker Loader's load() and get(id)
    #[command(after_long_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// Print the TypeScript declarations of the tools granted by --mcp-config and --openapi
    #[command(after_long_help = TYPES_EXAMPLES)]
    Types(TypesArgs),
    /// Serve an MCP server whose `execute` tool runs code in a fresh isolate, with the tools of --mcp-config and --openapi as typed bindings
    #[command(after_long_help = MCP_EXAMPLES)]
    Mcp(McpArgs),
}

const SERVE_EXAMPLES: &str = "Examples:
  sandbox serve                                      127.0.0.1:8787, no token (loopback only)
  sandbox serve --listen 0.0.0.0:8787 --token-file /run/secrets/tokens
  sandbox serve --config serve.json --memory 64MB --cpu-time 1s --timeout 5s
  curl -H \"authorization: Bearer $T\" localhost:8787/v1/run -d '{\"code\":\"return 6*7\"}'
  curl ... localhost:8787/v1/run -d @request.json    {mainModule, modules, entrypoint, method, args, env, limits, outbound}
  curl ... -X PUT localhost:8787/v1/workers/shop -d @modules.json
  curl ... localhost:8787/v1/workers/shop/fetch/cart?id=7
  sandbox serve --mcp-config .mcp.json --config serve.json
  curl ... localhost:8787/v1/run -d '{\"code\":\"return await github.search_issues({q: \\\"bug\\\"})\",\"capabilities\":[\"github\"]}'

Endpoints:
  POST /v1/run                       run code or a module map; the answer is `sandbox run --json`'s object
  PUT  /v1/workers/ID                keep a module map under ID (prepared once; replaced when it changes)
  ANY  /v1/workers/ID/fetch/PATH     call ID's fetch handler with this request; the answer is its Response
  DELETE /v1/workers/ID              forget ID
  GET  /healthz                      200 while the server takes requests (no token needed)
  GET  /metrics                      Prometheus metrics

Each request runs in a fresh isolate that nothing ran in before, disposed of after it.
Limits in a request only lower the server's (--cpu-time, --timeout, --memory); outbound
access and credentials are named policies of --config, never part of a request. A full
queue answers 429 with Retry-After. SIGTERM or Ctrl-C stops taking requests and finishes
those taken, for up to --shutdown-timeout. See README.md, \"Serving\".
";

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on; a non-loopback address needs --token-file
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8787")]
    pub(crate) listen: String,

    /// A file of bearer tokens, one a line (at least 16 characters each); repeatable
    ///
    /// Requests must then send `Authorization: Bearer TOKEN` with one of them (compared in
    /// constant time). Without a token file the server takes requests from anyone who can
    /// reach it, and so listens only on a loopback address.
    #[arg(long = "token-file", value_name = "FILE")]
    pub(crate) token_files: Vec<PathBuf>,

    /// Named outbound policies (allow-lists, injected credentials) that requests may ask for
    ///
    /// JSON: {"outbound": {"NAME": {"allow": ["api.github.com"], "inject": ["api.github.com:
    /// Authorization=Bearer $GITHUB_TOKEN"], "maxSubrequests": 50}}}; `$VAR` is read from this
    /// server's environment. A request names the policies it wants ("outbound": "NAME").
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// Threads that run isolates [default: one per core]
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,

    /// Requests that may wait for a thread; more get 429 [default: 64 per thread]
    #[arg(long, value_name = "N")]
    pub(crate) queue: Option<usize>,

    /// Isolates each thread makes ahead while it is idle
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) warm_isolates: usize,

    /// Requests one token may have waiting or running at once; more get 429
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub(crate) token_concurrency: usize,

    /// The largest request body; a larger one gets 413
    #[arg(long, value_name = "SIZE", default_value = "16MB")]
    pub(crate) max_body: String,

    /// CPU-time limit of a run, and the most a request may ask for [default: 10s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) cpu_time: Option<String>,

    /// Wall-clock limit of a run, and the most a request may ask for [default: 30s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) timeout: Option<String>,

    /// Memory limit of a run (V8 heap, and separately memory outside it), and the most a request may ask for [default: 128MB]
    #[arg(long, value_name = "SIZE")]
    pub(crate) memory: Option<String>,

    /// Memory for the module maps kept by ID (get(id)); the least recently used are forgotten beyond it
    #[arg(long, value_name = "SIZE", default_value = "256MB")]
    pub(crate) worker_memory: String,

    /// Memory for V8 code caches of the modules run; the least recently used are dropped beyond it
    #[arg(long, value_name = "SIZE", default_value = "64MB")]
    pub(crate) code_cache_memory: String,

    /// How long a shutdown (SIGTERM, Ctrl-C) waits for the requests taken before it stops them
    #[arg(long, value_name = "DURATION", default_value = "30s")]
    pub(crate) shutdown_timeout: String,

    /// Export OpenTelemetry spans (request, run, outbound requests) to this OTLP/HTTP endpoint
    ///
    /// For example http://127.0.0.1:4318 (spans go to /v1/traces, protobuf). A request's
    /// W3C `traceparent` makes its spans part of the caller's trace.
    #[arg(long, value_name = "URL")]
    pub(crate) otlp_endpoint: Option<String>,

    /// Allow `eval` and `new Function` while the entrypoint runs, in every run
    #[arg(long)]
    pub(crate) allow_eval: bool,

    /// Do not write an access log line (JSON, on stderr) for each request
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,

    /// Capabilities requests may be granted by name (`"capabilities": ["github"]`): MCP
    /// servers, HTTP services and OpenAPI specs, started or read once when the server starts
    #[command(flatten)]
    pub(crate) tools: ToolArgs,

    /// Approve, in every run, the calls of a tool whose configuration asks for approval:
    /// `server.tool`, `server.*` or `*`; repeatable
    ///
    /// The server asks no one: a call that needs approval and is not granted here fails.
    #[arg(long = "approve", value_name = "PATTERN", help_heading = "Tools")]
    pub(crate) approve: Vec<String>,
}

const MCP_EXAMPLES: &str = "Examples:
  sandbox mcp --mcp-config ~/.mcp.json                        stdio, for an MCP client's config
  sandbox mcp --mcp-config ~/.mcp.json --listen 127.0.0.1:8788 --token-file ./token
  sandbox mcp --openapi petstore=./petstore.json --allow-net petstore.example.com
  In a client's config: {\"mcpServers\": {\"sandbox\": {\"command\": \"sandbox\",
                         \"args\": [\"mcp\", \"--mcp-config\", \"/home/me/.mcp.json\"]}}}

Tools it offers:
  execute   {code}: TypeScript or JavaScript, as agents write it or a module, run in a fresh
            isolate with every granted tool as a typed global; the result as JSON text
            (truncated to --max-result-chars), the console output, and on failure the error
            at the code's own line and column. Its description holds the declarations.
  search    {query}, describe {tools}: when the declarations are larger than
            --search-threshold, the model finds tools by keyword and reads their signatures.

MCP revision 2026-07-28 (stateless, server/discover; Streamable HTTP POST-only with the
Mcp-Method and Mcp-Name headers) and the older revisions, through rmcp. A tool marked
`approve` asks the client (an `input_required` result, or elicitation for older clients)
while its run waits, up to --approval-timeout. Over HTTP every request needs a bearer token
of --token-file; a browser Origin must be listed with --allow-origin. See README.md,
\"sandbox mcp\".
";

#[derive(Debug, Args)]
pub(crate) struct McpArgs {
    /// Serve Streamable HTTP on this address instead of stdio; needs --token-file
    #[arg(long, value_name = "ADDR:PORT")]
    pub(crate) listen: Option<String>,

    /// A file of bearer tokens, one a line (at least 16 characters each); repeatable
    ///
    /// Every HTTP request must send `Authorization: Bearer TOKEN` with one of them (compared
    /// in constant time).
    #[arg(long = "token-file", value_name = "FILE", requires = "listen")]
    pub(crate) token_files: Vec<std::path::PathBuf>,

    /// A browser origin that may call the HTTP server, e.g. http://localhost:6274; repeatable
    ///
    /// A request with any other `Origin` header is refused with 403 (DNS rebinding), except,
    /// on a loopback address, a loopback origin; requests without one (MCP clients that are
    /// not browsers) are not affected.
    #[arg(long = "allow-origin", value_name = "ORIGIN", requires = "listen")]
    pub(crate) allow_origins: Vec<String>,

    /// The largest HTTP request body; a larger one gets 413
    #[arg(long, value_name = "SIZE", default_value = "4MB")]
    pub(crate) max_body: String,

    /// The most characters of an `execute` result shown to the model; beyond it the value is cut
    /// down structurally, with `--- TRUNCATED ---` markers
    #[arg(long, value_name = "CHARS", default_value_t = 24_000)]
    pub(crate) max_result_chars: usize,

    /// Offer `search` and `describe` instead of declaring every tool in `execute`'s
    /// description when the declarations are longer than this many characters (0: always)
    #[arg(long, value_name = "CHARS", default_value_t = 24_000)]
    pub(crate) search_threshold: usize,

    /// `execute` calls that run at once, each in its own isolate; more wait [default: one per core]
    #[arg(long, value_name = "N")]
    pub(crate) threads: Option<usize>,

    /// `execute` calls that may wait for a thread; more fail at once
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub(crate) queue: usize,

    /// How long a run waits for the client to answer an approval before the call is refused
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub(crate) approval_timeout: String,

    /// CPU-time limit of each `execute` [default: 10s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) cpu_time: Option<String>,

    /// Wall-clock limit of each `execute`, tool calls and approvals included [default: 30s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) timeout: Option<String>,

    /// Memory limit of each `execute` (V8 heap, and separately memory outside it) [default: 128MB]
    #[arg(long, value_name = "SIZE")]
    pub(crate) memory: Option<String>,

    /// Give every run an `env` binding: KEY=VALUE, or KEY to pass the host's value; repeatable
    #[arg(long = "env", value_name = "KEY[=VALUE]")]
    pub(crate) env: Vec<String>,

    /// Allow `eval` and `new Function` while the code runs
    #[arg(long)]
    pub(crate) allow_eval: bool,

    #[command(flatten)]
    pub(crate) compatibility: CompatibilityArgs,

    /// Let `fetch` reach HOST; repeatable (see `sandbox run --help`)
    #[arg(long = "allow-net", value_name = "HOST[:PORT]", value_delimiter = ',', help_heading = "Network")]
    pub(crate) allow_net: Vec<String>,

    /// Add a header to requests to HOST, outside the sandbox: `HOST: Name=VALUE`; repeatable
    #[arg(long = "inject-header", value_name = "'HOST: NAME=VALUE'", help_heading = "Network")]
    pub(crate) inject_headers: Vec<String>,

    /// Most outbound requests per run, redirects included
    #[arg(long, value_name = "N", default_value_t = 50, help_heading = "Network")]
    pub(crate) max_subrequests: usize,

    #[command(flatten)]
    pub(crate) tools: ToolArgs,

    #[command(flatten)]
    pub(crate) calls: ToolCallArgs,

    /// Write nothing to stderr but errors (no line per `execute`)
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
}

const TYPES_EXAMPLES: &str = concat!(
    "Examples:
  sandbox types --mcp-config .mcp.json                    declarations to prompt a model with
  sandbox types --openapi petstore=./petstore.json -o tools.d.ts
  sandbox types --mcp-config .mcp.json --env-interface    `interface Env` for an editor

What it prints:
  One TypeScript declaration file: for each MCP server and OpenAPI spec, `declare const
  <name>: { <tool>(input): Promise<output> }` with the input and output types made from the
  tools' JSON Schemas and their descriptions as comments. MCP servers are started to list
  their tools, and stopped again. The file compiles with `tsc --strict`.

",
    exit_codes!()
);

#[derive(Debug, Args)]
pub(crate) struct TypesArgs {
    #[command(flatten)]
    pub(crate) tools: ToolArgs,

    /// Declare `interface Env { <name>: ... }` (what a module's `env` holds) instead of globals
    #[arg(long)]
    pub(crate) env_interface: bool,

    /// Write the declarations to FILE instead of stdout (replaced whole, never half-written)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Print errors as one JSON object on stdout: {ok: false, error: {code, message, file, line, column, hint}}
    #[arg(long)]
    pub(crate) json: bool,
}

/// Where the tools of `sandbox run` and `sandbox types` come from.
#[derive(Debug, Args, Default)]
pub(crate) struct ToolArgs {
    /// MCP servers whose tools the code may call: a JSON file with `mcpServers`, as Claude
    /// Desktop, Cursor and Claude Code write it; repeatable
    ///
    /// Each server is `env.<name>` (and, in code without exports, a global), one async method
    /// per tool: `await github.search_issues({ q: "bug" })`. `${VAR}` in the file is read from
    /// this environment; stdio servers get PATH, HOME and the locale of it, plus their `env`.
    #[arg(long = "mcp-config", value_name = "FILE", help_heading = "Tools")]
    pub(crate) mcp_configs: Vec<PathBuf>,

    /// An HTTP service as `env.NAME`, a Fetcher like a Workers service binding: NAME=URL; repeatable
    ///
    /// `env.NAME.fetch("/path")` goes to URL/path without `--allow-net`; `--inject-header` for
    /// its host adds credentials outside the sandbox.
    #[arg(long = "service", value_name = "NAME=URL", help_heading = "Tools")]
    pub(crate) services: Vec<String>,

    /// An OpenAPI 3 spec (JSON or YAML) as `env.NAME`, one typed method per operation: NAME=FILE; repeatable
    ///
    /// Calls go to the spec's server (or --openapi-base) through the outbound policy: allow
    /// its host with --allow-net, add credentials with --inject-header.
    #[arg(long = "openapi", value_name = "NAME=FILE", help_heading = "Tools")]
    pub(crate) openapi: Vec<String>,

    /// Where an OpenAPI spec's calls go instead of its `servers`: NAME=URL; repeatable
    #[arg(long = "openapi-base", value_name = "NAME=URL", help_heading = "Tools")]
    pub(crate) openapi_bases: Vec<String>,
}

/// How the calls of granted tools are approved and bounded, for `sandbox run` and `sandbox mcp`.
#[derive(Debug, Args, Default)]
pub(crate) struct ToolCallArgs {
    /// Let calls of tools marked `approve` run without asking: SERVER.TOOL, SERVER.* or *; repeatable
    ///
    /// A tool an `.mcp.json` entry lists in `"approve"` asks before each call (`sandbox run`:
    /// on the terminal; `sandbox mcp`: the MCP client); when no one can be asked, the call is
    /// refused unless it is granted here.
    #[arg(long = "approve", value_name = "PATTERN", help_heading = "Tools")]
    pub(crate) approve: Vec<String>,

    /// Most tool calls per run [default: 1000]
    #[arg(long, value_name = "N", help_heading = "Tools")]
    pub(crate) max_tool_calls: Option<u32>,

    /// Most tool calls running at once; more wait their turn [default: 16]
    #[arg(long, value_name = "N", help_heading = "Tools")]
    pub(crate) tool_calls_in_flight: Option<u32>,

    /// Largest result of one tool call [default: 8MB]
    #[arg(long, value_name = "SIZE", help_heading = "Tools")]
    pub(crate) max_tool_result: Option<String>,

    /// Time limit of one tool call [default: 60s]
    #[arg(long, value_name = "DURATION", help_heading = "Tools")]
    pub(crate) tool_timeout: Option<String>,
}

const INSTALL_EXAMPLES: &str = concat!(
    "Examples:
  sandbox install                          the project in the current directory
  sandbox install my-worker --verbose      list each fetch
  sandbox install --offline                only what is in the cache
  SANDBOX_CACHE_DIR=/tmp/c sandbox install

What it does:
  Installs exactly what package-lock.json says when it matches package.json; otherwise
  resolves package.json as npm does (semver ranges, dist-tags, peer and optional
  dependencies, npm: aliases, file: directories) and writes package-lock.json (version 3,
  which `npm ci` installs the same). Registries and scoped registries come from .npmrc (the
  project's and ~/.npmrc) and npm_config_* variables; tokens, certificates and proxies only
  from your own configuration (~/.npmrc or NPM_CONFIG_USERCONFIG, npm_config_* variables,
  HTTPS_PROXY/HTTP_PROXY/NO_PROXY, NODE_EXTRA_CA_CERTS): a project's .npmrc that holds one,
  or ${VAR}, is refused. Tarballs are checked against their
  integrity and kept in the cache (`sandbox cache dir`); node_modules is hard-linked from it.
  Install scripts are never run.

",
    exit_codes!()
);

#[derive(Debug, Args)]
pub(crate) struct InstallArgs {
    /// The project's directory (with a package.json)
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) input: PathBuf,

    /// Use only the cache: fetch nothing, and name what is missing
    #[arg(long)]
    pub(crate) offline: bool,

    /// Print errors as one JSON object on stdout: {ok: false, error: {code, message, file, line, column, hint}},
    /// the error object of `sandbox run --json`
    #[arg(long)]
    pub(crate) json: bool,

    /// Print nothing but errors
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Also list each request to the registry (to stderr)
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CacheCommand {
    /// Print the cache directory (SANDBOX_CACHE_DIR, else the user's cache directory)
    Dir,
    /// Remove everything from the cache
    Clean,
}

/// npm dependencies of `sandbox run` and `sandbox bundle`.
#[derive(Debug, Args)]
pub(crate) struct DependencyArgs {
    /// Use only the cache for missing npm packages: fetch nothing, and name what is missing
    #[arg(long, help_heading = "Dependencies")]
    pub(crate) offline: bool,

    /// A dependency for code without a package.json: NAME or NAME@RANGE; repeatable
    ///
    /// Bare imports of such code are installed at the latest version (`*`) unless named
    /// here, e.g. `--dep zod@^3`.
    #[arg(long = "dep", value_name = "NAME@RANGE", help_heading = "Dependencies")]
    pub(crate) deps: Vec<String>,
}

const RUN_EXAMPLES: &str = concat!(
    "Examples:
  sandbox run examples/hello.ts
  echo 'return 6 * 7' | sandbox run -
  cat agent.js | sandbox run - --json
  sandbox run agent.ts --method myAgent --arg '{\"city\":\"Oslo\"}'
  sandbox run agent.ts --entrypoint Agent --method greet --arg '\"Ada\"' --env GREETING=Hello
  sandbox run modules.json
  sandbox run .                            a project: its entry and what it imports
  sandbox run loop.js --cpu-time 200ms --timeout 2s --memory 64MB
  sandbox run worker.ts --request 'GET /hello?x=1'
  sandbox run worker.ts --request 'POST /api' --body '{\"a\":1}' -H 'content-type: application/json' --json
  sandbox run agent.ts --allow-net api.github.com \\
      --inject-header 'api.github.com: Authorization=Bearer $GITHUB_TOKEN'
  echo 'return await everything.echo({ message: \"hi\" })' | sandbox run - --mcp-config .mcp.json
  sandbox run agent.ts --service BILLING=http://127.0.0.1:9000
  sandbox run agent.ts --openapi petstore=./petstore.json --allow-net petstore.example.com

What runs:
  A module with exports runs as Cloudflare's Worker Loader calls it: the default export (or
  --entrypoint NAME) is a function, an object with methods or a class; methods get
  (...args, env, ctx). Code without exports, as agents write it, runs as the body of an async
  function whose last expression is the result; a markdown fence around it is ignored.

",
    exit_codes!()
);

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The code to run: a .js .mjs .cjs .ts .mts .cts .tsx .jsx file, a project directory, a
    /// .json module map, or `-` for stdin
    ///
    /// The file's extension says how to read it; a file's imports are bundled with it, and a
    /// directory runs its entry (see `sandbox bundle --help`). Code on stdin is read as
    /// TypeScript (which includes JavaScript), or as a module map if it is a JSON object with
    /// `modules`.
    #[arg(value_name = "FILE")]
    pub(crate) input: PathBuf,

    /// Call this method of the entrypoint
    ///
    /// Without it, a default-exported function is called, and an object or class with exactly
    /// one method gets that method.
    #[arg(long, short = 'm', value_name = "NAME")]
    pub(crate) method: Option<String>,

    /// Call this named export instead of the default export
    ///
    /// A named export may be a function, an object with methods, or a class, which is
    /// constructed as `new Name(ctx, env)` like a `WorkerEntrypoint`.
    #[arg(long, short = 'e', value_name = "NAME")]
    pub(crate) entrypoint: Option<String>,

    /// A JSON argument for the call; repeat for more
    ///
    /// Functions and methods are called as `fn(...args, env, ctx)`.
    #[arg(long = "arg", short = 'a', value_name = "JSON")]
    pub(crate) args: Vec<String>,

    /// Give the code an `env` binding: KEY=VALUE, or KEY to pass the host's value; repeatable
    ///
    /// Nothing of the host's environment reaches the code unless named here.
    #[arg(long = "env", value_name = "KEY[=VALUE]")]
    pub(crate) env: Vec<String>,

    /// Give the code a file, read-only in `node:fs`: PATH, or PATH:/WHERE; repeatable
    ///
    /// The file appears at /mnt/<its name> (or at /WHERE); a directory's files appear below
    /// it. They are the only files of the host's the code can read (no links are followed).
    /// Example: --mount data.csv, then fs.readFileSync('/mnt/data.csv', 'utf8').
    #[arg(long = "mount", value_name = "PATH[:/WHERE]")]
    pub(crate) mounts: Vec<String>,

    /// Print one JSON object: {ok, result, error, logs, stats}
    ///
    /// Console output is collected into `logs` instead of going to stderr. The exit code is the
    /// same as without --json.
    #[arg(long)]
    pub(crate) json: bool,

    /// Indent the JSON result (and the --json object)
    #[arg(long)]
    pub(crate) pretty: bool,

    /// Wall-clock limit for the whole run, timers included; bundling is bounded by it too
    /// [default: 30s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) timeout: Option<String>,

    /// CPU-time limit of the code [default: 10s]
    #[arg(long, value_name = "DURATION")]
    pub(crate) cpu_time: Option<String>,

    /// Memory limit: the V8 heap, and separately memory outside it (ArrayBuffers, WebAssembly, ICU, host copies) [default: 128MB]
    ///
    /// Units are binary, as in Docker and Node: 1MB = 1024KB.
    #[arg(long, value_name = "SIZE")]
    pub(crate) memory: Option<String>,

    /// Allow `eval` and `new Function` while the entrypoint runs, too
    ///
    /// Without it they work only while a module's top level is evaluated (where ajv and
    /// handlebars compile), as in workerd from the compatibility date 2025-06-01, and throw an
    /// EvalError once the entrypoint is called. The code they make runs in the same isolate,
    /// under the same limits.
    #[arg(long)]
    pub(crate) allow_eval: bool,

    /// The time zone of `Date` and `Intl`: an IANA name such as `Europe/Berlin` [default: UTC]
    ///
    /// The host's time zone (`TZ`, /etc/localtime) never reaches the code.
    #[arg(long, value_name = "ZONE")]
    pub(crate) tz: Option<String>,

    /// The locale of `Intl` and `toLocaleString`: a BCP 47 tag such as `de-DE` [default: en-US]
    ///
    /// The host's locale (`LANG`, `LC_ALL`) never reaches the code.
    #[arg(long, value_name = "TAG")]
    pub(crate) locale: Option<String>,

    #[command(flatten)]
    pub(crate) build: BuildArgs,

    #[command(flatten)]
    pub(crate) compatibility: CompatibilityArgs,

    /// Call the `fetch` handler with this request: `METHOD PATH` or `METHOD URL`
    ///
    /// A path is relative to `http://localhost`. The response body goes to stdout (with
    /// --json: its status, headers and body); a status of 500 or more exits with code 1.
    #[arg(long, value_name = "'METHOD TARGET'", help_heading = "Fetch handlers")]
    pub(crate) request: Option<String>,

    /// The request's body; `@FILE` reads it from a file
    #[arg(long, value_name = "DATA", requires = "request", help_heading = "Fetch handlers")]
    pub(crate) body: Option<String>,

    /// A request header, `Name: value`; repeatable
    #[arg(
        long = "header",
        short = 'H',
        value_name = "'NAME: VALUE'",
        requires = "request",
        help_heading = "Fetch handlers"
    )]
    pub(crate) headers: Vec<String>,

    /// Let `fetch` reach HOST (`api.example.com`, `*.example.com`, `host:8080`, an IP); repeatable
    ///
    /// Without it the code has no network at all. Redirects are checked hop by hop; a private
    /// or loopback address is reachable only when listed explicitly (not through a wildcard).
    #[arg(long = "allow-net", value_name = "HOST[:PORT]", value_delimiter = ',', help_heading = "Network")]
    pub(crate) allow_net: Vec<String>,

    /// Add a header to requests to HOST, outside the sandbox: `HOST: Name=VALUE`; repeatable
    ///
    /// `$VAR` in VALUE is read from this environment when the request is made. The code never
    /// sees the header, and its value is scrubbed from responses and from all output.
    #[arg(long = "inject-header", value_name = "'HOST: NAME=VALUE'", help_heading = "Network")]
    pub(crate) inject_headers: Vec<String>,

    /// Print each outbound request (method, URL without query values, status, bytes) to stderr
    #[arg(long, help_heading = "Network")]
    pub(crate) outbound_log: bool,

    /// Most outbound requests per run, redirects included
    #[arg(long, value_name = "N", default_value_t = 50, help_heading = "Network")]
    pub(crate) max_subrequests: usize,

    /// Do not show the code's console output
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Also print how the input was read and the run's measurements (to stderr)
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,

    #[command(flatten)]
    pub(crate) dependencies: DependencyArgs,

    #[command(flatten)]
    pub(crate) tools: ToolArgs,

    #[command(flatten)]
    pub(crate) calls: ToolCallArgs,

    /// Show the arguments of each tool call in --verbose and in --json's `tool_calls`
    #[arg(long, help_heading = "Tools")]
    pub(crate) log_tool_args: bool,

    /// Also write the TypeScript declarations of the granted tools (`interface Env`) to FILE
    #[arg(long, value_name = "FILE", help_heading = "Tools")]
    pub(crate) types_out: Option<PathBuf>,
}

/// The compatibility date and flags of `sandbox run` and `sandbox bundle`.
#[derive(Debug, Args)]
pub(crate) struct CompatibilityArgs {
    /// The compatibility date, YYYY-MM-DD: workerd's behaviour as of that day [default: the
    /// module map's or the wrangler config's, else the newest this runtime implements, shown by
    /// `sandbox --version`]
    ///
    /// It wins over `compatibilityDate` in a module map and `compatibility_date` in
    /// wrangler.json, wrangler.jsonc or wrangler.toml. Node.js compatibility (`nodejs_compat`)
    /// is on from 2026-08-04, and `eval` at a module's top level from 2025-06-01, as in workerd.
    /// A date newer than this runtime is refused, as workerd refuses one newer than itself.
    #[arg(long, value_name = "DATE", help_heading = "Compatibility")]
    pub(crate) compatibility_date: Option<String>,

    /// A compatibility flag, as workerd names them (`nodejs_compat`, `no_nodejs_compat`); repeatable
    /// [default: the module map's or the wrangler config's]
    ///
    /// The flags given here replace the module map's `compatibilityFlags` and the wrangler
    /// config's `compatibility_flags` (they are not added to them). An unknown or experimental
    /// flag, a flag given twice, or a flag with its opposite is refused, as workerd refuses it.
    #[arg(long = "compatibility-flag", value_name = "FLAG", help_heading = "Compatibility")]
    pub(crate) compatibility_flags: Vec<String>,
}

/// How `sandbox run` and `sandbox bundle` build a project's files into modules.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// One module per file, import specifiers rewritten, instead of one bundled module
    ///
    /// Nothing is merged, renamed or left out: circular imports, live bindings and evaluation
    /// order are the runtime's own. Named imports of CommonJS go through a small ES module
    /// that reads them from `module.exports`.
    #[arg(long, help_heading = "Bundling")]
    pub(crate) no_bundle: bool,

    /// Replace a global name or member chain with a JavaScript expression: KEY=VALUE; repeatable
    ///
    /// As esbuild's define: `--define DEBUG=false --define 'VERSION="1.2"'`. Names the code
    /// declares itself are left alone. `process.env.NODE_ENV` is "production" unless defined.
    #[arg(long = "define", value_name = "KEY=VALUE", help_heading = "Bundling")]
    pub(crate) defines: Vec<String>,

    /// Leave imports of NAME (and NAME/…) as written, for the runtime; `name/*` patterns; repeatable
    #[arg(long = "external", value_name = "NAME", help_heading = "Bundling")]
    pub(crate) externals: Vec<String>,

    /// The most source one run or bundle may read: all its files together, and stdin [default: 32MB]
    ///
    /// Bundling takes memory in proportion to the source it reads (see the README), so this
    /// bounds it: a project, or code on stdin, that is larger stops with exit code 4 (2 for
    /// stdin and module maps), naming the file that went over.
    #[arg(long, value_name = "SIZE", help_heading = "Bundling")]
    pub(crate) max_source_size: Option<String>,

    /// Prepare every file again: neither read nor write the bundle cache
    ///
    /// By default what bundling makes of each file, and the last bundle of each project, is
    /// kept in the cache directory (`sandbox cache dir`), keyed by the files' contents: a run
    /// over files that did not change skips parsing them (every file is still read and every
    /// import resolved). The map is the same either way.
    #[arg(long, help_heading = "Bundling")]
    pub(crate) no_cache: bool,
}

const BUNDLE_EXAMPLES: &str = concat!(
    "Examples:
  sandbox bundle                           the project in the current directory
  sandbox bundle my-worker -o modules.json
  sandbox bundle src/agent.ts | jq '.modules | keys'
  sandbox bundle . --compatibility-date 2025-06-01 --verbose
  sandbox bundle --no-bundle               one module per file, structure kept
  sandbox bundle --minify --sourcemap
  sandbox bundle --define DEBUG=false --define 'VERSION=\"1.2\"' --external 'node:*'
  sandbox bundle --no-cache                every file prepared again, the bundle cache unused
  sandbox run modules.json                 run what was bundled

What gets bundled:
  The entry (a file given, or in a directory: `main` in wrangler.json, wrangler.jsonc or
  wrangler.toml, else `exports`, `module` or `main` in package.json, else src/index.ts and
  the other usual names) and every file it imports. Imports resolve as Node and TypeScript
  resolve them, packages from node_modules included (run `npm install` first); a file
  outside the project's directory and node_modules is never read. TypeScript and JSX are
  compiled as tsconfig.json says. The files become one ES module, named as the entry with
  `.js`: scope-hoisted, tree-shaken, CommonJS wrapped so default and named imports work;
  JSON and text files are inlined, bytes and WebAssembly stay modules of their own. With
  --no-bundle each file is one module instead, named by its path, import specifiers
  rewritten to module names. `cloudflare:` modules are left to the runtime; a Node.js
  built-in (`node:fs`) is an error unless marked --external. The map is what Worker
  Loader's `env.LOADER.get(id, () => map)` takes.

What is kept:
  What bundling made of each file, and each project's last bundle, in the cache directory
  (`sandbox cache dir`), keyed by the files' contents: a run over files that did not change
  skips parsing them. Every file is still read and every import resolved, and the map is
  the one made without the cache (--no-cache).

",
    exit_codes!()
);

#[derive(Debug, Args)]
pub(crate) struct BundleArgs {
    /// The project directory or its entry file
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) input: PathBuf,

    /// Write the map to FILE instead of stdout (replaced whole, never half-written)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) compatibility: CompatibilityArgs,

    #[command(flatten)]
    pub(crate) build: BuildArgs,

    /// Minify the code with swc's minifier
    #[arg(long, help_heading = "Bundling")]
    pub(crate) minify: bool,

    /// End each JavaScript module with its source map, as a `//# sourceMappingURL=data:` comment
    #[arg(long, help_heading = "Bundling")]
    pub(crate) sourcemap: bool,

    /// Print errors as one JSON object on stdout: {ok: false, error: {code, message, file, line, column, hint}},
    /// the error object of `sandbox run --json`
    #[arg(long)]
    pub(crate) json: bool,

    /// Also print how the entry was found, what was bundled and how long it took (to stderr)
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,

    #[command(flatten)]
    pub(crate) dependencies: DependencyArgs,
}
