//! `sandbox mcp`: a code-mode MCP server. One tool, `execute`, runs the model's code in a
//! fresh isolate from `executor::Pool` (isolates made ahead, a code cache, parallel up to
//! `--threads`), with the tools of `--mcp-config`, `--openapi` and `--service` as typed
//! bindings; its description carries their TypeScript declarations (`sandbox types`), or,
//! when they are large, `search` and `describe` disclose them on demand.
//!
//! `server.rs` is what every call shares, `handler.rs` the rmcp server (tools, calls,
//! approvals), `execute.rs` one run, `pending.rs` runs waiting for an approval, `truncate.rs` cuts results to the budget,
//! `search.rs` finds tools, and `http.rs` serves Streamable HTTP behind bearer tokens
//! (`serve::auth`), an `Origin` check and a body limit. Upstream MCP servers are started once
//! and shared by every call; nothing else outlives a run.

mod execute;
mod handler;
mod http;
mod pending;
mod search;
mod server;
pub(crate) mod settings;
mod truncate;

use std::sync::Arc;
use std::time::Duration;

use crate::exit::ExitStatus;
use crate::output::{Printer, RunDetails};
use crate::report::Report;
use server::Server;
use settings::McpSettings;

pub(crate) fn mcp(settings: McpSettings, printer: Printer) -> ExitStatus {
    let mut secrets = settings.secrets.clone();
    let granted = match crate::tools::Granted::start_any(&settings.tools, &printer) {
        Ok(granted) => granted,
        Err(status) => return status,
    };
    if let Some(granted) = &granted {
        secrets.extend(granted.secrets.iter().cloned());
    }
    let printer = printer.with_secrets(secrets);
    let catalog = granted.as_ref().map(|granted| granted.catalog.clone()).unwrap_or_default();
    let declarations = capabilities::declarations(&catalog, capabilities::DeclarationStyle::Globals);
    let progressive = !catalog.sources.is_empty() && declarations.chars().count() > settings.search_threshold;
    let description = execute_description(&catalog, &declarations, progressive, &settings);
    let pool = match executor::Pool::new(settings.pool) {
        Ok(pool) => pool,
        Err(error) => {
            let report =
                Report::new(ExitStatus::Internal, "internal", format!("Cannot start the isolate threads: {error}"));
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    let server = Arc::new(Server {
        pool,
        code_cache: Arc::new(executor::CodeCache::new(64 << 20)),
        granted,
        options: settings.options,
        compatibility: settings.compatibility,
        approve: settings.tools.approve.clone(),
        approval_timeout: settings.approval_timeout,
        max_result_chars: settings.max_result_chars,
        progressive,
        tools: handler::tools(description, progressive),
        printer,
        quiet: settings.quiet,
        empty: capabilities::Catalog::default(),
    });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("sandbox-mcp-server")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            let report =
                Report::new(ExitStatus::Internal, "internal", format!("Cannot start the server's threads: {error}"));
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    let pending = pending::Pending::new(execute::pending_lifetime(settings.approval_timeout));
    let handler = handler::Handler { server: Arc::clone(&server), pending };
    let status = match settings.listen {
        None => runtime.block_on(serve_stdio(handler)),
        Some(address) => runtime.block_on(http::serve(
            handler,
            address,
            http::Guard {
                tokens: settings.tokens,
                allow_origins: settings.allow_origins,
                max_body: settings.max_body,
                loopback: address.ip().is_loopback(),
            },
        )),
    };
    server.pool.cancel_all();
    server.pool.shutdown();
    runtime.shutdown_timeout(Duration::from_secs(1));
    status
}

/// Serves one client on stdin and stdout until stdin closes (or SIGTERM, Ctrl-C).
async fn serve_stdio(handler: handler::Handler) -> ExitStatus {
    use rmcp::ServiceExt as _;
    let printer = handler.server.printer;
    let quiet = handler.server.quiet;
    let running = match handler.serve(rmcp::transport::stdio()).await {
        Ok(running) => running,
        Err(error) => {
            let report = Report::new(
                ExitStatus::Failure,
                "mcp-handshake",
                format!("The MCP client's handshake failed: {error}"),
            );
            printer.report(&report, RunDetails::default());
            return report.status;
        }
    };
    if !quiet {
        printer.log_line(&serde_json::json!({"event": "serving", "transport": "stdio"}).to_string());
    }
    tokio::select! {
        _ = running.waiting() => {}
        () = crate::serve::shutdown_signal() => {}
    }
    ExitStatus::Success
}

/// `execute`'s description: what the code may use, the rules, and the declarations of every
/// tool (or, with `search` and `describe`, the sources only).
fn execute_description(
    catalog: &capabilities::Catalog,
    declarations: &str,
    progressive: bool,
    settings: &McpSettings,
) -> String {
    let limits = &settings.options.limits;
    let node = if settings.compatibility.nodejs_compat() {
        "Node.js built-in modules may be imported (`import { createHash } from \"node:crypto\"`); npm packages may not"
    } else {
        "imports of Node.js built-ins and npm packages are not available"
    };
    let network = if settings.options.outbound.allow.is_empty() {
        "`fetch` reaches no network".to_owned()
    } else {
        let hosts: Vec<String> = settings.options.outbound.allow.iter().map(ToString::to_string).collect();
        format!("`fetch` reaches only {}", hosts.join(", "))
    };
    let mut text = format!(
        "Run TypeScript or JavaScript in a fresh V8 isolate (the Workers runtime's APIs: fetch, crypto, URL, TextEncoder, structuredClone, timers, console) and get its result.\n\n\
         Rules:\n\
         - Write statements whose last expression, or `return`, is the result (top-level `await` works), an async arrow function, or a module with a default export. TypeScript types are fine.\n\
         - Return plain JSON data (objects, arrays, strings, numbers); return only what you need, results over {} characters are truncated.\n\
         - Nothing is kept between calls: each call starts from nothing; pass state in the code.\n\
         - {node}; {network}; the host's files and processes are out of reach.\n\
         - Each call may use {} of CPU time and {} in all; console.log output is returned too.\n\
         - Errors come back with the line and column in your code.\n",
        settings.max_result_chars,
        executor::format_duration(limits.cpu_time),
        executor::format_duration(limits.wall_time),
    );
    if catalog.sources.is_empty() {
        text.push_str("\nNo tools are granted: only the runtime's own APIs.\n");
        return text;
    }
    text.push_str("- Call tools as the globals below, with `await`, e.g. `const r = await source.tool({...})`; calls can run in parallel with Promise.all. A failed call throws.\n");
    if progressive {
        let sources: Vec<String> = catalog
            .sources
            .iter()
            .map(|source| {
                let about =
                    source.description.as_deref().map(|about| format!(": {}", first_line(about))).unwrap_or_default();
                format!("- `{}` ({} tools){about}", source.name, source.tools.len())
            })
            .collect();
        text.push_str(&format!(
            "\nThe tools are too many to list here. Sources (each a global object of async methods):\n{}\n\nFind tools with `search` and read their types with `describe` before calling them.\n",
            sources.join("\n")
        ));
    } else {
        text.push_str(&format!("\nThe tools, as TypeScript declarations:\n\n```ts\n{}```\n", declarations));
    }
    text
}

fn first_line(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default();
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(160).collect::<String>())
    } else {
        line.to_owned()
    }
}
