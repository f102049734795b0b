//! What one tool call costs from inside the sandbox when the host answers in process (an
//! embedder's Rust `ToolHost` that echoes its argument): the code makes CALLS sequential
//! calls and times them with `performance.now()`; the figure is the median over RUNS runs of
//! the time per call, for a small argument and for a 10 KB one. `bench/tools` runs this
//! beside its stdio MCP and HTTP figures.
//!
//!     cargo bench -p executor --bench tools
//!
//! Prints a Markdown table for `bench/runs/`.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::sync::Arc;

use executor::{
    DiscardConsole, Invocation, ModuleKind, ModuleSource, Options, Sandbox, ToolBinding, ToolCall, ToolContext,
    ToolFuture, ToolHost, ToolLimits, ToolSpec,
};

const CALLS: usize = 1_000;
const RUNS: usize = 15;

struct Echo;

impl ToolHost for Echo {
    fn call(&self, call: ToolCall, _context: ToolContext) -> ToolFuture {
        let arguments = call.arguments;
        Box::pin(async move { Ok(arguments) })
    }
}

/// Milliseconds per call in one run of CALLS calls of `call` (after 20 to warm up).
fn per_call(call: &str) -> f64 {
    let code = format!(
        "export default async (env) => {{
           for (let i = 0; i < 20; i++) {{ {call} }}
           const start = performance.now();
           for (let i = 0; i < {CALLS}; i++) {{ {call} }}
           return (performance.now() - start) / {CALLS};
         }}"
    );
    let binding = ToolBinding { name: "t".into(), tools: vec![ToolSpec { name: "echo".into() }], host: Arc::new(Echo) };
    let options = Options {
        tools: vec![binding],
        tool_limits: ToolLimits { max_calls: (CALLS + 20) as u32, ..ToolLimits::default() },
        ..Options::default()
    };
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let outcome = Sandbox::new(options).run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    let result = outcome.result.expect("the bench's run succeeds").expect("the run returns a number");
    result.get().parse().expect("a number of milliseconds")
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let big = "x".repeat(10_000);
    let rows = [
        ("in-process `ToolHost` (echo), small argument", "await env.t.echo({ message: 'hi' });".to_owned()),
        (
            "in-process `ToolHost` (echo), 10 KB argument and result",
            format!("await env.t.echo({{ message: '{big}' }});"),
        ),
    ];
    println!(
        "| one call, from inside the sandbox ({CALLS} sequential calls per run, median of {RUNS} runs) | per call |"
    );
    println!("|---|---:|");
    for (name, call) in rows {
        let samples: Vec<f64> = (0..RUNS).map(|_| per_call(&call)).collect();
        println!("| {name} | {:.4} ms |", median(samples));
    }
}
