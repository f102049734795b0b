//! HTMLRewriter against hostile input under small limits: lol-html's own memory limit turns a
//! huge attribute into workerd's TypeError, deep nesting and many elements run through (or
//! end at the CPU limit when the handlers are too many for it), piled-up rewriters end at the
//! memory limit, and a rewriter left suspended in a handler when the run ends is dropped
//! without harm. Each run has a hang guard.

mod support;

use std::time::Duration;

use executor::{DiscardConsole, Invocation, Limit, Limits, ModuleKind, ModuleSource, Options, RunError, Sandbox};
use support::HangGuard;

fn limits(cpu_ms: u64, memory_mib: usize) -> Limits {
    Limits {
        cpu_time: Duration::from_millis(cpu_ms),
        wall_time: Duration::from_secs(120),
        heap_bytes: memory_mib << 20,
    }
}

fn run_with(code: &str, limits: Limits) -> Result<Option<String>, RunError> {
    let modules = [ModuleSource { specifier: "main.js", kind: ModuleKind::EsModule, code: code.as_bytes() }];
    let sandbox = Sandbox::new(Options { limits, ..Options::default() });
    let _guard = HangGuard::new(&sandbox);
    let outcome = sandbox.run("main.js", &modules, &Invocation::default(), Box::new(DiscardConsole));
    outcome.result.map(|value| value.map(|json| json.get().to_owned()))
}

/// An attribute of 8 MiB in one tag is more than lol-html may buffer (3 MiB, as in workerd):
/// reading the body fails with workerd's TypeError, and the run goes on.
#[test]
fn huge_attribute_is_a_parser_error() {
    let code = "export default async () => {
      const html = '<a href=\"' + 'x'.repeat(8 << 20) + '\">x</a>';
      try {
        await new HTMLRewriter().on('a', { element(el) { el.setAttribute('seen', ''); } }).transform(new Response(html)).text();
        return 'no error';
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    }";
    let result = run_with(code, limits(20_000, 64)).expect("the run ends with a result");
    assert_eq!(result.as_deref(), Some("\"TypeError: Parser error: The memory limit has been exceeded.\""));
}

/// 10,000 nested elements, each matched, run through: lol-html keeps the nesting on the heap,
/// not on its stack. 50,000 are more than its memory limit lets it track, and, as in workerd,
/// reading the body fails with the parser's TypeError.
#[test]
fn deep_nesting_runs_through_or_is_a_parser_error() {
    let code = "export default async () => {
      const nest = async (depth) => {
        const html = '<div>'.repeat(depth) + 'x' + '</div>'.repeat(depth);
        let count = 0;
        try {
          const output = await new HTMLRewriter().on('div', { element(el) { count++; if (count === depth) el.setAttribute('n', 'last'); } })
            .transform(new Response(html)).text();
          return [count, output.includes('<div n=\"last\">x</div>'), output.length];
        } catch (error) {
          return `${error.name}: ${error.message}`;
        }
      };
      return [await nest(10000), await nest(50000)];
    }";
    let result = run_with(code, limits(60_000, 128)).expect("the run ends with a result");
    assert_eq!(
        result.as_deref(),
        Some("[[10000,true,110010],\"TypeError: Parser error: The memory limit has been exceeded.\"]")
    );
}

/// Two million elements, matched by a handler each, under a CPU limit too small for them: the
/// run ends at the CPU limit (the Rust side returns to JavaScript at every handler and every
/// 64 KiB of input). Unclosed, so many would be a parser error as deep nesting is.
#[test]
fn many_elements_end_at_the_cpu_limit() {
    let code = "export default async () => {
      const html = '<p a=1></p>'.repeat(2_000_000);
      let count = 0;
      const stream = new HTMLRewriter().on('p', { element(el) { count += el.getAttribute('a').length; } })
        .transform(new Response(html)).body;
      for await (const chunk of stream) {}
      return count;
    }";
    match run_with(code, limits(300, 256)) {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::CpuTime(Duration::from_millis(300))),
        other => panic!("expected the CPU limit, got {other:?}"),
    }
}

/// Each live rewriter counts its stack and lol-html's buffers against the memory limit, so
/// rewriters piled up (each stopped in a handler that never finishes) end the run there.
#[test]
fn piled_up_rewriters_end_at_the_memory_limit() {
    let code = "export default async () => {
      const keep = [];
      for (;;) {
        const reader = new HTMLRewriter().on('p', { element() { return new Promise(() => {}); } })
          .transform(new Response('<p>x</p>')).body.getReader();
        reader.read();
        keep.push(reader);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }";
    match run_with(code, limits(30_000, 32)) {
        Err(RunError::LimitExceeded(limit)) => assert_eq!(limit, Limit::Memory(32 << 20)),
        other => panic!("expected the memory limit, got {other:?}"),
    }
}

/// A run that returns while a rewriter waits in a handler (its promise never settles) ends
/// normally: the rewriter is resumed to fail and dropped with the run.
#[test]
fn rewriter_suspended_at_the_end_of_a_run_is_dropped() {
    let code = "export default async () => {
      const reader = new HTMLRewriter().on('p', { element() { return new Promise(() => {}); } })
        .transform(new Response('<p>x</p><p>y</p>')).body.getReader();
      reader.read();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'returned';
    }";
    for _ in 0..3 {
        assert_eq!(run_with(code, limits(10_000, 64)).expect("a result").as_deref(), Some("\"returned\""));
    }
}
